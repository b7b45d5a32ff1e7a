//! Control characters that text pasted from Word or other programs carries, and
//! that no XML file (feeds, sitemap) may hold.
//!
//! Per character: tab, line feed and carriage return are text; U+000B, Word's
//! manual line break, is kept and becomes a line break in the page (see
//! [`markdown::LINE_BREAK`](super::markdown::LINE_BREAK)) and a space in front
//! matter; every other C0 control and the non-characters U+FFFE and U+FFFF are
//! removed, and the editor is told where they were.

use crate::t;
use std::borrow::Cow;

/// A character that was removed, with its 1-based place in the file.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Removed {
    pub character: char,
    pub line: usize,
    pub column: usize,
}

fn is_removed(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\u{b}')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// The text without the characters that cannot be published, and where they were.
pub(super) fn remove(text: &str) -> (Cow<'_, str>, Vec<Removed>) {
    if !text.contains(is_removed) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut kept = String::with_capacity(text.len());
    let mut removed = Vec::new();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        for (column, c) in line.chars().enumerate() {
            if is_removed(c) {
                removed.push(Removed {
                    character: c,
                    line: index + 1,
                    column: column + 1,
                });
            } else {
                kept.push(c);
            }
        }
    }
    (Cow::Owned(kept), removed)
}

/// `U+0001 at line 3, U+0000 at line 9 and 4 more`, for one message per file.
pub(super) fn describe(removed: &[Removed]) -> String {
    const SHOWN: usize = 3;
    let mut places: Vec<String> = removed
        .iter()
        .take(SHOWN)
        .map(|r| {
            let code = format!("U+{:04X}", r.character as u32);
            t!("control-at-line", code = code, line = r.line)
        })
        .collect();
    if removed.len() > SHOWN {
        places.push(t!("control-more", more = removed.len() - SHOWN));
    }
    places.join(&t!("list-separator"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_and_text_stays() {
        let (kept, removed) = remove("标\u{1}题\n\t正文\u{0}。\u{b}下一行\r\n\u{ffff}末");
        assert_eq!(kept, "标题\n\t正文。\u{b}下一行\r\n末");
        assert_eq!(
            removed,
            [
                Removed {
                    character: '\u{1}',
                    line: 1,
                    column: 2
                },
                Removed {
                    character: '\0',
                    line: 2,
                    column: 4
                },
                Removed {
                    character: '\u{ffff}',
                    line: 3,
                    column: 1
                },
            ]
        );
        assert_eq!(
            describe(&removed),
            "U+0001 at line 1, U+0000 at line 2, U+FFFF at line 3"
        );
        assert!(matches!(remove("干净的文字\n").0, Cow::Borrowed(_)));
    }
}
