//! `lectern build` end to end: the real binary on fixture sites in temporary folders,
//! and on the shared corpus of government work reports.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use lectern::search::format::StoredDoc;
use lectern::search::query::{DirStore, Index};

use crate::util::*;

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const BODY: &str = "同志们：\n\n今天我们召开会议，总结过去一年的工作，部署今年的任务。\n\n## 一、认真总结工作\n\n一年来，各级工会维护职工合法权益，加强基层组织建设，开展劳动竞赛。\n\n## 二、明确今年任务\n\n我们要继续努力。\n\n谢谢大家！";

/// A small archive: full, month-only and year-only dates, two speakers (one with
/// two speeches), all three default themes, TOML and YAML front matter, a nested
/// file and a `slug` override.
fn archive_site() -> Site {
    let site = Site::new();
    site.speech(
        "content/2014/2014-04-28-xiaogan.md",
        r#"
title = "在孝感市工会工作会议上的讲话"
date = "2014-04-28"
speaker = "李强"
role = "市总工会主席"
occasion = "全市工会工作会议"
place = "孝感"
organization = "孝感市总工会"
themes = ["维权", "基层建设"]
tags = ["工作会议"]
source = "市总工会办公室"
"#,
        BODY,
    )
    .speech(
        "content/2014/jingshan.md",
        r#"
title = "在京山县总工会全委会议上的讲话"
date = "2014"
speaker = "李强"
themes = ["劳动竞赛"]
"#,
        BODY,
    )
    .speech(
        "content/2015/05/talk.md",
        r#"
title = "在劳模表彰大会上的讲话"
date = "2015-05"
speaker = "王芳"
themes = ["劳动竞赛", "维权"]
slug = "2015-laomo"
"#,
        BODY,
    )
    .file(
        "content/2016-jiceng.md",
        format!("---\ntitle: 基层组织建设座谈会讲话\ndate: 2016-03-01\nspeaker: 张伟\nthemes:\n  - 基层建设\n---\n\n{BODY}\n"),
    );
    site
}

/// `n` speeches all filed under 维权, one a day from 2014-01-01.
fn many_speeches(site: &Site, n: usize) {
    for i in 1..=n {
        site.simple(
            &format!("content/s{i:02}.md"),
            &format!("第{i}次维权工作会议讲话"),
            &format!("2014-01-{i:02}"),
        );
    }
}

/// Site-relative paths of every file the archive site must produce.
const ARCHIVE_PAGES: &[&str] = &[
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "style.css",
    "speeches/index.html",
    "speeches/2014-04-28-xiaogan/index.html",
    "speeches/jingshan/index.html",
    "speeches/2015-laomo/index.html",
    "speeches/2016-jiceng/index.html",
    "themes/index.html",
    "themes/weiquan/index.html",
    "themes/weiquan/atom.xml",
    "themes/jiceng-jianshe/index.html",
    "themes/jiceng-jianshe/atom.xml",
    "themes/laodong-jingsai/index.html",
    "themes/laodong-jingsai/atom.xml",
    "years/index.html",
    "years/2014/index.html",
    "years/2015/index.html",
    "years/2016/index.html",
    "speakers/index.html",
    // The plain pinyin addresses, which lead to the speakers' own pages.
    "speakers/li-qiang/index.html",
    "speakers/wang-fang/index.html",
    "speakers/zhang-wei/index.html",
];

/// Writes three speeches with problems of different kinds plus one good one.
fn broken_site() -> Site {
    let site = Site::new();
    site.simple("content/good.md", "好的讲话", "2014-04-28")
        .speech("content/no-title.md", "date = \"2014-04-28\"", BODY)
        .speech("content/sub/no-date.md", "title = \"没有日期\"", BODY)
        .speech(
            "content/bad-theme.md",
            "title = \"错的专题\"\ndate = \"2014-04-28\"\nthemes = [\"环境保护\"]",
            BODY,
        );
    site
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

#[test]
fn build_writes_every_kind_of_page() {
    let site = archive_site();
    site.build(&[]).success();
    let missing: Vec<_> = ARCHIVE_PAGES.iter().filter(|p| !site.exists(p)).collect();
    assert!(
        missing.is_empty(),
        "missing {missing:?}; written:\n{}",
        files_under(&site.out()).join("\n")
    );
    assert!(site
        .page("speeches/2014-04-28-xiaogan/index.html")
        .contains("在孝感市工会工作会议上的讲话"));
    let li = format!("speakers/{}/index.html", name_slug("李强"));
    assert!(site.page(&li).contains("在京山县总工会全委会议上的讲话"));
    assert!(site
        .page("years/2015/index.html")
        .contains("在劳模表彰大会上的讲话"));
}

#[test]
fn unknown_flag_is_a_usage_error_with_exit_2() {
    let site = archive_site();
    let run = site.build(&["--no-such-flag"]);
    assert_eq!(run.code, Some(2), "stderr:\n{}", run.stderr);
    assert!(
        !site.out().exists(),
        "a usage error must not build anything"
    );
}

#[test]
fn missing_subcommand_is_a_usage_error_with_exit_2() {
    let run = Run::of(lectern().arg("--no-such-flag"));
    assert_eq!(run.code, Some(2), "stderr:\n{}", run.stderr);
}

#[test]
fn root_defaults_to_the_current_folder_and_output_to_public() {
    let site = archive_site();
    site.build_in_root(&[]).success();
    assert!(site.exists("index.html"));
    assert!(site.exists("speeches/jingshan/index.html"));
}

#[test]
fn output_flag_chooses_the_output_folder() {
    let site = archive_site();
    let out = site.base.join("elsewhere/www");
    site.build(&["--output", out.to_str().unwrap()]).success();
    assert!(out.join("speeches/jingshan/index.html").is_file());
    assert!(
        !site.out().exists(),
        "nothing may be written to public/ when --output is given"
    );
}

#[test]
fn relative_output_is_relative_to_the_current_folder() {
    let site = archive_site();
    site.build_in_root(&["--output", "dist"]).success();
    assert!(site.root.join("dist/index.html").is_file());
}

#[test]
fn success_prints_exactly_one_summary_line_on_stderr() {
    let site = archive_site();
    // With a full address: a path alone is warned about (tests/testsuite/check.rs).
    let run = site.build(&["--base-url", "https://example.org/"]);
    run.success();
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "expected one summary line, got:\n{}",
        run.stderr
    );
    assert!(!lines[0].trim().is_empty());
    assert!(
        !run.stderr.contains('\r') && !run.stderr.contains('\u{1b}'),
        "no progress bar or terminal codes when stderr is not a terminal: {:?}",
        run.stderr
    );
}

#[test]
fn site_toml_error_names_the_file_and_line() {
    let site = archive_site();
    site.file("site.toml", "title = \"测试档案\"\npage_sise = 10\n");
    site.build(&[]).failure().stderr_has("site.toml:2");
    assert!(!site.out().exists());
}

// ---------------------------------------------------------------------------
// Content model
// ---------------------------------------------------------------------------

#[test]
fn speeches_at_any_depth_are_named_by_file_stem_or_slug_field() {
    let site = archive_site();
    site.simple("content/a/b/c/d/deep-speech.md", "很深的讲话", "2013-01-01");
    site.build(&[]).success();
    assert!(site
        .page("speeches/deep-speech/index.html")
        .contains("很深的讲话"));
    assert!(site
        .page("speeches/2015-laomo/index.html")
        .contains("在劳模表彰大会上的讲话"));
    assert!(
        !site.exists("speeches/talk/index.html"),
        "the slug field replaces the file stem"
    );
}

