//! Formatted text inside a paragraph, as Word holds it: runs of text that are bold
//! or italic, footnote references and pictures. [`render`] writes them as Markdown
//! that shows exactly the text, with the emphasis CommonMark can express.

use super::body::escape_inline;

/// One piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    /// A reference to the footnote with this label (`[^3]`).
    Note(u32),
    /// A picture saved as `file` in the site's image folder.
    Image { file: String, alt: String },
}

impl Piece {
    pub fn plain(text: impl Into<String>) -> Piece {
        Piece::Text {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    fn text(&self) -> &str {
        match self {
            Piece::Text { text, .. } => text,
            _ => "",
        }
    }
}

/// Where pictures are linked from: a speech page is `speeches/<slug>/`, two
/// folders below the site root, and `static/images/` is copied to `images/`.
pub const IMAGE_LINK_PREFIX: &str = "../../images/";

/// The text the pieces spell, without formatting.
pub fn plain_text(pieces: &[Piece]) -> String {
    pieces.iter().map(Piece::text).collect()
}

/// Whether every visible character is bold (a bold paragraph is often a heading).
pub fn all_bold(pieces: &[Piece]) -> bool {
    let mut any = false;
    for piece in pieces {
        if let Piece::Text { text, bold, .. } = piece {
            if !text.trim().is_empty() {
                if !bold {
                    return false;
                }
                any = true;
            }
        }
    }
    any
}

/// The length in bytes of the bold text the paragraph opens with, when the rest
/// of it is not bold: a run-in heading such as **（一）加强基层建设。** followed
/// by its text.
pub fn bold_lead(pieces: &[Piece]) -> Option<usize> {
    let mut length = 0;
    let mut seen_bold = false;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text { text, bold, .. } if *bold => {
                seen_bold |= !text.trim().is_empty();
                length += text.len();
            }
            Piece::Text { text, .. } if text.trim().is_empty() && !seen_bold => {
                length += text.len();
            }
            _ => {
                let rest_has_text = pieces[i..]
                    .iter()
                    .any(|p| matches!(p, Piece::Text { text, .. } if !text.trim().is_empty()));
                return (seen_bold && rest_has_text).then_some(length);
            }
        }
    }
    None
}

/// Cuts the pieces at a byte offset of their plain text.
pub fn split_at(pieces: &[Piece], at: usize) -> (Vec<Piece>, Vec<Piece>) {
    let mut head = Vec::new();
    let mut tail = Vec::new();
    let mut offset = 0;
    for piece in pieces {
        let len = piece.text().len();
        // A note or picture right at the cut stays with the text before it.
        if offset + len <= at {
            head.push(piece.clone());
        } else if offset >= at {
            tail.push(piece.clone());
        } else if let Piece::Text { text, bold, italic } = piece {
            let cut = at - offset;
            head.push(Piece::Text {
                text: text[..cut].to_string(),
                bold: *bold,
                italic: *italic,
            });
            tail.push(Piece::Text {
                text: text[cut..].to_string(),
                bold: *bold,
                italic: *italic,
            });
        }
        offset += len;
    }
    (head, tail)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Emphasis {
    bold: bool,
    italic: bool,
}

impl Emphasis {
    const NONE: Emphasis = Emphasis {
        bold: false,
        italic: false,
    };

    fn delimiter(self) -> &'static str {
        match (self.bold, self.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        }
    }
}

enum Segment<'a> {
    Text(String, Emphasis),
    Other(&'a Piece),
}

/// Markdown for the pieces. With `emphasis` false (headings) bold and italic are
/// dropped; the text and footnote references stay.
///
/// CommonMark ends `**` only after a letter or before a space or punctuation,
/// so `**（一）**正文` would show its asterisks. Emphasis therefore always starts
/// and ends at a letter or digit: punctuation at its edges is left outside it.
/// Where bold and italic runs touch, the delimiters can still run together
/// (`**一*****二****三*`); the result is parsed back, and if it would not show
/// exactly the text, italic is given up, then bold: the text always wins.
pub fn render(pieces: &[Piece], emphasis: bool) -> String {
    let keep = if emphasis {
        [Kept::Both, Kept::Bold, Kept::Neither].as_slice()
    } else {
        [Kept::Neither].as_slice()
    };
    let expected = plain_text(&stand_ins(pieces));
    for (i, kept) in keep.iter().enumerate() {
        let markdown = render_keeping(pieces, *kept);
        let last = i + 1 == keep.len();
        if last || shown_text(&render_keeping(&stand_ins(pieces), *kept)) == expected.trim() {
            return markdown;
        }
    }
    unreachable!("the last choice is always returned")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kept {
    Both,
    Bold,
    Neither,
}

/// The pieces with notes and pictures as a punctuation mark, which is what
/// their Markdown (`[^1]`, `![…](…)`) is to the emphasis around it.
fn stand_ins(pieces: &[Piece]) -> Vec<Piece> {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text { .. } => p.clone(),
            _ => Piece::plain("。"),
        })
        .collect()
}

/// The text a reader sees of a line of Markdown.
fn shown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(&t);
        }
    }
    text
}

