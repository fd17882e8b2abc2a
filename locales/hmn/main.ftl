# Lus Hmoob (Hmoob Dawb, RPA). Translated for the project; native speakers who organize are
# warmly invited to review and correct it (see README, "Languages").
#
# Glossary (the words chosen, so that new messages say the same things the same way):
#   committee          pawg neeg; workplace committee: pawg neeg ntawm chaw ua haujlwm
#   council            pawg sab laj
#   member             tswv cuab (tus tswv cuab)
#   coordinator        neeg npaj (tus neeg npaj)
#   delegate           neeg sawv cev (tus neeg sawv cev)
#   coworker           phooj ywg ua haujlwm
#   invite             kev caw; invite code: tus lej caw
#   affiliation code   tus lej koom
#   vouch for          lav (X lav rau Y)
#   handle             npe nkag
#   display name       npe uas lwm tus pom
#   password           lo lus zais
#   account            as khauj
#   meeting            rooj sib tham; emergency meeting: rooj sib tham ceev
#   agenda             cov ntsiab lus yuav tham
#   minutes            ntawv sau tseg ntawm rooj sib tham
#   motion             lus tswv yim; move a motion: tsa ib qho lus tswv yim
#   vote / ballot      pov npav / daim npav; secret ballot: pov npav zais
#   quorum             neeg txaus (tus naj npawb tsawg kawg)
#   carried / failed   dhau lawm / poob lawm
#   demand             kev thov (qhov kev thov)
#   endorse            txhawb
#   program            txoj kev npaj
#   action             kev tawm tsam (kev tawm tsam ua ke)
#   strike             kev nres haujlwm
#   walkout            kev tawm ntawm haujlwm
#   sick-out           kev ua ke hu tias mob
#   rally              kev sib sau tawm suab
#   boycott            kev tsis yuav tsis siv
#   march              kev taug kev tawm suab
#   pledge             lus cog tseg; to pledge: cog lus; "I'm in": Kuv koom
#   threshold          tus lej yuav tsum tau
#   workforce          cov neeg ua haujlwm
#   incident           xwm txheej
#   raid               kev tuaj ntes neeg
#   detention          kev ntes kaw
#   enforcement staging  tub ceev xwm tuaj npaj sib sau
#   attack or threat   kev ntaus los yog kev hem
#   retaliation        kev ua pauj
#   false alarm        ceeb toom cuav
#   witness / legal support / support   tim khawv / kev pab txog kev cai lij choj / kev txhawb nqa
#   bulletin           xov xwm (daim ntawv xov xwm); feed: Xov xwm
#   notification       ntawv ceeb toom
#   audit log          ntawv teev kev hloov
#   dashboard          Nplooj pib
# Plural forms: Hmong has none (CLDR gives no categories); a number is followed by its
# classifier and the noun ("5 tus tswv cuab"), so messages take no `[one]` variant.

## Frame

nav-skip = Hla mus rau cov ntsiab lus
nav-label = Tseem ceeb
nav-dashboard = Nplooj pib
nav-notifications = Ntawv ceeb toom
nav-settings = Koj tus as khauj
nav-logout = Tawm
nav-login = Nkag
nav-register = Koom
language-label = Lus
language-en = English
language-es = Español
language-so = Soomaali
language-hmn = Hmoob
live-new = Tshiab
live-dismiss = Kaw
footer-text = Outnumber tsis khaws IP address thiab tsis nug npe raws cai. Peb coob dua lawv.

## Errors

