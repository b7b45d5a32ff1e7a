//! The promises of docs/guarantees.md that need a real process to break: a
//! build killed at its commit, two builds at once, and an output folder someone
//! made read-only. A build is stopped at a named step of its commit with the
//! `LECTERN_TEST_PAUSE_AT` / `LECTERN_TEST_PAUSE_FILE` hook, so every kill lands
//! exactly where it is aimed.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::util::{self, assert_same_tree, lectern_path, snapshot, Site};

/// A small archive with enough speeches for listings, feeds and search shards.
fn archive() -> Site {
    let site = Site::new();
    for i in 0..8 {
        speech(&site, i, "");
    }
    site
}

fn speech(site: &Site, i: usize, edit: &str) {
    site.speech(
        &format!("content/{}/speech-{i}.md", 2010 + i % 3),
        &format!(
            "title = \"关于维护职工权益的讲话（{i}）{edit}\"\ndate = \"{}-0{}-1{}\"\nspeaker = \"{}\"\nthemes = [\"维权\"]",
            2010 + i % 3,
            1 + i % 9,
            i % 10,
            ["李强", "王芳"][i % 2],
        ),
        &format!("同志们：\n\n## 一、工作回顾\n\n今年我们维护职工合法权益，第{i}篇。{edit}\n"),
    );
}

/// Changes that touch many files: one speech edited, one added, one deleted.
fn change(site: &Site) {
    speech(site, 2, "（修订）");
    speech(site, 20, "");
    fs::remove_file(site.root.join("content/2010/speech-3.md")).unwrap();
}

/// A build of the site as it is now, from nothing, into a folder of its own.
fn fresh_build(site: &Site, name: &str) -> PathBuf {
    let out = site.base.join(name);
    let status = Command::new(lectern_path())
        .arg("build")
        .arg("--root")
        .arg(&site.root)
        .arg("--output")
        .arg(&out)
        .arg("--cache")
        .arg(site.base.join(format!("{name}-cache")))
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    out
}

/// `lectern build` of the site into its default output, with the default cache,
/// paused at `step` of the commit (if given) until `pause_file` is deleted.
fn spawn_build(site: &Site, pause: Option<(&str, &Path)>) -> Child {
    let mut cmd = Command::new(lectern_path());
    cmd.arg("build")
        .arg("--root")
        .arg(&site.root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some((step, file)) = pause {
        cmd.env("LECTERN_TEST_PAUSE_AT", step)
            .env("LECTERN_TEST_PAUSE_FILE", file);
    }
    cmd.spawn().unwrap()
}

#[track_caller]
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[track_caller]
fn finish(child: Child) -> String {
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "build failed:\n{stderr}");
    stderr
}

/// What lectern keeps beside the output folder once no build runs: the lock
/// file only (the build cache is inside the site).
#[track_caller]
fn assert_nothing_beside(site: &Site) {
    let mut beside: Vec<String> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public"))
        .collect();
    beside.sort();
    assert_eq!(beside, [".public.lectern-lock"]);
}

/// Kills a warm build at `step` of its commit and returns the output folder's
/// files as the kill left them.
fn kill_warm_build_at(site: &Site, step: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let pause = site.base.join("paused");
    let mut child = spawn_build(site, Some((step, &pause)));
    wait_for("the build to reach the commit", || pause.exists());
    child.kill().unwrap();
    child.wait().unwrap();
    snapshot(&site.out())
}

#[test]
fn a_warm_build_killed_before_its_swap_leaves_the_previous_site_whole() {
    let site = archive();
    finish(spawn_build(&site, None));
    let before = snapshot(&site.out());
    change(&site);
    let after_kill = kill_warm_build_at(&site, "staged");
    assert_same_tree(&before, &after_kill, "public/ after a kill before the swap");

    // The next build clears what the killed one left and puts the new site in place.
    finish(spawn_build(&site, None));
    let fresh = fresh_build(&site, "fresh");
    assert_same_tree(&snapshot(&fresh), &snapshot(&site.out()), "next build");
    assert_nothing_beside(&site);
}

