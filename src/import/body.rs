//! The body of a speech as Markdown: paragraphs stay paragraphs, and numbered
//! section headings (`一、`, `（一）`, `第一，`) become `##`/`###` headings, so that
//! pages get a table of contents and an anchor per section.
//!
//! A numbered line counts as a heading only as part of a sequence (一、 followed by
//! 二、 …), and only when it is short or its first sentence is: `（一）着力扩大国内
//! 需求。推动消费…` becomes the heading `（一）着力扩大国内需求。` and a paragraph
//! with the rest, while `一、我国人民已经推翻了…，…` stays a numbered paragraph.

use std::collections::HashMap;

use super::docx::Note;
use super::inline::{self, Piece};
use super::para::{Markup, Para, Style};
use super::read::Kind;

/// A heading line is at most this long; a longer numbered line is a heading only
/// if its first sentence is.
const MAX_HEADING_CHARS: usize = 40;
const MAX_FIRST_SENTENCE_CHARS: usize = 50;
/// A numbered paragraph set in bold is a heading up to this length.
const MAX_BOLD_HEADING_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Numbering {
    /// 一、
    Han,
    /// （一）
    BracketedHan,
    /// 第一， 第一、
    Ordinal,
    /// 第一部分 第一章
    Part,
    /// 一 (alone on its line)
    Bare,
}

#[derive(Debug, Clone)]
struct Candidate {
    numbering: Numbering,
    number: u32,
    /// Byte offset where the heading ends, when the line goes on as a paragraph.
    split: Option<usize>,
    /// Short enough to be a heading; a long numbered paragraph is not one.
    eligible: bool,
}

/// The converted body.
#[derive(Debug, Default)]
pub struct Body {
    pub markdown: String,
    /// (level, text) of every heading, for the report.
    pub headings: Vec<(u8, String)>,
    pub tables: usize,
    pub notes: usize,
}

pub fn convert(paragraphs: &[Para], notes: &[Note], kind: Kind) -> Body {
    let candidates: Vec<Option<Candidate>> = paragraphs
        .iter()
        .map(|p| match p.style {
            Style::Normal if !p.text.contains('\n') => candidate(p),
            _ => None,
        })
        .collect();
    let accepted = accept_sequences(&candidates);
    // Levels follow the nesting of the numbering styles that made headings: the
    // outermost is ##, the next ###, then ####.
    let ranks = ranks(&candidates);
    let mut used: Vec<Numbering> = candidates
        .iter()
        .zip(&accepted)
        .filter_map(|(c, ok)| c.as_ref().filter(|_| *ok).map(|c| c.numbering))
        .collect();
    used.sort_by_key(|n| ranks.get(n).copied().unwrap_or(usize::MAX));
    used.dedup();
    let levels: HashMap<Numbering, u8> = used
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, (2 + i as u8).min(4)))
        .collect();

    let mut body = Body::default();
    let mut blocks: Vec<String> = Vec::new();
    let mut add_heading = |blocks: &mut Vec<String>, level: u8, markdown: String, text: &str| {
        blocks.push(heading(level, &markdown));
        body.headings.push((level, text.trim().to_string()));
    };
    for (i, p) in paragraphs.iter().enumerate() {
        let level = match p.style {
            // Markdown headings keep the editor's level; Word's Heading 1 is a section.
            Style::Heading(l) if kind == Kind::Markdown => Some(l),
            Style::Heading(l) => Some((l + 1).clamp(2, 4)),
            // A second paragraph in Word's Title style: a section title.
            Style::Title => Some(2),
            Style::Normal => None,
        };
        if let Some(level) = level {
            add_heading(&mut blocks, level, inline_markdown(p, kind), &p.text);
            continue;
        }
        match &candidates[i] {
            Some(c) if accepted[i] => {
                let level = levels[&c.numbering];
                let Some(at) = c.split else {
                    add_heading(&mut blocks, level, inline_markdown(p, kind), &p.text);
                    continue;
                };
                let (head, rest) = match &p.markup {
                    Markup::Pieces(pieces) => {
                        let (head, rest) = inline::split_at(pieces, at);
                        (
                            inline::render(&head, false),
                            block_start_escaped(inline::render(&rest, true).trim()),
                        )
                    }
                    _ => (
                        inline_text(&p.text[..at], kind),
                        paragraph(p.text[at..].trim(), kind),
                    ),
                };
                add_heading(&mut blocks, level, head, &p.text[..at]);
                if !rest.is_empty() {
                    blocks.push(rest);
                }
            }
            _ => {
                body.tables += usize::from(p.is_table());
                blocks.push(block(p, kind));
            }
        }
    }
    // Notes go last, as Markdown footnotes; a note without text is left out
    // rather than shown empty.
    for note in notes {
        let text = inline::render(&note.pieces, true);
        if !text.trim().is_empty() {
            blocks.push(format!("[^{}]: {}", note.label, text.trim()));
            body.notes += 1;
        }
    }
    body.markdown = blocks.join("\n\n");
    body
}

