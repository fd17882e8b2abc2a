//! API tokens for integrations: what a token's scopes allow, its name and its lifetime.
//!
//! A token acts for its member, never beyond what the member may do, and only within its
//! scopes: `read` (every read the member may make), or a part of the API read (`meetings:read`)
//! or read and written (`meetings:write`). The parts are the API's own parts (its OpenAPI
//! tags). Which routes no token may use at all (managing tokens, the password, deleting or
//! exporting the account, administration) is the web layer's list, `web::caller`.

use crate::core::fields::{Invalid, Problem, choice, text};

/// What every token's secret starts with, so that secret scanners (and people) can tell one
/// in a log or a repository.
pub const PREFIX: &str = "onb_";

/// A token lives this many days unless its member chose otherwise.
pub const DEFAULT_DAYS: i64 = 90;
/// No token lives longer: a forgotten one ends by itself.
pub const MAX_DAYS: i64 = 365;
/// A member may hold this many tokens at once.
pub const MAX_TOKENS: usize = 20;

choice!(
    /// The parts of the API a token may be scoped to: the API's tags, save `accounts`
    /// (whose routes no token may use, besides reading `GET /me`).
    Part, "scopes" {
        Committees = "committees",
        Invites = "invites",
        Meetings = "meetings",
        Motions = "motions",
        Delegates = "delegates",
        Demands = "demands",
        Actions = "actions",
        Incidents = "incidents",
        Bulletins = "bulletins",
        Notifications = "notifications",
        Delivery = "delivery",
    }
);

/// One scope of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every read (GET) the member may make.
    Read,
    /// One part read.
    PartRead(Part),
    /// One part read and written.
    PartWrite(Part),
}

impl Scope {
    /// Every scope, as written.
    pub const NAMES: &'static [&'static str] = &[
        "read",
        "committees:read",
        "committees:write",
        "invites:read",
        "invites:write",
        "meetings:read",
        "meetings:write",
        "motions:read",
        "motions:write",
        "delegates:read",
        "delegates:write",
        "demands:read",
        "demands:write",
        "actions:read",
        "actions:write",
        "incidents:read",
        "incidents:write",
        "bulletins:read",
        "bulletins:write",
        "notifications:read",
        "notifications:write",
        "delivery:read",
        "delivery:write",
    ];

    pub fn parse(value: &str) -> Result<Scope, Invalid> {
        let refused = || {
            Invalid::new(
                "scopes",
                Problem::Choice {
                    allowed: Self::NAMES,
                },
            )
        };
        let value = value.trim();
        if value == "read" {
            return Ok(Scope::Read);
        }
        let (part, access) = value.split_once(':').ok_or_else(refused)?;
        let part = Part::parse(part).map_err(|_| refused())?;
        match access {
            "read" => Ok(Scope::PartRead(part)),
            "write" => Ok(Scope::PartWrite(part)),
            _ => Err(refused()),
        }
    }

    /// As written, one of [`Scope::NAMES`].
    pub fn name(self) -> &'static str {
        let at = match self {
            Scope::Read => return Self::NAMES[0],
            Scope::PartRead(part) => 1 + 2 * part.index(),
            Scope::PartWrite(part) => 2 + 2 * part.index(),
        };
        Self::NAMES.get(at).copied().unwrap_or("read")
    }
}

