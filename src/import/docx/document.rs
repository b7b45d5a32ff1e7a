//! Walks `word/document.xml` (and the notes parts, which hold paragraphs the same
//! way) and turns it into paragraphs of formatted pieces and tables.
//!
//! What is read: paragraphs (`w:p`) with their style, outline level and list
//! number; runs (`w:r`) with bold and italic from the run, its character style
//! and the paragraph style; text, tabs and line breaks; footnote and endnote
//! references; pictures; tables (`w:tbl`) with merged cells; text boxes.
//! What is left out, because it is not the text as shown: deleted and moved-away
//! text of tracked changes, the old formatting of a change, field codes, ruby
//! annotations, and the copies Word keeps for old versions (`mc:Fallback`).

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::numbering::Numbering;
use super::styles::{NumberingRef, Styles};
use super::xml::{attribute, local, number, switch};
use crate::import::inline::Piece;
use crate::import::para::{Markup, Para};
use crate::t;

/// A picture the document refers to, by relationship id.
#[derive(Debug, Clone)]
pub(super) enum Picture {
    /// Saved under this file name and shown in the text.
    Shown(String),
    /// Saved under this file name, in a format browsers do not show (EMF, WMF, TIFF).
    NotShown { file: String, format: String },
    /// Linked from outside the document, not part of it.
    External(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum NoteKind {
    Footnote,
    Endnote,
}

/// What the walk shares across parts: styles and pictures to look up, list
/// counters, note labels, and what to tell the person importing.
pub(super) struct Context<'a> {
    pub styles: &'a Styles,
    pub numbering: Numbering,
    pub pictures: &'a HashMap<String, Picture>,
    /// Labels of the notes referred to, in the order the text refers to them.
    pub note_labels: HashMap<(NoteKind, String), u32>,
    pub notices: Vec<String>,
    /// Files of the pictures the text uses.
    pub used_pictures: Vec<String>,
}

/// The paragraphs of one part; for a notes part, grouped by note.
#[derive(Debug, Default)]
pub(super) struct Walked {
    pub paragraphs: Vec<Para>,
    pub notes: HashMap<(NoteKind, String), Vec<Para>>,
}

#[derive(Default)]
struct OpenParagraph {
    pieces: Vec<Piece>,
    style_id: Option<String>,
    outline: Option<u8>,
    numbering: NumberingRef,
}

#[derive(Default, Clone)]
struct Run {
    bold: Option<bool>,
    italic: Option<bool>,
    style_id: Option<String>,
}

#[derive(Default)]
struct OpenCell {
    pieces: Vec<Piece>,
    span: usize,
    /// A cell merged into the one above it (`w:vMerge` without `restart`).
    continued: bool,
}

#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<Vec<Piece>>>,
    row: Vec<Vec<Piece>>,
    cell: Option<OpenCell>,
}

/// Elements whose content is not the text as shown.
const SKIPPED: &[&str] = &[
    "Fallback",
    "moveFrom",
    "rt",
    "rPrChange",
    "pPrChange",
    "instrText",
];

