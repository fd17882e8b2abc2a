//! Calling actions, pledging, cancelling, expiring, telling everyone in scope, and the
//! counts as people see them.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::accounts::Account;
use crate::actions::engine::{Live, ProgressView, Scope, State};
use crate::actions::store::{self, NewAction};
use crate::app::App;
use crate::bus::{Live as LiveEvent, Topic};
use crate::committees::store::{self as committees, AuditEntry};
use crate::core::actions::{ActionKind, ActionStatus, Threshold, check_cancel, expires};
use crate::core::fields::{CommitteeKind, Invalid, Problem, Role, text};
use crate::core::zones::Zone;
use crate::core::{Id, Invalids, Rule, Timestamp};
use crate::db::Backend;
use crate::directory::Graph;
use crate::error::{Error, Result};
use crate::notifications::{Notification, NotificationKind, detail};

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 4000;
/// An action may be called up to a year ahead.
const MAX_AHEAD_HOURS: i64 = 24 * 366;

pub struct Call {
    pub title: String,
    pub kind: String,
    pub description: Option<String>,
    pub starts_at: String,
    pub public: bool,
    /// Whether a public counter also shows pledges by industry and region (groups under
    /// `core::actions::PUBLIC_GROUP_MIN` folded); totals only otherwise.
    pub public_breakdown: bool,
    pub pledges: Option<i64>,
    pub share: Option<f64>,
    pub committees: Option<i64>,
}

/// A call, checked.
pub struct Checked {
    title: String,
    kind: ActionKind,
    description: String,
    starts_at: Timestamp,
    threshold: Threshold,
}

/// Checks every field of a call at once, adding their problems to `checks` (those a form
/// found already, such as a time it could not read).
pub fn check_call(call: &Call, now: Timestamp, mut checks: Invalids) -> Result<Checked, Invalids> {
    let title = checks.check(text("title", &call.title, 1, TITLE_MAX, false));
    let kind = checks.check(ActionKind::parse(&call.kind));
    let description = checks.check(text(
        "description",
        call.description.as_deref().unwrap_or(""),
        0,
        DESCRIPTION_MAX,
        true,
    ));
    let starts_at = checks.check(
        Timestamp::parse_rfc3339(&call.starts_at)
            .ok_or(Invalid::new("starts_at", Problem::Format))
            .and_then(|starts_at| {
                if starts_at <= now || starts_at > now.plus_hours(MAX_AHEAD_HOURS) {
                    Err(Invalid::new(
                        "starts_at",
                        Problem::Range { min: 0, max: 366 },
                    ))
                } else {
                    Ok(starts_at)
                }
            }),
    );
    let threshold = checks.check(Threshold::parse(call.pledges, call.share, call.committees));
    checks.finish((|| {
        Some(Checked {
            title: title?,
            kind: kind?,
            description: description?,
            starts_at: starts_at?,
            threshold: threshold?,
        })
    })())
}

/// A coordinator of a committee or council calls an action.
pub async fn call(app: &App, account: &Account, committee: Id, call: Call) -> Result<Arc<Live>> {
    crate::committees::service::as_coordinator(app, committee, account.id).await?;
    let Checked {
        title,
        kind,
        description,
        starts_at,
        threshold,
    } = check_call(&call, Timestamp::now(), Invalids::default())?;

    let id = Id::random();
    let mut tx = app.db.begin().await?;
    store::insert(
        &mut tx,
        &NewAction {
            id,
            committee,
            title: &title,
            kind: kind.as_str(),
            description: &description,
            starts_at,
            public: call.public,
            public_breakdown: call.public_breakdown,
            threshold_pledges: threshold.pledges,
            threshold_share: threshold.share,
            threshold_committees: threshold.committees,
            called_by: account.id,
        },
    )
    .await?;
    committees::audit(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: "action_called",
            subject: None,
            detail: json!({ "title": title, "kind": kind.as_str() }),
        },
    )
    .await?;
    store::insert_fanout(&mut tx, id, "called").await?;
    tx.commit().await?;
    let live = app.actions.get(id).await?.ok_or_else(Error::not_found)?;
    announce(app, &live, "called");
    Ok(live)
}

