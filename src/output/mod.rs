//! Output: puts a finished build in place of the last one, as one step, so the
//! output folder always holds one whole site: the last one or the new one, never
//! a mix, whether the build fails, is killed, or runs beside another.
//!
//! - [`check_output_folder`] refuses folders whose replacement would destroy the
//!   editor's work;
//! - [`OutputLock`] lets one build at a time write an output folder;
//! - [`Staging`] receives the new site in a hidden folder beside the output
//!   folder (files unchanged since the last build are hard-linked from it) and
//!   swaps it in;
//! - [`Offline`] sits in front of it for a copy that works opened from disk.

mod lock;
mod offline;
mod staging;

use crate::t;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::config::Paths;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::Fingerprint;

pub(crate) use lock::OutputLock;
pub(crate) use offline::Offline;
pub(crate) use staging::Staging;

/// A file lectern leaves in every output folder it writes. An existing, non-empty
/// folder without it was not made by lectern, and is never replaced.
pub(crate) const MARKER: &str = ".lectern-output";
const MARKER_TEXT: &str = "This folder is written by lectern and replaced on every build.\n";

/// Checks that replacing `paths.output` cannot destroy anything but an old build.
pub(crate) fn check_output_folder(paths: &Paths) -> Result<(), Diagnostic> {
    let output = absolute(&paths.output);
    let refuse = |why: String| {
        Err(
            Diagnostic::error(t!("output-refused", folder = paths.output, why = why))
                .help(t!("output-refused-help")),
        )
    };
    if let Some(why) = dangerous_place(&output, paths) {
        return refuse(why);
    }
    let not_ours = output.is_dir()
        && !output.join(MARKER).exists()
        && fs::read_dir(&output).is_ok_and(|mut entries| entries.next().is_some());
    if not_ours {
        return refuse(t!("output-not-ours"));
    }
    if output.exists() && !output.is_dir() {
        return refuse(t!("output-is-a-file"));
    }
    Ok(())
}

/// Checks the build cache folder as the output folder is checked, and also that
/// it is not inside the output folder, where it would be published (it holds
/// the site's absolute paths).
pub(crate) fn check_cache_folder(cache: &Path, paths: &Paths) -> Result<(), Diagnostic> {
    let cache_abs = absolute(cache);
    let why = dangerous_place(&cache_abs, paths).or_else(|| {
        cache_abs
            .starts_with(absolute(&paths.output))
            .then(|| t!("cache-inside-output"))
    });
    match why {
        None => Ok(()),
        Some(why) => Err(
            Diagnostic::error(t!("cache-refused", folder = cache, why = why))
                .help(t!("cache-refused-help")),
        ),
    }
}

/// Why lectern must not write (and replace) a folder at `folder`, if it must not:
/// the file system's root, the site or a folder above it, the home folder, or a
/// place inside the site's sources.
fn dangerous_place(folder: &Path, paths: &Paths) -> Option<String> {
    if folder.parent().is_none() {
        return Some(t!("place-root"));
    }
    if absolute(&paths.root).starts_with(folder) {
        return Some(t!("place-site"));
    }
    if std::env::var_os("HOME").is_some_and(|home| absolute(Path::new(&home)) == folder) {
        return Some(t!("place-home"));
    }
    [
        &paths.content,
        &paths.themes,
        &paths.templates,
        &paths.static_files,
    ]
    .into_iter()
    .find(|source| folder.starts_with(absolute(source)))
    .map(|source| {
        t!(
            "place-inside-sources",
            folder = source.file_name().map(Path::new).unwrap_or(source)
        )
    })
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
    fn refuses_a_cache_that_would_be_published_or_mixed_with_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        let site = paths(&root, &root.join("public"));
        for bad in [
            root.join("public"),
            root.join("public/.cache"),
            root.join("content/.cache"),
            root.join("static/cache"),
            root.clone(),
            PathBuf::from("/"),
        ] {
            assert!(check_cache_folder(&bad, &site).is_err(), "{bad:?}");
        }
        assert!(check_cache_folder(&root.join(".lectern-cache"), &site).is_ok());
        assert!(check_cache_folder(&dir.path().join("elsewhere"), &site).is_ok());
    }
}
