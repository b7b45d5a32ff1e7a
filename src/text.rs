//! The one definition of searchable text, shared with the browser client
//! (`search.js` implements the same steps): format characters (Unicode category
//! Cf) removed, then NFKC, then lower case per character; letters and numbers
//! (Unicode categories L and N) are text, everything else separates runs, and a
//! match never crosses a separator; last, traditional characters are folded to
//! simplified ones ([`Folding`]), one character to one.
//!
//! Format characters are invisible on the page (zero-width spaces and joiners,
//! the soft hyphen, the byte-order mark, bidirectional controls), so a phrase
//! reads the same with or without them and must be found either way. Word and
//! web pages leave them in pasted text.

use std::borrow::Cow;

use unicode_general_category::{get_general_category, GeneralCategory as G};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::config::Site;
use crate::page::Page;
use crate::speech::Speech;
use fold::Folding;

pub mod fold;

/// The searchable text's fields (`normalize::search_fields`): title, date,
/// speaker, role, occasion, place, organization, themes, tags, body.
pub const FIELDS: usize = 10;

/// Normalised text as characters, with separators kept (as `' '`) so that
/// positions count every character and never join two runs; folded with the
/// folding indexes are built with.
pub fn normalize(text: &str) -> Vec<char> {
    normalize_folded(text, Folding::builtin())
}

/// [`normalize`] with the given folding (that of the index a query reads).
pub fn normalize_folded(text: &str, folding: &Folding) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 2);
    normalize_into(text, folding, &mut out);
    out
}

/// A speech's searchable text, normalised: [`normalize`] of
/// [`searchable_text`], without joining the fields first (a line break is a
/// separator, and text is normalised in pieces cut before it anyway).
pub fn normalize_searchable(speech: &Speech, site: &Site, text: &str) -> Vec<char> {
    normalize_fields(&search_fields(speech, site, text))
}

/// The searchable text of the given fields, normalised (see
/// [`normalize_searchable`]).
pub fn normalize_fields(fields: &[Cow<str>; FIELDS]) -> Vec<char> {
    let folding = Folding::builtin();
    let mut out = Vec::with_capacity(fields.iter().map(|f| f.len()).sum::<usize>() / 2);
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        normalize_into(field, folding, &mut out);
    }
    out
}

/// [`normalize_folded`], appending to `out`.
fn normalize_into(text: &str, folding: &Folding, out: &mut Vec<char>) {
    let start = out.len();
    normalize_unfolded_into(text, out);
    // Folding maps text characters to text characters that NFKC and
    // lower-casing leave alone, so it can come last.
    for c in &mut out[start..] {
        *c = folding.fold(*c);
    }
}

/// Every step but folding, appending to `out`.
fn normalize_unfolded_into(text: &str, out: &mut Vec<char>) {
    // ASCII and CJK Unified Ideographs are their own NFKC and lower case, and
    // never combine with a character before them: the text can be normalised
    // in pieces cut before each of them, and one followed by another such
    // character is a piece of its own. Only the other pieces need the costly
    // pass (Chinese full-width punctuation is not NFKC).
    // The same holds for the common punctuation of Chinese text (see
    // `Punctuation`), whose normal forms are looked up instead.
    let punctuation = Punctuation::get();
    let mut piece = String::new();
    let fast = |c: char| c.is_ascii() || is_cjk_unified(c) || punctuation.has(c);
    // Each character is classified once, though it is looked at twice.
    let mut chars = text
        .chars()
        .filter(|&c| !is_format(c))
        .map(|c| (c, fast(c)))
        .peekable();
    while let Some((c, is_fast)) = chars.next() {
        if !is_fast {
            piece.push(c);
            continue;
        }
        if !piece.is_empty() {
            flush(&mut piece, out);
        }
        if chars.peek().is_some_and(|&(_, next_fast)| !next_fast) {
            // A combining mark may follow.
            piece.push(c);
        } else if c.is_ascii() {
            out.push(if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            });
        } else if is_cjk_unified(c) {
            out.push(c);
        } else {
            out.extend_from_slice(punctuation.normalized(c));
        }
    }
    flush(&mut piece, out);
}

