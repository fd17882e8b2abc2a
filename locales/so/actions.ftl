## Mass action

action-kind-strike = shaqo-joojin
    .the = shaqo-joojinta
    .gender = feminine
action-kind-walkout = ka-bixid shaqo
    .the = ka-bixidda shaqada
    .gender = feminine
action-kind-sick-out = fasax-jirro wadajir ah
    .the = fasax-jirrada wadajirka ah
    .gender = masculine
action-kind-rally = isu-soo-bax
    .the = isu-soo-baxa
    .gender = masculine
action-kind-boycott = qaaddacaad
    .the = qaaddacaadda
    .gender = feminine
action-kind-march = socod dibadbax
    .the = socodka dibadbaxa
    .gender = masculine

notification-action-called = { $committee } wuxuu ku baaqay { $kind }: { $title }. Ballan qaad haddii aad ku jirto.
notification-action-activated = WAY DHACAYSAA: { $title } waa la fulinayaa. { $pledged ->
    [one] Hal qof ayaa ballan qaaday.
   *[other] { $pledged } qof ayaa ballan qaaday.
}
notification-action-cancelled = { $title } waa la joojiyay.
notification-action-expired = { $title } ma gaarin xadkeeda intaan waqtigeedu iman: { $pledged ->
    [one] hal qof ayaa ballan qaaday.
   *[other] { $pledged } qof ayaa ballan qaaday.
}

audit-action-called = { $actor } wuxuu ku baaqay { $kind }: “{ $title }”.
audit-action-activated = “{ $title }” waxay gaartay xadkeeda, way dhacaysaa, iyadoo ay jiraan { $pledged ->
    [one] hal ballan
   *[other] { $pledged } ballamood
}.
audit-action-cancelled = { $actor } wuxuu joojiyay “{ $title }” ({ $pledged ->
    [one] hal qof ayaa ballan qaaday
   *[other] { $pledged } qof ayaa ballan qaaday
}).
audit-action-expired = “{ $title }” waqtigeedii wuu dhacay iyadoon xadkeeda gaarin ({ $pledged ->
    [one] hal qof ayaa ballan qaaday
   *[other] { $pledged } qof ayaa ballan qaaday
}).
audit-workforce-estimated = { $actor } wuxuu diiwaangeliyay tirada shaqaalaha goobta ee la qiyaasay: { $workforce }.

## Pages

