## Offline: what the phone keeps, and the pages worth keeping

offline-title = Internet kuma xirnid
offline-lead = Outnumber hadda ma gaari karo server-ka. Hubi xiriirkaaga. Boggagan waxay ku kaydsan yihiin telefoonkan, weli waad akhrin kartaa:
offline-saved = Waxaa lagu kaydiyay telefoonkan
offline-nothing = Weli waxba laguma kaydin telefoonkan. Boggaga waa la kaydiyaa marka aad furto adigoo internet ku xiran.
offline-retry = Isku day mar kale
offline-banner = Internet kuma xirnid.
offline-banner-saved = Nuqulkan waxaa lagu kaydiyay telefoonkan
offline-banner-stale = Waxaa laga yaabaa inuu duugoobay, wax aad dirtona ma shaqaynayaan ilaa aad internet-ka dib ugu xiranto.

## Contacts

contacts-title = Xiriirada
contacts-title-of = Xiriirada: { $committee }
contacts-lead = Cidda la la xiriiro. Boggan sidoo kale waxaa lagu kaydiyaa telefoonkaaga marka aanu internet jirin, sidaa darteed wuxuu magacaabaa oo keliya isku-duwayaasha iyo wakiillada iyo khadadka ay isku-duwayaashu dhigaan: marnaba xubnaha ama xogtooda.
contacts-lines = Khadadka la wacayo
contacts-no-lines = Weli khad lama dhigin.
contacts-coordinators = Isku-duwayaasha
contacts-delegates = Wakiillada
contacts-rights-link = Ogow xuquuqdaada: duullaan, xarig, aargoosi
contacts-add-heading = Dhig khad
contacts-add-note = Dhig oo keliya khadad qof kastaa ogaan karo, sida khadka caawimaadda sharciga ama lambarka jawaab-celinta degdegga ah, marnaba telefoonka ama cinwaanka xubin: boggan wuxuu ku jiraa telefoonnada xubnaha, telefoonna waa la qaadan karaa.
contacts-add = Dhig khadka
contacts-remove = Ka saar
contacts-remove-line = Ka saar { $label }
field-contact-label = Waa maxay (tusaale ahaan, khadka caawimaadda sharciga)
field-contact-value = Lambar ama cinwaan
error-too-many-contact-lines = Guddigu wuxuu dhigay inta khad ee bogga xiriiradu qaadi karo. Marka hore mid ka saar.
audit-contact-line-added = { $actor } wuxuu dhigay khadka xiriirka “{ $title }”.
audit-contact-line-removed = { $actor } wuxuu ka saaray khadka xiriirka “{ $title }”.

## Log out everywhere

settings-everywhere = Ka bax meel kasta
settings-everywhere-lead = Wuxuu soo afjaraa gelitaan kasta oo akoonkaaga, telefoonkan iyo qalab kasta oo kale, furayaasha API-ga iyo xiriirinta kalandarka, wuxuuna joojiyaa ogeysiisyada telefoon kasta (mar kale halkan ka shid markaad dib u gasho): telefoon lumay ama la qaatay awgii. Qalab boggag u kaydiyay akhris internet la'aan ah wuu tirtiraa marka xiga ee uu xirmo.
settings-everywhere-submit = Ka bax meel kasta

## Know your rights

