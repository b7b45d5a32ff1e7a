//! The whole pipeline, load → archive → render → output, as one call that the
//! `build` command (and later `serve`) runs.

use crate::t;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jieba_rs::Jieba;

use crate::archive::{Archive, Memory, Related, Sources};
use crate::cache::Cache;
use crate::check::LinkCollector;
use crate::config::{Paths, Site};
use crate::diagnostic::{self, Diagnostic};
use crate::fingerprint::Fingerprint;
use crate::load::registry::Registry;
use crate::load::{self, LoadOptions, Memo};
use crate::output::{self, Offline, OutputLock, Staging};
use crate::progress::{Counter, Stage, Stages};
use crate::render::theme::{Compiled, Theme};
use crate::render::view::{locations, SummaryMemo, Urls};
use crate::render::{self, Sink};
use crate::search;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Show a progress bar (only makes sense on a terminal).
    pub progress: bool,
    /// Print how long each stage took (`--verbose`; `LECTERN_TIMINGS` too).
    pub timings: bool,
    /// A `<script>` element added before `</body>` of every rendered HTML page:
    /// `lectern serve` sets it for live reload; builds for publishing leave it `None`.
    pub live_reload_script: Option<String>,
    /// The build cache folder; `None` builds everything afresh and keeps nothing.
    pub cache: Option<PathBuf>,
    /// Write a copy that works opened from disk (`file://`): see [`crate::output::offline`].
    pub offline: bool,
}

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

/// A failed build: every problem found, errors and warnings, in a stable order.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

/// What the pipeline has before anything is written: a checked site, ready to render.
struct Prepared {
    site: Site,
    paths: Paths,
    archive: Archive,
    theme: Theme,
    site_static: Vec<render::theme::StaticFile>,
    /// Problems that did not stop the build.
    warnings: Vec<Diagnostic>,
    drafts_skipped: usize,
}

/// Builds the site into the output folder, replacing it only if everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let progress = Stages::new(options.progress, options.timings);
    let fail = |diagnostics| failure(&options.root, diagnostics);
    // One build at a time writes an output folder and its cache; a folder that
    // will be refused is not locked (nor its parent created).
    let paths = Paths::new(&options.root, options.output.as_deref());
    let _lock = match output::check_output_folder(&paths) {
        Ok(()) => Some(lock_output(&paths).map_err(|d| fail(vec![d]))?),
        Err(_) => None,
    };
    let (cache, cache_problem) = open_cache(options.cache.as_deref());
    let Prepared {
        site,
        paths,
        mut archive,
        theme,
        site_static,
        mut warnings,
        drafts_skipped,
    } = prepare(
        options,
        &progress,
        true,
        Earlier::cached(&cache),
        Pass::Complete,
    )
    .map_err(fail)?;
    warnings.extend(cache_problem);

    let staging = Staging::begin(&paths.output, cache.output).map_err(|e| {
        fail(output_problem(
            &paths,
            t!("staging-failed", error = e.to_string()),
            t!("folder-above-output-writable"),
        ))
    })?;
    let offline = options
        .offline
        .then(|| Offline::new(&staging, site.base_path()));
    let counted = CountingSink {
        inner: offline.as_ref().map_or(&staging as &dyn Sink, |o| o),
        counter: progress.counter(),
    };
    let written = write_site(
        &site,
        &mut archive,
        &theme,
        &site_static,
        &counted,
        &progress,
        Extras {
            live_reload_script: options.live_reload_script.as_deref(),
            pass: Pass::Complete,
            summaries: None,
        },
    );
    let files = match written {
        Ok(files) => files + offline.as_ref().map_or(0, Offline::scripts),
        Err(problems) => {
            drop(offline);
            staging.abandon();
            warnings.extend(problems);
            return Err(fail(warnings));
        }
    };
    drop(offline);
    let unchanged = staging.kept();
    let committed = staging.commit().map_err(|e| {
        fail(output_problem(
            &paths,
            t!("swap-failed", error = e.to_string()),
            t!("swap-failed-help"),
        ))
    })?;
    warnings.extend(committed.leftover);
    let record = committed.record;
    if let Some(dir) = &options.cache {
        if let Err(e) = Cache::save(dir, &archive.memory(), Some(&record)) {
            warnings.push(
                Diagnostic::warning(t!("cache-cannot-save", error = e.to_string()))
                    .in_file(dir)
                    .help(t!("cache-cannot-save-help")),
            );
        }
    }
    progress.finish();
    Ok(BuildReport {
        speeches: archive.speeches.len(),
        files,
        unchanged,
        drafts_skipped,
        elapsed: started.elapsed(),
        output: paths.output,
        warnings: failure(&options.root, warnings).diagnostics,
    })
}

