## Asambleas

meetings-link = Asambleas
meetings-title = Asambleas de { $committee }
meetings-upcoming = Próximas
meetings-none-upcoming = No hay asambleas próximas. Cualquier miembro del comité puede convocar una aquí abajo.
meetings-past = Asambleas pasadas
meetings-has-minutes = acta
meetings-emergency = Emergencia
meetings-coming-count = { $count ->
    [one] va una persona
   *[other] van { $count } personas
}
meetings-your-answer = Tu respuesta: { $answer }
meetings-schedule = Convocar una asamblea
meetings-field-title = ¿De qué se trata?
meetings-field-starts = Cuándo
meetings-field-location = Dónde
meetings-field-agenda = Orden del día
meetings-agenda-hint = Un punto por línea, hasta 30. Puedes dejarlo en blanco.
meetings-emergency-check = Asamblea de emergencia: avisar ya a todos los miembros
meetings-emergency-hint = Solo para lo que no puede esperar, como un despido, una redada o un paro. Todo el mundo recibe al momento un aviso urgente.
meetings-schedule-submit = Convocar la asamblea
meetings-calendar = Añade las asambleas al calendario de tu teléfono
meetings-calendar-lead = Crea tu enlace privado de calendario y añádelo al calendario de tu teléfono como suscripción. Así las asambleas nuevas aparecen allí solas.
meetings-calendar-privacy = Quien tenga el enlace puede ver las asambleas de este comité, así que guárdalo solo para ti. La empresa de tu calendario (Google, Apple) también las verá.
meetings-calendar-made = Este es tu enlace privado de calendario. Solo se muestra esta vez: añádelo ahora.
meetings-calendar-link = Tu enlace de calendario
meetings-calendar-subscribe = Suscribirme en este teléfono
meetings-calendar-how = En Android, copia el enlace y añádelo en Google Calendar en la web, en «Otros calendarios», «Desde URL». En un iPhone, toca el botón de arriba.
meetings-calendar-make = Crear mi enlace de calendario
meetings-calendar-again = Crear un enlace nuevo
meetings-calendar-replaces = Al crear un enlace nuevo, el anterior deja de funcionar, por ejemplo si pierdes el teléfono. El enlace también deja de funcionar si sales del comité.
meetings-ical-emergency = EMERGENCIA: { $title }
meetings-ical-details = Detalles: { $link }
meetings-dashboard-title = Próximas asambleas
meetings-dashboard-none = No hay asambleas próximas en tus comités.

meeting-called-by = Convocada por { $name }
meeting-agenda = Orden del día
meeting-no-agenda = Todavía no hay orden del día.
meeting-are-you-coming = ¿Vas a ir?
meeting-answer-changeable = Puedes cambiarla cuando quieras.
meeting-not-answered = Todavía no has respondido.
meeting-who-comes = Quién va
meeting-group-yes = Van
meeting-group-maybe = Quizá
meeting-group-no = No pueden
meeting-minutes = Acta
meeting-no-minutes = Todavía no hay acta.
meeting-minutes-field = Acta de la asamblea
meeting-minutes-hint = Lo que se habló y se decidió. Solo quien coordina puede escribirla; todos los miembros pueden leerla.
meeting-minutes-submit = Guardar el acta
meeting-attended = Quién asistió
meeting-attendance-not-recorded = Todavía no se ha registrado.
meeting-attended-count = { $count ->
    [one] Asistió un compañero o compañera.
   *[other] Asistieron { $count } compañeros y compañeras.
}
meeting-attendance-field = Marca a cada compañero o compañera que estuvo
meeting-attendance-submit = Guardar la asistencia

rsvp-yes = Voy
rsvp-maybe = Quizá
rsvp-no = No puedo

field-starts-at = El inicio (en días desde hoy)
field-location = El lugar
field-agenda = Cada punto del orden del día
field-agenda-items = El número de puntos del orden del día
field-minutes = El texto del acta
field-status = La respuesta
field-account-ids = La lista de asistencia (solo miembros del comité)
done-rsvp = Tu respuesta a «{ $title }»: { $answer }. Puedes cambiarla en la página de la reunión.
meetings-not-answered-tag = Sin responder

## Cambiar y suspender asambleas; el calendario propio de cada miembro
meetings-cancelled = Suspendida
meeting-cancelled-lead = Esta asamblea se suspendió. Nadie tiene que venir; ya no se puede responder.
meeting-changed-at = Último cambio
meeting-change = Cambiar esta asamblea
meeting-change-lead = Si cambias la hora o el lugar, se avisa a todos los miembros. Los calendarios se actualizan solos.
meeting-change-submit = Guardar los cambios
meeting-cancel = Suspenderla
meeting-cancel-lead = La asamblea sigue en la lista, marcada como suspendida, y se avisa a todos los miembros.
meeting-cancel-button = Suspender esta asamblea
confirm-cancel-meeting-title = ¿Suspender «{ $title }»?
confirm-cancel-meeting = Vas a suspender la asamblea «{ $title }» de { $committee }.
confirm-cancel-meeting-then = Se avisa a todos los miembros y aparece como suspendida en sus calendarios. No se puede deshacer: para reunirse de todos modos, convoca una asamblea nueva.
confirm-cancel-meeting-submit = Suspender la asamblea
done-meeting-changed = La asamblea cambió. Si cambió la hora o el lugar, se avisó a todos los miembros.
done-meeting-cancelled = La asamblea está suspendida. Se avisó a todos los miembros.
error-caller-or-coordinator = Solo quien convocó esta asamblea o una coordinadora del comité puede hacerlo.
error-meeting-cancelled = Esta asamblea se suspendió.
error-meeting-over = Esta asamblea ya pasó: ya no se puede cambiar.
notification-meeting-rescheduled = { $committee } cambió la asamblea { $title }: ahora { $starts }, { $location }.
notification-meeting-cancelled = { $committee } suspendió la asamblea { $title } ({ $starts }).
audit-meeting-changed = { $actor } cambió la asamblea «{ $title }» ({ $starts }).
audit-meeting-rescheduled = { $actor } movió la asamblea «{ $title }» al { $starts }.
audit-meeting-cancelled = { $actor } suspendió la asamblea «{ $title }» ({ $starts }).
meetings-ical-cancelled = SUSPENDIDA: { $title }
meetings-ical-was-cancelled = Esta asamblea se suspendió.
meetings-ical-mine = Mis comités
meetings-ical-action = { $title } ({ $kind })
meetings-calendar-all = Un solo calendario para todos tus comités, con sus acciones
my-calendar-title = Mi calendario
my-calendar-link = Mi calendario
my-calendar-lead = Un enlace privado de calendario para las asambleas de todos tus comités y consejos, y las acciones a las que te convocan. Agrégalo al calendario de tu teléfono como suscripción: las asambleas y acciones nuevas aparecen solas.
my-calendar-privacy = Quien tenga el enlace puede ver las asambleas y acciones de todos tus comités, así que guárdalo para ti. La empresa de tu calendario (Google, Apple) también las verá.
my-calendar-replaces = Al crear un enlace nuevo, el anterior deja de funcionar, por ejemplo si pierdes el teléfono.
my-calendar-changes = Sigue tus membresías: aparece un comité al que te unes y desaparece uno que dejas. Una asamblea que cambia de hora aparece a la nueva hora; una suspendida sigue, marcada como suspendida.
