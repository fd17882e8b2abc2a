## Marco

nav-skip = Ir al contenido
nav-label = Principal
nav-dashboard = Inicio
nav-notifications = Avisos
nav-settings = Tu cuenta
nav-logout = Salir
nav-login = Entrar
nav-register = Unirse
language-label = Idioma
language-en = English
language-es = Español
language-so = Soomaali
language-hmn = Hmoob
live-new = Nuevo
live-dismiss = Cerrar
footer-text = Outnumber no guarda direcciones IP ni pide nombres legales. Somos más que ellos.

## Errores

error-title = Algo salió mal
error-status = Error { $status }
error-home = Volver al inicio
error-not-found = No encontrado. No existe, o no puedes verlo.
error-method-not-allowed = Esta dirección no acepta ese tipo de petición.
error-payload-too-large = La petición es demasiado grande.
error-request-timeout = La petición tardó demasiado en llegar. Revisa tu conexión y vuelve a intentarlo.
error-unsupported-media-type = La petición debe enviarse como JSON (Content-Type: application/json).
error-internal = Algo salió mal en el servidor. No se cambió nada; inténtalo de nuevo.
error-bad-request = No se pudo leer la petición: { $detail }
error-request-unreadable = No se pudo leer la petición. Revisa la dirección y sus parámetros.
error-unauthenticated = Entra primero.
error-invalid-credentials = Usuario o contraseña incorrectos.
error-invalid-token = El token de acceso no existe o ha caducado. Vuelve a entrar.
error-malformed-json = El cuerpo de la petición no es JSON válido: { $detail }
error-invalid-body = El cuerpo de la petición no tiene los campos y tipos esperados: { $detail }
error-rate-limited = Demasiados intentos. Prueba de nuevo en { $seconds ->
    [one] un segundo
   *[other] { $seconds } segundos
}.
error-csrf = Este formulario ha caducado. Recarga la página y prueba de nuevo.
error-database-unavailable = La base de datos no está disponible ahora, así que lo que enviaste puede no haberse guardado. Compruébalo y prueba de nuevo en un momento.
error-server-busy = El servidor está ocupado y no registró esto. Prueba de nuevo en un momento.
error-conflict = Eso choca con algo que ya existe.
error-coordinators-only = Solo quienes coordinan el comité pueden hacer esto.
error-admins-only = Solo quienes administran este servidor pueden hacer esto.
error-registration-closed = Para unirte necesitas una invitación de alguien que ya es miembro. Pídesela a un compañero o compañera.
error-last-coordinator = El comité necesita al menos una persona coordinadora. Nombra antes a otra persona.
error-affiliation-cycle = Eso haría que un consejo fuera afiliado de sí mismo.
error-already-affiliated = Este comité ya pertenece a ese consejo.
error-already-member = Ya eres miembro de este comité.
error-handle-taken = Ese nombre de usuario ya está en uso. Elige otro.
error-display-name-taken = Alguien del comité ya usa ese nombre. Elige otro nombre visible.
error-invite-expired = Esta invitación ha caducado. Pide una nueva.
error-invite-used-up = Esta invitación ya se ha usado todas las veces. Pide una nueva.
error-not-a-council = Solo los consejos pueden tener afiliados.
error-wrong-invite-kind = Este código es para otra cosa.
error-motion-closed = La votación de esta moción está cerrada.
error-already-voted = Ya has votado; el voto secreto se emite una sola vez.
error-delegates-only = En una votación ponderada solo votan los delegados.
error-weighted-needs-council = Solo los consejos hacen votaciones ponderadas.
error-not-affiliated = El comité no pertenece a ese consejo.
error-not-a-delegate = Esa persona no es delegada de este comité en ese consejo.
error-candidate-not-member = Las candidaturas deben ser miembros del comité.
error-demand-already-adopted = Esta reivindicación ya está aprobada.
error-demand-not-adopted = Solo se pueden respaldar reivindicaciones aprobadas.
error-action-closed = Esta acción terminó: se canceló o caducó.
error-pledges-final = La acción está en marcha: los compromisos ya son definitivos.
error-not-in-scope = Solo pueden comprometerse los miembros de los comités a los que llega esta acción.
error-not-a-workplace = Solo un comité de centro de trabajo tiene una plantilla que estimar.

