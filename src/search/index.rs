//! Writing the index: every speech's normalised text becomes unigram postings and
//! positional bigram postings, grouped into shards by (segment, hash bucket).
//! Positions make matching exact for terms of any length; jieba word boundaries,
//! stored as two flag bits per position, let ranking prefer whole words.

use std::collections::BTreeMap;

use jieba_rs::Jieba;
use rayon::prelude::*;

use super::format::{self, DocInfo, Manifest, ManifestTheme, StoredDoc, FLAG_END, FLAG_START};
use super::normalize::normalize;
use crate::archive::Archive;
use crate::config::Site;
use crate::render::view::{locations, Urls};
use crate::render::Sink;

/// How many bytes of shard a gram lookup should download, on average.
const TARGET_SHARD_BYTES: usize = 12 * 1024;
const MAX_BUCKETS: u32 = 4096;

/// What the index holds for one gram in one speech.
#[derive(Debug, Default, Clone)]
struct Occurrences {
    /// Unigrams: how often, how often as a whole jieba word, whether in the title.
    count: u32,
    whole_words: u32,
    in_title: bool,
    /// Bigrams: each position, shifted left by two, with the boundary flags.
    positions: Vec<u32>,
}

/// One speech, reduced to what the shards need.
struct IndexedDoc {
    info: DocInfo,
    grams: Vec<(String, Occurrences)>,
}

pub struct IndexStats {
    pub files: usize,
    pub bytes: usize,
}

/// The searchable text of a speech: every field a reader sees on its page, one per
/// line, the title first so that title matches are those before `title_len`.
pub fn searchable_text(speech: &crate::speech::Speech, site: &Site) -> String {
    let date = speech.date.display(&site.language);
    let fields = [
        speech.title.as_str(),
        date.as_str(),
        &speech.speaker,
        &speech.role,
        &speech.occasion,
        &speech.place,
        &speech.organization,
        &speech.themes.join(" "),
        &speech.tags.join(" "),
        &speech.text,
    ];
    fields.join("\n")
}

