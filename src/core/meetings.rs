//! What makes a meeting valid, how members answer whether they come, and which meetings
//! still count as coming up.

use super::Rule;
use super::fields::{Invalid, Invalids, Problem, choice, text};
use super::time::{HOUR_MS, Timestamp};
use super::zones::Zone;

pub const TITLE_MAX: usize = 200;
pub const LOCATION_MAX: usize = 200;
pub const AGENDA_ITEMS_MAX: usize = 30;
pub const AGENDA_ITEM_MAX: usize = 300;
pub const MINUTES_MAX: usize = 20_000;

const DAY_MS: i64 = 24 * HOUR_MS;
/// A meeting may be entered up to a day after it started, so that one held on short notice
/// can still be written down with its minutes.
pub const EARLIEST_DAYS: i64 = -1;
pub const LATEST_DAYS: i64 = 366;

/// Nobody states when a meeting ends; calendars get this length.
pub const LENGTH_MS: i64 = HOUR_MS;
/// A meeting stays among the upcoming ones for a while after it starts, so that whoever is
/// on the way, or late, still finds the place where they look first.
pub const STILL_UPCOMING_MS: i64 = 2 * HOUR_MS;
/// How far back a calendar feed reaches, so that a phone keeps last month's meetings.
pub const FEED_PAST_MS: i64 = 30 * DAY_MS;

choice!(
    /// A member's answer to "are you coming?". It can change until the meeting.
    Rsvp, "status" { Yes = "yes", No = "no", Maybe = "maybe" }
);

/// When a meeting starts, as the caller wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartsAt {
    /// RFC 3339 with an offset, as the API takes it.
    Rfc3339(String),
    /// The value of an HTML `datetime-local` field, as the page form sends it: a time on the
    /// clocks of the zone the page shows times in (the member's own or the committee's).
    Local(String),
}

impl StartsAt {
    /// The moment meant; a local value is read in `zone`.
    pub fn resolve(&self, zone: Zone) -> Result<Timestamp, Invalid> {
        let format = || Invalid::new("starts_at", Problem::Format);
        match self {
            StartsAt::Rfc3339(value) => Timestamp::parse_rfc3339(value.trim()).ok_or_else(format),
            StartsAt::Local(value) => zone.parse_local(value).ok_or_else(format),
        }
    }
}

/// A meeting as someone proposes it, before any checks.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub title: String,
    pub starts_at: StartsAt,
    pub location: String,
    pub agenda: Vec<String>,
}

/// A meeting that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub title: String,
    pub starts_at: Timestamp,
    pub location: String,
    pub agenda: Vec<String>,
}

impl Proposal {
    /// Checks every field, in the order a form shows them, and tells all that are wrong.
    /// A time typed into a page is read in `zone`.
    pub fn check(&self, now: Timestamp, zone: Zone) -> Result<Plan, Invalids> {
        let mut checks = Invalids::default();
        let title = checks.check(text("title", &self.title, 1, TITLE_MAX, false));
        let starts_at = checks.check(
            self.starts_at
                .resolve(zone)
                .and_then(|at| check_start(at, now)),
        );
        let location = checks.check(text("location", &self.location, 1, LOCATION_MAX, false));
        let agenda = checks.check(check_agenda(&self.agenda));
        checks.finish((|| {
            Some(Plan {
                title: title?,
                starts_at: starts_at?,
                location: location?,
                agenda: agenda?,
            })
        })())
    }
}

/// A change to a meeting already scheduled, as someone asks for it: each field left out
/// stays as it is.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub title: Option<String>,
    pub starts_at: Option<StartsAt>,
    pub location: Option<String>,
    pub agenda: Option<Vec<String>>,
}

/// A change that passed the same checks as scheduling, with what it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub plan: Plan,
    /// The time or the place changed: members must be told, or some go to the old one.
    pub moved: bool,
    /// Anything changed at all (a form sent back unchanged changes nothing).
    pub changed: bool,
}

impl Change {
    /// Checks every field given, as [`Proposal::check`] would, and tells all that are wrong.
    pub fn check(&self, current: &Plan, now: Timestamp, zone: Zone) -> Result<Revision, Invalids> {
        let mut checks = Invalids::default();
        let title = match &self.title {
            Some(typed) => checks.check(text("title", typed, 1, TITLE_MAX, false)),
            None => Some(current.title.clone()),
        };
        let starts_at = match &self.starts_at {
            Some(typed) => {
                checks.check(typed.resolve(zone).and_then(|at| check_new_start(at, now)))
            }
            None => Some(current.starts_at),
        };
        let location = match &self.location {
            Some(typed) => checks.check(text("location", typed, 1, LOCATION_MAX, false)),
            None => Some(current.location.clone()),
        };
        let agenda = match &self.agenda {
            Some(typed) => checks.check(check_agenda(typed)),
            None => Some(current.agenda.clone()),
        };
        let plan = checks.finish((|| {
            Some(Plan {
                title: title?,
                starts_at: starts_at?,
                location: location?,
                agenda: agenda?,
            })
        })())?;
        let moved = plan.starts_at != current.starts_at || plan.location != current.location;
        let changed = plan != *current;
        Ok(Revision {
            plan,
            moved,
            changed,
        })
    }
}

