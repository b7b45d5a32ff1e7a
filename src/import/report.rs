//! The import report: per file, what was recognised and what needs a human look,
//! then a summary with the share of dates, speakers, roles and meetings found.

use std::fmt::Write;

use std::path::PathBuf;

use unicode_width::UnicodeWidthStr;

use super::header::Dated;
use super::sheet::{self, SheetReport};
use crate::diagnostic::Diagnostic;
use crate::t;

/// What import did with every input file.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub entries: Vec<Entry>,
    /// Files in the folders given that are not speeches (images, spreadsheets…).
    pub ignored: Vec<PathBuf>,
    /// The folder the speeches went into, relative to the root.
    pub into: PathBuf,
    pub dry_run: bool,
    /// What the `--metadata` sheet matched, and what it did not.
    pub sheet: Option<sheet::SheetReport>,
}

#[derive(Debug)]
pub struct Entry {
    /// The input as the user named it.
    pub input: PathBuf,
    pub outcome: Outcome,
}

#[derive(Debug)]
pub enum Outcome {
    Imported {
        /// The speech file, relative to the site root.
        path: PathBuf,
        info: Box<Info>,
        /// An existing file was replaced (`--force`).
        replaced: bool,
        /// The name was taken, so the file got a `-2` (…) suffix: the name it wanted.
        renamed_from: Option<String>,
    },
    Duplicate {
        /// The speech with the same text: a file in `content/`, or an earlier input.
        of: PathBuf,
        info: Box<Info>,
    },
    Failed(Diagnostic),
}

/// What was recognised in one file.
#[derive(Debug, Clone, Default)]
pub struct Info {
    pub encoding: String,
    pub title: String,
    pub date: Option<Dated>,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub occasion: Option<String>,
    pub place: Option<String>,
    pub headings: Vec<(u8, String)>,
    /// Suggested themes with the number of keyword hits.
    pub themes: Vec<(String, usize)>,
    pub repairs: Vec<(String, usize)>,
    /// Header lines moved into the front matter.
    pub header_lines: Vec<String>,
    /// What a person should look at.
    pub checks: Vec<String>,
    /// The speech was written as a draft because its date is unknown.
    pub draft: bool,
    /// Pictures from a Word document, saved in `static/images/`.
    pub pictures: Vec<String>,
    /// Tables and notes from a Word document.
    pub tables: usize,
    pub notes: usize,
    /// What the `--metadata` sheet gave (`None` without one).
    pub sheet: Option<FromSheet>,
}

/// What the `--metadata` sheet gave one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FromSheet {
    /// The row on `line` filled these fields.
    Row {
        line: usize,
        fields: Vec<&'static str>,
    },
    /// No row names the file.
    NoRow,
}

impl ImportReport {
    pub fn failed(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e.outcome, Outcome::Failed(_)))
            .count()
    }

    /// 0 when every file was imported or skipped as a duplicate, 1 when any failed.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.failed() > 0)
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.entries.iter().filter_map(|e| match &e.outcome {
            Outcome::Failed(d) => Some(d),
            _ => None,
        })
    }
}

/// Counts over the imported files, for the summary (and for tests).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub imported: usize,
    pub duplicates: usize,
    pub failed: usize,
    pub dates: usize,
    /// Dates that are only a year from the title or a session: to be checked.
    pub guessed_dates: usize,
    pub speakers: usize,
    pub roles: usize,
    pub occasions: usize,
    pub needs_look: usize,
}

