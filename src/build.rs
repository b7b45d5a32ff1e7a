//! `lectern build`: the pipeline into the output folder. Before it runs, the
//! output folder's lock is taken and the build cache read; the site is
//! staged beside the output folder and put in place only when everything
//! succeeded; after it, the cache is saved.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::cache::Cache;
use crate::config::{Paths, Site};
use crate::diagnostic::Diagnostic;
use crate::output::{self, Offline, OutputLock, OutputRecord, Staging};
use crate::pipeline::{self, failure, BuildFailure, BuildOptions, Pass, Target, Warm, WriteSite};
use crate::sink::Sink;
use crate::t;

#[derive(Debug)]
pub struct BuildReport {
    pub speeches: usize,
    pub files: usize,
    /// Files of the last build kept as they were, because nothing they are made
    /// of changed.
    pub unchanged: usize,
    pub drafts_skipped: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
    /// Warnings: things that did not stop the build but that the editor should see.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site into the output folder, replacing it only if everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let fail = |diagnostics| failure(&options.root, diagnostics);
    // One build at a time writes an output folder and its cache; a folder that
    // will be refused is not locked (nor its parent created).
    let paths = Paths::new(&options.root, options.output.as_deref());
    let refused = output::check_output_folder(&paths).err();
    let _lock = match refused {
        None => Some(lock_output(&paths).map_err(|d| fail(vec![d]))?),
        Some(_) => None,
    };
    let (cache, cache_problem) = Cache::open_if_any(options.cache.as_deref());
    let mut warm = Warm::from_memory(cache.memory);
    let mut target = Publish {
        paths: &paths,
        refused,
        cache: options.cache.as_deref(),
        earlier: cache.output,
        offline: options.offline,
        done: None,
    };
    let ran = pipeline::run(options, &mut warm, Pass::Complete, &mut target).map_err(fail)?;
    let Published {
        record,
        unchanged,
        mut warnings,
    } = target.done.expect("a successful run published the site");
    warnings.extend(cache_problem);
    warnings.extend(ran.warnings);
    if let Some(dir) = &options.cache {
        if let Err(e) = Cache::save(dir, warm.memory(), Some(&record)) {
            warnings.push(
                Diagnostic::warning(t!("cache-cannot-save", error = e.to_string()))
                    .in_file(dir)
                    .help(t!("cache-cannot-save-help")),
            );
        }
    }
    Ok(BuildReport {
        speeches: ran.speeches,
        files: ran.files,
        unchanged,
        drafts_skipped: ran.drafts_skipped,
        elapsed: started.elapsed(),
        output: paths.output,
        warnings: fail(warnings).diagnostics,
    })
}

/// The output folder as a target: the site is staged beside it and put in
/// place at the end, or abandoned, so the folder never holds half a build.
struct Publish<'a> {
    paths: &'a Paths,
    /// Why the output folder must not be written, if it must not.
    refused: Option<Diagnostic>,
    cache: Option<&'a std::path::Path>,
    /// The last build's record, to keep the files whose fingerprints match.
    earlier: Option<OutputRecord>,
    offline: bool,
    /// What the commit left, once it happened.
    done: Option<Published>,
}

struct Published {
    record: OutputRecord,
    unchanged: usize,
    warnings: Vec<Diagnostic>,
}

impl Target for Publish<'_> {
    fn problems(&self) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> = self.refused.iter().cloned().collect();
        if let Some(cache) = self.cache {
            problems.extend(output::check_cache_folder(cache, self.paths).err());
        }
        problems
    }

    /// Beside the output folder, where the site is staged: the disk the site
    /// is written to holds its spool too, not a temporary folder that may be
    /// in memory (tmpfs).
    fn spool_folder(&self) -> PathBuf {
        match self.paths.output.parent() {
            Some(parent) if parent.is_dir() => parent.to_path_buf(),
            _ => std::env::temp_dir(),
        }
    }

    fn receive(&mut self, site: &Site, write: &mut WriteSite) -> Result<usize, Vec<Diagnostic>> {
        let paths = self.paths;
        let staging = Staging::begin(&paths.output, self.earlier.take()).map_err(|e| {
            output_problem(
                paths,
                t!("staging-failed", error = e.to_string()),
                t!("folder-above-output-writable"),
            )
        })?;
        let offline = self
            .offline
            .then(|| Offline::new(&staging, site.base_path()));
        let written = write(offline.as_ref().map_or(&staging as &dyn Sink, |o| o));
        let files = match written {
            Ok(files) => files + offline.as_ref().map_or(0, Offline::scripts),
            Err(problems) => {
                drop(offline);
                staging.abandon();
                return Err(problems);
            }
        };
        drop(offline);
        let unchanged = staging.kept();
        let committed = staging.commit().map_err(|e| {
            output_problem(
                paths,
                t!("swap-failed", error = e.to_string()),
                t!("swap-failed-help"),
            )
        })?;
        self.done = Some(Published {
            record: committed.record,
            unchanged,
            warnings: committed.leftover.into_iter().collect(),
        });
        Ok(files)
    }
}

/// Takes the output folder's lock, telling the editor when another build holds it.
fn lock_output(paths: &Paths) -> Result<OutputLock, Diagnostic> {
    let shown = paths.output.display().to_string();
    OutputLock::acquire(&paths.output, |holder| {
        let message = match holder {
            Some(pid) => t!("lock-waiting-for-process", pid = pid, output = shown),
            None => t!("lock-waiting", output = shown),
        };
        eprintln!("{message}");
    })
    .map_err(|e| {
        Diagnostic::error(t!("lock-failed", error = e.to_string()))
            .in_file(OutputLock::path_for(&paths.output))
            .help(t!("folder-above-output-writable"))
    })
}

/// A problem with the output folder itself, named in the message.
fn output_problem(paths: &Paths, message: String, help: String) -> Vec<Diagnostic> {
    vec![Diagnostic::error(message).in_file(&paths.output).help(help)]
}
