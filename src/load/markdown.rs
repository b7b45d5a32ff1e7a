//! Markdown body → HTML, section headings and plain text, in one parse.

use crate::t;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::anchors::{self, Anchors};
use crate::speech::Heading;

/// What a speech body turns into.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The text a reader sees, paragraphs separated by newlines.
    pub text: String,
    /// The opening paragraphs, without headings or a salutation such as
    /// `同志们：`, to cut an automatic summary from.
    pub lead: String,
    /// Markup that lectern does not write, where it was.
    pub dropped: Vec<Dropped>,
}

/// Markup left out of the page because it could carry script.
#[derive(Debug, PartialEq)]
pub(crate) struct Dropped {
    /// Byte offset in the Markdown.
    pub offset: usize,
    /// What was left out, for the message.
    pub what: String,
}

/// How much opening text to keep for a summary, in bytes.
const LEAD_BYTES: usize = 1200;

pub(crate) fn render(markdown: &str, allow_html: bool) -> Body {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut dropped = Vec::new();
    let mut events: Vec<Event> = Vec::with_capacity(markdown.len() / 16);
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            // Without permission, raw HTML is shown as the text it is.
            Event::Html(html) | Event::InlineHtml(html) if !allow_html => {
                events.push(Event::Text(html))
            }
            // Word's manual line break (U+000B) is a line break.
            Event::Text(text) if text.contains(LINE_BREAK) => {
                for (i, part) in text.split(LINE_BREAK).enumerate() {
                    if i > 0 {
                        events.push(Event::HardBreak);
                    }
                    if !part.is_empty() {
                        events.push(Event::Text(CowStr::from(part.to_string())));
                    }
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let (id, classes) = safe_heading_attributes(id, classes, attrs, |what| {
                    dropped.push(Dropped {
                        offset: range.start,
                        what,
                    })
                });
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }));
            }
            // Links and images that would run script when followed.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !allow_html && runs_script(&dest_url) => events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::Borrowed("#"),
                title,
                id,
            })),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if !allow_html && runs_script(&dest_url) => events.push(Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::Borrowed("#"),
                title,
                id,
            })),
            other => events.push(other),
        }
    }

    let mut anchors = Anchors::default();
    reserve_written_ids(&mut events, &mut anchors);
    let mut text = String::with_capacity(markdown.len());
    let mut headings = Vec::new();
    // The open heading: its event, its line in `text`, and its title so far.
    let mut open_heading: Option<(usize, usize, String)> = None;
    // Lines of `text` before `counted`, counted as headings come.
    let (mut counted, mut lines) = (0, 0);
    let mut lead = String::new();
    // The open paragraph: its event and where its text starts.
    let mut paragraph_start: Option<(usize, usize)> = None;
    for index in 0..events.len() {
        match &events[index] {
            Event::Start(Tag::Heading { .. }) => {
                lines += text[counted..].matches('\n').count();
                counted = text.len();
                open_heading = Some((index, lines, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                text.extend(t.chars().map(|c| if c == LINE_BREAK { ' ' } else { c }));
                if let Some((_, _, title)) = &mut open_heading {
                    title.push_str(t);
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => text.push_str(t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::Heading(level)) => {
                let level = heading_number(*level);
                if let Some((start, text_line, title)) = open_heading.take() {
                    let title = title.trim().to_string();
                    let (id, former) = heading_id(&mut events[start], &title, &mut anchors);
                    // Links to the former id still arrive at the heading.
                    let former = former
                        .map(|former| format!("<span id=\"{former}\"></span>"))
                        .unwrap_or_default();
                    events[index] = Event::Html(CowStr::from(format!(
                        "{}{former}</h{level}>\n",
                        anchor_link(&id, "section")
                    )));
                    if (2..=4).contains(&level) {
                        headings.push(Heading {
                            level,
                            id,
                            title,
                            text_line,
                        });
                    }
                }
                end_block(&mut text);
            }
            Event::Start(Tag::Paragraph) => paragraph_start = Some((index, text.len())),
            Event::End(TagEnd::Paragraph) => {
                if let Some((start, text_start)) = paragraph_start.take() {
                    let paragraph = text[text_start..].trim();
                    add_to_lead(&mut lead, paragraph);
                    let id = anchors.make(anchors::PARAGRAPH, paragraph);
                    events[start] = Event::Html(CowStr::from(format!("<p id=\"{id}\">")));
                    events[index] = Event::Html(CowStr::from(format!(
                        "{}</p>\n",
                        anchor_link(&id, "paragraph")
                    )));
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
    if html.contains(LINE_BREAK) {
        // Left only where no line break can go (code, addresses): a space.
        html = html.replace(LINE_BREAK, " ");
    }
    // Kept for every speech until the build ends: give back the unused capacity.
    html.shrink_to_fit();
    Body {
        html,
        headings,
        text: text.trim_end().to_string(),
        lead,
        dropped,
    }
}

/// U+000B, which Word writes for a manual line break (Shift+Enter).
pub(crate) const LINE_BREAK: char = '\u{b}';

/// Heading attributes (`## 标题 {#id .class key=value}`) that lectern writes:
/// an id and classes made of letters, digits, `-` and `_`. Anything else, and
/// every other attribute (which could carry an event handler), is dropped and
/// reported through `dropped`.
fn safe_heading_attributes<'a>(
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    mut dropped: impl FnMut(String),
) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>) {
    let plain = |value: &str| {
        !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
    };
    let id = id.filter(|id| {
        let keep = plain(id);
        if !keep {
            dropped(t!("dropped-heading-id", id = format!("{:?}", id.as_ref())));
        }
        keep
    });
    let classes = classes
        .into_iter()
        .filter(|class| {
            let keep = plain(class) && class.is_ascii();
            if !keep {
                dropped(t!(
                    "dropped-heading-class",
                    class = format!("{:?}", class.as_ref())
                ));
            }
            keep
        })
        .collect();
    for (name, _) in attrs {
        dropped(t!("dropped-heading-attribute", name = name.as_ref()));
    }
    (id, classes)
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

/// Reserves the heading ids the editor wrote, so that no made id takes one;
/// a repeated one gets a suffix.
fn reserve_written_ids(events: &mut [Event], anchors: &mut Anchors) {
    let written: Vec<(usize, String)> = events
        .iter()
        .enumerate()
        .filter_map(|(index, event)| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some((index, id.to_string())),
            _ => None,
        })
        .collect();
    let (places, ids): (Vec<usize>, Vec<String>) = written.into_iter().unzip();
    for (index, unique) in places.into_iter().zip(anchors.reserve(ids)) {
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[index] {
            *id = Some(CowStr::from(unique));
        }
    }
}

/// A heading's id: the one the editor wrote (already made unique), else one made
/// from its text (see [`anchors`]), so links survive other sections being added,
/// renamed or removed. Also the heading's former id, if it had another.
fn heading_id(start: &mut Event, title: &str, anchors: &mut Anchors) -> (String, Option<String>) {
    let Event::Start(Tag::Heading { id, .. }) = start else {
        unreachable!("heading_id is called on a heading start");
    };
    if let Some(written) = id {
        anchors.former(Some(written), title);
        return (written.to_string(), None);
    }
    let made = anchors.make(anchors::SECTION, title);
    *id = Some(CowStr::from(made.clone()));
    (made, anchors.former(None, title))
}

/// The link to a block's own anchor, shown as ¶ or § by the theme's style sheet
/// (so copying the text does not copy the sign). Its name comes from an element
/// of the page with the id `anchor-label-{kind}`, which the theme writes in the
/// page's language: the body is rendered before the theme is known. Ids need
/// no escaping: made ones are ASCII, and written ones are letters, digits, `-`
/// and `_` (see [`safe_heading_attributes`]).
fn anchor_link(id: &str, kind: &str) -> String {
    format!("<a class=\"anchor\" href=\"#{id}\" aria-labelledby=\"anchor-label-{kind}\"></a>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_short_unique_anchors_with_a_link_to_themselves() {
        let body = render(
            "## 一、认真学习\n\n段落\n\n## 一、认真学习\n\n### Work Plan 2014\n",
            false,
        );
        let ids: Vec<_> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["s-428w4b", "s-428w4b-2", "s-6qvtvh"]);
        assert!(
            body.html.contains(
                "<h2 id=\"s-428w4b\">一、认真学习<a class=\"anchor\" href=\"#s-428w4b\" \
                 aria-labelledby=\"anchor-label-section\"></a><span id=\"一认真学习\"></span></h2>"
            ),
            "{}",
            body.html
        );
    }

    #[test]
    fn paragraphs_get_anchors_from_their_own_text() {
        let body = render("同志们：\n\n> 引文**加粗**。\n\n同志们：\n", false);
        assert_eq!(
            body.html,
            "<p id=\"p-9y1atk\">同志们：<a class=\"anchor\" href=\"#p-9y1atk\" \
             aria-labelledby=\"anchor-label-paragraph\"></a></p>\n\
             <blockquote>\n<p id=\"p-jzvtb8\">引文<strong>加粗</strong>。<a class=\"anchor\" \
             href=\"#p-jzvtb8\" aria-labelledby=\"anchor-label-paragraph\"></a></p>\n\
             </blockquote>\n\
             <p id=\"p-9y1atk-2\">同志们：<a class=\"anchor\" href=\"#p-9y1atk-2\" \
             aria-labelledby=\"anchor-label-paragraph\"></a></p>\n"
        );
        // Markup does not count: the id is the text's.
        assert_eq!(
            render("引文加粗。", false).html,
            body.html
                .lines()
                .nth(2)
                .unwrap()
                .replace("<strong>", "")
                .replace("</strong>", "")
                + "\n"
        );
    }

    #[test]
    fn a_written_heading_id_is_never_taken_by_a_made_one() {
        let made = anchors::base_id(anchors::SECTION, "二、任务");
        let body = render(&format!("## 二、任务\n\n## 其他 {{#{made}}}\n"), false);
        let ids: Vec<_> = body.headings.iter().map(|h| h.id.clone()).collect();
        assert_eq!(ids, [format!("{made}-2"), made]);
    }

    #[test]
    fn headings_know_the_line_of_the_plain_text_they_start() {
        let body = render(
            "开头。\n\n## 一、认真学习\n\n第一段，\n第二行。  \n硬换行\n\n- 条目\n- 条目\n\nSetext\nheading\n---\n\n> ## 引文里的标题\n",
            false,
        );
        let lines: Vec<&str> = body.text.split('\n').collect();
        let found: Vec<(usize, &str)> = body
            .headings
            .iter()
            .map(|h| (h.text_line, lines[h.text_line]))
            .collect();
        assert_eq!(
            found,
            [
                (1, "一、认真学习"),
                (6, "Setext heading"),
                (7, "引文里的标题")
            ]
        );
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
        let image = render("![x](javascript:alert(1))", false).html;
        assert!(!image.contains("javascript:"), "{image}");
    }

    #[test]
    fn heading_attributes_keep_only_a_plain_id_and_classes() {
        let md = "段落\n\n## 一、标题 {onmouseover=alert(1) style=position:fixed;inset:0}\n\n## 二、标题 {#part-2 .wide onclick=x}\n";
        let body = render(md, false);
        assert!(!body.html.contains("onmouseover"), "{}", body.html);
        assert!(!body.html.contains("style"), "{}", body.html);
        assert!(!body.html.contains("onclick"), "{}", body.html);
        assert!(
            body.html.contains("<h2 id=\"part-2\" class=\"wide\">"),
            "{}",
            body.html
        );
        let what: Vec<&str> = body.dropped.iter().map(|d| d.what.as_str()).collect();
        assert_eq!(
            what,
            [
                "the heading attribute `onmouseover`",
                "the heading attribute `style`",
                "the heading attribute `onclick`"
            ]
        );
        assert_eq!(body.dropped[0].offset, md.find("## 一").unwrap());
        let quoted = render("## 标题 {#a:b .c/d}\n", false);
        assert!(
            quoted.html.contains("<h2 id=\"s-8796p0\">标题<a"),
            "{}",
            quoted.html
        );
        assert_eq!(quoted.dropped.len(), 2);
    }

    #[test]
    fn a_manual_line_break_from_word_is_a_line_break() {
        let body = render("第一行\u{b}第二行\n\n`代\u{b}码`", false);
        assert!(body.html.contains("第一行<br />\n第二行"), "{}", body.html);
        assert!(!body.html.contains('\u{b}'));
        assert_eq!(body.text, "第一行\n第二行\n代 码");
    }
}
