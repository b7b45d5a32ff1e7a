//! The shared search vectors (`tests/search-vectors.json`), checked against both
//! clients: `lectern search` (the Rust engine) here, as a process and as the
//! library, and `search.js` (the browser engine) by running `node --test
//! tests/js/` over the same built fixture site.
//!
//! The fixture site is written from the vectors file itself, so the expectations
//! never depend on the sample `content/`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use lectern::search::query::{DirStore, Index, Order, Query};
use serde_json::Value;

use crate::util::{has_node, lectern, repo, search_vectors, write_vectors_site};

fn build_fixture(site: &Value, dir: &Path) -> PathBuf {
    let root = dir.join("site");
    write_vectors_site(site, &root);
    lectern()
        .args(["build", "--root"])
        .arg(&root)
        .assert()
        .success();
    let output = root.join("public");
    assert!(output.join("search/manifest.json").is_file());
    output
}

fn text_of(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn year_of(v: &Value) -> Option<u32> {
    v.get("year").and_then(Value::as_u64).map(|y| y as u32)
}

fn by_date(v: &Value) -> bool {
    v.get("order").and_then(Value::as_str) == Some("date")
}

/// The vector's query for the library engine.
fn library_query(v: &Value) -> Query {
    Query {
        text: v["query"].as_str().unwrap().to_string(),
        theme: text_of(v, "theme"),
        speaker: text_of(v, "speaker"),
        year: year_of(v),
        order: if by_date(v) {
            Order::Date
        } else {
            Order::Relevance
        },
    }
}

/// `lectern search --json --limit 0 [filters] -- QUERY` → the result URLs,
/// or, for a vector with `cli_exit`, its expected URLs once the refusal is checked.
fn cli_urls(output: &Path, v: &Value) -> Result<Vec<String>, String> {
    let mut cmd = lectern();
    cmd.arg("search")
        .arg("--output")
        .arg(output)
        .args(["--json", "--limit", "0"]);
    if let Some(theme) = text_of(v, "theme") {
        cmd.args(["--theme", &theme]);
    }
    if let Some(speaker) = text_of(v, "speaker") {
        cmd.args(["--speaker", &speaker]);
    }
    if let Some(year) = year_of(v) {
        cmd.args(["--year", &year.to_string()]);
    }
    if by_date(v) {
        cmd.arg("--by-date");
    }
    cmd.arg("--")
        .arg(v["query"].as_str().expect("vector.query"));
    let out = cmd.output().map_err(|e| e.to_string())?;
    if let Some(code) = v.get("cli_exit").and_then(Value::as_i64) {
        return if out.status.code() != Some(code as i32) {
            Err(format!("exit {:?}, want {code}", out.status.code()))
        } else if !out.stdout.is_empty() || out.stderr.is_empty() {
            Err("a refusal says why on stderr and prints nothing on stdout".into())
        } else {
            Ok(strings(&v["expected"]))
        };
    }
    if !out.status.success() {
        return Err(format!(
            "lectern search failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let json: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    Ok(json
        .as_array()
        .ok_or("not a JSON array")?
        .iter()
        .map(|r| r["url"].as_str().unwrap_or_default().to_string())
        .collect())
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("a list of URLs")
        .iter()
        .map(|u| u.as_str().expect("a URL").to_string())
        .collect()
}

fn same(v: &Value, mut got: Vec<String>) -> bool {
    let mut want = strings(&v["expected"]);
    if v.get("ordered") == Some(&Value::Bool(false)) {
        got.sort();
        want.sort();
    }
    got == want
}

fn counts_json<K: ToString>(map: &BTreeMap<K, usize>) -> Value {
    Value::Object(
        map.iter()
            .map(|(k, n)| (k.to_string(), Value::from(*n)))
            .collect(),
    )
}

#[test]
fn both_search_engines_agree_with_the_vectors() {
    let file = search_vectors();
    let vectors = file["vectors"].as_array().expect("vectors");
    let tmp = tempfile::tempdir().unwrap();
    let output = build_fixture(&file["site"], tmp.path());
    let mut failures = Vec::new();

    // The Rust engine, through the command line.
    for v in vectors {
        let name = v["name"].as_str().unwrap_or("?");
        match cli_urls(&output, v) {
            Ok(urls) if same(v, urls.clone()) => {}
            Ok(urls) => failures.push(format!(
                "lectern search, {name} ({}): got {urls:?}, want {}",
                v["query"], v["expected"]
            )),
            Err(why) => failures.push(format!("lectern search, {name}: {why}")),
        }
    }

    let mut index = Index::open(DirStore(output.clone())).expect("open the index");
    // The library engine, on every vector: the queries the CLI refuses too.
    for v in vectors {
        let name = v["name"].as_str().unwrap_or("?");
        let results = index.search(&library_query(v)).expect("search");
        let urls: Vec<String> = results
            .hits
            .iter()
            .map(|hit| index.stored_doc(hit.id).expect("stored speech").url)
            .collect();
        if !same(v, urls.clone()) {
            failures.push(format!(
                "library, {name}: got {urls:?}, want {}",
                v["expected"]
            ));
        }
    }

    // The filter counts are not in the CLI's output: check them through the library.
    for v in vectors.iter().filter(|v| v.get("counts").is_some()) {
        let name = v["name"].as_str().unwrap_or("?");
        let results = index.search(&library_query(v)).expect("search");
        let got = serde_json::json!({
            "themes": counts_json(&results.themes),
            "speakers": counts_json(&results.speakers),
            "years": counts_json(&results.years),
        });
        if got != v["counts"] {
            failures.push(format!("counts, {name}: got {got}, want {}", v["counts"]));
        }
    }

    // The JavaScript engine, over the same files.
    if has_node("the check of search.js against the vectors") {
        if let Err(report) = node_tests(&output) {
            failures.push(format!("node --test tests/js/ failed:\n{report}"));
        }
    }

    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `node --test` over `tests/js/`, on the built fixture; `Err` holds its report.
fn node_tests(output: &Path) -> Result<(), String> {
    let dir = repo().join("tests/js");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/js/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".test.mjs") || name.ends_with(".test.js")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests in tests/js/");
    // Files, not the folder: how `node --test DIR` treats a folder differs between versions.
    let run = Process::new("node")
        .arg("--test")
        .args(&files)
        .current_dir(repo())
        .env("LECTERN_SEARCH_OUTPUT", output)
        .output();
    match run {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
        Err(e) => Err(e.to_string()),
    }
}
