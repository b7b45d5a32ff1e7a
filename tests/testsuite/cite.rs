//! Anchors that last, citations and the metadata of speech pages, through the
//! real binary: ids compared across two builds, every citation format against a
//! fixed text, the head's tags and JSON-LD read back, and titles that try to
//! break out of their attribute or script.

use std::collections::BTreeMap;

use crate::util::{self, toml_string, Site};

/// Every block of a page's body with an id: `(id, text)`, in order. The text is
/// what stands between the block's start tag and its `a.anchor`, tags removed.
fn blocks(page: &str) -> Vec<(String, String)> {
    let body = &page[page
        .find("<div class=\"speech-body\">")
        .expect("a speech body")..];
    let body = &body[..body.find("</div>").unwrap()];
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find(" id=\"") {
        let tag_start = rest[..at].rfind('<').unwrap();
        let tag = &rest[tag_start + 1..at];
        let after = &rest[at + 5..];
        let end = after.find('"').unwrap();
        let id = after[..end].to_string();
        rest = &after[end..];
        if !(tag == "p" || (tag.len() == 2 && tag.starts_with('h'))) {
            continue;
        }
        let content = &rest[rest.find('>').unwrap() + 1..];
        let content = &content[..content.find("<a class=\"anchor\"").expect("an anchor link")];
        found.push((id, strip_tags(content)));
    }
    found
}

/// The text a page's citation download in this format (its file name's
/// extension) holds: the link's `data:` URL, read back from base64.
fn download(page: &str, extension: &str) -> String {
    use base64::Engine;
    let name = " download=\"";
    let link = page
        .match_indices(name)
        .map(|(at, _)| at)
        .find(|&at| {
            page[at + name.len()..]
                .split('"')
                .next()
                .unwrap()
                .ends_with(&format!(".{extension}"))
        })
        .unwrap_or_else(|| panic!("no .{extension} download"));
    let start = page[..link].rfind("<a href=\"").unwrap() + "<a href=\"".len();
    let href = page[start..link]
        .trim_end_matches('"')
        .replace("&#x2F;", "/");
    let data = href
        .split_once(";charset=utf-8;base64,")
        .unwrap_or_else(|| panic!("a base64 data: URL: {href}"))
        .1;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn id_of<'a>(blocks: &'a [(String, String)], text: &str) -> &'a str {
    let found: Vec<&str> = blocks
        .iter()
        .filter(|(_, t)| t == text)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(found.len(), 1, "one block {text:?} in {blocks:?}");
    found[0]
}

const FIELDS: &str = "title = \"2024年工作报告\"\ndate = \"2025-01-10\"";

fn anchored_body(paragraphs: &[&str]) -> String {
    paragraphs.join("\n\n")
}

