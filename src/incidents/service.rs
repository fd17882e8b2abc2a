//! Reporting incidents and responding to them. A report reaches, in the transaction that
//! stores it, the inbox of every member of the committees in its reach, and their open
//! pages right after the commit; a false alarm is taken back out of all of them.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::json;

use crate::accounts::Account;
use crate::app::App;
use crate::bus::{Live, Topic};
use crate::committees::service::as_member;
use crate::committees::store::{self as committees, AuditEntry};
use crate::core::fields::Role;
use crate::core::incidents::{
    IncidentKind, IncidentStatus, Report, ResponderRole, Urgency, check_note, erase_before,
    may_widen, reach, reaches, require_open,
};
use crate::core::{Id, Rule, Timestamp};
use crate::directory::Graph;
use crate::error::{Error, Result};
use crate::incidents::store::{self, IncidentRow};
use crate::notifications::{Note, NotificationKind, Outbox};

/// How far back the list of incidents on the dashboard and the incidents page goes.
pub const RECENT_DAYS: i64 = 14;
/// How many incidents that list shows at most.
const RECENT_LIMIT: i64 = 50;

/// The committees an incident of `committee` reaches at `level`, per the network now.
pub fn reach_of(graph: &Graph, committee: Id, level: i64) -> BTreeSet<Id> {
    reach(
        committee,
        level,
        |c| graph.get(c).map_or(&[][..], |n| n.parents.as_slice()),
        |c| graph.get(c).map_or(&[][..], |n| n.children.as_slice()),
    )
}

/// An incident as one member may see it.
pub struct Seen {
    pub row: IncidentRow,
    /// The viewer's role in the reporting committee, if a member of it.
    pub role: Option<Role>,
}

impl Seen {
    pub fn status(&self) -> IncidentStatus {
        IncidentStatus::parse(&self.row.status).unwrap_or(IncidentStatus::Open)
    }

    pub fn kind(&self) -> IncidentKind {
        IncidentKind::parse(&self.row.kind).unwrap_or(IncidentKind::Other)
    }

    pub fn urgency(&self) -> Urgency {
        Urgency::parse(&self.row.urgency).unwrap_or(Urgency::Info)
    }

    pub fn erased(&self) -> bool {
        self.row.erased_at.is_some()
    }

    pub fn is_reporter(&self, account: Id) -> bool {
        self.row.reported_by == Some(account.get())
    }

    pub fn is_coordinator(&self) -> bool {
        self.role == Some(Role::Coordinator)
    }

    /// The reporter's name is for their own committee; elsewhere the report comes from the
    /// committee.
    pub fn reporter_name(&self, tr: crate::i18n::Tr) -> Option<String> {
        self.role?;
        crate::accounts::names::shown_if(
            tr,
            self.row.reported_by,
            self.row.reporter_name.as_deref(),
            self.row.reporter_tag.as_deref(),
        )
    }

    pub fn may_resolve(&self, account: Id) -> bool {
        self.status() == IncidentStatus::Open
            && !self.erased()
            && (self.is_reporter(account) || self.is_coordinator())
    }

    pub fn may_respond(&self) -> bool {
        require_open(self.status(), self.erased()).is_ok()
    }
}

/// A member of `committee` reports an incident. Returns it as the reporter sees it.
pub async fn report(
    app: &App,
    account: &Account,
    committee_id: Id,
    report: &Report,
) -> Result<Seen> {
    let (committee, _) = as_member(app, committee_id, account.id).await?;
    let checked = report.check()?;
    app.limits.incident_report(account.id.get())?;
    let reached = reach_of(&app.directory.graph(), committee_id, 0);
    let reached: Vec<Id> = reached.into_iter().collect();

    let id = Id::random();
    let now = Timestamp::now();
    let mut tx = app.db.begin().await?;
    store::insert(&mut tx, id, committee_id, account.id, &checked, now).await?;
    committees::audit_incident(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: None,
            action: "incident_reported",
            subject: None,
            detail: json!({ "incident": checked.kind.as_str(), "urgency": checked.urgency.as_str() }),
        },
        id,
    )
    .await?;
    let mut recipients = store::members_of(&mut tx, &reached).await?;
    recipients.remove(&account.id);
    let recipients: Vec<Id> = recipients.into_iter().collect();
    let mut outbox = Outbox::default();
    outbox
        .notify(
            &mut tx,
            &recipients,
            &alert(
                &committee.name,
                &checked.kind,
                &checked.summary,
                &checked.location,
                checked.urgency,
                id,
                committee_id,
            ),
        )
        .await?;
    tx.commit().await?;
    outbox.deliver(app).await;
    tracing::info!(incident = %id, reached = recipients.len(), "incident reported");
    visible(app, account.id, id).await
}

