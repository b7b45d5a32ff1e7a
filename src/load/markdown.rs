//! Markdown body → HTML, section headings and plain text, in one parse.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::speech::Heading;

/// What a speech body turns into.
#[derive(Debug, Default)]
pub struct Body {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The text a reader sees, paragraphs separated by newlines.
    pub text: String,
    /// The opening paragraphs, without headings or a salutation such as
    /// `同志们：`, to cut an automatic summary from.
    pub lead: String,
}

/// How much opening text to keep for a summary, in bytes.
const LEAD_BYTES: usize = 1200;

pub fn render(markdown: &str, allow_html: bool) -> Body {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Parser::new_ext(markdown, options)
        .map(|event| match event {
            // Without permission, raw HTML is shown as the text it is.
            Event::Html(html) | Event::InlineHtml(html) if !allow_html => Event::Text(html),
            // The same for links that would run script when clicked.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !allow_html && runs_script(&dest_url) => Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::Borrowed("#"),
                title,
                id,
            }),
            other => other,
        })
        .collect();

    let mut text = String::with_capacity(markdown.len());
    let mut headings = Vec::new();
    let mut used_ids = HashSet::new();
    let mut open_heading: Option<(usize, String)> = None;
    let mut lead = String::new();
    let mut paragraph_start: Option<usize> = None;
    for index in 0..events.len() {
        match &events[index] {
            Event::Start(Tag::Heading { .. }) => open_heading = Some((index, String::new())),
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                if let Some((_, title)) = &mut open_heading {
                    title.push_str(t);
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => text.push_str(t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::Heading(level)) => {
                let level = heading_number(*level);
                if let Some((start, title)) = open_heading.take() {
                    let title = title.trim().to_string();
                    let id = assign_id(&mut events[start], &title, &mut used_ids);
                    if (2..=4).contains(&level) {
                        headings.push(Heading { level, id, title });
                    }
                }
                end_block(&mut text);
            }
            Event::Start(Tag::Paragraph) => paragraph_start = Some(text.len()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(start) = paragraph_start.take() {
                    add_to_lead(&mut lead, text[start..].trim());
                }
                end_block(&mut text);
            }
            Event::End(
                TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
            ) => end_block(&mut text),
            _ => {}
        }
    }
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Kept for every speech until the build ends: give back the unused capacity.
    html.shrink_to_fit();
    Body {
        html,
        headings,
        text: text.trim_end().to_string(),
        lead,
    }
}

fn add_to_lead(lead: &mut String, paragraph: &str) {
    let salutation = paragraph.ends_with(['：', ':']) && paragraph.chars().count() <= 16;
    if lead.len() >= LEAD_BYTES || salutation || paragraph.is_empty() {
        return;
    }
    // Chinese paragraphs join without a space; Latin words need one.
    let ascii_seam = lead.ends_with(|c: char| c.is_ascii_alphanumeric())
        && paragraph.starts_with(|c: char| c.is_ascii_alphanumeric());
    if ascii_seam {
        lead.push(' ');
    }
    lead.push_str(paragraph);
}

fn runs_script(url: &str) -> bool {
    let scheme: String = url
        .trim()
        .chars()
        .take_while(|c| *c != ':')
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

fn end_block(text: &mut String) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Gives a heading a stable anchor: the editor's `{#id}` if written, else one made
/// from the heading's letters and digits, so links survive sections being added.
fn assign_id(start: &mut Event, title: &str, used: &mut HashSet<String>) -> String {
    let Event::Start(Tag::Heading { id, .. }) = start else {
        unreachable!("assign_id is called on a heading start");
    };
    let base = match id {
        Some(existing) => existing.to_string(),
        None => anchor_from(title),
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    *id = Some(CowStr::from(candidate.clone()));
    candidate
}

fn anchor_from(title: &str) -> String {
    let mut anchor = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        // Chinese headings have no spaces: join their runs without hyphens.
        let needs_hyphen = anchor
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && word.starts_with(|c: char| c.is_ascii_alphanumeric());
        if needs_hyphen {
            anchor.push('-');
        }
        anchor.extend(word.chars().flat_map(char::to_lowercase));
    }
    if anchor.is_empty() {
        "section".to_string()
    } else {
        anchor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_stable_unique_anchors() {
        let body = render(
            "## 一、认真学习\n\n段落\n\n## 一、认真学习\n\n### Work Plan 2014\n",
            false,
        );
        let ids: Vec<_> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["一认真学习", "一认真学习-2", "work-plan-2014"]);
        assert!(body
            .html
            .contains("<h2 id=\"一认真学习\">一、认真学习</h2>"));
    }

    #[test]
    fn plain_text_keeps_paragraphs_apart() {
        let body = render("第一段。\n\n## 标题\n\n第二段**加粗**。", false);
        assert_eq!(body.text, "第一段。\n标题\n第二段加粗。");
        assert_eq!(body.lead, "第一段。第二段加粗。");
    }

    #[test]
    fn lead_skips_the_salutation() {
        assert_eq!(render("同志们：\n\n今天开会。", false).lead, "今天开会。");
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let md = "<script>alert(1)</script>\n\n文字<b>粗</b>";
        let escaped = render(md, false).html;
        assert!(!escaped.contains("<script>"), "{escaped}");
        assert!(escaped.contains("&lt;script&gt;"));
        assert!(render(md, true).html.contains("<script>"));
        let link = render("[x](javascript:alert(1)) [y](https://example.org/)", false).html;
        assert!(!link.contains("javascript:"), "{link}");
        assert!(link.contains("https://example.org/"));
    }
}
