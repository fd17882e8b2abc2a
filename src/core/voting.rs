//! How a committee decides: quorum, majorities, elections and weighted council votes.
//!
//! Everything here works on weights so that one rule serves both plain votes (every ballot
//! weighs 1) and weighted council votes (a delegate's ballot weighs the workers of the
//! committee they represent, shared among that committee's delegates). Weights are counted
//! in whole units: a plain ballot is [`UNIT`], so shares of workers stay exact integers and
//! no rounding can tip a close vote.

use std::collections::BTreeMap;

use super::fields::{Invalid, Problem};
use super::ids::Id;

/// The weight of one ballot in a plain vote. Weighted votes multiply workers by it, so a
/// committee's workers shared among up to this many delegates divide without remainder
/// in practice (and any remainder is dropped evenly for every delegate).
pub const UNIT: i64 = 720_720;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Majority {
    /// More yes than no; abstentions count for quorum only.
    Simple,
    /// At least two thirds of yes and no together are yes.
    TwoThirds,
}

impl Majority {
    pub const NAMES: &'static [&'static str] = &["simple", "two_thirds"];

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        match value {
            "simple" => Ok(Majority::Simple),
            "two_thirds" => Ok(Majority::TwoThirds),
            _ => Err(Invalid::new(
                "majority",
                Problem::Choice {
                    allowed: Self::NAMES,
                },
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Majority::Simple => "simple",
            Majority::TwoThirds => "two_thirds",
        }
    }
}

/// The share of eligible voters (or represented workers) who must take part, as a fraction
/// in thousandths so that it compares exactly: 500 is one half.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum(u16);

impl Quorum {
    pub const HALF: Quorum = Quorum(500);

    /// From a share between 0 and 1, as people write it (`0.5`, `0.66`).
    pub fn from_share(share: f64) -> Result<Self, Invalid> {
        if !(0.0..=1.0).contains(&share) || share.is_nan() {
            return Err(Invalid::new("quorum", Problem::Range { min: 0, max: 1 }));
        }
        Ok(Quorum((share * 1000.0).round() as u16))
    }

    pub fn from_thousandths(n: i64) -> Self {
        Quorum(n.clamp(0, 1000) as u16)
    }

    pub fn thousandths(self) -> i64 {
        i64::from(self.0)
    }

    pub fn share(self) -> f64 {
        f64::from(self.0) / 1000.0
    }

    /// Is `turnout` out of `eligible` enough? With nobody eligible, nothing can pass.
    pub fn met(self, turnout: i64, eligible: i64) -> bool {
        if eligible <= 0 {
            return false;
        }
        // turnout / eligible >= q / 1000, without division.
        i128::from(turnout) * 1000 >= i128::from(eligible) * i128::from(self.0)
    }
}

/// The choices on a yes/no motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Choice {
    Yes,
    No,
    Abstain,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Yes, Choice::No, Choice::Abstain];
    pub const NAMES: &'static [&'static str] = &["yes", "no", "abstain"];

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        match value {
            "yes" => Ok(Choice::Yes),
            "no" => Ok(Choice::No),
            "abstain" => Ok(Choice::Abstain),
            _ => Err(Invalid::new(
                "choice",
                Problem::Choice {
                    allowed: Self::NAMES,
                },
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::No => "no",
            Choice::Abstain => "abstain",
        }
    }
}

/// Weighted counts of a yes/no motion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
}

impl Tally {
    pub fn add(&mut self, choice: Choice, weight: i64) {
        match choice {
            Choice::Yes => self.yes += weight,
            Choice::No => self.no += weight,
            Choice::Abstain => self.abstain += weight,
        }
    }

    pub fn turnout(&self) -> i64 {
        self.yes + self.no + self.abstain
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Carried,
    Failed,
    NoQuorum,
}

impl Outcome {
    pub const NAMES: &'static [&'static str] = &["carried", "failed", "no_quorum"];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Carried => "carried",
            Outcome::Failed => "failed",
            Outcome::NoQuorum => "no_quorum",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "carried" => Some(Outcome::Carried),
            "failed" => Some(Outcome::Failed),
            "no_quorum" => Some(Outcome::NoQuorum),
            _ => None,
        }
    }
}

