//! Abuse limits, kept in memory only: addresses and handles that knocked are never written
//! anywhere.
//!
//! The limits must stop floods without stopping organizing: fifty coworkers signing up and
//! logging in with one invite from the union hall's Wi-Fi (one address) within a few minutes
//! all get in, while guessing passwords or invite codes stays hopeless.
//!
//! No limit may let a stranger lock a chosen member out. Password guesses are refused per
//! handle *and* address (and per address), never per handle alone: a handle under attack
//! from everywhere only makes each log-in to it wait a little. A signed-in member confirming
//! their password (to change it, or to delete the account) is counted per session, which
//! only whoever holds that session can spend.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::error::Error;

/// The longest a log-in waits when its handle is being guessed at from many addresses.
pub const LOGIN_SLOWDOWN_MAX: Duration = Duration::from_secs(3);

pub struct Limits {
    /// Password guesses against one handle from one address (IPv6 by /64; `None` where the
    /// peer is unknown).
    login_per_handle_and_address: DefaultKeyedRateLimiter<(String, Option<IpAddr>)>,
    /// Log-ins from one address, whatever the handle.
    login_per_address: DefaultKeyedRateLimiter<IpAddr>,
    /// Log-ins to one handle from anywhere. Never refuses: beyond it, each attempt waits
    /// (at most [`LOGIN_SLOWDOWN_MAX`]), so that guessing from many addresses at once gains
    /// nothing against the owner's log-in but costs the guesser time.
    login_per_handle: DefaultKeyedRateLimiter<String>,
    /// Passwords confirmed by one session (changing it, deleting the account): someone who
    /// took a session cannot guess the password through it, and guesses made elsewhere never
    /// stop the owner's own session.
    confirm_per_session: DefaultKeyedRateLimiter<Vec<u8>>,
    registration_per_address: DefaultKeyedRateLimiter<IpAddr>,
    /// Invite codes tried from one address (accepting, previewing, affiliating).
    invite_per_address: DefaultKeyedRateLimiter<IpAddr>,
    /// Invites made by one account.
    invites_per_account: DefaultKeyedRateLimiter<i64>,
    /// Incidents reported by one account: against floods of false alarms.
    reports_per_account: DefaultKeyedRateLimiter<i64>,
    /// Ballots cast (or changed) by one account.
    ballots_per_account: DefaultKeyedRateLimiter<i64>,
    /// Bulletins published by one account: each may push and mail a whole network.
    bulletins_per_account: DefaultKeyedRateLimiter<i64>,
    /// Meetings changed or called off by one account: a moved meeting tells every member,
    /// urgently for an emergency one.
    meeting_changes_per_account: DefaultKeyedRateLimiter<i64>,
    /// Unsubscribe links taken (or shown) from one address, without an account: a mail
    /// provider's one-click posts come from few addresses, a script trying tokens from one.
    unsubscribe_per_address: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

fn quota(burst: u32, replenish_every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(replenish_every)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

impl Limits {
    pub fn new() -> Self {
        Limits {
            login_per_handle_and_address: DefaultKeyedRateLimiter::keyed(quota(
                10,
                Duration::from_secs(30),
            )),
            login_per_address: DefaultKeyedRateLimiter::keyed(quota(120, Duration::from_secs(1))),
            // Well above what an owner with a few devices and typos ever needs.
            login_per_handle: DefaultKeyedRateLimiter::keyed(quota(30, Duration::from_secs(10))),
            confirm_per_session: DefaultKeyedRateLimiter::keyed(quota(10, Duration::from_secs(30))),
            registration_per_address: DefaultKeyedRateLimiter::keyed(quota(
                100,
                Duration::from_secs(3),
            )),
            invite_per_address: DefaultKeyedRateLimiter::keyed(quota(120, Duration::from_secs(1))),
            // A coordinator vouching for a whole shift one by one, not an invite factory.
            invites_per_account: DefaultKeyedRateLimiter::keyed(quota(
                120,
                Duration::from_secs(15),
            )),
            // A few reports in a row as a raid unfolds; then one every five minutes.
            reports_per_account: DefaultKeyedRateLimiter::keyed(quota(5, Duration::from_secs(300))),
            // A long meeting votes on a few dozen motions and amendments, and members change
            // open ballots as the debate goes; a script voting in a loop stops at once.
            ballots_per_account: DefaultKeyedRateLimiter::keyed(quota(60, Duration::from_secs(2))),
            // A busy strike day's updates, not a stream of pushes to every phone below.
            bulletins_per_account: DefaultKeyedRateLimiter::keyed(quota(
                30,
                Duration::from_secs(30),
            )),
            // Fixing a few typos and moving a meeting or two, not a push to every phone a
            // minute.
            meeting_changes_per_account: DefaultKeyedRateLimiter::keyed(quota(
                20,
                Duration::from_secs(60),
            )),
            unsubscribe_per_address: DefaultKeyedRateLimiter::keyed(quota(
                120,
                Duration::from_secs(1),
            )),
            clock: DefaultClock::default(),
        }
    }

    fn check<K: std::hash::Hash + Eq + Clone>(
        &self,
        limiter: &DefaultKeyedRateLimiter<K>,
        key: &K,
    ) -> Result<(), Error> {
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            Error::RateLimited {
                retry_after_secs: wait.as_secs().max(1),
            }
        })
    }

