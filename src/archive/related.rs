//! Related speeches: speeches whose TF-IDF keywords (jieba-rs words) overlap most.
//!
//! Each speech gets its top keywords in parallel; an inverted index from keyword to
//! speeches then scores only the speeches that share a keyword, so the work grows
//! with the overlap, not with the square of the archive.

use std::sync::Arc;

use rayon::prelude::*;

use super::analysis::{Analysis, WordId, WordMap};

const KEYWORDS_PER_SPEECH: usize = 20;
const RELATED_PER_SPEECH: usize = 5;
/// How many speeches a keyword links at most, strongest first. Scoring costs
/// grow with it; the strongest hundred holders of a keyword are the speeches
/// that are most about it.
const MAX_POSTINGS: usize = 100;

/// The keywords of one speech, weights scaled to unit length.
type KeywordVector = Vec<(u32, f64)>;

/// For every speech (by index), up to five related speech indices, best first.
/// Keywords are a speech's words weighted by TF-IDF, with the inverse document
/// frequency taken from this archive, so a word common to the whole archive
/// (发展, 工作) never makes two speeches look related.
pub(super) fn related(
    analyses: &[Arc<Analysis>],
    document_frequency: &WordMap<u32>,
) -> Vec<Vec<usize>> {
    let n = analyses.len() as f64;
    let keywords: Vec<Vec<(WordId, f64)>> = analyses
        .par_iter()
        .map(|analysis| {
            let mut weighted: Vec<(WordId, f64)> = analysis
                .frequent_words
                .iter()
                .map(|&(word, count)| {
                    let df = document_frequency.get(&word).copied().unwrap_or(1) as f64;
                    (word, count as f64 * (n / df).ln())
                })
                .filter(|(_, weight)| *weight > 0.0)
                .collect();
            weighted.sort_by(by_weight);
            weighted.truncate(KEYWORDS_PER_SPEECH);
            // Held for every speech until the vectors are made: without the
            // room of all its candidates (three times as many).
            weighted.shrink_to_fit();
            weighted
        })
        .collect();

    // Intern keywords in speech order so ids, and thus ties, are deterministic.
    let mut ids: WordMap<u32> = WordMap::default();
    let vectors: Vec<KeywordVector> = keywords
        .into_iter()
        .map(|words| {
            let norm = words.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            let mut vector: KeywordVector = words
                .into_iter()
                .map(|(word, weight)| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(word).or_insert(next);
                    (id, if norm > 0.0 { weight / norm } else { 0.0 })
                })
                .collect();
            vector.sort_by_key(|(id, _)| *id);
            vector
        })
        .collect();

    let mut postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); ids.len()];
    for (speech, vector) in vectors.iter().enumerate() {
        for &(id, weight) in vector {
            postings[id as usize].push((speech, weight));
        }
    }
    // A keyword shared by thousands of speeches would make scoring quadratic; its
    // strongest holders are enough to find the speeches it relates.
    postings.par_iter_mut().for_each(|list| {
        if list.len() > MAX_POSTINGS {
            list.sort_by(by_weight);
            list.truncate(MAX_POSTINGS);
        }
    });

    // Scores go into a dense array per thread (a hash map per speech was most of
    // the time); only the entries touched are read back and reset.
    let count = vectors.len();
    vectors
        .par_iter()
        .enumerate()
        .map_init(
            || (vec![0.0f64; count], Vec::new()),
            |(scores, touched), (speech, vector)| {
                for &(id, weight) in vector {
                    for &(other, other_weight) in &postings[id as usize] {
                        if other != speech {
                            if scores[other] == 0.0 {
                                touched.push(other);
                            }
                            scores[other] += weight * other_weight;
                        }
                    }
                }
                // The best few, kept sorted while the candidates are read back.
                let mut best: Vec<(usize, f64)> = Vec::with_capacity(RELATED_PER_SPEECH + 1);
                for &other in touched.iter() {
                    let candidate = (other, scores[other]);
                    scores[other] = 0.0;
                    // Most candidates do not beat the last of the best: one comparison.
                    let full = best.len() == RELATED_PER_SPEECH;
                    if full && !by_weight(&candidate, &best[RELATED_PER_SPEECH - 1]).is_lt() {
                        continue;
                    }
                    let at = best.partition_point(|b| by_weight(b, &candidate).is_lt());
                    best.insert(at, candidate);
                    best.truncate(RELATED_PER_SPEECH);
                }
                touched.clear();
                best.into_iter().map(|(other, _)| other).collect()
            },
        )
        .collect()
}

/// Heavier first; between equal weights, the lower id (for speeches: the newer).
fn by_weight<T: Ord>(a: &(T, f64), b: &(T, f64)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}
