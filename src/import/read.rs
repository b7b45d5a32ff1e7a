//! Reading one input file into paragraphs: plain text in any of the encodings
//! Chinese offices use, Markdown, or a Word `.docx`. Everything that is not a
//! speech (images, binaries, empty or oversized files) is refused with a reason.

use std::collections::BTreeMap;
use std::path::Path;

use super::clean;
use super::docx::{self, Note, SavedPicture};
use super::inline::Piece;
use super::para::{Markup, Para, Refusal, Style};
use crate::diagnostic::Diagnostic;
use crate::t;

/// Larger text files are refused: a speech is rarely over 1 MB, and a 50 MB "text"
/// file is a database dump or a log, which would make a useless page.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// What kind of file the paragraphs came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Docx,
}

impl Kind {
    pub fn of(path: &Path) -> Option<Kind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(Kind::Text),
            "md" | "markdown" => Some(Kind::Markdown),
            "docx" => Some(Kind::Docx),
            _ => None,
        }
    }
}

/// An input file, read and cleaned.
#[derive(Debug)]
pub struct Document {
    pub kind: Kind,
    /// The encoding the text was in, for the report: `UTF-8`, `GB18030`, `Word (.docx)`.
    pub encoding: String,
    /// Non-empty paragraphs (for Markdown: blocks separated by blank lines).
    pub paragraphs: Vec<Para>,
    /// The front matter block of a Markdown file, as written.
    pub front_matter: Option<FrontMatter>,
    pub repairs: BTreeMap<&'static str, usize>,
    /// Things the reader should check: characters that could not be decoded…
    pub warnings: Vec<String>,
    /// A Word document's footnotes and endnotes.
    pub notes: Vec<Note>,
    /// A Word document's pictures, to be saved beside the speeches.
    pub pictures: Vec<SavedPicture>,
}

#[derive(Debug, Clone)]
pub enum FrontMatter {
    Toml(String),
    Yaml(String),
}

fn refuse(message: impl Into<String>, help: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        help: help.into(),
    }
}

pub fn read(path: &Path, kind: Kind) -> Result<Document, Refusal> {
    let size = std::fs::metadata(path)
        .map_err(|e| {
            refuse(
                t!("cannot-read", error = e),
                t!("import-check-path-permissions"),
            )
        })?
        .len();
    if size > MAX_BYTES {
        return Err(refuse(
            t!(
                "import-too-large",
                size = format!("{:.1}", size as f64 / (1024.0 * 1024.0)),
                most = MAX_BYTES / (1024 * 1024)
            ),
            t!("import-too-large-help"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        refuse(
            t!("cannot-read", error = e),
            t!("import-check-path-permissions"),
        )
    })?;
    if bytes.is_empty() {
        return Err(refuse(t!("import-empty-file"), t!("import-empty-help")));
    }
    match kind {
        Kind::Docx => {
            let docx = docx::read(&bytes)?;
            let mut document = finish(
                kind,
                t!("import-encoding-docx"),
                docx.paragraphs,
                None,
                docx.notices,
            )?;
            document.notes = docx
                .notes
                .into_iter()
                .map(|note| Note {
                    pieces: repair_pieces(note.pieces, &mut document.repairs),
                    ..note
                })
                .collect();
            document.pictures = docx.pictures;
            Ok(document)
        }
        Kind::Text | Kind::Markdown => {
            if let Some(what) = binary_signature(&bytes) {
                return Err(refuse(
                    t!("import-not-text", what = what),
                    t!("import-not-text-help"),
                ));
            }
            let (text, encoding, warnings) = decode(&bytes)?;
            let (text, repairs) = clean::repair(&text);
            let mut document = if kind == Kind::Markdown {
                let (front_matter, body) = split_front_matter(&text);
                finish(
                    kind,
                    encoding,
                    markdown_blocks(body),
                    front_matter,
                    warnings,
                )?
            } else {
                finish(kind, encoding, text_lines(&text), None, warnings)?
            };
            document.repairs = repairs;
            Ok(document)
        }
    }
}

fn finish(
    kind: Kind,
    encoding: String,
    paragraphs: Vec<Para>,
    front_matter: Option<FrontMatter>,
    warnings: Vec<String>,
) -> Result<Document, Refusal> {
    let mut repairs = BTreeMap::new();
    let paragraphs = if kind == Kind::Docx {
        // Word text goes through the same repairs as plain text.
        paragraphs
            .into_iter()
            .map(|p| repair_paragraph(p, &mut repairs))
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        paragraphs
    };
    if paragraphs.is_empty() && front_matter.is_none() {
        return Err(refuse(t!("import-no-text"), t!("import-empty-help")));
    }
    Ok(Document {
        kind,
        encoding,
        paragraphs,
        front_matter,
        repairs,
        warnings,
        notes: Vec::new(),
        pictures: Vec::new(),
    })
}

type Repairs = BTreeMap<&'static str, usize>;

fn repair_paragraph(p: Para, repairs: &mut Repairs) -> Para {
    match p.markup {
        Markup::Plain => {
            let (text, counts) = clean::repair(&p.text);
            add(repairs, counts);
            Para {
                text: tidy_line(&text),
                ..p
            }
        }
        Markup::Pieces(pieces) => Para::formatted(repair_pieces(pieces, repairs), p.style),
        Markup::Table(rows) => Para::table(
            rows.into_iter()
                .map(|row| {
                    row.into_iter()
                        .map(|cell| repair_pieces(cell, repairs))
                        .collect()
                })
                .collect(),
        ),
    }
}

/// Repairs the text of each piece, then trims the spaces the paragraph starts
/// and ends with.
fn repair_pieces(pieces: Vec<Piece>, repairs: &mut Repairs) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Text { text, bold, italic } => {
                let (text, counts) = clean::repair(&text);
                add(repairs, counts);
                Piece::Text { text, bold, italic }
            }
            other => other,
        })
        .collect();
    for piece in pieces.iter_mut() {
        match piece {
            Piece::Text { text, .. } => {
                *text = text.trim_start().to_string();
                if !text.is_empty() {
                    break;
                }
            }
            _ => break,
        }
    }
    for piece in pieces.iter_mut().rev() {
        match piece {
            Piece::Text { text, .. } => {
                *text = text.trim_end().to_string();
                if !text.is_empty() {
                    break;
                }
            }
            _ => break,
        }
    }
    pieces.retain(|p| !matches!(p, Piece::Text { text, .. } if text.is_empty()));
    pieces
}