/// A format character (category Cf), removed before normalising. NFKC and lower
/// casing never make one, nor change one, so removing them first is the same as
/// removing them anywhere.
pub fn is_format(c: char) -> bool {
    match c as u32 {
        // The first is U+00AD; ideographs and CJK and full-width punctuation
        // (most non-ASCII text) hold none.
        0..=0xAC | 0x3000..=0x301F | 0x4E00..=0x9FFF | 0xFF01..=0xFF5E => false,
        _ => get_general_category(c) == G::Format,
    }
}

/// CJK Unified Ideographs (the basic block): the characters of Chinese text.
pub fn is_cjk_unified(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The normalised forms of the punctuation Chinese text is full of: general
/// punctuation (U+2010–U+203F: dashes, quotes, `…`), CJK punctuation
/// (U+3000–U+301F: `、。《》「」【】`) and the full-width forms of ASCII
/// (U+FF01–U+FF5E: `，：；（）！？`). Each is a starter that nothing composes
/// with, as a character before or after it, so a text can be cut before it like
/// before ASCII. Without the table, every `，` and `。` sent its neighbourhood
/// through the NFKC pass. The forms are made by that pass, once.
struct Punctuation {
    forms: Vec<Vec<char>>,
}

const PUNCTUATION_RANGES: [std::ops::RangeInclusive<u32>; 3] =
    [0x2010..=0x203F, 0x3000..=0x301F, 0xFF01..=0xFF5E];

impl Punctuation {
    fn get() -> &'static Punctuation {
        static TABLE: std::sync::OnceLock<Punctuation> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| Punctuation {
            forms: PUNCTUATION_RANGES
                .iter()
                .flat_map(|range| range.clone())
                .map(|code| {
                    let mut form = Vec::new();
                    let c = char::from_u32(code).expect("the ranges hold no surrogates");
                    flush(&mut c.to_string(), &mut form);
                    form
                })
                .collect(),
        })
    }

    /// The character's place in `forms`.
    fn index(c: char) -> Option<usize> {
        let code = c as u32;
        let mut offset = 0;
        for range in &PUNCTUATION_RANGES {
            if range.contains(&code) {
                return Some(offset + (code - range.start()) as usize);
            }
            offset += range.clone().count();
        }
        None
    }

    fn has(&self, c: char) -> bool {
        Self::index(c).is_some()
    }

    fn normalized(&self, c: char) -> &[char] {
        Self::index(c).map_or(&[], |i| &self.forms[i])
    }
}

/// Normalises a piece of text onto `out`, and empties it.
fn flush(run: &mut String, out: &mut Vec<char>) {
    if run.is_empty() {
        return;
    }
    let mut push = |c: char| {
        for lower in c.to_lowercase() {
            out.push(if is_text(lower) { lower } else { ' ' });
        }
    };
    // Many pieces are NFKC already; the quick check skips the costly pass then.
    if is_nfkc_quick(run.chars()) == IsNormalized::Yes {
        run.chars().for_each(&mut push);
    } else {
        run.nfkc().for_each(&mut push);
    }
    run.clear();
}

/// The searchable text of a speech whose body's plain text is `text`: every
/// field a reader sees on its page, one per line, the title first so that
/// title matches are those at the start.
pub fn searchable_text(speech: &Speech, site: &Site, text: &str) -> String {
    search_fields(speech, site, text).join("\n")
}

