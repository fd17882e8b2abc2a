//! Every validated field: parsing never panics, whatever it accepts is within its limits,
//! and parsing what it produced gives the same value back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outnumber::core::fields::{
    CommitteeKind, CommitteeName, DisplayName, Handle, InviteKind, Label, Language, Password, Role,
    WorkplaceType, in_range, text,
};
use outnumber::core::invites::InviteTerms;

macro_rules! stable {
    ($ty:ty, $input:expr) => {
        if let Ok(value) = <$ty>::parse($input) {
            let shown = value.as_str();
            assert!(
                (1..=<$ty>::MAX).contains(&shown.chars().count()),
                "{shown:?}"
            );
            assert_eq!(
                <$ty>::parse(shown)
                    .map(|v| v.as_str().to_owned())
                    .ok()
                    .as_deref(),
                Some(shown)
            );
        }
    };
}

macro_rules! choice {
    ($ty:ty, $input:expr) => {
        if let Ok(value) = <$ty>::parse($input) {
            assert_eq!(<$ty>::parse(value.as_str()), Ok(value));
            assert!(<$ty>::NAMES.contains(&value.as_str()));
        }
    };
}

fuzz_target!(|input: &str| {
    if let Ok(handle) = Handle::parse(input) {
        let shown = handle.as_str();
        assert!(
            (Handle::MIN..=Handle::MAX).contains(&shown.len()),
            "{shown:?}"
        );
        assert!(
            shown
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        );
        assert_eq!(Handle::parse(shown).ok(), Some(handle.clone()));
    }
    stable!(DisplayName, input);
    stable!(CommitteeName, input);
    stable!(Label, input);
    if let Ok(password) = Password::parse(input) {
        assert_eq!(password.as_str(), input, "passwords are kept as typed");
    }
    for multiline in [false, true] {
        if let Ok(kept) = text("field", input, 0, 280, multiline) {
            assert!(kept.chars().count() <= 280);
            assert_eq!(kept, kept.trim());
            assert!(
                !kept
                    .chars()
                    .any(|c| c.is_control() && !(multiline && "\r\n\t".contains(c)))
            );
        }
    }
    choice!(Language, input);
    choice!(CommitteeKind, input);
    choice!(WorkplaceType, input);
    choice!(Role, input);
    choice!(InviteKind, input);
    let _ = Language::negotiate(input);

    // Numbers taken from the same bytes.
    let bytes = input.as_bytes();
    if bytes.len() >= 24 {
        let number = |i: usize| i64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
        let (a, b, c) = (number(0), number(8), number(16));
        let (low, high) = (a.min(b), a.max(b));
        match in_range("n", c, low, high) {
            Ok(n) => assert!(low <= n && n <= high),
            Err(_) => assert!(c < low || c > high),
        }
        for kind in [InviteKind::Member, InviteKind::Affiliation] {
            if let Ok(terms) = InviteTerms::parse(kind, Some(a), Some(b)) {
                assert!((1..=outnumber::core::invites::MAX_USES).contains(&terms.max_uses));
                assert!(
                    (1..=outnumber::core::invites::MAX_HOURS).contains(&terms.expires_in_hours)
                );
            }
        }
    }
});