#[test]
fn a_warm_build_killed_right_after_its_swap_leaves_the_new_site_whole() {
    let site = archive();
    finish(spawn_build(&site, None));
    change(&site);
    let after_kill = kill_warm_build_at(&site, "swapped");
    let fresh = fresh_build(&site, "fresh");
    assert_same_tree(
        &snapshot(&fresh),
        &after_kill,
        "public/ after a kill after the swap",
    );

    finish(spawn_build(&site, None));
    assert_same_tree(&snapshot(&fresh), &snapshot(&site.out()), "next build");
    assert_nothing_beside(&site);
}

#[test]
fn a_second_build_waits_for_the_first_and_neither_loses_a_file() {
    let site = archive();
    finish(spawn_build(&site, None));
    change(&site);
    let pause = site.base.join("paused");
    let first = spawn_build(&site, Some(("staged", &pause)));
    wait_for("the first build to reach its commit", || pause.exists());

    let mut second = spawn_build(&site, None);
    let (lines, said) = mpsc::channel();
    let stderr = second.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stderr).lines() {
            let line = line.unwrap();
            let _ = lines.send(line.clone());
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    let waiting = said.recv_timeout(Duration::from_secs(120)).unwrap();
    assert!(
        waiting.contains("another lectern build") && waiting.contains("waiting"),
        "{waiting}"
    );
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        second.try_wait().unwrap().is_none(),
        "the second build goes on only when the first is done"
    );

    fs::remove_file(&pause).unwrap();
    finish(first);
    assert!(
        second.wait().unwrap().success(),
        "{}",
        reader.join().unwrap()
    );
    let fresh = fresh_build(&site, "fresh");
    assert_same_tree(
        &snapshot(&fresh),
        &snapshot(&site.out()),
        "after both builds",
    );
    assert_nothing_beside(&site);
}

#[test]
fn a_killed_build_does_not_keep_the_next_one_waiting() {
    let site = archive();
    let pause = site.base.join("paused");
    let mut child = spawn_build(&site, Some(("staged", &pause)));
    wait_for("the build to reach its commit", || pause.exists());
    child.kill().unwrap();
    child.wait().unwrap();
    let stderr = finish(spawn_build(&site, None));
    assert!(!stderr.contains("waiting"), "{stderr}");
}

/// Runs `lectern ARGS` as an unprivileged user when the tests run as root, for
/// whom permissions mean nothing; the site is handed to that user first.
fn as_editor(site: &Site, args: &[&str]) -> std::process::Output {
    let root_user = fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    let mut cmd = if root_user {
        chown_tree(&site.base, 65534);
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(lectern_path());
        cmd
    } else {
        Command::new(lectern_path())
    };
    cmd.args(args).env("HOME", &site.base).output().unwrap()
}