/// Renders the whole site without writing it, and checks every link between its
/// pages. Returns all problems found, warnings included, in a stable order.
pub fn check(options: &BuildOptions) -> Result<Vec<Diagnostic>, BuildFailure> {
    let progress = Stages::new(options.progress, options.timings);
    let (cache, _) = open_cache(options.cache.as_deref());
    let Prepared {
        site,
        mut archive,
        theme,
        site_static,
        mut warnings,
        ..
    } = prepare(
        options,
        &progress,
        false,
        Earlier::cached(&cache),
        Pass::Complete,
    )
    .map_err(|d| failure(&options.root, d))?;
    let collector = LinkCollector::new(&site);
    // Remember which file each speech page (and page) comes from, to name it in messages.
    let speeches = archive
        .speeches
        .iter()
        .map(|s| (locations::speech(&s.slug), &s.source_path));
    let pages = archive
        .pages
        .iter()
        .map(|p| (locations::site_page(&p.slug), &p.source_path));
    let sources: BTreeMap<String, PathBuf> = speeches
        .chain(pages)
        .map(|(location, source)| (format!("{location}index.html"), source.clone()))
        .collect();
    let counted = CountingSink {
        inner: &collector,
        counter: progress.counter(),
    };
    if let Err(problems) = write_site(
        &site,
        &mut archive,
        &theme,
        &site_static,
        &counted,
        &progress,
        Extras {
            live_reload_script: None,
            pass: Pass::Complete,
            summaries: None,
        },
    ) {
        warnings.extend(problems);
    }
    progress.finish();
    warnings.extend(collector.broken_links(&sources));
    // Spellings that may be one person's: worth a look, but no reason to stop a build.
    warnings.extend(archive.speaker_notes.iter().cloned());
    Ok(failure(&options.root, warnings).diagnostics)
}

/// What `lectern serve` keeps from one rebuild to the next, so that a rebuild
/// after an edit redoes only what the edit changed: the jieba dictionary, the
/// speeches as read (by file), what the archive found, the compiled templates
/// and the speeches' summaries.
pub struct Warm {
    jieba: Jieba,
    speeches: Memo,
    memory: Memory,
    templates: Compiled,
    summaries: SummaryMemo,
}

impl Warm {
    pub fn new() -> Warm {
        Warm {
            jieba: Jieba::new(),
            speeches: Memo::default(),
            memory: Memory::default(),
            templates: Compiled::default(),
            summaries: SummaryMemo::default(),
        }
    }

    /// Notes the paths a file watcher saw change (`None`: it cannot tell which):
    /// a [`Pass::Preview`] then reads only those speeches.
    pub fn saw(&mut self, changed: Option<Vec<PathBuf>>) {
        self.speeches.saw(changed);
    }
}

impl Default for Warm {
    fn default() -> Self {
        Warm::new()
    }
}

/// How much of the site a build into a sink makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Everything, as `lectern build` does.
    Complete,
    /// The pages, as soon as possible, for `lectern serve` to show an edit: the
    /// archive-wide work is left for a complete pass that the caller runs right
    /// after. Only the speeches the file watcher saw change are read again (see
    /// [`Warm::saw`]), the search index and the data download are not written
    /// (the caller keeps showing the last ones), and related speeches are
    /// carried over from the last build.
    Preview,
}

