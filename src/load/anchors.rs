//! Anchors that last: the ids of a speech's paragraphs and headings.
//!
//! An id is made from the block's own text, never from its position, so it stays
//! the same when other paragraphs are inserted, edited or deleted, and a link a
//! researcher published keeps leading to the paragraph it quoted:
//!
//! - the text is normalised first (NFKC, lower case, without whitespace and
//!   invisible format characters), so reflowing a paragraph, a full-width digit
//!   or a stray zero-width space does not move it;
//! - its 64-bit XXH3 hash (a fixed, specified algorithm, so ids do not change
//!   with lectern's version) gives 30 bits, written as 6 characters of Crockford's
//!   base32 in lower case, after a prefix: `p-` for paragraphs, `s-` (section) for
//!   headings — `p-k3m9qa`;
//! - repeats (the same text twice, or two texts whose 30 bits meet) are told
//!   apart by their order among themselves: the first keeps the id, the second
//!   gets `-2`, the third `-3`. Only a block with the same base id before it can
//!   change the suffix of a later one.
//!
//! An id the editor wrote (`## 标题 {#renwu}`) is kept as it is and reserved
//! before any is made, so a made id never takes it.
//!
//! Headings had longer ids before (their letters and digits: `一认真学习`), and
//! links to those are out in the world: a heading keeps that id too, on an
//! empty element inside it (see [`Anchors::former`]).

use std::collections::HashSet;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use xxhash_rust::xxh3::xxh3_64;

use crate::text::{is_cjk_unified, is_format};

/// The prefix of a paragraph's id.
pub(crate) const PARAGRAPH: &str = "p-";
/// The prefix of a heading's id.
pub(crate) const SECTION: &str = "s-";

/// Crockford's base32 alphabet, in lower case: no i, l, o or u to misread.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// Characters of hash in an id: 6 × 5 = 30 bits.
const HASH_CHARS: usize = 6;

/// The ids already on a page, and the rule for a new one.
#[derive(Debug, Default)]
pub(crate) struct Anchors {
    used: HashSet<String>,
    /// The former heading ids handed out so far, by the former rule.
    former: HashSet<String>,
}

impl Anchors {
    /// Reserves ids the editor wrote, in the order they come; a repeated one
    /// gets a suffix as a made one would. Returns the ids to use.
    pub(crate) fn reserve(&mut self, ids: impl IntoIterator<Item = String>) -> Vec<String> {
        ids.into_iter().map(|id| self.unique(id)).collect()
    }

    /// The id of a block with this text and prefix, unique on the page.
    pub(crate) fn make(&mut self, prefix: &str, text: &str) -> String {
        self.unique(base_id(prefix, text))
    }

    /// The id lectern gave a heading before ids were made from hashes: its
    /// letters and digits (ASCII words joined by `-`, lower case), or the id
    /// the editor wrote, with `-2`, `-3` for repeats among the page's
    /// headings. Every heading must be passed, in order, for the suffixes to
    /// come out as they did. `None` when it is already an id of the page.
    pub(crate) fn former(&mut self, written: Option<&str>, title: &str) -> Option<String> {
        let base = written.map_or_else(|| former_base(title), str::to_string);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.former.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(candidate.clone()).then_some(candidate)
    }

    fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .expect("some suffix is free")
    }
}

/// The id a block with this text gets when no earlier block has it.
pub(crate) fn base_id(prefix: &str, text: &str) -> String {
    let normalised = normalise(text);
    let hash = xxh3_64(normalised.as_bytes());
    let mut id = String::with_capacity(prefix.len() + HASH_CHARS);
    id.push_str(prefix);
    for i in 0..HASH_CHARS {
        let digit = (hash >> (64 - 5 * (i + 1))) & 0x1f;
        id.push(ALPHABET[digit as usize] as char);
    }
    id
}

/// The text an id is the hash of: NFKC, lower case, without whitespace and
/// format characters. Every paragraph of the archive passes here on each load,
/// so the ideographs, which NFKC and lower casing keep as they are and which
/// never combine with their neighbours, are passed over, and only the runs
/// between them are normalised (most of those are NFKC already).
fn normalise(text: &str) -> String {
    fn flush(run: &mut String, out: &mut String) {
        let kept = |c: &char| !c.is_whitespace() && !is_format(*c);
        if is_nfkc_quick(run.chars()) == IsNormalized::Yes {
            out.extend(run.chars().filter(kept).flat_map(char::to_lowercase));
        } else {
            out.extend(run.nfkc().filter(kept).flat_map(char::to_lowercase));
        }
        run.clear();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if is_cjk_unified(c) {
            flush(&mut run, &mut out);
            out.push(c);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn former_base(title: &str) -> String {
    let mut anchor = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        // Chinese headings have no spaces: their runs join without hyphens.
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
    fn ids_are_pinned_so_published_links_never_move() {
        // If these change, every link readers have published breaks.
        assert_eq!(base_id(PARAGRAPH, "同志们："), "p-9y1atk");
        assert_eq!(base_id(SECTION, "一、2024年工作回顾"), "s-g8ezpp");
    }

    #[test]
    fn reflowing_width_and_invisible_characters_keep_the_id() {
        let id = base_id(PARAGRAPH, "今天召开 2024 年工作会议。");
        assert_eq!(
            base_id(PARAGRAPH, "今天召开\n２０２４年\u{200b}工作会议。"),
            id
        );
        assert_ne!(base_id(PARAGRAPH, "今天召开2025年工作会议。"), id);
        assert_ne!(base_id(SECTION, "今天召开 2024 年工作会议。"), id);
    }

    #[test]
    fn normalising_by_runs_is_normalising_the_whole() {
        let whole = |text: &str| -> String {
            text.nfkc()
                .filter(|&c| !c.is_whitespace() && !is_format(c))
                .flat_map(char::to_lowercase)
                .collect()
        };
        for text in [
            "同志们：",
            "今天召开\n２０２４年\u{200b}工作会议，ＡＢＣ Ｄef。",
            "e\u{301}中\u{301}a\u{30a}\u{323}",
            "\u{f900}豈\u{2f00}⑴ ｶﾞ",
            "",
        ] {
            assert_eq!(normalise(text), whole(text), "{text:?}");
        }
    }

    #[test]
    fn repeats_are_numbered_in_order_and_reserved_ids_are_never_made() {
        let mut anchors = Anchors::default();
        let base = base_id(PARAGRAPH, "同上。");
        assert_eq!(
            anchors.reserve([format!("{base}-2"), "renwu".into(), "renwu".into()]),
            [format!("{base}-2"), "renwu".into(), "renwu-2".into()]
        );
        assert_eq!(anchors.make(PARAGRAPH, "同上。"), base);
        assert_eq!(anchors.make(PARAGRAPH, "同上。"), format!("{base}-3"));
    }

    #[test]
    fn former_heading_ids_come_out_as_they_did() {
        let mut anchors = Anchors::default();
        let found: Vec<Option<String>> = [
            (None, "一、认真学习"),
            (Some("renwu"), "二、任务"),
            (None, "一、认真学习"),
            (None, "Work Plan 2014"),
            (None, "——"),
        ]
        .into_iter()
        .map(|(written, title)| anchors.former(written, title))
        .collect();
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            found,
            [
                some("一认真学习"),
                some("renwu"),
                some("一认真学习-2"),
                some("work-plan-2014"),
                some("section")
            ]
        );
    }

    #[test]
    fn ids_are_short_ascii() {
        let id = base_id(SECTION, &"很长的标题".repeat(100));
        assert_eq!(id.len(), 8);
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    }
}
