//! Writing the index: every speech's normalised text becomes unigram postings and
//! positional bigram postings, grouped into shards by (segment, hash bucket).
//! Positions make matching exact for terms of any length; jieba word boundaries,
//! stored as two flag bits per position, let ranking prefer whole words.

use std::collections::HashMap;

use rayon::prelude::*;

use super::format::{self, DocInfo, Manifest, ManifestTheme, StoredDoc, FLAG_END, FLAG_START};
use super::normalize::{normalize, searchable_text};
use crate::archive::analysis::Analysis;
use crate::archive::Archive;
use crate::config::Site;
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::render::view::{locations, Urls};
use crate::render::Sink;
use crate::speech::Speech;

/// How many bytes of shard a gram lookup should download, on average.
const TARGET_SHARD_BYTES: usize = 12 * 1024;
const MAX_BUCKETS: u32 = 4096;
/// Speeches indexed at once within a segment: bounds the indexer's memory.
const CHUNK_SIZE: usize = 500;

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

/// One gram of one speech. For a unigram, `a` packs its count and whether it
/// occurs in the title (`count << 1 | in_title`) and `b` counts whole-word
/// occurrences; for a bigram, its positions are `positions[a..a + b]` of the
/// speech. Flat arrays keep the millions of entries of a segment compact.
#[derive(Debug, Clone, Copy)]
struct DocGram {
    key: GramKey,
    a: u32,
    b: u32,
}

/// One speech, reduced to what the shards need.
struct IndexedDoc {
    grams: Vec<DocGram>,
    /// Bigram positions, shifted left by two, with the boundary flags.
    positions: Vec<u32>,
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
    // Speakers by number of speeches, so the most frequent get the smallest ids.
    let speakers: Vec<String> = archive.speakers.iter().map(|g| g.name.clone()).collect();
    let speaker_ids: HashMap<&str, u32> = speakers
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i as u32 + 1))
        .collect();
    // Ids run oldest first, so a new speech (usually the newest) only touches
    // the last segment.
    let by_id: Vec<usize> = (0..n).rev().collect();
    let mut stats = IndexStats { files: 0, bytes: 0 };
    let mut write = |path: String, fingerprint: Fingerprint, bytes: Vec<u8>| {
        stats.bytes += bytes.len();
        sink.write(&path, fingerprint, &bytes)
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
        for &i in ids {
            let info = doc_info(
                &archive.speeches[i],
                &archive.analyses[i],
                archive,
                &speaker_ids,
            );
            total_len += info.len as u64;
            infos.push(info);
        }
        // A segment whose speeches are unchanged keeps its shards from the last build.
        let fingerprint = segment_fingerprint(archive, ids, segment, buckets);
        stats.files += buckets as usize;
        if (0..buckets).all(|bucket| sink.keep(&format::shard_path(segment, bucket), fingerprint)) {
            continue;
        }
        // A segment is indexed a chunk of speeches at a time, each chunk appending
        // its records to the raw shards, so memory stays bounded by the chunk.
        let mut raw_shards: Vec<Vec<u8>> = vec![Vec::new(); buckets as usize];
        for (chunk, chunk_ids) in ids.chunks(CHUNK_SIZE).enumerate() {
            let first_doc = (chunk * CHUNK_SIZE) as u32;
            let docs: Vec<IndexedDoc> = chunk_ids
                .par_iter()
                .map(|&i| {
                    let speech = &archive.speeches[i];
                    index_doc(speech, site, &archive.analyses[i])
                })
                .collect();
            // (bucket, speech within the chunk, gram of that speech), in shard order.
            let mut entries: Vec<Entry> = docs
                .par_iter()
                .enumerate()
                .flat_map_iter(|(local, doc)| {
                    doc.grams.iter().enumerate().map(move |(gram, g)| Entry {
                        bucket: bucket_of_key(g.key, buckets),
                        doc: local as u32,
                        gram: gram as u32,
                    })
                })
                .collect();
            let key = |e: &Entry| docs[e.doc as usize].grams[e.gram as usize].key;
            entries.par_sort_unstable_by_key(|e| (e.bucket, key(e), e.doc));
            let records: Vec<(u32, Vec<u8>)> = entries
                .chunk_by(|a, b| a.bucket == b.bucket)
                .collect::<Vec<_>>()
                .par_iter()
                .map(|shard| (shard[0].bucket, encode_records(shard, &docs, first_doc)))
                .collect();
            for (bucket, bytes) in records {
                raw_shards[bucket as usize].extend_from_slice(&bytes);
            }
        }
        // Every bucket gets a file, empty or not: a client never has to guess
        // whether a missing file means "no such gram" or a broken upload.
        let compressed: Vec<Vec<u8>> = raw_shards
            .par_iter()
            .map(|raw| format::compress(raw))
            .collect();
        for (bucket, bytes) in compressed.into_iter().enumerate() {
            write(
                format::shard_path(segment, bucket as u32),
                fingerprint,
                bytes,
            )?;
        }
    }

    stats.files += n;
    let stored: Vec<(usize, Fingerprint, Vec<u8>)> = by_id
        .par_iter()
        .enumerate()
        .filter_map(|(id, &i)| {
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
            let fingerprint = Fingerprint::of_bytes(&json);
            if sink.keep(&format::stored_doc_path(id), fingerprint) {
                return None;
            }
            Some((id, fingerprint, format::compress(&json)))
        })
        .collect();
    for (id, fingerprint, bytes) in stored {
        write(format::stored_doc_path(id), fingerprint, bytes)?;
    }

    let mut put = |path: String, bytes: Vec<u8>| {
        stats.files += 1;
        stats.bytes += bytes.len();
        sink.put(&path, &bytes)
    };
    put(
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
    put(format::manifest_path(), json)?;
    Ok(stats)
}

