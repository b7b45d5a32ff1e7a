//! The build cache: a build with a warm cache redoes only what changed, and its
//! output is byte-identical to a build from nothing.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::util::{self, assert_same_tree, lectern, snapshot, Run, Site};

const TOPICS: [&str; 5] = [
    "维护职工合法权益",
    "加强基层组织建设",
    "开展劳动竞赛",
    "弘扬劳模精神",
    "治理欠薪问题",
];
const THEMES: [&str; 3] = ["维权", "基层建设", "劳动竞赛"];

/// A dozen speeches over several years, speakers and themes, long enough to
/// have related speeches and several search shards.
fn archive() -> Site {
    let site = Site::new();
    for i in 0..12 {
        speech(&site, i, TOPICS[i % TOPICS.len()]);
    }
    site
}

fn speech(site: &Site, i: usize, topic: &str) {
    let body: String = (0..6)
        .map(|p| {
            format!(
                "## 第{p}部分\n\n同志们，今年我们要{topic}，{}。这是第{i}篇讲话的第{p}段。\n\n",
                TOPICS[(i + p) % TOPICS.len()]
            )
        })
        .collect();
    site.speech(
        &format!("content/{}/speech-{i}.md", 2010 + i % 4),
        &format!(
            "title = \"关于{topic}的讲话（{i}）\"\ndate = \"{}-0{}-1{}\"\nspeaker = \"{}\"\nthemes = [\"{}\"]",
            2010 + i % 4,
            1 + i % 9,
            i % 10,
            ["李强", "王芳", "张伟"][i % 3],
            THEMES[i % 3]
        ),
        &body,
    );
}

/// `lectern build` into `out` with the cache in `cache`.
fn build(site: &Site, out: &Path, cache: &Path) -> Run {
    let mut cmd = lectern();
    cmd.arg("build")
        .arg("--root")
        .arg(&site.root)
        .arg("--output")
        .arg(out)
        .arg("--cache")
        .arg(cache);
    let run = Run::of(&mut cmd);
    run.success();
    run
}

/// Builds from nothing (a new cache, a new output folder) and compares.
#[track_caller]
fn assert_same_as_cold(site: &Site, warm_out: &Path, what: &str) {
    let cold_out = site.base.join("cold");
    let cold_cache = site.base.join("cold-cache");
    let _ = fs::remove_dir_all(&cold_out);
    let _ = fs::remove_dir_all(&cold_cache);
    build(site, &cold_out, &cold_cache);
    assert_same_tree(&snapshot(warm_out), &snapshot(&cold_out), what);
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn a_warm_build_keeps_unchanged_files_and_equals_a_cold_build() {
    let site = archive();
    let (out, cache) = (site.base.join("out"), site.base.join("cache"));
    let first = build(&site, &out, &cache);
    assert!(cache.join("build.bin").is_file(), "the cache was written");
    assert!(!first.stderr.contains("unchanged"), "{}", first.stderr);

    let again = build(&site, &out, &cache);
    let summary = again.lines_with("Built 12 speeches").join("\n");
    let files = util::files_under(&out).len() - 1; // without the marker
    assert!(
        summary.contains(&format!("({files} unchanged)")),
        "nothing changed, so every file is kept: {summary}"
    );
    assert_same_as_cold(&site, &out, "a warm build of an unchanged archive");

    // Edit one speech, add one, delete one.
    let edited = site.root.join("content/2011/speech-5.md");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, text.replace("同志们", "各位代表")).unwrap();
    speech(&site, 12, "推进产业工人队伍建设");
    fs::remove_file(site.root.join("content/2013/speech-3.md")).unwrap();
    let run = build(&site, &out, &cache);
    assert!(run.stderr.contains("unchanged"), "{}", run.stderr);
    assert_same_as_cold(&site, &out, "after editing, adding and deleting speeches");
    assert!(util::read_text(&out, "speeches/speech-5/index.html").contains("各位代表"));
    assert!(
        !out.join("speeches/speech-3").exists(),
        "the deleted speech is gone"
    );

    // A template change re-renders the pages that use it, and only those.
    let speech_page = out.join("speeches/speech-7/index.html");
    let kept = modified(&speech_page);
    site.file(
        "templates/404.html",
        "<!doctype html><title>没有这一页</title>",
    );
    build(&site, &out, &cache);
    assert_eq!(
        modified(&speech_page),
        kept,
        "speech pages do not use 404.html"
    );
    assert!(util::read_text(&out, "404.html").contains("没有这一页"));
    assert_same_as_cold(&site, &out, "after a template change");

    // site.toml changes every page.
    let config = fs::read_to_string(site.root.join("site.toml")).unwrap();
    fs::write(
        site.root.join("site.toml"),
        config.replace("测试档案", "工会讲话档案"),
    )
    .unwrap();
    build(&site, &out, &cache);
    assert!(util::read_text(&out, "speeches/speech-7/index.html").contains("工会讲话档案"));
    assert_same_as_cold(&site, &out, "after a site.toml change");
}