/// Paragraphs and headings keep their ids when others are inserted, edited and
/// deleted; a renamed heading alone gets a new id; repeats are told apart by
/// their order among themselves.
#[test]
fn ids_stay_when_other_paragraphs_are_inserted_edited_and_deleted() {
    let site = Site::new();
    let first = [
        "同志们：",
        "过去一年，工会工作取得新成绩。",
        "## 一、2024年工作回顾",
        "劳动竞赛广泛开展。",
        "职工权益得到维护。",
        "## 二、2025年工作安排",
        "加强基层工会建设。",
        "加强基层工会建设。",
        "谢谢大家。",
    ];
    site.speech("content/report.md", FIELDS, &anchored_body(&first));
    site.build(&[]).success();
    let before = blocks(&site.page("speeches/report/index.html"));
    let texts: Vec<&str> = before.iter().map(|(_, t)| t.as_str()).collect();
    let shown: Vec<String> = first
        .iter()
        .map(|p| p.trim_start_matches("## ").to_string())
        .collect();
    assert_eq!(texts, shown);
    for (id, _) in &before {
        assert!(id.len() <= 10 && id.is_ascii(), "{id} is short ASCII");
    }
    // The heading whose id was 133 characters of percent-encoded Chinese.
    assert_eq!(id_of(&before, "一、2024年工作回顾"), "s-g8ezpp");
    let repeated: Vec<&str> = before
        .iter()
        .filter(|(_, t)| t == "加强基层工会建设。")
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(repeated[1], format!("{}-2", repeated[0]));

    // Insert at the start and in the middle, edit one, delete one, add a third
    // repeat after the other two, rename the second heading.
    let second = [
        "同志们：",
        "首先，向大家致以问候。",
        "## 一、2024年工作回顾",
        "劳动竞赛广泛开展。",
        "新增的一段：困难职工帮扶有力。",
        "职工权益得到切实维护。",
        "## 二、2025年主要任务",
        "加强基层工会建设。",
        "加强基层工会建设。",
        "加强基层工会建设。",
        "谢谢大家。",
    ];
    site.speech("content/report.md", FIELDS, &anchored_body(&second));
    site.build(&[]).success();
    let page = site.page("speeches/report/index.html");
    let after = blocks(&page);
    for kept in [
        "同志们：",
        "一、2024年工作回顾",
        "劳动竞赛广泛开展。",
        "谢谢大家。",
    ] {
        assert_eq!(id_of(&before, kept), id_of(&after, kept), "{kept}");
    }
    let repeated_after: Vec<&str> = after
        .iter()
        .filter(|(_, t)| t == "加强基层工会建设。")
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(repeated_after[..2], repeated[..]);
    assert_eq!(repeated_after[2], format!("{}-3", repeated[0]));
    // What changed has a new id, which no other block has.
    let old = id_of(&before, "职工权益得到维护。");
    assert_ne!(id_of(&after, "职工权益得到切实维护。"), old);
    assert_ne!(
        id_of(&after, "二、2025年主要任务"),
        id_of(&before, "二、2025年工作安排")
    );
    assert!(!after
        .iter()
        .any(|(id, _)| id == id_of(&before, "过去一年，工会工作取得新成绩。")));
    // The table of contents links the headings by these ids.
    let toc: Vec<String> = util::attr_values(&page[page.find("class=\"toc\"").unwrap()..], "href")
        .into_iter()
        .take(2)
        .collect();
    assert_eq!(
        toc,
        [
            format!("#{}", id_of(&after, "一、2024年工作回顾")),
            format!("#{}", id_of(&after, "二、2025年主要任务"))
        ]
    );
    // A link to a heading's former id still arrives at it.
    assert!(
        page.contains("<span id=\"一2024年工作回顾\"></span></h2>"),
        "{page}"
    );
}

/// The fixture speech that every citation format is checked with.
fn fixture() -> Site {
    let site =
        Site::with_config("title = \"讲话稿档案\"\nbase_url = \"https://example.org/archive/\"\n");
    site.speech(
        "content/2014/xiaogan.md",
        "title = \"在全市工会工作会议上的讲话\"\ndate = \"2014-04-28\"\nspeaker = \"王凯\"\n\
         role = \"市总工会主席\"\noccasion = \"孝感市总工会十四届三次全委会议\"\nplace = \"孝感\"\n\
         organization = \"孝感市总工会\"\nthemes = [\"维权\"]\ntags = [\"工会\"]\n\
         slug = \"2014-04-28-xiaogan\"\nsummary = \"今天召开全市工会工作会议。\"",
        "同志们：\n\n今天召开全市工会工作会议。",
    );
    site.build(&[]).success();
    site
}

const PAGE: &str = "speeches/2014-04-28-xiaogan/";
const URL: &str = "https://example.org/archive/speeches/2014-04-28-xiaogan/";