/// A paragraph that is not a heading, as Markdown.
fn block(p: &Para, kind: Kind) -> String {
    match &p.markup {
        Markup::Plain => paragraph(&p.text, kind),
        Markup::Pieces(pieces) => block_start_escaped(inline::render(pieces, true).trim()),
        Markup::Table(rows) => table(rows),
    }
}

fn paragraph(text: &str, kind: Kind) -> String {
    match kind {
        Kind::Markdown => text.to_string(),
        _ => escape_paragraph(text),
    }
}

/// The text of a heading line, without emphasis.
fn inline_markdown(p: &Para, kind: Kind) -> String {
    match &p.markup {
        Markup::Pieces(pieces) => inline::render(pieces, false),
        _ => inline_text(&p.text, kind),
    }
}

fn inline_text(text: &str, kind: Kind) -> String {
    match kind {
        Kind::Markdown => text.to_string(),
        _ => escape_inline(text),
    }
}

/// A Word table as a Markdown table: the first row is its head, as Word tables
/// in speeches are laid out; rows are padded to the widest.
fn table(rows: &[Vec<Vec<Piece>>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let mut lines = Vec::with_capacity(rows.len() + 1);
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..width)
            .map(|c| {
                let text = row
                    .get(c)
                    .map(|cell| inline::render(cell, true))
                    .unwrap_or_default();
                if text.trim().is_empty() {
                    " ".to_string()
                } else {
                    text.trim().to_string()
                }
            })
            .collect();
        lines.push(line(cells));
        if i == 0 {
            lines.push(line(vec!["---".to_string(); width]));
        }
    }
    lines.join("\n")
}

fn heading(level: u8, markdown: &str) -> String {
    // `{` would start heading attributes; `#` at the end would be a closing sequence.
    let text = markdown.replace('{', "\\{").replace('#', "\\#");
    format!("{} {}", "#".repeat(level as usize), text.trim())
}

/// Recognises a numbered heading at the start of a paragraph. In Word, bold
/// says what the heading is: a numbered paragraph all in bold is one, and so is
/// the bold opening of a numbered paragraph that goes on in plain text.
fn candidate(p: &Para) -> Option<Candidate> {
    let mut c = numbered_candidate(&p.text)?;
    if let Markup::Pieces(pieces) = &p.markup {
        if inline::all_bold(pieces) && p.text.chars().count() <= MAX_BOLD_HEADING_CHARS {
            c.eligible = true;
            c.split = None;
        } else if let Some(at) = inline::bold_lead(pieces) {
            let lead = p.text[..at].trim();
            if numbered(lead).is_some() && lead.chars().count() <= MAX_FIRST_SENTENCE_CHARS {
                c.eligible = true;
                c.split = Some(at);
            }
        }
    }
    Some(c)
}

fn numbered_candidate(line: &str) -> Option<Candidate> {
    let line = line.trim();
    let (numbering, number, rest) = numbered(line)?;
    let mut c = Candidate {
        numbering,
        number,
        split: None,
        eligible: true,
    };
    if numbering == Numbering::Bare {
        return Some(c);
    }
    if rest.trim().is_empty() {
        return None;
    }
    let chars = line.chars().count();
    let first_stop = line.find('。');
    let stop_is_last = first_stop.is_some_and(|at| at + '。'.len_utf8() == line.len());
    if chars <= MAX_HEADING_CHARS && (first_stop.is_none() || stop_is_last) {
        return Some(c);
    }
    match first_stop {
        Some(at) if line[..at].chars().count() < MAX_FIRST_SENTENCE_CHARS => {
            let end = at + '。'.len_utf8();
            c.split = (end < line.len()).then_some(end);
        }
        // A numbered paragraph: it still counts for the sequence it is part of.
        _ => c.eligible = false,
    }
    Some(c)
}

