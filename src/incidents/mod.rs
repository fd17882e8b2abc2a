//! Defense: a member reports a raid, a detention, enforcement staging, an attack or
//! retaliation; the members who can get there are alerted within a second; others confirm
//! it and sign up to respond; it is resolved or withdrawn as a false alarm; its words and
//! people are erased after the retention period.

pub mod api;
pub mod pages;
pub mod service;
pub mod store;
