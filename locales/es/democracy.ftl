## Mociones, votaciones, delegados, reivindicaciones y asambleas

notification-motion-moved = Nueva moción en { $committee }: { $title }. Tu voto cuenta.
notification-motion-closed = { $committee }: moción «{ $title }», { $outcome }.
notification-delegate-seated = Ahora representas a { $committee } en { $council }.
notification-delegate-unseated = Ya no representas a { $committee } en { $council }.
notification-meeting-scheduled = { $committee } se reúne: { $title }, { $starts }, { $location }.
notification-emergency-meeting = ASAMBLEA DE EMERGENCIA de { $committee }: { $title }, { $starts }, { $location }.

outcome-carried = aprobada
outcome-failed = rechazada
outcome-no-quorum = sin quórum
outcome-open = en votación

motion-kind-decision = Decisión
motion-kind-adopt-demand = Aprobar una reivindicación
motion-kind-amend-demand = Enmendar una reivindicación
motion-kind-elect-delegates = Elegir delegados
motion-kind-recall = Revocar a un delegado
motion-kind-endorse-demand = Respaldar una reivindicación del consejo

audit-demand-drafted = { $actor } redactó la reivindicación «{ $title }».
audit-demand-adopted = Se aprobó la reivindicación «{ $title }».
audit-demand-amended = Se enmendó la reivindicación «{ $title }».
audit-demand-endorsed = El comité respaldó la reivindicación del consejo «{ $title }».
audit-demand-endorsed-by = { $committee } respaldó la reivindicación «{ $title }».
audit-motion-moved = { $actor } presentó la moción «{ $title }».
audit-motion-closed = Moción «{ $title }»: { $outcome }.
audit-delegate-seated = { $subject } ocupó un puesto en { $council } por { $committee }.
audit-delegate-recalled = { $subject } fue revocado/a de { $council }.
audit-delegate-replaced = { $subject } dejó { $council } tras una nueva elección.
audit-delegate-membership-ended = { $subject } ya no ocupa un puesto en { $council } por { $committee }: su membresía terminó.
audit-delegation-ended = { $subject } ya no ocupa un puesto en { $council }: { $committee } dejó el consejo.
audit-meeting-scheduled = { $actor } convocó la asamblea «{ $title }» para el { $starts }.
audit-emergency-meeting-called = { $actor } convocó una asamblea de emergencia: «{ $title }», { $starts }.
audit-minutes-recorded = { $actor } registró el acta de «{ $title }».
audit-attendance-recorded = { $actor } registró la asistencia a «{ $title }».

demand-event-drafted = Redactada.
demand-event-motion-moved = { $committee } presentó: { $kind }.
demand-event-adopted = Aprobada por { $committee }.
demand-event-amended = Enmendada por { $committee }.
demand-event-endorsed = Respaldada por { $committee }.
demand-event-motion-failed = { $committee } votó «{ $kind }»: no se aprobó.
demand-event-motion-no-quorum = { $committee } votó «{ $kind }»: no hubo quórum.

## Páginas: mociones

