//! Search quality and cost on a built site. Prints numbers; never passes or fails.
//!
//!     LECTERN_BENCH_OUTPUT=/path/to/public cargo bench --bench search
//!
//! - recall and precision over 1,000 random substrings of 1–8 characters, against
//!   brute force over the speeches' normalised (and so folded) text;
//! - how often a 6-character phrase ranks its own speech first: over all sampled
//!   phrases, over the distinctive ones (its own speech has more occurrences of
//!   it than any other speech) and over those found in one speech only;
//! - index size against the text size, and the largest index file;
//! - bytes a browser query downloads (script, manifest, speech table, folding
//!   table, shards, and the stored speeches of the first 10 results),
//!   gzip-compressed per file.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use lectern::search::format;
use lectern::search::query::{DirStore, Index, Query, Store};
use lectern::text::normalize;
use rayon::prelude::*;

/// Records what a query reads, as a browser would download it: (path, bytes),
/// whole files and `Range` requests alike.
struct Recording {
    inner: DirStore,
    read: RefCell<Vec<(String, usize)>>,
}

impl Store for Recording {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        let bytes = self.inner.read(path)?;
        self.read.borrow_mut().push((path.to_string(), bytes.len()));
        Ok(bytes)
    }

    fn read_range(&self, path: &str, start: usize, len: usize) -> std::io::Result<Vec<u8>> {
        self.read.borrow_mut().push((path.to_string(), len));
        self.inner.read_range(path, start, len)
    }
}

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

fn median(values: &mut [usize]) -> usize {
    values.sort_unstable();
    values.get(values.len() / 2).copied().unwrap_or(0)
}

