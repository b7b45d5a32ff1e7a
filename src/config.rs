//! `site.toml`: the site's settings and the themes speeches may be filed under.

use crate::t;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{line_column, Diagnostic};
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::slug;

pub const CONFIG_FILE: &str = "site.toml";
/// The search index keeps a speech's themes as bits of one 32-bit number.
pub const MAX_THEMES: usize = 32;

/// One theme (专题) a speech can be filed under.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub description: String,
    /// Words that suggest this theme when importing a speech.
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// The site configuration, with defaults that work for an empty `site.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    #[serde(default = "default_title")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// Raw HTML inside Markdown is shown as text unless the site allows it.
    #[serde(default)]
    pub allow_html: bool,
    /// Whether to write the client-side search index and page.
    #[serde(default = "default_true")]
    pub search: bool,
    /// Whether to write the data download (`data/`: every speech as JSON Lines
    /// and CSV, and as plain text).
    #[serde(default = "default_true")]
    pub data: bool,
    #[serde(default = "default_themes")]
    pub themes: Vec<Theme>,
}

fn default_title() -> String {
    "讲话稿档案".to_string()
}
fn default_base_url() -> String {
    "/".to_string()
}
fn default_language() -> String {
    "zh-CN".to_string()
}
fn default_theme() -> String {
    "default".to_string()
}
fn default_page_size() -> usize {
    20
}
fn default_true() -> bool {
    true
}

