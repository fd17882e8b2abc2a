//! How committees link up into councils, and councils into larger councils.
//!
//! The links form a directed graph from each committee up to the councils it belongs to. A
//! workplace committee may belong to several councils (its region's and its industry's);
//! only councils have affiliates; and the graph never has a cycle, so "every committee below
//! this council" is always a finite, well-defined set.

use std::collections::HashSet;

use super::Rule;
use super::fields::CommitteeKind;
use super::ids::Id;

/// May `child` join `council`? `council_ancestors` holds every council above `council`, at
/// any depth, and `already_linked` whether the link exists.
pub fn check_affiliation(
    child: Id,
    council: Id,
    council_kind: CommitteeKind,
    council_ancestors: &HashSet<Id>,
    already_linked: bool,
) -> Result<(), Rule> {
    if council_kind != CommitteeKind::Council {
        return Err(Rule::NotACouncil);
    }
    // The new link child -> council closes a cycle exactly when child already sits at or
    // above council.
    if child == council || council_ancestors.contains(&child) {
        return Err(Rule::AffiliationCycle);
    }
    if already_linked {
        return Err(Rule::AlreadyAffiliated);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Every node reachable upwards from `start` (not counting `start` itself).
    fn ancestors(edges: &HashMap<usize, Vec<usize>>, start: usize) -> HashSet<usize> {
        let mut seen = HashSet::new();
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &up in edges.get(&node).into_iter().flatten() {
                if seen.insert(up) {
                    stack.push(up);
                }
            }
        }
        seen
    }

    fn id(n: usize) -> Id {
        Id::from_db(n as i64 + 1)
    }

    #[test]
    fn refuses_self_and_cycles_and_workplaces() {
        let none = HashSet::new();
        let (a, b) = (id(0), id(1));
        assert_eq!(
            check_affiliation(a, a, CommitteeKind::Council, &none, false),
            Err(Rule::AffiliationCycle)
        );
        assert_eq!(
            check_affiliation(a, b, CommitteeKind::Workplace, &none, false),
            Err(Rule::NotACouncil)
        );
        let above_b: HashSet<Id> = [a].into();
        assert_eq!(
            check_affiliation(a, b, CommitteeKind::Council, &above_b, false),
            Err(Rule::AffiliationCycle)
        );
        assert_eq!(
            check_affiliation(a, b, CommitteeKind::Council, &none, true),
            Err(Rule::AlreadyAffiliated)
        );
        assert_eq!(
            check_affiliation(a, b, CommitteeKind::Council, &none, false),
            Ok(())
        );
    }

    proptest! {
        /// Whatever order links are requested in, the accepted ones never form a cycle, and a
        /// link is refused as a cycle only when it really would close one.
        #[test]
        fn accepted_links_never_form_a_cycle(
            requests in prop::collection::vec((0usize..12, 0usize..12), 0..80)
        ) {
            let mut edges: HashMap<usize, Vec<usize>> = HashMap::new();
            for (child, council) in requests {
                let above: HashSet<Id> = ancestors(&edges, council).into_iter().map(id).collect();
                let linked = edges.get(&child).is_some_and(|ups| ups.contains(&council));
                let verdict = check_affiliation(id(child), id(council), CommitteeKind::Council, &above, linked);
                let would_cycle = child == council || ancestors(&edges, council).contains(&child);
                prop_assert_eq!(verdict == Err(Rule::AffiliationCycle), would_cycle);
                if verdict.is_ok() {
                    edges.entry(child).or_default().push(council);
                }
            }
            for node in 0..12 {
                prop_assert!(!ancestors(&edges, node).contains(&node));
            }
        }
    }
}
