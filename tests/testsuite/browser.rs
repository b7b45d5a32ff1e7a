//! The search page in a real browser: builds the fixture site of
//! `tests/search-vectors.json` for a sub-path deploy (`/archive/`), serves it
//! from a small HTTP server in this process, and runs `tests/browser/search.mjs`
//! (Node + playwright-core driving headless Chromium) against it.
//!
//! Needs `node`, `npm ci` (for playwright-core) and Debian's `chromium`. When one
//! is missing the test prints a notice and passes, unless `CI` or
//! `LECTERN_REQUIRE_BROWSER` is set, when it fails instead.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::Command as Process;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use crate::util::{has_node, lectern, repo, search_vectors, skip, write_vectors_site};

fn chromium() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Chromium's path, once node, playwright-core and Chromium are all there;
/// else `None`, after `skip` has said which is not.
fn browser_tools() -> Option<PathBuf> {
    if !has_node("the browser test") {
        return None;
    }
    if !repo().join("node_modules/playwright-core").is_dir() {
        skip(
            "the browser test",
            "playwright-core is not installed (run `npm ci` in the repository)",
        );
        return None;
    }
    let found = chromium();
    if found.is_none() {
        skip(
            "the browser test",
            "chromium is not installed (apt-get install -y chromium)",
        );
    }
    found
}

/// Requests the server answered: (path, status).
type Log = Arc<Mutex<Vec<(String, u16)>>>;

/// Serves `www` over HTTP/1.1 on `listener`, one thread per connection;
/// answers `Range` requests only if `ranges` (many static hosts do not).
fn serve(listener: TcpListener, www: PathBuf, log: Log, ranges: bool) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let www = www.clone();
            let log = log.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &www, &log, ranges);
            });
        }
    });
}

/// `bytes=START-END` (both inclusive), the one form search.js sends.
fn byte_range(header: &str) -> Option<(usize, usize)> {
    let (name, value) = header.split_once(':')?;
    if !name.trim().eq_ignore_ascii_case("range") {
        return None;
    }
    let (start, end) = value.trim().strip_prefix("bytes=")?.split_once('-')?;
    Some((start.parse().ok()?, end.parse().ok()?))
}

fn answer(stream: TcpStream, www: &Path, log: &Log, ranges: bool) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    loop {
        // One request per loop: keep-alive, so the browser may reuse the connection.
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut range = None;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
                break;
            }
            range = range.or(byte_range(&header));
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("").to_string();
        let target = parts.next().unwrap_or("/").to_string();
        let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
        let (mut status, kind, mut body) = match resolve(www, &path) {
            Some(file) => match fs::read(&file) {
                Ok(bytes) => (200, content_type(&file), bytes),
                Err(_) => (404, "text/plain", b"not found".to_vec()),
            },
            None => (404, "text/plain", b"not found".to_vec()),
        };
        let mut content_range = String::new();
        if let (true, 200, Some((start, end))) = (ranges, status, range) {
            let total = body.len();
            if start <= end && end < total {
                body = body[start..=end].to_vec();
                status = 206;
                content_range = format!("Content-Range: bytes {start}-{end}/{total}\r\n");
            }
        }
        log.lock().unwrap().push((path, status));
        let reason = match status {
            200 => "OK",
            206 => "Partial Content",
            _ => "Not Found",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{content_range}Cache-Control: no-store\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes())?;
        if method != "HEAD" {
            stream.write_all(&body)?;
        }
        stream.flush()?;
    }
}

