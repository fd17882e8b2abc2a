//! Who has pledged to one action, kept in memory so that reading an action does not ask the
//! database whether the reader is among its pledgers.
//!
//! At general-strike scale an action holds a million pledges, and every member reloading its
//! page asks "have I pledged?". Loading the set takes a second or two, too long to hold the
//! writer (pledges would wait behind it) and too long to make readers wait. So the set is
//! loaded beside the writer: from the moment loading starts, the writer records every batch
//! it commits; when the rows are in, the recorded batches are applied on top, in order. Each
//! record is an account's last word in its batch (pledged or not), so applying one that the
//! loaded rows already hold changes nothing, and one they miss is added: whichever side of
//! the load's snapshot a batch fell on, the set ends up as the database. Until then readers
//! ask the database as before.

use std::collections::HashSet;

use crate::core::Id;

#[derive(Debug, Default)]
pub enum Pledgers {
    /// Nobody has asked yet; readers ask the database.
    #[default]
    Unknown,
    /// Rows are being read; the writer's batches committed meanwhile wait here, in order.
    Loading(Vec<(Id, bool)>),
    Known(HashSet<Id>),
}

impl Pledgers {
    /// Whether `account` has pledged, if the set is known.
    pub fn has(&self, account: Id) -> Option<bool> {
        match self {
            Pledgers::Known(set) => Some(set.contains(&account)),
            _ => None,
        }
    }

    /// Starts loading; false if it is already loading or loaded.
    pub fn start_loading(&mut self) -> bool {
        if matches!(self, Pledgers::Unknown) {
            *self = Pledgers::Loading(Vec::new());
            true
        } else {
            false
        }
    }

    /// The writer's committed last words: `(account, pledged)`.
    pub fn apply(&mut self, last_words: impl IntoIterator<Item = (Id, bool)>) {
        match self {
            Pledgers::Unknown => {}
            Pledgers::Loading(pending) => pending.extend(last_words),
            Pledgers::Known(set) => apply_to(set, last_words),
        }
    }

    /// The rows read by the load, once read: the batches committed meanwhile go on top.
    pub fn finish_loading(&mut self, mut loaded: HashSet<Id>) {
        if let Pledgers::Loading(pending) = std::mem::take(self) {
            apply_to(&mut loaded, pending);
            *self = Pledgers::Known(loaded);
        }
    }

    /// A load that failed: the next reader tries again.
    pub fn abandon_loading(&mut self) {
        if matches!(self, Pledgers::Loading(_)) {
            *self = Pledgers::Unknown;
        }
    }
}

fn apply_to(set: &mut HashSet<Id>, last_words: impl IntoIterator<Item = (Id, bool)>) {
    for (account, pledged) in last_words {
        if pledged {
            set.insert(account);
        } else {
            set.remove(&account);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: i64) -> Id {
        Id::from_db(n)
    }

    #[test]
    fn unknown_until_loaded_and_exact_after() {
        let mut p = Pledgers::default();
        assert_eq!(p.has(id(1)), None);
        p.apply([(id(1), true)]);
        assert!(p.start_loading());
        assert!(!p.start_loading(), "one load at a time");
        assert_eq!(p.has(id(1)), None, "still loading");
        p.apply([(id(2), true), (id(1), false)]);
        p.finish_loading(HashSet::from([id(1), id(3)]));
        assert_eq!(p.has(id(1)), Some(false), "withdrawn while loading");
        assert_eq!(p.has(id(2)), Some(true), "pledged while loading");
        assert_eq!(p.has(id(3)), Some(true));
        p.apply([(id(3), false), (id(4), true)]);
        assert_eq!(p.has(id(3)), Some(false));
        assert_eq!(p.has(id(4)), Some(true));
        assert!(!p.start_loading(), "known sets are kept");
    }

    #[test]
    fn a_failed_load_is_tried_again() {
        let mut p = Pledgers::default();
        assert!(p.start_loading());
        p.abandon_loading();
        assert_eq!(p.has(id(1)), None);
        assert!(p.start_loading());
    }

    proptest! {
        /// Batches of last words are committed one after another; the load's snapshot falls
        /// after any of them, and loading starts anywhere before it. The set ends up as the
        /// database whatever the interleaving.
        #[test]
        fn loading_beside_the_writer_ends_as_the_database(
            batches in prop::collection::vec(
                prop::collection::btree_map(0i64..20, any::<bool>(), 0..6), 0..12),
            start in 0usize..13,
            snapshot_after in 0usize..13,
        ) {
            let start = start.min(batches.len());
            let snapshot = snapshot_after.clamp(start, batches.len());
            let mut database: HashSet<Id> = HashSet::new();
            let mut p = Pledgers::default();
            let mut loaded = None;
            for (i, batch) in batches.iter().enumerate() {
                if i == start {
                    p.start_loading();
                }
                if i == snapshot {
                    loaded = Some(database.clone());
                }
                let words: Vec<(Id, bool)> = batch.iter().map(|(a, w)| (id(*a), *w)).collect();
                apply_to(&mut database, words.clone());
                p.apply(words);
            }
            if start == batches.len() {
                p.start_loading();
            }
            let loaded = loaded.unwrap_or_else(|| database.clone());
            p.finish_loading(loaded);
            for account in 0..20 {
                prop_assert_eq!(p.has(id(account)), Some(database.contains(&id(account))));
            }
        }
    }
}