#[test]
fn every_citation_format_of_the_fixture_speech() {
    let site = fixture();
    let page = site.page(&format!("{PAGE}index.html"));
    let reference = &page[page.find("<p class=\"cite-reference\"").unwrap()..];
    let reference = strip_tags(&reference[..reference.find("</p>").unwrap()]);
    assert_eq!(
        reference,
        format!("王凯. 在全市工会工作会议上的讲话: 孝感市总工会十四届三次全委会议[Z/OL]. 孝感, 2014-04-28. {URL}.")
    );
    assert_eq!(
        download(&page, "bib"),
        format!(
            "@misc{{2014-04-28-xiaogan,
  author       = {{{{王凯}}}},
  title        = {{在全市工会工作会议上的讲话}},
  howpublished = {{孝感市总工会十四届三次全委会议}},
  address      = {{孝感}},
  organization = {{孝感市总工会}},
  year         = {{2014}},
  month        = apr,
  date         = {{2014-04-28}},
  url          = {{{URL}}},
  keywords     = {{维权, 工会}},
  abstract     = {{今天召开全市工会工作会议。}},
}}
"
        )
    );
    assert_eq!(
        download(&page, "ris"),
        format!(
            "TY  - SLIDE\r\nTI  - 在全市工会工作会议上的讲话\r\nAU  - 王凯\r\n\
             T2  - 孝感市总工会十四届三次全委会议\r\nCY  - 孝感\r\nPY  - 2014\r\nDA  - 2014/04/28/\r\n\
             UR  - {URL}\r\nLA  - zh-CN\r\nKW  - 维权\r\nKW  - 工会\r\nAB  - 今天召开全市工会工作会议。\r\nER  - \r\n"
        )
    );
    let csl: serde_json::Value = serde_json::from_str(&download(&page, "json")).unwrap();
    assert_eq!(
        csl,
        serde_json::json!([{
            "id": "2014-04-28-xiaogan",
            "type": "speech",
            "title": "在全市工会工作会议上的讲话",
            "author": [{"literal": "王凯"}],
            "event-title": "孝感市总工会十四届三次全委会议",
            "event-place": "孝感",
            "issued": {"date-parts": [[2014, 4, 28]]},
            "URL": URL,
            "language": "zh-CN",
            "keyword": "维权, 工会",
            "abstract": "今天召开全市工会工作会议。"
        }])
    );
}

/// The `<meta>` tags of a page's head: `(name or property, content)`, unescaped.
fn meta_tags(page: &str) -> Vec<(String, String)> {
    let head = &page[..page.find("</head>").unwrap()];
    head.split("<meta ")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>').unwrap()];
            let attr = |name: &str| {
                let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
                let end = tag[start..].find('"')?;
                Some(unescape(&tag[start..start + end]))
            };
            Some((attr("name").or_else(|| attr("property"))?, attr("content")?))
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn json_ld(page: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = page.find(open).expect("a JSON-LD script") + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).expect("the script holds JSON")
}

#[test]
fn the_head_tells_zotero_scholar_and_schema_org_what_the_speech_is() {
    let site = fixture();
    let page = site.page(&format!("{PAGE}index.html"));
    let tags: BTreeMap<String, Vec<String>> =
        meta_tags(&page)
            .into_iter()
            .fold(BTreeMap::new(), |mut tags, (name, content)| {
                tags.entry(name).or_default().push(content);
                tags
            });
    let expect = |name: &str, values: &[&str]| {
        assert_eq!(
            tags.get(name).map(Vec::as_slice).unwrap_or_default(),
            values,
            "{name}"
        );
    };
    expect("citation_title", &["在全市工会工作会议上的讲话"]);
    expect("citation_author", &["王凯"]);
    expect("citation_publication_date", &["2014/04/28"]);
    expect("citation_date", &["2014/04/28"]);
    expect("citation_public_url", &[URL]);
    expect("citation_language", &["zh-CN"]);
    expect("citation_keywords", &["维权", "工会"]);
    expect("DC.title", &["在全市工会工作会议上的讲话"]);
    expect("DC.creator", &["王凯"]);
    expect("DC.date", &["2014-04-28"]);
    expect("DC.identifier", &[URL]);
    expect("DC.subject", &["维权", "工会"]);
    expect("og:type", &["article"]);
    expect("og:title", &["在全市工会工作会议上的讲话"]);
    expect("og:url", &[URL]);
    expect("og:locale", &["zh_CN"]);
    expect("article:published_time", &["2014-04-28"]);
    expect("article:tag", &["维权", "工会"]);
    let speaker = util::attr_values(&page, "href")
        .into_iter()
        .find(|h| h.starts_with("/archive/speakers/") && h.len() > "/archive/speakers/".len())
        .expect("a link to the speaker");
    let speaker_url = format!("https://example.org{speaker}");
    expect("article:author", &[speaker_url.as_str()]);

    let ld = json_ld(&page);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "CreativeWork");
    assert_eq!(ld["@id"], URL);
    assert_eq!(ld["name"], "在全市工会工作会议上的讲话");
    assert_eq!(ld["dateCreated"], "2014-04-28");
    assert_eq!(
        ld["author"],
        serde_json::json!({"@type": "Person", "name": "王凯", "jobTitle": "市总工会主席", "url": speaker_url})
    );
    assert_eq!(
        ld["about"],
        serde_json::json!([{"@type": "Thing", "name": "维权", "url": "https://example.org/archive/themes/weiquan/"}])
    );
    assert_eq!(
        ld["locationCreated"],
        serde_json::json!({"@type": "Place", "name": "孝感"})
    );
    assert_eq!(ld["recordedAt"]["name"], "孝感市总工会十四届三次全委会议");
    assert_eq!(ld["recordedAt"]["organizer"]["name"], "孝感市总工会");
    assert_eq!(ld["isPartOf"]["url"], "https://example.org/archive/");
}