impl ImportReport {
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for entry in &self.entries {
            match &entry.outcome {
                Outcome::Imported { info, .. } => {
                    t.imported += 1;
                    if let Some(date) = &info.date {
                        t.dates += 1;
                        t.guessed_dates += usize::from(date.source.is_guess());
                    }
                    t.speakers += usize::from(info.speaker.is_some());
                    t.roles += usize::from(info.role.is_some());
                    t.occasions += usize::from(info.occasion.is_some());
                    t.needs_look += usize::from(!info.checks.is_empty());
                }
                Outcome::Duplicate { .. } => t.duplicates += 1,
                Outcome::Failed(_) => t.failed += 1,
            }
        }
        t
    }

    /// The report as text, for stdout.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for entry in &self.entries {
            let input = &entry.input;
            match &entry.outcome {
                Outcome::Imported {
                    path,
                    info,
                    replaced,
                    renamed_from,
                } => {
                    let done = match (self.dry_run, replaced) {
                        (true, true) => t!("import-would-replace", input = input, path = path),
                        (true, false) => t!("import-would-write", input = input, path = path),
                        (false, true) => t!("import-replaced", input = input, path = path),
                        (false, false) => t!("import-wrote", input = input, path = path),
                    };
                    let _ = writeln!(out, "{done}");
                    if let Some(wanted) = renamed_from {
                        labelled(
                            &mut out,
                            &t!("import-label-note"),
                            &t!(
                                "import-renamed",
                                wanted = wanted,
                                replaced = yes_no(*replaced)
                            ),
                        );
                    }
                    describe(&mut out, info);
                }
                Outcome::Duplicate { of, info } => {
                    let _ = writeln!(
                        out,
                        "{}",
                        t!(
                            "import-duplicate",
                            input = input,
                            of = of,
                            title = info.title
                        )
                    );
                }
                Outcome::Failed(d) => {
                    let _ = writeln!(out, "✗ {}: {}", input.display(), d.message);
                    if let Some(help) = &d.help {
                        labelled(&mut out, &t!("label-help"), help);
                    }
                }
            }
        }
        if let Some(sheet) = &self.sheet {
            sheet_section(&mut out, sheet);
        }
        out.push_str(&self.summary());
        out
    }

    pub fn summary(&self) -> String {
        let t = self.tally();
        let mut out = String::new();
        let mut extra = Vec::new();
        if t.duplicates > 0 {
            extra.push(t!("import-summary-duplicates", n = t.duplicates));
        }
        if t.failed > 0 {
            extra.push(t!("import-summary-failed", n = t.failed));
        }
        if !self.ignored.is_empty() {
            extra.push(t!("import-summary-ignored", n = self.ignored.len()));
        }
        let extras = if extra.is_empty() {
            String::new()
        } else {
            t!(
                "import-summary-extras",
                list = extra.join(&t!("list-separator"))
            )
        };
        let _ = writeln!(
            out,
            "\n{}",
            t!(
                "import-summary",
                dry_run = yes_no(self.dry_run),
                files = t.imported,
                into = self.into,
                extras = extras
            )
        );
        if t.imported > 0 {
            let share = |n: usize| {
                t!(
                    "import-share",
                    n = n,
                    total = t.imported,
                    percent = n * 100 / t.imported
                )
            };
            let guessed = if t.guessed_dates > 0 {
                t!("import-summary-guessed-dates", n = t.guessed_dates)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{}",
                t!(
                    "import-summary-recognised",
                    dates = share(t.dates),
                    guessed = guessed,
                    speakers = share(t.speakers),
                    roles = share(t.roles),
                    occasions = share(t.occasions)
                )
            );
            if t.needs_look > 0 {
                let _ = writeln!(out, "{}", t!("import-summary-needs-look", n = t.needs_look));
            }
        }
        if let Some(sheet) = &self.sheet {
            let mut parts = vec![t!(
                "import-summary-sheet-used",
                used = sheet.used,
                rows = sheet.rows
            )];
            if !sheet.missing.is_empty() {
                parts.push(t!("import-summary-sheet-missing", n = sheet.missing.len()));
            }
            if !sheet.ambiguous.is_empty() {
                parts.push(t!(
                    "import-summary-sheet-ambiguous",
                    n = sheet.ambiguous.len()
                ));
            }
            if !sheet.without_row.is_empty() {
                parts.push(t!(
                    "import-summary-sheet-without-row",
                    n = sheet.without_row.len()
                ));
            }
            let _ = writeln!(
                out,
                "{}",
                t!(
                    "import-summary-sheet",
                    path = sheet.path,
                    parts = parts.join(&t!("import-part-separator"))
                )
            );
        }
        if self.dry_run {
            let _ = writeln!(out, "{}", t!("import-summary-dry-run"));
        }
        out
    }
}

/// A yes/no argument, for the catalogue to choose a wording by.
fn yes_no(yes: bool) -> &'static str {
    if yes {
        "yes"
    } else {
        "no"
    }
}

/// A report line: the label in a column of its own, nine terminal cells wide
/// (a Chinese character takes two), then the value.
fn labelled(out: &mut String, label: &str, value: &str) {
    let pad = 9usize.saturating_sub(label.width());
    let _ = writeln!(out, "    {label}{:pad$} {value}", "");
}

/// What the sheet matched and what it did not, with the sheet's line numbers.
fn sheet_section(out: &mut String, sheet: &SheetReport) {
    let _ = writeln!(
        out,
        "\n{}",
        t!(
            "import-sheet-heading",
            path = sheet.path,
            encoding = sheet.encoding,
            rows = sheet.rows
        )
    );
    let separator = t!("list-separator");
    for (at, file) in &sheet.missing {
        labelled(
            out,
            &t!("import-label-missing"),
            &t!("import-sheet-missing", line = at, file = file),
        );
    }
    for (at, file, matches) in &sheet.ambiguous {
        let names: Vec<String> = matches.iter().map(|p| p.display().to_string()).collect();
        labelled(
            out,
            &t!("import-label-ambiguous"),
            &t!(
                "import-sheet-ambiguous",
                line = at,
                file = file,
                names = names.join(&separator),
                first = names[0]
            ),
        );
    }
    for input in &sheet.without_row {
        labelled(
            out,
            &t!("import-label-no-row"),
            &t!("import-sheet-no-row", input = input),
        );
    }
    for at in &sheet.rows_without_file {
        labelled(
            out,
            &t!("import-label-no-file"),
            &t!("import-sheet-no-file", line = at),
        );
    }
    if !sheet.extra_columns.is_empty() {
        labelled(
            out,
            &t!("import-label-extra"),
            &t!(
                "import-sheet-extra",
                columns = sheet.extra_columns.join(&separator)
            ),
        );
    }
    for unused in &sheet.unused_columns {
        labelled(out, &t!("import-label-unused"), unused);
    }
    if sheet.skipped_above_header > 0 {
        labelled(
            out,
            &t!("import-label-skipped"),
            &t!("import-sheet-skipped", n = sheet.skipped_above_header),
        );
    }
    for note in &sheet.notes {
        labelled(out, &t!("import-label-check"), note);
    }
}