#[test]
fn windows_line_endings_are_read() {
    let site = Site::new();
    site.file(
        "content/crlf-toml.md",
        "+++\r\ntitle = \"Windows保存的讲话\"\r\ndate = \"2014-04-28\"\r\nthemes = [\"维权\"]\r\n+++\r\n\r\n正文。\r\n",
    )
    .file(
        "content/crlf-yaml.md",
        "---\r\ntitle: Windows保存的YAML讲话\r\ndate: 2014-04-29\r\n---\r\n\r\n正文。\r\n",
    );
    site.build(&[]).success();
    assert!(site
        .page("speeches/crlf-toml/index.html")
        .contains("Windows保存的讲话"));
    assert!(site
        .page("speeches/crlf-yaml/index.html")
        .contains("Windows保存的YAML讲话"));
}

#[test]
fn markdown_files_with_upper_case_extension_are_published() {
    // Files saved by Windows tools often end in .MD; they are Markdown all the same.
    let site = Site::new();
    site.simple("content/UPPER.MD", "大写扩展名的讲话", "2014-04-28");
    site.build(&[]).success();
    assert!(
        site.exists("speeches/UPPER/index.html"),
        "content/UPPER.MD is not published; written:\n{}",
        files_under(&site.out()).join("\n")
    );
}

#[test]
fn yaml_front_matter_is_read_like_toml() {
    let site = archive_site();
    site.build(&[]).success();
    let page = site.page("speeches/2016-jiceng/index.html");
    assert!(page.contains("基层组织建设座谈会讲话"));
    assert!(page.contains("张伟"));
    assert!(
        page.contains("2016年3月1日"),
        "full dates are shown as 2016年3月1日"
    );
    let theme = site.page("themes/jiceng-jianshe/index.html");
    assert!(linked_speeches(&theme, "/").contains("2016-jiceng"));
}

#[test]
fn partial_dates_are_shown_as_year_or_year_and_month() {
    let site = archive_site();
    site.build(&[]).success();
    let year_only = site.page("speeches/jingshan/index.html");
    assert!(
        year_only.contains("2014年"),
        "a year-only date shows 2014年"
    );
    assert!(
        !year_only.contains("2014年1月"),
        "a year-only date must not invent a month or day"
    );
    let month_only = site.page("speeches/2015-laomo/index.html");
    assert!(
        month_only.contains("2015年5月"),
        "a month date shows 2015年5月"
    );
    assert!(
        !month_only.contains("2015年5月1日"),
        "a month date must not invent a day"
    );
    let year = site.page("years/2014/index.html");
    let listed = linked_speeches(&year, "/");
    assert_eq!(
        listed,
        BTreeSet::from(["2014-04-28-xiaogan".to_string(), "jingshan".to_string()]),
        "the 2014 page lists the speeches of 2014, whatever their precision"
    );
}

#[test]
fn speaker_pages_use_pinyin_slugs_and_list_their_speeches() {
    let site = archive_site();
    site.build(&[]).success();
    let own = |name: &str| format!("/speakers/{}/", name_slug(name));
    let li = linked_speeches(&site.page(&format!("{}index.html", &own("李强")[1..])), "/");
    assert_eq!(
        li,
        BTreeSet::from(["2014-04-28-xiaogan".to_string(), "jingshan".to_string()])
    );
    let index = site.page("speakers/index.html");
    for (name, plain) in [
        ("李强", "li-qiang"),
        ("王芳", "wang-fang"),
        ("张伟", "zhang-wei"),
    ] {
        let href = own(name);
        assert!(href.starts_with(&format!("/speakers/{plain}-")), "{href}");
        assert!(
            attr_values(&index, "href").contains(&href),
            "speakers/ links {href}"
        );
        // The plain pinyin leads there, and is no page of the sitemap.
        let alias = site.page(&format!("speakers/{plain}/index.html"));
        assert!(
            alias.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={href}\">"
            )),
            "{alias}"
        );
        assert!(!site
            .page("sitemap.xml")
            .contains(&format!("/speakers/{plain}/<")));
    }
}

#[test]
fn speakers_whose_names_slugify_alike_get_distinct_pages() {
    // 李强 and 李蔷 share their pinyin, so one gets a numbered slug; a third name
    // that spells that numbered slug must not take over its page.
    let site = Site::new();
    let speakers = ["李强", "李蔷", "Li Qiang 2"];
    for (i, speaker) in speakers.iter().enumerate() {
        site.speech(
            &format!("content/s{i}.md"),
            &format!("title = \"讲话{i}\"\ndate = \"2014-04-2{i}\"\nspeaker = \"{speaker}\""),
            BODY,
        );
    }
    site.build(&[]).success();
    let index = site.page("speakers/index.html");
    let links: BTreeSet<String> = attr_values(&index, "href")
        .into_iter()
        .filter(|h| h.starts_with("/speakers/") && h.len() > "/speakers/".len())
        .collect();
    assert_eq!(links.len(), 3, "three speakers, three pages: {links:?}");
    for (i, speaker) in speakers.iter().enumerate() {
        let owner = links.iter().find(|link| {
            let rel = format!("{}index.html", link.trim_start_matches('/'));
            site.out().join(&rel).is_file()
                && linked_speeches(&site.page(&rel), "/").contains(&format!("s{i}"))
        });
        assert!(
            owner.is_some(),
            "no speaker page lists the speech of {speaker}; links {links:?}"
        );
    }
}

#[test]
fn default_themes_are_used_when_site_toml_declares_none() {
    let site = archive_site();
    site.build(&[]).success();
    let index = site.page("themes/index.html");
    for (name, slug) in [
        ("维权", "weiquan"),
        ("基层建设", "jiceng-jianshe"),
        ("劳动竞赛", "laodong-jingsai"),
    ] {
        assert!(index.contains(name), "themes/index.html names {name}");
        let href = format!("/themes/{slug}/");
        assert!(
            attr_values(&index, "href").contains(&href),
            "themes/index.html links {href}"
        );
        assert!(site
            .page(&format!("themes/{slug}/index.html"))
            .contains(name));
    }
    let weiquan = linked_speeches(&site.page("themes/weiquan/index.html"), "/");
    assert_eq!(
        weiquan,
        BTreeSet::from(["2014-04-28-xiaogan".to_string(), "2015-laomo".to_string()])
    );
}

#[test]
fn themes_declared_in_site_toml_replace_the_defaults() {
    let site = Site::with_config(
        "title = \"测试档案\"\n\n[[themes]]\nname = \"安全生产\"\nslug = \"anquan\"\n",
    );
    site.speech(
        "content/a.md",
        "title = \"安全生产讲话\"\ndate = \"2014-04-28\"\nthemes = [\"安全生产\"]",
        BODY,
    );
    site.build(&[]).success();
    assert!(linked_speeches(&site.page("themes/anquan/index.html"), "/").contains("a"));
    assert!(site.exists("themes/anquan/atom.xml"));
    assert!(
        !site.exists("themes/weiquan/index.html"),
        "the default themes are replaced"
    );
}

