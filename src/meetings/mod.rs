//! Meetings: any member schedules one with a time, a place and an agenda; a coordinator
//! calls an emergency meeting that alerts every member at once; members answer whether
//! they come and see who does; a coordinator records the minutes and who attended. Whoever
//! called a meeting, or a coordinator, changes it or calls it off, and the members are told.
//! Each member can subscribe their phone's calendar to a private feed of a committee's
//! meetings, or to one of everything of all their committees: meetings and actions.

pub mod api;
pub mod ical;
pub mod pages;
pub mod service;
pub mod store;
