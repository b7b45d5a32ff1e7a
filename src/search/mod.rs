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

use crate::t;

/// Why the written index cannot answer: what `lectern search` (and anything
/// else reading an index) is told. The decoders below say in words what they
/// found wrong; these variants say which file.
#[derive(Debug)]
pub enum Error {
    /// A file of the index could not be read: missing (not built yet), or not
    /// readable.
    Read {
        path: String,
        source: std::io::Error,
    },
    /// A file holds something this lectern does not write.
    Damaged { path: String, why: String },
    /// The index was written by a lectern with another format.
    Format { found: u32, reads: u32 },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            Error::Read { path, source } => {
                t!("search-cannot-read", path = path, error = source)
            }
            Error::Damaged { path, why } => t!("search-file-damaged", path = path, why = why),
            Error::Format { found, reads } => {
                t!("search-other-format", found = found, reads = reads)
            }
        })
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}
