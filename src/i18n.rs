//! Translations. Every word a person reads — pages, error messages, notifications — comes
//! from the Fluent files in `locales/`, looked up in the reader's language.
//!
//! Three habits keep sentences right in every language:
//! - a number reaches Fluent as a number ([`Arg::Number`]), so a message chooses its
//!   plural form (`{ $count -> [one] … *[other] … }`) by the language's CLDR rules; it is
//!   written with thousands separators ("5,012") by [`group_thousands`];
//! - a word of a fixed set spliced into a sentence (a kind, a role) comes with the forms
//!   its language gives it ([`Tr::word`]: `$kind_a`, `$kind_the`, `$kind_gender`), so a
//!   sentence can put the right article and agree in gender;
//! - words beside a count the page updates live are rendered once per plural category
//!   ([`Tr::plural_forms`]) for the script to choose from.

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
        customise: |bundle| {
            // Unicode isolation marks around arguments would show up as stray characters
            // in HTML attributes and JSON.
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(group_thousands));
        },
    };
}

static EN: LanguageIdentifier = langid!("en");
static ES: LanguageIdentifier = langid!("es");
static SO: LanguageIdentifier = langid!("so");
static HMN: LanguageIdentifier = langid!("hmn");

/// Writes a whole number with a comma between thousands ("5,012"), as all four languages
/// offered do (Spanish as in the Americas); fractions and small numbers are left to Fluent.
/// A language that groups otherwise would get a formatter of its own, chosen in the loader's
/// `customise` by `bundle.locales`.
fn group_thousands<M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let n = number.value;
    if n.fract() != 0.0 || n.abs() < 1000.0 || n.abs() >= 1e15 {
        return None;
    }
    Some(grouped(n as i64))
}