#[test]
fn theme_listings_are_paginated_by_page_size() {
    let site = Site::with_config("title = \"测试档案\"\npage_size = 2\n");
    many_speeches(&site, 5);
    site.build(&[]).success();
    let pages = listing_pages(&site.out(), "themes/weiquan/");
    let names: Vec<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "themes/weiquan/index.html",
            "themes/weiquan/page/2/index.html",
            "themes/weiquan/page/3/index.html"
        ]
    );
    let mut all = BTreeSet::new();
    for (path, html) in &pages {
        let on_page = linked_speeches(html, "/");
        assert!(
            on_page.len() <= 2,
            "{path} lists {} speeches with page_size 2",
            on_page.len()
        );
        assert!(
            on_page.is_disjoint(&all),
            "{path} repeats a speech of an earlier page"
        );
        all.extend(on_page);
    }
    let expected: BTreeSet<String> = (1..=5).map(|i| format!("s{i:02}")).collect();
    assert_eq!(all, expected);
    assert!(
        !site.exists("themes/weiquan/page/1/index.html"),
        "page 1 is the theme's own URL"
    );
    assert!(
        site.exists("speeches/page/3/index.html"),
        "the list of all speeches is paginated too"
    );
}

#[test]
fn theme_feeds_hold_only_their_theme() {
    let site = archive_site();
    site.build(&[]).success();
    let feed = site.page("themes/laodong-jingsai/atom.xml");
    assert!(feed.contains("在京山县总工会全委会议上的讲话"));
    assert!(feed.contains("在劳模表彰大会上的讲话"));
    assert!(!feed.contains("基层组织建设座谈会讲话"));
    let site_feed = site.page("atom.xml");
    assert_eq!(
        element_texts(&site_feed, "entry").len(),
        4,
        "the site feed has every speech"
    );
}

#[test]
fn sitemap_lists_every_speech_page() {
    let site = archive_site();
    site.build(&["--base-url", "https://example.org/"])
        .success();
    let locs: BTreeSet<String> = element_texts(&site.page("sitemap.xml"), "loc")
        .into_iter()
        .collect();
    for slug in [
        "2014-04-28-xiaogan",
        "jingshan",
        "2015-laomo",
        "2016-jiceng",
    ] {
        let url = format!("https://example.org/speeches/{slug}/");
        assert!(locs.contains(&url), "sitemap has {url}; it has {locs:?}");
    }
}

/// The search index stores where each section of a speech starts, under the
/// id its heading has on the page, so a result can link to the matched section.
#[test]
fn the_search_index_knows_each_sections_heading_and_its_id_on_the_page() {
    let site = Site::new();
    site.speech(
        "content/sections.md",
        "title = \"分节的讲话\"\ndate = \"2020-01-01\"\noccasion = \"两行\\n的场合\"",
        "开头。\n\n## 一、认真总结工作\n\n第一段，\n续行。\n\n### （一）成绩\n\n- 条目\n- 条目\n\n\
         ##### 小标题不是一节\n\n## 一、认真总结工作\n\n重复的标题。\n\n## 二、明确任务 {#renwu}\n\n结尾。",
    )
    .simple("content/plain.md", "没有标题的讲话", "2020-01-02");
    site.build(&[]).success();
    let index = Index::open(DirStore(site.out())).unwrap();
    let docs: Vec<StoredDoc> = (0..index.docs.len())
        .map(|id| index.stored_doc(id).unwrap())
        .collect();
    let doc = docs
        .iter()
        .find(|d| d.url == "/speeches/sections/")
        .unwrap();
    let found: Vec<(&str, &str)> = doc
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("s-462ep0", "一、认真总结工作"),
            ("s-j9jkfw", "（一）成绩"),
            ("s-462ep0-2", "一、认真总结工作"),
            ("renwu", "二、明确任务"),
        ]
    );
    // Each starts at its heading's line of the searchable text, and the page
    // has a heading of that text with that id.
    let page = site.page("speeches/sections/index.html");
    for section in &doc.sections {
        let line = doc.text[section.start..].split('\n').next().unwrap();
        assert_eq!(line, section.title);
        assert!(doc.text[..section.start].ends_with('\n'));
        assert!(
            page.contains(&format!(
                "id=\"{}\">{}<a class=\"anchor\"",
                section.id, section.title
            )),
            "no heading {section:?} on the page"
        );
    }
    let plain = docs.iter().find(|d| d.url == "/speeches/plain/").unwrap();
    assert!(plain.sections.is_empty());
}

// ---------------------------------------------------------------------------
// base_url
// ---------------------------------------------------------------------------

/// Builds the archive for `https://example.org/archive/`, with a different
/// base_url in site.toml that the flag must replace.
fn sub_path_build(flag: &str) -> Site {
    let site = archive_site();
    site.file(
        "site.toml",
        "title = \"测试档案\"\nbase_url = \"https://old.example/\"\n",
    );
    site.build(&["--base-url", flag]).success();
    site
}

/// The namespace a speech page's `<link rel="schema.DC">` declares.
const DUBLIN_CORE: &str = "http://purl.org/dc/elements/1.1/";

