//! The private iCalendar feed: meeting titles, places and agendas typed by members must not
//! break out of their property (a line break or an unescaped `;` or `,` could add fields or
//! events to a member's calendar), and lines stay within 75 octets without splitting a
//! character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outnumber::core::Timestamp;
use outnumber::meetings::ical::{Event, Status, calendar, escape};

fuzz_target!(|input: &str| {
    let escaped = escape(input);
    assert!(
        !escaped.contains('\n') && !escaped.contains('\r'),
        "{escaped:?}"
    );
    assert_eq!(
        unescape(&escaped),
        input.replace("\r\n", "\n").replace('\r', "\n")
    );

    // Three fields from one input, split at the first two `|`.
    let mut fields = input.splitn(3, '|');
    let summary = fields.next().unwrap_or_default();
    let location = fields.next().unwrap_or_default();
    let description = fields.next().unwrap_or_default();
    let urgent = input.len() % 2 == 0;
    let status = match input.len() % 3 {
        0 => Status::Confirmed,
        1 => Status::Tentative,
        _ => Status::Cancelled,
    };
    let event = Event {
        uid: "0123456789abcdef@outnumber".to_owned(),
        starts_at: Timestamp::from_millis(1_800_000_000_000),
        ends_at: Timestamp::from_millis(1_800_003_600_000),
        modified_at: Timestamp::from_millis(1_790_000_000_000),
        sequence: 0,
        summary,
        location,
        description,
        urgent,
        status,
    };
    let out = calendar(summary, outnumber::core::zones::Zone::utc(), &[event]);
    assert!(out.ends_with("\r\n"));
    let lines: Vec<&str> = out.split("\r\n").collect();
    let mut properties = Vec::new();
    for line in &lines[..lines.len() - 1] {
        assert!(line.len() <= 75, "{line:?}");
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        if !line.starts_with(' ') {
            properties.push(line.split(':').next().unwrap_or_default().to_owned());
        }
    }
    // The calendar and the event, and an emergency's alarm unless it was called off: no
    // more, whatever was typed.
    let components = if urgent && status != Status::Cancelled {
        3
    } else {
        2
    };
    assert_eq!(
        properties.iter().filter(|p| *p == "BEGIN").count(),
        components,
        "{out}"
    );
    assert_eq!(
        properties.iter().filter(|p| *p == "END").count(),
        components,
        "{out}"
    );
    assert_eq!(
        properties.iter().filter(|p| *p == "SUMMARY").count(),
        1,
        "{out}"
    );
});

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("a dangling backslash in {value:?}"),
            }
        } else {
            assert!(c != ';' && c != ',', "unescaped {c:?} in {value:?}");
            out.push(c);
        }
    }
    out
}
