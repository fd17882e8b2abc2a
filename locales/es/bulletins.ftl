# Boletines: lo que comités y consejos publican para sus miembros o para la red.

notification-bulletin-published = { $committee } publicó un boletín: { $title }
