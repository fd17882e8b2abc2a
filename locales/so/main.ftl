# Af-Soomaali. Translated for the project; native speakers who organize are warmly invited
# to review and correct it (see README, "Languages").
#
# Glossary (the words chosen, so that new messages say the same things the same way):
#   committee          guddi (m): guddiga; workplace committee: guddiga goobta shaqada
#   council            gole (m): golaha
#   member             xubin (f): xubinta; after a number: xubnood
#   coordinator        isku-duwe (m): isku-duwaha
#   delegate           wakiil (m): wakiilka; plural wakiillo
#   invite             casuumad (f): casuumadda; invite code: koodhka casuumadda
#   affiliation code   koodhka ku-biirista
#   vouch for          damiin u noqo (X waa damiinka Y)
#   handle             magaca gelitaanka
#   password           ereyga sirta ah
#   meeting            kulan (m): kulanka; emergency meeting: kulan degdeg ah
#   agenda             ajande (m): ajandaha
#   minutes            qoraalka kulanka
#   motion             mooshin (m): mooshinka; move a motion: soo jeedi mooshin
#   vote / ballot      cod, codeyn / codbixin; secret ballot: codbixin qarsoodi ah
#   quorum             kooram (m): kooramka
#   carried / failed   waa la ansixiyay / waa la diiday
#   demand             dalab (m): dalabka; plural dalabyo
#   endorse            taageer (taageero)
#   program            barnaamij (m)
#   action             tallaabo (f): tallaabada; mass action: tallaabo wadajir ah
#   strike             shaqo-joojin (f): shaqo-joojinta
#   walkout            ka-bixid shaqo (f): ka-bixidda shaqada
#   sick-out           fasax-jirro wadajir ah (m)
#   rally              isu-soo-bax (m)
#   boycott            qaaddacaad (m)
#   march              socod dibadbax (m)
#   pledge             ballan (f): ballanta; after a number: ballamood; "I'm in": Waan ku jiraa
#   threshold          xadka (m) (inta loo baahan yahay)
#   workforce          tirada shaqaalaha
#   incident           dhacdo (f): dhacdada
#   raid               duullaan (m): duullaanka
#   detention          xarig (m): xariga
#   enforcement staging  ciidamo isu diyaarinaya (plural): ciidamada isu diyaarinaya
#   attack or threat   weerar ama hanjabaad (m)
#   retaliation        aargoosi (m): aargoosiga
#   false alarm        digniin been ah
#   witness / legal support / support   markhaati / taageero sharci / taageero
#   bulletin           warbixin (f): warbixinta; feed: Wararka
#   notification       ogeysiis (m): ogeysiiska
#   audit log          diiwaanka isbeddellada
#   dashboard          Bogga hore
# Plural forms (CLDR): one (exactly 1) and other. After a number a feminine noun takes its
# counting form (laba xubnood, shan ballamood); a masculine one stays (shan kulan).

## Frame

nav-skip = U gudub qoraalka
nav-label = Hagaha
nav-dashboard = Bogga hore
nav-notifications = Ogeysiisyada
nav-settings = Akoonkaaga
nav-logout = Ka bax
nav-login = Gal
nav-register = Ku biir
language-label = Luqadda
language-en = English
language-es = Español
language-so = Soomaali
language-hmn = Hmoob
live-new = Cusub
live-dismiss = Xir
footer-text = Outnumber ma kaydiyo cinwaannada IP-ga mana weydiiyo magacyada sharciga ah. Iyaga waan ka badannahay.

## Errors

