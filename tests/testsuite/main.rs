//! lectern's integration tests, one module a feature, linked into one binary so
//! that a change to the library links the suite once. Each module runs the real
//! `lectern` binary as a process; `util` is the fixture kit they share (sites in
//! temporary folders, runs of the binary, snapshots of what it wrote).
//!
//! Run one feature with `cargo test --release --test testsuite build::`.

mod util;

mod browser;
mod build;
mod cache;
mod check;
mod cite;
mod cli;
mod data;
mod guarantees;
mod i18n;
mod import;
mod new;
mod offline;
mod pages;
mod people;
mod search_cli;
mod search_exact;
mod search_vectors;
mod serve;
mod workflows;
