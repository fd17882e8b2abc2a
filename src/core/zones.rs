//! Time zones: IANA names (`America/Chicago`) checked against the tz database that is
//! bundled into the binary (jiff's `tzdb-bundle-always`), so a server shows the same local
//! times whatever its system has installed, and daylight saving time follows the real rules
//! rather than rules of our own.
//!
//! A [`Zone`] is a small copyable handle: each zone is looked up in the database once and
//! kept for the life of the process. Only names the database knows are kept, so there are at
//! most a few hundred.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use crate::core::Timestamp;
use crate::core::fields::{Invalid, Problem};

/// A time zone of the tz database.
#[derive(Clone, Copy)]
pub struct Zone(&'static Known);

struct Known {
    name: String,
    tz: TimeZone,
}

/// A point in time as a clock and calendar in one zone show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    pub year: i16,
    /// 1 (January) to 12.
    pub month: i8,
    pub day: i8,
    /// 1 (Monday) to 7 (Sunday), as ISO 8601 counts them.
    pub weekday: i8,
    pub hour: i8,
    pub minute: i8,
    /// The zone's abbreviation at that moment (`CST`, `CDT`), or its offset from UTC where
    /// the database has no abbreviation (`-03`).
    pub abbreviation: String,
}

fn known() -> &'static Mutex<HashMap<String, &'static Known>> {
    static KNOWN: OnceLock<Mutex<HashMap<String, &'static Known>>> = OnceLock::new();
    KNOWN.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The most characters an IANA name has (the longest today has 32).
const NAME_MAX: usize = 64;

impl Zone {
    /// The zone the tz database calls `name` (letter case aside); refused as the field
    /// `time_zone` otherwise.
    pub fn parse(name: &str) -> Result<Zone, Invalid> {
        Zone::parse_field("time_zone", name)
    }

    pub fn parse_field(field: &'static str, name: &str) -> Result<Zone, Invalid> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Invalid::new(field, Problem::Empty));
        }
        if name.len() > NAME_MAX {
            return Err(Invalid::new(field, Problem::TooLong { max: NAME_MAX }));
        }
        // Fixed offsets and POSIX rules are not names of places; the database alone decides.
        if !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_-+".contains(&b))
        {
            return Err(Invalid::new(field, Problem::Format));
        }
        let mut map = known()
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = map.get(&name.to_ascii_lowercase()) {
            return Ok(Zone(found));
        }
        let tz = jiff::tz::db()
            .get(name)
            .map_err(|_| Invalid::new(field, Problem::Format))?;
        let canonical = tz.iana_name().unwrap_or(name).to_owned();
        let entry: &'static Known = match map.get(&canonical.to_ascii_lowercase()) {
            Some(found) => found,
            None => Box::leak(Box::new(Known {
                name: canonical,
                tz,
            })),
        };
        map.insert(name.to_ascii_lowercase(), entry);
        map.insert(entry.name.to_ascii_lowercase(), entry);
        Ok(Zone(entry))
    }

    /// Coordinated universal time.
    pub fn utc() -> Zone {
        static UTC: OnceLock<Zone> = OnceLock::new();
        *UTC.get_or_init(|| {
            Zone::parse("UTC").unwrap_or_else(|_| {
                Zone(Box::leak(Box::new(Known {
                    name: "UTC".to_owned(),
                    tz: TimeZone::UTC,
                })))
            })
        })
    }

    /// A stored zone name, or `fallback` when there is none or it is no longer in the
    /// database (a name from a newer database, say): a page never fails over a zone.
    pub fn or(stored: Option<&str>, fallback: Zone) -> Zone {
        stored
            .filter(|s| !s.is_empty())
            .and_then(|s| Zone::parse(s).ok())
            .unwrap_or(fallback)
    }

    /// The IANA name.
    pub fn name(self) -> &'static str {
        &self.0.name
    }

    fn instant(at: Timestamp) -> jiff::Timestamp {
        jiff::Timestamp::from_millisecond(at.millis()).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }

    /// The clock and calendar of this zone at `at`.
    pub fn local(self, at: Timestamp) -> Local {
        let zoned = Zone::instant(at).to_zoned(self.0.tz.clone());
        let abbreviation = zoned.strftime("%Z").to_string();
        Local {
            year: zoned.year(),
            month: zoned.month(),
            day: zoned.day(),
            weekday: zoned.weekday().to_monday_one_offset(),
            hour: zoned.hour(),
            minute: zoned.minute(),
            abbreviation,
        }
    }

    /// The offset from UTC at `at`, in minutes (Chicago in winter: -360).
    pub fn offset_minutes(self, at: Timestamp) -> i32 {
        self.0.tz.to_offset(Zone::instant(at)).seconds() / 60
    }

    /// Reads the value of an HTML `datetime-local` input (`2026-11-23T14:05`, seconds
    /// optional) as a time on this zone's clocks. A time the clocks skip when daylight
    /// saving time begins (02:30 on the night they jump to 03:00) is read as the moment the
    /// same wall time would be an hour later (03:30); a time they show twice when it ends is
    /// read as the first of the two. That is what calendars do ("compatible" in RFC 5545).
    pub fn parse_local(self, value: &str) -> Option<Timestamp> {
        let value = value.trim();
        // `YYYY-MM-DDTHH:MM` or with `:SS`; nothing looser, so that a typo is not guessed at.
        if !(value.len() == 16 || value.len() == 19) || value.as_bytes().get(10) != Some(&b'T') {
            return None;
        }
        let civil: DateTime = value.parse().ok()?;
        let zoned = civil.to_zoned(self.0.tz.clone()).ok()?;
        Some(Timestamp::from_millis(zoned.timestamp().as_millisecond()))
    }

    /// The value for a `datetime-local` input that shows `at` on this zone's clocks.
    pub fn datetime_local(self, at: Timestamp) -> String {
        let l = self.local(at);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            l.year, l.month, l.day, l.hour, l.minute
        )
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Zone {}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Zones offered in the choosers of the pages, most likely first for the people the server
/// is built for (the United States and the countries its workers come from). Any other name
/// of the tz database is accepted where one is typed or sent through the API.
pub const OFFERED: &[&str] = &[
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "America/Mexico_City",
    "America/Guatemala",
    "America/El_Salvador",
    "America/Tegucigalpa",
    "America/Bogota",
    "America/Lima",
    "America/Caracas",
    "America/Santiago",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/Toronto",
    "America/Vancouver",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Berlin",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Mogadishu",
    "Asia/Kolkata",
    "Asia/Bangkok",
    "Asia/Vientiane",
    "Asia/Manila",
    "Australia/Sydney",
    "UTC",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> Zone {
        Zone::parse(name).unwrap_or_else(|_| Zone::utc())
    }

    fn at(rfc3339: &str) -> Timestamp {
        Timestamp::parse_rfc3339(rfc3339).unwrap_or(Timestamp::from_millis(0))
    }

    #[test]
    fn names_come_from_the_database() {
        let chicago = zone("America/Chicago");
        assert_eq!(chicago.name(), "America/Chicago");
        assert_eq!(
            Zone::parse("america/chicago"),
            Ok(chicago),
            "letter case aside"
        );
        assert_eq!(Zone::parse(" America/Chicago "), Ok(chicago));
        assert_eq!(Zone::utc().name(), "UTC");
        for bad in [
            "America/Springfield",
            "Mars/Olympus_Mons",
            "+05:00",
            "CST6CDT x",
            "../etc",
        ] {
            assert_eq!(
                Zone::parse(bad).map_err(|e| e.field),
                Err("time_zone"),
                "{bad}"
            );
        }
        assert_eq!(Zone::parse("").map_err(|e| e.problem), Err(Problem::Empty));
        assert_eq!(
            Zone::parse(&"A".repeat(500)).map_err(|e| e.problem),
            Err(Problem::TooLong { max: NAME_MAX })
        );
        for name in OFFERED {
            assert_eq!(Zone::parse(name).map(Zone::name), Ok(*name));
        }
    }

    #[test]
    fn a_stored_zone_falls_back_when_unknown() {
        let chicago = zone("America/Chicago");
        assert_eq!(Zone::or(Some("America/Chicago"), Zone::utc()), chicago);
        assert_eq!(Zone::or(None, chicago), chicago);
        assert_eq!(Zone::or(Some(""), chicago), chicago);
        assert_eq!(Zone::or(Some("Nowhere/Land"), chicago), chicago);
    }

    #[test]
    fn local_times_follow_daylight_saving_time() {
        let chicago = zone("America/Chicago");
        // Winter: UTC-6, CST.
        let winter = chicago.local(at("2026-12-04T00:30:00Z"));
        assert_eq!(
            (
                winter.year,
                winter.month,
                winter.day,
                winter.hour,
                winter.minute
            ),
            (2026, 12, 3, 18, 30)
        );
        assert_eq!(winter.weekday, 4, "Thursday");
        assert_eq!(winter.abbreviation, "CST");
        // Summer: UTC-5, CDT.
        let summer = chicago.local(at("2026-07-04T23:30:00Z"));
        assert_eq!((summer.hour, summer.abbreviation.as_str()), (18, "CDT"));
        assert_eq!(chicago.offset_minutes(at("2026-07-04T23:30:00Z")), -300);
        assert_eq!(chicago.offset_minutes(at("2026-12-04T00:30:00Z")), -360);

        // 2026-03-08, 02:00 CST the clocks jump to 03:00 CDT (08:00 UTC).
        let before = chicago.local(at("2026-03-08T07:59:00Z"));
        assert_eq!(
            (before.hour, before.minute, before.abbreviation.as_str()),
            (1, 59, "CST")
        );
        let after = chicago.local(at("2026-03-08T08:00:00Z"));
        assert_eq!(
            (after.hour, after.minute, after.abbreviation.as_str()),
            (3, 0, "CDT")
        );
        // 2026-11-01, 02:00 CDT the clocks go back to 01:00 CST (07:00 UTC): 01:30 twice.
        let first = chicago.local(at("2026-11-01T06:30:00Z"));
        let second = chicago.local(at("2026-11-01T07:30:00Z"));
        assert_eq!((first.hour, first.abbreviation.as_str()), (1, "CDT"));
        assert_eq!((second.hour, second.abbreviation.as_str()), (1, "CST"));

        // The southern hemisphere keeps its summer time in December.
        let sydney = zone("Australia/Sydney").local(at("2026-12-04T00:30:00Z"));
        assert_eq!((sydney.hour, sydney.abbreviation.as_str()), (11, "AEDT"));
    }

    #[test]
    fn typed_times_are_read_on_the_zones_clocks() {
        let chicago = zone("America/Chicago");
        assert_eq!(
            chicago.parse_local("2026-12-03T18:30"),
            Some(at("2026-12-04T00:30:00Z"))
        );
        assert_eq!(
            chicago.parse_local("2026-07-04T18:30:00"),
            Some(at("2026-07-04T23:30:00Z"))
        );
        assert_eq!(
            Zone::utc().parse_local("2026-11-23T20:05"),
            Some(at("2026-11-23T20:05:00Z"))
        );
        // Skipped by the spring jump: read an hour later on the clock, 03:30 CDT.
        assert_eq!(
            chicago.parse_local("2026-03-08T02:30"),
            Some(at("2026-03-08T08:30:00Z"))
        );
        // Shown twice in the autumn: the first, 01:30 CDT.
        assert_eq!(
            chicago.parse_local("2026-11-01T01:30"),
            Some(at("2026-11-01T06:30:00Z"))
        );
        for bad in [
            "",
            "23/11/2026 20:05",
            "2026-11-23",
            "2026-11-23 20:05",
            "2026-13-01T10:00",
        ] {
            assert_eq!(chicago.parse_local(bad), None, "{bad}");
        }
    }

    #[test]
    fn form_values_round_trip() {
        let chicago = zone("America/Chicago");
        for t in [
            "2026-12-04T00:30:00Z",
            "2026-07-04T23:30:00Z",
            "2026-03-08T08:30:00Z",
        ] {
            let value = chicago.datetime_local(at(t));
            assert_eq!(chicago.parse_local(&value), Some(at(t)), "{value}");
        }
        assert_eq!(
            chicago.datetime_local(at("2026-12-04T00:30:00Z")),
            "2026-12-03T18:30"
        );
    }
}