error-title = Muaj ib yam tsis raug lawm
error-status = Yuam kev { $status }
error-home = Rov qab mus rau thaum pib
error-not-found = Nrhiav tsis tau. Nws tsis muaj, los yog koj tsis pom tau nws.
error-method-not-allowed = Qhov chaw no tsis txais hom kev thov ntawd.
error-payload-too-large = Qhov kev thov loj dhau lawm.
error-request-timeout = Qhov kev thov siv sij hawm ntev dhau mam li los txog. Kuaj xyuas koj qhov kev sib txuas thiab sim dua.
error-unsupported-media-type = Qhov kev thov yuav tsum xa ua JSON (Content-Type: application/json).
error-internal = Muaj ib yam tsis raug ntawm lub server. Tsis muaj dab tsi hloov; thov sim dua.
error-bad-request = Nyeem tsis tau qhov kev thov: { $detail }
error-request-unreadable = Nyeem tsis tau qhov kev thov. Kuaj xyuas qhov chaw nyob thiab nws cov ntsiab.
error-unauthenticated = Nkag ua ntej.
error-invalid-credentials = Npe nkag los yog lo lus zais tsis raug.
error-invalid-token = Tus yuam sij nkag tsis muaj los yog tas sij hawm lawm. Nkag dua.
error-malformed-json = Cov ntawv hauv qhov kev thov tsis yog JSON raug: { $detail }
error-invalid-body = Cov ntawv hauv qhov kev thov tsis muaj cov teb thiab hom raws li xav tau: { $detail }
error-rate-limited = Sim ntau zaus dhau lawm. Sim dua hauv { $seconds } vib nas this.
error-csrf = Daim foos no tas sij hawm lawm. Thauj nplooj no dua thiab sim dua.
error-database-unavailable = Lub chaw khaws ntaub ntawv siv tsis tau tam sim no, yog li tej zaum yam koj xa tuaj tsis tau khaws cia. Kuaj xyuas, thiab sim dua ib pliag tom qab.
error-server-busy = Lub server tsis khoom thiab tsis tau sau qhov no cia. Sim dua ib pliag tom qab.
error-conflict = Qhov ntawd tsis haum nrog ib yam uas twb muaj lawm.
error-coordinators-only = Tsuas yog cov neeg npaj ntawm pawg neeg thiaj ua tau qhov no.
error-admins-only = Tsuas yog cov neeg tswj lub server no thiaj ua tau qhov no.
error-registration-closed = Yuav koom tau yuav tsum muaj kev caw los ntawm ib tug tswv cuab. Nug ib tug phooj ywg ua haujlwm uas twb koom lawm.
error-last-coordinator = Pawg neeg yuav tsum muaj tsawg kawg ib tug neeg npaj. Muab lwm tus ua neeg npaj ua ntej.
error-affiliation-cycle = Qhov ntawd yuav ua rau ib pawg sab laj koom rau nws tus kheej.
error-already-affiliated = Pawg neeg no twb koom pawg sab laj ntawd lawm.
error-already-member = Koj twb yog tswv cuab ntawm pawg neeg no lawm.
error-handle-taken = Lub npe nkag ntawd twb muaj neeg siv lawm. Xaiv lwm lub.
error-display-name-taken = Twb muaj ib tug neeg hauv pawg neeg siv lub npe ntawd lawm. Xaiv lwm lub npe uas lwm tus pom.
error-invite-expired = Qhov kev caw no tas sij hawm lawm. Thov ib qho tshiab.
error-invite-used-up = Qhov kev caw no siv tag lawm. Thov ib qho tshiab.
error-not-a-council = Tsuas yog pawg sab laj thiaj muaj tau pawg neeg los koom.
error-wrong-invite-kind = Tus lej no yog rau lwm yam.
error-motion-closed = Kev pov npav rau lus tswv yim no kaw lawm.
error-already-voted = Koj twb pov npav lawm; pov npav zais tsuas pov tau ib zaug xwb.
error-delegates-only = Hauv kev pov npav muaj qhov hnyav, tsuas yog cov neeg sawv cev thiaj pov npav.
error-weighted-needs-council = Tsuas yog pawg sab laj thiaj muaj kev pov npav muaj qhov hnyav.
error-not-affiliated = Pawg neeg tsis tau koom pawg sab laj ntawd.
error-not-a-delegate = Tus neeg ntawd tsis yog tus neeg sawv cev ntawm pawg neeg no hauv pawg sab laj ntawd.
error-candidate-not-member = Cov neeg sib tw yuav tsum yog tswv cuab ntawm pawg neeg.
error-demand-already-adopted = Qhov kev thov no twb txais yuav lawm.
error-demand-not-adopted = Tsuas yog cov kev thov uas twb txais yuav lawm thiaj txhawb tau.
error-action-closed = Kev tawm tsam no xaus lawm: nws raug tso tseg, los yog tas sij hawm lawm.
error-pledges-final = Kev tawm tsam no yuav muaj tiag lawm: cov lus cog tseg hloov tsis tau lawm.
error-not-in-scope = Tsuas yog cov tswv cuab ntawm cov pawg neeg uas kev tawm tsam no ncav cuag thiaj cog lus tau.
error-not-a-workplace = Tsuas yog pawg neeg ntawm chaw ua haujlwm thiaj muaj cov neeg ua haujlwm los kwv yees.

