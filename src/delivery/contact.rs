//! Contact details sealed at rest: e-mail addresses and push endpoints are encrypted with
//! XChaCha20-Poly1305 under a key kept in the data folder, outside the database. The same
//! keys seal the sums of secret ballots (bound to their motion instead of an account).
//!
//! The key file `contact-keys` holds one key per line, `<key id> <key in base64url>`; the
//! last line is the key new seals use, earlier lines still open what they sealed. A sealed
//! value is `1 | key id (4 bytes, big-endian) | nonce (24 bytes) | ciphertext and tag`, and
//! its row also keeps the key id in a column, so that `outnumber admin rotate-key` can add
//! a key, re-seal every row whose key id is not the newest, and drop the old key. The
//! associated data binds each value to its purpose and its account, so a sealed address
//! moved to another row does not open.
//!
//! The same keys give, through HMAC-SHA256 with a label (as HKDF's expansion does), the
//! keys of what else must not be computable from the database alone: the hashes push
//! endpoints are found by (per key, so a rotation rehashes them with the seals) and the
//! anonymous form tokens. They are copied to every server and backed up apart already.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use ::hmac::{Hmac, Mac};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use sha2::Sha256;

use crate::core::Id;
use crate::core::ids::random_bytes;
use crate::delivery::keyfile;

const VERSION: u8 = 1;
const HEADER: usize = 1 + 4 + 24;
pub const FILE: &str = "contact-keys";

/// What a sealed value is, bound into its encryption.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    Email,
    PushSubscription,
    /// A secret motion's sums, bound to the motion rather than an account.
    SecretSums,
    /// A mail's one-click unsubscribe token (`delivery::unsubscribe`), which holds its account.
    Unsubscribe,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::Email => b"outnumber email v1",
            Purpose::PushSubscription => b"outnumber push subscription v1",
            Purpose::SecretSums => b"outnumber secret sums v1",
            Purpose::Unsubscribe => b"outnumber unsubscribe v1",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("sealed value is malformed")]
    Malformed,
    #[error("sealed with key {0}, which is not in the key file")]
    UnknownKey(u32),
    #[error("sealed value does not open (wrong key, account or purpose, or tampered)")]
    Tampered,
}

/// The contact keys, newest last.
pub struct Keyring {
    keys: HashMap<u32, Key>,
    current: u32,
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Keyring(current {}, {} keys)",
            self.current,
            self.keys.len()
        )
    }
}

