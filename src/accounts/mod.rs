//! Accounts: pseudonymous handles, passwords, sessions and languages.

pub mod api;
pub mod pages;
pub mod service;
pub mod store;

use crate::accounts::store::AccountRow;
use crate::core::Id;
use crate::core::fields::Language;

/// How long a session lasts before logging in again.
pub const SESSION_DAYS: i64 = 30;

/// A signed-in account, as far as a request needs to know it.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: Id,
    pub handle: String,
    pub display_name: String,
    pub language: Language,
    pub is_admin: bool,
    /// The hash of the session token the request came with, to end exactly that session.
    pub session: Vec<u8>,
}

impl Account {
    pub fn from_row(row: AccountRow, session: Vec<u8>) -> Self {
        Account {
            id: Id::from_db(row.id),
            handle: row.handle,
            display_name: row.display_name,
            language: Language::parse(&row.language).unwrap_or(Language::En),
            is_admin: row.is_admin != 0,
            session,
        }
    }
}
