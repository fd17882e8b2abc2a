## Sin conexión: lo que guarda el teléfono, y las páginas que vale la pena guardar

offline-title = Estás sin conexión
offline-lead = Outnumber no puede llegar al servidor en este momento. Revisa tu conexión. Estas páginas están guardadas en este teléfono y todavía puedes leerlas:
offline-saved = Guardado en este teléfono
offline-nothing = Todavía no hay nada guardado en este teléfono. Las páginas se guardan cuando las abres con conexión.
offline-retry = Intentar de nuevo
offline-banner = Estás sin conexión.
offline-banner-saved = Esta copia se guardó en este teléfono el
offline-banner-stale = Puede estar desactualizada, y nada de lo que envíes funcionará hasta que vuelvas a tener conexión.

## Contactos

contacts-title = Contactos
contacts-title-of = Contactos: { $committee }
contacts-lead = A quién acudir. Esta página también se guarda en tu teléfono para cuando no haya conexión; por eso solo nombra a coordinadores y delegados y las líneas que publican los coordinadores: nunca a los miembros ni sus datos.
contacts-lines = Líneas a las que llamar
contacts-no-lines = Todavía no hay líneas publicadas.
contacts-coordinators = Coordinadores
contacts-delegates = Delegados
contacts-rights-link = Conoce tus derechos: redadas, detenciones, represalias
contacts-add-heading = Publicar una línea
contacts-add-note = Publica solo líneas que cualquiera pueda conocer, como una línea de ayuda legal o un número de respuesta rápida, nunca el teléfono ni la dirección de un miembro: esta página se guarda en los teléfonos de los miembros, y un teléfono puede ser confiscado.
contacts-add = Publicar la línea
contacts-remove = Quitar
contacts-remove-line = Quitar { $label }
field-contact-label = Qué es (por ejemplo, línea de ayuda legal)
field-contact-value = Número o dirección
error-too-many-contact-lines = El comité ya publicó todas las líneas que caben en una página de contactos. Quita una primero.
audit-contact-line-added = { $actor } publicó la línea de contacto «{ $title }».
audit-contact-line-removed = { $actor } quitó la línea de contacto «{ $title }».

## Cerrar sesión en todas partes

settings-everywhere = Cerrar sesión en todas partes
settings-everywhere-lead = Cierra todas las sesiones de tu cuenta, en este teléfono y en cualquier otro dispositivo, con sus tokens de la API y enlaces de calendario, y deja de enviar notificaciones a todos los teléfonos (vuelve a activarlas aquí al entrar de nuevo): para un teléfono perdido o confiscado. Un dispositivo que guardó páginas para leerlas sin conexión las borra la próxima vez que se conecte.
settings-everywhere-submit = Cerrar sesión en todas partes

## Conoce tus derechos

home-rights = Conoce tus derechos: redadas, detenciones, represalias
rights-title = Conoce tus derechos
rights-lead = Puntos breves para una redada, una detención o represalias en el trabajo. Esta página se guarda en tu teléfono y se puede leer sin conexión.
rights-not-advice = Esta es información general, no asesoría legal. Las leyes cambian de un país o estado a otro, y con el tiempo. Cuando puedas, habla con un abogado o llama a la línea de ayuda legal de tu comité.
rights-always-heading = Estés donde estés
rights-always-silent = Tienes derecho a guardar silencio. Puedes decir: «Quiero guardar silencio. Quiero hablar con un abogado».
rights-always-sign = No firmes nada que no hayas leído o que no entiendas sin un abogado.
rights-always-lie = No mientas y no muestres documentos falsos. El silencio es más seguro que una respuesta falsa.
rights-always-calm = Mantén la calma y las manos a la vista. No corras y no te resistas, aunque lo que pasa sea injusto.
rights-always-write = Después, anota lo que pasó lo antes posible: hora, lugar, nombres o números de placa, vehículos, testigos.
rights-raid-heading = Una redada en el trabajo o en casa
rights-raid-door = No tienes que abrir la puerta. Habla a través de la puerta, o sal y ciérrala detrás de ti.
rights-raid-warrant = En Estados Unidos, los agentes necesitan una orden firmada por un juez, con la dirección correcta, para entrar sin permiso a una casa o a las áreas privadas de un lugar de trabajo. Pide que la muestren por la ventana o la pasen por debajo de la puerta. Un formulario firmado solo por un agente de inmigración no basta.
rights-raid-consent = Di con claridad: «No doy permiso para un registro». Si entran de todos modos, no te resistas; recuerda lo que hacen.
rights-raid-witness = Si no te están interrogando a ti, puedes observar y grabar desde una distancia segura donde la ley lo permita. Repórtalo aquí como redada, para que tu comité y los comités cercanos vengan como testigos.
rights-detained-heading = Si te paran o te detienen
rights-detained-free = Pregunta: «¿Me puedo ir?». Si te dicen que sí, vete con calma. Si no, estás detenido: di que quieres guardar silencio y que quieres un abogado.
rights-detained-status = No tienes que responder preguntas sobre dónde naciste, tu nacionalidad o tu situación migratoria.
rights-detained-phone = No tienes que desbloquear tu teléfono ni decirle a nadie su código. Bloquéalo con un código y no con la huella o la cara, que pueden forzarse con más facilidad.
rights-detained-plan = Apréndete de memoria un número al que llamar (un abogado, la línea de ayuda, alguien de tu familia), y acuerda con alguien de confianza quién recoge a los niños y las medicinas si no vuelves a casa.
rights-retaliation-heading = Si tu empleador toma represalias
rights-retaliation-protected = En muchos países la ley protege a quienes trabajan y actúan juntos por el salario, la seguridad y las condiciones, con sindicato o sin él. En Estados Unidos esto cubre a la mayoría de quienes trabajan en empresas privadas, sin importar su situación migratoria.
rights-retaliation-keep = Guarda copias de horarios, recibos de pago, mensajes y amonestaciones. Anota qué se dijo, quién, cuándo y quién lo vio.
rights-retaliation-deadline = Los plazos son cortos. En Estados Unidos, una denuncia ante la Junta Nacional de Relaciones Laborales (NLRB) debe presentarse dentro de seis meses.
rights-retaliation-together = No lo enfrentes solo: avisa a tu comité, para responder juntos.
rights-contacts = A quién llamar
