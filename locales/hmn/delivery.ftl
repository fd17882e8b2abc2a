## Delivery to phones and e-mail

delivery-settings-link = Ntawv ceeb toom rau xov tooj thiab email
delivery-title-page = Ntawv ceeb toom rau xov tooj thiab email
delivery-intro = Xaiv yam uas yuav xa tuaj rau koj thaum Outnumber tsis qhib: ua ntawv ceeb toom rau lub xov tooj no, los yog ua email. Txhua yam ntxiv tos koj hauv koj cov ntawv ceeb toom ntawm no.
delivery-push-heading = Ntawv ceeb toom rau lub xov tooj no
delivery-push-devices = { $count ->
    [0] Tseem tsis tau muaj xov tooj los yog browser twg txais koj cov ntawv ceeb toom.
   *[other] { $count } lub xov tooj los yog browser txais koj cov ntawv ceeb toom.
}
delivery-push-unavailable = Ntawv ceeb toom rau lub xov tooj no xav tau JavaScript thiab ib lub browser uas txhawb nws. Ntawm iPhone, ntxiv Outnumber rau koj lub vijtsam pib ua ntej.
delivery-push-enable = Qhib ntawv ceeb toom rau lub xov tooj no
delivery-push-disable = Kaw ntawv ceeb toom rau lub xov tooj no
delivery-push-on = Ntawv ceeb toom qhib rau lub xov tooj no.
delivery-push-off = Ntawv ceeb toom kaw rau lub xov tooj no.
delivery-push-denied = Koj lub browser thaiv ntawv ceeb toom los ntawm lub vev xaib no. Tso cai rau hauv lub browser qhov chaw teeb tsa vev xaib, ces sim dua.
delivery-push-failed = Qhib tsis tau ntawv ceeb toom rau lub xov tooj no. Sim dua tom qab.
delivery-categories = Yam yuav xa tuaj rau koj
delivery-category = Hom
delivery-channel-push = Xov tooj
delivery-channel-email = Email
delivery-categories-hint = Cov lus qhia txog xwm txheej tsuas xa tuaj rau koj thaum nws ceev (“tab tom muaj tam sim no”). Txhua yam pib qhib tag.
delivery-category-emergency-meetings = Rooj sib tham ceev
delivery-category-actions = Kev tawm tsam (hu, yuav muaj tiag, tso tseg)
delivery-category-incidents = Xwm txheej (lus qhia ceev, daws lawm, thim lawm)
delivery-category-bulletins = Xov xwm
field-email = Email
delivery-email-hint = Xaiv tau. Nws raug khaws zais cia, tsuas yog siv xa yam koj xaiv saum toj no rau koj, thiab tsis qhia rau leej twg tsuas yog koj. Tso tseg khoob kom rho nws tawm.
delivery-email-unavailable = Lub server no tsis xa email.
delivery-title-emergency-meetings = Rooj sib tham ceev
delivery-title-actions = Kev tawm tsam
delivery-title-incidents = Ceeb toom xwm txheej
delivery-title-bulletins = Xov xwm tshiab
delivery-mail-footer = Koj tau txais qhov no vim koj thov Outnumber xa email rau koj txog nws. Yog xav hloov yam koj tau txais:
