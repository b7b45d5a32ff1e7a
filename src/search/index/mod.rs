//! Writing the index: every speech's normalised text becomes unigram postings and
//! positional bigram postings, grouped into shards by (segment, hash bucket).
//! Positions make matching exact for terms of any length; jieba word boundaries,
//! kept as two bit planes per position, let ranking prefer whole words.
//!
//! A gram's positions are numbered across its whole segment (each speech starts
//! where the previous one's span ends), so one ascending list of gaps replaces
//! per-speech lists with their speech numbers and counts. The most frequent
//! bigrams of a segment also have their positions split by the next character
//! (trigram postings), so that a longer term that contains one does not need
//! its whole list.
//!
//! This module runs the segments; [`doc`] reduces each speech to its grams,
//! [`shard`] appends them to the shards and encodes the shard files, and
//! [`gram`] numbers the grams.

mod doc;
mod gram;
mod shard;
mod tasks;

use std::borrow::Cow;
use std::io;

use rayon::prelude::*;

use super::format::{self, DocInfo, Manifest, ManifestTheme, Packing};
use super::pack;
use crate::archive::analysis::Analysis;
use crate::archive::Archive;
use crate::config::Site;
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::page::Page;
use crate::sink::Sink;
use crate::speech::{Heading, Speech};
use crate::text::fold::Folding;
use crate::text::{normalize_fields, page_search_fields, search_fields};
use crate::urls::{locations, Urls};
use doc::{index_doc, IndexedDoc, TitleLayout};
use gram::{bigram_key, gram_text, GramKey, KeyMap, KeySet};
use shard::{Chunk, ShardBuilder};
use tasks::Tasks;

/// How many bytes of shard a gram lookup should download, on average.
const TARGET_SHARD_BYTES: usize = 6 * 1024;
/// Bounds a segment's shard directory (8 bytes a bucket).
const MAX_BUCKETS: u32 = 8192;
/// Compressed shards take about two bytes a character of text.
const SHARD_BYTES_PER_CHAR: usize = 2;
/// Speeches indexed at once within a segment: bounds the indexer's memory.
const CHUNK_SIZE: usize = 500;
/// A bigram with more positions than this in a segment (about 36 KB of
/// postings) gets trigram postings too.
const SPLIT_POSITIONS: usize = 32_768;
/// Which bigrams to split is estimated from every this-many-th speech of the
/// segment: the choice only affects what a query downloads, never its results.
const SPLIT_SAMPLE: usize = 8;

pub(crate) struct IndexStats {
    pub files: usize,
    pub bytes: usize,
}

/// One document of the index: a speech, or a page the editor made searchable.
/// Its text waits in the spool: each stage of the index reads the texts of the
/// documents it works on, a chunk or a segment at a time.
struct Doc<'a> {
    title: &'a str,
    of: Source<'a>,
    url: String,
    themes: &'a [String],
    headings: &'a [Heading],
    analysis: &'a Analysis,
    info: DocInfo,
}

#[derive(Clone, Copy)]
enum Source<'a> {
    Speech(&'a Speech, &'a Site),
    Page(&'a Page),
}

impl Doc<'_> {
    /// The body's plain text, read from the spool.
    fn text(&self) -> io::Result<String> {
        match self.of {
            Source::Speech(speech, _) => speech.body.text(),
            Source::Page(page) => page.body.text(),
        }
    }

    /// The fields of the searchable text, given the body's `text`.
    fn fields<'b>(&'b self, text: &'b str) -> [Cow<'b, str>; crate::text::FIELDS] {
        match self.of {
            Source::Speech(speech, site) => search_fields(speech, site, text),
            Source::Page(page) => page_search_fields(page, text),
        }
    }

    fn normalized(&self) -> io::Result<Vec<char>> {
        Ok(normalize_fields(&self.fields(&self.text()?)))
    }
}