/// How the caller stands towards an action.
pub struct Access {
    /// The caller's role in the committee that called it, if a member.
    pub role: Option<Role>,
    /// The committee the caller's pledge counts for: their workplace in the action's scope.
    pub pledge_for: Option<Id>,
}

impl Access {
    pub fn is_coordinator(&self) -> bool {
        self.role == Some(Role::Coordinator)
    }
}

/// The caller's workplace committee within the action's scope (the first, if several): a
/// search in the scope's sorted workplaces, which the action keeps per version of the graph.
fn workplace_within(scope: &Scope, memberships: &[(Id, Role)]) -> Option<Id> {
    memberships
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| scope.workplaces.binary_search(c).is_ok())
        .min()
}

/// The action, if the account may see it: members of the committee that called it and
/// everyone it reaches. Everyone else gets 404, after the same one small query
/// ([`store::probe`]) whether the action exists or not, and whether or not this server holds
/// it in memory: the answer and its time tell nothing. Only for those who may see it is an
/// action not yet in memory loaded, through the writer.
pub async fn visible(app: &App, account: Id, action: Id) -> Result<(Arc<Live>, Access)> {
    let memberships = app.directory.memberships(account).await?;
    let graph = app.directory.graph();
    let live = match app.actions.cached(action) {
        Some(live) => live,
        None => {
            let found = store::probe(app.db.pool(), action).await?;
            // Decided for an id that names nothing too, so that both cost the same.
            let committee = found.map_or(Id::NOTHING, |(committee, _)| committee);
            if !reaches(&graph, &memberships, committee) || found.is_none() {
                return Err(Error::not_found());
            }
            app.actions
                .get(action)
                .await?
                .ok_or_else(Error::not_found)?
        }
    };
    match access_with(&live, &memberships, &graph) {
        Some(access) => Ok((live, access)),
        None => {
            // Memory knew; the query is run all the same, as for an id that names nothing.
            store::probe(app.db.pool(), action).await?;
            Err(Error::not_found())
        }
    }
}

/// The account's access to an action it holds, per its memberships and the network now; 404
/// when it may not see the action.
pub async fn access(app: &App, account: Id, live: &Live) -> Result<Access> {
    let memberships = app.directory.memberships(account).await?;
    let graph = app.directory.graph();
    access_with(live, &memberships, &graph).ok_or_else(Error::not_found)
}

/// Whether these memberships reach the action: its committee's members (with their role),
/// or members of a workplace in its scope (who pledge for it).
fn access_with(live: &Live, memberships: &[(Id, Role)], graph: &Graph) -> Option<Access> {
    let role = memberships
        .iter()
        .find(|(c, _)| *c == live.info.committee)
        .map(|(_, r)| *r);
    let pledge_for = workplace_within(&live.scope(graph), memberships);
    (role.is_some() || pledge_for.is_some()).then_some(Access { role, pledge_for })
}

/// Whether an action called by `committee` is for someone with these memberships: a member
/// of the committee, or of a workplace at or below it (its scope). A walk up from the
/// memberships, so that its cost does not depend on the committee.
fn reaches(graph: &Graph, memberships: &[(Id, Role)], committee: Id) -> bool {
    memberships.iter().any(|(mine, _)| {
        *mine == committee
            || (graph
                .get(*mine)
                .is_some_and(|n| n.kind == CommitteeKind::Workplace)
                && graph.is_below(*mine, committee))
    })
}

/// Whether `account` has pledged to the action: from memory once its pledgers are loaded
/// (on SQLite, at the first question), from the database until then.
pub async fn has_pledged(app: &App, live: &Arc<Live>, account: Id) -> Result<bool> {
    if let Some(known) = live.has_pledged(account) {
        return Ok(known);
    }
    // With PostgreSQL other servers may pledge too, and this one would not hear of it.
    if app.db.backend() == Backend::Sqlite && live.start_loading_pledgers() {
        let (app, live) = (app.clone(), live.clone());
        app.clone().spawn(async move {
            let expected = usize::try_from(live.pledged()).unwrap_or(0);
            match store::pledgers(app.db.pool(), live.info.id, expected).await {
                Ok(loaded) => live.finish_loading_pledgers(Some(loaded)),
                Err(err) => {
                    tracing::warn!(error = %err, "loading an action's pledgers failed");
                    live.finish_loading_pledgers(None);
                }
            }
        });
    }
    Ok(store::has_pledged(app.db.pool(), live.info.id, account).await?)
}

