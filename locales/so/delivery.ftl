## Delivery to phones and e-mail

delivery-settings-link = Ogeysiisyada telefoonka iyo iimaylka
delivery-title-page = Ogeysiisyada telefoonka iyo iimaylka
delivery-intro = Dooro waxa ku soo gaaraya marka Outnumber aanu furnayn: ogeysiis ahaan telefoonkan, ama iimayl ahaan. Wax kasta oo kale waxay kugu sugayaan ogeysiisyadaada halkan.
delivery-push-heading = Ogeysiisyada telefoonkan
delivery-push-devices = { $count ->
    [0] Weli ma jiro telefoon ama biraawsar helaya ogeysiisyadaada.
    [one] Hal telefoon ama biraawsar ayaa helaya ogeysiisyadaada.
   *[other] { $count } telefoon ama biraawsar ayaa helaya ogeysiisyadaada.
}
delivery-push-unavailable = Ogeysiisyada telefoonkan waxay u baahan yihiin JavaScript iyo biraawsar taageera. iPhone-ka, marka hore Outnumber ku dar shaashadda hore.
delivery-push-enable = Daar ogeysiisyada telefoonkan
delivery-push-disable = Dami ogeysiisyada telefoonkan
delivery-push-on = Ogeysiisyadu way u daaran yihiin telefoonkan.
delivery-push-off = Ogeysiisyadu way u dansan yihiin telefoonkan.
delivery-push-denied = Biraawsarkaagu wuxuu xannibay ogeysiisyada boggan. Ku oggolow goobta dejinta bogga ee biraawsarka, kadibna isku day mar kale.
delivery-push-failed = Lama daari karin ogeysiisyada telefoonkan. Isku day mar dambe.
delivery-categories = Waxa ku soo gaaraya
delivery-category = Nooca
delivery-channel-push = Telefoon
delivery-channel-email = Iimayl
delivery-categories-hint = Warbixinnada dhacdooyinku waxay ku soo gaaraan oo keliya marka ay degdeg yihiin (“hadda ayay dhacaysaa”). Wax walba marka hore way daaran yihiin.
delivery-category-emergency-meetings = Kulamada degdegga ah
delivery-category-actions = Tallaabooyinka (lagu baaqay, way dhacayaan, waa la joojiyay)
delivery-category-incidents = Dhacdooyinka (warbixinno degdeg ah, la xalliyay, laga noqday)
delivery-category-bulletins = Warbixinnada
field-email = Cinwaanka iimaylka
delivery-email-hint = Ikhtiyaari. Waxaa loo kaydiyaa si sir ah, waxaa loo isticmaalaa oo keliya in laguugu soo diro waxa aad kor ku dooratay, cidna lama tuso adiga mooyee. Bannaan u daa si aad u tirtirto.
delivery-email-unavailable = Server-kani ma diro iimaylo.
delivery-title-emergency-meetings = Kulan degdeg ah
delivery-title-actions = Tallaabo
delivery-title-incidents = Digniin dhacdo
delivery-title-bulletins = Warbixin cusub
delivery-mail-footer = Tan waxaad u helaysaa sababtoo ah waxaad Outnumber ka codsatay inuu kuugu soo diro iimayl. Si aad u beddesho waxa aad hesho:

# One-click unsubscribe: the line before the link at the end of each mail, and the page the link opens.
delivery-mail-unsubscribe-emergency-meetings = Si aadan mar dambe u helin iimaylo ku saabsan kulamada degdegga ah:
delivery-mail-unsubscribe-actions = Si aadan mar dambe u helin iimaylo ku saabsan tallaabooyinka:
delivery-mail-unsubscribe-incidents = Si aadan mar dambe u helin iimaylo ku saabsan dhacdooyinka:
delivery-mail-unsubscribe-bulletins = Si aadan mar dambe u helin iimaylo ku saabsan warbixinnada:
delivery-unsubscribe-ask-emergency-meetings = Ma joojinaysaa iimaylada ku saabsan kulamada degdegga ah?
delivery-unsubscribe-ask-actions = Ma joojinaysaa iimaylada ku saabsan tallaabooyinka?
delivery-unsubscribe-ask-incidents = Ma joojinaysaa iimaylada ku saabsan dhacdooyinka?
delivery-unsubscribe-ask-bulletins = Ma joojinaysaa iimaylada ku saabsan warbixinnada?
delivery-unsubscribe-what = Outnumber mar dambe uma diri doono iimaylo noocan ah cinwaankaaga. Wax kasta oo kale sidooda ayay ahaanayaan: ogeysiisyada taleefankaaga iyo Outnumber, iyo iimaylada kale ee aad dooratay. Iimayladan dib ayaad ugu shidi kartaa dejinta ogeysiisyadaada.
delivery-unsubscribe-confirm = Jooji iimayladan
delivery-unsubscribed-emergency-meetings = Iimaylada ku saabsan kulamada degdegga ah waa la damiyay
delivery-unsubscribed-actions = Iimaylada ku saabsan tallaabooyinka waa la damiyay
delivery-unsubscribed-incidents = Iimaylada ku saabsan dhacdooyinka waa la damiyay
delivery-unsubscribed-bulletins = Iimaylada ku saabsan warbixinnada waa la damiyay
delivery-unsubscribed-text = Mar dambe laguuma soo diri doono iimaylo noocan ah. Ogeysiisyada taleefankaaga iyo Outnumber sidii ay ahaayeen ayay ahaanayaan. Si aad iimayladan dib ugu shido, gal oo fur dejinta ogeysiisyadaada.
