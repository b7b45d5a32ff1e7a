//! Writing speeches: the file name (date + a short pinyin form of the title), the
//! TOML front matter, a hash of the text to recognise speeches already in the
//! archive, and a write that never leaves half a file behind.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jieba_rs::Jieba;
use walkdir::WalkDir;

use super::docx::SavedPicture;
use super::sheet::{self, Field};
use super::{FromSheet, Info, PICTURE_FOLDER};
use crate::dates;
use crate::slug;
use crate::speech::PartialDate;
use crate::t;

/// The title part of a file name has about this many syllables.
const TITLE_SYLLABLES: usize = 6;
/// … and never more than this, so that a word is not cut in half.
const MAX_TITLE_SYLLABLES: usize = 8;

/// Words that say nothing about which speech it is.
const FILLER_WORDS: &[&str] = &[
    "的",
    "在",
    "上",
    "关于",
    "和",
    "与",
    "及",
    "之",
    "中华人民共和国",
];

/// The file name without `.md`: `2024-03-05-guo-wu-yuan-zheng-fu-gong-zuo`, or
/// `undated-…` when the date is not known.
pub fn file_stem(date: Option<&PartialDate>, title: &str, jieba: &Jieba) -> String {
    let title_part = short_title(title, jieba);
    let date_part = date.map_or_else(|| "undated".to_string(), PartialDate::iso);
    if title_part.is_empty() {
        format!("{date_part}-speech")
    } else {
        format!("{date_part}-{title_part}")
    }
}

/// A short ASCII form of a title: its pinyin, without the leading year (the date
/// says it), without filler words, cut at a word boundary after about six syllables.
pub fn short_title(title: &str, jieba: &Jieba) -> String {
    let mut text = title.trim();
    if let Some((_, len)) = dates::date_at(text) {
        text = text[len..].trim_start();
    }
    // `X会议关于Y的决议`: Y says what it is; the meeting is in `occasion`.
    if let Some(at) = text.find("关于") {
        if at > 0 && !text.starts_with('在') && text.len() > at + "关于".len() {
            text = &text[at + "关于".len()..];
        }
    }
    let text = without_brackets(text).replace("中华人民共和国", "");
    let mut syllables: Vec<String> = Vec::new();
    for token in jieba.cut(&text, false) {
        let word = token.word.trim();
        if word.is_empty() || FILLER_WORDS.contains(&word) {
            continue;
        }
        let slug = slug::slugify(word);
        if slug.is_empty() {
            continue;
        }
        let parts: Vec<String> = slug.split('-').map(str::to_string).collect();
        let total = syllables.len() + parts.len();
        if syllables.is_empty() && parts.len() > MAX_TITLE_SYLLABLES {
            syllables.extend(parts.into_iter().take(TITLE_SYLLABLES));
            break;
        }
        let fits = total <= TITLE_SYLLABLES
            || (syllables.len() < TITLE_SYLLABLES && total <= MAX_TITLE_SYLLABLES);
        if !fits {
            break;
        }
        syllables.extend(parts);
        if syllables.len() >= TITLE_SYLLABLES {
            break;
        }
    }
    syllables.join("-")
}

/// Drops bracketed asides such as `（摘要）`, unless nothing else is left.
fn without_brackets(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if out.trim().is_empty() {
        text.to_string()
    } else {
        out
    }
}

/// A TOML basic string: quoted, with `"`, `\` and control characters escaped.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value written by an editor, in TOML.
pub fn toml_value(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => toml_string(s),
        toml::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(toml_value).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// One line of a TOML comment: no line breaks or control characters.
pub fn comment(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("# {}", clean.trim_end())
}

/// Reduces a body to its letters and digits, so that the same speech with other
/// line breaks, spaces, punctuation or Markdown marks hashes the same.
pub fn text_hash(body: &str) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    let mut buffer = [0u8; 4];
    for c in body.chars().filter(|c| c.is_alphanumeric()) {
        for lower in c.to_lowercase() {
            hasher.update(lower.encode_utf8(&mut buffer).as_bytes());
        }
    }
    hasher.finalize()
}

/// What `content/` holds already: the texts (by hash) and the URL names taken.
#[derive(Debug, Default)]
pub struct Existing {
    pub by_hash: HashMap<blake3::Hash, PathBuf>,
    /// Lower-case URL names (file stems or `slug` fields): URLs must be unique
    /// across the whole site, whatever folder a speech is in.
    pub taken: HashSet<String>,
    pub files: HashSet<PathBuf>,
}

