## Frame

nav-skip = Skip to content
nav-label = Main
nav-dashboard = Dashboard
nav-notifications = Notifications
nav-settings = Your account
nav-logout = Log out
nav-login = Log in
nav-register = Join
language-label = Language
language-en = English
language-es = Español
language-so = Soomaali
language-hmn = Hmoob
live-new = New
live-dismiss = Dismiss
footer-text = Outnumber keeps no IP addresses and asks for no legal names. We do outnumber them.

## Errors

error-title = Something went wrong
error-status = Error { $status }
error-home = Back to the start
error-not-found = Not found. It does not exist, or you cannot see it.
error-method-not-allowed = This address does not accept that kind of request.
error-payload-too-large = The request is too large.
error-request-timeout = The request took too long to arrive. Check your connection and try again.
error-unsupported-media-type = The request must be sent as JSON (Content-Type: application/json).
error-internal = Something went wrong on the server. Nothing was changed; please try again.
error-bad-request = The request could not be read: { $detail }
error-request-unreadable = The request could not be read. Check the address and its parameters.
error-unauthenticated = Log in first.
error-invalid-credentials = Wrong handle or password.
error-invalid-token = The access token is unknown or has expired. Log in again.
error-malformed-json = The request body is not valid JSON: { $detail }
error-invalid-body = The request body does not have the expected fields and types: { $detail }
error-rate-limited = Too many attempts. Try again in { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
}.
error-csrf = This form has expired. Reload the page and try again.
error-database-unavailable = The database is unavailable right now, so what you sent may not have been saved. Check, and try again in a moment.
error-server-busy = The server is busy and did not record this. Try again in a moment.
error-conflict = That conflicts with something that already exists.
error-coordinators-only = Only the committee's coordinators can do this.
error-admins-only = Only administrators of this server can do this.
error-registration-closed = Joining needs an invite from a member. Ask a coworker who is already in.
error-last-coordinator = The committee needs at least one coordinator. Make someone else coordinator first.
error-affiliation-cycle = That would make a council an affiliate of itself.
error-already-affiliated = This committee already belongs to that council.
error-already-member = You are already a member of this committee.
error-handle-taken = That handle is taken. Choose another.
error-display-name-taken = Someone in the committee already goes by that name. Choose another display name.
error-invite-expired = This invite has expired. Ask for a new one.
error-invite-used-up = This invite has been used up. Ask for a new one.
error-not-a-council = Only councils can have affiliates.
error-wrong-invite-kind = This code is for something else.
error-motion-closed = The vote on this motion is closed.
error-already-voted = You have already voted; a secret ballot is cast once.
error-delegates-only = Only delegates vote in a weighted vote.
error-weighted-needs-council = Only councils hold weighted votes.
error-not-affiliated = The committee does not belong to that council.
error-not-a-delegate = That person is not a delegate of this committee in that council.
error-candidate-not-member = Candidates must be members of the committee.
error-demand-already-adopted = This demand is already adopted.
error-demand-not-adopted = Only adopted demands can be endorsed.
error-action-closed = This action is over: it was cancelled, or it expired.
error-pledges-final = The action is on: pledges are final now.
error-not-in-scope = Only members of the committees this action reaches can pledge.
error-not-a-workplace = Only a workplace committee has a workforce to estimate.

## Validation

invalid-empty = { $field } cannot be empty.
invalid-too-short = { $field } must be at least { $min ->
    [one] one character
   *[other] { $min } characters
} long.
invalid-too-long = { $field } can be at most { $max ->
    [one] one character
   *[other] { $max } characters
} long.
invalid-characters = { $field } contains characters that are not allowed.
invalid-choice = { $field } must be one of: { $allowed }.
invalid-range = { $field } must be between { $min } and { $max }.
invalid-format = { $field } is not in the expected format.

## Fields

field-handle = Handle
field-display-name = Name shown to others
field-password = Password
field-invite = Invite code
field-name = Name
field-kind = Kind
field-workplace-type = Type of workplace
field-industry = Industry
field-region = Region
field-label = Label
field-language = Language
field-role = Role
field-max-uses = How many people can use it
field-expires-in-hours = Valid for (hours)
field-code = Code
field-code-is = Code: { $code }
field-current-password = Current password
field-new-password = New password
field-ids = Notifications

## Home

home-title = Welcome
home-heading = We do outnumber them.
home-lead = Outnumber is where the rank-and-file committees of every workplace meet, decide together, link up across industries and regions, and act together.
home-invite-only = You join through a coworker who is already in: ask them for an invite.
home-what = What you can do here
home-point-committees = Form a committee at your workplace and bring in coworkers you trust.
home-point-councils = Link your committee with others in your region and your industry through councils.
home-point-safety = Join under a nickname. No legal name, phone number or e-mail address is needed.

