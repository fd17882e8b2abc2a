//! A committee's contacts page: whom to reach in a hurry. Its coordinators and delegates by
//! the names they are shown by, and the lines its coordinators post (a legal hotline, a
//! rapid-response number). The page is kept on members' phones for reading offline
//! (`web::offline`), and a phone can be taken, so it never lists members or anyone's own
//! contact details.

pub mod pages;
pub mod service;
pub mod store;

/// How many lines a committee may post: a contacts page is read under stress, on a small
/// screen.
pub const MAX_LINES: i64 = 12;
