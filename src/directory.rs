//! What the hot paths need to know, held in memory: whose session a token is, which
//! committees an account belongs to, and the shape of the network (committees, councils,
//! who is affiliated to whom, how many members each has).
//!
//! The database stays the truth. Sessions and memberships are cached per key for a short
//! time and dropped at once when this server changes them; the network graph is rebuilt
//! from the database in the background after a change, and readers keep using the previous
//! graph meanwhile. With several servers on one PostgreSQL database, another server's
//! change is seen within [`TTL`] (sessions, memberships) or [`GRAPH_REFRESH`] (the graph).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use sqlx::AnyPool;
use tokio::sync::Notify;

use crate::accounts::Account;
use crate::core::Id;
use crate::core::fields::{CommitteeKind, Role};
use crate::db::StoreResult;

/// How long a cached session or membership list is trusted.
pub const TTL: Duration = Duration::from_secs(30);
/// How often the graph is rebuilt even without a local change (for other servers' changes).
pub const GRAPH_REFRESH: Duration = Duration::from_secs(60);
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

    /// Is `committee` the council `root` itself or affiliated below it, at any depth?
    pub fn is_within(&self, committee: Id, root: Id) -> bool {
        if committee == root {
            return true;
        }
        let mut seen = HashSet::new();
        let mut queue = VecDeque::from([committee]);
        while let Some(id) = queue.pop_front() {
            for parent in self
                .nodes
                .get(&id)
                .map(|n| n.parents.as_slice())
                .unwrap_or_default()
            {
                if *parent == root {
                    return true;
                }
                if seen.insert(*parent) {
                    queue.push_back(*parent);
                }
            }
        }
        false
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

    async fn load(pool: &AnyPool, version: u64) -> StoreResult<Graph> {
        let rows: Vec<CommitteeRow> = sqlx::query_as(
            "SELECT id, name, kind, industry, region, estimated_workforce FROM committees",
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
}

type SessionCache = HashMap<Vec<u8>, Cached<Option<Arc<Account>>>>;
type MembershipCache = HashMap<Id, Cached<Arc<[(Id, Role)]>>>;

struct Cached<T> {
    value: T,
    fetched: Instant,
}

pub struct Directory {
    pool: AnyPool,
    sessions: Mutex<SessionCache>,
    memberships: Mutex<MembershipCache>,
    graph: RwLock<Arc<Graph>>,
    stale: AtomicBool,
    versions: AtomicU64,
    wake: Notify,
    /// Changes asked to be reflected, and (under the lock) how many the graph reflects: a
    /// burst of changes waits for one rebuild, not one each.
    requested: AtomicU64,
    covered: tokio::sync::Mutex<u64>,
}

impl Directory {
    pub fn new(pool: AnyPool) -> Self {
        Directory {
            pool,
            sessions: Mutex::new(HashMap::new()),
            memberships: Mutex::new(HashMap::new()),
            graph: RwLock::new(Arc::new(Graph::default())),
            stale: AtomicBool::new(true),
            versions: AtomicU64::new(0),
            wake: Notify::new(),
            requested: AtomicU64::new(0),
            covered: tokio::sync::Mutex::new(0),
        }
    }

    /// Builds the graph now; the server does this once before it serves.
    pub async fn load(&self) -> StoreResult<()> {
        let version = self.versions.fetch_add(1, Ordering::Relaxed) + 1;
        self.stale.store(false, Ordering::Release);
        let graph = Graph::load(&self.pool, version).await?;
        *self
            .graph
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(graph);
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
            let _ = tokio::time::timeout(GRAPH_REFRESH, self.wake.notified()).await;
            if let Err(err) = self.load().await {
                tracing::warn!(error = %err, "rebuilding the network graph failed; retrying");
                self.stale.store(true, Ordering::Release);
                tokio::time::sleep(Duration::from_secs(1)).await;
                self.wake.notify_one();
            }
        }
    }

    // ---- sessions ----

    /// The account behind a session token hash, from the cache or the database.
    pub async fn session(
        &self,
        token_hash: &[u8],
        now: crate::core::Timestamp,
    ) -> StoreResult<Option<Arc<Account>>> {
        if let Some(hit) = lock(&self.sessions)
            .get(token_hash)
            .filter(|c| c.fetched.elapsed() < TTL)
            .map(|c| c.value.clone())
        {
            return Ok(hit);
        }
        let row = crate::accounts::store::session_account(&self.pool, token_hash, now).await?;
        let account = row.map(|row| Arc::new(Account::from_row(row, token_hash.to_vec())));
        let mut sessions = lock(&self.sessions);
        if sessions.len() > CACHE_SOFT_LIMIT {
            sessions.retain(|_, c| c.fetched.elapsed() < TTL);
        }
        sessions.insert(
            token_hash.to_vec(),
            Cached {
                value: account.clone(),
                fetched: Instant::now(),
            },
        );
        Ok(account)
    }

    /// A session ended or changed (log-out, password, language): look it up again next time.
    pub fn forget_session(&self, token_hash: &[u8]) {
        lock(&self.sessions).remove(token_hash);
    }

    /// Every cached session of an account goes (after a password change or a profile edit).
    pub fn forget_sessions_of(&self, account: Id) {
        lock(&self.sessions).retain(|_, c| c.value.as_ref().is_none_or(|a| a.id != account));
    }

    // ---- memberships ----

    /// The committees and councils an account belongs to, with its role in each.
    pub async fn memberships(&self, account: Id) -> StoreResult<Arc<[(Id, Role)]>> {
        if let Some(hit) = lock(&self.memberships)
            .get(&account)
            .filter(|c| c.fetched.elapsed() < TTL)
            .map(|c| c.value.clone())
        {
            return Ok(hit);
        }
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT committee_id, role FROM memberships WHERE account_id = $1 ORDER BY committee_id")
                .bind(account.get())
                .fetch_all(&self.pool)
                .await?;
        let value: Arc<[(Id, Role)]> = rows
            .into_iter()
            .map(|(c, role)| (Id::from_db(c), Role::parse(&role).unwrap_or(Role::Member)))
            .collect();
        let mut memberships = lock(&self.memberships);
        if memberships.len() > CACHE_SOFT_LIMIT {
            memberships.retain(|_, c| c.fetched.elapsed() < TTL);
        }
        memberships.insert(
            account,
            Cached {
                value: value.clone(),
                fetched: Instant::now(),
            },
        );
        Ok(value)
    }

    /// An account joined, left, changed role or took a seat: look it up again. (The caller
    /// also rebuilds the graph, whose member counts changed.)
    pub fn membership_changed(&self, account: Id) {
        lock(&self.memberships).remove(&account);
    }

    /// Drops every cached entry (tests and the command line use it).
    pub fn forget_all(&self) {
        lock(&self.sessions).clear();
        lock(&self.memberships).clear();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Every operation on these maps is a single insert, lookup or removal, so a panic in
    // another thread cannot leave one half-changed.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: i64, kind: CommitteeKind, parents: &[i64], children: &[i64]) -> (Id, Node) {
        (
            Id::from_db(id),
            Node {
                id: Id::from_db(id),
                name: format!("c{id}").into(),
                kind,
                industry: None,
                region: None,
                workforce: None,
                members: id,
                parents: parents.iter().map(|p| Id::from_db(*p)).collect(),
                children: children.iter().map(|c| Id::from_db(*c)).collect(),
            },
        )
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
        assert!(graph.is_within(Id::from_db(6), Id::from_db(1)));
        assert!(graph.is_within(Id::from_db(4), Id::from_db(4)));
        assert!(!graph.is_within(Id::from_db(7), Id::from_db(1)));
        assert!(!graph.is_within(Id::from_db(4), Id::from_db(3)));
    }
}