error-title = Wax baa khaldamay
error-status = Khalad { $status }
error-home = Ku noqo bilowga
error-not-found = Lama helin. Ma jiro, ama ma arki kartid.
error-method-not-allowed = Cinwaankani ma aqbalo codsi noocaas ah.
error-payload-too-large = Codsigu aad buu u weyn yahay.
error-request-timeout = Codsigu wuu daahay intuu imanayay. Hubi xiriirkaaga oo isku day mar kale.
error-unsupported-media-type = Codsiga waa in loo diraa sida JSON (Content-Type: application/json).
error-internal = Wax baa ka khaldamay server-ka. Waxba lama beddelin; fadlan isku day mar kale.
error-bad-request = Codsiga lama akhrin karo: { $detail }
error-request-unreadable = Codsiga lama akhrin karo. Hubi cinwaanka iyo waxyaabaha la socda.
error-unauthenticated = Marka hore gal.
error-invalid-credentials = Magaca gelitaanka ama ereyga sirta ah waa khalad.
error-invalid-token = Furaha gelitaanka lama garanayo ama wuu dhacay. Mar kale gal.
error-malformed-json = Qoraalka codsigu JSON sax ah maaha: { $detail }
error-invalid-body = Qoraalka codsigu ma laha meelaha iyo noocyada la filayay: { $detail }
error-rate-limited = Isku dayo aad u badan. Isku day mar kale { $seconds ->
    [one] hal ilbiriqsi
   *[other] { $seconds } ilbiriqsi
} kadib.
error-csrf = Foomkani wuu dhacay. Dib u soo kici bogga oo isku day mar kale.
error-database-unavailable = Kaydka xogta hadda lama heli karo, sidaas darteed waxaad dirtay laga yaabee in aan la kaydin. Hubi, oo isku day mar kale daqiiqad kadib.
error-server-busy = Server-ku wuu mashquulsan yahay mana diiwaangelin tan. Isku day mar kale daqiiqad kadib.
error-conflict = Taasi waxay ka horimanaysaa wax horey u jiray.
error-coordinators-only = Isku-duwayaasha guddiga oo keliya ayaa sameyn kara tan.
error-admins-only = Maamulayaasha server-kan oo keliya ayaa sameyn kara tan.
error-registration-closed = Ku biiriddu waxay u baahan tahay casuumad xubin ka timid. Weydii shaqaale kula shaqeeya oo horey ugu jira.
error-last-coordinator = Guddigu wuxuu u baahan yahay ugu yaraan hal isku-duwe. Marka hore qof kale isku-duwe ka dhig.
error-affiliation-cycle = Taasi waxay gole ka dhigaysaa mid ku biiray naftiisa.
error-already-affiliated = Guddigani horey buu ugu jiray golahaas.
error-already-member = Horey ayaad xubin uga ahayd guddigan.
error-handle-taken = Magacaas gelitaanka waa la qaatay. Mid kale dooro.
error-display-name-taken = Qof guddiga ku jira ayaa horey u isticmaala magacaas. Dooro magac kale oo la muujiyo.
error-invite-expired = Casuumaddani way dhacday. Weydiiso mid cusub.
error-invite-used-up = Casuumaddan waa la isticmaalay inta loo ogolaa. Weydiiso mid cusub.
error-not-a-council = Golayaasha oo keliya ayaa yeelan kara guddiyo ku biiray.
error-wrong-invite-kind = Koodhkani wax kale ayuu u yahay.
error-motion-closed = Codeynta mooshinkan way xiran tahay.
error-already-voted = Horey ayaad u codeysay; codbixinta qarsoodiga ah hal mar ayaa la dhiibtaa.
error-delegates-only = Codeynta miisaanka leh waxaa codeeya wakiillada oo keliya.
error-weighted-needs-council = Golayaasha oo keliya ayaa qabta codeyn miisaan leh.
error-not-affiliated = Guddigu kuma jiro golahaas.
error-not-a-delegate = Qofkaasi maaha wakiilka guddigan ee golahaas.
error-candidate-not-member = Musharixiintu waa inay xubno ka yihiin guddiga.
error-demand-already-adopted = Dalabkan horey ayaa loo ansixiyay.
error-demand-not-adopted = Dalabyada la ansixiyay oo keliya ayaa la taageeri karaa.
error-action-closed = Tallaabadani way dhammaatay: waa la joojiyay, ama waqtigeedii wuu dhacay.
error-pledges-final = Tallaabadu way socotaa: ballamaha hadda waa kama dambays.
error-not-in-scope = Xubnaha guddiyada ay tallaabadani gaarto oo keliya ayaa ballan qaadi kara.
error-not-a-workplace = Guddiga goob shaqo oo keliya ayaa leh shaqaale la qiyaasi karo.

