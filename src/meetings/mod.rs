//! Meetings: any member schedules one with a time, a place and an agenda; a coordinator
//! calls an emergency meeting that alerts every member at once; members answer whether
//! they come and see who does; a coordinator records the minutes and who attended. Each
//! member can subscribe their phone's calendar to a private feed of their committee's
//! meetings.

pub mod api;
pub mod ical;
pub mod pages;
pub mod service;
pub mod store;
