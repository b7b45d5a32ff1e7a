//! The data download (`data/`): what it holds is exactly the published speeches,
//! read back from JSON Lines and CSV and compared with the front matter they
//! were written from; drafts are never in it.

use std::fs;

use serde_json::Value;

use crate::util::{self, parse_csv, read_text, toml_string, Site};

/// A speech of the fixture: its file, its front matter, and what its plain
/// text is.
struct Fixture {
    file: &'static str,
    slug: &'static str,
    title: &'static str,
    date: &'static str,
    year: i64,
    speaker: &'static str,
    /// The person the data names (all spellings of one name are one).
    speaker_name: &'static str,
    role: &'static str,
    occasion: &'static str,
    place: &'static str,
    organization: &'static str,
    themes: &'static [&'static str],
    tags: &'static [&'static str],
    source: &'static str,
    summary: &'static str,
    body: &'static str,
    text: &'static str,
}

const BASE: &str = "https://example.org/archive/";

/// Newest first, as the download lists them.
const SPEECHES: [Fixture; 3] = [
    Fixture {
        file: "content/2020/b.md",
        slug: "b",
        title: "讲话 <b>\"引号\"</b> & 符号 </script>",
        date: "2020",
        year: 2020,
        speaker: "",
        speaker_name: "",
        role: "县委领导",
        occasion: "",
        place: "",
        organization: "",
        themes: &[],
        tags: &[],
        source: "",
        summary: "只有职务，没有讲话人。",
        body: "各位代表：\n\n今年的工作，\"引号\"、逗号,和分号;都要照原样。",
        text: "各位代表：\n今年的工作，\"引号\"、逗号,和分号;都要照原样。",
    },
    Fixture {
        file: "content/2019/c.md",
        slug: "c",
        title: "在全市工会工作会议上的讲话",
        date: "2019-05",
        year: 2019,
        speaker: "王凱",
        speaker_name: "王凯",
        role: "市总工会主席",
        occasion: "全市工会工作会议",
        place: "孝感市",
        organization: "",
        themes: &["基层建设"],
        tags: &["工会"],
        source: "市总工会办公室",
        summary: "摘要。",
        body: "同志们：\n\n今天召开会议。",
        text: "同志们：\n今天召开会议。",
    },
    Fixture {
        file: "content/2014/a.md",
        slug: "a",
        title: "关于\"维权\",工作的讲话",
        date: "2014-04-28",
        year: 2014,
        speaker: "王 凯",
        speaker_name: "王凯",
        role: "市总工会主席",
        occasion: "全市工会工作会议",
        place: "孝感市",
        organization: "孝感市总工会",
        themes: &["维权", "基层建设"],
        tags: &["工会", "维权"],
        source: "https://example.org/a?x=1&y=2",
        summary: "第一行\n第二行，含逗号,和\"引号\"",
        body: "同志们：\n\n## 一、认真学习\n\n今天我们召开会议。\n\n第二段</script>。",
        text: "同志们：\n一、认真学习\n今天我们召开会议。\n第二段</script>。",
    },
];

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| toml_string(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The fixture site: the three speeches, and a draft that must stay out.
fn site() -> Site {
    let site = Site::with_config(&format!("title = \"数据测试\"\nbase_url = \"{BASE}\"\n"));
    for s in &SPEECHES {
        let mut fields = vec![
            format!("title = {}", toml_string(s.title)),
            format!("date = {}", toml_string(s.date)),
        ];
        for (name, value) in [
            ("speaker", s.speaker),
            ("role", s.role),
            ("occasion", s.occasion),
            ("place", s.place),
            ("organization", s.organization),
            ("source", s.source),
            ("summary", s.summary),
        ] {
            if !value.is_empty() {
                fields.push(format!("{name} = {}", toml_string(value)));
            }
        }
        fields.push(format!("themes = {}", list(s.themes)));
        fields.push(format!("tags = {}", list(s.tags)));
        site.speech(s.file, &fields.join("\n"), s.body);
    }
    site.speech(
        "content/2021/draft.md",
        "title = \"草稿不应出现\"\ndate = \"2021-01-01\"\nspeaker = \"王凯\"\ndraft = true",
        "草稿正文。",
    );
    site
}

fn permalink(rel: &str) -> String {
    format!("{BASE}{rel}")
}

/// What the CSV has in each column for a speech, and JSON before `text`.
fn cells(s: &Fixture) -> Vec<String> {
    vec![
        s.slug.to_string(),
        permalink(&format!("speeches/{}/", s.slug)),
        s.title.to_string(),
        s.date.to_string(),
        s.year.to_string(),
        s.speaker.to_string(),
        s.speaker_name.to_string(),
        if s.speaker_name.is_empty() {
            String::new()
        } else {
            permalink(&format!("speakers/{}/", util::name_slug(s.speaker_name)))
        },
        s.role.to_string(),
        s.occasion.to_string(),
        s.place.to_string(),
        s.organization.to_string(),
        s.themes.join("; "),
        s.tags.join("; "),
        s.source.to_string(),
        s.summary.to_string(),
        // The title counts, 同志们 and the rest.
        String::new(),
        permalink(&format!("data/text/{}.txt", s.slug)),
        s.file.to_string(),
    ]
}

const COLUMNS: [&str; 19] = [
    "slug",
    "url",
    "title",
    "date",
    "year",
    "speaker",
    "speaker_name",
    "speaker_url",
    "role",
    "occasion",
    "place",
    "organization",
    "themes",
    "tags",
    "source",
    "summary",
    "char_count",
    "text_url",
    "file",
];

#[test]
fn json_lines_hold_every_published_speech_as_its_front_matter_says() {
    let site = site();
    site.build(&[]).success();
    let jsonl = site.page("data/speeches.jsonl");
    assert!(jsonl.ends_with('\n'));
    let records: Vec<Value> = jsonl
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    assert_eq!(
        records.len(),
        SPEECHES.len(),
        "the draft is not there:\n{jsonl}"
    );
    for (record, s) in records.iter().zip(&SPEECHES) {
        let object = record.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort();
        let mut expected_keys: Vec<&str> = COLUMNS.to_vec();
        expected_keys.push("text");
        let mut sorted = expected_keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "every field is there, and no other");
        // Fields come in the documented order in the file itself.
        let order: Vec<usize> = expected_keys
            .iter()
            .map(|key| {
                jsonl
                    .lines()
                    .find(|l| l.contains(&format!("\"slug\":\"{}\"", s.slug)))
                    .unwrap()
                    .find(&format!("\"{key}\":"))
                    .unwrap()
            })
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");

        let text = |key: &str| record[key].as_str().unwrap().to_string();
        let texts = |key: &str| -> Vec<String> {
            record[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        let expected = cells(s);
        for (i, column) in COLUMNS.iter().enumerate() {
            match *column {
                "year" => assert_eq!(record["year"].as_i64(), Some(s.year)),
                "char_count" => assert!(record["char_count"].as_u64().unwrap() > 0),
                "themes" => assert_eq!(texts("themes"), s.themes, "{}", s.file),
                "tags" => assert_eq!(texts("tags"), s.tags, "{}", s.file),
                _ => assert_eq!(text(column), expected[i], "{column} of {}", s.file),
            }
        }
        assert_eq!(text("text"), s.text, "{}", s.file);
    }
    assert!(!jsonl.contains("草稿"));
}

#[test]
fn the_csv_holds_the_same_metadata_and_opens_in_excel() {
    let site = site();
    site.build(&[]).success();
    let bytes = fs::read(site.out().join("data/speeches.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte-order mark for Excel"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let rows = parse_csv(&text);
    assert_eq!(rows[0], COLUMNS);
    assert_eq!(rows.len(), SPEECHES.len() + 1, "{text}");
    for (row, s) in rows[1..].iter().zip(&SPEECHES) {
        let mut expected = cells(s);
        expected[16] = row[16].clone();
        assert!(row[16].parse::<usize>().unwrap() > 0);
        assert_eq!(*row, expected, "{}", s.file);
    }
    assert!(!text.contains("草稿"));
}

#[test]
fn each_speech_has_a_plain_text_with_its_metadata() {
    let site = site();
    site.build(&[]).success();
    assert_eq!(
        site.page("data/text/a.txt"),
        "关于\"维权\",工作的讲话\n\n\
         讲话人：王凯\n职务：市总工会主席\n日期：2014年4月28日\n场合：全市工会工作会议\n\
         地点：孝感市\n主办单位：孝感市总工会\n专题：维权、基层建设\n标签：工会、维权\n\
         来源：https://example.org/a?x=1&y=2\n网址：https://example.org/archive/speeches/a/\n\n\
         同志们：\n\n一、认真学习\n\n今天我们召开会议。\n\n第二段</script>。\n"
    );
    assert_eq!(
        site.page("data/text/b.txt"),
        "讲话 <b>\"引号\"</b> & 符号 </script>\n\n职务：县委领导\n日期：2020年\n\
         网址：https://example.org/archive/speeches/b/\n\n\
         各位代表：\n\n今年的工作，\"引号\"、逗号,和分号;都要照原样。\n"
    );
    let texts = util::files_under(&site.out().join("data/text"));
    assert_eq!(texts, ["a.txt", "b.txt", "c.txt"]);
    // The speech page links its text; the home page links the two files.
    let page = site.page("speeches/a/index.html");
    assert!(page.contains("href=\"/archive/data/text/a.txt\""), "{page}");
    let home = site.page("index.html");
    assert!(home.contains("href=\"/archive/data/speeches.jsonl\""));
    assert!(home.contains("href=\"/archive/data/speeches.csv\""));
}

#[test]
fn drafts_stay_out_of_the_data_even_when_they_are_published() {
    let site = site();
    site.build(&["--drafts"]).success();
    assert!(
        site.exists("speeches/draft/index.html"),
        "--drafts publishes the page"
    );
    let jsonl = site.page("data/speeches.jsonl");
    assert_eq!(jsonl.lines().count(), SPEECHES.len());
    assert!(!jsonl.contains("草稿") && !site.page("data/speeches.csv").contains("草稿"));
    assert!(!site.exists("data/text/draft.txt"));
    let page = site.page("speeches/draft/index.html");
    assert!(
        !page.contains("data/text/"),
        "no link to a text that is not there"
    );
}

#[test]
fn a_site_can_do_without_the_data_download() {
    let site = site();
    let config = read_text(&site.root, "site.toml");
    fs::write(
        site.root.join("site.toml"),
        format!("{config}data = false\n"),
    )
    .unwrap();
    site.build(&[]).success();
    assert!(!site.exists("data"));
    assert!(!site.page("index.html").contains("speeches.jsonl"));
    assert!(!site.page("speeches/a/index.html").contains("data/text/"));
}
