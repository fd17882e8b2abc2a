//! Who a bulletin reaches, and the feed's cursor.
//!
//! A bulletin comes from one committee (a workplace committee or a council) and goes to an
//! audience:
//!
//! - `members`: the members of that committee only (for a council: its delegates and
//!   founders);
//! - `network` from a workplace committee: its members and the members of every council it
//!   is affiliated to, at any depth up;
//! - `network` from a council: its members and the members of every committee affiliated
//!   below it, at any depth down (councils and workplaces alike), never a council above or
//!   beside it.
//!
//! Everything here works on a [`Network`], the shape of the council tree, so it is pure and
//! tested without a database.

use std::collections::{BTreeSet, HashSet, VecDeque};

use super::fields::{CommitteeKind, Invalid, Problem, choice};
use super::{Id, Timestamp};

choice!(
    /// Who a bulletin is for.
    Audience, "audience" { Members = "members", Network = "network" }
);

/// The shape of the network a bulletin travels through.
pub trait Network {
    fn kind(&self, committee: Id) -> Option<CommitteeKind>;
    /// The councils the committee is directly affiliated to.
    fn parents(&self, committee: Id) -> &[Id];
    /// The committees directly affiliated to the council.
    fn children(&self, committee: Id) -> &[Id];
}

/// Every committee reachable from `start` by repeatedly following `next`, not counting
/// `start` itself (unless a cycle leads back to it, which affiliation rules forbid).
fn closure<'a, N: Network + ?Sized>(
    net: &'a N,
    start: Id,
    next: impl Fn(&'a N, Id) -> &'a [Id],
) -> BTreeSet<Id> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([start]);
    while let Some(id) = queue.pop_front() {
        for other in next(net, id) {
            if *other != start && seen.insert(*other) {
                queue.push_back(*other);
            }
        }
    }
    seen
}

/// The committees whose members a bulletin from `origin` to `audience` reaches, the origin
/// included. An origin missing from the network reaches only itself.
pub fn reach<N: Network + ?Sized>(net: &N, origin: Id, audience: Audience) -> BTreeSet<Id> {
    let mut reached = match (audience, net.kind(origin)) {
        (Audience::Members, _) | (Audience::Network, None) => BTreeSet::new(),
        (Audience::Network, Some(CommitteeKind::Workplace)) => {
            closure(net, origin, |n, id| n.parents(id))
        }
        (Audience::Network, Some(CommitteeKind::Council)) => {
            closure(net, origin, |n, id| n.children(id))
        }
    };
    reached.insert(origin);
    reached
}

/// Does a bulletin from `origin` to `audience` reach the members of `committee`? The same
/// answer as `reach(..).contains(&committee)`, without walking the whole tree below a big
/// council.
pub fn reaches<N: Network + ?Sized>(
    net: &N,
    origin: Id,
    audience: Audience,
    committee: Id,
) -> bool {
    if committee == origin {
        return true;
    }
    match (audience, net.kind(origin)) {
        (Audience::Members, _) | (Audience::Network, None) => false,
        // Up from the workplace: is the committee one of its councils?
        (Audience::Network, Some(CommitteeKind::Workplace)) => is_below(net, origin, committee),
        // Down from the council: is the committee below it?
        (Audience::Network, Some(CommitteeKind::Council)) => is_below(net, committee, origin),
    }
}

/// Is `lower` affiliated below `upper`, at any depth?
fn is_below<N: Network + ?Sized>(net: &N, lower: Id, upper: Id) -> bool {
    let mut seen = HashSet::new();
    let mut queue = VecDeque::from([lower]);
    while let Some(id) = queue.pop_front() {
        for parent in net.parents(id) {
            if *parent == upper {
                return true;
            }
            if seen.insert(*parent) {
                queue.push_back(*parent);
            }
        }
    }
    false
}

/// Where the bulletins a reader may see come from, given the committees the reader belongs
/// to: every bulletin of `any` (the reader's own committees, whatever the audience), and the
/// network bulletins of `network`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    pub any: BTreeSet<Id>,
    pub network: BTreeSet<Id>,
}

impl Sources {
    pub fn sees(&self, origin: Id, audience: Audience) -> bool {
        self.any.contains(&origin)
            || (audience == Audience::Network && self.network.contains(&origin))
    }
}

/// The sources of a reader who belongs to `memberships`: the network bulletins of the
/// workplaces below the reader's councils (they flow up), and of the councils above the
/// reader's committees (they flow down).
pub fn sources<N: Network + ?Sized>(net: &N, memberships: &[Id]) -> Sources {
    let any: BTreeSet<Id> = memberships.iter().copied().collect();
    let mut network = BTreeSet::new();
    for committee in &any {
        for above in closure(net, *committee, |n, id| n.parents(id)) {
            if net.kind(above) == Some(CommitteeKind::Council) {
                network.insert(above);
            }
        }
        if net.kind(*committee) == Some(CommitteeKind::Council) {
            for below in closure(net, *committee, |n, id| n.children(id)) {
                if net.kind(below) == Some(CommitteeKind::Workplace) {
                    network.insert(below);
                }
            }
        }
    }
    network.retain(|c| !any.contains(c));
    Sources { any, network }
}

