//! How members are shown to each other, in words, and the check that no two members of a
//! committee look alike. The rules are in `core::names`; this is where they meet the
//! translations and the database.

use std::collections::HashSet;
use std::sync::LazyLock;

use sqlx::AnyConnection;

use crate::core::fields::Language;
use crate::core::names::{NameTag, Shown, key, shown};
use crate::core::{Id, Rule};
use crate::error::{Error, Result};
use crate::i18n::Tr;

/// A member's name in words, from their row: the display name they chose, or a neutral
/// name ("Member K7Q2XF") that says nothing of the handle, or "former member".
pub fn shown_name(tr: Tr, display_name: &str, id: i64, name_tag: &str) -> String {
    match shown(display_name, id, name_tag) {
        Shown::Chosen(name) => name.to_owned(),
        Shown::Neutral(tag) => neutral_name(tr, tag),
        Shown::Former => tr.t("member-former"),
    }
}

/// As [`shown_name`], for a person a row may not name (an actor, who vouched…): the id and
/// the name columns of a `LEFT JOIN`.
pub fn shown_if(
    tr: Tr,
    id: Option<i64>,
    display_name: Option<&str>,
    name_tag: Option<&str>,
) -> Option<String> {
    let (id, display_name) = id.zip(display_name)?;
    Some(shown_name(tr, display_name, id, name_tag.unwrap_or("")))
}

pub fn neutral_name(tr: Tr, tag: NameTag) -> String {
    tr.t1("member-unnamed", "tag", tag.as_str())
}

/// Every form a member's name takes in some language, compared by key.
fn keys(display_name: &str, id: i64, name_tag: &str) -> Vec<String> {
    match shown(display_name, id, name_tag) {
        Shown::Chosen(name) => vec![key(name)],
        Shown::Neutral(tag) => {
            // A key keeps letters and digits one by one, so the key of a neutral name is the
            // key of the words around the tag with the tag's own in between; the words are
            // looked up once, not once for each member of a large committee.
            let tag = key(tag.as_str());
            NEUTRAL_WORDS
                .iter()
                .map(|(before, after)| format!("{before}{tag}{after}"))
                .collect()
        }
        Shown::Former => Vec::new(),
    }
}

/// The keys of the words before and after the tag in the neutral name, in each language.
static NEUTRAL_WORDS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    const MARK: &str = "\u{F8FF}";
    Language::ALL
        .iter()
        .map(|lang| {
            let shown = Tr::new(*lang).t1("member-unnamed", "tag", MARK);
            let (before, after) = shown.split_once(MARK).unwrap_or((shown.as_str(), ""));
            (key(before), key(after))
        })
        .collect()
});

/// Whether `chosen` is only `account`'s own neutral name typed back (as a client that
/// sends back what `GET /me` showed does): that keeps the neutral name.
pub fn is_own_neutral_name(chosen: &str, id: Id, name_tag: &str) -> bool {
    keys("", id.get(), name_tag).contains(&key(chosen))
}

/// What to do when someone in the account's committees already goes by its chosen name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfTaken {
    /// Refuse with 409 `display_name_taken`, changing nothing: joining by invite, or
    /// changing one's name.
    Refuse,
    /// Let it be: a delegate seated by a vote of their committee joins the council's
    /// members, and a vote is not undone for a name.
    Allow,
}

/// Makes sure that nobody else in `account`'s committees goes by the name it is shown by,
/// inside the caller's transaction, after the membership or the name changed: in the
/// committee it just `joined`, or in all of them when its name changed (`None`). A neutral
/// name taken already gets a fresh tag, free in all of them (true is returned: cached
/// copies of the account are stale); a chosen one is refused or allowed as `if_taken` says.
pub async fn claim(
    conn: &mut AnyConnection,
    account: Id,
    joined: Option<Id>,
    if_taken: IfTaken,
) -> Result<bool> {
    let mut committees: Vec<Id> = crate::accounts::store::committee_ids(&mut *conn, account)
        .await?
        .into_iter()
        .map(Id::from_db)
        .collect();
    if committees.is_empty() {
        return Ok(false);
    }
    // All of them, in one order for everyone, so that a fresh tag can be checked in any.
    committees.sort_unstable();
    crate::committees::store::lock_names(&mut *conn, &committees).await?;
    let Some((display_name, name_tag)) =
        crate::accounts::store::name_in(&mut *conn, account).await?
    else {
        return Ok(false);
    };
    let scope = match joined {
        Some(committee) => vec![committee],
        None => committees.clone(),
    };
    let taken = taken_in(&mut *conn, &scope, account).await?;
    let free = |taken: &HashSet<String>, name: &str, tag: &str| {
        !keys(name, account.get(), tag)
            .iter()
            .any(|k| taken.contains(k))
    };
    if free(&taken, &display_name, &name_tag) {
        return Ok(false);
    }
    if !display_name.is_empty() {
        return match if_taken {
            IfTaken::Refuse => Err(Rule::DisplayNameTaken.into()),
            IfTaken::Allow => Ok(false),
        };
    }
    let taken = if scope.len() == committees.len() {
        taken
    } else {
        taken_in(&mut *conn, &committees, account).await?
    };
    // A billion tags: the first draw is all but certain to be free.
    for _ in 0..64 {
        let fresh = NameTag::random();
        if free(&taken, "", fresh.as_str()) {
            crate::accounts::store::set_name_tag(&mut *conn, account, fresh.as_str()).await?;
            return Ok(true);
        }
    }
    Err(Error::Internal("no free name tag in the committees".into()))
}

/// The keys of every name the others in these committees go by.
async fn taken_in(
    conn: &mut AnyConnection,
    committees: &[Id],
    account: Id,
) -> Result<HashSet<String>> {
    Ok(
        crate::committees::store::member_names(conn, committees, account)
            .await?
            .iter()
            .flat_map(|(id, name, tag)| keys(name, *id, tag))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_neutral_name_is_compared_as_it_reads_in_every_language() {
        for _ in 0..50 {
            let tag = NameTag::random();
            let expected: Vec<String> = Language::ALL
                .iter()
                .map(|lang| key(&neutral_name(Tr::new(*lang), tag)))
                .collect();
            assert_eq!(keys("", 7, tag.as_str()), expected);
        }
        assert_eq!(keys("Rosa M.", 7, ""), vec![key("rosa m")]);
        assert!(keys("", 7, crate::core::names::FORMER).is_empty());
    }

    #[test]
    fn ones_own_neutral_name_typed_back_is_recognised() {
        let id = Id::from_db(42);
        let tag = NameTag::of_id(42);
        for lang in Language::ALL {
            let shown = neutral_name(Tr::new(*lang), tag);
            assert!(is_own_neutral_name(&shown, id, ""));
            assert!(is_own_neutral_name(&shown.to_uppercase(), id, ""));
        }
        assert!(!is_own_neutral_name("Member ZZZZZZ", id, "") || tag.as_str() == "ZZZZZZ");
        assert!(!is_own_neutral_name("Rosa", id, ""));
    }
}