actions-title = Tallaabooyinka
actions-link = Tallaabooyinka
actions-lead = Tallaabo waxay dhacdaa oo keliya marka shaqaale ku filan ay ballan qaadaan. Ballan qaad: “Waan ku jiraa haddii aan ku filannahay”; marka xadka la gaaro way dhacaysaa, qof kastana isla markiiba waa loo sheegaa.
actions-empty = Weli tallaabooyin ma jiraan.
actions-call = Ku baaq tallaabo
actions-call-lead = Deji xadka: waxa “ku filan” macnaheedu yahay. Buuxi hal qayb ama in ka badan; dhammaan waa in la gaaraa.
actions-call-submit = Ku baaq tallaabada
action-starts-field = Waxay dhacaysaa
field-description = Sharaxaad
action-threshold = Xadka
action-threshold-hint = Qayb bannaan u daa haddii aysan khuseyn.
field-threshold-pledges = Ballamaha loo baahan yahay
field-threshold-share-percent = Qaybta xubnaha loo baahan yahay (boqolkiiba)
field-threshold-committees = Guddiyada ay tahay inay ballamo yeeshaan
field-threshold = Xadka
action-public = Tirada ku daabac bog dadweyne
action-public-hint = Qof kasta oo xiriirka haya wuxuu arkaa wadarta, marnaba magac ama goob shaqo.
action-public-breakdown = Bogga dadweynaha, sidoo kale muuji tirada qayb kasta oo shaqo iyo gobol kasta
action-public-breakdown-hint = Qayb shaqo ama gobol leh wax ka yar 5 ballamood marnaba lama magacaabo: waxaa lagu daraa “kuwa kale”.
action-status-gathering = ballamo ayay ururinaysaa
action-status-activated = way socotaa
action-status-cancelled = waa la joojiyay
action-status-expired = waqtigeedii wuu dhacay
action-pledged-count = { $count ->
    [one] { $count } ballan
   *[other] { $count } ballamood
}
action-called-by = waxaa ku baaqay { $committee }
action-starts = Waxay dhacaysaa
# Follows the count of pledges, which the page updates live: the words must not print
# `$pledged`.
action-pledged-of = ka mid ah { $eligible ->
    [one] { $eligible } xubin
   *[other] { $eligible } xubnood
} ayaa ballan qaaday
action-progress-pledges = { $current } ka mid ah { $target ->
    [one] { $target } ballan
   *[other] { $target } ballamood
}
action-progress-share = { $current }% xubnaha, waxaa loo baahan yahay { $target }%
action-progress-committees = { $current } ka mid ah { $target } guddi
action-is-on = Xadka waa la gaaray: tallaabadu way dhacaysaa.
action-pledge-explained = Ballantaadu waxay leedahay: waan ku jiraa haddii aan ku filannahay. Inta xadka la gaarayo waad ka noqon kartaa; intaas kadib waa kama dambays.
action-pledge = Waan ku jiraa
action-pledged-note = Waad ballan qaadday. Waad ka noqon kartaa inta xadka la gaarayo.
action-final-note = Waad ballan qaadday, tallaabaduna way dhacaysaa: ballantaadu waa kama dambays.
action-withdraw = Ballantayda ka noqo
action-not-in-scope = Tallaabadan waxaad u aragtaa guddiga ku baaqay dartiis; waxaa ballan qaada xubnaha goobaha shaqada ay gaarto.
action-cancel = Jooji
action-public-link = Bogga dadweynaha
action-by-committee = Halka ballamuhu ka yimaadeen
action-breakdown-stale = Wadarta kor ku xusan waa toos; kala-qaybintan waa sidii ay ahayd markii bogga la furay.
action-breakdown-reload = Dib u soo kici si aad u aragto tan ugu dambeysay
action-of-workforce = { $pledged } ka mid ah qiyaastii { $workforce } shaqaale
action-workforce-total = Halka tirada shaqaalaha la yaqaan: { $pledged } ka mid ah qiyaastii { $workforce } shaqaale, { $committees ->
    [one] hal goob shaqo gudaheed
   *[other] { $committees } goobood oo shaqo gudahood
}.
action-other-committees = Iyo { $count ->
    [one] hal guddi oo kale
   *[other] { $count } guddi oo kale
}: { $pledged } ayaa ballan qaaday, ka mid ah { $members ->
    [one] { $members } xubin
   *[other] { $members } xubnood
}.
action-by-industry = Qaybaha shaqada
action-by-region = Gobollada
action-unspecified = lama sheegin
public-other-groups = kuwa kale (mid walba ka yar 5)
# Follows the live count of pledges; must not print `$count`.
public-pledged = shaqaale ayaa ballan qaaday
public-committees = { $count ->
    [one] hal goob shaqo gudaheed
   *[other] { $count } goobood oo shaqo gudahood
}
public-footer = Waxaa tiriyay Outnumber. Halkan lama muujiyo lamana kaydiyo magacyo: wadarta oo keliya.
dashboard-actions = Tallaabooyinka aad ku biiri karto
field-estimated-workforce = Tirada shaqaalaha ee la qiyaasay
committee-workforce = Shaqaalaha
committee-workforce-lead = Qiyaastii imisa qof ayaa halkan ka shaqeeya, xubno ha ahaadeen ama yaysan ahaan? Tirada ballamaha ayaa lala barbar dhigaa.
committee-workforce-submit = Kaydi
actions-called-by = waxaa ku baaqay { $committee }
dashboard-you-pledged = Waan ku jiraa
dashboard-actions-under-way = Tallaabooyinka socda
done-pledged = Waad ku jirtaa: “{ $title }”. Ballantaadu waxay xisaabsantaa marka ay idinka ku filan ku jiraan; ilaa markaas waad ka noqon kartaa.