pub(super) fn walk(xml: &str, context: &mut Context) -> Result<Walked, quick_xml::Error> {
    let mut walker = Walker {
        context,
        out: Walked::default(),
        paragraphs: Vec::new(),
        runs: Vec::new(),
        tables: Vec::new(),
        note: None,
        in_paragraph_properties: false,
        in_text: false,
        skipping: 0,
        alt: String::new(),
    };
    let mut reader = Reader::from_str(xml);
    loop {
        let event = reader.read_event()?;
        match event {
            Event::Start(ref e) => walker.start(e, false),
            Event::Empty(ref e) => walker.start(e, true),
            Event::End(ref e) => walker.end(e.local_name().as_ref()),
            Event::Text(ref t) if walker.reads_text() => walker.text(&t.xml10_content()),
            Event::CData(ref t) if walker.reads_text() => walker.text(&t.xml10_content()),
            Event::GeneralRef(ref r) if walker.reads_text() => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    }
                    .to_string(),
                };
                walker.text(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(walker.out)
}

struct Walker<'c, 'a> {
    context: &'c mut Context<'a>,
    out: Walked,
    /// Text boxes put paragraphs inside paragraphs: a stack.
    paragraphs: Vec<OpenParagraph>,
    runs: Vec<Run>,
    tables: Vec<OpenTable>,
    /// The note being read, in a notes part.
    note: Option<(NoteKind, String)>,
    in_paragraph_properties: bool,
    in_text: bool,
    skipping: usize,
    /// The description of the picture being read (`wp:docPr`).
    alt: String,
}

impl Walker<'_, '_> {
    fn reads_text(&self) -> bool {
        self.in_text && self.skipping == 0
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = local(e);
        if SKIPPED.contains(&name.as_str()) || self.skipping > 0 {
            if !empty && (self.skipping > 0 || SKIPPED.contains(&name.as_str())) {
                self.skipping += 1;
            }
            return;
        }
        let in_run = !self.runs.is_empty() && !self.in_paragraph_properties;
        match name.as_str() {
            "p" if !empty => self.paragraphs.push(OpenParagraph::default()),
            "pPr" if !empty => self.in_paragraph_properties = true,
            "pStyle" => self.paragraph(|p| p.style_id = attribute(e, "val")),
            "outlineLvl" if self.in_paragraph_properties => {
                self.paragraph(|p| p.outline = number(e))
            }
            "numId" if self.in_paragraph_properties => {
                self.paragraph(|p| p.numbering.num_id = number(e))
            }
            "ilvl" if self.in_paragraph_properties => {
                self.paragraph(|p| p.numbering.level = number(e))
            }
            "r" if !empty => self.runs.push(Run::default()),
            "rStyle" if in_run => self.run(|r| r.style_id = attribute(e, "val")),
            "b" if in_run => self.run(|r| r.bold = Some(switch(e))),
            "i" if in_run => self.run(|r| r.italic = Some(switch(e))),
            "t" if !empty && in_run => self.in_text = true,
            "tab" if in_run => self.text(" "),
            "br" | "cr" if in_run => self.text("\n"),
            "noBreakHyphen" if in_run => self.text("-"),
            "footnoteReference" | "endnoteReference" => {
                let kind = if name == "footnoteReference" {
                    NoteKind::Footnote
                } else {
                    NoteKind::Endnote
                };
                if let Some(id) = attribute(e, "id") {
                    let next = self.context.note_labels.len() as u32 + 1;
                    let label = *self.context.note_labels.entry((kind, id)).or_insert(next);
                    self.piece(Piece::Note(label));
                }
            }
            "docPr" => {
                self.alt = attribute(e, "descr")
                    .filter(|d| !d.trim().is_empty())
                    .or_else(|| attribute(e, "title"))
                    .unwrap_or_default()
            }
            "blip" => {
                if let Some(id) = attribute(e, "embed").or_else(|| attribute(e, "link")) {
                    self.picture(&id);
                }
            }
            "imagedata" => {
                if let Some(id) = attribute(e, "id") {
                    self.picture(&id);
                }
            }
            "chart" => self.notice(t!("import-docx-chart")),
            "relIds" => self.notice(t!("import-docx-smartart")),
            "OLEObject" => self.notice(t!("import-docx-embedded")),
            "oMath" => self.notice(t!("import-docx-equation")),
            "tbl" if !empty => self.tables.push(OpenTable::default()),
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Vec::new();
                }
            }
            "tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(OpenCell {
                        span: 1,
                        ..OpenCell::default()
                    });
                }
            }
            "gridSpan" => {
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.span = number::<usize>(e).unwrap_or(1).clamp(1, 64);
                }
            }
            "vMerge" => {
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.continued = attribute(e, "val").as_deref() != Some("restart");
                }
            }
            "footnote" | "endnote" if !empty => {
                let separator = attribute(e, "type").is_some_and(|t| t != "normal");
                let kind = if name == "footnote" {
                    NoteKind::Footnote
                } else {
                    NoteKind::Endnote
                };
                self.note = attribute(e, "id")
                    .filter(|_| !separator)
                    .map(|id| (kind, id));
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        match name {
            "p" => {
                if let Some(open) = self.paragraphs.pop() {
                    let paragraphs = self.finish_paragraph(open);
                    self.deliver(paragraphs);
                }
            }
            "pPr" => self.in_paragraph_properties = false,
            "r" => {
                self.runs.pop();
            }
            "t" => self.in_text = false,
            "tc" => {
                if let Some(table) = self.tables.last_mut() {
                    if let Some(cell) = table.cell.take() {
                        let pieces = if cell.continued {
                            Vec::new()
                        } else {
                            cell.pieces
                        };
                        table.row.push(pieces);
                        for _ in 1..cell.span {
                            table.row.push(Vec::new());
                        }
                    }
                }
            }
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            "tbl" => {
                if let Some(table) = self.tables.pop() {
                    self.finish_table(table);
                }
            }
            "footnote" | "endnote" => self.note = None,
            _ => {}
        }
    }

    fn paragraph(&mut self, change: impl FnOnce(&mut OpenParagraph)) {
        if self.in_paragraph_properties {
            if let Some(p) = self.paragraphs.last_mut() {
                change(p);
            }
        }
    }

    fn run(&mut self, change: impl FnOnce(&mut Run)) {
        if let Some(r) = self.runs.last_mut() {
            change(r);
        }
    }

    fn notice(&mut self, what: String) {
        self.context.notices.push(what);
    }

    fn piece(&mut self, piece: Piece) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.pieces.push(piece);
        }
    }

    fn text(&mut self, text: &str) {
        let Some(paragraph) = self.paragraphs.last() else {
            return;
        };
        let run = self.runs.last().cloned().unwrap_or_default();
        let styles = self.context.styles;
        let from_styles = |get: fn(&Styles, &str) -> Option<bool>| {
            run.style_id
                .as_deref()
                .and_then(|id| get(styles, id))
                .or_else(|| paragraph.style_id.as_deref().and_then(|id| get(styles, id)))
        };
        let bold = run
            .bold
            .or_else(|| from_styles(Styles::bold))
            .unwrap_or(false);
        let italic = run
            .italic
            .or_else(|| from_styles(Styles::italic))
            .unwrap_or(false);
        self.piece(Piece::Text {
            text: text.to_string(),
            bold,
            italic,
        });
    }

    fn picture(&mut self, id: &str) {
        let alt = std::mem::take(&mut self.alt);
        match self.context.pictures.get(id).cloned() {
            Some(Picture::Shown(file)) => {
                self.context.used_pictures.push(file.clone());
                self.piece(Piece::Image { file, alt });
            }
            Some(Picture::NotShown { file, format }) => {
                self.context.used_pictures.push(file.clone());
                self.notice(t!(
                    "import-docx-picture-not-shown",
                    format = format,
                    file = file
                ));
            }
            Some(Picture::External(target)) => {
                self.notice(t!("import-docx-picture-external", target = target))
            }
            None => self.notice(t!("import-docx-picture-missing")),
        }
    }

    /// The paragraph's style and list number, and its lines (a manual line
    /// break in Word starts a new paragraph here).
    fn finish_paragraph(&mut self, open: OpenParagraph) -> Vec<Para> {
        let styles = self.context.styles;
        let style = styles.paragraph_style(open.style_id.as_deref(), open.outline);
        let inherited = open
            .style_id
            .as_deref()
            .map(|id| styles.numbering(id))
            .unwrap_or_default();
        let num_id = open.numbering.num_id.or(inherited.num_id);
        let level = open.numbering.level.or(inherited.level).unwrap_or(0);
        let mut pieces = open.pieces;
        let has_text = pieces
            .iter()
            .any(|p| !matches!(p, Piece::Text { text, .. } if text.trim().is_empty()));
        if let Some(num_id) = num_id.filter(|n| *n != 0 && has_text) {
            if let Some(label) = self.context.numbering.next_label(num_id, level) {
                let text = if label.bullet {
                    format!("{} ", label.text)
                } else {
                    label.text
                };
                // Word formats the number like the text it stands before.
                let (bold, italic) = pieces
                    .iter()
                    .find_map(|p| match p {
                        Piece::Text { text, bold, italic } if !text.trim().is_empty() => {
                            Some((*bold, *italic))
                        }
                        _ => None,
                    })
                    .unwrap_or((false, false));
                pieces.insert(0, Piece::Text { text, bold, italic });
            }
        }
        let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
        for piece in pieces {
            match piece {
                Piece::Text { text, bold, italic } if text.contains('\n') => {
                    for (i, part) in text.split('\n').enumerate() {
                        if i > 0 {
                            lines.push(Vec::new());
                        }
                        if !part.is_empty() {
                            lines.last_mut().unwrap().push(Piece::Text {
                                text: part.to_string(),
                                bold,
                                italic,
                            });
                        }
                    }
                }
                other => lines.last_mut().unwrap().push(other),
            }
        }
        lines
            .into_iter()
            .map(|pieces| Para::formatted(pieces, style))
            .collect()
    }

    fn finish_table(&mut self, table: OpenTable) {
        let rows: Vec<Vec<Vec<Piece>>> = table
            .rows
            .into_iter()
            .filter(|row| !row.is_empty())
            .collect();
        if rows.is_empty() {
            return;
        }
        if let Some(outer) = self.tables.last_mut() {
            // A table inside a cell: its text joins the cell's.
            if let Some(cell) = outer.cell.as_mut() {
                for row in rows {
                    for pieces in row {
                        join(&mut cell.pieces, pieces);
                    }
                }
            }
            return;
        }
        self.deliver(vec![Para::table(rows)]);
    }

    fn deliver(&mut self, paragraphs: Vec<Para>) {
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            for p in paragraphs {
                let pieces = match p.markup {
                    Markup::Pieces(pieces) => pieces,
                    _ => vec![Piece::plain(p.text)],
                };
                join(&mut cell.pieces, pieces);
            }
            return;
        }
        match &self.note {
            Some(note) => self
                .out
                .notes
                .entry(note.clone())
                .or_default()
                .extend(paragraphs),
            None => self.out.paragraphs.extend(paragraphs),
        }
    }
}

