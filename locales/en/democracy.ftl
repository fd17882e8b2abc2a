## Motions, ballots, delegates, demands and meetings

notification-motion-moved = New motion in { $committee }: { $title }. Your vote counts.
notification-motion-closed = { $committee }: the motion “{ $title }” { $outcome }.
notification-delegate-seated = You now represent { $committee } in { $council }.
notification-delegate-unseated = You no longer represent { $committee } in { $council }.
notification-meeting-scheduled = { $committee } meets: { $title }, { $starts }, { $location }.
notification-emergency-meeting = EMERGENCY MEETING of { $committee }: { $title }, { $starts }, { $location }.

outcome-carried = carried
outcome-failed = failed
outcome-no-quorum = did not reach quorum
outcome-open = open for voting

motion-kind-decision = Decision
motion-kind-adopt-demand = Adopt a demand
motion-kind-amend-demand = Amend a demand
motion-kind-elect-delegates = Elect delegates
motion-kind-recall = Recall a delegate
motion-kind-endorse-demand = Endorse a council's demand

audit-demand-drafted = { $actor } drafted the demand “{ $title }”.
audit-demand-adopted = The demand “{ $title }” was adopted.
audit-demand-amended = The demand “{ $title }” was amended.
audit-demand-endorsed = The committee endorsed the council's demand “{ $title }”.
audit-demand-endorsed-by = { $committee } endorsed the demand “{ $title }”.
audit-motion-moved = { $actor } moved the motion “{ $title }”.
audit-motion-closed = The motion “{ $title }” { $outcome }.
audit-delegate-seated = { $subject } took a seat in { $council } for { $committee }.
audit-delegate-recalled = { $subject } was recalled from { $council }.
audit-delegate-replaced = { $subject } left { $council } after a new election.
audit-meeting-scheduled = { $actor } scheduled the meeting “{ $title }” for { $starts }.
audit-emergency-meeting-called = { $actor } called an emergency meeting: “{ $title }”, { $starts }.
audit-minutes-recorded = { $actor } recorded the minutes of “{ $title }”.
audit-attendance-recorded = { $actor } recorded who attended “{ $title }”.

demand-event-drafted = Drafted.
demand-event-motion-moved = { $committee } moved: { $kind }.
demand-event-adopted = Adopted by { $committee }.
demand-event-amended = Amended by { $committee }.
demand-event-endorsed = Endorsed by { $committee }.
demand-event-motion-failed = { $committee } voted: { $kind } failed.
demand-event-motion-no-quorum = { $committee } voted: { $kind } did not reach quorum.
