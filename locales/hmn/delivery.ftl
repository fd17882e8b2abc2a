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

# One-click unsubscribe: the line before the link at the end of each mail, and the page the link opens.
delivery-mail-unsubscribe-emergency-meetings = Yog tsis xav tau email txog rooj sib tham ceev ntxiv lawm:
delivery-mail-unsubscribe-actions = Yog tsis xav tau email txog kev tawm tsam ntxiv lawm:
delivery-mail-unsubscribe-incidents = Yog tsis xav tau email txog xwm txheej ntxiv lawm:
delivery-mail-unsubscribe-bulletins = Yog tsis xav tau email txog xov xwm ntxiv lawm:
delivery-unsubscribe-ask-emergency-meetings = Tsum tsis txhob xa email txog rooj sib tham ceev?
delivery-unsubscribe-ask-actions = Tsum tsis txhob xa email txog kev tawm tsam?
delivery-unsubscribe-ask-incidents = Tsum tsis txhob xa email txog xwm txheej?
delivery-unsubscribe-ask-bulletins = Tsum tsis txhob xa email txog xov xwm?
delivery-unsubscribe-what = Outnumber yuav tsis xa email hom no rau koj ntxiv lawm. Txhua yam seem tseem zoo li qub: cov ntawv ceeb toom hauv koj lub xov tooj thiab hauv Outnumber, thiab lwm cov email uas koj xaiv. Koj rov qhib tau cov email no hauv koj qhov chaw teeb tsa ntawv ceeb toom.
delivery-unsubscribe-confirm = Tsum cov email no
delivery-unsubscribed-emergency-meetings = Email txog rooj sib tham ceev raug kaw lawm
delivery-unsubscribed-actions = Email txog kev tawm tsam raug kaw lawm
delivery-unsubscribed-incidents = Email txog xwm txheej raug kaw lawm
delivery-unsubscribed-bulletins = Email txog xov xwm raug kaw lawm
delivery-unsubscribed-text = Yuav tsis muaj email hom no xa tuaj rau koj ntxiv lawm. Cov ntawv ceeb toom hauv koj lub xov tooj thiab hauv Outnumber tseem zoo li qub. Yog xav rov qhib cov email no, nkag mus thiab qhib koj qhov chaw teeb tsa ntawv ceeb toom.