/// Pledges "I'm in if enough of us are". A second pledge changes nothing.
pub async fn pledge(app: &App, account: Id, action: Id) -> Result<Arc<Live>> {
    let (live, access) = visible(app, account, action).await?;
    let committee = access.pledge_for.ok_or(Rule::NotInScope)?;
    app.actions.pledge(live.clone(), account, committee).await?;
    Ok(live)
}

pub async fn withdraw(app: &App, account: Id, action: Id) -> Result<Arc<Live>> {
    let (live, access) = visible(app, account, action).await?;
    access.pledge_for.ok_or(Rule::NotInScope)?;
    app.actions.withdraw(live.clone(), account).await?;
    Ok(live)
}

/// A coordinator of the calling committee calls it off before it activates.
pub async fn cancel(app: &App, account: &Account, action: Id) -> Result<Arc<Live>> {
    let (live, access) = visible(app, account.id, action).await?;
    if !access.is_coordinator() {
        return Err(if access.role.is_some() {
            Rule::CoordinatorsOnly
        } else {
            Rule::Hidden
        }
        .into());
    }
    check_cancel(live.status())?;
    if !app
        .actions
        .end(live.clone(), ActionStatus::Cancelled, Some(account.id))
        .await?
    {
        return Err(Rule::ActionClosed.into());
    }
    Ok(live)
}

/// A coordinator records the estimated workforce of their workplace (members or not).
pub async fn set_workforce(
    app: &App,
    account: &Account,
    committee: Id,
    workforce: Option<i64>,
) -> Result<()> {
    let row = crate::committees::service::as_coordinator(app, committee, account.id).await?;
    if row.kind != CommitteeKind::Workplace.as_str() {
        return Err(Rule::NotAWorkplace.into());
    }
    if let Some(n) = workforce {
        crate::core::fields::in_range("estimated_workforce", n, 1, 10_000_000)?;
    }
    let mut tx = app.db.begin().await?;
    store::set_workforce(&mut tx, committee, workforce).await?;
    committees::audit(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: "workforce_estimated",
            subject: None,
            detail: json!({ "workforce": workforce }),
        },
    )
    .await?;
    tx.commit().await?;
    app.directory.network_changed().await;
    Ok(())
}

/// These committees and every council above them, each once.
fn with_councils_above(graph: &Graph, start: &[Id]) -> Vec<Id> {
    let mut seen: HashSet<Id> = start.iter().copied().collect();
    let mut found: Vec<Id> = start.to_vec();
    let mut queue = found.clone();
    while let Some(id) = queue.pop() {
        for parent in graph.get(id).map(|n| n.parents.as_slice()).unwrap_or(&[]) {
            if seen.insert(*parent) {
                found.push(*parent);
                queue.push(*parent);
            }
        }
    }
    found
}

/// An action in a list, with where the reader stands.
pub struct Listed {
    pub row: store::ActionRow,
    /// The name of the committee or council that called it.
    pub committee_name: String,
    /// The zone its times read in, when it chose one.
    pub committee_zone: Option<Zone>,
    /// The reader's workplace in its scope, for which a pledge would count.
    pub pledge_for: Option<Id>,
    pub pledged: bool,
}

impl Listed {
    /// Gathering, in scope, and not yet pledged: an "I'm in" away.
    pub fn pledgeable(&self) -> bool {
        self.row.status == ActionStatus::Gathering.as_str()
            && self.pledge_for.is_some()
            && !self.pledged
    }
}

/// The actions `account` may see among `rows` (the same rule as [`visible`], from memory),
/// with where it stands towards each: one query for its pledges, whatever their number.
async fn listed(
    app: &App,
    account: Id,
    memberships: &[(Id, Role)],
    graph: &Graph,
    rows: Vec<store::ActionRow>,
) -> Result<Vec<Listed>> {
    let rows: Vec<store::ActionRow> = rows
        .into_iter()
        .filter(|r| reaches(graph, memberships, Id::from_db(r.committee_id)))
        .collect();
    let ids: Vec<Id> = rows.iter().map(|r| Id::from_db(r.id)).collect();
    let pledged = store::pledged_among(app.db.pool(), account, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let committee = Id::from_db(row.committee_id);
            let pledge_for = memberships
                .iter()
                .map(|(c, _)| *c)
                .filter(|c| {
                    graph
                        .get(*c)
                        .is_some_and(|n| n.kind == CommitteeKind::Workplace)
                        && (*c == committee || graph.is_below(*c, committee))
                })
                .min();
            let node = graph.get(committee);
            Listed {
                committee_name: node.map(|n| n.name.to_string()).unwrap_or_default(),
                committee_zone: node.and_then(|n| n.time_zone),
                pledged: pledged.contains(&Id::from_db(row.id)),
                pledge_for,
                row,
            }
        })
        .collect())
}

