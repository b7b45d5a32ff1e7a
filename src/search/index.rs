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

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::format::{self, DocInfo, Manifest, ManifestTheme, Packing, FLAG_END, FLAG_START};
use super::normalize::{normalize, normalize_searchable, search_fields};
use crate::archive::analysis::Analysis;
use crate::archive::Archive;
use crate::config::Site;
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::render::view::{locations, Urls};
use crate::render::Sink;
use crate::speech::Speech;

/// How many bytes of shard a gram lookup should download, on average.
const TARGET_SHARD_BYTES: usize = 6 * 1024;
/// Bounds the number of files (this many per segment).
const MAX_BUCKETS: u32 = 8192;
/// Compressed shards take about two bytes a character of text.
const SHARD_BYTES_PER_CHAR: usize = 2;
/// Speeches indexed at once within a segment: bounds the indexer's memory.
const CHUNK_SIZE: usize = 500;
/// Ranges of buckets whose shards are built in parallel.
const BUCKET_TASKS: u32 = 8;
/// A bigram with more positions than this in a segment (about 36 KB of
/// postings) gets trigram postings too.
const SPLIT_POSITIONS: usize = 32_768;
/// Which bigrams to split is estimated from every this-many-th speech of the
/// segment: the choice only affects what a query downloads, never its results.
const SPLIT_SAMPLE: usize = 8;

/// A gram as a number: a unigram is its code point; a bigram sets the top bit
/// and packs both code points (21 bits each); a trigram packs three code points
/// (the first is never 0, so a trigram is above every unigram). Sorting numbers
/// is far cheaper than sorting strings, and within a kind their order is the
/// order of the code points.
type GramKey = u64;
const BIGRAM: GramKey = 1 << 63;
const CHAR_BITS: u32 = 21;
const CHAR_MASK: GramKey = (1 << CHAR_BITS) - 1;

fn bigram_key(a: char, b: char) -> GramKey {
    BIGRAM | ((a as u64) << CHAR_BITS) | b as u64
}

fn trigram_key(a: char, b: char, c: char) -> GramKey {
    ((a as u64) << (2 * CHAR_BITS)) | ((b as u64) << CHAR_BITS) | c as u64
}

/// A gram's characters (as code points, the first `len` of them) and length.
fn gram_chars(key: GramKey) -> ([u32; 3], usize) {
    let at = |shift: u32| ((key >> shift) & CHAR_MASK) as u32;
    if key & BIGRAM != 0 {
        ([at(CHAR_BITS), at(0), 0], 2)
    } else if key >> CHAR_BITS == 0 {
        ([at(0), 0, 0], 1)
    } else {
        ([at(2 * CHAR_BITS), at(CHAR_BITS), at(0)], 3)
    }
}

fn gram_text(key: GramKey) -> String {
    let (chars, len) = gram_chars(key);
    chars[..len].iter().map(|&c| char_of(c)).collect()
}

fn char_of(code_point: u32) -> char {
    char::from_u32(code_point).expect("grams are made of chars")
}

/// Gram keys are well spread already: a multiply mixes them enough for hashing.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = (self.0 ^ key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type KeyMap<V> = HashMap<GramKey, V, BuildHasherDefault<KeyHasher>>;
type KeySet = HashSet<GramKey, BuildHasherDefault<KeyHasher>>;

/// One gram of one speech, and the bucket it goes to. For a unigram, `a` packs
/// its count and whether it occurs in the title (`count << 1 | in_title`) and
/// `b` counts whole-word occurrences; for a bigram or trigram, its positions
/// are `positions[a..a + b]` of the speech. Flat arrays keep the millions of
/// entries of a chunk compact.
#[derive(Debug, Clone, Copy)]
struct DocGram {
    key: GramKey,
    bucket: u32,
    a: u32,
    b: u32,
}

/// One speech, reduced to what the shards need.
struct IndexedDoc {
    /// Grouped by the task that adds them to their shards (see `Tasks`).
    grams: Vec<DocGram>,
    /// Where each task's grams start in `grams`, and where the last one's end.
    task_starts: Vec<u32>,
    /// Bigram and trigram positions, shifted left by two, with the boundary flags.
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
    // Creating a file costs the file system more than making its contents, so
    // index files are made and written in parallel, like pages; returns the bytes.
    let write = |path: String, fingerprint: Fingerprint, bytes: Vec<u8>| {
        sink.write(&path, fingerprint, &bytes).map(|()| bytes.len())
    };
    let sum = || 0;
    let add = |a: usize, b: usize| Ok(a + b);

