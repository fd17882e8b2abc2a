//! What the hot paths need to know, held in memory: whose session (or API token) a token is, which
//! committees an account belongs to, and the shape of the network (committees, councils,
//! who is affiliated to whom, how many members each has).
//!
//! The database stays the truth. Sessions and memberships are loaded whole at start and
//! again every [`TTL`]; this server's own changes apply at once (a session it ends is
//! dropped, an account whose memberships it changed is read from the database until a later
//! load includes the change). The network graph is rebuilt from the database after a
//! change, and readers keep using the previous graph meanwhile. With several servers on one
//! PostgreSQL database, another server's change is seen within [`TTL`] (sessions,
//! memberships) or [`GRAPH_REFRESH`] (the graph). On SQLite, where this server is the only
//! writer, the periodic loads happen only every [`SINGLE_SERVER_REFRESH`]: nothing else
//! changes the database, and a load of a million memberships is not free.
//!
//! Whatever the directory forgets or swaps in, it announces on the bus once done
//! ([`Topic::Access`] for an account's sessions and memberships, [`Topic::Network`] for a new
//! graph), so that open live streams ask it again at once whether they may go on: anything
//! that ends a session or a membership for requests ends it for streams too.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use sqlx::AnyPool;
use tokio::sync::Notify;

use crate::accounts::Account;
use crate::bus::{Bus, Live, Topic};
use crate::core::Id;
use crate::core::fields::{CommitteeKind, Role};
use crate::core::zones::Zone;
use crate::db::StoreResult;

/// How often sessions and memberships are loaded again, and how long a token found in no
/// session is remembered as such.
pub const TTL: Duration = Duration::from_secs(30);
/// How often the graph is rebuilt even without a local change (for other servers' changes).
pub const GRAPH_REFRESH: Duration = Duration::from_secs(60);
/// How often the periodic loads happen when no other server shares the database: only to
/// fold this server's own changes back into the packed arrays.
pub const SINGLE_SERVER_REFRESH: Duration = Duration::from_secs(600);
/// Caches are cleared of stale entries when they grow past this many.
const CACHE_SOFT_LIMIT: usize = 200_000;

#[derive(Debug, Clone)]
pub struct Node {
    pub id: Id,
    pub name: Arc<str>,
    pub kind: CommitteeKind,
    pub industry: Option<Arc<str>>,
    pub region: Option<Arc<str>>,
    pub workforce: Option<i64>,
    /// The zone its times read in, when it chose one.
    pub time_zone: Option<Zone>,
    pub members: i64,
    pub parents: Vec<Id>,
    pub children: Vec<Id>,
}

/// The network at one moment: every committee and council and how they link up.
#[derive(Debug, Default)]
pub struct Graph {
    pub nodes: HashMap<Id, Node>,
    /// Bumped at each rebuild, so that what is derived from a graph can tell it is old.
    pub version: u64,
}

impl Graph {
    pub fn get(&self, id: Id) -> Option<&Node> {
        self.nodes.get(&id)
    }

    /// The workplace committees at or below `root`, sorted by id: whose members an action
    /// called by `root` reaches.
    pub fn workplaces_within(&self, root: Id) -> Vec<Id> {
        let mut seen = HashSet::from([root]);
        let mut queue = VecDeque::from([root]);
        let mut found = Vec::new();
        while let Some(id) = queue.pop_front() {
            let Some(node) = self.nodes.get(&id) else {
                continue;
            };
            if node.kind == CommitteeKind::Workplace {
                found.push(id);
            }
            for child in &node.children {
                if seen.insert(*child) {
                    queue.push_back(*child);
                }
            }
        }
        found.sort();
        found
    }