fn add(repairs: &mut Repairs, counts: Repairs) {
    for (k, n) in counts {
        *repairs.entry(k).or_insert(0) += n;
    }
}

/// Names well-known binary formats by their first bytes, or says the bytes are
/// binary data (see [`crate::load::looks_binary`]).
fn binary_signature(bytes: &[u8]) -> Option<String> {
    type Name = fn() -> String;
    const SIGNATURES: &[(&[u8], Name)] = &[
        (b"\x89PNG\r\n\x1a\n", || t!("import-looks-png")),
        (b"\xFF\xD8\xFF", || t!("import-looks-jpeg")),
        (b"GIF8", || t!("import-looks-gif")),
        (b"%PDF", || t!("import-looks-pdf")),
        (b"PK\x03\x04", || t!("import-looks-zip")),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", || {
            t!("import-looks-old-office")
        }),
        (b"\x7FELF", || t!("import-looks-program")),
        (b"MZ", || t!("import-looks-windows-program")),
        (b"{\\rtf", || t!("import-looks-rtf")),
    ];
    for (signature, name) in SIGNATURES {
        if bytes.starts_with(signature) {
            return Some(name());
        }
    }
    crate::load::looks_binary(bytes).then(|| t!("import-looks-binary"))
}

/// Decodes text in the encoding it is most likely in. Returns the text, the
/// encoding's name for the report, and warnings.
pub fn decode(bytes: &[u8]) -> Result<(String, String, Vec<String>), Refusal> {
    let mut warnings = Vec::new();
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        let name = t!("import-encoding-with-bom", encoding = encoding.name());
        if had_errors {
            check_damage(&text, &name, &mut warnings)?;
        }
        return Ok((text.into_owned(), name, warnings));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8".to_string(), warnings));
    }
    // Mostly valid UTF-8 with a few broken bytes (a truncated copy) is still UTF-8:
    // a legacy encoding would turn all the good text into nonsense.
    let (good_multibyte, bad) = utf8_quality(bytes);
    if good_multibyte >= 20 && (bad <= 3 || bad * 50 <= good_multibyte) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        warnings.push(t!("import-bad-utf8", n = bad));
        return Ok((text, "UTF-8".to_string(), warnings));
    }
    let name = crate::load::guess_encoding(bytes);
    let encoding =
        encoding_rs::Encoding::for_label(name.as_bytes()).unwrap_or(encoding_rs::GB18030);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        check_damage(&text, name, &mut warnings)?;
    }
    Ok((text.into_owned(), name.to_string(), warnings))
}

