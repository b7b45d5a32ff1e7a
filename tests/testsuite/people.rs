//! One speaker per person: spellings of one name make one speaker page, whose
//! address depends on the name alone, so that no other file and no order of
//! reading moves it; the plain pinyin address leads there; `speakers.toml`
//! names people and keeps their addresses; `lectern check` points at names
//! that may be one person's; a role shows without a speaker.

use crate::util::{self, files_under, lectern, linked_speeches, name_slug, Run, Site};

fn speech(site: &Site, file: &str, slug: &str, speaker: &str, date: &str) {
    site.speech(
        file,
        &format!(
            "title = \"{slug} 的讲话\"\nslug = \"{slug}\"\ndate = \"{date}\"\nspeaker = \"{speaker}\"\nrole = \"市总工会主席\""
        ),
        "同志们：\n\n今天我们召开会议。",
    );
}

/// The folders below `speakers/` of a build, speaker pages and plain pinyin
/// addresses alike.
fn speaker_folders(site: &Site) -> Vec<String> {
    files_under(&site.out().join("speakers"))
        .into_iter()
        .filter_map(|f| f.strip_suffix("/index.html").map(str::to_string))
        .filter(|f| !f.contains('/'))
        .collect()
}

/// The speaker page of `name`.
fn speaker_page(site: &Site, name: &str) -> String {
    site.page(&format!("speakers/{}/index.html", name_slug(name)))
}

/// The links of the plain pinyin address `speakers/{plain}/`.
fn alias_links(site: &Site, plain: &str) -> Vec<String> {
    let page = site.page(&format!("speakers/{plain}/index.html"));
    let list = &page[page
        .find("<ul class=\"alias-targets\">")
        .expect("an alias page")..];
    util::attr_values(&list[..list.find("</ul>").unwrap()], "href")
}

#[test]
fn three_spellings_of_one_name_are_one_speaker() {
    let site = Site::new();
    speech(&site, "content/a.md", "a", "王 凯", "2014-01-01");
    speech(&site, "content/b.md", "b", "王凯", "2015-01-01");
    speech(&site, "content/c.md", "c", "王凱", "2016-01-01");
    speech(&site, "content/d.md", "d", "王　凯", "2017-01-01");
    site.build(&[]).success();
    let own = name_slug("王凯");
    assert_eq!(
        speaker_folders(&site),
        [own.clone(), "wang-kai".to_string()]
    );
    assert_eq!(
        alias_links(&site, "wang-kai"),
        [format!("/speakers/{own}/")]
    );
    let page = speaker_page(&site, "王凯");
    assert_eq!(
        linked_speeches(&page, "/"),
        ["a", "b", "c", "d"].map(String::from).into()
    );
    assert!(
        page.contains("<h1 class=\"page-title\">王凯</h1>"),
        "{page}"
    );
    assert!(page.contains("讲话稿中也写作：王凱"), "{page}");
    let list = site.page("speakers/index.html");
    assert!(
        list.contains(&format!("<a href=\"/speakers/{own}/\">王凯</a>")),
        "{list}"
    );
    assert!(list.contains("1 位讲话人"), "{list}");
    for slug in ["a", "b", "c", "d"] {
        let speech = site.page(&format!("speeches/{slug}/index.html"));
        assert!(
            speech.contains(&format!("<a href=\"/speakers/{own}/\">王凯</a>")),
            "{slug}: {speech}"
        );
    }
    // The search knows one speaker, with all four speeches.
    let manifest: serde_json::Value =
        serde_json::from_str(&site.page("search/manifest.json")).unwrap();
    assert_eq!(manifest["speakers"], serde_json::json!(["王凯"]));
    for spelling in ["王凯", "王 凱"] {
        let mut cmd = lectern();
        cmd.args(["search", "--json", "--speaker", spelling, "--root"])
            .arg(&site.root)
            .arg("会议");
        let run = Run::of(&mut cmd);
        run.success();
        let results: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            results.as_array().unwrap().len(),
            4,
            "{spelling}: {}",
            run.stdout
        );
    }
}

