//! Writing the index: every speech's normalised text becomes unigram postings and
//! positional bigram postings, grouped into shards by (segment, hash bucket).
//! Positions make matching exact for terms of any length; jieba word boundaries,
//! stored as two flag bits per position, let ranking prefer whole words.

use rayon::prelude::*;

use super::format::{self, DocInfo, Manifest, ManifestTheme, StoredDoc, FLAG_END, FLAG_START};
use super::normalize::{normalize, searchable_text};
use crate::archive::analysis::Analysis;
use crate::archive::Archive;
use crate::config::Site;
use crate::render::view::{locations, Urls};
use crate::render::Sink;

/// How many bytes of shard a gram lookup should download, on average.
const TARGET_SHARD_BYTES: usize = 12 * 1024;
const MAX_BUCKETS: u32 = 4096;

/// A gram as a number: a unigram is its code point; a bigram sets the top bit
/// and packs both code points (21 bits each). Sorting numbers is far cheaper
/// than sorting strings, and the order only has to be deterministic.
type GramKey = u64;
const BIGRAM: GramKey = 1 << 63;

fn bigram_key(a: char, b: char) -> GramKey {
    BIGRAM | ((a as u64) << 21) | b as u64
}

fn gram_chars(key: GramKey) -> ([char; 2], usize) {
    let char_at = |bits: u64| char::from_u32((bits & 0x1F_FFFF) as u32).unwrap_or(' ');
    if key & BIGRAM == 0 {
        ([char_at(key), ' '], 1)
    } else {
        ([char_at(key >> 21), char_at(key)], 2)
    }
}

fn gram_text(key: GramKey) -> String {
    let (chars, len) = gram_chars(key);
    chars[..len].iter().collect()
}

/// What the index holds for one gram in one speech.
#[derive(Debug)]
enum Occurrences {
    /// Unigrams: how often, how often as a whole jieba word, whether in the title.
    Counts {
        count: u32,
        whole_words: u32,
        in_title: bool,
    },
    /// Bigrams: each position, shifted left by two, with the boundary flags.
    Positions(Vec<u32>),
}

/// One speech, reduced to what the shards need: its grams, sorted by key.
struct IndexedDoc {
    info: DocInfo,
    grams: Vec<(GramKey, u32, Occurrences)>,
}

pub struct IndexStats {
    pub files: usize,
    pub bytes: usize,
}

pub fn write(
    site: &Site,
    archive: &Archive,
    urls: &Urls,
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
            .map(|&i| {
                let speech = &archive.speeches[i];
                index_doc(
                    speech,
                    site,
                    archive,
                    &speakers,
                    &archive.analyses[i],
                    buckets,
                )
            })
            .collect();
        // (bucket, gram, speech within the segment, occurrences), in shard order.
        let mut entries: Vec<(u32, GramKey, u32, &Occurrences)> = docs
            .iter()
            .enumerate()
            .flat_map(|(local, doc)| {
                doc.grams
                    .iter()
                    .map(move |(key, bucket, occ)| (*bucket, *key, local as u32, occ))
            })
            .collect();
        entries.par_sort_unstable_by_key(|&(bucket, key, local, _)| (bucket, key, local));
        let shards: Vec<&[(u32, GramKey, u32, &Occurrences)]> =
            entries.chunk_by(|a, b| a.0 == b.0).collect();
        let encoded: Vec<(u32, Vec<u8>)> = shards
            .par_iter()
            .map(|shard| (shard[0].0, format::compress(&encode_shard(shard))))
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
    analysis: &Analysis,
    buckets: u32,
) -> IndexedDoc {
    let title_len = normalize(&speech.title).len() as u32;
    let chars = normalize(&searchable_text(speech, site));
    let boundary = |at: usize| analysis.is_boundary(at);

    let mut unigrams: Vec<(GramKey, u32)> = Vec::with_capacity(chars.len());
    let mut bigrams: Vec<(GramKey, u32)> = Vec::with_capacity(chars.len());
    for (p, &c) in chars.iter().enumerate() {
        if c == ' ' {
            continue;
        }
        unigrams.push((c as GramKey, p as u32));
        if let Some(&next) = chars.get(p + 1).filter(|&&n| n != ' ') {
            let mut flags = 0;
            if boundary(p) {
                flags |= FLAG_START;
            }
            if boundary(p + 2) {
                flags |= FLAG_END;
            }
            bigrams.push((bigram_key(c, next), ((p as u32) << 2) | flags));
        }
    }
    unigrams.sort_unstable();
    bigrams.sort_unstable();
    let bucket = |key| {
        let (chars, len) = gram_chars(key);
        format::bucket_of_chars(&chars[..len], buckets)
    };
    let mut grams = Vec::with_capacity(unigrams.len() / 2 + bigrams.len());
    for run in unigrams.chunk_by(|a, b| a.0 == b.0) {
        let whole_words = run
            .iter()
            .filter(|(_, p)| boundary(*p as usize) && boundary(*p as usize + 1))
            .count() as u32;
        let occ = Occurrences::Counts {
            count: run.len() as u32,
            whole_words,
            in_title: run[0].1 < title_len,
        };
        grams.push((run[0].0, bucket(run[0].0), occ));
    }
    for run in bigrams.chunk_by(|a, b| a.0 == b.0) {
        let positions = run.iter().map(|(_, packed)| *packed).collect();
        grams.push((
            run[0].0,
            bucket(run[0].0),
            Occurrences::Positions(positions),
        ));
    }

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

/// A shard: for each gram, its speeches. Unigrams carry counts; bigrams carry
/// positions, from which counts follow.
fn encode_shard(entries: &[(u32, GramKey, u32, &Occurrences)]) -> Vec<u8> {
    let mut out = Vec::new();
    for gram in entries.chunk_by(|a, b| a.1 == b.1) {
        format::put_str(&mut out, &gram_text(gram[0].1));
        format::put_varint(&mut out, gram.len() as u32);
        let mut previous = 0;
        for &(_, _, doc, occ) in gram {
            format::put_varint(&mut out, doc - previous);
            previous = doc;
            match occ {
                Occurrences::Counts {
                    count,
                    whole_words,
                    in_title,
                } => {
                    format::put_varint(&mut out, (count << 1) | *in_title as u32);
                    format::put_varint(&mut out, *whole_words);
                }
                Occurrences::Positions(positions) => {
                    format::put_varint(&mut out, positions.len() as u32);
                    let mut last = 0;
                    for &packed in positions {
                        let position = packed >> 2;
                        format::put_varint(&mut out, ((position - last) << 2) | (packed & 3));
                        last = position;
                    }
                }
            }
        }
    }
    out
}