    /// Whether `committee` is affiliated below `council`, at any depth (a walk up from
    /// `committee`: its cost depends on where `committee` sits, not on `council`).
    pub fn is_below(&self, committee: Id, council: Id) -> bool {
        let mut seen = HashSet::from([committee]);
        let mut queue = VecDeque::from([committee]);
        while let Some(id) = queue.pop_front() {
            let Some(node) = self.nodes.get(&id) else {
                continue;
            };
            for parent in &node.parents {
                if *parent == council {
                    return true;
                }
                if seen.insert(*parent) {
                    queue.push_back(*parent);
                }
            }
        }
        false
    }

    async fn load(pool: &AnyPool, version: u64) -> StoreResult<Graph> {
        let rows: Vec<CommitteeRow> = sqlx::query_as(
            "SELECT id, name, kind, industry, region, estimated_workforce, time_zone FROM committees",
        )
        .fetch_all(pool)
        .await?;
        let counts: Vec<(i64, i64)> =
            sqlx::query_as("SELECT committee_id, COUNT(*) FROM memberships GROUP BY committee_id")
                .fetch_all(pool)
                .await?;
        let links: Vec<(i64, i64)> =
            sqlx::query_as("SELECT committee_id, council_id FROM affiliations")
                .fetch_all(pool)
                .await?;
        let mut nodes: HashMap<Id, Node> = HashMap::with_capacity(rows.len());
        for CommitteeRow {
            id,
            name,
            kind,
            industry,
            region,
            estimated_workforce: workforce,
            time_zone,
        } in rows
        {
            let id = Id::from_db(id);
            nodes.insert(
                id,
                Node {
                    id,
                    name: name.into(),
                    kind: CommitteeKind::parse(&kind).unwrap_or(CommitteeKind::Workplace),
                    industry: industry.map(Into::into),
                    region: region.map(Into::into),
                    workforce,
                    time_zone: time_zone.and_then(|z| Zone::parse(&z).ok()),
                    members: 0,
                    parents: Vec::new(),
                    children: Vec::new(),
                },
            );
        }
        for (committee, members) in counts {
            if let Some(node) = nodes.get_mut(&Id::from_db(committee)) {
                node.members = members;
            }
        }
        for (child, parent) in links {
            let (child, parent) = (Id::from_db(child), Id::from_db(parent));
            if let Some(node) = nodes.get_mut(&child) {
                node.parents.push(parent);
            }
            if let Some(node) = nodes.get_mut(&parent) {
                node.children.push(child);
            }
        }
        Ok(Graph { nodes, version })
    }
}

#[derive(sqlx::FromRow)]
struct CommitteeRow {
    id: i64,
    name: String,
    kind: String,
    industry: Option<String>,
    region: Option<String>,
    estimated_workforce: Option<i64>,
    time_zone: Option<String>,
}

/// A session as this server knows it: whose it is and until when.
struct Session {
    account: Arc<Account>,
    expires_at: i64,
}

/// An API token as the directory keeps it: like a session, with its grant.
fn token_session(row: crate::accounts::store::TokenAccountRow) -> Option<([u8; 32], Session)> {
    let key: [u8; 32] = row.secret_hash.as_slice().try_into().ok()?;
    let grant = crate::accounts::TokenGrant {
        id: Id::from_db(row.token_id),
        scopes: crate::core::tokens::Scopes::from_text(&row.scopes),
        used_on: std::sync::atomic::AtomicI64::new(row.last_used_on.unwrap_or(i64::MIN)),
    };
    Some((
        key,
        Session {
            account: Arc::new(Account::from_row(row.account, row.secret_hash).with_token(grant)),
            expires_at: row.expires_at,
        },
    ))
}

/// Every unexpired session, loaded whole at start and again every [`TTL`], so that the
/// hot paths never wait on the database for who is asking; plus what this server learned
/// since the last load.
#[derive(Default)]
struct Sessions {
    known: HashMap<[u8; 32], Session>,
    /// Tokens looked up in the database and not found there, for [`TTL`] (bounded).
    unknown: HashMap<[u8; 32], Instant>,
    /// While a reload runs, what this server changed meanwhile: the reload's rows may
    /// predate those changes, so they are not trusted for these tokens and accounts.
    reloading: Option<Invalidated>,
    /// Bumped by every forgetting, so that a lookup that raced one does not keep its answer.
    forgotten: u64,
}