## Validation

invalid-empty = { $field }: waa in la buuxiyaa.
invalid-too-short = { $field } waa inuu ahaadaa ugu yaraan { $min ->
    [one] hal xaraf
   *[other] { $min } xaraf
}.
invalid-too-long = { $field } ugu badnaan wuxuu noqon karaa { $max ->
    [one] hal xaraf
   *[other] { $max } xaraf
}.
invalid-characters = { $field }: waxaa ku jira xarfo aan la oggolayn.
invalid-choice = { $field }: dooro mid ka mid ah: { $allowed }.
invalid-range = { $field } waa inuu u dhexeeyaa { $min } iyo { $max }.
invalid-format = { $field }: qaabkiisu maaha kii la filayay.

## Fields

field-handle = Magaca gelitaanka
field-display-name = Magaca ay kuu arkaan kuwa kale
field-password = Ereyga sirta ah
field-invite = Koodhka casuumadda
field-name = Magaca
field-kind = Nooca
field-workplace-type = Nooca goobta shaqada
field-industry = Qaybta shaqada
field-region = Gobolka
field-label = Calaamadda
field-language = Luqadda
field-role = Doorka
field-max-uses = Imisa qof ayaa isticmaali kara
field-expires-in-hours = Wuu shaqeynayaa (saacado)
field-code = Koodhka
field-code-is = Koodhka: { $code }
field-current-password = Ereyga sirta ah ee hadda
field-new-password = Ereyga sirta ah ee cusub
field-ids = Ogeysiisyada

## Home

home-title = Soo dhawoow
home-heading = Iyaga waan ka badannahay.
home-lead = Outnumber waa meesha ay guddiyada shaqaalaha ee goob shaqo kasta ku kulmaan, wada go'aamiyaan, isku xirmaan qaybaha shaqada iyo gobollada, oo wada dhaqaaqaan.
home-invite-only = Waxaad ku soo biirtaa shaqaale kula shaqeeya oo horey ugu jira: weydiiso casuumad.
home-what = Waxa aad halkan ku sameyn karto
home-point-committees = Guddi ka samee goobtaada shaqada oo soo biiri shaqaalaha aad aaminto.
home-point-councils = Guddigaaga kula xiriiri kuwa kale ee gobolkaaga iyo qaybtaada shaqada adigoo adeegsanaya golayaal.
home-point-safety = Ku biir naanays. Looma baahna magac sharci ah, lambar telefoon ama iimayl.

## Accounts