impl Keyring {
    /// Reads the key file in `dir`, or creates it (mode 0600) with a fresh key.
    pub fn load_or_create(dir: &Path) -> std::io::Result<Keyring> {
        let text = keyfile::read_or_create(&dir.join(FILE), || {
            let id = u32::from_be_bytes(random_bytes::<4>());
            format!("{id} {}\n", URL_SAFE_NO_PAD.encode(random_bytes::<32>()))
        })?;
        Self::parse(&text).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{} is not a contact key file", dir.join(FILE).display()),
            )
        })
    }

    pub(crate) fn parse(text: &str) -> Option<Keyring> {
        let mut keys = HashMap::new();
        let mut current = None;
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (id, key) = line.split_once(' ')?;
            let id: u32 = id.parse().ok()?;
            let bytes = URL_SAFE_NO_PAD.decode(key.trim()).ok()?;
            let bytes: [u8; 32] = bytes.as_slice().try_into().ok()?;
            keys.insert(id, Key::from(bytes));
            current = Some(id);
        }
        Some(Keyring {
            keys,
            current: current?,
        })
    }

    /// Reads the key file in `dir`, which must exist.
    pub fn load(dir: &Path) -> std::io::Result<Keyring> {
        let path = dir.join(FILE);
        let text = std::fs::read_to_string(&path)?;
        Self::parse(&text).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{} is not a contact key file", path.display()),
            )
        })
    }

    /// The same keys and a fresh one, which new seals use from now on.
    pub fn with_new_key(&self) -> Keyring {
        let mut id = u32::from_be_bytes(random_bytes::<4>());
        while self.keys.contains_key(&id) {
            id = id.wrapping_add(1);
        }
        let mut keys = self.keys.clone();
        keys.insert(id, Key::from(random_bytes::<32>()));
        Keyring { keys, current: id }
    }

    /// Only the key new values are sealed with: what older keys sealed no longer opens.
    pub fn current_only(&self) -> Keyring {
        let keys = self
            .keys
            .iter()
            .filter(|(id, _)| **id == self.current)
            .map(|(id, key)| (*id, *key))
            .collect();
        Keyring {
            keys,
            current: self.current,
        }
    }

    /// The ids of the keys held, the current one last.
    pub fn key_ids(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = self
            .keys
            .keys()
            .copied()
            .filter(|id| *id != self.current)
            .collect();
        ids.sort_unstable();
        ids.push(self.current);
        ids
    }

    /// Replaces the key file in `dir` with these keys, the current one last (atomically,
    /// mode 0600).
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let text: String = self
            .key_ids()
            .into_iter()
            .filter_map(|id| {
                self.keys
                    .get(&id)
                    .map(|key| format!("{id} {}\n", URL_SAFE_NO_PAD.encode(&key[..])))
            })
            .collect();
        keyfile::replace(&dir.join(FILE), &text)
    }

    /// The id of the key new values are sealed with.
    pub fn current_id(&self) -> u32 {
        self.current
    }

    /// The key derived from key `key_id` for `label`, if the ring holds that key.
    fn derived(&self, key_id: u32, label: &[u8]) -> Option<[u8; 32]> {
        let key = self.keys.get(&key_id)?;
        Some(hmac(&key[..], &[label]))
    }

    /// The key anonymous form tokens are made with (from the current key).
    pub fn form_key(&self) -> [u8; 32] {
        self.derived(self.current, b"outnumber anonymous forms v1")
            .unwrap_or_default()
    }

    /// The hash a push endpoint of `account` is stored and found by, under key `key_id`:
    /// keyed, so that whoever has the database and an endpoint (from a push service, say)
    /// cannot find its row; and per account, so that rows do not show two accounts sharing a
    /// phone, and one account's endpoint is never another's row.
    pub fn endpoint_hash(&self, key_id: u32, account: Id, endpoint: &str) -> Option<Vec<u8>> {
        let key = self.derived(key_id, b"outnumber push endpoint v1")?;
        Some(
            hmac(
                &key,
                &[&account.get().to_be_bytes(), endpoint.trim().as_bytes()],
            )
            .to_vec(),
        )
    }

    /// The endpoint's hash under every key held, the current one last: what rows sealed
    /// before an unfinished rotation may still carry.
    pub fn endpoint_hashes(&self, account: Id, endpoint: &str) -> Vec<Vec<u8>> {
        self.key_ids()
            .into_iter()
            .filter_map(|id| self.endpoint_hash(id, account, endpoint))
            .collect()
    }

    fn aad(purpose: Purpose, account: Id) -> Vec<u8> {
        let mut aad = purpose.label().to_vec();
        aad.extend_from_slice(&account.get().to_be_bytes());
        aad
    }

    /// Seals `plaintext` for `purpose`, bound to `account` (for [`Purpose::SecretSums`],
    /// the motion).
    pub fn seal(&self, purpose: Purpose, account: Id, plaintext: &[u8]) -> Vec<u8> {
        let nonce = random_bytes::<24>();
        let mut out = Vec::with_capacity(HEADER + plaintext.len() + 16);
        out.push(VERSION);
        out.extend_from_slice(&self.current.to_be_bytes());
        out.extend_from_slice(&nonce);
        let cipher = self.keys.get(&self.current).map(XChaCha20Poly1305::new);
        let aad = Self::aad(purpose, account);
        // Encryption with a valid key and nonce cannot fail; the key of `current` always
        // exists (parse guarantees it).
        if let Some(sealed) = cipher.and_then(|c| {
            c.encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            .ok()
        }) {
            out.extend_from_slice(&sealed);
        }
        out
    }

    pub fn open(&self, purpose: Purpose, account: Id, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        if sealed.len() < HEADER + 16 || sealed[0] != VERSION {
            return Err(SealError::Malformed);
        }
        let key_id = u32::from_be_bytes([sealed[1], sealed[2], sealed[3], sealed[4]]);
        let key = self
            .keys
            .get(&key_id)
            .ok_or(SealError::UnknownKey(key_id))?;
        let aad = Self::aad(purpose, account);
        let nonce: [u8; 24] = sealed[5..HEADER]
            .try_into()
            .map_err(|_| SealError::Malformed)?;
        XChaCha20Poly1305::new(key)
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &sealed[HEADER..],
                    aad: &aad,
                },
            )
            .map_err(|_| SealError::Tampered)
    }
}

