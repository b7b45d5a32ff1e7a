//! One build at a time per output folder: an advisory lock on a file beside it.
//!
//! The operating system releases the lock when the process ends, however it
//! ends, so a killed build never leaves a stale lock behind. The lock file itself
//! stays (removing it would let a third build lock a different file than a
//! second one waiting on the old one).

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Held while a build writes its output folder and build cache.
#[derive(Debug)]
pub(crate) struct OutputLock {
    // The lock lasts as long as the open file.
    _file: File,
}

impl OutputLock {
    /// The lock file of an output folder: `.<name>.lectern-lock` beside it.
    pub(crate) fn path_for(output: &Path) -> PathBuf {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        output.with_file_name(format!(".{name}.lectern-lock"))
    }

    /// Takes the lock of `output`. When another build holds it, calls `waiting`
    /// with that build's process id (if it could be read) and waits until it is
    /// released.
    pub(crate) fn acquire(
        output: &Path,
        waiting: impl FnOnce(Option<u32>),
    ) -> io::Result<OutputLock> {
        let path = OutputLock::path_for(output);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                waiting(holder.trim().parse().ok());
                file.lock()?;
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        // Who holds it, for the message another build shows while it waits.
        file.set_len(0)?;
        file.rewind()?;
        write!(file, "{}", std::process::id())?;
        file.flush()?;
        Ok(OutputLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_second_holder_waits_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = OutputLock::acquire(&output, |_| panic!("nobody holds it yet")).unwrap();
        assert_eq!(
            OutputLock::path_for(&output),
            dir.path().join(".public.lectern-lock")
        );
        assert!(OutputLock::path_for(&output).is_file());

        let (told, waited) = mpsc::channel();
        let second = std::thread::spawn(move || {
            OutputLock::acquire(&output, |holder| told.send(holder).unwrap()).unwrap()
        });
        let holder = waited.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(holder, Some(std::process::id()));
        std::thread::sleep(Duration::from_millis(100));
        assert!(
            !second.is_finished(),
            "it waits while the first holds the lock"
        );
        drop(first);
        second.join().unwrap();
    }
}