fn chown_tree(dir: &Path, id: u32) {
    std::os::unix::fs::lchown(dir, Some(id), Some(id)).unwrap();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        std::os::unix::fs::lchown(entry.path(), Some(id), Some(id)).unwrap();
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_folder_in_the_output_does_not_stop_a_warm_build_half_way() {
    let site = archive();
    // The temporary folder is private to its owner; the editor must reach it.
    set_mode(&site.base, 0o755);
    let root = site.root.to_str().unwrap();
    let built = as_editor(&site, &["build", "--root", root]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    change(&site);
    set_mode(&site.out().join("speeches"), 0o555);

    let rebuilt = as_editor(&site, &["build", "--root", root]);
    let stderr = String::from_utf8_lossy(&rebuilt.stderr);
    assert!(rebuilt.status.success(), "{stderr}");
    let fresh = fresh_build(&site, "fresh");
    assert_same_tree(&snapshot(&fresh), &snapshot(&site.out()), "warm build");
    assert_nothing_beside(&site);
}

#[test]
fn an_unreadable_folder_in_content_is_an_error_not_a_silent_loss() {
    let site = archive();
    set_mode(&site.base, 0o755);
    site.simple("content/locked/hidden.md", "锁住的讲话", "2015-01-01");
    set_mode(&site.root.join("content/locked"), 0o000);
    let root = site.root.to_str().unwrap();
    let built = as_editor(&site, &["build", "--root", root]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert_eq!(built.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: content/locked") && stderr.contains("cannot read it"),
        "{stderr}"
    );
    assert!(!site.out().exists(), "nothing was written");
    set_mode(&site.root.join("content/locked"), 0o755);
}

// ---------------------------------------------------------------------------
// Whatever the input, every file lectern writes is well-formed.
// ---------------------------------------------------------------------------

/// Characters that no XML 1.0 document may contain.
fn forbidden_in_xml(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

#[track_caller]
fn assert_well_formed_xml(name: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| forbidden_in_xml(c)) {
        panic!("{name} holds U+{:04X}", c as u32);
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed XML: {e}"),
        }
    }
}

#[test]
fn hostile_text_builds_valid_feeds_sitemap_and_json_and_one_page_per_speech() {
    let site = Site::new();
    // Word's manual line break, other controls, non-characters, markup and quotes.
    site.speech(
        "content/controls.md",
        "title = \"标\u{1}题\u{b}第二行 </script> \\\"引号\\\" & ]]>\"\ndate = \"2014-04-28\"\nspeaker = \"王\u{0}凯\"\nthemes = [\"维权\"]",
        "同志们：\n\n第一行\u{b}第二行\u{7}，维护\u{ffff}权益。\n",
    );
    site.file(
        "content/yaml.md",
        "---\ntitle: \"YAML\u{8}标题 <b>\"\ndate: 2015-05-01\nspeaker: \"李\u{1f}强\"\n---\n\n正文\u{1b}。\n",
    );
    // No letter or digit in the name or the title.
    site.speech(
        "content/😀.md",
        "title = \"😀😀\"\ndate = \"2016-01-02\"",
        "表情。",
    );
    site.speech(
        "content/🎉.md",
        "title = \"🎉\"\ndate = \"2016-01-02\"",
        "表情二。",
    );
    // A Chinese file name far over the 255-byte limit once spelt in pinyin.
    let long = "关于进一步加强新时代产业工人队伍建设改革和维护职工合法权益的若干意见".repeat(2);
    site.simple(&format!("content/{long}.md"), "长文件名", "2017-03-04");
    site.speech(
        "content/heading.md",
        "title = \"标题属性\"\ndate = \"2018-01-01\"",
        "## 一、标题 {onmouseover=alert(1) style=position:fixed;inset:0}\n\n正文。\n",
    );

    let out = site.build(&[]);
    out.success()
        .stderr_has("content/controls.md:2")
        .stderr_has("U+0001")
        .stderr_has("content/heading.md:6:1")
        .stderr_has("`onmouseover`");

    let files = snapshot(&site.out());
    for (name, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if name.ends_with(".xml") {
            assert_well_formed_xml(name, &text);
        } else if name.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(bytes)
                .unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
        } else if name.ends_with(".jsonl") {
            assert_eq!(text.lines().count(), 6, "one line per speech: {text}");
            for line in text.lines() {
                serde_json::from_str::<serde_json::Value>(line)
                    .unwrap_or_else(|e| panic!("{name} has a line that is not JSON: {e}"));
            }
        } else if name.ends_with(".csv") {
            let rows = util::parse_csv(&text);
            assert_eq!(rows.len(), 7, "a header and one row per speech: {text}");
            assert!(
                rows.iter().all(|row| row.len() == rows[0].len()),
                "{rows:?}"
            );
        } else if name.ends_with(".html") {
            assert!(
                !text.contains(forbidden_in_xml),
                "{name} holds a control character"
            );
            assert!(!text.contains("onmouseover"), "{name}");
        }
    }
    let speech_pages: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("speeches/") && k.ends_with("/index.html"))
        .filter(|k| k.matches('/').count() == 2 && *k != "speeches/index.html")
        .collect();
    assert_eq!(speech_pages.len(), 6, "{speech_pages:?}");
    assert!(speech_pages
        .iter()
        .all(|p| p.len() <= "speeches/".len() + 80 + "/index.html".len()));
    let controls = files
        .iter()
        .find(|(k, v)| {
            k.starts_with("speeches/") && String::from_utf8_lossy(v).contains("第一行<br />")
        })
        .expect("the manual line break is a <br />");
    assert!(String::from_utf8_lossy(controls.1).contains("王凯"));

    // The search index holds the text as the page shows it.
    let found = Command::new(lectern_path())
        .args(["search", "--root"])
        .arg(&site.root)
        .args(["--json", "维护权益"])
        .output()
        .unwrap();
    let results: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(results.as_array().map(Vec::len), Some(1), "{results}");
}
