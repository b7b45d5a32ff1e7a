//! The staging folder: a whole new site beside the output folder, swapped in at
//! the end with one rename.
//!
//! Every build stages the complete site. A file whose fingerprint is the same as
//! in the last build is not written again but hard-linked from the output folder
//! (copied, with its time, where the file system has no hard links), so it keeps
//! its inode and modification time and rsync and browser caches stay quiet.
//! On Linux the staged and the old folder trade places in one atomic
//! `renameat2(RENAME_EXCHANGE)`; elsewhere the old folder is renamed away first,
//! and a build killed between the two renames is put right by the next one.

use crate::t;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use walkdir::WalkDir;

use super::{absolute, OutputRecord, WrittenFile, MARKER, MARKER_TEXT};
use crate::diagnostic::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::sink::{MakeFile, Sink};
use crate::sync::Unpoisoned;

/// A build in progress: files go to a hidden folder beside the output folder.
pub(crate) struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// The files of the last build that are still as lectern wrote them.
    previous: HashMap<String, WrittenFile>,
    /// The new build: kept and written files.
    next: Mutex<HashMap<String, WrittenFile>>,
    kept: AtomicUsize,
    /// The folders made in the staging folder so far: each is made once, not
    /// tried again for every file that goes into it.
    folders: Mutex<HashSet<PathBuf>>,
}

/// A site put in place.
pub(crate) struct Committed {
    pub record: OutputRecord,
    /// The previous site could not be removed after the swap (the new one is in
    /// place all the same).
    pub leftover: Option<Diagnostic>,
}

impl Staging {
    /// Starts a build of `output`. `previous` is the record of the last build; it
    /// is used only if it is about this very folder. The caller holds the
    /// folder's [`OutputLock`](super::OutputLock).
    pub(crate) fn begin(output: &Path, previous: Option<OutputRecord>) -> io::Result<Staging> {
        let target = absolute(output);
        let parent = target.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent)?;
        recover_interrupted_swap(&target)?;
        let dir = beside(&target, "staging");
        if dir.exists() {
            // Left over from a build that was killed: it is ours by its name.
            remove_tree(&dir)?;
        }
        fs::create_dir(&dir)?;
        fs::write(dir.join(MARKER), MARKER_TEXT)?;
        let previous = previous
            .filter(|record| record.folder == target && target.join(MARKER).is_file())
            .map(|record| record.files)
            .unwrap_or_default();
        Ok(Staging {
            dir,
            target,
            previous,
            next: Mutex::default(),
            kept: AtomicUsize::new(0),
            folders: Mutex::default(),
        })
    }

    /// How many files of the last build were kept as they were.
    pub(crate) fn kept(&self) -> usize {
        self.kept.load(Ordering::SeqCst)
    }

    /// Puts the finished site in place of the old one, and returns its record.
    pub(crate) fn commit(self) -> io::Result<Committed> {
        let files = self.next.into_inner().unpoisoned();
        pause_for_tests("staged");
        let old = swap(&self.dir, &self.target)?;
        pause_for_tests("swapped");
        let leftover = old.and_then(|old| {
            remove_tree(&old).err().map(|e| {
                Diagnostic::warning(t!("old-site-not-removed", error = e))
                    .in_file(&old)
                    .help(t!("old-site-not-removed-help"))
            })
        });
        Ok(Committed {
            record: OutputRecord {
                folder: self.target,
                files,
            },
            leftover,
        })
    }

    /// Throws the unfinished build away; the old site was never touched.
    pub(crate) fn abandon(self) {
        let _ = remove_tree(&self.dir);
    }

    /// Makes a folder in the staging folder, unless an earlier file made it.
    fn make_folder(&self, folder: &Path) -> io::Result<()> {
        let made = || self.folders.lock().unpoisoned();
        if made().contains(folder) {
            return Ok(());
        }
        fs::create_dir_all(folder)?;
        made().insert(folder.to_path_buf());
        Ok(())
    }

    /// The staged path of `path`, its folder made. A file staged there already
    /// (a site's static file replacing the theme's) is removed first: it may be
    /// a hard link to the live site, which writing through it would change.
    fn staged(&self, path: &str) -> io::Result<PathBuf> {
        let full = self.dir.join(path);
        let staged_before = self.next.lock().unpoisoned().contains_key(path);
        if staged_before {
            fs::remove_file(&full)?;
        } else if let Some(parent) = full.parent() {
            self.make_folder(parent)?;
        }
        Ok(full)
    }

    /// Takes the last build's file at `path` into the new build unchanged.
    fn carry_over(&self, path: &str, file: WrittenFile) -> io::Result<()> {
        link_or_copy(&self.target.join(path), &self.staged(path)?, file)?;
        self.kept.fetch_add(1, Ordering::Relaxed);
        self.record(path, file);
        Ok(())
    }

    fn record(&self, path: &str, file: WrittenFile) {
        self.next.lock().unpoisoned().insert(path.to_string(), file);
    }

    /// The last build's file at `path`, if it is still as lectern wrote it.
    fn still_there(&self, path: &str) -> Option<WrittenFile> {
        let previous = self.previous.get(path)?;
        let on_disk = WrittenFile::of(&self.target.join(path), previous.fingerprint).ok()?;
        (on_disk == *previous).then_some(on_disk)
    }
}

