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
audit-delegate-membership-ended = { $subject } no longer sits in { $council } for { $committee }: their membership ended.
audit-delegation-ended = { $subject } no longer sits in { $council }: { $committee } left the council.
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

## Pages: motions

committee-parts = The committee's work
motions-title = Motions
motions-lead = Any member can move a motion. Members vote until it closes; the outcome takes effect at once.
motions-move = Move a motion
motions-empty = No motions yet.
motion-closes-label = closes
motion-you-voted = you voted
motion-new-title = Move a motion
motion-kind-help-decision = A decision of the committee: what it will do, or what it stands for.
motion-kind-help-adopt-demand = Adopt a drafted demand, so that it becomes the committee's.
motion-kind-help-amend-demand = Replace a demand's text with new wording.
motion-kind-help-elect-delegates = Elect the committee's delegation to a council. The elected replace the current delegates there.
motion-kind-help-recall = Recall a delegate from a council at once.
motion-kind-help-endorse-demand = Put the committee behind a demand its council adopted.
motion-no-demands = There is no demand to choose yet.
motion-text-hint = The demand's new text, if the motion carries.
motion-no-councils = The committee does not belong to a council yet.
motion-no-delegates = The committee has no delegates to recall.
ballot-open = Open ballot
ballot-secret = Secret ballot
majority-simple = Simple majority
majority-two-thirds = Two thirds
motion-weighted = Weighted vote
motion-weighted-hint = Each delegate's ballot counts for the workers of the committee they represent, shared among its delegates.
motion-submit = Move the motion
motion-weighted-tag = Weighted by workers
motion-proposed-text = Proposed text
motion-see-demand = See the demand
motion-rules = How it is decided
motion-quorum = At least { $percent }% of { $eligible ->
    [one] the one eligible voter
   *[other] the { $eligible } eligible voters
} must vote.
majority-rule-simple = It carries with more yes than no.
majority-rule-two-thirds = It carries with two thirds of yes and no together.
motion-turnout = { $turnout } of { $eligible } { $turnout ->
    [one] has voted.
   *[other] have voted.
}
motion-turnout-workers = They represent { $turnout } of { $eligible } workers.
motion-uncounted = { $count ->
    [one] One member who took part is not in the count yet: their ballot is being recorded, or the server stopped while recording it and it could not be counted.
   *[other] { $count } members who took part are not in the count yet: their ballots are being recorded, or the server stopped while recording them and they could not be counted.
}
motion-quorum-met = quorum reached
motion-your-vote = Your vote
motion-secret-explained = Secret ballot: your vote is counted, but never linked to you, not even in the database. You vote once.
motion-open-explained = Open ballot: members see who voted how. You can change your vote until it closes.
motion-secret-voted = Your secret ballot is cast. Results appear when the vote closes.
motion-pick-up-to = Choose up to { $seats }
motion-choice = Your choice
choice-yes = Yes
choice-no = No
choice-abstain = Abstain
motion-change-vote = Change my vote
motion-vote = Vote
motion-close-now = Close the vote now
motion-results = Results
motion-results-at-close = Secret ballots are counted when the vote closes.
motion-elected = elected
motion-unfilled = { $count ->
    [one] One seat stays empty.
   *[other] { $count } seats stay empty.
}
motion-tie = Candidates tied for the last seat, so it is left empty rather than decided by chance.
motion-who-voted-how = Who voted how
motion-blank = blank ballot

field-title = Title
field-body = Explanation
field-demand = Demand
field-demand-id = Demand
field-text = New text
field-council = Council
field-council-id = Council
field-seats = Seats
field-candidates = Candidates
field-delegate = Delegate
field-delegate-id = Delegate
field-ballot = Ballot
field-closes-at = Voting closes
field-quorum = Quorum
field-quorum-percent = Quorum (percent of eligible voters)
field-majority = Majority
field-choice = Choice
field-demand-body = What we demand

## Pages: demands, program, delegates

demands-title = Demands
demands-lead = Demands are drafted by any member and adopted or amended by motion.
demands-empty = No demands yet.
demand-status-draft = draft
demand-status-adopted = adopted
demands-draft = Draft a demand
demands-draft-submit = Save the draft
demand-move-adopt = Move to adopt
demand-move-amend = Move to amend
demand-move-endorse = Move that { $committee } endorses it
demand-endorsements = Who stands behind it
demand-workers-behind = { $count ->
    [one] One worker stands behind this demand.
   *[other] { $count } workers stand behind this demand.
}
demand-no-endorsements = No committee has endorsed it yet.
demand-history = History
demand-see-motion = the motion
program-title = Program
program-lead = The demands this council adopted, and how many workers stand behind each through their committees' endorsements.
program-empty = The council has not adopted a demand yet.
program-endorsed-by = Endorsed by
delegates-title = Delegates
delegates-lead = Delegates are elected by their committee and can be recalled at any time.
delegates-ours = Our delegates
delegates-in = in { $council }
delegates-since-label = since
delegates-move-recall = Move to recall
delegates-move-election = Move an election
delegates-seated = Delegates seated in this council
delegates-for = for { $committee }
confirm-ballot-title = Cast your secret ballot?
confirm-ballot = On “{ $title }” you vote: { $choice }.
confirm-ballot-then = A secret ballot cannot be changed once cast: it is never linked to you, so nobody, not even you, can take it back.
confirm-ballot-submit = Cast my ballot
done-ballot-secret = Your secret ballot on “{ $title }” is cast and counted. It cannot be changed; results appear when the vote closes.
done-ballot-open = Your vote on “{ $title }” is recorded: { $choice }. You can change it until the vote closes.
delegates-none = No delegates yet: the committee elects them with a motion.
delegates-none-seated = No delegates are seated here yet. Affiliated committees elect them.