#[test]
fn base_url_sub_path_prefixes_every_page_link() {
    let site = sub_path_build("https://example.org/archive/");
    let mut bad = Vec::new();
    for (path, text) in text_files(&site.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        for attr in ["href", "src", "action"] {
            for value in attr_values(&text, attr) {
                let ok = if value.starts_with('/') {
                    value.starts_with("/archive/") && !value.starts_with("//")
                } else if value == DUBLIN_CORE {
                    true // the schema the DC.* tags name, not a page
                } else if value.starts_with("http://") || value.starts_with("https://") {
                    value.starts_with("https://example.org/archive/")
                } else {
                    true // fragments such as #main
                };
                if !ok {
                    bad.push(format!("{path}: {attr}=\"{value}\""));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "links that ignore the sub-path:\n{}",
        bad.join("\n")
    );
    let home = site.page("index.html");
    assert!(attr_values(&home, "href")
        .iter()
        .any(|h| h == "/archive/speeches/jingshan/"));
}

#[test]
fn base_url_sub_path_makes_feed_and_sitemap_urls_absolute_under_it() {
    let site = sub_path_build("https://example.org/archive/");
    let sitemap = site.page("sitemap.xml");
    let locs = element_texts(&sitemap, "loc");
    for slug in [
        "2014-04-28-xiaogan",
        "jingshan",
        "2015-laomo",
        "2016-jiceng",
    ] {
        let url = format!("https://example.org/archive/speeches/{slug}/");
        assert!(locs.contains(&url), "sitemap has {url}: {locs:?}");
    }
    for loc in &locs {
        assert!(
            loc.starts_with("https://example.org/archive/"),
            "sitemap <loc>{loc}</loc>"
        );
    }
    for feed in ["atom.xml", "themes/weiquan/atom.xml"] {
        let text = site.page(feed);
        let urls: Vec<String> = element_texts(&text, "id")
            .into_iter()
            .chain(attr_values(&text, "href"))
            .collect();
        assert!(!urls.is_empty());
        for url in urls {
            assert!(
                url.starts_with("https://example.org/archive/"),
                "{feed}: {url}"
            );
        }
    }
    assert!(site
        .page("atom.xml")
        .contains("https://example.org/archive/speeches/2015-laomo/"));
}

#[test]
fn base_url_flag_replaces_the_one_in_site_toml() {
    // Without a trailing slash, to check that one is added.
    let site = sub_path_build("https://example.org/archive");
    for (path, text) in text_files(&site.out()) {
        assert!(
            !text.contains("old.example"),
            "{path} still uses site.toml's base_url"
        );
        let mentions = text.matches("example.org").count();
        let under = text.matches("example.org/archive/").count();
        assert_eq!(
            mentions, under,
            "{path}: every example.org URL is under /archive/"
        );
    }
    assert!(site
        .page("sitemap.xml")
        .contains("https://example.org/archive/speeches/jingshan/"));
}

#[test]
fn base_url_from_site_toml_is_used_without_the_flag() {
    let site = archive_site();
    site.file(
        "site.toml",
        "title = \"测试档案\"\nbase_url = \"https://example.org/archive/\"\n",
    );
    site.build(&[]).success();
    assert!(site
        .page("sitemap.xml")
        .contains("<loc>https://example.org/archive/speeches/jingshan/</loc>"));
    assert!(attr_values(&site.page("index.html"), "href")
        .iter()
        .any(|h| h == "/archive/speeches/jingshan/"));
}

#[test]
fn internal_links_point_to_written_files() {
    let site = sub_path_build("https://example.org/archive/");
    let out = site.out();
    let mut broken = BTreeSet::new();
    for (path, text) in text_files(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        for attr in ["href", "src", "action"] {
            for value in attr_values(&text, attr) {
                let Some(rel) = value.strip_prefix("/archive/") else {
                    continue;
                };
                let rel = rel.split(['#', '?']).next().unwrap_or_default();
                let file = if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel.to_string()
                };
                if !out.join(&file).is_file() {
                    broken.insert(format!("{value} (in {path})"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links to files that were not written:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}

// ---------------------------------------------------------------------------
// Bad input: exit 1, every problem named with its file (and line)
// ---------------------------------------------------------------------------

#[test]
fn toml_front_matter_syntax_error_names_file_and_line() {
    let site = Site::new();
    site.file(
        "content/a.md",
        "+++\ntitle = \"甲\"\ndate = \"2014-04-28\"\nspeaker = 张三\n+++\n\n正文。\n",
    );
    site.build(&[]).failure().stderr_has("content/a.md:4");
    assert!(!site.out().exists());
}

#[test]
fn yaml_front_matter_syntax_error_names_file_and_line() {
    let site = Site::new();
    site.file(
        "content/a.md",
        "---\ntitle: 甲\ndate: 2014-04-28\nspeaker: 张三\n  place: 北京\n---\n\n正文。\n",
    );
    site.build(&[]).failure().stderr_has("content/a.md:5");
}

#[test]
fn missing_title_is_an_error_naming_the_file() {
    let site = Site::new();
    site.speech("content/a.md", "date = \"2014-04-28\"", BODY);
    let run = site.build(&[]);
    run.failure();
    let lines = run.lines_with("content/a.md");
    assert!(lines.iter().any(|l| l.contains("title")), "{}", run.stderr);
}

#[test]
fn missing_date_is_an_error_naming_the_file() {
    let site = Site::new();
    site.speech("content/a.md", "title = \"甲\"", BODY);
    let run = site.build(&[]);
    run.failure();
    assert!(
        run.lines_with("content/a.md")
            .iter()
            .any(|l| l.contains("date")),
        "{}",
        run.stderr
    );
}

#[test]
fn impossible_month_is_an_error_with_its_line() {
    let site = Site::new();
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-13-01\"",
        BODY,
    );
    let run = site.build(&[]);
    run.failure().stderr_has("content/a.md:3");
    assert!(run
        .lines_with("content/a.md:3")
        .iter()
        .any(|l| l.contains("2014-13-01") || l.contains("13")));
}

/// Editors type Chinese dates (issue 13): they are read, and one that does not
/// exist is an error with its line.
#[test]
fn chinese_dates_are_read_and_impossible_ones_are_errors() {
    let site = Site::new();
    site.speech("content/a.md", "title = \"甲\"\ndate = \"2014年\"", BODY);
    site.speech(
        "content/b.md",
        "title = \"乙\"\ndate = \"二〇一四年四月\"",
        BODY,
    );
    site.build(&[]).success();
    site.speech(
        "content/c.md",
        "title = \"丙\"\ndate = \"2014年2月30日\"",
        BODY,
    );
    site.build(&[]).failure().stderr_has("content/c.md:3");
}

#[test]
fn impossible_day_is_an_error() {
    let site = Site::new();
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-02-30\"",
        BODY,
    );
    site.build(&[]).failure().stderr_has("content/a.md:3");
}

#[test]
fn unknown_theme_error_lists_the_valid_themes() {
    let site = Site::with_config(
        "title = \"测试档案\"\n\n[[themes]]\nname = \"安全生产\"\nslug = \"anquan\"\n\n[[themes]]\nname = \"职工福利\"\nslug = \"fuli\"\n",
    );
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-04-28\"\nthemes = [\"环境保护\"]",
        BODY,
    );
    site.build(&[])
        .failure()
        .stderr_has("content/a.md:4")
        .stderr_has("环境保护")
        .stderr_has("安全生产")
        .stderr_has("职工福利");
}

#[test]
fn two_speeches_with_the_same_file_stem_are_an_error_naming_both() {
    let site = Site::new();
    site.simple("content/2014/talk.md", "甲", "2014-04-28")
        .simple("content/2015/talk.md", "乙", "2015-04-28");
    site.build(&[])
        .failure()
        .stderr_has("content/2014/talk.md")
        .stderr_has("content/2015/talk.md");
    assert!(!site.out().exists());
}

#[test]
fn slug_field_colliding_with_a_file_stem_is_an_error_naming_both() {
    let site = Site::new();
    site.simple("content/first.md", "甲", "2014-04-28").speech(
        "content/other.md",
        "title = \"乙\"\ndate = \"2014-04-29\"\nslug = \"first\"",
        BODY,
    );
    let run = site.build(&[]);
    run.failure()
        .stderr_has("content/first.md")
        .stderr_has("content/other.md");
    // The message about one file names the other one, so either is enough to fix it.
    assert!(
        run.lines_with("content/other.md")
            .iter()
            .any(|l| l.contains("first.md")),
        "the message for other.md names first.md too:\n{}",
        run.stderr
    );
}

#[test]
fn slug_with_a_slash_is_an_error() {
    let site = Site::new();
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-04-28\"\nslug = \"a/b\"",
        BODY,
    );
    site.build(&[]).failure().stderr_has("content/a.md:4");
    assert!(!site.out().exists());
}

#[test]
fn slug_climbing_out_with_dot_dot_is_an_error_and_writes_nothing_outside() {
    let site = Site::new();
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-04-28\"\nslug = \"..\"",
        BODY,
    )
    .speech(
        "content/b.md",
        "title = \"乙\"\ndate = \"2014-04-28\"\nslug = \"../../escaped\"",
        BODY,
    );
    site.build(&[])
        .failure()
        .stderr_has("content/a.md:4")
        .stderr_has("content/b.md:4");
    assert!(!site.root.join("escaped").exists() && !site.base.join("escaped").exists());
}

#[test]
fn slug_with_characters_that_are_not_url_safe_is_an_error() {
    let site = Site::new();
    for (i, slug) in ["有 空格", "维权讲话", "a?b", "a#b", "a%20b"]
        .iter()
        .enumerate()
    {
        site.speech(
            &format!("content/s{i}.md"),
            &format!("title = \"讲话{i}\"\ndate = \"2014-04-28\"\nslug = \"{slug}\""),
            BODY,
        );
    }
    let run = site.build(&[]);
    run.failure();
    for i in 0..5 {
        run.stderr_has(&format!("content/s{i}.md:4"));
    }
}

#[test]
fn slug_that_collides_with_a_generated_file_is_an_error_naming_the_speech() {
    // `index.html` passes as URL-safe, but speeches/index.html is the list of all
    // speeches: the message must point at the speech, not at the disk.
    let site = Site::new();
    site.simple("content/other.md", "乙", "2014-04-27").speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-04-28\"\nslug = \"index.html\"",
        BODY,
    );
    site.build(&[]).failure().stderr_has("content/a.md");
}

#[test]
fn gb18030_file_is_an_error_naming_the_encoding_and_lectern_import() {
    let site = Site::new();
    // "同志们：今天县总工会召开全委会议，总结过去一年的工作。" in GB18030.
    const SENTENCE: &[u8] = &[
        0xCD, 0xAC, 0xD6, 0xBE, 0xC3, 0xC7, 0xA3, 0xBA, 0xBD, 0xF1, 0xCC, 0xEC, 0xCF, 0xD8, 0xD7,
        0xDC, 0xB9, 0xA4, 0xBB, 0xE1, 0xD5, 0xD9, 0xBF, 0xAA, 0xC8, 0xAB, 0xCE, 0xAF, 0xBB, 0xE1,
        0xD2, 0xE9, 0xA3, 0xAC, 0xD7, 0xDC, 0xBD, 0xE1, 0xB9, 0xFD, 0xC8, 0xA5, 0xD2, 0xBB, 0xC4,
        0xEA, 0xB5, 0xC4, 0xB9, 0xA4, 0xD7, 0xF7, 0xA1, 0xA3,
    ];
    // "讲话稿" in GB18030.
    const JIANGHUAGAO: &[u8] = &[0xBD, 0xB2, 0xBB, 0xB0, 0xB8, 0xE5];
    let mut bytes = b"+++\ntitle = \"".to_vec();
    bytes.extend_from_slice(JIANGHUAGAO);
    bytes.extend_from_slice(b"\"\ndate = \"2014-04-28\"\n+++\n\n");
    for _ in 0..8 {
        bytes.extend_from_slice(SENTENCE);
        bytes.extend_from_slice(b"\n\n");
    }
    site.file("content/gbk.md", bytes);
    let run = site.build(&[]);
    run.failure().stderr_has("content/gbk.md");
    let about: String = run.stderr.clone();
    assert!(
        about.contains("GB18030"),
        "the message names GB18030:\n{about}"
    );
    assert!(
        about.contains("lectern import"),
        "the message points to `lectern import`:\n{about}"
    );
}

#[test]
fn unknown_front_matter_field_is_an_error_with_its_line() {
    let site = Site::new();
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-04-28\"\nspeeker = \"张三\"",
        BODY,
    );
    let run = site.build(&[]);
    run.failure().stderr_has("content/a.md:4");
    assert!(
        run.lines_with("content/a.md:4")
            .iter()
            .any(|l| l.contains("speeker")),
        "{}",
        run.stderr
    );
}

#[test]
fn syntax_error_in_a_site_template_names_the_template() {
    let site = archive_site();
    site.file(
        "templates/speech.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ speech.title </h1>\n{% endblock content %}\n",
    );
    site.build(&[])
        .failure()
        .stderr_has("templates/speech.html");
    assert!(!site.out().exists());
}

#[test]
fn render_error_in_a_site_template_names_the_template() {
    let site = archive_site();
    site.file(
        "templates/speech.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ speech.no_such_field }}</h1>\n{% endblock content %}\n",
    );
    site.build(&[]).failure().stderr_has("speech.html");
    assert!(!site.out().exists());
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let site = broken_site();
    site.speech(
        "content/bad-date.md",
        "title = \"坏日期\"\ndate = \"2014-13-01\"",
        BODY,
    )
    .speech(
        "content/cn-date.md",
        "title = \"中文日期\"\ndate = \"2014年2月30日\"",
        BODY,
    )
    .file(
        "content/bad-toml.md",
        "+++\ntitle = \"甲\"\ndate = 2014-04-28-x\n+++\n正文\n",
    )
    .file(
        "content/bad-yaml.md",
        "---\ntitle: 乙\ndate: 2014-04-28\nthemes: [维权\n---\n正文\n",
    )
    .speech(
        "content/field.md",
        "title = \"丙\"\ndate = \"2014-04-28\"\ntheme = \"维权\"",
        BODY,
    )
    .speech(
        "content/slug.md",
        "title = \"丁\"\ndate = \"2014-04-28\"\nslug = \"../x\"",
        BODY,
    )
    .simple("content/x/dup.md", "戊", "2014-04-28")
    .simple("content/y/dup.md", "己", "2014-04-28")
    .file(
        "content/gbk.md",
        [
            b"+++\ntitle = \"".as_slice(),
            &[0xBD, 0xB2, 0xBB, 0xB0, 0xB8, 0xE5],
            b"\"\n+++\n",
        ]
        .concat(),
    )
    .file("templates/speech.html", "{% if %}\n");
    let run = site.build(&[]);
    run.failure();
    for file in [
        "content/no-title.md",
        "content/sub/no-date.md",
        "content/bad-theme.md",
        "content/bad-date.md:3",
        "content/cn-date.md:3",
        "content/bad-toml.md:3",
        "content/bad-yaml.md",
        "content/field.md:4",
        "content/slug.md:4",
        "content/x/dup.md",
        "content/y/dup.md",
        "content/gbk.md",
        "templates/speech.html",
    ] {
        run.stderr_has(file);
    }
    run.stderr_lacks("content/good.md");
    assert!(!site.out().exists());
}

#[test]
fn error_messages_name_files_relative_to_the_root() {
    let site = broken_site();
    site.simple("content/x/dup.md", "戊", "2014-04-28")
        .simple("content/y/dup.md", "己", "2014-04-28")
        .file(
            "content/gbk.md",
            [
                b"+++\ntitle = \"".as_slice(),
                &[0xBD, 0xB2, 0xBB, 0xB0, 0xB8, 0xE5],
                b"\"\n+++\n",
            ]
            .concat(),
        );
    let run = site.build(&[]);
    run.failure();
    let root = site.root.to_string_lossy().into_owned();
    let absolute: Vec<&str> = run.lines_with(&root);
    assert!(
        absolute.is_empty(),
        "messages should name files as content/…, relative to the root, not by absolute path:\n{}",
        absolute.join("\n")
    );
}

#[test]
fn error_messages_name_files_relative_to_the_root_when_run_inside_it() {
    let site = broken_site();
    site.build_in_root(&[])
        .failure()
        .stderr_has("content/no-title.md")
        .stderr_has("content/sub/no-date.md")
        .stderr_has("content/bad-theme.md")
        .stderr_lacks("./content");
}

// ---------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------

const SCRIPT: &str = "<script>alert(1)</script>";

/// The pages and feeds of an output folder (HTML and XML), with their text. Data
/// files such as the search index hold raw text by design and are left out.
fn pages(out: &Path) -> BTreeMap<String, String> {
    text_files(out)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html") || path.ends_with(".xml"))
        .collect()
}

#[test]
fn front_matter_is_html_escaped_on_every_page() {
    let site = Site::new();
    site.speech(
        "content/evil.md",
        &format!(
            "title = \"{SCRIPT}\"\ndate = \"2014-04-28\"\nspeaker = \"{SCRIPT}\"\nrole = \"{SCRIPT}\"\noccasion = \"{SCRIPT}\"\nplace = \"{SCRIPT}\"\norganization = \"{SCRIPT}\"\nthemes = [\"维权\"]\ntags = [\"{SCRIPT}\"]\nsource = \"{SCRIPT}\"\nsummary = \"{SCRIPT}\""
        ),
        BODY,
    )
    .file(
        "content/evil-yaml.md",
        "---\ntitle: '<img src=x onerror=alert(2)>'\ndate: 2014-04-29\nspeaker: '\"><b>x</b>'\nthemes: [基层建设]\n---\n\n正文。\n",
    )
    .simple("content/plain.md", "普通讲话", "2014-04-27");
    site.build(&[]).success();
    let mut raw = Vec::new();
    for (path, text) in pages(&site.out()) {
        for needle in ["<script>alert(1)", "<img src=x", "<b>x</b>"] {
            if text.contains(needle) {
                raw.push(format!("{path} contains {needle}"));
            }
        }
    }
    assert!(
        raw.is_empty(),
        "front matter reached the pages unescaped:\n{}",
        raw.join("\n")
    );
    let page = site.page("speeches/evil/index.html");
    assert!(
        page.contains(&html_escape(SCRIPT)),
        "the title is shown, escaped"
    );
}

#[test]
fn raw_html_in_markdown_is_escaped_by_default() {
    let site = Site::new();
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-04-28\"",
        "<div class=\"raw-block\">块</div>\n\n段落里有<span class=\"raw-inline\">行内</span>。\n\n<script>alert(3)</script>",
    );
    site.build(&[]).success();
    for (path, text) in pages(&site.out()) {
        for needle in [
            "<div class=\"raw-block\"",
            "<span class=\"raw-inline\"",
            "<script>alert(3)",
        ] {
            assert!(!text.contains(needle), "{path} contains raw {needle}");
        }
    }
    let page = site.page("speeches/a/index.html");
    assert!(page.contains("&lt;div"), "raw HTML is shown as text");
    assert!(
        page.contains("&lt;span"),
        "inline raw HTML is shown as text"
    );
}

