//! Answering a query from the written index. `search.js` implements the same
//! steps in the browser; the shared test vectors (`tests/search-vectors.json`)
//! hold both to one meaning.
//!
//! A speech matches iff every term occurs in its normalised text. Terms of one or
//! two characters are looked up directly; a longer term is covered by bigrams at
//! offsets 0, 2, 4, … and L−2, and matches where all of them sit at those offsets.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::format::{self, DocInfo, Manifest, Reader, StoredDoc, FLAG_END, FLAG_START};
use super::normalize::terms;

/// BM25 parameters.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Reads index files: from disk for `lectern search` and tests.
pub trait Store {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>>;
}

pub struct DirStore(pub PathBuf);

impl Store for DirStore {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.0.join(path))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    Relevance,
    Date,
}

#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    pub theme: Option<String>,
    pub speaker: Option<String>,
    pub year: Option<u32>,
    pub order: Order,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: usize,
    pub title_match: bool,
    /// Relevance, rounded so that both clients rank equal scores equally.
    pub score: f64,
}

#[derive(Debug, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// Counts over the results of the query with the other filters applied.
    pub themes: BTreeMap<String, usize>,
    pub speakers: BTreeMap<String, usize>,
    pub years: BTreeMap<u32, usize>,
}

/// One speech's share of a gram's postings.
#[derive(Debug, Clone)]
enum Posting {
    Counts {
        tf: u32,
        whole: u32,
        in_title: bool,
    },
    /// Packed `(position << 2) | flags`, ascending.
    Positions(Vec<u32>),
}

type Shard = HashMap<String, Vec<(u32, Posting)>>;

#[derive(Debug, Clone, Copy, Default)]
struct TermMatch {
    tf: u32,
    whole: u32,
    in_title: bool,
}

pub struct Index<S: Store> {
    store: S,
    pub manifest: Manifest,
    pub docs: Vec<DocInfo>,
    shards: HashMap<(usize, u32), Shard>,
}

impl<S: Store> Index<S> {
    pub fn open(store: S) -> Result<Self, String> {
        let manifest_bytes = store
            .read(&format::manifest_path())
            .map_err(|e| format!("cannot read {}: {e}", format::manifest_path()))?;
        let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
            .map_err(|e| format!("{} is damaged: {e}", format::manifest_path()))?;
        if manifest.version != format::FORMAT_VERSION {
            return Err(format!(
                "the index has format {}, this lectern reads format {}",
                manifest.version,
                format::FORMAT_VERSION
            ));
        }
        let docs = read_compressed(&store, &format::docs_path())
            .and_then(|bytes| format::decode_docs(&bytes))?;
        Ok(Index {
            store,
            manifest,
            docs,
            shards: HashMap::new(),
        })
    }

    /// Where the index is read from (to see what a query read, in benchmarks).
    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn stored_doc(&self, id: usize) -> Result<StoredDoc, String> {
        let bytes = read_compressed(&self.store, &format::stored_doc_path(id))?;
        serde_json::from_slice(&bytes).map_err(|e| format!("stored speech {id} is damaged: {e}"))
    }

