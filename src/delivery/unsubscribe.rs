//! One-click unsubscribe links (RFC 8058): every mail carries a link that turns off the
//! e-mails of its category for its recipient, without logging in.
//!
//! The link's token is the recipient's account id and the category, sealed with the contact
//! keys (`Purpose::Unsubscribe`: XChaCha20-Poly1305 with a random nonce). Nobody can make
//! one without the key and a changed one does not open, so a token is a capability: it can
//! turn off one category's e-mail for one member, and nothing else. Whoever sees it (a mail
//! provider, a link scanner, someone the mail was forwarded to) learns nothing from it: not
//! the account (sealed), not the address (it holds none), not even whether two mails went to
//! the same member (each mail's token is sealed afresh). Nothing is stored: the token also
//! seals when the mail was sent, and the link works for [`VALID_DAYS`] after, while the key
//! that sealed it is in the key file; after that (or `admin rotate-key`) it answers 404 and
//! the member changes the setting on the page.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::core::delivery::Category;
use crate::core::{Id, Timestamp};
use crate::delivery::contact::{Keyring, Purpose};

/// The path of an unsubscribe link, before its token.
pub const PATH: &str = "/unsubscribe/";

/// A sealed token is 62 bytes, 83 characters; anything much longer is not one.
const MAX_TOKEN_CHARS: usize = 100;

/// Every category as one byte of its own, fixed here rather than taken from the order of
/// `Category::ALL`, so that reordering the categories never makes an old link turn off
/// another one. The byte is the same length for every category: a token's length tells
/// nothing.
fn code(category: Category) -> u8 {
    match category {
        Category::EmergencyMeetings => 1,
        Category::Actions => 2,
        Category::Incidents => 3,
        Category::Bulletins => 4,
    }
}

fn category_of(code_byte: u8) -> Option<Category> {
    Category::ALL
        .iter()
        .copied()
        .find(|c| code(*c) == code_byte)
}

/// How long a mail's link works. Someone who got hold of one mail (forwarded, archived, in a
/// scanner's log) could otherwise silence that category of the member's mail for good, each
/// time the member turned it back on; a mail is unsubscribed from while it is fresh.
pub const VALID_DAYS: i64 = 60;

/// The token of a mail to `account` about `category`, sent now.
pub fn token(ring: &Keyring, account: Id, category: Category) -> String {
    token_at(ring, account, category, Timestamp::now())
}

fn token_at(ring: &Keyring, account: Id, category: Category, sent: Timestamp) -> String {
    let mut plain = account.get().to_be_bytes().to_vec();
    plain.push(code(category));
    plain.extend_from_slice(&sent.millis().to_be_bytes());
    URL_SAFE_NO_PAD.encode(ring.seal(Purpose::Unsubscribe, Id::NOTHING, &plain))
}

/// What a token turns off, if this server made it (with a key it still holds) within the
/// last [`VALID_DAYS`].
pub fn open(ring: &Keyring, token: &str) -> Option<(Id, Category)> {
    open_at(ring, token, Timestamp::now())
}

fn open_at(ring: &Keyring, token: &str, now: Timestamp) -> Option<(Id, Category)> {
    if token.len() > MAX_TOKEN_CHARS {
        return None;
    }
    let sealed = URL_SAFE_NO_PAD.decode(token).ok()?;
    let plain = ring.open(Purpose::Unsubscribe, Id::NOTHING, &sealed).ok()?;
    let (account, rest) = plain.split_at_checked(8)?;
    let account = i64::from_be_bytes(account.try_into().ok()?);
    let (&[category], sent) = rest.split_at_checked(1)? else {
        return None;
    };
    let sent = Timestamp::from_millis(i64::from_be_bytes(sent.try_into().ok()?));
    let fresh = sent.millis() <= now.millis()
        && now.millis() - sent.millis() <= VALID_DAYS * 24 * 3600 * 1000;
    (account > 0 && fresh).then_some((Id::from_db(account), category_of(category)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> Keyring {
        Keyring::parse(&format!("7 {}\n", URL_SAFE_NO_PAD.encode([3_u8; 32]))).expect("keys")
    }

    #[test]
    fn a_token_names_its_account_and_category() {
        let ring = ring();
        let account = Id::random();
        for &category in Category::ALL {
            let token = token(&ring, account, category);
            assert_eq!(open(&ring, &token), Some((account, category)));
            assert_eq!(token.len(), 83, "every category's token is as long");
            assert!(
                token
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "fits in a path as it is: {token}"
            );
        }
    }

    #[test]
    fn a_token_reveals_nothing_and_differs_per_mail() {
        let ring = ring();
        let account = Id::random();
        let first = token(&ring, account, Category::Actions);
        let second = token(&ring, account, Category::Actions);
        assert_ne!(
            first, second,
            "two mails' links cannot be told to be one member's"
        );
        let raw = URL_SAFE_NO_PAD.decode(&first).expect("base64");
        let id = account.get().to_be_bytes();
        assert!(!raw.windows(8).any(|w| w == id), "the account id is sealed");
        assert!(!first.contains(&account.to_string()));
    }

    #[test]
    fn a_link_works_while_its_mail_is_fresh() {
        let ring = ring();
        let account = Id::random();
        let sent = Timestamp::now();
        let token = token_at(&ring, account, Category::Incidents, sent);
        let day = |n: i64| sent.plus_hours(24 * n);
        assert_eq!(
            open_at(&ring, &token, day(VALID_DAYS - 1)),
            Some((account, Category::Incidents))
        );
        assert_eq!(open_at(&ring, &token, day(VALID_DAYS + 1)), None, "too old");
        assert_eq!(open_at(&ring, &token, day(-1)), None, "from the future");
    }

    #[test]
    fn a_changed_or_foreign_token_opens_nothing() {
        let ring = ring();
        let token = token(&ring, Id::random(), Category::Bulletins);
        let mut bytes = token.clone().into_bytes();
        for i in [0, 10, 40, bytes.len() - 1] {
            let original = bytes[i];
            bytes[i] = if original == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(bytes.clone()).expect("ascii");
            assert_eq!(open(&ring, &changed), None, "changed at {i}");
            bytes[i] = original;
        }
        assert_eq!(open(&ring, &token[..40]), None);
        assert_eq!(open(&ring, ""), None);
        assert_eq!(open(&ring, "not a token!"), None);
        assert_eq!(open(&ring, &"A".repeat(5000)), None);
        let other = ring.with_new_key().current_only();
        assert_eq!(open(&other, &token), None, "another server's key");
        // A value sealed for another purpose is no token.
        let address = URL_SAFE_NO_PAD.encode(ring.seal(Purpose::Email, Id::NOTHING, &[0; 9]));
        assert_eq!(open(&ring, &address), None);
    }
}
