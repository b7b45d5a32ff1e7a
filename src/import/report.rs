//! The import report: per file, what was recognised and what needs a human look,
//! then a summary with the share of dates, speakers, roles and meetings found.

use std::fmt::Write;

use std::path::PathBuf;

use super::header::Dated;
use super::sheet::{self, SheetReport};
use crate::diagnostic::Diagnostic;

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
            let input = entry.input.display();
            match &entry.outcome {
                Outcome::Imported {
                    path,
                    info,
                    replaced,
                    renamed_from,
                } => {
                    let verb = match (self.dry_run, replaced) {
                        (true, true) => "would replace",
                        (true, false) => "would write",
                        (false, true) => "replaced",
                        (false, false) => "wrote",
                    };
                    let _ = writeln!(out, "✓ {input} → {verb} {}", path.display());
                    if let Some(wanted) = renamed_from {
                        let _ = writeln!(
                            out,
                            "    note      {wanted} is taken, so the speech got the name above{}",
                            if *replaced {
                                ""
                            } else {
                                " (--force replaces a file of that name instead)"
                            }
                        );
                    }
                    describe(&mut out, info);
                }
                Outcome::Duplicate { of, info } => {
                    let _ = writeln!(
                        out,
                        "= {input}: skipped, its text is already in {} (“{}”)",
                        of.display(),
                        info.title
                    );
                }
                Outcome::Failed(d) => {
                    let _ = writeln!(out, "✗ {input}: {}", d.message);
                    if let Some(help) = &d.help {
                        let _ = writeln!(out, "    help      {help}");
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
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        let _ = write!(
            out,
            "\n{} {} {} into {}/",
            if self.dry_run {
                "Dry run: would import"
            } else {
                "Imported"
            },
            t.imported,
            files(t.imported),
            self.into.display()
        );
        let mut extra = Vec::new();
        if t.duplicates > 0 {
            extra.push(format!("{} skipped as duplicates", t.duplicates));
        }
        if t.failed > 0 {
            extra.push(format!("{} failed", t.failed));
        }
        if !self.ignored.is_empty() {
            extra.push(format!(
                "{} other {} ignored",
                self.ignored.len(),
                files(self.ignored.len())
            ));
        }
        if !extra.is_empty() {
            let _ = write!(out, " ({})", extra.join(", "));
        }
        out.push_str(".\n");
        if t.imported > 0 {
            let share = |n: usize| format!("{n} of {} ({}%)", t.imported, n * 100 / t.imported);
            let _ = writeln!(
                out,
                "Recognised: dates {}{}, speakers {}, roles {}, occasions {}.",
                share(t.dates),
                if t.guessed_dates > 0 {
                    format!(
                        " ({} only a year from the title or session — check them)",
                        t.guessed_dates
                    )
                } else {
                    String::new()
                },
                share(t.speakers),
                share(t.roles),
                share(t.occasions)
            );
            if t.needs_look > 0 {
                let _ = writeln!(
                    out,
                    "{} {} need a human look: see the “check” lines above.",
                    t.needs_look,
                    files(t.needs_look)
                );
            }
        }
        if let Some(sheet) = &self.sheet {
            let mut parts = vec![format!(
                "{} of {} {} used",
                sheet.used,
                sheet.rows,
                if sheet.rows == 1 { "row" } else { "rows" }
            )];
            let name = |n: usize| if n == 1 { "names" } else { "name" };
            if !sheet.missing.is_empty() {
                let n = sheet.missing.len();
                parts.push(format!("{n} {} no file given", name(n)));
            }
            if !sheet.ambiguous.is_empty() {
                let n = sheet.ambiguous.len();
                parts.push(format!("{n} {} several files", name(n)));
            }
            if !sheet.without_row.is_empty() {
                parts.push(format!(
                    "{} imported {} no row",
                    sheet.without_row.len(),
                    if sheet.without_row.len() == 1 {
                        "file has"
                    } else {
                        "files have"
                    }
                ));
            }
            let _ = writeln!(
                out,
                "Metadata sheet {}: {}.",
                sheet.path.display(),
                parts.join("; ")
            );
        }
        if self.dry_run {
            out.push_str("Nothing was written (--dry-run).\n");
        }
        out
    }
}

/// What the sheet matched and what it did not, with the sheet's line numbers.
fn sheet_section(out: &mut String, sheet: &SheetReport) {
    let _ = writeln!(
        out,
        "\nMetadata sheet {} ({}): {} {} with a file name",
        sheet.path.display(),
        sheet.encoding,
        sheet.rows,
        if sheet.rows == 1 { "row" } else { "rows" }
    );
    let mut line = |label: &str, value: &str| {
        let _ = writeln!(out, "    {label:<9} {value}");
    };
    for (at, file) in &sheet.missing {
        line(
            "missing",
            &format!("line {at}: “{file}” is none of the files given; check the name, or import that file too"),
        );
    }
    for (at, file, matches) in &sheet.ambiguous {
        let names: Vec<String> = matches.iter().map(|p| p.display().to_string()).collect();
        line(
            "ambiguous",
            &format!(
                "line {at}: “{file}” could be {}; write the path from the sheet's folder (e.g. {}), so the row names one file",
                names.join(", "),
                names[0]
            ),
        );
    }
    for input in &sheet.without_row {
        line(
            "no row",
            &format!(
                "{}: no line of the sheet names it; its fields come from its text",
                input.display()
            ),
        );
    }
    for at in &sheet.rows_without_file {
        line(
            "no file",
            &format!("line {at} has no file name, so it was not used"),
        );
    }
    if !sheet.extra_columns.is_empty() {
        line(
            "extra",
            &format!(
                "{}: no speech field, kept under [extra] in each speech (rename a column to 讲话人, 职务… if it is one)",
                sheet.extra_columns.join(", ")
            ),
        );
    }
    for unused in &sheet.unused_columns {
        line("unused", unused);
    }
    if sheet.skipped_above_header > 0 {
        line(
            "skipped",
            &format!(
                "{} {} above the header row (a title over the table)",
                sheet.skipped_above_header,
                if sheet.skipped_above_header == 1 {
                    "row"
                } else {
                    "rows"
                }
            ),
        );
    }
    for note in &sheet.notes {
        line("check", note);
    }
}

fn describe(out: &mut String, info: &Info) {
    let mut line = |label: &str, value: &str| {
        let _ = writeln!(out, "    {label:<9} {value}");
    };
    line("encoding", &info.encoding);
    match &info.sheet {
        Some(FromSheet::Row { line: at, fields }) if fields.is_empty() => line(
            "sheet",
            &format!("line {at}: nothing taken, the file's front matter sets those fields"),
        ),
        Some(FromSheet::Row { line: at, fields }) => {
            line("sheet", &format!("line {at}: {}", fields.join(", ")))
        }
        Some(FromSheet::NoRow) => line("sheet", "no line of the sheet names this file"),
        None => {}
    }
    line("title", &info.title);
    match &info.date {
        Some(d) => line(
            "date",
            &format!("{} ({})", d.date.iso(), d.source.describe()),
        ),
        None => line("date", "not found"),
    }
    line("speaker", info.speaker.as_deref().unwrap_or("not found"));
    if let Some(role) = &info.role {
        line("role", role);
    }
    if let Some(occasion) = &info.occasion {
        line("occasion", occasion);
    }
    if let Some(place) = &info.place {
        line("place", place);
    }
    // The header lines that became fields left the body: say which, so no text is lost unseen.
    for header_line in &info.header_lines {
        line(
            "moved",
            &format!("“{header_line}” (now in the front matter)"),
        );
    }
    let headings = if info.headings.is_empty() {
        "none".to_string()
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
        format!(
            "{} ({}): {}",
            info.headings.len(),
            by_level.join(", "),
            names.join(" · ")
        )
    };
    line("headings", &headings);
    if info.tables > 0 {
        line(
            "tables",
            &format!("{} (Markdown tables; check their layout)", info.tables),
        );
    }
    if info.notes > 0 {
        line(
            "notes",
            &format!("{} (Markdown footnotes at the end)", info.notes),
        );
    }
    if !info.pictures.is_empty() {
        line(
            "pictures",
            &format!(
                "{} saved in {}/: {}",
                info.pictures.len(),
                super::PICTURE_FOLDER,
                info.pictures.join(", ")
            ),
        );
    }
    let themes_from_sheet =
        matches!(&info.sheet, Some(FromSheet::Row { fields, .. }) if fields.contains(&"themes"));
    let themes = if themes_from_sheet {
        let names: Vec<&str> = info.themes.iter().map(|(name, _)| name.as_str()).collect();
        format!("{} (from the sheet)", names.join(", "))
    } else if info.themes.is_empty() {
        "none suggested".to_string()
    } else {
        info.themes
            .iter()
            .map(|(name, hits)| format!("{name} ({hits})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    line("themes", &themes);
    for (what, n) in &info.repairs {
        line("repaired", &format!("{n} × {what}"));
    }
    for check in &info.checks {
        line("check", check);
    }
}
