//! The speech: one file of `content/`, parsed and checked.

use crate::t;
use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::fingerprint::{Fingerprint, Fingerprinted};
use crate::spool::{Spool, Spooled};

/// A date as archives know it: sometimes only the year, or the year and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `2014`, `2014-04` or `2014-04-28` (also with `/` or `.` between parts),
    /// and the forms editors type: `2014年4月28日`, `2014年4月`, `2014年`, `二〇一四年四月`.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let text = text.trim();
        if text.contains('年') {
            return Self::parse_chinese(text);
        }
        let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
        // `part` is year, month or day.
        let number = |s: &str, part: &str| -> Result<u32, String> {
            let not_a_number = || {
                t!(
                    "date-part-not-a-number",
                    part = part,
                    value = format!("{s:?}")
                )
            };
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 4 {
                Err(not_a_number())
            } else {
                s.parse().map_err(|_| not_a_number())
            }
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err(t!("date-not-a-date", text = format!("{text:?}")));
        }
        if parts[0].len() != 4 {
            return Err(t!("date-year-digits", text = format!("{text:?}")));
        }
        let year = number(parts[0], "year")?;
        let month = parts.get(1).map(|m| number(m, "month")).transpose()?;
        let day = parts.get(2).map(|d| number(d, "day")).transpose()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(t!(
                    "date-no-such-month",
                    month = m,
                    text = format!("{text:?}")
                ));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            let valid = jiff::civil::Date::new(year as i16, m as i8, d as i8).is_ok();
            if !valid {
                return Err(t!(
                    "date-no-such-day",
                    date = format!("{year}-{m:02}-{d:02}")
                ));
            }
        }
        Ok(PartialDate {
            year: year as i16,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    fn parse_chinese(text: &str) -> Result<PartialDate, String> {
        let not_a_date = || t!("date-not-a-chinese-date", text = format!("{text:?}"));
        let (date, len) = crate::dates::date_at(text).ok_or_else(not_a_date)?;
        if len != text.len() {
            return Err(not_a_date());
        }
        // The reader keeps the month of `2月30日`; a date an editor typed must exist.
        if date.day.is_none() && text.ends_with(['日', '号']) {
            return Err(t!("date-no-such-day", date = text));
        }
        Ok(date)
    }

    /// ISO form with only the known parts: `2014`, `2014-04`, `2014-04-28`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// A timestamp for feeds and sitemaps; unknown parts count as the first.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// The date as a reader of `language` expects it: `2014年4月28日` in Chinese.
    pub fn display(&self, language: &str) -> String {
        let chinese = language.starts_with("zh") || language.starts_with("ja");
        match (chinese, self.month, self.day) {
            (true, Some(m), Some(d)) => format!("{}年{m}月{d}日", self.year),
            (true, Some(m), None) => format!("{}年{m}月", self.year),
            (true, _, _) => format!("{}年", self.year),
            (false, _, _) => self.iso(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// A section heading of a speech, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
    /// The line of the speech's plain text (`Body::text`, counted from 0)
    /// the heading starts on: where its section begins, for the search.
    #[serde(skip)]
    pub text_line: usize,
}

/// The body of a speech or a page as read: its HTML and its plain text wait
/// in the spool (see [`crate::spool`]) for the stages that read them.
#[derive(Debug, Clone)]
pub struct Body {
    html: Spooled,
    /// Kept at hand: every rebuild fingerprints the page, and reads the HTML
    /// only when the page has to be written.
    html_fingerprint: Fingerprint,
    /// Paragraphs separated by newlines: for search, keywords and the data download.
    text: Spooled,
}

impl Body {
    /// Puts a body's HTML and plain text in `spool`.
    pub(crate) fn spool(html: &str, text: &str, spool: &Spool) -> io::Result<Body> {
        Ok(Body {
            html: spool.put(html)?,
            html_fingerprint: Fingerprinted::new(html).fingerprint(),
            text: spool.put(text)?,
        })
    }

    /// The HTML.
    pub fn html(&self) -> io::Result<String> {
        self.html.read()
    }

    /// The fingerprint of the HTML, as [`Fingerprinted`] makes it.
    pub fn html_fingerprint(&self) -> Fingerprint {
        self.html_fingerprint
    }

    /// The size of the HTML in bytes.
    pub fn html_len(&self) -> usize {
        self.html.len()
    }

    /// The plain text.
    pub fn text(&self) -> io::Result<String> {
        self.text.read()
    }
}

/// A speech as read from `content/`: its metadata, rendered body and plain text.
#[derive(Debug, Clone)]
pub struct Speech {
    /// Where it came from, relative to the site root (for messages).
    pub source_path: PathBuf,
    /// Line and column the URL comes from (the `slug` field, or the file's
    /// first line when the file name gave it), for messages.
    pub slug_at: (usize, usize),
    pub slug: String,
    pub title: String,
    pub date: PartialDate,
    /// The speaker as written in the front matter; the archive groups the
    /// spellings of one person (see [`crate::names`]).
    pub speaker: String,
    /// Line and column of the `speaker` field, for messages.
    pub speaker_at: (usize, usize),
    pub role: String,
    pub occasion: String,
    pub place: String,
    pub organization: String,
    /// Theme names, as declared in `site.toml`.
    pub themes: Vec<String>,
    pub tags: Vec<String>,
    pub source: String,
    /// The editor's summary, or else one cut from the opening paragraphs.
    pub summary: String,
    pub draft: bool,
    pub body: Body,
    pub headings: Vec<Heading>,
    /// Characters as a Chinese reader counts them, title included.
    pub char_count: usize,
    /// The fingerprint of the speech's searchable text (see
    /// [`crate::text::searchable_text`]): what its segmentation is
    /// cached under, and what tells the search index whether it changed.
    pub text_key: Fingerprint,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_parse_and_display() {
        let d = PartialDate::parse("2014-04-28").unwrap();
        assert_eq!(d.display("zh-CN"), "2014年4月28日");
        assert_eq!(
            PartialDate::parse("2014-04").unwrap().display("zh-CN"),
            "2014年4月"
        );
        assert_eq!(
            PartialDate::parse("2014").unwrap().display("zh-CN"),
            "2014年"
        );
        assert_eq!(PartialDate::parse("2014").unwrap().iso(), "2014");
        assert_eq!(PartialDate::parse("2014/4/8").unwrap().iso(), "2014-04-08");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(PartialDate::parse("2014-13").is_err());
        assert!(PartialDate::parse("2014-02-30").is_err());
        assert!(PartialDate::parse("14-02-03").is_err());
        assert!(PartialDate::parse("").is_err());
    }

    #[test]
    fn partial_dates_sort_before_full_dates_of_the_same_period() {
        let year = PartialDate::parse("2014").unwrap();
        let month = PartialDate::parse("2014-04").unwrap();
        let day = PartialDate::parse("2014-04-01").unwrap();
        assert!(year < month && month < day);
    }
}

#[cfg(test)]
mod editor_dates {
    use super::PartialDate;

    #[test]
    fn front_matter_dates_as_editors_type_them() {
        for (text, iso) in [
            ("2014年4月28日", "2014-04-28"),
            ("2014年4月", "2014-04"),
            ("2014年", "2014"),
            ("二〇一四年四月", "2014-04"),
            ("二〇一四年四月二十八日", "2014-04-28"),
            ("2014-04-28", "2014-04-28"),
            ("2014/4/28", "2014-04-28"),
        ] {
            assert_eq!(
                PartialDate::parse(text).map(|d| d.iso()),
                Ok(iso.to_string()),
                "{text}"
            );
        }
        for bad in ["2014年2月30日", "2014年13月", "2014年4月28日上午", "四月"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }
}
