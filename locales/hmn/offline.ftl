## Offline: what the phone keeps, and the pages worth keeping

offline-title = Koj tsis muaj internet
offline-lead = Outnumber mus tsis txog lub server tam sim no. Kuaj xyuas koj qhov kev sib txuas. Cov nplooj no tau khaws cia rau hauv lub xov tooj no thiab koj tseem nyeem tau:
offline-saved = Khaws cia rau hauv lub xov tooj no
offline-nothing = Tseem tsis tau muaj dab tsi khaws cia rau hauv lub xov tooj no. Cov nplooj raug khaws cia thaum koj qhib lawv thaum koj muaj internet.
offline-retry = Sim dua
offline-banner = Koj tsis muaj internet.
offline-banner-saved = Daim no tau khaws cia rau hauv lub xov tooj no thaum
offline-banner-stale = Tej zaum nws qub lawm, thiab tsis muaj dab tsi koj xa yuav ua haujlwm txog thaum koj rov muaj internet.

## Contacts

contacts-title = Cov neeg hu tau
contacts-title-of = Cov neeg hu tau: { $committee }
contacts-lead = Yuav hu leej twg. Nplooj no kuj khaws cia rau hauv koj lub xov tooj rau thaum tsis muaj internet, yog li nws tsuas qhia cov neeg npaj thiab cov neeg sawv cev thiab cov xov tooj uas cov neeg npaj muab tso: tsis qhia cov tswv cuab los yog lawv cov ntaub ntawv li.
contacts-lines = Cov xov tooj hu tau
contacts-no-lines = Tseem tsis tau muaj xov tooj muab tso.
contacts-coordinators = Cov neeg npaj
contacts-delegates = Cov neeg sawv cev
contacts-rights-link = Paub koj txoj cai: kev tuaj ntes neeg, kev ntes kaw, kev ua pauj
contacts-add-heading = Muab ib tus xov tooj tso
contacts-add-note = Tsuas muab cov xov tooj uas leej twg los paub tau xwb, xws li xov tooj pab txog kev cai lij choj los yog tus xov tooj pab ceev, tsis txhob muab ib tus tswv cuab tus kheej xov tooj los yog chaw nyob: nplooj no khaws cia rau hauv cov tswv cuab lub xov tooj, thiab lub xov tooj yuav raug txeeb tau.
contacts-add = Muab tus xov tooj tso
contacts-remove = Rho tawm
contacts-remove-line = Rho { $label } tawm
field-contact-label = Nws yog dab tsi (piv txwv, xov tooj pab txog kev cai lij choj)
field-contact-value = Tus xov tooj los yog chaw nyob
error-too-many-contact-lines = Pawg neeg twb muab xov tooj tso puv npo ib nplooj neeg hu tau lawm. Rho ib tus tawm ua ntej.
audit-contact-line-added = { $actor } tau muab tus xov tooj “{ $title }” tso.
audit-contact-line-removed = { $actor } tau rho tus xov tooj “{ $title }” tawm.

## Log out everywhere

settings-everywhere = Tawm txhua qhov chaw
settings-everywhere-lead = Xaus txhua qhov kev nkag ntawm koj tus as khauj, ntawm lub xov tooj no thiab txhua lub cuab yeej, nrog rau cov yuam sij API thiab cov txuas daim ntawv qhia hnub, thiab txhua lub xov tooj yuav tsis tau txais ceeb toom ntxiv lawm (qhib dua ntawm no thaum koj nkag dua): rau thaum lub xov tooj ploj los yog raug txeeb. Lub cuab yeej twg tau khaws nplooj cia nyeem thaum tsis muaj internet yuav muab lawv rho tawm thaum nws txuas dua.
settings-everywhere-submit = Tawm txhua qhov chaw

## Know your rights

