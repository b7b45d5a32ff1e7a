//! Answering a query from the written index. `search.js` implements the same
//! steps in the browser; the shared test vectors (`tests/search-vectors.json`)
//! hold both to one meaning.
//!
//! A speech matches iff every term occurs in its normalised text. Terms of one or
//! two characters are looked up directly; a longer term is covered by bigrams at
//! offsets 0, 2, 4, … and L−2, and matches where all of them sit at those offsets.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use super::format::{self, DocInfo, Manifest, Reader, StoredDoc, FLAG_END, FLAG_START};
use super::pack;
use super::Error;
use crate::t;
use crate::text::fold::Folding;
use crate::text::terms_folded;

/// BM25 parameters.
pub(super) const K1: f64 = 1.2;
pub(super) const B: f64 = 0.75;

/// Reads index files: from disk for `lectern search` and tests.
pub trait Store {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>>;
    /// `len` bytes of the file from `start`, as an HTTP `Range` request reads them.
    fn read_range(&self, path: &str, start: usize, len: usize) -> std::io::Result<Vec<u8>>;
}

pub struct DirStore(pub PathBuf);

impl Store for DirStore {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.0.join(path))
    }

    fn read_range(&self, path: &str, start: usize, len: usize) -> std::io::Result<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = std::fs::File::open(self.0.join(path))?;
        file.seek(SeekFrom::Start(start as u64))?;
        let mut bytes = vec![0; len];
        file.read_exact(&mut bytes)?;
        Ok(bytes)
    }
}

/// Reads item `index` of a pack (see [`super::pack`]): its directory entry,
/// then its bytes, decompressed. An empty item is empty bytes.
fn read_packed<S: Store>(
    store: &S,
    directory: &str,
    part: impl Fn(usize) -> String,
    index: usize,
) -> Result<Vec<u8>, Error> {
    let entry = store
        .read_range(directory, index * pack::ENTRY_BYTES, pack::ENTRY_BYTES)
        .map_err(|e| read_error(directory, e))?;
    let entry = pack::Entry::decode(&entry).map_err(|why| damaged(directory, why))?;
    if entry.len == 0 {
        return Ok(Vec::new());
    }
    let path = part(entry.part);
    let bytes = store
        .read_range(&path, entry.offset, entry.len)
        .map_err(|e| read_error(&path, e))?;
    format::decompress(&bytes).map_err(|why| damaged(&path, why))
}

fn read_error(path: &str, source: std::io::Error) -> Error {
    Error::Read {
        path: path.to_string(),
        source,
    }
}

