## Mass action

action-kind-strike = strike
    .a = a strike
    .the = the strike
action-kind-walkout = walkout
    .a = a walkout
    .the = the walkout
action-kind-sick-out = sick-out
    .a = a sick-out
    .the = the sick-out
action-kind-rally = rally
    .a = a rally
    .the = the rally
action-kind-boycott = boycott
    .a = a boycott
    .the = the boycott
action-kind-march = march
    .a = a march
    .the = the march

notification-action-called = { $committee } calls { $kind_a }: { $title }. Pledge if you are in.
notification-action-activated = IT IS ON: { $title } goes ahead. { $pledged } pledged.
notification-action-cancelled = { $title } was called off.
notification-action-expired = { $title } did not reach its threshold before it was due: { $pledged } pledged.

audit-action-called = { $actor } called { $kind_a }: “{ $title }”.
audit-action-activated = “{ $title }” reached its threshold and is on, with { $pledged ->
    [one] one pledge
   *[other] { $pledged } pledges
}.
audit-action-cancelled = { $actor } called off “{ $title }” ({ $pledged ->
    [one] one person
   *[other] { $pledged } people
} had pledged).
audit-action-expired = “{ $title }” expired without reaching its threshold ({ $pledged } pledged).
audit-workforce-estimated = { $actor } recorded the workplace's estimated workforce: { $workforce }.

## Pages

actions-title = Actions
actions-link = Actions
actions-lead = An action goes ahead only when enough workers pledge. Pledge “I'm in if enough of us are”; at the threshold it is on, and everyone is told at once.
actions-empty = No actions yet.
actions-call = Call an action
actions-call-lead = Set the threshold: what “enough of us” means. Set one or more parts; all must be met.
actions-call-submit = Call the action
action-starts-field = It goes ahead on
field-description = Description
action-threshold = Threshold
action-threshold-hint = Leave a part empty if it does not apply.
field-threshold-pledges = Pledges needed
field-threshold-share-percent = Share of members needed (percent)
field-threshold-committees = Committees that must have pledges
field-threshold = Threshold
action-public = Publish the count on a public page
action-public-hint = Anyone with the link sees the totals, never a name or a workplace.
action-public-breakdown = On the public page, also show the counts by industry and region
action-public-breakdown-hint = An industry or region with fewer than 5 pledges is never named: those are added up as "others".
action-status-gathering = gathering pledges
action-status-activated = on
action-status-cancelled = called off
action-status-expired = expired
action-pledged-count = { $count } pledged
action-called-by = called by { $committee }
action-starts = Goes ahead on
# Follows the count of pledges, which the page updates live: the words must not print
# `$pledged` (they are chosen again in the browser for each plural form).
action-pledged-of = pledged of { $eligible ->
    [one] { $eligible } member
   *[other] { $eligible } members
}
action-progress-pledges = { $current } of { $target ->
    [one] { $target } pledge
   *[other] { $target } pledges
}
action-progress-share = { $current }% of members, { $target }% needed
action-progress-committees = { $current } of { $target ->
    [one] { $target } committee
   *[other] { $target } committees
}
action-is-on = The threshold is met: the action is on.
action-pledge-explained = Your pledge says: I'm in if enough of us are. Until the threshold is met you can take it back; after that it is final.
action-pledge = I'm in
action-pledged-note = You pledged. You can take it back until the threshold is met.
action-final-note = You pledged, and the action is on: your pledge is final.
action-withdraw = Take my pledge back
action-not-in-scope = You see this action through the committee that called it; only members of the workplaces it reaches pledge.
action-cancel = Call it off
action-public-link = Public page
action-by-committee = Where the pledges come from
action-breakdown-stale = The totals above are live; this breakdown is from when the page loaded.
action-breakdown-reload = Reload for the latest
action-of-workforce = { $pledged } of about { $workforce ->
    [one] { $workforce } worker
   *[other] { $workforce } workers
}
action-workforce-total = Where the workforce is known: { $pledged } of about { $workforce } workers, in { $committees ->
    [one] one workplace
   *[other] { $committees } workplaces
}.
action-other-committees = And { $count ->
    [one] one more committee
   *[other] { $count } more committees
}: { $pledged } pledged of { $members ->
    [one] { $members } member
   *[other] { $members } members
}.
action-by-industry = By industry
action-by-region = By region
action-unspecified = not given
public-other-groups = others (fewer than 5 each)
# Follows the live count of pledges; must not print `$count` (see action-pledged-of).
public-pledged = { $count ->
    [one] worker has pledged
   *[other] workers have pledged
}
public-committees = { $count ->
    [one] in one workplace
   *[other] in { $count } workplaces
}
public-footer = Counted by Outnumber. No names are shown or kept here: only the totals.
dashboard-actions = Actions you can join
field-estimated-workforce = The estimated workforce
committee-workforce = Workforce
committee-workforce-lead = About how many people work here, members or not? Counts of pledges show against it.
committee-workforce-submit = Save
actions-called-by = called by { $committee }
dashboard-you-pledged = You're in
dashboard-actions-under-way = Actions under way
done-pledged = You're in: “{ $title }”. Your pledge counts once enough of you are in; you can take it back until then.

## Whether it goes ahead: certain only once it is on

action-banner-on = It's on: { $workers ->
    [one] { $workers } worker
   *[other] { $workers } workers
} in { $workplaces ->
    [one] { $workplaces } workplace
   *[other] { $workplaces } workplaces
}
action-when-on = Goes ahead on { $date }.
action-when-more = Goes ahead on { $date } if { $more ->
    [one] one more worker pledges
   *[other] { $more } more workers pledge
}.
action-when-threshold = Planned for { $date }, once the threshold is reached.
action-when-ended = Was planned for { $date }.
action-when-label-gathering = Planned for
action-when-label-activated = Goes ahead on
action-when-label-cancelled = Was planned for
action-when-label-expired = Was planned for
actions-empty-member = When your coordinators call one, it shows here and you are told.