#[test]
fn no_other_speaker_moves_an_address() {
    let site = Site::new();
    speech(&site, "content/a.md", "qiang", "李强", "2014-04-28");
    site.build(&[]).success();
    let own = name_slug("李强");
    let before = speaker_page(&site, "李强");

    // 李蔷 (also li qiang) arrives with an older speech, then 李墙 with more
    // speeches than 李强 has.
    speech(&site, "content/b.md", "qiang2", "李蔷", "1990-01-01");
    speech(&site, "content/c.md", "qiang3", "李墙", "2024-01-01");
    speech(&site, "content/d.md", "qiang4", "李墙", "2025-01-01");
    site.build(&[]).success();
    let mut folders = speaker_folders(&site);
    folders.sort();
    let mut expected = vec![
        "li-qiang".to_string(),
        own.clone(),
        name_slug("李蔷"),
        name_slug("李墙"),
    ];
    expected.sort();
    assert_eq!(folders, expected);
    let hash = own.strip_prefix("li-qiang-").expect("pinyin and hash");
    assert!(hash.len() == 6 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    let qiang = speaker_page(&site, "李强");
    assert_eq!(linked_speeches(&qiang, "/"), linked_speeches(&before, "/"));
    assert!(qiang.contains("<h1 class=\"page-title\">李强</h1>"));
    assert!(
        qiang.contains(&format!(
            "拼音相同的还有：<a href=\"/speakers/{}/\">李墙</a>",
            name_slug("李墙")
        )),
        "{qiang}"
    );
    // The plain pinyin address now lists all three.
    let mut listed = alias_links(&site, "li-qiang");
    listed.sort();
    let mut all: Vec<String> = ["李强", "李蔷", "李墙"]
        .map(|n| format!("/speakers/{}/", name_slug(n)))
        .into();
    all.sort();
    assert_eq!(listed, all);
    assert!(!site
        .page("speakers/li-qiang/index.html")
        .contains("http-equiv"));
}

#[test]
fn the_order_files_are_read_in_changes_no_address() {
    // The same speeches under file names that sort the other way round.
    let build = |names: [&str; 3]| {
        let site = Site::new();
        speech(&site, names[0], "qiang", "李强", "2014-04-28");
        speech(&site, names[1], "qiang2", "李蔷", "2014-04-28");
        speech(&site, names[2], "kai", "王凱", "2015-01-01");
        site.build(&[]).success();
        let pages = util::snapshot(&site.out().join("speakers"));
        (site, pages)
    };
    let (_a, forward) = build(["content/a.md", "content/b.md", "content/c.md"]);
    let (_b, backward) = build(["content/z.md", "content/y.md", "content/x.md"]);
    util::assert_same_tree(&forward, &backward, "speaker pages");
    // The list, three speakers and two plain pinyin addresses.
    assert_eq!(forward.len(), 6, "{:?}", forward.keys());
}

#[test]
fn the_registry_names_a_person_and_keeps_the_address() {
    let site = Site::new();
    site.file(
        "speakers.toml",
        "[[speaker]]\nname = \"王凯\"\nslug = \"wangkai-henan\"\naliases = [\"王楷\"]\nbio = \"河南省人民政府省长（2021— ）。\"\n",
    );
    speech(&site, "content/a.md", "a", "王楷", "2024-01-01");
    speech(&site, "content/b.md", "b", "王 凯", "2025-01-18");
    // An older speech by a name of the same pinyin cannot take the address.
    speech(&site, "content/c.md", "c", "王锴", "1990-01-01");
    site.build(&[]).success();
    let folders = speaker_folders(&site);
    assert!(
        folders.contains(&"wangkai-henan".to_string()),
        "{folders:?}"
    );
    assert!(folders.contains(&name_slug("王锴")), "{folders:?}");
    assert_eq!(
        alias_links(&site, "wang-kai"),
        [
            "/speakers/wangkai-henan/".to_string(),
            format!("/speakers/{}/", name_slug("王锴"))
        ]
    );
    let page = site.page("speakers/wangkai-henan/index.html");
    assert_eq!(
        linked_speeches(&page, "/"),
        ["a", "b"].map(String::from).into()
    );
    assert!(
        page.contains("<p class=\"page-desc\">河南省人民政府省长（2021— ）。</p>"),
        "{page}"
    );
    assert!(page.contains("讲话稿中也写作：王楷"), "{page}");
}

#[test]
fn a_bad_registry_stops_the_build_naming_line_and_column() {
    let site = Site::new();
    speech(&site, "content/a.md", "a", "王凯", "2024-01-01");
    site.file(
        "speakers.toml",
        "[[speaker]]\nname = \"王凯\"\nslug = \"wang kai\"\n\n[[speaker]]\nname = \"王凱\"\n",
    );
    let run = site.build(&[]);
    run.failure()
        .stderr_has("error: speakers.toml:3:8: slug \"wang kai\" is not a URL segment")
        .stderr_has("error: speakers.toml:6:8: \"王凱\" is listed for \"王凯\" already (line 2)");
    site.file(
        "speakers.toml",
        "[[speaker]]\nname = \"王凯\"\nbiography = \"…\"\n",
    );
    site.build(&[])
        .failure()
        .stderr_has("error: speakers.toml:3:1:")
        .stderr_has("biography");
}

#[test]
fn check_warns_about_names_that_may_be_one_persons() {
    let site = Site::new();
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-01-01\"\nspeaker = \"王 凯\"",
        "正文。",
    );
    speech(&site, "content/b.md", "b", "王凯", "2015-01-01");
    speech(&site, "content/c.md", "c", "王凯", "2016-01-01");
    speech(&site, "content/d.md", "d", "王楷", "2017-01-01");
    let mut cmd = lectern();
    cmd.args(["check", "--root"]).arg(&site.root);
    let run = Run::of(&mut cmd);
    run.failure()
        .stderr_has("warning: content/a.md:4:1: the speaker \"王 凯\" differs from \"王凯\" in content/b.md, content/c.md only by spacing; they are taken as one speaker, 王凯")
        .stderr_has("warning: content/d.md:5:1: the speaker \"王楷\" (1 speech, speakers/wang-kai-")
        .stderr_has(&format!("differs from \"王凯\" (content/a.md, content/b.md, content/c.md, speakers/{}/) in one character with the same pinyin, 楷/凯 (kai): are they one person?", name_slug("王凯")));

    let mut json = lectern();
    json.args(["check", "--format", "json", "--root"])
        .arg(&site.root);
    let run = Run::of(&mut json);
    let problems: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let spacing = problems
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["file"] == "content/a.md")
        .expect("a warning for content/a.md");
    assert_eq!(spacing["severity"], "warning");
    assert_eq!(
        (spacing["line"].as_u64(), spacing["column"].as_u64()),
        (Some(4), Some(1))
    );

    // A build publishes without a word about them.
    site.build(&[]).success().stderr_lacks("differs from");

    // Listed in speakers.toml: nothing to warn about.
    site.file(
        "speakers.toml",
        "[[speaker]]\nname = \"王凯\"\naliases = [\"王 凯\"]\n\n[[speaker]]\nname = \"王楷\"\n",
    );
    let mut again = lectern();
    again
        .args(["check", "--base-url", "https://example.org/", "--root"])
        .arg(&site.root);
    Run::of(&mut again)
        .success()
        .stderr_has("No problems found.");
}

#[test]
fn a_role_shows_without_a_speaker_on_the_page_in_lists_and_in_print() {
    let site = Site::new();
    site.speech(
        "content/a.md",
        "title = \"在全县工会工作会议上的讲话\"\ndate = \"2014\"\nrole = \"县委领导\"",
        "同志们：\n\n今天我们召开会议。",
    );
    site.build(&[]).success();
    let page = site.page("speeches/a/index.html");
    assert!(
        page.contains("<p class=\"speech-byline\"><span class=\"role\">县委领导</span></p>"),
        "{page}"
    );
    let list = site.page("speeches/index.html");
    assert!(
        list.contains("<time datetime=\"2014\">2014年</time><span class=\"sep\" aria-hidden=\"true\"> · </span><span class=\"role\">县委领导</span>"),
        "{list}"
    );
    // Print hides navigation, not the byline.
    let css = site.page("style.css");
    let print = &css[css.find("@media print").unwrap()..];
    let hidden = &print[..print.find("display: none").unwrap()];
    assert!(
        !hidden.contains("byline") && !hidden.contains(".role"),
        "{hidden}"
    );
    assert_eq!(speaker_folders(&site), Vec::<String>::new());
}