fn main() {
    let Some(output) = std::env::var_os("LECTERN_BENCH_OUTPUT").map(PathBuf::from) else {
        eprintln!("set LECTERN_BENCH_OUTPUT to a built site (see bench/search.sh)");
        return;
    };
    let mut index = Index::open(DirStore(output.clone())).expect("a built index");
    let n = index.docs.len();
    let texts: Vec<String> = (0..n)
        .into_par_iter()
        .map(|id| {
            let doc = Index::open(DirStore(output.clone()))
                .unwrap()
                .stored_doc(id)
                .unwrap();
            normalize(&doc.text).into_iter().collect()
        })
        .collect();
    let text_bytes: usize = (0..n)
        .map(|id| index.stored_doc(id).unwrap().text.len())
        .sum();
    println!(
        "speeches: {n}, searchable text: {:.1} MB",
        text_bytes as f64 / 1e6
    );

    // Recall and precision.
    let mut rng = Lcg(42);
    let (mut true_pos, mut false_pos, mut false_neg) = (0usize, 0usize, 0usize);
    let mut queries = 0;
    while queries < 1000 {
        let text: Vec<char> = texts[rng.next(n)].chars().collect();
        let len = 1 + rng.next(8);
        let start = rng.next(text.len().saturating_sub(len));
        let term: String = text[start..(start + len).min(text.len())].iter().collect();
        let term = term
            .split(' ')
            .max_by_key(|t| t.chars().count())
            .unwrap_or("")
            .to_string();
        if term.is_empty() {
            continue;
        }
        queries += 1;
        let truth: BTreeSet<usize> = texts
            .par_iter()
            .enumerate()
            .filter(|(_, t)| t.contains(term.as_str()))
            .map(|(id, _)| id)
            .collect();
        let found: BTreeSet<usize> = index
            .search(&Query {
                text: term.clone(),
                ..Query::default()
            })
            .unwrap()
            .hits
            .iter()
            .map(|h| h.id)
            .collect();
        true_pos += found.intersection(&truth).count();
        false_pos += found.difference(&truth).count();
        false_neg += truth.difference(&found).count();
    }
    println!(
        "recall {:.3}, precision {:.3} over {queries} substrings of 1-8 characters ({true_pos} matches, {false_pos} false, {false_neg} missed)",
        true_pos as f64 / (true_pos + false_neg).max(1) as f64,
        true_pos as f64 / (true_pos + false_pos).max(1) as f64,
    );

    // Own speech first for 6-character phrases. The generated archives repeat
    // text, so a phrase is often in several speeches as often as in its own;
    // none of those can be told apart, so the distinctive phrases are counted
    // on their own.
    let (mut first, mut sampled) = (0, 0);
    let (mut distinctive, mut distinctive_first, mut unique, mut unique_first) = (0, 0, 0, 0);
    while sampled < 500 {
        let id = rng.next(n);
        let text: Vec<char> = texts[id].chars().collect();
        let start = rng.next(text.len().saturating_sub(6));
        let phrase: String = text[start..(start + 6).min(text.len())].iter().collect();
        if phrase.chars().count() < 6 || phrase.contains(' ') {
            continue;
        }
        sampled += 1;
        let hits = index
            .search(&Query {
                text: phrase.clone(),
                ..Query::default()
            })
            .unwrap()
            .hits;
        let is_first = hits.first().is_some_and(|h| h.id == id) as usize;
        first += is_first;
        let counts: Vec<usize> = texts.par_iter().map(|t| occurrences(t, &phrase)).collect();
        let others = (0..n)
            .filter(|&other| other != id)
            .map(|other| counts[other]);
        if others.clone().all(|count| count < counts[id]) {
            distinctive += 1;
            distinctive_first += is_first;
        }
        if others.max().unwrap_or(0) == 0 {
            unique += 1;
            unique_first += is_first;
        }
    }
    let share = |part: usize, all: usize| 100.0 * part as f64 / all.max(1) as f64;
    println!(
        "own speech first for 6-character phrases: {:.1}% of {sampled}; {:.1}% of the {distinctive} distinctive ones (more occurrences in their own speech than in any other); {:.1}% of the {unique} found in one speech only",
        share(first, sampled),
        share(distinctive_first, distinctive),
        share(unique_first, unique),
    );

    // Index size.
    let search_dir = output.join(format::DIR);
    let (mut total, mut largest, mut files) = (0u64, (0u64, PathBuf::new()), 0);
    for entry in walkdir::WalkDir::new(&search_dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let len = entry.metadata().unwrap().len();
            total += len;
            files += 1;
            if len > largest.0 {
                largest = (len, entry.path().to_path_buf());
            }
        }
    }
    let site_files = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    println!("site: {site_files} files in all");
    println!(
        "index: {:.1} MB in {files} files ({:.2}x the searchable text); largest file {:.0} KB ({})",
        total as f64 / 1e6,
        total as f64 / text_bytes as f64,
        largest.0 as f64 / 1024.0,
        largest
            .1
            .strip_prefix(&output)
            .unwrap_or(&largest.1)
            .display()
    );

    // Bytes a browser query downloads.
    let script = std::fs::read(output.join("search/search.js")).unwrap_or_default();
    let fixed =
        gzip_len(&script) + gzip_len(&std::fs::read(output.join(format::manifest_path())).unwrap());
    let docs_bin = file_len(&output, &format::docs_path());
    let fold_bin = file_len(&output, &format::folding_path());
    let (mut per_query, mut shards, mut stored) = (Vec::new(), Vec::new(), Vec::new());
    let mut largest = (0, String::new());
    let mut sampled = 0;
    while sampled < 1000 {
        let text: Vec<char> = texts[rng.next(n)].chars().collect();
        let len = 2 + rng.next(3);
        let start = rng.next(text.len().saturating_sub(len));
        let query: String = text[start..(start + len).min(text.len())].iter().collect();
        if query.contains(' ') || query.chars().count() < 2 {
            continue;
        }
        sampled += 1;
        let recording = Recording {
            inner: DirStore(output.clone()),
            read: RefCell::new(Vec::new()),
        };
        let mut fresh = Index::open(recording).unwrap();
        let hits = fresh
            .search(&Query {
                text: query.clone(),
                ..Query::default()
            })
            .unwrap()
            .hits;
        for hit in hits.iter().take(10) {
            fresh.stored_doc(hit.id).unwrap();
        }
        let reads = fresh_reads(&fresh);
        let bytes_under = |folder: &str| -> usize {
            let prefix = format!("{}/{folder}/", format::DIR);
            reads
                .iter()
                .filter(|(p, _)| p.starts_with(&prefix))
                .map(|(_, len)| len)
                .sum()
        };
        let (shard_bytes, stored_bytes) = (bytes_under("i"), bytes_under("d"));
        let total = fixed + docs_bin + fold_bin + shard_bytes + stored_bytes;
        if total > largest.0 {
            largest = (total, query);
        }
        per_query.push(total);
        shards.push(shard_bytes);
        stored.push(stored_bytes);
    }
    let kb = |bytes: usize| bytes as f64 / 1024.0;
    println!(
        "download per 2-4 character query (gzip): median {:.1} KB, max {:.1} KB ({}) over {sampled} queries; \
         of which script and manifest {:.1} KB, docs.bin {:.1} KB, fold.bin {:.1} KB, shards median {:.1} KB, \
         stored speeches median {:.1} KB",
        kb(median(&mut per_query)),
        kb(largest.0),
        largest.1,
        kb(fixed),
        kb(docs_bin),
        kb(fold_bin),
        kb(median(&mut shards)),
        kb(median(&mut stored)),
    );
}

/// Occurrences of `needle` in `haystack`, overlapping ones too (as the index
/// counts them).
fn occurrences(haystack: &str, needle: &str) -> usize {
    let step = needle.chars().next().map_or(1, char::len_utf8);
    let mut count = 0;
    let mut at = 0;
    while let Some(found) = haystack[at..].find(needle) {
        count += 1;
        at += found + step;
    }
    count
}

fn fresh_reads(index: &Index<Recording>) -> Vec<(String, usize)> {
    index.store().read.borrow().clone()
}

fn file_len(output: &Path, rel: &str) -> usize {
    std::fs::metadata(output.join(rel)).map_or(0, |m| m.len() as usize)
}
