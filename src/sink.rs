//! The one seam between making a site and putting it somewhere: render, the
//! search index and the data download write every file through a [`Sink`];
//! output stages them into the output folder, check collects links, serve keeps
//! them in memory. Decorators ([`Counting`], the offline copy, live reload)
//! wrap a sink and are sinks themselves.

use crate::fingerprint::Fingerprint;
use crate::progress::Counter;

/// Where a site's files go. Paths are relative to the output root, with `/`.
///
/// Every file comes with the [`Fingerprint`] of what it was made from. A sink that
/// remembers an earlier build (the output folder with its cache record, or the
/// site `lectern serve` is showing) can [`keep`](Sink::keep) a file whose
/// fingerprint has not changed, and the work of making it again is skipped.
pub trait Sink: Sync {
    /// Keeps the earlier build's file at `path` in the new build if it was made
    /// from the same inputs; returns whether it did. A later `write` to the same
    /// path replaces it all the same.
    fn keep(&self, _path: &str, _fingerprint: Fingerprint) -> bool {
        false
    }

    fn write(&self, path: &str, fingerprint: Fingerprint, bytes: &[u8]) -> std::io::Result<()>;

    /// Writes a file that `make` writes piece by piece. A sink that can pass
    /// the pieces on as they come does, so a file as large as every speech's
    /// text together (the data download's) is never held whole; this one
    /// gathers them and [`write`](Sink::write)s the whole.
    fn write_from(
        &self,
        path: &str,
        fingerprint: Fingerprint,
        make: &mut MakeFile,
    ) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        make(&mut bytes)?;
        self.write(path, fingerprint, &bytes)
    }

    /// Writes a file whose fingerprint is its own bytes (static files, small
    /// index files), unless the earlier build had the same.
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let fingerprint = Fingerprint::of_bytes(bytes);
        if self.keep(path, fingerprint) {
            return Ok(());
        }
        self.write(path, fingerprint, bytes)
    }
}

/// What writes a file's bytes, in pieces, into the writer it is given.
pub(crate) type MakeFile<'a> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;

/// Counts written (and kept) files for the progress display.
pub(crate) struct Counting<'a> {
    pub inner: &'a dyn Sink,
    pub counter: Counter,
}

impl Sink for Counting<'_> {
    fn keep(&self, path: &str, fingerprint: Fingerprint) -> bool {
        let kept = self.inner.keep(path, fingerprint);
        if kept {
            self.counter.add(1);
        }
        kept
    }

    fn write(&self, path: &str, fingerprint: Fingerprint, bytes: &[u8]) -> std::io::Result<()> {
        self.inner.write(path, fingerprint, bytes)?;
        self.counter.add(1);
        Ok(())
    }

    fn write_from(
        &self,
        path: &str,
        fingerprint: Fingerprint,
        make: &mut MakeFile,
    ) -> std::io::Result<()> {
        self.inner.write_from(path, fingerprint, make)?;
        self.counter.add(1);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Remembers every `write`, as a sink that cannot stream does.
    #[derive(Default)]
    struct Recorder(Mutex<Vec<(String, Vec<u8>)>>);

    impl Sink for Recorder {
        fn write(&self, path: &str, _: Fingerprint, bytes: &[u8]) -> std::io::Result<()> {
            self.0
                .lock()
                .unwrap()
                .push((path.to_string(), bytes.to_vec()));
            Ok(())
        }
    }

    #[test]
    fn a_file_written_in_pieces_reaches_a_plain_sink_as_one_write() {
        let recorder = Recorder::default();
        let counting = Counting {
            inner: &recorder,
            counter: Counter::hidden(),
        };
        counting
            .write_from("data/data.csv", Fingerprint::of_bytes(b""), &mut |out| {
                out.write_all(b"a,b\r\n")?;
                out.write_all(b"1,2\r\n")
            })
            .unwrap();
        assert_eq!(
            *recorder.0.lock().unwrap(),
            [("data/data.csv".to_string(), b"a,b\r\n1,2\r\n".to_vec())]
        );
    }

    #[test]
    fn a_failing_piece_writes_nothing() {
        let recorder = Recorder::default();
        let failed = recorder.write_from("x", Fingerprint::of_bytes(b""), &mut |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "disk full");
        assert!(recorder.0.lock().unwrap().is_empty());
    }
}
