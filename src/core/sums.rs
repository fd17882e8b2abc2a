//! The sums of a secret ballot: for each option the motion offers, how many ballots chose
//! it and their weight. They are kept sealed, one value per motion (see ARCHITECTURE.md,
//! "Secret ballots on disk"); this is the value before sealing and after opening.
//!
//! The encoding has one length for a given set of options, whatever the sums are: a sealed
//! value that grew with its numbers would tell, by its length, when an option reached ten
//! or a hundred ballots.

use std::collections::BTreeMap;

/// Ballots and their weight, per option, in the order of the options' names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretSums {
    options: BTreeMap<String, Sum>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sum {
    pub ballots: i64,
    pub weight: i64,
}

/// An option's name is at most this long (candidate ids are 16 characters, "abstain" 7).
const MAX_NAME: usize = 64;

impl SecretSums {
    /// Adds one ballot of `weight` to each `chosen` option. Every `offered` option gets a
    /// sum (of nothing, until chosen), so the set of options, and the encoding's length,
    /// is settled by the first ballot; options offered once keep their sums after a
    /// candidate withdraws.
    pub fn add(&mut self, offered: &[String], chosen: &[String], weight: i64) {
        for option in offered.iter().chain(chosen) {
            self.options.entry(option.clone()).or_default();
        }
        for option in chosen {
            if let Some(sum) = self.options.get_mut(option) {
                sum.ballots = sum.ballots.saturating_add(1);
                sum.weight = sum.weight.saturating_add(weight);
            }
        }
    }

    /// Adds sums read from elsewhere (the plain rows of an older version of the program).
    pub fn absorb(&mut self, option: &str, sum: Sum) {
        let entry = self.options.entry(option.to_owned()).or_default();
        entry.ballots = entry.ballots.saturating_add(sum.ballots);
        entry.weight = entry.weight.saturating_add(sum.weight);
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, Sum)> {
        self.options.iter().map(|(o, s)| (o.as_str(), *s))
    }

    /// Every ballot counted, and their weight (an election ballot counts once per mark).
    pub fn marks(&self) -> Sum {
        self.options.values().fold(Sum::default(), |all, s| Sum {
            ballots: all.ballots.saturating_add(s.ballots),
            weight: all.weight.saturating_add(s.weight),
        })
    }

    /// `[name length: 1 byte][name][ballots: 8 bytes][weight: 8 bytes]` per option, in name
    /// order. Names longer than [`MAX_NAME`] are cut (none are).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.options.len() * 24);
        for (name, sum) in &self.options {
            let name = &name.as_bytes()[..name.len().min(MAX_NAME)];
            out.push(name.len() as u8);
            out.extend_from_slice(name);
            out.extend_from_slice(&sum.ballots.to_be_bytes());
            out.extend_from_slice(&sum.weight.to_be_bytes());
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Option<SecretSums> {
        let mut options = BTreeMap::new();
        let mut rest = bytes;
        while let Some((&len, after)) = rest.split_first() {
            let len = usize::from(len);
            if len > MAX_NAME || after.len() < len + 16 {
                return None;
            }
            let name = std::str::from_utf8(&after[..len]).ok()?.to_owned();
            let number = |at: usize| -> Option<i64> {
                Some(i64::from_be_bytes(after.get(at..at + 8)?.try_into().ok()?))
            };
            let sum = Sum {
                ballots: number(len)?,
                weight: number(len + 8)?,
            };
            options.insert(name, sum);
            rest = &after[len + 16..];
        }
        Some(SecretSums { options })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn ballots_add_up_per_option() {
        let offered = names(&["yes", "no", "abstain"]);
        let mut sums = SecretSums::default();
        sums.add(&offered, &names(&["yes"]), 3);
        sums.add(&offered, &names(&["no"]), 1);
        sums.add(&offered, &names(&["yes"]), 2);
        let got: Vec<(&str, Sum)> = sums.iter().collect();
        assert_eq!(
            got,
            vec![
                ("abstain", Sum::default()),
                (
                    "no",
                    Sum {
                        ballots: 1,
                        weight: 1
                    }
                ),
                (
                    "yes",
                    Sum {
                        ballots: 2,
                        weight: 5
                    }
                ),
            ]
        );
        assert_eq!(
            sums.marks(),
            Sum {
                ballots: 3,
                weight: 6
            }
        );
    }

    #[test]
    fn a_withdrawn_option_keeps_its_sum() {
        let mut sums = SecretSums::default();
        sums.add(&names(&["a", "b", "blank"]), &names(&["a"]), 1);
        sums.add(&names(&["b", "blank"]), &names(&["b"]), 1);
        assert_eq!(sums.iter().count(), 3);
        assert_eq!(sums.marks().ballots, 2);
    }

    #[test]
    fn malformed_bytes_do_not_decode() {
        assert_eq!(SecretSums::decode(&[]), Some(SecretSums::default()));
        assert!(SecretSums::decode(&[3, b'y', b'e']).is_none());
        assert!(SecretSums::decode(&[200]).is_none());
        let mut bytes = SecretSums::default().encode();
        bytes.extend_from_slice(&[2, 0xff, 0xfe]);
        bytes.extend_from_slice(&[0; 16]);
        assert!(SecretSums::decode(&bytes).is_none(), "names are UTF-8");
    }

    proptest! {
        #[test]
        fn the_encoding_round_trips_and_its_length_depends_on_the_options_alone(
            options in proptest::collection::btree_set("[a-z0-9]{1,16}", 1..8),
            ballots in proptest::collection::vec((0usize..8, 0i64..1_000_000_000), 0..40),
        ) {
            let offered: Vec<String> = options.into_iter().collect();
            let empty = {
                let mut s = SecretSums::default();
                s.add(&offered, &[], 0);
                s
            };
            let mut sums = empty.clone();
            for (pick, weight) in ballots {
                let chosen = vec![offered[pick % offered.len()].clone()];
                sums.add(&offered, &chosen, weight);
            }
            let bytes = sums.encode();
            prop_assert_eq!(bytes.len(), empty.encode().len());
            prop_assert_eq!(SecretSums::decode(&bytes), Some(sums));
        }
    }
}
