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

// Foundations: the types and rules every stage shares; they import no stage.
pub mod config;
mod dates;
pub mod diagnostic;
mod fingerprint;
pub mod i18n;
mod measure;
pub mod names;
mod page;
mod progress;
mod sink;
pub mod slug;
mod speech;
mod spool;
mod sync;
pub mod text;
mod urls;

// Stages (load → archive → render | search → output), the build cache that
// carries their results from one build to the next, and the pipeline that
// runs them.
mod archive;
pub mod cache;
mod load;
mod output;
pub mod pipeline;
mod render;
pub mod search;

// Commands: what `lectern build`, `check`, `serve`, `import` and `new` do
// around the pipeline (the command line itself is `src/main.rs` and `src/cmd/`).
pub mod build;
pub mod check;
pub mod import;
pub mod scaffold;
pub mod serve;
