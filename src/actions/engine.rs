//! The action engine: one writer that commits pledges in batches (on SQLite from a thread
//! of its own, see [`start_writer`]), and the live state of every action that was asked
//! about since the server started.
//!
//! Why one writer: at the moment of a general strike tens of thousands of people pledge per
//! second. Each pledge must be on disk before its answer (a 2xx survives a crash), and an
//! fsync per pledge would cap the server at a few hundred per second. So requests queue for
//! the writer, which takes everything queued, writes it in one transaction (a handful of
//! multi-row statements, one fsync), and answers them all: group commit. The same
//! transaction updates the counts and, when the threshold is met, activates the action, so
//! activation happens exactly once, at the write that met it.
//!
//! The live state is changed only by the writer, after its commits, so it never runs ahead
//! of the database. Loading an action's state also goes through the writer, so a load can
//! never miss or double a batch; the set of an action's pledgers is loaded beside it
//! instead (it is big), with the batches committed meanwhile laid on top (see
//! [`crate::actions::pledgers`]). With several servers on one PostgreSQL database, each
//! server's writer sees only its own batches; the activation check still reads the totals
//! the transaction returns, and the live counts are refreshed from the database every
//! [`RESYNC`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::{mpsc, oneshot, watch};

use crate::actions::pledgers::Pledgers;
use crate::actions::service::Shared;
use crate::actions::store::{self, ActionRow};
use crate::app::App;
use crate::core::actions::{
    ActionKind, ActionStatus, Counts, Progress, Threshold, check_pledge, check_withdraw,
};
use crate::core::{Id, Rule, Timestamp};
use crate::db::{Backend, StoreError};
use crate::directory::Graph;
use crate::error::{Error, Result};

/// The most pledges written in one transaction.
const MAX_BATCH: usize = 4096;
/// How often live counts are refreshed from the database when several servers share it.
pub const RESYNC: Duration = Duration::from_secs(2);

/// What never changes about an action.
#[derive(Debug, Clone)]
pub struct ActionInfo {
    pub id: Id,
    pub committee: Id,
    pub title: String,
    pub kind: ActionKind,
    pub description: String,
    pub starts_at: Timestamp,
    pub public: bool,
    /// Whether the public counter may show pledges by industry and region.
    pub public_breakdown: bool,
    pub threshold: Threshold,
    pub called_by: Option<Id>,
    pub created_at: Timestamp,
}

/// What changes, as of the last commit.
#[derive(Debug, Clone)]
pub struct State {
    pub status: ActionStatus,
    pub activated_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub pledged: i64,
    pub committees: i64,
    pub by_committee: HashMap<Id, i64>,
    /// Bumped at every change, so that what is derived from the state can tell it is old.
    pub version: u64,
}

/// Who an action reaches, as of one version of the network graph.
#[derive(Debug, Clone)]
pub struct Scope {
    pub graph_version: u64,
    /// The workplace committees at or below the calling committee.
    pub workplaces: Arc<Vec<Id>>,
    /// Their members, together.
    pub eligible: i64,
}

/// The small picture that live streams and the public counter show.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Summary {
    pub status: String,
    pub pledged: i64,
    pub eligible: i64,
    /// Committees with at least one pledge.
    pub committees: i64,
    pub progress: Vec<ProgressView>,
    pub activated_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgressView {
    /// `pledges`, `share` or `committees`.
    pub part: String,
    /// For `share`, a fraction between 0 and 1.
    pub target: f64,
    pub current: f64,
    pub met: bool,
}

impl ProgressView {
    fn from(progress: Progress) -> Self {
        let scale = |n: i64| match progress.part {
            crate::core::actions::Part::Share => n as f64 / 1000.0,
            _ => n as f64,
        };
        ProgressView {
            part: progress.part.as_str().to_owned(),
            target: scale(progress.target),
            current: scale(progress.current),
            met: progress.met,
        }
    }
}

pub struct Live {
    pub info: ActionInfo,
    state: Mutex<State>,
    scope: Mutex<Option<Scope>>,
    summary: watch::Sender<Arc<Summary>>,
    /// What every reader is shown alike, as of (state, graph) versions: at general-strike
    /// scale its breakdown spans tens of thousands of committees, so it is computed and
    /// serialised once per change, not once per reader.
    shared: RwLock<Option<Cached>>,
    /// Held by the reader that builds the view while the others wait for it: of a small
    /// scope, or of a big one with no last view fit to show.
    building: Mutex<()>,
    /// Set while the view of a big scope is built again on a thread apart.
    rebuilding: AtomicBool,
    /// Who has pledged, once loaded (SQLite only: with PostgreSQL, other servers write too).
    pledgers: RwLock<Pledgers>,
}

