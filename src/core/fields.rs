//! Validated values. Once one of these exists it is valid, so the layers below never check
//! again and the layers above cannot forget to.

use std::fmt;

/// Why a value was refused. Each carries the field name so that the message can say which
/// field to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Empty,
    TooShort { min: usize },
    TooLong { max: usize },
    Characters,
    Choice { allowed: &'static [&'static str] },
    Range { min: i64, max: i64 },
    Format,
}

impl Invalid {
    pub fn new(field: &'static str, problem: Problem) -> Self {
        Invalid { field, problem }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.field, self.problem)
    }
}

/// Checks free text that people type: trimmed, within `min..=max` characters, and free of
/// control characters (which hide text and break terminals and logs). Line breaks are only
/// allowed where `multiline` says so.
pub fn text(
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, Invalid> {
    let trimmed = value.trim();
    let count = trimmed.chars().count();
    if count == 0 && min > 0 {
        return Err(Invalid::new(field, Problem::Empty));
    }
    if count < min {
        return Err(Invalid::new(field, Problem::TooShort { min }));
    }
    if count > max {
        return Err(Invalid::new(field, Problem::TooLong { max }));
    }
    let allowed_control = |c: char| multiline && (c == '\n' || c == '\r' || c == '\t');
    if trimmed
        .chars()
        .any(|c| (c.is_control() && !allowed_control(c)) || is_invisible_format(c))
    {
        return Err(Invalid::new(field, Problem::Characters));
    }
    Ok(trimmed.to_owned())
}

/// Bidirectional overrides and similar characters can make a name display as someone
/// else's; they have no place in names or titles.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}')
}

