//! Word `.docx` files: a zip archive whose `word/document.xml` holds the text.
//! [`styles`] says which paragraphs are the title and headings, [`numbering`]
//! makes the numbers Word adds by itself, [`document`] walks the text with its
//! formatting, tables, notes and pictures. The result is paragraphs of
//! [`Piece`]s that [`crate::import::body`] turns into Markdown.

mod document;
mod numbering;
mod styles;
mod xml;

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::inline::Piece;
use super::para::{Markup, Para, Refusal};
use document::{Context, NoteKind, Picture};
use numbering::Numbering;
use styles::Styles;
use xml::{attribute, local};

use crate::t;

/// `word/document.xml` of a real speech is well under 10 MB; a bigger one is a
/// zip bomb or not a speech.
const MAX_XML_BYTES: u64 = 200 * 1024 * 1024;
/// A photograph from a phone is a few MB; anything far bigger is not kept.
const MAX_PICTURE_BYTES: u64 = 50 * 1024 * 1024;

/// Picture formats every browser shows.
const SHOWN_FORMATS: &[&str] = &["png", "jpg", "jpeg", "gif", "bmp", "webp", "svg"];

fn refuse(message: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        help: t!("import-docx-help"),
    }
}

/// A Word document's text and what comes with it.
#[derive(Debug, Default)]
pub struct Docx {
    pub paragraphs: Vec<Para>,
    /// Footnotes and endnotes, numbered in the order the text refers to them.
    pub notes: Vec<Note>,
    /// Pictures to save in the site's image folder.
    pub pictures: Vec<SavedPicture>,
    /// What was left out or needs a look, for the report.
    pub notices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub label: u32,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPicture {
    /// The file name: a hash of the bytes and the format, so the same picture in
    /// many speeches is one file and a different one never overwrites it.
    pub file: String,
    pub bytes: Vec<u8>,
}

pub fn read(bytes: &[u8]) -> Result<Docx, Refusal> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(refuse(t!("import-docx-is-doc")));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| refuse(t!("import-docx-not-zip", error = e.to_string())))?;
    let document = read_text(&mut archive, "word/document.xml")?
        .ok_or_else(|| refuse(t!("import-docx-no-document")))?;
    // Styles and numbering only add structure: a damaged one costs headings, not text.
    let styles = read_text(&mut archive, "word/styles.xml")
        .ok()
        .flatten()
        .map(|xml| Styles::parse(&xml))
        .unwrap_or_default();
    let numbering = read_text(&mut archive, "word/numbering.xml")
        .ok()
        .flatten()
        .map(|xml| Numbering::parse(&xml))
        .unwrap_or_default();
    let relationships = read_text(&mut archive, "word/_rels/document.xml.rels")
        .ok()
        .flatten()
        .map(|xml| relationships(&xml))
        .unwrap_or_default();
    let mut notices = Vec::new();
    let (pictures, picture_bytes) = load_pictures(&mut archive, &relationships, &mut notices);

    let mut context = Context {
        styles: &styles,
        numbering,
        pictures: &pictures,
        note_labels: HashMap::new(),
        notices,
        used_pictures: Vec::new(),
    };
    let damaged =
        |e: quick_xml::Error| refuse(t!("import-docx-damaged-xml", error = e.to_string()));
    let walked = document::walk(&document, &mut context).map_err(damaged)?;
    let mut notes_by_id = HashMap::new();
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if context.note_labels.is_empty() {
            break;
        }
        if let Some(xml) = read_text(&mut archive, part)? {
            notes_by_id.extend(document::walk(&xml, &mut context).map_err(damaged)?.notes);
        }
    }

    if walked.paragraphs.iter().all(Para::is_empty) {
        return Err(Refusal {
            message: t!("import-docx-no-text"),
            help: t!("import-docx-no-text-help"),
        });
    }
    let mut labels: Vec<(u32, (NoteKind, String))> = context
        .note_labels
        .iter()
        .map(|(key, label)| (*label, key.clone()))
        .collect();
    labels.sort_by_key(|(label, _)| *label);
    let mut notes = Vec::new();
    for (label, key) in labels {
        let mut pieces = Vec::new();
        for p in notes_by_id.remove(&key).unwrap_or_default() {
            if !pieces.is_empty() {
                pieces.push(Piece::plain(" "));
            }
            match p.markup {
                Markup::Pieces(more) => pieces.extend(more),
                _ => pieces.push(Piece::plain(p.text)),
            }
        }
        if pieces.is_empty() {
            context
                .notices
                .push(t!("import-docx-note-missing", label = label));
        }
        notes.push(Note { label, pieces });
    }
    let mut used = context.used_pictures.clone();
    used.sort();
    used.dedup();
    let pictures = used
        .into_iter()
        .filter_map(|file| {
            picture_bytes.get(&file).map(|bytes| SavedPicture {
                file,
                bytes: bytes.clone(),
            })
        })
        .collect();
    Ok(Docx {
        paragraphs: walked.paragraphs,
        notes,
        pictures,
        notices: counted(context.notices),
    })
}

