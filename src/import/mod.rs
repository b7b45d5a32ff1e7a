//! `lectern import`: turns `.txt`, `.md` and `.docx` files (and folders of them)
//! into speeches in `content/`, one Markdown file with TOML front matter each.
//!
//! The work is split by job: [`read`] decodes files (any encoding Chinese offices
//! use) and [`docx`] unpacks Word documents; [`clean`] repairs copy-paste damage;
//! [`header`] recognises the title and the header lines (date, meeting, speaker,
//! position) with [`dates`]; [`body`] turns numbered sections into headings;
//! [`write`] names, hashes and writes the files; [`report`] says what happened.
//! [`sheet`] reads the archivist's spreadsheet (`--metadata list.csv`), whose
//! fields win over what is recognised, and lose to a file's own front matter.
//!
//! Import only ever writes new files: front matter an editor wrote is never
//! touched, an existing file is replaced only with `--force`, and a speech whose
//! text is already in the archive is skipped.

pub mod body;
pub mod clean;
pub mod docx;
pub mod header;
pub mod inline;
pub mod para;
pub mod read;
pub mod report;
pub mod sheet;
pub mod write;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use jieba_rs::Jieba;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{Site, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
use crate::speech::PartialDate;
use crate::t;
use header::{DateSource, Dated};
use read::editor_fields;
use read::Kind;
pub use report::{Entry, FromSheet, ImportReport, Info, Outcome};
use sheet::{Field, Lookup, Sheet};
use write::{speech_file, write_pictures};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The site folder, holding `site.toml` and `content/`.
    pub root: PathBuf,
    /// Where under the root the speeches go: `content/` or a folder inside it.
    pub into: Option<PathBuf>,
    /// Files and folders to import.
    pub inputs: Vec<PathBuf>,
    /// Report what would happen, write nothing.
    pub dry_run: bool,
    /// Replace existing files of the same name.
    pub force: bool,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
    /// A spreadsheet (CSV or TSV) with a row of fields for each file.
    pub metadata: Option<PathBuf>,
}

/// Why nothing was imported at all.
#[derive(Debug)]
pub enum ImportError {
    /// The command was used wrongly: not a site folder, `--into` outside `content/`.
    Usage(Diagnostic),
    /// The site's `site.toml` is broken.
    Site(Vec<Diagnostic>),
    /// The `--metadata` sheet cannot be used (unreadable, no `file` column).
    Sheet(Vec<Diagnostic>),
}

/// A file read and converted, ready to be named and written.
struct Prepared {
    info: Info,
    stem: String,
    text: String,
    hash: blake3::Hash,
    pictures: Vec<docx::SavedPicture>,
}

/// Where pictures from Word documents are saved, under the site folder; the
/// build copies `static/` to the site's root, so they are linked as
/// [`inline::IMAGE_LINK_PREFIX`].
pub const PICTURE_FOLDER: &str = "static/images";

