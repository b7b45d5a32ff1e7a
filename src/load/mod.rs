//! Load: walk `content/`, read and check every speech in parallel, and collect every
//! problem instead of stopping at the first.

pub(crate) mod anchors;
mod controls;
mod encoding;
pub(crate) mod front_matter;
pub(crate) mod markdown;
mod page;
pub(crate) mod registry;

use crate::t;
use std::borrow::Cow;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use walkdir::WalkDir;

use crate::config::{Paths, Site};
use crate::diagnostic::{line_column, Diagnostic};
use crate::fingerprint::Fingerprint;
use crate::measure;
use crate::page::Page;
use crate::progress::Counter;
use crate::slug;
use crate::speech::{Body, PartialDate, Speech};
use crate::spool::Spool;
use crate::text::searchable_text;
use front_matter::{FrontMatter, Value};

pub(crate) use encoding::{decode_utf8, guess_encoding, looks_binary};

/// How long an automatic summary is, in characters, before the sentence end.
const SUMMARY_CHARS: usize = 120;

/// What loading produced: the speeches and pages that are to be published, and
/// every problem.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub speeches: Vec<Arc<Speech>>,
    pub pages: Vec<Arc<Page>>,
    pub drafts_skipped: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Options that change which speeches are loaded.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LoadOptions {
    pub include_drafts: bool,
    /// Look only at the files a memo saw change, where that is enough: quick,
    /// but only as reliable as the file watcher, so for previews only.
    pub follow_changes: bool,
}

/// What one file of `content/` gave: a speech or a page unless a problem
/// stopped it, and the problems found (warnings may come with either).
#[derive(Debug, Clone)]
struct Outcome {
    document: Option<Document>,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
enum Document {
    Speech(Arc<Speech>),
    Page(Arc<Page>),
}

/// The files of an earlier load, so that the next one reads only files that
/// changed: `lectern serve` keeps one between rebuilds. A file counts as
/// unchanged while its size and modification time are, provided that time was
/// already in the past when it was read (a file written again within the clock's
/// granularity could otherwise keep its old time) and the site configuration is
/// the same.
#[derive(Default)]
pub(crate) struct Memo {
    site: Option<Fingerprint>,
    /// By path, as bytes: hashing a `PathBuf` walks its components, which
    /// showed in the profile of a rebuild.
    files: FxHashMap<OsString, (Stamp, Outcome)>,
    /// Every speech file of the last walk of `content/`, in its order, and what
    /// the walk itself found; `None` when some file could not even be looked at.
    walked: Option<(Vec<PathBuf>, Vec<Diagnostic>)>,
    /// The paths a file watcher saw change since the last load; `None` when it
    /// cannot tell (nothing seen yet, or it lost events).
    changed: Option<Vec<PathBuf>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
    read_at: SystemTime,
}

/// How long after its modification a file's time is trusted to tell changes.
const SETTLED: Duration = Duration::from_secs(2);

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let read_at = SystemTime::now();
        let metadata = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok()?,
            read_at,
        })
    }

    fn unchanged_since(&self, earlier: &Stamp) -> bool {
        self.len == earlier.len
            && self.modified == earlier.modified
            && earlier.modified + SETTLED < earlier.read_at
    }
}

impl Memo {
    /// Notes paths that a file watcher saw change (`None`: it cannot tell which).
    pub(crate) fn saw(&mut self, changed: Option<Vec<PathBuf>>) {
        match (&mut self.changed, changed) {
            (Some(known), Some(more)) => known.extend(more),
            (known, _) => *known = None,
        }
    }

