//! lectern: a static site generator for archives of Chinese speeches.
//!
//! The modules follow the data: `load` reads `content/` into speeches,
//! `archive` groups them, `render` turns them into pages through the design,
//! [`search`] writes the search index from the same speeches, and `output` puts
//! the finished site in place. [`pipeline::run`] is the whole pipeline, which
//! [`build`], [`check`] and [`serve`] run into their own targets.
//!
//! Public are only the modules that `main.rs`, the tests and the benchmarks use.

#![warn(unreachable_pub)]

mod archive;
pub mod build;
pub mod cache;
pub mod check;
pub mod config;
mod dates;
pub mod diagnostic;
mod fingerprint;
pub mod i18n;
pub mod import;
mod load;
mod measure;
pub mod names;
mod output;
mod page;
pub mod pipeline;
mod progress;
mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
mod sink;
pub mod slug;
mod speech;
mod sync;
pub mod text;
mod urls;