## Validation

invalid-empty = { $field }: tsis txhob tso tseg khoob.
invalid-too-short = { $field } yuav tsum ntev tsawg kawg { $min } tus ntawv.
invalid-too-long = { $field } ntev tau tshaj plaws { $max } tus ntawv.
invalid-characters = { $field } muaj cov ntawv uas tsis pub siv.
invalid-choice = { $field }: xaiv ib qho ntawm: { $allowed }.
invalid-range = { $field } yuav tsum nyob nruab nrab ntawm { $min } thiab { $max }.
invalid-format = { $field } tsis raws li hom ntawv uas xav tau.

## Fields

field-handle = Npe nkag
field-display-name = Npe uas lwm tus pom
field-password = Lo lus zais
field-invite = Tus lej caw
field-name = Npe
field-kind = Hom
field-workplace-type = Hom chaw ua haujlwm
field-industry = Hom kev lag luam
field-region = Cheeb tsam
field-label = Lub npe cim
field-language = Lus
field-role = Lub luag haujlwm
field-max-uses = Muaj pes tsawg tus neeg siv tau
field-expires-in-hours = Siv tau rau (teev)
field-code = Tus lej
field-code-is = Tus lej: { $code }
field-current-password = Lo lus zais tam sim no
field-new-password = Lo lus zais tshiab
field-ids = Ntawv ceeb toom

## Home

home-title = Txais tos
home-heading = Peb coob dua lawv.
home-lead = Outnumber yog qhov chaw uas cov pawg neeg ua haujlwm ntawm txhua qhov chaw ua haujlwm sib ntsib, txiav txim siab ua ke, sib txuas hla ntau hom kev lag luam thiab cheeb tsam, thiab ua ke tawm tsam.
home-invite-only = Koj koom los ntawm ib tug phooj ywg ua haujlwm uas twb koom lawm: nug nws kom caw koj.
home-what = Yam koj ua tau ntawm no
home-point-committees = Tsim ib pawg neeg ntawm koj qhov chaw ua haujlwm thiab coj cov phooj ywg ua haujlwm uas koj ntseeg siab los koom.
home-point-councils = Txuas koj pawg neeg nrog lwm pawg hauv koj cheeb tsam thiab koj hom kev lag luam los ntawm cov pawg sab laj.
home-point-safety = Koom siv ib lub npe cuav. Tsis tas yuav muaj npe raws cai, xov tooj los yog email.

## Accounts