pub fn import(options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let root = &options.root;
    if !root.join(CONFIG_FILE).is_file() && !root.join("content").is_dir() {
        return Err(ImportError::Usage(
            Diagnostic::error(t!("import-not-a-site", root = root, config = CONFIG_FILE))
                .help(t!("import-not-a-site-help")),
        ));
    }
    let site = Site::load(root).map_err(ImportError::Site)?;
    let into = resolve_into(options.into.as_deref())?;
    let target_dir = root.join(&into);
    stays_inside_content(root, &target_dir, &into)?;
    if target_dir.exists() && !target_dir.is_dir() {
        return Err(ImportError::Usage(
            Diagnostic::error(t!("import-into-is-a-file", into = into))
                .help(t!("import-into-is-a-file-help")),
        ));
    }

    let mut report = ImportReport {
        into: into.clone(),
        dry_run: options.dry_run,
        ..ImportReport::default()
    };
    let mut inputs: Vec<(PathBuf, Result<Kind, Diagnostic>)> = Vec::new();
    for input in &options.inputs {
        collect(input, &mut inputs, &mut report.ignored);
    }

    // A broken sheet stops the import before anything is read or written.
    let sheet = match &options.metadata {
        Some(path) => Some(Sheet::read(path, &site).map_err(ImportError::Sheet)?),
        None => None,
    };
    let assignment = sheet.as_ref().map(|sheet| {
        let paths: Vec<&Path> = inputs.iter().map(|(path, _)| path.as_path()).collect();
        sheet.assign(&paths)
    });

    let existing = write::Existing::scan(&root.join("content"));
    let jieba = Jieba::new();

    let bar = (options.progress && inputs.len() > 1).then(|| {
        let bar = ProgressBar::new(inputs.len() as u64);
        let template = format!(
            "{{bar:40}} {{pos}}/{{len}} {}  {{msg}}",
            t!("import-progress-files")
        );
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        bar.set_message(t!("import-progress-reading"));
        bar
    });
    let prepared: Vec<Result<Prepared, Diagnostic>> = inputs
        .par_iter()
        .enumerate()
        .map(|(index, (path, kind))| {
            let result = kind.clone().and_then(|kind| {
                let row = match (&sheet, &assignment) {
                    (Some(sheet), Some(assignment)) => {
                        sheet.lookup(&assignment.per_input[index], path)?
                    }
                    _ => Lookup::NoSheet,
                };
                prepare(path, kind, &site, &jieba, row).map_err(|d| d.in_file(path))
            });
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            result
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    // Names and duplicates are settled one file at a time, in input order.
    let mut batch_hashes: HashMap<blake3::Hash, PathBuf> = HashMap::new();
    let mut reserved: HashSet<String> = HashSet::new();
    for ((input, _), result) in inputs.into_iter().zip(prepared) {
        let outcome = match result {
            Err(d) => Outcome::Failed(d),
            Ok(p) => place(
                p,
                &input,
                options,
                &target_dir,
                &existing,
                &mut batch_hashes,
                &mut reserved,
            ),
        };
        report.entries.push(Entry {
            input,
            outcome: relative(outcome, root),
        });
    }
    if let (Some(sheet), Some(assignment)) = (&sheet, &assignment) {
        let mut sheet_report = sheet::SheetReport::new(sheet, assignment);
        sheet_report.without_row = report
            .entries
            .iter()
            .filter(|e| match &e.outcome {
                Outcome::Imported { info, .. } => info.sheet == Some(FromSheet::NoRow),
                _ => false,
            })
            .map(|e| e.input.clone())
            .collect();
        report.sheet = Some(sheet_report);
    }
    Ok(report)
}

/// Decides the file name, skips duplicates, and writes (unless it is a dry run).
fn place(
    prepared: Prepared,
    input: &Path,
    options: &ImportOptions,
    target_dir: &Path,
    existing: &write::Existing,
    batch_hashes: &mut HashMap<blake3::Hash, PathBuf>,
    reserved: &mut HashSet<String>,
) -> Outcome {
    let Prepared {
        info,
        stem,
        text,
        hash,
        pictures,
    } = prepared;
    if let Some(of) = batch_hashes.get(&hash) {
        return Outcome::Duplicate {
            of: of.clone(),
            info: Box::new(info),
        };
    }
    let wanted = target_dir.join(format!("{stem}.md"));
    if let Some(of) = existing.by_hash.get(&hash) {
        // With --force, the speech may replace its own earlier import.
        let replacing_itself = options.force && *of == wanted;
        if !replacing_itself {
            return Outcome::Duplicate {
                of: of.clone(),
                info: Box::new(info),
            };
        }
    }
    let mut candidate = stem.clone();
    let mut n = 2;
    let replaced;
    loop {
        let key = candidate.to_lowercase();
        let path = target_dir.join(format!("{candidate}.md"));
        let free = !reserved.contains(&key) && !existing.taken.contains(&key);
        let may_replace =
            options.force && !reserved.contains(&key) && existing.files.contains(&path);
        if free || may_replace {
            replaced = may_replace && path.exists();
            break;
        }
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    reserved.insert(candidate.to_lowercase());
    let path = target_dir.join(format!("{candidate}.md"));
    batch_hashes.insert(hash, path.clone());
    if !options.dry_run {
        // Pictures first: a speech is never written with links to nothing.
        let written = write_pictures(&options.root, &pictures)
            .and_then(|()| std::fs::create_dir_all(target_dir))
            .and_then(|()| write::write_atomic(&path, &text, replaced));
        if let Err(e) = written {
            return Outcome::Failed(
                Diagnostic::error(t!("import-cannot-write", path = path, error = e))
                    .in_file(input)
                    .help(t!("import-cannot-write-help")),
            );
        }
    }
    Outcome::Imported {
        path,
        info: Box::new(info),
        replaced,
        renamed_from: (candidate != stem).then(|| format!("{stem}.md")),
    }
}

fn relative(outcome: Outcome, root: &Path) -> Outcome {
    let rel = |p: PathBuf| p.strip_prefix(root).map(Path::to_path_buf).unwrap_or(p);
    match outcome {
        Outcome::Imported {
            path,
            info,
            replaced,
            renamed_from,
        } => Outcome::Imported {
            path: rel(path),
            info,
            replaced,
            renamed_from,
        },
        Outcome::Duplicate { of, info } => Outcome::Duplicate { of: rel(of), info },
        failed => failed,
    }
}

/// `--into` must name `content/` or a folder inside it, without `..`.
fn resolve_into(into: Option<&Path>) -> Result<PathBuf, ImportError> {
    let Some(into) = into else {
        return Ok(PathBuf::from("content"));
    };
    let usage = |why: String| {
        ImportError::Usage(
            Diagnostic::error(t!("import-into-invalid", into = into, why = why))
                .help(t!("import-into-invalid-help")),
        )
    };
    let parts: Vec<Component> = into
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    if parts.iter().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(usage(t!("import-into-not-relative")));
    }
    if parts.first() != Some(&Component::Normal("content".as_ref())) {
        return Err(usage(t!("import-into-outside-content")));
    }
    if parts
        .iter()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        return Err(usage(t!("import-into-hidden")));
    }
    Ok(parts.iter().collect())
}

/// `--into` may not lead out of `content/` through a symbolic link: the speeches
/// would be written outside the site (and the build would not read them).
fn stays_inside_content(root: &Path, target_dir: &Path, into: &Path) -> Result<(), ImportError> {
    let Ok(content) = root.join("content").canonicalize() else {
        return Ok(());
    };
    let Some(existing) = target_dir.ancestors().find(|p| p.exists()) else {
        return Ok(());
    };
    match existing.canonicalize() {
        Ok(real) if real.starts_with(&content) => Ok(()),
        Ok(real) => Err(ImportError::Usage(
            Diagnostic::error(t!("import-into-link", into = into, target = real))
                .help(t!("import-into-link-help")),
        )),
        Err(e) => Err(ImportError::Usage(
            Diagnostic::error(t!("import-into-unreadable", into = into, error = e))
                .help(t!("import-into-is-a-file-help")),
        )),
    }
}

/// Word processor formats that LibreOffice turns into .docx.
const CONVERTIBLE_DOCUMENTS: &[&str] = &["doc", "wps", "rtf", "odt"];

/// Documents that are speeches but in a format import cannot read.
const UNSUPPORTED_DOCUMENTS: &[&str] = &["doc", "wps", "rtf", "odt", "pdf", "pages", "htm", "html"];

/// Adds a file, or the speech files of a folder, to the inputs.
fn collect(
    input: &Path,
    inputs: &mut Vec<(PathBuf, Result<Kind, Diagnostic>)>,
    ignored: &mut Vec<PathBuf>,
) {
    let kind_of = |path: &Path| -> Result<Kind, Diagnostic> {
        Kind::of(path).ok_or_else(|| {
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let help = if CONVERTIBLE_DOCUMENTS.contains(&extension.as_str()) {
                t!("import-convert-help")
            } else if UNSUPPORTED_DOCUMENTS.contains(&extension.as_str()) {
                t!("import-save-as-docx-help")
            } else {
                t!("import-formats-help")
            };
            Diagnostic::error(if extension.is_empty() {
                t!("import-no-extension")
            } else {
                t!("import-unknown-format", extension = extension)
            })
            .in_file(path)
            .help(help)
        })
    };
    let metadata = match std::fs::metadata(input) {
        Ok(m) => m,
        Err(e) => {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                t!("import-no-such-input")
            } else {
                t!("cannot-read", error = e)
            };
            inputs.push((
                input.to_path_buf(),
                Err(Diagnostic::error(message)
                    .in_file(input)
                    .help(t!("import-check-the-path"))),
            ));
            return;
        }
    };
    if metadata.is_file() {
        inputs.push((input.to_path_buf(), kind_of(input)));
        return;
    }
    let walker = WalkDir::new(input)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || name.starts_with("~$"))
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                let extension = path
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                if Kind::of(&path).is_some() || UNSUPPORTED_DOCUMENTS.contains(&extension.as_str())
                {
                    let kind = kind_of(&path);
                    inputs.push((path, kind));
                } else {
                    ignored.push(path);
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| input.to_path_buf(), Path::to_path_buf);
                inputs.push((
                    path.clone(),
                    Err(Diagnostic::error(t!("cannot-read", error = e.to_string())).in_file(path)),
                ));
            }
        }
    }
}

