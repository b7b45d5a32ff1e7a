//! `word/styles.xml`: what each paragraph and character style means for import.
//! Styles inherit from one another (`basedOn`), so a house style "讲话小标题" based
//! on "heading 2" is a heading, and one that sets `outlineLvl` is one too. Style
//! ids are names in English Word and numbers in Chinese Word ("2" is heading 1 in
//! some versions), so the display name decides, never the id.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::{attribute, local, switch};
use crate::import::para::Style;

/// A paragraph's list membership: `numId` and level, from `w:numPr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct NumberingRef {
    pub num_id: Option<u32>,
    pub level: Option<u8>,
}

#[derive(Debug, Default, Clone)]
struct Definition {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbering: NumberingRef,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// Longest `basedOn` chain followed; a loop in a damaged file stops here.
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Definition>,
}

impl Styles {
    pub(super) fn parse(xml: &str) -> Styles {
        let mut by_id = HashMap::new();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Definition)> = None;
        // rPr inside pPr describes the paragraph mark, not the text.
        let mut in_run_properties = false;
        let mut in_paragraph_properties = false;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    let name = local(&e);
                    if name == "style" {
                        current = attribute(&e, "styleId").map(|id| (id, Definition::default()));
                        continue;
                    }
                    let Some((_, def)) = current.as_mut() else {
                        continue;
                    };
                    match name.as_str() {
                        "name" => def.name = attribute(&e, "val").unwrap_or_default(),
                        "basedOn" => def.based_on = attribute(&e, "val"),
                        "pPr" => in_paragraph_properties = true,
                        "rPr" if !in_paragraph_properties => in_run_properties = true,
                        "outlineLvl" => {
                            def.outline = attribute(&e, "val").and_then(|v| v.parse().ok())
                        }
                        "numId" => {
                            def.numbering.num_id = attribute(&e, "val").and_then(|v| v.parse().ok())
                        }
                        "ilvl" => {
                            def.numbering.level = attribute(&e, "val").and_then(|v| v.parse().ok())
                        }
                        "b" if in_run_properties => def.bold = Some(switch(&e)),
                        "i" if in_run_properties => def.italic = Some(switch(&e)),
                        _ => {}
                    }
                }
                Ok(Event::End(e)) => match e.local_name().as_ref() {
                    "style" => {
                        if let Some((id, def)) = current.take() {
                            by_id.insert(id, def);
                        }
                    }
                    "pPr" => in_paragraph_properties = false,
                    "rPr" => in_run_properties = false,
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        Styles { by_id }
    }

    /// The style and its ancestors, nearest first.
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Definition> + 'a {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let def = self.by_id.get(next?)?;
            next = def.based_on.as_deref();
            Some(def)
        })
        .take(MAX_CHAIN)
    }

    /// What a paragraph style makes of a paragraph: the title, a heading, or text.
    /// `outline` is the paragraph's own outline level, which wins over its style's.
    pub(super) fn paragraph_style(&self, id: Option<&str>, outline: Option<u8>) -> Style {
        let Some(id) = id else {
            return from_outline(outline);
        };
        for def in self.chain(id) {
            if let Some(style) = from_name(&def.name) {
                return style;
            }
        }
        if self.by_id.is_empty() {
            // No styles.xml: the id is all there is (English Word uses names as ids).
            if let Some(style) = from_name(id) {
                return style;
            }
        }
        from_outline(outline.or_else(|| self.chain(id).find_map(|d| d.outline)))
    }

    /// The list a paragraph style puts its paragraphs in.
    pub(super) fn numbering(&self, id: &str) -> NumberingRef {
        let mut found = NumberingRef::default();
        for def in self.chain(id) {
            found.num_id = found.num_id.or(def.numbering.num_id);
            found.level = found.level.or(def.numbering.level);
        }
        found
    }

    pub(super) fn bold(&self, id: &str) -> Option<bool> {
        self.chain(id).find_map(|d| d.bold)
    }

    pub(super) fn italic(&self, id: &str) -> Option<bool> {
        self.chain(id).find_map(|d| d.italic)
    }
}

/// Outline level 0 is Word's first heading level; 9 is body text.
fn from_outline(outline: Option<u8>) -> Style {
    match outline {
        Some(level @ 0..=5) => Style::Heading(level + 1),
        _ => Style::Normal,
    }
}

/// `Title`, `标题` → the title; `heading 2`, `标题 2` → a heading.
fn from_name(name: &str) -> Option<Style> {
    let compact: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if compact == "title" || compact == "标题" {
        return Some(Style::Title);
    }
    for prefix in ["heading", "标题"] {
        if let Some(level) = compact.strip_prefix(prefix) {
            if let Ok(level @ 1..=6) = level.parse::<u8>() {
                return Some(Style::Heading(level));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="讲话小标题"/><w:basedOn w:val="2"/></w:style>
<w:style w:type="paragraph" w:styleId="a6"><w:name w:val="一级条目"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="1"/><w:rPr><w:i/></w:rPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="a7"><w:name w:val="要点"/><w:rPr><w:b w:val="1"/><w:i w:val="false"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="loop"><w:name w:val="loop"/><w:basedOn w:val="loop"/></w:style>
</w:styles>"#;

    #[test]
    fn styles_inherit_names_outlines_numbering_and_bold() {
        let styles = Styles::parse(XML);
        assert_eq!(styles.paragraph_style(Some("2"), None), Style::Heading(1));
        assert_eq!(styles.paragraph_style(Some("a5"), None), Style::Heading(1));
        assert_eq!(styles.paragraph_style(Some("a6"), None), Style::Heading(2));
        assert_eq!(styles.paragraph_style(None, Some(2)), Style::Heading(3));
        assert_eq!(styles.paragraph_style(None, Some(9)), Style::Normal);
        assert_eq!(styles.paragraph_style(Some("loop"), None), Style::Normal);
        assert_eq!(styles.numbering("a6").num_id, Some(3));
        assert_eq!(styles.bold("a5"), Some(true));
        // The paragraph mark's italic is not the text's.
        assert_eq!(styles.italic("a6"), None);
        assert_eq!(styles.bold("a7"), Some(true));
        assert_eq!(styles.italic("a7"), Some(false));
    }
}
