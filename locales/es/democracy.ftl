## Mociones, votaciones, delegados, reivindicaciones y asambleas

notification-motion-moved = Nueva moción en { $committee }: { $title }. Tu voto cuenta.
notification-motion-closed = { $committee }: la moción «{ $title }» { $outcome }.
notification-delegate-seated = Ahora representas a { $committee } en { $council }.
notification-delegate-unseated = Ya no representas a { $committee } en { $council }.
notification-meeting-scheduled = { $committee } se reúne: { $title }, { $starts }, { $location }.
notification-emergency-meeting = ASAMBLEA DE EMERGENCIA de { $committee }: { $title }, { $starts }, { $location }.

outcome-carried = fue aprobada
outcome-failed = fue rechazada
outcome-no-quorum = no alcanzó el quórum
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
audit-motion-closed = La moción «{ $title }» { $outcome }.
audit-delegate-seated = { $subject } ocupó un puesto en { $council } por { $committee }.
audit-delegate-recalled = { $subject } fue revocado/a de { $council }.
audit-delegate-replaced = { $subject } dejó { $council } tras una nueva elección.
audit-meeting-scheduled = { $actor } convocó la asamblea «{ $title }» para el { $starts }.
audit-emergency-meeting-called = { $actor } convocó una asamblea de emergencia: «{ $title }», { $starts }.
audit-minutes-recorded = { $actor } registró el acta de «{ $title }».
audit-attendance-recorded = { $actor } registró la asistencia a «{ $title }».

demand-event-drafted = Redactada.
demand-event-motion-moved = { $committee } presentó: { $kind }.
demand-event-adopted = Aprobada por { $committee }.
demand-event-amended = Enmendada por { $committee }.
demand-event-endorsed = Respaldada por { $committee }.
demand-event-motion-failed = { $committee } votó: { $kind } rechazada.
demand-event-motion-no-quorum = { $committee } votó: { $kind } sin quórum.
