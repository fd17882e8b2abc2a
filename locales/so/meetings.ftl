## Meetings

meetings-link = Kulamada
meetings-title = Kulamada { $committee }
meetings-upcoming = Kuwa soo socda
meetings-none-upcoming = Ma jiraan kulamo soo socda. Qof kasta oo guddiga ku jira ayaa hoos ka qaban kara mid.
meetings-past = Kulamadii hore
meetings-has-minutes = qoraalka kulanka
meetings-emergency = Degdeg
meetings-coming-count = { $count ->
    [one] hal qof ayaa imanaya
   *[other] { $count } qof ayaa imanaya
}
meetings-your-answer = Jawaabtaada: { $answer }
meetings-schedule = Qabo kulan
meetings-field-title = Maxay ku saabsan tahay?
meetings-field-starts = Goorma
meetings-field-location = Halkee
meetings-field-agenda = Ajandaha
meetings-agenda-hint = Hal qodob sadar kasta, ilaa 30. Waad bannaan u dhaafi kartaa.
meetings-emergency-check = Kulan degdeg ah: isla markiiba u dig xubin kasta
meetings-emergency-hint = Oo keliya wax aan sugi karin, sida shaqo-ka-eryid, duullaan ama ka-bixid shaqo. Qof kastaa isla markiiba wuxuu helayaa digniin degdeg ah.
meetings-schedule-submit = Qabo kulanka
meetings-calendar = Kulamada ku dar kalandarka telefoonkaaga
meetings-calendar-lead = Samee xiriirkaaga kalandarka ee gaarka ah oo ku dar kalandarka telefoonkaaga sida rukummo. Kulamada cusub markaas iyagaa halkaas iska soo galaya.
meetings-calendar-privacy = Qof kasta oo xiriirka haysta wuxuu arki karaa kulamada guddigan, sidaas darteed adiga u hay. Shirkadda maamusha kalandarkaaga (Google, Apple) iyaguna way arki doonaan.
meetings-calendar-made = Kani waa xiriirkaaga kalandarka ee gaarka ah. Hal mar oo keliya ayaa la muujinayaa: hadda ku dar.
meetings-calendar-link = Xiriirkaaga kalandarka
meetings-calendar-subscribe = Iska qor telefoonkan
meetings-calendar-how = Android-ka, koobi xiriirka oo ku dar Google Calendar ee shabakadda, qaybta "Other calendars", "From URL". iPhone-ka, taabo badhanka kore.
meetings-calendar-make = Samee xiriirkayga kalandarka
meetings-calendar-again = Samee xiriir cusub
meetings-calendar-replaces = Samaynta xiriir cusub waxay damisaa kii hore, tusaale ahaan haddii telefoonkaagu kaa lumo. Xiriirku wuu joogsanayaa haddii aad ka baxdo guddiga.
meetings-ical-emergency = DEGDEG: { $title }
meetings-ical-details = Faahfaahin: { $link }
meetings-dashboard-title = Kulamada soo socda
meetings-dashboard-none = Ma jiraan kulamo soo socda oo guddiyadaada ah.

meeting-called-by = Waxaa qabtay { $name }
meeting-agenda = Ajandaha
meeting-no-agenda = Weli ajande ma jiro.
meeting-are-you-coming = Ma imanaysaa?
meeting-answer-changeable = Waad beddeli kartaa wakhti kasta.
meeting-not-answered = Weli ma jawaabin.
meeting-who-comes = Cidda imanaysa
meeting-group-yes = Way imanayaan
meeting-group-maybe = Laga yaabee
meeting-group-no = Ma iman karaan
meeting-minutes = Qoraalka kulanka
meeting-no-minutes = Weli qoraal kulan ma jiro.
meeting-minutes-field = Qoraalka kulanka
meeting-minutes-hint = Waxa laga wada hadlay iyo waxa la go'aamiyay. Isku-duwayaasha oo keliya ayaa qori kara; xubin kastaa way akhrin kartaa.
meeting-minutes-submit = Kaydi qoraalka kulanka
meeting-attended = Cidda timid
meeting-attendance-not-recorded = Weli lama diiwaangelin.
meeting-attended-count = { $count ->
    [one] Hal xubin ayaa timid.
   *[other] { $count } xubnood ayaa yimid.
}
meeting-attendance-field = Calaamadee qof kasta oo joogay
meeting-attendance-submit = Kaydi cidda timid

rsvp-yes = Waan imanayaa
rsvp-maybe = Laga yaabee
rsvp-no = Ma iman karo

field-starts-at = Bilowga (maalmo laga bilaabo maanta)
field-location = Goobta
field-agenda = Qodob kasta oo ajandaha ah
field-agenda-items = Tirada qodobbada ajandaha
field-minutes = Qoraalka kulanka
field-status = Jawaabta
field-account-ids = Liiska cidda timid (xubnaha guddiga oo keliya)
done-rsvp = Jawaabtaada “{ $title }”: { $answer }. Waad ku beddeli kartaa bogga kulanka.