struct Cached {
    state_version: u64,
    graph_version: u64,
    /// A change of status (activated, cancelled, expired) is always shown at once.
    status: ActionStatus,
    workplaces: usize,
    built_at: Instant,
    took: Duration,
    shared: Arc<Shared>,
}

impl Cached {
    fn recent_enough(&self, graph_version: u64, status: ActionStatus) -> bool {
        self.graph_version == graph_version
            && self.status == status
            && still_shown(self.workplaces, self.took, self.built_at.elapsed())
    }

    /// Whether this view of a big scope may be shown while the next one is built.
    fn shown_while_rebuilding(&self, status: ActionStatus) -> bool {
        self.workplaces >= BIG_SCOPE
            && self.status == status
            && self.built_at.elapsed() < SHOWN_WHILE_REBUILDING
    }
}

struct ClearOnDrop<'a>(&'a AtomicBool);

impl Drop for ClearOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

/// Scopes of at least this many workplaces may be shown a view slightly behind.
const BIG_SCOPE: usize = 1000;
/// A big scope's last view is shown while the next is built only if it is at most this old:
/// after a quiet spell the first reader waits for a fresh view instead.
const SHOWN_WHILE_REBUILDING: Duration = Duration::from_secs(2);

/// Whether readers may still be shown a view of an older state, of a scope of
/// `workplaces`, that took `took` to build and was built `age` ago. While pledges pour in,
/// every batch changes the state; building a view of tens of thousands of committees after
/// each one would leave no time for anything else. So a big scope's view stays in use for
/// ten times what it took to build, at most a second, and while its next view is built
/// (see [`SHOWN_WHILE_REBUILDING`]): a general strike's counts are a second or two behind
/// at most, a change of status is shown at once, every view shown is still one whole state
/// whose parts add up, and a smaller network (where a member reloads to see their own
/// pledge counted) is always shown fresh.
fn still_shown(workplaces: usize, took: Duration, age: Duration) -> bool {
    workplaces >= BIG_SCOPE && age < (took * 10).min(Duration::from_secs(1))
}

impl Live {
    fn new(row: ActionRow, tallies: Vec<(i64, i64)>) -> Result<Self> {
        let info = ActionInfo {
            id: Id::from_db(row.id),
            committee: Id::from_db(row.committee_id),
            title: row.title,
            kind: ActionKind::parse(&row.kind)?,
            description: row.description,
            starts_at: Timestamp::from_millis(row.starts_at),
            public: row.public != 0,
            public_breakdown: row.public_breakdown != 0,
            threshold: Threshold {
                pledges: row.threshold_pledges,
                share: row.threshold_share,
                committees: row.threshold_committees,
            },
            called_by: row.called_by.map(Id::from_db),
            created_at: Timestamp::from_millis(row.created_at),
        };
        let state = State {
            status: ActionStatus::parse(&row.status)?,
            activated_at: row.activated_at.map(Timestamp::from_millis),
            ended_at: row.ended_at.map(Timestamp::from_millis),
            pledged: row.pledged,
            committees: row.committees_pledged,
            by_committee: tallies
                .into_iter()
                .map(|(c, n)| (Id::from_db(c), n))
                .collect(),
            version: 0,
        };
        let (summary, _) = watch::channel(Arc::new(Summary {
            status: state.status.as_str().to_owned(),
            pledged: state.pledged,
            eligible: 0,
            committees: state.committees,
            progress: Vec::new(),
            activated_at: state.activated_at,
        }));
        Ok(Live {
            info,
            state: Mutex::new(state),
            scope: Mutex::new(None),
            summary,
            shared: RwLock::new(None),
            building: Mutex::new(()),
            rebuilding: AtomicBool::new(false),
            pledgers: RwLock::new(Pledgers::default()),
        })
    }

    /// Reads the state in place (it can hold tens of thousands of committees' counts).
    pub fn with_state<T>(&self, read: impl FnOnce(&State) -> T) -> T {
        read(&lock(&self.state))
    }