/// The numbering at the start of a line, its number, and the text after it.
fn numbered(line: &str) -> Option<(Numbering, u32, &str)> {
    let han_run = |s: &str| -> Option<(u32, usize)> {
        let len: usize = s
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .take(3)
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            return None;
        }
        crate::dates::han_number(&s[..len]).map(|n| (n, len))
    };
    if let Some(after) = line.strip_prefix(['（', '(']) {
        let (n, len) = han_run(after)?;
        let rest = after[len..].strip_prefix(['）', ')'])?;
        return Some((Numbering::BracketedHan, n, rest));
    }
    if let Some(after) = line.strip_prefix('第') {
        let (n, len) = han_run(after)?;
        let rest = &after[len..];
        if let Some(rest) = rest.strip_prefix(['，', '、', ',', '：', ':']) {
            return Some((Numbering::Ordinal, n, rest));
        }
        for unit in ["部分", "章", "篇"] {
            if let Some(rest) = rest.strip_prefix(unit) {
                let rest = rest.trim_start_matches([' ', '\u{3000}', '：', ':', '，', '、']);
                return Some((Numbering::Part, n, rest));
            }
        }
        return None;
    }
    let (n, len) = han_run(line)?;
    let rest = &line[len..];
    if rest.is_empty() {
        return Some((Numbering::Bare, n, rest));
    }
    let rest = rest.strip_prefix(['、', '．', '.'])?;
    Some((Numbering::Han, n, rest.trim_start()))
}

/// The numbering styles in the order they first open a sequence with a
/// heading-like 1 (一、 before （一） before 第一，): their nesting rank.
fn ranks(candidates: &[Option<Candidate>]) -> HashMap<Numbering, usize> {
    let mut ranks = HashMap::new();
    for c in candidates.iter().flatten() {
        if c.number == 1 && c.eligible && !ranks.contains_key(&c.numbering) {
            ranks.insert(c.numbering, ranks.len());
        }
    }
    ranks
}

#[derive(Default)]
struct Track {
    run: Vec<usize>,
    run_last: u32,
    /// A list numbered in the same style inside a section: its last number.
    list_last: Option<u32>,
    /// A section of an enclosing style began since this run started, so a new
    /// 1 starts a new sequence (（一） again under 二、).
    fresh: bool,
}

/// Decides which numbered lines are headings. A sequence 1, 2, 3 … of one style
/// is a run of headings; a style starts a new run only after a heading of an
/// enclosing style (（一） again under 二、). A 1 without that is a list inside
/// the section (一、开垦荒地。二、兴修水利。), and its items are not headings.
/// A run needs two heading-like members, and only those become headings.
fn accept_sequences(candidates: &[Option<Candidate>]) -> Vec<bool> {
    let ranks = ranks(candidates);
    let mut accepted = vec![false; candidates.len()];
    let finish = |run: &[usize], accepted: &mut Vec<bool>| {
        let eligible: Vec<usize> = run
            .iter()
            .copied()
            .filter(|&i| candidates[i].as_ref().is_some_and(|c| c.eligible))
            .collect();
        if eligible.len() >= 2 && eligible.len() * 2 >= run.len() {
            for i in eligible {
                accepted[i] = true;
            }
        }
    };
    let mut tracks: HashMap<Numbering, Track> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        let Some(c) = c else { continue };
        let Some(&rank) = ranks.get(&c.numbering) else {
            continue;
        };
        // A numbered line of one style ends the lists of the others.
        for (style, track) in tracks.iter_mut() {
            if *style != c.numbering {
                track.list_last = None;
            }
        }
        let track = tracks.entry(c.numbering).or_default();
        let n = c.number;
        if n == 1 {
            if track.run.is_empty() || track.fresh {
                finish(&track.run, &mut accepted);
                *track = Track {
                    run: vec![i],
                    run_last: 1,
                    ..Track::default()
                };
            } else {
                track.list_last = Some(1);
            }
        } else if track.list_last == Some(n - 1) {
            track.list_last = Some(n);
        } else if !track.run.is_empty() && track.run_last == n - 1 {
            track.run.push(i);
            track.run_last = n;
            track.list_last = None;
        }
        if tracks[&c.numbering].run.last() == Some(&i) {
            for (style, track) in tracks.iter_mut() {
                if ranks.get(style).is_some_and(|r| *r > rank) {
                    track.fresh = true;
                }
            }
        }
    }
    for track in tracks.values() {
        finish(&track.run, &mut accepted);
    }
    accepted
}

/// Makes a paragraph of plain text safe as Markdown: what would be syntax is
/// escaped, so that the page shows exactly the text.
pub fn escape_paragraph(text: &str) -> String {
    block_start_escaped(&escape_inline(text.trim()))
}