## Validación

invalid-empty = { $field }: no puede quedar en blanco.
invalid-too-short = { $field } debe tener al menos { $min ->
    [one] un carácter
   *[other] { $min } caracteres
}.
invalid-too-long = { $field } puede tener como máximo { $max ->
    [one] un carácter
   *[other] { $max } caracteres
}.
invalid-characters = { $field } contiene caracteres no permitidos.
invalid-choice = { $field }: elige una de estas opciones: { $allowed }.
invalid-range = { $field } debe estar entre { $min } y { $max }.
invalid-format = { $field } no tiene el formato esperado.

## Campos

field-handle = Nombre de usuario
field-display-name = Nombre que ven los demás
field-password = Contraseña
field-invite = Código de invitación
field-name = Nombre
field-kind = Tipo
field-workplace-type = Tipo de centro de trabajo
field-industry = Sector
field-region = Región
field-label = Etiqueta
field-language = Idioma
field-role = Función
field-max-uses = Cuántas personas pueden usarla
field-expires-in-hours = Válida durante (horas)
field-code = Código
field-code-is = Código: { $code }
field-current-password = Contraseña actual
field-new-password = Contraseña nueva
field-ids = Avisos

## Portada

home-title = Bienvenida
home-heading = Somos más que ellos.
home-lead = Outnumber es donde los comités de base de cada centro de trabajo se reúnen, deciden juntos, se enlazan entre sectores y regiones, y actúan juntos.
home-invite-only = Te unes a través de un compañero o compañera que ya está dentro: pídele una invitación.
home-what = Qué puedes hacer aquí
home-point-committees = Forma un comité en tu centro de trabajo y suma a compañeros de confianza.
home-point-councils = Enlaza tu comité con otros de tu región y tu sector mediante consejos.
home-point-safety = Únete con un apodo. No hace falta nombre legal, teléfono ni correo electrónico.

## Cuentas

register-title = Unirse
setup-title = Crear la primera cuenta de administración
setup-lead = Este servidor es nuevo. La cuenta que crees ahora lo administrará.
register-with-invite = Un compañero o compañera te ha invitado. Elige un nombre de usuario y una contraseña.
register-needs-invite = Para unirte hace falta un código de invitación de alguien que ya es miembro.
register-handle-hint = Un apodo para entrar: letras, números, punto, guion y guion bajo. No tu nombre legal.
register-display-name-hint = Lo que verán tus compañeros. Déjalo vacío para aparecer como «Miembro» y un código. Mejor no tu apodo para entrar: ese es solo tuyo.
register-submit = Unirme
register-privacy = No guardamos direcciones IP ni pedimos nombre legal, teléfono ni correo electrónico.
register-have-account = ¿Ya tienes cuenta? Entra.
login-title = Entrar
login-submit = Entrar
login-no-account = ¿Aún no tienes cuenta? Únete.
settings-title = Tu cuenta
settings-saved = Guardado.
settings-display-name-hint = Déjalo vacío para aparecer como { $neutral }.
settings-password = Cambiar la contraseña
settings-submit = Guardar
settings-data = Tus datos
settings-export = Descargar todo lo que se guarda sobre ti (JSON)
settings-delete = Borrar tu cuenta
settings-delete-lead = No se puede deshacer. Sales de todos los comités; se borran tus respuestas, tus votos abiertos en votaciones todavía abiertas, tus compromisos con acciones que aún reúnen apoyos, tus notificaciones, tu correo y tus teléfonos. Lo que escribiste para tus comités (mociones, demandas, boletines, reportes) se queda, sin tu nombre. Si eres el último coordinador de un comité con otros miembros, nombra antes a otra persona coordinadora.
settings-delete-submit = Borrar mi cuenta para siempre

## Inicio

