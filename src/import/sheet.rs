//! `lectern import --metadata list.csv`: the spreadsheet archivists keep beside
//! their files. A header row names the columns — `file` (or 文件, 文件名) and
//! front-matter fields in English or Chinese (标题, 日期, 讲话人…) — and each row
//! gives the fields of one file.
//!
//! The sheet is read as Excel and WPS save it: UTF-8 with or without a BOM,
//! GB18030/GBK (Excel on Chinese Windows), UTF-16 (Excel's “Unicode text”);
//! comma-, semicolon- or tab-separated; quoted cells with line breaks in them.
//!
//! Who wins: a Markdown file's own front matter over the sheet (a disagreement
//! is reported), the sheet over what [`super::header`] recognises in the text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::header::{self, DateSource, Dated, Header};
use super::para::Para;
use super::read;
use crate::config::Site;
use crate::diagnostic::Diagnostic;
use crate::speech::PartialDate;
use crate::t;

/// A front-matter field that a column of the sheet fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Date,
    Speaker,
    Role,
    Occasion,
    Place,
    Organization,
    Themes,
    Tags,
    Source,
    Summary,
}

impl Field {
    const ALL: [Field; 11] = [
        Field::Title,
        Field::Date,
        Field::Speaker,
        Field::Role,
        Field::Occasion,
        Field::Place,
        Field::Organization,
        Field::Themes,
        Field::Tags,
        Field::Source,
        Field::Summary,
    ];

    /// The front-matter key, which is also the English column name.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Date => "date",
            Field::Speaker => "speaker",
            Field::Role => "role",
            Field::Occasion => "occasion",
            Field::Place => "place",
            Field::Organization => "organization",
            Field::Themes => "themes",
            Field::Tags => "tags",
            Field::Source => "source",
            Field::Summary => "summary",
        }
    }

    /// The Chinese column names archive catalogues use for the field. 作者 is
    /// not one of them: in a catalogue it may name the speaker, the drafter or
    /// the compiler, so it is kept under `[extra]` rather than guessed.
    fn chinese_names(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["标题", "题目", "题名"],
            Field::Date => &["日期", "讲话日期"],
            Field::Speaker => &["讲话人", "讲话者", "发言人", "报告人"],
            Field::Role => &["职务"],
            Field::Occasion => &["场合", "会议", "会议名称"],
            Field::Place => &["地点"],
            Field::Organization => &["单位"],
            Field::Themes => &["专题", "主题"],
            Field::Tags => &["标签", "关键词"],
            Field::Source => &["来源", "出处"],
            Field::Summary => &["摘要", "内容提要"],
        }
    }
}

/// Names of the column that says which file a row is about.
const FILE_COLUMN: &[&str] = &["file", "filename", "file name", "文件", "文件名"];

/// Front-matter keys a sheet does not set ([`why_not_from_sheet`] says why).
const NOT_FROM_SHEET: &[&str] = &["slug", "draft", "extra"];

/// Why a sheet does not set one of [`NOT_FROM_SHEET`].
fn why_not_from_sheet(key: &str) -> String {
    match key {
        "slug" => t!("import-sheet-no-slug"),
        "draft" => t!("import-sheet-no-draft"),
        _ => t!("import-sheet-no-extra"),
    }
}

/// What a column of the sheet is used for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Column {
    File,
    Field(Field),
    /// Data that is no speech field (档号, 备注, 作者…): the speech keeps it
    /// under `[extra]`, by the column's name, which the build accepts.
    Extra(String),
    /// A field the sheet may not set.
    NotFromSheet(&'static str),
    /// A column without a name.
    Unnamed,
}

/// What a header cell names. Whitespace around it is ignored, and English
/// names match in any case (`Title`, `DATE`).
pub fn column(header: &str) -> Column {
    let name = header.trim();
    if name.is_empty() {
        return Column::Unnamed;
    }
    let lower = name.to_lowercase();
    if FILE_COLUMN.contains(&lower.as_str()) {
        return Column::File;
    }
    if let Some(field) = Field::ALL
        .into_iter()
        .find(|f| f.key() == lower || f.chinese_names().contains(&name))
    {
        return Column::Field(field);
    }
    if let Some(key) = NOT_FROM_SHEET.iter().find(|key| **key == lower) {
        return Column::NotFromSheet(key);
    }
    Column::Extra(name.to_string())
}

/// A cell's value, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Date(PartialDate),
    List(Vec<String>),
}

/// One row of the sheet: the fields it gives one file.
#[derive(Debug, Clone)]
pub struct Row {
    /// The line of the sheet the row starts on (1-based, as an editor shows
    /// it; Excel's row number too, unless a cell above holds a line break).
    pub line: usize,
    /// “line 4 of list.csv”, for messages.
    pub origin: String,
    /// The `file` cell, as written.
    pub file: String,
    /// Non-empty cells of field columns, in column order.
    pub fields: Vec<(Field, Value)>,
    /// Non-empty cells of other columns: (column name, text).
    pub extra: Vec<(String, String)>,
    /// What the file's report should say about the row (themes not in site.toml).
    pub notes: Vec<String>,
    /// Cells that are not valid. The file is then not imported: importing it
    /// without the archivist's value would make a corrected sheet useless, as
    /// the next import skips a text that is already in the archive.
    pub problems: Vec<Diagnostic>,
}

