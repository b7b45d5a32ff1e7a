//! `lectern check`: every problem reported, links checked, nothing written.

use std::fs;

use assert_cmd::Command;

fn site_with(speech_body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("site.toml"), "title = \"检查\"\n").unwrap();
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
    let mut cmd = Command::cargo_bin("lectern").unwrap();
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