impl Sink for Staging {
    fn keep(&self, path: &str, fingerprint: Fingerprint) -> bool {
        match self.still_there(path) {
            Some(file) if file.fingerprint == fingerprint => self.carry_over(path, file).is_ok(),
            _ => false,
        }
    }

    fn write(&self, path: &str, fingerprint: Fingerprint, bytes: &[u8]) -> io::Result<()> {
        // Made again from changed inputs, a file often comes out the same (a
        // search shard that the edited words do not reach): then it is kept.
        if let Some(file) = self.still_there(path) {
            let same = file.len == bytes.len() as u64
                && fs::read(self.target.join(path)).is_ok_and(|old| old == bytes);
            if same {
                let file = WrittenFile {
                    fingerprint,
                    ..file
                };
                if self.carry_over(path, file).is_ok() {
                    return Ok(());
                }
            }
        }
        let full = self.staged(path)?;
        let mut file = fs::File::create(&full)?;
        file.write_all(bytes)?;
        self.record(path, WrittenFile::with(&file.metadata()?, fingerprint)?);
        Ok(())
    }

    /// Streams the pieces into the staged file. It is not compared with the
    /// last build's, as `write` does: a file made in pieces is one whose
    /// fingerprint changed, or it would have been kept.
    fn write_from(
        &self,
        path: &str,
        fingerprint: Fingerprint,
        make: &mut MakeFile,
    ) -> io::Result<()> {
        let full = self.staged(path)?;
        let mut file = io::BufWriter::with_capacity(1 << 16, fs::File::create(&full)?);
        make(&mut file)?;
        let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        self.record(path, WrittenFile::with(&file.metadata()?, fingerprint)?);
        Ok(())
    }
}

/// `.<name>.lectern-<what>` beside `target`.
fn beside(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.lectern-{what}"))
}

/// Hard-links `from` at `to`; copies it where links are not possible (another
/// file system, FAT), with the time of the original so it still counts as the
/// same file.
fn link_or_copy(from: &Path, to: &Path, file: WrittenFile) -> io::Result<()> {
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    fs::copy(from, to)?;
    fs::File::options()
        .write(true)
        .open(to)?
        .set_modified(file.modified)
}

/// Puts `staged` at `target`. Returns where the previous site now is, to be
/// removed, if there was one.
fn swap(staged: &Path, target: &Path) -> io::Result<Option<PathBuf>> {
    if !target.exists() {
        fs::rename(staged, target)?;
        return Ok(None);
    }
    if exchange(staged, target)? {
        // The staging folder's name now holds the previous site.
        return Ok(Some(staged.to_path_buf()));
    }
    let old = beside(target, "old");
    if old.exists() {
        remove_tree(&old)?;
    }
    fs::rename(target, &old)?;
    pause_for_tests("renamed-away");
    fs::rename(staged, target)?;
    Ok(Some(old))
}

/// Trades the two folders' places in one atomic step, where the system can;
/// `false` where it cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Old kernels and some file systems (network ones among them).
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// A build killed between renaming the old site away and renaming the new one
/// in leaves no output folder: the old site goes back (the new one may not be
/// whole). A build killed after both renames leaves the old site beside the new
/// one: it goes.
fn recover_interrupted_swap(target: &Path) -> io::Result<()> {
    let old = beside(target, "old");
    if !old.exists() {
        return Ok(());
    }
    if target.exists() {
        remove_tree(&old)
    } else {
        fs::rename(&old, target)
    }
}

/// Removes a folder lectern wrote, also where someone made folders in it
/// read-only: it is an old build, and lectern's to remove.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let Err(first) = fs::remove_dir_all(dir) else {
        return Ok(());
    };
    if first.kind() != io::ErrorKind::PermissionDenied {
        return Err(first);
    }
    for entry in WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_dir() {
            fs::set_permissions(entry.path(), writable(entry.metadata()?.permissions()))?;
        }
    }
    fs::remove_dir_all(dir)
}

/// The owner may list, enter and change the folder.
#[cfg(unix)]
fn writable(mut permissions: fs::Permissions) -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    permissions.set_mode(permissions.mode() | 0o700);
    permissions
}

#[cfg(not(unix))]
fn writable(mut permissions: fs::Permissions) -> fs::Permissions {
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    permissions
}