## Accounts

register-title = Join
setup-title = Create the first administrator
setup-lead = This server is new. The account you create now will administer it.
register-with-invite = A coworker has invited you. Choose a handle and a password.
register-needs-invite = Joining needs an invite code from someone who is already a member.
register-handle-hint = A nickname to log in with: letters, digits, dot, dash and underscore. Not your legal name.
register-display-name-hint = What your coworkers will see. Leave it empty to be shown as “Member” and a code. Better not your log-in nickname: that stays yours alone.
register-submit = Join
register-privacy = We keep no IP addresses and ask for no legal name, phone number or e-mail address.
register-have-account = Already have an account? Log in.
login-title = Log in
login-submit = Log in
login-no-account = No account yet? Join.
settings-title = Your account
settings-saved = Saved.
settings-display-name-hint = Leave it empty to be shown as { $neutral }.
settings-password = Change password
settings-submit = Save
settings-data = Your data
settings-export = Download everything stored about you (JSON)
settings-delete = Delete your account
settings-delete-lead = This cannot be undone. You leave every committee; your answers, open ballots in votes still open, pledges to actions still gathering, notifications, e-mail address and phones are deleted. What you wrote for your committees (motions, demands, bulletins, reports) stays, without your name. If you are the last coordinator of a committee with other members, make someone else coordinator first.
settings-delete-submit = Delete my account for good

## Dashboard

dashboard-title = Dashboard
dashboard-workplaces = Your workplace committees
dashboard-no-workplaces = You are not in a workplace committee yet. Ask a coworker for an invite, or found one.
dashboard-found-workplace = Found a workplace committee
dashboard-councils = Your councils
dashboard-no-councils = None yet. When your committee joins a council, it shows here.
dashboard-through-affiliation = through your committee
dashboard-found-council = Found a council
dashboard-have-code = Have an invite code?
dashboard-open-code = Open
dashboard-notifications = Latest notifications
dashboard-admin = Server administration
dashboard-admin-lead = People who will found a new committee need an account first. A registration invite lets them join without joining a committee.
dashboard-admin-submit = Create a registration invite
dashboard-all-notifications = All notifications

## Names of things

# A word spliced into sentences may carry its forms as attributes: `.a` (with the
# indefinite article), `.the` (with the definite one) and `.gender` (for selectors). A
# sentence reads them as `$role_a`, `$role_the` and `$role_gender`; a language that does
# not need one leaves it out, and the plain word (or `other`) is used.
role-coordinator = coordinator
    .a = a coordinator
    .the = the coordinator
role-member = member
    .a = a member
    .the = the member
kind-workplace = Workplace committee
kind-council = Council
kind-member = member invite
kind-affiliation = affiliation code
kind-registration = registration invite
workplace-type-factory = Factory
workplace-type-depot = Depot
workplace-type-warehouse = Warehouse
workplace-type-office = Office
workplace-type-school = School
workplace-type-hospital = Hospital
workplace-type-other = Other
members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}

## Notifications

notifications-title = Notifications
notifications-empty = Nothing yet.
notifications-mark-read = Mark all as read
notifications-older = Older
notification-member-joined = { $member } joined { $committee }.
notification-role-changed = You are now { $role_a } of { $committee }.
notification-member-removed = You were removed from { $committee }.
notification-affiliated = { $committee } joined { $council }.
notification-affiliate-joined = { $committee } joined { $council }.

## Committees

committee-new-title = Found a committee
committee-new-kind-hint = A workplace committee brings together coworkers at one workplace. A council brings together committees of a region or an industry.
committee-new-type-hint = For workplace committees.
committee-new-industry-example = health care
committee-new-region-example = Minneapolis
committee-new-submit = Found it
committee-affiliates = Affiliated committees
committee-no-affiliates = No committee has joined yet. Give a committee's coordinator an affiliation code.
committee-let-go = Remove from council
committee-affiliates-private = A council sees how many members its affiliates have, never who they are.
committee-councils = Councils
committee-no-councils = Not part of a council yet.
committee-leave-council = Leave
committee-join-council = Join a council with its affiliation code
committee-join-council-submit = Join council
committee-members = Members
committee-vouched-by = vouched for by { $name }
committee-make-member = Make member
committee-make-coordinator = Make coordinator
committee-remove = Remove
committee-invite = Invite a coworker
committee-invite-lead = You vouch for whoever joins with your invite. Show the QR code face to face, or send the link privately.
committee-invite-submit = Create invite
committee-affiliation-code = Affiliation code
committee-affiliation-lead = Give this code to the coordinator of a committee or council that should join this council.
committee-affiliation-submit = Create affiliation code
committee-open-invites = Open invites
committee-invite-status = used { $uses } of { $max }
committee-invite-expires = until { $at }
committee-revoke = Revoke
committee-audit-link = Audit log: every change to this committee
committee-leave = Leave this committee

