//! Rules of delivery to phones and e-mail: which notifications leave the inbox, by which
//! channel a member may be reached, how often a failed delivery is retried, and which push
//! endpoints the server may call at all.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::core::fields::{Invalid, Problem, choice};
use crate::notifications::NotificationKind;

choice!(
    /// What a member chooses to be reached about, channel by channel.
    Category, "category" {
        EmergencyMeetings = "emergency_meetings",
        Actions = "actions",
        Incidents = "incidents",
        Bulletins = "bulletins",
    }
);

choice!(
    /// How a notification leaves the server.
    Channel, "channel" { Push = "push", Email = "email" }
);

/// The category a notification goes out under, or `None` when it stays in the inbox (and
/// on open pages). A reported incident goes out only when it is urgent (urgency "now").
/// The match is exhaustive on purpose: a new kind of notification must be decided here.
pub fn category(kind: NotificationKind, urgent: bool) -> Option<Category> {
    use NotificationKind as K;
    match kind {
        K::EmergencyMeeting => Some(Category::EmergencyMeetings),
        // A change to an emergency meeting reaches everyone the alert reached, the same way
        // (such a notice is urgent exactly when its meeting is an emergency one); a change
        // to any other meeting stays in the inbox, like the notice that announced it.
        K::MeetingRescheduled | K::MeetingCancelled => {
            urgent.then_some(Category::EmergencyMeetings)
        }
        K::ActionCalled | K::ActionActivated | K::ActionCancelled | K::ActionExpired => {
            Some(Category::Actions)
        }
        K::IncidentReported => urgent.then_some(Category::Incidents),
        K::IncidentResolved | K::IncidentWithdrawn => Some(Category::Incidents),
        K::BulletinPublished => Some(Category::Bulletins),
        K::MemberJoined
        | K::RoleChanged
        | K::MemberRemoved
        | K::Affiliated
        | K::AffiliateJoined
        | K::MotionMoved
        | K::MotionClosed
        | K::DelegateSeated
        | K::DelegateUnseated
        | K::MeetingScheduled => None,
    }
}

/// Whether a category is on for a channel until the member says otherwise: everything is.
/// A member who turned on push on a phone or gave an address did so to be reached; the
/// settings page lets them turn off what they do not want.
pub const fn default_on(_category: Category, _channel: Channel) -> bool {
    true
}

/// The most phones and browsers one member may have subscribed; subscribing another drops
/// the one subscribed longest ago. It bounds what one account can make the server send.
pub const MAX_DEVICES: i64 = 10;

/// How many times a delivery is tried before it is given up.
pub const MAX_ATTEMPTS: i64 = 10;

/// How long to wait after the `attempts`-th failed try (1-based) before the next, in
/// milliseconds; `None` once the delivery should be given up. 2 s, 8 s, 32 s, ~2 min,
/// ~9 min, ~34 min, then hourly: nine waits, about 3¾ hours in all.
pub fn retry_delay_ms(attempts: i64) -> Option<i64> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let exponent = u32::try_from(attempts.clamp(1, 10) - 1).unwrap_or(0);
    Some((2_000_i64.saturating_mul(4_i64.saturating_pow(exponent))).min(3_600_000))
}

/// Checks a push endpoint's scheme and host before the server agrees to call it: https
/// only, and never an address inside a private network (the server must not be turned
/// into a way to reach its own network). `allow_loopback_http` lets tests use a push
/// service of their own on 127.0.0.1.
pub fn check_endpoint(scheme: &str, host: &str, allow_loopback_http: bool) -> Result<(), Invalid> {
    let refused = || Invalid::new("endpoint", Problem::Format);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(refused());
    }
    let ip = host.parse::<IpAddr>().ok();
    if allow_loopback_http && ip.is_some_and(|ip| ip.is_loopback()) {
        return if scheme == "http" || scheme == "https" {
            Ok(())
        } else {
            Err(refused())
        };
    }
    if scheme != "https" {
        return Err(refused());
    }
    let lower = host.to_ascii_lowercase();
    let name = lower.strip_suffix('.').unwrap_or(&lower);
    if name == "localhost" || name.ends_with(".localhost") || name.ends_with(".local") {
        return Err(refused());
    }
    match ip {
        Some(ip) if !is_public(ip) => Err(refused()),
        Some(_) => Ok(()),
        // No top-level domain has a digit in it: a host that ends in a number ("127.1",
        // "0x7f.1", "2130706433") is an address in a spelling resolvers still accept.
        None if name
            .rsplit('.')
            .next()
            .is_some_and(|last| last.chars().any(|c| c.is_ascii_digit())) =>
        {
            Err(refused())
        }
        None => Ok(()),
    }
}