/// A position in a list of bulletins, newest first: the time and id of the last one shown.
/// Passed to clients as an opaque string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: Timestamp,
    pub id: Id,
}

impl Cursor {
    /// Sixteen bytes (time, id) in unpadded URL-safe base64.
    pub fn encode(self) -> String {
        use base64::Engine;
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.created_at.millis().to_be_bytes());
        bytes[8..].copy_from_slice(&self.id.get().to_be_bytes());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    pub fn decode(raw: &str) -> Result<Cursor, Invalid> {
        use base64::Engine;
        let invalid = || Invalid::new("cursor", Problem::Format);
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(raw.trim())
            .map_err(|_| invalid())?;
        let bytes: [u8; 16] = bytes.try_into().map_err(|_| invalid())?;
        let mut at = [0u8; 8];
        let mut id = [0u8; 8];
        at.copy_from_slice(&bytes[..8]);
        id.copy_from_slice(&bytes[8..]);
        let id = i64::from_be_bytes(id);
        if id <= 0 {
            return Err(invalid());
        }
        Ok(Cursor {
            created_at: Timestamp::from_millis(i64::from_be_bytes(at)),
            id: Id::from_db(id),
        })
    }
}

/// Which version of a bulletin a reader sees: the one in the reader's language when there
/// is one, the original otherwise. `versions` are the languages it is written in, the
/// original first.
pub fn version_for<L: PartialEq + Copy>(versions: &[L], reader: L) -> Option<L> {
    versions
        .iter()
        .copied()
        .find(|l| *l == reader)
        .or_else(|| versions.first().copied())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;
    use crate::core::fields::Language;

    #[derive(Debug, Default)]
    struct Tree {
        kinds: HashMap<Id, CommitteeKind>,
        parents: HashMap<Id, Vec<Id>>,
        children: HashMap<Id, Vec<Id>>,
    }

    impl Tree {
        fn add(&mut self, id: i64, kind: CommitteeKind, parents: &[i64]) {
            let id = Id::from_db(id);
            self.kinds.insert(id, kind);
            for p in parents {
                let p = Id::from_db(*p);
                self.parents.entry(id).or_default().push(p);
                self.children.entry(p).or_default().push(id);
            }
        }
    }

    impl Network for Tree {
        fn kind(&self, committee: Id) -> Option<CommitteeKind> {
            self.kinds.get(&committee).copied()
        }
        fn parents(&self, committee: Id) -> &[Id] {
            self.parents.get(&committee).map_or(&[], Vec::as_slice)
        }
        fn children(&self, committee: Id) -> &[Id] {
            self.children.get(&committee).map_or(&[], Vec::as_slice)
        }
    }

    fn ids(v: &[i64]) -> BTreeSet<Id> {
        v.iter().map(|i| Id::from_db(*i)).collect()
    }

    /// 1 national council; 2, 3 city councils under it; workplaces 4, 5 under 2 and 6 under
    /// 3; 7 a workplace on its own; 8 a council beside 1.
    fn sample() -> Tree {
        use CommitteeKind::*;
        let mut t = Tree::default();
        t.add(1, Council, &[]);
        t.add(2, Council, &[1]);
        t.add(3, Council, &[1]);
        t.add(4, Workplace, &[2]);
        t.add(5, Workplace, &[2]);
        t.add(6, Workplace, &[3]);
        t.add(7, Workplace, &[]);
        t.add(8, Council, &[]);
        t
    }

    #[test]
    fn members_only_stays_in_the_committee() {
        let t = sample();
        for origin in 1..=8 {
            assert_eq!(
                reach(&t, Id::from_db(origin), Audience::Members),
                ids(&[origin])
            );
        }
    }

    #[test]
    fn a_workplace_reaches_its_councils_at_any_depth_not_its_siblings() {
        let t = sample();
        assert_eq!(
            reach(&t, Id::from_db(4), Audience::Network),
            ids(&[4, 2, 1])
        );
        assert!(!reaches(
            &t,
            Id::from_db(4),
            Audience::Network,
            Id::from_db(5)
        ));
        assert!(!reaches(
            &t,
            Id::from_db(4),
            Audience::Network,
            Id::from_db(3)
        ));
        assert_eq!(reach(&t, Id::from_db(7), Audience::Network), ids(&[7]));
    }

    #[test]
    fn a_council_reaches_everything_below_never_above_or_beside() {
        let t = sample();
        assert_eq!(
            reach(&t, Id::from_db(1), Audience::Network),
            ids(&[1, 2, 3, 4, 5, 6])
        );
        assert_eq!(
            reach(&t, Id::from_db(2), Audience::Network),
            ids(&[2, 4, 5])
        );
        assert!(!reaches(
            &t,
            Id::from_db(2),
            Audience::Network,
            Id::from_db(1)
        ));
        assert!(!reaches(
            &t,
            Id::from_db(2),
            Audience::Network,
            Id::from_db(3)
        ));
        assert!(!reaches(
            &t,
            Id::from_db(2),
            Audience::Network,
            Id::from_db(8)
        ));
    }

    #[test]
    fn sources_of_a_reader() {
        let t = sample();
        // A member of workplace 4 sees the network bulletins of its councils 2 and 1.
        let s = sources(&t, &[Id::from_db(4)]);
        assert_eq!(s.any, ids(&[4]));
        assert_eq!(s.network, ids(&[2, 1]));
        // A delegate in council 2 sees the network bulletins of 4 and 5 (below) and of 1
        // (above), but not of the workplace 6 beside.
        let s = sources(&t, &[Id::from_db(2)]);
        assert_eq!(s.network, ids(&[1, 4, 5]));
    }

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let c = Cursor {
            created_at: Timestamp::from_millis(1_790_000_000_000),
            id: Id::from_db(0x1234_5678_9abc),
        };
        assert_eq!(Cursor::decode(&c.encode()), Ok(c));
        for bad in ["", "abc", "!!!!", &"A".repeat(40)] {
            assert!(Cursor::decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_reader_gets_their_language_or_the_original() {
        use Language::*;
        assert_eq!(version_for(&[En, Es], Es), Some(Es));
        assert_eq!(version_for(&[Es], En), Some(Es));
        assert_eq!(version_for(&[Es, En], En), Some(En));
        assert_eq!(version_for::<Language>(&[], En), None);
    }

    /// A random network: committees 1..=n, each a workplace or a council, each affiliated to
    /// some councils with a smaller number (so there is never a cycle, as the affiliation
    /// rule guarantees).
    fn arb_tree() -> impl Strategy<Value = Tree> {
        (2usize..14).prop_flat_map(|n| {
            (
                proptest::collection::vec(any::<bool>(), n),
                proptest::collection::vec(
                    proptest::collection::vec(any::<prop::sample::Index>(), 0..3),
                    n,
                ),
            )
                .prop_map(move |(is_council, links)| {
                    let mut t = Tree::default();
                    for i in 0..n {
                        let kind = if is_council[i] {
                            CommitteeKind::Council
                        } else {
                            CommitteeKind::Workplace
                        };
                        let councils_before: Vec<i64> = (0..i)
                            .filter(|j| is_council[*j])
                            .map(|j| j as i64 + 1)
                            .collect();
                        let mut parents: Vec<i64> = if councils_before.is_empty() {
                            Vec::new()
                        } else {
                            links[i].iter().map(|x| *x.get(&councils_before)).collect()
                        };
                        parents.sort();
                        parents.dedup();
                        t.add(i as i64 + 1, kind, &parents);
                    }
                    t
                })
        })
    }

    proptest! {
        #[test]
        fn reaches_agrees_with_reach_and_sources(t in arb_tree()) {
            let all: Vec<Id> = t.kinds.keys().copied().collect();
            for origin in &all {
                for audience in Audience::ALL {
                    let reached = reach(&t, *origin, *audience);
                    prop_assert!(reached.contains(origin));
                    for committee in &all {
                        let inside = reached.contains(committee);
                        prop_assert_eq!(reaches(&t, *origin, *audience, *committee), inside);
                        // What a member of `committee` alone may see is exactly that.
                        let s = sources(&t, &[*committee]);
                        prop_assert_eq!(s.sees(*origin, *audience), inside);
                    }
                    // A workplace's network bulletin reaches no other workplace; a council's
                    // reaches no council above it.
                    for committee in &reached {
                        if committee == origin {
                            continue;
                        }
                        match t.kind(*origin) {
                            Some(CommitteeKind::Workplace) => {
                                prop_assert_eq!(t.kind(*committee), Some(CommitteeKind::Council));
                                prop_assert!(is_below(&t, *origin, *committee));
                            }
                            _ => prop_assert!(is_below(&t, *committee, *origin)),
                        }
                    }
                }
            }
        }

        #[test]
        fn sources_of_several_committees_are_the_union(t in arb_tree(), a in 1i64..14, b in 1i64..14) {
            let all: Vec<Id> = t.kinds.keys().copied().collect();
            let (a, b) = (Id::from_db(a), Id::from_db(b));
            let both = sources(&t, &[a, b]);
            let (sa, sb) = (sources(&t, &[a]), sources(&t, &[b]));
            for origin in &all {
                for audience in Audience::ALL {
                    prop_assert_eq!(
                        both.sees(*origin, *audience),
                        sa.sees(*origin, *audience) || sb.sees(*origin, *audience)
                    );
                }
            }
        }
    }
}