pub fn default_themes() -> Vec<Theme> {
    let theme = |name: &str, slug: &str, description: &str, keywords: &[&str]| Theme {
        name: name.to_string(),
        slug: slug.to_string(),
        description: description.to_string(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
    };
    vec![
        theme(
            "维权",
            "weiquan",
            "维护职工合法权益，协调劳动关系。",
            &[
                "维权",
                "权益",
                "劳动关系",
                "劳动合同",
                "欠薪",
                "帮扶",
                "困难职工",
            ],
        ),
        theme(
            "基层建设",
            "jiceng-jianshe",
            "加强基层组织建设，夯实工作基础。",
            &["基层", "组织建设", "建会", "入会", "基层组织", "阵地建设"],
        ),
        theme(
            "劳动竞赛",
            "laodong-jingsai",
            "开展劳动竞赛和技能比武，弘扬劳模精神。",
            &["劳动竞赛", "技能竞赛", "技术比武", "劳模", "工匠", "技能"],
        ),
    ]
}

impl Default for Site {
    fn default() -> Self {
        toml::from_str("").expect("an empty site.toml uses defaults")
    }
}

impl Site {
    /// The fingerprint of the whole configuration: what the memos of `lectern
    /// serve` check before they take anything over.
    pub fn fingerprint(&self) -> Fingerprint {
        let mut f = Fingerprinter::new("site");
        f.value(self);
        f.finish()
    }

    /// Reads `site.toml` from the site root. A missing file means all defaults.
    pub fn load(root: &Path) -> Result<Site, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !root.join("content").is_dir() {
                    return Err(vec![Diagnostic::error(t!(
                        "site-not-a-site",
                        root = root,
                        config = CONFIG_FILE
                    ))
                    .help(t!("site-not-a-site-help"))]);
                }
                String::new()
            }
            Err(e) => {
                return Err(vec![Diagnostic::error(t!("cannot-read", error = e))
                    .in_file(&path)
                    .help(t!("registry-unreadable-help"))])
            }
        };
        Self::parse(&text, &path)
    }

    /// Reads `site.toml` and reports every problem in it at once: each setting
    /// and each theme is read on its own, so one bad value does not hide the next.
    pub fn parse(text: &str, path: &Path) -> Result<Site, Vec<Diagnostic>> {
        let at = |offset: usize, d: Diagnostic| {
            let (line, column) = line_column(text, offset);
            d.in_file(path).at(line, Some(column))
        };
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let d = Diagnostic::error(t!("toml-syntax", detail = e.message().trim()))
                .help(t!("site-reference-help"));
            vec![match e.span() {
                Some(span) => at(span.start, d),
                None => d.in_file(path),
            }]
        })?;
        let layout = Layout::of(text);
        let mut problems = Vec::new();
        let mut good = toml::Table::new();
        for (key, value) in table {
            let single = toml::Table::from_iter([(key.clone(), value.clone())]);
            let problem = match toml::Value::Table(single).try_into::<Site>() {
                Ok(_) => Vec::new(),
                Err(_) if key == "themes" && value.is_array() => theme_problems(&value, &layout),
                Err(e) => vec![(
                    layout.key(&key, None),
                    t!("toml-syntax", detail = e.message().trim()),
                )],
            };
            if problem.is_empty() {
                good.insert(key, value);
            }
            for (offset, message) in problem {
                problems.push(at(
                    offset,
                    Diagnostic::error(message).help(t!("site-reference-help")),
                ));
            }
        }
        let site: Site = toml::Value::Table(good)
            .try_into()
            .expect("every setting was read on its own");
        problems.extend(site.validate(text, path));
        if problems.is_empty() {
            Ok(site)
        } else {
            Err(problems)
        }
    }

    fn validate(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut error = |message: String, needle: &str, help: String| {
            let mut d = Diagnostic::error(message).in_file(path).help(help);
            if let Some(offset) = text.find(needle) {
                let (line, column) = line_column(text, offset);
                d = d.at(line, Some(column));
            }
            problems.push(d);
        };
        if self.page_size == 0 {
            error(
                t!("site-page-size-zero"),
                "page_size",
                t!("site-page-size-zero-help"),
            );
        }
        if let Err(why) = parse_base_path(&self.base_url) {
            error(
                t!(
                    "site-base-url-invalid",
                    url = format!("{:?}", self.base_url),
                    why = why
                ),
                "base_url",
                t!("site-base-url-invalid-help"),
            );
        }
        if self.themes.len() > MAX_THEMES {
            error(
                t!(
                    "site-too-many-themes",
                    count = self.themes.len(),
                    most = MAX_THEMES
                ),
                "[[themes]]",
                t!("site-too-many-themes-help"),
            );
        }
        for (i, theme) in self.themes.iter().enumerate() {
            if theme.name.trim().is_empty() {
                error(
                    t!("site-theme-empty-name"),
                    "[[themes]]",
                    t!("site-theme-empty-name-help"),
                );
            }
            if !slug::is_valid(&theme.slug) {
                error(
                    t!(
                        "site-theme-slug-invalid",
                        theme = format!("{:?}", theme.name),
                        slug = format!("{:?}", theme.slug)
                    ),
                    &format!("slug = \"{}\"", theme.slug),
                    t!("site-theme-slug-invalid-help"),
                );
            }
            for earlier in &self.themes[..i] {
                if earlier.name == theme.name || earlier.slug == theme.slug {
                    error(
                        t!(
                            "site-themes-share",
                            first = format!("{:?}", earlier.name),
                            second = format!("{:?}", theme.name)
                        ),
                        &format!("\"{}\"", theme.slug),
                        t!("site-themes-share-help"),
                    );
                }
            }
        }
        problems
    }

    /// Replaces the base URL (`--base-url`), checked like the one in `site.toml`.
    pub fn override_base_url(&mut self, base_url: &str) -> Result<(), Diagnostic> {
        parse_base_path(base_url).map_err(|why| {
            Diagnostic::error(t!(
                "flag-base-url-invalid",
                url = format!("{base_url:?}"),
                why = why
            ))
            .help(t!("flag-base-url-invalid-help"))
        })?;
        self.base_url = base_url.to_string();
        Ok(())
    }

    /// A warning when the base URL is only a path (`/`, `/archive/`): the feeds
    /// and the sitemap, which every site has, need absolute links, and readers
    /// and search engines reject theirs. `from_flag` when `--base-url` gave it;
    /// otherwise it is placed at `base_url` in the site's `site.toml`.
    pub fn relative_base_url_warning(&self, root: &Path, from_flag: bool) -> Option<Diagnostic> {
        let url = self.base_url.trim();
        if url.starts_with("https://") || url.starts_with("http://") {
            return None;
        }
        let quoted = format!("{url:?}");
        if from_flag {
            return Some(
                Diagnostic::warning(t!("flag-base-url-relative", url = quoted))
                    .help(t!("flag-base-url-relative-help")),
            );
        }
        let path = root.join(CONFIG_FILE);
        let help = t!("site-base-url-relative-help");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let offset = Layout::of(&text).key("base_url", None);
        let d = if text[offset..].starts_with("base_url") {
            let (line, column) = line_column(&text, offset);
            Diagnostic::warning(t!("site-base-url-relative", url = quoted)).at(line, Some(column))
        } else {
            Diagnostic::warning(t!("site-base-url-unset", url = quoted))
        };
        Some(d.in_file(path).help(help))
    }

    /// The path prefix every link starts with: `/` or `/archive/` for a sub-path deploy.
    pub fn base_path(&self) -> String {
        parse_base_path(&self.base_url).unwrap_or_else(|_| "/".to_string())
    }

    /// The absolute address of the site, ending in `/`, used in feeds and the sitemap.
    pub fn base_url(&self) -> String {
        let mut url = self.base_url.trim().to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        url
    }

    pub fn theme_by_name(&self, name: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.name == name)
    }

    pub fn theme_names(&self) -> String {
        self.themes
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// Extracts the path part of a base URL (`https://example.org/archive` → `/archive/`).
fn parse_base_path(base_url: &str) -> Result<String, String> {
    let url = base_url.trim();
    let path = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        if rest.is_empty() || rest.starts_with('/') {
            return Err(t!("url-no-host"));
        }
        rest.find('/').map_or("/", |i| &rest[i..])
    } else if url.starts_with('/') {
        url
    } else {
        return Err(t!("url-bad-start"));
    };
    if path.contains(['?', '#', ' ']) {
        return Err(t!("url-query-or-space"));
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok(path)
}

/// Each `[[themes]]` entry read on its own, with the place of each problem.
fn theme_problems(themes: &toml::Value, layout: &Layout) -> Vec<(usize, String)> {
    let Some(entries) = themes.as_array() else {
        return Vec::new();
    };
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            let error = entry.clone().try_into::<Theme>().err()?;
            let message = error.message().trim().to_string();
            let place = layout.key(message.split('`').nth(1).unwrap_or_default(), Some(i));
            // serde names an unknown key in backquotes: `place` points at it if it is there.
            Some((
                place,
                t!("site-theme-problem", number = i + 1, detail = message),
            ))
        })
        .collect()
}