/// A meeting called off or already over can no longer be changed, called off or answered.
pub fn check_open(cancelled: bool, starts_at: Timestamp, now: Timestamp) -> Result<(), Rule> {
    if cancelled {
        return Err(Rule::MeetingCancelled);
    }
    if !is_upcoming(starts_at, now) {
        return Err(Rule::MeetingOver);
    }
    Ok(())
}

/// Answers are refused once the meeting is called off; a past meeting may still be answered,
/// as it always could (the minutes may ask who came).
pub fn check_answerable(cancelled: bool) -> Result<(), Rule> {
    if cancelled {
        return Err(Rule::MeetingCancelled);
    }
    Ok(())
}

/// A meeting moved keeps being upcoming: moved into the past it would be over at once, and
/// nobody could move it back or call it off.
pub fn check_new_start(starts_at: Timestamp, now: Timestamp) -> Result<Timestamp, Invalid> {
    if !is_upcoming(starts_at, now) {
        return Err(Invalid::new(
            "starts_at",
            Problem::Range {
                min: 0,
                max: LATEST_DAYS,
            },
        ));
    }
    check_start(starts_at, now)
}

/// A start no earlier than a day ago and no later than 366 days ahead. The range is told in
/// days, which is how the message reads it.
pub fn check_start(starts_at: Timestamp, now: Timestamp) -> Result<Timestamp, Invalid> {
    let earliest = now.plus_millis(EARLIEST_DAYS * DAY_MS);
    let latest = now.plus_millis(LATEST_DAYS * DAY_MS);
    if starts_at < earliest || starts_at > latest {
        return Err(Invalid::new(
            "starts_at",
            Problem::Range {
                min: EARLIEST_DAYS,
                max: LATEST_DAYS,
            },
        ));
    }
    Ok(starts_at)
}

/// Checks the number of items (field `agenda_items`), then each item (field `agenda`), so
/// that each message can say exactly what is too long.
pub fn check_agenda(items: &[String]) -> Result<Vec<String>, Invalid> {
    if items.len() > AGENDA_ITEMS_MAX {
        return Err(Invalid::new(
            "agenda_items",
            Problem::Range {
                min: 0,
                max: AGENDA_ITEMS_MAX as i64,
            },
        ));
    }
    items
        .iter()
        .map(|item| text("agenda", item, 1, AGENDA_ITEM_MAX, false))
        .collect()
}

