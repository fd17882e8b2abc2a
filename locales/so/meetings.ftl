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

## Beddelidda iyo joojinta shirarka; jadwalka xubinta
meetings-cancelled = Waa la joojiyay
meeting-cancelled-lead = Shirkan waa la joojiyay. Qofna uma baahna inuu yimaado; jawaabaha waa xiran yihiin.
meeting-changed-at = Markii ugu dambeysay ee la beddelay
meeting-change = Beddel shirkan
meeting-change-lead = Haddii aad beddesho waqtiga ama goobta, xubin kasta waa loo sheegayaa. Jadwaluhu iskood ayay isu cusboonaysiiyaan.
meeting-change-submit = Kaydi isbeddellada
meeting-cancel = Jooji
meeting-cancel-lead = Shirku liiska wuu ku jiraa, isagoo lagu calaamadeeyay in la joojiyay, xubin kastana waa loo sheegayaa.
meeting-cancel-button = Jooji shirkan
confirm-cancel-meeting-title = Ma joojinaysaa “{ $title }”?
confirm-cancel-meeting = Waxaad joojinaysaa shirka “{ $title }” ee { $committee }.
confirm-cancel-meeting-then = Xubin kasta waa loo sheegayaa, jadwalkoodana wuxuu ka muuqanayaa in la joojiyay. Dib looma celin karo: si aad u kulantaan, shir cusub qabso.
confirm-cancel-meeting-submit = Jooji shirka
done-meeting-changed = Shirka waa la beddelay. Haddii waqtigiisa ama goobtiisa la beddelay, xubin kasta waa loo sheegay.
done-meeting-cancelled = Shirka waa la joojiyay. Xubin kasta waa loo sheegay.
error-caller-or-coordinator = Xubinta shirkan qabsatay ama isku-duwaha guddiga oo keliya ayaa sameyn kara tan.
error-meeting-cancelled = Shirkan waa la joojiyay.
error-meeting-over = Shirkan wuu dhammaaday: lama beddeli karo.
notification-meeting-rescheduled = { $committee } wuxuu beddelay shirka { $title }: hadda { $starts }, { $location }.
notification-meeting-cancelled = { $committee } wuxuu joojiyay shirka { $title } ({ $starts }).
audit-meeting-changed = { $actor } wuxuu beddelay shirka “{ $title }” ({ $starts }).
audit-meeting-rescheduled = { $actor } wuxuu u wareejiyay shirka “{ $title }” { $starts }.
audit-meeting-cancelled = { $actor } wuxuu joojiyay shirka “{ $title }” ({ $starts }).
meetings-ical-cancelled = LA JOOJIYAY: { $title }
meetings-ical-was-cancelled = Shirkan waa la joojiyay.
meetings-ical-mine = Guddiyadayda
meetings-ical-action = { $title } ({ $kind })
meetings-calendar-all = Hal jadwal oo loogu talagalay dhammaan guddiyadaada, iyo ficilladooda
my-calendar-title = Jadwalkayga
my-calendar-link = Jadwalkayga
my-calendar-lead = Hal xiriir jadwal oo gaar ah oo loogu talagalay shirarka dhammaan guddiyadaada iyo golayaashaada, iyo ficillada laguugu yeero. Ku dar jadwalka taleefankaaga sida rukumo: shirarka iyo ficillada cusub iskood ayay u soo muuqdaan.
my-calendar-privacy = Qof kasta oo haysta xiriirka wuxuu arki karaa shirarka iyo ficillada dhammaan guddiyadaada, markaa adigu hayso. Shirkadda jadwalkaaga maamusha (Google, Apple) iyana way arki doontaa.
my-calendar-replaces = Samaynta xiriir cusub waxay damisaa kii hore, tusaale ahaan haddii taleefankaagu kaa lumo.
my-calendar-changes = Wuxuu raacaa xubinnimadaada: guddi aad ku biirto wuu ka soo muuqdaa, mid aad ka baxdona wuu ka baxaa. Shir la beddelay wuxuu ka muuqdaa waqtigiisa cusub; mid la joojiyay wuu sii jiraa, isagoo lagu calaamadeeyay in la joojiyay.