/// Where the settings of `site.toml` are: top-level keys, and each `[[themes]]`
/// block, as byte offsets, for messages. A plain scan, which is enough for the
/// file's flat shape; a key it cannot find is reported at its block's start.
struct Layout<'a> {
    text: &'a str,
    /// Byte ranges: the top level first, then one per `[[themes]]` block.
    blocks: Vec<(usize, usize)>,
}

impl<'a> Layout<'a> {
    fn of(text: &'a str) -> Layout<'a> {
        // (start, end, is a theme block); the top level is the first.
        let mut found = vec![(0, text.len(), false)];
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let header = line.trim();
            if header.starts_with('[') {
                if let Some(last) = found.last_mut() {
                    last.1 = offset;
                }
                found.push((offset, text.len(), header.starts_with("[[themes]]")));
            }
            offset += line.len();
        }
        let top = (found[0].0, found[0].1);
        let themes = found[1..].iter().filter(|b| b.2).map(|b| (b.0, b.1));
        Layout {
            text,
            blocks: std::iter::once(top).chain(themes).collect(),
        }
    }

    /// The offset of `key` in the top level (`theme: None`) or in the theme
    /// block of that number.
    fn key(&self, key: &str, theme: Option<usize>) -> usize {
        let (start, end) = match theme {
            None => self.blocks[0],
            Some(i) => match self.blocks.get(i + 1) {
                Some(block) => *block,
                // Themes written as an inline array: the `themes` key itself.
                None => return self.key("themes", None),
            },
        };
        let mut offset = start;
        for line in self.text[start..end].split_inclusive('\n') {
            let indent = line.len() - line.trim_start().len();
            let rest = line.trim_start();
            let is_key = !key.is_empty()
                && rest
                    .strip_prefix(key)
                    .is_some_and(|after| after.trim_start().starts_with('='));
            if is_key {
                return offset + indent;
            }
            offset += line.len();
        }
        start
    }
}

