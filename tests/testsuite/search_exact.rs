//! The search promise, checked against brute force: over real documents, a speech is
//! a result of a query if and only if its normalised text contains every term,
//! both folded from traditional to simplified characters.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use lectern::search::query::{DirStore, Index, Query};
use lectern::text::fold::Folding;
use lectern::text::{normalize, normalize_folded};

use crate::util::{has_node, lectern, repo, shared};

/// The first government work reports (the first, of 1954, is in traditional
/// characters, the others in simplified ones).
const REPORTS: usize = 40;
/// Of the first reports, this many again in the other script: the 1954 one in
/// simplified characters, the next ones in traditional characters (Taiwan and
/// Hong Kong forms, converted phrase by phrase by OpenCC).
const TWINS: usize = 9;
const DOCS: usize = REPORTS + TWINS;

/// Builds a site of the first `REPORTS` government work reports and `TWINS`
/// of them converted to the other script, and returns its output.
fn build_corpus_site(dir: &Path) -> std::path::PathBuf {
    let corpus = shared("corpus/gov-work-reports");
    let root = dir.join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(root.join("site.toml"), "title = \"检索测试\"\n").unwrap();
    let write = |name: String, year: usize, raw: &str| {
        let mut lines = raw.lines();
        let title = lines.next().unwrap().trim();
        let body: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
        let speech = format!(
            "+++\ntitle = {title:?}\ndate = \"{year}\"\n+++\n\n{}\n",
            body.join("\n\n")
        );
        fs::write(root.join(format!("content/{name}.md")), speech).unwrap();
    };
    let converter = |config| OpenCC::from_config(config).unwrap();
    let (to_simplified, to_taiwan, to_hong_kong) = (
        converter(BuiltinConfig::T2s),
        converter(BuiltinConfig::S2tw),
        converter(BuiltinConfig::S2hk),
    );
    for n in 1..=REPORTS {
        let raw = fs::read_to_string(corpus.join(format!("{n:04}.txt"))).unwrap();
        write(format!("r{n:04}"), 1950 + n, &raw);
        if n <= TWINS {
            let script = match n {
                1 => &to_simplified,
                _ if n % 2 == 0 => &to_taiwan,
                _ => &to_hong_kong,
            };
            write(format!("t{n:04}"), 2000 + n, &script.convert(&raw));
        }
    }
    build(&root)
}

/// The reference folding, independent of lectern's table: each character
/// converted alone by OpenCC's `t2s` converter, again until it stays.
struct Reference {
    t2s: OpenCC,
    folded: HashMap<char, char>,
}

impl Reference {
    fn fold(&mut self, c: char) -> char {
        if c == ' ' {
            return c;
        }
        *self.folded.entry(c).or_insert_with(|| {
            let mut to = c;
            loop {
                let converted = self.t2s.convert(&to.to_string());
                let mut chars = converted.chars();
                match (chars.next(), chars.next()) {
                    (Some(next), None) if next != to => to = next,
                    _ => return to,
                }
            }
        })
    }

    /// Normalised without lectern's folding, then folded by the reference.
    fn normalize(&mut self, text: &str) -> Vec<char> {
        normalize_folded(text, &Folding::none())
            .into_iter()
            .map(|c| self.fold(c))
            .collect()
    }
}

/// Runs `lectern build` on a site and returns its output folder.
fn build(root: &Path) -> std::path::PathBuf {
    lectern()
        .args(["build", "--root"])
        .arg(root)
        .assert()
        .success();
    root.join("public")
}

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound
    }
}