    /// Brings the memo up to date from the paths seen to change since its load,
    /// reading only those. Returns false, having changed nothing that matters,
    /// when they are not enough to tell: a change to a folder, a link, a hidden
    /// or a non-Markdown file, or a memo from another configuration; the caller
    /// then walks `content/`.
    fn follow(&mut self, paths: &Paths, site: &Site, site_fp: Fingerprint, spool: &Spool) -> bool {
        let (Some(changed), Some((order, _)), true) =
            (&self.changed, &mut self.walked, self.site == Some(site_fp))
        else {
            return false;
        };
        let mut speeches: Vec<&PathBuf> = changed
            .iter()
            .filter(|path| path.starts_with(&paths.content))
            .collect();
        speeches.sort_unstable();
        speeches.dedup();
        let plain = |path: &Path| {
            let Ok(inside) = path.strip_prefix(&paths.content) else {
                return false;
            };
            let hidden = inside
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            !hidden && is_markdown(path)
        };
        if !speeches.iter().all(|path| plain(path)) {
            return false;
        }
        for path in speeches {
            let at = order.binary_search(path);
            match std::fs::symlink_metadata(path) {
                Ok(metadata) if metadata.is_file() => {
                    let Some(stamp) = Stamp::of(path) else {
                        return false;
                    };
                    let shown = path.strip_prefix(&paths.root).unwrap_or(path);
                    let outcome = read_document(path, shown, &paths.content, site, spool);
                    self.files
                        .insert(path.clone().into_os_string(), (stamp, outcome));
                    if let Err(at) = at {
                        order.insert(at, path.clone());
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    self.files.remove(path.as_os_str());
                    if let Ok(at) = at {
                        order.remove(at);
                    }
                }
                _ => return false,
            }
        }
        true
    }
}

/// Reads and checks every speech under `content/`. With a `memo`, files that
/// have not changed since the memo's load are taken from it, and the memo is
/// brought up to date. With `options.follow_changes` as well, only the files the
/// memo [saw](Memo::saw) change are looked at, if that is enough to tell (see
/// [`Memo::follow`]). Bodies go into `spool`.
pub(crate) fn load(
    paths: &Paths,
    site: &Site,
    options: LoadOptions,
    mut memo: Option<&mut Memo>,
    spool: &Spool,
    counter: &Counter,
) -> Loaded {
    let site_fingerprint = site.fingerprint();
    if let Some(memo) = memo.as_deref_mut() {
        let followed = options.follow_changes && memo.follow(paths, site, site_fingerprint, spool);
        memo.changed = Some(Vec::new());
        if followed {
            let (order, walk_diagnostics) = memo.walked.as_ref().expect("followed a walk");
            let outcomes = order.iter().map(|path| &memo.files[path.as_os_str()].1);
            return gather(outcomes, walk_diagnostics.clone(), options);
        }
    }
    let mut diagnostics = Vec::new();
    let files = speech_files(&paths.content, &mut diagnostics);
    counter.expect(files.len());
    let earlier = memo
        .as_ref()
        .filter(|memo| memo.site == Some(site_fingerprint))
        .map(|memo| &memo.files);
    let results: Vec<(Option<Stamp>, Outcome)> = files
        .par_iter()
        .map(|path| {
            let stamp = Stamp::of(path);
            let reused = match (stamp, earlier.and_then(|files| files.get(path.as_os_str()))) {
                (Some(stamp), Some((then, outcome))) if stamp.unchanged_since(then) => {
                    Some((Some(*then), outcome.clone()))
                }
                _ => None,
            };
            let result = reused.unwrap_or_else(|| {
                // Messages and pages name files as the editor sees them: from the root.
                let shown = path.strip_prefix(&paths.root).unwrap_or(path);
                (
                    stamp,
                    read_document(path, shown, &paths.content, site, spool),
                )
            });
            counter.add(1);
            result
        })
        .collect();
    if let Some(memo) = memo {
        memo.site = Some(site_fingerprint);
        memo.files = files
            .iter()
            .zip(&results)
            .filter_map(|(path, (stamp, outcome))| {
                Some((path.clone().into_os_string(), ((*stamp)?, outcome.clone())))
            })
            .collect();
        memo.walked = (memo.files.len() == files.len()).then(|| (files, diagnostics.clone()));
    }
    gather(
        results.iter().map(|(_, outcome)| outcome),
        diagnostics,
        options,
    )
}

/// The speeches to publish from the outcomes of every file, in file order, and
/// every problem.
fn gather<'a>(
    outcomes: impl Iterator<Item = &'a Outcome>,
    mut diagnostics: Vec<Diagnostic>,
    options: LoadOptions,
) -> Loaded {
    let mut speeches = Vec::new();
    let mut pages = Vec::new();
    let mut drafts_skipped = 0;
    for outcome in outcomes {
        diagnostics.extend(outcome.diagnostics.iter().cloned());
        match &outcome.document {
            Some(Document::Speech(speech)) if speech.draft && !options.include_drafts => {
                drafts_skipped += 1
            }
            Some(Document::Page(page)) if page.draft && !options.include_drafts => {
                drafts_skipped += 1
            }
            Some(Document::Speech(speech)) => speeches.push(Arc::clone(speech)),
            Some(Document::Page(page)) => pages.push(Arc::clone(page)),
            None => {}
        }
    }
    let speech_urls: Vec<_> = speeches
        .iter()
        .map(|s| (s.slug.as_str(), s.source_path.as_path(), s.slug_at))
        .collect();
    let page_urls: Vec<_> = pages
        .iter()
        .map(|p| (p.slug.as_str(), p.source_path.as_path(), p.slug_at))
        .collect();
    diagnostics.extend(duplicate_urls(&speech_urls, "speeches"));
    diagnostics.extend(duplicate_urls(&page_urls, "pages"));
    Loaded {
        speeches,
        pages,
        drafts_skipped,
        diagnostics,
    }
}

