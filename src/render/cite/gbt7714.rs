//! The reference in the form of GB/T 7714-2015 (信息与文献 参考文献著录规则).
//!
//! A speech is 其他 (type code `Z`); the reference points at its copy on this
//! site, an online resource, so the carrier code `OL` follows (the standard's
//! `[文献类型标识/文献载体标识]`). The standard's form for a resource of this
//! kind is
//!
//! ```text
//! 主要责任者. 题名: 其他题名信息[文献类型标识/文献载体标识]. 出版地: 出版者, 出版年[引用日期]. 获取和访问路径.
//! ```
//!
//! and lectern fills it in as
//!
//! ```text
//! 讲话人. 标题: 场合[Z/OL]. 地点, 日期[引用日期]. 网址.
//! 王凯. 在全市工会工作会议上的讲话: 孝感市总工会十四届三次全委会议[Z/OL]. 孝感, 2014-04-28[2025-05-01]. https://example.org/speeches/2014-04-28-xiaogan/.
//! ```
//!
//! - the speaker is the 主要责任者; without one the reference starts with the
//!   title, as the standard allows;
//! - the occasion is the 其他题名信息, unless the title already holds it
//!   (`在…会议上的讲话` often does);
//! - a speech has no publisher: the place where it was given stands for the
//!   出版地, and the date it was given for the 出版年, as far as it is known
//!   (`2014`, `2014-04`, `2014-04-28`, the standard's date form);
//! - the 引用日期 (access date) is the reader's: the page fills in the day it
//!   is read (see [`Reference::text`]), a static page cannot know it;
//! - ASCII punctuation with a space after it, as in the standard's examples.

use super::Record;

/// A reference, in the parts a page needs to put the reader's access date and
/// a paragraph's address into it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Reference {
    /// Everything before the access date.
    pub head: String,
    /// The speech's address.
    pub url: String,
}

impl Reference {
    /// The whole reference; `accessed` is the 引用日期 as `YYYY-MM-DD`, if known.
    #[cfg(test)]
    pub(crate) fn text(&self, accessed: Option<&str>) -> String {
        let accessed = accessed.map(|d| format!("[{d}]")).unwrap_or_default();
        format!("{}{accessed}. {}.", self.head, self.url)
    }
}

pub(super) fn reference(record: &Record) -> Reference {
    let mut head = String::new();
    if !record.speaker.is_empty() {
        head.push_str(&record.speaker);
        head.push_str(". ");
    }
    head.push_str(&record.title);
    if !record.occasion.is_empty() && !record.title.contains(&record.occasion) {
        head.push_str(": ");
        head.push_str(&record.occasion);
    }
    head.push_str("[Z/OL]. ");
    if !record.place.is_empty() {
        head.push_str(&record.place);
        head.push_str(", ");
    }
    head.push_str(&record.date.iso());
    Reference {
        head,
        url: record.url.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::record;
    use crate::speech::PartialDate;

    #[test]
    fn the_reference_of_the_fixture_speech() {
        assert_eq!(
            record().reference().text(Some("2025-05-01")),
            "王凯. 在全市工会工作会议上的讲话: 孝感市总工会十四届三次全委会议[Z/OL]. 孝感, 2014-04-28[2025-05-01]. https://example.org/speeches/2014-04-28-xiaogan/."
        );
    }

    #[test]
    fn what_is_unknown_is_left_out_and_partial_dates_are_cited_as_known() {
        let mut record = record();
        record.speaker.clear();
        record.place.clear();
        record.date = PartialDate::parse("2014-04").unwrap();
        record.title = "在孝感市总工会十四届三次全委会议上的讲话".into();
        assert_eq!(
            record.reference().text(None),
            "在孝感市总工会十四届三次全委会议上的讲话[Z/OL]. 2014-04. https://example.org/speeches/2014-04-28-xiaogan/."
        );
        record.date = PartialDate::parse("2014").unwrap();
        assert!(record.reference().head.ends_with("[Z/OL]. 2014"));
    }
}