fn describe(out: &mut String, info: &Info) {
    let mut line = |label: String, value: &str| labelled(out, &label, value);
    let separator = t!("list-separator");
    line(t!("import-label-encoding"), &info.encoding);
    match &info.sheet {
        Some(FromSheet::Row { line: at, fields }) if fields.is_empty() => line(
            t!("import-label-sheet"),
            &t!("import-sheet-row-nothing", line = at),
        ),
        Some(FromSheet::Row { line: at, fields }) => line(
            t!("import-label-sheet"),
            &t!(
                "import-sheet-row",
                line = at,
                fields = fields.join(&separator)
            ),
        ),
        Some(FromSheet::NoRow) => line(t!("import-label-sheet"), &t!("import-sheet-no-row-here")),
        None => {}
    }
    line(t!("import-label-title"), &info.title);
    match &info.date {
        Some(d) => line(
            t!("import-label-date"),
            &t!(
                "import-date",
                date = d.date.iso(),
                source = d.source.describe()
            ),
        ),
        None => line(t!("import-label-date"), &t!("import-not-found")),
    }
    line(
        t!("import-label-speaker"),
        &info
            .speaker
            .clone()
            .unwrap_or_else(|| t!("import-not-found")),
    );
    if let Some(role) = &info.role {
        line(t!("import-label-role"), role);
    }
    if let Some(occasion) = &info.occasion {
        line(t!("import-label-occasion"), occasion);
    }
    if let Some(place) = &info.place {
        line(t!("import-label-place"), place);
    }
    // The header lines that became fields left the body: say which, so no text is lost unseen.
    for header_line in &info.header_lines {
        line(
            t!("import-label-moved"),
            &t!("import-moved", line = header_line),
        );
    }
    let headings = if info.headings.is_empty() {
        t!("import-headings-none")
    } else {
        let mut levels = std::collections::BTreeMap::new();
        for (level, _) in &info.headings {
            *levels.entry(*level).or_insert(0) += 1;
        }
        let by_level: Vec<String> = levels
            .iter()
            .map(|(level, n)| format!("{} {n}", "#".repeat(*level as usize)))
            .collect();
        // The headings are guesses from numbering, styles and bold: name them.
        const SHOWN: usize = 6;
        let mut names: Vec<&str> = info
            .headings
            .iter()
            .take(SHOWN)
            .map(|(_, t)| t.as_str())
            .collect();
        if info.headings.len() > SHOWN {
            names.push("…");
        }
        t!(
            "import-headings",
            n = info.headings.len(),
            levels = by_level.join(&separator),
            names = names.join(" · ")
        )
    };
    line(t!("import-label-headings"), &headings);
    if info.tables > 0 {
        line(
            t!("import-label-tables"),
            &t!("import-tables", n = info.tables),
        );
    }
    if info.notes > 0 {
        line(
            t!("import-label-notes"),
            &t!("import-notes", n = info.notes),
        );
    }
    if !info.pictures.is_empty() {
        line(
            t!("import-label-pictures"),
            &t!(
                "import-pictures",
                n = info.pictures.len(),
                folder = super::PICTURE_FOLDER,
                files = info.pictures.join(&separator)
            ),
        );
    }
    let themes_from_sheet =
        matches!(&info.sheet, Some(FromSheet::Row { fields, .. }) if fields.contains(&"themes"));
    let themes = if themes_from_sheet {
        let names: Vec<&str> = info.themes.iter().map(|(name, _)| name.as_str()).collect();
        t!("import-themes-from-sheet", themes = names.join(&separator))
    } else if info.themes.is_empty() {
        t!("import-themes-none")
    } else {
        info.themes
            .iter()
            .map(|(name, hits)| t!("import-theme-hits", theme = name, hits = hits))
            .collect::<Vec<_>>()
            .join(&separator)
    };
    line(t!("import-label-themes"), &themes);
    for (what, n) in &info.repairs {
        line(
            t!("import-label-repaired"),
            &format!("{n} × {}", super::clean::describe(what)),
        );
    }
    for check in &info.checks {
        line(t!("import-label-check"), check);
    }
}