register-title = Ku biir
setup-title = Samee maamulaha ugu horreeya
setup-lead = Server-kani waa cusub yahay. Akoonka aad hadda sameysid ayaa maamuli doona.
register-with-invite = Shaqaale kula shaqeeya ayaa ku casuumay. Dooro magac gelitaan iyo erey sir ah.
register-needs-invite = Ku biiriddu waxay u baahan tahay koodh casuumad oo ka yimid qof horey xubin u ah.
register-handle-hint = Naanays aad ku gasho: xarfo, tirooyin, dhibic, xariiq iyo xariiq hoose. Maaha magacaaga sharciga ah.
register-display-name-hint = Waxa ay arki doonaan shaqaalaha kula shaqeeya. Bannaan u daa si laguugu muujiyo “Xubin” iyo koodh. Ha noqon naanaysta aad ku gasho: taasi adiga oo keliya ayay kuu gaar tahay.
register-submit = Ku biir
register-privacy = Ma kaydinno cinwaannada IP-ga mana weydiinno magac sharci ah, lambar telefoon ama iimayl.
register-have-account = Akoon ma leedahay? Gal.
login-title = Gal
login-submit = Gal
login-no-account = Weli akoon ma lihid? Ku biir.
settings-title = Akoonkaaga
settings-saved = Waa la kaydiyay.
settings-display-name-hint = Bannaan u daa si laguugu muujiyo { $neutral }.
settings-password = Beddel ereyga sirta ah
settings-submit = Kaydi
settings-data = Xogtaada
settings-export = Soo deji wax kasta oo lagaa kaydiyay (JSON)
settings-delete = Tirtir akoonkaaga
settings-delete-lead = Tan dib looma celin karo. Waxaad ka baxaysaa guddi kasta; waxaa la tirtirayaa jawaabahaaga, codadkaaga furan ee codeymaha weli furan, ballamahaaga tallaabooyinka weli ballamaha ururinaya, ogeysiisyadaada, iimaylkaaga iyo telefoonnadaada. Waxa aad u qortay guddiyadaada (mooshinno, dalabyo, warbixinno, wargelinno) way sii jirayaan, magacaaga la'aan. Haddii aad tahay isku-duwaha ugu dambeeya ee guddi xubno kale leh, marka hore qof kale isku-duwe ka dhig.
settings-delete-submit = Akoonkayga gebi ahaanba tirtir

## Dashboard

dashboard-title = Bogga hore
dashboard-workplaces = Guddiyadaada goobta shaqada
dashboard-no-workplaces = Weli kuma jirtid guddi goob shaqo. Shaqaale kula shaqeeya ka codso casuumad, ama mid aas'aas.
dashboard-found-workplace = Aas'aas guddi goob shaqo
dashboard-councils = Golayaashaada
dashboard-no-councils = Weli midna ma jiro. Marka guddigaagu gole ku biiro, halkan ayuu ka muuqan doonaa.
dashboard-through-affiliation = guddigaaga dhexdiisa
dashboard-found-council = Aas'aas gole
dashboard-have-code = Koodh casuumad ma haysaa?
dashboard-open-code = Fur
dashboard-notifications = Ogeysiisyadii ugu dambeeyay
dashboard-admin = Maamulka server-ka
dashboard-admin-lead = Dadka aas'aasi doona guddi cusub marka hore waxay u baahan yihiin akoon. Casuumad diiwaangelin ayaa u oggolaanaysa inay ku biiraan iyagoon guddi ku biirin.
dashboard-admin-submit = Samee casuumad diiwaangelin
dashboard-all-notifications = Dhammaan ogeysiisyada

## Names of things

role-coordinator = isku-duwe
    .the = isku-duwaha
role-member = xubin
    .the = xubinta
kind-workplace = Guddiga goobta shaqada
kind-council = Gole
kind-member = casuumad xubinnimo
kind-affiliation = koodh ku-biiris
kind-registration = casuumad diiwaangelin
workplace-type-factory = Warshad
workplace-type-depot = Bakhaar gaadiid
workplace-type-warehouse = Bakhaar
workplace-type-office = Xafiis
workplace-type-school = Dugsi
workplace-type-hospital = Isbitaal
workplace-type-other = Kale
members-count = { $count ->
    [one] { $count } xubin
   *[other] { $count } xubnood
}

## Notifications

notifications-title = Ogeysiisyada
notifications-empty = Weli waxba ma jiraan.
notifications-mark-read = Dhammaan u calaamadee kuwo la akhriyay
notifications-older = Kuwii hore
notification-member-joined = Xubin cusub, { $member }, ayaa ku soo biirtay { $committee }.
notification-role-changed = Hadda waxaad tahay { $role_the } { $committee }.
notification-member-removed = Waa lagaa saaray { $committee }.
notification-affiliated = { $committee } wuxuu ku biiray { $council }.
notification-affiliate-joined = { $committee } wuxuu ku biiray { $council }.

