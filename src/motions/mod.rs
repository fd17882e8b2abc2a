//! Motions and ballots: any member moves a motion; members vote by open or secret ballot;
//! the motion closes at its time (or early, by a coordinator) and its outcome takes effect
//! at once.

pub mod api;
pub mod pages;
pub mod service;
pub mod store;
