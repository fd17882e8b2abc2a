## Meetings

meetings-link = Meetings
meetings-title = Meetings of { $committee }
meetings-upcoming = Coming up
meetings-none-upcoming = No meetings coming up. Anyone in the committee can call one below.
meetings-past = Past meetings
meetings-has-minutes = minutes
meetings-emergency = Emergency
meetings-coming-count = { $count ->
    [one] one coming
   *[other] { $count } coming
}
meetings-your-answer = Your answer: { $answer }
meetings-schedule = Call a meeting
meetings-field-title = What is it about?
meetings-field-starts = When
meetings-field-location = Where
meetings-field-agenda = Agenda
meetings-agenda-hint = One item per line, up to 30. You can leave it empty.
meetings-emergency-check = Emergency meeting: alert every member right away
meetings-emergency-hint = Only for something that cannot wait, like a firing, a raid or a walkout. Everyone gets an urgent alert at once.
meetings-schedule-submit = Call the meeting
meetings-calendar = Add the meetings to your phone's calendar
meetings-calendar-lead = Make your private calendar link and add it to your phone's calendar as a subscription. New meetings then show up there by themselves.
meetings-calendar-privacy = Anyone who has the link can see this committee's meetings, so keep it to yourself. The company that runs your calendar (Google, Apple) will see them too.
meetings-calendar-made = Here is your private calendar link. It is shown only this once: add it now.
meetings-calendar-link = Your calendar link
meetings-calendar-subscribe = Subscribe on this phone
meetings-calendar-how = On Android, copy the link and add it in Google Calendar on the web under "Other calendars", "From URL". On an iPhone, tap the button above.
meetings-calendar-make = Make my calendar link
meetings-calendar-again = Make a new link
meetings-calendar-replaces = Making a new link switches off the old one, for example if you lost your phone. The link stops working if you leave the committee.
meetings-ical-emergency = EMERGENCY: { $title }
meetings-ical-details = Details: { $link }
meetings-dashboard-title = Upcoming meetings
meetings-dashboard-none = No meetings coming up in your committees.

meeting-called-by = Called by { $name }
meeting-agenda = Agenda
meeting-no-agenda = No agenda yet.
meeting-are-you-coming = Are you coming?
meeting-answer-changeable = You can change it at any time.
meeting-not-answered = You have not answered yet.
meeting-who-comes = Who is coming
meeting-group-yes = Coming
meeting-group-maybe = Maybe
meeting-group-no = Can't come
meeting-minutes = Minutes
meeting-no-minutes = No minutes yet.
meeting-minutes-field = Minutes of the meeting
meeting-minutes-hint = What was discussed and decided. Only coordinators can write them; every member can read them.
meeting-minutes-submit = Save the minutes
meeting-attended = Who attended
meeting-attendance-not-recorded = Not recorded yet.
meeting-attended-count = { $count ->
    [one] One member attended.
   *[other] { $count } members attended.
}
meeting-attendance-field = Tick everyone who was there
meeting-attendance-submit = Save who attended

rsvp-yes = Coming
rsvp-maybe = Maybe
rsvp-no = Can't come

field-starts-at = The start (in days from today)
field-location = The place
field-agenda = Each agenda item
field-agenda-items = The number of agenda items
field-minutes = The text of the minutes
field-status = The answer
field-account-ids = The list of who attended (members of the committee only)
done-rsvp = Your answer to “{ $title }”: { $answer }. You can change it on the meeting's page.
meetings-not-answered-tag = Not answered
