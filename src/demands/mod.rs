//! Demands and programs: committees draft demands and adopt or amend them by motion; a
//! council adopts demands by its delegates' vote, and affiliated committees endorse them, so
//! that a council's program shows how many workers stand behind each demand.

pub mod api;
pub mod pages;

pub mod service;
pub mod store;