/// Lists the Markdown files under `content/`, in a stable order. Symbolic links are
/// followed only while they stay inside `content/`; walkdir reports loops.
fn speech_files(content_dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let Ok(content_root) = content_dir.canonicalize() else {
        diagnostics.push(
            Diagnostic::error(t!("load-no-content"))
                .in_file(content_dir)
                .help(t!("load-no-content-help")),
        );
        return Vec::new();
    };
    let mut files = Vec::new();
    let mut outside_links = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                return false;
            }
            if entry.path_is_symlink() {
                let inside = entry
                    .path()
                    .canonicalize()
                    .is_ok_and(|target| target.starts_with(&content_root));
                if !inside {
                    outside_links.push(entry.path().to_path_buf());
                    return false;
                }
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
                match extension.as_deref() {
                    _ if is_markdown(&path) => files.push(path),
                    Some("txt" | "docx" | "doc") => diagnostics.push(
                        Diagnostic::warning(t!("load-not-markdown"))
                            .in_file(&path)
                            .help(t!("load-not-markdown-help")),
                    ),
                    _ => diagnostics.push(
                        Diagnostic::warning(t!("load-other-file"))
                            .in_file(&path)
                            .help(t!("load-other-file-help")),
                    ),
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                // A folder that cannot be read would take its speeches off the
                // site without a word: that stops the build, as a file does.
                let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
                diagnostics.push(if e.loop_ancestor().is_some() {
                    Diagnostic::warning(t!("load-link-loop")).in_file(path)
                } else if is_link {
                    Diagnostic::warning(t!("load-link-broken"))
                        .in_file(path)
                        .help(t!("load-link-broken-help"))
                } else {
                    let reason = e
                        .io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string());
                    Diagnostic::error(t!("load-unreadable-folder", reason = reason))
                        .in_file(path)
                        .help(t!("load-unreadable-folder-help"))
                });
            }
        }
    }
    for link in outside_links {
        diagnostics.push(
            Diagnostic::warning(t!("load-link-outside"))
                .in_file(link)
                .help(t!("load-link-outside-help")),
        );
    }
    files
}

/// Speeches are the `.md` and `.markdown` files, in any case.
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Reads one file of `content/` (at `file`, shown as `path`): a page when it
/// is under `content/pages/` or says `kind = "page"`, a speech otherwise.
fn read_document(file: &Path, path: &Path, content: &Path, site: &Site, spool: &Spool) -> Outcome {
    let mut warnings = Vec::new();
    let in_pages = file
        .strip_prefix(content)
        .is_ok_and(|inside| inside.starts_with(page::FOLDER));
    match parse_document(file, path, in_pages, site, spool, &mut warnings) {
        Ok(document) => Outcome {
            document: Some(document),
            diagnostics: warnings,
        },
        Err(mut errors) => {
            errors.extend(warnings);
            Outcome {
                document: None,
                diagnostics: errors,
            }
        }
    }
}

