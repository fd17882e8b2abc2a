//! Translations. Every word a person reads — pages, error messages, notifications — comes
//! from the Fluent files in `locales/`, looked up in the reader's language.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

use crate::core::Timestamp;
use crate::core::fields::Language;
use crate::core::zones::Zone;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments would show up as stray characters in
        // HTML attributes and JSON.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static ES: LanguageIdentifier = langid!("es");

/// A translator for one language, handed to every template and error renderer. It also
/// carries the reader's own time zone, when they chose one: times are shown in it, and
/// otherwise in the zone of the committee they belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Language,
    pub zone: Option<Zone>,
}

pub type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

impl Tr {
    pub fn new(lang: Language) -> Self {
        Tr { lang, zone: None }
    }

    /// The same translator for a reader who chose the time zone `zone` (or none).
    pub fn in_zone(self, zone: Option<Zone>) -> Self {
        Tr { zone, ..self }
    }

    /// The zone this reader reads times in: their own, or else `committee`'s.
    pub fn zone_or(&self, committee: Zone) -> Zone {
        self.zone.unwrap_or(committee)
    }

    /// A point in time as the reader reads it: in their zone (or else `committee`'s), with
    /// weekday and month in their language and the zone named, as `Thu 3 Dec, 18:30 CST`.
    /// The year shows when it is not this year's.
    pub fn when(&self, at: Timestamp, committee: Zone) -> String {
        self.when_seen_at(at, committee, Timestamp::now())
    }

    fn when_seen_at(&self, at: Timestamp, committee: Zone, now: Timestamp) -> String {
        let zone = self.zone_or(committee);
        let local = zone.local(at);
        let this_year = zone.local(now).year;
        let abbreviation = if local.abbreviation.starts_with(['+', '-']) {
            format!("UTC{}", local.abbreviation)
        } else {
            local.abbreviation
        };
        let args = [
            (
                "weekday",
                Arg::Text(self.t(&format!("time-weekday-{}", local.weekday))),
            ),
            ("day", Arg::Text(local.day.to_string())),
            (
                "month",
                Arg::Text(self.t(&format!("time-month-{}", local.month))),
            ),
            ("year", Arg::Text(local.year.to_string())),
            (
                "time",
                Arg::Text(format!("{:02}:{:02}", local.hour, local.minute)),
            ),
            ("zone", Arg::Text(abbreviation)),
        ];
        let key = if local.year == this_year {
            "time-when"
        } else {
            "time-when-year"
        };
        self.with(key, &args)
    }

    fn id(&self) -> &'static LanguageIdentifier {
        match self.lang {
            Language::En => &EN,
            Language::Es => &ES,
        }
    }

    /// The message `key`, or the key itself if it is missing (a test keeps that from
    /// happening).
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// The message `key` with named arguments.
    pub fn with(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        let args: Args = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.to_fluent()))
            .collect();
        LOCALES.lookup_with_args(self.id(), key, &args)
    }

    /// Shorthand for a message with one argument, convenient in templates.
    pub fn t1(&self, key: &str, name: &'static str, value: impl Into<Arg>) -> String {
        self.with(key, &[(name, value.into())])
    }

    /// The message for one value of a fixed set, such as `role-coordinator` for
    /// `of("role", "coordinator")`.
    pub fn of(&self, prefix: &str, value: impl AsRef<str>) -> String {
        self.t(&format!("{prefix}-{}", value.as_ref().replace('_', "-")))
    }

    /// Shorthand for a message with two arguments, convenient in templates.
    pub fn t2(
        &self,
        key: &str,
        name1: &'static str,
        value1: impl Into<Arg>,
        name2: &'static str,
        value2: impl Into<Arg>,
    ) -> String {
        self.with(key, &[(name1, value1.into()), (name2, value2.into())])
    }

    /// Whether this language has the message `key` (its own, not the fallback's).
    pub fn has(&self, key: &str) -> bool {
        match LOCALES.lookup_single_language::<&str>(self.id(), key, None) {
            Ok(_) => true,
            // A message that needs arguments fails to format without them, but exists. The
            // crate does not export its error type, so its variants are told apart by text.
            Err(err) => err.to_string().starts_with("Fluent errors"),
        }
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.as_str()
    }
}

/// A time kept in the detail of a notification or an audit entry (`name`, in RFC 3339, beside
/// the committee's `zone` of the moment), in the reader's words and zone.
pub fn stored_time(
    tr: Tr,
    detail: &serde_json::Map<String, serde_json::Value>,
    name: &str,
) -> Option<String> {
    let at = detail
        .get(name)?
        .as_str()
        .and_then(Timestamp::parse_rfc3339)?;
    let zone = Zone::or(
        detail.get("zone").and_then(serde_json::Value::as_str),
        Zone::utc(),
    );
    Some(tr.when(at, zone))
}

