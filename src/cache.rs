//! The build cache: what one build leaves for the next, so that a build of an
//! unchanged (or slightly changed) archive redoes only what changed.
//!
//! It holds the segmentation of every speech, keyed by the fingerprint of its
//! searchable text, and the record of the output folder: per file, the
//! fingerprint it was made from and the size and time it was written with (see
//! [`OutputRecord`]). It lives in one file, `.lectern-cache/build.bin` under the
//! site by default, stamped with the lectern build that wrote it and a checksum.
//! The cache is only ever an optimisation: deleting it is safe, a cache from
//! another lectern build is ignored, and a damaged one is reported and ignored.

use std::fs;
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::archive::Memory;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::{build_id, Fingerprint, Fingerprinter};
use crate::output::OutputRecord;
use crate::t;

/// The cache folder under the site root, unless `--cache` names another.
pub const DEFAULT_DIR: &str = ".lectern-cache";
const FILE: &str = "build.bin";
const MAGIC: &[u8] = b"lectern build cache\n";

/// What an earlier build left behind, ready to be used by this one.
#[derive(Default)]
pub struct Cache {
    /// What the archive of the last build found.
    pub memory: Memory,
    /// What the output folder held after the last successful build.
    pub output: Option<OutputRecord>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    memory: Memory,
    output: Option<OutputRecord>,
}

/// A writer that checksums what goes through it.
struct Checksummed<'a, W> {
    out: W,
    checksum: &'a mut Fingerprinter,
}

impl<W: Write> Write for Checksummed<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.checksum.piece(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Why a cache could not be used.
#[derive(Debug)]
pub enum Unusable {
    Foreign,
    Damaged(String),
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Foreign => f.write_str(&t!("cache-foreign")),
            Unusable::Damaged(why) => f.write_str(&t!("cache-damaged", why = why)),
        }
    }
}

impl Cache {
    /// Reads the cache in `dir`. No cache, or one written by another build of
    /// lectern, gives an empty cache; a damaged one gives the reason, so the
    /// caller can say that it was ignored.
    /// The cache at `dir`, if the run uses one. A damaged cache is not an
    /// error: the run goes on without it, and the warning says so.
    pub fn open_if_any(dir: Option<&Path>) -> (Cache, Option<Diagnostic>) {
        let Some(dir) = dir else {
            return (Cache::default(), None);
        };
        match Cache::open(dir) {
            Ok(cache) => (cache, None),
            Err(why) => (
                Cache::default(),
                Some(
                    Diagnostic::warning(t!("cache-unusable", why = why.to_string()))
                        .in_file(dir)
                        .help(t!("cache-unusable-help")),
                ),
            ),
        }
    }

    pub fn open(dir: &Path) -> Result<Cache, Unusable> {
        let Ok(bytes) = fs::read(dir.join(FILE)) else {
            return Ok(Cache::default());
        };
        let header = MAGIC.len() + 32;
        if bytes.len() < header || !bytes.starts_with(MAGIC) {
            return Err(Unusable::Foreign);
        }
        let (stamp, rest) = bytes[MAGIC.len()..].split_at(16);
        let (checksum, body) = rest.split_at(16);
        if stamp != build_id().0.to_le_bytes() {
            return Ok(Cache::default());
        }
        if checksum != Fingerprint::of_bytes(body).0.to_le_bytes() {
            return Err(Unusable::Damaged(t!("cache-checksum")));
        }
        let stored: Stored =
            postcard::from_bytes(body).map_err(|e| Unusable::Damaged(e.to_string()))?;
        Ok(Cache {
            memory: stored.memory,
            output: stored.output,
        })
    }

    /// Writes what this build found, replacing the old cache in one step so a
    /// build killed half-way never leaves half a cache. The body is streamed
    /// into the file and checksummed on the way: it is tens of megabytes in a
    /// large archive, and the build should not hold it at its end.
    pub fn save(dir: &Path, memory: &Memory, output: Option<&OutputRecord>) -> io::Result<()> {
        #[derive(Serialize)]
        struct StoredRef<'a> {
            memory: &'a Memory,
            output: Option<&'a OutputRecord>,
        }
        let stored = StoredRef { memory, output };
        let size = postcard::experimental::serialized_size(&stored)
            .map_err(|e| io::Error::other(e.to_string()))?;
        fs::create_dir_all(dir)?;
        let temporary = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut file = fs::File::create(&temporary)?;
            // The checksum's place is filled in once the body is written.
            file.write_all(MAGIC)?;
            file.write_all(&build_id().0.to_le_bytes())?;
            file.write_all(&[0; 16])?;
            let mut checksum = Fingerprinter::new("bytes");
            checksum.bytes_of_len(size as u64);
            let mut body = Checksummed {
                out: io::BufWriter::new(&mut file),
                checksum: &mut checksum,
            };
            postcard::to_io(&stored, &mut body).map_err(|e| io::Error::other(e.to_string()))?;
            body.out.flush()?;
            drop(body);
            file.seek(io::SeekFrom::Start((MAGIC.len() + 16) as u64))?;
            file.write_all(&checksum.finish().0.to_le_bytes())
        })();
        written
            .and_then(|()| fs::rename(&temporary, dir.join(FILE)))
            .inspect_err(|_| {
                let _ = fs::remove_file(&temporary);
            })
    }

    /// The cache folder for a site: `--cache DIR`, or `.lectern-cache/` in its root.
    pub fn dir(root: &Path, chosen: Option<&Path>) -> PathBuf {
        chosen.map_or_else(|| root.join(DEFAULT_DIR), Path::to_path_buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::analysis::Analysis;
    use std::sync::Arc;

    fn analysis(n: u8) -> Analysis {
        Analysis {
            text_key: Fingerprint::of_bytes(&[n]),
            len: n as u32,
            boundaries: vec![n as u64],
            frequent_words: vec![(n as u64, 1)],
        }
    }

    #[test]
    fn a_saved_cache_opens_and_a_damaged_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let none = Cache::open(dir.path()).unwrap();
        assert!(none.memory.analyses.is_empty() && none.output.is_none());
        let memory = Memory {
            analyses: [analysis(1), analysis(2)]
                .into_iter()
                .map(|a| (a.text_key, Arc::new(a)))
                .collect(),
            related: None,
        };
        Cache::save(dir.path(), &memory, None).unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        assert_eq!(cache.memory.analyses.len(), 2);
        assert_eq!(cache.memory.analyses[&analysis(2).text_key].len, 2);

        let file = dir.path().join(FILE);
        let mut bytes = fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&file, &bytes).unwrap();
        assert!(matches!(Cache::open(dir.path()), Err(Unusable::Damaged(_))));
        fs::write(&file, b"something else").unwrap();
        assert!(matches!(Cache::open(dir.path()), Err(Unusable::Foreign)));
    }
}
