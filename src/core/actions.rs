//! Mass action: an action goes ahead only when enough workers commit. People pledge "I'm in
//! if enough of us are"; the threshold says what "enough" is; the write that meets it
//! activates the action.

use super::Rule;
use super::fields::{Invalid, Problem, choice};
use super::time::Timestamp;

choice!(ActionKind, "kind" {
    Strike = "strike",
    Walkout = "walkout",
    SickOut = "sick_out",
    Rally = "rally",
    Boycott = "boycott",
    March = "march",
});

choice!(ActionStatus, "status" {
    Gathering = "gathering",
    Activated = "activated",
    Cancelled = "cancelled",
    Expired = "expired",
});

/// What "enough of us" means. Every part that is set must be met; at least one is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Threshold {
    /// At least this many pledges.
    pub pledges: Option<i64>,
    /// At least this share of the eligible members, in thousandths (`500` is half).
    pub share: Option<i64>,
    /// Pledges from at least this many committees ("in at least 20 workplaces").
    pub committees: Option<i64>,
}

/// The counts an action's threshold is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub pledged: i64,
    pub eligible: i64,
    /// Committees with at least one pledge.
    pub committees: i64,
}

/// One part of a threshold, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub part: Part,
    pub target: i64,
    pub current: i64,
    pub met: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Pledges,
    /// Target and current in thousandths of the eligible.
    Share,
    Committees,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Pledges => "pledges",
            Part::Share => "share",
            Part::Committees => "committees",
        }
    }
}

pub const MAX_PLEDGES: i64 = 100_000_000;

impl Threshold {
    /// From the parts people set; `share` is a fraction between 0 and 1.
    pub fn parse(
        pledges: Option<i64>,
        share: Option<f64>,
        committees: Option<i64>,
    ) -> Result<Self, Invalid> {
        if pledges.is_none() && share.is_none() && committees.is_none() {
            return Err(Invalid::new("threshold", Problem::Empty));
        }
        let pledges = pledges
            .map(|n| super::fields::in_range("threshold.pledges", n, 1, MAX_PLEDGES))
            .transpose()?;
        let committees = committees
            .map(|n| super::fields::in_range("threshold.committees", n, 1, 1_000_000))
            .transpose()?;
        let share = match share {
            Some(s) if s.is_finite() && s > 0.0 && s <= 1.0 => {
                Some((s * 1000.0).round().max(1.0) as i64)
            }
            Some(_) => {
                return Err(Invalid::new(
                    "threshold.share",
                    Problem::Range { min: 0, max: 1 },
                ));
            }
            None => None,
        };
        Ok(Threshold {
            pledges,
            share,
            committees,
        })
    }

    pub fn progress(&self, counts: Counts) -> Vec<Progress> {
        let mut parts = Vec::new();
        if let Some(target) = self.pledges {
            parts.push(Progress {
                part: Part::Pledges,
                target,
                current: counts.pledged,
                met: counts.pledged >= target,
            });
        }
        if let Some(target) = self.share {
            let current = if counts.eligible > 0 {
                (i128::from(counts.pledged) * 1000 / i128::from(counts.eligible)) as i64
            } else {
                0
            };
            parts.push(Progress {
                part: Part::Share,
                target,
                current,
                // Exact: pledged / eligible >= target / 1000.
                met: counts.eligible > 0
                    && i128::from(counts.pledged) * 1000
                        >= i128::from(target) * i128::from(counts.eligible),
            });
        }
        if let Some(target) = self.committees {
            parts.push(Progress {
                part: Part::Committees,
                target,
                current: counts.committees,
                met: counts.committees >= target,
            });
        }
        parts
    }

    /// Is every part met?
    pub fn met(&self, counts: Counts) -> bool {
        let parts = self.progress(counts);
        !parts.is_empty() && parts.iter().all(|p| p.met)
    }
}

/// May a member pledge now? Pledging stays open after activation: more can still join.
pub fn check_pledge(status: ActionStatus) -> Result<(), Rule> {
    match status {
        ActionStatus::Gathering | ActionStatus::Activated => Ok(()),
        ActionStatus::Cancelled | ActionStatus::Expired => Err(Rule::ActionClosed),
    }
}

/// May a member withdraw? Only while gathering: once the action is on, pledges are final.
pub fn check_withdraw(status: ActionStatus) -> Result<(), Rule> {
    match status {
        ActionStatus::Gathering => Ok(()),
        ActionStatus::Activated => Err(Rule::PledgesFinal),
        ActionStatus::Cancelled | ActionStatus::Expired => Err(Rule::ActionClosed),
    }
}

pub fn check_cancel(status: ActionStatus) -> Result<(), Rule> {
    match status {
        ActionStatus::Gathering => Ok(()),
        _ => Err(Rule::ActionClosed),
    }
}

/// An action still gathering when its start comes has not reached its threshold.
pub fn expires(status: ActionStatus, starts_at: Timestamp, now: Timestamp) -> bool {
    status == ActionStatus::Gathering && now >= starts_at
}

/// The fewest pledges a group (an industry, a region) must count to be named on a public
/// counter. A group of one to four pledges points at the few people in it: the one nurse in
/// a region who pledged is, to an employer reading the counter, nearly a name.
pub const PUBLIC_GROUP_MIN: i64 = 5;