/// The documents of the index in id order: the searchable pages first, then
/// the speeches oldest first, so that a new speech (usually the newest) only
/// touches the last segment. A page has no year (0) and no speaker.
fn documents<'a>(site: &'a Site, archive: &'a Archive, urls: &Urls) -> Vec<Doc<'a>> {
    let pages = archive.page_analyses.iter().map(|(i, analysis)| {
        let page = &archive.pages[*i];
        let title = TitleLayout::of(&page.title);
        Doc {
            title: &page.title,
            of: Source::Page(page),
            url: urls.path(&locations::site_page(&page.slug)),
            themes: &[],
            headings: &page.headings,
            analysis,
            info: DocInfo {
                year: 0,
                speaker: 0,
                themes: 0,
                len: analysis.len + title.padding,
                title_end: title.end,
            },
        }
    });
    let speeches = (0..archive.speeches.len()).rev().map(|i| {
        let speech = &archive.speeches[i];
        let analysis = &archive.analyses[i];
        Doc {
            title: &speech.title,
            of: Source::Speech(speech, site),
            url: urls.path(&locations::speech(&speech.slug)),
            themes: &speech.themes,
            headings: &speech.headings,
            analysis,
            info: doc_info(speech, analysis, archive, archive.speaker_of[i]),
        }
    });
    pages.chain(speeches).collect()
}

/// Writes the whole index of the archive into `sink`: each segment's shards,
/// each segment's stored speeches, then the tables every query reads first.
pub(crate) fn write(
    site: &Site,
    archive: &Archive,
    urls: &Urls,
    sink: &dyn Sink,
) -> std::io::Result<IndexStats> {
    let docs = documents(site, archive, urls);
    let infos: Vec<DocInfo> = docs.iter().map(|doc| doc.info).collect();
    let buckets = bucket_count(&docs);
    let mut stats = IndexStats { files: 0, bytes: 0 };
    let mut splits = Vec::new();
    for (segment, segment_docs) in docs.chunks(format::SEGMENT_SIZE).enumerate() {
        let first = segment * format::SEGMENT_SIZE;
        let segment_infos = &infos[first..first + segment_docs.len()];
        let split = write_shards(
            sink,
            segment,
            segment_docs,
            segment_infos,
            buckets,
            &mut stats,
        )?;
        splits.push(split);
    }
    // Stored speeches are packed by segment too: what a result shows.
    for (segment, segment_docs) in docs.chunks(format::SEGMENT_SIZE).enumerate() {
        write_stored(sink, segment, segment_docs, &mut stats)?;
    }
    write_tables(sink, site, archive, &infos, buckets, splits, &mut stats)?;
    Ok(stats)
}

impl IndexStats {
    fn add(&mut self, files: usize, bytes: usize) {
        self.files += files;
        self.bytes += bytes;
    }
}