## Invites

invite-title = Invite
invite-member-to = An invite to join { $name }.
invite-affiliation-to = An affiliation code for { $name }.
invite-registration = An invite to join Outnumber.
invite-qr-alt = QR code of the invite link
invite-scan = Scan with a phone camera.
invite-link = Link
invite-validity = { $uses ->
    [one] One more person
   *[other] { $uses } more people
} can use it, until { $at }.
invite-affiliation-how = A coordinator of the joining committee enters this code on their committee's page.
invite-already-member = You are a member. Show this code to the coworker you vouch for.
invite-accept = Join the committee
invite-register = Join with this invite
invite-login = I have an account

## Audit log

audit-title = Audit log
audit-lead = Every change to this committee is recorded here, for every member to see.
audit-empty = Nothing recorded yet.
audit-newer = Newer
audit-older = Older
audit-someone = someone
# A member who chose no display name, by a tag that says nothing of their handle.
member-unnamed = Member { $tag }
member-former = former member
audit-committee-founded = { $actor } founded { $name }.
audit-member-joined = { $subject } joined, vouched for by { $actor }.
audit-member-left = { $subject } left.
audit-account-deleted = A member deleted their account and left.
audit-member-removed = { $actor } removed { $subject }.
audit-role-changed = { $actor } made { $subject } { $role }.
audit-invite-created = { $actor } created { $kind } for { $max_uses ->
    [one] one person
   *[other] { $max_uses } people
}.
audit-invite-revoked = { $actor } revoked { $kind }.
audit-affiliated = { $actor } joined the committee to { $council }.
audit-affiliate-joined = { $committee } joined this council.
audit-disaffiliated = The committee left { $council }.
audit-affiliate-left = { $committee } left this council.
audit-kind-member = a member invite
audit-kind-affiliation = an affiliation code
audit-kind-registration = a registration invite

## Asking before what cannot be taken back, and saying what happened

confirm-cancel = Cancel
confirm-leave-title = Leave { $committee }?
confirm-leave = You are about to leave { $committee }. You will no longer see its meetings, motions, actions or members, and any delegate seat it gave you ends.
confirm-leave-then = To come back you need a new invite from one of its members.
confirm-leave-submit = Leave { $committee }
confirm-remove-title = Remove { $name }?
confirm-remove = You are about to remove { $name } from { $committee }. They will no longer see anything inside it, and any delegate seat it gave them ends.
confirm-remove-then = { $name } is told they were removed, and the audit log shows that you did it.
confirm-remove-submit = Remove { $name }
confirm-promote-title = Make { $name } a coordinator?
confirm-promote = { $name } will become a coordinator of { $committee }.
confirm-promote-then = Coordinators can remove members, change roles, call actions and emergency meetings, and answer for the committee in councils. { $name } is told.
confirm-promote-submit = Make { $name } a coordinator
confirm-demote-title = Make { $name } a member again?
confirm-demote = { $name } will no longer be a coordinator of { $committee }, and stays a member.
confirm-demote-then = { $name } can then no longer remove members, change roles, or call actions and emergency meetings. They are told.
confirm-demote-submit = Make { $name } a member
done-left = You left { $committee }.
done-removed = { $name } is no longer a member of { $committee }.
done-promoted = { $name } is now a coordinator of { $committee }.
done-demoted = { $name } is no longer a coordinator of { $committee }, and stays a member.

## What is waiting on the dashboard

dashboard-nothing-waiting = Nothing is waiting for you: no vote to cast, no meeting to answer, no action to pledge to.
dashboard-votes = Votes waiting for you
dashboard-answer = Meetings you have not answered
## Navigation, confirmations and empty lists (the interface's frame)

tab-dashboard = Home
tab-feed = Feed
tab-notifications = Inbox
tab-settings = Account
done-withdrawn = Your pledge is taken back.
done-alert-sent = Alert sent. Members nearby are being told now.
done-confirmed = Thank you: your confirmation is counted.
empty-back-to-committee = Back to the committee
empty-your-committees = Your committees
dashboard-start-here = Start with your workplace
dashboard-no-actions = No action is gathering pledges. When your committee or a council calls one, it shows here.
