//! The site being served: an immutable, complete build held in memory.
//!
//! `lectern serve` renders through the ordinary pipeline ([`crate::pipeline::run`])
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

use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use crate::fingerprint::Fingerprint;
use crate::sink::Sink;
use crate::sync::Unpoisoned;

/// One file of a build: what it was made from, and its bytes.
#[derive(Clone)]
struct File {
    fingerprint: Fingerprint,
    bytes: Arc<[u8]>,
}

/// Collects the files of a build, keyed by their site-relative path (`a/b.html`).
/// Files whose fingerprint did not change since the `previous` build are taken
/// over from it instead of being made again: that is what makes a rebuild after
/// one edit quick.
#[derive(Default)]
pub(crate) struct MemorySink {
    previous: Arc<Snapshot>,
    files: Mutex<FxHashMap<Arc<str>, File>>,
    beneath: Mutex<Option<Beneath>>,
    written: AtomicUsize,
    pages_written: AtomicUsize,
}

impl MemorySink {
    pub(crate) fn after(previous: Arc<Snapshot>) -> MemorySink {
        MemorySink {
            previous,
            files: Mutex::default(),
            beneath: Mutex::default(),
            written: AtomicUsize::new(0),
            pages_written: AtomicUsize::new(0),
        }
    }

    /// How many files were made anew rather than taken over.
    pub(crate) fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// How many of them are HTML pages.
    pub(crate) fn pages_written(&self) -> usize {
        self.pages_written.load(Ordering::Relaxed)
    }

    /// Takes over every file of the previous build under `folder` that this
    /// build did not write: the search index, while a new one is pending. The
    /// files are shared with the build that wrote them rather than copied (there
    /// are tens of thousands).
    pub(crate) fn carry_over(&self, folder: &str) {
        let prefix: Arc<str> = Arc::from(format!("{folder}/"));
        let mut files = self.files.lock().unpoisoned();
        let earlier = match &self.previous.beneath {
            // The previous build took them over itself: share that build's, and
            // copy the few it wrote there (its pages).
            Some(beneath) if beneath.folder == prefix => {
                for (path, file) in &self.previous.files {
                    if path.starts_with(&*prefix) && !files.contains_key(path) {
                        files.insert(Arc::clone(path), file.clone());
                    }
                }
                Arc::clone(&beneath.build)
            }
            _ => Arc::clone(&self.previous),
        };
        let under = earlier.files.keys().filter(|p| p.starts_with(&*prefix));
        let shadowed = files
            .keys()
            .filter(|p| p.starts_with(&*prefix) && earlier.files.contains_key(*p))
            .count();
        let len = under.count() - shadowed;
        *self.beneath.lock().unpoisoned() = Some(Beneath {
            folder: prefix,
            build: earlier,
            len,
        });
    }

    /// Takes over every file of the previous build under `folder` that this
    /// build did not write, copying the entries (not the bytes): for a folder
    /// other than the one [`carry_over`](Self::carry_over) shares.
    pub(crate) fn copy_over(&self, folder: &str) {
        let prefix = format!("{folder}/");
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        for (path, file) in &self.previous.files {
            if path.starts_with(&prefix) && !files.contains_key(path) {
                files.insert(Arc::clone(path), file.clone());
            }
        }
    }

    pub(crate) fn into_snapshot(self) -> Snapshot {
        Snapshot {
            files: self.files.into_inner().unpoisoned(),
            beneath: self.beneath.into_inner().unpoisoned(),
        }
    }

    fn insert(&self, path: Arc<str>, file: File) {
        self.files.lock().unpoisoned().insert(path, file);
    }
}

impl Sink for MemorySink {
    fn keep(&self, path: &str, fingerprint: Fingerprint) -> bool {
        match self.previous.entry(path.trim_start_matches('/')) {
            Some((path, file)) if file.fingerprint == fingerprint => {
                self.insert(Arc::clone(path), file.clone());
                true
            }
            _ => false,
        }
    }

    fn write(&self, path: &str, fingerprint: Fingerprint, bytes: &[u8]) -> std::io::Result<()> {
        self.written.fetch_add(1, Ordering::Relaxed);
        if path.ends_with(".html") {
            self.pages_written.fetch_add(1, Ordering::Relaxed);
        }
        self.insert(
            Arc::from(path.trim_start_matches('/')),
            File {
                fingerprint,
                bytes: Arc::from(bytes),
            },
        );
        Ok(())
    }
}

/// One complete build of the site. Paths are shared between builds (`Arc`), so
/// taking a file over from the last build copies no text.
#[derive(Default)]
pub(crate) struct Snapshot {
    files: FxHashMap<Arc<str>, File>,
    beneath: Option<Beneath>,
}

/// The files under a folder that a build took over whole from an earlier one.
struct Beneath {
    /// The folder, with its `/`.
    folder: Arc<str>,
    build: Arc<Snapshot>,
    /// How many of them are not shadowed by the build's own files.
    len: usize,
}

impl Snapshot {
    fn entry(&self, path: &str) -> Option<(&Arc<str>, &File)> {
        self.files.get_key_value(path).or_else(|| {
            let beneath = self.beneath.as_ref()?;
            if path.starts_with(&*beneath.folder) {
                beneath.build.files.get_key_value(path)
            } else {
                None
            }
        })
    }

