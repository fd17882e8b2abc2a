//! Delegates: elected by a committee to a council, recallable at any time. A council's
//! voting members are the delegates its affiliates elected, plus its founders.

pub mod api;
pub mod pages;
mod service;
pub mod store;

pub use service::{affiliation_ended, membership_ended, unseat};
