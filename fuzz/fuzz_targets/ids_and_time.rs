//! Ids, invite codes, times and the feed's cursor: what clients send back to us as text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outnumber::core::bulletins::Cursor;
use outnumber::core::ids::normalize_code;
use outnumber::core::zones::Zone;
use outnumber::core::{Id, Timestamp};

fuzz_target!(|input: &str| {
    if let Ok(id) = input.parse::<Id>() {
        assert!(id.get() > 0);
        assert_eq!(id.to_string(), input, "an id has one spelling");
    }
    let _ = outnumber::web::extract::path_id(input);

    let code = normalize_code(input);
    assert_eq!(normalize_code(&code), code);

    if let Some(t) = Timestamp::parse_rfc3339(input) {
        // What we print, we read back as the same instant.
        let again = Timestamp::parse_rfc3339(&t.rfc3339());
        assert_eq!(
            again.map(Timestamp::millis),
            Some(t.millis()),
            "{input:?} -> {}",
            t.rfc3339()
        );
        let chicago = Zone::parse("America/Chicago").unwrap_or_else(|_| Zone::utc());
        let _ = chicago.local(t);
        // A time shown in a form reads back as the same minute.
        let shown = chicago.datetime_local(t);
        let _ = chicago.parse_local(&shown);
        let _ = outnumber::meetings::ical::utc(t);
    }
    let _ = Zone::utc().parse_local(input);
    let _ = Zone::parse(input);

    if let Ok(cursor) = Cursor::decode(input) {
        assert_eq!(Cursor::decode(&cursor.encode()), Ok(cursor));
    }
});
