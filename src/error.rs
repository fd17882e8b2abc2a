//! The error type of the application layer: what a part's operations can answer instead of
//! a result. The web layer maps each case to an HTTP status, a stable code and a translated
//! message in one place (`web::error`); nothing else decides statuses.

use std::borrow::Cow;

use crate::core::{Invalid, Invalids, Rule};
use crate::db::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule of the domain refused the request (including "you may not see this").
    #[error(transparent)]
    Rule(#[from] Rule),
    /// The request needs a signed-in account.
    #[error("sign in first")]
    Unauthenticated,
    #[error("wrong handle or password")]
    InvalidCredentials,
    /// A bearer token that is malformed, unknown or expired.
    #[error("invalid token")]
    InvalidToken,
    /// An API token went outside its scopes: the scope it would need.
    #[error("the token's scopes do not allow this: it needs {needs}")]
    TokenScope { needs: &'static str },
    /// Only a signed-in session may do this, never an API token.
    #[error("this needs a signed-in session, not an API token")]
    SessionRequired,
    /// The request itself could not be read: not JSON, wrong types, a bad id in the path.
    #[error("bad request: {code}")]
    BadRequest {
        code: &'static str,
        detail: Cow<'static, str>,
    },
    #[error("too many requests")]
    RateLimited { retry_after_secs: u64 },
    #[error("the form expired; reload the page and try again")]
    CsrfMismatch,
    /// The server could not do it safely right now and changed nothing; try again.
    #[error("the server is busy")]
    Busy,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something that should not happen; logged in full, shown to nobody.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Self {
        Error::Rule(Rule::from(invalid))
    }
}

impl From<Invalids> for Error {
    fn from(invalids: Invalids) -> Self {
        Error::Rule(Rule::Invalid(invalids))
    }
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        Error::Store(StoreError::from(err))
    }
}

impl Error {
    pub fn not_found() -> Self {
        Error::Rule(Rule::Hidden)
    }

    /// A refusal becomes "not found" (the caller learns nothing about what they may not
    /// see), while a failure of the database or of the server stays what it is: an outage
    /// must never look like a missing resource.
    pub fn hidden(self) -> Self {
        match self {
            Error::Store(_) | Error::Internal(_) => self,
            _ => Error::not_found(),
        }
    }

    /// The database is out of reach (an outage, answered with 503), as opposed to a bug.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Error::Store(StoreError::Unavailable(_)))
    }

    pub fn bad_request(code: &'static str, detail: impl Into<Cow<'static, str>>) -> Self {
        Error::BadRequest {
            code,
            detail: detail.into(),
        }
    }
}
