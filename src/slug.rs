//! ASCII URL segments. Site URLs stay ASCII so they survive being pasted into chat
//! apps, mail and old CMSs; Han characters are spelled out in pinyin.

use pinyin::ToPinyin;

/// A slug holds ASCII letters, digits, `-` and `_`. No dots: a slug names a
/// folder, and `index.html` or `..` must never be one.
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

/// Turns any text into a slug: Han characters become pinyin syllables, other
/// letters and digits are kept in lower case, everything else becomes one hyphen.
///
/// ```
/// assert_eq!(lectern::slug::slugify("李强 2024年"), "li-qiang-2024-nian");
/// ```
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let push_word = |out: &mut String, word: &str, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push('-');
        }
        *pending = false;
        out.push_str(word);
    };
    let mut last_was_pinyin = false;
    for c in text.chars() {
        if let Some(py) = c.to_pinyin() {
            // Each syllable is its own word so that "李强" reads "li-qiang".
            pending_hyphen = true;
            push_word(&mut out, py.plain(), &mut pending_hyphen);
            pending_hyphen = true;
            last_was_pinyin = true;
        } else if c.is_ascii_alphanumeric() {
            if last_was_pinyin {
                pending_hyphen = true;
            }
            let lower = c.to_ascii_lowercase().to_string();
            push_word(&mut out, &lower, &mut pending_hyphen);
            last_was_pinyin = false;
        } else {
            pending_hyphen = true;
            last_was_pinyin = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_become_pinyin_words() {
        assert_eq!(slugify("李强"), "li-qiang");
        assert_eq!(slugify("2014年工会工作"), "2014-nian-gong-hui-gong-zuo");
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("  a__b  "), "a-b");
    }

    #[test]
    fn validity_rejects_paths_and_non_ascii() {
        assert!(is_valid("2014-04-28-gonghui"));
        assert!(!is_valid("a/b"));
        assert!(!is_valid(".."));
        assert!(!is_valid("index.html"));
        assert!(!is_valid("维权"));
        assert!(!is_valid("a b"));
        assert!(!is_valid(""));
    }
}