    pub fn pledged(&self) -> i64 {
        lock(&self.state).pledged
    }

    /// What every reader is shown alike, built by `build` from one state only after a
    /// change of the counts or of the network.
    pub fn shared<B>(self: &Arc<Self>, graph: &Arc<Graph>, build: B) -> Result<Arc<Shared>>
    where
        B: FnOnce(&State, &Scope) -> Result<Shared> + Send + 'static,
    {
        let (version, status) = {
            let state = lock(&self.state);
            (state.version, state.status)
        };
        if let Some(shared) = self.cached(version, status, graph.version, true) {
            return Ok(shared);
        }
        // Building the view of a big scope takes tens of milliseconds: on one of the
        // server's few threads, every request queued behind it would wait as long. So its
        // last view is shown while the next is built on a thread apart, one build at a time.
        let last_big = read(&self.shared)
            .as_ref()
            .filter(|last| last.shown_while_rebuilding(status))
            .map(|last| last.shared.clone());
        if let Some(last) = last_big {
            if !self.rebuilding.swap(true, Ordering::AcqRel) {
                let (live, graph) = (self.clone(), graph.clone());
                tokio::task::spawn_blocking(move || {
                    // Cleared however the build ends, or the last view would stay for good.
                    let _done = ClearOnDrop(&live.rebuilding);
                    if let Err(err) = live.build_shared(&graph, build) {
                        tracing::warn!(error = %err, "building an action's view failed");
                    }
                });
            }
            return Ok(last);
        }
        let _building = lock(&self.building);
        if let Some(shared) = self.cached(version, status, graph.version, false) {
            return Ok(shared);
        }
        self.build_shared(graph, build)
    }

    /// The view built for `state_version` and `graph_version`, or, when `recent_will_do`,
    /// one recent enough to show instead.
    fn cached(
        &self,
        state_version: u64,
        status: ActionStatus,
        graph_version: u64,
        recent_will_do: bool,
    ) -> Option<Arc<Shared>> {
        read(&self.shared)
            .as_ref()
            .filter(|c| {
                (c.state_version == state_version && c.graph_version == graph_version)
                    || (recent_will_do && c.recent_enough(graph_version, status))
            })
            .map(|c| c.shared.clone())
    }

    fn build_shared(
        &self,
        graph: &Graph,
        build: impl FnOnce(&State, &Scope) -> Result<Shared>,
    ) -> Result<Arc<Shared>> {
        let scope = self.scope(graph);
        // A copy, so that the writer is not held up while the view is built.
        let state = self.with_state(State::clone);
        let started = Instant::now();
        let shared = Arc::new(build(&state, &scope)?);
        let mut cached = write(&self.shared);
        // Two builds may finish out of order; the view of the later graph, then of the later
        // state, stays.
        if cached
            .as_ref()
            .is_none_or(|c| (c.graph_version, c.state_version) <= (graph.version, state.version))
        {
            *cached = Some(Cached {
                state_version: state.version,
                graph_version: graph.version,
                status: state.status,
                workplaces: scope.workplaces.len(),
                built_at: Instant::now(),
                took: started.elapsed(),
                shared: shared.clone(),
            });
        }
        Ok(shared)
    }

    pub fn status(&self) -> ActionStatus {
        lock(&self.state).status
    }

    /// Whether `account` has pledged, if the pledgers are in memory.
    pub fn has_pledged(&self, account: Id) -> Option<bool> {
        read(&self.pledgers).has(account)
    }

    /// Marks the pledgers as loading; false if someone else loads or loaded them. From here
    /// on the writer keeps what it commits for [`Live::finish_loading_pledgers`].
    pub fn start_loading_pledgers(&self) -> bool {
        write(&self.pledgers).start_loading()
    }

    /// The pledge rows read since [`Live::start_loading_pledgers`], or `None` if that failed.
    pub fn finish_loading_pledgers(&self, loaded: Option<HashSet<Id>>) {
        let mut pledgers = write(&self.pledgers);
        match loaded {
            Some(loaded) => pledgers.finish_loading(loaded),
            None => pledgers.abandon_loading(),
        }
    }