impl Part {
    fn index(self) -> usize {
        Part::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// What a token may do: a set of scopes, none of them implied by another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scopes(Vec<Scope>);

impl Scopes {
    /// The scopes a member chose: at least one, each known. A scope another covers is
    /// dropped (`meetings:read` beside `meetings:write`, any part's read beside `read`).
    pub fn parse<S: AsRef<str>>(values: &[S]) -> Result<Scopes, Invalid> {
        if values.iter().all(|v| v.as_ref().trim().is_empty()) {
            return Err(Invalid::new("scopes", Problem::Empty));
        }
        if values.len() > Scope::NAMES.len() {
            return Err(Invalid::new(
                "scopes",
                Problem::TooLong {
                    max: Scope::NAMES.len(),
                },
            ));
        }
        let parsed = values
            .iter()
            .filter(|v| !v.as_ref().trim().is_empty())
            .map(|v| Scope::parse(v.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Scopes::normalized(parsed))
    }

    /// Scopes as stored (`as_text`); a scope this version does not know is dropped, which
    /// only ever takes a right away.
    pub fn from_text(text: &str) -> Scopes {
        Scopes::normalized(
            text.split_whitespace()
                .filter_map(|s| Scope::parse(s).ok())
                .collect(),
        )
    }

    fn normalized(mut scopes: Vec<Scope>) -> Scopes {
        let all = scopes.clone();
        scopes.retain(|scope| match scope {
            Scope::Read => true,
            Scope::PartRead(part) => {
                !all.contains(&Scope::Read) && !all.contains(&Scope::PartWrite(*part))
            }
            Scope::PartWrite(_) => true,
        });
        scopes.sort_by_key(|s| Scope::NAMES.iter().position(|n| *n == s.name()));
        scopes.dedup();
        Scopes(scopes)
    }

    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }

    /// As stored: the names, separated by spaces.
    pub fn as_text(&self) -> String {
        self.names().join(" ")
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.0.iter().map(|s| s.name()).collect()
    }

    /// Whether these scopes allow a read of `part` (`write` false) or a change to it, or
    /// the scope that would.
    pub fn permits(&self, part: Part, write: bool) -> Result<(), Scope> {
        let has = |scope| self.0.contains(&scope);
        if write {
            if has(Scope::PartWrite(part)) {
                return Ok(());
            }
            return Err(Scope::PartWrite(part));
        }
        if has(Scope::Read) || has(Scope::PartRead(part)) || has(Scope::PartWrite(part)) {
            return Ok(());
        }
        Err(Scope::PartRead(part))
    }
}

/// A token's name, so that its member can tell their tokens apart: 1 to 80 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenName(String);

impl TokenName {
    pub const MAX: usize = 80;

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        text("name", value, 1, Self::MAX, false).map(TokenName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How many days a new token lives: [`DEFAULT_DAYS`] unless chosen, at most [`MAX_DAYS`].
pub fn lifetime_days(chosen: Option<i64>) -> Result<i64, Invalid> {
    match chosen {
        None => Ok(DEFAULT_DAYS),
        Some(days) if (1..=MAX_DAYS).contains(&days) => Ok(days),
        Some(_) => Err(Invalid::new(
            "expires_in_days",
            Problem::Range {
                min: 1,
                max: MAX_DAYS,
            },
        )),
    }
}

/// The start (UTC) of the day holding `millis`: all a token keeps of when it was last used.
pub fn day_of(millis: i64) -> i64 {
    const DAY: i64 = 24 * 3600 * 1000;
    millis.div_euclid(DAY) * DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scope_reads_back_as_written() {
        for name in Scope::NAMES {
            assert_eq!(Scope::parse(name).map(Scope::name), Ok(*name));
        }
        assert_eq!(Scope::NAMES.len(), 1 + 2 * Part::ALL.len());
        for bad in [
            "",
            "write",
            "meetings",
            "meetings:admin",
            "accounts:read",
            "READ",
        ] {
            assert!(Scope::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn read_only_tokens_never_write() {
        let read = Scopes::parse(&["read"]).expect("scopes");
        for part in Part::ALL {
            assert_eq!(read.permits(*part, false), Ok(()));
            assert_eq!(read.permits(*part, true), Err(Scope::PartWrite(*part)));
        }
    }

    #[test]
    fn a_part_scope_covers_its_part_alone() {
        let scopes = Scopes::parse(&["meetings:write", "actions:read"]).expect("scopes");
        assert_eq!(scopes.permits(Part::Meetings, true), Ok(()));
        assert_eq!(scopes.permits(Part::Meetings, false), Ok(()));
        assert_eq!(scopes.permits(Part::Actions, false), Ok(()));
        assert_eq!(
            scopes.permits(Part::Actions, true),
            Err(Scope::PartWrite(Part::Actions))
        );
        assert_eq!(
            scopes.permits(Part::Incidents, false),
            Err(Scope::PartRead(Part::Incidents))
        );
        assert_eq!(
            scopes.permits(Part::Incidents, false).map_err(Scope::name),
            Err("incidents:read")
        );
    }

    #[test]
    fn scopes_are_kept_without_repeats_and_in_order() {
        let scopes = Scopes::parse(&[
            "meetings:read",
            "meetings:write",
            "read",
            "actions:read",
            "read",
        ])
        .expect("scopes");
        assert_eq!(scopes.names(), vec!["read", "meetings:write"]);
        assert_eq!(Scopes::from_text(&scopes.as_text()), scopes);
        assert_eq!(
            Scopes::from_text("read retired:read").names(),
            vec!["read"],
            "an unknown scope gives nothing"
        );
        assert!(Scopes::parse::<&str>(&[]).is_err());
        assert!(Scopes::parse(&[" "]).is_err());
        assert!(Scopes::parse(&["read", "everything"]).is_err());
    }

    #[test]
    fn names_and_lifetimes_are_bounded() {
        assert!(TokenName::parse("calendar sync").is_ok());
        assert!(TokenName::parse("  ").is_err());
        assert!(TokenName::parse(&"x".repeat(81)).is_err());
        assert!(TokenName::parse(&"x".repeat(80)).is_ok());
        assert_eq!(lifetime_days(None), Ok(DEFAULT_DAYS));
        assert_eq!(lifetime_days(Some(365)), Ok(365));
        assert!(lifetime_days(Some(0)).is_err() && lifetime_days(Some(366)).is_err());
    }

    #[test]
    fn a_day_is_all_that_is_kept() {
        let day = 24 * 3600 * 1000;
        assert_eq!(day_of(3 * day + 5), 3 * day);
        assert_eq!(day_of(3 * day), 3 * day);
        assert_eq!(day_of(-1), -day);
    }
}
