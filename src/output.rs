//! Output: write the site into a staging folder beside the output folder, and put
//! it in place only when everything succeeded, so a failed build leaves the
//! previous site exactly as it was. Refuses output folders whose replacement
//! would destroy the editor's work.
//!
//! With the record of the last build (from the build cache), files whose
//! fingerprint did not change are kept where they are: only new and changed
//! files are staged, then moved in, and files the new build does not have are
//! removed. Without it, the whole site is staged and swapped in.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::config::Paths;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::render::Sink;

/// A file lectern leaves in every output folder it writes. An existing, non-empty
/// folder without it was not made by lectern, and is never replaced.
pub const MARKER: &str = ".lectern-output";
const MARKER_TEXT: &str = "This folder is written by lectern and replaced on every build.\n";

/// Checks that replacing `paths.output` cannot destroy anything but an old build.
pub fn check_output_folder(paths: &Paths) -> Result<(), Diagnostic> {
    let output = absolute(&paths.output);
    let root = absolute(&paths.root);
    let refuse = |why: &str| {
        Err(Diagnostic::error(format!(
            "refusing to write the site into {}: {why}",
            paths.output.display()
        ))
        .help("choose a separate output folder with --output, e.g. public/"))
    };
    if output.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if root.starts_with(&output) {
        return refuse("it is the site folder or contains it, and would be replaced");
    }
    if std::env::var_os("HOME").is_some_and(|home| absolute(Path::new(&home)) == output) {
        return refuse("it is your home folder");
    }
    for (name, source) in [
        ("content/", &paths.content),
        ("themes/", &paths.themes),
        ("templates/", &paths.templates),
        ("static/", &paths.static_files),
    ] {
        if output.starts_with(absolute(source)) {
            return refuse(&format!("it is inside the site's {name} folder"));
        }
    }
    let not_ours = output.is_dir()
        && !output.join(MARKER).exists()
        && fs::read_dir(&output).is_ok_and(|mut entries| entries.next().is_some());
    if not_ours {
        return refuse(
            "it holds files that lectern did not write, and building would replace them",
        );
    }
    if output.exists() && !output.is_dir() {
        return refuse("it is a file, not a folder");
    }
    Ok(())
}

/// Resolves `..` and symbolic links as far as the path exists.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// What a build put in the output folder: per file, the fingerprint it was made
/// from, and its size and modification time to tell whether it is still the
/// file lectern wrote.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OutputRecord {
    pub folder: PathBuf,
    pub files: HashMap<String, WrittenFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WrittenFile {
    pub fingerprint: Fingerprint,
    pub len: u64,
    pub modified: SystemTime,
}

impl WrittenFile {
    fn of(path: &Path, fingerprint: Fingerprint) -> io::Result<WrittenFile> {
        WrittenFile::with(&fs::metadata(path)?, fingerprint)
    }

    fn with(metadata: &fs::Metadata, fingerprint: Fingerprint) -> io::Result<WrittenFile> {
        Ok(WrittenFile {
            fingerprint,
            len: metadata.len(),
            modified: metadata.modified()?,
        })
    }
}