#[test]
fn allow_html_lets_raw_html_through() {
    let site = Site::with_config("title = \"测试档案\"\nallow_html = true\n");
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-04-28\"",
        "<div class=\"raw-block\">块</div>\n\n段落里有<span class=\"raw-inline\">行内</span>。",
    );
    site.build(&[]).success();
    let page = site.page("speeches/a/index.html");
    assert!(page.contains("<div class=\"raw-block\">块</div>"));
    assert!(page.contains("<span class=\"raw-inline\">行内</span>"));
}

// ---------------------------------------------------------------------------
// Output safety
// ---------------------------------------------------------------------------

/// Entries beside the output folder that look like lectern's staging or old folders.
fn leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".lectern-cache") // the build cache belongs there
        .filter(|n| !n.ends_with(".lectern-lock")) // and the lock that keeps builds apart
        .filter(|n| n.contains("lectern") || (n.starts_with('.') && n.contains("public")))
        .collect()
}

#[test]
fn failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = archive_site();
    site.build(&[]).success();
    let before = snapshot(&site.out());
    site.speech("content/2014/jingshan.md", "title = \"没有日期\"", BODY);
    site.build(&[]).failure();
    assert_same_tree(
        &before,
        &snapshot(&site.out()),
        "public/ after a failed build",
    );
    assert!(
        leftovers(&site.root).is_empty(),
        "left behind: {:?}",
        leftovers(&site.root)
    );
}

