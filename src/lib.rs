//! Outnumber: self-hosted software for networks of rank-and-file workplace committees.
//!
//! See ARCHITECTURE.md for the map of the code.

pub mod accounts;
pub mod actions;
pub mod app;
pub mod bulletins;
pub mod bus;
pub mod cli;
pub mod committees;
pub mod contacts;
pub mod core;
pub mod db;
pub mod delegates;
pub mod delivery;
pub mod demands;
pub mod directory;
pub mod error;
pub mod i18n;
pub mod incidents;
pub mod limits;
pub mod meetings;
pub mod metrics;
pub mod motions;
pub mod notifications;
pub mod server;
pub mod web;