/// Counts valid multi-byte UTF-8 characters and invalid sequences.
fn utf8_quality(bytes: &[u8]) -> (usize, usize) {
    let mut good = 0;
    let mut bad = 0;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    (good, bad)
}

/// A few undecodable characters are reported; many mean the text is not in this
/// encoding (or not text at all), and the file is refused.
fn check_damage(text: &str, encoding: &str, warnings: &mut Vec<String>) -> Result<(), Refusal> {
    let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
    let total = text.chars().count().max(1);
    if bad * 100 > total {
        return Err(refuse(
            t!(
                "import-cannot-decode",
                encoding = encoding,
                bad = bad,
                total = total
            ),
            t!("import-cannot-decode-help"),
        ));
    }
    warnings.push(t!("import-undecodable", n = bad, encoding = encoding));
    Ok(())
}

/// Trims a line: spaces, full-width spaces and tabs at both ends.
pub fn tidy_line(line: &str) -> String {
    line.trim().to_string()
}

/// Plain text: one paragraph per line, the way Chinese documents are typed.
/// A file that was hard-wrapped, with indented first lines (`　　`) marking
/// paragraphs, has its wrapped lines joined again.
fn text_lines(text: &str) -> Vec<Para> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let indented = |l: &str| l.starts_with(['\u{3000}', '\t']) || l.starts_with("  ");
    let indented_count = lines.iter().filter(|l| indented(l)).count();
    let wrapped = lines.len() >= 6
        && indented_count * 5 >= lines.len()
        && indented_count * 10 <= lines.len() * 7;
    if !wrapped {
        return lines.iter().map(|l| Para::normal(tidy_line(l))).collect();
    }
    let mut paragraphs: Vec<Para> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let text = tidy_line(line);
        // The title and short header lines before the first indented line stay
        // apart, and so does a line after a finished sentence (often a heading).
        let joins = i > 0 && !indented(line) && lines[..i].iter().any(|l| indented(l));
        match paragraphs.last_mut() {
            Some(last) if joins && !last.text.ends_with(SENTENCE_END) => {
                let ascii_seam = last.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && text.starts_with(|c: char| c.is_ascii_alphanumeric());
                if ascii_seam {
                    last.text.push(' ');
                }
                last.text.push_str(&text);
            }
            _ => paragraphs.push(Para::normal(text)),
        }
    }
    paragraphs
}

const SENTENCE_END: &[char] = &['。', '！', '？', '：', '；', '”', '!', '?', ':'];

/// Markdown: blocks separated by blank lines, kept as written.
fn markdown_blocks(body: &str) -> Vec<Para> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut in_fence = false;
    for line in body.lines() {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        if fence {
            in_fence = !in_fence;
        }
        if line.trim().is_empty() && !in_fence {
            if !current.trim().is_empty() {
                blocks.push(markdown_block(&current));
            }
            current.clear();
        } else {
            current.push_str(line.trim_end());
            current.push('\n');
        }
    }
    if !current.trim().is_empty() {
        blocks.push(markdown_block(&current));
    }
    blocks
}

fn markdown_block(block: &str) -> Para {
    let text = block.trim_end_matches('\n');
    let single_line = !text.contains('\n');
    let hashes = text.chars().take_while(|c| *c == '#').count();
    if single_line && (1..=6).contains(&hashes) && text[hashes..].starts_with(' ') {
        let title = text[hashes..]
            .trim()
            .trim_end_matches('#')
            .trim()
            .to_string();
        return Para {
            style: Style::Heading(hashes as u8),
            ..Para::normal(title)
        };
    }
    // Leading spaces would make an indented code block; speeches have none.
    Para::normal(if single_line {
        text.trim().to_string()
    } else {
        text.to_string()
    })
}

/// Splits off a `+++` or `---` front matter block.
fn split_front_matter(text: &str) -> (Option<FrontMatter>, &str) {
    // The load stage's reader finds the block, so import and build agree on it.
    let Some(Ok(bounds)) = crate::load::front_matter::bounds(text) else {
        return (None, text);
    };
    let raw = text[bounds.block.0..bounds.block.1].to_string();
    let fm = if bounds.is_toml {
        FrontMatter::Toml(raw)
    } else {
        FrontMatter::Yaml(raw)
    };
    (Some(fm), &text[bounds.body_start..])
}

