## Motions, ballots, delegates, demands and meetings

notification-motion-moved = Mooshin cusub oo ka yimid { $committee }: { $title }. Codkaagu wuu muhiim yahay.
notification-motion-closed = { $committee }: mooshinka “{ $title }”: { $outcome }.
notification-delegate-seated = Hadda waxaad matashaa { $committee } gudaha { $council }.
notification-delegate-unseated = Hadda ma matashid { $committee } gudaha { $council }.
notification-meeting-scheduled = { $committee } wuu kulmayaa: { $title }, { $starts }, { $location }.
notification-emergency-meeting = KULAN DEGDEG AH oo { $committee }: { $title }, { $starts }, { $location }.

outcome-carried = waa la ansixiyay
outcome-failed = waa la diiday
outcome-no-quorum = kooramka lama gaarin
outcome-open = codeyntu way furan tahay

motion-kind-decision = Go'aan
motion-kind-adopt-demand = Ansixi dalab
motion-kind-amend-demand = Wax ka beddel dalab
motion-kind-elect-delegates = Dooro wakiillo
motion-kind-recall = Dib u celi wakiil
motion-kind-endorse-demand = Taageer dalab golaha

audit-demand-drafted = { $actor } wuxuu qabyo ahaan u qoray dalabka “{ $title }”.
audit-demand-adopted = Dalabka “{ $title }” waa la ansixiyay.
audit-demand-amended = Dalabka “{ $title }” wax baa laga beddelay.
audit-demand-endorsed = Guddigu wuxuu taageeray dalabka golaha “{ $title }”.
audit-demand-endorsed-by = { $committee } wuxuu taageeray dalabka “{ $title }”.
audit-motion-moved = { $actor } wuxuu soo jeediyay mooshinka “{ $title }”.
audit-motion-closed = Mooshinka “{ $title }”: { $outcome }.
audit-delegate-seated = { $subject } wuxuu kursi ka qaatay { $council } isagoo matalaya { $committee }.
audit-delegate-recalled = { $subject } dib ayaa looga celiyay { $council }.
audit-delegate-replaced = { $subject } wuxuu ka tagay { $council } doorasho cusub kadib.
audit-delegate-membership-ended = { $subject } hadda kuma fadhiyo { $council } isagoo matalaya { $committee }: xubinnimadiisii way dhammaatay.
audit-delegation-ended = { $subject } hadda kuma fadhiyo { $council }: { $committee } wuxuu ka baxay golaha.
audit-meeting-scheduled = { $actor } wuxuu u qabtay kulanka “{ $title }” { $starts }.
audit-emergency-meeting-called = { $actor } wuxuu ku baaqay kulan degdeg ah: “{ $title }”, { $starts }.
audit-minutes-recorded = { $actor } wuxuu diiwaangeliyay qoraalka kulanka “{ $title }”.
audit-attendance-recorded = { $actor } wuxuu diiwaangeliyay cidda timid “{ $title }”.

demand-event-drafted = Qabyo ahaan ayaa loo qoray.
demand-event-motion-moved = { $committee } wuxuu soo jeediyay: { $kind }.
demand-event-adopted = Waxaa ansixiyay { $committee }.
demand-event-amended = Waxaa wax ka beddelay { $committee }.
demand-event-endorsed = Waxaa taageeray { $committee }.
demand-event-motion-failed = { $committee } wuu codeeyay “{ $kind }”: waa la diiday.
demand-event-motion-no-quorum = { $committee } wuu codeeyay “{ $kind }”: kooramka lama gaarin.

## Pages: motions

