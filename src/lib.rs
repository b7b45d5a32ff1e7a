//! lectern: a static site generator for archives of Chinese speeches.
//!
//! The modules follow the data: [`load`] reads `content/` into [`speech::Speech`]es,
//! [`archive`] groups them, [`render`] turns them into pages through the theme,
//! [`search`] writes the search index from the same speeches, and [`output`] puts
//! the finished site in place. [`pipeline::run`] is the whole pipeline, which
//! [`build`], [`check`] and [`serve`] run into their own targets.

pub mod archive;
pub mod build;
pub mod cache;
pub mod check;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod fingerprint;
pub mod i18n;
pub mod import;
pub mod load;
pub mod measure;
pub mod names;
pub mod output;
pub mod page;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sink;
pub mod slug;
pub mod speech;
mod sync;
pub mod text;
pub mod urls;