/// Decides a yes/no motion. `eligible` is the total weight that could have voted.
pub fn decide(tally: Tally, eligible: i64, quorum: Quorum, majority: Majority) -> Outcome {
    if !quorum.met(tally.turnout(), eligible) {
        return Outcome::NoQuorum;
    }
    let (yes, no) = (i128::from(tally.yes), i128::from(tally.no));
    let carried = match majority {
        Majority::Simple => yes > no,
        // A motion nobody voted yes or no on does not carry.
        Majority::TwoThirds => yes > 0 && yes * 3 >= (yes + no) * 2,
    };
    if carried {
        Outcome::Carried
    } else {
        Outcome::Failed
    }
}

/// The result of an election for `seats` seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    /// The elected, most votes first.
    pub elected: Vec<Id>,
    /// Candidates tied for the last seat(s) that could not all be filled: those seats stay
    /// empty, and the result says so, rather than being decided by chance.
    pub tied: Vec<Id>,
    /// Seats left empty (by a tie, or for lack of candidates with votes).
    pub unfilled: usize,
}

/// Elects the most-voted candidates. A candidate needs at least one vote. When candidates
/// tie across the boundary of the last seat, none of the tied take it.
pub fn elect(seats: usize, votes: &BTreeMap<Id, i64>) -> Election {
    let mut ranked: Vec<(Id, i64)> = votes
        .iter()
        .filter(|(_, v)| **v > 0)
        .map(|(c, v)| (*c, *v))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut elected = Vec::new();
    let mut tied = Vec::new();
    let mut i = 0;
    while i < ranked.len() && elected.len() < seats {
        let score = ranked[i].1;
        let group: Vec<Id> = ranked[i..]
            .iter()
            .take_while(|(_, v)| *v == score)
            .map(|(c, _)| *c)
            .collect();
        if elected.len() + group.len() <= seats {
            elected.extend(&group);
        } else {
            tied = group.clone();
            break;
        }
        i += group.len();
    }
    Election {
        unfilled: seats - elected.len(),
        elected,
        tied,
    }
}

/// Checks an election ballot: distinct candidates of this election, at most `seats` of them.
pub fn check_election_ballot(picks: &[Id], candidates: &[Id], seats: usize) -> Result<(), Invalid> {
    if picks.len() > seats {
        return Err(Invalid::new("choice", Problem::TooLong { max: seats }));
    }
    let mut seen = std::collections::BTreeSet::new();
    for pick in picks {
        if !candidates.contains(pick) || !seen.insert(*pick) {
            return Err(Invalid::new("choice", Problem::Format));
        }
    }
    Ok(())
}

/// The weight of one delegate's ballot in a weighted council vote: the workers of the
/// committee they represent, shared equally among that committee's delegates.
pub fn delegate_weight(workers: i64, delegates_of_committee: i64) -> i64 {
    if delegates_of_committee <= 0 || workers <= 0 {
        return 0;
    }
    workers.saturating_mul(UNIT) / delegates_of_committee
}