    pub(crate) fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        self.entry(path).map(|(_, file)| file.bytes.clone())
    }

    pub(crate) fn contains(&self, path: &str) -> bool {
        self.entry(path).is_some()
    }

    pub(crate) fn len(&self) -> usize {
        self.files.len() + self.beneath.as_ref().map_or(0, |b| b.len)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether two builds have the same files made from the same inputs (and so
    /// with the same bytes).
    fn same_as(&self, other: &Snapshot) -> bool {
        let same = |path: &str, file: &File| {
            other
                .entry(path)
                .is_some_and(|(_, o)| o.fingerprint == file.fingerprint)
        };
        if self.len() != other.len() || !self.files.iter().all(|(p, f)| same(p, f)) {
            return false;
        }
        let Some(beneath) = &self.beneath else {
            return true;
        };
        // Files taken over from `other`, or from what `other` took them from,
        // are the same ones.
        let shared = std::ptr::eq(&*beneath.build, other)
            || other
                .beneath
                .as_ref()
                .is_some_and(|o| Arc::ptr_eq(&o.build, &beneath.build));
        shared
            || beneath.build.files.iter().all(|(path, file)| {
                !path.starts_with(&*beneath.folder)
                    || self.files.contains_key(path)
                    || same(path, file)
            })
    }
}

/// What the server shows: the last good build, and the error of the last build if
/// it failed.
#[derive(Default)]
pub(crate) struct Current {
    snapshot: RwLock<Arc<Snapshot>>,
    error: RwLock<Option<String>>,
}

impl Current {
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.read().unpoisoned().clone()
    }

    /// Puts a new build in place; returns whether any file differs from the old one.
    pub(crate) fn replace(&self, new: Snapshot) -> bool {
        let mut slot = self.snapshot.write().unpoisoned();
        let changed = !slot.same_as(&new);
        *slot = Arc::new(new);
        changed
    }

    pub(crate) fn error(&self) -> Option<String> {
        self.error.read().unpoisoned().clone()
    }

    pub(crate) fn set_error(&self, error: Option<String>) {
        *self.error.write().unpoisoned() = error;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sink_becomes_a_snapshot_that_replaces_the_old_one() {
        let sink = MemorySink::default();
        sink.put("a/index.html", b"one").unwrap();
        sink.put("/b.css", b"two").unwrap();
        let current = Current::default();
        assert!(current.replace(sink.into_snapshot()));
        let snap = current.snapshot();
        assert_eq!(snap.get("a/index.html").as_deref(), Some(&b"one"[..]));
        assert!(snap.contains("b.css"));

        let same = MemorySink::after(current.snapshot());
        assert!(same.keep("a/index.html", Fingerprint::of_bytes(b"one")));
        assert!(!same.keep("b.css", Fingerprint::of_bytes(b"changed")));
        same.put("b.css", b"two").unwrap();
        assert!(!current.replace(same.into_snapshot()), "nothing changed");

        let changed = MemorySink::after(current.snapshot());
        changed.put("a/index.html", b"one").unwrap();
        assert!(current.replace(changed.into_snapshot()), "b.css is gone");
    }

    #[test]
    fn a_folder_copied_over_keeps_what_the_build_did_not_write() {
        let complete = MemorySink::default();
        complete.put("data/speeches.jsonl", b"all").unwrap();
        complete.put("data/text/a.txt", b"a").unwrap();
        complete.put("index.html", b"home").unwrap();
        let current = Current::default();
        current.replace(complete.into_snapshot());
        let preview = MemorySink::after(current.snapshot());
        preview.put("index.html", b"home again").unwrap();
        preview.put("data/text/a.txt", b"new a").unwrap();
        preview.copy_over("data");
        current.replace(preview.into_snapshot());
        let snap = current.snapshot();
        assert_eq!(snap.len(), 3);
        assert_eq!(
            snap.get("data/speeches.jsonl").as_deref(),
            Some(&b"all"[..])
        );
        assert_eq!(snap.get("data/text/a.txt").as_deref(), Some(&b"new a"[..]));
    }

    #[test]
    fn a_folder_carried_over_is_shared_and_served() {
        let complete = MemorySink::default();
        complete.put("search/index.html", b"page").unwrap();
        complete.put("search/i/1.bin", b"shard").unwrap();
        complete.put("a/index.html", b"one").unwrap();
        let current = Current::default();
        current.replace(complete.into_snapshot());

        // Two previews in a row, each writing the pages and keeping the index.
        for text in [&b"two"[..], b"three"] {
            let preview = MemorySink::after(current.snapshot());
            preview.put("search/index.html", b"page").unwrap();
            preview.put("a/index.html", text).unwrap();
            preview.carry_over("search");
            assert!(current.replace(preview.into_snapshot()));
            let snap = current.snapshot();
            assert_eq!(snap.len(), 3);
            assert_eq!(snap.get("search/i/1.bin").as_deref(), Some(&b"shard"[..]));
            assert_eq!(snap.get("a/index.html").as_deref(), Some(text));
        }

        // Nothing changed: the same site.
        let again = MemorySink::after(current.snapshot());
        again.put("search/index.html", b"page").unwrap();
        again.put("a/index.html", b"three").unwrap();
        again.carry_over("search");
        assert!(!current.replace(again.into_snapshot()));

        // The complete pass takes the shard over and writes a new one.
        let next = MemorySink::after(current.snapshot());
        assert!(next.keep("search/i/1.bin", Fingerprint::of_bytes(b"shard")));
        next.put("search/i/2.bin", b"new").unwrap();
        assert!(current.replace(next.into_snapshot()));
        assert_eq!(current.snapshot().len(), 2);
    }
}
