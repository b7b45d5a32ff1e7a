//! `lectern search` as a process: its exit codes, the default limit and
//! `--limit 0`, and the JSON every script relies on (`url`, `title`, `date`).

use serde_json::Value;

use crate::util::{lectern, lectern_path, Run, Site};

/// `lectern search --root <root> ARGS…`
fn search(site: &Site, args: &[&str]) -> Run {
    let mut cmd = lectern();
    cmd.arg("search").arg("--root").arg(&site.root).args(args);
    Run::of(&mut cmd)
}

fn results(run: &Run) -> Vec<Value> {
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("--json printed no JSON ({e}):\n{}", run.stdout));
    json.as_array().expect("a JSON array").clone()
}

/// Twelve speeches that all say 合法权益 (in the same body), a day apart.
fn twelve_speeches() -> Site {
    let site = Site::new();
    for day in 1..=12 {
        site.simple(
            &format!("content/s{day:02}.md"),
            &format!("第{day}次职工代表大会讲话"),
            &format!("2020-03-{day:02}"),
        );
    }
    site.build(&[]).success();
    site
}

/// `lectern search … | head`: the reader closes the pipe before the results
/// come, and lectern ends quietly with success instead of a panic.
#[test]
fn a_reader_that_stops_early_ends_the_search_quietly() {
    let site = twelve_speeches();
    for format in [&["--limit", "0"][..], &["--limit", "0", "--json"]] {
        let mut child = std::process::Command::new(lectern_path())
            .arg("search")
            .arg("--root")
            .arg(&site.root)
            .arg("合法权益")
            .args(format)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The read end closes before lectern has even read its index.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{format:?}: {:?}, {stderr}",
            out.status
        );
        assert_eq!(stderr, "", "{format:?}");
    }
}

