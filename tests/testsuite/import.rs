//! `lectern import` end to end: the real binary on the shared seeds and on the 103
//! government work reports (with `meta.csv` only as the expected answer), on every
//! encoding and on Word files made here, and on bad input of every kind.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use crate::util::{files_under, lectern, shared, Run, Site};

/// What `lectern import` writes and reads beside the shared `Site` helpers.
impl Site {
    /// The speech files written, relative to `content/`, sorted.
    fn speeches(&self) -> Vec<String> {
        files_under(&self.root.join("content"))
    }

    /// A speech file the import wrote, relative to `content/`.
    fn imported(&self, rel: &str) -> Speech {
        Speech::read(&self.root.join("content").join(rel))
    }
}

/// A written speech: its front matter (parsed as TOML), the raw front matter
/// (with comments) and the Markdown body.
struct Speech {
    fields: toml::Table,
    raw: String,
    body: String,
}

impl Speech {
    fn read(path: &Path) -> Speech {
        let text = fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let rest = text
            .strip_prefix("+++\n")
            .unwrap_or_else(|| panic!("{} has no TOML front matter", path.display()));
        let end = rest.find("\n+++\n").expect("closing +++");
        let raw = rest[..end + 1].to_string();
        let fields: toml::Table = toml::from_str(&raw)
            .unwrap_or_else(|e| panic!("front matter of {}: {e}\n{raw}", path.display()));
        Speech {
            fields,
            raw,
            body: rest[end + 5..].to_string(),
        }
    }

    fn text(&self, field: &str) -> Option<&str> {
        self.fields.get(field).and_then(|v| v.as_str())
    }