/// The total weight a weighted vote can reach: every represented committee's workers,
/// counted once however many delegates it has.
pub fn represented_total(committees: &[(i64, i64)]) -> i64 {
    committees
        .iter()
        .map(|(workers, delegates)| delegate_weight(*workers, *delegates) * delegates)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tally(yes: i64, no: i64, abstain: i64) -> Tally {
        Tally { yes, no, abstain }
    }

    #[test]
    fn choices_are_named_as_they_parse() {
        let names: Vec<_> = Choice::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names, Choice::NAMES);
        for name in Choice::NAMES {
            assert_eq!(Choice::parse(name).map(Choice::as_str), Ok(*name));
        }
    }

    #[test]
    fn quorum_is_a_share_of_the_eligible() {
        assert!(Quorum::HALF.met(5, 10));
        assert!(!Quorum::HALF.met(4, 10));
        assert!(Quorum::HALF.met(3, 5) && !Quorum::HALF.met(2, 5));
        assert!(!Quorum::HALF.met(0, 0), "nobody eligible, no quorum");
        assert!(
            Quorum::from_share(0.0)
                .map(|q| q.met(0, 10))
                .unwrap_or(false)
        );
        assert!(Quorum::from_share(1.5).is_err());
        assert!(Quorum::from_share(f64::NAN).is_err());
        assert_eq!(Quorum::from_share(0.667).map(Quorum::thousandths), Ok(667));
    }

    #[test]
    fn majorities() {
        let half = Quorum::HALF;
        assert_eq!(
            decide(tally(6, 4, 0), 10, half, Majority::Simple),
            Outcome::Carried
        );
        assert_eq!(
            decide(tally(5, 5, 0), 10, half, Majority::Simple),
            Outcome::Failed,
            "a tie fails"
        );
        assert_eq!(
            decide(tally(2, 1, 7), 10, half, Majority::Simple),
            Outcome::Carried,
            "abstentions count for quorum only"
        );
        assert_eq!(
            decide(tally(2, 1, 1), 10, half, Majority::Simple),
            Outcome::NoQuorum
        );
        assert_eq!(
            decide(tally(6, 3, 0), 10, half, Majority::TwoThirds),
            Outcome::Carried,
            "exactly two thirds"
        );
        assert_eq!(
            decide(tally(6, 4, 0), 10, half, Majority::TwoThirds),
            Outcome::Failed
        );
        assert_eq!(
            decide(tally(0, 0, 10), 10, half, Majority::TwoThirds),
            Outcome::Failed
        );
        assert_eq!(
            decide(tally(0, 0, 10), 10, half, Majority::Simple),
            Outcome::Failed
        );
    }

    fn ids(n: usize) -> Vec<Id> {
        (1..=n as i64).map(Id::from_db).collect()
    }

    #[test]
    fn elections_fill_seats_by_votes_and_leave_ties_empty() {
        let c = ids(5);
        let votes: BTreeMap<Id, i64> =
            [(c[0], 10), (c[1], 8), (c[2], 8), (c[3], 3), (c[4], 0)].into();
        let two = elect(2, &votes);
        assert_eq!(two.elected, vec![c[0]]);
        assert_eq!(two.tied, vec![c[1], c[2]]);
        assert_eq!(two.unfilled, 1);
        let three = elect(3, &votes);
        assert_eq!(three.elected, vec![c[0], c[1], c[2]]);
        assert!(three.tied.is_empty());
        let five = elect(5, &votes);
        assert_eq!(
            five.elected.len(),
            4,
            "no seat for a candidate without votes"
        );
        assert_eq!(five.unfilled, 1);
        assert_eq!(elect(1, &BTreeMap::new()).unfilled, 1);
    }

    #[test]
    fn election_ballots_are_checked() {
        let c = ids(3);
        assert!(check_election_ballot(&[c[0], c[1]], &c, 2).is_ok());
        assert!(check_election_ballot(&[], &c, 2).is_ok(), "a blank ballot");
        assert!(check_election_ballot(&[c[0], c[1], c[2]], &c, 2).is_err());
        assert!(check_election_ballot(&[c[0], c[0]], &c, 2).is_err());
        assert!(check_election_ballot(&[Id::from_db(99)], &c, 2).is_err());
    }

    #[test]
    fn a_big_hospital_outweighs_a_small_depot() {
        // 400 hospital workers with two delegates, 12 depot workers with one.
        let hospital = delegate_weight(400, 2);
        let depot = delegate_weight(12, 1);
        let total = represented_total(&[(400, 2), (12, 1)]);
        assert_eq!(total, 412 * UNIT);
        let mut t = Tally::default();
        t.add(Choice::No, depot);
        assert_eq!(
            decide(t, total, Quorum::HALF, Majority::Simple),
            Outcome::NoQuorum,
            "12 of 412 is under half"
        );
        t.add(Choice::Yes, hospital);
        assert_eq!(
            decide(t, total, Quorum::HALF, Majority::Simple),
            Outcome::Carried,
            "200 outweigh 12"
        );
        let mut reversed = Tally::default();
        reversed.add(Choice::No, hospital);
        reversed.add(Choice::Yes, depot);
        assert_eq!(
            decide(reversed, total, Quorum::HALF, Majority::Simple),
            Outcome::Failed
        );
    }

    proptest! {
        #[test]
        fn quorum_agrees_with_the_fraction(turnout in 0i64..10_000, eligible in 0i64..10_000, q in 0i64..=1000) {
            let quorum = Quorum::from_thousandths(q);
            let exact = eligible > 0 && (turnout as f64) * 1000.0 >= (eligible as f64) * (q as f64);
            prop_assert_eq!(quorum.met(turnout, eligible), exact);
        }

        #[test]
        fn the_outcome_follows_the_rules(yes in 0i64..1000, no in 0i64..1000, abstain in 0i64..1000, extra in 0i64..1000, q in 0i64..=1000, two_thirds: bool) {
            let t = tally(yes, no, abstain);
            let eligible = t.turnout() + extra;
            let majority = if two_thirds { Majority::TwoThirds } else { Majority::Simple };
            let outcome = decide(t, eligible, Quorum::from_thousandths(q), majority);
            let quorate = eligible > 0 && t.turnout() * 1000 >= eligible * q;
            let wins = match majority {
                Majority::Simple => yes > no,
                Majority::TwoThirds => yes > 0 && 3 * yes >= 2 * (yes + no),
            };
            let expected = if !quorate { Outcome::NoQuorum } else if wins { Outcome::Carried } else { Outcome::Failed };
            prop_assert_eq!(outcome, expected);
            // More yes never turns a carried motion into a failed one.
            if outcome == Outcome::Carried {
                let more = tally(yes + 1, no, abstain);
                prop_assert_eq!(decide(more, eligible + 1, Quorum::from_thousandths(0), majority), Outcome::Carried);
            }
        }

        #[test]
        fn elections_never_overfill_and_respect_the_order(seats in 1usize..8, votes in prop::collection::vec(0i64..6, 0..15)) {
            let candidates = ids(votes.len());
            let map: BTreeMap<Id, i64> = candidates.iter().copied().zip(votes.iter().copied()).collect();
            let result = elect(seats, &map);
            prop_assert!(result.elected.len() <= seats);
            prop_assert_eq!(result.elected.len() + result.unfilled, seats);
            let lowest_elected = result.elected.iter().map(|c| map[c]).min();
            for (candidate, v) in &map {
                if result.elected.contains(candidate) {
                    prop_assert!(*v > 0);
                } else if let Some(low) = lowest_elected {
                    // Everyone left out has fewer votes than everyone elected: a tie is
                    // never split between elected and not.
                    prop_assert!(*v < low);
                }
            }
            for t in &result.tied {
                prop_assert!(!result.elected.contains(t));
            }
            if !result.tied.is_empty() {
                prop_assert!(result.unfilled > 0);
            }
        }

        #[test]
        fn weighted_votes_count_workers_however_delegations_are_split(
            committees in prop::collection::vec((0i64..5_000, 1i64..=16, 0usize..4), 1..12),
            q in 0i64..=1000,
            two_thirds: bool,
        ) {
            // Each committee's delegates vote alike (choice 3: they stay away). The weighted
            // vote must come out as if the workers themselves had voted: the same sums in
            // units, the same quorum and the same outcome, whatever the delegation sizes.
            let majority = if two_thirds { Majority::TwoThirds } else { Majority::Simple };
            let mut weighted = Tally::default();
            let mut workers_vote = Tally::default();
            for (workers, delegates, choice) in &committees {
                let Some(choice) = Choice::ALL.get(*choice).copied() else { continue };
                for _ in 0..*delegates {
                    weighted.add(choice, delegate_weight(*workers, *delegates));
                }
                workers_vote.add(choice, *workers);
            }
            let shape: Vec<(i64, i64)> = committees.iter().map(|(w, d, _)| (*w, *d)).collect();
            let total = represented_total(&shape);
            let workers: i64 = committees.iter().map(|(w, _, _)| w).sum();
            prop_assert_eq!(total, workers * UNIT);
            prop_assert_eq!(weighted.yes, workers_vote.yes * UNIT);
            prop_assert_eq!(weighted.no, workers_vote.no * UNIT);
            prop_assert_eq!(weighted.abstain, workers_vote.abstain * UNIT);
            let quorum = Quorum::from_thousandths(q);
            prop_assert_eq!(
                decide(weighted, total, quorum, majority),
                decide(workers_vote, workers, quorum, majority)
            );
        }

        #[test]
        fn a_split_delegation_never_counts_more_than_its_workers(
            workers in 0i64..100_000,
            choices in prop::collection::vec(0usize..4, 1..=16),
        ) {
            let delegates = choices.len() as i64;
            let mut t = Tally::default();
            for choice in &choices {
                if let Some(choice) = Choice::ALL.get(*choice).copied() {
                    t.add(choice, delegate_weight(workers, delegates));
                }
            }
            prop_assert!(t.turnout() <= represented_total(&[(workers, delegates)]));
        }

        #[test]
        fn weights_share_a_committee_exactly(workers in 0i64..100_000, delegates in 1i64..=16) {
            let each = delegate_weight(workers, delegates);
            prop_assert!(each * delegates <= workers * UNIT);
            prop_assert!(workers * UNIT - each * delegates < delegates, "what is dropped is under one unit per delegate");
        }
    }
}