## Committees

committee-new-title = Aas'aas guddi
committee-new-kind-hint = Guddiga goobta shaqadu wuxuu isu keenaa shaqaalaha hal goob shaqo. Goluhu wuxuu isu keenaa guddiyada gobol ama qayb shaqo.
committee-new-type-hint = Guddiyada goobta shaqada.
committee-new-industry-example = daryeelka caafimaadka
committee-new-region-example = Minneapolis
committee-new-submit = Aas'aas
committee-affiliates = Guddiyada ku biiray
committee-no-affiliates = Weli guddi kuma soo biirin. Isku-duwaha guddi sii koodh ku-biiris.
committee-let-go = Ka saar golaha
committee-affiliates-private = Goluhu wuxuu arkaa inta xubnood ee guddiyada ku biiray leeyihiin, marnaba ma arko cidda ay yihiin.
committee-councils = Golayaasha
committee-no-councils = Weli kuma jiro gole.
committee-leave-council = Ka bax
committee-join-council = Ku biir gole adigoo isticmaalaya koodhkiisa ku-biirista
committee-join-council-submit = Ku biir golaha
committee-members = Xubnaha
committee-vouched-by = damiinka: { $name }
committee-make-member = Xubin ka dhig
committee-make-coordinator = Isku-duwe ka dhig
committee-remove = Saar
committee-invite = Casuun shaqaale kula shaqeeya
committee-invite-lead = Adiga ayaa damiin u ah qof kasta oo ku soo biira casuumaddaada. Koodhka QR-ka fool ka fool ku tus, ama xiriirka si qarsoodi ah ugu dir.
committee-invite-submit = Samee casuumad
committee-affiliation-code = Koodhka ku-biirista
committee-affiliation-lead = Koodhkan sii isku-duwaha guddi ama gole ku biiraya golahan.
committee-affiliation-submit = Samee koodh ku-biiris
committee-open-invites = Casuumadaha furan
committee-invite-status = la isticmaalay { $uses } ka mid ah { $max }
committee-invite-expires = ilaa { $at }
committee-revoke = Ka noqo
committee-audit-link = Diiwaanka isbeddellada: isbeddel kasta oo guddigan ku dhaca
committee-leave = Ka bax guddigan

## Invites

invite-title = Casuumad
invite-member-to = Casuumad aad ugu biirto { $name }.
invite-affiliation-to = Koodh ku-biiris oo loogu talagalay { $name }.
invite-registration = Casuumad aad ugu biirto Outnumber.
invite-qr-alt = Koodhka QR-ka ee xiriirka casuumadda
invite-scan = Ku sawir kamaradda telefoonka.
invite-link = Xiriirka
invite-validity = { $uses ->
    [one] Hal qof oo kale
   *[other] { $uses } qof oo kale
} ayaa isticmaali kara, ilaa { $at }.
invite-affiliation-how = Isku-duwaha guddiga ku biiraya ayaa koodhkan ku qoraya bogga guddigooda.
invite-already-member = Xubin baad tahay. Koodhkan tus shaqaalaha aad damiinka u tahay.
invite-accept = Ku biir guddiga
invite-register = Ku biir casuumaddan
invite-login = Akoon baan leeyahay

## Audit log