/// The fields of the searchable text, in order: title, date as displayed,
/// speaker, role, occasion, place, organization, themes and tags (each joined
/// by spaces), and the plain text of the body (`text`, read from the spool by
/// the caller).
pub fn search_fields<'a>(speech: &'a Speech, site: &Site, text: &'a str) -> [Cow<'a, str>; FIELDS] {
    [
        Cow::Borrowed(speech.title.as_str()),
        Cow::Owned(speech.date.display(&site.language)),
        Cow::Borrowed(&speech.speaker),
        Cow::Borrowed(&speech.role),
        Cow::Borrowed(&speech.occasion),
        Cow::Borrowed(&speech.place),
        Cow::Borrowed(&speech.organization),
        Cow::Owned(speech.themes.join(" ")),
        Cow::Owned(speech.tags.join(" ")),
        Cow::Borrowed(text),
    ]
}

/// The searchable text of a page the editor made searchable: the fields of a
/// speech, with only the title and the body (`text`) filled in.
pub fn page_search_fields<'a>(page: &'a Page, text: &'a str) -> [Cow<'a, str>; FIELDS] {
    std::array::from_fn(|i| match i {
        0 => Cow::Borrowed(page.title.as_str()),
        i if i == FIELDS - 1 => Cow::Borrowed(text),
        _ => Cow::Borrowed(""),
    })
}

pub fn page_searchable_text(page: &Page, text: &str) -> String {
    page_search_fields(page, text).join("\n")
}

/// The query's terms: its runs of text, each at most once, in order.
pub fn terms(query: &str) -> Vec<Vec<char>> {
    terms_folded(query, Folding::builtin())
}

/// [`terms`] with the given folding (that of the index a query reads).
pub fn terms_folded(query: &str, folding: &Folding) -> Vec<Vec<char>> {
    let chars = normalize_folded(query, folding);
    let mut terms: Vec<Vec<char>> = Vec::new();
    for run in chars.split(|c| *c == ' ').filter(|r| !r.is_empty()) {
        if !terms.iter().any(|t| t == run) {
            terms.push(run.to_vec());
        }
    }
    terms
}