#[test]
fn without_an_index_it_exits_1_and_says_to_build_first() {
    let site = Site::new();
    site.simple("content/a.md", "讲话", "2020-01-01");
    let run = search(&site, &["--json", "职工"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    run.stderr_has("no usable search index")
        .stderr_has("lectern build");
    assert!(run.stdout.is_empty(), "nothing on stdout: {run:?}");
}

#[test]
fn nothing_found_is_an_empty_array_and_exit_0() {
    let site = twelve_speeches();
    let run = search(&site, &["--json", "量子计算"]);
    run.success();
    assert_eq!(results(&run), Vec::<Value>::new());
}

#[test]
fn ten_results_by_default_and_all_with_limit_0() {
    let site = twelve_speeches();
    let counted = |args: &[&str]| results(search(&site, args).success()).len();
    assert_eq!(counted(&["--json", "合法权益"]), 10);
    assert_eq!(counted(&["--json", "--limit", "0", "合法权益"]), 12);
    assert_eq!(counted(&["--json", "--limit", "3", "合法权益"]), 3);
}

#[test]
fn every_json_result_names_a_page_that_was_built() {
    let site = twelve_speeches();
    let run = search(&site, &["--json", "--limit", "0", "第7次"]);
    let found = results(run.success());
    assert_eq!(found.len(), 1, "{found:?}");
    let result = &found[0];
    assert_eq!(result["title"], "第7次职工代表大会讲话");
    assert_eq!(
        result["date"].as_str().map(|d| d.contains("2020")),
        Some(true)
    );
    let url = result["url"].as_str().expect("a url");
    let page = format!("{}index.html", url.trim_start_matches('/'));
    assert!(site.page(&page).contains("第7次职工代表大会讲话"), "{url}");
}

#[test]
fn the_plain_listing_shows_titles_in_rank_order() {
    let site = twelve_speeches();
    let run = search(&site, &["--limit", "2", "合法权益"]);
    let lines: Vec<&str> = run.success().stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    // Ties in relevance go to the newest speech first.
    assert!(lines[0].contains("第12次"), "{lines:?}");
    assert!(lines[1].contains("第11次"), "{lines:?}");
}

/// Two speeches: one by 李明 in 2014, one from 2016 whose text holds invisible
/// format characters, as text pasted from Word or a web page does.
fn invisible_characters() -> Site {
    let site = Site::new();
    site.speech(
        "content/liming.md",
        "title = \"工会工作会议讲话\"\ndate = \"2014-04-28\"\nspeaker = \"李明\"\nthemes = [\"维权\"]",
        "同志们：\n\n研究维护职工合法权益的工作。",
    );
    site.speech(
        "content/pasted.md",
        "title = \"劳模表彰大会讲话\"\ndate = \"2016-05-01\"",
        "向全市劳\u{200B}动模\u{00AD}范致以崇\u{2060}高的敬意，弘扬\u{FEFF}劳模\u{200D}精神，\u{202E}爱岗\u{202C}敬业。",
    );
    site.build(&[]).success();
    site
}

#[test]
fn a_phrase_is_found_whatever_invisible_characters_the_text_holds() {
    let site = invisible_characters();
    for query in [
        "劳动模范",
        "崇高的敬意",
        "弘扬劳模精神",
        "爱岗敬业",
        // Typed or pasted into the query too.
        "劳\u{200B}动模范",
    ] {
        let found = results(search(&site, &["--json", query]).success());
        let urls: Vec<&str> = found.iter().filter_map(|r| r["url"].as_str()).collect();
        assert_eq!(urls, ["/speeches/pasted/"], "{query:?}");
    }
}

#[test]
fn a_query_with_nothing_to_search_for_says_so_and_exits_2() {
    let site = invisible_characters();
    for query in ["，。！", "\u{200B}\u{FEFF}", "😀 ……"] {
        for json in [true, false] {
            let args = if json {
                vec!["--json", query]
            } else {
                vec![query]
            };
            let run = search(&site, &args);
            assert_eq!(run.code, Some(2), "{query:?}: {run:?}");
            run.stderr_has("nothing to search for")
                .stderr_has("letters and digits")
                .stderr_lacks("No speech contains");
            assert!(run.stdout.is_empty(), "nothing on stdout: {run:?}");
        }
    }
}

#[test]
fn an_unknown_theme_speaker_or_year_is_named_with_the_values_there_are() {
    let site = invisible_characters();
    let run = search(&site, &["--theme", "没有的主题", "职工"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    run.stderr_has("no theme \"没有的主题\"")
        .stderr_has("维权")
        .stderr_lacks("No speech contains");

    let run = search(&site, &["--json", "--speaker", "王五", "职工"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    run.stderr_has("by \"王五\"").stderr_has("李明");
    assert!(run.stdout.is_empty(), "nothing on stdout: {run:?}");

    let run = search(&site, &["--year", "1999", "职工"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    run.stderr_has("from 1999").stderr_has("2014, 2016");

    // All at once: every one is reported.
    let run = search(
        &site,
        &["--theme", "x", "--speaker", "y", "--year", "1999", "职工"],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    run.stderr_has("no theme \"x\"")
        .stderr_has("by \"y\"")
        .stderr_has("from 1999");

    // Known values, by name or slug, that find nothing together: exit 0.
    let run = search(
        &site,
        &["--json", "--speaker", "李明", "--year", "2016", "职工"],
    );
    run.success();
    assert_eq!(results(&run), Vec::<Value>::new());
}

/// The 1954 report as it was printed, in traditional characters, and a 2018
/// speech in simplified ones, with words in common.
fn both_scripts() -> Site {
    let site = Site::new();
    site.speech(
        "content/xianfa-1954.md",
        "title = \"關於中華人民共和國憲法草案的報告\"\ndate = \"1954-09-15\"",
        "憲法草案總結了我國勞動人民的經驗。我們要發展生產。",
    );
    site.speech(
        "content/xianfa-2018.md",
        "title = \"关于宪法修正案的说明\"\ndate = \"2018-03-06\"",
        "尊重劳动，推动经济发展。",
    );
    site.build(&[]).success();
    site
}

#[test]
fn traditional_and_simplified_queries_find_each_others_texts() {
    let site = both_scripts();
    let both = ["/speeches/xianfa-2018/", "/speeches/xianfa-1954/"];
    for (query, want) in [
        ("勞動", &both[..]),
        ("劳动", &both[..]),
        ("宪法", &both[..]),
        ("憲法", &both[..]),
        ("發展", &both[..]),
        ("发展", &both[..]),
        ("劳动人民的经验", &both[1..]),
        ("勞动人民", &both[1..]),
        ("尊重勞動", &both[..1]),
    ] {
        let found = results(search(&site, &["--json", "--by-date", query]).success());
        let urls: Vec<&str> = found.iter().filter_map(|r| r["url"].as_str()).collect();
        assert_eq!(urls, want, "{query:?}");
    }
    // Results and pages show the titles and texts as written.
    let run = search(&site, &["宪法"]);
    run.success();
    assert!(
        run.stdout.contains("關於中華人民共和國憲法草案的報告"),
        "{run:?}"
    );
    assert!(run.stdout.contains("关于宪法修正案的说明"), "{run:?}");
    assert!(site
        .page("speeches/xianfa-1954/index.html")
        .contains("我國勞動人民的經驗"));
}
