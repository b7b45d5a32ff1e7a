//! Pages that are not speeches (`content/pages/`, `kind = "page"`) and tag
//! pages.

use crate::util::{self, files_under, has_node, lectern, linked_speeches, repo, Run, Site};

const BODY: &str = "同志们：\n\n今天我们召开会议，研究维护职工合法权益的工作。";

/// Two speeches and two pages: 关于本站 in `content/pages/`, linked from the
/// footer, and 编辑说明 elsewhere with `kind = "page"`, in the navigation and
/// found by the search.
fn site() -> Site {
    let site = Site::new();
    site.speech(
        "content/2014/a.md",
        "title = \"甲讲话\"\ndate = \"2014-04-28\"\nspeaker = \"王凯\"\nthemes = [\"维权\"]\ntags = [\"工会\", \"劳动关系\"]",
        BODY,
    )
    .speech(
        "content/2015/b.md",
        "title = \"乙讲话\"\ndate = \"2015-01-01\"\nthemes = [\"维权\"]\ntags = [\"工會\"]",
        BODY,
    )
    .speech(
        "content/pages/about.md",
        "title = \"关于本站\"\nweight = 1",
        "本站收录工会讲话稿。\n\n## 收录范围\n\n县、市工会的讲话。",
    )
    .speech(
        "content/notes/editing.md",
        "title = \"编辑说明\"\nkind = \"page\"\nmenu = \"nav\"\nsearchable = true",
        "校对时以原件为准，勘误记录在案。",
    );
    site
}

#[test]
fn pages_render_with_their_template_and_are_linked_from_footer_or_nav() {
    let site = site();
    site.build(&[]).success();
    let about = site.page("pages/about/index.html");
    assert!(
        about.contains("<article class=\"site-page has-toc\">"),
        "{about}"
    );
    assert!(about.contains("<h1 class=\"page-title\">关于本站</h1>"));
    assert!(about.contains("本站收录工会讲话稿。"));
    assert!(about.contains("<title>关于本站 · 测试档案</title>"));
    assert!(site.exists("pages/editing/index.html"));
    let home = site.page("index.html");
    let footer = &home[home.find("<footer class=\"site-footer\">").unwrap()..];
    assert!(
        footer
            .contains("<p class=\"site-footer-pages\"><a href=\"/pages/about/\">关于本站</a></p>"),
        "{footer}"
    );
    let nav = &home[home.find("<nav class=\"site-nav\"").unwrap()..home.find("</nav>").unwrap()];
    assert!(
        nav.contains("<a href=\"/pages/editing/\">编辑说明</a>"),
        "{nav}"
    );
    assert!(!nav.contains("关于本站"));
    assert!(site
        .page("pages/editing/index.html")
        .contains("<a href=\"/pages/editing/\" aria-current=\"page\">编辑说明</a>"));
}

#[test]
fn pages_stay_out_of_every_list_feed_archive_and_the_data() {
    let site = site();
    site.build(&[]).success();
    let out = site.out();
    for file in files_under(&out) {
        let keep_out = file.starts_with("speeches/")
            || file.starts_with("themes/")
            || file.starts_with("years/")
            || file.starts_with("speakers/")
            || file.starts_with("tags/")
            || file.starts_with("data/")
            || file.ends_with("atom.xml")
            || file == "index.html";
        if !keep_out {
            continue;
        }
        let text = util::read_text(&out, &file);
        if file == "index.html" {
            // The home page links the pages from the footer only.
            let main = &text[text.find("<main").unwrap()..text.find("</main>").unwrap()];
            assert!(
                !main.contains("关于本站") && !main.contains("编辑说明"),
                "{file}"
            );
            continue;
        }
        let main = match (text.find("<main"), text.find("</main>")) {
            (Some(start), Some(end)) => &text[start..end],
            _ => text.as_str(),
        };
        assert!(
            !main.contains("关于本站") && !main.contains("编辑说明") && !main.contains("pages/"),
            "{file} shows a page:\n{main}"
        );
    }
    assert!(!files_under(&out.join("speeches"))
        .iter()
        .any(|f| f.contains("about")));
    assert_eq!(
        site.page("data/speeches.jsonl").lines().count(),
        2,
        "only the speeches are in the data"
    );
    let index = site.page("index.html");
    assert!(index.contains("本站收录 2 篇"), "{index}");
    // The sitemap lists the pages, without a speech's date.
    let sitemap = site.page("sitemap.xml");
    let about = sitemap
        .find("<loc>/pages/about/</loc>")
        .expect("in the sitemap");
    let entry = &sitemap[about..sitemap[about..].find("</url>").unwrap() + about];
    assert!(!entry.contains("lastmod"), "{entry}");
}

#[test]
fn a_page_is_searchable_when_it_says_so() {
    let site = site();
    site.build(&[]).success();
    let search = |query: &str| {
        let mut cmd = lectern();
        cmd.args(["search", "--json", "--root"])
            .arg(&site.root)
            .arg(query);
        let run = Run::of(&mut cmd);
        run.success();
        serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()
    };
    let found = search("勘误");
    assert_eq!(found[0]["url"], "/pages/editing/", "{found}");
    assert_eq!(found[0]["date"], "");
    assert_eq!(found.as_array().unwrap().len(), 1);
    // Not searchable: 关于本站 (the default).
    assert_eq!(search("收录范围"), serde_json::json!([]));
    // A year filter lists speeches' years only.
    let mut cmd = lectern();
    cmd.args(["search", "--year", "0", "--root"])
        .arg(&site.root)
        .arg("勘误");
    Run::of(&mut cmd).stderr_has("the years with speeches are 2014, 2015");
}