committee-parts = El trabajo del comité
motions-title = Mociones
motions-lead = Cualquier miembro puede presentar una moción. Se vota hasta que cierra; el resultado se aplica enseguida.
motions-move = Presentar una moción
motions-empty = Aún no hay mociones.
motion-closes-label = cierra
motion-you-voted = ya votaste
motion-new-title = Presentar una moción
motion-kind-help-decision = Una decisión del comité: lo que hará, o lo que defiende.
motion-kind-help-adopt-demand = Aprobar una reivindicación redactada, para que sea del comité.
motion-kind-help-amend-demand = Sustituir el texto de una reivindicación por otra redacción.
motion-kind-help-elect-delegates = Elegir la delegación del comité en un consejo. Quienes salgan elegidos sustituyen a los delegados actuales.
motion-kind-help-recall = Revocar enseguida a un delegado de un consejo.
motion-kind-help-endorse-demand = Poner al comité detrás de una reivindicación que aprobó su consejo.
motion-no-demands = Aún no hay ninguna reivindicación para elegir.
motion-text-hint = El nuevo texto de la reivindicación, si se aprueba la moción.
motion-no-councils = El comité aún no pertenece a ningún consejo.
motion-no-delegates = El comité no tiene delegados que revocar.
ballot-open = Voto abierto
ballot-secret = Voto secreto
majority-simple = Mayoría simple
majority-two-thirds = Dos tercios
motion-weighted = Voto ponderado
motion-weighted-hint = El voto de cada delegado cuenta por las trabajadoras y trabajadores del comité que representa, repartido entre sus delegados.
motion-submit = Presentar la moción
motion-weighted-tag = Ponderado por trabajadores
motion-proposed-text = Texto propuesto
motion-see-demand = Ver la reivindicación
motion-rules = Cómo se decide
motion-quorum = Debe votar al menos el { $percent }% de { $eligible ->
    [one] la única persona con derecho a voto
   *[other] las { $eligible } personas con derecho a voto
}.
majority-rule-simple = Se aprueba con más síes que noes.
majority-rule-two-thirds = Se aprueba con dos tercios de los síes y noes juntos.
motion-turnout = { $turnout ->
    [one] Ha votado { $turnout } de { $eligible }.
   *[other] Han votado { $turnout } de { $eligible }.
}
motion-turnout-workers = Representan a { $turnout } de { $eligible } trabajadores.
motion-uncounted = { $count ->
    [one] Una persona que participó aún no está en el recuento: su voto se está registrando, o el servidor se detuvo mientras lo registraba y no se pudo contar.
   *[other] { $count } personas que participaron aún no están en el recuento: sus votos se están registrando, o el servidor se detuvo mientras los registraba y no se pudieron contar.
}
motion-quorum-met = quórum alcanzado
motion-your-vote = Tu voto
motion-secret-explained = Voto secreto: tu voto se cuenta, pero nunca se vincula contigo, ni siquiera en la base de datos. Se vota una sola vez.
motion-open-explained = Voto abierto: los miembros ven quién votó qué. Puedes cambiar tu voto hasta que cierre.
motion-secret-voted = Tu voto secreto está emitido. Los resultados aparecen cuando cierre la votación.
motion-pick-up-to = Elige hasta { $seats }
motion-choice = Tu elección
choice-yes = Sí
choice-no = No
choice-abstain = Abstención
motion-change-vote = Cambiar mi voto
motion-vote = Votar
motion-close-now = Cerrar la votación ahora
motion-results = Resultados
motion-results-at-close = El voto secreto se cuenta cuando cierra la votación.
motion-elected = elegido/a
motion-unfilled = { $count ->
    [one] Un puesto queda vacío.
   *[other] { $count } puestos quedan vacíos.
}
motion-tie = Hubo empate por el último puesto, así que queda vacío en lugar de decidirse al azar.
motion-who-voted-how = Quién votó qué
motion-blank = voto en blanco

field-title = Título
field-body = Explicación
field-demand = Reivindicación
field-demand-id = Reivindicación
field-text = Nuevo texto
field-council = Consejo
field-council-id = Consejo
field-seats = Puestos
field-candidates = Candidaturas
field-delegate = Delegado/a
field-delegate-id = Delegado/a
field-ballot = Votación
field-closes-at = Cierre de la votación
field-quorum = Quórum
field-quorum-percent = Quórum (porcentaje de quienes pueden votar)
field-majority = Mayoría
field-choice = Elección
field-demand-body = Lo que reivindicamos

## Páginas: reivindicaciones, programa, delegados

demands-title = Reivindicaciones
demands-lead = Cualquier miembro redacta reivindicaciones; se aprueban o enmiendan por moción.
demands-empty = Aún no hay reivindicaciones.
demand-status-draft = borrador
demand-status-adopted = aprobada
demands-draft = Redactar una reivindicación
demands-draft-submit = Guardar el borrador
demand-move-adopt = Proponer su aprobación
demand-move-amend = Proponer una enmienda
demand-move-endorse = Proponer que { $committee } la respalde
demand-endorsements = Quién la respalda
demand-workers-behind = { $count ->
    [one] Una persona trabajadora respalda esta reivindicación.
   *[other] { $count } trabajadoras y trabajadores respaldan esta reivindicación.
}
demand-no-endorsements = Ningún comité la ha respaldado todavía.
demand-history = Historia
demand-see-motion = la moción
program-title = Programa
program-lead = Las reivindicaciones que aprobó este consejo, y cuántas personas trabajadoras respaldan cada una a través de sus comités.
program-empty = El consejo aún no ha aprobado ninguna reivindicación.
program-endorsed-by = Respaldada por
delegates-title = Delegados
delegates-lead = Los delegados los elige su comité y se pueden revocar en cualquier momento.
delegates-ours = Nuestros delegados
delegates-in = en { $council }
delegates-since-label = desde el
delegates-move-recall = Proponer su revocación
delegates-move-election = Proponer una elección
delegates-seated = Delegados en este consejo
delegates-for = por { $committee }
confirm-ballot-title = ¿Emitir tu voto secreto?
confirm-ballot = En «{ $title }» votas: { $choice }.
confirm-ballot-then = Un voto secreto no se puede cambiar una vez emitido: nunca queda ligado a ti, así que nadie, ni tú, puede retirarlo.
confirm-ballot-submit = Emitir mi voto
done-ballot-secret = Tu voto secreto en «{ $title }» está emitido y contado. No se puede cambiar; los resultados salen al cerrarse la votación.
done-ballot-open = Tu voto en «{ $title }» quedó registrado: { $choice }. Puedes cambiarlo hasta que se cierre la votación.
delegates-none = Aún no hay delegados: el comité los elige con una moción.
delegates-none-seated = Aún no hay delegados en este consejo. Los eligen los comités afiliados.