/// "x", "x", "y" → "x (2 times)", "y", in first-seen order.
fn counted(notices: Vec<String>) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut order = Vec::new();
    for n in &notices {
        let count = counts.entry(n).or_insert(0);
        if *count == 0 {
            order.push(n.as_str());
        }
        *count += 1;
    }
    order
        .into_iter()
        .map(|n| match counts[n] {
            1 => n.to_string(),
            times => t!("import-docx-notice-times", notice = n, times = times),
        })
        .collect()
}

/// A relationship of `word/document.xml`: what a picture id points at.
struct Relationship {
    kind: String,
    target: String,
    external: bool,
}

fn relationships(xml: &str) -> HashMap<String, Relationship> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(&e) == "Relationship" => {
                if let (Some(id), Some(target)) = (attribute(&e, "Id"), attribute(&e, "Target")) {
                    out.insert(
                        id,
                        Relationship {
                            kind: attribute(&e, "Type").unwrap_or_default(),
                            target,
                            external: attribute(&e, "TargetMode").as_deref() == Some("External"),
                        },
                    );
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Reads every picture the document's relationships name, keyed by relationship
/// id, with the bytes keyed by the file name they will be saved under.
fn load_pictures(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    relationships: &HashMap<String, Relationship>,
    notices: &mut Vec<String>,
) -> (HashMap<String, Picture>, HashMap<String, Vec<u8>>) {
    let mut pictures = HashMap::new();
    let mut bytes_by_file = HashMap::new();
    for (id, rel) in relationships {
        if !rel.kind.ends_with("/image") {
            continue;
        }
        if rel.external {
            pictures.insert(id.clone(), Picture::External(rel.target.clone()));
            continue;
        }
        let path = part_path(&rel.target);
        let bytes = match read_bytes(archive, &path, MAX_PICTURE_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => continue,
            Err(why) => {
                notices.push(t!(
                    "import-docx-picture-left-out",
                    path = path,
                    why = why.message
                ));
                continue;
            }
        };
        let format = path
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .filter(|ext| ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric()))
            .unwrap_or_else(|| "bin".to_string());
        let hash = blake3::hash(&bytes).to_hex();
        let file = format!("{}.{format}", &hash[..16]);
        let picture = if SHOWN_FORMATS.contains(&format.as_str()) {
            Picture::Shown(file.clone())
        } else {
            Picture::NotShown {
                file: file.clone(),
                format: format.to_uppercase(),
            }
        };
        pictures.insert(id.clone(), picture);
        bytes_by_file.insert(file, bytes);
    }
    (pictures, bytes_by_file)
}

/// A relationship target (relative to `word/`, or absolute in the package) as
/// a path in the zip.
fn part_path(target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        vec!["word"]
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn read_text(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, Refusal> {
    match read_bytes(archive, name, MAX_XML_BYTES)? {
        None => Ok(None),
        Some(xml) => String::from_utf8(xml)
            .map(Some)
            .map_err(|_| refuse(t!("import-docx-part-not-utf8", part = name))),
    }
}

fn read_bytes(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, Refusal> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(refuse(t!(
                "import-docx-part-unreadable",
                part = name,
                error = e.to_string()
            )))
        }
    };
    let mut bytes = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| refuse(t!("import-docx-part-unpack", part = name, error = e)))?;
    if bytes.len() as u64 > limit {
        return Err(refuse(t!(
            "import-docx-part-too-large",
            part = name,
            most = limit / (1024 * 1024)
        )));
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::import::para::Style;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#;

    fn fixture(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn styles_numbering_notes_and_pictures() {
        let body = document(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr><w:r><w:t>在全县</w:t></w:r><w:r><w:t xml:space="preserve">工会工作会议上的讲话</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>R&amp;D</w:t><w:tab/><w:t>投入</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="会场"/><a:graphic><a:graphicData><a:blip r:embed="rId9"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><w:t>正文</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>"#,
        ));
        let styles = format!(
            r#"<w:styles {W}><w:style w:styleId="a3"><w:name w:val="Title"/></w:style><w:style w:styleId="1"><w:name w:val="heading 1"/></w:style></w:styles>"#
        );
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="4"/></w:num></w:numbering>"#
        );
        let footnotes = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>—</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 这是一个脚注。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let endnotes = format!(
            r#"<w:endnotes {W}><w:endnote w:id="1"><w:p><w:r><w:t>尾注</w:t></w:r></w:p></w:endnote></w:endnotes>"#
        );
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"#;
        let png = b"\x89PNG\r\n\x1a\nnot really a picture";
        let bytes = fixture(&[
            ("word/document.xml", body.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
            ("word/footnotes.xml", footnotes.as_bytes()),
            ("word/endnotes.xml", endnotes.as_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("word/media/image1.png", png),
        ]);
        let docx = read(&bytes).unwrap();
        let texts: Vec<(&str, Style)> = docx
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.style))
            .collect();
        assert_eq!(
            texts,
            [
                ("在全县工会工作会议上的讲话", Style::Title),
                ("一、R&D 投入", Style::Heading(1)),
                ("第二行", Style::Heading(1)),
                ("正文", Style::Normal),
            ]
        );
        let file = format!("{}.png", &blake3::hash(png).to_hex()[..16]);
        let Markup::Pieces(pieces) = &docx.paragraphs[3].markup else {
            panic!("no pieces")
        };
        assert_eq!(
            pieces[0],
            Piece::Image {
                file: file.clone(),
                alt: "会场".to_string()
            }
        );
        assert_eq!(pieces[2], Piece::Note(2));
        assert_eq!(
            docx.pictures,
            [SavedPicture {
                file,
                bytes: png.to_vec()
            }]
        );
        let notes: Vec<(u32, String)> = docx
            .notes
            .iter()
            .map(|n| (n.label, crate::import::inline::plain_text(&n.pieces)))
            .collect();
        assert_eq!(
            notes,
            [(1, " 这是一个脚注。".to_string()), (2, "尾注".to_string())]
        );
        assert!(docx.notices.is_empty(), "{:?}", docx.notices);
    }

    #[test]
    fn unusable_pictures_and_objects_are_reported() {
        let body = document(concat!(
            r#"<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata r:id="rId1"/></v:shape></w:pict></w:r><w:r><w:t>文字</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:drawing><a:graphic><a:graphicData><a:blip r:embed="rId2"/></a:graphicData></a:graphic></w:drawing></w:r></w:p>"#,
            r#"<w:p><w:r><w:drawing><a:graphic><a:graphicData><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId3"/></a:graphicData></a:graphic></w:drawing></w:r></w:p>"#,
            r#"<w:p><w:r><w:drawing><a:graphic><a:graphicData><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId3"/></a:graphicData></a:graphic></w:drawing></w:r></w:p>"#,
        ));
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.emf"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://example.com/a.png" TargetMode="External"/></Relationships>"#;
        let bytes = fixture(&[
            ("word/document.xml", body.as_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("word/media/image1.emf", b"EMF data"),
        ]);
        let docx = read(&bytes).unwrap();
        assert_eq!(docx.pictures.len(), 1);
        assert!(docx.pictures[0].file.ends_with(".emf"));
        let notices = docx.notices.join("\n");
        assert!(notices.contains("EMF format"), "{notices}");
        assert!(notices.contains("http://example.com/a.png"), "{notices}");
        assert!(notices.contains("a chart was left out"), "{notices}");
        assert!(notices.contains("(2 times)"), "{notices}");
    }

    #[test]
    fn not_a_zip_is_refused() {
        let err = read(b"just some text").unwrap_err();
        assert!(err.message.contains("not a zip"), "{}", err.message);
    }
}