/// Builds the whole site into `sink` instead of the output folder: what
/// `lectern serve` uses to render into memory. Runs the same pipeline as [`build`]
/// (nothing is written to disk, so the output folder is not checked), reusing
/// what `warm` kept from the last run and keeping this run's for the next.
/// `output` in the report is empty.
pub fn build_into(
    options: &BuildOptions,
    warm: &mut Warm,
    sink: &dyn Sink,
    pass: Pass,
) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let progress = Stages::new(options.progress, options.timings);
    let fail = |diagnostics| failure(&options.root, diagnostics);
    let earlier = Earlier {
        jieba: Some(&warm.jieba),
        memory: &warm.memory,
        speeches: Some(&mut warm.speeches),
        templates: Some(&mut warm.templates),
    };
    let Prepared {
        site,
        mut archive,
        theme,
        site_static,
        mut warnings,
        drafts_skipped,
        ..
    } = prepare(options, &progress, false, earlier, pass).map_err(fail)?;
    warm.memory = archive.memory();
    let written = write_site(
        &site,
        &mut archive,
        &theme,
        &site_static,
        sink,
        &progress,
        Extras {
            live_reload_script: options.live_reload_script.as_deref(),
            pass,
            summaries: Some(&mut warm.summaries),
        },
    );
    let files = match written {
        Ok(files) => files,
        Err(problems) => {
            warnings.extend(problems);
            return Err(fail(warnings));
        }
    };
    progress.finish();
    Ok(BuildReport {
        speeches: archive.speeches.len(),
        files,
        unchanged: 0,
        drafts_skipped,
        elapsed: started.elapsed(),
        output: PathBuf::new(),
        warnings: fail(warnings).diagnostics,
    })
}

/// What a build may take over from earlier ones.
struct Earlier<'a> {
    /// The dictionary, when the caller has it loaded already.
    jieba: Option<&'a Jieba>,
    memory: &'a Memory,
    speeches: Option<&'a mut Memo>,
    templates: Option<&'a mut Compiled>,
}

impl Earlier<'_> {
    fn cached(cache: &Cache) -> Earlier<'_> {
        Earlier {
            jieba: None,
            memory: &cache.memory,
            speeches: None,
            templates: None,
        }
    }
}

/// Takes the output folder's lock, telling the editor when another build holds it.
fn lock_output(paths: &Paths) -> Result<OutputLock, Diagnostic> {
    let shown = paths.output.display().to_string();
    OutputLock::acquire(&paths.output, |holder| {
        let who = holder.map_or_else(String::new, |pid| format!(" (process {pid})"));
        eprintln!("another lectern build{who} is writing {shown}; waiting until it is done …");
    })
    .map_err(|e| {
        Diagnostic::error(t!("lock-failed", error = e.to_string()))
            .in_file(OutputLock::path_for(&paths.output))
            .help(t!("folder-above-output-writable"))
    })
}