    /// Checks a log-in attempt. Refuses a guesser by address, or by handle from that address;
    /// otherwise answers how long the attempt must wait first (zero unless the handle is being
    /// tried from many places at once).
    pub fn login(&self, handle: &str, address: Option<IpAddr>) -> Result<Duration, Error> {
        let network = address.map(network_of);
        if let Some(network) = network {
            self.check(&self.login_per_address, &network)?;
        }
        self.check(
            &self.login_per_handle_and_address,
            &(handle.to_owned(), network),
        )?;
        Ok(match self.login_per_handle.check_key(&handle.to_owned()) {
            Ok(()) => Duration::ZERO,
            Err(not_until) => not_until
                .wait_time_from(self.clock.now())
                .min(LOGIN_SLOWDOWN_MAX),
        })
    }

    /// A signed-in member confirms their password with the session `session` (its hash).
    pub fn password_confirmation(&self, session: &[u8]) -> Result<(), Error> {
        self.check(&self.confirm_per_session, &session.to_vec())
    }

    pub fn registration(&self, address: Option<IpAddr>) -> Result<(), Error> {
        match address {
            Some(address) => self.check(&self.registration_per_address, &network_of(address)),
            None => Ok(()),
        }
    }

    pub fn invite_attempt(&self, address: Option<IpAddr>) -> Result<(), Error> {
        match address {
            Some(address) => self.check(&self.invite_per_address, &network_of(address)),
            None => Ok(()),
        }
    }

    pub fn unsubscribe(&self, address: Option<IpAddr>) -> Result<(), Error> {
        match address {
            Some(address) => self.check(&self.unsubscribe_per_address, &network_of(address)),
            None => Ok(()),
        }
    }

    pub fn invite_creation(&self, account: i64) -> Result<(), Error> {
        self.check(&self.invites_per_account, &account)
    }

    pub fn incident_report(&self, account: i64) -> Result<(), Error> {
        self.check(&self.reports_per_account, &account)
    }

    pub fn ballot(&self, account: i64) -> Result<(), Error> {
        self.check(&self.ballots_per_account, &account)
    }

    pub fn bulletin(&self, account: i64) -> Result<(), Error> {
        self.check(&self.bulletins_per_account, &account)
    }

    pub fn meeting_change(&self, account: i64) -> Result<(), Error> {
        self.check(&self.meeting_changes_per_account, &account)
    }

    /// Forgets keys that are back to a full allowance, so memory stays bounded.
    pub fn forget_idle(&self) {
        self.login_per_handle_and_address.retain_recent();
        self.login_per_address.retain_recent();
        self.login_per_handle.retain_recent();
        self.confirm_per_session.retain_recent();
        self.registration_per_address.retain_recent();
        self.invite_per_address.retain_recent();
        self.invites_per_account.retain_recent();
        self.reports_per_account.retain_recent();
        self.ballots_per_account.retain_recent();
        self.bulletins_per_account.retain_recent();
        self.meeting_changes_per_account.retain_recent();
        self.unsubscribe_per_address.retain_recent();
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::new()
    }
}