impl Row {
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v)
    }

    pub fn text(&self, field: Field) -> Option<&str> {
        match self.get(field) {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }

    pub fn list(&self, field: Field) -> Option<&[String]> {
        match self.get(field) {
            Some(Value::List(items)) => Some(items),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<PartialDate> {
        match self.get(Field::Date) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    /// Puts the row's title, date, speaker, role, occasion and place over what
    /// was recognised in the text, except the fields the file's own front matter
    /// sets (`editor_has`). Returns what a person should look at.
    pub fn apply(&self, header: &mut Header, editor_has: impl Fn(&str) -> bool) -> Vec<String> {
        let mut checks = Vec::new();
        let mut overridden = Vec::new();
        let sets = |field: Field| self.get(field).is_some() && !editor_has(field.key());

        if let Some(title) = self.text(Field::Title).filter(|_| sets(Field::Title)) {
            let recognised = std::mem::replace(&mut header.title, title.to_string());
            // Notes on the recognised title (a first line too long to be one)
            // no longer apply: the title is the sheet's.
            let title_line_left_body = header.title_notes.is_empty();
            header.title_notes.clear();
            if squeeze(&recognised) != squeeze(title) && title_line_left_body {
                // The line read as the title left the body: the file keeps it
                // as a comment, like every header line that became a field.
                header.consumed.insert(0, recognised.clone());
                checks.push(t!(
                    "import-sheet-title-over-first-line",
                    origin = self.origin,
                    line = recognised
                ));
            }
        }
        if let Some(date) = self.date().filter(|_| sets(Field::Date)) {
            if let Some(found) = header.date.as_ref().filter(|d| d.date != date) {
                overridden.push(format!("date {} → {}", found.date.iso(), date.iso()));
            }
            header.date = Some(Dated {
                date,
                source: DateSource::Sheet,
            });
        }
        if let Some(speaker) = self.text(Field::Speaker).filter(|_| sets(Field::Speaker)) {
            if let Some(found) = header.speaker.as_ref().filter(|s| s.as_str() != speaker) {
                overridden.push(format!("speaker {found} → {speaker}"));
                // The role recognised was that of another person.
                if self.get(Field::Role).is_none() {
                    if let Some(role) = header.role.take() {
                        overridden.push(t!(
                            "import-sheet-role-left-out",
                            role = role,
                            speaker = found
                        ));
                    }
                }
            }
            header.speaker = Some(speaker.to_string());
        }
        let mut text_field = |field: Field, slot: &mut Option<String>| {
            if let Some(value) = self.text(field).filter(|_| sets(field)) {
                if let Some(found) = slot.as_ref().filter(|s| s.as_str() != value) {
                    overridden.push(format!("{} {found} → {value}", field.key()));
                }
                *slot = Some(value.to_string());
            }
        };
        text_field(Field::Role, &mut header.role);
        text_field(Field::Occasion, &mut header.occasion);
        text_field(Field::Place, &mut header.place);
        if !overridden.is_empty() {
            checks.push(t!(
                "import-sheet-over-text",
                origin = self.origin,
                changes = overridden.join(&t!("import-part-separator"))
            ));
        }
        checks
    }

    /// Where the file's own front matter and the row disagree (the front
    /// matter is kept).
    pub fn disagreements(&self, editor: &[(String, toml::Value)]) -> Vec<String> {
        let mut out = Vec::new();
        for (field, value) in &self.fields {
            let Some((_, written)) = editor.iter().find(|(k, _)| k == field.key()) else {
                continue;
            };
            let (same, written_text) = match (value, written) {
                (Value::Date(date), written) => {
                    let text = plain(written);
                    (PartialDate::parse(&text).ok() == Some(*date), text)
                }
                (Value::Text(text), written) => {
                    let written_text = plain(written);
                    (written_text.trim() == text, written_text)
                }
                (Value::List(items), toml::Value::Array(written_items)) => {
                    let mut written_items: Vec<String> = written_items.iter().map(plain).collect();
                    let mut items = items.clone();
                    written_items.sort();
                    items.sort();
                    (written_items == items, written_items.join("、"))
                }
                (Value::List(items), written) => {
                    let text = plain(written);
                    (items.len() == 1 && items[0] == text.trim(), text)
                }
            };
            if !same {
                out.push(t!(
                    "import-sheet-disagrees",
                    field = field.key(),
                    written = written_text,
                    origin = self.origin,
                    value = show(value)
                ));
            }
        }
        out
    }
}

/// A front-matter value as plain text.
fn plain(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join("、"),
        other => other.to_string(),
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Date(d) => d.iso(),
        Value::List(items) => items.join("、"),
    }
}

/// A title without its spaces, to compare titles as a reader would.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The sheet, read and checked.
#[derive(Debug)]
pub struct Sheet {
    /// The path as given to `--metadata`.
    pub path: PathBuf,
    /// `file` cells are paths relative to the sheet's folder.
    folder: PathBuf,
    pub encoding: String,
    pub rows: Vec<Row>,
    /// Columns kept under `[extra]`: “备注 (F)”.
    pub extra_columns: Vec<String>,
    /// Columns not used, with the reason.
    pub unused_columns: Vec<String>,
    /// Lines of rows that have cells but no file name.
    pub rows_without_file: Vec<usize>,
    /// Lines above the header row (a title row over the table), skipped.
    pub skipped_above_header: usize,
    /// Characters that could not be decoded, and such.
    pub notes: Vec<String>,
}

/// How far down a title row or two may push the header row.
const HEADER_SEARCH_ROWS: usize = 10;

impl Sheet {
    /// Reads the sheet. A sheet that cannot be used at all (unreadable, not a
    /// table, no `file` column) is an error: nothing is imported.
    pub fn read(path: &Path, site: &Site) -> Result<Sheet, Vec<Diagnostic>> {
        let fail = |message: String, help: String| {
            vec![Diagnostic::error(message).in_file(path).help(help)]
        };
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let save_as_csv = || t!("import-sheet-save-as-csv");
        let bytes = std::fs::read(path).map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::NotFound {
                t!("import-sheet-no-such-file")
            } else {
                t!("cannot-read", error = e)
            };
            fail(
                t!("import-sheet-unreadable", why = why),
                t!("import-sheet-unreadable-help"),
            )
        })?;
        if bytes.len() as u64 > read::MAX_BYTES {
            return Err(fail(
                t!(
                    "import-sheet-too-large",
                    size = bytes.len() / (1024 * 1024),
                    most = read::MAX_BYTES / (1024 * 1024)
                ),
                t!("import-sheet-too-large-help"),
            ));
        }
        let workbook = bytes.starts_with(b"PK\x03\x04")
            || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
            || matches!(extension.as_str(), "xlsx" | "xls" | "et" | "ods");
        if workbook {
            return Err(fail(t!("import-sheet-workbook"), save_as_csv()));
        }
        if crate::load::looks_binary(&bytes) {
            return Err(fail(t!("import-sheet-not-text"), save_as_csv()));
        }
        let (text, encoding, notes) = read::decode(&bytes).map_err(|refusal| {
            fail(
                t!("import-sheet-refused", why = refusal.message),
                refusal.help,
            )
        })?;
        let tabs = matches!(extension.as_str(), "tsv" | "tab");
        let mut sheet = Sheet::parse(&text, path, tabs, site)?;
        sheet.encoding = encoding;
        sheet.notes.extend(notes);
        Ok(sheet)
    }

    /// Reads the sheet's text. `tabs`: the file is named as tab-separated.
    pub fn parse(
        text: &str,
        path: &Path,
        tabs: bool,
        site: &Site,
    ) -> Result<Sheet, Vec<Diagnostic>> {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        // One kind of line end (Windows CRLF, old Mac CR), so that the line
        // numbers the reader counts are the ones an editor shows.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let delimiter = if tabs { b'\t' } else { sniff_delimiter(&text) };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut records: Vec<(usize, Vec<String>)> = Vec::new();
        let (mut line, mut counted) = (1, 0);
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(1, |p| p.line() as usize);
                vec![
                    Diagnostic::error(t!("import-sheet-not-csv", error = e.to_string()))
                        .in_file(path)
                        .at(line, None)
                        .help(t!("import-sheet-not-csv-help")),
                ]
            })?;
            // The reader's own line count misses the blank lines it skips: the
            // line is counted from where the record's text starts.
            let start = record.position().map_or(0, |p| p.byte() as usize);
            let start = start + text[start..].bytes().take_while(|b| *b == b'\n').count();
            line += text.as_bytes()[counted..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted = start;
            let cells: Vec<String> = record.iter().map(str::to_string).collect();
            if cells.iter().any(|c| !c.trim().is_empty()) {
                records.push((line, cells));
            }
        }

        let header = records
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .enumerate()
            .find_map(|(at, (_, cells))| {
                let file_column = cells.iter().position(|c| column(c) == Column::File)?;
                Some((at, file_column))
            });
        let Some((header_at, file_column)) = header else {
            let first = records.first().map(|(line, cells)| {
                let names: Vec<&str> = cells
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect();
                (*line, names.join(&t!("list-separator")))
            });
            let message = match first {
                None => t!("import-sheet-empty"),
                Some((line, names)) => {
                    t!("import-sheet-no-file-column", line = line, names = names)
                }
            };
            return Err(vec![Diagnostic::error(message)
                .in_file(path)
                .help(t!("import-sheet-no-file-column-help"))]);
        };
        let (header_line, header_cells) = &records[header_at];
        let columns: Vec<Column> = header_cells.iter().map(|c| column(c)).collect();

        let mut problems = Vec::new();
        let mut seen: HashMap<Column, usize> = HashMap::new();
        for (index, col) in columns.iter().enumerate() {
            let key = match col {
                Column::Extra(name) => Column::Extra(name.to_lowercase()),
                Column::Unnamed => continue,
                other => other.clone(),
            };
            if let Some(earlier) = seen.insert(key, index) {
                problems.push(
                    Diagnostic::error(t!(
                        "import-sheet-columns-twice",
                        first = letter(earlier),
                        first_name = header_cells[earlier].trim(),
                        second = letter(index),
                        second_name = header_cells[index].trim(),
                        what = match col {
                            Column::File => t!("import-sheet-the-file"),
                            Column::Field(f) => t!("import-sheet-the-field", field = f.key()),
                            _ => t!("import-sheet-a-column-of-that-name"),
                        }
                    ))
                    .in_file(path)
                    .at(*header_line, Some(index + 1))
                    .help(t!("import-sheet-columns-twice-help")),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let rows_data = &records[header_at + 1..];
        let mut sheet = Sheet {
            path: path.to_path_buf(),
            folder: path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
            encoding: String::new(),
            rows: Vec::new(),
            extra_columns: Vec::new(),
            unused_columns: Vec::new(),
            rows_without_file: Vec::new(),
            skipped_above_header: header_at,
            notes: Vec::new(),
        };
        for (index, col) in columns.iter().enumerate() {
            let label = format!("{} ({})", header_cells[index].trim(), letter(index));
            let used = rows_data
                .iter()
                .any(|(_, cells)| cells.get(index).is_some_and(|c| !c.trim().is_empty()));
            match col {
                Column::Extra(_) => sheet.extra_columns.push(label),
                Column::NotFromSheet(key) => sheet.unused_columns.push(t!(
                    "import-sheet-not-from-sheet",
                    column = label,
                    why = why_not_from_sheet(key)
                )),
                Column::Unnamed if used => sheet
                    .unused_columns
                    .push(t!("import-sheet-unnamed-column", column = letter(index))),
                _ => {}
            }
        }

        for (line, cells) in rows_data {
            let file = cells.get(file_column).map_or("", |c| c.trim());
            if file.is_empty() {
                sheet.rows_without_file.push(*line);
                continue;
            }
            let mut row = Row {
                line: *line,
                origin: t!("import-sheet-origin", line = line, sheet = name),
                file: file.to_string(),
                fields: Vec::new(),
                extra: Vec::new(),
                notes: Vec::new(),
                problems: Vec::new(),
            };
            if let Some(extra_cell) = cells
                .iter()
                .enumerate()
                .skip(columns.len())
                .find(|(_, c)| !c.trim().is_empty())
            {
                row.problems.push(
                    Diagnostic::error(t!(
                        "import-sheet-cell-past-header",
                        origin = row.origin,
                        column = letter(extra_cell.0),
                        cell = extra_cell.1.trim(),
                        columns = columns.len()
                    ))
                    .in_file(path)
                    .at(*line, Some(extra_cell.0 + 1))
                    .help(t!("import-sheet-cell-past-header-help")),
                );
            }
            for (index, col) in columns.iter().enumerate() {
                let Some(cell) = cells.get(index).filter(|c| !c.trim().is_empty()) else {
                    continue;
                };
                let header = header_cells[index].trim();
                match col {
                    Column::Field(field) => {
                        match cell_value(*field, cell, header, site, &row.origin) {
                            Ok((value, notes)) => {
                                if !notes.is_empty() {
                                    // The themes not in site.toml stay with the speech.
                                    row.extra.push((header.to_string(), one_line(cell)));
                                    row.notes.extend(notes);
                                }
                                if !matches!(&value, Value::List(items) if items.is_empty()) {
                                    row.fields.push((*field, value));
                                }
                            }
                            Err((message, help)) => row.problems.push(
                                Diagnostic::error(t!(
                                    "import-sheet-bad-cell",
                                    origin = row.origin,
                                    column = letter(index),
                                    header = header,
                                    problem = message
                                ))
                                .in_file(path)
                                .at(*line, Some(index + 1))
                                .help(help),
                            ),
                        }
                    }
                    Column::Extra(name) => row.extra.push((name.clone(), cell.trim().to_string())),
                    _ => {}
                }
            }
            sheet.rows.push(row);
        }
        Ok(sheet)
    }

    /// Which row names each input: by its path from the sheet's folder, else by
    /// its file name, with or without the extension, when only one input has it.
    pub fn assign(&self, inputs: &[&Path]) -> Assignment {
        let names = Names::of(inputs, &self.folder);
        let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); inputs.len()];
        let mut missing = Vec::new();
        let mut ambiguous = Vec::new();
        for (row_index, row) in self.rows.iter().enumerate() {
            match names.candidates(&row.file) {
                [] => missing.push((row.line, row.file.clone())),
                [one] => rows_of[*one].push(row_index),
                many => ambiguous.push((
                    row.line,
                    row.file.clone(),
                    many.iter()
                        .map(|&i| {
                            relative_path(inputs[i], &self.folder)
                                .unwrap_or_else(|| inputs[i].to_path_buf())
                        })
                        .collect(),
                )),
            }
        }
        let per_input = rows_of
            .into_iter()
            .map(|rows| match rows[..] {
                [] => Assigned::NoRow,
                [row] => Assigned::Row(row),
                _ => Assigned::Conflict(rows.iter().map(|&r| self.rows[r].line).collect()),
            })
            .collect();
        Assignment {
            per_input,
            missing,
            ambiguous,
        }
    }

    /// The row for one input, or why the input may not be imported.
    pub fn lookup(&self, assigned: &Assigned, input: &Path) -> Result<Lookup<'_>, Diagnostic> {
        let file = input.file_name().map_or_else(
            || input.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match assigned {
            Assigned::NoRow => Ok(Lookup::NoRow),
            Assigned::Conflict(lines) => Err(Diagnostic::error(t!(
                "import-sheet-rows-conflict",
                lines = lines
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(&t!("list-separator")),
                sheet = self.path.file_name().map_or_else(
                    || self.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                ),
                file = file
            ))
            .in_file(&self.path)
            .at(lines[0], None)
            .help(t!("import-sheet-rows-conflict-help"))),
            Assigned::Row(index) => {
                let row = &self.rows[*index];
                let Some(first) = row.problems.first() else {
                    return Ok(Lookup::Row(row));
                };
                let messages: Vec<&str> = row.problems.iter().map(|d| d.message.as_str()).collect();
                Err(Diagnostic {
                    message: t!(
                        "import-sheet-row-refused",
                        problems = messages.join(&t!("import-part-separator")),
                        file = file
                    ),
                    help: Some(t!(
                        "import-sheet-row-refused-help",
                        help = first
                            .help
                            .clone()
                            .unwrap_or_else(|| t!("import-sheet-correct-the-cell"))
                    )),
                    ..first.clone()
                })
            }
        }
    }
}