/// The actions gathering pledges or on that reach the account: called by its committees or
/// by the councils above them (20 at most, gathering ones first).
pub async fn open_for(app: &App, account: Id) -> Result<Vec<Listed>> {
    let memberships = app.directory.memberships(account).await?;
    let graph = app.directory.graph();
    let mine: Vec<Id> = memberships.iter().map(|(c, _)| *c).collect();
    let callers = with_councils_above(&graph, &mine);
    let rows = store::called_by_any(app.db.pool(), &callers, 20)
        .await?
        .into_iter()
        .filter(|r| r.status == "gathering" || r.status == "activated")
        .collect();
    listed(app, account, &memberships, &graph, rows).await
}

/// The actions a member is called to, for their own calendar: called by their committees or
/// the councils above them, reaching them (the same rule as [`open_for`]), starting at or
/// after `since`, in any state. Read at each fetch, so that it follows their memberships.
pub async fn for_calendar(
    app: &App,
    account: Id,
    since: Timestamp,
    limit: i64,
) -> Result<Vec<Listed>> {
    let memberships = app.directory.memberships(account).await?;
    let graph = app.directory.graph();
    let mine: Vec<Id> = memberships.iter().map(|(c, _)| *c).collect();
    let callers = with_councils_above(&graph, &mine);
    let rows = store::starting_since(app.db.pool(), &callers, since, limit).await?;
    listed(app, account, &memberships, &graph, rows).await
}

/// The actions that concern a committee's members, for its page: those it called and those
/// of the councils above it, whose scope takes in every committee below them. Only those
/// the reader may open are listed.
pub async fn reaching(app: &App, account: Id, committee: Id) -> Result<Vec<Listed>> {
    crate::committees::service::visible(app, committee, account).await?;
    let memberships = app.directory.memberships(account).await?;
    let graph = app.directory.graph();
    let callers = with_councils_above(&graph, &[committee]);
    let rows = store::called_by_any(app.db.pool(), &callers, 200).await?;
    listed(app, account, &memberships, &graph, rows).await
}

// ---- telling people ----

fn notification_kind(event: &str) -> Option<(NotificationKind, bool)> {
    match event {
        "called" => Some((NotificationKind::ActionCalled, false)),
        "activated" => Some((NotificationKind::ActionActivated, true)),
        "cancelled" => Some((NotificationKind::ActionCancelled, false)),
        "expired" => Some((NotificationKind::ActionExpired, false)),
        _ => None,
    }
}

/// The same notification id for the same person and event, so that a fan-out resumed after a
/// restart (or an account in two committees of the scope) never notifies twice.
fn notification_id(action: Id, event: &str, account: Id) -> Id {
    let digest = Sha256::new()
        .chain_update(b"outnumber fan-out\0")
        .chain_update(action.get().to_le_bytes())
        .chain_update(event.as_bytes())
        .chain_update(account.get().to_le_bytes())
        .finalize();
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    let n = i64::from_le_bytes(bytes) & i64::MAX;
    Id::from_db(if n == 0 { 1 } else { n })
}

fn notification(app: &App, live: &Live, event: &str, account: Id) -> Option<Notification> {
    let (kind, urgent) = notification_kind(event)?;
    let graph = app.directory.graph();
    let committee_name = graph
        .get(live.info.committee)
        .map(|n| n.name.to_string())
        .unwrap_or_default();
    let mut detail = detail([
        ("committee", committee_name.as_str()),
        ("title", live.info.title.as_str()),
        ("kind", live.info.kind.as_str()),
    ]);
    detail.insert("pledged".into(), json!(live.pledged()));
    Some(Notification {
        id: notification_id(live.info.id, event, account),
        account_id: account,
        kind,
        committee_id: Some(live.info.committee),
        subject_id: Some(live.info.id),
        detail,
        urgent,
        created_at: Timestamp::now(),
        read_at: None,
        ahead_of_inbox: false,
    })
}