/// The fields of a Markdown file's own front matter, in TOML terms.
pub fn editor_fields(fm: &FrontMatter) -> Result<Vec<(String, toml::Value)>, Diagnostic> {
    let help = t!("import-own-front-matter-help");
    match fm {
        FrontMatter::Toml(raw) => {
            let table: toml::Table = toml::from_str(raw).map_err(|e| {
                Diagnostic::error(t!(
                    "import-own-front-matter-toml",
                    detail = e.message().trim()
                ))
                .help(&help)
            })?;
            Ok(table.into_iter().collect())
        }
        FrontMatter::Yaml(raw) => {
            if raw.trim().is_empty() {
                return Ok(Vec::new());
            }
            let value: serde_norway::Value = serde_norway::from_str(raw).map_err(|e| {
                Diagnostic::error(t!("import-own-front-matter-yaml", detail = e.to_string()))
                    .help(&help)
            })?;
            let serde_norway::Value::Mapping(map) = value else {
                return Err(Diagnostic::error(t!("import-own-front-matter-not-fields")).help(help));
            };
            Ok(map
                .into_iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), yaml_to_toml(v)?)))
                .collect())
        }
    }
}

fn yaml_to_toml(value: serde_norway::Value) -> Option<toml::Value> {
    use serde_norway::Value as Y;
    Some(match value {
        Y::Null => return None,
        Y::Bool(b) => toml::Value::Boolean(b),
        Y::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Y::String(s) => toml::Value::String(s),
        Y::Sequence(items) => {
            toml::Value::Array(items.into_iter().filter_map(yaml_to_toml).collect())
        }
        Y::Mapping(map) => toml::Value::Table(
            map.into_iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), yaml_to_toml(v)?)))
                .collect(),
        ),
        Y::Tagged(tagged) => return yaml_to_toml(tagged.value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        let text = "在全县工会工作会议上的讲话\n同志们：\n今天我们召开会议，总结过去一年的工作。";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let (decoded, name, _) = decode(&gb).unwrap();
        assert_eq!((decoded.as_str(), name.as_str()), (text, "GB18030"));

        let mut utf16 = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_be_bytes());
        }
        let (decoded, name, _) = decode(&utf16).unwrap();
        assert_eq!(
            (decoded.as_str(), name.as_str()),
            (text, "UTF-16BE with BOM")
        );

        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap().1, "UTF-8 with BOM");
    }

    #[test]
    fn a_few_broken_bytes_keep_utf8() {
        let mut bytes = "同志们：今天我们召开会议，总结过去一年的工作，部署今年的任务。"
            .as_bytes()
            .to_vec();
        bytes.push(0xE5);
        let (text, name, warnings) = decode(&bytes).unwrap();
        assert_eq!(name, "UTF-8");
        assert!(text.ends_with('\u{FFFD}'));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn binaries_are_named() {
        assert_eq!(
            binary_signature(b"\x89PNG\r\n\x1a\n....").as_deref(),
            Some("a PNG image")
        );
        assert!(binary_signature(b"abc\0def")
            .unwrap()
            .contains("binary data"));
        assert_eq!(binary_signature("讲话".as_bytes()), None);
    }

    #[test]
    fn hard_wrapped_text_is_joined() {
        let text = "标题\n\u{3000}\u{3000}第一段的开头，\n接着第一段。\n\u{3000}\u{3000}第二段，\n还是第二段。\n\u{3000}\u{3000}第三段，\n最后。\n一、标题\n";
        let paragraphs: Vec<String> = text_lines(text).into_iter().map(|p| p.text).collect();
        assert_eq!(
            paragraphs,
            [
                "标题",
                "第一段的开头，接着第一段。",
                "第二段，还是第二段。",
                "第三段，最后。",
                "一、标题"
            ]
        );
    }

    #[test]
    fn markdown_keeps_blocks() {
        let (fm, body) =
            split_front_matter("+++\ntitle = \"a\"\n+++\n# 标题\n\n段落一\n续行\n\n## 一、小节\n");
        assert!(matches!(fm, Some(FrontMatter::Toml(ref raw)) if raw == "title = \"a\"\n"));
        let blocks = markdown_blocks(body);
        assert_eq!(blocks[0].style, Style::Heading(1));
        assert_eq!(blocks[1].text, "段落一\n续行");
        assert_eq!(
            blocks[2],
            Para {
                style: Style::Heading(2),
                ..Para::normal("一、小节")
            }
        );
    }
}