#[derive(Default)]
struct Invalidated {
    tokens: HashSet<[u8; 32]>,
    accounts: HashSet<Id>,
}

/// An account's committees and councils with its role in each, sorted by committee.
pub type MembershipList = Arc<[(Id, Role)]>;

/// One membership, packed: a million of them take 24 MB.
#[derive(Debug, Clone, Copy)]
struct Membership {
    account: i64,
    committee: i64,
    role: Role,
}

/// Every membership, loaded whole and sorted by account (looked up by binary search), plus
/// the accounts whose memberships this server changed since: those are read from the
/// database and kept apart until a later load includes the change.
#[derive(Default)]
struct Memberships {
    all: Arc<Vec<Membership>>,
    /// Per changed account: the change's number, and its memberships once read after it.
    changed: HashMap<Id, (u64, Option<MembershipList>)>,
    changes: u64,
    reloading: Option<HashSet<Id>>,
}

pub struct Directory {
    pool: AnyPool,
    /// Whether other servers may share the database (PostgreSQL), so their changes must be
    /// picked up within [`TTL`] and [`GRAPH_REFRESH`].
    shared: bool,
    sessions: Mutex<Sessions>,
    memberships: Mutex<Memberships>,
    graph: RwLock<Arc<Graph>>,
    stale: AtomicBool,
    versions: AtomicU64,
    wake: Notify,
    /// Changes asked to be reflected, and (under the lock) how many the graph reflects: a
    /// burst of changes waits for one rebuild, not one each.
    requested: AtomicU64,
    covered: tokio::sync::Mutex<u64>,
    /// Where what was forgotten or swapped in is announced, after the change is in place.
    bus: Bus,
}

impl Directory {
    pub fn new(pool: AnyPool, shared: bool, bus: Bus) -> Self {
        Directory {
            pool,
            shared,
            bus,
            sessions: Mutex::new(Sessions::default()),
            memberships: Mutex::new(Memberships::default()),
            graph: RwLock::new(Arc::new(Graph::default())),
            stale: AtomicBool::new(true),
            versions: AtomicU64::new(0),
            wake: Notify::new(),
            requested: AtomicU64::new(0),
            covered: tokio::sync::Mutex::new(0),
        }
    }

    /// Loads everything the hot paths read: the server does this once before it serves.
    pub async fn load_all(&self) -> StoreResult<()> {
        self.load().await?;
        self.reload_sessions(crate::core::Timestamp::now()).await?;
        self.reload_memberships().await
    }

    /// Builds the graph now.
    pub async fn load(&self) -> StoreResult<()> {
        let version = self.versions.fetch_add(1, Ordering::Relaxed) + 1;
        self.stale.store(false, Ordering::Release);
        let graph = Graph::load(&self.pool, version).await?;
        let mut current = self
            .graph
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // A load that began earlier may finish later: it must not replace a newer graph.
        let swapped = current.version < version;
        if swapped {
            *current = Arc::new(graph);
        }
        drop(current);
        if swapped {
            self.bus.publish(Topic::Network, Live::Changed);
        }
        Ok(())
    }