    pub fn search(&mut self, query: &Query) -> Result<Results, String> {
        let terms = terms(&query.text);
        if terms.is_empty() || self.docs.is_empty() {
            return Ok(Results::default());
        }
        let mut matches: Vec<BTreeMap<u32, TermMatch>> = Vec::new();
        for term in &terms {
            let found = self.match_term(term)?;
            if found.is_empty() {
                return Ok(Results::default());
            }
            matches.push(found);
        }
        let n = self.docs.len() as f64;
        let avg_len = self.manifest.avg_len.max(1.0);
        let (first, rest) = matches.split_first().expect("at least one term");
        let mut all: Vec<Hit> = Vec::new();
        for (&doc, m) in first {
            let mut per_term = vec![*m];
            for other in rest {
                match other.get(&doc) {
                    Some(m) => per_term.push(*m),
                    None => break,
                }
            }
            if per_term.len() != matches.len() {
                continue;
            }
            let len = self.docs[doc as usize].len as f64;
            let score: f64 = per_term
                .iter()
                .zip(&matches)
                .map(|(m, postings)| {
                    let df = postings.len() as f64;
                    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                    // A whole jieba word counts twice: once as characters, once as a word.
                    let tf = (m.tf + m.whole) as f64;
                    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len))
                })
                .sum();
            all.push(Hit {
                id: doc as usize,
                title_match: per_term.iter().all(|m| m.in_title),
                score: (score * 1e6).round() / 1e6,
            });
        }
        Ok(self.filter_and_rank(all, query))
    }

    fn filter_and_rank(&self, all: Vec<Hit>, query: &Query) -> Results {
        let theme_bit = query.theme.as_ref().map(|slug| {
            self.manifest
                .themes
                .iter()
                .position(|t| &t.slug == slug || &t.name == slug)
                .map_or(0, |i| 1u32 << i)
        });
        let speaker_id = query.speaker.as_ref().map(|name| {
            self.manifest
                .speakers
                .iter()
                .position(|s| s == name)
                .map_or(u32::MAX, |i| i as u32 + 1)
        });
        let info = |hit: &Hit| &self.docs[hit.id];
        let theme_ok = |d: &DocInfo| theme_bit.is_none_or(|bit| d.themes & bit != 0);
        let speaker_ok = |d: &DocInfo| speaker_id.is_none_or(|s| d.speaker == s);
        let year_ok = |d: &DocInfo| query.year.is_none_or(|y| d.year == y);

        let mut results = Results::default();
        for hit in &all {
            let d = info(hit);
            if speaker_ok(d) && year_ok(d) {
                for (i, theme) in self.manifest.themes.iter().enumerate() {
                    if d.themes & (1 << i) != 0 {
                        *results.themes.entry(theme.slug.clone()).or_default() += 1;
                    }
                }
            }
            if theme_ok(d) && year_ok(d) && d.speaker > 0 {
                let name = &self.manifest.speakers[d.speaker as usize - 1];
                *results.speakers.entry(name.clone()).or_default() += 1;
            }
            if theme_ok(d) && speaker_ok(d) {
                *results.years.entry(d.year).or_default() += 1;
            }
        }
        let mut hits: Vec<Hit> = all
            .into_iter()
            .filter(|h| {
                let d = info(h);
                theme_ok(d) && speaker_ok(d) && year_ok(d)
            })
            .collect();
        hits.sort_by(|a, b| {
            // Ids run oldest first, in the archive's date order: newest first is
            // highest id first.
            let newer = || b.id.cmp(&a.id);
            match query.order {
                Order::Relevance => b
                    .title_match
                    .cmp(&a.title_match)
                    .then(b.score.total_cmp(&a.score))
                    .then_with(newer),
                Order::Date => newer(),
            }
        });
        results.hits = hits;
        results
    }

    fn match_term(&mut self, term: &[char]) -> Result<BTreeMap<u32, TermMatch>, String> {
        let mut found = BTreeMap::new();
        if term.len() <= 2 {
            let gram: String = term.iter().collect();
            for (doc, posting) in self.postings(&gram)? {
                let m = match posting {
                    Posting::Counts {
                        tf,
                        whole,
                        in_title,
                    } => TermMatch {
                        tf,
                        whole,
                        in_title,
                    },
                    Posting::Positions(positions) => {
                        let title_len = self.docs[doc as usize].title_len;
                        TermMatch {
                            tf: positions.len() as u32,
                            whole: positions
                                .iter()
                                .filter(|p| *p & 3 == FLAG_START | FLAG_END)
                                .count() as u32,
                            in_title: positions.first().is_some_and(|p| p >> 2 < title_len),
                        }
                    }
                };
                found.insert(doc, m);
            }
            return Ok(found);
        }
        let offsets = cover_offsets(term.len());
        let mut lists: Vec<HashMap<u32, Vec<u32>>> = Vec::new();
        for &offset in &offsets {
            let gram: String = term[offset..offset + 2].iter().collect();
            let by_doc: HashMap<u32, Vec<u32>> = self
                .postings(&gram)?
                .into_iter()
                .filter_map(|(doc, p)| match p {
                    Posting::Positions(positions) => Some((doc, positions)),
                    Posting::Counts { .. } => None,
                })
                .collect();
            if by_doc.is_empty() {
                return Ok(found);
            }
            lists.push(by_doc);
        }
        let (first, rest) = lists.split_first().expect("a cover has bigrams");
        let last_offset = *offsets.last().expect("a cover has bigrams");
        for (&doc, starts) in first {
            let Some(others): Option<Vec<&Vec<u32>>> = rest.iter().map(|l| l.get(&doc)).collect()
            else {
                continue;
            };
            let title_len = self.docs[doc as usize].title_len;
            let mut m = TermMatch::default();
            for &packed in starts {
                let p = packed >> 2;
                let mut end_flags = packed & 3;
                let all_there = offsets[1..].iter().zip(&others).all(|(&offset, list)| {
                    let want = p + offset as u32;
                    match list.binary_search_by(|q| (q >> 2).cmp(&want)) {
                        Ok(i) => {
                            if offset == last_offset {
                                end_flags = list[i] & 3;
                            }
                            true
                        }
                        Err(_) => false,
                    }
                });
                if all_there {
                    m.tf += 1;
                    if packed & FLAG_START != 0 && end_flags & FLAG_END != 0 {
                        m.whole += 1;
                    }
                    m.in_title |= p < title_len;
                }
            }
            if m.tf > 0 {
                found.insert(doc, m);
            }
        }
        Ok(found)
    }

    /// A gram's postings over all segments, with global speech ids.
    fn postings(&mut self, gram: &str) -> Result<Vec<(u32, Posting)>, String> {
        let bucket = format::bucket_of(gram, self.manifest.buckets);
        let segments = self.docs.len().div_ceil(self.manifest.segment_size);
        let mut out = Vec::new();
        for segment in 0..segments {
            if !self.shards.contains_key(&(segment, bucket)) {
                let path = format::shard_path(segment, bucket);
                let bytes = read_compressed(&self.store, &path)?;
                let shard = decode_shard(&bytes).map_err(|e| format!("{path} is damaged: {e}"))?;
                self.shards.insert((segment, bucket), shard);
            }
            let base = (segment * self.manifest.segment_size) as u32;
            if let Some(list) = self.shards[&(segment, bucket)].get(gram) {
                out.extend(list.iter().map(|(doc, p)| (base + doc, p.clone())));
            }
        }
        Ok(out)
    }
}