pub fn is_text(c: char) -> bool {
    // Fast paths for the common cases: ASCII and CJK Unified Ideographs.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_cjk_unified(c) {
        return true;
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(chars: &[char]) -> String {
        chars.iter().collect()
    }

    #[test]
    fn folds_width_and_case_and_separates_punctuation() {
        assert_eq!(
            s(&normalize("ＧＤＰ增长２０３５，维护“权益”")),
            "gdp增长2035 维护 权益 "
        );
    }

    /// The reference: format characters removed, NFKC over the whole string,
    /// then lower case, classify and fold.
    fn normalize_whole(text: &str) -> Vec<char> {
        let visible: String = text
            .chars()
            .filter(|&c| get_general_category(c) != G::Format)
            .collect();
        visible
            .nfkc()
            .flat_map(char::to_lowercase)
            .map(|c| if is_text(c) { c } else { ' ' })
            .map(|c| Folding::builtin().fold(c))
            .collect()
    }

    #[test]
    fn normalising_by_runs_is_normalising_the_whole() {
        for text in [
            "ＧＤＰ增长２０３５，维护“权益”",
            "Ⅻ①㊿ｶﾞ İ Σ a\u{301} A\u{301}中\u{301}。\u{301}",
            "\u{1100}\u{1161}\u{11a8}가 ㈱（ＡＢＣ） 😀x𠀀 〇々〆〡〸",
            "e\u{301}\u{323}维\u{301}\u{302}a\u{fe20}\u{fe21}ﬁ ﾞﾟ",
        ] {
            assert_eq!(normalize(text), normalize_whole(text), "{text:?}");
        }
        // Random mixes of characters that combine, decompose or compose.
        let alphabet: Vec<char> = "aAzZ09 .，。\u{200b}\u{ad}\u{202e}\u{feff}勞發\u{f900}中维\u{301}\u{323}\u{338}\u{3099}\u{309a}か\u{1100}\u{1161}\u{11a8}가Ａ①ﬁ㈱ｶﾞİΣ\u{b47}\u{b3e}\u{fe20}…‥　（“”、《》—"
            .chars()
            .collect();
        let mut seed = 7u64;
        for _ in 0..5000 {
            let text: String = (0..8)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(normalize(&text), normalize_whole(&text), "{text:?}");
        }
    }

    #[test]
    fn punctuation_from_the_table_is_normalised_as_in_the_whole() {
        // Every character of the table, alone and between neighbours that are
        // cut before, that combine, or that come from the table themselves.
        let neighbours = [
            "", "a", "Z", "9", "中", "，", "…", "\u{301}", "\u{3099}", "ｶ", "가",
        ];
        for range in PUNCTUATION_RANGES {
            for c in range.filter_map(char::from_u32) {
                for before in neighbours {
                    for after in neighbours {
                        let text = format!("{before}{c}{after}");
                        assert_eq!(normalize(&text), normalize_whole(&text), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn fields_normalised_one_by_one_are_the_joined_text_normalised() {
        let pieces = [
            "ＧＤＰ增长",
            "",
            "e\u{301}",
            "\u{301}维",
            "，",
            "…Ａ",
            "가\u{11a8}",
        ];
        for a in pieces {
            for b in pieces {
                let mut one_by_one = normalize(a);
                one_by_one.push(' ');
                one_by_one.extend(normalize(b));
                assert_eq!(one_by_one, normalize(&format!("{a}\n{b}")), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn format_characters_are_removed_not_separators() {
        for (text, want) in [
            ("维\u{200B}护职工\u{200D}权益", "维护职工权益"),
            ("\u{FEFF}合法\u{00AD}权益", "合法权益"),
            ("合\u{202E}法\u{202C}权\u{2066}益\u{2069}", "合法权益"),
            ("gdp\u{2060}增长\u{200C}\u{200B}", "gdp增长"),
            // Removed before NFKC: the accent composes across the removed space.
            ("e\u{200B}\u{301}", "é"),
        ] {
            assert_eq!(s(&normalize(text)), want, "{text:?}");
        }
        assert_eq!(terms("维\u{200B}护").len(), 1);
        assert!(terms("\u{200B}\u{FEFF}\u{00AD}").is_empty());
    }

    #[test]
    fn the_format_test_agrees_with_the_unicode_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let format = get_general_category(c) == G::Format;
            assert_eq!(is_format(c), format, "U+{:04X}", c as u32);
            // What makes removing them first the same as removing them anywhere.
            let normalised: Vec<char> = c.to_string().nfkc().flat_map(char::to_lowercase).collect();
            if format {
                assert_eq!(normalised, [c], "U+{:04X} changes", c as u32);
            } else {
                assert!(
                    !normalised
                        .iter()
                        .any(|&n| get_general_category(n) == G::Format),
                    "U+{:04X} makes a format character",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn traditional_characters_are_folded_one_for_one() {
        assert_eq!(s(&normalize("勞動，憲法")), "劳动 宪法");
        assert_eq!(s(&normalize("ＧＤＰ發展")), "gdp发展");
        // A compatibility ideograph is first made the unified one (NFKC), then folded.
        assert_eq!(s(&normalize("\u{f900}")), "岂");
        let traditional = "關於中華人民共和國憲法草案的報告";
        let simplified = "关于中华人民共和国宪法草案的报告";
        assert_eq!(normalize(traditional), normalize(simplified));
        assert_eq!(
            normalize(traditional).len(),
            traditional.chars().count(),
            "one character for one: positions are those of the text as written"
        );
        let none = Folding::none();
        assert_eq!(s(&normalize_folded("勞動", &none)), "勞動");
        assert_eq!(terms("勞動 劳动"), [vec!['劳', '动']]);
        assert_eq!(terms_folded("勞動 劳动", &none).len(), 2);
    }

    #[test]
    fn query_terms_split_on_any_separator() {
        let t: Vec<String> = terms("维护，权益 维护").iter().map(|t| s(t)).collect();
        assert_eq!(t, ["维护", "权益"]);
        assert_eq!(terms("“维护权益”").len(), 1);
        assert!(terms("，。!").is_empty());
    }
}