/// An argument to a message: text or a number (numbers choose plural forms).
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'static> {
        match self {
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Number(n) => FluentValue::from(*n),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&&String> for Arg {
    fn from(s: &&String) -> Self {
        Arg::Text((*s).clone())
    }
}

impl From<&&str> for Arg {
    fn from(s: &&str) -> Self {
        Arg::Text((*s).to_owned())
    }
}

impl From<&&i64> for Arg {
    fn from(n: &&i64) -> Self {
        Arg::Number(**n)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

impl From<&i64> for Arg {
    fn from(n: &i64) -> Self {
        Arg::Number(*n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as i64)
    }
}

impl From<&usize> for Arg {
    fn from(n: &usize) -> Self {
        Arg::Number(*n as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(file: &str) -> BTreeSet<String> {
        file.lines()
            .filter(|l| !l.starts_with([' ', '#', '.', '*', '[', '}']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next())
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect()
    }

    fn keys_of_language(lang: &str) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut all = BTreeSet::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let found = keys(&text);
            let duplicated: Vec<_> = found.intersection(&all).cloned().collect();
            assert!(
                duplicated.is_empty(),
                "defined twice in {lang}: {duplicated:?}"
            );
            all.extend(found);
        }
        all
    }

    #[test]
    fn every_language_has_every_message() {
        let en = keys_of_language("en");
        let es = keys_of_language("es");
        assert!(en.len() > 100);
        let missing_es: Vec<_> = en.difference(&es).collect();
        let missing_en: Vec<_> = es.difference(&en).collect();
        assert!(missing_es.is_empty(), "missing in Spanish: {missing_es:?}");
        assert!(missing_en.is_empty(), "missing in English: {missing_en:?}");
    }

    /// Every key the code and the templates ask for exists, so that nobody ever reads a raw
    /// message id.
    #[test]
    fn every_key_used_exists() {
        let tr = Tr::new(Language::Es);
        let mut missing = BTreeSet::new();
        let mut sources = Vec::new();
        for dir in ["src", "templates"] {
            collect_files(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir),
                &mut sources,
            );
        }
        for path in sources {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for call in [".t(\"", ".t1(\"", ".t2(\"", ".with(\""] {
                for piece in text.split(call).skip(1) {
                    if let Some(key) = piece.split('"').next()
                        && !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                        && !tr.has(key)
                    {
                        missing.insert(format!("{key} ({})", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "messages missing: {missing:#?}");
    }

    #[test]
    fn times_read_in_the_readers_zone_and_words() {
        let at = |s: &str| Timestamp::parse_rfc3339(s).unwrap_or(Timestamp::from_millis(0));
        let chicago = Zone::parse("America/Chicago").unwrap_or_else(|_| Zone::utc());
        let now = at("2026-11-20T12:00:00Z");
        let en = Tr::new(Language::En);
        let es = Tr::new(Language::Es);
        let thursday = at("2026-12-04T00:30:00Z");
        assert_eq!(
            en.when_seen_at(thursday, chicago, now),
            "Thu 3 Dec, 18:30 CST"
        );
        assert_eq!(
            es.when_seen_at(thursday, chicago, now),
            "jue 3 dic, 18:30 CST"
        );
        assert_eq!(
            en.when_seen_at(at("2026-07-04T23:30:00Z"), chicago, now),
            "Sat 4 Jul, 18:30 CDT"
        );
        // Another year shows its year.
        assert_eq!(
            en.when_seen_at(at("2027-01-05T15:00:00Z"), chicago, now),
            "Tue 5 Jan 2027, 09:00 CST"
        );
        // The reader's own zone wins over the committee's.
        let utc_reader = en.in_zone(Some(Zone::utc()));
        assert_eq!(
            utc_reader.when_seen_at(thursday, chicago, now),
            "Fri 4 Dec, 00:30 UTC"
        );
        // A zone the database names by its offset reads as one.
        let sao_paulo = Zone::parse("America/Sao_Paulo").unwrap_or_else(|_| Zone::utc());
        assert_eq!(
            en.when_seen_at(thursday, sao_paulo, now),
            "Thu 3 Dec, 21:30 UTC-03"
        );
        for lang in Language::ALL {
            let tr = Tr::new(*lang);
            for n in 1..=7 {
                assert!(tr.has(&format!("time-weekday-{n}")), "{lang}");
            }
            for n in 1..=12 {
                assert!(tr.has(&format!("time-month-{n}")), "{lang}");
            }
        }
    }

    fn collect_files(dir: std::path::PathBuf, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect_files(path, out);
            } else {
                out.push(path);
            }
        }
    }

    #[test]
    fn arguments_and_plurals_work() {
        let en = Tr::new(Language::En);
        let es = Tr::new(Language::Es);
        assert_eq!(en.t1("members-count", "count", 1i64), "1 member");
        assert_eq!(en.t1("members-count", "count", 12i64), "12 members");
        assert_eq!(es.t1("members-count", "count", 12i64), "12 miembros");
    }
}