#[test]
fn failed_render_leaves_the_previous_output_and_no_staging_folder() {
    let site = archive_site();
    site.build(&[]).success();
    let before = snapshot(&site.out());
    // Parses, but fails while pages are being written.
    site.file(
        "templates/speech.html",
        "{% extends \"base.html\" %}{% block content %}{{ speech.no_such_field }}{% endblock content %}",
    );
    site.build(&[]).failure();
    assert_same_tree(
        &before,
        &snapshot(&site.out()),
        "public/ after a failed render",
    );
    assert!(
        leftovers(&site.root).is_empty(),
        "left behind: {:?}",
        leftovers(&site.root)
    );
}

#[test]
fn rebuild_replaces_the_output_and_leaves_nothing_beside_it() {
    let site = archive_site();
    site.build(&[]).success();
    fs::remove_file(site.root.join("content/2014/jingshan.md")).unwrap();
    site.build(&[]).success();
    assert!(
        !site.exists("speeches/jingshan/index.html"),
        "a deleted speech's page is gone"
    );
    assert!(site.exists("speeches/2015-laomo/index.html"));
    assert!(
        leftovers(&site.root).is_empty(),
        "left behind: {:?}",
        leftovers(&site.root)
    );
}

/// Builds into `output` (marked as lectern's own, so only the rule under test can
/// refuse it) and checks exit 1, a message, and that the sentinel survives.
#[track_caller]
fn assert_refused(site: &Site, output: &Path, sentinel: &Path) {
    let before = snapshot(&site.base);
    let run = site.build(&["--output", output.to_str().unwrap()]);
    run.failure();
    assert!(
        run.stderr.contains("refus") || run.stderr.contains("output"),
        "{}",
        run.stderr
    );
    assert!(sentinel.is_file(), "{} was deleted", sentinel.display());
    assert_same_tree(
        &before,
        &snapshot(&site.base),
        "the folders after a refused build",
    );
}

/// Puts a sentinel file and a lectern marker into `dir`.
fn sentinel_in(dir: &Path) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join(".lectern-output"), "").unwrap();
    let sentinel = dir.join("sentinel.txt");
    fs::write(&sentinel, "不要删除").unwrap();
    sentinel
}

#[test]
fn refuses_the_site_root_as_output() {
    let site = archive_site();
    let sentinel = sentinel_in(&site.root);
    assert_refused(&site, &site.root, &sentinel);
    // The same folder spelled relative to the current folder.
    let run = site.build_in_root(&["--output", "."]);
    run.failure();
    assert!(sentinel.is_file() && site.root.join("content/2014/jingshan.md").is_file());
}

#[test]
fn refuses_the_content_folder_as_output() {
    let site = archive_site();
    let sentinel = sentinel_in(&site.root.join("content"));
    assert_refused(&site, &site.root.join("content"), &sentinel);
    assert_refused(&site, &site.root.join("content/2014"), &sentinel);
}

#[test]
fn refuses_the_themes_folder_as_output() {
    let site = archive_site();
    let sentinel = sentinel_in(&site.root.join("themes"));
    assert_refused(&site, &site.root.join("themes"), &sentinel);
}

#[test]
fn refuses_a_parent_of_the_root_as_output() {
    let site = archive_site();
    let sentinel = sentinel_in(&site.base);
    assert_refused(&site, &site.base, &sentinel);
    let run = site.build_in_root(&["--output", ".."]);
    run.failure();
    assert!(sentinel.is_file());
}

