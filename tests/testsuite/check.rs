//! `lectern check`: every problem reported, links checked, nothing written.

use std::fs;

use crate::util::lectern;

fn site_with(speech_body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::write(
        dir.path().join("site.toml"),
        "title = \"检查\"\nbase_url = \"https://example.org/\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("content/a.md"),
        "+++\ntitle = \"甲\"\ndate = \"2014-04-28\"\n+++\n\n## 一、总结\n\n正文。\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("content/b.md"),
        format!("+++\ntitle = \"乙\"\ndate = \"2015\"\n+++\n\n{speech_body}\n"),
    )
    .unwrap();
    dir
}

fn check(dir: &tempfile::TempDir, json: bool) -> (i32, String) {
    let mut cmd = lectern();
    cmd.arg("check").arg("--root").arg(dir.path());
    if json {
        cmd.args(["--format", "json"]);
    }
    let out = cmd.output().unwrap();
    let text = String::from_utf8_lossy(if json { &out.stdout } else { &out.stderr }).into_owned();
    (out.status.code().unwrap(), text)
}

#[test]
fn a_clean_site_passes_and_nothing_is_written() {
    let dir = site_with("见[甲](/speeches/a/)的[第一节](/speeches/a/#一总结)。");
    let (code, text) = check(&dir, false);
    assert_eq!(code, 0, "{text}");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn broken_links_and_anchors_are_reported_with_their_file() {
    let dir = site_with("见[丙](/speeches/c/)和[甲](/speeches/a/#没有这节)，[本页](#无)。");
    let (code, json) = check(&dir, true);
    assert_eq!(code, 1);
    let problems: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let messages: Vec<&str> = problems
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert_eq!(problems.len(), 3, "{messages:?}");
    assert!(
        problems.iter().all(|p| p["file"] == "content/b.md"),
        "{json}"
    );
    // The fields scripts read, and no others.
    for p in &problems {
        let keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["column", "file", "help", "line", "message", "severity"],
            "{json}"
        );
        assert!(
            p["severity"] == "error" || p["severity"] == "warning",
            "{json}"
        );
    }
    assert!(messages
        .iter()
        .any(|m| m.contains("broken link") && m.contains("/speeches/c/")));
    assert!(messages
        .iter()
        .any(|m| m.contains("missing anchor") && m.contains("#没有这节")));
}

#[test]
fn content_errors_are_reported_too() {
    let dir = site_with("正文");
    fs::write(
        dir.path().join("content/c.md"),
        "+++\ntitle = \"丙\"\n+++\n",
    )
    .unwrap();
    let (code, text) = check(&dir, false);
    assert_eq!(code, 1);
    assert!(
        text.contains("content/c.md") && text.contains("date"),
        "{text}"
    );
}

/// What `lectern build` and `lectern check` say of a base URL that is only a path.
const WHY: &str = "not a full address: the feeds (atom.xml) and the sitemap (sitemap.xml) \
                   need the full address of every page, and feed readers and search engines \
                   reject them without it";
const SET_IT: &str = "  help: set base_url in site.toml to the address the site is published at, \
                      e.g. base_url = \"https://example.org/archive/\", or give it when building \
                      with --base-url https://example.org/archive/";

fn run(dir: &tempfile::TempDir, args: &[&str]) -> (i32, String) {
    let out = lectern()
        .args(args)
        .arg("--root")
        .arg(dir.path())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_base_url_without_a_host_is_reported_by_check_and_build_at_its_line() {
    let dir = site_with("正文。");
    fs::write(
        dir.path().join("site.toml"),
        "title = \"检查\"\n\n  base_url = \"/archive/\"\n",
    )
    .unwrap();
    let warning = format!("warning: site.toml:3:3: base_url \"/archive/\" is {WHY}\n{SET_IT}\n");
    let (code, text) = run(&dir, &["check"]);
    assert_eq!(code, 1, "{text}");
    assert_eq!(text, format!("{warning}1 problem(s) found.\n"));

    let (code, text) = run(&dir, &["build"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.starts_with(&warning), "{text}");
    assert_eq!(
        text.lines().count(),
        3,
        "the warning and the summary: {text}"
    );

    // The flag replaces it, and is named when it is a path too.
    let (code, text) = run(
        &dir,
        &["check", "--base-url", "https://example.org/archive/"],
    );
    assert_eq!((code, text.as_str()), (0, "No problems found.\n"));
    let (code, text) = run(&dir, &["build", "--base-url", "/"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.starts_with(&format!(
            "warning: --base-url \"/\" is {WHY}\n  help: give the address the site is published at, \
             e.g. --base-url https://example.org/archive/, or set base_url in site.toml\n"
        )),
        "{text}"
    );
}

#[test]
fn a_site_toml_without_base_url_is_told_to_set_it() {
    let dir = site_with("正文。");
    fs::write(dir.path().join("site.toml"), "title = \"检查\"\n").unwrap();
    let (code, text) = run(&dir, &["check"]);
    assert_eq!(code, 1, "{text}");
    assert_eq!(
        text,
        format!(
            "warning: site.toml: base_url is not set, so it is \"/\", {WHY}\n{SET_IT}\n1 problem(s) found.\n"
        )
    );
}