    /// Who the action reaches, recomputed only when the network graph changed.
    pub fn scope(&self, graph: &Graph) -> Scope {
        let mut cached = lock(&self.scope);
        if let Some(scope) = cached.as_ref().filter(|s| s.graph_version == graph.version) {
            return scope.clone();
        }
        let workplaces = graph.workplaces_within(self.info.committee);
        let eligible = workplaces
            .iter()
            .filter_map(|c| graph.get(*c))
            .map(|n| n.members)
            .sum();
        let scope = Scope {
            graph_version: graph.version,
            workplaces: Arc::new(workplaces),
            eligible,
        };
        *cached = Some(scope.clone());
        scope
    }

    pub fn summary(&self, graph: &Graph) -> Summary {
        let scope = self.scope(graph);
        self.with_state(|state| self.summary_of(state, &scope))
    }

    /// The summary of one state.
    pub fn summary_of(&self, state: &State, scope: &Scope) -> Summary {
        let counts = Counts {
            pledged: state.pledged,
            eligible: scope.eligible,
            committees: state.committees,
        };
        Summary {
            status: state.status.as_str().to_owned(),
            pledged: counts.pledged,
            eligible: counts.eligible,
            committees: counts.committees,
            progress: self
                .info
                .threshold
                .progress(counts)
                .into_iter()
                .map(ProgressView::from)
                .collect(),
            activated_at: state.activated_at,
        }
    }

    /// A receiver that sees the summary after every change.
    pub fn watch(&self) -> watch::Receiver<Arc<Summary>> {
        self.summary.subscribe()
    }

    fn publish(&self, graph: &Graph) {
        self.summary.send_replace(Arc::new(self.summary(graph)));
    }
}

fn read<T>(rw: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    rw.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(rw: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    rw.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // The state is replaced field by field under the lock and never left half-done by a
    // panic, so a poisoned lock still guards consistent data.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

type Reply<T> = oneshot::Sender<Result<T>>;

enum Command {
    Load {
        action: Id,
        reply: Reply<Option<Arc<Live>>>,
    },
    Pledge {
        live: Arc<Live>,
        account: Id,
        committee: Id,
        reply: Reply<()>,
    },
    Withdraw {
        live: Arc<Live>,
        account: Id,
        reply: Reply<()>,
    },
    End {
        live: Arc<Live>,
        to: ActionStatus,
        by: Option<Id>,
        reply: Reply<bool>,
    },
    Resync,
}

pub struct Engine {
    commands: mpsc::Sender<Command>,
    receiver: Mutex<Option<mpsc::Receiver<Command>>>,
    live: RwLock<HashMap<Id, Arc<Live>>>,
}

impl Default for Engine {
    fn default() -> Self {
        let (commands, receiver) = mpsc::channel(64 * 1024);
        Engine {
            commands,
            receiver: Mutex::new(Some(receiver)),
            live: RwLock::new(HashMap::new()),
        }
    }
}

impl Engine {
    async fn ask<T>(&self, command: impl FnOnce(Reply<T>) -> Command) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(command(reply))
            .await
            .map_err(|_| Error::Internal("the action engine has stopped".into()))?;
        answer
            .await
            .map_err(|_| Error::Internal("the action engine dropped a request".into()))?
    }

    /// The live state of an action, loaded on first use; `None` if there is no such action.
    /// The action if it is in memory, without asking the database or the writer.
    pub fn cached(&self, action: Id) -> Option<Arc<Live>> {
        self.live
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&action)
            .cloned()
    }

    pub async fn get(&self, action: Id) -> Result<Option<Arc<Live>>> {
        if let Some(live) = self
            .live
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&action)
        {
            return Ok(Some(live.clone()));
        }
        self.ask(|reply| Command::Load { action, reply }).await
    }

    /// Records a pledge (counted for `committee`); a second pledge changes nothing.
    pub async fn pledge(&self, live: Arc<Live>, account: Id, committee: Id) -> Result<()> {
        self.ask(|reply| Command::Pledge {
            live,
            account,
            committee,
            reply,
        })
        .await
    }

    pub async fn withdraw(&self, live: Arc<Live>, account: Id) -> Result<()> {
        self.ask(|reply| Command::Withdraw {
            live,
            account,
            reply,
        })
        .await
    }

    /// Cancels or expires a gathering action; false if it was no longer gathering.
    pub async fn end(&self, live: Arc<Live>, to: ActionStatus, by: Option<Id>) -> Result<bool> {
        self.ask(|reply| Command::End {
            live,
            to,
            by,
            reply,
        })
        .await
    }

    fn loaded(&self) -> Vec<Arc<Live>> {
        self.live
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .values()
            .cloned()
            .collect()
    }
}