home-rights = Ogow xuquuqdaada: duullaan, xarig, aargoosi
rights-title = Ogow xuquuqdaada
rights-lead = Qodobbo kooban oo loogu talagalay duullaan, xarig ama aargoosi shaqada. Boggan wuxuu ku kaydsan yahay telefoonkaaga, waana la akhrin karaa xiriir la'aan.
rights-not-advice = Tani waa macluumaad guud, ma aha talo sharci. Sharciyadu way ku kala duwan yihiin dalalka iyo gobollada, wayna isbeddelaan. Markaad awoodo, la hadal qareen ama wac khadka caawimaadda sharciga ee guddigaaga.
rights-always-heading = Meel kasta oo aad joogto
rights-always-silent = Waxaad xaq u leedahay inaad aamusto. Waxaad dhihi kartaa: “Waxaan doonayaa inaan aamuso. Waxaan doonayaa inaan la hadlo qareen.”
rights-always-sign = Ha saxiixin wax aadan akhrin ama aadan fahmin adigoon qareen haysan.
rights-always-lie = Been ha sheegin, warqado been ahna ha tusin. Aamusnaantu way ka nabadgelyo badan tahay jawaab been ah.
rights-always-calm = Deganaaw oo gacmahaaga ku hay meel la arki karo. Ha cararin hana iska caabin, xitaa haddii waxa dhacayaa ay caddaalad darro yihiin.
rights-always-write = Kadib, qor waxa dhacay sida ugu dhakhsaha badan: waqtiga, meesha, magacyada ama lambarrada calaamadaha, gaadiidka, markhaatiyaasha.
rights-raid-heading = Duullaan shaqada ama guriga
rights-raid-door = Kuma waajibin inaad albaabka furto. Kala hadal albaabka dhinaciisa, ama dibadda u bax oo albaabka gadaashaada ka xir.
rights-raid-warrant = Maraykanka, sarkaaladu waxay u baahan yihiin amar baaris oo uu saxiixay garsoore, cinwaanka saxda ahna ku qoran yahay, si ay u galaan guri ama qaybaha gaarka ah ee goobta shaqada iyagoon ogolaansho haysan. Ka codso inay daaqadda kaa tusaan ama albaabka hoostiisa soo mariyaan. Foom uu saxiixay oo keliya sarkaal socdaal kuma filna.
rights-raid-consent = Si cad u dheh: “Anigu ma ogoli baaris.” Haddii ay si kastaba u soo galaan, ha iska caabin; xusuuso waxa ay sameeyaan.
rights-raid-witness = Haddii aysan ku su'aalin, waad daawan kartaa oo duubi kartaa meel fog oo ammaan ah halka sharcigu ogol yahay. Halkan ku soo sheeg duullaan ahaan, si guddigaaga iyo guddiyada kuu dhow ay u yimaadaan markhaati ahaan.
rights-detained-heading = Haddii lagu joojiyo ama lagu xiro
rights-detained-free = Weydii: “Ma bixi karaa?” Haddii haa, si deggan u tag. Haddii kale, waa lagu xiray: dheh waxaad doonaysaa inaad aamusto oo aad qareen rabto.
rights-detained-status = Kuma waajibin inaad ka jawaabto su'aalaha ku saabsan meesha aad ku dhalatay, dhalashadaada ama xaaladdaada socdaalka.
rights-detained-phone = Kuma waajibin inaad furto telefoonkaaga ama cidna u sheegto koodhkiisa. Ku xir koodh halkii aad ka isticmaali lahayd faraha ama wejigaaga, kuwaas oo si fudud laguugu qasbi karo.
rights-detained-plan = Xifdi lambar aad wacdo (qareen, khadka caawimaadda, qof qoyskaaga ka mid ah), oo la heshiis qof aad aaminsan tahay cidda soo qaadaysa carruurta iyo daawooyinka haddii aadan guriga iman.
rights-retaliation-heading = Haddii loo-shaqeeyahaagu aargoosto
rights-retaliation-protected = Dalal badan sharcigu wuxuu ilaaliyaa shaqaalaha wadajir uga shaqeeya mushaharka, badbaadada iyo xaaladaha shaqada, urur shaqaale ha ku jiraan ama yaanay ku jirin. Maraykanka tani waxay daboolaysaa inta badan shaqaalaha shirkadaha gaarka ah, xaaladdooda socdaal kasta oo ay tahay.
rights-retaliation-keep = Kaydi nuqullo jadwalada, warqadaha mushaharka, fariimaha iyo digniinaha. Qor waxa la yiri, cidda tiri, goorta, iyo cidda aragtay.
rights-retaliation-deadline = Muddooyinku way gaaban yihiin. Maraykanka, cabashada Guddiga Qaranka ee Xiriirka Shaqada (NLRB) waa in la gudbiyaa lix bilood gudahood.
rights-retaliation-together = Keligaa ha u wajahin: u sheeg guddigaaga, si aad wadajir uga jawaabtaan.
rights-contacts = Cidda la wacayo
