//! The fixture kit of the test suite: sites in temporary folders, running the
//! real binary, and reading what it wrote.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// Long enough for an import of the whole corpus on a busy two-core machine;
/// short enough that a hang (a symlink loop) fails the test instead of blocking CI.
const TIMEOUT: Duration = Duration::from_secs(300);

/// The checkout, for the files tests read: `tests/js/`, the theme, the workflows.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the corpora and seeds kept beside the checkout (`../shared/`).
pub fn shared(rel: &str) -> PathBuf {
    repo().join("../shared").join(rel)
}

/// The `lectern` binary this suite tests.
pub fn lectern_path() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_lectern"))
}

/// Says why `check` does not run here: a notice on a developer's machine, a
/// failure in CI or with `LECTERN_REQUIRE_BROWSER`, where every tool is installed.
#[track_caller]
pub fn skip(check: &str, missing: &str) {
    let required =
        std::env::var_os("CI").is_some() || std::env::var_os("LECTERN_REQUIRE_BROWSER").is_some();
    assert!(!required, "{check} cannot run: {missing}");
    eprintln!("NOTICE: {check} did NOT run: {missing}");
}

/// Whether `node` runs here; where it does not, `check` is skipped.
#[track_caller]
pub fn has_node(check: &str) -> bool {
    let found = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        skip(
            check,
            "`node` is not installed (apt-get install -y nodejs npm)",
        );
    }
    found
}

/// A site in a temporary folder: `<base>/site/` with `site.toml` and `content/`.
/// `base` is the folder above the root, for output folders and files outside it.
pub struct Site {
    _tmp: TempDir,
    pub base: PathBuf,
    pub root: PathBuf,
}

impl Site {
    /// A site with a title, the default themes and an empty `content/`.
    pub fn new() -> Site {
        Site::with_config("title = \"测试档案\"\n")
    }

    pub fn with_config(site_toml: &str) -> Site {
        let tmp = tempfile::tempdir().expect("create a temporary folder");
        let base = tmp.path().canonicalize().expect("canonical temp path");
        let root = base.join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("site.toml"), site_toml).unwrap();
        Site {
            _tmp: tmp,
            base,
            root,
        }
    }

    /// Writes any file under the root (parents are created).
    pub fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Site {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    /// Writes a speech with TOML front matter: `fields` are the lines between `+++`.
    pub fn speech(&self, rel: &str, fields: &str, body: &str) -> &Site {
        self.file(rel, format!("+++\n{}\n+++\n\n{body}\n", fields.trim()))
    }

    /// A valid speech with a title, a date, one theme and a short body.
    pub fn simple(&self, rel: &str, title: &str, date: &str) -> &Site {
        self.speech(
            rel,
            &format!("title = \"{title}\"\ndate = \"{date}\"\nthemes = [\"维权\"]"),
            "同志们：\n\n今天我们召开会议，研究维护职工合法权益的工作。",
        )
    }

    /// A folder beside the root for files to import.
    pub fn inbox(&self) -> PathBuf {
        let inbox = self.base.join("inbox");
        fs::create_dir_all(&inbox).unwrap();
        inbox
    }

    /// Writes a file to import into the inbox and returns its path.
    pub fn input(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.inbox().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    /// `lectern import --root <root> ARGS…`
    pub fn import<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = lectern();
        cmd.arg("import").arg("--root").arg(&self.root).args(args);
        Run::of(&mut cmd)
    }

    /// `lectern build --root <root> ARGS…`
    pub fn build(&self, args: &[&str]) -> Run {
        let mut cmd = lectern();
        cmd.arg("build").arg("--root").arg(&self.root).args(args);
        Run::of(&mut cmd)
    }

    /// `lectern build ARGS…` run inside the root, with no `--root`.
    pub fn build_in_root(&self, args: &[&str]) -> Run {
        let mut cmd = lectern();
        cmd.current_dir(&self.root).arg("build").args(args);
        Run::of(&mut cmd)
    }

    /// The default output folder.
    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    /// A written file of the default output folder, as text.
    pub fn page(&self, rel: &str) -> String {
        read_text(&self.out(), rel)
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }
}

/// The shared search vectors, `tests/search-vectors.json`.
pub fn search_vectors() -> Value {
    let path = repo().join("tests/search-vectors.json");
    let text = fs::read_to_string(&path).expect("read tests/search-vectors.json");
    serde_json::from_str(&text).expect("tests/search-vectors.json is JSON")
}

/// Writes the fixture site the search vectors describe (their `site`) under
/// `root`, so that no expectation depends on the sample `content/`.
pub fn write_vectors_site(site: &Value, root: &Path) {
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("site.toml"),
        site["site_toml"].as_str().expect("site.site_toml"),
    )
    .unwrap();
    for speech in site["speeches"].as_array().expect("site.speeches") {
        let file = root.join(speech["file"].as_str().expect("speech.file"));
        let mut text = String::from("+++\n");
        for (key, value) in speech["front"].as_object().expect("speech.front") {
            // JSON strings and arrays of strings are valid TOML values.
            text.push_str(&format!("{key} = {value}\n"));
        }
        text.push_str("+++\n\n");
        text.push_str(speech["body"].as_str().expect("speech.body"));
        if let Some(repeat) = speech.get("repeat") {
            let paragraph = repeat["paragraph"].as_str().expect("repeat.paragraph");
            for _ in 0..repeat["times"].as_u64().expect("repeat.times") {
                text.push_str("\n\n");
                text.push_str(paragraph);
            }
            if let Some(tail) = repeat.get("tail").and_then(Value::as_str) {
                text.push_str("\n\n");
                text.push_str(tail);
            }
        }
        text.push('\n');
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
}