/// Escapes what would start a Markdown block (a heading, quote, list, rule or
/// table) at the start of an escaped line.
fn block_start_escaped(line: &str) -> String {
    let mut out = line.to_string();
    // Block syntax at the start of the line: headings, quotes, lists, rules, tables.
    let first = out.chars().next();
    if matches!(first, Some('#' | '>' | '-' | '+' | '=' | '|' | '~')) {
        out.insert(0, '\\');
    }
    // `1. ` or `1) ` would start a numbered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = &out[digits..];
        let marker = after.starts_with(['.', ')'])
            && (after.len() == 1 || after[1..].starts_with([' ', '\t']));
        if marker {
            out.insert(digits, '\\');
        }
    }
    out
}

/// Escapes the characters Markdown gives meaning inside a line.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(lines: &[&str]) -> Body {
        let paragraphs: Vec<Para> = lines.iter().map(|l| Para::normal(*l)).collect();
        convert(&paragraphs, &[], Kind::Text)
    }

    #[test]
    fn numbered_sections_become_headings() {
        let body = md(&[
            "同志们：",
            "一、2023年工作回顾",
            "过去一年，我们做了很多工作。",
            "（一）着力扩大国内需求。推动消费从疫后恢复转向持续扩大。",
            "（二）加快发展新质生产力。",
            "二、2024年工作总体要求",
            "（一）目标。",
            "（二）任务。",
        ]);
        assert_eq!(
            body.markdown,
            "同志们：\n\n## 一、2023年工作回顾\n\n过去一年，我们做了很多工作。\n\n### （一）着力扩大国内需求。\n\n推动消费从疫后恢复转向持续扩大。\n\n### （二）加快发展新质生产力。\n\n## 二、2024年工作总体要求\n\n### （一）目标。\n\n### （二）任务。"
        );
        assert_eq!(body.headings.len(), 6);
    }

    #[test]
    fn ordinals_and_lone_numbers() {
        let body = md(&[
            "第一，坚持正确方向，切实增强工会工作使命感。去年4月28日，讲话对此作了深刻阐述。",
            "第二，服务大局。",
            "一、我国人民已经推翻了帝国主义者在中国的统治，帝国主义者已经不可能象过去那样掠夺我国人民的大量财富，这是第一。",
        ]);
        assert!(body.markdown.starts_with(
            "## 第一，坚持正确方向，切实增强工会工作使命感。\n\n去年4月28日，讲话对此作了深刻阐述。\n\n## 第二，服务大局。"
        ));
        // A lone 一、 is not a heading.
        assert!(body.markdown.ends_with("\n\n一、我国人民已经推翻了帝国主义者在中国的统治，帝国主义者已经不可能象过去那样掠夺我国人民的大量财富，这是第一。"));
        // No characters were lost in the split.
        let text: String = body
            .markdown
            .chars()
            .filter(|c| !"#\n ".contains(*c))
            .collect();
        assert!(text.contains("使命感。去年4月28日"));
    }

    #[test]
    fn lists_inside_sections_are_not_headings() {
        let body = md(&[
            "一、国家的总任务",
            "（一）关于工业问题",
            "第一，规模问题。",
            "一、我国人民已经推翻了帝国主义者在中国的统治，帝国主义者已经不可能象过去那样掠夺我国人民的大量财富，这是第一。",
            "二、我国人民已经没收了官僚资本，建立了强大的社会主义国营经济，这是我国实现社会主义的基本条件，这是第二。",
            "三、短的一项。",
            "第二，比重问题。",
            "（二）关于农业问题",
            "第一，合作化问题。",
            "第二，增产措施：",
            "一、开垦荒地。",
            "二、兴修水利。",
            "第三，领导问题。",
            "二、第一个五年计划概要",
        ]);
        let headings: Vec<(u8, &str)> = body
            .headings
            .iter()
            .map(|(l, t)| (*l, t.as_str()))
            .collect();
        assert_eq!(
            headings,
            [
                (2, "一、国家的总任务"),
                (3, "（一）关于工业问题"),
                (4, "第一，规模问题。"),
                (4, "第二，比重问题。"),
                (3, "（二）关于农业问题"),
                (4, "第一，合作化问题。"),
                (4, "第二，增产措施："),
                (4, "第三，领导问题。"),
                (2, "二、第一个五年计划概要"),
            ]
        );
    }

    #[test]
    fn markdown_syntax_in_plain_text_is_escaped() {
        assert_eq!(escape_paragraph("# 不是标题"), "\\# 不是标题");
        assert_eq!(escape_paragraph("1. 不是列表"), "1\\. 不是列表");
        assert_eq!(escape_paragraph("---"), "\\---");
        assert_eq!(escape_paragraph("a*b*_c_<br>"), "a\\*b\\*\\_c\\_\\<br\\>");
        assert_eq!(escape_paragraph("2024年"), "2024年");
    }
}
