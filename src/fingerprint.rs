//! Fingerprints: 128-bit digests that name everything an output was made from.
//!
//! Incremental work rests on them. A page's fingerprint covers its template (with
//! the templates it extends or includes), the variables it is rendered with and
//! the lectern build itself; when a later build computes the same fingerprint for
//! the same file, the file from before is kept instead of made again (see
//! [`crate::render::Sink::keep`]). BLAKE3 makes an accidental match impossible in
//! practice, so a kept file is byte-identical to the one a fresh build would write.

use std::io::Write;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fingerprint(pub u128);

impl Fingerprint {
    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        let mut hasher = Fingerprinter::new("bytes");
        hasher.bytes(bytes);
        hasher.finish()
    }
}

/// Builds a fingerprint from parts. Every part is delimited, so `("ab", "c")` and
/// `("a", "bc")` differ.
#[derive(Clone)]
pub struct Fingerprinter(blake3::Hasher);

impl Fingerprinter {
    /// `domain` keeps fingerprints of different kinds of things apart; every
    /// fingerprint also covers the running lectern build.
    pub fn new(domain: &str) -> Fingerprinter {
        let mut hasher = blake3::Hasher::new();
        hasher.update(&build_id().0.to_le_bytes());
        let mut fingerprinter = Fingerprinter(hasher);
        fingerprinter.bytes(domain.as_bytes());
        fingerprinter
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn fingerprint(&mut self, part: Fingerprint) -> &mut Self {
        self.0.update(&part.0.to_le_bytes());
        self
    }

    /// Adds a value by its JSON form: exactly what a template would see of it.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        let mut writer = CountingHasher {
            hasher: &mut self.0,
            written: 0,
        };
        serde_json::to_writer(&mut writer, value).expect("values serialise to JSON");
        let written = writer.written;
        self.0.update(&written.to_le_bytes());
        self
    }

    pub fn finish(&self) -> Fingerprint {
        let digest = self.0.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest.as_bytes()[..16]);
        Fingerprint(u128::from_le_bytes(first))
    }
}

/// Feeds the hasher and counts the bytes, so that a value is delimited by its length.
struct CountingHasher<'a> {
    hasher: &'a mut blake3::Hasher,
    written: u64,
}

impl Write for CountingHasher<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.hasher.update(buf);
        self.written += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Names the running lectern: its version and a digest of its own executable, so
/// that nothing made by one build of lectern is reused by another, even between
/// two development builds of the same version.
pub fn build_id() -> Fingerprint {
    static ID: OnceLock<Fingerprint> = OnceLock::new();
    *ID.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        match std::env::current_exe().and_then(std::fs::read) {
            Ok(executable) => {
                hasher.update(&executable);
            }
            // Without its own bytes, a build can only vouch for this run.
            Err(_) => {
                hasher.update(&std::process::id().to_le_bytes());
                hasher.update(format!("{:?}", std::time::SystemTime::now()).as_bytes());
            }
        }
        let mut first = [0u8; 16];
        first.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
        Fingerprint(u128::from_le_bytes(first))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited_and_order_matters() {
        let fp = |parts: &[&str]| {
            let mut f = Fingerprinter::new("test");
            for part in parts {
                f.bytes(part.as_bytes());
            }
            f.finish()
        };
        assert_ne!(fp(&["ab", "c"]), fp(&["a", "bc"]));
        assert_ne!(fp(&["a", "b"]), fp(&["b", "a"]));
        assert_eq!(fp(&["a", "b"]), fp(&["a", "b"]));
        let mut a = Fingerprinter::new("test");
        a.value(&vec!["x"]);
        let mut b = Fingerprinter::new("other");
        b.value(&vec!["x"]);
        assert_ne!(a.finish(), b.finish(), "domains keep kinds apart");
    }
}