/// A breakdown as the public may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicBreakdown<T> {
    /// The groups of at least [`PUBLIC_GROUP_MIN`] pledges, in the order given.
    pub shown: Vec<(T, i64)>,
    /// The pledges of every smaller group together, unnamed. (They are the total less the
    /// groups shown, which anyone can work out; only their groups stay unknown.)
    pub other: i64,
}

/// What a public counter shows of pledges by group, when the action's caller chose to
/// publish breakdowns at all: groups without pledges are left out, small ones folded into
/// one unnamed sum.
pub fn public_breakdown<T>(groups: impl IntoIterator<Item = (T, i64)>) -> PublicBreakdown<T> {
    let mut shown = Vec::new();
    let mut other = 0;
    for (group, pledged) in groups {
        if pledged >= PUBLIC_GROUP_MIN {
            shown.push((group, pledged));
        } else if pledged > 0 {
            other += pledged;
        }
    }
    PublicBreakdown { shown, other }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn public_counters_name_no_group_under_five() {
        let folded = public_breakdown([
            ("health", 120),
            ("logistics", 4),
            ("schools", 0),
            ("office", 5),
            ("retail", 1),
        ]);
        assert_eq!(folded.shown, vec![("health", 120), ("office", 5)]);
        assert_eq!(folded.other, 5, "four and one, unnamed");
        let empty = public_breakdown::<&str>([]);
        assert_eq!(
            empty,
            PublicBreakdown {
                shown: vec![],
                other: 0
            }
        );
        assert_eq!(public_breakdown([("a", 3)]).shown, vec![]);
    }

    fn counts(pledged: i64, eligible: i64, committees: i64) -> Counts {
        Counts {
            pledged,
            eligible,
            committees,
        }
    }

    #[test]
    fn thresholds_need_every_part() {
        // "5,000 workers in at least 20 workplaces"
        let t = Threshold::parse(Some(5000), None, Some(20)).expect("valid");
        assert!(!t.met(counts(5000, 9000, 19)));
        assert!(!t.met(counts(4999, 9000, 25)));
        assert!(t.met(counts(5000, 9000, 20)));
        let half = Threshold::parse(None, Some(0.5), None).expect("valid");
        assert!(half.met(counts(5, 10, 1)));
        assert!(!half.met(counts(4, 9, 1)));
        assert!(!half.met(counts(0, 0, 0)), "nobody eligible, nothing met");
        assert!(Threshold::parse(None, None, None).is_err());
        assert!(Threshold::parse(Some(0), None, None).is_err());
        assert!(Threshold::parse(None, Some(1.5), None).is_err());
        assert!(Threshold::parse(None, Some(f64::NAN), None).is_err());
        assert!(Threshold::parse(None, Some(0.0), None).is_err());
    }

    #[test]
    fn the_life_of_an_action() {
        use ActionStatus::*;
        assert_eq!(check_pledge(Gathering), Ok(()));
        assert_eq!(check_pledge(Activated), Ok(()));
        assert_eq!(check_pledge(Cancelled), Err(Rule::ActionClosed));
        assert_eq!(check_withdraw(Gathering), Ok(()));
        assert_eq!(check_withdraw(Activated), Err(Rule::PledgesFinal));
        assert_eq!(check_withdraw(Expired), Err(Rule::ActionClosed));
        assert_eq!(check_cancel(Activated), Err(Rule::ActionClosed));
        let start = Timestamp::from_millis(1_000);
        assert!(expires(Gathering, start, Timestamp::from_millis(1_000)));
        assert!(!expires(Gathering, start, Timestamp::from_millis(999)));
        assert!(!expires(Activated, start, Timestamp::from_millis(5_000)));
    }

    proptest! {
        #[test]
        fn a_public_breakdown_names_only_big_groups_and_adds_up(
            groups in prop::collection::vec(0i64..40, 0..30),
        ) {
            let folded = public_breakdown(groups.iter().copied().enumerate());
            prop_assert!(folded.shown.iter().all(|(_, n)| *n >= PUBLIC_GROUP_MIN));
            let named: i64 = folded.shown.iter().map(|(_, n)| n).sum();
            prop_assert_eq!(named + folded.other, groups.iter().sum::<i64>());
            let big = groups.iter().filter(|n| **n >= PUBLIC_GROUP_MIN).count();
            prop_assert_eq!(folded.shown.len(), big);
        }

        #[test]
        fn met_is_monotonic_in_pledges(
            pledges in prop::option::of(1i64..500),
            share in prop::option::of(1i64..=1000),
            committees in prop::option::of(1i64..50),
            pledged in 0i64..600,
            extra_eligible in 0i64..600,
            with in 0i64..60,
        ) {
            prop_assume!(pledges.is_some() || share.is_some() || committees.is_some());
            let t = Threshold { pledges, share, committees };
            let c = counts(pledged, pledged + extra_eligible, with);
            if t.met(c) {
                // One more pledge (from a new committee) never un-meets a threshold.
                prop_assert!(t.met(counts(pledged + 1, pledged + extra_eligible + 1, with + 1)));
            }
            let exact = pledges.is_none_or(|p| pledged >= p)
                && share.is_none_or(|s| c.eligible > 0 && (pledged as f64) * 1000.0 >= (s as f64) * (c.eligible as f64))
                && committees.is_none_or(|n| with >= n);
            prop_assert_eq!(t.met(c), exact);
        }
    }
}
