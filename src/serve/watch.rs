//! Watching the site's sources: `content/`, `templates/`, `themes/`, `static/`
//! (recursively), and `site.toml` and `speakers.toml` (through a non-recursive
//! watch of the root, which also notices those folders appearing or
//! disappearing).
//!
//! notify reports raw events; the debounce is here, a dozen lines: after the first
//! change that matters, changes are collected until none has come for
//! [`DEBOUNCE`], then one rebuild runs; changes during a rebuild start the next
//! one, and when none come, the rebuild's follow-up runs (the search index). A burst (an editor saving fifty files, a `git checkout`) therefore costs
//! one or two rebuilds, the last of which starts after the last change, so the
//! served site always ends equal to a fresh build. (notify-debouncer-mini was
//! tried first, but it drops the event kind, and the build's own reads — inotify
//! `OPEN` events — then triggered rebuilds forever.)

use crate::t;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::Paths;

/// Quiet time after the last change before a rebuild starts. Editors write a
/// file in one go (or write a copy and rename it) within a few milliseconds.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// What is watched, and the folders currently under a recursive watch.
struct Watches {
    root: PathBuf,
    /// `site.toml` and `speakers.toml`.
    files: [PathBuf; 2],
    folders: Vec<PathBuf>,
    watched: HashSet<PathBuf>,
}

impl Watches {
    fn new(root: &Path) -> Watches {
        let paths = Paths::new(root, None);
        Watches {
            root: paths.root.clone(),
            files: [
                paths.root.join(crate::config::CONFIG_FILE),
                paths.root.join(crate::load::registry::REGISTRY_FILE),
            ],
            folders: vec![
                paths.content,
                paths.templates,
                paths.themes,
                paths.static_files,
            ],
            watched: HashSet::new(),
        }
    }

    /// Whether a change at `path` can change the site.
    fn matters(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        // Editors' swap and backup files.
        let scratch = name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.starts_with(".#")
            || name == "4913";
        !scratch
            && (self.files.iter().any(|f| path == f)
                || self.folders.iter().any(|f| path.starts_with(f)))
    }

    /// Watches the folders that exist and are not watched yet; forgets the ones
    /// that are gone. `renewed` folders (created or deleted since) are watched anew.
    fn refresh(&mut self, watcher: &mut RecommendedWatcher, renewed: &[PathBuf]) {
        for folder in &self.folders {
            if renewed.contains(folder) && self.watched.remove(folder) {
                let _ = watcher.unwatch(folder);
            }
            if folder.is_dir() {
                if !self.watched.contains(folder) {
                    match watcher.watch(folder, RecursiveMode::Recursive) {
                        Ok(()) => {
                            self.watched.insert(folder.clone());
                        }
                        Err(e) => eprintln!(
                            "{}",
                            crate::diagnostic::Diagnostic::warning(t!(
                                "serve-cannot-watch-folder",
                                folder = folder,
                                error = e.to_string()
                            ))
                        ),
                    }
                }
            } else if self.watched.remove(folder) {
                let _ = watcher.unwatch(folder);
            }
        }
    }
}

/// Whether an event is a change (reads are not).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// A watch set up on the site's sources; changes are queued from the moment
/// [`Watching::start`] returns, so none made after it is missed.
pub(crate) struct Watching {
    watcher: RecommendedWatcher,
    watches: Watches,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
}

impl Watching {
    pub(crate) fn start(root: &Path) -> notify::Result<Watching> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        let mut watches = Watches::new(root);
        watcher.watch(&watches.root, RecursiveMode::NonRecursive)?;
        watches.refresh(&mut watcher, &[]);
        Ok(Watching {
            watcher,
            watches,
            events,
        })
    }

    /// Calls `rebuild` after every burst of changes that can matter, with the
    /// paths that changed (`None` if events were lost), and `follow_up` after a
    /// rebuild once no change has come for a moment. Returns only if the
    /// watcher dies.
    pub(crate) fn run(
        mut self,
        mut rebuild: impl FnMut(Option<Vec<PathBuf>>),
        mut follow_up: impl FnMut(),
    ) {
        let mut pending = false;
        let mut unfollowed = false;
        let mut renewed = Vec::new();
        let mut changed = Some(Vec::new());
        loop {
            let received = if pending || unfollowed {
                self.events.recv_timeout(DEBOUNCE)
            } else {
                self.events
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected)
            };
            match received {
                Ok(Ok(event)) if is_change(&event.kind) => {
                    for path in event.paths {
                        if !self.watches.matters(&path) {
                            continue;
                        }
                        pending = true;
                        if self.watches.folders.contains(&path) {
                            renewed.push(path.clone());
                        }
                        if let Some(changed) = &mut changed {
                            changed.push(path);
                        }
                    }
                }
                Ok(Ok(_)) => {}
                // A lost event (the kernel's queue overflowed): rebuild to be safe.
                Ok(Err(e)) => {
                    eprintln!(
                        "{}",
                        crate::diagnostic::Diagnostic::warning(t!(
                            "serve-watcher-problem",
                            error = e.to_string()
                        ))
                    );
                    pending = true;
                    changed = None;
                }
                Err(RecvTimeoutError::Timeout) if pending => {
                    self.watches.refresh(&mut self.watcher, &renewed);
                    renewed.clear();
                    pending = false;
                    rebuild(changed.replace(Vec::new()));
                    unfollowed = true;
                }
                Err(RecvTimeoutError::Timeout) => {
                    unfollowed = false;
                    follow_up();
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_matter() {
        let w = Watches::new(Path::new("/site"));
        assert!(w.matters(Path::new("/site/content/2014/a.md")));
        assert!(w.matters(Path::new("/site/site.toml")));
        assert!(w.matters(Path::new("/site/speakers.toml")));
        assert!(!w.matters(Path::new("/site/notes.toml")));
        assert!(w.matters(Path::new("/site/themes/default/templates/base.html")));
        assert!(w.matters(Path::new("/site/static")));
        assert!(!w.matters(Path::new("/site/public/index.html")));
        assert!(!w.matters(Path::new("/site/.lectern-cache/x")));
        assert!(!w.matters(Path::new("/site/content/.a.md.swp")));
        assert!(!w.matters(Path::new("/site/content/a.md~")));
    }
}
