//! Citations of a speech: the GB/T 7714-2015 reference shown on its page, and
//! the downloads that reference managers import (BibTeX, RIS, CSL-JSON), held
//! in the page itself as `data:` links, so that a site has no more files than
//! pages (static hosts limit files per deploy). Every format is made from one [`Record`], whose text has already
//! lost the characters no citation may hold (see [`clean`]).

mod bibtex;
mod csl;
mod gbt7714;
mod ris;

use serde::Serialize;

use super::view::SpeechSummary;
use crate::config::Site;
use crate::speech::{PartialDate, Speech};
use crate::urls::Urls;

pub(crate) use gbt7714::Reference;

/// What a citation says of a speech.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Record {
    /// The citation key: the speech's slug, unique in the archive.
    pub key: String,
    pub title: String,
    pub speaker: String,
    pub role: String,
    pub occasion: String,
    pub place: String,
    pub organization: String,
    #[serde(serialize_with = "iso")]
    pub date: PartialDate,
    /// The page's absolute address.
    pub url: String,
    /// The absolute address of the speaker's page, when the speech has a speaker.
    pub speaker_url: String,
    /// Theme names and the absolute addresses of their pages.
    pub themes: Vec<(String, String)>,
    pub tags: Vec<String>,
    pub summary: String,
    /// The site's language, e.g. `zh-CN`.
    pub language: String,
    pub kind: Kind,
}

/// What kind of text a speech is, for metadata that tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum Kind {
    Speech,
    /// A 工作报告 (work report): its title says so, in either script.
    Report,
}

impl Kind {
    fn of(title: &str) -> Kind {
        if title.contains("工作报告") || title.contains("工作報告") {
            Kind::Report
        } else {
            Kind::Speech
        }
    }
}

fn iso<S: serde::Serializer>(date: &PartialDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&date.iso())
}

impl Record {
    pub(crate) fn new(
        speech: &Speech,
        summary: &SpeechSummary,
        site: &Site,
        urls: &Urls,
    ) -> Record {
        let base_path = site.base_path();
        let absolute = |path: &str| {
            path.strip_prefix(&base_path)
                .map(|rel| urls.permalink(rel))
                .unwrap_or_default()
        };
        Record {
            key: speech.slug.clone(),
            title: clean(&speech.title),
            // The person, as their speaker page names them (one name for
            // every spelling of it).
            speaker: clean(&summary.speaker),
            role: clean(&speech.role),
            occasion: clean(&speech.occasion),
            place: clean(&speech.place),
            organization: clean(&speech.organization),
            date: speech.date,
            url: summary.permalink.clone(),
            speaker_url: absolute(&summary.speaker_url),
            themes: summary
                .themes
                .iter()
                .map(|theme| (clean(&theme.name), absolute(&theme.url)))
                .collect(),
            tags: speech.tags.iter().map(|tag| clean(tag)).collect(),
            summary: clean(&speech.summary),
            language: site.language.clone(),
            kind: Kind::of(&speech.title),
        }
    }

    /// Themes, then tags, each once: the keywords of every format.
    pub(crate) fn keywords(&self) -> Vec<&str> {
        let mut keywords: Vec<&str> = Vec::new();
        for word in self.themes.iter().map(|(name, _)| name).chain(&self.tags) {
            if !keywords.contains(&word.as_str()) {
                keywords.push(word);
            }
        }
        keywords
    }

    pub(crate) fn reference(&self) -> Reference {
        gbt7714::reference(self)
    }
}

/// The formats a speech's citation downloads in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    BibTeX,
    Ris,
    CslJson,
}

impl Format {
    pub(crate) const ALL: [Format; 3] = [Format::BibTeX, Format::Ris, Format::CslJson];

    /// The format's name, its file name extension and its media type.
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Format::BibTeX => ("BibTeX", "bib", "application/x-bibtex"),
            Format::Ris => ("RIS", "ris", "application/x-research-info-systems"),
            Format::CslJson => (
                "CSL-JSON",
                "json",
                "application/vnd.citationstyles.csl+json",
            ),
        }
    }

    /// The record in this format as a link that downloads it: a `data:` URL
    /// (base64 of the UTF-8 text), saved as `<slug>.<extension>`.
    pub(crate) fn download(self, record: &Record) -> Download {
        use base64::Engine;
        let (label, extension, media_type) = self.names();
        let text = self.write(record);
        Download {
            label,
            file_name: format!("{}.{extension}", record.key),
            media_type,
            href: format!(
                "data:{media_type};charset=utf-8;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(text)
            ),
        }
    }

    pub(crate) fn write(self, record: &Record) -> String {
        match self {
            Format::BibTeX => bibtex::entry(record),
            Format::Ris => ris::record(record),
            Format::CslJson => csl::items(record),
        }
    }
}

/// A citation download as the page links it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Download {
    pub label: &'static str,
    pub file_name: String,
    pub media_type: &'static str,
    pub href: String,
}

/// Text as a citation may hold it: line breaks and tabs become spaces (a
/// reference is one line, and RIS gives each field one), other control
/// characters are dropped, and runs of spaces are one.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The speech every format is checked with.
    pub(crate) fn record() -> Record {
        Record {
            key: "2014-04-28-xiaogan".into(),
            title: "在全市工会工作会议上的讲话".into(),
            speaker: "王凯".into(),
            role: "市总工会主席".into(),
            occasion: "孝感市总工会十四届三次全委会议".into(),
            place: "孝感".into(),
            organization: "孝感市总工会".into(),
            date: PartialDate::parse("2014-04-28").unwrap(),
            url: "https://example.org/speeches/2014-04-28-xiaogan/".into(),
            speaker_url: "https://example.org/speakers/wang-kai/".into(),
            themes: vec![("维权".into(), "https://example.org/themes/weiquan/".into())],
            tags: vec!["工会".into(), "维权".into()],
            summary: "今天召开全市工会工作会议。".into(),
            language: "zh-CN".into(),
            kind: Kind::Speech,
        }
    }

    #[test]
    fn clean_text_is_one_line_without_controls() {
        assert_eq!(
            clean("两行\n的\u{7}场合\t 与\r\n空格 "),
            "两行 的场合 与 空格"
        );
        assert_eq!(clean("\u{85}标题\u{9f}"), "标题");
    }

    #[test]
    fn a_work_report_is_told_by_its_title() {
        assert_eq!(Kind::of("2024年政府工作报告"), Kind::Report);
        assert_eq!(Kind::of("市总工会第十五届委员会工作報告"), Kind::Report);
        assert_eq!(Kind::of("在全市工会工作会议上的讲话"), Kind::Speech);
        assert_eq!(Kind::of("关于劳动竞赛的报告"), Kind::Speech);
    }

    #[test]
    fn keywords_are_themes_then_tags_once() {
        assert_eq!(record().keywords(), ["维权", "工会"]);
    }
}