committee-parts = Shaqada guddiga
motions-title = Mooshinnada
motions-lead = Xubin kasta ayaa soo jeedin karta mooshin. Xubnuhu way codeeyaan ilaa uu xirmo; natiijadu isla markiiba way dhaqan gashaa.
motions-move = Soo jeedi mooshin
motions-empty = Weli mooshinno ma jiraan.
motion-closes-label = wuxuu xirmayaa
motion-you-voted = waad codeysay
motion-new-title = Soo jeedi mooshin
motion-kind-help-decision = Go'aanka guddiga: waxa uu sameyn doono, ama waxa uu u taagan yahay.
motion-kind-help-adopt-demand = Ansixi dalab qabyo ah, si uu u noqdo dalabka guddiga.
motion-kind-help-amend-demand = Qoraalka dalab ku beddel erayo cusub.
motion-kind-help-elect-delegates = Dooro wakiillada guddiga ee gole. Kuwa la doorto ayaa beddelaya wakiillada hadda halkaas jooga.
motion-kind-help-recall = Isla markiiba wakiil dib uga celi gole.
motion-kind-help-endorse-demand = Guddiga ka dhig mid taageera dalab uu golihiisu ansixiyay.
motion-no-demands = Weli ma jiro dalab la dooran karo.
motion-text-hint = Qoraalka cusub ee dalabka, haddii mooshinku ansaxo.
motion-no-councils = Guddigu weli kuma jiro gole.
motion-no-delegates = Guddigu ma laha wakiillo dib loo celin karo.
ballot-open = Codbixin furan
ballot-secret = Codbixin qarsoodi ah
majority-simple = Aqlabiyad fudud
majority-two-thirds = Saddex meelood laba meel
motion-weighted = Codeyn miisaan leh
motion-weighted-hint = Codka wakiil kastaa wuxuu u dhigmaa shaqaalaha guddiga uu matalo, oo loo qaybiyay wakiilladiisa.
motion-submit = Soo jeedi mooshinka
motion-weighted-tag = Miisaanka shaqaalaha
motion-proposed-text = Qoraalka la soo jeediyay
motion-see-demand = Eeg dalabka
motion-rules = Sida loo go'aamiyo
motion-quorum = Ugu yaraan { $percent }% { $eligible ->
    [one] qofka keliya ee xaqa u leh
   *[other] { $eligible }-ka qof ee xaqa u leh
} waa inay codeeyaan.
majority-rule-simple = Wuxuu ansaxayaa haddii haa ay ka badato maya.
majority-rule-two-thirds = Wuxuu ansaxayaa haddii haa ay noqoto saddex meelood laba meel haa iyo maya marka la isku daro.
motion-turnout = { $turnout } ka mid ah { $eligible } ayaa codeeyay.
motion-turnout-workers = Waxay matalaan { $turnout } ka mid ah { $eligible } shaqaale.
motion-uncounted = { $count ->
    [one] Hal xubin oo ka qayb qaatay weli kuma jirto tirinta: codkeeda ayaa la diiwaangelinayaa, ama server-ku wuu istaagay intii la diiwaangelinayay lamana tirin karin.
   *[other] { $count } xubnood oo ka qayb qaatay weli kuma jiraan tirinta: codadkooda ayaa la diiwaangelinayaa, ama server-ku wuu istaagay intii la diiwaangelinayay lamana tirin karin.
}
motion-quorum-met = kooramka waa la gaaray
motion-your-vote = Codkaaga
motion-secret-explained = Codbixin qarsoodi ah: codkaaga waa la tiriyaa, laakiin marnaba laguma xiro adiga, xitaa kaydka xogta. Hal mar ayaad codeysaa.
motion-open-explained = Codbixin furan: xubnuhu waxay arkaan cidda wixii u codeysay. Waad beddeli kartaa codkaaga ilaa uu xirmo.
motion-secret-voted = Codkaaga qarsoodiga ah waa la dhiibtay. Natiijooyinku waxay soo baxayaan marka codeyntu xirmato.
motion-pick-up-to = Dooro ilaa { $seats }
motion-choice = Doorashadaada
choice-yes = Haa
choice-no = Maya
choice-abstain = Ka aamus
motion-change-vote = Beddel codkayga
motion-vote = Codee
motion-close-now = Hadda xir codeynta
motion-results = Natiijooyinka
motion-results-at-close = Codbixinta qarsoodiga ah waxaa la tiriyaa marka codeyntu xirmato.
motion-elected = la doortay
motion-unfilled = { $count ->
    [one] Hal kursi ayaa bannaan ahaanaya.
   *[other] { $count } kursi ayaa bannaan ahaanaya.
}
motion-tie = Musharixiin ayaa isku codad ku noqday kursiga ugu dambeeya, sidaas darteed waa la bannaan yahay halkii nasiib lagu go'aamin lahaa.
motion-who-voted-how = Cidda wixii u codeysay
motion-blank = codbixin bannaan