    /// The current graph (possibly being rebuilt in the background).
    pub fn graph(&self) -> Arc<Graph> {
        self.graph
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Something about committees, affiliations or memberships changed and is committed:
    /// rebuild the graph before answering, so that the next request sees the change. A
    /// failure leaves the rebuild to the background job.
    pub async fn network_changed(&self) {
        let wanted = self.requested.fetch_add(1, Ordering::SeqCst) + 1;
        let mut covered = self.covered.lock().await;
        if *covered >= wanted {
            return;
        }
        let target = self.requested.load(Ordering::SeqCst);
        match self.load().await {
            Ok(()) => *covered = target,
            Err(err) => {
                tracing::warn!(error = %err, "rebuilding the network graph failed; retrying soon");
                self.stale.store(true, Ordering::Release);
                self.wake.notify_one();
            }
        }
    }

    /// Rebuilds the graph now and then: after a failed rebuild, and for changes made by
    /// other servers sharing the database.
    pub async fn refresher(self: Arc<Self>) {
        loop {
            let every = if self.shared {
                GRAPH_REFRESH
            } else {
                SINGLE_SERVER_REFRESH
            };
            let _ = tokio::time::timeout(every, self.wake.notified()).await;
            if let Err(err) = self.load().await {
                tracing::warn!(error = %err, "rebuilding the network graph failed; retrying");
                self.stale.store(true, Ordering::Release);
                tokio::time::sleep(Duration::from_secs(1)).await;
                self.wake.notify_one();
            }
        }
    }

    /// Loads sessions and memberships again every [`TTL`], for expiries and for what other
    /// servers sharing the database changed. Until a load succeeds the previous one serves.
    pub async fn reloader(self: Arc<Self>) {
        loop {
            tokio::time::sleep(if self.shared {
                TTL
            } else {
                SINGLE_SERVER_REFRESH
            })
            .await;
            if let Err(err) = self.reload_sessions(crate::core::Timestamp::now()).await {
                tracing::warn!(error = %err, "reloading sessions failed; keeping the last load");
            }
            if let Err(err) = self.reload_memberships().await {
                tracing::warn!(error = %err, "reloading memberships failed; keeping the last load");
            }
        }
    }

    // ---- sessions ----

    async fn reload_sessions(&self, now: crate::core::Timestamp) -> StoreResult<()> {
        lock(&self.sessions).reloading = Some(Invalidated::default());
        let loaded = crate::accounts::store::all_sessions(&self.pool, now, |row| {
            let key: [u8; 32] = row.token_hash.as_slice().try_into().ok()?;
            let account = Account::from_row(row.account, row.token_hash);
            Some((
                key,
                Session {
                    account: Arc::new(account),
                    expires_at: row.expires_at,
                },
            ))
        })
        .await;
        let tokens = crate::accounts::store::all_tokens(&self.pool, now).await;
        let replaced = {
            let mut sessions = lock(&self.sessions);
            let invalidated = sessions.reloading.take().unwrap_or_default();
            let mut known: HashMap<[u8; 32], Session> = loaded?;
            for row in tokens? {
                if let Some((key, session)) = token_session(row) {
                    known.insert(key, session);
                }
            }
            if !invalidated.tokens.is_empty() || !invalidated.accounts.is_empty() {
                known.retain(|token, session| {
                    !invalidated.tokens.contains(token)
                        && !invalidated.accounts.contains(&session.account.id)
                });
            }
            sessions
                .unknown
                .retain(|_, fetched| fetched.elapsed() < TTL);
            std::mem::replace(&mut sessions.known, known)
        };
        // Hundreds of thousands of entries are freed after the lock, not under it.
        drop(replaced);
        Ok(())
    }

    /// The account behind a session token hash, from memory or, for a session this server
    /// has not seen yet, the database.
    pub async fn session(
        &self,
        token_hash: &[u8],
        now: crate::core::Timestamp,
    ) -> StoreResult<Option<Arc<Account>>> {
        // Every stored hash is a SHA-256: anything else is no session.
        let Ok(key) = <[u8; 32]>::try_from(token_hash) else {
            return Ok(None);
        };
        let forgotten = {
            let sessions = lock(&self.sessions);
            if let Some(session) = sessions.known.get(&key) {
                return Ok((session.expires_at > now.millis()).then(|| session.account.clone()));
            }
            if sessions
                .unknown
                .get(&key)
                .is_some_and(|fetched| fetched.elapsed() < TTL)
            {
                return Ok(None);
            }
            sessions.forgotten
        };
        let row = match crate::accounts::store::session_account(&self.pool, token_hash, now).await?
        {
            Some((row, expires_at)) => Some(Session {
                account: Arc::new(Account::from_row(row, token_hash.to_vec())),
                expires_at,
            }),
            None => crate::accounts::store::token_account(&self.pool, token_hash, now)
                .await?
                .and_then(|row| token_session(row).map(|(_, session)| session)),
        };
        let mut sessions = lock(&self.sessions);
        let Some(session) = row else {
            if sessions.unknown.len() >= CACHE_SOFT_LIMIT {
                sessions
                    .unknown
                    .retain(|_, fetched| fetched.elapsed() < TTL);
                // A flood of made-up tokens must not grow memory without bound.
                if sessions.unknown.len() >= CACHE_SOFT_LIMIT {
                    sessions.unknown.clear();
                }
            }
            sessions.unknown.insert(key, Instant::now());
            return Ok(None);
        };
        let account = session.account.clone();
        // A log-out or change that raced this read: answer it, but do not keep it.
        if sessions.forgotten == forgotten {
            sessions.known.insert(key, session);
        }
        Ok(Some(account))
    }

    /// A session or API token of `account` ended or changed (log-out, revoked, password, language): look it up
    /// again next time, and so do the account's open streams, at once. Call after the
    /// change is committed.
    pub fn forget_session(&self, account: Id, token_hash: &[u8]) {
        if let Ok(key) = <[u8; 32]>::try_from(token_hash) {
            let mut sessions = lock(&self.sessions);
            sessions.known.remove(&key);
            sessions.unknown.remove(&key);
            sessions.forgotten += 1;
            if let Some(invalidated) = &mut sessions.reloading {
                invalidated.tokens.insert(key);
            }
        }
        self.access_changed(account);
    }

    /// Every session of an account is looked up again (after a password change, a profile
    /// edit, the account's deletion), by requests and by its open streams. Call after the
    /// change is committed.
    pub fn forget_sessions_of(&self, account: Id) {
        {
            let mut sessions = lock(&self.sessions);
            sessions.known.retain(|_, s| s.account.id != account);
            sessions.forgotten += 1;
            if let Some(invalidated) = &mut sessions.reloading {
                invalidated.accounts.insert(account);
            }
        }
        self.access_changed(account);
    }

    /// Tells the account's open streams to check again, once the change is in place here
    /// (never under a lock: the streams' checks take them).
    fn access_changed(&self, account: Id) {
        self.bus.publish(Topic::Access(account), Live::Changed);
    }

    // ---- memberships ----

    async fn reload_memberships(&self) -> StoreResult<()> {
        lock(&self.memberships).reloading = Some(HashSet::new());
        let loaded =
            crate::committees::store::all_memberships(&self.pool, |a, c, role| Membership {
                account: a,
                committee: c,
                role: Role::parse(role).unwrap_or(Role::Member),
            })
            .await;
        let all = loaded.map(|mut all| {
            all.sort_unstable_by_key(|m| (m.account, m.committee));
            Arc::new(all)
        });
        let replaced = {
            let mut memberships = lock(&self.memberships);
            let changed_meanwhile = memberships.reloading.take().unwrap_or_default();
            let replaced = std::mem::replace(&mut memberships.all, all?);
            // Changes made before this load are in it; those made during it may not be (and
            // stay in `changed`, where `membership_changed` put them).
            memberships
                .changed
                .retain(|account, _| changed_meanwhile.contains(account));
            replaced
        };
        // A million memberships are freed after the lock, not under it, as sessions are.
        drop(replaced);
        Ok(())
    }

    /// The committees and councils an account belongs to, with its role in each, sorted by
    /// committee.
    pub async fn memberships(&self, account: Id) -> StoreResult<MembershipList> {
        let change = {
            let memberships = lock(&self.memberships);
            match memberships.changed.get(&account) {
                Some((_, Some(fresh))) => return Ok(fresh.clone()),
                Some((change, None)) => *change,
                None => {
                    let all = &memberships.all;
                    let from = all.partition_point(|m| m.account < account.get());
                    return Ok(all[from..]
                        .iter()
                        .take_while(|m| m.account == account.get())
                        .map(|m| (Id::from_db(m.committee), m.role))
                        .collect());
                }
            }
        };
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT committee_id, role FROM memberships WHERE account_id = $1 ORDER BY committee_id")
                .bind(account.get())
                .fetch_all(&self.pool)
                .await?;
        let value: MembershipList = rows
            .into_iter()
            .map(|(c, role)| (Id::from_db(c), Role::parse(&role).unwrap_or(Role::Member)))
            .collect();
        let mut memberships = lock(&self.memberships);
        // Another change may have come while this one was read: then read again next time.
        if let Some((latest, slot)) = memberships.changed.get_mut(&account)
            && *latest == change
        {
            *slot = Some(value.clone());
        }
        Ok(value)
    }

    /// An account joined, left, changed role or took a seat: read it from the database
    /// until a later load includes the change. (The caller also rebuilds the graph, whose
    /// member counts changed.)
    pub fn membership_changed(&self, account: Id) {
        {
            let mut memberships = lock(&self.memberships);
            memberships.changes += 1;
            let change = memberships.changes;
            memberships.changed.insert(account, (change, None));
            if let Some(meanwhile) = &mut memberships.reloading {
                meanwhile.insert(account);
            }
        }
        self.access_changed(account);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Every operation on these maps is a single insert, lookup or removal, so a panic in
    // another thread cannot leave one half-changed.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A committee of a graph built in a test.
#[cfg(test)]
pub(crate) fn test_node(
    id: i64,
    kind: CommitteeKind,
    members: i64,
    parents: &[i64],
    children: &[i64],
) -> (Id, Node) {
    (
        Id::from_db(id),
        Node {
            id: Id::from_db(id),
            name: format!("c{id}").into(),
            kind,
            industry: None,
            region: None,
            workforce: None,
            time_zone: None,
            members,
            parents: parents.iter().map(|p| Id::from_db(*p)).collect(),
            children: children.iter().map(|c| Id::from_db(*c)).collect(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: i64, kind: CommitteeKind, parents: &[i64], children: &[i64]) -> (Id, Node) {
        test_node(id, kind, id, parents, children)
    }

    #[test]
    fn scopes_follow_affiliations_at_any_depth() {
        use CommitteeKind::*;
        // 1 national council; 2 and 3 regional councils under it; 4, 5 under 2; 6 under 3 and
        // also directly under 2 (a workplace in two councils); 7 stands alone.
        let graph = Graph {
            nodes: [
                node(1, Council, &[], &[2, 3]),
                node(2, Council, &[1], &[4, 5, 6]),
                node(3, Council, &[1], &[6]),
                node(4, Workplace, &[2], &[]),
                node(5, Workplace, &[2], &[]),
                node(6, Workplace, &[3, 2], &[]),
                node(7, Workplace, &[], &[]),
            ]
            .into_iter()
            .collect(),
            version: 1,
        };
        let ids = |v: &[i64]| v.iter().map(|i| Id::from_db(*i)).collect::<Vec<_>>();
        assert_eq!(graph.workplaces_within(Id::from_db(1)), ids(&[4, 5, 6]));
        assert_eq!(graph.workplaces_within(Id::from_db(3)), ids(&[6]));
        assert_eq!(graph.workplaces_within(Id::from_db(4)), ids(&[4]));
        assert_eq!(
            graph.workplaces_within(Id::from_db(7)),
            ids(&[7]),
            "on its own"
        );
        let below = |c: i64, council: i64| graph.is_below(Id::from_db(c), Id::from_db(council));
        assert!(below(4, 2) && below(4, 1) && below(6, 2) && below(6, 3) && below(2, 1));
        assert!(!below(4, 3) && !below(1, 2) && !below(7, 1) && !below(2, 2));
        assert!(!below(99, 1), "a committee the graph does not know");
    }
}
