//! Incidents: what a member may report, whom an alert reaches, and when its details are
//! erased.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::core::fields::{Invalid, Problem, choice};
use crate::core::{Id, Rule, Timestamp};

choice!(
    /// What happened.
    IncidentKind, "kind" {
        Raid = "raid",
        Detention = "detention",
        Staging = "staging",
        Attack = "attack",
        Retaliation = "retaliation",
        Other = "other",
    }
);

choice!(
    /// How soon people are needed: `now` also goes out by Web Push and e-mail.
    Urgency, "urgency" {
        Now = "now",
        Soon = "soon",
        Info = "info",
    }
);

choice!(
    /// How a member signs up to respond.
    ResponderRole, "role" {
        Witness = "witness",
        Legal = "legal",
        Support = "support",
    }
);

choice!(
    /// `withdrawn`: marked a false alarm by a coordinator, and withdrawn everywhere it was
    /// sent.
    IncidentStatus, "status" {
        Open = "open",
        Resolved = "resolved",
        Withdrawn = "withdrawn",
    }
);

pub const SUMMARY_MAX: usize = 280;
pub const LOCATION_MAX: usize = 200;
pub const NOTE_MAX: usize = 1000;
/// How many council levels up a coordinator may widen an alert.
pub const MAX_REACH_LEVEL: i64 = 3;
/// How long the summary, location and people of an incident are kept, unless configured.
pub const DEFAULT_RETENTION_HOURS: i64 = 72;

/// A report as a member sends it, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub kind: String,
    pub summary: String,
    pub location: String,
    pub urgency: String,
}

/// A report that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedReport {
    pub kind: IncidentKind,
    pub summary: String,
    pub location: String,
    pub urgency: Urgency,
}

impl Report {
    /// Checks every field and tells all that are wrong at once.
    pub fn check(&self) -> Result<CheckedReport, super::fields::Invalids> {
        let mut checks = super::fields::Invalids::default();
        let kind = checks.check(IncidentKind::parse(&self.kind));
        let summary = checks.check(one_line("summary", &self.summary, SUMMARY_MAX));
        let location = checks.check(one_line("location", &self.location, LOCATION_MAX));
        let urgency = checks.check(urgency(&self.urgency));
        checks.finish((|| {
            Some(CheckedReport {
                kind: kind?,
                summary: summary?,
                location: location?,
                urgency: urgency?,
            })
        })())
    }
}

/// The urgency a member chose. None chosen is said as a field left empty (there is no
/// default: a report goes out as urgent only when its reporter says so).
fn urgency(value: &str) -> Result<Urgency, Invalid> {
    if value.trim().is_empty() {
        return Err(Invalid::new("urgency", Problem::Empty));
    }
    Urgency::parse(value)
}

/// Text that must be there, fit on one line of a phone's lock screen, and stay short.
fn one_line(field: &'static str, value: &str, max: usize) -> Result<String, Invalid> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Err(Invalid::new(field, Problem::Empty));
    }
    if value.chars().count() > max {
        return Err(Invalid::new(field, Problem::TooLong { max }));
    }
    if value.chars().any(char::is_control) {
        return Err(Invalid::new(field, Problem::Format));
    }
    Ok(value)
}

/// A resolution note: optional, trimmed, bounded.
pub fn check_note(note: Option<&str>) -> Result<Option<String>, Invalid> {
    let note = note.map(str::trim).unwrap_or("");
    if note.is_empty() {
        return Ok(None);
    }
    if note.chars().count() > NOTE_MAX {
        return Err(Invalid::new("note", Problem::TooLong { max: NOTE_MAX }));
    }
    Ok(Some(note.to_owned()))
}

/// The committees an alert reaches at `level`: the reporting committee, and for each
/// council `k` levels above it (k = 1 ..= level + 1), every committee affiliated below that
/// council within `k` levels. At level 0 that is the committee and the committees
/// affiliated directly to its councils — not the councils above them: a raid is for those
/// who can get there. Each widening takes in one more council level.
pub fn reach<'g>(
    committee: Id,
    level: i64,
    parents: impl Fn(Id) -> &'g [Id],
    children: impl Fn(Id) -> &'g [Id],
) -> BTreeSet<Id> {
    let mut reached = BTreeSet::from([committee]);
    let mut councils: BTreeSet<Id> = BTreeSet::from([committee]);
    let mut climbed = HashSet::from([committee]);
    for depth in 1..=level.saturating_add(1).max(1) {
        councils = councils
            .iter()
            .flat_map(|c| parents(*c).iter().copied())
            .filter(|c| climbed.insert(*c))
            .collect();
        if councils.is_empty() {
            break;
        }
        for council in &councils {
            let mut seen = HashSet::from([*council]);
            let mut frontier = vec![*council];
            for _ in 0..depth {
                let mut next = Vec::new();
                for child in frontier.iter().flat_map(|c| children(*c)) {
                    if seen.insert(*child) {
                        reached.insert(*child);
                        next.push(*child);
                    }
                }
                if next.is_empty() {
                    break;
                }
                frontier = next;
            }
        }
    }
    reached
}