    let total_chars: usize = archive
        .speeches
        .par_iter()
        .map(|s| s.text.chars().count())
        .sum();
    let estimated_bytes = total_chars * SHARD_BYTES_PER_CHAR + n * 64;
    let buckets = (estimated_bytes / TARGET_SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(MAX_BUCKETS as usize) as u32;

    let infos: Vec<DocInfo> = by_id
        .par_iter()
        .map(|&i| {
            doc_info(
                &archive.speeches[i],
                &archive.analyses[i],
                archive,
                &speaker_ids,
            )
        })
        .collect();
    let total_len: u64 = infos.iter().map(|info| info.len as u64).sum();
    let mut splits = Vec::new();
    for (segment, ids) in by_id.chunks(format::SEGMENT_SIZE).enumerate() {
        let first = segment * format::SEGMENT_SIZE;
        // The manifest lists a segment's split bigrams, kept shards or not; the
        // choice depends only on the segment's texts.
        let split = split_bigrams(archive, site, ids);
        let mut split_list: Vec<GramKey> = split.iter().copied().collect();
        split_list.sort_unstable();
        splits.push(split_list.into_iter().map(gram_text).collect());
        // A segment whose speeches are unchanged keeps its shards from the last build.
        let fingerprint = segment_fingerprint(archive, ids, segment, buckets);
        stats.files += buckets as usize;
        if (0..buckets).all(|bucket| sink.keep(&format::shard_path(segment, bucket), fingerprint)) {
            continue;
        }
        // Where each speech's positions start in the segment's position space.
        let starts: Vec<u32> = infos[first..first + ids.len()]
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
        for (chunk, chunk_ids) in ids.chunks(CHUNK_SIZE).enumerate() {
            let first_doc = chunk * CHUNK_SIZE;
            let docs: Vec<IndexedDoc> = chunk_ids
                .par_iter()
                .map(|&i| {
                    let speech = &archive.speeches[i];
                    index_doc(speech, site, &archive.analyses[i], &split, &tasks)
                })
                .collect();
            let chunk = Chunk {
                docs: &docs,
                first_doc: first_doc as u32,
                starts: &starts[first_doc..],
            };
            shards
                .par_chunks_mut(tasks.per_task as usize)
                .enumerate()
                .for_each(|(task, shards)| chunk.add_to(shards, task, &tasks));
        }
        // Every bucket gets a file, empty or not: a client never has to guess
        // whether a missing file means "no such gram" or a broken upload.
        stats.bytes += shards
            .into_par_iter()
            .enumerate()
            .map(|(bucket, shard)| {
                let path = format::shard_path(segment, bucket as u32);
                write(
                    path,
                    fingerprint,
                    format::compress(&shard.encode(), Packing::Postings),
                )
            })
            .try_reduce(sum, add)?;
    }

    stats.files += n;
    stats.bytes += by_id
        .par_iter()
        .enumerate()
        .map(|(id, &i)| {
            let speech = &archive.speeches[i];
            let fields = search_fields(speech, site);
            let fields: [&str; format::FIELDS] = std::array::from_fn(|f| fields[f].as_ref());
            let url = urls.path(&locations::speech(&speech.slug));
            let raw = format::encode_stored_doc(&url, &speech.themes, &fields);
            let fingerprint = Fingerprint::of_bytes(&raw);
            let path = format::stored_doc_path(id);
            if sink.keep(&path, fingerprint) {
                return Ok(0);
            }
            write(path, fingerprint, format::compress(&raw, Packing::Text))
        })
        .try_reduce(sum, add)?;

    let mut put = |path: String, bytes: Vec<u8>| {
        stats.files += 1;
        stats.bytes += bytes.len();
        sink.put(&path, &bytes)
    };
    put(
        format::docs_path(),
        format::compress(&format::encode_docs(&infos), Packing::Text),
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
        split: splits,
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
    let title = TitleLayout::of(speech);
    DocInfo {
        year: speech.date.year as u32,
        speaker,
        themes,
        len: analysis.len + title.padding,
        title_end: title.end,
    }
}

/// Where the normalised title ends, and how far the title's padding moves
/// everything after it (`format::title_end`).
struct TitleLayout {
    len: u32,
    end: u32,
    padding: u32,
}

impl TitleLayout {
    fn of(speech: &Speech) -> TitleLayout {
        let len = normalize(&speech.title).len() as u32;
        let end = format::title_end(len);
        TitleLayout {
            len,
            end,
            // The separator after the title is the padding's first character.
            padding: end - len - 1,
        }
    }

    /// The indexed position of character `p` of the normalised searchable text.
    fn position(&self, p: usize) -> u32 {
        let p = p as u32;
        if p < self.len {
            p
        } else {
            p + self.padding
        }
    }
}

/// The bigrams to split in a segment: those estimated, from a sample of its
/// speeches, to have more than `SPLIT_POSITIONS` positions.
fn split_bigrams(archive: &Archive, site: &Site, ids: &[usize]) -> KeySet {
    let counts = ids
        .par_iter()
        .step_by(SPLIT_SAMPLE)
        .fold(KeyMap::default, |mut counts, &i| {
            let chars = normalize_searchable(&archive.speeches[i], site);
            for pair in chars.windows(2).filter(|p| p[0] != ' ' && p[1] != ' ') {
                *counts.entry(bigram_key(pair[0], pair[1])).or_insert(0) += 1;
            }
            counts
        })
        .reduce(KeyMap::default, |mut a, b| {
            for (key, count) in b {
                *a.entry(key).or_insert(0) += count;
            }
            a
        });
    counts
        .into_iter()
        .filter(|&(_, count)| count * SPLIT_SAMPLE > SPLIT_POSITIONS)
        .map(|(key, _)| key)
        .collect()
}

/// The shards are built by tasks, each adding every speech's grams of a range
/// of buckets to their shards: going through each speech's grams of its range
/// in one run keeps the work of a task in the cache.
struct Tasks {
    buckets: u32,
    per_task: u32,
}

impl Tasks {
    fn new(buckets: u32) -> Tasks {
        Tasks {
            buckets,
            per_task: buckets.div_ceil(BUCKET_TASKS),
        }
    }

    fn count(&self) -> usize {
        self.buckets.div_ceil(self.per_task) as usize
    }

    fn of(&self, bucket: u32) -> usize {
        (bucket / self.per_task) as usize
    }
}

fn index_doc(
    speech: &Speech,
    site: &Site,
    analysis: &Analysis,
    split: &KeySet,
    tasks: &Tasks,
) -> IndexedDoc {
    let title = TitleLayout::of(speech);
    let chars = normalize_searchable(speech, site);
    // Word boundaries are found in the text as normalised, without the padding.
    let boundary = |at: usize| analysis.is_boundary(at);
    let text_at = |at: usize| chars.get(at).copied().filter(|&c| c != ' ');

    // Grams are grouped in the order they first occur: hashing each occurrence
    // costs less than sorting them all, and a gram's positions stay in order.
    // Unigrams keep counts only; bigrams and trigrams their packed positions.
    let mut unigrams = Groups::<Unigram>::with_capacity(chars.len() / 4);
    let mut longer = Positions::with_capacity(chars.len());
    for (p, &c) in chars.iter().enumerate() {
        if c == ' ' {
            continue;
        }
        let unigram = unigrams.entry(c as GramKey, || Unigram {
            count: 0,
            whole_words: 0,
            first: p,
        });
        unigram.count += 1;
        unigram.whole_words += (boundary(p) && boundary(p + 1)) as u32;
        let Some(next) = text_at(p + 1) else {
            continue;
        };
        let start = if boundary(p) { FLAG_START } else { 0 };
        let packed = (title.position(p) << 2) | start;
        let key = bigram_key(c, next);
        let end = |at: usize| if boundary(at) { FLAG_END } else { 0 };
        let is_split = longer.occur(key, packed | end(p + 2), || split.contains(&key));
        if let Some(third) = text_at(p + 2).filter(|_| is_split) {
            longer.occur(trigram_key(c, next, third), packed | end(p + 3), || false);
        }
    }
    let mut grams = Vec::with_capacity(unigrams.keys.len() + longer.grams.keys.len());
    let mut push = |key: GramKey, a: u32, b: u32| {
        let (chars, len) = gram_chars(key);
        let bucket = format::bucket_of_code_points(&chars[..len], tasks.buckets);
        grams.push(DocGram { key, bucket, a, b });
    };
    for (&key, unigram) in unigrams.keys.iter().zip(&unigrams.values) {
        let in_title = unigram.first < title.len as usize;
        push(
            key,
            unigram.count << 1 | in_title as u32,
            unigram.whole_words,
        );
    }
    let (positions, runs) = longer.into_runs();
    for (key, (start, len)) in runs {
        push(key, start, len);
    }
    // Grouped by task: a counting sort.
    let mut task_starts = vec![0u32; tasks.count() + 1];
    for gram in &grams {
        task_starts[tasks.of(gram.bucket) + 1] += 1;
    }
    for task in 0..tasks.count() {
        task_starts[task + 1] += task_starts[task];
    }
    let mut next = task_starts.clone();
    let mut grouped = grams.clone();
    for gram in grams {
        let at = &mut next[tasks.of(gram.bucket)];
        grouped[*at as usize] = gram;
        *at += 1;
    }
    IndexedDoc {
        grams: grouped,
        task_starts,
        positions,
    }
}

/// A speech's unigrams, counted.
struct Unigram {
    count: u32,
    whole_words: u32,
    /// Where the unigram first occurs.
    first: usize,
}

/// How often a bigram or trigram occurs in a speech, and whether it is a
/// bigram whose positions are also split by the next character.
struct Occurring {
    count: u32,
    split: bool,
}

/// Values grouped by gram, grams in the order they first occur.
struct Groups<V> {
    ids: KeyMap<u32>,
    keys: Vec<GramKey>,
    values: Vec<V>,
}

impl<V> Groups<V> {
    /// Groups for about `grams` distinct grams.
    fn with_capacity(grams: usize) -> Groups<V> {
        Groups {
            ids: KeyMap::with_capacity_and_hasher(grams, Default::default()),
            keys: Vec::with_capacity(grams),
            values: Vec::with_capacity(grams),
        }
    }

    /// The gram's number, its value made by `new` on its first occurrence.
    fn id(&mut self, key: GramKey, new: impl FnOnce() -> V) -> u32 {
        *self.ids.entry(key).or_insert_with(|| {
            self.keys.push(key);
            self.values.push(new());
            self.keys.len() as u32 - 1
        })
    }

    /// The gram's value, made by `new` on its first occurrence.
    fn entry(&mut self, key: GramKey, new: impl FnOnce() -> V) -> &mut V {
        let id = self.id(key, new);
        &mut self.values[id as usize]
    }
}

/// The packed positions of a speech's bigrams and trigrams, gram by gram.
struct Positions {
    grams: Groups<Occurring>,
    /// Every occurrence, as (gram number, packed position), in text order.
    occurrences: Vec<(u32, u32)>,
}

impl Positions {
    /// Positions for a text of `len` characters.
    fn with_capacity(len: usize) -> Positions {
        Positions {
            grams: Groups::with_capacity(len),
            occurrences: Vec::with_capacity(len),
        }
    }

    /// Records an occurrence of a gram, and tells whether it is a split bigram;
    /// `is_split` is asked on the gram's first occurrence only.
    fn occur(&mut self, key: GramKey, packed: u32, is_split: impl FnOnce() -> bool) -> bool {
        let id = self.grams.id(key, || Occurring {
            count: 0,
            split: is_split(),
        });
        let gram = &mut self.grams.values[id as usize];
        gram.count += 1;
        self.occurrences.push((id, packed));
        gram.split
    }

    /// Every occurrence's packed position, grouped by gram (in text order within
    /// a gram), and each gram's key with the start and length of its run.
    fn into_runs(self) -> (Vec<u32>, impl Iterator<Item = (GramKey, (u32, u32))>) {
        let counts: Vec<u32> = self.grams.values.iter().map(|gram| gram.count).collect();
        let mut starts = Vec::with_capacity(counts.len());
        let mut next = 0;
        for &count in &counts {
            starts.push(next);
            next += count;
        }
        let mut at = starts.clone();
        let mut grouped = vec![0; self.occurrences.len()];
        for (id, packed) in self.occurrences {
            let slot = &mut at[id as usize];
            grouped[*slot as usize] = packed;
            *slot += 1;
        }
        let runs = self
            .grams
            .keys
            .into_iter()
            .zip(starts.into_iter().zip(counts));
        (grouped, runs)
    }
}

/// The speeches of one chunk, as shard builders need them.
struct Chunk<'a> {
    docs: &'a [IndexedDoc],
    /// The segment's number of the chunk's first speech.
    first_doc: u32,
    /// Where each speech's positions start, from the chunk's first speech on.
    starts: &'a [u32],
}

impl Chunk<'_> {
    /// Adds the chunk's postings of a task's buckets to their `shards`.
    fn add_to(&self, shards: &mut [ShardBuilder], task: usize, tasks: &Tasks) {
        let first = task as u32 * tasks.per_task;
        for (d, doc) in self.docs.iter().enumerate() {
            let grams = doc.task_starts[task] as usize..doc.task_starts[task + 1] as usize;
            for gram in &doc.grams[grams] {
                shards[(gram.bucket - first) as usize].add(self, d, gram);
            }
        }
    }
}