/// Starts the writer; it stops when the returned task is aborted or dropped with the
/// server's runtime.
///
/// On SQLite the writer has a thread of its own. Each batch is a handful of round trips to
/// SQLite's connection thread, and a task woken from outside the server's runtime waits
/// behind every request task already queued there: under load, a batch spent most of its
/// time waiting its turn, not writing, and that wait capped the pledges per second. On its
/// own thread the writer runs as soon as SQLite answers. PostgreSQL's connections belong to
/// the server's runtime, so there the writer stays one of its tasks.
pub fn start_writer(app: App) -> tokio::task::JoinHandle<()> {
    if app.db.backend() != Backend::Sqlite {
        return tokio::spawn(writer(app));
    }
    let (keep_running, stopped) = oneshot::channel::<()>();
    let (started, has_started) = std::sync::mpsc::channel::<bool>();
    let on_thread = app.clone();
    let thread = std::thread::Builder::new()
        .name("pledge-writer".into())
        .spawn(move || {
            // Built here, so that a runtime is never dropped inside the server's own.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            let _ = started.send(runtime.is_ok());
            match runtime {
                Ok(runtime) => runtime.block_on(async move {
                    tokio::select! {
                        () = writer(on_thread) => {}
                        _ = stopped => {}
                    }
                }),
                Err(err) => tracing::warn!(error = %err, "no runtime for the writer's thread"),
            }
        });
    // Waits the moment the thread takes to start: if it cannot write, a task must.
    if thread.is_err() || !has_started.recv().unwrap_or(false) {
        tracing::warn!("the writer's thread did not start; writing from a task");
        return tokio::spawn(writer(app));
    }
    // The writer's thread lives as long as this task holds `keep_running`.
    tokio::spawn(async move {
        let _keep_running = keep_running;
        std::future::pending::<()>().await
    })
}

/// Runs the writer until the server stops.
async fn writer(app: App) {
    let Some(mut receiver) = lock(&app.actions.receiver).take() else {
        tracing::error!("the action engine's writer was started twice");
        return;
    };
    let mut resync = tokio::time::interval(RESYNC);
    resync.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let first = tokio::select! {
            command = receiver.recv() => match command {
                Some(command) => command,
                None => return,
            },
            _ = resync.tick(), if app.db.backend() == Backend::Postgres => Command::Resync,
        };
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(command) => batch.push(command),
                Err(_) => break,
            }
        }
        run_batch(&app, batch).await;
    }
}

struct Write {
    live: Arc<Live>,
    account: Id,
    /// `Some(committee)` to pledge for it, `None` to withdraw.
    pledge: Option<Id>,
    reply: Reply<()>,
}

async fn run_batch(app: &App, batch: Vec<Command>) {
    let mut writes = Vec::new();
    for command in batch {
        match command {
            Command::Pledge {
                live,
                account,
                committee,
                reply,
            } => writes.push(Write {
                live,
                account,
                pledge: Some(committee),
                reply,
            }),
            Command::Withdraw {
                live,
                account,
                reply,
            } => writes.push(Write {
                live,
                account,
                pledge: None,
                reply,
            }),
            Command::Load { action, reply } => {
                let _ = reply.send(load(app, action).await);
            }
            Command::End {
                live,
                to,
                by,
                reply,
            } => {
                let _ = reply.send(end(app, &live, to, by).await);
            }
            Command::Resync => {
                for live in app.actions.loaded() {
                    if let Err(err) = resync(app, &live).await {
                        tracing::warn!(error = %err, "refreshing action counts failed");
                        // Without the database every other action would wait out the pool's
                        // timeout too, while pledges queue behind.
                        if err.is_unavailable() {
                            break;
                        }
                    }
                }
            }
        }
    }
    if writes.is_empty() {
        return;
    }
    // Refuse what the action's state forbids before touching the database.
    let writes: Vec<Write> = writes
        .into_iter()
        .filter_map(|w| {
            let status = w.live.status();
            let allowed = match w.pledge {
                Some(_) => check_pledge(status),
                None => check_withdraw(status),
            };
            match allowed {
                Ok(()) => Some(w),
                Err(rule) => {
                    let _ = w.reply.send(Err(rule.into()));
                    None
                }
            }
        })
        .collect();
    if writes.is_empty() {
        return;
    }
    app.metrics.pledge_batch_size.observe(writes.len() as f64);
    match write_batch(app, &writes).await {
        Ok(()) => {
            for w in writes {
                let _ = w.reply.send(Ok(()));
            }
        }
        Err(err) if err.is_unavailable() => {
            // Writing them one by one would make each wait out the pool's timeout in turn.
            let message = err.to_string();
            for w in writes {
                let _ = w
                    .reply
                    .send(Err(Error::Store(StoreError::Unavailable(sqlx::Error::Io(
                        std::io::Error::other(message.clone()),
                    )))));
            }
        }
        Err(err) if writes.len() > 1 => {
            // One bad write (an account deleted a moment ago, say) must not sink the others:
            // write each on its own and answer each for itself.
            tracing::warn!(error = %err, "a batch of pledges failed; writing them one by one");
            for w in writes {
                let result = write_batch(app, std::slice::from_ref(&w)).await;
                let _ = w.reply.send(result);
            }
        }
        Err(err) => {
            // At most one write here: its own error, so an outage stays a 503.
            let mut err = Some(err);
            for w in writes {
                let err = err
                    .take()
                    .unwrap_or_else(|| Error::Internal("a batch of pledges failed".into()));
                let _ = w.reply.send(Err(err));
            }
        }
    }
}

