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

## Changing and calling off meetings; a member's own calendar
meetings-cancelled = Called off
meeting-cancelled-lead = This meeting was called off. Nobody needs to come; answers are closed.
meeting-changed-at = Last changed
meeting-change = Change this meeting
meeting-change-lead = If you change the time or the place, every member is told. Calendars update by themselves.
meeting-change-submit = Save the changes
meeting-cancel = Call it off
meeting-cancel-lead = The meeting stays listed, marked as called off, and every member is told.
meeting-cancel-button = Call this meeting off
confirm-cancel-meeting-title = Call off “{ $title }”?
confirm-cancel-meeting = You are about to call off the meeting “{ $title }” of { $committee }.
confirm-cancel-meeting-then = Every member is told, and it shows as called off in their calendars. It cannot be undone: to meet after all, call a new meeting.
confirm-cancel-meeting-submit = Call the meeting off
done-meeting-changed = The meeting is changed. If its time or place moved, every member was told.
done-meeting-cancelled = The meeting is called off. Every member was told.
error-caller-or-coordinator = Only the member who called this meeting or a coordinator of the committee may do this.
error-meeting-cancelled = This meeting was called off.
error-meeting-over = This meeting is over: it can no longer be changed.
notification-meeting-rescheduled = { $committee } moved the meeting { $title }: now { $starts }, { $location }.
notification-meeting-cancelled = { $committee } called off the meeting { $title } ({ $starts }).
audit-meeting-changed = { $actor } changed the meeting “{ $title }” ({ $starts }).
audit-meeting-rescheduled = { $actor } moved the meeting “{ $title }” to { $starts }.
audit-meeting-cancelled = { $actor } called off the meeting “{ $title }” ({ $starts }).
meetings-ical-cancelled = CALLED OFF: { $title }
meetings-ical-was-cancelled = This meeting was called off.
meetings-ical-mine = My committees
meetings-ical-action = { $title } ({ $kind })
meetings-calendar-all = One calendar for all your committees, with their actions
my-calendar-title = My calendar
my-calendar-link = My calendar
my-calendar-lead = One private calendar link for the meetings of all your committees and councils, and the actions you are called to. Add it to your phone's calendar as a subscription: new meetings and actions show up by themselves.
my-calendar-privacy = Anyone who has the link can see the meetings and actions of all your committees, so keep it to yourself. The company that runs your calendar (Google, Apple) will see them too.
my-calendar-replaces = Making a new link switches off the old one, for example if you lost your phone.
my-calendar-changes = It follows your memberships: a committee you join shows up in it, one you leave drops out. A meeting moved shows at its new time; one called off stays, marked as called off.