/// Reads, recognises and converts one file.
fn prepare(
    path: &Path,
    kind: Kind,
    site: &Site,
    jieba: &Jieba,
    lookup: Lookup<'_>,
) -> Result<Prepared, Diagnostic> {
    let document = read::read(path, kind).map_err(|r| Diagnostic::error(r.message).help(r.help))?;
    let editor = match &document.front_matter {
        Some(fm) => editor_fields(fm)?,
        None => Vec::new(),
    };
    let editor_text = |name: &str| {
        editor.iter().find_map(|(k, v)| match v {
            toml::Value::String(s) if k == name && !s.trim().is_empty() => {
                Some(s.trim().to_string())
            }
            toml::Value::Datetime(d) if k == name => Some(d.to_string()),
            toml::Value::Integer(i) if k == name => Some(i.to_string()),
            _ => None,
        })
    };
    let has_field = |name: &str| editor.iter().any(|(k, _)| k == name);
    let row = match lookup {
        Lookup::Row(row) => Some(row),
        Lookup::NoSheet | Lookup::NoRow => None,
    };

    // A text that opens with its salutation has no title line: the sheet's
    // title is then the title, and the body starts at the first line.
    let known_title = editor_text("title").or_else(|| {
        row.and_then(|r| r.text(Field::Title))
            .filter(|_| !has_field("title") && sheet::starts_with_salutation(&document.paragraphs))
            .map(str::to_string)
    });
    let mut h = header::recognise(document.paragraphs, known_title);
    let mut sheet_checks = Vec::new();
    if let Some(row) = row {
        sheet_checks.extend(row.disagreements(&editor));
        sheet_checks.extend(row.apply(&mut h, has_field));
        sheet_checks.extend(row.notes.iter().cloned());
    }
    if h.title.trim().is_empty() {
        return Err(Diagnostic::error(t!("import-no-title-no-text")).help(t!("import-empty-help")));
    }
    let mut editor_checks = Vec::new();
    if let Some(raw) = editor_text("date") {
        match PartialDate::parse(&raw) {
            Ok(date) => {
                h.date = Some(Dated {
                    date,
                    source: DateSource::FrontMatter,
                })
            }
            Err(why) => editor_checks.push(t!("import-own-date-invalid", why = why)),
        }
    }
    let body = body::convert(&h.body, &document.notes, kind);
    if body.markdown.trim().is_empty() {
        return Err(
            Diagnostic::error(t!("import-title-but-no-text", title = h.title))
                .help(t!("import-title-but-no-text-help")),
        );
    }

    let mut info = Info {
        encoding: document.encoding,
        title: h.title.clone(),
        date: h.date.clone(),
        speaker: editor_text("speaker").or(h.speaker.clone()),
        role: editor_text("role").or(h.role.clone()),
        occasion: editor_text("occasion").or(h.occasion.clone()),
        place: editor_text("place").or(h.place.clone()),
        headings: body.headings.clone(),
        themes: Vec::new(),
        repairs: document
            .repairs
            .iter()
            .map(|(k, n)| (k.to_string(), *n))
            .collect(),
        header_lines: h.consumed.clone(),
        checks: h.title_notes.clone(),
        draft: false,
        pictures: document.pictures.iter().map(|p| p.file.clone()).collect(),
        tables: body.tables,
        notes: body.notes,
        sheet: match lookup {
            Lookup::NoSheet => None,
            Lookup::NoRow => Some(FromSheet::NoRow),
            Lookup::Row(row) => Some(FromSheet::Row {
                line: row.line,
                fields: row
                    .fields
                    .iter()
                    .map(|(field, _)| field.key())
                    .filter(|key| !has_field(key))
                    .collect(),
            }),
        },
    };
    if !has_field("themes") {
        info.themes = match row.and_then(|r| r.list(Field::Themes)) {
            Some(themes) => themes.iter().map(|t| (t.clone(), 0)).collect(),
            None => suggest_themes(site, &h.title, &body.markdown),
        };
    }
    info.checks.extend(sheet_checks);
    info.checks.extend(editor_checks);
    info.checks.extend(document.warnings);
    if h.title.contains('/') || h.title.contains("..") || h.title.contains('\\') {
        info.checks.push(t!("import-title-has-slashes"));
    }
    let date = match &h.date {
        Some(d) => {
            if d.source.is_guess() {
                info.checks.push(t!(
                    "import-date-guessed",
                    date = d.date.iso(),
                    source = d.source.describe()
                ));
            }
            Some(d.date)
        }
        // Never a guessed date: a draft without one, which the build lists as
        // a speech to finish.
        None => {
            info.draft = !has_field("draft");
            info.checks.push(t!("import-no-date"));
            None
        }
    };
    if info.speaker.is_none() {
        info.checks.push(t!("import-no-speaker"));
    }
    if body.markdown.contains('\u{FFFD}') {
        info.checks.push(t!("import-replacement-characters"));
    }

    let stem = write::file_stem(h.date.as_ref().map(|d| &d.date), &h.title, jieba);
    let hash = write::text_hash(&body.markdown);
    let text = speech_file(&info, date, &editor, row, path, &body.markdown);
    Ok(Prepared {
        info,
        stem,
        text,
        hash,
        pictures: document.pictures,
    })
}