/// Offsets of the bigrams that cover a term of `len` ≥ 3 characters.
fn cover_offsets(len: usize) -> Vec<usize> {
    let mut offsets: Vec<usize> = (0..len - 1).step_by(2).collect();
    if *offsets.last().expect("len >= 3") != len - 2 {
        offsets.push(len - 2);
    }
    offsets
}

fn read_compressed<S: Store>(store: &S, path: &str) -> Result<Vec<u8>, String> {
    let bytes = store
        .read(path)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    format::decompress(&bytes).map_err(|e| format!("{path} is damaged: {e}"))
}

fn decode_shard(bytes: &[u8]) -> Result<Shard, String> {
    let mut r = Reader::new(bytes);
    let mut shard = Shard::new();
    while !r.done() {
        let gram = r.str()?.to_string();
        let unigram = gram.chars().count() == 1;
        let count = r.varint()?;
        let mut docs = Vec::with_capacity(count as usize);
        let mut doc = 0;
        for _ in 0..count {
            doc += r.varint()?;
            let posting = if unigram {
                let packed = r.varint()?;
                Posting::Counts {
                    tf: packed >> 1,
                    in_title: packed & 1 == 1,
                    whole: r.varint()?,
                }
            } else {
                let n = r.varint()?;
                let mut positions = Vec::with_capacity(n as usize);
                let mut position = 0;
                for _ in 0..n {
                    let packed = r.varint()?;
                    position += packed >> 2;
                    positions.push((position << 2) | (packed & 3));
                }
                Posting::Positions(positions)
            };
            docs.push((doc, posting));
        }
        // A gram has one record per indexing chunk; they follow in speech order.
        shard.entry(gram).or_default().extend(docs);
    }
    Ok(shard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_reach_every_character() {
        assert_eq!(cover_offsets(3), [0, 1]);
        assert_eq!(cover_offsets(4), [0, 2]);
        assert_eq!(cover_offsets(5), [0, 2, 3]);
        assert_eq!(cover_offsets(8), [0, 2, 4, 6]);
    }
}