/// Appends pieces to a cell's, a space between paragraphs (a table cell is one line).
fn join(cell: &mut Vec<Piece>, pieces: Vec<Piece>) {
    if pieces.is_empty() {
        return;
    }
    if !cell.is_empty() {
        cell.push(Piece::plain(" "));
    }
    cell.extend(pieces);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::inline::plain_text;

    fn walk_body(body: &str, styles: &Styles, numbering: Numbering) -> (Vec<Para>, Vec<String>) {
        let xml = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        );
        let pictures = HashMap::new();
        let mut context = Context {
            styles,
            numbering,
            pictures: &pictures,
            note_labels: HashMap::new(),
            notices: Vec::new(),
            used_pictures: Vec::new(),
        };
        let walked = walk(&xml, &mut context).unwrap();
        (walked.paragraphs, context.notices)
    }

    #[test]
    fn tracked_changes_fields_and_old_copies_are_not_text() {
        let body = r#"<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>插入的</w:t></w:r></w:ins><w:moveFrom><w:r><w:t>移走的</w:t></w:r></w:moveFrom><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:rPr><w:b/><w:rPrChange><w:rPr><w:b w:val="0"/></w:rPr></w:rPrChange></w:rPr><w:t>粗</w:t></w:r><w:ruby><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby><mc:AlternateContent><mc:Choice><w:r><w:t>新</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>旧</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#;
        let (paragraphs, _) = walk_body(body, &Styles::default(), Numbering::default());
        assert_eq!(paragraphs.len(), 1);
        assert_eq!(paragraphs[0].text, "保留插入的粗注新");
        let Markup::Pieces(pieces) = &paragraphs[0].markup else {
            panic!("{:?}", paragraphs[0].markup)
        };
        assert!(pieces.contains(&Piece::Text {
            text: "粗".to_string(),
            bold: true,
            italic: false
        }));
    }

    #[test]
    fn merged_cells_keep_columns_and_nested_tables_flatten() {
        let body = r#"<w:tbl>
<w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>金额</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>收入</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p><w:p><w:r><w:t>万元</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
</w:tbl>"#;
        let (paragraphs, _) = walk_body(body, &Styles::default(), Numbering::default());
        assert_eq!(paragraphs.len(), 1);
        let Markup::Table(rows) = &paragraphs[0].markup else {
            panic!("not a table")
        };
        let text: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| plain_text(c)).collect())
            .collect();
        assert_eq!(
            text,
            [
                vec!["项目", "金额", ""],
                vec!["收入", "1 万元", "内"],
                vec!["", "2", ""]
            ]
        );
    }
}