/// What one action's part of a batch changed.
struct Applied {
    live: Arc<Live>,
    deltas: BTreeMap<Id, i64>,
    totals: (i64, i64),
    activated: bool,
}

/// Each account's last pledge (with the committee it counts for) or withdrawal in a batch.
type LastWords = BTreeMap<Id, Option<Id>>;

async fn write_batch(app: &App, writes: &[Write]) -> Result<()> {
    // The last word of each account counts: pledge then withdraw in one batch is a withdraw.
    let mut per_action: BTreeMap<Id, (Arc<Live>, LastWords)> = BTreeMap::new();
    for w in writes {
        per_action
            .entry(w.live.info.id)
            .or_insert_with(|| (w.live.clone(), BTreeMap::new()))
            .1
            .insert(w.account, w.pledge);
    }
    let graph = app.directory.graph();
    let now = Timestamp::now();
    let mut tx = app.db.begin().await?;
    let mut applied = Vec::new();
    let mut last_words = Vec::with_capacity(per_action.len());
    for (action, (live, finals)) in per_action {
        // Kept even when the counts do not move: a pledge and a withdrawal in one committee
        // leave its tally as it was, but not who has pledged.
        last_words.push((
            live.clone(),
            finals
                .iter()
                .map(|(a, c)| (*a, c.is_some()))
                .collect::<Vec<_>>(),
        ));
        let pledges: Vec<(Id, Id)> = finals
            .iter()
            .filter_map(|(a, c)| c.map(|c| (*a, c)))
            .collect();
        let withdrawals: Vec<Id> = finals
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(a, _)| *a)
            .collect();
        let mut deltas: BTreeMap<Id, i64> = BTreeMap::new();
        for committee in store::insert_pledges(&mut tx, action, &pledges).await? {
            *deltas.entry(committee).or_default() += 1;
        }
        for committee in store::delete_pledges(&mut tx, action, &withdrawals).await? {
            *deltas.entry(committee).or_default() -= 1;
        }
        let pledged_delta: i64 = deltas.values().sum();
        if deltas.values().all(|d| *d == 0) {
            continue;
        }
        let committees_delta = store::add_to_tallies(&mut tx, action, &deltas).await?;
        let (pledged, committees, status) =
            store::add_to_totals(&mut tx, action, pledged_delta, committees_delta).await?;
        let counts = Counts {
            pledged,
            eligible: live.scope(&graph).eligible,
            committees,
        };
        let activated = status == ActionStatus::Gathering.as_str()
            && live.info.threshold.met(counts)
            && store::end_gathering(&mut tx, action, ActionStatus::Activated.as_str(), now).await?;
        if activated {
            crate::committees::store::audit(
                &mut tx,
                crate::committees::store::AuditEntry {
                    committee: live.info.committee,
                    actor: None,
                    action: "action_activated",
                    subject: None,
                    detail: serde_json::json!({ "title": live.info.title, "pledged": pledged }),
                },
            )
            .await?;
            store::insert_fanout(&mut tx, action, "activated").await?;
        }
        applied.push(Applied {
            live,
            deltas,
            totals: (pledged, committees),
            activated,
        });
    }
    tx.commit().await?;

    for (live, words) in last_words {
        write(&live.pledgers).apply(words);
    }
    for a in applied {
        {
            let mut state = lock(&a.live.state);
            for (committee, delta) in &a.deltas {
                let n = state.by_committee.entry(*committee).or_default();
                *n += delta;
                if *n == 0 {
                    state.by_committee.remove(committee);
                }
            }
            (state.pledged, state.committees) = a.totals;
            state.version += 1;
            if a.activated {
                state.status = ActionStatus::Activated;
                state.activated_at = Some(now);
            }
        }
        a.live.publish(&graph);
        if a.activated {
            crate::actions::service::announce(app, &a.live, "activated");
        }
    }
    Ok(())
}

