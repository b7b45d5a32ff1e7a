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

use assert_cmd::Command;
use lectern::search::query::{DirStore, Index, Order, Query};
use serde_json::Value;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn vectors_file() -> Value {
    let path = manifest_dir().join("tests/search-vectors.json");
    let text = fs::read_to_string(&path).expect("read tests/search-vectors.json");
    serde_json::from_str(&text).expect("tests/search-vectors.json is JSON")
}

/// Writes the fixture site described by the vectors file under `root`.
fn write_fixture(site: &Value, root: &Path) {
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("site.toml"),
        site["site_toml"].as_str().expect("site.site_toml"),
    )
    .unwrap();
    for speech in site["speeches"].as_array().expect("site.speeches") {
        let file = root.join(speech["file"].as_str().expect("speech.file"));
        let mut text = String::from("+++\n");
        for (key, value) in speech["front"].as_object().expect("speech.front") {
            // JSON strings and arrays of strings are valid TOML values.
            text.push_str(&format!("{key} = {value}\n"));
        }
        text.push_str("+++\n\n");
        text.push_str(speech["body"].as_str().expect("speech.body"));
        if let Some(repeat) = speech.get("repeat") {
            let paragraph = repeat["paragraph"].as_str().expect("repeat.paragraph");
            for _ in 0..repeat["times"].as_u64().expect("repeat.times") {
                text.push_str("\n\n");
                text.push_str(paragraph);
            }
            if let Some(tail) = repeat.get("tail").and_then(Value::as_str) {
                text.push_str("\n\n");
                text.push_str(tail);
            }
        }
        text.push('\n');
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
}

fn build_fixture(site: &Value, dir: &Path) -> PathBuf {
    let root = dir.join("site");
    write_fixture(site, &root);
    Command::cargo_bin("lectern")
        .unwrap()
        .args(["build", "--root"])
        .arg(&root)
        .timeout(std::time::Duration::from_secs(300))
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
    let mut cmd = Command::cargo_bin("lectern").unwrap();
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
    let file = vectors_file();
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
    match node_tests(&output) {
        NodeRun::Passed => {}
        NodeRun::Missing => eprintln!(
            "NOTICE: `node` is not installed, so search.js was NOT checked against the vectors \
             (CI installs nodejs; locally: apt-get install -y nodejs)"
        ),
        NodeRun::Failed(report) => {
            failures.push(format!("node --test tests/js/ failed:\n{report}"))
        }
    }

    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

enum NodeRun {
    Passed,
    Missing,
    Failed(String),
}

fn node_tests(output: &Path) -> NodeRun {
    if Process::new("node").arg("--version").output().is_err() {
        return NodeRun::Missing;
    }
    let dir = manifest_dir().join("tests/js");
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
        .current_dir(manifest_dir())
        .env("LECTERN_SEARCH_OUTPUT", output)
        .output();
    match run {
        Ok(out) if out.status.success() => NodeRun::Passed,
        Ok(out) => NodeRun::Failed(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
        Err(e) => NodeRun::Failed(e.to_string()),
    }
}