register-title = Koom
setup-title = Tsim tus neeg tswj thawj zaug
setup-lead = Lub server no tshiab. Tus as khauj uas koj tsim tam sim no yuav tswj nws.
register-with-invite = Ib tug phooj ywg ua haujlwm tau caw koj. Xaiv ib lub npe nkag thiab ib lo lus zais.
register-needs-invite = Yuav koom tau yuav tsum muaj tus lej caw los ntawm ib tug neeg uas twb yog tswv cuab.
register-handle-hint = Ib lub npe cuav rau nkag: cov ntawv, cov lej, cim ".", cim "-" thiab cim "_". Tsis yog koj lub npe raws cai.
register-display-name-hint = Yam koj cov phooj ywg ua haujlwm yuav pom. Tso tseg khoob kom pom ua “Tswv cuab” thiab ib tus lej. Zoo tshaj yog tsis txhob siv koj lub npe nkag: qhov ntawd yog koj li xwb.
register-submit = Koom
register-privacy = Peb tsis khaws IP address thiab tsis nug npe raws cai, xov tooj los yog email.
register-have-account = Twb muaj as khauj lawm? Nkag.
login-title = Nkag
login-submit = Nkag
login-no-account = Tseem tsis tau muaj as khauj? Koom.
settings-title = Koj tus as khauj
settings-saved = Khaws tseg lawm.
settings-display-name-hint = Tso tseg khoob kom pom ua { $neutral }.
settings-password = Hloov lo lus zais
settings-submit = Khaws tseg
settings-data = Koj cov ntaub ntawv
settings-export = Rub txhua yam uas khaws txog koj (JSON)
settings-delete = Rho koj tus as khauj
settings-delete-lead = Qhov no thim rov qab tsis tau. Koj tawm ntawm txhua pawg neeg; koj cov lus teb, koj cov npav qhib hauv kev pov npav uas tseem qhib, koj cov lus cog tseg rau kev tawm tsam uas tseem tab tom sau lus cog tseg, koj cov ntawv ceeb toom, email thiab xov tooj raug rho tawm. Yam koj sau rau koj cov pawg neeg (lus tswv yim, kev thov, xov xwm, tsab ntawv qhia) tseem nyob, tsis muaj koj lub npe. Yog koj yog tus neeg npaj kawg ntawm ib pawg neeg uas muaj lwm tus tswv cuab, muab lwm tus ua neeg npaj ua ntej.
settings-delete-submit = Rho kuv tus as khauj mus tas li

## Dashboard

dashboard-title = Nplooj pib
dashboard-workplaces = Koj cov pawg neeg ntawm chaw ua haujlwm
dashboard-no-workplaces = Koj tseem tsis tau nyob hauv ib pawg neeg ntawm chaw ua haujlwm. Nug ib tug phooj ywg ua haujlwm kom caw koj, los yog tsim ib pawg.
dashboard-found-workplace = Tsim ib pawg neeg ntawm chaw ua haujlwm
dashboard-councils = Koj cov pawg sab laj
dashboard-no-councils = Tseem tsis tau muaj. Thaum koj pawg neeg koom ib pawg sab laj, nws yuav tshwm ntawm no.
dashboard-through-affiliation = los ntawm koj pawg neeg
dashboard-found-council = Tsim ib pawg sab laj
dashboard-have-code = Koj puas muaj tus lej caw?
dashboard-open-code = Qhib
dashboard-notifications = Ntawv ceeb toom tshiab tshaj
dashboard-admin = Kev tswj lub server
dashboard-admin-lead = Cov neeg uas yuav tsim ib pawg neeg tshiab yuav tsum muaj as khauj ua ntej. Ib qho kev caw sau npe cia lawv koom yam tsis tas koom ib pawg neeg.
dashboard-admin-submit = Tsim ib qho kev caw sau npe
dashboard-all-notifications = Tag nrho cov ntawv ceeb toom

## Names of things

role-coordinator = neeg npaj
role-member = tswv cuab
kind-workplace = Pawg neeg ntawm chaw ua haujlwm
kind-council = Pawg sab laj
kind-member = kev caw tswv cuab
kind-affiliation = tus lej koom
kind-registration = kev caw sau npe
workplace-type-factory = Hoobkas
workplace-type-depot = Chaw nres tsheb
workplace-type-warehouse = Tsev khaws khoom
workplace-type-office = Ofis
workplace-type-school = Tsev kawm ntawv
workplace-type-hospital = Tsev kho mob
workplace-type-other = Lwm yam
members-count = { $count } tus tswv cuab

## Notifications

notifications-title = Ntawv ceeb toom
notifications-empty = Tseem tsis tau muaj dab tsi.
notifications-mark-read = Cim txhua yam tias nyeem lawm
notifications-older = Qub dua
notification-member-joined = { $member } tau koom { $committee }.
notification-role-changed = Tam sim no koj yog { $role } ntawm { $committee }.
notification-member-removed = Koj raug tshem tawm ntawm { $committee }.
notification-affiliated = { $committee } tau koom { $council }.
notification-affiliate-joined = { $committee } tau koom { $council }.

