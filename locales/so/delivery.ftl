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