/// The postings of one shard being built, gram by gram, a chunk at a time.
#[derive(Default)]
struct ShardBuilder {
    grams: KeyMap<Postings>,
}

/// A gram's postings so far, in one byte stream so that a gram costs a single
/// growing allocation; `encode` splits the stream into the file's columns.
/// Unigram: per speech, varints of the speech gap, `count << 1 | in_title` and
/// the whole-word count. Bigram and trigram: per position, a varint of the
/// position gap shifted left by two with the `FLAG_START` and `FLAG_END` bits.
/// `n` counts speeches (unigram) or positions, and `last` is the last speech
/// number or position.
#[derive(Default)]
struct Postings {
    n: u32,
    last: u32,
    stream: Vec<u8>,
}

fn put_varint64(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads back what `put_varint` and `put_varint64` wrote to a stream this
/// builder made (so it cannot be short).
fn take_varint(stream: &[u8], at: &mut usize) -> u64 {
    let mut value = 0;
    let mut shift = 0;
    loop {
        let byte = stream[*at];
        *at += 1;
        value |= ((byte & 0x7f) as u64) << shift;
        if byte < 0x80 {
            return value;
        }
        shift += 7;
    }
}

/// The length of the varint at `at` of a stream this builder made (so it cannot
/// be cut short).
fn varint_len(stream: &[u8], at: usize) -> usize {
    stream[at..]
        .iter()
        .position(|&byte| byte < 0x80)
        .expect("a stream ends with a whole varint")
        + 1
}

/// A gram's postings split into the file's columns, in buffers reused from gram
/// to gram: a unigram's speech gaps and its `a` and `b` varints; a bigram's or
/// trigram's position gaps and its start and end bit planes, with how many bits
/// each plane has set.
#[derive(Default)]
struct Columns {
    gaps: Vec<u8>,
    a: Vec<u8>,
    b: Vec<u8>,
    ones: [u32; 2],
}

impl Columns {
    fn split(&mut self, key: GramKey, postings: &Postings) {
        let stream = &postings.stream;
        let n = postings.n as usize;
        self.gaps.clear();
        self.a.clear();
        self.b.clear();
        let mut at = 0;
        if gram_chars(key).1 == 1 {
            // These varints are the file's as they are: only copied to their columns.
            for _ in 0..n {
                for column in [&mut self.gaps, &mut self.a, &mut self.b] {
                    let len = varint_len(stream, at);
                    column.extend_from_slice(&stream[at..at + len]);
                    at += len;
                }
            }
        } else {
            self.a.resize(n.div_ceil(8), 0);
            self.b.resize(n.div_ceil(8), 0);
            self.ones = [0, 0];
            for i in 0..n {
                let value = take_varint(stream, &mut at);
                format::put_varint(&mut self.gaps, (value >> 2) as u32);
                let start = (value as u32 & FLAG_START != 0) as u8;
                let end = (value as u32 & FLAG_END != 0) as u8;
                self.a[i / 8] |= start << (i % 8);
                self.b[i / 8] |= end << (i % 8);
                self.ones[0] += start as u32;
                self.ones[1] += end as u32;
            }
        }
    }
}

impl ShardBuilder {
    /// Appends a gram of the chunk's speech `d` (speeches come in order).
    fn add(&mut self, chunk: &Chunk, d: usize, gram: &DocGram) {
        let postings = self.grams.entry(gram.key).or_default();
        if gram_chars(gram.key).1 == 1 {
            let number = chunk.first_doc + d as u32;
            format::put_varint(&mut postings.stream, number - postings.last);
            format::put_varint(&mut postings.stream, gram.a);
            format::put_varint(&mut postings.stream, gram.b);
            postings.last = number;
            postings.n += 1;
        } else {
            let start = chunk.starts[d];
            let positions = &chunk.docs[d].positions[gram.a as usize..(gram.a + gram.b) as usize];
            for &packed in positions {
                let position = start + (packed >> 2);
                let gap = (position - postings.last) as u64;
                put_varint64(&mut postings.stream, gap << 2 | (packed & 0b11) as u64);
                postings.last = position;
            }
            postings.n += gram.b;
        }
    }

    /// The shard file before compression (`docs/search-format.md`): unigrams,
    /// bigrams, then trigrams, each in code point order, their characters
    /// mostly as differences from the previous gram's.
    fn encode(self) -> Vec<u8> {
        let mut grams: Vec<(GramKey, Postings)> = self.grams.into_iter().collect();
        // Without its flag, a bigram's key lies between every unigram's and every
        // trigram's (`GramKey`): one sort puts the kinds in the file's order.
        grams.sort_unstable_by_key(|(key, _)| key & !BIGRAM);
        let kind = |gram: &(GramKey, Postings)| gram_chars(gram.0).1 - 1;
        let unigrams_end = grams.partition_point(|gram| kind(gram) == 0);
        let bigrams_end = grams.partition_point(|gram| kind(gram) <= 1);
        let streams: usize = grams
            .iter()
            .map(|(_, postings)| postings.stream.len())
            .sum();
        let mut out = Vec::with_capacity(streams + 4 * grams.len() + 8);
        let mut columns = Columns::default();
        let kinds = [
            &grams[..unigrams_end],
            &grams[unigrams_end..bigrams_end],
            &grams[bigrams_end..],
        ];
        for (kind, grams) in kinds.into_iter().enumerate() {
            // Unigrams and bigrams are counted; trigrams run to the end.
            if kind < 2 {
                format::put_varint(&mut out, grams.len() as u32);
            }
            let mut previous = [0u32; 3];
            for (key, postings) in grams.iter() {
                let (chars, len) = gram_chars(*key);
                // While the characters before it are the previous gram's, a
                // character is its difference from the previous gram's at its
                // place; once one differs, the rest are in the text code.
                let mut same = true;
                for k in 0..len {
                    if same {
                        format::put_varint(&mut out, chars[k] - previous[k]);
                    } else {
                        format::put_char(&mut out, char_of(chars[k]));
                    }
                    same &= chars[k] == previous[k];
                }
                previous = chars;
                columns.split(*key, postings);
                let n = postings.n;
                if len == 1 {
                    format::put_varint(&mut out, n);
                    out.extend_from_slice(&columns.gaps);
                    out.extend_from_slice(&columns.a);
                    out.extend_from_slice(&columns.b);
                } else {
                    // The count and how each plane is stored share one number:
                    // a gram found once takes a byte for all three.
                    let [start, end] = columns.ones.map(|ones| plane_mode(ones, n));
                    format::put_varint(&mut out, n << 4 | start << 2 | end);
                    out.extend_from_slice(&columns.gaps);
                    for (mode, plane) in [(start, &columns.a), (end, &columns.b)] {
                        if mode == PLANE_BITS {
                            out.extend_from_slice(plane);
                        }
                    }
                }
            }
        }
        out
    }
}

/// How a bit plane of `n` bits with `ones` set is stored: `0` if no bit is set,
/// `1` if every one is, else `PLANE_BITS` and the bits follow.
fn plane_mode(ones: u32, n: u32) -> u32 {
    match ones {
        0 => 0,
        ones if ones == n => 1,
        _ => PLANE_BITS,
    }
}

const PLANE_BITS: u32 = 2;
