//! Black-box tests of the API and the pages: the real server, a fresh database per test,
//! HTTP on a random port. Every test runs on SQLite and on PostgreSQL.

mod common;

mod accounts;
mod action_pages;
mod actions;
mod bulletins;
mod committees;
mod delivery;
mod demo;
mod democracy_pages;
mod incidents;
mod input;
mod invites;
mod meetings;
mod motions;
mod notifications;
mod pages;
