//! The one definition of searchable text, shared with the browser client
//! (`search.js` implements the same steps): NFKC, then lower case per character;
//! letters and numbers (Unicode categories L and N) are text, everything else
//! separates runs, and a match never crosses a separator.

use std::borrow::Cow;

use unicode_general_category::{get_general_category, GeneralCategory as G};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::format::FIELDS;
use crate::config::Site;
use crate::speech::Speech;

/// Normalised text as characters, with separators kept (as `' '`) so that
/// positions count every character and never join two runs.
pub fn normalize(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut push = |c: char| {
        for lower in c.to_lowercase() {
            out.push(if is_text(lower) { lower } else { ' ' });
        }
    };
    // Most text is NFKC already; the quick check skips the costly pass then.
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().for_each(&mut push);
    } else {
        text.nfkc().for_each(&mut push);
    }
    out
}

/// The searchable text of a speech: every field a reader sees on its page, one per
/// line, the title first so that title matches are those at the start.
pub fn searchable_text(speech: &Speech, site: &Site) -> String {
    search_fields(speech, site).join("\n")
}

/// The fields of the searchable text, in order: title, date as displayed,
/// speaker, role, occasion, place, organization, themes and tags (each joined
/// by spaces), and the plain text of the body.
pub fn search_fields<'a>(speech: &'a Speech, site: &Site) -> [Cow<'a, str>; FIELDS] {
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
        Cow::Borrowed(&speech.text),
    ]
}

/// The query's terms: its runs of text, each at most once, in order.
pub fn terms(query: &str) -> Vec<Vec<char>> {
    let chars = normalize(query);
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
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
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

    #[test]
    fn query_terms_split_on_any_separator() {
        let t: Vec<String> = terms("维护，权益 维护").iter().map(|t| s(t)).collect();
        assert_eq!(t, ["维护", "权益"]);
        assert_eq!(terms("“维护权益”").len(), 1);
        assert!(terms("，。!").is_empty());
    }
}