macro_rules! text_newtype {
    ($(#[$doc:meta])* $name:ident, $field:literal, $min:expr, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub const MAX: usize = $max;

            pub fn parse(value: &str) -> Result<Self, Invalid> {
                text($field, value, $min, $max, false).map($name)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }
    };
}

text_newtype!(
    /// The name other members see. Defaults to the handle; never needs to be a legal name.
    DisplayName,
    "display_name",
    1,
    64
);
text_newtype!(CommitteeName, "name", 1, 120);
text_newtype!(
    /// An industry or a region as people name it ("health care", "Twin Cities").
    Label,
    "label",
    1,
    60
);

impl Label {
    pub fn parse_field(field: &'static str, value: &str) -> Result<Self, Invalid> {
        text(field, value, 1, Self::MAX, false).map(Label)
    }
}

/// A pseudonymous log-in name: 3 to 32 of `a-z 0-9 . _ -`, starting with a letter or digit,
/// compared without regard to case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Handle(String);

impl Handle {
    pub const MIN: usize = 3;
    pub const MAX: usize = 32;

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let handle = value.trim().to_ascii_lowercase();
        let len = handle.chars().count();
        if len == 0 {
            return Err(Invalid::new("handle", Problem::Empty));
        }
        if len < Self::MIN {
            return Err(Invalid::new("handle", Problem::TooShort { min: Self::MIN }));
        }
        if len > Self::MAX {
            return Err(Invalid::new("handle", Problem::TooLong { max: Self::MAX }));
        }
        let mut chars = handle.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
        let rest_ok =
            chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
        if !first_ok || !rest_ok {
            return Err(Invalid::new("handle", Problem::Characters));
        }
        Ok(Handle(handle))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed. Long enough to resist guessing, short enough that hashing it cannot
/// be used to tie up the server.
pub struct Password(String);

impl Password {
    pub const MIN: usize = 8;
    pub const MAX: usize = 128;

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let len = value.chars().count();
        if len == 0 {
            return Err(Invalid::new("password", Problem::Empty));
        }
        if len < Self::MIN {
            return Err(Invalid::new(
                "password",
                Problem::TooShort { min: Self::MIN },
            ));
        }
        if len > Self::MAX {
            return Err(Invalid::new(
                "password",
                Problem::TooLong { max: Self::MAX },
            ));
        }
        Ok(Password(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(..)")
    }
}

/// Declares an enum of fixed choices with its wire names, parsing and listing in one place.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident, $field:literal { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(value: &str) -> Result<Self, $crate::core::fields::Invalid> {
                match value.trim() {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::core::fields::Invalid::new(
                        $field,
                        $crate::core::fields::Problem::Choice { allowed: Self::NAMES },
                    )),
                }
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use choice;

choice!(
    /// The languages every page and message is translated into.
    Language, "language" { En = "en", Es = "es" }
);

impl Language {
    /// Picks the best supported language from an `Accept-Language` header.
    pub fn negotiate(accept_language: &str) -> Option<Language> {
        let mut best: Option<(f32, Language)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Ok(lang) = Language::parse(primary)
                && best.is_none_or(|(q, _)| quality > q)
            {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }
}

choice!(CommitteeKind, "kind" { Workplace = "workplace", Council = "council" });

choice!(WorkplaceType, "workplace_type" {
    Factory = "factory",
    Depot = "depot",
    Warehouse = "warehouse",
    Office = "office",
    School = "school",
    Hospital = "hospital",
    Other = "other",
});

choice!(
    /// A member's standing in one committee. Coordinators can do what changes the committee;
    /// every member can see what they did in the audit log.
    Role, "role" { Coordinator = "coordinator", Member = "member" }
);

choice!(InviteKind, "kind" { Member = "member", Affiliation = "affiliation" });

/// Checks an integer against an inclusive range.
pub fn in_range(field: &'static str, value: i64, min: i64, max: i64) -> Result<i64, Invalid> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(Invalid::new(field, Problem::Range { min, max }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn handles_are_normalised_and_checked() {
        assert_eq!(Handle::parse("  Rosa_M ").map(|h| h.0), Ok("rosa_m".into()));
        assert_eq!(
            Handle::parse("ro").map_err(|e| e.problem),
            Err(Problem::TooShort { min: 3 })
        );
        assert_eq!(
            Handle::parse("-rosa").map_err(|e| e.problem),
            Err(Problem::Characters)
        );
        assert_eq!(
            Handle::parse("rosa maría").map_err(|e| e.problem),
            Err(Problem::Characters)
        );
        assert_eq!(
            Handle::parse("").map_err(|e| e.problem),
            Err(Problem::Empty)
        );
        assert!(Handle::parse(&"a".repeat(33)).is_err());
    }

    #[test]
    fn text_refuses_control_and_direction_tricks() {
        assert!(DisplayName::parse("Rosa\u{202E}").is_err());
        assert!(DisplayName::parse("Ro\u{0}sa").is_err());
        assert!(DisplayName::parse("Ro\nsa").is_err());
        assert_eq!(
            DisplayName::parse("  María José ").map(|d| d.0),
            Ok("María José".into())
        );
        assert!(text("body", "line one\nline two", 1, 100, true).is_ok());
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(DisplayName::parse(&"ñ".repeat(64)).is_ok());
        assert!(DisplayName::parse(&"ñ".repeat(65)).is_err());
    }

    #[test]
    fn language_negotiation_prefers_quality() {
        assert_eq!(
            Language::negotiate("es-MX,es;q=0.9,en;q=0.8"),
            Some(Language::Es)
        );
        assert_eq!(Language::negotiate("fr, en;q=0.5"), Some(Language::En));
        assert_eq!(
            Language::negotiate("en;q=0.2, es;q=0.7"),
            Some(Language::Es)
        );
        assert_eq!(Language::negotiate("de"), None);
    }

    #[test]
    fn choices_parse_their_names() {
        for (kind, name) in WorkplaceType::ALL.iter().zip(WorkplaceType::NAMES) {
            assert_eq!(WorkplaceType::parse(name), Ok(*kind));
            assert_eq!(kind.as_str(), *name);
        }
        assert!(WorkplaceType::parse("castle").is_err());
    }

    proptest! {
        #[test]
        fn accepted_text_is_trimmed_and_bounded(s in "\\PC{0,80}") {
            if let Ok(name) = CommitteeName::parse(&s) {
                let n = name.as_str().chars().count();
                prop_assert!((1..=120).contains(&n));
                prop_assert_eq!(name.as_str(), name.as_str().trim());
            }
        }

        #[test]
        fn accepted_handles_are_canonical(s in "[A-Za-z0-9._ -]{0,40}") {
            if let Ok(handle) = Handle::parse(&s) {
                prop_assert_eq!(Handle::parse(handle.as_str()), Ok(handle.clone()));
            }
        }
    }
}
