# The interface's frame: navigation, confirmations, banners and empty lists.

## Whether it goes ahead: certain only once it is on

action-banner-on = Way dhacaysaa: { $workers ->
    [one] { $workers } shaqaale
   *[other] { $workers } shaqaale
} oo jooga { $workplaces ->
    [one] { $workplaces } goob shaqo
   *[other] { $workplaces } goobood shaqo
}
action-when-on = Waxay dhacaysaa { $date }.
action-when-more = Waxay dhacaysaa { $date } haddii { $more ->
    [one] hal shaqaale oo kale ballan qaado
   *[other] { $more } shaqaale oo kale ballan qaadaan
}.
action-when-threshold = Waxaa loo qorsheeyay { $date }, marka xadka la gaaro.
action-when-ended = Waxaa loo qorsheeyay { $date }.
action-when-label-gathering = Waxaa loo qorsheeyay
action-when-label-activated = Waxay dhacaysaa
action-when-label-cancelled = Waxaa loo qorsheeyay
action-when-label-expired = Waxaa loo qorsheeyay
actions-empty-member = Marka isku-duwayaashaadu ku baaqaan mid, halkan ayay ka muuqanaysaa waana laguu sheegayaa.
feed-empty-next = Warbixinaha guddiyadaada iyo golayaasha ay ka tirsan yihiin halkan ayay ka muuqdaan.
delegates-none = Weli wakiillo ma jiraan: guddigu wuxuu ku doortaa mooshin.
delegates-none-seated = Weli wakiil halkan fadhiya ma jiro. Guddiyada ku biiray ayaa dooranaya.

## Navigation, confirmations and empty lists (the interface's frame)

tab-dashboard = Bogga hore
tab-feed = Wararka
tab-notifications = Ogeysiisyada
tab-settings = Akoonka
done-withdrawn = Ballantaada waad ka noqotay.
done-alert-sent = Digniinta waa la diray. Xubnaha kuu dhow hadda ayaa loo sheegayaa.
done-confirmed = Mahadsanid: xaqiijintaada waa la tiriyay.
empty-back-to-committee = Ku noqo guddiga
empty-your-committees = Guddiyadaada
dashboard-start-here = Ka bilow goobtaada shaqada
dashboard-no-actions = Ma jirto tallaabo ballamo ururinaysa. Marka guddigaagu ama gole ku baaqo mid, halkan ayay ka muuqanaysaa.
meetings-not-answered-tag = Lagama jawaabin