impl Existing {
    pub fn scan(content: &Path) -> Existing {
        let mut existing = Existing::default();
        if !content.is_dir() {
            return existing;
        }
        let walker = WalkDir::new(content)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker.flatten() {
            let path = entry.path();
            let markdown = path.extension().is_some_and(|e| {
                e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")
            });
            if !entry.file_type().is_file() || !markdown {
                continue;
            }
            existing.files.insert(path.to_path_buf());
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                existing.taken.insert(url_name(stem));
            }
            let Ok(bytes) = fs::read(path) else { continue };
            let Ok(text) = crate::load::decode_utf8(&bytes) else {
                continue;
            };
            let (slug_field, body) = split_speech(text);
            if let Some(slug) = slug_field {
                existing.taken.insert(slug.to_lowercase());
            }
            existing
                .by_hash
                .entry(text_hash(body))
                .or_insert_with(|| path.to_path_buf());
        }
        existing
    }
}

/// The URL a file name takes in `lectern build`, lower-cased: two names that
/// differ only in case would clash on a case-insensitive file system.
pub fn url_name(stem: &str) -> String {
    crate::load::url_name(stem, "")
        .unwrap_or_default()
        .to_lowercase()
}

/// The `slug` field (if any) and the body of a speech file, read as `lectern
/// build` reads them.
fn split_speech(text: &str) -> (Option<String>, &str) {
    use crate::load::front_matter::{bounds, split, Value};
    match split(text) {
        Ok((front_matter, body, _)) => match front_matter.fields.get("slug") {
            Some(Value::Text(slug)) if !slug.is_empty() => (Some(slug.clone()), body),
            _ => (None, body),
        },
        // A block that cannot be parsed names no slug, but still ends where it ends.
        Err(_) => match bounds(text) {
            Some(Ok(found)) => (None, &text[found.body_start..]),
            _ => (None, text),
        },
    }
}

