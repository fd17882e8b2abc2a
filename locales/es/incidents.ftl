# Incidentes: avisos de redadas, detenciones, despliegues, ataques y represalias, y la
# respuesta a ellos.

incident-kind-raid = redada
incident-kind-detention = detención
incident-kind-staging = despliegue de agentes
incident-kind-attack = ataque o amenaza
incident-kind-retaliation = represalia
incident-kind-other = incidente

notification-incident-reported = { $committee } avisa de { $incident }: { $summary } en { $location }
notification-incident-resolved = Resuelto: { $incident } avisado por { $committee }.
notification-incident-withdrawn = Se retiró como falsa alarma un aviso de { $incident } de { $committee }.