/// A build in progress: files go to a hidden folder beside the output folder.
pub struct Staging {
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

impl Staging {
    /// Starts a build of `output`. `previous` is the record of the last build; it
    /// is used only if it is about this very folder.
    pub fn begin(output: &Path, previous: Option<OutputRecord>) -> io::Result<Staging> {
        let target = absolute(output);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = target.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent)?;
        let dir = parent.join(format!(".{name}.lectern-staging"));
        if dir.exists() {
            // Left over from a build that was killed: it is ours by its name.
            fs::remove_dir_all(&dir)?;
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
    pub fn kept(&self) -> usize {
        self.kept.load(Ordering::SeqCst)
    }

    /// Puts the finished site in place of the old one, and returns its record.
    pub fn commit(self) -> io::Result<OutputRecord> {
        let files = self.next.into_inner().unwrap_or_else(|e| e.into_inner());
        if self.kept.load(Ordering::SeqCst) == 0 {
            swap(&self.dir, &self.target)?;
        } else {
            update_in_place(&self.dir, &self.target, &files)?;
        }
        Ok(OutputRecord {
            folder: self.target,
            files,
        })
    }

    /// Throws the unfinished build away; the old site was never touched.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Replaces the whole output folder with the staged one.
fn swap(staged: &Path, target: &Path) -> io::Result<()> {
    let old = staged.with_file_name(format!(
        ".{}.lectern-old",
        target.file_name().unwrap_or_default().to_string_lossy()
    ));
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    if target.exists() {
        fs::rename(target, &old)?;
    }
    fs::rename(staged, target)?;
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// Moves the staged (new and changed) files into the output folder, then removes
/// the files the new build does not have. Only renames touch the old site until
/// every file is in place.
fn update_in_place(
    staged: &Path,
    target: &Path,
    files: &HashMap<String, WrittenFile>,
) -> io::Result<()> {
    for entry in WalkDir::new(staged).min_depth(1) {
        let entry = entry?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(staged).unwrap_or(entry.path());
        let destination = target.join(relative);
        if let Some(parent) = destination.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(entry.path(), destination)?;
    }
    fs::remove_dir_all(staged)?;
    let wanted: HashSet<PathBuf> = files.keys().map(PathBuf::from).collect();
    for entry in WalkDir::new(target).min_depth(1).contents_first(true) {
        let entry = entry?;
        let relative = entry.path().strip_prefix(target).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            // Succeeds only once the folder is empty.
            let _ = fs::remove_dir(entry.path());
        } else if relative != Path::new(MARKER) && !wanted.contains(relative) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

impl Staging {
    /// Makes a folder in the staging folder, unless an earlier file made it.
    fn make_folder(&self, folder: &Path) -> io::Result<()> {
        let made = || self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if made().contains(folder) {
            return Ok(());
        }
        fs::create_dir_all(folder)?;
        made().insert(folder.to_path_buf());
        Ok(())
    }

    /// The last build's file at `path` if it holds exactly `bytes` already: made
    /// again from changed inputs, a file often comes out the same (a search
    /// shard that the edited words do not reach), and is then left untouched.
    fn unchanged_file(&self, path: &str, bytes: &[u8]) -> Option<WrittenFile> {
        let previous = self.previous.get(path)?;
        let target = self.target.join(path);
        let on_disk = WrittenFile::of(&target, previous.fingerprint).ok()?;
        (on_disk == *previous
            && on_disk.len == bytes.len() as u64
            && fs::read(&target).ok()? == bytes)
            .then_some(on_disk)
    }
}

impl Sink for Staging {
    fn keep(&self, path: &str, fingerprint: Fingerprint) -> bool {
        let Some(previous) = self.previous.get(path) else {
            return false;
        };
        let still_there = || WrittenFile::of(&self.target.join(path), fingerprint).ok();
        if previous.fingerprint != fingerprint || still_there() != Some(*previous) {
            return false;
        }
        self.kept.fetch_add(1, Ordering::Relaxed);
        self.next
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), *previous);
        true
    }

    fn write(&self, path: &str, fingerprint: Fingerprint, bytes: &[u8]) -> io::Result<()> {
        if let Some(unchanged) = self.unchanged_file(path, bytes) {
            self.kept.fetch_add(1, Ordering::Relaxed);
            self.next.lock().unwrap_or_else(|e| e.into_inner()).insert(
                path.to_string(),
                WrittenFile {
                    fingerprint,
                    ..unchanged
                },
            );
            return Ok(());
        }
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            self.make_folder(parent)?;
        }
        let mut file = fs::File::create(&full)?;
        file.write_all(bytes)?;
        let written = WrittenFile::with(&file.metadata()?, fingerprint)?;
        self.next
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), written);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(root: &Path, output: &Path) -> Paths {
        Paths::new(root, Some(output))
    }

    #[test]
    fn refuses_the_root_its_parents_and_source_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            root.clone(),
            dir.path().to_path_buf(),
            PathBuf::from("/"),
            root.join("content"),
            root.join("content/out"),
            root.join("themes"),
        ] {
            assert!(check_output_folder(&paths(&root, &bad)).is_err(), "{bad:?}");
        }
        assert!(check_output_folder(&paths(&root, &root.join("public"))).is_ok());
    }

    #[test]
    fn refuses_a_folder_lectern_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.docx"), "mine").unwrap();
        assert!(check_output_folder(&paths(dir.path(), &out)).is_err());
        fs::write(out.join(MARKER), "").unwrap();
        assert!(check_output_folder(&paths(dir.path(), &out)).is_ok());
    }

    #[test]
    fn with_a_record_only_changed_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out, None).unwrap();
        for (path, bytes) in [("a.html", "a"), ("b/b.html", "b"), ("c.html", "c")] {
            staging.put(path, bytes.as_bytes()).unwrap();
        }
        let record = staging.commit().unwrap();
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

        assert_eq!(modified("a.html"), a_before, "kept, not rewritten");
        assert_eq!(fs::read(out.join("c.html")).unwrap(), b"c");
        assert_eq!(fs::read(out.join("d.html")).unwrap(), b"d");
        assert!(!out.join("b").exists(), "gone with its folder");
        assert!(out.join(MARKER).is_file());
        assert_eq!(next.files.len(), 3);
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder remains");
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
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");
    }
}
