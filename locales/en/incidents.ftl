# Incidents: reports of raids, detentions, staging, attacks and retaliation, and the
# response to them.

incident-kind-raid = raid
    .a = a raid
    .the = the raid
incident-kind-detention = detention
    .a = a detention
    .the = the detention
incident-kind-staging = enforcement staging
    .a = an enforcement staging
    .the = the enforcement staging
incident-kind-attack = attack or threat
    .a = an attack or threat
    .the = the attack or threat
incident-kind-retaliation = retaliation
    .a = retaliation
    .the = the retaliation
incident-kind-other = incident
    .a = an incident
    .the = the incident

notification-incident-reported = { $committee } reports { $incident_a }: { $summary } at { $location }
notification-incident-reported-brief = { $committee } reports { $incident_a }. Open the link for what and where.
notification-incident-reported-erased = { $committee } reported { $incident_a } (details erased after the retention period).
notification-incident-resolved = Resolved: { $incident_the } reported by { $committee }.
notification-incident-withdrawn = The alert about { $incident_a } from { $committee } was withdrawn as a false alarm.

error-incident-closed = This incident is closed: it was resolved, withdrawn, or its details were erased.
error-own-report = You reported this; confirmations come from others who see it too.
error-reporter-or-coordinator = Only the member who reported it or a coordinator of the committee may do this.
error-no-council-above = There is no council further up to widen this alert to.

# The reporter is not named in the audit log: after the retention period nothing may tie a
# person to a report.
audit-incident-reported = A member reported { $incident_a }.
audit-incident-widened = { $actor } widened the alert about { $incident_a } one council level further up (level { $level }).
audit-incident-resolved = { $actor } marked { $incident_the } resolved.
audit-incident-withdrawn = { $actor } withdrew the alert about { $incident_a } as a false alarm.

incidents-title = Incidents
incidents-lead = Report a raid, a detention, agents staging, an attack or retaliation. Everyone in your committee and in the committees of your councils is alerted at once; “now” also reaches their phones.
incidents-report = Report an incident
incidents-no-committee = Join a committee to report incidents.
incidents-send = Send the alert
incidents-recent = Recent incidents near you
incidents-empty = No incidents in the last two weeks.
incidents-all = All incidents
incident-field-committee = Reported from
incident-field-kind = What is happening
incident-field-summary = In a line
incident-field-summary-hint = What people need to know to help. No names.
incident-field-location = Where
incident-field-location-hint = A place people can find: a gate, a corner, a building. Erased after the retention period.
incident-field-urgency = How soon people are needed
incident-urgency-now = Now: come if you can
incident-urgency-soon = Soon: be ready
incident-urgency-info = For information
incident-status-open = open
incident-status-resolved = resolved
incident-status-withdrawn = false alarm
incident-reported-by-committee = reported by { $committee }
incident-reported-by = by { $name }
incident-where = Where:
incident-erased = The details of this incident were erased after the retention period. What remains is its kind, time, committee and outcome.
incident-resolved-note = Resolved.
incident-withdrawn-note = A coordinator withdrew this alert as a false alarm.
incident-confirmations = confirm they see it too
incident-role-witness = Witness
incident-role-legal = Legal support
incident-role-support = Support
incident-confirm = I see it too
incident-you-confirmed = You confirmed this report.
incident-respond = Respond
incident-respond-as = I can come as
incident-sign-up = Sign up
incident-you-respond = You signed up as: { $role }.
incident-stand-down = Stand down
incident-resolve = Resolve
incident-resolve-note = What happened in the end (optional)
incident-resolve-button = Mark resolved
incident-coordinators = For coordinators
incident-widen = Widen the alert one council level up
incident-widen-hint = Reaches the committees of the councils above yours.
incident-false-alarm = Withdraw as a false alarm

incident-title-raid = Raid
incident-title-detention = Detention
incident-title-staging = Enforcement staging
incident-title-attack = Attack or threat
incident-title-retaliation = Retaliation
incident-title-other = Incident
field-urgency = The urgency (how soon people are needed)
dashboard-incidents-none = No open incidents in your committees.