fn contains(haystack: &[char], needle: &[char]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn results_are_exactly_the_speeches_containing_every_term() {
    let tmp = tempfile::tempdir().unwrap();
    let output = build_corpus_site(tmp.path());
    let mut index = Index::open(DirStore(output.clone())).unwrap();
    let mut reference = Reference {
        t2s: OpenCC::from_config(BuiltinConfig::T2s).unwrap(),
        folded: HashMap::new(),
    };
    let stored: Vec<String> = (0..index.docs.len())
        .map(|id| index.stored_doc(id).unwrap().text)
        .collect();
    // Queries are taken from the texts as written, traditional or simplified;
    // what they must find is decided on the texts folded by the reference.
    let written: Vec<Vec<char>> = stored
        .iter()
        .map(|text| normalize_folded(text, &Folding::none()))
        .collect();
    let texts: Vec<Vec<char>> = stored.iter().map(|t| reference.normalize(t)).collect();
    assert_eq!(texts.len(), DOCS);

    let mut rng = Lcg(7);
    let mut checked = 0;
    let mut folded_queries = 0;
    let mut answered: Vec<Answer> = Vec::new();
    while checked < 600 {
        // Sample a substring of 1–8 characters, sometimes crossing a separator,
        // and sometimes a second term from another speech.
        let mut query_terms = Vec::new();
        for _ in 0..1 + rng.next(3) / 2 {
            let text = &written[rng.next(written.len())];
            let len = 1 + rng.next(8);
            let start = rng.next(text.len().saturating_sub(len).max(1));
            query_terms.push(text[start..(start + len).min(text.len())].to_vec());
        }
        let query: String = query_terms
            .iter()
            .map(|t| t.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ");
        let terms: Vec<Vec<char>> = query
            .split(' ')
            .filter(|t| !t.is_empty())
            .map(|t| t.chars().map(|c| reference.fold(c)).collect())
            .collect();
        if terms.is_empty() {
            continue;
        }
        if terms.concat() != query.replace(' ', "").chars().collect::<Vec<_>>() {
            folded_queries += 1;
        }
        let expected: BTreeSet<usize> = (0..texts.len())
            .filter(|&id| terms.iter().all(|t| contains(&texts[id], t)))
            .collect();
        let results = index
            .search(&Query {
                text: query.clone(),
                ..Query::default()
            })
            .unwrap();
        let found: BTreeSet<usize> = results.hits.iter().map(|h| h.id).collect();
        assert_eq!(found, expected, "query {query:?}");
        let hits = results.hits.iter().map(|h| (h.id, h.score, h.title_match));
        answered.push((query, hits.collect()));
        checked += 1;
    }
    // The sample holds traditional queries, whose results depend on folding.
    assert!(folded_queries >= 50, "{folded_queries} traditional queries");
    same_in_javascript(&output, &answered, tmp.path());
}

/// A hit as both engines give it: speech id, score, title match.
type Hit = (usize, f64, bool);
/// A query and the Rust engine's hits, in rank order.
type Answer = (String, Vec<Hit>);

/// The same queries through search.js in node: the same speeches in the same
/// order with the same scores (skipped without node, but in CI).
fn same_in_javascript(output: &Path, answered: &[Answer], dir: &Path) {
    if !has_node("the check of search.js on the random queries") {
        return;
    }
    let queries: Vec<&str> = answered.iter().map(|(q, _)| q.as_str()).collect();
    let file = dir.join("queries.json");
    fs::write(&file, serde_json::to_string(&queries).unwrap()).unwrap();
    let run = std::process::Command::new("node")
        .arg(repo().join("tests/js/run-queries.mjs"))
        .arg(output)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let from_js: Vec<Vec<Hit>> = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(from_js.len(), answered.len());
    for ((query, rust), js) in answered.iter().zip(&from_js) {
        assert_eq!(
            js, rust,
            "query {query:?}: search.js (left) and Rust (right) differ"
        );
    }
}

#[test]
fn a_term_never_matches_across_punctuation() {
    let tmp = tempfile::tempdir().unwrap();
    let output = build_corpus_site(tmp.path());
    let mut index = Index::open(DirStore(output)).unwrap();
    // "同志们：" ends the salutation; "们今" would straddle the colon.
    let texts: Vec<String> = (0..index.docs.len())
        .map(|id| index.stored_doc(id).unwrap().text)
        .collect();
    let straddling = texts
        .iter()
        .flat_map(|t| {
            let chars: Vec<char> = t.chars().collect();
            chars
                .windows(3)
                .filter(|w| w[0].is_alphanumeric() && w[1] == '，' && w[2].is_alphanumeric())
                .map(|w| format!("{}{}", w[0], w[2]))
                .take(5)
                .collect::<Vec<_>>()
        })
        .take(20)
        .collect::<Vec<_>>();
    assert!(!straddling.is_empty());
    for pair in straddling {
        let pair_chars = normalize(&pair);
        let results = index
            .search(&Query {
                text: pair.clone(),
                ..Query::default()
            })
            .unwrap();
        for hit in results.hits {
            let text = normalize(&texts[hit.id]);
            assert!(
                contains(&text, &pair_chars),
                "{pair:?} matched speech {} only across a comma",
                hit.id
            );
        }
    }
}

/// More speeches than one indexing chunk (500) and one segment (5000): postings
/// of a gram come from several records and several shard files.
#[test]
fn postings_span_chunks_and_segments() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(root.join("site.toml"), "title = \"分段测试\"\n").unwrap();
    let words = ["劳动竞赛", "职工权益", "基层组织", "技能比武"];
    let count = 5_100;
    for n in 0..count {
        let word = words[n % words.len()];
        let body = format!("第{n}号讲话稿。本篇谈{word}。");
        let speech = format!(
            "+++\ntitle = \"讲话{n}\"\ndate = \"{}-{:02}-{:02}\"\n+++\n\n{body}\n",
            1950 + n % 70,
            1 + n % 12,
            1 + n % 28
        );
        fs::write(root.join(format!("content/s{n:05}.md")), speech).unwrap();
    }
    let mut index = Index::open(DirStore(build(&root))).unwrap();
    assert_eq!(index.docs.len(), count);
    for (i, word) in words.iter().enumerate() {
        let results = index
            .search(&Query {
                text: word.to_string(),
                ..Query::default()
            })
            .unwrap();
        let expected = (0..count).filter(|n| n % words.len() == i).count();
        assert_eq!(results.hits.len(), expected, "{word}");
    }
    // A number that occurs in exactly one speech, in the second segment.
    let results = index
        .search(&Query {
            text: "第5099号".into(),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(results.hits.len(), 1);
    let doc = index.stored_doc(results.hits[0].id).unwrap();
    assert!(doc.url.ends_with("/s05099/"), "{}", doc.url);
}