## Committees

committee-new-title = Tsim ib pawg neeg
committee-new-kind-hint = Ib pawg neeg ntawm chaw ua haujlwm coj cov phooj ywg ua haujlwm ntawm tib qho chaw ua haujlwm los ua ke. Ib pawg sab laj coj cov pawg neeg ntawm ib cheeb tsam los yog ib hom kev lag luam los ua ke.
committee-new-type-hint = Rau cov pawg neeg ntawm chaw ua haujlwm.
committee-new-industry-example = kev kho mob
committee-new-region-example = Minneapolis
committee-new-submit = Tsim
committee-affiliates = Cov pawg neeg koom
committee-no-affiliates = Tseem tsis tau muaj pawg neeg twg koom. Muab ib tus lej koom rau tus neeg npaj ntawm ib pawg neeg.
committee-let-go = Tshem tawm ntawm pawg sab laj
committee-affiliates-private = Ib pawg sab laj pom tias nws cov pawg neeg koom muaj pes tsawg tus tswv cuab, tsis pom tias lawv yog leej twg.
committee-councils = Cov pawg sab laj
committee-no-councils = Tseem tsis tau koom ib pawg sab laj.
committee-leave-council = Tawm
committee-join-council = Koom ib pawg sab laj siv nws tus lej koom
committee-join-council-submit = Koom pawg sab laj
committee-members = Cov tswv cuab
committee-vouched-by = { $name } lav
committee-make-member = Muab ua tswv cuab
committee-make-coordinator = Muab ua neeg npaj
committee-remove = Tshem tawm
committee-invite = Caw ib tug phooj ywg ua haujlwm
committee-invite-lead = Koj lav rau txhua tus uas koom siv koj qhov kev caw. Qhia tus QR code ntsej muag rau ntsej muag, los yog xa qhov txuas mus ntiag tug.
committee-invite-submit = Tsim kev caw
committee-affiliation-code = Tus lej koom
committee-affiliation-lead = Muab tus lej no rau tus neeg npaj ntawm ib pawg neeg los yog pawg sab laj uas yuav los koom pawg sab laj no.
committee-affiliation-submit = Tsim tus lej koom
committee-open-invites = Cov kev caw uas tseem qhib
committee-invite-status = siv { $uses } ntawm { $max }
committee-invite-expires = txog { $at }
committee-revoke = Thim
committee-audit-link = Ntawv teev kev hloov: txhua yam hloov hauv pawg neeg no
committee-leave = Tawm ntawm pawg neeg no

## Invites

invite-title = Kev caw
invite-member-to = Ib qho kev caw los koom { $name }.
invite-affiliation-to = Ib tus lej koom rau { $name }.
invite-registration = Ib qho kev caw los koom Outnumber.
invite-qr-alt = QR code ntawm qhov txuas caw
invite-scan = Luam nrog lub koob yees duab ntawm xov tooj.
invite-link = Qhov txuas
invite-validity = Tseem muaj { $uses } tus neeg siv tau, txog { $at }.
invite-affiliation-how = Ib tug neeg npaj ntawm pawg neeg uas yuav koom sau tus lej no rau ntawm nplooj ntawv ntawm lawv pawg neeg.
invite-already-member = Koj yog tswv cuab lawm. Qhia tus lej no rau tus phooj ywg ua haujlwm uas koj lav.
invite-accept = Koom pawg neeg
invite-register = Koom siv qhov kev caw no
invite-login = Kuv muaj as khauj lawm

## Audit log

