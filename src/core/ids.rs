//! Opaque identifiers and secret tokens.
//!
//! Every row that the outside world can name has a random 63-bit id: compact and fast as an
//! integer key in both databases, and shown outside as 16 hexadecimal digits so that nobody
//! can count members or committees by walking sequential numbers.

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// Fills `buf` from the operating system's random source.
///
/// There is no sensible way to continue without randomness: ids and tokens would become
/// guessable. So a failure here stops the process instead of degrading silently.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    buf
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(i64);

impl Id {
    pub fn random() -> Self {
        // Keep ids positive so that they sort and print the same in every database.
        let n = i64::from_le_bytes(random_bytes::<8>()) & i64::MAX;
        // Zero is reserved so that a default-initialised value never names a real row.
        Id(if n == 0 { 1 } else { n })
    }

    /// Names no row (ids are never 0). A decision about who may see what an id names is
    /// also made, for this, when the id names nothing: both then cost the same.
    pub const NOTHING: Id = Id(0);

    /// Wraps a value read back from the database.
    pub const fn from_db(n: i64) -> Self {
        Id(n)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({self})")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidId;

impl FromStr for Id {
    type Err = InvalidId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 16
            || !s
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(InvalidId);
        }
        let n = i64::from_str_radix(s, 16).map_err(|_| InvalidId)?;
        if n <= 0 {
            return Err(InvalidId);
        }
        Ok(Id(n))
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom("expected an id of 16 hexadecimal digits"))
    }
}

impl utoipa::PartialSchema for Id {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^[0-9a-f]{16}$"))
            .description(Some("Opaque identifier"))
            .into()
    }
}

impl utoipa::ToSchema for Id {}

/// A bearer secret: session tokens and the setup token. Shown once, stored only as a hash.
pub struct Secret(String);

impl Secret {
    pub fn generate() -> Self {
        Secret(URL_SAFE_NO_PAD.encode(random_bytes::<32>()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The only form in which secrets reach the database. SHA-256 suffices because the secrets
/// carry 256 random bits: there is nothing to brute-force, unlike a password.
pub fn secret_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Alphabet for codes people read off a screen or type: no 0/O or 1/I/L to confuse.
const CODE_ALPHABET: &[u8; 31] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// An invite code: 16 characters (about 79 random bits) from an unambiguous alphabet, in four
/// groups so that it can be read aloud on the shop floor.
pub fn invite_code() -> String {
    let bytes = random_bytes::<16>();
    let mut code = String::with_capacity(19);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        // The slight modulo bias costs a fraction of a bit out of ~79.
        code.push(CODE_ALPHABET[(*b as usize) % CODE_ALPHABET.len()] as char);
    }
    code
}

/// Normalises a code as typed by a person: case and surrounding space do not matter.
pub fn normalize_code(code: &str) -> String {
    code.trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ids_are_opaque_and_round_trip() {
        for _ in 0..1000 {
            let id = Id::random();
            assert!(id.get() > 0);
            let shown = id.to_string();
            assert_eq!(shown.len(), 16);
            assert_eq!(shown.parse::<Id>(), Ok(id));
        }
    }

    #[test]
    fn malformed_ids_are_rejected() {
        for bad in [
            "",
            "1",
            "0000000000000000",
            "ffffffffffffffff",
            "ABCDEF0123456789",
            "123456789012345g",
            "12345678901234567",
        ] {
            assert!(bad.parse::<Id>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn codes_are_readable() {
        let code = invite_code();
        assert_eq!(code.len(), 19);
        assert!(
            code.chars()
                .all(|c| c == '-' || CODE_ALPHABET.contains(&(c as u8)))
        );
        assert_eq!(normalize_code(&format!("  {} ", code.to_uppercase())), code);
    }

    proptest! {
        #[test]
        fn any_positive_id_round_trips(n in 1i64..=i64::MAX) {
            let id = Id::from_db(n);
            prop_assert_eq!(id.to_string().parse::<Id>(), Ok(id));
        }
    }
}