/// `/archive/x/` → `www/archive/x/index.html`, refusing anything outside `www`.
fn resolve(www: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = www.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// What `lectern search` answers, as titles in order: the page must show the same.
fn cli_titles(output: &Path, query: &str, filters: &[&str]) -> Vec<String> {
    let out = lectern()
        .arg("search")
        .arg("--output")
        .arg(output)
        .args(["--json", "--limit", "0"])
        .args(filters)
        .arg("--")
        .arg(query)
        .output()
        .unwrap();
    assert!(out.status.success(), "lectern search {query} failed");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn search_page_works_in_chromium_from_a_sub_path() {
    let Some(chromium) = browser_tools() else {
        return;
    };

    let vectors = search_vectors();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    write_vectors_site(&vectors["site"], &root);

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let base_url = format!("http://127.0.0.1:{port}/archive/");
    let www = tmp.path().join("www");
    let output = www.join("archive");
    lectern()
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(&output)
        .args(["--base-url", &base_url])
        .assert()
        .success();

    // The binary embeds the default theme: make sure it is the one in this tree.
    let shipped =
        fs::read(output.join("search/search.js")).expect("the build writes search/search.js");
    let source = fs::read(repo().join("themes/default/static/search/search.js")).unwrap();
    assert!(
        shipped == source,
        "the lectern binary embeds an older search.js; rebuild it (touch src/render/theme.rs)"
    );

    // What the page must show, from the Rust engine.
    let mut expect: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    expect.insert("维护 权益", cli_titles(&output, "维护 权益", &[]));
    expect.insert(
        "维护 权益|jiceng",
        cli_titles(&output, "维护 权益", &["--theme", "jiceng"]),
    );
    expect.insert(
        "维护 权益|jiceng|date",
        cli_titles(&output, "维护 权益", &["--theme", "jiceng", "--by-date"]),
    );
    expect.insert("同志们", cli_titles(&output, "同志们", &[]));
    expect.insert(
        "同志们|weiquan|date",
        cli_titles(&output, "同志们", &["--theme", "weiquan", "--by-date"]),
    );
    expect.insert("gdp", cli_titles(&output, "gdp", &[]));
    expect.insert("勞動", cli_titles(&output, "勞動", &[]));
    expect.insert("宪法", cli_titles(&output, "宪法", &[]));

    // Once from a server that answers Range requests, once from one that does not.
    for ranges in [true, false] {
        let listener = if ranges {
            listener.try_clone().unwrap()
        } else {
            TcpListener::bind("127.0.0.1:0").unwrap()
        };
        let base_url = format!("http://{}/archive/", listener.local_addr().unwrap());
        let log: Log = Arc::default();
        serve(listener, www.clone(), log.clone(), ranges);
        let profile = tmp.path().join(format!("profile-{ranges}"));
        fs::create_dir_all(&profile).unwrap();
        let run = Process::new("node")
            .arg(repo().join("tests/browser/search.mjs"))
            .current_dir(repo())
            .env("LECTERN_BASE_URL", &base_url)
            .env("LECTERN_CHROMIUM", &chromium)
            .env("LECTERN_PROFILE", &profile)
            .env("LECTERN_EXPECT", serde_json::to_string(&expect).unwrap())
            .output()
            .expect("run node");
        let stdout = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        eprintln!("{stdout}{stderr}");
        assert!(
            run.status.success(),
            "the browser test failed (server answers Range: {ranges}):\n{stdout}{stderr}"
        );

        let log = log.lock().unwrap();
        let outside: Vec<_> = log
            .iter()
            .filter(|(p, _)| !p.starts_with("/archive/") && p != "/favicon.ico")
            .collect();
        assert!(
            outside.is_empty(),
            "requests outside the sub-path: {outside:?}"
        );
        let failed: Vec<_> = log
            .iter()
            .filter(|(p, s)| !matches!(s, 200 | 206) && p != "/favicon.ico")
            .collect();
        assert!(failed.is_empty(), "requests that failed: {failed:?}");
        let index_reads: Vec<u16> = log
            .iter()
            .filter(|(p, _)| p.starts_with("/archive/search/i/") && !p.ends_with(".len"))
            .map(|(_, s)| *s)
            .collect();
        assert!(
            log.iter()
                .any(|(p, _)| p == "/archive/search/manifest.json")
                && !index_reads.is_empty(),
            "the page read the index from the sub-path"
        );
        // With Range, index files are read in ranges (the compact directories,
        // read once the page has time, are small and read whole); without, whole
        // and once each.
        assert_eq!(
            index_reads.iter().all(|s| *s == 206),
            ranges,
            "statuses of the index reads: {index_reads:?}"
        );
        if !ranges {
            // Each page that opens the index reads each whole file once.
            let count =
                |wanted: &dyn Fn(&str) -> bool| log.iter().filter(|(p, _)| wanted(p)).count();
            let opened = count(&|p| p == "/archive/search/manifest.json");
            let files: std::collections::BTreeSet<&String> = log
                .iter()
                .map(|(p, _)| p)
                .filter(|p| {
                    p.starts_with("/archive/search/i/") || p.starts_with("/archive/search/d/")
                })
                .collect();
            for file in files {
                let reads = count(&|p| p == file.as_str());
                assert!(
                    reads <= opened,
                    "{file} read {reads} times by {opened} pages"
                );
            }
        }
    }
}

/// An archive with 250 speakers (a few frequent, most with one speech), 30
/// themes and 75 years, a speech with a role but no speaker and one with
/// sections, searched on a phone and a desktop screen, and typed with an input
/// method (`tests/browser/scale.mjs`).
#[test]
fn the_search_page_stays_usable_at_250_speakers_with_sections_and_an_input_method() {
    let Some(chromium) = browser_tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let content = root.join("content");
    fs::create_dir_all(&content).unwrap();
    const THEMES: usize = 30;
    let mut site_toml = String::from("title = \"讲话档案\"\n");
    for t in 0..THEMES {
        site_toml.push_str(&format!(
            "\n[[themes]]\nname = \"专题{t:02}\"\nslug = \"t{t:02}\"\n"
        ));
    }
    fs::write(root.join("site.toml"), site_toml).unwrap();
    const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐";
    const GIVEN: &str = "建国华明军平伟强磊洋";
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut n = 0;
    for speaker in 0..250 {
        let name = format!(
            "{}{}{}",
            surnames[speaker % 25],
            given[speaker / 25],
            given[speaker % 10]
        );
        // Speaker k speaks 1 + (250 − k) / 50 times: a few often, most once.
        for _ in 0..1 + (250 - speaker) / 50 {
            n += 1;
            let year = 1950 + n % 75;
            let theme = n % THEMES;
            fs::write(
                content.join(format!("s{n:04}.md")),
                format!(
                    "+++\ntitle = \"在第{n}次工会会议上的讲话\"\ndate = \"{year}-05-01\"\nspeaker = \"{name}\"\nrole = \"主席\"\nthemes = [\"专题{theme:02}\"]\n+++\n\n同志们：今天召开工会会议，研究劳动竞赛。\n"
                ),
            )
            .unwrap();
        }
    }
    fs::write(
        content.join("role-only.md"),
        "+++\ntitle = \"致全市劳模的慰问信\"\ndate = \"2024-05-01\"\nrole = \"市总工会\"\n+++\n\n向全市劳模致以节日的问候，工会与大家同在。\n",
    )
    .unwrap();
    // Sections: 书屋 before the first heading, three times in the first section,
    // never in the second, once in each of the last three (one under an h3, one
    // under a heading that repeats an earlier one, so its id gets a suffix).
    fs::write(
        content.join("sections.md"),
        "+++\ntitle = \"关于职工书屋的讲话\"\ndate = \"2024-04-23\"\nspeaker = \"王建建\"\n+++\n\n\
         同志们：今天讲书屋。\n\n## 一、建设职工书屋\n\n要建设好书屋，书屋要常开。\n\n\
         ## 二、管好用好\n\n制度要健全。\n\n### （一）借阅制度\n\n借阅书屋的图书要登记。\n\n\
         ## 二、管好用好\n\n书屋的经费要落实。\n\n## 三、表彰先进 {#biaozhang}\n\n表彰书屋的管理员。\n",
    )
    .unwrap();

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base_url = format!("http://{}/", listener.local_addr().unwrap());
    let www = tmp.path().join("www");
    lectern()
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(&www)
        .args(["--base-url", &base_url])
        .assert()
        .success();
    let log: Log = Arc::default();
    serve(listener, www, log, true);
    let profile = tmp.path().join("profile");
    fs::create_dir_all(&profile).unwrap();
    let run = Process::new("node")
        .arg(repo().join("tests/browser/scale.mjs"))
        .current_dir(repo())
        .env("LECTERN_BASE_URL", &base_url)
        .env("LECTERN_CHROMIUM", &chromium)
        .env("LECTERN_PROFILE", &profile)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        run.status.success(),
        "the browser test failed:\n{stdout}{stderr}"
    );
}

/// A speech page's ¶ links and 引用本文 in headless Chromium
/// (`tests/browser/cite.mjs`): the link shows on focus and hover, copies the
/// paragraph's address and its citation, falls back without the clipboard API,
/// is a plain link without JavaScript, and print shows the permalink.
#[test]
fn a_paragraph_link_shows_on_focus_and_copies_its_address_and_citation() {
    let Some(chromium) = browser_tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(root.join("site.toml"), "title = \"讲话稿档案\"\n").unwrap();
    fs::write(
        root.join("content/xiaogan.md"),
        "+++\ntitle = \"在全市工会工作会议上的讲话\"\ndate = \"2014-04-28\"\nspeaker = \"王凯\"\n\
         occasion = \"孝感市总工会十四届三次全委会议\"\nplace = \"孝感\"\nslug = \"2014-04-28-xiaogan\"\n+++\n\n\
         同志们：\n\n今天召开全市工会工作会议。\n\n## 一、认真学习\n\n要认真学习会议精神。\n",
    )
    .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base_url = format!("http://{}/", listener.local_addr().unwrap());
    let www = tmp.path().join("www");
    lectern()
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(&www)
        .args(["--base-url", &base_url])
        .assert()
        .success();
    serve(listener, www, Log::default(), true);
    let profile = tmp.path().join("profile");
    fs::create_dir_all(&profile).unwrap();
    let run = Process::new("node")
        .arg(repo().join("tests/browser/cite.mjs"))
        .current_dir(repo())
        .env("LECTERN_BASE_URL", &base_url)
        .env("LECTERN_CHROMIUM", &chromium)
        .env("LECTERN_PROFILE", &profile)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        run.status.success() && stdout.contains("cite: all checks passed"),
        "the browser test failed:\n{stdout}{stderr}"
    );
}