/// How many buckets each segment's grams are spread over: enough that a gram
/// lookup downloads about [`TARGET_SHARD_BYTES`].
fn bucket_count(docs: &[Doc]) -> u32 {
    let total_chars: usize = docs.iter().map(|doc| doc.analysis.len as usize).sum();
    let estimated_bytes = total_chars * SHARD_BYTES_PER_CHAR + docs.len() * 64;
    (estimated_bytes / TARGET_SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(MAX_BUCKETS as usize) as u32
}

/// Writes one segment's shards (or keeps the last build's, when its speeches
/// are unchanged) and returns its split bigrams, for the manifest.
fn write_shards(
    sink: &dyn Sink,
    segment: usize,
    segment_docs: &[Doc],
    infos: &[DocInfo],
    buckets: u32,
    stats: &mut IndexStats,
) -> std::io::Result<Vec<String>> {
    // The manifest lists a segment's split bigrams, kept shards or not; the
    // choice depends only on the segment's texts.
    let split = split_bigrams(segment_docs)?;
    let mut split_list: Vec<GramKey> = split.iter().copied().collect();
    split_list.sort_unstable();
    let split_texts = split_list.into_iter().map(gram_text).collect();
    let fingerprint = segment_fingerprint(segment_docs, segment, buckets);
    if let Some(files) = keep_packed(sink, segment, fingerprint, PackKind::Shards) {
        stats.add(files, 0);
        return Ok(split_texts);
    }
    // Where each speech's positions start in the segment's position space.
    let starts: Vec<u32> = infos
        .iter()
        .scan(0u32, |next, info| {
            let start = *next;
            *next += info.span();
            Some(start)
        })
        .collect();
    // A segment is indexed a chunk of speeches at a time, each chunk appending
    // its postings to the shards' builders, so memory stays bounded by the
    // chunk and the postings being built.
    let mut shards: Vec<ShardBuilder> = (0..buckets).map(|_| ShardBuilder::default()).collect();
    let tasks = Tasks::new(buckets);
    for (chunk, chunk_docs) in segment_docs.chunks(CHUNK_SIZE).enumerate() {
        let first_doc = chunk * CHUNK_SIZE;
        let indexed: Vec<IndexedDoc> = chunk_docs
            .par_iter()
            .map(|doc| {
                let chars = doc.normalized()?;
                Ok(index_doc(doc.title, chars, doc.analysis, &split, &tasks))
            })
            .collect::<io::Result<_>>()?;
        let chunk = Chunk {
            docs: &indexed,
            first_doc: first_doc as u32,
            starts: &starts[first_doc..],
        };
        shards
            .par_chunks_mut(tasks.per_task as usize)
            .enumerate()
            .for_each(|(task, shards)| chunk.add_to(shards, task, &tasks));
    }
    // Every bucket has a directory entry, empty or not: a client never has
    // to guess whether a missing shard means "no such gram" or a broken upload.
    let shards: Vec<Vec<u8>> = shards
        .into_par_iter()
        .map(|shard| format::compress(&shard.encode(), Packing::Postings))
        .collect();
    let (files, bytes) = write_packed(sink, segment, fingerprint, PackKind::Shards, shards)?;
    stats.add(files, bytes);
    Ok(split_texts)
}

/// Writes one segment's stored speeches, or keeps the last build's.
fn write_stored(
    sink: &dyn Sink,
    segment: usize,
    segment_docs: &[Doc],
    stats: &mut IndexStats,
) -> std::io::Result<()> {
    let raw: Vec<Vec<u8>> = segment_docs
        .par_iter()
        .map(|doc| {
            let text = doc.text()?;
            let fields = doc.fields(&text);
            let fields: [&str; crate::text::FIELDS] = std::array::from_fn(|f| fields[f].as_ref());
            let sections: Vec<(usize, &str)> = doc
                .headings
                .iter()
                .map(|h| (h.text_line, h.id.as_str()))
                .collect();
            Ok(format::encode_stored_doc(
                &doc.url, doc.themes, &fields, &sections,
            ))
        })
        .collect::<io::Result<_>>()?;
    let mut fingerprinter = Fingerprinter::new("stored speeches");
    for doc in &raw {
        fingerprinter.bytes(doc);
    }
    let fingerprint = fingerprinter.finish();
    if let Some(files) = keep_packed(sink, segment, fingerprint, PackKind::Stored) {
        stats.add(files, 0);
        return Ok(());
    }
    let compressed: Vec<Vec<u8>> = raw
        .par_iter()
        .map(|doc| format::compress(doc, Packing::Text))
        .collect();
    let (files, bytes) = write_packed(sink, segment, fingerprint, PackKind::Stored, compressed)?;
    stats.add(files, bytes);
    Ok(())
}

/// Writes the tables a query reads before any shard: every document's figures
/// (`docs.bin`), the folding, and the manifest.
fn write_tables(
    sink: &dyn Sink,
    site: &Site,
    archive: &Archive,
    infos: &[DocInfo],
    buckets: u32,
    splits: Vec<Vec<String>>,
    stats: &mut IndexStats,
) -> std::io::Result<()> {
    let mut put = |path: String, bytes: Vec<u8>| {
        stats.add(1, bytes.len());
        sink.put(&path, &bytes)
    };
    put(
        format::docs_path(),
        format::compress(&format::encode_docs(infos), Packing::Text),
    )?;
    // The folding the texts were normalised with, for the clients to fold queries alike.
    put(
        format::folding_path(),
        format::compress(&format::encode_folding(Folding::builtin()), Packing::Text),
    )?;
    let n = infos.len();
    let total_len: u64 = infos.iter().map(|info| info.len as u64).sum();
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
        // Speakers by number of speeches, so the most frequent get the smallest ids.
        speakers: archive
            .speakers
            .iter()
            .map(|s| s.group.name.clone())
            .collect(),
        split: splits,
    };
    let json = serde_json::to_vec(&manifest).expect("the manifest serialises");
    put(format::manifest_path(), json)
}

#[derive(Debug, Clone, Copy)]
enum PackKind {
    Shards,
    Stored,
}

impl PackKind {
    fn directory(self, segment: usize) -> String {
        match self {
            PackKind::Shards => format::shard_directory_path(segment),
            PackKind::Stored => format::stored_directory_path(segment),
        }
    }