fn alert(
    committee: &str,
    kind: &IncidentKind,
    summary: &str,
    location: &str,
    urgency: Urgency,
    incident: Id,
    committee_id: Id,
) -> Note {
    Note {
        kind: NotificationKind::IncidentReported,
        committee: Some(committee_id),
        subject: Some(incident),
        detail: crate::notifications::detail([
            ("committee", committee),
            ("incident", kind.as_str()),
            ("summary", summary),
            ("location", location),
            ("urgency", urgency.as_str()),
        ]),
        urgent: urgency == Urgency::Now,
    }
}

/// The incident if the account may see it: a member of a committee in its reach; once
/// withdrawn as a false alarm, only members of the reporting committee. Everyone else gets
/// 404.
///
/// Who may see it is decided from its committee, reach and status alone, before the rest is
/// read, so that a hidden incident and an id that names nothing are turned away alike, after
/// the same query.
pub async fn visible(app: &App, account: Id, incident: Id) -> Result<Seen> {
    // Read first, so that an id naming nothing costs what a hidden one does.
    let memberships = app.directory.memberships(account).await?;
    let graph = app.directory.graph();
    let found = store::probe(app.db.pool(), incident).await?;
    // Decided for an id that names nothing too, so that both cost the same.
    let (committee, level, status) = found.clone().unwrap_or((Id::NOTHING, 0, String::new()));
    let status = IncidentStatus::parse(&status).unwrap_or(IncidentStatus::Open);
    let audience = Audience {
        committee,
        reach_level: level,
        withdrawn: status == IncidentStatus::Withdrawn,
    };
    if !audience.includes(&graph, &memberships) || found.is_none() {
        return Err(Error::not_found());
    }
    let row = store::find(app.db.pool(), incident, account)
        .await?
        .ok_or_else(Error::not_found)?;
    shown_to(&graph, &memberships, row).ok_or_else(Error::not_found)
}

/// The incident as seen by someone with these memberships, if they may see it.
fn shown_to(graph: &Graph, memberships: &[(Id, Role)], row: IncidentRow) -> Option<Seen> {
    let committee = Id::from_db(row.committee_id);
    let role = memberships
        .iter()
        .find(|(c, _)| *c == committee)
        .map(|(_, role)| *role);
    let seen = Seen { row, role };
    seen.audience().includes(graph, memberships).then_some(seen)
}

/// Who may see an incident, as far as one read of it tells: enough to ask again from
/// memory, after a viewer's memberships or the network changed, whether they still may.
/// What changes with the incident itself (widened, withdrawn) comes with its own event and
/// a fresh read.
#[derive(Debug, Clone, Copy)]
pub struct Audience {
    committee: Id,
    reach_level: i64,
    withdrawn: bool,
}

impl Audience {
    /// The members of the reporting committee, and while the alert stands, those of the
    /// committees it reaches.
    fn includes(self, graph: &Graph, memberships: &[(Id, Role)]) -> bool {
        memberships.iter().any(|(c, _)| *c == self.committee)
            || (!self.withdrawn
                && memberships.iter().any(|(mine, _)| {
                    reaches(self.committee, self.reach_level, *mine, |c| {
                        graph.get(c).map_or(&[][..], |n| n.parents.as_slice())
                    })
                }))
    }
}

