//! Translations. Every word a person reads — pages, error messages, notifications — comes
//! from the Fluent files in `locales/`, looked up in the reader's language.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

use crate::core::fields::Language;

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

/// A translator for one language, handed to every template and error renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Language,
}

pub type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

impl Tr {
    pub fn new(lang: Language) -> Self {
        Tr { lang }
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
