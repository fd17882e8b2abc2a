//! Just enough iCalendar (RFC 5545) for a feed of meetings that phone calendars subscribe
//! to. Written out by hand: the format is a few line rules, and a library would bring far
//! more than the handful of properties used here.

use time::OffsetDateTime;
use time::macros::format_description;

use crate::core::Timestamp;
use crate::core::zones::Zone;

/// One meeting as a calendar event.
pub struct Event<'a> {
    pub uid: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// When the meeting was last changed: its `DTSTAMP` and `LAST-MODIFIED`, so that the
    /// same meetings always make the same calendar (and the same `ETag`).
    pub modified_at: Timestamp,
    /// How many times it was changed since it was first published (`SEQUENCE`).
    pub sequence: i64,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    /// An emergency meeting: marked urgent, with an alarm a quarter of an hour before.
    pub urgent: bool,
    pub status: Status,
}

/// Whether the event takes place (RFC 5545, 3.8.1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Confirmed,
    /// Not sure yet: an action that goes ahead only once enough pledge.
    Tentative,
    /// Called off: it stays in the calendar, marked, so that calendars take it out.
    Cancelled,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "CONFIRMED",
            Status::Tentative => "TENTATIVE",
            Status::Cancelled => "CANCELLED",
        }
    }
}

/// How long before an emergency meeting the calendar rings.
const ALARM_BEFORE: &str = "-PT15M";

/// A whole calendar, with CRLF line endings and long lines folded.
pub fn calendar(name: &str, zone: Zone, events: &[Event<'_>]) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Outnumber//Meetings//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    // Times stay in UTC, which every calendar reads right; this tells the ones that look at
    // it which zone the committee keeps its times in.
    line(&format!("X-WR-TIMEZONE:{}", zone.name()));
    // Phones otherwise refresh subscriptions as rarely as once a day or week.
    line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    line("X-PUBLISHED-TTL:PT1H");
    if events.is_empty() {
        // A calendar holds at least one component (RFC 5545, 3.6): with no meeting, the
        // zone its times are in, which is UTC.
        for text in [
            "BEGIN:VTIMEZONE",
            "TZID:UTC",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000",
            "TZNAME:UTC",
            "END:STANDARD",
            "END:VTIMEZONE",
        ] {
            line(text);
        }
    }
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", event.uid));
        line(&format!("DTSTAMP:{}", utc(event.modified_at)));
        line(&format!("LAST-MODIFIED:{}", utc(event.modified_at)));
        line(&format!("SEQUENCE:{}", event.sequence));
        line(&format!("DTSTART:{}", utc(event.starts_at)));
        line(&format!("DTEND:{}", utc(event.ends_at)));
        line(&format!("STATUS:{}", event.status.as_str()));
        line(&format!("SUMMARY:{}", escape(event.summary)));
        if !event.location.is_empty() {
            line(&format!("LOCATION:{}", escape(event.location)));
        }
        if !event.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(event.description)));
        }
        // A meeting called off no longer rings.
        if event.urgent && event.status != Status::Cancelled {
            line("PRIORITY:1");
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("TRIGGER:{ALARM_BEFORE}"));
            line(&format!("DESCRIPTION:{}", escape(event.summary)));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// A date and time in UTC, as `20261123T140500Z`.
pub fn utc(t: Timestamp) -> String {
    let format = format_description!("[year][month][day]T[hour][minute][second]Z");
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.millis()) * 1_000_000)
        .ok()
        .and_then(|dt| dt.format(&format).ok())
        .unwrap_or_else(|| "19700101T000000Z".to_owned())
}

/// Escapes a TEXT value: backslash, semicolon, comma, and line breaks as `\n`.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Lines may hold at most 75 octets; longer ones continue on lines that start with a space.
/// A break never falls inside a character, since calendars would show the halves as
/// garbage.
const LINE_OCTETS: usize = 75;

fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    fn at(rfc3339: &str) -> Timestamp {
        Timestamp::parse_rfc3339(rfc3339).unwrap_or(Timestamp::from_millis(0))
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("Walkout; bring signs, water\\food\r\nand friends\nok"),
            "Walkout\\; bring signs\\, water\\\\food\\nand friends\\nok"
        );
    }

    #[test]
    fn times_are_utc() {
        assert_eq!(utc(at("2026-11-23T08:05:09-06:00")), "20261123T140509Z");
    }

    #[test]
    fn a_calendar_has_its_events() {
        let events = [
            Event {
                uid: "00000000000000aa@outnumber".into(),
                starts_at: at("2026-11-23T18:00:00Z"),
                ends_at: at("2026-11-23T19:00:00Z"),
                modified_at: at("2026-11-20T00:00:00Z"),
                sequence: 0,
                summary: "Contract vote, all shifts",
                location: "Union hall",
                description: "1. Report\n2. Vote",
                urgent: false,
                status: Status::Confirmed,
            },
            Event {
                uid: "00000000000000bb@outnumber".into(),
                starts_at: at("2026-11-24T06:00:00Z"),
                ends_at: at("2026-11-24T07:00:00Z"),
                modified_at: at("2026-11-21T12:30:00Z"),
                sequence: 0,
                summary: "Raid at the depot",
                location: "Parking lot",
                description: "",
                urgent: true,
                status: Status::Confirmed,
            },
        ];
        let ics = calendar("Lake Street Depot", Zone::utc(), &events);
        assert!(
            ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{ics}"
        );
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{ics}");
        assert!(
            !ics.replace("\r\n", "").contains('\n'),
            "every line ends in CRLF"
        );
        assert!(ics.contains("\r\nX-WR-CALNAME:Lake Street Depot\r\n"));
        assert!(ics.contains("\r\nUID:00000000000000aa@outnumber\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20261120T000000Z\r\n"));
        assert!(ics.contains("\r\nDTSTART:20261123T180000Z\r\nDTEND:20261123T190000Z\r\n"));
        assert!(ics.contains("\r\nSUMMARY:Contract vote\\, all shifts\r\n"));
        assert!(ics.contains("\r\nDESCRIPTION:1. Report\\n2. Vote\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(ics.matches("PRIORITY:1").count(), 1, "only the urgent one");
        assert!(ics.contains("\r\nLAST-MODIFIED:20261121T123000Z\r\n"));
        assert_eq!(ics.matches("\r\nSEQUENCE:0\r\n").count(), 2);
        let urgent = ics.split("BEGIN:VEVENT").nth(2).unwrap_or("");
        assert!(urgent.contains("PRIORITY:1"));
        // Only the emergency meeting rings, a quarter of an hour before, saying what it is.
        assert_eq!(ics.matches("BEGIN:VALARM").count(), 1);
        assert!(urgent.contains(
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Raid at the depot\r\nEND:VALARM\r\n"
        ));
        assert!(!ics.contains("VTIMEZONE"), "{ics}");
        // The same meetings make the same calendar.
        assert_eq!(ics, calendar("Lake Street Depot", Zone::utc(), &events));
    }

    #[test]
    fn a_cancelled_meeting_stays_marked_and_no_longer_rings() {
        let events = [Event {
            uid: "cc@outnumber".into(),
            starts_at: at("2026-11-24T06:00:00Z"),
            ends_at: at("2026-11-24T07:00:00Z"),
            modified_at: at("2026-11-22T09:00:00Z"),
            sequence: 2,
            summary: "Raid at the depot",
            location: "Parking lot",
            description: "",
            urgent: true,
            status: Status::Cancelled,
        }];
        let ics = calendar("C", Zone::utc(), &events);
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n"), "{ics}");
        assert!(ics.contains("\r\nSEQUENCE:2\r\n"), "{ics}");
        assert!(ics.contains("\r\nLAST-MODIFIED:20261122T090000Z\r\n"));
        assert!(!ics.contains("VALARM"), "{ics}");
    }

    #[test]
    fn an_empty_calendar_still_holds_a_component() {
        let ics = calendar("Lake Street Depot", Zone::utc(), &[]);
        assert!(ics.contains("\r\nBEGIN:VTIMEZONE\r\nTZID:UTC\r\n"), "{ics}");
        assert!(ics.ends_with("END:VTIMEZONE\r\nEND:VCALENDAR\r\n"), "{ics}");
        assert!(!ics.contains("VEVENT"));
    }

    #[test]
    fn long_lines_fold_between_characters() {
        let summary = "Asamblea: ¿huelga? ".repeat(12);
        let location = "ñ".repeat(100);
        let events = [Event {
            uid: "x@outnumber".into(),
            starts_at: at("2026-11-23T18:00:00Z"),
            ends_at: at("2026-11-23T19:00:00Z"),
            modified_at: at("2026-11-20T00:00:00Z"),
            sequence: 0,
            summary: &summary,
            location: &location,
            description: "",
            urgent: false,
            status: Status::Confirmed,
        }];
        let ics = calendar("C", Zone::utc(), &events);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = unfold(&ics);
        assert!(
            unfolded.contains(&format!("\r\nSUMMARY:{summary}\r\n")),
            "{unfolded}"
        );
        assert!(unfolded.contains(&format!("\r\nLOCATION:{location}\r\n")));
        assert!(ics.contains("\r\n "), "something was folded");
    }

    proptest! {
        #[test]
        fn folding_keeps_every_line_short_and_loses_nothing(text in "\\PC{0,300}") {
            let mut out = String::new();
            fold_into(&mut out, &text);
            for line in out.trim_end_matches("\r\n").split("\r\n") {
                prop_assert!(line.len() <= 75);
            }
            prop_assert_eq!(unfold(&out), format!("{text}\r\n"));
        }
    }
}