home-rights = Paub koj txoj cai: kev tuaj ntes neeg, kev ntes kaw, kev ua pauj
rights-title = Paub koj txoj cai
rights-lead = Cov lus luv luv rau thaum muaj kev tuaj ntes neeg, kev ntes kaw los yog kev ua pauj ntawm chaw ua haujlwm. Nplooj no khaws cia rau hauv koj lub xov tooj thiab nyeem tau thaum tsis muaj internet.
rights-not-advice = Qhov no yog cov ntaub ntawv dav dav, tsis yog kev pab tswv yim txog kev cai lij choj. Kev cai lij choj txawv ntawm ib lub teb chaws mus rau ib lub, ib lub xeev mus rau ib lub, thiab nws hloov. Thaum koj ua tau, tham nrog ib tug kws lij choj los yog hu koj pawg neeg tus xov tooj pab txog kev cai lij choj.
rights-always-heading = Txawm koj nyob qhov twg los xij
rights-always-silent = Koj muaj cai nyob twj ywm. Koj hais tau tias: “Kuv xav nyob twj ywm. Kuv xav tham nrog ib tug kws lij choj.”
rights-always-sign = Tsis txhob kos npe rau dab tsi uas koj tsis tau nyeem los yog tsis to taub yog tsis muaj kws lij choj.
rights-always-lie = Tsis txhob dag thiab tsis txhob qhia ntaub ntawv cuav. Nyob twj ywm muaj kev nyab xeeb dua li teb lus dag.
rights-always-calm = Ua siab tus thiab tso koj ob txhais tes rau qhov chaw uas lawv pom tau. Tsis txhob khiav thiab tsis txhob tiv lawv, txawm yog qhov tshwm sim tsis ncaj ncees los xij.
rights-always-write = Tom qab ntawd, sau tseg qhov tau tshwm sim sai li sai tau: lub sij hawm, qhov chaw, npe los yog tus lej ntawm lawv lub cim, tsheb, tim khawv.
rights-raid-heading = Kev tuaj ntes neeg ntawm chaw ua haujlwm los yog hauv tsev
rights-raid-door = Koj tsis tas yuav qhib qhov rooj. Tham hla qhov rooj, los yog tawm mus sab nraud thiab kaw qhov rooj tom qab koj.
rights-raid-warrant = Nyob hauv Teb Chaws Meskas, cov tub ceev xwm yuav tsum muaj daim ntawv tso cai uas ib tug kws txiav txim kos npe, nrog qhov chaw nyob raug, thiaj nkag tau rau hauv ib lub tsev los yog cov chaw ntiag tug ntawm chaw ua haujlwm yam tsis tau kev tso cai. Hais kom lawv qhia nws hla qhov rais los yog muab nws xa hauv qab qhov rooj. Daim ntawv uas tsuas yog ib tug neeg ua haujlwm txog neeg tsiv teb tsaws chaw kos npe xwb tsis txaus.
rights-raid-consent = Hais kom meej: “Kuv tsis pom zoo kom tshawb.” Yog lawv nkag los txawm li cas los xij, tsis txhob tiv lawv; nco ntsoov tej yam lawv ua.
rights-raid-witness = Yog lawv tsis nug koj, koj saib thiab kaw tau ntawm qhov chaw deb uas muaj kev nyab xeeb qhov twg kev cai lij choj pub. Qhia ntawm no tias yog kev tuaj ntes neeg, kom koj pawg neeg thiab cov pawg neeg nyob ze koj tuaj tau ua tim khawv.
rights-detained-heading = Yog koj raug nres los yog raug ntes kaw
rights-detained-free = Nug: “Kuv puas mus tau?” Yog tau, ces mus zoo zoo. Yog tsis tau, koj raug ntes kaw lawm: hais tias koj xav nyob twj ywm thiab xav tau ib tug kws lij choj.
rights-detained-status = Koj tsis tas yuav teb cov lus nug txog qhov chaw koj yug, koj haiv teb chaws los yog koj txoj cai nyob hauv teb chaws.
rights-detained-phone = Koj tsis tas yuav qhib koj lub xov tooj los yog qhia leej twg nws tus lej zais. Kaw nws nrog tus lej zais es tsis txhob siv ntiv tes los yog koj lub ntsej muag, vim yooj yim yuam tau dua.
rights-detained-plan = Nco ntsoov ib tus xov tooj yuav hu (ib tug kws lij choj, tus xov tooj pab, ib tug neeg hauv koj tsev neeg), thiab pom zoo nrog ib tug neeg koj ntseeg siab tias leej twg yuav tuaj tos cov me nyuam thiab cov tshuaj yog koj tsis rov los tsev.
rights-retaliation-heading = Yog koj tus tswv ntiav ua pauj
rights-retaliation-protected = Nyob rau ntau lub teb chaws, kev cai lij choj tiv thaiv cov neeg ua haujlwm uas ua ke txog nyiaj hli, kev nyab xeeb thiab tej xwm txheej ua haujlwm, txawm muaj koom haum neeg ua haujlwm los tsis muaj. Nyob hauv Teb Chaws Meskas qhov no npog feem ntau cov neeg ua haujlwm hauv cov tuam txhab ntiag tug, txawm lawv txoj cai nyob hauv teb chaws yog li cas los xij.
rights-retaliation-keep = Khaws cov ntawv theej ntawm sij hawm ua haujlwm, daim ntawv nyiaj hli, cov lus xa thiab cov lus ceeb toom. Sau tseg qhov tau hais, leej twg hais, thaum twg, thiab leej twg pom.
rights-retaliation-deadline = Sij hawm kawg luv heev. Nyob hauv Teb Chaws Meskas, kev foob rau National Labor Relations Board yuav tsum xa hauv rau lub hlis.
rights-retaliation-together = Tsis txhob ntsib nws ib leeg: qhia koj pawg neeg, kom nej teb nws ua ke.
rights-contacts = Yuav hu leej twg