/// Whether an alert of `committee` at `level` reaches `member` (one of the reader's
/// committees): the same answer as `reach(..).contains(&member)`, found by climbing from
/// both ends instead of walking down a council's whole tree, so a read costs the height of
/// the network, not its width. `member` is reached when some council is at most as far
/// above it as above the reporting committee, and no further than `level + 1`.
pub fn reaches<'g>(
    committee: Id,
    level: i64,
    member: Id,
    parents: impl Fn(Id) -> &'g [Id],
) -> bool {
    if committee == member {
        return true;
    }
    let top = level.saturating_add(1).max(1);
    let above_reporter = distances_up(committee, top, &parents);
    let above_member = distances_up(member, top, &parents);
    above_member.iter().any(|(council, from_member)| {
        above_reporter
            .get(council)
            .is_some_and(|from_reporter| from_member <= from_reporter)
    })
}

/// The councils within `top` levels above `start`, each with its least distance.
fn distances_up<'g>(start: Id, top: i64, parents: &impl Fn(Id) -> &'g [Id]) -> HashMap<Id, i64> {
    let mut found = HashMap::new();
    let mut frontier = vec![start];
    for distance in 1..=top {
        let mut next = Vec::new();
        for council in frontier.iter().flat_map(|c| parents(*c)) {
            if *council != start && !found.contains_key(council) {
                found.insert(*council, distance);
                next.push(*council);
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    found
}

/// Whether widening from `level` would take in a council level that exists.
pub fn may_widen<'g>(committee: Id, level: i64, parents: impl Fn(Id) -> &'g [Id]) -> bool {
    if level >= MAX_REACH_LEVEL {
        return false;
    }
    let mut councils: BTreeSet<Id> = BTreeSet::from([committee]);
    for _ in 0..=level.saturating_add(1) {
        councils = councils
            .iter()
            .flat_map(|c| parents(*c).iter().copied())
            .collect();
        if councils.is_empty() {
            return false;
        }
    }
    true
}

/// What a member may still do with an incident in `status`: confirm, respond and resolve
/// only while it is open.
pub fn require_open(status: IncidentStatus, erased: bool) -> Result<(), Rule> {
    if status == IncidentStatus::Open && !erased {
        Ok(())
    } else {
        Err(Rule::IncidentClosed)
    }
}

/// Incidents reported before this time are due for erasure.
pub fn erase_before(now: Timestamp, retention: std::time::Duration) -> Timestamp {
    now.plus_millis(-i64::try_from(retention.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    /// A network given as (committee, council) affiliations.
    struct Net {
        parents: HashMap<Id, Vec<Id>>,
        children: HashMap<Id, Vec<Id>>,
    }

    impl Net {
        fn new(links: &[(i64, i64)]) -> Net {
            let mut net = Net {
                parents: HashMap::new(),
                children: HashMap::new(),
            };
            for (child, parent) in links {
                net.parents
                    .entry(Id::from_db(*child))
                    .or_default()
                    .push(Id::from_db(*parent));
                net.children
                    .entry(Id::from_db(*parent))
                    .or_default()
                    .push(Id::from_db(*child));
            }
            net
        }

        fn reach(&self, committee: i64, level: i64) -> Vec<i64> {
            reach(
                Id::from_db(committee),
                level,
                |c| self.parents.get(&c).map_or(&[][..], Vec::as_slice),
                |c| self.children.get(&c).map_or(&[][..], Vec::as_slice),
            )
            .into_iter()
            .map(Id::get)
            .collect()
        }

        fn reaches(&self, committee: i64, level: i64, member: i64) -> bool {
            reaches(Id::from_db(committee), level, Id::from_db(member), |c| {
                self.parents.get(&c).map_or(&[][..], Vec::as_slice)
            })
        }

        fn may_widen(&self, committee: i64, level: i64) -> bool {
            may_widen(Id::from_db(committee), level, |c| {
                self.parents.get(&c).map_or(&[][..], Vec::as_slice)
            })
        }
    }

    /// Workplaces 1, 2 in city council 10; workplace 3 in council 11; both councils in the
    /// state council 20, which also has workplace 4 directly; 20 is in the national 30.
    fn state() -> Net {
        Net::new(&[
            (1, 10),
            (2, 10),
            (3, 11),
            (10, 20),
            (11, 20),
            (4, 20),
            (20, 30),
        ])
    }

    #[test]
    fn an_alert_reaches_the_committees_of_the_same_council_and_no_further() {
        let net = state();
        assert_eq!(net.reach(1, 0), vec![1, 2]);
        assert_eq!(net.reach(3, 0), vec![3]);
        assert_eq!(net.reach(4, 0), vec![4, 10, 11]);
        assert!(net.reaches(1, 0, 2));
        assert!(!net.reaches(1, 0, 3), "another council's workplace");
        assert!(!net.reaches(1, 0, 10), "not the council itself");
        assert!(net.reaches(1, 1, 3));
    }

    #[test]
    fn widening_takes_in_one_council_level_at_a_time() {
        let net = state();
        assert_eq!(net.reach(1, 1), vec![1, 2, 3, 4, 10, 11]);
        assert_eq!(net.reach(1, 2), vec![1, 2, 3, 4, 10, 11, 20]);
        assert!(net.may_widen(1, 0));
        assert!(net.may_widen(1, 1));
        assert!(!net.may_widen(1, 2), "nothing above the national council");
        assert!(!net.may_widen(3, 2));
    }

    #[test]
    fn a_committee_without_councils_reaches_itself() {
        let net = Net::new(&[]);
        assert_eq!(net.reach(7, 0), vec![7]);
        assert!(!net.may_widen(7, 0));
    }

    #[test]
    fn reports_are_checked() {
        let report = Report {
            kind: "raid".into(),
            summary: "  Agents at the\nloading dock  ".into(),
            location: "Gate 3".into(),
            urgency: "now".into(),
        };
        let checked = report.check().expect("valid");
        assert_eq!(checked.summary, "Agents at the loading dock");
        assert_eq!(checked.kind, IncidentKind::Raid);
        for broken in [
            Report {
                kind: "party".into(),
                ..report.clone()
            },
            Report {
                summary: " ".into(),
                ..report.clone()
            },
            Report {
                location: "x".repeat(LOCATION_MAX + 1),
                ..report.clone()
            },
            Report {
                urgency: "later".into(),
                ..report.clone()
            },
        ] {
            assert!(broken.check().is_err(), "{broken:?}");
        }
        for none in ["", "  "] {
            let unchosen = Report {
                urgency: none.into(),
                ..report.clone()
            };
            assert_eq!(
                unchosen.check(),
                Err(Invalid::new("urgency", Problem::Empty).into()),
                "no urgency is chosen for the reporter"
            );
        }
        assert_eq!(check_note(Some("  ")), Ok(None));
        assert!(check_note(Some(&"n".repeat(NOTE_MAX + 1))).is_err());
    }

    #[test]
    fn only_an_open_incident_takes_responses() {
        assert!(require_open(IncidentStatus::Open, false).is_ok());
        assert!(require_open(IncidentStatus::Open, true).is_err());
        assert!(require_open(IncidentStatus::Resolved, false).is_err());
        assert!(require_open(IncidentStatus::Withdrawn, false).is_err());
    }

    fn network() -> impl Strategy<Value = Vec<(i64, i64)>> {
        // Affiliations only point to a higher number, so there are no cycles.
        prop::collection::vec((1i64..30, 1i64..30), 0..40).prop_map(|pairs| {
            pairs
                .into_iter()
                .filter(|(a, b)| a < b)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        })
    }

    proptest! {
        #[test]
        fn climbing_from_both_ends_agrees_with_walking_down(
            links in network(), committee in 1i64..30, level in 0i64..4,
        ) {
            let net = Net::new(&links);
            let reached = net.reach(committee, level);
            for member in 1i64..30 {
                prop_assert_eq!(
                    net.reaches(committee, level, member),
                    reached.contains(&member),
                    "member {} of an alert from {} at level {}", member, committee, level
                );
            }
        }

        #[test]
        fn reach_grows_with_each_level_and_always_holds_the_reporter(
            links in network(), committee in 1i64..30, level in 0i64..4,
        ) {
            let net = Net::new(&links);
            let narrow = net.reach(committee, level);
            let wide = net.reach(committee, level + 1);
            prop_assert!(narrow.contains(&committee));
            prop_assert!(narrow.iter().all(|c| wide.contains(c)));
        }

        #[test]
        fn at_level_zero_everyone_reached_shares_a_council_with_the_reporter(
            links in network(), committee in 1i64..30,
        ) {
            let net = Net::new(&links);
            let mine: BTreeSet<i64> = links.iter().filter(|l| l.0 == committee).map(|l| l.1).collect();
            for other in net.reach(committee, 0) {
                if other == committee { continue; }
                let theirs: BTreeSet<i64> = links.iter().filter(|l| l.0 == other).map(|l| l.1).collect();
                prop_assert!(!mine.is_disjoint(&theirs), "{other} shares no council with {committee}");
            }
        }
    }
}