/// The agenda as typed into the form: one item per line; blank lines do not count.
pub fn agenda_from_lines(typed: &str) -> Vec<String> {
    typed
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The minutes; empty minutes are none. Refusals name the field `minutes`, which says what
/// is wrong better than the request's generic `text`.
pub fn check_minutes(typed: &str) -> Result<Option<String>, Invalid> {
    let minutes = text("minutes", typed, 0, MINUTES_MAX, true)?;
    Ok((!minutes.is_empty()).then_some(minutes))
}

/// Meetings that started at or after this moment are the upcoming ones.
pub fn upcoming_since(now: Timestamp) -> Timestamp {
    now.plus_millis(-STILL_UPCOMING_MS)
}

pub fn is_upcoming(starts_at: Timestamp, now: Timestamp) -> bool {
    starts_at >= upcoming_since(now)
}

pub fn ends_at(starts_at: Timestamp) -> Timestamp {
    starts_at.plus_millis(LENGTH_MS)
}

/// The earliest start a calendar feed lists.
pub fn feed_since(now: Timestamp) -> Timestamp {
    now.plus_millis(-FEED_PAST_MS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn now() -> Timestamp {
        Timestamp::parse_rfc3339("2026-11-23T12:00:00Z").unwrap_or(Timestamp::from_millis(0))
    }

    fn proposal(starts_at: &str) -> Proposal {
        Proposal {
            title: "  Contract vote ".into(),
            starts_at: StartsAt::Rfc3339(starts_at.into()),
            location: "Union hall, 2nd floor".into(),
            agenda: vec!["Report back".into(), " Vote ".into()],
        }
    }

    fn problem(result: Result<Plan, Invalids>) -> Option<(&'static str, Problem)> {
        result
            .err()
            .and_then(|e| e.first().map(|e| (e.field, e.problem.clone())))
    }

    #[test]
    fn a_good_meeting_is_trimmed() {
        let plan = proposal("2026-11-24T18:30:00-06:00").check(now(), Zone::utc());
        assert_eq!(
            plan,
            Ok(Plan {
                title: "Contract vote".into(),
                starts_at: Timestamp::parse_rfc3339("2026-11-25T00:30:00Z")
                    .unwrap_or(Timestamp::from_millis(0)),
                location: "Union hall, 2nd floor".into(),
                agenda: vec!["Report back".into(), "Vote".into()],
            })
        );
    }

    #[test]
    fn each_field_is_checked() {
        let mut p = proposal("2026-11-24T18:30:00Z");
        p.title = " ".into();
        assert_eq!(
            problem(p.check(now(), Zone::utc())),
            Some(("title", Problem::Empty))
        );

        let mut p = proposal("2026-11-24T18:30:00Z");
        p.title = "x".repeat(TITLE_MAX + 1);
        assert_eq!(
            problem(p.check(now(), Zone::utc())),
            Some(("title", Problem::TooLong { max: TITLE_MAX }))
        );

        let mut p = proposal("2026-11-24T18:30:00Z");
        p.location = String::new();
        assert_eq!(
            problem(p.check(now(), Zone::utc())),
            Some(("location", Problem::Empty))
        );

        let mut p = proposal("2026-11-24T18:30:00Z");
        p.agenda = vec!["Fine".into(), "  ".into()];
        assert_eq!(
            problem(p.check(now(), Zone::utc())),
            Some(("agenda", Problem::Empty))
        );

        let mut p = proposal("2026-11-24T18:30:00Z");
        p.agenda = vec!["item".into(); AGENDA_ITEMS_MAX + 1];
        assert_eq!(
            problem(p.check(now(), Zone::utc())),
            Some((
                "agenda_items",
                Problem::Range {
                    min: 0,
                    max: AGENDA_ITEMS_MAX as i64
                }
            ))
        );

        let mut p = proposal("2026-11-24T18:30:00Z");
        p.agenda = vec!["ñ".repeat(AGENDA_ITEM_MAX)];
        assert!(
            p.check(now(), Zone::utc()).is_ok(),
            "lengths count characters"
        );
        p.agenda = vec!["line\nbreak".into()];
        assert_eq!(
            problem(p.check(now(), Zone::utc())),
            Some(("agenda", Problem::Characters))
        );
    }

    #[test]
    fn the_start_must_be_near_enough() {
        let range = Some((
            "starts_at",
            Problem::Range {
                min: EARLIEST_DAYS,
                max: LATEST_DAYS,
            },
        ));
        assert_eq!(
            problem(proposal("tomorrow").check(now(), Zone::utc())),
            Some(("starts_at", Problem::Format))
        );
        assert_eq!(
            problem(proposal("2026-11-22T11:59:00Z").check(now(), Zone::utc())),
            range
        );
        assert!(
            proposal("2026-11-22T12:00:00Z")
                .check(now(), Zone::utc())
                .is_ok()
        );
        assert!(
            proposal("2027-11-24T12:00:00Z")
                .check(now(), Zone::utc())
                .is_ok()
        );
        assert_eq!(
            problem(proposal("2027-11-24T12:01:00Z").check(now(), Zone::utc())),
            range
        );
    }

    #[test]
    fn form_times_are_read_in_the_zone_of_the_page() {
        let chicago = Zone::parse("America/Chicago").unwrap_or_else(|_| Zone::utc());
        let local = |value: &str, zone: Zone| StartsAt::Local(value.into()).resolve(zone);
        let utc = Timestamp::parse_rfc3339("2026-11-24T00:30:00Z").ok_or(());
        assert_eq!(local("2026-11-23T18:30", chicago).map_err(|_| ()), utc);
        assert_eq!(local("2026-11-24T00:30", Zone::utc()).map_err(|_| ()), utc);
        // An API time carries its own offset, whatever the zone.
        assert_eq!(
            StartsAt::Rfc3339("2026-11-24T00:30:00Z".into())
                .resolve(chicago)
                .map_err(|_| ()),
            utc
        );
        assert_eq!(
            local("tomorrow at six", chicago).map_err(|e| e.problem),
            Err(Problem::Format)
        );
        assert_eq!(local("", chicago).map_err(|e| e.field), Err("starts_at"));
    }

    #[test]
    fn every_wrong_field_is_told_at_once() {
        let mut p = proposal("yesterday");
        p.title = " ".into();
        p.location = String::new();
        let fields: Vec<_> = p
            .check(now(), Zone::utc())
            .err()
            .map(|e| e.iter().map(|i| i.field).collect())
            .unwrap_or_default();
        assert_eq!(fields, ["title", "starts_at", "location"]);
    }

    #[test]
    fn answers_and_agendas_from_forms() {
        assert_eq!(Rsvp::parse("maybe"), Ok(Rsvp::Maybe));
        assert_eq!(Rsvp::parse("perhaps").map_err(|e| e.field), Err("status"));
        assert_eq!(
            agenda_from_lines("Report back\r\n\r\n  Vote on the walkout \n"),
            vec!["Report back".to_owned(), "Vote on the walkout".to_owned()]
        );
        assert_eq!(check_minutes("  \n "), Ok(None));
        assert_eq!(
            check_minutes("We met.\nWe voted."),
            Ok(Some("We met.\nWe voted.".into()))
        );
        assert!(check_minutes(&"x".repeat(MINUTES_MAX + 1)).is_err());
    }

    #[test]
    fn meetings_stay_upcoming_for_two_hours() {
        let now = now();
        assert!(is_upcoming(now.plus_hours(5), now));
        assert!(is_upcoming(now.plus_millis(-STILL_UPCOMING_MS), now));
        assert!(!is_upcoming(now.plus_millis(-STILL_UPCOMING_MS - 1), now));
        // Scheduled, a meeting may have started up to a day ago; moved, it stays upcoming.
        let yesterday = now.plus_hours(-20);
        assert!(check_start(yesterday, now).is_ok());
        assert!(check_new_start(yesterday, now).is_err());
        assert!(check_new_start(now.plus_hours(1), now).is_ok());
        assert_eq!(ends_at(now), now.plus_hours(1));
        assert_eq!(feed_since(now), now.plus_hours(-30 * 24));
    }

    fn plan() -> Plan {
        proposal("2026-11-24T18:30:00Z")
            .check(now(), Zone::utc())
            .unwrap_or_else(|_| Plan {
                title: String::new(),
                starts_at: now(),
                location: String::new(),
                agenda: Vec::new(),
            })
    }

    #[test]
    fn a_change_keeps_what_it_leaves_out_and_says_what_moved() {
        let current = plan();
        let same = Change::default().check(&current, now(), Zone::utc());
        assert_eq!(
            same.as_ref().map(|r| (r.changed, r.moved)),
            Ok((false, false))
        );
        assert_eq!(same.map(|r| r.plan), Ok(current.clone()));

        let retitled = Change {
            title: Some(" Contract vote, all shifts ".into()),
            agenda: Some(vec![]),
            ..Change::default()
        }
        .check(&current, now(), Zone::utc());
        assert_eq!(
            retitled.as_ref().map(|r| (r.changed, r.moved)),
            Ok((true, false))
        );
        assert_eq!(
            retitled.map(|r| r.plan.title),
            Ok("Contract vote, all shifts".to_owned())
        );

        let moved = Change {
            location: Some("Parking lot".into()),
            ..Change::default()
        }
        .check(&current, now(), Zone::utc());
        assert_eq!(moved.map(|r| (r.changed, r.moved)), Ok((true, true)));
        let later = Change {
            starts_at: Some(StartsAt::Rfc3339("2026-11-25T18:30:00Z".into())),
            ..Change::default()
        }
        .check(&current, now(), Zone::utc());
        assert_eq!(later.map(|r| (r.changed, r.moved)), Ok((true, true)));
    }

    #[test]
    fn a_change_is_checked_like_a_new_meeting() {
        let wrong = Change {
            title: Some(" ".into()),
            starts_at: Some(StartsAt::Rfc3339("2030-01-01T00:00:00Z".into())),
            location: Some("x".repeat(LOCATION_MAX + 1)),
            agenda: Some(vec!["line\nbreak".into()]),
        }
        .check(&plan(), now(), Zone::utc());
        let fields: Vec<_> = wrong
            .err()
            .map(|e| e.iter().map(|i| i.field).collect())
            .unwrap_or_default();
        assert_eq!(fields, ["title", "starts_at", "location", "agenda"]);
    }

    #[test]
    fn cancelled_and_past_meetings_stay_as_they_are() {
        let now = now();
        assert_eq!(check_open(false, now.plus_hours(1), now), Ok(()));
        assert_eq!(
            check_open(true, now.plus_hours(1), now),
            Err(Rule::MeetingCancelled)
        );
        assert_eq!(
            check_open(false, now.plus_hours(-3), now),
            Err(Rule::MeetingOver)
        );
        assert_eq!(check_answerable(false), Ok(()));
        assert_eq!(check_answerable(true), Err(Rule::MeetingCancelled));
    }

    proptest! {
        #[test]
        fn accepted_starts_are_within_the_window(offset_min in -3_000i64..600_000) {
            let now = now();
            let starts = now.plus_millis(offset_min * 60_000);
            if let Ok(accepted) = check_start(starts, now) {
                prop_assert!(accepted >= now.plus_hours(-24));
                prop_assert!(accepted <= now.plus_hours(366 * 24));
            }
        }
    }
}
