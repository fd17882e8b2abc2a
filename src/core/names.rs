//! How members are named to each other. A member either chose a display name or is shown
//! by a neutral one ("Member K7Q2XF"), whose tag says nothing of the handle: the handle is a
//! log-in name that may be reused elsewhere, and is never shown to other members.
//!
//! Two members of one committee never look alike: names are compared by [`key`], which
//! ignores case, accents, spacing and punctuation, so "Rosa M." and "rosa m" are one name.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::core::ids::random_bytes;

/// Digits and capitals without I, L, O and U (Crockford's base 32), so that a tag read out
/// at a meeting or copied by hand is not mistaken for another.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Six symbols: about a billion tags, so that even a committee of ten thousand rarely
/// needs to draw a second one.
pub const TAG_LEN: usize = 6;

/// What `accounts.name_tag` holds for a deleted account: shown as a former member.
pub const FORMER: &str = "~";

/// The tag of a neutral name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NameTag([u8; TAG_LEN]);

impl NameTag {
    /// The tag an account has until it needs another: derived from its id, which is itself
    /// random and already known to whoever sees the name.
    pub fn of_id(id: i64) -> Self {
        Self::from_bits(mix(id as u64))
    }

    /// A fresh random tag, drawn when the one derived from the id is already someone's in a
    /// committee.
    pub fn random() -> Self {
        Self::from_bits(u64::from_le_bytes(random_bytes::<8>()))
    }

    fn from_bits(mut bits: u64) -> Self {
        let mut tag = [0u8; TAG_LEN];
        for symbol in &mut tag {
            *symbol = ALPHABET[(bits & 31) as usize];
            bits >>= 5;
        }
        NameTag(tag)
    }

    /// A stored tag, if it is one.
    pub fn parse(stored: &str) -> Option<Self> {
        let bytes: [u8; TAG_LEN] = stored.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(|b| ALPHABET.contains(b))
            .then_some(NameTag(bytes))
    }

    pub fn as_str(&self) -> &str {
        // Every byte is from the ASCII alphabet above.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// A 64-bit finaliser (splitmix64's): every bit of the id moves about half the tag.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// How a member appears to others, from their row: `display_name`, the account's id and
/// `name_tag` (empty for the tag derived from the id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'a> {
    Chosen(&'a str),
    Neutral(NameTag),
    /// The account was deleted; what it did stays without its name.
    Former,
}

pub fn shown<'a>(display_name: &'a str, id: i64, name_tag: &str) -> Shown<'a> {
    if name_tag == FORMER {
        Shown::Former
    } else if !display_name.is_empty() {
        Shown::Chosen(display_name)
    } else {
        Shown::Neutral(NameTag::parse(name_tag).unwrap_or_else(|| NameTag::of_id(id)))
    }
}

/// The form in which two names are compared: compatibility-decomposed, lower case, without
/// accents, and only letters and digits ("Rosa M." and "ROSA-M" are the same name). A name
/// with no letter or digit at all is compared by its symbols.
pub fn key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.nfkd().flat_map(char::to_lowercase) {
        match c {
            c if is_combining_mark(c) => {}
            'ß' => folded.push_str("ss"),
            c => folded.push(c),
        }
    }
    let letters: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    if letters.is_empty() {
        folded.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        letters
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_that_look_alike_have_one_key() {
        assert_eq!(key("Rosa M."), key("rosa m"));
        assert_eq!(key("ROSA-M"), key("Rosa M"));
        assert_eq!(key("José"), key("Jose"));
        assert_eq!(key("Ｒｏｓａ"), key("rosa"), "full-width letters");
        assert_eq!(key("Straße"), key("strasse"));
        assert_eq!(key("İlke"), key("ilke"));
        assert_ne!(key("Rosa"), key("Rosalía"));
        assert_eq!(key("★ ★"), "★★", "symbols alone are compared as symbols");
        assert_ne!(key("★"), key("☆"));
    }

    #[test]
    fn tags_are_stable_and_read_back() {
        let id = 0x1234_5678_9abc_def0;
        assert_eq!(NameTag::of_id(id), NameTag::of_id(id));
        assert_ne!(NameTag::of_id(id), NameTag::of_id(id + 1));
        let tag = NameTag::of_id(id);
        assert_eq!(NameTag::parse(tag.as_str()), Some(tag));
        assert_eq!(NameTag::parse("K7Q2X"), None);
        assert_eq!(NameTag::parse("K7Q2XI"), None, "I is not in the alphabet");
        assert_eq!(NameTag::parse("k7q2xf"), None, "stored in capitals");
    }

    #[test]
    fn a_row_is_shown_by_its_choice_its_tag_or_as_former() {
        let tag = NameTag::random();
        assert_eq!(shown("Rosa", 7, ""), Shown::Chosen("Rosa"));
        assert_eq!(shown("", 7, ""), Shown::Neutral(NameTag::of_id(7)));
        assert_eq!(shown("", 7, tag.as_str()), Shown::Neutral(tag));
        assert_eq!(shown("Rosa", 7, tag.as_str()), Shown::Chosen("Rosa"));
        assert_eq!(shown("", 7, FORMER), Shown::Former);
    }

    proptest! {
        #[test]
        fn every_tag_is_six_symbols_of_the_alphabet(id in any::<i64>(), bits in any::<u64>()) {
            for tag in [NameTag::of_id(id), NameTag::from_bits(bits)] {
                prop_assert_eq!(tag.as_str().len(), TAG_LEN);
                prop_assert!(tag.as_str().bytes().all(|b| ALPHABET.contains(&b)));
                prop_assert_eq!(NameTag::parse(tag.as_str()), Some(tag));
            }
        }

        #[test]
        fn keys_ignore_case_and_spacing(name in "[A-Za-zÀ-ÿ]{1,10}( [A-Za-zÀ-ÿ]{1,10})?") {
            prop_assert_eq!(key(&name), key(&name.to_uppercase()));
            prop_assert_eq!(key(&name), key(&name.replace(' ', "  -  ")));
            prop_assert_eq!(key(&key(&name)), key(&name));
        }

        #[test]
        fn a_key_is_its_own_key(name in "\\PC{0,30}") {
            let once = key(&name);
            prop_assert_eq!(key(&once), once);
        }
    }
}