/// Tells the people with an open page at once, before the inbox rows are written: a call and
/// an activation reach everyone in scope; a cancellation or expiry, those who pledged.
pub fn announce(app: &App, live: &Arc<Live>, event: &str) {
    let (app, live, event) = (app.clone(), live.clone(), event.to_owned());
    // Called by the pledge writer, whose own thread must go on writing.
    app.clone().spawn(async move {
        if let Err(err) = announce_now(&app, &live, &event).await {
            tracing::warn!(error = %err, "announcing an action live failed");
        }
        app.fanout_wake.notify_one();
    });
}

async fn announce_now(app: &App, live: &Arc<Live>, event: &str) -> Result<()> {
    let scope = live.scope(&app.directory.graph());
    for account in app.bus.listening_accounts() {
        let reached = match event {
            "called" | "activated" => {
                let memberships = app.directory.memberships(account).await?;
                workplace_within(&scope, &memberships).is_some()
                    && (event != "called" || live.info.called_by != Some(account))
            }
            _ => has_pledged(app, live, account).await?,
        };
        if reached && let Some(mut n) = notification(app, live, event, account) {
            n.ahead_of_inbox = true;
            app.bus.publish(
                Topic::Account(account),
                LiveEvent::Notification(Arc::new(n)),
            );
        }
    }
    Ok(())
}

/// How many committees' (or pledgers') notifications one fan-out step writes.
const FANOUT_COMMITTEES: usize = 200;
const FANOUT_PLEDGERS: i64 = 2000;