dashboard-title = Inicio
dashboard-workplaces = Tus comités de centro de trabajo
dashboard-no-workplaces = Aún no estás en un comité de centro de trabajo. Pide una invitación a un compañero, o funda uno.
dashboard-found-workplace = Fundar un comité de centro de trabajo
dashboard-councils = Tus consejos
dashboard-no-councils = Ninguno todavía. Cuando tu comité se una a un consejo, aparecerá aquí.
dashboard-through-affiliation = a través de tu comité
dashboard-found-council = Fundar un consejo
dashboard-have-code = ¿Tienes un código de invitación?
dashboard-open-code = Abrir
dashboard-notifications = Últimos avisos
dashboard-admin = Administración del servidor
dashboard-admin-lead = Quien vaya a fundar un comité nuevo necesita antes una cuenta. Una invitación de registro le deja unirse sin entrar en un comité.
dashboard-admin-submit = Crear una invitación de registro
dashboard-all-notifications = Todos los avisos

## Nombres de las cosas

role-coordinator = coordinador/a
role-member = miembro
kind-workplace = Comité de centro de trabajo
kind-council = Consejo
kind-member = invitación de miembro
kind-affiliation = código de afiliación
kind-registration = invitación de registro
workplace-type-factory = Fábrica
workplace-type-depot = Depósito
workplace-type-warehouse = Almacén
workplace-type-office = Oficina
workplace-type-school = Escuela
workplace-type-hospital = Hospital
workplace-type-other = Otro
members-count = { $count ->
    [one] { $count } miembro
   *[other] { $count } miembros
}

## Avisos

notifications-title = Avisos
notifications-empty = Nada todavía.
notifications-mark-read = Marcar todo como leído
notifications-older = Anteriores
notification-member-joined = { $member } se unió a { $committee }.
notification-role-changed = Ahora eres { $role } de { $committee }.
notification-member-removed = Te quitaron de { $committee }.
notification-affiliated = { $committee } se unió a { $council }.
notification-affiliate-joined = { $committee } se unió a { $council }.

## Comités

committee-new-title = Fundar un comité
committee-new-kind-hint = Un comité de centro de trabajo reúne a compañeros de un mismo lugar. Un consejo reúne a comités de una región o de un sector.
committee-new-type-hint = Para comités de centro de trabajo.
committee-new-industry-example = sanidad
committee-new-region-example = Minneapolis
committee-new-submit = Fundarlo
committee-affiliates = Comités afiliados
committee-no-affiliates = Aún no se ha unido ningún comité. Da un código de afiliación a quien coordine un comité.
committee-let-go = Quitar del consejo
committee-affiliates-private = Un consejo ve cuántos miembros tienen sus afiliados, nunca quiénes son.
committee-councils = Consejos
committee-no-councils = Aún no forma parte de ningún consejo.
committee-leave-council = Salir
committee-join-council = Unirse a un consejo con su código de afiliación
committee-join-council-submit = Unirse al consejo
committee-members = Miembros
committee-vouched-by = avalado/a por { $name }
committee-make-member = Hacer miembro
committee-make-coordinator = Hacer coordinador/a
committee-remove = Quitar
committee-invite = Invitar a un compañero o compañera
committee-invite-lead = Avalas a quien se una con tu invitación. Enseña el código QR en persona, o manda el enlace en privado.
committee-invite-submit = Crear invitación
committee-affiliation-code = Código de afiliación
committee-affiliation-lead = Da este código a quien coordine un comité o consejo que deba unirse a este consejo.
committee-affiliation-submit = Crear código de afiliación
committee-open-invites = Invitaciones abiertas
committee-invite-status = usada { $uses } de { $max ->
    [one] { $max } vez
   *[other] { $max } veces
}
committee-invite-expires = hasta { $at }
committee-revoke = Anular
committee-audit-link = Registro: cada cambio en este comité
committee-leave = Salir de este comité

## Invitaciones

invite-title = Invitación
invite-member-to = Una invitación para unirte a { $name }.
invite-affiliation-to = Un código de afiliación para { $name }.
invite-registration = Una invitación para unirte a Outnumber.
invite-qr-alt = Código QR del enlace de invitación
invite-scan = Escanéalo con la cámara del teléfono.
invite-link = Enlace
invite-validity = { $uses ->
    [one] Una persona más
   *[other] { $uses } personas más
} pueden usarla, hasta { $at }.
invite-affiliation-how = Quien coordina el comité que se une introduce este código en la página de su comité.
invite-already-member = Eres miembro. Enseña este código al compañero o compañera que avalas.
invite-accept = Unirme al comité
invite-register = Unirme con esta invitación
invite-login = Ya tengo cuenta