fn parse_document(
    file: &Path,
    path: &Path,
    in_pages: bool,
    site: &Site,
    spool: &Spool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Document, Vec<Diagnostic>> {
    let bytes = std::fs::read(file)
        .map_err(|e| vec![Diagnostic::error(t!("cannot-read", error = e)).in_file(path)])?;
    let text = decode_utf8(&bytes).map_err(|e| {
        if e.binary {
            return vec![Diagnostic::error(t!("load-binary"))
                .in_file(path)
                .help(t!("load-binary-help"))];
        }
        vec![
            Diagnostic::error(t!("load-not-utf8", encoding = e.likely_encoding))
                .in_file(path)
                .at(e.line, Some(e.column))
                .help(t!("load-not-utf8-help", path = path)),
        ]
    })?;
    let (text, removed) = controls::remove(text);
    if let Some(first) = removed.first() {
        warnings.push(
            Diagnostic::warning(t!(
                "load-controls-removed",
                count = removed.len(),
                places = controls::describe(&removed)
            ))
            .in_file(path)
            .at(first.line, Some(first.column))
            .help(t!("load-controls-removed-help")),
        );
    }
    let (fm, body, body_line) = front_matter::split(&text).map_err(|e| {
        vec![Diagnostic::error(e.message)
            .in_file(path)
            .at(e.line, e.column)
            .help(e.help)]
    })?;
    let kind = page::kind(&fm, path, in_pages).map_err(|e| vec![e])?;
    let fields = Fields::new(&fm, path, kind);
    match kind {
        page::Kind::Speech => fields
            .into_speech(site, path, body, body_line, spool, warnings)
            .map(|speech| Document::Speech(Arc::new(speech))),
        page::Kind::Page => fields
            .into_page(site, path, body, body_line, spool, warnings)
            .map(|page| Document::Page(Arc::new(page))),
    }
}

/// Reads typed fields out of front matter, collecting one message per bad field.
struct Fields<'a> {
    fm: &'a FrontMatter<'a>,
    path: &'a Path,
    problems: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    fn new(fm: &'a FrontMatter<'a>, path: &'a Path, kind: page::Kind) -> Self {
        let mut fields = Fields {
            fm,
            path,
            problems: Vec::new(),
        };
        let (known, other, what, other_kind) = match kind {
            page::Kind::Speech => (
                front_matter::KNOWN_FIELDS,
                front_matter::PAGE_FIELDS,
                "speech",
                "page",
            ),
            page::Kind::Page => (
                front_matter::PAGE_FIELDS,
                front_matter::KNOWN_FIELDS,
                "page",
                "speech",
            ),
        };
        for name in fm.fields.keys() {
            if known.contains(&name.as_str()) {
                continue;
            }
            let (message, help) = if other.contains(&name.as_str()) {
                (
                    t!(
                        "field-of-other-kind",
                        name = name,
                        other = other_kind,
                        what = what
                    ),
                    t!(
                        "field-of-other-kind-help",
                        other = other_kind,
                        folder = page::FOLDER
                    ),
                )
            } else {
                (
                    t!("field-unknown", name = name),
                    t!("field-unknown-help", what = what, known = known.join(", ")),
                )
            };
            fields.problem(name, message, help);
        }
        fields
    }

    fn problem(&mut self, field: &str, message: String, help: impl Into<String>) {
        let (line, column) = self
            .fm
            .place_of(field)
            .unwrap_or((self.fm.opening_line(), 1));
        self.problems.push(
            Diagnostic::error(message)
                .in_file(self.path)
                .at(line, Some(column))
                .help(help),
        );
    }

    fn text(&mut self, name: &str) -> String {
        match self.fm.fields.get(name) {
            None => String::new(),
            Some(Value::Text(s)) => without_controls(s.trim()),
            Some(other) => {
                let kind = other.kind();
                self.problem(
                    name,
                    t!("field-not-text", name = name, kind = kind),
                    t!("field-not-text-help", name = name),
                );
                String::new()
            }
        }
    }

    fn required_text(&mut self, name: &str, example: &str) -> Option<String> {
        let value = self.text(name);
        if !value.is_empty() {
            return Some(value);
        }
        // A value of the wrong kind was reported by `text` already.
        if matches!(self.fm.fields.get(name), None | Some(Value::Text(_))) {
            self.problem(
                name,
                t!("field-missing", name = name),
                t!("field-missing-help", name = name, example = example),
            );
        }
        None
    }

    /// A list field also accepts a single text value.
    fn list(&mut self, name: &str) -> Vec<String> {
        match self.fm.fields.get(name) {
            None => Vec::new(),
            Some(Value::Text(s)) if s.trim().is_empty() => Vec::new(),
            Some(Value::Text(s)) => vec![without_controls(s.trim())],
            Some(Value::List(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::Text(s) if !s.trim().is_empty() => {
                            out.push(without_controls(s.trim()))
                        }
                        Value::Text(_) => {}
                        other => {
                            let kind = other.kind();
                            self.problem(
                                name,
                                t!("field-list-item-not-text", name = name, kind = kind),
                                t!("field-list-help", name = name),
                            );
                        }
                    }
                }
                out
            }
            Some(other) => {
                let kind = other.kind();
                self.problem(
                    name,
                    t!("field-not-list", name = name, kind = kind),
                    t!("field-list-help", name = name),
                );
                Vec::new()
            }
        }
    }

    fn flag(&mut self, name: &str) -> bool {
        match self.fm.fields.get(name) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                let kind = other.kind();
                self.problem(
                    name,
                    t!("field-not-bool", name = name, kind = kind),
                    t!("field-not-bool-help", name = name),
                );
                false
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn into_speech(
        mut self,
        site: &Site,
        path: &Path,
        body: &str,
        body_line: usize,
        spool: &Spool,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Speech, Vec<Diagnostic>> {
        // A draft without a date (import writes one when the text states none)
        // is work to finish: listed as such, not an error, never given a date.
        let undated_draft = matches!(self.fm.fields.get("draft"), Some(Value::Bool(true)))
            && !self.fm.fields.contains_key("date");
        if undated_draft {
            let (line, column) = self
                .fm
                .place_of("draft")
                .unwrap_or((self.fm.opening_line(), 1));
            warnings.push(
                Diagnostic::warning(t!("draft-undated"))
                    .in_file(self.path)
                    .at(line, Some(column))
                    .help(t!("draft-undated-help")),
            );
            return Err(Vec::new());
        }
        let title = self.required_text("title", "\"讲话标题\"");
        let date = self
            .required_text("date", "\"2014-04-28\"")
            .and_then(|raw| match PartialDate::parse(&raw) {
                Ok(date) => Some(date),
                Err(why) => {
                    self.problem(
                        "date",
                        t!("date-invalid", why = why.to_string()),
                        t!("date-invalid-help"),
                    );
                    None
                }
            });
        let themes = self.list("themes");
        for theme in &themes {
            if site.theme_by_name(theme).is_none() {
                self.problem(
                    "themes",
                    t!("theme-unknown", theme = format!("{theme:?}")),
                    t!("theme-unknown-help", known = site.theme_names()),
                );
            }
        }
        let slug = self.speech_slug(path, title.as_deref().unwrap_or_default(), date.as_ref());
        let speech_fields = (
            self.text("speaker"),
            self.text("role"),
            self.text("occasion"),
            self.text("place"),
            self.text("organization"),
            self.list("tags"),
            self.text("source"),
            self.text("summary"),
            self.flag("draft"),
        );
        let (Some(title), Some(date), true) = (title, date, self.problems.is_empty()) else {
            return Err(self.problems);
        };
        let (speaker, role, occasion, place, organization, tags, source, summary, draft) =
            speech_fields;
        let body = render_body(body, body_line, path, site, warnings);
        let spooled = spool_body(&body, path, spool)?;
        let char_count = measure::char_count(&title) + measure::char_count(&body.text);
        let slug_at = self.fm.place_of("slug").unwrap_or((1, 1));
        let speaker_at = self
            .fm
            .place_of("speaker")
            .unwrap_or((self.fm.opening_line(), 1));
        let mut speech = Speech {
            slug_at,
            speaker_at,
            char_count,
            source_path: path.to_path_buf(),
            slug,
            title,
            date,
            speaker,
            role,
            occasion,
            place,
            organization,
            themes: dedup(themes),
            tags: dedup(tags),
            source,
            summary: if summary.is_empty() {
                measure::summary(&body.lead, SUMMARY_CHARS)
            } else {
                summary
            },
            draft,
            body: spooled,
            headings: body.headings,
            text_key: Fingerprint(0),
        };
        speech.text_key =
            Fingerprint::of_bytes(searchable_text(&speech, site, &body.text).as_bytes());
        Ok(speech)
    }

    /// The URL segment: the `slug` field if given (and then it must be URL-safe),
    /// else the file name, spelled in pinyin when it is Chinese, else the title;
    /// a name and title with no letters or digits at all (`😀.md`) give the date
    /// and a short hash of the file's path, so every speech has a URL of its own.
    fn speech_slug(&mut self, path: &Path, title: &str, date: Option<&PartialDate>) -> String {
        let explicit = self.text("slug");
        if !explicit.is_empty() {
            if !slug::is_valid(&explicit) {
                self.problem(
                    "slug",
                    t!("slug-not-url-safe", slug = format!("{explicit:?}")),
                    t!("slug-not-url-safe-help"),
                );
            } else if explicit.len() > slug::MAX_BYTES {
                self.problem(
                    "slug",
                    t!(
                        "slug-too-long",
                        length = explicit.len(),
                        most = slug::MAX_BYTES
                    ),
                    t!("slug-too-long-help"),
                );
            }
            return explicit;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if let Some(name) = url_name(stem, title) {
            return name;
        }
        let hash = Fingerprint::of_bytes(path.as_os_str().as_encoded_bytes()).0;
        let short = format!("{:06x}", hash & 0xff_ffff);
        match date {
            Some(date) => format!("{}-{short}", date.iso()),
            None => short,
        }
    }
}

/// Renders a body, warning about what Markdown left out of it.
fn render_body(
    markdown_source: &str,
    body_line: usize,
    path: &Path,
    site: &Site,
    warnings: &mut Vec<Diagnostic>,
) -> markdown::Body {
    let body = markdown::render(markdown_source, site.allow_html);
    for dropped in &body.dropped {
        let (line, column) = line_column(markdown_source, dropped.offset);
        warnings.push(
            Diagnostic::warning(t!("heading-attribute-dropped", what = dropped.what))
                .in_file(path)
                .at(body_line + line - 1, Some(column))
                .help(t!("heading-attribute-dropped-help")),
        );
    }
    body
}

/// Puts a rendered body in the spool; a spool that cannot be written (a full
/// disk) stops the file, named, as a file that cannot be read does.
fn spool_body(body: &markdown::Body, path: &Path, spool: &Spool) -> Result<Body, Vec<Diagnostic>> {
    Body::spool(&body.html, &body.text, spool).map_err(|e| {
        vec![Diagnostic::error(t!("spool-cannot-write", error = e))
            .in_file(path)
            .help(t!("spool-cannot-write-help"))]
    })
}

/// The URL segment a speech without a `slug` field gets from its file name
/// (`stem`), or from its title when the name has no letters or digits: the
/// name itself when it is URL-safe, else its pinyin. `lectern import` asks
/// this too, to know which URLs are taken.
pub(crate) fn url_name(stem: &str, title: &str) -> Option<String> {
    if slug::is_valid(stem) && stem.len() <= slug::MAX_BYTES {
        return Some(stem.to_string());
    }
    [stem, title]
        .into_iter()
        .map(slug::slugify)
        .find(|derived| !derived.is_empty())
}

/// A front matter text without control characters other than tab and line
/// breaks: the file's own were removed before parsing (see [`controls`]), but an
/// escape such as `"\u0007"` in a quoted value brings one back, and no web page
/// or feed may hold it.
fn without_controls(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.clone()))
        .collect()
}