/// Which row names each input, and the rows that name none or several.
#[derive(Debug)]
pub struct Assignment {
    /// In the order of the inputs.
    pub per_input: Vec<Assigned>,
    /// Rows naming no input: (line, file cell).
    pub missing: Vec<(usize, String)>,
    /// Rows naming several inputs: (line, file cell, the inputs).
    pub ambiguous: Vec<(usize, String, Vec<PathBuf>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assigned {
    NoRow,
    /// The index of the row in [`Sheet::rows`].
    Row(usize),
    /// Several rows name the input: their lines.
    Conflict(Vec<usize>),
}

/// What the sheet gives one file.
#[derive(Debug, Clone, Copy)]
pub enum Lookup<'s> {
    /// No `--metadata`.
    NoSheet,
    /// The sheet has no row for the file.
    NoRow,
    Row(&'s Row),
}

/// The ways the `file` column can name the inputs, each in lower case with
/// `/` between folders: name → the inputs it names.
struct Names {
    /// The path from the sheet's folder, for inputs under it.
    relative: HashMap<String, Vec<usize>>,
    /// … without the file's extension.
    relative_bare: HashMap<String, Vec<usize>>,
    name: HashMap<String, Vec<usize>>,
    /// The file name without its extension.
    stem: HashMap<String, Vec<usize>>,
}

impl Names {
    fn of(inputs: &[&Path], folder: &Path) -> Names {
        let mut names = Names {
            relative: HashMap::new(),
            relative_bare: HashMap::new(),
            name: HashMap::new(),
            stem: HashMap::new(),
        };
        let add = |map: &mut HashMap<String, Vec<usize>>, key: String, index: usize| {
            map.entry(key).or_default().push(index);
        };
        for (index, input) in inputs.iter().enumerate() {
            if let Some(relative) = relative_path(input, folder) {
                let relative = slashed(&relative).to_lowercase();
                if let Some(bare) = without_extension(&relative) {
                    add(&mut names.relative_bare, bare, index);
                }
                add(&mut names.relative, relative, index);
            }
            if let Some(name) = input.file_name() {
                add(
                    &mut names.name,
                    name.to_string_lossy().to_lowercase(),
                    index,
                );
            }
            if let Some(stem) = input.file_stem() {
                add(
                    &mut names.stem,
                    stem.to_string_lossy().to_lowercase(),
                    index,
                );
            }
        }
        names
    }

    /// The inputs a `file` cell names, at the first level that names any: the
    /// path from the sheet's folder (with or without the extension, or with the
    /// extension of the file before it was converted: `讲话.doc` for `讲话.docx`);
    /// else the file name, which also covers full Windows paths (`D:\讲话\a.doc`);
    /// else the name without its extension.
    fn candidates(&self, cell: &str) -> &[usize] {
        let mut wanted = cell.trim().replace('\\', "/").to_lowercase();
        while let Some(rest) = wanted.strip_prefix("./") {
            wanted = rest.to_string();
        }
        let name = wanted.rsplit('/').next().unwrap_or(&wanted).to_string();
        let in_folder = wanted.contains('/');
        let levels = [
            (&self.relative, in_folder.then(|| wanted.clone())),
            (&self.relative_bare, in_folder.then(|| wanted.clone())),
            (
                &self.relative_bare,
                in_folder.then(|| without_extension(&wanted)).flatten(),
            ),
            (&self.name, Some(name.clone())),
            (&self.stem, Some(name.clone())),
            (&self.stem, without_extension(&name)),
        ];
        levels
            .into_iter()
            .find_map(|(map, key)| map.get(key?.as_str()))
            .map_or(&[], Vec::as_slice)
    }
}

/// The input's path from the sheet's folder: as written, or else through the
/// real (link-free) paths of both.
fn relative_path(input: &Path, folder: &Path) -> Option<PathBuf> {
    let lexical = std::path::absolute(input)
        .ok()
        .zip(std::path::absolute(folder).ok())
        .and_then(|(input, folder)| input.strip_prefix(folder).ok().map(Path::to_path_buf));
    lexical.or_else(|| {
        let (input, folder) = (input.canonicalize().ok()?, folder.canonicalize().ok()?);
        input.strip_prefix(folder).ok().map(Path::to_path_buf)
    })
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Extensions a `file` cell may carry for a file that was converted since
/// (`讲话.doc` for the `讲话.docx` now imported).
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "docx", "doc", "wps", "rtf", "odt", "pdf",
];

/// A path without its extension, when that is a document extension: a dot
/// inside a name (`2014.04.28讲话`) is part of the name.
fn without_extension(path: &str) -> Option<String> {
    let (stem, extension) = path.rsplit_once('.')?;
    (DOCUMENT_EXTENSIONS.contains(&extension) && !stem.is_empty() && !stem.ends_with('/'))
        .then(|| stem.to_string())
}

/// Separators of themes and tags in one cell.
const LIST_SEPARATORS: &[char] = &['；', ';', '、', '，', ','];

/// A cell's value: the value, and notes for the file's report; or what is
/// wrong with it and how to fix it.
fn cell_value(
    field: Field,
    cell: &str,
    header: &str,
    site: &Site,
    origin: &str,
) -> Result<(Value, Vec<String>), (String, String)> {
    match field {
        Field::Date => {
            let text = one_line(cell);
            sheet_date(&text)
                .map(|d| (Value::Date(d), Vec::new()))
                .map_err(|why| {
                    (
                        t!("import-sheet-not-a-date", text = text, why = why),
                        t!("import-sheet-not-a-date-help"),
                    )
                })
        }
        Field::Themes => {
            let (known, unknown): (Vec<String>, Vec<String>) = split_list(cell)
                .into_iter()
                .partition(|t| site.theme_by_name(t).is_some());
            let notes = if unknown.is_empty() {
                Vec::new()
            } else {
                vec![t!(
                    "import-sheet-unknown-themes",
                    origin = origin,
                    n = unknown.len(),
                    themes = unknown.join("、"),
                    known = site.theme_names(),
                    header = header
                )]
            };
            Ok((Value::List(known), notes))
        }
        Field::Tags => Ok((Value::List(split_list(cell)), Vec::new())),
        // A summary may have paragraphs; every other field is one line.
        Field::Summary => Ok((Value::Text(cell.trim().to_string()), Vec::new())),
        _ => Ok((Value::Text(one_line(cell)), Vec::new())),
    }
}

/// A date as a sheet holds it: every form front matter accepts (2014/4/28,
/// 2014-04-28, 2014年4月28日, 二〇一四年四月…), also with the time of day that
/// Excel adds to a date cell (`2014/4/28 0:00`), which is dropped.
fn sheet_date(text: &str) -> Result<PartialDate, String> {
    let text = text.trim();
    let date_part = match text.split_once([' ', 'T']) {
        Some((date, time)) if is_time_of_day(time.trim()) => date,
        _ => text,
    };
    PartialDate::parse(date_part)
}

/// `0:00`, `14:30`, `09:05:00`.
fn is_time_of_day(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

fn split_list(cell: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in cell.split(LIST_SEPARATORS).map(one_line) {
        if !item.is_empty() && !items.contains(&item) {
            items.push(item);
        }
    }
    items
}

/// A cell's lines joined into one (a long title wrapped with Alt+Enter): with a
/// space between Latin letters or digits, with nothing between Chinese.
fn one_line(cell: &str) -> String {
    let mut out = String::new();
    for line in cell.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let latin_seam = out.ends_with(|c: char| c.is_ascii_alphanumeric())
            && line.starts_with(|c: char| c.is_ascii_alphanumeric());
        if latin_seam {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Comma, semicolon (Excel in some locales) or tab, whichever the header line
/// has most of outside quotes; a comma when it has none.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            c if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| char::from(*d) == c) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the largest wins, so a tie goes to the comma.
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// Excel's column letter: A … Z, AA, AB …
fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Whether the text starts without a title line: the title is then only in the sheet.
pub fn starts_with_salutation(paragraphs: &[Para]) -> bool {
    paragraphs
        .iter()
        .find(|p| !p.text.trim().is_empty())
        .is_some_and(|p| header::is_salutation(&p.text))
}

/// The sheet's part of the import report.
#[derive(Debug, Default)]
pub struct SheetReport {
    pub path: PathBuf,
    pub encoding: String,
    /// Rows with a file name.
    pub rows: usize,
    /// Rows that named exactly one input.
    pub used: usize,
    pub missing: Vec<(usize, String)>,
    pub ambiguous: Vec<(usize, String, Vec<PathBuf>)>,
    /// Imported files that no row names.
    pub without_row: Vec<PathBuf>,
    pub rows_without_file: Vec<usize>,
    pub extra_columns: Vec<String>,
    pub unused_columns: Vec<String>,
    pub skipped_above_header: usize,
    pub notes: Vec<String>,
}

impl SheetReport {
    pub fn new(sheet: &Sheet, assignment: &Assignment) -> SheetReport {
        let used = assignment
            .per_input
            .iter()
            .map(|a| match a {
                Assigned::NoRow => 0,
                Assigned::Row(_) => 1,
                Assigned::Conflict(lines) => lines.len(),
            })
            .sum();
        SheetReport {
            path: sheet.path.clone(),
            encoding: sheet.encoding.clone(),
            rows: sheet.rows.len(),
            used,
            missing: assignment.missing.clone(),
            ambiguous: assignment.ambiguous.clone(),
            without_row: Vec::new(),
            rows_without_file: sheet.rows_without_file.clone(),
            extra_columns: sheet.extra_columns.clone(),
            unused_columns: sheet.unused_columns.clone(),
            skipped_above_header: sheet.skipped_above_header,
            notes: sheet.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site::default()
    }

    fn parse(text: &str) -> Result<Sheet, Vec<Diagnostic>> {
        Sheet::parse(text, Path::new("/archive/list.csv"), false, &site())
    }

    #[test]
    fn chinese_and_english_headers_name_fields() {
        let cases = [
            ("文件", Column::File),
            (" 文件名 ", Column::File),
            ("File", Column::File),
            ("标题", Column::Field(Field::Title)),
            ("日期", Column::Field(Field::Date)),
            ("讲话人", Column::Field(Field::Speaker)),
            ("发言人", Column::Field(Field::Speaker)),
            ("职务", Column::Field(Field::Role)),
            ("场合", Column::Field(Field::Occasion)),
            ("地点", Column::Field(Field::Place)),
            ("专题", Column::Field(Field::Themes)),
            ("主题", Column::Field(Field::Themes)),
            ("摘要", Column::Field(Field::Summary)),
            ("TITLE", Column::Field(Field::Title)),
            ("\u{3000}Date ", Column::Field(Field::Date)),
            ("Organization", Column::Field(Field::Organization)),
            ("作者", Column::Extra("作者".to_string())),
            ("档号", Column::Extra("档号".to_string())),
            ("Slug", Column::NotFromSheet("slug")),
            ("  ", Column::Unnamed),
        ];
        for (header, expected) in cases {
            assert_eq!(column(header), expected, "{header:?}");
        }
        // Every field is reached by its key and by each of its Chinese names.
        for field in Field::ALL {
            assert_eq!(column(field.key()), Column::Field(field));
            for name in field.chinese_names() {
                assert_eq!(column(name), Column::Field(field), "{name}");
            }
        }
    }

    #[test]
    fn cells_become_fields_dates_and_lists() {
        let sheet = parse(
            "文件,标题,日期,讲话人,专题,标签,备注\n\
             a.txt,\"在全县工会工作会议上的讲话\",2014/4/28,王建国,维权；劳动竞赛,\"工会, 会议、讲话\",第一卷\n\
             b.txt,\"很长的\n标题\",2014/4/28 0:00,,,,\n\
             c.txt,,二〇一四年四月,,,,\n",
        )
        .unwrap();
        assert_eq!(sheet.rows.len(), 3);
        let a = &sheet.rows[0];
        assert_eq!((a.line, a.file.as_str()), (2, "a.txt"));
        assert_eq!(a.text(Field::Title), Some("在全县工会工作会议上的讲话"));
        assert_eq!(a.date(), PartialDate::parse("2014-04-28").ok());
        assert_eq!(a.text(Field::Speaker), Some("王建国"));
        assert_eq!(
            a.list(Field::Themes),
            Some(&["维权".to_string(), "劳动竞赛".to_string()][..])
        );
        assert_eq!(a.list(Field::Tags).map(<[String]>::len), Some(3));
        assert_eq!(a.extra, [("备注".to_string(), "第一卷".to_string())]);
        assert_eq!(sheet.extra_columns, ["备注 (G)"]);
        let b = &sheet.rows[1];
        assert_eq!(b.line, 3);
        assert_eq!(b.text(Field::Title), Some("很长的标题"));
        assert_eq!(
            b.date(),
            PartialDate::parse("2014-04-28").ok(),
            "Excel's time of day is dropped"
        );
        assert_eq!(b.get(Field::Speaker), None, "empty cells set nothing");
        let c = &sheet.rows[2];
        assert_eq!(
            c.line, 5,
            "lines count the line break inside the cell above"
        );
        assert_eq!(c.date(), PartialDate::parse("2014-04").ok());
    }

    #[test]
    fn bad_cells_are_problems_of_their_row() {
        let sheet = parse(
            "file,date,themes\n\
             a.txt,2014/13/28,维权\n\
             b.txt,2014-04-28,维权、外事\n\
             c.txt,2014-04-28,维权,多出来的\n",
        )
        .unwrap();
        let a = &sheet.rows[0];
        assert_eq!(a.problems.len(), 1);
        let d = &a.problems[0];
        assert_eq!((d.line, d.column), (Some(2), Some(2)));
        assert!(
            d.message.contains("column B (date)") && d.message.contains("2014/13/28"),
            "{}",
            d.message
        );
        assert_eq!(a.date(), None);

        let b = &sheet.rows[1];
        assert!(b.problems.is_empty());
        assert_eq!(b.list(Field::Themes), Some(&["维权".to_string()][..]));
        assert_eq!(
            b.extra,
            [("themes".to_string(), "维权、外事".to_string())],
            "an unknown theme is kept"
        );
        assert!(b.notes[0].contains("外事"), "{:?}", b.notes);

        let c = &sheet.rows[2];
        assert_eq!(c.problems[0].column, Some(4), "{:?}", c.problems);
    }

    #[test]
    fn broken_sheets_are_refused() {
        let no_file = parse("标题,日期\n讲话,2014-04-28\n").unwrap_err();
        assert!(
            no_file[0].message.contains("no `file` column")
                && no_file[0].message.contains("标题, 日期")
        );
        assert!(parse("").unwrap_err()[0].message.contains("empty"));
        let twice = parse("文件,讲话人,发言人\na.txt,王,李\n").unwrap_err();
        assert!(
            twice[0]
                .message
                .contains("columns B (“讲话人”) and C (“发言人”) both give the speaker"),
            "{}",
            twice[0].message
        );
        assert_eq!((twice[0].line, twice[0].column), (Some(1), Some(3)));
    }

    #[test]
    fn a_title_row_above_the_header_and_tabs_and_semicolons() {
        let sheet = parse("2014年讲话目录,,\n文件,标题,日期\na.txt,讲话,2014-04-28\n").unwrap();
        assert_eq!(sheet.skipped_above_header, 1);
        assert_eq!(sheet.rows[0].text(Field::Title), Some("讲话"));
        for text in [
            "文件\t标题\na.txt\t讲话, 续\n",
            "文件;标题\na.txt;讲话, 续\n",
        ] {
            let sheet = parse(text).unwrap();
            assert_eq!(
                sheet.rows[0].text(Field::Title),
                Some("讲话, 续"),
                "{text:?}"
            );
        }
        // Windows and old Mac line ends count as one line each.
        for text in [
            "文件,标题\r\n\r\na.txt,讲话\r\n",
            "文件,标题\r\ra.txt,讲话\r",
        ] {
            assert_eq!(parse(text).unwrap().rows[0].line, 3, "{text:?}");
        }
        let named_tsv = Sheet::parse(
            "文件\t标题\na.txt\t讲话,续\n",
            Path::new("x.tsv"),
            true,
            &site(),
        )
        .unwrap();
        assert_eq!(named_tsv.rows[0].text(Field::Title), Some("讲话,续"));
    }

    fn assign(cells: &[&str], inputs: &[&str]) -> Assignment {
        let mut text = String::from("file\n");
        for cell in cells {
            text.push_str(&format!("\"{cell}\"\n"));
        }
        let sheet = parse(&text).unwrap();
        let inputs: Vec<&Path> = inputs.iter().map(Path::new).collect();
        sheet.assign(&inputs)
    }

    #[test]
    fn file_cells_match_paths_names_and_stems() {
        let inputs = [
            "/archive/2014/讲话.docx",
            "/archive/2015/讲话.docx",
            "/archive/2015/总结.txt",
            "/elsewhere/报告.TXT",
            "/archive/a.b.txt",
            "/archive/2016/讲话.txt",
        ];
        let a = assign(
            &[
                "2014/讲话",       // the path from the sheet's folder, no extension
                "2015\\讲话.doc",  // Windows separators, converted since
                "总结",            // the name without extension
                "报告.txt",        // the name, in any case, outside the folder
                "a.b",             // a dot inside the name
                "./2016/讲话.TXT", // the path, in any case
            ],
            &inputs,
        );
        assert_eq!(
            a.per_input,
            [
                Assigned::Row(0),
                Assigned::Row(1),
                Assigned::Row(2),
                Assigned::Row(3),
                Assigned::Row(4),
                Assigned::Row(5)
            ]
        );
        assert!(a.missing.is_empty() && a.ambiguous.is_empty());
    }

    #[test]
    fn ambiguous_missing_and_doubled_rows_are_told() {
        let inputs = [
            "/archive/2014/讲话.docx",
            "/archive/2015/讲话.docx",
            "/archive/总结.txt",
        ];
        let a = assign(
            &[
                "讲话.docx",
                "没有这个.txt",
                "总结.txt",
                "./总结",
                "D:\\旧\\总结.doc",
            ],
            &inputs,
        );
        assert_eq!(a.missing, [(3, "没有这个.txt".to_string())]);
        assert_eq!(a.ambiguous.len(), 1);
        assert_eq!(a.ambiguous[0].0, 2);
        assert_eq!(
            a.ambiguous[0].2,
            [
                PathBuf::from("2014/讲话.docx"),
                PathBuf::from("2015/讲话.docx")
            ]
        );
        assert_eq!(
            a.per_input,
            [
                Assigned::NoRow,
                Assigned::NoRow,
                Assigned::Conflict(vec![4, 5, 6])
            ]
        );
    }

    #[test]
    fn the_sheet_wins_over_the_text_and_the_front_matter_over_the_sheet() {
        let sheet = parse("文件,标题,日期,讲话人,地点\na.txt,讲话,2014-04-28,李四,北京\n").unwrap();
        let row = &sheet.rows[0];
        let mut header = Header {
            title: "在会议上的讲话".to_string(),
            date: Some(Dated {
                date: PartialDate::parse("2014-04-29").unwrap(),
                source: DateSource::Header,
            }),
            speaker: Some("王五".to_string()),
            role: Some("县长".to_string()),
            ..Header::default()
        };
        let checks = row.apply(&mut header, |key| key == "place");
        assert_eq!(header.title, "讲话");
        assert_eq!(
            header.consumed,
            ["在会议上的讲话"],
            "the replaced title line is kept"
        );
        assert_eq!(
            header.date.as_ref().map(|d| d.date.iso()),
            Some("2014-04-28".to_string())
        );
        assert_eq!(header.speaker.as_deref(), Some("李四"));
        assert_eq!(header.role, None, "the role was the other speaker's");
        assert_eq!(header.place, None, "the front matter sets the place");
        assert_eq!(checks.len(), 2, "{checks:?}");
        assert!(
            checks[1].contains("date 2014-04-29 → 2014-04-28")
                && checks[1].contains("line 2 of list.csv")
        );

        let editor = vec![
            (
                "speaker".to_string(),
                toml::Value::String("张三".to_string()),
            ),
            (
                "date".to_string(),
                toml::Value::String("2014年4月28日".to_string()),
            ),
            ("title".to_string(), toml::Value::String("讲话".to_string())),
        ];
        let disagreements = row.disagreements(&editor);
        assert_eq!(disagreements.len(), 1, "{disagreements:?}");
        assert!(disagreements[0].contains("speaker “张三”") && disagreements[0].contains("“李四”"));
    }

    #[test]
    fn helpers() {
        assert_eq!(
            [0, 25, 26, 27, 701].map(letter),
            ["A", "Z", "AA", "AB", "ZZ"].map(str::to_string)
        );
        assert_eq!(sniff_delimiter("\"a,b\";c;d\n1,2,3,4,5"), b';');
        assert_eq!(sniff_delimiter("file"), b',');
        assert!(sheet_date("2014/4/28 14:30").is_ok());
        assert!(sheet_date("2014/4/28 上午").is_err());
        assert_eq!(
            split_list("维权；劳动竞赛、维权,基层建设，x;"),
            ["维权", "劳动竞赛", "基层建设", "x"]
        );
    }
}