fn damaged(path: &str, why: impl ToString) -> Error {
    Error::Damaged {
        path: path.to_string(),
        why: why.to_string(),
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

/// A filter naming a value that no speech in the index has, so that the query
/// could find nothing whatever its text: `lectern search` says so, naming the
/// values there are, instead of reporting that nothing matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnknownFilter {
    /// Neither the slug nor the name of a theme.
    Theme(String),
    Speaker(String),
    Year(u32),
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
    /// Per segment, the bigrams split into trigram postings.
    split: Vec<HashSet<String>>,
    /// The folding the index was built with, which queries are folded with too.
    folding: Folding,
    shards: HashMap<(usize, u32), Shard>,
}

impl<S: Store> Index<S> {
    pub fn open(store: S) -> Result<Self, Error> {
        let manifest_path = format::manifest_path();
        let manifest_bytes = store
            .read(&manifest_path)
            .map_err(|e| read_error(&manifest_path, e))?;
        let manifest: Manifest =
            serde_json::from_slice(&manifest_bytes).map_err(|e| damaged(&manifest_path, e))?;
        if manifest.version != format::FORMAT_VERSION {
            return Err(Error::Format {
                found: manifest.version,
                reads: format::FORMAT_VERSION,
            });
        }
        let docs_path = format::docs_path();
        let docs = format::decode_docs(&read_compressed(&store, &docs_path)?)
            .map_err(|why| damaged(&docs_path, why))?;
        if manifest.split.len() != docs.len().div_ceil(manifest.segment_size.max(1)) {
            return Err(damaged(&manifest_path, t!("search-why-no-split")));
        }
        let split = manifest
            .split
            .iter()
            .map(|grams| grams.iter().cloned().collect())
            .collect();
        let folding_path = format::folding_path();
        let folding = format::decode_folding(&read_compressed(&store, &folding_path)?)
            .map_err(|why| damaged(&folding_path, why))?;
        Ok(Index {
            store,
            manifest,
            docs,
            split,
            folding,
            shards: HashMap::new(),
        })
    }

    /// Where the index is read from (to see what a query read, in benchmarks).
    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn stored_doc(&self, id: usize) -> Result<StoredDoc, Error> {
        let segment = id / format::SEGMENT_SIZE;
        let directory = format::stored_directory_path(segment);
        let bytes = read_packed(
            &self.store,
            &directory,
            |part| format::stored_part_path(segment, part),
            id % format::SEGMENT_SIZE,
        )?;
        format::decode_stored_doc(&bytes).map_err(|why| {
            damaged(
                &directory,
                t!("search-why-stored-speech", id = id, why = why),
            )
        })
    }

    /// The filters of `query` that no speech of the index passes.
    pub fn unknown_filters(&self, query: &Query) -> Vec<UnknownFilter> {
        let mut unknown = Vec::new();
        if let Some(theme) = &query.theme {
            let themes = &self.manifest.themes;
            if !themes.iter().any(|t| &t.slug == theme || &t.name == theme) {
                unknown.push(UnknownFilter::Theme(theme.clone()));
            }
        }
        if let Some(speaker) = &query.speaker {
            if !self.manifest.speakers.contains(speaker) {
                unknown.push(UnknownFilter::Speaker(speaker.clone()));
            }
        }
        if let Some(year) = query.year {
            // Year 0 is that of pages, which have none.
            if year == 0 || !self.docs.iter().any(|d| d.year == year) {
                unknown.push(UnknownFilter::Year(year));
            }
        }
        unknown
    }

    /// The years that speeches of the index are from, oldest first (a page
    /// of the site, not a speech, has year 0: no year).
    pub fn years(&self) -> Vec<u32> {
        let mut years: Vec<u32> = self
            .docs
            .iter()
            .map(|d| d.year)
            .filter(|&y| y > 0)
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The query's terms, folded as the index was.
    pub fn terms(&self, query: &str) -> Vec<Vec<char>> {
        terms_folded(query, &self.folding)
    }

    pub fn search(&mut self, query: &Query) -> Result<Results, Error> {
        let terms = self.terms(&query.text);
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
            if theme_ok(d) && speaker_ok(d) && d.year > 0 {
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

    /// The speeches whose normalised text contains the term, segment by segment.
    fn match_term(&mut self, term: &[char]) -> Result<BTreeMap<u32, TermMatch>, Error> {
        let mut found = BTreeMap::new();
        for segment in 0..self.docs.len().div_ceil(self.manifest.segment_size) {
            let base = (segment * self.manifest.segment_size) as u32;
            if term.len() <= 2 {
                let gram: String = term.iter().collect();
                for (doc, posting) in self.postings(&gram, segment)? {
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
                            let title_end = self.docs[(base + doc) as usize].title_end;
                            TermMatch {
                                tf: positions.len() as u32,
                                whole: positions
                                    .iter()
                                    .filter(|p| *p & 3 == FLAG_START | FLAG_END)
                                    .count() as u32,
                                in_title: positions.first().is_some_and(|p| p >> 2 < title_end),
                            }
                        }
                    };
                    found.insert(base + doc, m);
                }
                continue;
            }
            let cover = cover(term, &self.split[segment]);
            let mut lists: Vec<HashMap<u32, Vec<u32>>> = Vec::new();
            for &(offset, len) in &cover {
                let gram: String = term[offset..offset + len].iter().collect();
                let by_doc: HashMap<u32, Vec<u32>> = self
                    .postings(&gram, segment)?
                    .into_iter()
                    .filter_map(|(doc, p)| match p {
                        Posting::Positions(positions) => Some((doc, positions)),
                        Posting::Counts { .. } => None,
                    })
                    .collect();
                if by_doc.is_empty() {
                    break;
                }
                lists.push(by_doc);
            }
            if lists.len() < cover.len() {
                continue;
            }
            let (first, rest) = lists.split_first().expect("a cover has grams");
            for (&doc, starts) in first {
                let Some(others): Option<Vec<&Vec<u32>>> =
                    rest.iter().map(|l| l.get(&doc)).collect()
                else {
                    continue;
                };
                let title_end = self.docs[(base + doc) as usize].title_end;
                let mut m = TermMatch::default();
                for &packed in starts {
                    let p = packed >> 2;
                    // The flags of the gram that ends the term.
                    let mut end_flags = packed & 3;
                    let all_there = cover[1..].iter().zip(&others).all(|(&(offset, _), list)| {
                        let want = p + offset as u32;
                        match list.binary_search_by(|q| (q >> 2).cmp(&want)) {
                            Ok(i) => {
                                end_flags = list[i] & 3;
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
                        m.in_title |= p < title_end;
                    }
                }
                if m.tf > 0 {
                    found.insert(base + doc, m);
                }
            }
        }
        Ok(found)
    }

    /// Where each speech of a segment starts in the segment's position space.
    fn starts(&self, segment: usize) -> Vec<u32> {
        let size = self.manifest.segment_size;
        let docs = &self.docs[(segment * size).min(self.docs.len())..];
        docs.iter()
            .take(size)
            .scan(0u32, |next, doc| {
                let start = *next;
                *next = next.saturating_add(doc.span());
                Some(start)
            })
            .collect()
    }

    /// A gram's postings in one segment, with the segment's speech numbers.
    fn postings(&mut self, gram: &str, segment: usize) -> Result<Vec<(u32, Posting)>, Error> {
        let bucket = format::bucket_of(gram, self.manifest.buckets);
        if !self.shards.contains_key(&(segment, bucket)) {
            let directory = format::shard_directory_path(segment);
            let bytes = read_packed(
                &self.store,
                &directory,
                |part| format::shard_part_path(segment, part),
                bucket as usize,
            )?;
            let starts = self.starts(segment);
            let shard = decode_shard(&bytes, &starts).map_err(|why| {
                damaged(
                    &directory,
                    t!("search-why-shard", bucket = bucket.to_string(), why = why),
                )
            })?;
            self.shards.insert((segment, bucket), shard);
        }
        Ok(self.shards[&(segment, bucket)]
            .get(gram)
            .cloned()
            .unwrap_or_default())
    }
}

/// The grams that verify a term of three or more characters in a segment, as
/// (offset, length): from the start, a trigram where the segment splits the
/// bigram there, else the bigram; a character left over at the end is covered
/// by the trigram or, failing that, the bigram that ends the term. The last
/// gram always ends the term.
fn cover(term: &[char], split: &HashSet<String>) -> Vec<(usize, usize)> {
    let len = term.len();
    let splits = |at: usize| split.contains(&term[at..at + 2].iter().collect::<String>());
    let mut out = Vec::new();
    let mut at = 0;
    while at + 2 <= len {
        if at + 3 <= len && splits(at) {
            out.push((at, 3));
            at += 3;
        } else {
            out.push((at, 2));
            at += 2;
        }
    }
    if at < len {
        out.push(if splits(len - 3) {
            (len - 3, 3)
        } else {
            (len - 2, 2)
        });
    }
    out
}

fn read_compressed<S: Store>(store: &S, path: &str) -> Result<Vec<u8>, Error> {
    let bytes = store.read(path).map_err(|e| read_error(path, e))?;
    format::decompress(&bytes).map_err(|why| damaged(path, why))
}

/// A shard's postings by gram, with speech numbers local to the segment whose
/// speeches start at `starts` in its position space.
fn decode_shard(bytes: &[u8], starts: &[u32]) -> Result<Shard, String> {
    let mut r = Reader::new(bytes);
    let mut shard = Shard::new();
    for len in 1..=3 {
        // Unigrams and bigrams are counted; trigrams run to the end.
        let count = if len < 3 { r.varint()? } else { u32::MAX };
        let mut previous = [0u32; 3];
        let mut read = 0;
        while read < count && !(len == 3 && r.done()) {
            read += 1;
            // While the characters before it are the previous gram's, a
            // character is its difference from the previous gram's at its
            // place; once one differs, the rest are in the text code.
            let mut chars = [0u32; 3];
            let mut same = true;
            for k in 0..len {
                chars[k] = if same {
                    add(previous[k], r.varint()?)?
                } else {
                    r.char()? as u32
                };
                same &= chars[k] == previous[k];
            }
            previous = chars;
            let gram = gram_text(&chars[..len])?;
            let postings = if len == 1 {
                let n = r.varint()? as usize;
                unigram_postings(&mut r, n)?
            } else {
                positional_postings(&mut r, starts)?
            };
            shard.insert(gram, postings);
        }
    }
    Ok(shard)
}

fn unigram_postings(r: &mut Reader, n: usize) -> Result<Vec<(u32, Posting)>, String> {
    let mut docs = Vec::with_capacity(n);
    let mut doc = 0;
    for _ in 0..n {
        doc = add(doc, r.varint()?)?;
        docs.push(doc);
    }
    let packed: Vec<u32> = (0..n).map(|_| r.varint()).collect::<Result<_, _>>()?;
    let mut postings = Vec::with_capacity(n);
    for (doc, packed) in docs.into_iter().zip(packed) {
        let posting = Posting::Counts {
            tf: packed >> 1,
            in_title: packed & 1 == 1,
            whole: r.varint()?,
        };
        postings.push((doc, posting));
    }
    Ok(postings)
}

/// The number of positions with how each flag plane is stored, the positions
/// across the segment, then the planes stored bit by bit; split by speech.
fn positional_postings(r: &mut Reader, starts: &[u32]) -> Result<Vec<(u32, Posting)>, String> {
    let header = r.varint()?;
    let n = (header >> 4) as usize;
    let mut positions = Vec::with_capacity(n);
    let mut position = 0;
    for _ in 0..n {
        position = add(position, r.varint()?)?;
        positions.push(position);
    }
    let start_flags = Plane::read(r, header >> 2 & 3, n)?;
    let end_flags = Plane::read(r, header & 3, n)?;
    let mut postings: Vec<(u32, Posting)> = Vec::new();
    for (i, &position) in positions.iter().enumerate() {
        // The speech whose span holds the position.
        let doc = starts.partition_point(|&s| s <= position).saturating_sub(1);
        let local = position - starts.get(doc).copied().unwrap_or(0);
        let mut packed = local << 2;
        if start_flags.get(i) {
            packed |= FLAG_START;
        }
        if end_flags.get(i) {
            packed |= FLAG_END;
        }
        match postings.last_mut() {
            Some((d, Posting::Positions(list))) if *d == doc as u32 => list.push(packed),
            _ => postings.push((doc as u32, Posting::Positions(vec![packed]))),
        }
    }
    Ok(postings)
}

fn add(a: u32, b: u32) -> Result<u32, String> {
    a.checked_add(b)
        .ok_or_else(|| t!("search-why-number-out-of-range"))
}

fn gram_text(code_points: &[u32]) -> Result<String, String> {
    code_points
        .iter()
        .map(|&c| char::from_u32(c).ok_or_else(|| t!("search-why-bad-gram")))
        .collect()
}

/// One bit per position: all clear, all set, or stored a bit each.
enum Plane<'a> {
    All(bool),
    Bits(&'a [u8]),
}

impl<'a> Plane<'a> {
    fn read(r: &mut Reader<'a>, mode: u32, n: usize) -> Result<Self, String> {
        match mode {
            0 => Ok(Plane::All(false)),
            1 => Ok(Plane::All(true)),
            2 => Ok(Plane::Bits(r.bytes(n.div_ceil(8))?)),
            _ => Err(t!("search-why-unknown-plane")),
        }
    }

    fn get(&self, i: usize) -> bool {
        match self {
            Plane::All(bit) => *bit,
            Plane::Bits(bytes) => bytes[i / 8] & (1 << (i % 8)) != 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same shard as the test of `decodeShard` in tests/js/engine.test.mjs.
    #[test]
    fn shards_decode_unigrams_then_bigrams_and_trigrams() {
        let mut bytes = Vec::new();
        let mut v = |values: &[u32], raw: &[u8]| {
            for &value in values {
                format::put_varint(&mut bytes, value);
            }
            bytes.extend_from_slice(raw);
        };
        let ideograph = |c: char| {
            let offset = c as u32 - 0x4E00;
            [160 + (offset >> 8) as u8, offset as u8]
        };
        v(&[2, 0x6743, 2, 0, 5, 3 << 1 | 1, 2 << 1, 1, 0], &[]);
        v(&[0x76ca - 0x6743, 1, 4, 1 << 1, 0], &[]);
        v(&[2, 0x6743], &ideograph('益'));
        v(&[2 << 4 | 2 << 2 | 1, 7, 20], &[0b01]);
        v(&[0, 0x8d23 - 0x76ca, 1 << 4, 3], &[]);
        v(&[0x6743], &ideograph('益'));
        v(&[], &[43]);
        v(&[1 << 4, 27, 0x76ca - 0x6743], &ideograph('损'));
        v(&[], &[19]);
        v(&[1 << 4, 30], &[]);
        let shard = decode_shard(&bytes, &[0, 24]).unwrap();
        let positions = |gram: &str| -> Vec<(u32, Vec<u32>)> {
            shard[gram]
                .iter()
                .map(|(doc, p)| match p {
                    Posting::Positions(list) => (*doc, list.clone()),
                    Posting::Counts { .. } => panic!("{gram} has counts"),
                })
                .collect()
        };
        assert!(matches!(
            shard["权"][..],
            [
                (
                    0,
                    Posting::Counts {
                        tf: 3,
                        whole: 1,
                        in_title: true
                    }
                ),
                (
                    5,
                    Posting::Counts {
                        tf: 2,
                        whole: 0,
                        in_title: false
                    }
                ),
            ]
        ));
        assert_eq!(
            positions("权益"),
            [(0, vec![7 << 2 | 3]), (1, vec![3 << 2 | 1])]
        );
        assert_eq!(positions("权责"), [(0, vec![3 << 2])]);
        assert_eq!(positions("权益保"), [(1, vec![3 << 2])]);
        assert_eq!(positions("益损理"), [(1, vec![6 << 2])]);
        assert!(decode_shard(&[1, 0x61, 1], &[]).is_err());
    }

    fn cover_of(term: &str, split: &[&str]) -> Vec<(usize, usize)> {
        let term: Vec<char> = term.chars().collect();
        cover(&term, &split.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn covers_reach_every_character() {
        assert_eq!(cover_of("维护权", &[]), [(0, 2), (1, 2)]);
        assert_eq!(cover_of("维护权益", &[]), [(0, 2), (2, 2)]);
        assert_eq!(cover_of("维护合法权", &[]), [(0, 2), (2, 2), (3, 2)]);
        assert_eq!(
            cover_of("维护职工合法权益", &[]),
            [(0, 2), (2, 2), (4, 2), (6, 2)]
        );
    }

    #[test]
    fn covers_use_trigrams_of_split_bigrams() {
        assert_eq!(cover_of("规定或", &["规定"]), [(0, 3)]);
        assert_eq!(cover_of("规定或者", &["规定", "或者"]), [(0, 3), (2, 2)]);
        assert_eq!(cover_of("的规定", &["规定"]), [(0, 2), (1, 2)]);
        assert_eq!(cover_of("依法规定或", &["规定"]), [(0, 2), (2, 3)]);
        assert_eq!(cover_of("依法规定", &["法规"]), [(0, 2), (2, 2)]);
        assert_eq!(cover_of("依法规定的", &["依法"]), [(0, 3), (3, 2)]);
        // A character left over at the end: the trigram that ends the term.
        assert_eq!(cover_of("依法规定", &["依法", "法规"]), [(0, 3), (1, 3)]);
    }
}