    fn lengths(self, segment: usize) -> String {
        match self {
            PackKind::Shards => format::shard_lengths_path(segment),
            PackKind::Stored => format::stored_lengths_path(segment),
        }
    }

    fn part(self, segment: usize, part: usize) -> String {
        match self {
            PackKind::Shards => format::shard_part_path(segment, part),
            PackKind::Stored => format::stored_part_path(segment, part),
        }
    }
}

/// Keeps a segment's pack from the last build if it was made from the same
/// inputs: its directories and every part written with it. Returns the files kept.
fn keep_packed(
    sink: &dyn Sink,
    segment: usize,
    fingerprint: Fingerprint,
    kind: PackKind,
) -> Option<usize> {
    if !sink.keep(&kind.directory(segment), fingerprint)
        || !sink.keep(&kind.lengths(segment), fingerprint)
    {
        return None;
    }
    // The same inputs make the same parts, so the last build's parts are all of them.
    let parts = (0..)
        .take_while(|&part| sink.keep(&kind.part(segment, part), fingerprint))
        .count();
    Some(2 + parts)
}

/// Writes a segment's items as a directory, its compact lengths and parts;
/// returns (files, bytes).
fn write_packed(
    sink: &dyn Sink,
    segment: usize,
    fingerprint: Fingerprint,
    kind: PackKind,
    items: Vec<Vec<u8>>,
) -> std::io::Result<(usize, usize)> {
    let packed = pack::pack(items)?;
    let lengths = format::compress(&packed.lengths, Packing::Text);
    let mut bytes = packed.directory.len() + lengths.len();
    sink.write(&kind.directory(segment), fingerprint, &packed.directory)?;
    sink.write(&kind.lengths(segment), fingerprint, &lengths)?;
    for (part, data) in packed.parts.iter().enumerate() {
        sink.write(&kind.part(segment, part), fingerprint, data)?;
        bytes += data.len();
    }
    Ok((2 + packed.parts.len(), bytes))
}

/// What a segment's shards are made of: each document's searchable text (which
/// also determines its word boundaries) and title, in id order, and the number of
/// buckets.
fn segment_fingerprint(docs: &[Doc], segment: usize, buckets: u32) -> Fingerprint {
    let mut fingerprint = Fingerprinter::new("search segment");
    fingerprint
        .value(&(format::FORMAT_VERSION, segment, buckets))
        .value(&docs.len());
    for doc in docs {
        fingerprint
            .fingerprint(doc.analysis.text_key)
            .bytes(doc.title.as_bytes());
    }
    fingerprint.finish()
}

/// A speech's figures for `docs.bin`; `speaker` is its index in the archive's
/// speakers.
fn doc_info(
    speech: &Speech,
    analysis: &Analysis,
    archive: &Archive,
    speaker: Option<usize>,
) -> DocInfo {
    let themes = archive
        .themes
        .iter()
        .enumerate()
        .filter(|(_, (theme, _))| speech.themes.contains(&theme.name))
        .fold(0u32, |mask, (i, _)| mask | (1 << i));
    let title = TitleLayout::of(&speech.title);
    DocInfo {
        year: speech.date.year as u32,
        speaker: speaker.map_or(0, |i| i as u32 + 1),
        themes,
        len: analysis.len + title.padding,
        title_end: title.end,
    }
}

/// The bigrams to split in a segment: those estimated, from a sample of its
/// speeches, to have more than `SPLIT_POSITIONS` positions.
fn split_bigrams(docs: &[Doc]) -> io::Result<KeySet> {
    let counts = docs
        .par_iter()
        .step_by(SPLIT_SAMPLE)
        .try_fold(KeyMap::default, |mut counts, doc| {
            let chars = doc.normalized()?;
            for pair in chars.windows(2).filter(|p| p[0] != ' ' && p[1] != ' ') {
                *counts.entry(bigram_key(pair[0], pair[1])).or_insert(0) += 1;
            }
            Ok::<_, io::Error>(counts)
        })
        .try_reduce(KeyMap::default, |mut a, b| {
            for (key, count) in b {
                *a.entry(key).or_insert(0) += count;
            }
            Ok(a)
        })?;
    Ok(counts
        .into_iter()
        .filter(|&(_, count)| count * SPLIT_SAMPLE > SPLIT_POSITIONS)
        .map(|(key, _)| key)
        .collect())
}