/// `lectern build --offline` opened from disk in Chromium (`tests/browser/offline.mjs`):
/// styled pages, links that name files, and a search that finds what the CLI finds.
#[test]
fn an_offline_copy_works_from_disk_with_its_search() {
    let Some(chromium) = browser_tools() else {
        return;
    };
    let vectors = search_vectors();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    write_vectors_site(&vectors["site"], &root);
    // Built for a sub-path: the copy must not depend on where the site is served.
    let output = tmp.path().join("U盘 copy");
    lectern()
        .args(["build", "--offline", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(&output)
        .args(["--base-url", "https://example.org/archive/"])
        .assert()
        .success();
    let mut expect: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for query in ["维护 权益", "勞動", "同志们"] {
        let titles = cli_titles(&output, query, &[]);
        assert!(!titles.is_empty(), "{query} finds speeches");
        expect.insert(query, titles);
    }

    let profile = tmp.path().join("profile");
    fs::create_dir_all(&profile).unwrap();
    let site = url_of_folder(&output);
    let run = Process::new("node")
        .arg(repo().join("tests/browser/offline.mjs"))
        .current_dir(repo())
        .env("LECTERN_SITE", &site)
        .env("LECTERN_CHROMIUM", &chromium)
        .env("LECTERN_PROFILE", &profile)
        .env("LECTERN_EXPECT", serde_json::to_string(&expect).unwrap())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        run.status.success(),
        "the offline browser test failed:\n{stdout}{stderr}"
    );
}

/// `file:///…/` for a folder, its path percent-encoded as a browser does.
fn url_of_folder(dir: &Path) -> String {
    let mut url = String::from("file://");
    for byte in dir.to_str().unwrap().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url.push('/');
    url
}