async fn load(app: &App, action: Id) -> Result<Option<Arc<Live>>> {
    if let Some(live) = app
        .actions
        .live
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&action)
    {
        return Ok(Some(live.clone()));
    }
    let mut conn = app.db.pool().acquire().await?;
    let Some(row) = store::find(&mut conn, action).await? else {
        return Ok(None);
    };
    let tallies = store::tallies(&mut conn, action).await?;
    let live = Arc::new(Live::new(row, tallies)?);
    live.publish(&app.directory.graph());
    app.actions
        .live
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(action, live.clone());
    Ok(Some(live))
}

/// Replaces an action's live counts with the database's (several servers share it).
async fn resync(app: &App, live: &Live) -> Result<()> {
    let mut conn = app.db.pool().acquire().await?;
    let Some(row) = store::find(&mut conn, live.info.id).await? else {
        return Ok(());
    };
    let unchanged = live.with_state(|s| {
        s.pledged == row.pledged
            && s.committees == row.committees_pledged
            && s.status.as_str() == row.status
    });
    if unchanged {
        return Ok(());
    }
    let tallies = store::tallies(&mut conn, live.info.id).await?;
    {
        let mut state = lock(&live.state);
        state.version += 1;
        state.status = ActionStatus::parse(&row.status)?;
        state.activated_at = row.activated_at.map(Timestamp::from_millis);
        state.ended_at = row.ended_at.map(Timestamp::from_millis);
        state.pledged = row.pledged;
        state.committees = row.committees_pledged;
        state.by_committee = tallies
            .into_iter()
            .map(|(c, n)| (Id::from_db(c), n))
            .collect();
    }
    live.publish(&app.directory.graph());
    Ok(())
}