#[test]
fn refuses_the_file_system_root_as_output() {
    let site = archive_site();
    let sentinel = sentinel_in(&site.root.join("content/keep"));
    assert_refused(&site, Path::new("/"), &sentinel);
    assert!(
        !Path::new("/.public.lectern-staging").exists() && !Path::new("/.lectern-output").exists(),
        "nothing is written to /"
    );
}

#[test]
fn refuses_the_home_folder_as_output() {
    let site = archive_site();
    let home = site.base.join("home");
    let sentinel = sentinel_in(&home);
    let before = snapshot(&home);
    let mut cmd = lectern();
    cmd.env("HOME", &home)
        .arg("build")
        .arg("--root")
        .arg(&site.root)
        .arg("--output")
        .arg(&home);
    Run::of(&mut cmd).failure();
    assert!(sentinel.is_file());
    assert_same_tree(&before, &snapshot(&home), "the home folder");
}

#[test]
fn refuses_a_non_empty_folder_lectern_did_not_write() {
    let site = archive_site();
    let out = site.base.join("thesis");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("论文.docx"), "三年的心血").unwrap();
    let before = snapshot(&out);
    site.build(&["--output", out.to_str().unwrap()])
        .failure()
        .stderr_has("thesis");
    assert_same_tree(&before, &snapshot(&out), "a folder lectern did not write");
    assert!(
        leftovers(&site.base).is_empty(),
        "left behind: {:?}",
        leftovers(&site.base)
    );
}

