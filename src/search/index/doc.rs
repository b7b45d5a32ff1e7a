//! One speech reduced to what the shards need: its normalised text counted as
//! unigrams, and its bigrams' and trigrams' positions grouped gram by gram, each
//! gram with the bucket it goes to.

use super::gram::{bigram_key, gram_chars, trigram_key, GramKey, KeyMap, KeySet};
use super::tasks::Tasks;
use crate::archive::analysis::Analysis;
use crate::search::format::{self, FLAG_END, FLAG_START};
use crate::text::normalize;

/// One gram of one speech, and the bucket it goes to. For a unigram, `a` packs
/// its count and whether it occurs in the title (`count << 1 | in_title`) and
/// `b` counts whole-word occurrences; for a bigram or trigram, its positions
/// are `positions[a..a + b]` of the speech. Flat arrays keep the millions of
/// entries of a chunk compact.
#[derive(Debug, Clone, Copy)]
pub(super) struct DocGram {
    pub(super) key: GramKey,
    pub(super) bucket: u32,
    pub(super) a: u32,
    pub(super) b: u32,
}

/// One speech, reduced to what the shards need.
pub(super) struct IndexedDoc {
    /// Grouped by the task that adds them to their shards (see `Tasks`).
    pub(super) grams: Vec<DocGram>,
    /// Where each task's grams start in `grams`, and where the last one's end.
    pub(super) task_starts: Vec<u32>,
    /// Bigram and trigram positions, shifted left by two, with the boundary flags.
    pub(super) positions: Vec<u32>,
}

/// Where the normalised title ends, and how far the title's padding moves
/// everything after it (`format::title_end`).
pub(super) struct TitleLayout {
    pub(super) len: u32,
    pub(super) end: u32,
    pub(super) padding: u32,
}

impl TitleLayout {
    pub(super) fn of(title: &str) -> TitleLayout {
        let len = normalize(title).len() as u32;
        let end = format::title_end(len);
        TitleLayout {
            len,
            end,
            // The separator after the title is the padding's first character.
            padding: end - len - 1,
        }
    }

    /// The indexed position of character `p` of the normalised searchable text.
    pub(super) fn position(&self, p: usize) -> u32 {
        let p = p as u32;
        if p < self.len {
            p
        } else {
            p + self.padding
        }
    }
}

/// Reduces one document, given its title and its normalised searchable text.
pub(super) fn index_doc(
    title: &str,
    chars: Vec<char>,
    analysis: &Analysis,
    split: &KeySet,
    tasks: &Tasks,
) -> IndexedDoc {
    let title = TitleLayout::of(title);
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
