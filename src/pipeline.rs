//! The pipeline, load → archive → render | search → output, as one function,
//! [`run`]. `lectern build`, `check` and `serve` all call it and differ only in
//! their [`Target`]: where the site goes, and what is done before and after it
//! is written (see [`crate::build`], [`crate::check`], [`crate::serve`]).

use std::path::{Path, PathBuf};

use jieba_rs::Jieba;

use crate::archive::{Archive, Memory, Related, Sources};
use crate::config::{Paths, Site};
use crate::diagnostic::{self, Diagnostic};
use crate::load::registry::Registry;
use crate::load::{self, LoadOptions, Memo};
use crate::progress::{Stage, Stages};
use crate::render::design::{self, Compiled, Design, StaticFile};
use crate::render::view::SummaryMemo;
use crate::render::{self};
use crate::search;
use crate::sink::{Counting, Sink};
use crate::spool::Spool;
use crate::t;
use crate::urls::Urls;

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
    /// The build cache folder; `None` builds everything afresh and keeps nothing.
    pub cache: Option<PathBuf>,
    /// Write a copy that works opened from disk (`file://`): see [`crate::output::offline`].
    pub offline: bool,
}

/// How much of the site a run makes: the one place the preview policy of
/// `lectern serve` is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Everything, as `lectern build` does.
    Complete,
    /// The pages, as soon as possible, for `lectern serve` to show an edit: the
    /// archive-wide work is left for a complete pass that the caller runs right
    /// after. Only the speeches the file watcher saw change are read again (see
    /// [`Warm::saw`]), the search index and the data download are not written
    /// (the caller keeps showing the last ones), and related speeches are
    /// carried over from the last run.
    Preview,
}

/// What writes the whole site into the sink it is given; returns the number
/// of files, or every problem met.
pub type WriteSite<'a> = dyn FnMut(&dyn Sink) -> Result<usize, Vec<Diagnostic>> + 'a;

/// Where a run puts the site, and what it does before and after writing it.
pub trait Target {
    /// Problems with the target itself, found before anything is read (an
    /// output folder that must not be written): reported with the site's own.
    fn problems(&self) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// Where the run's spool goes (see [`crate::spool`]): the system's
    /// temporary folder, unless the target has a disk of its own.
    fn spool_folder(&self) -> PathBuf {
        std::env::temp_dir()
    }

    /// Opens a sink for `site`, has `write` write the whole site into it, and
    /// finishes (puts the site in place) or, when `write` fails, abandons it.
    /// Returns the number of files written.
    fn receive(&mut self, site: &Site, write: &mut WriteSite) -> Result<usize, Vec<Diagnostic>>;
}

/// What one run can take over from earlier ones, and keeps for later ones:
/// the jieba dictionary, the speeches as read (by file), what the archive
/// found, the compiled templates and the speeches' summaries. A build starts
/// from the build cache's memory; `lectern serve` keeps one from run to run
/// (only a `Warm` that keeps the speeches keeps the dictionary past the archive).
#[derive(Default)]
pub struct Warm {
    jieba: Option<Jieba>,
    /// Only `lectern serve` keeps the speeches as read: a build would hold
    /// every speech's text to the end for nothing.
    speeches: Option<Memo>,
    memory: Memory,
    templates: Compiled,
    /// Kept along with the speeches.
    summaries: Option<SummaryMemo>,
}

impl Warm {
    /// A start from what an earlier run found (the build cache's memory).
    pub fn from_memory(memory: Memory) -> Warm {
        Warm {
            memory,
            ..Warm::default()
        }
    }

    /// A warm start that also keeps the speeches as read and the dictionary,
    /// for runs one after another (`lectern serve`).
    pub fn keeping_speeches() -> Warm {
        Warm {
            speeches: Some(Memo::default()),
            summaries: Some(SummaryMemo::default()),
            ..Warm::default()
        }
    }

    /// Notes the paths a file watcher saw change (`None`: it cannot tell which):
    /// a [`Pass::Preview`] then reads only those speeches.
    pub fn saw(&mut self, changed: Option<Vec<PathBuf>>) {
        if let Some(speeches) = &mut self.speeches {
            speeches.saw(changed);
        }
    }

    /// What the last run found, for the build cache.
    pub fn memory(&self) -> &Memory {
        &self.memory
    }
}

/// What a run made.
#[derive(Debug)]
pub struct Ran {
    pub speeches: usize,
    pub files: usize,
    pub drafts_skipped: usize,
    /// Problems that did not stop the run, unsorted.
    pub warnings: Vec<Diagnostic>,
    pub archive: Archive,
}

/// A failed run: every problem found, errors and warnings, in a stable order.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the pipeline into `target`, reusing what `warm` has and keeping this
/// run's for the next. Fails with every problem found, the target's included.
pub fn run(
    options: &BuildOptions,
    warm: &mut Warm,
    pass: Pass,
    target: &mut dyn Target,
) -> Result<Ran, Vec<Diagnostic>> {
    let progress = Stages::new(options.progress, options.timings);
    let Prepared {
        site,
        archive,
        design,
        site_static,
        mut warnings,
        drafts_skipped,
    } = prepare(options, &progress, warm, pass, target)?;
    let summaries = &mut warm.summaries;
    let written = target.receive(&site, &mut |sink| {
        let counted = Counting {
            inner: sink,
            counter: progress.counter(),
        };
        write_site(
            &site,
            &archive,
            &design,
            &site_static,
            &counted,
            &progress,
            pass,
            summaries.as_mut(),
        )
    });
    let files = match written {
        Ok(files) => files,
        Err(problems) => {
            warnings.extend(problems);
            return Err(warnings);
        }
    };
    warm.memory = archive.memory();
    progress.finish();
    Ok(Ran {
        speeches: archive.speeches.len(),
        files,
        drafts_skipped,
        warnings,
        archive,
    })
}