/// One household or one phone gets many IPv6 addresses from a /64; count them as one.
fn network_of(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => {
            let mut segments = v6.segments();
            segments[4..].fill(0);
            IpAddr::from(segments)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_coworkers_from_one_address_get_in() {
        let limits = Limits::new();
        let hall: IpAddr = [192, 168, 1, 20].into();
        for n in 0..50 {
            assert!(limits.registration(Some(hall)).is_ok(), "registration {n}");
            assert!(limits.invite_attempt(Some(hall)).is_ok(), "invite {n}");
            assert!(
                limits.login(&format!("worker{n}"), Some(hall)).is_ok(),
                "login {n}"
            );
        }
    }

    #[test]
    fn password_guessing_from_one_address_is_stopped_with_a_retry_time() {
        let limits = Limits::new();
        let guesser: IpAddr = [10, 0, 0, 1].into();
        let mut refused = None;
        for n in 0..100 {
            if let Err(err) = limits.login("rosa", Some(guesser)) {
                refused = Some((n, err));
                break;
            }
        }
        let (attempt, err) = refused.expect("guessing must be limited");
        assert!(attempt <= 10, "refused only after {attempt} attempts");
        assert!(matches!(err, Error::RateLimited { retry_after_secs } if retry_after_secs >= 1));
        // The owner, elsewhere, still gets in.
        assert!(limits.login("rosa", Some([10, 9, 9, 9].into())).is_ok());
    }

    #[test]
    fn guessing_from_everywhere_slows_a_handle_but_never_locks_it() {
        let limits = Limits::new();
        let mut slowed = false;
        for n in 0..2_000u32 {
            let address: IpAddr = [10, (n >> 16) as u8, (n >> 8) as u8, n as u8].into();
            match limits.login("rosa", Some(address)) {
                Ok(wait) => {
                    assert!(wait <= LOGIN_SLOWDOWN_MAX, "{wait:?}");
                    slowed |= wait > Duration::ZERO;
                }
                Err(err) => panic!("attempt {n} from a fresh address refused: {err:?}"),
            }
        }
        assert!(slowed, "a handle tried from everywhere must slow down");
        assert!(
            limits.login("rosa", None).is_ok(),
            "nor is the owner refused"
        );
    }

    #[test]
    fn a_session_confirms_its_password_whatever_others_guess() {
        let limits = Limits::new();
        for _ in 0..50 {
            let _ = limits.login("rosa", None);
        }
        assert!(limits.password_confirmation(b"owner").is_ok());
        let stolen = b"stolen";
        for n in 0..10 {
            assert!(limits.password_confirmation(stolen).is_ok(), "try {n}");
        }
        assert!(matches!(
            limits.password_confirmation(stolen),
            Err(Error::RateLimited { .. })
        ));
        assert!(limits.password_confirmation(b"owner").is_ok());
    }

    #[test]
    fn a_meeting_votes_freely_and_a_script_is_stopped() {
        let limits = Limits::new();
        for n in 0..60 {
            assert!(limits.ballot(7).is_ok(), "ballot {n}");
        }
        assert!(matches!(
            limits.ballot(7),
            Err(Error::RateLimited { retry_after_secs }) if retry_after_secs >= 1
        ));
        assert!(limits.ballot(8).is_ok(), "another member is not affected");
    }

    #[test]
    fn unsubscribe_links_from_one_address_are_bounded() {
        let limits = Limits::new();
        let office: IpAddr = "192.0.2.7".parse().expect("ip");
        for n in 0..120 {
            assert!(limits.unsubscribe(Some(office)).is_ok(), "link {n}");
        }
        assert!(matches!(
            limits.unsubscribe(Some(office)),
            Err(Error::RateLimited { retry_after_secs }) if retry_after_secs >= 1
        ));
        let elsewhere: IpAddr = "192.0.2.8".parse().expect("ip");
        assert!(limits.unsubscribe(Some(elsewhere)).is_ok());
    }

    #[test]
    fn ipv6_neighbours_share_a_limit() {
        let a: IpAddr = "2001:db8::1".parse().expect("ip");
        let b: IpAddr = "2001:db8::ffff:2".parse().expect("ip");
        assert_eq!(network_of(a), network_of(b));
    }
}
