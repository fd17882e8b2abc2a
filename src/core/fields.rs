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
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    Characters,
    Choice {
        allowed: &'static [&'static str],
    },
    Range {
        min: i64,
        max: i64,
    },
    Format,
    /// Another of the member's own things goes by this value already (a token's name).
    Taken,
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

/// Every refused field of a request at once, so that a form can show them all together
/// rather than one per attempt. Never empty once it is an error.
///
/// A check goes through each field with [`Invalids::check`], which keeps the value or the
/// problem, and ends with [`Invalids::finish`]:
///
/// ```ignore
/// let mut checks = Invalids::default();
/// let name = checks.check(CommitteeName::parse(&form.name));
/// let kind = checks.check(CommitteeKind::parse(&form.kind));
/// let (name, kind) = checks.finish((|| Some((name?, kind?)))())?;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Invalids(Vec<Invalid>);

impl Invalids {
    /// The value, or `None` with its problem kept.
    pub fn check<T>(&mut self, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(invalid) => {
                self.push(invalid);
                None
            }
        }
    }

    /// Keeps a problem (a field refused twice keeps its first).
    pub fn push(&mut self, invalid: Invalid) {
        if !self.0.iter().any(|known| known.field == invalid.field) {
            self.0.push(invalid);
        }
    }

    /// The checked values when no field was refused, or every problem. `values` is `None`
    /// exactly when some check failed; were it `None` with no problem kept (a bug in the
    /// caller), the request is refused as a whole rather than let through.
    pub fn finish<T>(self, values: Option<T>) -> Result<T, Invalids> {
        match values {
            Some(values) if self.0.is_empty() => Ok(values),
            _ if self.0.is_empty() => Err(Invalids(vec![Invalid::new("body", Problem::Format)])),
            _ => Err(self),
        }
    }

    /// Refused when any field was.
    pub fn done(self) -> Result<(), Invalids> {
        self.finish(Some(()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem, in the order of the fields: what the API's `code` names.
    pub fn first(&self) -> Option<&Invalid> {
        self.0.first()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Invalid> {
        self.0.iter()
    }
}

impl From<Invalid> for Invalids {
    fn from(invalid: Invalid) -> Self {
        Invalids(vec![invalid])
    }
}

impl fmt::Display for Invalids {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, invalid) in self.0.iter().enumerate() {
            if n > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{invalid}")?;
        }
        Ok(())
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

/// The name other members see, when a member chooses one (without one, a member is shown by
/// a neutral name, see `core::names`; never by the handle). Never needs to be a legal name.
///
/// Besides what all text refuses, a display name refuses every character that shows nothing
/// or changes how others are shown: format characters (soft hyphen, joiners, direction
/// marks and isolates, invisible operators, interlinear annotation, tags…), fillers that
/// render as blank space (Hangul fillers, the blank Braille pattern), private-use and
/// non-characters, a mark with nothing to sit on, and stacks of marks. Runs of spaces are
/// one space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX: usize = 64;
    /// Combining marks on one letter: Vietnamese needs two, some scripts three or four;
    /// more only smears over the names around it.
    const MAX_MARKS: usize = 4;

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        const FIELD: &str = "display_name";
        let refused = || Invalid::new(FIELD, Problem::Characters);
        // Looked at before spaces are collapsed, which would turn a line break into a space.
        if value.trim().chars().any(hidden_in_names) {
            return Err(refused());
        }
        let spaced = value.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = text(FIELD, &spaced, 1, Self::MAX, false)?;
        // Marks (accents, variation selectors) sit on what comes before them.
        let mut marks = 0;
        let mut after_selector = false;
        for (i, c) in name.chars().enumerate() {
            let selector = is_variation_selector(c);
            if is_mark(c) {
                marks += 1;
                if i == 0 || marks > Self::MAX_MARKS || (selector && after_selector) {
                    return Err(refused());
                }
            } else {
                marks = 0;
            }
            after_selector = selector;
        }
        Ok(DisplayName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The form two names are compared in (see `core::names::key`).
    pub fn key(&self) -> String {
        crate::core::names::key(&self.0)
    }
}

/// Characters that show nothing, show as blank space, or change how the text around them
/// is shown. Spaces are not here: they are trimmed and collapsed instead.
fn hidden_in_names(c: char) -> bool {
    let code = u32::from(c);
    c.is_control()
        // Format characters (general category Cf).
        || matches!(c,
            '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
            | '\u{0890}'..='\u{0891}' | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}' | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E007F}')
        // Letters and marks that render as nothing or as blank space.
        || matches!(c,
            '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{2800}'
            | '\u{3164}' | '\u{FFA0}' | '\u{16FE4}' | '\u{1D159}')
        // Line and paragraph separators left inside a name.
        || matches!(c, '\u{2028}' | '\u{2029}')
        // Private use: each font draws what it likes, or nothing.
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
        // Non-characters.
        || matches!(c, '\u{FDD0}'..='\u{FDEF}')
        || code & 0xFFFE == 0xFFFE
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c) || is_variation_selector(c)
}
text_newtype!(CommitteeName, "name", 1, 120);
text_newtype!(
    /// What a committee's contact line is ("Legal hotline").
    ContactLabel,
    "contact_label",
    1,
    60
);
text_newtype!(
    /// A contact line's number or address, as coordinators type it.
    ContactValue,
    "contact_value",
    1,
    120
);
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
        Password::parse_field("password", value)
    }

    /// A password refused as the field `field` (a form's `new_password`).
    pub fn parse_field(field: &'static str, value: &str) -> Result<Self, Invalid> {
        let len = value.chars().count();
        if len == 0 {
            return Err(Invalid::new(field, Problem::Empty));
        }
        if len < Self::MIN {
            return Err(Invalid::new(field, Problem::TooShort { min: Self::MIN }));
        }
        if len > Self::MAX {
            return Err(Invalid::new(field, Problem::TooLong { max: Self::MAX }));
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
    /// The languages every page and message is translated into: English, Spanish, Somali
    /// and (White) Hmong, the languages of the workers the project grew among. Adding one
    /// means a variant here, its folder in `locales/` and its identifier in `i18n`.
    Language, "language" { En = "en", Es = "es", So = "so", Hmn = "hmn" }
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
            let primary = match tag.split('-').next().unwrap_or("") {
                // White Hmong (Hmong Daw) has a code of its own besides the macrolanguage's.
                "mww" => "hmn",
                other => other,
            };
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
    fn every_refused_field_is_kept_in_order() {
        let mut checks = Invalids::default();
        let handle = checks.check(Handle::parse("x"));
        let password = checks.check(Password::parse("long enough"));
        let again = checks.check(Handle::parse(""));
        let name = checks.check(CommitteeName::parse(" "));
        assert!(handle.is_none() && again.is_none() && name.is_none());
        assert!(password.is_some());
        let fields: Vec<_> = checks.iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            ["handle", "name"],
            "a field refused twice counts once"
        );
        assert_eq!(checks.first().map(|i| i.field), Some("handle"));
        let refused = checks.finish((|| Some((handle?, password?, name?)))());
        assert_eq!(refused.map_err(|e| e.iter().count()).err(), Some(2));

        let mut fine = Invalids::default();
        let handle = fine.check(Handle::parse("rosa"));
        assert_eq!(fine.finish(handle).map(|h| h.0), Ok("rosa".to_owned()));
        // A value missing with no problem kept is refused, never let through.
        assert!(Invalids::default().finish(None::<()>).is_err());
        assert!(Invalids::default().done().is_ok());
    }

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

    /// Every character named in issue 14, and the rest of their kind.
    const HIDDEN: &[char] = &[
        '\u{2060}',
        '\u{061C}',
        '\u{180E}',
        '\u{00AD}',
        '\u{2062}',
        '\u{2063}',
        '\u{2064}',
        '\u{206A}',
        '\u{FFF9}',
        '\u{E0001}',
        '\u{E0041}',
        '\u{E007F}',
        '\u{3164}',
        '\u{115F}',
        '\u{1160}',
        '\u{FFA0}',
        '\u{2800}',
        '\u{200B}',
        '\u{200D}',
        '\u{200E}',
        '\u{202E}',
        '\u{2066}',
        '\u{FEFF}',
        '\u{034F}',
        '\u{17B4}',
        '\u{2028}',
        '\u{E000}',
        '\u{FFFF}',
        '\u{0600}',
        '\u{1D173}',
        '\u{13430}',
        '\u{1BCA0}',
    ];

    #[test]
    fn display_names_refuse_what_shows_nothing() {
        for c in HIDDEN {
            assert!(DisplayName::parse(&c.to_string()).is_err(), "{c:?} alone");
            assert!(
                DisplayName::parse(&format!("Ro{c}sa")).is_err(),
                "{c:?} inside"
            );
            // At an end, a separator is trimmed away like any space.
            assert!(
                DisplayName::parse(&format!("Rosa{c}")).map_or(true, |n| !n.as_str().contains(*c)),
                "{c:?} at the end"
            );
            assert!(
                DisplayName::parse(&format!("{c}{c}{c}")).is_err(),
                "{c:?} repeated"
            );
        }
        // Marks with nothing under them, or piled up.
        assert!(DisplayName::parse("\u{0301}").is_err());
        assert!(DisplayName::parse("\u{0301}Rosa").is_err());
        assert!(DisplayName::parse("\u{FE0F}").is_err());
        assert!(DisplayName::parse("Rosa\u{FE0F}\u{FE0F}").is_err());
        assert!(DisplayName::parse("Ro\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}sa").is_err());
        // Blank in every way.
        for blank in ["", "   ", "\u{3000}", "\u{00A0}\u{2003}"] {
            assert_eq!(
                DisplayName::parse(blank).map_err(|e| e.problem),
                Err(Problem::Empty),
                "{blank:?}"
            );
        }
    }

    #[test]
    fn display_names_take_the_worlds_names() {
        for name in [
            "María José",
            "Nguyễn Văn An",
            "Nguye\u{0302}\u{0303}n",
            "فاطمة",
            "अमित",
            "สมชาย",
            "김민준",
            "葛\u{E0100}城",
            "Rosa ❤\u{FE0F}",
            "O'Brien-Smith",
            "Ana L.",
        ] {
            assert_eq!(
                DisplayName::parse(name).map(DisplayName::into_string),
                Ok(name.to_owned()),
                "{name:?}"
            );
        }
        assert_eq!(
            DisplayName::parse(" Rosa \u{3000}  M. ").map(DisplayName::into_string),
            Ok("Rosa M.".to_owned())
        );
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
        assert_eq!(Language::negotiate("so-SO,so;q=0.9"), Some(Language::So));
        assert_eq!(
            Language::negotiate("en;q=0.5, so;q=0.8"),
            Some(Language::So)
        );
        assert_eq!(Language::negotiate("hmn-US,en;q=0.3"), Some(Language::Hmn));
        assert_eq!(Language::negotiate("mww, en;q=0.9"), Some(Language::Hmn));
        // Codes that only look like ours are not taken for them.
        assert_eq!(Language::negotiate("som, hm"), None);
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
        fn accepted_display_names_show_something(s in "\\PC{0,70}|[ \\u{0300}-\\u{036F}\\u{FE00}-\\u{FE0F}\\u{2060}-\\u{206F}\\u{3164}a]{0,8}") {
            if let Ok(name) = DisplayName::parse(&s) {
                let name = name.as_str();
                prop_assert!((1..=DisplayName::MAX).contains(&name.chars().count()));
                prop_assert_eq!(name, name.trim());
                prop_assert!(!name.contains("  "));
                prop_assert!(!name.chars().any(hidden_in_names));
                prop_assert!(name.chars().next().is_some_and(|c| !is_mark(c)));
            }
        }

        #[test]
        fn a_hidden_character_anywhere_is_refused(
            before in "\\PC{0,20}",
            hidden in proptest::sample::select(HIDDEN),
            after in "\\PC{0,20}",
        ) {
            let name = format!("{before}{hidden}{after}");
            // Refused, or (a separator at an end) trimmed away.
            prop_assert!(
                DisplayName::parse(&name).map_or(true, |n| !n.as_str().contains(hidden)),
                "{:?}",
                name
            );
        }

        #[test]
        fn accepted_handles_are_canonical(s in "[A-Za-z0-9._ -]{0,40}") {
            if let Ok(handle) = Handle::parse(&s) {
                prop_assert_eq!(Handle::parse(handle.as_str()), Ok(handle.clone()));
            }
        }
    }
}