/// The binary as a command, with a timeout.
pub fn lectern() -> Command {
    let mut cmd = Command::new(lectern_path());
    cmd.timeout(TIMEOUT);
    english(&mut cmd);
    cmd
}

/// The tests read lectern's English messages, whatever the developer's locale.
pub fn english(cmd: &mut Command) -> &mut Command {
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
}

/// Reads `dir/rel` as text, showing what was written when it is missing.
pub fn read_text(dir: &Path, rel: &str) -> String {
    match fs::read(dir.join(rel)) {
        Ok(bytes) => String::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is not UTF-8")),
        Err(e) => panic!(
            "cannot read {rel} in {}: {e}\nfiles written:\n{}",
            dir.display(),
            files_under(dir).join("\n")
        ),
    }
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(cmd: &mut Command) -> Run {
        let output = cmd.output().unwrap_or_else(|e| {
            panic!("lectern did not finish (timed out or failed to start): {e}")
        });
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(
            self.code,
            Some(0),
            "expected success; stderr:\n{}",
            self.stderr
        );
        self
    }

    /// Exit `expected`, showing both outputs when it is another.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Exit 1: the site has problems.
    #[track_caller]
    pub fn failure(&self) -> &Run {
        assert_eq!(
            self.code,
            Some(1),
            "expected exit 1; stderr:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr should mention {needle:?}; it was:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Run {
        assert!(
            !self.stderr.contains(needle),
            "stderr should not mention {needle:?}; it was:\n{}",
            self.stderr
        );
        self
    }

    /// The lines of stderr that mention `needle`, for checks on one message.
    pub fn lines_with(&self, needle: &str) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.contains(needle)).collect()
    }
}

/// Every file under `dir`, as sorted paths relative to it with `/`.
pub fn files_under(dir: &Path) -> Vec<String> {
    snapshot(dir).into_keys().collect()
}

/// Every file under `dir` with its bytes, keyed by relative path. Symbolic links
/// are recorded by their target so that a snapshot never follows them.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = fs::read_link(entry.path()).unwrap();
                out.insert(rel, format!("-> {}", target.display()).into_bytes());
            } else if kind.is_dir() {
                walk(&entry.path(), &rel, out);
            } else {
                out.insert(rel, fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// Asserts two snapshots are equal, naming the files that differ.
#[track_caller]
pub fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    let differ: Vec<_> = a
        .iter()
        .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_a.is_empty() && only_b.is_empty() && differ.is_empty(),
        "{what}: files only in the first: {only_a:?}; only in the second: {only_b:?}; with different bytes: {differ:?}"
    );
}

/// The text files (HTML, XML, CSS, JS) of an output folder, with their text.
pub fn text_files(dir: &Path) -> BTreeMap<String, String> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, _)| {
            [".html", ".xml", ".css", ".js", ".json", ".txt"]
                .iter()
                .any(|ext| path.ends_with(ext))
        })
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

/// The values of every `name="…"` attribute in an HTML or XML text.
pub fn attr_values(text: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push(after[..end].to_string());
        rest = &after[end..];
    }
    out
}

/// The text between every `<tag>` and `</tag>`.
pub fn element_texts(text: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let end = after.find(&close).unwrap_or(after.len());
        out.push(after[..end].to_string());
        rest = &after[end..];
    }
    out
}

/// Speech slugs linked from a page: `href="<base>speeches/<slug>/"`, one segment,
/// so that listing pagination (`speeches/page/2/`) is not counted.
pub fn linked_speeches(html: &str, base_path: &str) -> BTreeSet<String> {
    let prefix = format!("{base_path}speeches/");
    attr_values(html, "href")
        .into_iter()
        .filter_map(|href| {
            let slug = href.strip_prefix(&prefix)?.strip_suffix('/')?;
            (!slug.is_empty() && !slug.contains('/')).then(|| slug.to_string())
        })
        .collect()
}

/// Every page of a paginated listing: `<first>index.html`, then
/// `<first>page/2/index.html`… until one is missing. Returns (page path, HTML).
pub fn listing_pages(out: &Path, first: &str) -> Vec<(String, String)> {
    let mut pages = vec![(
        format!("{first}index.html"),
        read_text(out, &format!("{first}index.html")),
    )];
    for n in 2.. {
        let rel = format!("{first}page/{n}/index.html");
        if !out.join(&rel).is_file() {
            break;
        }
        let html = read_text(out, &rel);
        pages.push((rel, html));
    }
    pages
}

/// Escapes text the way it must appear inside HTML.
/// The folder of a speaker's (or a tag's) page below `speakers/` or `tags/`:
/// its pinyin and the hash of its name, which no other name changes.
pub fn name_slug(name: &str) -> String {
    let key = lectern::names::key(name);
    format!(
        "{}-{}",
        lectern::names::base_slug(&key),
        lectern::names::short_hash(&key)
    )
}

pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A TOML basic string, with quotes, backslashes and control characters escaped.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
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

/// Parses CSV (RFC 4180): comma-separated fields, optionally in double quotes with
/// `""` for a quote inside, quoted fields may hold commas and line breaks.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut field_started = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if !field_started => {
                in_quotes = true;
                field_started = true;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                field_started = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                field_started = false;
                records.push(std::mem::take(&mut record));
            }
            c => {
                field.push(c);
                field_started = true;
            }
        }
    }
    if field_started || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records.retain(|r| !(r.len() == 1 && r[0].is_empty()));
    records
}

#[cfg(unix)]
pub fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    let link = link.as_ref();
    fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}