/// What a segment's shards are made of: each speech's searchable text (which
/// also determines its word boundaries) and title, in id order, and the number of
/// buckets.
fn segment_fingerprint(
    archive: &Archive,
    ids: &[usize],
    segment: usize,
    buckets: u32,
) -> Fingerprint {
    let mut fingerprint = Fingerprinter::new("search segment");
    fingerprint
        .value(&(format::FORMAT_VERSION, segment, buckets))
        .value(&ids.len());
    for &i in ids {
        fingerprint
            .fingerprint(archive.analyses[i].text_key)
            .bytes(archive.speeches[i].title.as_bytes());
    }
    fingerprint.finish()
}

/// A speech's figures for `docs.bin`.
fn doc_info(
    speech: &Speech,
    analysis: &Analysis,
    archive: &Archive,
    speaker_ids: &HashMap<&str, u32>,
) -> DocInfo {
    let speaker = speaker_ids
        .get(speech.speaker.as_str())
        .copied()
        .unwrap_or(0);
    let themes = archive
        .themes
        .iter()
        .enumerate()
        .filter(|(_, (theme, _))| speech.themes.contains(&theme.name))
        .fold(0u32, |mask, (i, _)| mask | (1 << i));
    DocInfo {
        year: speech.date.year as u32,
        speaker,
        themes,
        len: analysis.len,
        title_len: normalize(&speech.title).len() as u32,
    }
}

fn index_doc(speech: &Speech, site: &Site, analysis: &Analysis) -> IndexedDoc {
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
    let mut grams = Vec::with_capacity(unigrams.len() / 2 + bigrams.len());
    for run in unigrams.chunk_by(|a, b| a.0 == b.0) {
        let whole_words = run
            .iter()
            .filter(|(_, p)| boundary(*p as usize) && boundary(*p as usize + 1))
            .count() as u32;
        let in_title = run[0].1 < title_len;
        grams.push(DocGram {
            key: run[0].0,
            a: (run.len() as u32) << 1 | in_title as u32,
            b: whole_words,
        });
    }
    let positions: Vec<u32> = bigrams.iter().map(|(_, packed)| *packed).collect();
    let mut start = 0;
    for run in bigrams.chunk_by(|a, b| a.0 == b.0) {
        grams.push(DocGram {
            key: run[0].0,
            a: start,
            b: run.len() as u32,
        });
        start += run.len() as u32;
    }

    IndexedDoc { grams, positions }
}

/// A gram of a speech, placed in a shard.
struct Entry {
    bucket: u32,
    doc: u32,
    gram: u32,
}

fn bucket_of_key(key: GramKey, buckets: u32) -> u32 {
    let (chars, len) = gram_chars(key);
    format::bucket_of_chars(&chars[..len], buckets)
}

/// Records of a shard: for each gram, its speeches (numbered within the segment,
/// from `first_doc`). Unigrams carry counts; bigrams carry positions, from which
/// counts follow. A gram may have several records in one shard, one per chunk.
fn encode_records(entries: &[Entry], docs: &[IndexedDoc], first_doc: u32) -> Vec<u8> {
    let gram_of = |e: &Entry| {
        (
            &docs[e.doc as usize],
            docs[e.doc as usize].grams[e.gram as usize],
        )
    };
    let mut out = Vec::new();
    for run in entries.chunk_by(|a, b| gram_of(a).1.key == gram_of(b).1.key) {
        let key = gram_of(&run[0]).1.key;
        format::put_str(&mut out, &gram_text(key));
        format::put_varint(&mut out, run.len() as u32);
        let mut previous = 0;
        for entry in run {
            let doc_number = first_doc + entry.doc;
            format::put_varint(&mut out, doc_number - previous);
            previous = doc_number;
            let (doc, gram) = gram_of(entry);
            if key & BIGRAM == 0 {
                format::put_varint(&mut out, gram.a);
                format::put_varint(&mut out, gram.b);
            } else {
                let positions = &doc.positions[gram.a as usize..(gram.a + gram.b) as usize];
                format::put_varint(&mut out, gram.b);
                let mut last = 0;
                for &packed in positions {
                    let position = packed >> 2;
                    format::put_varint(&mut out, ((position - last) << 2) | (packed & 3));
                    last = position;
                }
            }
        }
    }
    out
}
