## Acción colectiva

action-kind-strike = huelga
    .a = una huelga
    .the = la huelga
    .gender = feminine
action-kind-walkout = paro
    .a = un paro
    .the = el paro
    .gender = masculine
action-kind-sick-out = baja colectiva
    .a = una baja colectiva
    .the = la baja colectiva
    .gender = feminine
action-kind-rally = concentración
    .a = una concentración
    .the = la concentración
    .gender = feminine
action-kind-boycott = boicot
    .a = un boicot
    .the = el boicot
    .gender = masculine
action-kind-march = marcha
    .a = una marcha
    .the = la marcha
    .gender = feminine

notification-action-called = { $committee } convoca { $kind_a }: { $title }. Comprométete si te sumas.
notification-action-activated = ¡VA EN SERIO! { $title } sigue adelante. { $pledged ->
    [one] Un compromiso.
   *[other] { $pledged } compromisos.
}
notification-action-cancelled = Se desconvocó { $title }.
notification-action-expired = { $title } no alcanzó su umbral a tiempo: { $pledged ->
    [one] un compromiso.
   *[other] { $pledged } compromisos.
}

audit-action-called = { $actor } convocó { $kind_a }: «{ $title }».
audit-action-activated = «{ $title }» alcanzó su umbral y sigue adelante, con { $pledged ->
    [one] un compromiso
   *[other] { $pledged } compromisos
}.
audit-action-cancelled = { $actor } desconvocó «{ $title }» ({ $pledged ->
    [one] una persona se había comprometido
   *[other] { $pledged } personas se habían comprometido
}).
audit-action-expired = «{ $title }» caducó sin alcanzar su umbral ({ $pledged ->
    [one] un compromiso
   *[other] { $pledged } compromisos
}).
audit-workforce-estimated = { $actor } registró la plantilla estimada del centro: { $workforce }.

## Páginas

