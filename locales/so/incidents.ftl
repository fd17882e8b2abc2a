# Incidents: reports of raids, detentions, staging, attacks and retaliation, and the
# response to them.

incident-kind-raid = duullaan
    .the = duullaanka
    .gender = masculine
incident-kind-detention = xarig
    .the = xariga
    .gender = masculine
incident-kind-staging = ciidamo isu diyaarinaya
    .the = ciidamada isu diyaarinaya
    .gender = plural
incident-kind-attack = weerar ama hanjabaad
    .the = weerarka ama hanjabaadda
    .gender = masculine
incident-kind-retaliation = aargoosi
    .the = aargoosiga
    .gender = masculine
incident-kind-other = dhacdo
    .the = dhacdada
    .gender = feminine

notification-incident-reported = { $committee } wuxuu soo sheegay { $incident }: { $summary }, goobta: { $location }
notification-incident-reported-brief = { $committee } wuxuu soo sheegay { $incident }. Fur xiriirka si aad u ogaato waxa iyo halka.
notification-incident-reported-erased = { $committee } wuxuu soo sheegay { $incident } (faahfaahinta waa la tirtiray markii muddada kaydintu dhammaatay).
notification-incident-resolved = Waa la xalliyay: { $incident_the } uu soo sheegay { $committee }.
notification-incident-withdrawn = Digniintii { $incident } ee ka timid { $committee } waa laga noqday, waxayna ahayd digniin been ah.

error-incident-closed = Dhacdadani way xiran tahay: waa la xalliyay, waa laga noqday, ama faahfaahinteeda waa la tirtiray.
error-own-report = Adiga ayaa soo sheegay tan; xaqiijintu waxay ka timaadaa dad kale oo sidoo kale arkaya.
error-reporter-or-coordinator = Xubinta soo sheegtay ama isku-duwaha guddiga oo keliya ayaa sameyn kara tan.
error-no-council-above = Ma jiro gole ka sarreeya oo digniintan loo ballaarin karo.

# The reporter is not named in the audit log: after the retention period nothing may tie a
# person to a report.
audit-incident-reported = Xubin ayaa soo sheegtay { $incident }.
audit-incident-widened = { $actor } wuxuu digniinta { $incident } u ballaariyay hal heer oo gole kor u sii (heerka { $level }).
audit-incident-resolved = { $actor } wuxuu u calaamadeeyay { $incident_the } mid la xalliyay.
audit-incident-withdrawn = { $actor } wuxuu ka noqday digniinta { $incident }, isagoo ku tilmaamay digniin been ah.

incidents-title = Dhacdooyinka
incidents-lead = Soo sheeg duullaan, xarig, ciidamo isu diyaarinaya, weerar ama aargoosi. Qof kasta oo guddigaaga iyo guddiyada golayaashaada ku jira isla markiiba waa loo digaa; “hadda” sidoo kale waxay gaartaa telefoonnadooda.
incidents-report = Soo sheeg dhacdo
incidents-no-committee = Ku biir guddi si aad dhacdooyin u soo sheegto.
incidents-send = Dir digniinta
incidents-recent = Dhacdooyinkii dhowaa ee kuu dhow
incidents-empty = Dhacdooyin ma jirin labadii toddobaad ee la soo dhaafay.
incidents-all = Dhammaan dhacdooyinka
incident-field-committee = Waxaa laga soo sheegay
incident-field-kind = Maxaa dhacaya
incident-field-summary = Hal sadar
incident-field-summary-hint = Waxa ay dadku u baahan yihiin inay ogaadaan si ay u caawiyaan. Magacyo ha qorin.
incident-field-location = Halkee
incident-field-location-hint = Meel ay dadku heli karaan: albaab, gees, dhisme. Waa la tirtiraa markii muddada kaydintu dhammaato.
incident-field-urgency = Goorma ayaa dad loo baahan yahay
incident-urgency-now = Hadda: kaalay haddii aad awoodid
incident-urgency-soon = Dhowaan: diyaar ahow
incident-urgency-info = Ogeysiis ahaan
incident-status-open = furan
incident-status-resolved = la xalliyay
incident-status-withdrawn = digniin been ah
incident-reported-by-committee = waxaa soo sheegay { $committee }
incident-reported-by = waxaa soo sheegay { $name }
incident-where = Halkee:
incident-erased = Faahfaahinta dhacdadan waa la tirtiray markii muddada kaydintu dhammaatay. Waxa haray waa nooceeda, waqtigeeda, guddiga iyo natiijada.
incident-resolved-note = Waa la xalliyay.
incident-withdrawn-note = Isku-duwe ayaa ka noqday digniintan, isagoo ku tilmaamay digniin been ah.
incident-confirmations = waxay xaqiijiyeen inay iyaguna arkaan
incident-role-witness = Markhaati
incident-role-legal = Taageero sharci
incident-role-support = Taageero
incident-confirm = Anigana waan arkaa
incident-you-confirmed = Waad xaqiijisay warbixintan.
incident-respond = Ka jawaab
incident-respond-as = Waxaan u iman karaa sida
incident-sign-up = Is diiwaangeli
incident-you-respond = Waxaad isu diiwaangelisay sida: { $role }.
incident-stand-down = Iska daa
incident-resolve = Xalli
incident-resolve-note = Maxaa ugu dambeyntii dhacay (ikhtiyaari)
incident-resolve-button = U calaamadee mid la xalliyay
incident-coordinators = Isku-duwayaasha
incident-widen = Digniinta u ballaari hal heer oo gole kor
incident-widen-hint = Waxay gaartaa guddiyada golayaasha kaaga sarreeya.
incident-false-alarm = Ka noqo, waa digniin been ah

incident-title-raid = Duullaan
incident-title-detention = Xarig
incident-title-staging = Ciidamo isu diyaarinaya
incident-title-attack = Weerar ama hanjabaad
incident-title-retaliation = Aargoosi
incident-title-other = Dhacdo
field-urgency = Degdegga (goorma ayaa dad loo baahan yahay)
dashboard-incidents-none = Ma jiraan dhacdooyin furan oo guddiyadaada ah.