/// Themes whose keywords the speech uses: in the title, or at least twice and
/// often enough for the length (three times per 10,000 characters), so that a
/// long report that mentions 权益 once in passing is not filed under 维权.
/// Text and keywords are compared in simplified script, so a traditional text
/// (維護職工權益) finds the keywords of a simplified site.toml and the reverse.
pub fn suggest_themes(site: &Site, title: &str, text: &str) -> Vec<(String, usize)> {
    let simplified = crate::text::fold::fold_str;
    let (title, text) = (simplified(title), simplified(text));
    let (title, text) = (title.as_str(), text.as_str());
    let chars = text.chars().count().max(1);
    let mut themes: Vec<(String, usize)> = site
        .themes
        .iter()
        .filter_map(|theme| {
            let keywords = theme
                .keywords
                .iter()
                .filter(|k| !k.trim().is_empty())
                .map(|k| simplified(k));
            let (in_title, hits) = keywords.fold((0, 0), |(t, h), k| {
                (
                    t + title.matches(k.as_str()).count(),
                    h + text.matches(k.as_str()).count(),
                )
            });
            let dense = hits >= 2 && hits * 10_000 >= 3 * chars;
            (in_title > 0 || dense).then(|| (theme.name.clone(), hits + in_title))
        })
        .collect();
    themes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    themes
}
