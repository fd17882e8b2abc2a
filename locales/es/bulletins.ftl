# Boletines: lo que comités y consejos publican para sus miembros o para la red.

notification-bulletin-published = { $committee } publicó un boletín: { $title }

nav-feed = Noticias
feed-title = Noticias
feed-lead = Boletines de tus comités y consejos, y de la red a la que pertenecen, los más recientes primero.
feed-empty = Todavía no hay boletines.
bulletins-link = Boletines
bulletins-of = Boletines de { $committee }
bulletins-empty = Todavía no hay boletines.
bulletins-older = Boletines anteriores
bulletins-publish = Publicar un boletín
bulletins-publish-submit = Publicar
bulletins-field-body = Texto
bulletins-markdown-hint = Puedes usar Markdown: **negrita**, *cursiva*, listas con -, enlaces como [texto](https://…). No se muestran imágenes ni HTML.
bulletins-add-translation = Añadir una versión en otro idioma
bulletin-audience-members = Solo miembros
bulletin-audience-network = Red
bulletin-audience-members-explained = Solo miembros: los miembros de este comité
bulletin-audience-network-explained = Red: desde un centro de trabajo, también sus consejos; desde un consejo, también todos los comités por debajo
bulletin-read-in = Leerlo en { $language }
field-audience = Destinatarios
field-translation-language = Idioma de la otra versión
field-translation-title = Título de la otra versión
field-translation-body = Texto de la otra versión
field-cursor = Página
audit-bulletin-published = { $actor } publicó el boletín «{ $title }»
feed-empty-next = Aquí aparecen los boletines de tus comités y de los consejos a los que pertenecen.
