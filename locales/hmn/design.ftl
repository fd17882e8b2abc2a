# The interface's frame: navigation, confirmations, banners and empty lists.

## Whether it goes ahead: certain only once it is on

action-banner-on = Yuav muaj tiag: { $workers } tus neeg ua haujlwm hauv { $workplaces } qhov chaw ua haujlwm
action-when-on = Yuav muaj rau { $date }.
action-when-more = Yuav muaj rau { $date } yog muaj { $more } tus neeg ua haujlwm ntxiv cog lus.
action-when-threshold = Npaj rau { $date }, thaum txog tus lej yuav tsum tau.
action-when-ended = Tau npaj rau { $date }.
action-when-label-gathering = Npaj rau
action-when-label-activated = Yuav muaj rau
action-when-label-cancelled = Tau npaj rau
action-when-label-expired = Tau npaj rau
actions-empty-member = Thaum koj cov neeg npaj hu ib qho, nws yuav tshwm ntawm no thiab koj yuav raug qhia.
feed-empty-next = Xov xwm los ntawm koj cov pawg neeg thiab cov pawg sab laj uas lawv koom yuav tshwm ntawm no.
delegates-none = Tseem tsis tau muaj neeg sawv cev: pawg neeg xaiv lawv nrog ib qho lus tswv yim.
delegates-none-seated = Tseem tsis tau muaj neeg sawv cev zaum ntawm no. Cov pawg neeg uas koom xaiv lawv.

## Navigation, confirmations and empty lists (the interface's frame)

tab-dashboard = Nplooj pib
tab-feed = Xov xwm
tab-notifications = Ntawv ceeb toom
tab-settings = As khauj
done-withdrawn = Koj cov lus cog tseg tau thim lawm.
done-alert-sent = Ceeb toom tau xa lawm. Cov tswv cuab nyob ze tab tom raug qhia tam sim no.
done-confirmed = Ua tsaug: koj qhov kev lees paub tau suav lawm.
empty-back-to-committee = Rov qab mus rau pawg neeg
empty-your-committees = Koj cov pawg neeg
dashboard-start-here = Pib ntawm koj qhov chaw ua haujlwm
dashboard-no-actions = Tsis muaj kev tawm tsam twg tab tom sau lus cog tseg. Thaum koj pawg neeg los yog ib pawg sab laj hu ib qho, nws yuav tshwm ntawm no.
meetings-not-answered-tag = Tsis tau teb
