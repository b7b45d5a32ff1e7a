//! The spool: a temporary file that holds the bulky part of every document
//! read (its rendered HTML and its plain text) from the moment `load` makes it
//! until the stages that use it (archive, search, render) read it back.
//!
//! Held in memory, these two were more than half of what a build kept for the
//! whole build, so memory grew with the archive. In the spool a document costs
//! its handles only, and a stage reads the texts it works on a few at a time.
//! The file has no name (or loses it as soon as it is made), so nothing is left
//! behind by a build that stops, however it stops; it goes when the last handle
//! into it does.

use std::fmt;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::t;

/// A spool being written: [`Spool::put`] may be called from many threads.
pub(crate) struct Spool {
    file: Arc<SpoolFile>,
}

struct SpoolFile {
    file: File,
    /// Where the next text goes: writers take their place with one atomic
    /// addition and then write there without a lock.
    end: AtomicU64,
}

/// One text in a spool. Cloning it is cheap and keeps the spool alive.
#[derive(Clone)]
pub(crate) struct Spooled {
    file: Arc<SpoolFile>,
    at: u64,
    len: u32,
}

impl Spool {
    /// A new, empty spool in `dir`.
    pub(crate) fn new(dir: &Path) -> io::Result<Spool> {
        Ok(Spool {
            file: Arc::new(SpoolFile {
                file: tempfile::tempfile_in(dir)?,
                end: AtomicU64::new(0),
            }),
        })
    }

    /// Writes `text` to the spool; the handle reads it back.
    pub(crate) fn put(&self, text: &str) -> io::Result<Spooled> {
        let len = u32::try_from(text.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "text over 4 GB"))?;
        let at = self.file.end.fetch_add(len as u64, Ordering::Relaxed);
        write_all_at(&self.file.file, text.as_bytes(), at)?;
        Ok(Spooled {
            file: Arc::clone(&self.file),
            at,
            len,
        })
    }
}

impl Spooled {
    /// The text, read back from the spool.
    pub(crate) fn read(&self) -> io::Result<String> {
        let mut bytes = vec![0; self.len as usize];
        read_exact_at(&self.file.file, &mut bytes, self.at)?;
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    /// Its length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }
}

/// The problem of a text of the file at `path` that could not be read back:
/// the spool's disk failed under it, which no edit can cause.
pub(crate) fn unreadable(path: &Path, error: io::Error) -> Diagnostic {
    Diagnostic::error(t!("spool-cannot-read", error = error))
        .in_file(path)
        .help(t!("spool-cannot-read-help"))
}

impl fmt::Debug for Spooled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Spooled({} bytes at {})", self.len, self.at)
    }
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_exact_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(windows)]
fn write_all_at(file: &File, mut bytes: &[u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        let written = file.seek_write(bytes, at)?;
        if written == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[written..];
        at += written as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut bytes: &mut [u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        let read = file.seek_read(bytes, at)?;
        if read == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut std::mem::take(&mut bytes)[read..];
        at += read as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn texts_put_from_many_threads_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::new(dir.path()).unwrap();
        let texts: Vec<String> = (0..2000)
            .map(|i| format!("第{i}段：工会{}", "维权".repeat(i % 37)))
            .collect();
        let handles: Vec<Spooled> = texts.par_iter().map(|t| spool.put(t).unwrap()).collect();
        drop(spool);
        for (text, handle) in texts.iter().zip(&handles) {
            assert_eq!(&handle.read().unwrap(), text);
            assert_eq!(handle.len(), text.len());
        }
        assert_eq!(handles[0].read().unwrap(), "第0段：工会");
    }

    #[test]
    fn the_spool_leaves_no_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::new(dir.path()).unwrap();
        let handle = spool.put("讲话").unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert_eq!(handle.read().unwrap(), "讲话");
    }
}
