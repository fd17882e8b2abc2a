//! Black-box tests of the API and the pages: the real server, a fresh database per test,
//! HTTP on a random port. Every test runs on SQLite and on PostgreSQL.

mod common;

mod accounts;
mod action_pages;
mod actions;
mod authorization;
mod bulletins;
mod calendars;
mod clients;
mod committees;
mod confirmations;
mod contacts;
mod conventions;
mod dashboard;
mod delivery;
mod demo;
mod democracy_pages;
mod forms;
mod headers;
mod hidden_ids;
mod html;
mod incidents;
mod input;
mod invites;
mod languages;
mod limits;
mod meeting_changes;
mod meetings;
mod minimization;
mod motions;
mod names;
mod notifications;
mod observe;
mod offline;
mod openapi;
mod own_data;
mod page_matrix;
mod pages;
mod slow_clients;
mod stream_resume;
mod streams;
mod time_zones;
mod tokens;
mod trusted_proxy;