impl Seen {
    pub fn audience(&self) -> Audience {
        Audience {
            committee: Id::from_db(self.row.committee_id),
            reach_level: self.row.reach_level,
            withdrawn: self.status() == IncidentStatus::Withdrawn,
        }
    }
}

/// Whether `account` may still see an incident with this audience, per its memberships and
/// the network now: from memory, without reading the incident again.
pub async fn still_sees(app: &App, account: Id, audience: Audience) -> Result<bool> {
    let memberships = app.directory.memberships(account).await?;
    Ok(audience.includes(&app.directory.graph(), &memberships))
}

/// Recent incidents of the account's committees and those it was alerted to (and may still
/// see), newest first. Read from the inbox rather than by walking the network, so it costs
/// the same on a small network as on a general strike's.
pub async fn recent_for(app: &App, account: Id) -> Result<Vec<Seen>> {
    let memberships = app.directory.memberships(account).await?;
    if memberships.is_empty() {
        return Ok(Vec::new());
    }
    let mine: Vec<Id> = memberships.iter().map(|(c, _)| *c).collect();
    let since = Timestamp::now().plus_hours(-24 * RECENT_DAYS);
    let rows = store::recent_for(app.db.pool(), account, &mine, since, RECENT_LIMIT).await?;
    let graph = app.directory.graph();
    Ok(rows
        .into_iter()
        .filter_map(|row| shown_to(&graph, &memberships, row))
        .collect())
}

/// A member who sees it too confirms the report; once each.
pub async fn confirm(app: &App, account: Id, incident: Id) -> Result<Seen> {
    let seen = visible(app, account, incident).await?;
    require_open(seen.status(), seen.erased())?;
    if seen.is_reporter(account) {
        return Err(Rule::OwnReport.into());
    }
    let mut tx = app.db.begin().await?;
    let added = store::confirm(&mut tx, incident, account).await?;
    tx.commit().await?;
    if added {
        changed(app, incident);
    }
    visible(app, account, incident).await
}

/// A member signs up to respond (or changes how); `None` stands down.
pub async fn respond(
    app: &App,
    account: Id,
    incident: Id,
    role: Option<ResponderRole>,
) -> Result<Seen> {
    let seen = visible(app, account, incident).await?;
    require_open(seen.status(), seen.erased())?;
    let mut tx = app.db.begin().await?;
    match role {
        Some(role) => store::respond(&mut tx, incident, account, role).await?,
        None => store::stand_down(&mut tx, incident, account).await?,
    }
    tx.commit().await?;
    changed(app, incident);
    visible(app, account, incident).await
}

/// The reporter or a coordinator of the reporting committee resolves it, with a note.
pub async fn resolve(
    app: &App,
    account: &Account,
    incident: Id,
    note: Option<&str>,
) -> Result<Seen> {
    let seen = visible(app, account.id, incident).await?;
    require_open(seen.status(), seen.erased())?;
    if !seen.is_reporter(account.id) && !seen.is_coordinator() {
        return Err(Rule::ReporterOrCoordinator.into());
    }
    let note = check_note(note)?;
    end(
        app,
        account,
        &seen,
        IncidentStatus::Resolved,
        note.as_deref(),
    )
    .await
}