/// Cancels (`by` a coordinator) or expires an action that is still gathering.
async fn end(app: &App, live: &Arc<Live>, to: ActionStatus, by: Option<Id>) -> Result<bool> {
    let now = Timestamp::now();
    let (audit, event) = match to {
        ActionStatus::Cancelled => ("action_cancelled", "cancelled"),
        ActionStatus::Expired => ("action_expired", "expired"),
        _ => return Err(Rule::ActionClosed.into()),
    };
    let mut tx = app.db.begin().await?;
    if !store::end_gathering(&mut tx, live.info.id, to.as_str(), now).await? {
        return Ok(false);
    }
    crate::committees::store::audit(
        &mut tx,
        crate::committees::store::AuditEntry {
            committee: live.info.committee,
            actor: by,
            action: audit,
            subject: None,
            detail: serde_json::json!({ "title": live.info.title, "pledged": live.pledged() }),
        },
    )
    .await?;
    store::insert_fanout(&mut tx, live.info.id, event).await?;
    tx.commit().await?;
    {
        let mut state = lock(&live.state);
        state.status = to;
        state.ended_at = Some(now);
        state.version += 1;
    }
    live.publish(&app.directory.graph());
    crate::actions::service::announce(app, live, event);
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fields::CommitteeKind;
    use crate::directory::{Node, test_node};

    /// A council with `workplaces` workplaces of 10 members each, and an action it called.
    fn council_action(workplaces: i64) -> (Arc<Live>, Arc<Graph>) {
        let ids: Vec<i64> = (2..2 + workplaces).collect();
        let mut nodes: HashMap<Id, Node> = ids
            .iter()
            .map(|id| test_node(*id, CommitteeKind::Workplace, 10, &[1], &[]))
            .collect();
        nodes.extend([test_node(1, CommitteeKind::Council, 0, &[], &ids)]);
        let graph = Arc::new(Graph { nodes, version: 1 });
        let row = ActionRow {
            id: 99,
            committee_id: 1,
            title: "General strike".into(),
            kind: "strike".into(),
            description: String::new(),
            starts_at: 0,
            public: 0,
            public_breakdown: 0,
            threshold_pledges: Some(1_000_000),
            threshold_share: None,
            threshold_committees: None,
            status: "gathering".into(),
            pledged: 0,
            committees_pledged: 0,
            called_by: None,
            created_at: 0,
            activated_at: None,
            ended_at: None,
        };
        let live = Arc::new(Live::new(row, Vec::new()).expect("a valid row"));
        (live, graph)
    }

    fn view(live: &Arc<Live>, graph: &Arc<Graph>) -> Arc<Shared> {
        let (this, for_build) = (live.clone(), graph.clone());
        live.shared(graph, move |state, scope| {
            crate::actions::service::build_shared("/", &this, &for_build, state, scope)
        })
        .expect("a view")
    }

    /// As the writer does after a commit: one more pledge for `committee`.
    fn pledge_for(live: &Live, committee: i64) {
        let mut state = lock(&live.state);
        *state
            .by_committee
            .entry(Id::from_db(committee))
            .or_default() += 1;
        state.pledged += 1;
        state.committees = state.by_committee.len() as i64;
        state.version += 1;
    }

    fn whole(shared: &Shared) -> bool {
        let b = &shared.facts.breakdown;
        let listed: i64 = b.by_committee.iter().map(|c| c.pledged).sum();
        listed + b.other_committees.pledged == shared.facts.pledged
    }

    #[tokio::test]
    async fn a_big_view_is_built_again_apart_while_readers_see_the_last_one() {
        let (live, graph) = council_action(BIG_SCOPE as i64);
        let first = view(&live, &graph);
        assert_eq!(first.facts.pledged, 0);
        pledge_for(&live, 2);
        // Past the time any view may stay in use, the next reader still gets the last view at
        // once, and the next is built apart.
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let shown = view(&live, &graph);
        assert_eq!(shown.facts.pledged, 0, "the last view, not a wait");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let shown = view(&live, &graph);
            assert!(whole(&shown), "every view shown is one whole state");
            if shown.facts.pledged == 1 {
                break;
            }
            assert!(Instant::now() < deadline, "the view was never built again");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(!live.rebuilding.load(Ordering::Acquire));
    }

    #[tokio::test]
    async fn a_change_of_status_is_shown_at_once_and_an_old_view_is_never_shown() {
        let (live, graph) = council_action(BIG_SCOPE as i64);
        view(&live, &graph);
        pledge_for(&live, 2);
        {
            let mut state = lock(&live.state);
            state.status = ActionStatus::Cancelled;
            state.version += 1;
        }
        let shown = view(&live, &graph);
        assert_eq!(shown.facts.status, "cancelled", "not a view of before");
        assert_eq!(shown.facts.pledged, 1);
        // After a quiet spell, the first reader waits for a fresh view rather than be shown
        // one of long ago.
        tokio::time::sleep(SHOWN_WHILE_REBUILDING + Duration::from_millis(100)).await;
        pledge_for(&live, 3);
        assert_eq!(view(&live, &graph).facts.pledged, 2);
    }

    #[tokio::test]
    async fn a_small_view_is_always_fresh() {
        let (live, graph) = council_action(3);
        assert_eq!(view(&live, &graph).facts.pledged, 0);
        for n in 1..=5 {
            pledge_for(&live, 2 + n % 3);
            let shown = view(&live, &graph);
            assert_eq!(shown.facts.pledged, n);
            assert!(whole(&shown));
        }
    }

    #[test]
    fn big_views_are_reused_briefly_and_small_ones_never() {
        let ms = Duration::from_millis;
        let big = 50_000;
        assert!(
            still_shown(big, ms(30), ms(100)),
            "a 30 ms build serves for 300 ms"
        );
        assert!(!still_shown(big, ms(30), ms(300)));
        assert!(
            !still_shown(big, ms(500), ms(1000)),
            "never more than a second"
        );
        assert!(still_shown(big, ms(500), ms(999)));
        assert!(!still_shown(big, Duration::ZERO, Duration::ZERO));
        assert!(
            !still_shown(BIG_SCOPE - 1, ms(30), ms(1)),
            "a smaller network: rebuilt at once, however slow the build"
        );
    }
}
