## Avisos al teléfono y por correo

delivery-settings-link = Avisos al teléfono y por correo
delivery-title-page = Avisos al teléfono y por correo
delivery-intro = Elige qué te llega cuando Outnumber no está abierto: como aviso en este teléfono o por correo electrónico. Todo lo demás te espera aquí, en tus avisos.
delivery-push-heading = Avisos en este teléfono
delivery-push-devices = { $count ->
    [0] Todavía ningún teléfono ni navegador recibe tus avisos.
    [one] Un teléfono o navegador recibe tus avisos.
   *[other] { $count } teléfonos o navegadores reciben tus avisos.
}
delivery-push-unavailable = Los avisos en este teléfono necesitan JavaScript y un navegador que los admita. En un iPhone, primero añade Outnumber a la pantalla de inicio.
delivery-push-enable = Activar avisos en este teléfono
delivery-push-disable = Desactivar avisos en este teléfono
delivery-push-on = Los avisos están activados en este teléfono.
delivery-push-off = Los avisos están desactivados en este teléfono.
delivery-push-denied = Tu navegador bloquea los avisos de este sitio. Permítelos en los ajustes del sitio del navegador y vuelve a intentarlo.
delivery-push-failed = No se pudieron activar los avisos en este teléfono. Inténtalo más tarde.
delivery-categories = Qué te llega
delivery-category = Tipo
delivery-channel-push = Teléfono
delivery-channel-email = Correo
delivery-categories-hint = Los reportes de incidentes te llegan solo cuando son urgentes («está pasando ahora»). Todo empieza activado.
delivery-category-emergency-meetings = Reuniones de emergencia
delivery-category-actions = Acciones (convocadas, en marcha, canceladas)
delivery-category-incidents = Incidentes (reportes urgentes, resueltos, retirados)
delivery-category-bulletins = Boletines
field-email = Correo electrónico
delivery-email-hint = Opcional. Se guarda cifrado, solo se usa para enviarte lo que elegiste arriba y nadie más que tú lo ve. Déjalo vacío para borrarlo.
delivery-email-unavailable = Este servidor no envía correos.
delivery-title-emergency-meetings = Reunión de emergencia
delivery-title-actions = Acción
delivery-title-incidents = Alerta de incidente
delivery-title-bulletins = Nuevo boletín
delivery-mail-footer = Recibes esto porque pediste a Outnumber que te avisara por correo. Para cambiar lo que recibes:

# One-click unsubscribe: the line before the link at the end of each mail, and the page the link opens.
delivery-mail-unsubscribe-emergency-meetings = Para no recibir más correos sobre reuniones de emergencia:
delivery-mail-unsubscribe-actions = Para no recibir más correos sobre acciones:
delivery-mail-unsubscribe-incidents = Para no recibir más correos sobre incidentes:
delivery-mail-unsubscribe-bulletins = Para no recibir más correos sobre boletines:
delivery-unsubscribe-ask-emergency-meetings = ¿Dejar de recibir correos sobre reuniones de emergencia?
delivery-unsubscribe-ask-actions = ¿Dejar de recibir correos sobre acciones?
delivery-unsubscribe-ask-incidents = ¿Dejar de recibir correos sobre incidentes?
delivery-unsubscribe-ask-bulletins = ¿Dejar de recibir correos sobre boletines?
delivery-unsubscribe-what = Outnumber no enviará más correos de este tipo a tu dirección. Todo lo demás queda igual: las notificaciones en tu teléfono y en Outnumber, y los otros correos que elegiste. Puedes volver a activar estos correos en tus ajustes de notificaciones.
delivery-unsubscribe-confirm = Dejar de recibir estos correos
delivery-unsubscribed-emergency-meetings = Los correos sobre reuniones de emergencia están desactivados
delivery-unsubscribed-actions = Los correos sobre acciones están desactivados
delivery-unsubscribed-incidents = Los correos sobre incidentes están desactivados
delivery-unsubscribed-bulletins = Los correos sobre boletines están desactivados
delivery-unsubscribed-text = No se te enviarán más correos de este tipo. Las notificaciones en tu teléfono y en Outnumber siguen como estaban. Para volver a activar estos correos, inicia sesión y abre tus ajustes de notificaciones.