actions-title = Acciones
actions-link = Acciones
actions-lead = Una acción sigue adelante solo cuando se comprometen suficientes trabajadoras y trabajadores. Comprométete: “me sumo si nos sumamos suficientes”; al alcanzar el umbral va en serio, y se avisa a todo el mundo a la vez.
actions-empty = Aún no hay acciones.
actions-call = Convocar una acción
actions-call-lead = Fija el umbral: qué significa “suficientes”. Rellena una o más partes; deben cumplirse todas.
actions-call-submit = Convocar la acción
action-starts-field = Sigue adelante el
field-description = Descripción
action-threshold = Umbral
action-threshold-hint = Deja vacía la parte que no aplique.
field-threshold-pledges = Compromisos necesarios
field-threshold-share-percent = Parte de los miembros necesaria (porcentaje)
field-threshold-committees = Comités que deben tener compromisos
field-threshold = Umbral
action-public = Publicar el recuento en una página pública
action-public-hint = Quien tenga el enlace ve los totales, nunca un nombre ni un centro de trabajo.
action-public-breakdown = En la página pública, mostrar también los recuentos por sector y región
action-public-breakdown-hint = Un sector o una región con menos de 5 compromisos nunca se nombra: se suman como «otros».
action-status-gathering = reuniendo compromisos
action-status-activated = en marcha
action-status-cancelled = desconvocada
action-status-expired = caducada
action-pledged-count = { $count ->
    [one] { $count } compromiso
   *[other] { $count } compromisos
}
action-called-by = convoca { $committee }
action-starts = Sigue adelante el
# Sigue al número de compromisos, que la página actualiza en vivo: no debe mostrar
# `$pledged` (el navegador vuelve a elegir la forma para cada número).
action-pledged-of = { $pledged ->
    [one] compromiso
   *[other] compromisos
} de { $eligible ->
    [one] { $eligible } miembro
   *[other] { $eligible } miembros
}
action-progress-pledges = { $current } de { $target ->
    [one] { $target } compromiso
   *[other] { $target } compromisos
}
action-progress-share = { $current }% de los miembros, hace falta el { $target }%
action-progress-committees = { $current } de { $target ->
    [one] { $target } comité
   *[other] { $target } comités
}
action-is-on = Se alcanzó el umbral: la acción está en marcha.
action-pledge-explained = Tu compromiso dice: me sumo si nos sumamos suficientes. Hasta alcanzar el umbral puedes retirarlo; después es definitivo.
action-pledge = Me sumo
action-pledged-note = Te comprometiste. Puedes retirarlo hasta que se alcance el umbral.
action-final-note = Te comprometiste y la acción está en marcha: tu compromiso es definitivo.
action-withdraw = Retirar mi compromiso
action-not-in-scope = Ves esta acción por el comité que la convoca; se comprometen los miembros de los centros de trabajo a los que llega.
action-cancel = Desconvocarla
action-public-link = Página pública
action-by-committee = De dónde vienen los compromisos
action-breakdown-stale = Los totales de arriba están en vivo; este desglose es de cuando se cargó la página.
action-breakdown-reload = Recargar para ver lo último
action-of-workforce = { $pledged } de { $workforce ->
    [one] { $workforce } persona de la plantilla
   *[other] unas { $workforce } personas de la plantilla
}
action-workforce-total = Donde se conoce la plantilla: { $pledged } de { $workforce ->
    [one] { $workforce } persona
   *[other] unas { $workforce } personas
}, en { $committees ->
    [one] un centro de trabajo
   *[other] { $committees } centros de trabajo
}.
action-other-committees = Y { $count ->
    [one] un comité más
   *[other] { $count } comités más
}: { $pledged ->
    [one] un compromiso
   *[other] { $pledged } compromisos
} de { $members ->
    [one] { $members } miembro
   *[other] { $members } miembros
}.
action-by-industry = Por sector
action-by-region = Por región
action-unspecified = sin indicar
public-other-groups = otros (menos de 5 cada uno)
# Sigue al número en vivo; no debe mostrar `$count` (ver action-pledged-of).
public-pledged = { $count ->
    [one] persona trabajadora se ha comprometido
   *[other] trabajadoras y trabajadores se han comprometido
}
public-committees = { $count ->
    [one] en un centro de trabajo
   *[other] en { $count } centros de trabajo
}
public-footer = Contado por Outnumber. Aquí no se muestran ni se guardan nombres: solo los totales.
dashboard-actions = Acciones a las que puedes sumarte
field-estimated-workforce = La plantilla estimada
committee-workforce = Plantilla
committee-workforce-lead = ¿Cuántas personas trabajan aquí, sean miembros o no? Los compromisos se cuentan frente a ese número.
committee-workforce-submit = Guardar
actions-called-by = convocada por { $committee }
dashboard-you-pledged = Te sumaste
dashboard-actions-under-way = Acciones en marcha
done-pledged = Te sumaste a «{ $title }». Tu compromiso cuenta cuando se sumen suficientes; hasta entonces puedes retirarlo.

## Si sigue adelante: seguro solo cuando está en marcha

action-banner-on = Está en marcha: { $workers ->
    [one] { $workers } persona
   *[other] { $workers } personas
} en { $workplaces ->
    [one] { $workplaces } centro de trabajo
   *[other] { $workplaces } centros de trabajo
}
action-when-on = Sigue adelante el { $date }.
action-when-more = Seguirá adelante el { $date } si se { $more ->
    [one] compromete una persona más
   *[other] comprometen { $more } personas más
}.
action-when-threshold = Prevista para el { $date }, cuando se alcance el umbral.
action-when-ended = Estaba prevista para el { $date }.
action-when-label-gathering = Prevista para el
action-when-label-activated = Sigue adelante el
action-when-label-cancelled = Estaba prevista para el
action-when-label-expired = Estaba prevista para el
actions-empty-member = Cuando tus coordinadores convoquen una, aparecerá aquí y se te avisará.
