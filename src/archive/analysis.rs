//! One jieba-rs segmentation per speech, shared by everything that needs words:
//! the related-speech keywords (TF-IDF with document frequencies from this
//! archive) and the search index (word boundaries, to rank whole words higher).
//! Segmentation is the costliest step of a build, so it runs once per text, in
//! parallel, and its results are kept by the build cache under the text's
//! fingerprint.
//!
//! It segments the normalised searchable text, in which traditional characters
//! are folded to simplified ones: jieba's dictionary is mostly in simplified
//! characters, and a word has one id whichever script a speech is written in.

use std::collections::HashMap;
use std::sync::Arc;

use jieba_rs::Jieba;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Site;
use crate::diagnostic::{self, Diagnostic};
use crate::fingerprint::Fingerprint;
use crate::page::Page;
use crate::speech::Speech;
use crate::spool;
use crate::text::{is_cjk_unified, normalize_fields, normalize_searchable, page_search_fields};

/// How many of a speech's most frequent words are kept as keyword candidates.
const CANDIDATES: usize = 64;

/// A word, by a 64-bit hash of its text: cheap to keep for every speech.
pub(crate) type WordId = u64;

/// Maps keyed by words. Word ids are hashes already, so the fast Fx hash does;
/// the default SipHash was a large part of finding related speeches.
pub(crate) type WordMap<V> = rustc_hash::FxHashMap<WordId, V>;

/// What segmentation found in one speech.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Analysis {
    /// The fingerprint of the searchable text this was found in.
    pub text_key: Fingerprint,
    /// The length of the normalised searchable text, in characters.
    pub len: u32,
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

/// Segments every speech (in speech order), except those whose searchable text
/// has an analysis in `known` already. Reads the text of each speech it
/// segments from the spool; fails with every text that could not be read.
pub(crate) fn analyse(
    speeches: &[Arc<Speech>],
    site: &Site,
    jieba: &Jieba,
    known: &HashMap<Fingerprint, Arc<Analysis>>,
) -> Result<Vec<Arc<Analysis>>, Vec<Diagnostic>> {
    let analysed: Vec<Result<Arc<Analysis>, Diagnostic>> = speeches
        .par_iter()
        .map(|speech| match known.get(&speech.text_key) {
            Some(analysis) => Ok(Arc::clone(analysis)),
            None => {
                let text = speech
                    .body
                    .text()
                    .map_err(|e| spool::unreadable(&speech.source_path, e))?;
                let normalized = normalize_searchable(speech, site, &text);
                Ok(Arc::new(analyse_one(normalized, speech.text_key, jieba)))
            }
        })
        .collect();
    diagnostic::every(analysed)
}

/// Segments the pages the search finds (`searchable = true`), as
/// [`analyse`] does speeches; returns each one's index in `pages` with its
/// analysis.
pub(crate) fn analyse_pages(
    pages: &[Arc<Page>],
    jieba: &Jieba,
    known: &HashMap<Fingerprint, Arc<Analysis>>,
) -> Result<Vec<(usize, Arc<Analysis>)>, Vec<Diagnostic>> {
    let analysed = pages
        .iter()
        .enumerate()
        .filter(|(_, page)| page.searchable)
        .map(|(i, page)| {
            let analysis = match known.get(&page.text_key) {
                Some(analysis) => Arc::clone(analysis),
                None => {
                    let text = page
                        .body
                        .text()
                        .map_err(|e| spool::unreadable(&page.source_path, e))?;
                    let normalized = normalize_fields(&page_search_fields(page, &text));
                    Arc::new(analyse_one(normalized, page.text_key, jieba))
                }
            };
            Ok((i, analysis))
        })
        .collect();
    diagnostic::every(analysed)
}

/// Per word, the number of speeches that have it among their most frequent
/// words: the rarity that weighs keywords. Counting among the candidates rather
/// than among all words keeps every speech's analysis small enough to cache.
pub(crate) fn document_frequency(analyses: &[Arc<Analysis>]) -> WordMap<u32> {
    let mut df = WordMap::default();
    for analysis in analyses {
        for &(word, _) in &analysis.frequent_words {
            *df.entry(word).or_default() += 1;
        }
    }
    df
}

fn analyse_one(normalized: Vec<char>, text_key: Fingerprint, jieba: &Jieba) -> Analysis {
    let len = normalized.len();
    let text: String = normalized.into_iter().collect();
    let mut boundaries = vec![0u64; len / 64 + 1];
    let mut mark = |at: usize| boundaries[at / 64] |= 1 << (at % 64);
    let mut counts: WordMap<u32> = WordMap::default();
    for token in jieba.cut(&text, false) {
        mark(token.start);
        mark(token.end);
        if is_content_word(token.word) {
            *counts.entry(word_id(token.word)).or_default() += 1;
        }
    }
    let mut frequent: Vec<(WordId, u32)> = counts.into_iter().collect();
    frequent.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    frequent.truncate(CANDIDATES);
    // Kept for every speech until the build ends: give back the unused capacity.
    frequent.shrink_to_fit();
    Analysis {
        text_key,
        len: len as u32,
        boundaries,
        frequent_words: frequent,
    }
}

/// Words of two or more characters that are not just numbers.
fn is_content_word(word: &str) -> bool {
    word.chars().nth(1).is_some() && !word.contains(' ') && !word.chars().all(is_number)
}

/// `char::is_numeric`, answering for the common CJK ideographs (none of which
/// is a number) without the Unicode table lookup it would do for each word.
fn is_number(c: char) -> bool {
    !is_cjk_unified(c) && c.is_numeric()
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
        assert!(!is_content_word("〇〇"), "a number, though not a digit");
        assert!(is_content_word("十五"), "numerals in words are words");
    }
}
