## Offline: what the phone keeps, and the pages worth keeping

offline-title = You are offline
offline-lead = Outnumber cannot reach the server right now. Check your connection. These pages are saved on this phone and you can still read them:
offline-saved = Saved on this phone
offline-nothing = Nothing is saved on this phone yet. Pages are saved when you open them while you are online.
offline-retry = Try again
offline-banner = You are offline.
offline-banner-saved = This copy was saved on this phone on
offline-banner-stale = It may be out of date, and nothing you send works until you are back online.

## Contacts

contacts-title = Contacts
contacts-title-of = Contacts: { $committee }
contacts-lead = Who to reach. This page is also saved on your phone for when there is no connection, so it names only coordinators and delegates and the lines coordinators post: never the members or their details.
contacts-lines = Lines to call
contacts-no-lines = No lines posted yet.
contacts-coordinators = Coordinators
contacts-delegates = Delegates
contacts-rights-link = Know your rights: raids, detentions, retaliation
contacts-add-heading = Post a line
contacts-add-note = Post only lines anyone may know, such as a legal hotline or a rapid-response number, never a member's own phone or address: this page is kept on members' phones, and a phone can be taken.
contacts-add = Post the line
contacts-remove = Remove
contacts-remove-line = Remove { $label }
field-contact-label = What it is (for example, legal hotline)
field-contact-value = Number or address
error-too-many-contact-lines = The committee has posted as many lines as a contacts page holds. Remove one first.
audit-contact-line-added = { $actor } posted the contact line “{ $title }”.
audit-contact-line-removed = { $actor } removed the contact line “{ $title }”.

## Log out everywhere

settings-everywhere = Log out everywhere
settings-everywhere-lead = Ends every session of your account, on this phone and on every other device, with its API tokens and calendar links, and stops notifications to every phone (turn them on again here after you log back in): for a phone that was lost or taken. A device that kept pages for reading offline drops them the next time it connects.
settings-everywhere-submit = Log out everywhere

## Know your rights

home-rights = Know your rights: raids, detentions, retaliation
rights-title = Know your rights
rights-lead = Short points for a raid, a detention or retaliation at work. This page is saved on your phone and stays readable without a connection.
rights-not-advice = This is general information, not legal advice. Laws differ between countries and states, and they change. When you can, talk to a lawyer or call your committee's legal hotline.
rights-always-heading = Wherever you are
rights-always-silent = You have the right to remain silent. You can say: “I want to remain silent. I want to speak to a lawyer.”
rights-always-sign = Do not sign anything you have not read or do not understand without a lawyer.
rights-always-lie = Do not lie and do not show false papers. Silence is safer than a false answer.
rights-always-calm = Stay calm and keep your hands where they can be seen. Do not run and do not resist, even if what is happening is unjust.
rights-always-write = Afterwards, write down what happened as soon as you can: time, place, names or badge numbers, vehicles, witnesses.
rights-raid-heading = A raid at work or at home
rights-raid-door = You do not have to open the door. Talk through the door, or step outside and close it behind you.
rights-raid-warrant = In the United States, agents need a warrant signed by a judge, with the right address, to enter a home or the private areas of a workplace without permission. Ask them to show it through the window or slide it under the door. A form signed only by an immigration officer is not enough.
rights-raid-consent = Say clearly: “I do not consent to a search.” If they enter anyway, do not resist; remember what they do.
rights-raid-witness = If they are not questioning you, you may watch and record from a safe distance where the law allows it. Report it here as a raid, so your committee and the committees near you can come as witnesses.
rights-detained-heading = If you are stopped or detained
rights-detained-free = Ask: “Am I free to go?” If yes, leave calmly. If not, you are detained: say you want to remain silent and want a lawyer.
rights-detained-status = You do not have to answer questions about where you were born, your nationality or your immigration status.
rights-detained-phone = You do not have to unlock your phone or tell anyone its code. Lock it with a code rather than a fingerprint or your face, which can be forced more easily.
rights-detained-plan = Know by heart a number to call (a lawyer, the hotline, someone in your family), and agree with someone you trust who picks up children and medicines if you do not come home.
rights-retaliation-heading = If your employer retaliates
rights-retaliation-protected = In many countries the law protects workers who act together about pay, safety and conditions, in a union or not. In the United States this covers most workers in private companies, whatever their immigration status.
rights-retaliation-keep = Keep copies of schedules, pay slips, messages and warnings. Write down what was said, by whom, when, and who saw it.
rights-retaliation-deadline = Deadlines are short. In the United States, a charge with the National Labor Relations Board must be filed within six months.
rights-retaliation-together = Do not face it alone: tell your committee, so you answer it together.
rights-contacts = Who to call