/// Two speeches (or two pages) may not share a URL: name every file involved.
/// `documents` are (slug, file, where the slug comes from); their URLs are
/// `folder/<slug>/`.
fn duplicate_urls(documents: &[(&str, &Path, (usize, usize))], folder: &str) -> Vec<Diagnostic> {
    // URLs are compared case-insensitively: many static hosts ignore case.
    let mut by_slug: Vec<(Cow<str>, &Path, (usize, usize))> = documents
        .iter()
        .map(|&(slug, path, at)| {
            let key = if slug.chars().any(char::is_uppercase) {
                Cow::Owned(slug.to_lowercase())
            } else {
                Cow::Borrowed(slug)
            };
            (key, path, at)
        })
        .collect();
    by_slug.sort_unstable();
    by_slug
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|same| same.len() > 1)
        .flat_map(|same| {
            let slug = &same[0].0;
            same.iter().map(move |&(_, path, (line, column))| {
                let others: Vec<String> = same
                    .iter()
                    .filter(|(_, other, _)| *other != path)
                    .map(|(_, other, _)| other.display().to_string())
                    .collect();
                Diagnostic::error(t!(
                    "url-taken",
                    what = if folder == "pages" { "page" } else { "speech" },
                    url = format!("{folder}/{slug}/"),
                    others = others.join(", ")
                ))
                .in_file(path)
                .at(line, Some(column))
                .help(t!("url-taken-help"))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speech(dir: &Path, name: &str, title: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = format!("+++\ntitle = \"{title}\"\ndate = 2014-04-28\n+++\n\n正文。\n");
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The titles of the speeches a load with `memo` finds, sorted.
    fn titles(paths: &Paths, options: LoadOptions, memo: &mut Memo, spool: &Spool) -> Vec<String> {
        let site = Site::default();
        let loaded = load(paths, &site, options, Some(memo), spool, &Counter::hidden());
        let mut titles: Vec<String> = loaded.speeches.iter().map(|s| s.title.clone()).collect();
        titles.sort();
        titles
    }

    const FOLLOW: LoadOptions = LoadOptions {
        include_drafts: false,
        follow_changes: true,
    };

    #[test]
    fn a_memo_follows_the_changes_it_is_told_of() {
        let root = tempfile::tempdir().unwrap();
        let paths = Paths::new(root.path(), None);
        let content = &paths.content;
        let kept = speech(content, "2014/a.md", "甲");
        let edited = speech(content, "2014/b.md", "乙");
        let mut memo = Memo::default();
        let spool = Spool::new(root.path()).unwrap();
        let first = titles(&paths, FOLLOW, &mut memo, &spool);
        assert_eq!(first, ["乙", "甲"]);

        speech(content, "2014/b.md", "乙改");
        let added = speech(content, "2015/c.md", "丙");
        std::fs::remove_file(&kept).unwrap();
        // Not told: a file edited behind the watcher's back is not read again.
        speech(content, "2014/d.md", "丁");
        memo.saw(Some(vec![edited, added, kept]));
        let followed = titles(&paths, FOLLOW, &mut memo, &spool);
        assert_eq!(followed, ["丙", "乙改"]);

        // Without following, every file is looked at.
        let walked = titles(&paths, LoadOptions::default(), &mut memo, &spool);
        assert_eq!(walked, ["丁", "丙", "乙改"]);
    }

    #[test]
    fn changes_it_cannot_follow_make_it_walk_the_folder() {
        let root = tempfile::tempdir().unwrap();
        let paths = Paths::new(root.path(), None);
        let content = &paths.content;
        speech(content, "a.md", "甲");
        let mut memo = Memo::default();
        let spool = Spool::new(root.path()).unwrap();
        titles(&paths, FOLLOW, &mut memo, &spool);

        // A new folder: only the folder is reported.
        speech(content, "2016/b.md", "乙");
        memo.saw(Some(vec![content.join("2016")]));
        assert_eq!(titles(&paths, FOLLOW, &mut memo, &spool), ["乙", "甲"]);

        // The watcher lost events.
        speech(content, "c.md", "丙");
        memo.saw(Some(vec![]));
        memo.saw(None);
        assert_eq!(
            titles(&paths, FOLLOW, &mut memo, &spool),
            ["丙", "乙", "甲"]
        );
    }
}