/// Writes a file completely or not at all: into a hidden temporary file in the
/// same folder, then moved into place. Without `replace`, an existing file is
/// never overwritten, even one that appeared since the folder was read.
pub fn write_atomic(path: &Path, contents: impl AsRef<[u8]>, replace: bool) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.lectern-tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(contents.as_ref())?;
        file.sync_all()?;
        drop(file);
        if replace {
            fs::rename(&tmp, path)
        } else {
            // A hard link fails if the name is taken: no race with another writer.
            match fs::hard_link(&tmp, path) {
                Ok(()) => fs::remove_file(&tmp),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
                Err(_) if path.exists() => Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    t!("import-file-exists"),
                )),
                Err(_) => fs::rename(&tmp, path),
            }
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Saves pictures under their content hash: one already there is the same picture.
pub fn write_pictures(root: &Path, pictures: &[SavedPicture]) -> std::io::Result<()> {
    if pictures.is_empty() {
        return Ok(());
    }
    let folder = root.join(PICTURE_FOLDER);
    std::fs::create_dir_all(&folder)?;
    for picture in pictures {
        let path = folder.join(&picture.file);
        match write_atomic(&path, &picture.bytes, false) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// The whole speech file: front matter, then the Markdown body.
pub fn speech_file(
    info: &Info,
    date: Option<PartialDate>,
    editor: &[(String, toml::Value)],
    row: Option<&sheet::Row>,
    source: &Path,
    body: &str,
) -> String {
    let mut out = String::from("+++\n");
    let has = |name: &str| editor.iter().any(|(k, _)| k == name);
    let mut tables = toml::Table::new();
    for (key, value) in editor {
        match value {
            toml::Value::Table(t) => {
                tables.insert(key.clone(), toml::Value::Table(t.clone()));
            }
            _ => out.push_str(&format!("{} = {}\n", toml_key(key), toml_value(value))),
        }
    }
    let field = |out: &mut String, name: &str, value: Option<&str>| {
        if let Some(value) = value.filter(|v| !v.is_empty() && !has(name)) {
            out.push_str(&format!("{name} = {}\n", toml_string(value)));
        }
    };
    let list = |out: &mut String, name: &str, items: &mut dyn Iterator<Item = &String>| {
        let items: Vec<String> = items.map(|item| toml_string(item)).collect();
        out.push_str(&format!("{name} = [{}]\n", items.join(", ")));
    };
    let from_row = |field: Field| row.and_then(|r| r.text(field));
    field(&mut out, "title", Some(&info.title));
    field(&mut out, "date", date.map(|d| d.iso()).as_deref());
    field(&mut out, "place", info.place.as_deref());
    field(&mut out, "speaker", info.speaker.as_deref());
    field(&mut out, "role", info.role.as_deref());
    field(&mut out, "occasion", info.occasion.as_deref());
    field(&mut out, "organization", from_row(Field::Organization));
    if !has("themes") {
        list(
            &mut out,
            "themes",
            &mut info.themes.iter().map(|(name, _)| name),
        );
    }
    if let Some(tags) = row
        .and_then(|r| r.list(Field::Tags))
        .filter(|_| !has("tags"))
    {
        list(&mut out, "tags", &mut tags.iter());
    }
    field(&mut out, "source", from_row(Field::Source));
    field(&mut out, "summary", from_row(Field::Summary));
    if info.draft {
        out.push_str("draft = true\n");
    }
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.push_str(&comment(&t!(
        "import-comment-imported",
        file = name,
        encoding = info.encoding
    )));
    out.push('\n');
    if let (Some(row), Some(FromSheet::Row { fields, .. })) = (row, &info.sheet) {
        if !fields.is_empty() {
            out.push_str(&comment(&t!(
                "import-comment-from-sheet",
                origin = row.origin,
                fields = fields.join(", ")
            )));
            out.push('\n');
        }
    }
    if info.date.as_ref().is_some_and(|d| d.source.is_guess()) {
        out.push_str(&comment(&t!("import-comment-date-guessed")));
        out.push('\n');
    }
    if info.draft {
        out.push_str(&comment(&t!("import-comment-no-date")));
        out.push('\n');
    }
    if !info.header_lines.is_empty() {
        out.push_str(&comment(&t!("import-comment-header-lines")));
        out.push('\n');
        for line in &info.header_lines {
            out.push_str(&comment(&format!("  {line}")));
            out.push('\n');
        }
    }
    // The sheet's other columns go under [extra], beside what the editor put there.
    let extra = row.map_or(&[][..], |r| r.extra.as_slice());
    let editor_extra_is_a_table = editor.iter().all(|(k, v)| k != "extra" || v.is_table());
    if !extra.is_empty() && editor_extra_is_a_table {
        if let Some(table) = tables
            .entry("extra")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
        {
            for (key, value) in extra {
                table
                    .entry(key.clone())
                    .or_insert_with(|| toml::Value::String(value.clone()));
            }
        }
    }
    if !tables.is_empty() {
        if let Ok(text) = toml::to_string(&tables) {
            out.push_str(&text);
        }
    }
    out.push_str("+++\n\n");
    out.push_str(body.trim_end());
    out.push('\n');
    out
}

/// A bare key when it is one, else a quoted key.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_stop_at_a_word() {
        let jieba = Jieba::new();
        let short = |t: &str| short_title(t, &jieba);
        assert_eq!(
            short("2024年中华人民共和国国务院政府工作报告"),
            "guo-wu-yuan-zheng-fu-gong-zuo"
        );
        assert_eq!(
            short("第十届全国人民代表大会第五次会议关于政府工作报告的决议"),
            "zheng-fu-gong-zuo-bao-gao"
        );
        assert_eq!(
            short("2025年广西政府工作报告"),
            "guang-xi-zheng-fu-gong-zuo"
        );
        assert_eq!(short("a/../b 讲话"), "a-b-jiang-hua");
        let date = PartialDate::parse("2014-04-28").unwrap();
        assert_eq!(
            file_stem(Some(&date), "在全县工会工作会议上的讲话", &jieba),
            "2014-04-28-quan-xian-gong-hui-gong-zuo"
        );
        assert_eq!(file_stem(None, "……", &jieba), "undated-speech");
    }

    #[test]
    fn toml_strings_round_trip() {
        let nasty = "标题 \"引号\" \\ 反斜杠\n换行\t制表\u{0001}";
        let doc = format!("title = {}\n", toml_string(nasty));
        let table: toml::Table = toml::from_str(&doc).unwrap();
        assert_eq!(table["title"].as_str(), Some(nasty));
    }

    #[test]
    fn hashes_ignore_layout_and_markup() {
        assert_eq!(
            text_hash("## 一、标题\n\n正文，第一段。"),
            text_hash("一、标题\n正文第一段")
        );
        assert_ne!(text_hash("正文一"), text_hash("正文二"));
    }

    #[test]
    fn the_slug_field_and_body_are_found() {
        let (slug, body) = split_speech("+++\ntitle = \"a\"\nslug = \"x-y\"\n+++\n正文\n");
        assert_eq!((slug.as_deref(), body), (Some("x-y"), "正文\n"));
        assert_eq!(split_speech("正文").1, "正文");
        // Read as the build reads it: YAML, and a line inside a multi-line
        // string that only looks like the field.
        assert_eq!(
            split_speech("---\ntitle: a\nslug: y-z\n---\n正文")
                .0
                .as_deref(),
            Some("y-z")
        );
        let quoted = "+++\ntitle = \"a\"\nsummary = \"\"\"\nslug = \"fake\"\n\"\"\"\n+++\n正文";
        assert_eq!(split_speech(quoted), (None, "正文"));
    }

    #[test]
    fn atomic_writes_do_not_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, "one", false).unwrap();
        let err = write_atomic(&path, "two", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        write_atomic(&path, "three", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "three");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary files are left");
    }
}
