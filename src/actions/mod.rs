//! Mass action: a committee or council calls an action that goes ahead only when enough
//! workers pledge; the pledge that meets the threshold activates it, and everyone it reaches
//! is told at once.

pub mod api;
pub mod engine;
pub mod pages;
pub mod pledgers;
pub mod service;
pub mod store;
