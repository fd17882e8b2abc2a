# Incidents: reports of raids, detentions, staging, attacks and retaliation, and the
# response to them.

incident-kind-raid = raid
incident-kind-detention = detention
incident-kind-staging = enforcement staging
incident-kind-attack = attack or threat
incident-kind-retaliation = retaliation
incident-kind-other = incident

notification-incident-reported = { $committee } reports a { $incident }: { $summary } at { $location }
notification-incident-resolved = Resolved: the { $incident } reported by { $committee }.
notification-incident-withdrawn = A { $incident } alert from { $committee } was withdrawn as a false alarm.
