# Incidentes: avisos de redadas, detenciones, despliegues, ataques y represalias, y la
# respuesta a ellos.

incident-kind-raid = redada
    .a = una redada
    .the = la redada
    .gender = feminine
incident-kind-detention = detención
    .a = una detención
    .the = la detención
    .gender = feminine
incident-kind-staging = despliegue de agentes
    .a = un despliegue de agentes
    .the = el despliegue de agentes
    .gender = masculine
incident-kind-attack = ataque o amenaza
    .a = un ataque o amenaza
    .the = el ataque o amenaza
    .gender = masculine
incident-kind-retaliation = represalia
    .a = una represalia
    .the = la represalia
    .gender = feminine
incident-kind-other = incidente
    .a = un incidente
    .the = el incidente
    .gender = masculine

notification-incident-reported = { $committee } avisa de { $incident_a }: { $summary } en { $location }
notification-incident-reported-brief = { $committee } avisa de { $incident_a }. Abre el enlace para saber qué y dónde.
notification-incident-reported-erased = { $committee } avisó de { $incident_a } (detalles borrados tras el plazo de conservación).
notification-incident-resolved = { $incident_gender ->
    [feminine] Resuelta
   *[other] Resuelto
}: { $incident_the } (aviso de { $committee }).
notification-incident-withdrawn = Se retiró como falsa alarma el aviso de { $incident_a } de { $committee }.

error-incident-closed = Este incidente está cerrado: se resolvió, se retiró o sus detalles se borraron.
error-own-report = Tú lo avisaste; las confirmaciones vienen de otras personas que también lo ven.
error-reporter-or-coordinator = Solo quien lo avisó o una coordinadora del comité puede hacerlo.
error-no-council-above = No hay un consejo más arriba al que ampliar este aviso.

audit-incident-reported = Un miembro avisó de { $incident_a }.
audit-incident-widened = { $actor } amplió el aviso de { $incident_a } un nivel de consejo más arriba (nivel { $level }).
audit-incident-resolved = { $actor } marcó como { $incident_gender ->
    [feminine] resuelta
   *[other] resuelto
} { $incident_the }.
audit-incident-withdrawn = { $actor } retiró como falsa alarma el aviso de { $incident_a }.

incidents-title = Incidentes
incidents-lead = Avisa de una redada, una detención, un despliegue de agentes, un ataque o una represalia. Todo tu comité y los comités de tus consejos reciben el aviso al momento; «ahora» llega también a sus teléfonos.
incidents-report = Avisar de un incidente
incidents-no-committee = Únete a un comité para avisar de incidentes.
incidents-send = Enviar el aviso
incidents-recent = Incidentes recientes cerca de ti
incidents-empty = No hubo incidentes en las últimas dos semanas.
incidents-all = Todos los incidentes
incident-field-committee = Aviso desde
incident-field-kind = Qué está pasando
incident-field-summary = En una línea
incident-field-summary-hint = Lo que hace falta saber para ayudar. Sin nombres.
incident-field-location = Dónde
incident-field-location-hint = Un lugar que se pueda encontrar: una puerta, una esquina, un edificio. Se borra tras el plazo de conservación.
incident-field-urgency = Cuándo hace falta gente
incident-urgency-now = Ahora: ven si puedes
incident-urgency-soon = Pronto: prepárate
incident-urgency-info = Para información
incident-status-open = abierto
incident-status-resolved = resuelto
incident-status-withdrawn = falsa alarma
incident-reported-by-committee = avisado por { $committee }
incident-reported-by = por { $name }
incident-where = Dónde:
incident-erased = Los detalles de este incidente se borraron tras el plazo de conservación. Queda su tipo, hora, comité y desenlace.
incident-resolved-note = Resuelto.
incident-withdrawn-note = Una coordinadora retiró este aviso como falsa alarma.
incident-confirmations = confirman que también lo ven
incident-role-witness = Testigo
incident-role-legal = Apoyo legal
incident-role-support = Apoyo
incident-confirm = Yo también lo veo
incident-you-confirmed = Confirmaste este aviso.
incident-respond = Responder
incident-respond-as = Puedo ir como
incident-sign-up = Apuntarme
incident-you-respond = Te apuntaste como: { $role }.
incident-stand-down = Retirarme
incident-resolve = Resolver
incident-resolve-note = Qué pasó al final (opcional)
incident-resolve-button = Marcar como resuelto
incident-coordinators = Para coordinadoras
incident-widen = Ampliar el aviso un nivel de consejo hacia arriba
incident-widen-hint = Llega a los comités de los consejos por encima del tuyo.
incident-false-alarm = Retirar como falsa alarma

incident-title-raid = Redada
incident-title-detention = Detención
incident-title-staging = Despliegue de agentes
incident-title-attack = Ataque o amenaza
incident-title-retaliation = Represalia
incident-title-other = Incidente
field-urgency = El grado de urgencia (cuándo hace falta gente)
dashboard-incidents-none = No hay incidentes abiertos en tus comités.