#[test]
fn files_changed_or_added_in_the_output_by_hand_are_put_right() {
    let site = archive();
    let (out, cache) = (site.base.join("out"), site.base.join("cache"));
    build(&site, &out, &cache);
    fs::write(out.join("index.html"), "edited by hand").unwrap();
    fs::remove_file(out.join("sitemap.xml")).unwrap();
    fs::write(out.join("stray.html"), "not from lectern").unwrap();
    build(&site, &out, &cache);
    assert_same_as_cold(&site, &out, "after the output was edited by hand");
}

#[test]
fn a_damaged_cache_is_reported_and_ignored() {
    let site = archive();
    let (out, cache) = (site.base.join("out"), site.base.join("cache"));
    build(&site, &out, &cache);
    let file = cache.join("build.bin");
    let mut bytes = fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(&file, &bytes).unwrap();
    fs::write(out.join("index.html"), "stale").unwrap();

    let run = build(&site, &out, &cache);
    run.stderr_has("build cache is not usable")
        .stderr_has("damaged")
        .stderr_lacks("unchanged");
    assert_same_as_cold(&site, &out, "a build whose cache was damaged");
    // …and the cache it wrote is good again.
    build(&site, &out, &cache).stderr_has("unchanged");

    fs::write(&file, b"not a cache at all").unwrap();
    build(&site, &out, &cache).stderr_has("not a lectern build cache");
    assert_same_as_cold(&site, &out, "a build whose cache was replaced");
}

#[test]
fn the_cache_defaults_to_a_folder_in_the_root_and_is_safe_to_delete() {
    let site = archive();
    site.build(&[]).success();
    assert!(site.root.join(".lectern-cache/build.bin").is_file());
    site.build(&[]).success().stderr_has("unchanged");
    fs::remove_dir_all(site.root.join(".lectern-cache")).unwrap();
    site.build(&[]).success().stderr_lacks("unchanged");
    assert_same_as_cold(&site, &site.out(), "a build after the cache was deleted");
}

#[test]
fn the_data_download_speakers_tags_and_pages_follow_edits_in_warm_builds() {
    let site = archive();
    site.speech(
        "content/pages/about.md",
        "title = \"关于本站\"\nsearchable = true",
        "本站收录工会讲话稿。",
    );
    let (out, cache) = (site.base.join("out"), site.base.join("cache"));
    build(&site, &out, &cache);
    let jsonl = out.join("data/speeches.jsonl");
    let text_7 = out.join("data/text/speech-7.txt");
    let (jsonl_at, text_7_at) = (modified(&jsonl), modified(&text_7));

    // A template edit leaves the data alone.
    site.file("templates/404.html", "<!doctype html><title>没有</title>");
    build(&site, &out, &cache);
    assert_eq!(modified(&jsonl), jsonl_at, "the data did not change");
    assert_eq!(modified(&text_7), text_7_at);
    assert_same_as_cold(&site, &out, "after a template change, with the data");

    // One edited speech remakes its text and the archive's files, no other text.
    let edited = site.root.join("content/2011/speech-5.md");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, text.replace("同志们", "各位代表")).unwrap();
    build(&site, &out, &cache);
    assert!(util::read_text(&out, "data/text/speech-5.txt").contains("各位代表"));
    assert!(util::read_text(&out, "data/speeches.jsonl").contains("各位代表"));
    assert_eq!(
        modified(&text_7),
        text_7_at,
        "another speech's text is kept"
    );
    assert_same_as_cold(&site, &out, "after editing a speech");

    // A registry, another spelling, a tag and an edited page.
    site.file(
        "speakers.toml",
        "[[speaker]]\nname = \"李强\"\nslug = \"li-qiang-zongli\"\nbio = \"国务院总理。\"\n",
    );
    let other = site.root.join("content/2012/speech-10.md");
    let text = fs::read_to_string(&other).unwrap();
    fs::write(
        &other,
        text.replace(
            "speaker = \"王芳\"",
            "speaker = \"王 芳\"\ntags = [\"工會\"]",
        ),
    )
    .unwrap();
    site.speech(
        "content/pages/about.md",
        "title = \"关于本站\"\nsearchable = true",
        "本站收录工会讲话稿，另有勘误。",
    );
    build(&site, &out, &cache);
    assert!(out.join("speakers/li-qiang-zongli/index.html").is_file());
    assert!(util::read_text(&out, "data/speeches.jsonl")
        .contains("\"speaker_name\":\"李强\",\"speaker_url\":\"/speakers/li-qiang-zongli/\""));
    assert!(out.join("tags/gong-hui/index.html").is_file());
    assert_same_as_cold(
        &site,
        &out,
        "after speakers.toml, a spelling, a tag and a page changed",
    );
}