/// Writes the inbox rows of pending fan-outs, a chunk per transaction, for as long as the
/// server runs; resumes where it stopped after a restart.
pub async fn fanout_job(app: App) {
    loop {
        match fanout_step(&app).await {
            Ok(true) => continue,
            Ok(false) => {
                let _ =
                    tokio::time::timeout(Duration::from_secs(5), app.fanout_wake.notified()).await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "writing notifications failed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Does one chunk of the oldest fan-out; false when there is nothing to do.
pub async fn fanout_step(app: &App) -> Result<bool> {
    let Some(fanout) = store::next_fanout(app.db.pool()).await? else {
        return Ok(false);
    };
    let action = Id::from_db(fanout.action_id);
    let Some(live) = app.actions.get(action).await? else {
        let mut tx = app.db.begin().await?;
        store::finish_fanout(&mut tx, fanout.id).await?;
        tx.commit().await?;
        return Ok(true);
    };
    let (recipients, next_cursor, done) = match fanout.event.as_str() {
        "called" | "activated" => {
            let scope = live.scope(&app.directory.graph());
            let (chunk, next, done) = crate::core::fanout::next_chunk(
                &scope.workplaces,
                fanout.cursor,
                FANOUT_COMMITTEES,
            );
            let members = store::members_of(app.db.pool(), chunk).await?;
            let members = members
                .into_iter()
                .filter(|a| fanout.event != "called" || live.info.called_by != Some(*a))
                .collect::<Vec<_>>();
            (members, next, done)
        }
        _ => {
            let pledgers =
                store::pledgers_after(app.db.pool(), action, fanout.cursor, FANOUT_PLEDGERS)
                    .await?;
            let next = pledgers.last().map_or(fanout.cursor, |a| a.get());
            let done = (pledgers.len() as i64) < FANOUT_PLEDGERS;
            (pledgers, next, done)
        }
    };
    let rows: Vec<Notification> = recipients
        .into_iter()
        .filter_map(|account| notification(app, &live, &fanout.event, account))
        .collect();
    let mut tx = app.db.begin().await?;
    crate::notifications::store::insert_many(&mut tx, &rows).await?;
    if done {
        store::finish_fanout(&mut tx, fanout.id).await?;
    } else {
        store::advance_fanout(&mut tx, fanout.id, next_cursor).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Expires actions still gathering at their start, once a second, also after a restart.
pub async fn expiry_job(app: App) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(err) = expire_due(&app).await {
            tracing::warn!(error = %err, "expiring actions failed; retrying");
        }
    }
}

pub async fn expire_due(app: &App) -> Result<usize> {
    let mut expired = 0;
    for id in store::due_to_expire(app.db.pool(), Timestamp::now()).await? {
        if let Some(live) = app.actions.get(id).await?
            && expires(live.status(), live.info.starts_at, Timestamp::now())
            && app.actions.end(live, ActionStatus::Expired, None).await?
        {
            expired += 1;
        }
    }
    Ok(expired)
}

// ---- the counts as people see them ----

/// Every part of an action's threshold, as set.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ThresholdView {
    pub pledges: Option<i64>,
    pub share: Option<f64>,
    pub committees: Option<i64>,
}

/// What every reader of an action is shown alike: its whole view but the reader's own
/// standing towards it. Status, counts and breakdown come from one state, so the parts
/// always add up to the whole.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ActionFacts {
    pub id: Id,
    pub committee_id: Id,
    pub committee_name: String,
    pub title: String,
    pub kind: String,
    pub description: String,
    pub starts_at: Timestamp,
    pub public: bool,
    /// gathering, activated, cancelled or expired.
    pub status: String,
    pub pledged: i64,
    /// Members of every workplace committee the action reaches.
    pub eligible: i64,
    /// Committees with at least one pledge.
    pub committees: i64,
    pub threshold: ThresholdView,
    pub progress: Vec<ProgressView>,
    #[serde(flatten)]
    pub breakdown: Breakdown,
    pub activated_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub public_url: Option<String>,
}

/// An action's facts with their JSON, kept by [`Live::shared`] until the next change.
#[derive(Debug)]
pub struct Shared {
    pub facts: Arc<ActionFacts>,
    /// `facts` as a JSON object: a view of a council action at general-strike scale is
    /// tens of kilobytes, written once per change instead of once per reader.
    pub json: Vec<u8>,
}

/// The facts of an action, as of its last change.
pub fn shared(app: &App, live: &Arc<Live>, graph: &Arc<Graph>) -> Result<Arc<Shared>> {
    let (public_base, this, for_build) = (
        app.config.link("/public/actions/"),
        live.clone(),
        graph.clone(),
    );
    live.shared(graph, move |state, scope| {
        build_shared(&public_base, &this, &for_build, state, scope)
    })
}

/// The facts of one state of an action, and their JSON; a public action's page is
/// `public_base` followed by its id.
pub fn build_shared(
    public_base: &str,
    live: &Live,
    graph: &Graph,
    state: &State,
    scope: &Scope,
) -> Result<Shared> {
    let summary = live.summary_of(state, scope);
    let info = &live.info;
    let facts = Arc::new(ActionFacts {
        id: info.id,
        committee_id: info.committee,
        committee_name: graph
            .get(info.committee)
            .map(|n| n.name.to_string())
            .unwrap_or_default(),
        title: info.title.clone(),
        kind: info.kind.as_str().to_owned(),
        description: info.description.clone(),
        starts_at: info.starts_at,
        public: info.public,
        status: summary.status,
        pledged: summary.pledged,
        eligible: summary.eligible,
        committees: summary.committees,
        threshold: ThresholdView {
            pledges: info.threshold.pledges,
            share: info.threshold.share.map(|s| s as f64 / 1000.0),
            committees: info.threshold.committees,
        },
        progress: summary.progress,
        breakdown: breakdown(scope, state, graph),
        activated_at: state.activated_at,
        ended_at: state.ended_at,
        created_at: info.created_at,
        public_url: info.public.then(|| format!("{public_base}{}", info.id)),
    });
    let json = serde_json::to_vec(&*facts)
        .map_err(|e| Error::Internal(format!("writing an action's view: {e}")))?;
    Ok(Shared { facts, json })
}

/// A committee's part of the counts.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct CommitteeCount {
    pub committee_id: Id,
    pub name: String,
    pub pledged: i64,
    pub members: i64,
    /// The committee's estimate of its whole workforce, members or not.
    pub workforce: Option<i64>,
}

/// Pledges and members of a group of committees (an industry, a region, or the rest).
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct GroupCount {
    /// The industry or region; absent for the rest of the committees.
    pub name: Option<String>,
    pub committees: i64,
    pub pledged: i64,
    pub members: i64,
}

#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct WorkforceCount {
    /// Committees that recorded an estimate.
    pub committees: i64,
    /// Their estimated workforce, together.
    pub workforce: i64,
    /// Pledges in those committees.
    pub pledged: i64,
}