/// Problems as the editor is shown them: paths relative to the site, in a
/// stable order.
pub fn failure(root: &Path, diagnostics: Vec<Diagnostic>) -> BuildFailure {
    let mut relative: Vec<Diagnostic> = diagnostics
        .into_iter()
        .map(|d| d.relative_to(root))
        .collect();
    diagnostic::sort(&mut relative);
    BuildFailure {
        diagnostics: relative,
    }
}

/// What the pipeline has before anything is written: a checked site, ready to render.
struct Prepared {
    site: Site,
    archive: Archive,
    design: Design,
    site_static: Vec<StaticFile>,
    /// Problems that did not stop the run.
    warnings: Vec<Diagnostic>,
    drafts_skipped: usize,
}

/// Load → archive: reads and checks everything; fails with every problem
/// found, the target's included. Loads the jieba dictionary alongside the
/// speeches unless `warm` has it.
fn prepare(
    options: &BuildOptions,
    progress: &Stages,
    warm: &mut Warm,
    pass: Pass,
    target: &dyn Target,
) -> Result<Prepared, Vec<Diagnostic>> {
    let root = &options.root;
    let mut site = Site::load(root)?;
    if let Some(base_url) = &options.base_url {
        site.override_base_url(base_url).map_err(|e| vec![e])?;
    }
    let paths = Paths::new(root, options.output.as_deref());
    let mut diagnostics = target.problems();
    // An offline copy is read from disk, where feeds and the sitemap are not.
    if !options.offline {
        diagnostics.extend(site.relative_base_url_warning(root, options.base_url.is_some()));
    }
    let registry = Registry::load(root)
        .map_err(|problems| diagnostics.extend(problems))
        .unwrap_or_default();

    let spool_folder = target.spool_folder();
    let spool = Spool::new(&spool_folder).map_err(|e| {
        diagnostics.push(
            Diagnostic::error(t!("spool-cannot-create", error = e))
                .in_file(&spool_folder)
                .help(t!("spool-cannot-create-help")),
        );
        std::mem::take(&mut diagnostics)
    })?;
    let reading = progress.start(Stage::ReadingSpeeches);
    let load_options = LoadOptions {
        include_drafts: options.drafts,
        follow_changes: pass == Pass::Preview,
    };
    let needs_jieba = warm.jieba.is_none();
    let ((loaded, design), loaded_jieba) = rayon::join(
        || {
            rayon::join(
                || {
                    load::load(
                        &paths,
                        &site,
                        load_options,
                        warm.speeches.as_mut(),
                        &spool,
                        &reading,
                    )
                },
                || Design::load(&site, &paths, Some(&mut warm.templates)),
            )
        },
        || needs_jieba.then(Jieba::new),
    );
    if let Some(jieba) = loaded_jieba {
        warm.jieba = Some(jieba);
    }
    let jieba = warm.jieba.as_ref().expect("the dictionary is loaded");
    diagnostics.extend(loaded.diagnostics);
    let design = design.map_err(|problems| diagnostics.extend(problems)).ok();
    let site_static = design::read_static(&paths.static_files, &mut diagnostics);
    let (Some(design), false) = (design, diagnostic::has_errors(&diagnostics)) else {
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
    let archive = Archive::new(sources, &site, root, jieba, &warm.memory, related);
    // Once the archive is segmented nothing needs the dictionary until the next
    // run, and only `lectern serve` keeps it: a build would hold its 30 MB
    // through the search index and the pages.
    if warm.speeches.is_none() {
        warm.jieba = None;
    }
    let archive = match archive {
        Ok(archive) => archive,
        Err(problems) => {
            diagnostics.extend(problems);
            return Err(diagnostics);
        }
    };
    Ok(Prepared {
        site,
        archive,
        design,
        site_static,
        warnings: diagnostics,
        drafts_skipped: loaded.drafts_skipped,
    })
}

/// Writes the search index and the data download, then the pages and static
/// files.
#[allow(clippy::too_many_arguments)]
fn write_site(
    site: &Site,
    archive: &Archive,
    design: &Design,
    site_static: &[StaticFile],
    sink: &dyn Sink,
    progress: &Stages,
    pass: Pass,
    summaries: Option<&mut SummaryMemo>,
) -> Result<usize, Vec<Diagnostic>> {
    let mut files = 0;
    if site.search && pass == Pass::Complete {
        progress.start(Stage::WritingSearchIndex);
        let index = search::index::write(site, archive, &Urls::new(site), sink).map_err(|e| {
            vec![Diagnostic::error(t!(
                "search-index-cannot-write",
                error = e.to_string()
            ))]
        })?;
        files += index.files;
    }
    if site.data && pass == Pass::Complete {
        progress.start(Stage::WritingDataDownload);
        files += render::data::write(site, archive, &design.strings, sink).map_err(|e| {
            vec![Diagnostic::error(t!(
                "data-cannot-write",
                error = e.to_string()
            ))]
        })?;
    }
    progress.start(Stage::WritingPages).expect(
        render::page_count(site, archive, design) + design.static_files.len() + site_static.len(),
    );
    files += render::render(site, archive, design, sink, summaries)?;
    // Site static files come last, so they may replace the design's.
    for (path, bytes) in design.static_files.iter().chain(site_static) {
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
