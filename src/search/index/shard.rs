//! Building shards: every speech's grams of a bucket appended to the bucket's
//! postings, a chunk of speeches at a time, then encoded as the shard file.

use super::doc::{DocGram, IndexedDoc};
use super::gram::{char_of, gram_chars, GramKey, KeyMap, BIGRAM};
use super::tasks::Tasks;
use crate::search::format::{self, FLAG_END, FLAG_START};

/// The speeches of one chunk, as shard builders need them.
pub(super) struct Chunk<'a> {
    pub(super) docs: &'a [IndexedDoc],
    /// The segment's number of the chunk's first speech.
    pub(super) first_doc: u32,
    /// Where each speech's positions start, from the chunk's first speech on.
    pub(super) starts: &'a [u32],
}

impl Chunk<'_> {
    /// Adds the chunk's postings of a task's buckets to their `shards`.
    pub(super) fn add_to(&self, shards: &mut [ShardBuilder], task: usize, tasks: &Tasks) {
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
pub(super) struct ShardBuilder {
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

/// Reads back what `format::put_varint` or `format::put_varint64` wrote to a
/// stream this builder made (so it cannot be cut short).
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
                format::put_varint64(&mut postings.stream, gap << 2 | (packed & 0b11) as u64);
                postings.last = position;
            }
            postings.n += gram.b;
        }
    }

    /// The shard file before compression (`docs/search-format.md`): unigrams,
    /// bigrams, then trigrams, each in code point order, their characters
    /// mostly as differences from the previous gram's.
    pub(super) fn encode(self) -> Vec<u8> {
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
