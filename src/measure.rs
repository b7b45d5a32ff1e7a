//! Text measures for Chinese: character counts, reading time and summaries.

/// Characters a reader of Chinese reads per minute: a common planning figure for
/// speech text, between silent reading (~500) and delivery (~250).
const CHARS_PER_MINUTE: usize = 400;

/// Counts what a Chinese reader counts as characters: each Han (or other CJK)
/// character, plus each run of Latin letters or digits as one word.
pub(crate) fn char_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                count += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    count
}

/// Reading time in whole minutes, at least one.
pub(crate) fn reading_minutes(char_count: usize) -> usize {
    char_count.div_ceil(CHARS_PER_MINUTE).max(1)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F
        | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

const SENTENCE_ENDS: &[char] = &['。', '！', '？', '!', '?', '；'];

/// A summary of about `target` characters that ends at a sentence end: the longest
/// run of whole sentences that fits, or the first sentence if even that is longer
/// (cut with an ellipsis only when it exceeds twice the target).
pub(crate) fn summary(text: &str, target: usize) -> String {
    let text = text.trim();
    let mut end = None;
    let mut chars_seen = 0;
    for (offset, c) in text.char_indices() {
        chars_seen += 1;
        if SENTENCE_ENDS.contains(&c) {
            let after = offset + c.len_utf8();
            // Keep a closing quote that belongs to the sentence.
            let after = text[after..]
                .chars()
                .take_while(|c| matches!(c, '”' | '’' | '」' | '』' | '）' | ')'))
                .map(char::len_utf8)
                .sum::<usize>()
                + after;
            if chars_seen <= target || end.is_none() {
                end = Some(after);
            }
            if chars_seen >= target {
                break;
            }
        }
        if end.is_none() && chars_seen >= target * 2 {
            return format!("{}…", text[..offset + c.len_utf8()].trim_end());
        }
    }
    let cut = end.unwrap_or(text.len());
    // Summaries are one paragraph: line breaks become nothing in Chinese text.
    text[..cut].replace('\n', " ").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_han_characters_and_latin_words() {
        assert_eq!(char_count("全县GDP增长8.5%，工会"), 2 + 1 + 2 + 1 + 1 + 2);
        assert_eq!(char_count(""), 0);
    }

    #[test]
    fn reading_time_is_at_least_a_minute() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(400), 1);
        assert_eq!(reading_minutes(401), 2);
    }

    #[test]
    fn summary_ends_at_a_sentence_end() {
        let text = "第一句话。第二句话比较长一些！第三句。";
        assert_eq!(summary(text, 6), "第一句话。");
        assert_eq!(summary(text, 15), "第一句话。第二句话比较长一些！");
        assert_eq!(summary("“好。”他说。", 3), "“好。”");
    }

    #[test]
    fn summary_of_text_without_sentence_ends_is_cut_with_ellipsis() {
        let text = "没有句号的长文本".repeat(10);
        let s = summary(&text, 5);
        assert!(s.ends_with('…'));
        assert_eq!(s.chars().count(), 11);
    }
}