    fn list(&self, field: &str) -> Vec<String> {
        self.fields
            .get(field)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A minimal Word document: `word/document.xml` with the given paragraphs, each
/// `(style id, text)`; style ids are named in `word/styles.xml` the way Chinese
/// Word does (`a3` is the Title style).
fn docx(paragraphs: &[(Option<&str>, &str)]) -> Vec<u8> {
    let mut body = String::new();
    for (style, text) in paragraphs {
        body.push_str("<w:p>");
        if let Some(style) = style {
            body.push_str(&format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"));
        }
        body.push_str(&format!(
            "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            xml_text(text)
        ));
    }
    word_package(&body, &[])
}

fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const WORD_NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;

/// A Word package around a document body (WordprocessingML), with the styles
/// Chinese Word writes (ids are numbers or `a3`…, names say what they are) and
/// any further parts (numbering, notes, relationships, media).
fn word_package(body: &str, parts: &[(&str, &[u8])]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {WORD_NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {WORD_NAMESPACES}>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="a7"><w:name w:val="讲话小标题"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="character" w:styleId="a8"><w:name w:val="要点"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let standard: [(&str, &[u8]); 3] = [
        ("[Content_Types].xml", content_types.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ];
    for (name, bytes) in standard.iter().chain(parts) {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A paragraph of runs, each `(text, run properties)`, with paragraph properties.
fn word_paragraph(properties: &str, runs: &[(&str, &str)]) -> String {
    let mut out = format!("<w:p><w:pPr>{properties}</w:pPr>");
    for (text, run_properties) in runs {
        out.push_str(&format!(
            "<w:r><w:rPr>{run_properties}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            xml_text(text)
        ));
    }
    out.push_str("</w:p>");
    out
}

const SPEECH: &str = "在全县工会工作会议上的讲话\n——2014年4月28日\n县总工会主席　王建国\n同志们：\n今天召开全县工会工作会议，总结工作，部署任务。\n一、坚持服务大局\n各级工会要广泛开展劳动竞赛和技能比武，弘扬劳模精神和工匠精神。\n二、维护职工权益\n要推动企业签订劳动合同，做好困难职工帮扶，维护职工合法权益。\n谢谢大家！\n";

// ---------------------------------------------------------------------------
// Real documents
// ---------------------------------------------------------------------------

#[test]
fn the_seeds_import_with_headings_repairs_and_themes() {
    let site = Site::new();
    let run = site.import([shared("seeds")]);
    run.code(0);
    let files = site.speeches();
    assert_eq!(files.len(), 2, "{files:?}\n{}", run.stdout);

    let seed = files
        .iter()
        .map(|f| site.imported(f))
        .find(|s| s.text("title") == Some("在总工会会议上的领导讲话稿"))
        .expect("the first seed's title");
    assert!(seed.body.contains("“中国梦•劳动美”"), "bull; is repaired");
    assert!(!seed.body.contains("bull;"));
    assert!(seed
        .body
        .contains("\n## 一、认真学习系列重要精神，始终把坚持正确的政治方向作为工会的根本\n"));
    assert_eq!(seed.body.matches("\n## ").count(), 4);
    assert_eq!(seed.text("occasion"), Some("总工会会议"));
    assert!(!seed.list("themes").is_empty());
    // No date in the text: a draft, flagged for a person.
    assert_eq!(
        seed.fields.get("draft").and_then(|v| v.as_bool()),
        Some(true)
    );
    assert!(run.stdout.contains("no date found"), "{}", run.stdout);
    assert!(run.stdout.contains("UTF-8"));

    let other = files
        .iter()
        .map(|f| site.imported(f))
        .find(|s| s.text("title") == Some("工作工会会议上领导讲话"))
        .expect("the second seed's title");
    // A heading that runs on into its section: split after the first 。.
    assert!(
        other
            .body
            .contains("## 第一，坚持正确方向，切实增强工会工作使命感。\n\n去年4月28日和10月23日，"),
        "{}",
        other.body
    );

    site.build(&[]).code(0);
}

struct Meta {
    title: String,
    speaker: String,
    date: String,
}

fn read_meta() -> BTreeMap<String, Meta> {
    let csv = fs::read_to_string(shared("corpus/gov-work-reports/meta.csv")).unwrap();
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.splitn(6, ',').collect();
            (
                cols[0].to_string(),
                Meta {
                    title: cols[1].to_string(),
                    speaker: cols[2].to_string(),
                    date: cols[3].to_string(),
                },
            )
        })
        .collect()
}

#[test]
fn the_government_work_reports_import_and_build() {
    let meta = read_meta();
    assert_eq!(meta.len(), 103);
    let site = Site::new();
    let inputs: Vec<PathBuf> = meta
        .keys()
        .map(|f| shared("corpus/gov-work-reports").join(f))
        .collect();
    let run = site.import(&inputs);
    run.code(0);
    let files = site.speeches();
    assert_eq!(files.len(), 103, "every report imports\n{}", run.stdout);

    // Which input each speech came from: the comment import leaves in the front matter.
    let mut by_source: BTreeMap<String, Speech> = BTreeMap::new();
    for file in &files {
        let speech = site.imported(file);
        let source = speech
            .raw
            .lines()
            .find_map(|l| l.strip_prefix("# Imported by `lectern import` from "))
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("{file} names its source"))
            .to_string();
        by_source.insert(source, speech);
    }

    let (mut dates, mut speakers, mut speakers_known, mut wrong_speakers) = (0, 0, 0, Vec::new());
    let (mut roles, mut occasions, mut headings) = (0, 0, 0);
    let mut missed_dates = Vec::new();
    for (file, expected) in &meta {
        let speech = &by_source[file];
        assert_eq!(
            speech.text("title"),
            Some(expected.title.as_str()),
            "title of {file}"
        );
        let date = speech.text("date").unwrap_or_default();
        let matches = date == expected.date
            || (expected.date.len() == 4 && date.get(..4) == Some(expected.date.as_str()));
        if matches {
            dates += 1;
        } else {
            missed_dates.push(format!("{file}: {date} ≠ {}", expected.date));
        }
        if !expected.speaker.is_empty() {
            speakers_known += 1;
            match speech.text("speaker") {
                Some(s) if s == expected.speaker => speakers += 1,
                Some(s) => wrong_speakers.push(format!("{file}: {s} ≠ {}", expected.speaker)),
                None => {}
            }
        }
        roles += usize::from(speech.text("role").is_some());
        occasions += usize::from(speech.text("occasion").is_some());
        headings += usize::from(speech.body.contains("\n## "));
    }
    let pct = |n: usize, of: usize| n * 100 / of;
    println!(
        "gov-work-reports: dates {dates}/103 ({}%), speakers {speakers}/{speakers_known} known to meta.csv ({}%), \
         roles {roles}/103, occasions {occasions}/103, with section headings {headings}/103",
        pct(dates, 103),
        pct(speakers, speakers_known)
    );
    println!(
        "report summary:{}",
        run.stdout.rsplit("\n\n").next().unwrap_or("")
    );
    assert!(
        dates * 100 >= 90 * 103,
        "at least 90% of the dates: {dates}/103, missed {missed_dates:#?}"
    );
    // Only reports with a header line name their speaker (37 of the 78 meta.csv knows).
    assert!(
        speakers >= 35,
        "speakers recognised: {speakers}/{speakers_known}"
    );
    assert!(
        wrong_speakers.is_empty(),
        "wrong speakers: {wrong_speakers:#?}"
    );
    assert!(
        roles >= 33 && occasions >= 50,
        "roles {roles}, occasions {occasions}"
    );
    assert!(headings >= 60, "reports with section headings: {headings}");

    // A header line becomes front matter.
    let report_2024 = &by_source["0069.txt"];
    assert_eq!(report_2024.text("date"), Some("2024-03-05"));
    assert_eq!(report_2024.text("speaker"), Some("李强"));
    assert_eq!(report_2024.text("role"), Some("国务院总理"));
    assert_eq!(
        report_2024.text("occasion"),
        Some("第十四届全国人民代表大会第二次会议")
    );
    assert!(report_2024.body.contains("\n## 一、2023年工作回顾\n"));
    assert!(report_2024
        .body
        .contains("\n### （一）大力推进现代化产业体系建设，加快发展新质生产力。\n"));
    assert!(
        !report_2024.body.contains("国务院总理李"),
        "header lines leave the body"
    );
    // A year taken only from the title is flagged.
    assert!(run
        .stdout
        .contains("the date 1955 comes from the year in the title, lower confidence; check it"));

    site.build(&[]).code(0);

    // Importing the same files again finds them all in the archive.
    let again = site.import(&inputs[..5]);
    again.code(0);
    assert_eq!(
        again
            .stdout
            .matches("skipped, its text is already in")
            .count(),
        5
    );
    assert_eq!(site.speeches().len(), 103);
}

// ---------------------------------------------------------------------------
// Encodings and formats
// ---------------------------------------------------------------------------

#[test]
fn gb18030_utf16_and_bom_files_keep_their_titles() {
    let site = Site::new();
    let text = SPEECH;
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    let gb_path = site.input("gb.txt", &gb);
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            text.replace("全县", "全市")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let le_path = site.input("le.txt", &utf16le);
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(
            text.replace("全县", "全省")
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    let be_path = site.input("be.txt", &utf16be);
    let bom = [
        b"\xEF\xBB\xBF".as_slice(),
        text.replace("全县", "全区").as_bytes(),
    ]
    .concat();
    let bom_path = site.input("bom.txt", &bom);

    let run = site.import([&gb_path, &le_path, &be_path, &bom_path]);
    run.code(0);
    for encoding in [
        "GB18030",
        "UTF-16LE with BOM",
        "UTF-16BE with BOM",
        "UTF-8 with BOM",
    ] {
        assert!(
            run.stdout.contains(&format!("encoding  {encoding}")),
            "{encoding} is reported\n{}",
            run.stdout
        );
    }
    let titles: Vec<String> = site
        .speeches()
        .iter()
        .map(|f| site.imported(f).text("title").unwrap().to_string())
        .collect();
    for title in [
        "在全县工会工作会议上的讲话",
        "在全市工会工作会议上的讲话",
        "在全省工会工作会议上的讲话",
        "在全区工会工作会议上的讲话",
    ] {
        assert!(titles.iter().any(|t| t == title), "{title} in {titles:?}");
    }
    let speech = site.imported("2014-04-28-quan-xian-gong-hui-gong-zuo.md");
    assert_eq!(speech.text("date"), Some("2014-04-28"));
    assert_eq!(speech.text("speaker"), Some("王建国"));
    assert_eq!(speech.text("role"), Some("县总工会主席"));
    assert_eq!(speech.text("occasion"), Some("全县工会工作会议"));
    let themes = speech.list("themes");
    assert!(themes.contains(&"劳动竞赛".to_string()), "{themes:?}");
    assert!(speech.body.contains("## 一、坚持服务大局"));
    site.build(&[]).code(0);
}

#[test]
fn a_word_document_uses_its_title_style() {
    let site = Site::new();
    let path = site.input(
        "讲话.docx",
        docx(&[
            (None, "内部资料"),
            (Some("a3"), "在劳模表彰大会上的讲话"),
            (None, "（2015年5月1日）"),
            (None, "同志们："),
            (None, "今天我们隆重表彰劳动模范和先进工作者。"),
            (Some("2"), "学习劳模精神"),
            (None, "一、学习他们爱岗敬业的品格"),
            (None, "劳模是工人阶级的杰出代表，R&D 投入也要跟上。"),
            (None, "二、学习他们争创一流的追求"),
            (None, "要在全社会大力弘扬劳模精神、劳动精神、工匠精神。"),
        ]),
    );
    let run = site.import([&path]);
    run.code(0);
    assert!(run.stdout.contains("Word (.docx)"), "{}", run.stdout);
    let files = site.speeches();
    assert_eq!(files.len(), 1);
    assert!(files[0].starts_with("2015-05-01-lao-mo-"), "{files:?}");
    let speech = site.imported(&files[0]);
    assert_eq!(speech.text("title"), Some("在劳模表彰大会上的讲话"));
    assert_eq!(speech.text("date"), Some("2015-05-01"));
    assert_eq!(speech.text("occasion"), Some("劳模表彰大会"));
    assert!(
        speech.body.trim_start().starts_with("内部资料\n\n同志们："),
        "{}",
        speech.body
    );
    assert!(
        speech.body.contains("\n### 学习劳模精神\n"),
        "{}",
        speech.body
    );
    assert!(speech.body.contains("\n## 一、学习他们爱岗敬业的品格\n"));
    assert!(speech.body.contains("R\\&D"), "& is kept and escaped");
    site.build(&[]).code(0);
}

/// A .docx as offices write it: section numbers from Word's automatic numbering
/// (the text holds no 一、), a bold run-in heading, a long bold numbered
/// paragraph, a house heading style with an outline level, bold and italic, a
/// table with a merged cell, a footnote and a picture.
#[test]
fn a_word_document_as_offices_write_it() {
    let site = Site::new();
    let numbered =
        |level: u8| format!(r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="5"/></w:numPr>"#);
    let bold = "<w:b/>";
    let body = [
        word_paragraph(r#"<w:pStyle w:val="a3"/>"#, &[("在全市工会工作会议上的讲话", "")]),
        word_paragraph("", &[("（2023年3月8日）", "")]),
        word_paragraph("", &[("市总工会主席　王凯", "")]),
        word_paragraph("", &[("同志们：", "")]),
        format!(
            "<w:p>{}{}<w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:t>。</w:t></w:r></w:p>",
            r#"<w:r><w:t xml:space="preserve">今天召开会议，我们</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>必须</w:t></w:r>"#,
            r#"<w:r><w:rPr><w:i/></w:rPr><w:t>统一思想</w:t></w:r>"#
        ),
        word_paragraph(&numbered(0), &[("提高政治站位", "")]),
        word_paragraph(
            &numbered(1),
            &[
                ("加强思想引领。", bold),
                ("要把学习贯彻党的二十大精神作为首要政治任务。", ""),
            ],
        ),
        word_paragraph(
            &numbered(1),
            &[("做好宣传教育。", "<w:rStyle w:val=\"a8\"/>"), ("广泛宣传劳模事迹。", "")],
        ),
        word_paragraph(&numbered(0), &[("维护职工权益", "")]),
        word_paragraph("", &[("要推动企业签订劳动合同。", "")]),
        word_paragraph(
            "",
            &[(
                "三、推进基层建设，把工会组织建到新就业形态劳动者中间去，把服务送到职工身边",
                bold,
            )],
        ),
        word_paragraph(r#"<w:pStyle w:val="a7"/>"#, &[("入会工作进展", "")]),
        concat!(
            "<w:tbl>",
            "<w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2022年</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2023年</w:t></w:r></w:p></w:tc></w:tr>",
            "<w:tr><w:tc><w:p><w:r><w:t>入会职工|人数</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>1.5万</w:t></w:r></w:p></w:tc></w:tr>",
            "</w:tbl>"
        )
        .to_string(),
        r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="会议现场"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rId8"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#.to_string(),
        word_paragraph("", &[("谢谢大家！", "")]),
    ]
    .concat();
    let numbering = format!(
        r#"<w:numbering {WORD_NAMESPACES}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let footnotes = format!(
        r#"<w:footnotes {WORD_NAMESPACES}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 见《中国工会章程》第一章。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"#;
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";
    let path = site.input(
        "讲话.docx",
        word_package(
            &body,
            &[
                ("word/numbering.xml", numbering.as_bytes()),
                ("word/footnotes.xml", footnotes.as_bytes()),
                ("word/_rels/document.xml.rels", rels.as_bytes()),
                ("word/media/image1.png", png),
            ],
        ),
    );
    let run = site.import([&path]);
    run.code(0);
    let files = site.speeches();
    assert_eq!(files.len(), 1, "{files:?}");
    let speech = site.imported(&files[0]);
    assert_eq!(speech.text("date"), Some("2023-03-08"));
    assert_eq!(speech.text("speaker"), Some("王凯"));
    let expected = [
        "同志们：",
        "今天召开会议，我们**必须***统一思想*[^1]。",
        "## 一、提高政治站位",
        "### （一）加强思想引领。",
        "要把学习贯彻党的二十大精神作为首要政治任务。",
        "### （二）做好宣传教育。",
        "广泛宣传劳模事迹。",
        "## 二、维护职工权益",
        "要推动企业签订劳动合同。",
        "## 三、推进基层建设，把工会组织建到新就业形态劳动者中间去，把服务送到职工身边",
        "### 入会工作进展",
        "| 项目 | 2022年 | 2023年 |\n| --- | --- | --- |\n| 入会职工\\|人数 | 1.5万 |   |",
    ];
    let blocks: Vec<&str> = speech.body.trim().split("\n\n").collect();
    assert_eq!(&blocks[..expected.len()], expected, "{}", speech.body);
    let picture = format!("{}.png", &blake3_hex(png)[..16]);
    assert_eq!(
        blocks[expected.len()],
        format!("![会议现场](../../images/{picture})")
    );
    assert_eq!(blocks[expected.len() + 1], "谢谢大家！");
    assert_eq!(
        blocks[expected.len() + 2],
        "[^1]: 见《中国工会章程》第一章。"
    );
    assert_eq!(
        fs::read(site.root.join("static/images").join(&picture)).unwrap(),
        png
    );
    let reported = |field: &str, value: &str| {
        run.stdout.lines().any(|l| {
            l.trim_start()
                .strip_prefix(field)
                .is_some_and(|rest| rest.trim_start().starts_with(value))
        })
    };
    assert!(reported("tables", "1 ("), "{}", run.stdout);
    assert!(reported("notes", "1 ("), "{}", run.stdout);
    assert!(
        reported("pictures", "1 saved in static/images/"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&picture), "{}", run.stdout);

    site.build(&[]).code(0);
    let slug = files[0].trim_end_matches(".md");
    let page = fs::read_to_string(
        site.root
            .join("public/speeches")
            .join(slug)
            .join("index.html"),
    )
    .unwrap();
    for html in [
        "<table>",
        "<th>项目</th>",
        "<td>入会职工|人数</td>",
        "<strong>必须</strong><em>统一思想</em>",
        // A heading's text, then its § link.
        "一、提高政治站位<a class=\"anchor\"",
        "（一）加强思想引领。<a class=\"anchor\"",
        "footnote-definition",
        &format!("src=\"../../images/{picture}\""),
    ] {
        assert!(page.contains(html), "{html} is not on the page:\n{page}");
    }
    assert_eq!(
        fs::read(site.root.join("public/images").join(&picture)).unwrap(),
        png
    );
}

fn blake3_hex(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

#[test]
fn markdown_front_matter_written_by_an_editor_wins() {
    let site = Site::new();
    let path = site.input(
        "edited.md",
        "---\ntitle: 编辑定的标题\nspeaker: 张三\nthemes: [维权]\n---\n\n# 文件里的标题\n\n——2016年3月1日\n\n同志们：\n\n今天开展劳动竞赛和技能比武，表彰劳模和工匠。\n\n**加粗**保留。\n",
    );
    site.import([&path]).code(0);
    let files = site.speeches();
    assert_eq!(files.len(), 1);
    let speech = site.imported(&files[0]);
    assert_eq!(speech.text("title"), Some("编辑定的标题"));
    assert_eq!(speech.text("speaker"), Some("张三"));
    assert_eq!(
        speech.list("themes"),
        ["维权"],
        "no themes are added to the editor's"
    );
    assert!(
        speech.body.contains("**加粗**保留。"),
        "Markdown stays Markdown"
    );
    site.build(&[]).code(0);
}

// ---------------------------------------------------------------------------
// Names, duplicates, --force, --dry-run, --into
// ---------------------------------------------------------------------------

#[test]
fn same_names_get_suffixes_and_duplicates_are_skipped() {
    let site = Site::new();
    let a = site.input("a.txt", SPEECH);
    let b = site.input("b.txt", SPEECH.replace("今天召开", "今天下午召开"));
    let copy = site.input("copy.txt", SPEECH.replace('\n', "\r\n"));
    let run = site.import([&a, &b, &copy]);
    run.code(0);
    assert_eq!(
        site.speeches(),
        [
            "2014-04-28-quan-xian-gong-hui-gong-zuo-2.md",
            "2014-04-28-quan-xian-gong-hui-gong-zuo.md"
        ]
    );
    assert!(run
        .stdout
        .contains("copy.txt: skipped, its text is already in"));

    // An existing file is not overwritten without --force…
    let c = site.input("c.txt", SPEECH.replace("今天召开", "今天上午召开"));
    site.import([&c]).code(0);
    assert_eq!(site.speeches().len(), 3);
    assert!(site
        .speeches()
        .contains(&"2014-04-28-quan-xian-gong-hui-gong-zuo-3.md".to_string()));
    // … and with --force it replaces the file of that name.
    let d = site.input("d.txt", SPEECH.replace("今天召开", "今天晚上召开"));
    site.import([std::ffi::OsStr::new("--force"), d.as_os_str()])
        .code(0);
    assert_eq!(site.speeches().len(), 3);
    assert!(site
        .imported("2014-04-28-quan-xian-gong-hui-gong-zuo.md")
        .body
        .contains("今天晚上召开"));
    site.build(&[]).code(0);
}

#[test]
fn dry_run_writes_nothing_and_into_chooses_the_folder() {
    let site = Site::new();
    let a = site.input("a.txt", SPEECH);
    let run = site.import([std::ffi::OsStr::new("--dry-run"), a.as_os_str()]);
    run.code(0);
    assert!(
        run.stdout.contains("would write content/2014-04-28-"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Nothing was written"));
    assert!(site.speeches().is_empty());

    site.import(["--into", "content/2014", a.to_str().unwrap()])
        .code(0);
    assert_eq!(
        site.speeches(),
        ["2014/2014-04-28-quan-xian-gong-hui-gong-zuo.md"]
    );
    // The same name in another folder would be the same URL: it gets a suffix.
    let b = site.input("b.txt", SPEECH.replace("今天召开", "今天下午召开"));
    site.import([&b]).code(0);
    assert!(site
        .speeches()
        .contains(&"2014-04-28-quan-xian-gong-hui-gong-zuo-2.md".to_string()));
    site.build(&[]).code(0);
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::new();
    let a = site.input("a.txt", SPEECH);
    for into in [
        "../elsewhere",
        "content/../..",
        "/tmp",
        "static",
        "content/.hidden",
    ] {
        let run = site.import(["--into", into, a.to_str().unwrap()]);
        run.code(2);
        assert!(run.stderr.contains("--into"), "{}", run.stderr);
    }
    site.import(Vec::<String>::new()).code(2);
    let mut cmd = lectern();
    cmd.arg("import").arg("--root").arg(site.inbox()).arg(&a);
    let run = Run::of(&mut cmd);
    run.code(2);
    assert!(run.stderr.contains("not a site folder"), "{}", run.stderr);
    assert!(site.speeches().is_empty());
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

#[test]
fn bad_files_are_named_and_nothing_half_written() {
    let site = Site::new();
    let good = site.input("good.txt", SPEECH);
    let png = site.input("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let nul = site.input("binary.txt", b"abc\0\0\0def");
    let empty = site.input("empty.txt", b"");
    let blank = site.input("blank.txt", "  \n\u{3000}\n\n");
    let title_only = site.input("title-only.txt", "只有标题\n");
    let not_zip = site.input("fake.docx", "这不是 Word 文件");
    let no_text = site.input("blank.docx", docx(&[(None, "  "), (None, "")]));
    let doc = site.input("old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest");
    let huge = site.inbox().join("huge.txt");
    fs::File::create(&huge)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let missing = site.inbox().join("missing.txt");
    let bad_title = site.input(
        "slash.txt",
        "../../etc/passwd 讲话/上\n——2019年5月1日\n同志们：\n正文。\n",
    );

    let run = site.import([
        &good,
        &png,
        &nul,
        &empty,
        &blank,
        &title_only,
        &not_zip,
        &no_text,
        &doc,
        &huge,
        &missing,
        &bad_title,
    ]);
    run.code(1);
    let out = &run.stdout;
    let expect = |file: &str, words: &str| {
        let line = out
            .lines()
            .find(|l| l.starts_with("✗") && l.contains(file))
            .unwrap_or_else(|| panic!("{file} fails\n{out}"));
        assert!(line.contains(words), "{file}: {line}");
    };
    expect("image.txt", "PNG image");
    expect("binary.txt", "this is not a text file");
    expect("empty.txt", "empty");
    expect("blank.txt", "no text");
    expect("title-only.txt", "no text under it");
    expect("fake.docx", "not a zip archive");
    expect("blank.docx", "no text");
    expect("old.doc", "cannot read .doc");
    assert!(
        run.stdout.contains("soffice --headless --convert-to docx")
            || run.stderr.contains("soffice --headless --convert-to docx"),
        "the report says how to convert a .doc:\n{}",
        run.stdout
    );
    expect("huge.txt", "up to 20 MB");
    expect("missing.txt", "no such file");
    // Errors also go to stderr, with the file and a hint.
    assert!(run.stderr.contains("huge.txt"), "{}", run.stderr);
    assert!(run.stderr.contains("help:"));

    // The good file and the odd title were written, safely named; nothing else,
    // and no temporary files were left.
    let files = site.speeches();
    assert_eq!(files.len(), 2, "{files:?}");
    let odd = files
        .iter()
        .find(|f| f.starts_with("2019-05-01-"))
        .expect("the title with / and .. imports");
    assert!(
        odd.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
        "{odd}"
    );
    assert_eq!(
        site.imported(odd).text("title"),
        Some("../../etc/passwd 讲话/上")
    );
    assert!(out.contains("the title contains “/”"), "{out}");
    assert!(files_under(&site.root)
        .iter()
        .all(|p| !p.contains("lectern-tmp")));
    site.build(&[]).code(0);
}

#[test]
fn a_folder_of_many_files_imports_without_a_progress_bar_off_a_terminal() {
    let site = Site::new();
    let folder = site.inbox().join("archive");
    for i in 0..1500 {
        let sub = folder.join(format!("{:02}", i / 100));
        fs::create_dir_all(&sub).unwrap();
        fs::write(
            sub.join(format!("{i:04}.txt")),
            format!(
                "第{i}次工作会议上的讲话\n（2020年1月{}日）\n同志们：\n这是第{i}篇讲话的正文。\n",
                i % 28 + 1
            ),
        )
        .unwrap();
    }
    fs::write(folder.join("notes.csv"), "a,b\n").unwrap();
    fs::write(folder.join(".hidden.txt"), "隐藏\n正文\n").unwrap();
    let run = site.import([&folder]);
    run.code(0);
    assert_eq!(site.speeches().len(), 1500);
    assert!(
        run.stdout
            .contains("Imported 1500 files into content/ (1 other file ignored)"),
        "{}",
        run.stdout.rsplit("\n\n").next().unwrap()
    );
    assert!(
        !run.stderr.contains('█') && !run.stderr.contains("files  "),
        "{}",
        run.stderr
    );
}

/// The header forms of published speeches, each with what import must find.
/// `None` means the field must be left out (not certain, or not there).
struct HeaderCase {
    name: &'static str,
    text: &'static str,
    date: Option<&'static str>,
    speaker: Option<&'static str>,
    role: Option<&'static str>,
    occasion: Option<&'static str>,
    place: Option<&'static str>,
}

impl HeaderCase {
    /// The file: the case's text, with a last paragraph of its own so that no two
    /// cases are duplicates of each other.
    fn source(&self) -> String {
        format!("{}本篇用于测试“{}”。\n", self.text, self.name)
    }
}

const HEADER_CASES: &[HeaderCase] = &[
    HeaderCase {
        name: "paren-date-line",
        text: "高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗\n——在中国共产党第二十次全国代表大会上的报告\n（2022年10月16日）\n习近平\n同志们：\n现在，我代表第十九届中央委员会向大会作报告。\n",
        date: Some("2022-10-16"),
        speaker: Some("习近平"),
        role: None,
        occasion: Some("中国共产党第二十次全国代表大会"),
        place: None,
    },
    HeaderCase {
        name: "paren-date-place",
        text: "习近平：携手构建公正合理的全球治理体系\n(2024年11月18日，里约热内卢)\n尊敬的卢拉总统，\n很高兴来到里约热内卢。\n",
        date: Some("2024-11-18"),
        speaker: Some("习近平"),
        role: None,
        occasion: None,
        place: Some("里约热内卢"),
    },
    HeaderCase {
        name: "dash-date-occasion",
        text: "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n各位代表：\n现在，我代表国务院，向大会报告政府工作。\n",
        date: Some("2024-03-05"),
        speaker: Some("李强"),
        role: Some("国务院总理"),
        occasion: Some("第十四届全国人民代表大会第二次会议"),
        place: None,
    },
    HeaderCase {
        name: "date-alone-place-role",
        text: "在亚太经合组织第三十一次领导人非正式会议上的讲话\n2024年11月16日，利马\n中华人民共和国主席　习近平\n尊敬的博鲁阿尔特总统，\n正文。\n",
        date: Some("2024-11-16"),
        speaker: Some("习近平"),
        role: Some("中华人民共和国主席"),
        occasion: Some("亚太经合组织第三十一次领导人非正式会议"),
        place: Some("利马"),
    },
    HeaderCase {
        name: "dotted-date",
        text: "在全市工会工作会议上的讲话\n2022.10.16\n市总工会主席　王凯\n同志们：\n正文。\n",
        date: Some("2022-10-16"),
        speaker: Some("王凯"),
        role: Some("市总工会主席"),
        occasion: Some("全市工会工作会议"),
        place: None,
    },
    HeaderCase {
        name: "hyphen-date",
        text: "在全市工会工作会议上的讲话\n2022-10-16\n同志们：\n正文。\n",
        date: Some("2022-10-16"),
        speaker: None,
        role: None,
        occasion: Some("全市工会工作会议"),
        place: None,
    },
    HeaderCase {
        name: "slash-date",
        text: "在全市工会工作会议上的讲话\n2022/10/16\n同志们：\n正文。\n",
        date: Some("2022-10-16"),
        speaker: None,
        role: None,
        occasion: Some("全市工会工作会议"),
        place: None,
    },
    HeaderCase {
        name: "month-only",
        text: "在全市工会工作会议上的讲话\n（2022年10月）\n同志们：\n正文。\n",
        date: Some("2022-10"),
        speaker: None,
        role: None,
        occasion: Some("全市工会工作会议"),
        place: None,
    },
    HeaderCase {
        name: "han-numerals",
        text: "在全县工作会议上的讲话\n二〇二二年十月十六日\n同志们：\n正文。\n",
        date: Some("2022-10-16"),
        speaker: None,
        role: None,
        occasion: Some("全县工作会议"),
        place: None,
    },
    HeaderCase {
        name: "han-ring-zero-year",
        text: "在全县工作会议上的讲话\n二○二二年\n同志们：\n正文。\n",
        date: Some("2022"),
        speaker: None,
        role: None,
        occasion: Some("全县工作会议"),
        place: None,
    },
    HeaderCase {
        name: "han-ling-month",
        text: "在全县工作会议上的讲话\n二零二二年十月\n同志们：\n正文。\n",
        date: Some("2022-10"),
        speaker: None,
        role: None,
        occasion: Some("全县工作会议"),
        place: None,
    },
    HeaderCase {
        name: "packed-title",
        text: "在二〇二三年春节团拜会上的讲话（2023年1月20日）习近平\n同志们，朋友们：\n再过两天，就是农历癸卯年春节了。\n",
        date: Some("2023-01-20"),
        speaker: Some("习近平"),
        role: None,
        occasion: Some("二〇二三年春节团拜会"),
        place: None,
    },
    HeaderCase {
        name: "comrade-title",
        text: "王凯同志在全市工会工作会议上的讲话\n（2014年4月28日）\n同志们：\n正文。\n",
        date: Some("2014-04-28"),
        speaker: Some("王凯"),
        role: None,
        occasion: Some("全市工会工作会议"),
        place: None,
    },
    HeaderCase {
        name: "local-time-with-header-year",
        text: "在2024年二十国集团领导人峰会上的讲话\n当地时间11月18日上午，里约热内卢\n中华人民共和国主席　习近平\n尊敬的卢拉总统，\n正文。\n",
        date: Some("2024-11-18"),
        speaker: Some("习近平"),
        role: Some("中华人民共和国主席"),
        occasion: Some("2024年二十国集团领导人峰会"),
        place: Some("里约热内卢"),
    },
    HeaderCase {
        name: "local-time-without-a-year",
        text: "在二十国集团领导人峰会上的讲话\n当地时间11月18日\n尊敬的卢拉总统，\n正文。\n",
        date: None,
        speaker: None,
        role: None,
        occasion: Some("二十国集团领导人峰会"),
        place: None,
    },
    HeaderCase {
        name: "two-years-in-the-title",
        text: "纪念2014年和2015年两次大会的讲话\n同志们：\n正文。\n",
        date: None,
        speaker: None,
        role: None,
        occasion: None,
        place: None,
    },
    HeaderCase {
        name: "no-date",
        text: "无日期的讲话\n同志们：\n正文说到2019年的工作。\n",
        date: None,
        speaker: None,
        role: None,
        occasion: None,
        place: None,
    },
];

#[test]
fn header_forms_of_published_speeches() {
    let site = Site::new();
    for case in HEADER_CASES {
        site.input(&format!("{}.txt", case.name), case.source());
    }
    let run = site.import([&site.inbox()]);
    run.code(0);
    for case in HEADER_CASES {
        let written: Vec<String> = site
            .speeches()
            .into_iter()
            .filter(|f| {
                fs::read_to_string(site.root.join("content").join(f))
                    .unwrap()
                    .contains(&format!("from {}.txt", case.name))
            })
            .collect();
        assert_eq!(written.len(), 1, "{}: {written:?}", case.name);
        let speech = site.imported(&written[0]);
        let name = case.name;
        assert_eq!(
            speech.text("date"),
            case.date,
            "{name} date\n{}",
            speech.raw
        );
        assert_eq!(
            speech.text("speaker"),
            case.speaker,
            "{name} speaker\n{}",
            speech.raw
        );
        assert_eq!(
            speech.text("role"),
            case.role,
            "{name} role\n{}",
            speech.raw
        );
        assert_eq!(
            speech.text("occasion"),
            case.occasion,
            "{name} occasion\n{}",
            speech.raw
        );
        assert_eq!(
            speech.text("place"),
            case.place,
            "{name} place\n{}",
            speech.raw
        );
        // Header lines that became fields left the body.
        for line in case.text.lines().skip(1).take(3) {
            if speech.raw.contains(&format!("#   {line}")) {
                assert!(
                    !speech.body.contains(line),
                    "{name}: {line} stayed in the body"
                );
                assert!(
                    run.stdout.contains(&format!("“{line}”")),
                    "{name}: report lists {line}"
                );
            }
        }
        if case.date.is_none() {
            assert_eq!(
                speech.fields.get("draft").and_then(|v| v.as_bool()),
                Some(true),
                "{name}"
            );
        }
    }
    // The undated drafts are listed by the build as work to finish, not errors.
    let build = site.build(&[]);
    build.code(0);
    assert_eq!(
        build.stderr.matches("a draft to finish").count(),
        3,
        "{}",
        build.stderr
    );
}

/// Digits of a year as the text may write them, in ASCII.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '〇' | '○' | '零' | 'Ｏ' => '0',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap(),
            _ => "一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .map_or(c, |i| char::from_digit(i as u32 + 1, 10).unwrap()),
        })
        .collect()
}

/// A month or a day in Han numerals: 十, 十六, 二十, 三十一.
fn han_small(n: u8) -> String {
    let digit = |d: u8| "一二三四五六七八九".chars().nth(d as usize - 1).unwrap();
    match (n / 10, n % 10) {
        (0, u) => digit(u).to_string(),
        (1, 0) => "十".to_string(),
        (1, u) => format!("十{}", digit(u)),
        (t, 0) => format!("{}十", digit(t)),
        (t, u) => format!("{}十{}", digit(t), digit(u)),
    }
}

/// Whether every part of an imported ISO date is written in the source.
fn date_is_in(source: &str, iso: &str) -> bool {
    let digits = ascii_digits(source);
    let parts: Vec<&str> = iso.split('-').collect();
    if !digits.contains(parts[0]) {
        return false;
    }
    parts[1..].iter().zip(["月", "日"]).all(|(part, mark)| {
        let n: u8 = part.parse().unwrap();
        [
            format!("{n}{mark}"),
            format!("{part}{mark}"),
            format!("{}{mark}", han_small(n)),
        ]
        .iter()
        .any(|form| source.contains(form.as_str()))
            || [
                format!("-{part}"),
                format!(".{n}"),
                format!("/{n}"),
                format!(".{part}"),
                format!("/{part}"),
            ]
            .iter()
            .any(|form| source.contains(form.as_str()))
    })
}

#[test]
fn no_imported_date_is_absent_from_its_source() {
    let site = Site::new();
    let mut sources = BTreeMap::new();
    for case in HEADER_CASES {
        sources.insert(format!("{}.txt", case.name), case.source());
    }
    // The laws corpus too, when it is there: real texts full of dates.
    let laws = shared("corpus/laws");
    if let Ok(entries) = fs::read_dir(&laws) {
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths.into_iter().take(200) {
            if path.extension().is_some_and(|e| e == "txt") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                sources.insert(name, fs::read_to_string(&path).unwrap());
            }
        }
    }
    for (name, text) in &sources {
        site.input(name, text);
    }
    site.import([&site.inbox()]);
    let mut checked = 0;
    for file in site.speeches() {
        let raw = fs::read_to_string(site.root.join("content").join(&file)).unwrap();
        let Some(source) = sources
            .iter()
            .find(|(name, _)| raw.contains(&format!("from {name} (")))
            .map(|(_, text)| text)
        else {
            continue;
        };
        let speech = site.imported(&file);
        if let Some(date) = speech.text("date") {
            assert!(
                date_is_in(source, date),
                "{file}: date {date} is not in its source"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= HEADER_CASES.len() - 3,
        "only {checked} dates checked"
    );
}

#[cfg(unix)]
#[test]
fn into_a_link_that_leads_out_of_content_is_refused() {
    let site = Site::new();
    let a = site.input("a.txt", SPEECH);
    let outside = site.inbox().join("outside");
    fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("content/escape")).unwrap();
    for into in ["content/escape", "content/escape/2024"] {
        let run = site.import(["--into", into, a.to_str().unwrap()]);
        run.code(2);
        assert!(
            run.stderr.contains("leads out of content/"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        fs::read_dir(&outside).unwrap().count(),
        0,
        "nothing written outside"
    );
    // A link that stays inside content/ is a folder like any other.
    fs::create_dir_all(site.root.join("content/2024")).unwrap();
    std::os::unix::fs::symlink(
        site.root.join("content/2024"),
        site.root.join("content/this-year"),
    )
    .unwrap();
    site.import(["--into", "content/this-year", a.to_str().unwrap()])
        .code(0);
    assert_eq!(
        fs::read_dir(site.root.join("content/2024"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn a_multi_line_string_with_a_delimiter_line_is_kept_whole() {
    let site = Site::new();
    let md = site.input(
        "note.md",
        "+++\ntitle = \"在全县工会工作会议上的讲话\"\ndate = \"2014-04-28\"\nsummary = \"\"\"\n第一行\n+++\n第二行\"\"\"\n+++\n\n同志们：\n\n今天召开会议。\n",
    );
    site.import([&md]).code(0);
    let files = site.speeches();
    let speech = site.imported(&files[0]);
    assert_eq!(speech.text("summary"), Some("第一行\n+++\n第二行"));
    assert!(!speech.body.contains("第二行"), "{}", speech.body);
    assert!(speech.body.contains("今天召开会议。"));
    site.build(&[]).code(0);
}

#[test]
fn utf16_without_a_bom_and_binary_files_are_told_apart() {
    let site = Site::new();
    let text =
        "在全县工会工作会议上的讲话\n（2014年4月28日）\n同志们：\n今天召开会议，总结工作。\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let utf16 = site.input("utf16.txt", &le);
    let mut binary: Vec<u8> = b"\x00\x01\x02\x03garbage".to_vec();
    binary.extend((0..2000u32).map(|i| (i.wrapping_mul(2654435761) >> 11) as u8));
    let fake_md = site.input("fake.md", &binary);
    let run = site.import([&utf16, &fake_md]);
    run.code(1);
    assert!(run.stdout.contains("UTF-16LE"), "{}", run.stdout);
    let speech = site.imported(&site.speeches()[0]);
    assert_eq!(speech.text("title"), Some("在全县工会工作会议上的讲话"));
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("this is not a text file"), "{all}");

    // The build names a UTF-16 speech's encoding, and a binary .md as not text.
    fs::write(site.root.join("content/utf16.md"), {
        let md = format!("+++\ntitle = \"讲话\"\ndate = \"2014\"\n+++\n\n{text}");
        md.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>()
    })
    .unwrap();
    fs::write(site.root.join("content/fake.md"), &binary).unwrap();
    let build = site.build(&[]);
    build.code(1);
    assert!(build.stderr.contains("UTF-16LE"), "{}", build.stderr);
    assert!(!build.stderr.contains("GB18030"), "{}", build.stderr);
    assert!(
        build.stderr.contains("fake.md") && build.stderr.contains("this is not a text file"),
        "{}",
        build.stderr
    );
}

#[test]
fn a_traditional_text_gets_dates_and_themes() {
    let site = Site::new();
    let text = "在全縣工會工作會議上的講話\n（一九五六年四月二十八日）\n同志們：\n我們要維護職工權益，關心職工生活。各級工會都要維護職工的權益，處理好勞動關係。\n";
    let path = site.input("traditional.txt", text);
    site.import([&path]).code(0);
    let speech = site.imported(&site.speeches()[0]);
    assert_eq!(speech.text("date"), Some("1956-04-28"));
    assert_eq!(speech.text("occasion"), Some("全縣工會工作會議"));
    assert!(
        speech.list("themes").contains(&"维权".to_string()),
        "{}",
        speech.raw
    );
    // The text itself keeps its script.
    assert!(speech.body.contains("維護職工權益"));
}

// ---------------------------------------------------------------------------
// --metadata: the archivist's spreadsheet
// ---------------------------------------------------------------------------

/// `--metadata SHEET PATH…` as arguments.
fn with_sheet(sheet: &Path, paths: &[&Path]) -> Vec<std::ffi::OsString> {
    let mut args = vec!["--metadata".into(), sheet.as_os_str().to_owned()];
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    args
}

/// The speech imported from `source` (named in its "Imported … from" comment).
fn speech_from(site: &Site, source: &str) -> Speech {
    let comment = format!("from {source} (");
    site.speeches()
        .iter()
        .map(|f| site.imported(f))
        .find(|s| s.raw.contains(&comment))
        .unwrap_or_else(|| panic!("no speech imported from {source}: {:?}", site.speeches()))
}

/// The report block of one input: its ✓/✗ line and the indented lines under it.
fn report_of<'a>(stdout: &'a str, input: &str) -> Vec<&'a str> {
    let mut lines = stdout
        .lines()
        .skip_while(|l| !((l.starts_with('✓') || l.starts_with('✗')) && l.contains(input)));
    let Some(first) = lines.next() else {
        panic!("{input} is not in the report\n{stdout}");
    };
    std::iter::once(first)
        .chain(lines.take_while(|l| l.starts_with("    ")))
        .collect()
}

#[test]
fn a_gb18030_sheet_with_chinese_headers_fills_the_fields() {
    let site = Site::new();
    // The text says 4月29日 and 王建国; the sheet's row is the archivist's record.
    site.input("讲话/a.txt", SPEECH.replace("4月28日", "4月29日"));
    // A Word file in a subfolder, named by its path from the sheet's folder.
    site.input(
        "讲话/2015/b.docx",
        docx(&[
            (None, "在劳模表彰大会上的讲话"),
            (None, "同志们："),
            (None, "今天我们隆重表彰劳动模范和先进工作者。"),
        ]),
    );
    // A text without a title line: the title is only in the sheet.
    site.input(
        "讲话/c.txt",
        "同志们：\n今天我们召开座谈会，研究困难职工帮扶和劳动合同的工作。\n",
    );
    // An invalid date cell: the file is not imported.
    site.input(
        "讲话/d.txt",
        "在基层建设会议上的讲话\n同志们：\n要加强基层组织建设。\n",
    );
    // Its own front matter wins over the sheet.
    site.input(
        "讲话/e.md",
        "+++\ntitle = \"编辑定的标题\"\nspeaker = \"张三\"\n+++\n\n同志们：\n\n要做好职工的维权工作。\n",
    );
    // No row names it.
    site.input(
        "讲话/f.txt",
        "在工会干部培训班上的讲话\n——2016年5月6日\n同志们：\n今天开班。\n",
    );
    let sheet_text = "\
文件名,标题,日期,讲话人,职务,场合,地点,专题,备注
a.txt,,2014年4月28日,王建国,县总工会主席,,县委礼堂,\"维权、劳动竞赛\",第一卷第3号
2015/b.docx,,二〇一五年四月三十日,李四,市总工会主席,劳模表彰大会,,劳动竞赛,
c,座谈会上的讲话,2015/6/1,王五,,职工座谈会,,,
d.txt,,2016/2/30,,,,,,
e.md,,2017-01-01,李四,,,,,
没有这个文件.docx,不存在的讲话,2014-01-01,,,,,,
";
    let (gb, _, _) = encoding_rs::GB18030.encode(sheet_text);
    let sheet = site.input("讲话/目录.csv", &gb);

    let run = site.import(with_sheet(&sheet, &[&site.inbox().join("讲话")]));
    run.code(1);
    let out = &run.stdout;
    assert!(
        out.contains("Metadata sheet ") && out.contains("(GB18030)"),
        "{out}"
    );

    let a = speech_from(&site, "a.txt");
    assert_eq!(a.text("title"), Some("在全县工会工作会议上的讲话"));
    assert_eq!(
        a.text("date"),
        Some("2014-04-28"),
        "the sheet wins over the text"
    );
    assert_eq!(a.text("speaker"), Some("王建国"));
    assert_eq!(a.text("role"), Some("县总工会主席"));
    assert_eq!(a.text("place"), Some("县委礼堂"));
    assert_eq!(a.list("themes"), ["维权", "劳动竞赛"]);
    assert_eq!(
        a.fields["extra"]["备注"].as_str(),
        Some("第一卷第3号"),
        "other columns are kept under [extra]\n{}",
        a.raw
    );
    assert!(a.fields.get("draft").is_none());
    let a_report = report_of(out, "a.txt").join("\n");
    assert!(
        a_report.contains("date 2014-04-29 → 2014-04-28"),
        "{a_report}"
    );

    let b = speech_from(&site, "b.docx");
    assert_eq!(b.text("date"), Some("2015-04-30"));
    assert_eq!(b.text("speaker"), Some("李四"));
    assert_eq!(b.text("occasion"), Some("劳模表彰大会"));
    assert!(b.fields.get("draft").is_none(), "a sheet date publishes it");

    let c = speech_from(&site, "c.txt");
    assert_eq!(c.text("title"), Some("座谈会上的讲话"));
    assert_eq!(c.text("date"), Some("2015-06-01"));
    assert_eq!(c.text("occasion"), Some("职工座谈会"));
    assert!(
        c.body.trim_start().starts_with("同志们："),
        "no text is lost: {}",
        c.body
    );

    // The invalid date names the sheet, its line and column; nothing was written for d.txt.
    let d_line = out
        .lines()
        .find(|l| l.starts_with("✗") && l.contains("d.txt"))
        .unwrap_or_else(|| panic!("d.txt fails\n{out}"));
    assert!(
        d_line.contains("line 5 of 目录.csv, column C (日期)") && d_line.contains("2016/2/30"),
        "{d_line}"
    );
    assert!(run.stderr.contains("目录.csv:5:3:"), "{}", run.stderr);
    assert!(
        !site.speeches().iter().any(|f| f.contains("ji-ceng")),
        "{:?}",
        site.speeches()
    );

    let e = speech_from(&site, "e.md");
    assert_eq!(e.text("title"), Some("编辑定的标题"));
    assert_eq!(
        e.text("speaker"),
        Some("张三"),
        "the file's own front matter wins"
    );
    assert_eq!(
        e.text("date"),
        Some("2017-01-01"),
        "fields it lacks come from the sheet"
    );
    let e_report = report_of(out, "e.md").join("\n");
    assert!(
        e_report.contains("speaker “张三”") && e_report.contains("“李四”"),
        "the disagreement is reported\n{e_report}"
    );

    let f = speech_from(&site, "f.txt");
    assert_eq!(
        f.text("date"),
        Some("2016-05-06"),
        "a file without a row keeps its own fields"
    );
    assert!(
        out.contains("no row    ") && out.contains("f.txt: no line of the sheet names it"),
        "{out}"
    );
    assert!(
        out.contains("line 7: “没有这个文件.docx” is none of the files given"),
        "a row whose file is missing is reported with its line\n{out}"
    );
    assert!(
        out.contains("5 of 6 rows used; 1 names no file given; 1 imported file has no row"),
        "{out}"
    );
    site.build(&[]).code(0);

    // The corrected sheet imports d.txt with its date; the rest are skipped as imported.
    let fixed = sheet_text.replace("2016/2/30", "2016/2/29");
    let (gb, _, _) = encoding_rs::GB18030.encode(&fixed);
    fs::write(&sheet, &gb).unwrap();
    let before = site.speeches().len();
    let run = site.import(with_sheet(&sheet, &[&site.inbox().join("讲话")]));
    run.code(0);
    assert_eq!(site.speeches().len(), before + 1, "{}", run.stdout);
    assert_eq!(speech_from(&site, "d.txt").text("date"), Some("2016-02-29"));
    site.build(&[]).code(0);
}

#[test]
fn a_utf8_bom_sheet_with_english_headers_and_excel_dates() {
    let site = Site::new();
    let a = site.input("a.txt", SPEECH);
    let b = site.input(
        "b.txt",
        "关于困难职工帮扶的讲话\n同志们：\n要做好困难职工帮扶，维护职工合法权益。\n",
    );
    // Excel's CSV UTF-8: a BOM, CRLF, a time of day in date cells, quoted cells with commas and line breaks.
    let sheet = site.input(
        "list.csv",
        [
            b"\xEF\xBB\xBF".as_slice(),
            " File ,Title,DATE,Speaker,Tags,Summary,Source,Organization\r\n\
             a,,2014/4/28 0:00,,\"工会, 会议\",,,\r\n\
             b.TXT,\"关于困难职工\r\n帮扶的讲话\",2014/5/6 0:00,赵六,帮扶；困难职工,\"第一段。\r\n第二段。\",《工会文选》,县总工会\r\n"
                .as_bytes(),
        ]
        .concat(),
    );
    let run = site.import(with_sheet(&sheet, &[&a, &b]));
    run.code(0);
    assert!(run.stdout.contains("(UTF-8 with BOM)"), "{}", run.stdout);

    let a = speech_from(&site, "a.txt");
    assert_eq!(a.text("date"), Some("2014-04-28"));
    assert_eq!(a.list("tags"), ["工会", "会议"]);
    assert_eq!(
        a.text("speaker"),
        Some("王建国"),
        "empty cells leave what the text says"
    );

    let b = speech_from(&site, "b.txt");
    assert_eq!(b.text("title"), Some("关于困难职工帮扶的讲话"));
    assert_eq!(b.text("date"), Some("2014-05-06"));
    assert_eq!(b.text("speaker"), Some("赵六"));
    assert_eq!(b.list("tags"), ["帮扶", "困难职工"]);
    assert_eq!(b.text("summary"), Some("第一段。\n第二段。"));
    assert_eq!(b.text("source"), Some("《工会文选》"));
    assert_eq!(b.text("organization"), Some("县总工会"));
    assert!(
        b.raw
            .contains("# From line 3 of list.csv: title, date, speaker"),
        "{}",
        b.raw
    );
    site.build(&[]).code(0);
}

#[test]
fn excel_unicode_text_is_read_as_tab_separated_utf16() {
    let site = Site::new();
    let a = site.input("a.txt", SPEECH);
    // Excel's “Unicode 文本”: UTF-16LE with a BOM, tab-separated, named .txt.
    let text = "文件\t讲话人\t职务\r\na.txt\t王建国\t县总工会主席, 党组书记\r\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let sheet = site.input("目录.txt", &utf16);
    site.import(with_sheet(&sheet, &[&a])).code(0);
    let speech = speech_from(&site, "a.txt");
    assert_eq!(speech.text("role"), Some("县总工会主席, 党组书记"));
}

#[test]
fn a_broken_sheet_stops_the_import_before_anything_is_written() {
    let site = Site::new();
    let a = site.input("a.txt", SPEECH);
    let no_file_column = site.input("no-file.csv", "标题,日期\n讲话,2014-04-28\n");
    let workbook = site.input("list.xlsx", b"PK\x03\x04rest of a zip");
    let twice = site.input("twice.csv", "文件,讲话人,发言人\na.txt,王,李\n");
    let missing = site.inbox().join("missing.csv");
    for (sheet, words) in [
        (&no_file_column, "no `file` column"),
        (&workbook, "not a CSV file"),
        (&twice, "both give the speaker"),
        (&missing, "no such file"),
    ] {
        let run = site.import(with_sheet(sheet, &[&a]));
        run.code(1);
        assert!(run.stderr.contains(words), "{words}\n{}", run.stderr);
        assert!(
            run.stderr.contains("Nothing was imported"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("help:"), "{}", run.stderr);
        assert!(site.speeches().is_empty(), "{:?}", site.speeches());
    }
    assert!(
        site.import(with_sheet(&workbook, &[&a]))
            .stderr
            .contains("另存为"),
        "the message says how to save the sheet as CSV"
    );
}