pub fn write(
    site: &Site,
    archive: &Archive,
    urls: &Urls,
    jieba: &Jieba,
    sink: &dyn Sink,
) -> std::io::Result<IndexStats> {
    let n = archive.speeches.len();
    let speakers: Vec<String> = {
        let mut names: Vec<String> = archive.speakers.iter().map(|g| g.name.clone()).collect();
        names.sort();
        names
    };
    // Ids run oldest first, so a new speech (usually the newest) only touches
    // the last segment.
    let by_id: Vec<usize> = (0..n).rev().collect();
    let mut stats = IndexStats { files: 0, bytes: 0 };
    let mut write = |path: String, bytes: Vec<u8>| -> std::io::Result<()> {
        stats.files += 1;
        stats.bytes += bytes.len();
        sink.write(&path, &bytes)
    };

    let total_chars: usize = archive
        .speeches
        .iter()
        .map(|s| s.text.chars().count())
        .sum();
    // Compressed positions take about 1.5 bytes a character.
    let estimated_bytes = total_chars * 3 / 2 + n * 64;
    let buckets = (estimated_bytes / TARGET_SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(MAX_BUCKETS as usize) as u32;

    let mut infos = Vec::with_capacity(n);
    let mut total_len = 0u64;
    for (segment, ids) in by_id.chunks(format::SEGMENT_SIZE).enumerate() {
        let docs: Vec<IndexedDoc> = ids
            .par_iter()
            .map(|&i| index_doc(&archive.speeches[i], site, archive, &speakers, jieba))
            .collect();
        let mut shards: Vec<BTreeMap<&str, Vec<(u32, &Occurrences)>>> =
            vec![BTreeMap::new(); buckets as usize];
        for (local, doc) in docs.iter().enumerate() {
            for (gram, occ) in &doc.grams {
                let bucket = format::bucket_of(gram, buckets) as usize;
                shards[bucket]
                    .entry(gram)
                    .or_default()
                    .push((local as u32, occ));
            }
        }
        let encoded: Vec<(u32, Vec<u8>)> = shards
            .par_iter()
            .enumerate()
            .map(|(bucket, grams)| (bucket as u32, format::compress(&encode_shard(grams))))
            .collect();
        for (bucket, bytes) in encoded {
            write(format::shard_path(segment, bucket), bytes)?;
        }
        for doc in &docs {
            total_len += doc.info.len as u64;
            infos.push(doc.info);
        }
    }

    let stored: Vec<(usize, Vec<u8>)> = by_id
        .par_iter()
        .enumerate()
        .map(|(id, &i)| {
            let speech = &archive.speeches[i];
            let doc = StoredDoc {
                url: urls.path(&locations::speech(&speech.slug)),
                title: speech.title.clone(),
                date: speech.date.display(&site.language),
                speaker: speech.speaker.clone(),
                themes: speech.themes.clone(),
                text: searchable_text(speech, site),
            };
            let json = serde_json::to_vec(&doc).expect("stored docs serialise");
            (id, format::compress(&json))
        })
        .collect();
    for (id, bytes) in stored {
        write(format::stored_doc_path(id), bytes)?;
    }

    write(
        format::docs_path(),
        format::compress(&format::encode_docs(&infos)),
    )?;
    let manifest = Manifest {
        version: format::FORMAT_VERSION,
        doc_count: n,
        segment_size: format::SEGMENT_SIZE,
        buckets,
        avg_len: if n == 0 {
            0.0
        } else {
            total_len as f64 / n as f64
        },
        themes: site
            .themes
            .iter()
            .map(|t| ManifestTheme {
                name: t.name.clone(),
                slug: t.slug.clone(),
            })
            .collect(),
        speakers,
    };
    let json = serde_json::to_vec(&manifest).expect("the manifest serialises");
    write(format::manifest_path(), json)?;
    Ok(stats)
}

fn index_doc(
    speech: &crate::speech::Speech,
    site: &Site,
    archive: &Archive,
    speakers: &[String],
    jieba: &Jieba,
) -> IndexedDoc {
    let title_len = normalize(&speech.title).len() as u32;
    let chars = normalize(&searchable_text(speech, site));
    let boundaries = word_boundaries(&chars, jieba);

    let mut unigrams: BTreeMap<char, Occurrences> = BTreeMap::new();
    let mut bigrams: BTreeMap<[char; 2], Occurrences> = BTreeMap::new();
    for (p, &c) in chars.iter().enumerate() {
        if c == ' ' {
            continue;
        }
        let in_title = (p as u32) < title_len;
        let u = unigrams.entry(c).or_default();
        u.count += 1;
        u.in_title |= in_title;
        if boundaries[p] && boundaries[p + 1] {
            u.whole_words += 1;
        }
        if let Some(&next) = chars.get(p + 1).filter(|&&n| n != ' ') {
            let mut flags = 0;
            if boundaries[p] {
                flags |= FLAG_START;
            }
            if boundaries[p + 2] {
                flags |= FLAG_END;
            }
            bigrams
                .entry([c, next])
                .or_default()
                .positions
                .push(((p as u32) << 2) | flags);
        }
    }
    let mut grams: Vec<(String, Occurrences)> = unigrams
        .into_iter()
        .map(|(c, occ)| (c.to_string(), occ))
        .collect();
    grams.extend(
        bigrams
            .into_iter()
            .map(|(pair, occ)| (pair.iter().collect(), occ)),
    );

    let speaker = speakers
        .binary_search(&speech.speaker)
        .map_or(0, |i| i as u32 + 1);
    let themes = archive
        .themes
        .iter()
        .enumerate()
        .filter(|(_, (theme, _))| speech.themes.contains(&theme.name))
        .fold(0u32, |mask, (i, _)| mask | (1 << i.min(31)));
    let d = speech.date;
    IndexedDoc {
        info: DocInfo {
            date_key: d.year as u32 * 10000
                + d.month.unwrap_or(0) as u32 * 100
                + d.day.unwrap_or(0) as u32,
            speaker,
            themes,
            len: chars.len() as u32,
            title_len,
        },
        grams,
    }
}

/// `true` at every character offset where a jieba word starts or ends.
fn word_boundaries(chars: &[char], jieba: &Jieba) -> Vec<bool> {
    let text: String = chars.iter().collect();
    let mut boundaries = vec![false; chars.len() + 1];
    for token in
        jieba
            .cut(&text, false)
            .into_iter()
            .take(if std::env::var_os("NOJIEBA").is_some() {
                0
            } else {
                usize::MAX
            })
    {
        boundaries[token.start] = true;
        boundaries[token.end] = true;
    }
    boundaries
}

/// A shard: for each gram (sorted), its speeches. Unigrams carry counts; bigrams
/// carry positions, from which counts follow.
fn encode_shard(grams: &BTreeMap<&str, Vec<(u32, &Occurrences)>>) -> Vec<u8> {
    let mut out = Vec::new();
    for (gram, docs) in grams {
        format::put_str(&mut out, gram);
        format::put_varint(&mut out, docs.len() as u32);
        let mut previous = 0;
        for (doc, occ) in docs {
            format::put_varint(&mut out, doc - previous);
            previous = *doc;
            if occ.positions.is_empty() {
                format::put_varint(&mut out, (occ.count << 1) | occ.in_title as u32);
                format::put_varint(&mut out, occ.whole_words);
            } else {
                format::put_varint(&mut out, occ.positions.len() as u32);
                let mut last = 0;
                for &packed in &occ.positions {
                    let position = packed >> 2;
                    format::put_varint(&mut out, ((position - last) << 2) | (packed & 3));
                    last = position;
                }
            }
        }
    }
    out
}
