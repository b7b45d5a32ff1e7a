//! The text of a Word `.docx`: a zip archive whose `word/document.xml` holds the
//! paragraphs (`<w:p>`), their runs of text (`<w:t>`) and their styles
//! (`<w:pStyle w:val="Title"/>`). Style ids are names in English Word and numbers
//! in Chinese Word, so `word/styles.xml` is read to learn which one is the title.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::read::{Para, Refusal, Style};

/// `word/document.xml` of a real speech is well under 10 MB; a bigger one is a
/// zip bomb or not a speech.
const MAX_XML_BYTES: u64 = 200 * 1024 * 1024;

fn refuse(message: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        help: "open it in Word or WPS and save it again as a .docx, or save it as UTF-8 text"
            .to_string(),
    }
}

pub fn paragraphs(bytes: &[u8]) -> Result<Vec<Para>, Refusal> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(refuse(
            "this is an old Word 97-2003 document (.doc) with a .docx name, which lectern cannot read",
        ));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        refuse(format!(
            "this .docx is not a Word document: it is not a zip archive ({e})"
        ))
    })?;
    let document = read_entry(&mut archive, "word/document.xml")?.ok_or_else(|| {
        refuse("this .docx has no word/document.xml, so it is not a Word document")
    })?;
    let styles = read_entry(&mut archive, "word/styles.xml")
        .ok()
        .flatten()
        .map(|xml| style_names(&xml))
        .unwrap_or_default();
    let paragraphs = parse_document(&document, &styles)
        .map_err(|e| refuse(format!("the document's XML is damaged: {e}")))?;
    if paragraphs.iter().all(|p| p.text.trim().is_empty()) {
        return Err(Refusal {
            message: "the Word document has no text".to_string(),
            help: "check that this is the right file; text in images cannot be imported"
                .to_string(),
        });
    }
    Ok(paragraphs)
}

fn read_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, Refusal> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(refuse(format!("cannot read {name} in the .docx: {e}"))),
    };
    let mut xml = Vec::new();
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| refuse(format!("cannot unpack {name} in the .docx: {e}")))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(refuse(format!(
            "{name} in the .docx unpacks to more than {} MB",
            MAX_XML_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(xml)
        .map(Some)
        .map_err(|_| refuse(format!("{name} in the .docx is not UTF-8 XML")))
}

/// Style id → display name, from `word/styles.xml`.
fn style_names(xml: &str) -> HashMap<String, String> {
    let mut names = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e).as_str() {
                "style" => current = attribute(&e, "styleId"),
                "name" => {
                    if let (Some(id), Some(name)) = (&current, attribute(&e, "val")) {
                        names.insert(id.clone(), name);
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "style" => current = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    names
}

/// What a paragraph style means for import, from its id and display name.
fn classify(style_id: &str, styles: &HashMap<String, String>) -> Style {
    let name = styles
        .get(style_id)
        .map(String::as_str)
        .unwrap_or(style_id)
        .to_lowercase();
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    if compact == "title" || compact == "标题" {
        return Style::Title;
    }
    for prefix in ["heading", "标题"] {
        if let Some(level) = compact.strip_prefix(prefix) {
            if let Ok(level) = level.parse::<u8>() {
                if (1..=6).contains(&level) {
                    return Style::Heading(level);
                }
            }
        }
    }
    Style::Normal
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

struct Open {
    text: String,
    style: Style,
}

fn parse_document(
    xml: &str,
    styles: &HashMap<String, String>,
) -> Result<Vec<Para>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    // Text boxes put paragraphs inside paragraphs: keep a stack.
    let mut open: Vec<Open> = Vec::new();
    let mut in_text = false;
    let mut run_depth = 0usize;
    // Alternate content repeats a text box for old Word versions: skip the copy.
    let mut fallback_depth = 0usize;
    loop {
        let event = reader.read_event()?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = local(e);
                if name == "Fallback" {
                    if !empty {
                        fallback_depth += 1;
                    }
                    continue;
                }
                if fallback_depth > 0 {
                    continue;
                }
                match name.as_str() {
                    "p" if !empty => open.push(Open {
                        text: String::new(),
                        style: Style::Normal,
                    }),
                    "pStyle" => {
                        if let (Some(p), Some(id)) = (open.last_mut(), attribute(e, "val")) {
                            p.style = classify(&id, styles);
                        }
                    }
                    "r" if !empty => run_depth += 1,
                    "t" if !empty => in_text = true,
                    "tab" if run_depth > 0 => push(&mut open, " "),
                    "br" | "cr" if run_depth > 0 => push(&mut open, "\n"),
                    "noBreakHyphen" => push(&mut open, "-"),
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = e.local_name().as_ref().to_string();
                if name == "Fallback" {
                    fallback_depth = fallback_depth.saturating_sub(1);
                    continue;
                }
                if fallback_depth > 0 {
                    continue;
                }
                match name.as_str() {
                    "p" => {
                        if let Some(p) = open.pop() {
                            for line in p.text.split('\n') {
                                out.push(Para {
                                    text: line.to_string(),
                                    style: p.style,
                                });
                            }
                        }
                    }
                    "r" => run_depth = run_depth.saturating_sub(1),
                    "t" => in_text = false,
                    _ => {}
                }
            }
            Event::Text(ref t) if in_text && fallback_depth == 0 => {
                push(&mut open, &t.xml10_content());
            }
            Event::CData(ref t) if in_text && fallback_depth == 0 => {
                push(&mut open, &t.xml10_content());
            }
            Event::GeneralRef(ref r) if in_text && fallback_depth == 0 => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.as_ref() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        _ => String::new(),
                    },
                };
                push(&mut open, &text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn push(open: &mut [Open], text: &str) {
    if let Some(p) = open.last_mut() {
        p.text.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_styles_and_entities() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>
<w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr><w:r><w:t>在全县</w:t></w:r><w:r><w:t xml:space="preserve">工会工作会议上的讲话</w:t></w:r></w:p>
<w:p><w:r><w:t>同志们：</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="2"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>一、R&amp;D</w:t><w:tab/><w:t>投入</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>
</w:body></w:document>"#;
        let styles: HashMap<String, String> = [
            ("a3".to_string(), "Title".to_string()),
            ("2".to_string(), "heading 2".to_string()),
        ]
        .into_iter()
        .collect();
        let paragraphs = parse_document(xml, &styles).unwrap();
        let texts: Vec<(&str, Style)> = paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.style))
            .collect();
        assert_eq!(
            texts,
            [
                ("在全县工会工作会议上的讲话", Style::Title),
                ("同志们：", Style::Normal),
                ("一、R&D 投入", Style::Heading(2)),
                ("第二行", Style::Heading(2)),
            ]
        );
    }

    #[test]
    fn not_a_zip_is_refused() {
        let err = paragraphs(b"just some text").unwrap_err();
        assert!(err.message.contains("not a zip"), "{}", err.message);
    }
}
