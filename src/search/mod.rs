//! Search: a client-side Chinese full-text index with exact substring recall.
//!
//! [`index`] writes it from the parsed speeches during `lectern build`; [`query`]
//! answers queries from the written files (for `lectern search`), which [`pack`]
//! lays out in a few large files; the browser
//! client `search.js` in the default theme mirrors `query`. [`normalize`] is the
//! one definition of searchable text, [`fold`] its 繁简 folding table, and [`format`]
//! the on-disk encoding, described in `docs/search-format.md`.

pub mod fold;
pub mod format;
pub mod index;
#[cfg(test)]
mod js;
pub mod normalize;
pub mod pack;
pub mod query;