#[test]
fn builds_into_an_empty_folder_and_replaces_its_own_output() {
    let site = archive_site();
    let out = site.base.join("www");
    fs::create_dir_all(&out).unwrap();
    site.build(&["--output", out.to_str().unwrap()]).success();
    assert!(
        out.join(".lectern-output").is_file(),
        "lectern marks the folders it writes"
    );
    fs::write(out.join("stale.html"), "old").unwrap();
    site.build(&["--output", out.to_str().unwrap()]).success();
    assert!(
        !out.join("stale.html").exists(),
        "a rebuild replaces lectern's own output"
    );
    assert!(out.join("index.html").is_file());
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_content_are_not_followed() {
    let site = archive_site();
    let outside = site.base.join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(
        outside.join("secret.md"),
        "+++\ntitle = \"外部机密讲话\"\ndate = \"2014-04-28\"\n+++\n\n机密。\n",
    )
    .unwrap();
    symlink(
        outside.join("secret.md"),
        site.root.join("content/linked.md"),
    );
    symlink("../../outside", site.root.join("content/linked-dir"));
    let run = site.build(&[]);
    run.success()
        .stderr_has("warning")
        .stderr_has("content/linked.md")
        .stderr_has("content/linked-dir");
    for (path, text) in text_files(&site.out()) {
        assert!(
            !text.contains("外部机密讲话"),
            "{path} publishes a speech from outside content/"
        );
    }
    assert!(
        !site.exists("speeches/linked/index.html") && !site.exists("speeches/secret/index.html")
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang_the_build() {
    let site = archive_site();
    symlink("..", site.root.join("content/2014/up"));
    symlink(site.root.join("content"), site.root.join("content/again"));
    symlink("loop-b", site.root.join("content/loop-a.md"));
    symlink("loop-a.md", site.root.join("content/loop-b"));
    // Run::of panics if the build does not finish within the timeout.
    let run = site.build(&[]);
    run.success()
        .stderr_has("points back to a folder that contains it")
        .stderr_has("leads nowhere, or round in a circle");
    assert!(site.exists("speeches/jingshan/index.html"));
}

// ---------------------------------------------------------------------------
// Templates, drafts
// ---------------------------------------------------------------------------

#[test]
fn site_template_overrides_the_themes_404() {
    let site = archive_site();
    site.file(
        "templates/404.html",
        "<!DOCTYPE html>\n<p class=\"mine\">自定义的404：{{ site.title }}</p>\n",
    );
    site.build(&[]).success();
    let page = site.page("404.html");
    assert!(
        page.contains("<p class=\"mine\">自定义的404：测试档案</p>"),
        "{page}"
    );
    assert!(
        !page.contains("not-found"),
        "the theme's 404 template is replaced"
    );
    assert!(
        site.page("speeches/jingshan/index.html")
            .contains("site-header"),
        "other pages still use the theme"
    );
}

fn draft_site() -> Site {
    let site = archive_site();
    site.speech(
        "content/draft.md",
        "title = \"尚未定稿的讲话\"\ndate = \"2017-01-01\"\nspeaker = \"赵敏\"\nthemes = [\"维权\"]\ndraft = true",
        BODY,
    );
    site
}

#[test]
fn drafts_are_not_published_without_the_flag() {
    let site = draft_site();
    site.build(&[]).success();
    assert!(!site.exists("speeches/draft/index.html"));
    assert!(!site.exists("speakers/zhao-min/index.html"));
    assert!(!site.exists("years/2017/index.html"));
    for (path, text) in text_files(&site.out()) {
        assert!(
            !text.contains("尚未定稿的讲话"),
            "{path} mentions the draft"
        );
    }
}

#[test]
fn drafts_flag_publishes_drafts() {
    let site = draft_site();
    site.build(&["--drafts"]).success();
    assert!(site
        .page("speeches/draft/index.html")
        .contains("尚未定稿的讲话"));
    assert!(linked_speeches(&site.page("themes/weiquan/index.html"), "/").contains("draft"));
    assert!(site.exists("speakers/zhao-min/index.html"));
}

// ---------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------

/// Builds twice into two folders (once single-threaded) and compares every file.
fn assert_deterministic(site: &Site) {
    let one = site.base.join("out-one");
    let two = site.base.join("out-two");
    let mut cmd = lectern();
    cmd.env("RAYON_NUM_THREADS", "1")
        .arg("build")
        .arg("--root")
        .arg(&site.root)
        .arg("--output")
        .arg(&one);
    Run::of(&mut cmd).success();
    site.build(&["--output", two.to_str().unwrap()]).success();
    let (a, b) = (snapshot(&one), snapshot(&two));
    assert!(a.len() > 10, "the build wrote pages");
    assert_same_tree(&a, &b, "two builds of the same input");
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = archive_site();
    let topics = [
        "维护职工合法权益",
        "加强基层组织建设",
        "开展劳动竞赛",
        "弘扬劳模精神",
        "治理欠薪问题",
    ];
    for i in 0..12 {
        let a = topics[i % topics.len()];
        let b = topics[(i + 2) % topics.len()];
        site.speech(
            &format!("content/gen/{i:02}.md"),
            &format!(
                "title = \"关于{a}的讲话\"\ndate = \"{}\"\nspeaker = \"{}\"\nthemes = [\"维权\"]",
                if i % 3 == 0 {
                    "2019".to_string()
                } else {
                    format!("2019-{:02}", i % 12 + 1)
                },
                ["李强", "王芳", "张伟"][i % 3]
            ),
            &format!("我们要{a}，也要{b}。\n\n{a}是重点，{b}是基础。\n\n## 一、{a}\n\n具体措施。"),
        );
    }
    assert_deterministic(&site);
}

// ---------------------------------------------------------------------------
// Corpus: 103 government work reports
// ---------------------------------------------------------------------------

const CORPUS_PAGE_SIZE: usize = 7;

/// One document of the corpus, as its meta.csv row and text file give it.
struct Document {
    stem: String,
    title: String,
    themes: Vec<&'static str>,
}

/// Turns every corpus document into a speech of a new site and returns them.
fn corpus_site() -> (Site, Vec<Document>) {
    let dir = shared("corpus/gov-work-reports");
    let meta = fs::read_to_string(dir.join("meta.csv"))
        .unwrap_or_else(|e| panic!("the corpus must be at {}: {e}", dir.display()));
    let mut rows = parse_csv(&meta).into_iter();
    let header = rows.next().expect("meta.csv has a header");
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .unwrap_or_else(|| panic!("meta.csv has no column {name}: {header:?}"))
    };
    let (file, title, speaker, date, place, source) = (
        column("file"),
        column("title"),
        column("speaker"),
        column("date"),
        column("place"),
        column("source"),
    );
    let site = Site::with_config(&format!(
        "title = \"政府工作报告\"\npage_size = {CORPUS_PAGE_SIZE}\n"
    ));
    let mut documents = Vec::new();
    for row in rows {
        assert_eq!(row.len(), header.len(), "meta.csv row {row:?}");
        let text = fs::read_to_string(dir.join(&row[file])).unwrap();
        let body: Vec<&str> = text
            .lines()
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let body = body.join("\n\n");
        let mut themes = Vec::new();
        if body.contains("权益") {
            themes.push("维权");
        }
        if body.contains("基层") {
            themes.push("基层建设");
        }
        if body.contains("劳动竞赛") || body.contains("劳模") {
            themes.push("劳动竞赛");
        }
        let mut fields = format!(
            "title = {}\ndate = {}\n",
            toml_string(&row[title]),
            toml_string(&row[date])
        );
        for (name, index) in [("speaker", speaker), ("place", place), ("source", source)] {
            if !row[index].trim().is_empty() {
                fields.push_str(&format!("{name} = {}\n", toml_string(&row[index])));
            }
        }
        let list: Vec<String> = themes.iter().map(|t| toml_string(t)).collect();
        fields.push_str(&format!("themes = [{}]\n", list.join(", ")));
        let stem = row[file].trim_end_matches(".txt").to_string();
        site.speech(&format!("content/{stem}.md"), &fields, &body);
        documents.push(Document {
            stem,
            title: row[title].clone(),
            themes,
        });
    }
    assert_eq!(documents.len(), 103, "meta.csv describes 103 documents");
    (site, documents)
}

#[test]
fn corpus_gets_one_page_per_document_with_its_title() {
    let (site, documents) = corpus_site();
    site.build(&[]).success();
    let out = site.out();
    let pages: Vec<String> = fs::read_dir(out.join("speeches"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| out.join("speeches").join(name).join("index.html").is_file())
        .collect();
    assert_eq!(
        pages.len(),
        103,
        "one speeches/*/index.html per document: {pages:?}"
    );
    for doc in &documents {
        let page = site.page(&format!("speeches/{}/index.html", doc.stem));
        assert!(
            page.contains(&html_escape(&doc.title)),
            "speeches/{}/ shows its title {}",
            doc.stem,
            doc.title
        );
    }
    let mut listed = BTreeSet::new();
    for (_, html) in listing_pages(&out, "speeches/") {
        listed.extend(linked_speeches(&html, "/"));
    }
    let all: BTreeSet<String> = documents.iter().map(|d| d.stem.clone()).collect();
    assert_eq!(
        listed, all,
        "the list of all speeches, over all its pages, has every document"
    );
}

#[test]
fn corpus_theme_listings_list_exactly_the_speeches_of_their_theme() {
    let (site, documents) = corpus_site();
    site.build(&[]).success();
    let out = site.out();
    for (name, slug) in [
        ("维权", "weiquan"),
        ("基层建设", "jiceng-jianshe"),
        ("劳动竞赛", "laodong-jingsai"),
    ] {
        let expected: BTreeSet<String> = documents
            .iter()
            .filter(|d| d.themes.contains(&name))
            .map(|d| d.stem.clone())
            .collect();
        assert!(!expected.is_empty(), "the corpus has speeches for {name}");
        let pages = listing_pages(&out, &format!("themes/{slug}/"));
        assert_eq!(
            pages.len(),
            expected.len().div_ceil(CORPUS_PAGE_SIZE),
            "themes/{slug}/ has one page per {CORPUS_PAGE_SIZE} speeches"
        );
        let mut listed = BTreeSet::new();
        let mut count = 0;
        for (_, html) in &pages {
            let on_page = linked_speeches(html, "/");
            count += on_page.len();
            listed.extend(on_page);
        }
        assert_eq!(count, listed.len(), "themes/{slug}/ lists no speech twice");
        let missing: Vec<_> = expected.difference(&listed).collect();
        let extra: Vec<_> = listed.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "themes/{slug}/: missing {missing:?}, not of this theme {extra:?}"
        );
    }
}

#[test]
fn corpus_builds_are_byte_identical() {
    let (site, _) = corpus_site();
    assert_deterministic(&site);
}

#[test]
fn corpus_helpers_parse_quoted_csv_and_escape_toml_strings() {
    // The corpus test relies on this parser; check it on the awkward cases.
    let rows =
        parse_csv("file,title\r\n0001.txt,\"报告, 含逗号\"\n0002.txt,\"他说\"\"好\"\"\n第二行\"\n");
    let expected: Vec<Vec<String>> = vec![
        vec!["file".into(), "title".into()],
        vec!["0001.txt".into(), "报告, 含逗号".into()],
        vec!["0002.txt".into(), "他说\"好\"\n第二行".into()],
    ];
    assert_eq!(rows, expected);
    assert_eq!(toml_string("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
}

#[test]
fn every_problem_of_site_toml_is_reported_in_one_run() {
    let site = Site::new();
    site.file(
        "site.toml",
        "title = 3\npage_size = \"many\"\ntitel = \"y\"\n\n[[themes]]\nname = \"维权\"\nslgu = \"weiquan\"\n",
    );
    let run = site.build(&[]);
    run.failure()
        .stderr_has("site.toml:1:1")
        .stderr_has("site.toml:2:1")
        .stderr_has("site.toml:3:1: unknown field `titel`")
        .stderr_has("site.toml:7:1: theme 1: unknown field `slgu`");
}

#[test]
fn front_matter_field_errors_and_duplicate_urls_name_line_and_column() {
    let site = Site::new();
    site.speech(
        "content/a.md",
        "title = \"甲\"\ndate = \"2014-04-28\"\n  draft = \"yes\"",
        "正文。",
    );
    site.speech(
        "content/b.md",
        "title = \"乙\"\ndate = \"2014-04-28\"\nslug = \"same\"",
        "正文。",
    );
    site.speech(
        "content/c/same.md",
        "title = \"丙\"\ndate = \"2014-04-28\"",
        "正文。",
    );
    site.build(&[])
        .failure()
        .stderr_has("content/a.md:4:3: `draft` must be true or false")
        .stderr_has("content/b.md:4:1: this speech has the same URL speeches/same/")
        .stderr_has("content/c/same.md:1:1: this speech has the same URL speeches/same/");
}

#[test]
fn a_cache_inside_the_output_or_content_folder_is_refused() {
    let site = archive_site();
    for inside in ["public/.cache", "content/.cache"] {
        let cache = site.root.join(inside);
        site.build(&["--cache", cache.to_str().unwrap()])
            .failure()
            .stderr_has("refusing to keep the build cache");
        assert!(!cache.exists(), "{inside} was not created");
    }
}
