//! Delivery to phones and e-mail: notifications that matter away from the open page leave
//! the inbox by Web Push and by e-mail, in each member's language, as each member chose.
//!
//! - `core::delivery` decides which notifications go out (by category) and how retries
//!   back off;
//! - [`queue`] is called by `notifications::store::insert_many`, in the writer's
//!   transaction: one delivery row per notification and push subscription or e-mail
//!   address, for members who turned that category on;
//! - [`service::sender_job`] sends what is due, retries with backoff, and deletes what was
//!   sent; its state is the `deliveries` table, so a restart resumes it;
//! - [`push`] signs (VAPID) and encrypts (aes128gcm, with `web-push-native`); [`email`]
//!   sends plain-text mails with `lettre`; [`contact`] seals addresses and endpoints at rest
//!   with a key kept in the data folder; [`unsubscribe`] makes and opens the one-click
//!   unsubscribe tokens every mail carries;
//! - `api.rs` and `pages.rs`: the settings, subscriptions and the VAPID public key.

pub mod api;
pub mod contact;
pub mod email;
pub mod keyfile;
pub mod pages;
pub mod push;
pub mod service;
pub mod store;
pub mod unsubscribe;

use std::path::Path;
use std::sync::OnceLock;

use sqlx::AnyConnection;
use tokio::sync::Notify;

use crate::core::Id;
use crate::db::StoreResult;
use crate::notifications::Notification;

/// The keys delivery needs, read from (or created in) the data folder at start.
pub struct Keys {
    pub vapid: push::Vapid,
    pub contact: contact::Keyring,
    /// The key of anonymous form tokens (`web::caller`), derived from the contact key.
    pub form_key: [u8; 32],
    /// Holds off `admin rotate-key` while these keys are in use (see `keyfile::hold_for_server`).
    _in_use: std::fs::File,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The keys themselves never reach a log.
        f.debug_struct("Keys")
            .field("vapid", &self.vapid)
            .field("contact", &self.contact)
            .finish_non_exhaustive()
    }
}

impl Keys {
    pub fn load_or_create(dir: &Path) -> Result<Keys, String> {
        let in_use = keyfile::hold_for_server(dir).map_err(|e| e.to_string())?;
        let read = |e: std::io::Error| {
            format!(
                "cannot read or create the keys in the data folder {}: {e}",
                dir.display()
            )
        };
        let contact = contact::Keyring::load_or_create(dir).map_err(read)?;
        Ok(Keys {
            vapid: push::Vapid::load_or_create(dir).map_err(read)?,
            form_key: contact.form_key(),
            contact,
            _in_use: in_use,
        })
    }
}

/// Delivery's share of the application state.
#[derive(Default)]
pub struct Delivery {
    keys: OnceLock<Keys>,
    /// Wakes the sender when new deliveries were committed.
    pub wake: Notify,
}

impl Delivery {
    /// Loads the keys from the data folder, creating them on the first start, and checks
    /// the e-mail configuration; the error says what is wrong.
    pub fn prepare(&self, config: &crate::app::Config) -> Result<(), String> {
        if let Some(url) = &config.smtp_url {
            let from = config
                .mail_from
                .clone()
                .unwrap_or_else(|| service::default_sender(config));
            email::Mailer::new(url, &from, &config.public_url)?;
        }
        if self.keys.get().is_none() {
            let keys = Keys::load_or_create(&config.data_dir)?;
            let _ = self.keys.set(keys);
        }
        Ok(())
    }

    /// The keys; an error for a program that serves nothing (`admin` commands).
    pub fn keys(&self) -> Result<&Keys, crate::error::Error> {
        self.keys
            .get()
            .ok_or_else(|| crate::error::Error::Internal("delivery keys not loaded".into()))
    }
}

/// Queues the deliveries the given (just inserted) notifications call for. Called by
/// `notifications::store::insert_many` in the same transaction.
pub async fn queue(conn: &mut AnyConnection, inserted: &[&Notification]) -> StoreResult<()> {
    store::queue(conn, inserted).await
}

/// Takes back what was sent about `subject`, in the caller's transaction and before its
/// inbox rows are deleted: drops unsent deliveries of notifications about it, and queues a
/// push to every phone that may show it, telling the service worker to close the
/// notification tagged with the subject's id. Called when an incident is marked false.
///
/// Call it before writing any new notification about the same subject in that
/// transaction (such as `IncidentWithdrawn`): it drops every unsent delivery whose subject
/// is `subject`, and would drop those too.
pub async fn withdraw_subject(conn: &mut AnyConnection, subject: Id) -> StoreResult<()> {
    store::withdraw_subject(conn, subject).await
}

#[cfg(test)]
mod tests {
    use crate::core::delivery::Category;
    use crate::core::fields::Language;
    use crate::i18n::Tr;

    #[test]
    fn every_category_has_words_in_every_language() {
        for lang in Language::ALL {
            let tr = Tr::new(*lang);
            for category in Category::ALL {
                for prefix in [
                    "delivery-category",
                    "delivery-title",
                    "delivery-mail-unsubscribe",
                    "delivery-unsubscribe-ask",
                    "delivery-unsubscribed",
                ] {
                    let key = format!("{prefix}-{}", category.as_str().replace('_', "-"));
                    assert!(tr.has(&key), "{key} in {lang}");
                }
            }
            for key in [
                "delivery-mail-footer",
                "field-email",
                "delivery-unsubscribe-what",
                "delivery-unsubscribe-confirm",
                "delivery-unsubscribed-text",
            ] {
                assert!(tr.has(key), "{key} in {lang}");
            }
        }
    }
}