audit-title = Diiwaanka isbeddellada
audit-lead = Isbeddel kasta oo guddigan ku dhaca halkan ayaa lagu diiwaangeliyaa, si xubin kastaa u aragto.
audit-empty = Weli waxba lama diiwaangelin.
audit-newer = Kuwa cusub
audit-older = Kuwii hore
audit-someone = qof
# A member who chose no display name, by a tag that says nothing of their handle.
member-unnamed = Xubin { $tag }
member-former = xubin hore
audit-committee-founded = { $actor } wuxuu aas'aasay { $name }.
audit-member-joined = Xubin cusub, { $subject }, ayaa ku soo biirtay; waxaa damiin u ahaa { $actor }.
audit-member-left = Xubinta { $subject } way ka baxday.
audit-account-deleted = Xubin ayaa tirtirtay akoonkeeda oo ka baxday.
audit-member-removed = { $actor } wuxuu saaray { $subject }.
audit-role-changed = { $actor } wuxuu { $subject } ka dhigay { $role }.
audit-invite-created = { $actor } wuxuu sameeyay { $kind } oo loogu talagalay { $max_uses ->
    [one] hal qof
   *[other] { $max_uses } qof
}.
audit-invite-revoked = { $actor } wuxuu ka noqday { $kind }.
audit-affiliated = { $actor } wuxuu guddiga ku biiriyay { $council }.
audit-affiliate-joined = { $committee } wuxuu ku biiray golahan.
audit-disaffiliated = Guddigu wuxuu ka baxay { $council }.
audit-affiliate-left = { $committee } wuxuu ka baxay golahan.
audit-kind-member = casuumad xubinnimo
audit-kind-affiliation = koodh ku-biiris
audit-kind-registration = casuumad diiwaangelin

## Confirmations

confirm-cancel = Jooji
confirm-leave-title = Ma ka baxaysaa { $committee }?
confirm-leave = Waxaad ku dhowdahay inaad ka baxdo { $committee }. Mar dambe ma arki doontid kulamadeeda, mooshinadeeda, tallaabooyinkeeda ama xubnaheeda, kursi kasta oo wakiil ah oo ay ku siisayna wuu dhammaanayaa.
confirm-leave-then = Si aad dib ugu soo noqoto waxaad u baahan tahay casuumad cusub oo mid ka mid ah xubnaheeda.
confirm-leave-submit = Ka bax { $committee }
confirm-remove-title = Ma ka saartaa { $name }?
confirm-remove = Waxaad ku dhowdahay inaad { $name } ka saarto { $committee }. Mar dambe waxba kama arki doonaan gudaheeda, kursi kasta oo wakiil ah oo ay siisayna wuu dhammaanayaa.
confirm-remove-then = { $name } waxaa loo sheegayaa in la saaray, diiwaanka isbeddelladuna wuxuu muujinayaa inaad adigu samaysay.
confirm-remove-submit = Ka saar { $name }
confirm-promote-title = Ma ka dhigtaa { $name } isku-duwe?
confirm-promote = { $name } wuxuu noqonayaa isku-duwaha { $committee }.
confirm-promote-then = Isku-duwayaashu waxay ka saari karaan xubnaha, beddeli karaan doorarka, ku baaqi karaan tallaabooyin iyo kulamo degdeg ah, uguna hadli karaan guddiga golayaasha. { $name } waa loo sheegayaa.
confirm-promote-submit = Ka dhig { $name } isku-duwe
confirm-demote-title = Ma ka dhigtaa { $name } xubin mar kale?
confirm-demote = { $name } mar dambe ma ahaan doono isku-duwaha { $committee }, wuxuuna ahaanayaa xubin.
confirm-demote-then = { $name } markaas ma saari karo xubnaha, ma beddeli karo doorarka, kuma baaqi karo tallaabooyin iyo kulamo degdeg ah. Waa loo sheegayaa.
confirm-demote-submit = Ka dhig { $name } xubin
done-left = Waad ka baxday { $committee }.
done-removed = { $name } mar dambe xubin kama aha { $committee }.
done-promoted = { $name } hadda waa isku-duwaha { $committee }.
done-demoted = { $name } mar dambe ma aha isku-duwaha { $committee }, wuxuuna ahaanayaa xubin.
dashboard-nothing-waiting = Waxba ku sugayn: cod aad dhiibto ma jiro, kulan aad ka jawaabto ma jiro, tallaabo aad ballan u qaado ma jirto.
dashboard-votes = Codeymaha ku sugaya
dashboard-answer = Kulamada aadan ka jawaabin