/// Opens the build cache, if the build uses one. A damaged cache is not an
/// error: the build goes on without it and says so.
fn open_cache(dir: Option<&Path>) -> (Cache, Option<Diagnostic>) {
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

/// A problem with the output folder itself, named in the message.
fn output_problem(paths: &Paths, message: String, help: String) -> Vec<Diagnostic> {
    vec![Diagnostic::error(message).in_file(&paths.output).help(help)]
}

fn failure(root: &Path, diagnostics: Vec<Diagnostic>) -> BuildFailure {
    let mut relative: Vec<Diagnostic> = diagnostics
        .into_iter()
        .map(|d| d.relative_to(root))
        .collect();
    diagnostic::sort(&mut relative);
    BuildFailure {
        diagnostics: relative,
    }
}

/// Load → archive: reads and checks everything; fails with every problem found.
/// Loads the jieba dictionary alongside the speeches unless `jieba` is given.
fn prepare(
    options: &BuildOptions,
    progress: &Stages,
    check_output: bool,
    earlier: Earlier,
    pass: Pass,
) -> Result<Prepared, Vec<Diagnostic>> {
    let root = &options.root;
    let mut site = Site::load(root)?;
    if let Some(base_url) = &options.base_url {
        site.override_base_url(base_url).map_err(|e| vec![e])?;
    }
    let paths = Paths::new(root, options.output.as_deref());
    let mut diagnostics = Vec::new();
    // An offline copy is read from disk, where feeds and the sitemap are not.
    if !options.offline {
        diagnostics.extend(site.relative_base_url_warning(root, options.base_url.is_some()));
    }
    let registry = Registry::load(root)
        .map_err(|problems| diagnostics.extend(problems))
        .unwrap_or_default();
    if check_output {
        diagnostics.extend(output::check_output_folder(&paths).err());
        if let Some(cache) = &options.cache {
            diagnostics.extend(output::check_cache_folder(cache, &paths).err());
        }
    }

    let reading = progress.start(Stage::ReadingSpeeches);
    let load_options = LoadOptions {
        include_drafts: options.drafts,
        follow_changes: pass == Pass::Preview,
    };
    let ((loaded, theme), loaded_jieba) = rayon::join(
        || {
            rayon::join(
                || load::load(&paths, &site, load_options, earlier.speeches, &reading),
                || Theme::load(&site, &paths, earlier.templates),
            )
        },
        || earlier.jieba.is_none().then(Jieba::new),
    );
    let jieba = earlier
        .jieba
        .or(loaded_jieba.as_ref())
        .expect("one dictionary or the other");
    diagnostics.extend(loaded.diagnostics);
    let theme = theme.map_err(|problems| diagnostics.extend(problems)).ok();
    let site_static = render::theme::read_static(&paths.static_files, &mut diagnostics);
    let (Some(theme), false) = (theme, diagnostic::has_errors(&diagnostics)) else {
        return Err(diagnostics);
    };

    progress.start(Stage::FindingRelated);
    let related = match pass {
        Pass::Complete => Related::Exact,
        Pass::Preview => Related::CarriedOver,
    };
    let sources = Sources {
        speeches: loaded.speeches,
        pages: loaded.pages,
        registry,
    };
    let archive = match Archive::new(sources, &site, root, jieba, earlier.memory, related) {
        Ok(archive) => archive,
        Err(problems) => {
            diagnostics.extend(problems);
            return Err(diagnostics);
        }
    };
    Ok(Prepared {
        site,
        paths,
        archive,
        theme,
        site_static,
        warnings: diagnostics,
        drafts_skipped: loaded.drafts_skipped,
    })
}

/// How a build differs for `lectern serve`.
struct Extras<'a> {
    live_reload_script: Option<&'a str>,
    pass: Pass,
    /// The last build's speech summaries, when the caller keeps them.
    summaries: Option<&'a mut SummaryMemo>,
}

/// Writes the search index and the data download, then the pages and static
/// files. The index and the data go first because they are the last users of
/// the speeches' plain text, which is then freed before the pages are
/// rendered: that keeps large builds small in memory.
fn write_site(
    site: &Site,
    archive: &mut Archive,
    theme: &Theme,
    site_static: &[render::theme::StaticFile],
    sink: &dyn Sink,
    progress: &Stages,
    extras: Extras,
) -> Result<usize, Vec<Diagnostic>> {
    let mut files = 0;
    if site.search && extras.pass == Pass::Complete {
        progress.start(Stage::WritingSearchIndex);
        let index = search::index::write(site, archive, &Urls::new(site), sink).map_err(|e| {
            vec![Diagnostic::error(t!(
                "search-index-cannot-write",
                error = e.to_string()
            ))]
        })?;
        files += index.files;
    }
    if site.data && extras.pass == Pass::Complete {
        progress.start(Stage::WritingDataDownload);
        files += render::data::write(site, archive, &theme.strings, sink).map_err(|e| {
            vec![Diagnostic::error(t!(
                "data-cannot-write",
                error = e.to_string()
            ))]
        })?;
    }
    archive.release_texts();
    progress.start(Stage::WritingPages).expect(
        render::page_count(site, archive, theme) + theme.static_files.len() + site_static.len(),
    );
    files += render::render(
        site,
        archive,
        theme,
        sink,
        extras.live_reload_script,
        extras.summaries,
    )?;
    // Site static files come last, so they may replace the theme's.
    for (path, bytes) in theme.static_files.iter().chain(site_static) {
        sink.put(path, bytes).map_err(|e| {
            vec![Diagnostic::error(t!(
                "cannot-write-file",
                path = path,
                error = e
            ))]
        })?;
        files += 1;
    }
    Ok(files)
}

/// Counts written files for the progress display.
struct CountingSink<'a> {
    inner: &'a dyn Sink,
    counter: Counter,
}

impl Sink for CountingSink<'_> {
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
}