/// `n` with commas between groups of three digits.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The CLDR plural categories, for [`Tr::plural_forms`].
const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A word of a fixed set in one language, with the forms sentences need (see [`Tr::word`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word alone, as on a tag: "raid", "redada".
    pub plain: String,
    /// With the indefinite article where the language has one: "a raid", "una redada".
    pub a: String,
    /// With the definite article, or in the definite form: "the raid", "la redada".
    pub the: String,
    /// The grammatical gender, for selectors: `feminine`, `masculine`, or `other`.
    pub gender: String,
}

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
            Language::So => &SO,
            Language::Hmn => &HMN,
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

    /// A count as messages write it ("5,012"), for a number a template shows on its own.
    pub fn number(&self, n: impl Into<Arg>) -> String {
        match n.into() {
            Arg::Number(n) => grouped(n),
            Arg::Text(text) => text,
        }
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.as_str()
    }

    /// The word `prefix-value` (as [`Tr::of`]) with its forms: the message's attributes
    /// `.a`, `.the` and `.gender` in this language. A language that needs no article or
    /// gender leaves them out, and the plain word (or `other`) stands in; another
    /// language's forms are never used.
    pub fn word(&self, prefix: &str, value: impl AsRef<str>) -> Word {
        let key = format!("{prefix}-{}", value.as_ref().replace('_', "-"));
        let plain = self.t(&key);
        let own = |attribute: &str| {
            LOCALES
                .lookup_single_language::<&str>(self.id(), &format!("{key}.{attribute}"), None)
                .ok()
        };
        Word {
            a: own("a").unwrap_or_else(|| plain.clone()),
            the: own("the").unwrap_or_else(|| plain.clone()),
            gender: own("gender").unwrap_or_else(|| "other".to_owned()),
            plain,
        }
    }

    /// The arguments a spliced word gives a sentence: `$kind` (the plain word) and
    /// `$kind_a`, `$kind_the` and `$kind_gender` (its forms, see [`Tr::word`]).
    pub fn splice(&self, splice: &Splice, value: &str) -> [(&'static str, Arg); 4] {
        let word = self.word(splice.prefix, value);
        let [a, the, gender] = splice.forms;
        [
            (splice.name, Arg::Text(word.plain)),
            (a, Arg::Text(word.a)),
            (the, Arg::Text(word.the)),
            (gender, Arg::Text(word.gender)),
        ]
    }

    /// The message `key` once per plural category of `count_name` (the other arguments as
    /// given), for words that sit beside a count the page's script updates: the script
    /// picks the form for the new count with the browser's plural rules. Only the forms
    /// that differ from `other` are returned besides it; the message must not print the
    /// count itself.
    pub fn plural_forms(
        &self,
        key: &str,
        count_name: &'static str,
        args: &[(&'static str, Arg)],
    ) -> Vec<(&'static str, String)> {
        let form = |category: &'static str| {
            let mut all = args.to_vec();
            all.push((count_name, Arg::Text(category.to_owned())));
            self.with(key, &all)
        };
        let other = form("other");
        let mut forms: Vec<(&'static str, String)> = PLURAL_CATEGORIES[..5]
            .iter()
            .map(|category| (*category, form(category)))
            .filter(|(_, text)| *text != other)
            .collect();
        forms.push(("other", other));
        forms
    }
}

/// A word of a fixed set that sentences splice in: the argument it goes by, the prefix of
/// its messages, and the names of its forms' arguments (argument names are static).
#[derive(Debug)]
pub struct Splice {
    pub name: &'static str,
    pub prefix: &'static str,
    forms: [&'static str; 3],
}

impl Splice {
    /// A member's role: "You are now a coordinator of …".
    pub const ROLE: Splice = Splice {
        name: "role",
        prefix: "role",
        forms: ["role_a", "role_the", "role_gender"],
    };
    /// A motion's outcome: "… the motion carried".
    pub const OUTCOME: Splice = Splice {
        name: "outcome",
        prefix: "outcome",
        forms: ["outcome_a", "outcome_the", "outcome_gender"],
    };
    /// An action's kind: "… calls a strike".
    pub const ACTION_KIND: Splice = Splice {
        name: "kind",
        prefix: "action-kind",
        forms: ["kind_a", "kind_the", "kind_gender"],
    };
    /// An invite's kind in the audit log: "… created a member invite".
    pub const INVITE_KIND: Splice = Splice {
        name: "kind",
        prefix: "audit-kind",
        forms: ["kind_a", "kind_the", "kind_gender"],
    };
    /// An incident's kind: "… reports a raid".
    pub const INCIDENT: Splice = Splice {
        name: "incident",
        prefix: "incident-kind",
        forms: ["incident_a", "incident_the", "incident_gender"],
    };
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
    use std::collections::{BTreeMap, BTreeSet};

    /// The variables named in `line` (`$count`, `$kind_a`).
    fn variables(line: &str) -> impl Iterator<Item = String> + '_ {
        line.split('$').skip(1).filter_map(|piece| {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
    }

    /// The messages of one `.ftl` file: each key with the variables its text (value,
    /// variants and attributes) uses or the comment right above it names (a variable the
    /// code passes that English does not print, such as the count beside live words).
    fn messages(file: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut all: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        let mut commented = BTreeSet::new();
        for line in file.lines() {
            let starts_message =
                !line.starts_with([' ', '#', '.', '*', '[', '}', '-']) && line.contains(" =");
            if starts_message {
                let key = line.split(" =").next().unwrap_or("").trim().to_owned();
                assert!(!all.contains_key(&key), "{key} defined twice in one file");
                all.insert(key.clone(), std::mem::take(&mut commented));
                current = Some(key);
            } else if line.starts_with('#') {
                current = None;
                commented.extend(variables(line));
                continue;
            } else if line.is_empty() {
                current = None;
                commented.clear();
            }
            if let Some(key) = &current {
                all.entry(key.clone()).or_default().extend(variables(line));
            }
        }
        all
    }

    fn locales_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
    }

    /// Every message of a language, across its files, with its variables.
    fn messages_of(lang: Language) -> BTreeMap<String, BTreeSet<String>> {
        let mut all = BTreeMap::new();
        let dir = locales_dir().join(lang.as_str());
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for (key, vars) in messages(&text) {
                assert!(
                    !all.contains_key(&key),
                    "{key} defined twice in {lang} ({})",
                    entry.path().display()
                );
                all.insert(key, vars);
            }
        }
        all
    }

    /// The variables a message may use in any language: those English uses, and for a
    /// spliced word all its forms (the code passes them together).
    fn allowed(english: &BTreeSet<String>) -> BTreeSet<String> {
        let mut allowed = english.clone();
        for splice in [
            &Splice::ROLE,
            &Splice::OUTCOME,
            &Splice::ACTION_KIND,
            &Splice::INVITE_KIND,
            &Splice::INCIDENT,
        ] {
            let names: Vec<&str> = std::iter::once(splice.name).chain(splice.forms).collect();
            if names.iter().any(|n| english.contains(*n)) {
                allowed.extend(names.iter().map(|n| (*n).to_owned()));
            }
        }
        allowed
    }

    /// What a message is formatted with in the tests: numbers for counts (chosen to hit
    /// each plural form, and a grouped one), words for the rest.
    fn sample(name: &str, n: i64) -> Arg {
        const NUMBERS: &[&str] = &[
            "count",
            "pledged",
            "seconds",
            "min",
            "max",
            "uses",
            "max_uses",
            "eligible",
            "turnout",
            "current",
            "target",
            "members",
            "committees",
            "workforce",
            "level",
            "percent",
            "status",
            "seats",
        ];
        if NUMBERS.contains(&name) {
            Arg::Number(n)
        } else if name.ends_with("_gender") {
            Arg::Text(["feminine", "masculine", "other"][(n as usize) % 3].to_owned())
        } else {
            Arg::Text(format!("«{name}»"))
        }
    }

    #[test]
    fn every_language_in_locales_is_offered_and_every_offered_one_has_a_folder() {
        let folders: BTreeSet<String> = std::fs::read_dir(locales_dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let offered: BTreeSet<String> = Language::NAMES.iter().map(|n| (*n).to_owned()).collect();
        assert_eq!(folders, offered);
    }

    #[test]
    fn every_language_has_every_message_and_no_other() {
        let en = messages_of(Language::En);
        assert!(en.len() > 100);
        for lang in Language::ALL {
            let theirs = messages_of(*lang);
            let missing: Vec<_> = en.keys().filter(|k| !theirs.contains_key(*k)).collect();
            let extra: Vec<_> = theirs.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(missing.is_empty(), "missing in {lang}: {missing:?}");
            assert!(extra.is_empty(), "in {lang} but not in English: {extra:?}");
            for (key, vars) in &theirs {
                let allowed = allowed(&en[key]);
                let unknown: Vec<_> = vars.difference(&allowed).collect();
                assert!(
                    unknown.is_empty(),
                    "{key} in {lang} uses {unknown:?}, which the code does not pass"
                );
            }
        }
    }

    /// Every message of every language formats in that language itself — no fallback to
    /// English — without a Fluent error, for counts of each plural form.
    #[test]
    fn every_message_formats_in_every_language() {
        let en = messages_of(Language::En);
        for lang in Language::ALL {
            let tr = Tr::new(*lang);
            for (key, vars) in &en {
                for n in [0i64, 1, 2, 3, 5, 11, 21, 1234, 5012] {
                    let args: Args = allowed(vars)
                        .iter()
                        .map(|name| (Cow::Owned(name.clone()), sample(name, n).to_fluent()))
                        .collect();
                    let text = LOCALES
                        .lookup_single_language(tr.id(), key, Some(&args))
                        .unwrap_or_else(|e| panic!("{key} in {lang} with {n}: {e}"));
                    assert!(!text.trim().is_empty(), "{key} in {lang} is empty");
                    assert!(!text.contains('{'), "{key} in {lang}: {text}");
                }
            }
        }
    }

    /// Every key the code and the templates ask for exists, so that nobody ever reads a raw
    /// message id.
    #[test]
    fn every_key_used_exists() {
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
            for call in [".t(\"", ".t1(\"", ".t2(\"", ".with(\"", ".plural_forms(\""] {
                for piece in text.split(call).skip(1) {
                    if let Some(key) = piece.split('"').next()
                        && !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        for lang in Language::ALL {
                            if !Tr::new(*lang).has(key) {
                                missing.insert(format!("{key} in {lang} ({})", path.display()));
                            }
                        }
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

    /// A message in one language only, failing on any Fluent error instead of falling back.
    fn strict(lang: Language, key: &str, args: &[(&'static str, Arg)]) -> String {
        let args: Args = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.to_fluent()))
            .collect();
        LOCALES
            .lookup_single_language(Tr::new(lang).id(), key, Some(&args))
            .unwrap_or_else(|e| panic!("{key} in {lang}: {e}"))
    }

    #[test]
    fn arguments_and_plurals_work() {
        let en = Tr::new(Language::En);
        let es = Tr::new(Language::Es);
        assert_eq!(en.t1("members-count", "count", 1i64), "1 member");
        assert_eq!(en.t1("members-count", "count", 12i64), "12 members");
        assert_eq!(es.t1("members-count", "count", 12i64), "12 miembros");
        assert_eq!(es.t1("action-pledged-count", "count", 1i64), "1 compromiso");
        assert_eq!(
            es.t1("action-pledged-count", "count", 2i64),
            "2 compromisos"
        );
    }

    #[test]
    fn somali_chooses_one_and_other() {
        let one = strict(Language::So, "members-count", &[("count", 1i64.into())]);
        let two = strict(Language::So, "members-count", &[("count", 2i64.into())]);
        assert_eq!(one, "1 xubin");
        assert_eq!(two, "2 xubnood");
        let one = strict(
            Language::So,
            "action-pledged-count",
            &[("count", 1i64.into())],
        );
        assert_eq!(one, "1 ballan");
        assert_eq!(
            Tr::new(Language::So).t1("action-pledged-count", "count", 21i64),
            "21 ballamood"
        );
    }

    #[test]
    fn hmong_has_no_plural_forms_and_formats_every_count() {
        for n in [0i64, 1, 2, 5012] {
            let text = strict(Language::Hmn, "members-count", &[("count", n.into())]);
            assert_eq!(text, format!("{} tus tswv cuab", grouped(n)));
        }
        // An exact number still picks its own variant.
        let none = strict(
            Language::Hmn,
            "delivery-push-devices",
            &[("count", 0i64.into())],
        );
        let one = strict(
            Language::Hmn,
            "delivery-push-devices",
            &[("count", 1i64.into())],
        );
        assert!(none.starts_with("Tseem tsis tau"), "{none}");
        assert!(one.starts_with("1 lub xov tooj"), "{one}");
    }

    #[test]
    fn numbers_are_grouped_and_still_choose_the_plural() {
        let en = Tr::new(Language::En);
        assert_eq!(en.t1("members-count", "count", 5012i64), "5,012 members");
        assert_eq!(en.t1("members-count", "count", 999i64), "999 members");
        assert_eq!(
            en.t1("members-count", "count", 1_234_567i64),
            "1,234,567 members"
        );
        assert_eq!(en.t1("error-status", "status", 404i64), "Error 404");
        assert_eq!(grouped(-12345), "-12,345");
        assert_eq!(grouped(0), "0");
        assert_eq!(en.number(5012i64), "5,012");
    }

    #[test]
    fn spliced_words_bring_their_articles_and_gender() {
        let es = Tr::new(Language::Es);
        let raid = es.word("incident-kind", "raid");
        assert_eq!(
            (raid.plain.as_str(), raid.a.as_str(), raid.the.as_str()),
            ("redada", "una redada", "la redada")
        );
        assert_eq!(raid.gender, "feminine");
        let staging = es.word("incident-kind", "staging");
        assert_eq!(staging.a, "un despliegue de agentes");
        assert_eq!(staging.gender, "masculine");
        let en = Tr::new(Language::En);
        assert_eq!(
            en.word("incident-kind", "staging").a,
            "an enforcement staging"
        );
        assert_eq!(en.word("incident-kind", "raid").gender, "other");
        // A language without articles uses the plain word, never English's forms.
        let hmn = Tr::new(Language::Hmn).word("incident-kind", "raid");
        assert_eq!(hmn.a, hmn.plain);
        assert_eq!(hmn.gender, "other");
        let so = Tr::new(Language::So).word("incident-kind", "raid");
        assert_eq!((so.a.as_str(), so.the.as_str()), ("duullaan", "duullaanka"));

        let args = |tr: Tr, kind: &str| {
            let mut args = tr.splice(&Splice::INCIDENT, kind).to_vec();
            args.push(("committee", "Depot".into()));
            tr.with("notification-incident-resolved", &args)
        };
        assert_eq!(args(es, "raid"), "Resuelta: la redada (aviso de Depot).");
        assert_eq!(
            args(es, "staging"),
            "Resuelto: el despliegue de agentes (aviso de Depot)."
        );
        assert_eq!(
            args(en, "attack"),
            "Resolved: the attack or threat reported by Depot."
        );
    }

    #[test]
    fn words_beside_a_live_count_come_in_each_plural_form() {
        let args = [("eligible", Arg::Number(12))];
        let es = Tr::new(Language::Es).plural_forms("action-pledged-of", "pledged", &args);
        assert_eq!(
            es,
            vec![
                ("one", "compromiso de 12 miembros".to_owned()),
                ("other", "compromisos de 12 miembros".to_owned())
            ]
        );
        let hmn = Tr::new(Language::Hmn).plural_forms("action-pledged-of", "pledged", &args);
        assert_eq!(hmn.len(), 1, "{hmn:?}");
        assert_eq!(hmn[0].0, "other");
        let en = Tr::new(Language::En).plural_forms("public-pledged", "count", &[]);
        assert_eq!(
            en,
            vec![
                ("one", "worker has pledged".to_owned()),
                ("other", "workers have pledged".to_owned())
            ]
        );
    }
}
