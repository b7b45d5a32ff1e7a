//! The data download for researchers (`data/`, described in `docs/data.md`):
//! every published speech's metadata and full text as JSON Lines, the metadata
//! as CSV, and each speech as plain text. Speeches come in the archive's order
//! (newest first), fields in a fixed order, so the same archive gives the same
//! bytes.
//!
//! Each file's fingerprint is made from what goes into it (a speech's text by
//! its `text_key`), so a build that changed nothing keeps the files without
//! making them again, and one edited speech remakes only its own text and the
//! two files of the whole archive.

use std::collections::BTreeMap;
use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::archive::Archive;
use crate::config::Site;
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::sink::Sink;
use crate::speech::Speech;
use crate::urls::{locations, Urls};

/// Changes whenever the files' layout does, so files of an older layout are
/// never kept.
const FORMAT: u32 = 1;

/// The columns of the CSV, and the fields of each JSON line before `text`.
pub(crate) const COLUMNS: [&str; 19] = [
    "slug",
    "url",
    "title",
    "date",
    "year",
    "speaker",
    "speaker_name",
    "speaker_url",
    "role",
    "occasion",
    "place",
    "organization",
    "themes",
    "tags",
    "source",
    "summary",
    "char_count",
    "text_url",
    "file",
];

/// How the CSV joins a list (themes, tags) into one cell.
pub(crate) const LIST_SEPARATOR: &str = "; ";

/// One speech as the data download has it. Field order is `COLUMNS`, then `text`.
#[derive(Clone, Serialize)]
struct Record<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    date: String,
    year: i16,
    speaker: &'a str,
    speaker_name: &'a str,
    speaker_url: String,
    role: &'a str,
    occasion: &'a str,
    place: &'a str,
    organization: &'a str,
    themes: &'a [String],
    tags: &'a [String],
    source: &'a str,
    summary: &'a str,
    char_count: usize,
    text_url: String,
    file: String,
    /// Left out of fingerprints (the speech's `text_key` stands for it) and of the CSV.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip)]
    speech: &'a Speech,
}

impl Record<'_> {
    fn cells(&self) -> [String; COLUMNS.len()] {
        [
            self.slug.to_string(),
            self.url.clone(),
            self.title.to_string(),
            self.date.clone(),
            self.year.to_string(),
            self.speaker.to_string(),
            self.speaker_name.to_string(),
            self.speaker_url.clone(),
            self.role.to_string(),
            self.occasion.to_string(),
            self.place.to_string(),
            self.organization.to_string(),
            self.themes.join(LIST_SEPARATOR),
            self.tags.join(LIST_SEPARATOR),
            self.source.to_string(),
            self.summary.to_string(),
            self.char_count.to_string(),
            self.text_url.clone(),
            self.file.clone(),
        ]
    }
}

/// The labels of the plain-text download, from the theme's UI strings.
const LABELS: [&str; 10] = [
    "speaker",
    "role",
    "date",
    "occasion",
    "place",
    "organization",
    "themes",
    "tags",
    "source",
    "web_address",
];