/// Whether an address is reachable on the public internet (not loopback, private,
/// link-local, shared, documentation, multicast or unspecified).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        // Mapped (::ffff:a.b.c.d) and compatible (::a.b.c.d) forms are judged as IPv4.
        IpAddr::V6(v6) => match v6.to_ipv4() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_unspecified()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 198 && (b == 18 || b == 19))
        || (a == 192 && b == 0 && c == 0)
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || first == 0x2001 && ip.segments()[1] == 0x0db8
        // Teredo and 6to4 carry an IPv4 address inside; NAT64 reaches IPv4 through one.
        || first == 0x2001 && ip.segments()[1] == 0
        || first == 0x2002
        || first == 0x0064)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn categories_follow_the_rule() {
        use NotificationKind as K;
        assert_eq!(
            category(K::EmergencyMeeting, false),
            Some(Category::EmergencyMeetings)
        );
        for kind in [
            K::ActionCalled,
            K::ActionActivated,
            K::ActionCancelled,
            K::ActionExpired,
        ] {
            assert_eq!(category(kind, false), Some(Category::Actions));
        }
        assert_eq!(category(K::IncidentReported, false), None);
        assert_eq!(
            category(K::IncidentReported, true),
            Some(Category::Incidents)
        );
        assert_eq!(
            category(K::IncidentResolved, false),
            Some(Category::Incidents)
        );
        assert_eq!(
            category(K::BulletinPublished, false),
            Some(Category::Bulletins)
        );
        for kind in [
            K::MemberJoined,
            K::MotionMoved,
            K::MeetingScheduled,
            K::DelegateSeated,
        ] {
            assert_eq!(category(kind, true), None, "{kind}");
        }
    }

    proptest! {
        #[test]
        fn urgency_only_matters_for_reported_incidents_and_changed_meetings(index in 0..NotificationKind::ALL.len()) {
            let kind = NotificationKind::ALL[index];
            let urgent_only = [
                NotificationKind::IncidentReported,
                NotificationKind::MeetingRescheduled,
                NotificationKind::MeetingCancelled,
            ];
            if !urgent_only.contains(&kind) {
                prop_assert_eq!(category(kind, true), category(kind, false));
            } else {
                prop_assert!(category(kind, false).is_none());
            }
        }

        #[test]
        fn retries_grow_and_end(attempts in 1_i64..20) {
            match retry_delay_ms(attempts) {
                Some(delay) => {
                    prop_assert!(attempts < MAX_ATTEMPTS);
                    prop_assert!((2_000..=3_600_000).contains(&delay));
                    if let Some(next) = retry_delay_ms(attempts + 1) {
                        prop_assert!(next >= delay);
                    }
                }
                None => prop_assert!(attempts >= MAX_ATTEMPTS),
            }
        }

        #[test]
        fn private_v4_addresses_are_refused(a in 0_u8..=255, b in 0_u8..=255, c in 0_u8..=255, d in 0_u8..=255) {
            let ip = Ipv4Addr::new(a, b, c, d);
            let private = a == 10 || a == 127 || (a == 192 && b == 168) || (a == 172 && (16..32).contains(&b)) || (a == 169 && b == 254);
            if private {
                prop_assert!(check_endpoint("https", &ip.to_string(), false).is_err());
            }
        }
    }

    #[test]
    fn retries_span_the_documented_time() {
        let total: i64 = (1..MAX_ATTEMPTS).filter_map(retry_delay_ms).sum();
        assert_eq!(total, 13_530_000, "2+8+32+128+512+2048 s and three hours");
        assert_eq!(retry_delay_ms(MAX_ATTEMPTS), None);
    }

    #[test]
    fn endpoints_must_be_public_https() {
        assert!(check_endpoint("https", "fcm.googleapis.com", false).is_ok());
        assert!(check_endpoint("https", "updates.push.services.mozilla.com", false).is_ok());
        assert!(check_endpoint("http", "fcm.googleapis.com", false).is_err());
        assert!(check_endpoint("https", "localhost", false).is_err());
        assert!(check_endpoint("https", "127.0.0.1", false).is_err());
        assert!(check_endpoint("https", "[::1]", false).is_err());
        assert!(check_endpoint("https", "[fd00::1]", false).is_err());
        assert!(check_endpoint("https", "[::ffff:10.0.0.1]", false).is_err());
        assert!(check_endpoint("https", "100.64.1.1", false).is_err());
        assert!(check_endpoint("https", "[::10.0.0.1]", false).is_err());
        assert!(check_endpoint("https", "192.0.0.8", false).is_err());
        assert!(check_endpoint("https", "[2002:a00:1::1]", false).is_err());
        assert!(check_endpoint("https", "[2001:0:a00:1::1]", false).is_err());
        assert!(check_endpoint("https", "[2a00:1450:4001::200e]", false).is_ok());
        assert!(check_endpoint("http", "127.0.0.1", false).is_err());
        assert!(check_endpoint("http", "127.0.0.1", true).is_ok());
        assert!(check_endpoint("http", "10.0.0.1", true).is_err());
        assert!(check_endpoint("ftp", "127.0.0.1", true).is_err());
        // Addresses in other spellings, and a name with its root dot.
        for host in [
            "127.1",
            "0x7f.1",
            "2130706433",
            "0177.0.0.1",
            "localhost.",
            "x.local.",
        ] {
            assert!(check_endpoint("https", host, false).is_err(), "{host}");
        }
        assert!(check_endpoint("https", "push.example.de", false).is_ok());
        assert!(check_endpoint("https", "fcm.googleapis.com.", false).is_ok());
    }
}
