//! The site being served: an immutable, complete build held in memory.
//!
//! `lectern serve` renders through the ordinary pipeline ([`crate::build::build_into`])
//! into a [`MemorySink`] instead of a folder, and swaps the finished [`Snapshot`] in
//! with one pointer store. We chose this over building into a private folder and
//! serving files from it because:
//! - a request sees either the old site or the new one, never a half-built or
//!   half-swapped folder (no window between the two renames of a staged build);
//! - only keys of the map can ever be served, so no URL can reach a file outside
//!   the site, whatever its dots, percent-escapes, backslashes or symlinks;
//! - nothing is written to disk, so `serve` never touches `public/`.
//!
//! The price is memory: the whole rendered site is held twice during a rebuild
//! (old and new snapshot). For archives of ten thousand speeches that is a few
//! hundred megabytes at most, acceptable on an editor's machine.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock};

use crate::render::Sink;

/// Collects the files of a build, keyed by their site-relative path (`a/b.html`).
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Arc<[u8]>>>,
}

impl MemorySink {
    pub fn into_snapshot(self) -> Snapshot {
        Snapshot {
            files: self.files.into_inner().unwrap_or_else(|e| e.into_inner()),
        }
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = path.trim_start_matches('/').to_string();
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, Arc::from(bytes));
        Ok(())
    }
}

/// One complete build of the site.
#[derive(Default, PartialEq, Eq)]
pub struct Snapshot {
    files: BTreeMap<String, Arc<[u8]>>,
}

impl Snapshot {
    pub fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        self.files.get(path).cloned()
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// What the server shows: the last good build, and the error of the last build if
/// it failed.
#[derive(Default)]
pub struct Current {
    snapshot: RwLock<Arc<Snapshot>>,
    error: RwLock<Option<String>>,
}

impl Current {
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Puts a new build in place; returns whether any file differs from the old one.
    pub fn replace(&self, new: Snapshot) -> bool {
        let mut slot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        let changed = **slot != new;
        *slot = Arc::new(new);
        changed
    }

    pub fn error(&self) -> Option<String> {
        self.error.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set_error(&self, error: Option<String>) {
        *self.error.write().unwrap_or_else(|e| e.into_inner()) = error;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sink_becomes_a_snapshot_that_replaces_the_old_one() {
        let sink = MemorySink::default();
        sink.write("a/index.html", b"one").unwrap();
        sink.write("/b.css", b"two").unwrap();
        let current = Current::default();
        assert!(current.replace(sink.into_snapshot()));
        let snap = current.snapshot();
        assert_eq!(snap.get("a/index.html").as_deref(), Some(&b"one"[..]));
        assert!(snap.contains("b.css"));
        let same = MemorySink::default();
        same.write("a/index.html", b"one").unwrap();
        same.write("b.css", b"two").unwrap();
        assert!(!current.replace(same.into_snapshot()), "nothing changed");
    }
}