#[test]
fn a_work_report_is_a_report_in_json_ld() {
    let site = Site::new();
    site.simple("content/a.md", "2024年政府工作报告", "2024-03-05")
        .simple("content/b.md", "在工会会议上的讲话", "2024-03-06");
    site.build(&[]).success();
    assert_eq!(
        json_ld(&site.page("speeches/a/index.html"))["@type"],
        "Report"
    );
    assert_eq!(
        json_ld(&site.page("speeches/b/index.html"))["@type"],
        "CreativeWork"
    );
}

/// Quotes, a closing `</script>`, markup and control characters in the title
/// and fields stay text in every attribute, the JSON-LD and every citation.
#[test]
fn titles_that_try_to_break_out_stay_text_everywhere() {
    let title = "引号\"与'</script><script>alert(1)</script>&amp; <!--\u{7}响铃\u{1b}";
    let shown = "引号\"与'</script><script>alert(1)</script>&amp; <!--响铃";
    let site = Site::new();
    site.speech(
        "content/evil.md",
        &format!(
            "title = {}\ndate = \"2020-05-01\"\nspeaker = {}\noccasion = {}\nplace = \"北京\"",
            toml_string(title),
            toml_string("张\"三\u{8}"),
            toml_string("两行\n的</script>场合"),
        ),
        "正文。",
    );
    site.build(&[]).success();
    let page = site.page("speeches/evil/index.html");
    assert!(
        !page
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
        "no control characters on the page"
    );
    // One script element for the JSON-LD and one for cite.js: no title opened
    // or closed another.
    assert_eq!(page.matches("<script").count(), 2, "{page}");
    assert_eq!(page.matches("</script>").count(), 2);
    let ld = json_ld(&page);
    assert_eq!(ld["name"], shown);
    assert_eq!(ld["author"]["name"], "张\"三");
    assert_eq!(ld["recordedAt"]["name"], "两行 的</script>场合");
    let tags = meta_tags(&page);
    let content = |name: &str| {
        tags.iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.as_str())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    assert_eq!(content("citation_title"), shown);
    assert_eq!(content("DC.title"), shown);
    assert_eq!(content("citation_author"), "张\"三");
    let ris = download(&page, "ris");
    assert!(ris.contains(&format!("TI  - {shown}\r\n")), "{ris}");
    assert!(ris.contains("T2  - 两行 的</script>场合\r\n"), "{ris}");
    assert!(ris
        .split("\r\n")
        .all(|line| line.is_empty() || line.as_bytes()[2..6] == *b"  - "));
    let bib = download(&page, "bib");
    assert!(
        bib.contains(
            "  title        = {引号\"与'</script><script>alert(1)</script>\\&amp; <!--响铃},\n"
        ),
        "{bib}"
    );
    let csl: serde_json::Value = serde_json::from_str(&download(&page, "json")).unwrap();
    assert_eq!(csl[0]["title"], shown);
}
