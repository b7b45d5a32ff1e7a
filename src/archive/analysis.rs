//! One jieba-rs segmentation per speech, shared by everything that needs words:
//! the related-speech keywords (TF-IDF with document frequencies from this
//! archive) and the search index (word boundaries, to rank whole words higher).
//! Segmentation is the costliest step of a build, so it runs once, in parallel.

use std::collections::HashMap;

use jieba_rs::Jieba;
use rayon::prelude::*;

use crate::config::Site;
use crate::search::normalize::{normalize, searchable_text};
use crate::speech::Speech;

/// How many of a speech's most frequent words are kept as keyword candidates.
const CANDIDATES: usize = 64;

/// A word, by a 64-bit hash of its text: cheap to keep for every speech.
pub type WordId = u64;

/// What segmentation found in one speech.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Bit i set: a jieba word starts or ends at character i of the normalised
    /// searchable text (bit `len` marks the end).
    pub boundaries: Vec<u64>,
    /// The most frequent content words with their counts, by word id.
    pub frequent_words: Vec<(WordId, u32)>,
}

impl Analysis {
    pub fn is_boundary(&self, at: usize) -> bool {
        self.boundaries
            .get(at / 64)
            .is_some_and(|word| word & (1 << (at % 64)) != 0)
    }
}

/// Segments every speech; returns the analyses (in speech order) and, per word,
/// the number of speeches it occurs in.
pub fn analyse(
    speeches: &[Speech],
    site: &Site,
    jieba: &Jieba,
) -> (Vec<Analysis>, HashMap<WordId, u32>) {
    // Document frequencies are counted per thread as speeches are segmented, so
    // no speech's full word list outlives its segmentation.
    let (analyses, document_frequency) = speeches
        .par_iter()
        .map(|speech| analyse_one(speech, site, jieba))
        .fold(
            || (Vec::new(), HashMap::new()),
            |(mut analyses, mut df): (Vec<Analysis>, HashMap<WordId, u32>),
             (analysis, distinct)| {
                for word in distinct {
                    *df.entry(word).or_default() += 1;
                }
                analyses.push(analysis);
                (analyses, df)
            },
        )
        .reduce(
            || (Vec::new(), HashMap::new()),
            |(mut analyses, mut df), (more, more_df)| {
                analyses.extend(more);
                for (word, count) in more_df {
                    *df.entry(word).or_default() += count;
                }
                (analyses, df)
            },
        );
    (analyses, document_frequency)
}

fn analyse_one(speech: &Speech, site: &Site, jieba: &Jieba) -> (Analysis, Vec<WordId>) {
    let text: String = normalize(&searchable_text(speech, site))
        .into_iter()
        .collect();
    let len = text.chars().count();
    let mut boundaries = vec![0u64; len / 64 + 1];
    let mut mark = |at: usize| boundaries[at / 64] |= 1 << (at % 64);
    let mut counts: HashMap<WordId, u32> = HashMap::new();
    for token in jieba.cut(&text, false) {
        mark(token.start);
        mark(token.end);
        if is_content_word(token.word) {
            *counts.entry(word_id(token.word)).or_default() += 1;
        }
    }
    let distinct: Vec<WordId> = counts.keys().copied().collect();
    let mut frequent: Vec<(WordId, u32)> = counts.into_iter().collect();
    frequent.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    frequent.truncate(CANDIDATES);
    // Kept for every speech until the build ends: give back the unused capacity.
    frequent.shrink_to_fit();
    (
        Analysis {
            boundaries,
            frequent_words: frequent,
        },
        distinct,
    )
}

/// Words of two or more characters that are not just numbers.
fn is_content_word(word: &str) -> bool {
    word.chars().nth(1).is_some() && !word.contains(' ') && !word.chars().all(|c| c.is_numeric())
}

/// FNV-1a, 64 bits: stable across runs and platforms, so results never vary.
fn word_id(word: &str) -> WordId {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_exclude_single_characters_and_numbers() {
        assert!(is_content_word("劳动"));
        assert!(!is_content_word("的"));
        assert!(!is_content_word("2014"));
        assert!(!is_content_word(" 。"));
    }
}