/// The breakdown of an action's pledges. Every part adds up to the whole: the listed
/// committees and `other_committees` together are all the committees in scope.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Breakdown {
    /// The committees with the most pledges (all of them, up to [`TOP_COMMITTEES`]).
    pub by_committee: Vec<CommitteeCount>,
    pub other_committees: GroupCount,
    pub by_industry: Vec<GroupCount>,
    pub by_region: Vec<GroupCount>,
    pub workforce: WorkforceCount,
}

pub const TOP_COMMITTEES: usize = 100;

/// Computes the breakdown of an action's counts (see [`Live::breakdown`] for the cached one).
pub fn breakdown(scope: &Scope, state: &State, graph: &Graph) -> Breakdown {
    let mut rows: Vec<CommitteeCount> = scope
        .workplaces
        .iter()
        .filter_map(|id| graph.get(*id))
        .map(|node| CommitteeCount {
            committee_id: node.id,
            name: node.name.to_string(),
            pledged: state.by_committee.get(&node.id).copied().unwrap_or(0),
            members: node.members,
            workforce: node.workforce,
        })
        .collect();
    // Pledges counted for a committee that has since left the scope still count in the
    // whole; they are shown with the rest.
    let orphan_pledges: i64 = state
        .by_committee
        .iter()
        .filter(|(c, _)| scope.workplaces.binary_search(c).is_err())
        .map(|(_, n)| n)
        .sum();

    let mut by_industry: BTreeMap<String, GroupCount> = BTreeMap::new();
    let mut by_region: BTreeMap<String, GroupCount> = BTreeMap::new();
    let mut workforce = WorkforceCount::default();
    for row in &rows {
        let node = graph.get(row.committee_id);
        for (map, key) in [
            (&mut by_industry, node.and_then(|n| n.industry.as_deref())),
            (&mut by_region, node.and_then(|n| n.region.as_deref())),
        ] {
            let key = key.unwrap_or("").to_owned();
            let group = map.entry(key.clone()).or_insert_with(|| GroupCount {
                name: (!key.is_empty()).then(|| key.clone()),
                ..GroupCount::default()
            });
            group.committees += 1;
            group.pledged += row.pledged;
            group.members += row.members;
        }
        if let Some(w) = row.workforce {
            workforce.committees += 1;
            workforce.workforce += w;
            workforce.pledged += row.pledged;
        }
    }
    rows.sort_by(|a, b| {
        b.pledged
            .cmp(&a.pledged)
            .then(b.members.cmp(&a.members))
            .then(a.name.cmp(&b.name))
    });
    let rest = rows.split_off(rows.len().min(TOP_COMMITTEES));
    let mut other_committees = GroupCount {
        name: None,
        committees: rest.len() as i64,
        pledged: rest.iter().map(|r| r.pledged).sum::<i64>() + orphan_pledges,
        members: rest.iter().map(|r| r.members).sum(),
    };
    if orphan_pledges != 0 {
        let other = by_industry.entry(String::new()).or_default();
        other.pledged += orphan_pledges;
        let other = by_region.entry(String::new()).or_default();
        other.pledged += orphan_pledges;
    }
    other_committees.name = None;
    let ordered = |map: BTreeMap<String, GroupCount>| {
        let mut groups: Vec<GroupCount> = map.into_values().collect();
        groups.sort_by(|a, b| b.pledged.cmp(&a.pledged).then(a.name.cmp(&b.name)));
        groups
    };
    Breakdown {
        by_committee: rows,
        other_committees,
        by_industry: ordered(by_industry),
        by_region: ordered(by_region),
        workforce,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fanout_ids_are_stable_and_distinct() {
        let (a, b) = (Id::random(), Id::random());
        let action = Id::random();
        assert_eq!(
            notification_id(action, "activated", a),
            notification_id(action, "activated", a)
        );
        assert_ne!(
            notification_id(action, "activated", a),
            notification_id(action, "activated", b)
        );
        assert_ne!(
            notification_id(action, "activated", a),
            notification_id(action, "expired", a)
        );
        assert!(notification_id(action, "called", a).get() > 0);
    }
}
