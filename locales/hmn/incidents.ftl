# Incidents: reports of raids, detentions, staging, attacks and retaliation, and the
# response to them.

incident-kind-raid = kev tuaj ntes neeg
incident-kind-detention = kev ntes kaw
incident-kind-staging = tub ceev xwm tuaj npaj sib sau
incident-kind-attack = kev ntaus los yog kev hem
incident-kind-retaliation = kev ua pauj
incident-kind-other = xwm txheej

notification-incident-reported = { $committee } qhia tias muaj { $incident }: { $summary } ntawm { $location }
notification-incident-reported-brief = { $committee } qhia tias muaj { $incident }. Qhib qhov txuas kom paub tias yog dab tsi thiab nyob qhov twg.
notification-incident-reported-erased = { $committee } tau qhia tias muaj { $incident } (cov ntsiab lus raug rho tawm tom qab lub sij hawm khaws cia).
notification-incident-resolved = Daws lawm: { $incident } uas { $committee } tau qhia.
notification-incident-withdrawn = Ceeb toom txog { $incident } los ntawm { $committee } raug thim vim yog ceeb toom cuav.

error-incident-closed = Xwm txheej no kaw lawm: nws daws lawm, raug thim lawm, los yog nws cov ntsiab lus raug rho tawm lawm.
error-own-report = Koj yog tus qhia qhov no; kev lees paub yog los ntawm lwm tus uas pom thiab.
error-reporter-or-coordinator = Tsuas yog tus tswv cuab uas qhia los yog ib tug neeg npaj ntawm pawg neeg thiaj ua tau qhov no.
error-no-council-above = Tsis muaj pawg sab laj siab dua los nthuav ceeb toom no mus txog.

# The reporter is not named in the audit log: after the retention period nothing may tie a
# person to a report.
audit-incident-reported = Ib tug tswv cuab tau qhia tias muaj { $incident }.
audit-incident-widened = { $actor } tau nthuav ceeb toom txog { $incident } mus siab dua ib theem pawg sab laj (theem { $level }).
audit-incident-resolved = { $actor } tau cim { $incident } tias daws lawm.
audit-incident-withdrawn = { $actor } tau thim ceeb toom txog { $incident } vim yog ceeb toom cuav.

incidents-title = Xwm txheej
incidents-lead = Qhia txog kev tuaj ntes neeg, kev ntes kaw, tub ceev xwm tuaj npaj sib sau, kev ntaus los yog kev hem, los yog kev ua pauj. Txhua tus hauv koj pawg neeg thiab hauv cov pawg neeg ntawm koj cov pawg sab laj yuav tau txais ceeb toom tib pliag; “tam sim no” mus txog lawv cov xov tooj thiab.
incidents-report = Qhia txog ib qho xwm txheej
incidents-no-committee = Koom ib pawg neeg mam qhia tau txog xwm txheej.
incidents-send = Xa ceeb toom
incidents-recent = Cov xwm txheej tsis ntev los no ze koj
incidents-empty = Tsis muaj xwm txheej hauv ob lub lim tiam dhau los.
incidents-all = Tag nrho cov xwm txheej
incident-field-committee = Qhia los ntawm
incident-field-kind = Muaj dab tsi tshwm sim
incident-field-summary = Ib kab lus
incident-field-summary-hint = Yam tib neeg yuav tsum paub los pab. Tsis txhob sau npe.
incident-field-location = Qhov twg
incident-field-location-hint = Ib qho chaw uas tib neeg nrhiav tau: ib lub qhov rooj, ib lub ces kaum, ib lub tsev. Raug rho tawm tom qab lub sij hawm khaws cia.
incident-field-urgency = Yuav tsum muaj neeg tuaj sai npaum li cas
incident-urgency-now = Tam sim no: tuaj yog koj tuaj tau
incident-urgency-soon = Sai sai no: npaj txhij
incident-urgency-info = Rau kev paub xwb
incident-status-open = qhib
incident-status-resolved = daws lawm
incident-status-withdrawn = ceeb toom cuav
incident-reported-by-committee = { $committee } qhia
incident-reported-by = los ntawm { $name }
incident-where = Qhov twg:
incident-erased = Cov ntsiab lus ntawm xwm txheej no raug rho tawm tom qab lub sij hawm khaws cia. Qhov tseem tshuav yog nws hom, lub sij hawm, pawg neeg thiab qhov tshwm sim.
incident-resolved-note = Daws lawm.
incident-withdrawn-note = Ib tug neeg npaj tau thim ceeb toom no vim yog ceeb toom cuav.
incident-confirmations = lees tias lawv pom thiab
incident-role-witness = Tim khawv
incident-role-legal = Kev pab txog kev cai lij choj
incident-role-support = Kev txhawb nqa
incident-confirm = Kuv pom thiab
incident-you-confirmed = Koj tau lees paub qhov lus qhia no.
incident-respond = Teb
incident-respond-as = Kuv tuaj tau ua
incident-sign-up = Sau npe
incident-you-respond = Koj tau sau npe ua: { $role }.
incident-stand-down = Tsis tuaj lawm
incident-resolve = Daws
incident-resolve-note = Thaum kawg muaj dab tsi tshwm sim (xaiv tau)
incident-resolve-button = Cim tias daws lawm
incident-coordinators = Rau cov neeg npaj
incident-widen = Nthuav ceeb toom mus siab dua ib theem pawg sab laj
incident-widen-hint = Mus txog cov pawg neeg ntawm cov pawg sab laj saum koj.
incident-false-alarm = Thim vim yog ceeb toom cuav

incident-title-raid = Kev tuaj ntes neeg
incident-title-detention = Kev ntes kaw
incident-title-staging = Tub ceev xwm tuaj npaj sib sau
incident-title-attack = Kev ntaus los yog kev hem
incident-title-retaliation = Kev ua pauj
incident-title-other = Xwm txheej
field-urgency = Qhov ceev (thaum twg yuav tsum tau neeg)
dashboard-incidents-none = Tsis muaj xwm txheej qhib hauv koj cov pawg neeg.