/// A coordinator widens the alert one council level up: the members newly in reach get it.
pub async fn widen(app: &App, account: &Account, incident: Id) -> Result<Seen> {
    let seen = visible(app, account.id, incident).await?;
    if !seen.is_coordinator() {
        return Err(Rule::CoordinatorsOnly.into());
    }
    require_open(seen.status(), seen.erased())?;
    let committee = Id::from_db(seen.row.committee_id);
    let graph = app.directory.graph();
    let level = seen.row.reach_level;
    if !may_widen(committee, level, |c| {
        graph.get(c).map_or(&[][..], |n| n.parents.as_slice())
    }) {
        return Err(Rule::NoCouncilAbove.into());
    }
    let reached: Vec<Id> = reach_of(&graph, committee, level + 1).into_iter().collect();
    let mut tx = app.db.begin().await?;
    if !store::widen(&mut tx, incident, level).await? {
        return Err(Rule::IncidentClosed.into());
    }
    committees::audit_incident(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: "incident_widened",
            subject: None,
            detail: json!({ "incident": seen.row.kind, "level": level + 1 }),
        },
        incident,
    )
    .await?;
    let already = store::notified(&mut tx, incident).await?;
    let reporter = seen.row.reported_by.map(Id::from_db);
    let recipients: Vec<Id> = store::members_of(&mut tx, &reached)
        .await?
        .into_iter()
        .filter(|a| !already.contains(a) && Some(*a) != reporter)
        .collect();
    let mut outbox = Outbox::default();
    outbox
        .notify(
            &mut tx,
            &recipients,
            &alert(
                &seen.row.committee_name,
                &seen.kind(),
                &seen.row.summary,
                &seen.row.location,
                seen.urgency(),
                incident,
                committee,
            ),
        )
        .await?;
    tx.commit().await?;
    outbox.deliver(app).await;
    changed(app, incident);
    visible(app, account.id, incident).await
}

/// A coordinator marks the report a false alarm: it is taken out of every inbox and open
/// page it reached, and everyone it reached is told it was withdrawn.
pub async fn false_alarm(app: &App, account: &Account, incident: Id) -> Result<Seen> {
    let seen = visible(app, account.id, incident).await?;
    if !seen.is_coordinator() {
        return Err(Rule::CoordinatorsOnly.into());
    }
    require_open(seen.status(), seen.erased())?;
    end(app, account, &seen, IncidentStatus::Withdrawn, None).await
}

/// Closes an open incident as resolved or withdrawn, in one transaction with its audit entry
/// and the notice to everyone told of the outcome. A withdrawal first takes the alert out of
/// every inbox, and after the commit off every open page.
async fn end(
    app: &App,
    account: &Account,
    seen: &Seen,
    status: IncidentStatus,
    note: Option<&str>,
) -> Result<Seen> {
    let incident = Id::from_db(seen.row.id);
    let committee = Id::from_db(seen.row.committee_id);
    let withdrawn = status == IncidentStatus::Withdrawn;
    let mut tx = app.db.begin().await?;
    if !store::close(&mut tx, incident, status, note, Timestamp::now()).await? {
        return Err(Rule::IncidentClosed.into());
    }
    committees::audit_incident(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: if withdrawn {
                "incident_withdrawn"
            } else {
                "incident_resolved"
            },
            subject: None,
            detail: json!({ "incident": seen.row.kind }),
        },
        incident,
    )
    .await?;
    let told = told_of_the_outcome(&mut tx, seen, account.id).await?;
    if withdrawn {
        // Before the notice below is written: withdrawing drops every unsent push and
        // e-mail about the incident, and closes the pushes already shown.
        crate::delivery::withdraw_subject(&mut tx, incident).await?;
        store::delete_alerts(&mut tx, incident).await?;
    }
    let mut outbox = Outbox::default();
    outbox
        .notify(
            &mut tx,
            &told,
            &Note {
                kind: if withdrawn {
                    NotificationKind::IncidentWithdrawn
                } else {
                    NotificationKind::IncidentResolved
                },
                committee: Some(committee),
                subject: Some(incident),
                detail: crate::notifications::detail([
                    ("committee", seen.row.committee_name.as_str()),
                    ("incident", seen.row.kind.as_str()),
                ]),
                // Someone may be on the way: a false alarm's correction travels as fast as
                // the alert did.
                urgent: withdrawn && seen.urgency() == Urgency::Now,
            },
        )
        .await?;
    tx.commit().await?;
    if withdrawn {
        for reader in &told {
            app.bus
                .publish(Topic::Account(*reader), Live::Retracted(incident));
        }
    }
    outbox.deliver(app).await;
    changed(app, incident);
    visible(app, account.id, incident).await
}