/// The folders of a site, all derived from its root.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    pub content: PathBuf,
    pub templates: PathBuf,
    pub static_files: PathBuf,
    pub themes: PathBuf,
    pub output: PathBuf,
}

impl Paths {
    pub fn new(root: &Path, output: Option<&Path>) -> Paths {
        let output = match output {
            Some(out) if out.is_absolute() => out.to_path_buf(),
            Some(out) => std::env::current_dir()
                .map(|cwd| cwd.join(out))
                .unwrap_or_else(|_| out.to_path_buf()),
            None => root.join("public"),
        };
        Paths {
            root: root.to_path_buf(),
            content: root.join("content"),
            templates: root.join("templates"),
            static_files: root.join("static"),
            themes: root.join("themes"),
            output,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_uses_the_three_default_themes() {
        let site = Site::parse("", Path::new("site.toml")).unwrap();
        let names: Vec<_> = site.themes.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["维权", "基层建设", "劳动竞赛"]);
        assert_eq!(site.language, "zh-CN");
        assert_eq!(site.base_path(), "/");
    }

    #[test]
    fn base_path_follows_a_sub_path_deploy() {
        assert_eq!(
            parse_base_path("https://example.org/archive").unwrap(),
            "/archive/"
        );
        assert_eq!(parse_base_path("https://example.org").unwrap(), "/");
        assert!(parse_base_path("example.org").is_err());
    }

    #[test]
    fn unknown_keys_are_reported_with_their_line() {
        let errors =
            Site::parse("title = \"x\"\ntitel = \"y\"\n", Path::new("site.toml")).unwrap_err();
        assert_eq!(errors[0].line, Some(2));
        assert!(errors[0].message.contains("titel"), "{}", errors[0].message);
    }

    #[test]
    fn every_problem_of_site_toml_is_reported_at_once_with_line_and_column() {
        let text = "title = 3\npage_size = \"many\"\n  titel = \"y\"\n\n[[themes]]\nname = \"维权\"\nslug = \"weiquan\"\n\n[[themes]]\nname = \"基层\"\nslgu = \"jiceng\"\n";
        let errors = Site::parse(text, Path::new("site.toml")).unwrap_err();
        let places: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
        let mut expected = vec![
            (Some(1), Some(1)),
            (Some(2), Some(1)),
            (Some(3), Some(3)),
            (Some(11), Some(1)),
        ];
        expected.sort();
        let mut sorted = places.clone();
        sorted.sort();
        assert_eq!(sorted, expected, "{errors:#?}");
        assert!(errors.iter().any(|e| e.message.contains("titel")));
        assert!(errors.iter().any(|e| e.message.contains("slgu")));
    }

    #[test]
    fn bad_theme_slugs_are_rejected() {
        let text = "[[themes]]\nname = \"维权\"\nslug = \"wei quan\"\n";
        let errors = Site::parse(text, Path::new("site.toml")).unwrap_err();
        assert_eq!(errors[0].line, Some(3));
    }
}