## Registro de cambios

audit-title = Registro de cambios
audit-lead = Cada cambio en este comité queda registrado aquí, a la vista de todos sus miembros.
audit-empty = Nada registrado todavía.
audit-newer = Más recientes
audit-older = Anteriores
audit-someone = alguien
# Un miembro sin nombre visible, por una etiqueta que no dice nada de su nombre de usuario.
member-unnamed = Miembro { $tag }
member-former = antiguo miembro
audit-committee-founded = { $actor } fundó { $name }.
audit-member-joined = { $subject } se unió, avalado/a por { $actor }.
audit-member-left = { $subject } se fue.
audit-account-deleted = Un miembro borró su cuenta y se fue.
audit-member-removed = { $actor } quitó a { $subject }.
audit-role-changed = { $actor } hizo a { $subject } { $role }.
audit-invite-created = { $actor } creó { $kind } para { $max_uses ->
    [one] una persona
   *[other] { $max_uses } personas
}.
audit-invite-revoked = { $actor } anuló { $kind }.
audit-affiliated = { $actor } unió el comité a { $council }.
audit-affiliate-joined = { $committee } se unió a este consejo.
audit-disaffiliated = El comité salió de { $council }.
audit-affiliate-left = { $committee } salió de este consejo.
audit-kind-member = una invitación de miembro
audit-kind-affiliation = un código de afiliación
audit-kind-registration = una invitación de registro

## Preguntar antes de lo que no tiene vuelta atrás, y decir lo que pasó

confirm-cancel = Cancelar
confirm-leave-title = ¿Salir de { $committee }?
confirm-leave = Vas a salir de { $committee }. Dejarás de ver sus reuniones, mociones, acciones y miembros, y termina cualquier puesto de delegado/a que te diera.
confirm-leave-then = Para volver necesitarás una invitación nueva de uno de sus miembros.
confirm-leave-submit = Salir de { $committee }
confirm-remove-title = ¿Quitar a { $name }?
confirm-remove = Vas a quitar a { $name } de { $committee }. Dejará de ver lo que pasa dentro, y termina cualquier puesto de delegado/a que le diera.
confirm-remove-then = Se le avisa a { $name } de que se le quitó, y el registro de auditoría muestra que lo hiciste tú.
confirm-remove-submit = Quitar a { $name }
confirm-promote-title = ¿Hacer a { $name } coordinador/a?
confirm-promote = { $name } pasará a coordinar { $committee }.
confirm-promote-then = Quien coordina puede quitar miembros, cambiar roles, convocar acciones y reuniones de emergencia, y responder por el comité en los consejos. Se le avisa a { $name }.
confirm-promote-submit = Hacer a { $name } coordinador/a
confirm-demote-title = ¿Hacer a { $name } miembro de nuevo?
confirm-demote = { $name } dejará de coordinar { $committee } y seguirá siendo miembro.
confirm-demote-then = { $name } ya no podrá quitar miembros, cambiar roles ni convocar acciones o reuniones de emergencia. Se le avisa.
confirm-demote-submit = Hacer a { $name } miembro
done-left = Saliste de { $committee }.
done-removed = { $name } ya no es miembro de { $committee }.
done-promoted = { $name } coordina ahora { $committee }.
done-demoted = { $name } ya no coordina { $committee } y sigue siendo miembro.

## Lo que espera en el inicio

dashboard-nothing-waiting = Nada te espera: ninguna votación, ninguna reunión por responder, ninguna acción a la que sumarte.
dashboard-votes = Votaciones que te esperan
dashboard-answer = Reuniones que no has respondido
## Navegación, confirmaciones y listas vacías (el marco de la interfaz)

tab-dashboard = Inicio
tab-feed = Noticias
tab-notifications = Avisos
tab-settings = Cuenta
done-withdrawn = Retiraste tu compromiso.
done-alert-sent = Alerta enviada. Ya se está avisando a los miembros cercanos.
done-confirmed = Gracias: tu confirmación cuenta.
empty-back-to-committee = Volver al comité
empty-your-committees = Tus comités
dashboard-start-here = Empieza por tu centro de trabajo
dashboard-no-actions = No hay acciones reuniendo compromisos. Cuando tu comité o un consejo convoque una, aparecerá aquí.
