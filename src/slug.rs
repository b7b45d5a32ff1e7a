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

/// The longest slug, in bytes: well below the 255 bytes a folder name may have,
/// and short enough to read in a link.
pub const MAX_BYTES: usize = 80;

/// Turns any text into a slug: Han characters become pinyin syllables, other
/// letters and digits are kept in lower case, everything else becomes one hyphen.
/// A slug longer than [`MAX_BYTES`] is cut after a whole syllable or word and
/// ends in a short hash of the whole, so two long names that start alike still
/// differ.
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
    cap(out)
}

fn cap(slug: String) -> String {
    if slug.len() <= MAX_BYTES {
        return slug;
    }
    let hash = format!(
        "{:06x}",
        xxhash_rust::xxh3::xxh3_64(slug.as_bytes()) & 0xff_ffff
    );
    // Room for "-" and the hash; slugs are ASCII, so any byte is a boundary.
    let room = MAX_BYTES - hash.len() - 1;
    let cut = slug[..=room].rfind('-').unwrap_or(room);
    format!("{}-{hash}", &slug[..cut])
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
    fn long_names_are_cut_after_a_syllable_with_a_hash_of_the_whole() {
        let long = "关于进一步加强新时代产业工人队伍建设改革和维护职工合法权益的若干意见在全县工会工作会议上的讲话稿";
        let slug = slugify(long);
        assert!(slug.len() <= MAX_BYTES, "{slug}");
        assert!(is_valid(&slug));
        assert!(slug.starts_with("guan-yu-jin-yi-bu-"), "{slug}");
        let (head, hash) = slug.rsplit_once('-').unwrap();
        assert_eq!(hash.len(), 6);
        assert!(long.contains("讲话") && !head.ends_with('-'));
        let other = slugify(&long.replace("讲话稿", "报告稿"));
        assert_ne!(slug, other, "names that differ only at the end stay apart");
        assert_eq!(slugify("李强"), "li-qiang", "short slugs are not touched");
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
