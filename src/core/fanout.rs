//! Fan-outs write the inbox rows of a large audience a chunk of committees at a time, and
//! must pick up where they left off after a restart. The audience is recomputed from the
//! network at each step, and the network may change between steps, so the place to resume
//! is the last committee done (by id), never a position in the list.

use crate::core::Id;

/// The next chunk of `sorted` (committee ids in ascending order) after the committee `after`
/// (0 before the first), the cursor to store once it is done, and whether it is the last.
pub fn next_chunk(sorted: &[Id], after: i64, size: usize) -> (&[Id], i64, bool) {
    let from = sorted.partition_point(|c| c.get() <= after);
    let to = from.saturating_add(size.max(1)).min(sorted.len());
    let chunk = &sorted[from..to];
    let cursor = chunk.last().map_or(after, |c| c.get());
    (chunk, cursor, to == sorted.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(v: &[i64]) -> Vec<Id> {
        v.iter().map(|i| Id::from_db(*i)).collect()
    }

    #[test]
    fn a_committee_joining_between_steps_is_not_skipped() {
        let before = ids(&[10, 20, 30, 40]);
        let (chunk, cursor, done) = next_chunk(&before, 0, 2);
        assert_eq!((chunk, cursor, done), (&before[..2], 20, false));
        // 5 joins (before the cursor: it was not in the audience yet, and is not reached
        // now either) and 25 joins (after it: reached in the next step).
        let after = ids(&[5, 10, 20, 25, 30, 40]);
        let (chunk, cursor, done) = next_chunk(&after, cursor, 2);
        assert_eq!((chunk, cursor, done), (&after[3..5], 30, false));
        let (chunk, cursor, done) = next_chunk(&after, cursor, 2);
        assert_eq!((chunk, cursor, done), (&after[5..], 40, true));
    }

    proptest! {
        /// Walking an unchanged audience visits every committee once, in order.
        #[test]
        fn every_committee_once(v in proptest::collection::btree_set(1i64..1_000_000, 0..200), size in 1usize..50) {
            let sorted: Vec<Id> = v.iter().map(|i| Id::from_db(*i)).collect();
            let mut seen = Vec::new();
            let mut cursor = 0;
            loop {
                let (chunk, next, done) = next_chunk(&sorted, cursor, size);
                seen.extend_from_slice(chunk);
                cursor = next;
                if done { break; }
            }
            prop_assert_eq!(seen, sorted);
        }
    }
}