/// HMAC-SHA256 of the parts, one after another.
pub fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_hashes_need_the_key_and_differ_per_account() {
        let ring = ring();
        let (rosa, amir) = (Id::random(), Id::random());
        let endpoint = "https://push.example.net/send/abc";
        let hash = ring.endpoint_hash(42, rosa, endpoint).expect("hash");
        assert_eq!(hash.len(), 32);
        assert_eq!(
            ring.endpoint_hash(42, rosa, &format!(" {endpoint} ")),
            Some(hash.clone())
        );
        assert_ne!(ring.endpoint_hash(42, amir, endpoint), Some(hash.clone()));
        assert_ne!(ring.endpoint_hash(7, rosa, endpoint), Some(hash.clone()));
        use sha2::Digest;
        assert_ne!(hash, Sha256::digest(endpoint.as_bytes()).to_vec());
        assert_eq!(ring.endpoint_hash(1, rosa, endpoint), None, "no such key");
        assert_eq!(ring.endpoint_hashes(rosa, endpoint).last(), Some(&hash));
        assert_eq!(ring.endpoint_hashes(rosa, endpoint).len(), 2);
        assert_ne!(ring.form_key(), [0; 32]);
        assert_ne!(ring.form_key(), ring.with_new_key().form_key());
    }

    fn ring() -> Keyring {
        let text = format!(
            "7 {}\n42 {}\n",
            URL_SAFE_NO_PAD.encode([1_u8; 32]),
            URL_SAFE_NO_PAD.encode([2_u8; 32])
        );
        Keyring::parse(&text).expect("key file")
    }

    #[test]
    fn seals_and_opens_with_the_newest_key() {
        let ring = ring();
        assert_eq!(ring.current_id(), 42);
        let account = Id::random();
        let sealed = ring.seal(Purpose::Email, account, b"rosa@example.org");
        assert!(!sealed.windows(4).any(|w| w == b"rosa"));
        assert_eq!(&sealed[1..5], &42_u32.to_be_bytes());
        assert_eq!(
            ring.open(Purpose::Email, account, &sealed).expect("opens"),
            b"rosa@example.org"
        );
    }

    #[test]
    fn a_value_moved_to_another_account_or_purpose_does_not_open() {
        let ring = ring();
        let account = Id::random();
        let sealed = ring.seal(Purpose::Email, account, b"rosa@example.org");
        assert!(ring.open(Purpose::Email, Id::random(), &sealed).is_err());
        assert!(
            ring.open(Purpose::PushSubscription, account, &sealed)
                .is_err()
        );
        let mut tampered = sealed.clone();
        if let Some(last) = tampered.last_mut() {
            *last ^= 1;
        }
        assert!(ring.open(Purpose::Email, account, &tampered).is_err());
        assert!(ring.open(Purpose::Email, account, &sealed[..10]).is_err());
    }

    #[test]
    fn older_keys_still_open_what_they_sealed() {
        let old = Keyring::parse(&format!("7 {}\n", URL_SAFE_NO_PAD.encode([1_u8; 32])))
            .expect("key file");
        let account = Id::random();
        let sealed = old.seal(Purpose::Email, account, b"x@example.org");
        assert_eq!(
            ring()
                .open(Purpose::Email, account, &sealed)
                .expect("opens"),
            b"x@example.org"
        );
    }

    #[test]
    fn a_new_key_seals_and_dropping_the_old_one_stops_its_seals() {
        let old = ring();
        let account = Id::random();
        let sealed = old.seal(Purpose::Email, account, b"x@example.org");
        let both = old.with_new_key();
        assert_ne!(both.current_id(), old.current_id());
        assert_eq!(both.key_ids().len(), 3);
        let resealed = both.seal(
            Purpose::Email,
            account,
            &both
                .open(Purpose::Email, account, &sealed)
                .expect("old seal opens"),
        );
        let new = both.current_only();
        assert_eq!(new.key_ids(), vec![both.current_id()]);
        assert!(matches!(
            new.open(Purpose::Email, account, &sealed),
            Err(SealError::UnknownKey(42))
        ));
        assert_eq!(
            new.open(Purpose::Email, account, &resealed).expect("opens"),
            b"x@example.org"
        );
    }

    #[test]
    fn malformed_key_files_are_refused() {
        assert!(Keyring::parse("").is_none());
        assert!(Keyring::parse("x abc").is_none());
        assert!(Keyring::parse("1 AAAA").is_none());
    }
}