#[test]
fn fields_of_the_other_kind_are_errors_naming_the_line() {
    let site = Site::new();
    site.speech(
        "content/pages/about.md",
        "title = \"关于本站\"\ndate = \"2014\"\nmenu = \"top\"",
        "正文。",
    )
    .speech(
        "content/a.md",
        "title = \"讲话\"\ndate = \"2014\"\nmenu = \"nav\"",
        BODY,
    )
    .speech("content/b.md", "title = \"讲话\"\nkind = \"essay\"", BODY);
    site.build(&[])
        .failure()
        .stderr_has("error: content/pages/about.md:3:1: `date` is a field of a speech, and this file is a page")
        .stderr_has("error: content/pages/about.md:4:1: `menu` is \"top\"; it must be one of nav, footer, none")
        .stderr_has("error: content/a.md:4:1: `menu` is a field of a page, and this file is a speech")
        .stderr_has("error: content/b.md:3:1: `kind` is \"essay\"; it must be \"speech\" or \"page\"");
}

#[test]
fn tags_have_list_pages_linked_from_speeches() {
    let site = site();
    site.build(&[]).success();
    let tags = site.page("tags/index.html");
    let (gonghui, guanxi) = (util::name_slug("工会"), util::name_slug("劳动关系"));
    assert!(
        tags.contains(&format!("<a class=\"chip\" href=\"/tags/{gonghui}/\" rel=\"tag\">工会 <span class=\"count\">2</span></a>")),
        "工会 and 工會 are one tag: {tags}"
    );
    assert!(tags.contains(&format!("href=\"/tags/{guanxi}/\"")));
    let gonghui_page = site.page(&format!("tags/{gonghui}/index.html"));
    assert_eq!(
        linked_speeches(&gonghui_page, "/"),
        ["a", "b"].map(String::from).into()
    );
    assert!(gonghui_page.contains("<h1 class=\"page-title\">工会</h1>"));
    let a = site.page("speeches/a/index.html");
    assert!(
        a.contains(&format!("<a class=\"chip\" href=\"/tags/{gonghui}/\" rel=\"tag\">工会</a> <a class=\"chip\" href=\"/tags/{guanxi}/\" rel=\"tag\">劳动关系</a>")),
        "{a}"
    );
    assert!(site
        .page("index.html")
        .contains("<a href=\"/tags/\">全部标签 →</a>"));
    // `lectern check` finds every link of them.
    let mut cmd = lectern();
    cmd.args(["check", "--base-url", "https://example.org/", "--root"])
        .arg(&site.root);
    Run::of(&mut cmd).success();
}

/// What `search.js` (the shipped file) finds in a built site: result URLs and
/// the year counts, or `None` without `node`.
fn search_js(output: &std::path::Path, query: &str) -> Option<serde_json::Value> {
    const SCRIPT: &str = r#"
const fs = require('fs');
const path = require('path');
const engine = require(process.env.ENGINE);
const read = async (p, start, length) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(process.env.OUTPUT, p)));
  return start === undefined ? bytes : bytes.subarray(start, start + length);
};
(async () => {
  const idx = await engine.Index.open(read);
  const r = await idx.search({ text: process.env.QUERY, theme: null, speaker: null, year: null, order: 'relevance' });
  const urls = [];
  for (const hit of r.hits) urls.push((await idx.storedDoc(hit.id)).url);
  const years = Object.fromEntries([...r.years].map(([y, n]) => [String(y), n]));
  console.log(JSON.stringify({ urls, years }));
})().catch((e) => { console.error(e); process.exit(1); });
"#;
    let engine = repo().join("themes/default/static/search/search.js");
    if !has_node("the check of search.js on pages") {
        return None;
    }
    let out = std::process::Command::new("node")
        .args(["-e", SCRIPT])
        .env("ENGINE", engine)
        .env("OUTPUT", output)
        .env("QUERY", query)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn a_searchable_page_counts_for_no_year_in_either_search_engine() {
    let site = site();
    site.speech(
        "content/2016/c.md",
        "title = \"丙讲话\"\ndate = \"2016-06-01\"",
        "会上通报了勘误情况。",
    );
    site.build(&[]).success();
    let out = site.out();
    let mut index =
        lectern::search::query::Index::open(lectern::search::query::DirStore(out.clone())).unwrap();
    let query = lectern::search::query::Query {
        text: "勘误".into(),
        theme: None,
        speaker: None,
        year: None,
        order: lectern::search::query::Order::Relevance,
    };
    let results = index.search(&query).unwrap();
    let mut urls: Vec<String> = results
        .hits
        .iter()
        .map(|hit| index.stored_doc(hit.id).unwrap().url)
        .collect();
    urls.sort();
    assert_eq!(urls, ["/pages/editing/", "/speeches/c/"]);
    assert_eq!(results.years.into_iter().collect::<Vec<_>>(), [(2016, 1)]);
    if let Some(js) = search_js(&out, "勘误") {
        let mut js_urls: Vec<String> = serde_json::from_value(js["urls"].clone()).unwrap();
        js_urls.sort();
        assert_eq!(js_urls, urls);
        assert_eq!(js["years"], serde_json::json!({"2016": 1}));
    }
}