audit-title = Ntawv teev kev hloov
audit-lead = Txhua yam hloov hauv pawg neeg no raug sau tseg ntawm no, rau txhua tus tswv cuab pom.
audit-empty = Tseem tsis tau sau dab tsi tseg.
audit-newer = Tshiab dua
audit-older = Qub dua
audit-someone = ib tug neeg
# A member who chose no display name, by a tag that says nothing of their handle.
member-unnamed = Tswv cuab { $tag }
member-former = tus tswv cuab qub
audit-committee-founded = { $actor } tau tsim { $name }.
audit-member-joined = { $subject } tau koom, { $actor } lav.
audit-member-left = { $subject } tau tawm.
audit-account-deleted = Ib tug tswv cuab tau rho nws tus as khauj thiab tawm lawm.
audit-member-removed = { $actor } tau tshem { $subject } tawm.
audit-role-changed = { $actor } tau muab { $subject } ua { $role }.
audit-invite-created = { $actor } tau tsim { $kind } rau { $max_uses } tus neeg.
audit-invite-revoked = { $actor } tau thim { $kind }.
audit-affiliated = { $actor } tau muab pawg neeg koom rau { $council }.
audit-affiliate-joined = { $committee } tau koom pawg sab laj no.
audit-disaffiliated = Pawg neeg tau tawm ntawm { $council }.
audit-affiliate-left = { $committee } tau tawm ntawm pawg sab laj no.
audit-kind-member = ib qho kev caw tswv cuab
audit-kind-affiliation = ib tus lej koom
audit-kind-registration = ib qho kev caw sau npe

## Confirmations

confirm-cancel = Tso tseg
confirm-leave-title = Puas tawm ntawm { $committee }?
confirm-leave = Koj yuav tawm ntawm { $committee }. Koj yuav tsis pom nws cov rooj sib tham, lus tswv yim, kev tawm tsam los yog tswv cuab ntxiv lawm, thiab lub rooj neeg sawv cev twg uas nws muab rau koj yuav xaus.
confirm-leave-then = Yog xav rov qab los, koj yuav tsum tau ib qho kev caw tshiab los ntawm ib tug ntawm nws cov tswv cuab.
confirm-leave-submit = Tawm ntawm { $committee }
confirm-remove-title = Puas rho { $name } tawm?
confirm-remove = Koj yuav rho { $name } tawm ntawm { $committee }. Nws yuav tsis pom dab tsi hauv pawg neeg ntxiv lawm, thiab lub rooj neeg sawv cev twg uas pawg neeg muab rau nws yuav xaus.
confirm-remove-then = { $name } yuav raug qhia tias nws raug rho tawm lawm, thiab ntawv teev kev hloov yuav qhia tias yog koj ua.
confirm-remove-submit = Rho { $name } tawm
confirm-promote-title = Puas tsa { $name } ua neeg npaj?
confirm-promote = { $name } yuav los ua ib tug neeg npaj ntawm { $committee }.
confirm-promote-then = Cov neeg npaj rho tau tswv cuab tawm, hloov tau cov luag haujlwm, hu tau kev tawm tsam thiab rooj sib tham ceev, thiab sawv cev teb rau pawg neeg hauv pawg sab laj. { $name } yuav raug qhia.
confirm-promote-submit = Tsa { $name } ua neeg npaj
confirm-demote-title = Puas muab { $name } rov ua tswv cuab?
confirm-demote = { $name } yuav tsis yog neeg npaj ntawm { $committee } ntxiv lawm, thiab tseem yog tswv cuab.
confirm-demote-then = Tom qab ntawd { $name } yuav rho tsis tau tswv cuab tawm, hloov tsis tau cov luag haujlwm, thiab hu tsis tau kev tawm tsam thiab rooj sib tham ceev lawm. Nws yuav raug qhia.
confirm-demote-submit = Muab { $name } ua tswv cuab
done-left = Koj tau tawm ntawm { $committee } lawm.
done-removed = { $name } tsis yog tswv cuab ntawm { $committee } lawm.
done-promoted = { $name } tam sim no yog neeg npaj ntawm { $committee }.
done-demoted = { $name } tsis yog neeg npaj ntawm { $committee } lawm, thiab tseem yog tswv cuab.
dashboard-nothing-waiting = Tsis muaj dab tsi tos koj: tsis muaj kev pov npav, tsis muaj rooj sib tham yuav teb, tsis muaj kev tawm tsam yuav cog lus.
dashboard-votes = Kev pov npav tos koj
dashboard-answer = Rooj sib tham uas koj tsis tau teb