fn render_keeping(pieces: &[Piece], kept: Kept) -> String {
    let mut segments: Vec<Segment> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text { text, bold, italic } => {
                let style = Emphasis {
                    bold: *bold && kept != Kept::Neither,
                    italic: *italic && kept == Kept::Both,
                };
                push_text(&mut segments, text, style);
            }
            other => segments.push(Segment::Other(other)),
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < segments.len() {
        match &segments[i] {
            Segment::Text(_, style) => {
                let style = *style;
                let mut text = String::new();
                while let Some(Segment::Text(t, s)) = segments.get(i) {
                    if *s != style {
                        break;
                    }
                    text.push_str(t);
                    i += 1;
                }
                let delimiter = style.delimiter();
                out.push_str(delimiter);
                out.push_str(&escape_inline(&text));
                out.push_str(delimiter);
            }
            Segment::Other(Piece::Note(label)) => {
                out.push_str(&format!("[^{label}]"));
                i += 1;
            }
            Segment::Other(Piece::Image { file, alt }) => {
                out.push_str(&format!(
                    "![{}]({IMAGE_LINK_PREFIX}{file})",
                    escape_inline(alt)
                ));
                i += 1;
            }
            Segment::Other(Piece::Text { .. }) => i += 1,
        }
    }
    out
}

/// Adds text with its emphasis, moving punctuation and spaces at the edges of
/// emphasised text outside it.
fn push_text(segments: &mut Vec<Segment>, text: &str, style: Emphasis) {
    if text.is_empty() {
        return;
    }
    if style == Emphasis::NONE {
        segments.push(Segment::Text(text.to_string(), style));
        return;
    }
    let start = text
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, _)| i);
    let Some(start) = start else {
        segments.push(Segment::Text(text.to_string(), Emphasis::NONE));
        return;
    };
    let end = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(text.len());
    for (part, style) in [
        (&text[..start], Emphasis::NONE),
        (&text[start..end], style),
        (&text[end..], Emphasis::NONE),
    ] {
        if !part.is_empty() {
            segments.push(Segment::Text(part.to_string(), style));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold(text: &str) -> Piece {
        Piece::Text {
            text: text.to_string(),
            bold: true,
            italic: false,
        }
    }

    fn italic(text: &str) -> Piece {
        Piece::Text {
            text: text.to_string(),
            bold: false,
            italic: true,
        }
    }

    /// The HTML pulldown-cmark makes of the Markdown, without the paragraph.
    fn html(markdown: &str) -> String {
        let mut out = String::new();
        let parser =
            pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_FOOTNOTES);
        pulldown_cmark::html::push_html(&mut out, parser);
        out.trim()
            .trim_start_matches("<p>")
            .trim_end_matches("</p>")
            .to_string()
    }

    #[test]
    fn emphasis_renders_between_chinese_punctuation() {
        let pieces = [
            bold("（一）着力扩大国内需求。"),
            Piece::plain("推动消费"),
            italic("持续"),
            Piece::plain("扩大*。"),
        ];
        let markdown = render(&pieces, true);
        assert_eq!(
            html(&markdown),
            "（<strong>一）着力扩大国内需求</strong>。推动消费<em>持续</em>扩大*。"
        );
        assert_eq!(
            plain_text(&pieces),
            "（一）着力扩大国内需求。推动消费持续扩大*。"
        );
    }

    /// Every sequence of up to four runs, each plain, bold, italic or both, with
    /// letters or punctuation at its edges: the page shows exactly the text,
    /// without a stray asterisk, and every emphasised letter is emphasised.
    #[test]
    fn every_mix_of_runs_shows_its_text() {
        let texts = ["一", "（二）", "三。", "a*b", " 四 "];
        let styles = [(false, false), (true, false), (false, true), (true, true)];
        let mut sequences: Vec<Vec<Piece>> = vec![Vec::new()];
        for _ in 0..4 {
            let mut longer = Vec::new();
            for sequence in &sequences {
                for text in texts {
                    for (bold, italic) in styles {
                        let mut next = sequence.clone();
                        next.push(Piece::Text {
                            text: text.to_string(),
                            bold,
                            italic,
                        });
                        longer.push(next);
                    }
                }
            }
            sequences.extend(longer.into_iter().filter(|s| {
                s.len() <= 3 || s.len() == 4 && s.iter().all(|p| p.text().chars().count() <= 3)
            }));
        }
        for pieces in &sequences {
            let markdown = render(pieces, true);
            let html = html(&markdown);
            let shown = html
                .replace("<strong>", "")
                .replace("</strong>", "")
                .replace("<em>", "")
                .replace("</em>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            let expected = plain_text(pieces);
            assert_eq!(shown, expected.trim(), "{pieces:?}\n{markdown}\n{html}");
            let has = |bold: bool| {
                pieces.iter().any(|p| {
                    matches!(p, Piece::Text { text, bold: b, italic: i }
                        if (if bold { *b } else { *i }) && text.chars().any(char::is_alphanumeric))
                })
            };
            // Bold is never given up for italic; italic alone always renders.
            assert_eq!(
                has(true),
                html.contains("<strong>"),
                "{pieces:?}\n{markdown}\n{html}"
            );
            if !has(true) {
                assert_eq!(
                    has(false),
                    html.contains("<em>"),
                    "{pieces:?}\n{markdown}\n{html}"
                );
            }
        }
    }

    #[test]
    fn headings_drop_emphasis_but_keep_notes() {
        let pieces = [bold("标题"), Piece::Note(2), Piece::plain("_后")];
        assert_eq!(render(&pieces, false), "标题[^2]\\_后");
    }

    #[test]
    fn bold_leads_and_splits() {
        let pieces = [
            Piece::plain("　"),
            bold("（二）加快发展。"),
            Piece::plain("正文"),
            bold("要点"),
        ];
        let at = bold_lead(&pieces).unwrap();
        assert_eq!(&plain_text(&pieces)[..at], "　（二）加快发展。");
        let (head, tail) = split_at(&pieces, at);
        assert_eq!(plain_text(&head), "　（二）加快发展。");
        assert_eq!(plain_text(&tail), "正文要点");
        assert!(!all_bold(&pieces));
        assert!(all_bold(&[bold("一、总体要求"), Piece::plain(" ")]));
        assert_eq!(bold_lead(&[bold("全是粗体")]), None);
    }
}