/// Who hears how it ended: everyone the alert reached, and the reporter; not the one who
/// ended it.
async fn told_of_the_outcome(
    conn: &mut sqlx::AnyConnection,
    seen: &Seen,
    actor: Id,
) -> Result<Vec<Id>> {
    let mut told = store::notified(conn, Id::from_db(seen.row.id)).await?;
    told.extend(seen.row.reported_by.map(Id::from_db));
    told.remove(&actor);
    Ok(told.into_iter().collect())
}

/// Tells the incident's open pages to read it again.
fn changed(app: &App, incident: Id) {
    app.bus.publish(Topic::Incident(incident), Live::Changed);
}

/// Erases the details of incidents past the retention period, every few seconds, also
/// after a restart (the clock is the report's time in the database).
pub async fn retention_job(app: App) {
    let mut tick = tokio::time::interval(Duration::from_secs(2));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(err) = erase_due(&app).await {
            tracing::warn!(error = %err, "erasing incident details failed; retrying");
        }
    }
}

/// Erases one incident's details, and whatever would still single out its reporter: the
/// audit entries about it lose their names (the reporter may have resolved it), and its
/// inbox rows are written anew, alike for everyone who was told anything about it (the
/// alert went to everyone in reach but the reporter, the outcome to everyone but whoever
/// brought it about). They say only the committee and the kind, and all of them are read.
async fn erase(app: &App, incident: Id) -> Result<()> {
    let now = Timestamp::now();
    let mut tx = app.db.begin().await?;
    let Some(erased) = store::erase(&mut tx, incident, now).await? else {
        return Ok(());
    };
    let detail = crate::notifications::detail([
        ("committee", erased.committee_name.as_str()),
        ("incident", erased.kind.as_str()),
    ]);
    let urgent = erased.urgency == Urgency::Now.as_str();
    let reported_at = Timestamp::from_millis(erased.created_at);
    let ended_at = Timestamp::from_millis(erased.resolved_at.unwrap_or(erased.created_at));
    let kept: &[(NotificationKind, bool, Timestamp)] =
        match IncidentStatus::parse(&erased.status).unwrap_or(IncidentStatus::Open) {
            IncidentStatus::Open => &[(NotificationKind::IncidentReported, urgent, reported_at)],
            IncidentStatus::Resolved => &[
                (NotificationKind::IncidentReported, urgent, reported_at),
                (NotificationKind::IncidentResolved, false, ended_at),
            ],
            IncidentStatus::Withdrawn => &[(NotificationKind::IncidentWithdrawn, urgent, ended_at)],
        };
    let mut told = store::told_anything(&mut tx, incident).await?;
    told.extend(erased.reported_by.map(Id::from_db));
    told.extend(committees::incident_actors(&mut tx, incident).await?);
    let committee = Id::from_db(erased.committee_id);
    let detail = &detail;
    let mut rows: Vec<crate::notifications::Notification> = told
        .iter()
        .flat_map(|&account_id| {
            kept.iter().map(
                move |&(kind, urgent, at)| crate::notifications::Notification {
                    id: Id::random(),
                    account_id,
                    kind,
                    committee_id: Some(committee),
                    subject_id: Some(incident),
                    detail: detail.clone(),
                    urgent,
                    created_at: at,
                    read_at: Some(now),
                    ahead_of_inbox: false,
                },
            )
        })
        .collect();
    // Written in the order of their random ids: nothing in where a row lands on disk says
    // whose it was before.
    rows.sort_unstable_by_key(|n| n.id);
    committees::forget_incident_actors(&mut tx, incident).await?;
    store::replace_notifications(&mut tx, incident, &rows).await?;
    tx.commit().await?;
    changed(app, incident);
    Ok(())
}

pub async fn erase_due(app: &App) -> Result<usize> {
    let before = erase_before(Timestamp::now(), app.config.incident_retention);
    let due = store::due_for_erasure(app.db.pool(), before).await?;
    for incident in &due {
        erase(app, *incident).await?;
    }
    if !due.is_empty() {
        tracing::info!(count = due.len(), "erased the details of past incidents");
    }
    Ok(due.len())
}
