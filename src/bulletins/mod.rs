//! Bulletins: committees and councils publish reports to their members or to the network; a
//! workplace committee's network bulletin flows up to its councils, a council's flows down to
//! every committee below it. Readers page through what reaches them in the feed.

pub mod api;
pub mod markdown;
pub mod pages;
pub mod service;
pub mod store;
