//! Invitations: how members vouch for new members, and how councils admit affiliates.

use super::Rule;
use super::fields::{Invalids, InviteKind, in_range};
use super::time::Timestamp;

/// The limits a person may choose for an invite, with the defaults used when they choose
/// none. A member invite defaults to one use: vouching is personal. A coordinator opening a
/// meeting at the union hall raises it.
pub struct InviteTerms {
    pub max_uses: i64,
    pub expires_in_hours: i64,
}

pub const MAX_USES: i64 = 500;
/// What a member invite allows when its maker chooses nothing.
pub const MEMBER_DEFAULT_USES: i64 = 1;
pub const MEMBER_DEFAULT_HOURS: i64 = 72;
pub const MAX_HOURS: i64 = 24 * 30;

impl InviteTerms {
    pub fn parse(
        kind: InviteKind,
        max_uses: Option<i64>,
        expires_in_hours: Option<i64>,
    ) -> Result<Self, Invalids> {
        let default_hours = match kind {
            InviteKind::Member => MEMBER_DEFAULT_HOURS,
            InviteKind::Affiliation => 24 * 7,
        };
        let mut checks = Invalids::default();
        let max_uses = checks.check(in_range(
            "max_uses",
            max_uses.unwrap_or(MEMBER_DEFAULT_USES),
            1,
            MAX_USES,
        ));
        let expires_in_hours = checks.check(in_range(
            "expires_in_hours",
            expires_in_hours.unwrap_or(default_hours),
            1,
            MAX_HOURS,
        ));
        let (max_uses, expires_in_hours) = checks.finish(max_uses.zip(expires_in_hours))?;
        Ok(InviteTerms {
            max_uses,
            expires_in_hours,
        })
    }
}

/// The state of an invite as stored.
pub struct InviteState {
    pub max_uses: i64,
    pub uses: i64,
    pub expires_at: Timestamp,
    pub revoked: bool,
}

impl InviteState {
    /// Can the invite be used once more at `now`?
    pub fn check_usable(&self, now: Timestamp) -> Result<(), Rule> {
        if self.revoked {
            // A revoked code is answered as if it never existed.
            return Err(Rule::Hidden);
        }
        if now >= self.expires_at {
            return Err(Rule::InviteExpired);
        }
        if self.uses >= self.max_uses {
            return Err(Rule::InviteUsedUp);
        }
        Ok(())
    }

    pub fn remaining_uses(&self) -> i64 {
        (self.max_uses - self.uses).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(uses: i64, max_uses: i64, expires_at: i64, revoked: bool) -> InviteState {
        InviteState {
            max_uses,
            uses,
            expires_at: Timestamp::from_millis(expires_at),
            revoked,
        }
    }

    #[test]
    fn usable_until_used_up_or_expired() {
        let now = Timestamp::from_millis(1_000);
        assert_eq!(state(0, 1, 2_000, false).check_usable(now), Ok(()));
        assert_eq!(
            state(1, 1, 2_000, false).check_usable(now),
            Err(Rule::InviteUsedUp)
        );
        assert_eq!(
            state(0, 1, 1_000, false).check_usable(now),
            Err(Rule::InviteExpired)
        );
        assert_eq!(
            state(0, 5, 2_000, true).check_usable(now),
            Err(Rule::Hidden)
        );
        assert_eq!(state(49, 50, 2_000, false).check_usable(now), Ok(()));
        assert_eq!(state(7, 5, 2_000, false).remaining_uses(), 0);
    }

    #[test]
    fn terms_have_defaults_and_bounds() {
        let terms = InviteTerms::parse(InviteKind::Member, None, None).expect("defaults");
        assert_eq!((terms.max_uses, terms.expires_in_hours), (1, 72));
        assert!(InviteTerms::parse(InviteKind::Member, Some(0), None).is_err());
        assert!(InviteTerms::parse(InviteKind::Member, Some(501), None).is_err());
        assert!(InviteTerms::parse(InviteKind::Member, None, Some(0)).is_err());
        assert!(InviteTerms::parse(InviteKind::Affiliation, Some(50), Some(720)).is_ok());
    }

    #[test]
    fn both_limits_out_of_bounds_are_both_told() {
        let Err(problems) = InviteTerms::parse(InviteKind::Member, Some(0), Some(0)) else {
            panic!("refused");
        };
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["max_uses", "expires_in_hours"]);
    }
}
