## Mass action

action-kind-strike = kev nres haujlwm
action-kind-walkout = kev tawm ntawm haujlwm
action-kind-sick-out = kev ua ke hu tias mob
action-kind-rally = kev sib sau tawm suab
action-kind-boycott = kev tsis yuav tsis siv
action-kind-march = kev taug kev tawm suab

notification-action-called = { $committee } hu kom muaj { $kind }: { $title }. Cog lus yog koj koom.
notification-action-activated = YUAV MUAJ TIAG: { $title } yuav mus ntxiv. { $pledged } tus neeg tau cog lus.
notification-action-cancelled = { $title } raug tso tseg lawm.
notification-action-expired = { $title } tsis tau txog nws tus lej yuav tsum tau ua ntej txog hnub: { $pledged } tus neeg tau cog lus.

audit-action-called = { $actor } tau hu kom muaj { $kind }: “{ $title }”.
audit-action-activated = “{ $title }” tau txog nws tus lej yuav tsum tau thiab yuav muaj tiag, nrog { $pledged } tus neeg cog lus.
audit-action-cancelled = { $actor } tau tso “{ $title }” tseg ({ $pledged } tus neeg tau cog lus).
audit-action-expired = “{ $title }” tas sij hawm yam tsis tau txog nws tus lej yuav tsum tau ({ $pledged } tus neeg tau cog lus).
audit-workforce-estimated = { $actor } tau sau tseg cov neeg ua haujlwm kwv yees ntawm qhov chaw ua haujlwm: { $workforce }.

## Pages

actions-title = Kev tawm tsam
actions-link = Kev tawm tsam
actions-lead = Ib qho kev tawm tsam tsuas muaj tiag thaum muaj neeg ua haujlwm txaus cog lus. Cog lus tias “Kuv koom yog peb muaj txaus”; thaum txog tus lej yuav tsum tau, nws yuav muaj tiag, thiab txhua tus yuav paub tib zaug.
actions-empty = Tseem tsis tau muaj kev tawm tsam.
actions-call = Hu kom muaj kev tawm tsam
actions-call-lead = Teem tus lej yuav tsum tau: “txaus” txhais li cas. Sau ib feem los yog ntau dua; yuav tsum txog txhua feem.
actions-call-submit = Hu kom muaj kev tawm tsam no
action-starts-field = Nws yuav muaj rau
field-description = Piav qhia
action-threshold = Tus lej yuav tsum tau
action-threshold-hint = Tso ib feem tseg khoob yog tsis siv.
field-threshold-pledges = Cov lus cog tseg yuav tsum tau
field-threshold-share-percent = Feem ntawm cov tswv cuab yuav tsum tau (feem pua)
field-threshold-committees = Cov pawg neeg uas yuav tsum muaj lus cog tseg
field-threshold = Tus lej yuav tsum tau
action-public = Tshaj tawm tus lej rau ntawm ib nplooj ntawv pej xeem
action-public-hint = Txhua tus uas muaj qhov txuas pom tau cov lej tag nrho, tsis pom ib lub npe los yog ib qho chaw ua haujlwm li.
action-public-breakdown = Ntawm nplooj ntawv pej xeem, qhia cov lej raws hom kev lag luam thiab cheeb tsam thiab
action-public-breakdown-hint = Ib hom kev lag luam los yog cheeb tsam uas muaj tsawg dua 5 tus cog lus yeej tsis muab npe qhia: lawv raug suav ua ke hu ua “lwm yam”.
action-status-gathering = tab tom sau lus cog tseg
action-status-activated = muaj tiag lawm
action-status-cancelled = tso tseg lawm
action-status-expired = tas sij hawm lawm
action-pledged-count = { $count } tus cog lus
action-called-by = { $committee } hu
action-starts = Nws yuav muaj rau
# Follows the count of pledges, which the page updates live: the words must not print
# `$pledged`.
action-pledged-of = tus ntawm { $eligible } tus tswv cuab tau cog lus
action-progress-pledges = { $current } ntawm { $target } tus neeg cog lus
action-progress-share = { $current }% ntawm cov tswv cuab, yuav tsum tau { $target }%
action-progress-committees = { $current } ntawm { $target } pawg neeg
action-is-on = Txog tus lej yuav tsum tau lawm: kev tawm tsam yuav muaj tiag.
action-pledge-explained = Koj cov lus cog tseg hais tias: kuv koom yog peb muaj txaus. Ua ntej txog tus lej yuav tsum tau koj thim tau; tom qab ntawd hloov tsis tau lawm.
action-pledge = Kuv koom
action-pledged-note = Koj tau cog lus lawm. Koj thim tau txog thaum txog tus lej yuav tsum tau.
action-final-note = Koj tau cog lus, thiab kev tawm tsam yuav muaj tiag: koj cov lus cog tseg hloov tsis tau lawm.
action-withdraw = Thim kuv cov lus cog tseg
action-not-in-scope = Koj pom kev tawm tsam no vim pawg neeg uas hu nws; tsuas yog cov tswv cuab ntawm cov chaw ua haujlwm uas nws ncav cuag thiaj cog lus.
action-cancel = Tso tseg
action-public-link = Nplooj ntawv pej xeem
action-by-committee = Cov lus cog tseg los qhov twg
action-breakdown-stale = Cov lej tag nrho saum toj no yog tam sim no; qhov faib no yog thaum nplooj ntawv thauj los.
action-breakdown-reload = Thauj dua kom pom qhov tshiab tshaj
action-of-workforce = { $pledged } ntawm kwv yees li { $workforce } tus neeg ua haujlwm
action-workforce-total = Qhov twg paub cov neeg ua haujlwm: { $pledged } ntawm kwv yees li { $workforce } tus neeg ua haujlwm, hauv { $committees } qhov chaw ua haujlwm.
action-other-committees = Thiab { $count } pawg neeg ntxiv: { $pledged } tau cog lus ntawm { $members } tus tswv cuab.
action-by-industry = Raws hom kev lag luam
action-by-region = Raws cheeb tsam
action-unspecified = tsis tau qhia
public-other-groups = lwm yam (txhua yam tsawg dua 5)
# Follows the live count of pledges; must not print `$count`.
public-pledged = tus neeg ua haujlwm tau cog lus
public-committees = hauv { $count } qhov chaw ua haujlwm
public-footer = Outnumber suav. Ntawm no tsis qhia thiab tsis khaws npe: tsuas yog cov lej tag nrho.
dashboard-actions = Kev tawm tsam uas koj koom tau
field-estimated-workforce = Cov neeg ua haujlwm uas kwv yees
committee-workforce = Cov neeg ua haujlwm
committee-workforce-lead = Kwv yees muaj pes tsawg tus neeg ua haujlwm ntawm no, txawm yog tswv cuab los tsis yog? Cov lus cog tseg yuav muab piv rau tus lej no.
committee-workforce-submit = Khaws tseg
actions-called-by = { $committee } tau hu
dashboard-you-pledged = Kuv koom
dashboard-actions-under-way = Kev tawm tsam uas tab tom ua
done-pledged = Koj koom lawm: “{ $title }”. Koj cov lus cog tseg suav thaum nej muaj txaus neeg koom; txog thaum ntawd koj tseem thim tau.