field-title = Cinwaanka
field-body = Sharaxaad
field-demand = Dalab
field-demand-id = Dalab
field-text = Qoraal cusub
field-council = Gole
field-council-id = Gole
field-seats = Kuraas
field-candidates = Musharixiin
field-delegate = Wakiil
field-delegate-id = Wakiil
field-ballot = Codbixin
field-closes-at = Codeyntu way xirmaysaa
field-quorum = Kooram
field-quorum-percent = Kooram (boqolkiiba inta xaqa u leh inay codeeyaan)
field-majority = Aqlabiyad
field-choice = Doorasho
field-demand-body = Waxa aan dalbanayno

## Pages: demands, program, delegates

demands-title = Dalabyada
demands-lead = Xubin kasta ayaa qabyo ahaan u qori karta dalab; waxaa lagu ansixiyaa ama wax lagaga beddelaa mooshin.
demands-empty = Weli dalabyo ma jiraan.
demand-status-draft = qabyo
demand-status-adopted = la ansixiyay
demands-draft = Qabyo ahaan u qor dalab
demands-draft-submit = Kaydi qabyada
demand-move-adopt = Soo jeedi in la ansixiyo
demand-move-amend = Soo jeedi wax ka beddel
demand-move-endorse = Soo jeedi in { $committee } uu taageero
demand-endorsements = Cidda taageerta
demand-workers-behind = { $count ->
    [one] Hal shaqaale ayaa taageera dalabkan.
   *[other] { $count } shaqaale ayaa taageera dalabkan.
}
demand-no-endorsements = Weli guddi ma taageerin.
demand-history = Taariikhda
demand-see-motion = mooshinka
program-title = Barnaamijka
program-lead = Dalabyada uu goluhu ansixiyay, iyo inta shaqaale ee taageerta mid kasta iyagoo adeegsanaya taageerada guddiyadooda.
program-empty = Goluhu weli ma ansixin dalab.
program-endorsed-by = Waxaa taageeray
delegates-title = Wakiillada
delegates-lead = Wakiillada waxaa doorta guddigooda, waxaana dib loo celin karaa wakhti kasta.
delegates-ours = Wakiilladayada
delegates-in = gudaha { $council }
delegates-since-label = laga bilaabo
delegates-move-recall = Soo jeedi in dib loo celiyo
delegates-move-election = Soo jeedi doorasho
delegates-seated = Wakiillada fadhiya golahan
delegates-for = oo matalaya { $committee }
confirm-ballot-title = Ma dhiibtaa codbixintaada qarsoodiga ah?
confirm-ballot = “{ $title }” waxaad u codaynaysaa: { $choice }.
confirm-ballot-then = Codbixin qarsoodi ah lama beddeli karo marka la dhiibo: weligeed laguma xiro adiga, sidaa darteed cidna, xitaa adiga, dib uma celin karto.
confirm-ballot-submit = Dhiib codkayga
done-ballot-secret = Codbixintaada qarsoodiga ah ee “{ $title }” waa la dhiibay waana la tiriyay. Lama beddeli karo; natiijooyinku waxay soo baxaan marka codeyntu xirmato.
done-ballot-open = Codkaaga “{ $title }” waa la diiwaangeliyay: { $choice }. Waad beddeli kartaa ilaa codeyntu xirmato.
