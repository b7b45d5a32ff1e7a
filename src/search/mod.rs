//! Search: a client-side Chinese full-text index with exact substring recall.
//!
//! [`index`] writes it from the parsed speeches during `lectern build`; [`query`]
//! answers queries from the written files (for `lectern search`), which [`pack`]
//! lays out in a few large files; the browser
//! client `search.js` in the default theme mirrors `query`. [`format`] is the
//! on-disk encoding, described in `docs/search-format.md`; what counts as
//! searchable text is [`crate::text`], shared with load and archive.

pub mod format;
pub(crate) mod index;
#[cfg(test)]
mod js;
pub(crate) mod pack;
pub mod query;

/// Why the written index cannot answer: what `lectern search` (and anything
/// else reading an index) is told. The decoders below say in words what they
/// found wrong; these variants say which file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file of the index could not be read: missing (not built yet), or not
    /// readable.
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A file holds something this lectern does not write.
    #[error("{path} is damaged: {why}")]
    Damaged { path: String, why: String },
    /// The index was written by a lectern with another format.
    #[error("the index has format {found}, this lectern reads format {reads}")]
    Format { found: u32, reads: u32 },
}
