//! Repairs for the damage text picks up on its way through web pages, Word and chat
//! apps: HTML entities left as text (`&nbsp;`, `&ldquo;`), entities that lost their
//! `&` (`中国梦bull;劳动美`), zero-width characters, non-breaking spaces and
//! stray control characters. Every repair is counted for the report.

use std::collections::BTreeMap;

use crate::t;

/// Entities that turn up in copied speeches, and what they stand for.
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", " "),
    ("ensp", " "),
    ("emsp", " "),
    ("thinsp", " "),
    ("bull", "•"),
    ("middot", "·"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("times", "×"),
    ("divide", "÷"),
    ("deg", "°"),
    ("plusmn", "±"),
    ("permil", "‰"),
    ("yen", "¥"),
    ("copy", "©"),
    ("reg", "®"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
];

/// Entities that are still recognisable without their `&`: long, unusual words
/// that ordinary text never contains followed by `;`.
const LOST_AMPERSAND: &[&str] = &[
    "nbsp", "ensp", "emsp", "bull", "middot", "ldquo", "rdquo", "lsquo", "rsquo", "hellip",
    "mdash", "ndash",
];

pub const ENTITY: &str = "HTML entities such as &nbsp; or &ldquo; decoded";
pub const LOST_ENTITY: &str = "entities that had lost their & (bull; → •, nbsp; …) decoded";
pub const ZERO_WIDTH: &str = "zero-width characters removed";
pub const NBSP: &str = "non-breaking spaces made plain spaces";
pub const CONTROL: &str = "control characters removed";

/// A kind of repair in the user's language, for the report (the constants
/// above name the kinds, and order them).
pub fn describe(kind: &str) -> String {
    match kind {
        ENTITY => t!("import-repair-entity"),
        LOST_ENTITY => t!("import-repair-lost-entity"),
        ZERO_WIDTH => t!("import-repair-zero-width"),
        NBSP => t!("import-repair-nbsp"),
        CONTROL => t!("import-repair-control"),
        other => other.to_string(),
    }
}

/// The repaired text, and how many repairs of each kind were made.
pub fn repair(text: &str) -> (String, BTreeMap<&'static str, usize>) {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut previous: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        if c == '&' {
            if let Some((replacement, used)) = entity(&rest[1..]) {
                out.push_str(&replacement);
                *counts.entry(ENTITY).or_default() += 1;
                previous = replacement.chars().last();
                rest = &rest[1 + used..];
                continue;
            }
        } else if c.is_ascii_lowercase() && !previous.is_some_and(|p| p.is_ascii_alphanumeric()) {
            if let Some((name, replacement)) = lost_entity(rest) {
                out.push_str(replacement);
                *counts.entry(LOST_ENTITY).or_default() += 1;
                previous = replacement.chars().last();
                rest = &rest[name.len() + 1..];
                continue;
            }
        }
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {
                *counts.entry(ZERO_WIDTH).or_default() += 1;
            }
            '\u{00A0}' | '\u{202F}' => {
                out.push(' ');
                *counts.entry(NBSP).or_default() += 1;
            }
            // Windows (CRLF) and old Mac (CR) line endings are a convention, not damage.
            '\r' => {
                if !rest[1..].starts_with('\n') {
                    out.push('\n');
                }
            }
            // Word's manual line break, page break and form feed start a new line.
            '\u{000B}' | '\u{000C}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {
                *counts.entry(CONTROL).or_default() += 1;
            }
            c => out.push(c),
        }
        previous = Some(c);
        rest = &rest[len..];
    }
    (out, counts)
}

/// An entity after a `&`: `nbsp;`, `#12290;`, `#x3002;`, or a doubly escaped
/// `amp;nbsp;`. Returns the text it stands for and the bytes used after the `&`.
fn entity(s: &str) -> Option<(String, usize)> {
    let end = s.find(';')?;
    if end == 0 || end > 10 {
        return None;
    }
    let name = &s[..end];
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        let c = char::from_u32(value).filter(|c| !c.is_control() || *c == '\n')?;
        return Some((c.to_string(), end + 1));
    }
    if name == "amp" {
        // `&amp;nbsp;` was escaped twice: decode it as the inner entity.
        if let Some((inner, used)) = entity(&s[end + 1..]) {
            return Some((inner, end + 1 + used));
        }
    }
    ENTITIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| (r.to_string(), end + 1))
}

fn lost_entity(s: &str) -> Option<(&'static str, &'static str)> {
    LOST_AMPERSAND.iter().find_map(|name| {
        let rest = s.strip_prefix(name)?;
        rest.starts_with(';').then(|| {
            let replacement = ENTITIES
                .iter()
                .find(|(n, _)| n == name)
                .map_or(" ", |(_, r)| *r);
            (*name, replacement)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_entities_are_restored() {
        let (text, counts) = repair("不断深化“中国梦bull;劳动美”的宣传教育");
        assert_eq!(text, "不断深化“中国梦•劳动美”的宣传教育");
        assert_eq!(counts[LOST_ENTITY], 1);
        // A word that merely ends in the same letters is left alone.
        assert_eq!(repair("usebull; x").0, "usebull; x");
    }

    #[test]
    fn entities_and_invisible_characters_are_cleaned() {
        let (text, counts) =
            repair("&ldquo;两个确立&rdquo;&nbsp;决定性\u{200B}意义&#12290;&amp;nbsp;完");
        assert_eq!(text, "“两个确立” 决定性意义。 完");
        assert_eq!(counts[ENTITY], 5);
        assert_eq!(counts[ZERO_WIDTH], 1);
        assert_eq!(repair("A&B；R&D").0, "A&B；R&D");
    }

    #[test]
    fn line_endings_and_controls() {
        let (text, counts) = repair("一\r\n二\r三\u{0007}\u{000B}四");
        assert_eq!(text, "一\n二\n三\n四");
        assert_eq!(counts[CONTROL], 1);
    }
}
