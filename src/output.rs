//! Output: write the site into a staging folder beside the output folder, and swap
//! it in only when everything succeeded, so a failed build leaves the previous
//! site exactly as it was. Refuses output folders whose replacement would destroy
//! the editor's work.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::config::Paths;
use crate::diagnostic::Diagnostic;
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

/// A build in progress: files go to a hidden folder beside the output folder.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
}

impl Staging {
    pub fn begin(output: &Path) -> io::Result<Staging> {
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
        Ok(Staging { dir, target })
    }

    /// Puts the finished site in place of the old one.
    pub fn commit(self) -> io::Result<()> {
        let old = self.dir.with_file_name(format!(
            ".{}.lectern-old",
            self.target
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        ));
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        if self.target.exists() {
            fs::rename(&self.target, &old)?;
        }
        fs::rename(&self.dir, &self.target)?;
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        Ok(())
    }

    /// Throws the unfinished build away; the old site was never touched.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(full, bytes)
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
    fn commit_replaces_and_abandon_keeps_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out).unwrap();
        staging.write("a/index.html", b"one").unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");

        let staging = Staging::begin(&out).unwrap();
        staging.write("a/index.html", b"two").unwrap();
        staging.abandon();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");
    }
}
