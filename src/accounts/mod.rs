//! Accounts: pseudonymous handles, passwords, sessions, API tokens and languages.

pub mod api;
pub mod names;
pub mod pages;
pub mod service;
pub mod store;

use std::sync::Arc;
use std::sync::atomic::AtomicI64;

use crate::accounts::store::AccountRow;
use crate::core::Id;
use crate::core::fields::Language;
use crate::core::tokens::Scopes;
use crate::core::zones::Zone;
use crate::i18n::Tr;

/// How long a session lasts before logging in again.
pub const SESSION_DAYS: i64 = 30;

/// A signed-in account, as far as a request needs to know it.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: Id,
    pub handle: String,
    /// Empty when the member chose none; others see [`Account::shown_name`].
    pub display_name: String,
    pub name_tag: String,
    pub language: Language,
    pub is_admin: bool,
    /// The time zone the member chose to read times in; none for each committee's.
    pub time_zone: Option<Zone>,
    /// The hash of the session token the request came with, to end exactly that session
    /// (or of the API token, for a request made with one).
    pub session: Vec<u8>,
    /// Set when the request came with an API token rather than a session: what it may do.
    pub token: Option<Arc<TokenGrant>>,
}

/// What an API token carries besides its account.
#[derive(Debug)]
pub struct TokenGrant {
    pub id: Id,
    pub scopes: Scopes,
    /// The day (`core::tokens::day_of`) the token was last seen used, so that it is written
    /// down at most once a day.
    pub used_on: AtomicI64,
}

impl Account {
    pub fn from_row(row: AccountRow, session: Vec<u8>) -> Self {
        Account {
            id: Id::from_db(row.id),
            handle: row.handle,
            display_name: row.display_name,
            name_tag: row.name_tag,
            language: Language::parse(&row.language).unwrap_or(Language::En),
            is_admin: row.is_admin != 0,
            // A name the bundled database no longer knows reads as no choice.
            time_zone: row
                .time_zone
                .as_deref()
                .filter(|z| !z.is_empty())
                .and_then(|z| Zone::parse(z).ok()),
            session,
            token: None,
        }
    }

    /// The same account, reached through an API token.
    pub fn with_token(mut self, grant: TokenGrant) -> Self {
        self.token = Some(Arc::new(grant));
        self
    }

    /// Refuses what only a signed-in session may do (managing tokens, the password, the
    /// account itself): the web layer refuses it first, this is a second lock.
    pub fn session_only(&self) -> Result<(), crate::error::Error> {
        match self.token {
            Some(_) => Err(crate::error::Error::SessionRequired),
            None => Ok(()),
        }
    }
}

impl Account {
    /// The translator for this member: their language and their own zone.
    pub fn tr(&self) -> Tr {
        Tr::new(self.language).in_zone(self.time_zone)
    }

    /// The name others see: the display name, or the neutral name in `tr`'s language.
    pub fn shown_name(&self, tr: &Tr) -> String {
        names::shown_name(*tr, &self.display_name, self.id.get(), &self.name_tag)
    }
}