/// Writes the data download; returns the number of files. Drafts are never
/// in it, not even in a build with `--drafts`.
pub(crate) fn write(
    site: &Site,
    archive: &Archive,
    strings: &BTreeMap<String, String>,
    sink: &dyn Sink,
) -> std::io::Result<usize> {
    let urls = Urls::new(site);
    let records: Vec<Record> = (0..archive.speeches.len())
        .filter(|&i| !archive.speeches[i].draft)
        .map(|i| record(archive, i, &urls))
        .collect();
    let label = |key: &'static str| strings.get(key).map_or(key, String::as_str);
    let labels: Vec<&str> = LABELS.iter().map(|&key| label(key)).collect();
    let separator = label("label_sep");
    let mut shared = Fingerprinter::new("data download");
    shared.value(&FORMAT);
    let fingerprints: Vec<Fingerprint> = records
        .par_iter()
        .map(|record| {
            let mut f = shared.clone();
            f.value(record).fingerprint(record.speech.text_key);
            f.finish()
        })
        .collect();

    let mut texts = shared.clone();
    texts.value(&labels).value(separator).value(&site.language);
    records
        .par_iter()
        .zip(&fingerprints)
        .try_for_each(|(record, &fingerprint)| {
            let path = locations::speech_text(record.slug);
            let mut f = texts.clone();
            let fingerprint = f.fingerprint(fingerprint).finish();
            if sink.keep(&path, fingerprint) {
                return Ok(());
            }
            let text = plain_text(
                record,
                &record.speech.body.text()?,
                site,
                &labels,
                separator,
            );
            sink.write(&path, fingerprint, text.as_bytes())
        })?;

    let mut whole = shared.clone();
    for &fingerprint in &fingerprints {
        whole.fingerprint(fingerprint);
    }
    let whole = whole.finish();
    // Streamed: the JSON Lines are about as large as all the texts together.
    if !sink.keep(locations::DATA_JSONL, whole) {
        sink.write_from(locations::DATA_JSONL, whole, &mut |out| {
            json_lines(&records, out)
        })?;
    }
    if !sink.keep(locations::DATA_CSV, whole) {
        sink.write_from(locations::DATA_CSV, whole, &mut |out| csv(&records, out))?;
    }
    Ok(records.len() + 2)
}

fn record<'a>(archive: &'a Archive, i: usize, urls: &Urls) -> Record<'a> {
    let speech = &archive.speeches[i];
    let speaker = archive.speaker(i);
    Record {
        slug: &speech.slug,
        url: urls.permalink(&locations::speech(&speech.slug)),
        title: &speech.title,
        date: speech.date.iso(),
        year: speech.date.year,
        speaker: &speech.speaker,
        speaker_name: speaker.map_or("", |s| s.group.name.as_str()),
        speaker_url: speaker
            .map(|s| urls.permalink(&locations::speaker(&s.group.slug)))
            .unwrap_or_default(),
        role: &speech.role,
        occasion: &speech.occasion,
        place: &speech.place,
        organization: &speech.organization,
        themes: &speech.themes,
        tags: &speech.tags,
        source: &speech.source,
        summary: &speech.summary,
        char_count: speech.char_count,
        text_url: urls.permalink(&locations::speech_text(&speech.slug)),
        file: speech
            .source_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        text: None,
        speech,
    }
}

/// One JSON object a line, each with the speech's full text.
fn json_lines(records: &[Record], out: &mut dyn Write) -> std::io::Result<()> {
    for record in records {
        let text = record.speech.body.text()?;
        let line = Record {
            text: Some(&text),
            ..record.clone()
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// RFC 4180 CSV (quoted where needed, CRLF line ends) after a UTF-8
/// byte-order mark, which is how Excel knows the file is UTF-8.
fn csv(records: &[Record], out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(COLUMNS)?;
    for record in records {
        writer.write_record(record.cells())?;
    }
    writer.flush()
}

/// The title, a line per known field, the address, then the text (the body's
/// plain text) with a blank line between paragraphs.
fn plain_text(
    record: &Record,
    text: &str,
    site: &Site,
    labels: &[&str],
    separator: &str,
) -> String {
    let speech = record.speech;
    let mut out = String::with_capacity(text.len() + 512);
    out.push_str(&speech.title);
    out.push_str("\n\n");
    let list = if site.language.starts_with("zh") {
        "、"
    } else {
        ", "
    };
    let date = speech.date.display(&site.language);
    let fields = [
        record.speaker_name,
        record.role,
        &date,
        record.occasion,
        record.place,
        record.organization,
        &record.themes.join(list),
        &record.tags.join(list),
        record.source,
        &record.url,
    ];
    for (label, value) in labels.iter().zip(fields) {
        if !value.is_empty() {
            out.push_str(&format!("{label}{separator}{value}\n"));
        }
    }
    out.push('\n');
    for paragraph in text.lines().filter(|l| !l.trim().is_empty()) {
        out.push_str(paragraph);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