/// Tests stop a real build at a named step of the commit, to kill it there or
/// to start another build beside it: with `LECTERN_TEST_PAUSE_AT=<step>` and
/// `LECTERN_TEST_PAUSE_FILE=<path>`, the build creates the file on reaching the
/// step and goes on once the file is deleted.
fn pause_for_tests(step: &str) {
    let (Some(at), Some(file)) = (
        std::env::var_os("LECTERN_TEST_PAUSE_AT"),
        std::env::var_os("LECTERN_TEST_PAUSE_FILE"),
    ) else {
        return;
    };
    if at != step {
        return;
    }
    let file = PathBuf::from(file);
    if fs::write(&file, step).is_err() {
        return;
    }
    while file.exists() {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn with_a_record_only_changed_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out, None).unwrap();
        for (path, bytes) in [("a.html", "a"), ("b/b.html", "b"), ("c.html", "c")] {
            staging.put(path, bytes.as_bytes()).unwrap();
        }
        let record = staging.commit().unwrap().record;
        let modified = |p: &str| fs::metadata(out.join(p)).unwrap().modified().unwrap();
        let a_before = modified("a.html");
        fs::write(out.join("c.html"), "edited by hand").unwrap();

        let staging = Staging::begin(&out, Some(record.clone())).unwrap();
        assert!(staging.keep("a.html", record.files["a.html"].fingerprint));
        assert!(
            !staging.keep("c.html", record.files["c.html"].fingerprint),
            "edited"
        );
        staging.put("c.html", b"c").unwrap();
        staging.put("d.html", b"d").unwrap();
        let next = staging.commit().unwrap();
        assert!(next.leftover.is_none());

        assert_eq!(modified("a.html"), a_before, "kept, not rewritten");
        assert_eq!(fs::read(out.join("c.html")).unwrap(), b"c");
        assert_eq!(fs::read(out.join("d.html")).unwrap(), b"d");
        assert!(!out.join("b").exists(), "gone with its folder");
        assert!(out.join(MARKER).is_file());
        assert_eq!(next.record.files.len(), 3);
        assert_eq!(
            files_in(dir.path()),
            ["public"],
            "no staging folder remains"
        );
    }

    #[test]
    fn until_the_commit_the_old_site_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out, None).unwrap();
        staging.put("a.html", b"old").unwrap();
        staging.put("b.html", b"old").unwrap();
        let record = staging.commit().unwrap().record;

        let staging = Staging::begin(&out, Some(record.clone())).unwrap();
        assert!(staging.keep("a.html", record.files["a.html"].fingerprint));
        staging.put("b.html", b"new").unwrap();
        staging.put("c.html", b"new").unwrap();
        // Everything is staged, nothing has reached the output folder yet.
        assert_eq!(files_in(&out), [MARKER, "a.html", "b.html"]);
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"old");
        staging.abandon();
        assert_eq!(files_in(dir.path()), ["public"]);
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"old");
    }

    #[test]
    fn a_kept_file_written_again_never_changes_the_live_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out, None).unwrap();
        staging.put("style.css", b"theme").unwrap();
        let record = staging.commit().unwrap().record;

        let staging = Staging::begin(&out, Some(record.clone())).unwrap();
        // Kept (hard-linked), then replaced by another file of the same path.
        assert!(staging.keep("style.css", record.files["style.css"].fingerprint));
        staging.put("style.css", b"site").unwrap();
        assert_eq!(fs::read(out.join("style.css")).unwrap(), b"theme");
        staging.commit().unwrap();
        assert_eq!(fs::read(out.join("style.css")).unwrap(), b"site");
    }

    #[test]
    fn a_file_written_in_pieces_is_staged_whole_and_never_through_a_kept_link() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out, None).unwrap();
        staging.put("data/data.jsonl", b"old\n").unwrap();
        let record = staging.commit().unwrap().record;

        let staging = Staging::begin(&out, Some(record.clone())).unwrap();
        let fingerprint = record.files["data/data.jsonl"].fingerprint;
        assert!(staging.keep("data/data.jsonl", fingerprint));
        let new = Fingerprint::of_bytes(b"new");
        staging
            .write_from("data/data.jsonl", new, &mut |out| {
                out.write_all(b"one\n")?;
                out.write_all(b"two\n")
            })
            .unwrap();
        assert_eq!(fs::read(out.join("data/data.jsonl")).unwrap(), b"old\n");
        let next = staging.commit().unwrap().record;
        assert_eq!(
            fs::read(out.join("data/data.jsonl")).unwrap(),
            b"one\ntwo\n"
        );
        assert_eq!(next.files["data/data.jsonl"].fingerprint, new);
        assert_eq!(next.files["data/data.jsonl"].len, 8);
    }

    #[test]
    fn commit_replaces_and_abandon_keeps_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out, None).unwrap();
        staging.put("a/index.html", b"one").unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");

        let staging = Staging::begin(&out, None).unwrap();
        staging.put("a/index.html", b"two").unwrap();
        staging.abandon();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert_eq!(files_in(dir.path()), ["public"], "only public/ remains");
    }

    #[test]
    fn a_swap_cut_short_is_put_right_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let old = beside(&out, "old");
        // Killed after renaming the old site away: it comes back.
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        Staging::begin(&out, None).unwrap().abandon();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"previous");
        assert!(!old.exists());
        // Killed after both renames: the old site beside the new one goes.
        fs::create_dir_all(&old).unwrap();
        Staging::begin(&out, None).unwrap().abandon();
        assert!(!old.exists());
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"previous");
    }
}
