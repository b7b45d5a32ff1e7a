//! The site's design: the Tera templates, UI strings and static files of the
//! theme folder it names (`theme` in `site.toml`). "Theme" in the code means
//! only a 专题; this is the look.
//!
//! Templates are layered: the built-in default theme, then the site's
//! `themes/<name>/templates/`, then the site's own `templates/`, each replacing
//! same-named files of the layer below, so a site can override one template.

use crate::t;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{include_dir, Dir};
use tera::Tera;
use walkdir::WalkDir;

use crate::config::{Paths, Site};
use crate::diagnostic::Diagnostic;
use crate::fingerprint::{Fingerprint, Fingerprinter};

/// The default theme, compiled in so that a site without `themes/` still builds.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A static file to copy into the output: where it goes and its bytes.
pub(crate) type StaticFile = (String, Vec<u8>);

pub(crate) struct Design {
    pub tera: Arc<Tera>,
    /// Per template, the fingerprint of its source and of all templates it uses.
    template_fingerprints: HashMap<String, Fingerprint>,
    /// UI strings in the site's language, exposed to templates as `t`.
    pub strings: BTreeMap<String, String>,
    pub static_files: Vec<StaticFile>,
}

/// The last templates compiled, by the fingerprint of their sources: `lectern
/// serve` keeps them, so that a rebuild after an edit to a speech does not parse
/// every template again.
#[derive(Default)]
pub(crate) struct Compiled(Option<(Fingerprint, Arc<Tera>)>);

impl Compiled {
    fn get_or_compile(
        &mut self,
        templates: &BTreeMap<String, (PathBuf, String)>,
    ) -> Result<Arc<Tera>, Diagnostic> {
        let sources = {
            let mut f = Fingerprinter::new("templates");
            f.value(templates);
            f.finish()
        };
        match &self.0 {
            Some((known, tera)) if *known == sources => Ok(Arc::clone(tera)),
            _ => {
                let tera = Arc::new(compile(templates)?);
                self.0 = Some((sources, Arc::clone(&tera)));
                Ok(tera)
            }
        }
    }
}

impl Design {
    pub(crate) fn load(
        site: &Site,
        paths: &Paths,
        compiled: Option<&mut Compiled>,
    ) -> Result<Design, Vec<Diagnostic>> {
        let theme_dir = paths.themes.join(&site.theme);
        let on_disk = theme_dir.is_dir();
        if !on_disk && site.theme != "default" {
            return Err(vec![Diagnostic::error(t!(
                "theme-not-installed",
                theme = format!("{:?}", site.theme),
                folder = theme_dir
            ))
            .in_file(paths.root.join(crate::config::CONFIG_FILE))
            .help(t!("theme-not-installed-help"))]);
        }
        let mut problems = Vec::new();
        // name → (source path for messages, text)
        let mut templates: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        for file in DEFAULT_THEME
            .get_dir("templates")
            .map(|d| d.files().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            let name = file.path().strip_prefix("templates").unwrap_or(file.path());
            if let Some(text) = file.contents_utf8() {
                templates.insert(
                    name.to_string_lossy().into_owned(),
                    (
                        Path::new("<built-in default theme>").join(file.path()),
                        text.to_string(),
                    ),
                );
            }
        }
        let mut layers = vec![];
        if on_disk {
            layers.push(theme_dir.join("templates"));
        }
        layers.push(paths.templates.clone());
        for layer in layers {
            for (name, path) in files_under(&layer) {
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        templates.insert(name, (path, text));
                    }
                    Err(e) => problems.push(
                        Diagnostic::error(t!("template-unreadable", error = e.to_string()))
                            .in_file(&path)
                            .help(t!("template-unreadable-help")),
                    ),
                }
            }
        }

        let tera = match compiled {
            Some(compiled) => compiled.get_or_compile(&templates),
            None => compile(&templates).map(Arc::new),
        }
        .map_err(|e| vec![e])?;
        let template_fingerprints = template_fingerprints(&templates);
        let strings = strings(site, on_disk.then_some(theme_dir.as_path()), &mut problems);
        let static_files = if on_disk {
            read_static(&theme_dir.join("static"), &mut problems)
        } else {
            DEFAULT_THEME
                .get_dir("static")
                .map(|dir| embedded_files(dir, "static"))
                .unwrap_or_default()
        };
        if problems.is_empty() {
            Ok(Design {
                tera,
                template_fingerprints,
                strings,
                static_files,
            })
        } else {
            Err(problems)
        }
    }

    pub(crate) fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// What a page rendered with `name` depends on among the templates: editing
    /// a template changes the fingerprint of exactly the pages that use it.
    pub(crate) fn template_fingerprint(&self, name: &str) -> Fingerprint {
        self.template_fingerprints
            .get(name)
            .copied()
            .unwrap_or_else(|| Fingerprint::of_bytes(name.as_bytes()))
    }

    pub(crate) fn string<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }
}

/// Fingerprints every template together with the templates it extends, includes
/// or imports, directly or not.
fn template_fingerprints(
    templates: &BTreeMap<String, (PathBuf, String)>,
) -> HashMap<String, Fingerprint> {
    let uses: HashMap<&str, Vec<String>> = templates
        .iter()
        .map(|(name, (_, text))| (name.as_str(), used_templates(text)))
        .collect();
    templates
        .keys()
        .map(|name| {
            let mut closure = BTreeSet::new();
            let mut pending = vec![name.clone()];
            while let Some(next) = pending.pop() {
                if closure.insert(next.clone()) {
                    pending.extend(uses.get(next.as_str()).into_iter().flatten().cloned());
                }
            }
            let mut fingerprint = Fingerprinter::new("templates");
            for used in &closure {
                fingerprint.bytes(used.as_bytes());
                if let Some((_, text)) = templates.get(used) {
                    fingerprint.bytes(text.as_bytes());
                }
            }
            (name.clone(), fingerprint.finish())
        })
        .collect()
}

/// The names a template refers to in `{% extends %}`, `{% include %}` and
/// `{% import %}` tags. Tera accepts only string literals there, so the quoted
/// strings of those tags are exactly the templates used.
fn used_templates(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in text.split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or_default();
        let body = tag.trim_start_matches('-').trim_start();
        let keyword = body.split_whitespace().next().unwrap_or_default();
        if !matches!(keyword, "extends" | "include" | "import") {
            continue;
        }
        let mut rest = &body[keyword.len()..];
        while let Some(open) = rest.find(['"', '\'', '`']) {
            let quote = rest[open..].chars().next().unwrap_or('"');
            let after = &rest[open + 1..];
            let Some(close) = after.find(quote) else {
                break;
            };
            names.push(after[..close].to_string());
            rest = &after[close + 1..];
        }
    }
    names
}

fn compile(templates: &BTreeMap<String, (PathBuf, String)>) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(escape_html);
    // Parse one at a time first, so a syntax error names its file.
    for (name, (path, text)) in templates {
        if let Err(e) = Tera::default().add_raw_template(name, text) {
            let chain = error_chain(&e);
            if !chain.contains("doesn't exist or isn't loaded") {
                return Err(template_error(path, &chain));
            }
        }
    }
    tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str())),
    )
    .map_err(|e| {
        Diagnostic::error(t!("templates-do-not-fit", detail = error_chain(&e)))
            .help(t!("templates-do-not-fit-help"))
    })?;
    Ok(tera)
}

/// Escapes what HTML and XML need escaped. Tera's default also escapes `/`, which
/// is legal but bloats every URL into `&#x2F;`.
fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn template_error(path: &Path, chain: &str) -> Diagnostic {
    let line = chain
        .split("-->")
        .nth(1)
        .and_then(|rest| rest.trim().split(':').next())
        .and_then(|n| n.trim().parse().ok());
    let mut d = Diagnostic::error(t!("template-syntax", detail = chain))
        .in_file(path)
        .help(t!("template-syntax-help"));
    if let Some(line) = line {
        d = d.at(line, None);
    }
    d
}

/// Tera wraps the useful message in layers of context: show all of them.
pub(crate) fn error_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

/// The UI strings: the built-in ones for the language, overlaid by the theme's.
/// A language falls back to its main part (`zh-TW` → `zh`) and then to zh-CN.
fn strings(
    site: &Site,
    theme_dir: Option<&Path>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let candidates = language_candidates(&site.language);
    let mut strings = BTreeMap::new();
    if let Some(file) = candidates
        .iter()
        .find_map(|lang| DEFAULT_THEME.get_file(format!("i18n/{lang}.toml")))
    {
        let text = file.contents_utf8().unwrap_or_default();
        strings = toml::from_str(text).expect("the built-in UI strings are valid TOML");
    }
    if let Some(dir) = theme_dir {
        if let Some(path) = candidates
            .iter()
            .map(|lang| dir.join("i18n").join(format!("{lang}.toml")))
            .find(|p| p.is_file())
        {
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    toml::from_str::<BTreeMap<String, String>>(&text).map_err(|e| e.to_string())
                });
            match parsed {
                Ok(theme_strings) => strings.extend(theme_strings),
                Err(e) => problems.push(
                    Diagnostic::error(t!("ui-strings-unreadable", error = e.to_string()))
                        .in_file(&path)
                        .help(t!("ui-strings-unreadable-help")),
                ),
            }
        }
    }
    strings
}

fn language_candidates(language: &str) -> Vec<String> {
    let mut out = vec![language.to_string()];
    if let Some((main, _)) = language.split_once('-') {
        out.push(main.to_string());
    }
    if language.starts_with("zh") {
        out.push("zh-CN".to_string());
    } else {
        out.push("en".to_string());
    }
    out
}

/// Files under a folder as (path relative to it with `/`, full path), sorted.
pub(crate) fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((rel, e.into_path()))
        })
        .collect()
}

pub(crate) fn read_static(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<StaticFile> {
    files_under(dir)
        .into_iter()
        .filter_map(|(rel, path)| match std::fs::read(&path) {
            Ok(bytes) => Some((rel, bytes)),
            Err(e) => {
                problems.push(Diagnostic::error(t!("static-unreadable", error = e)).in_file(&path));
                None
            }
        })
        .collect()
}

fn embedded_files(dir: &Dir<'static>, prefix: &str) -> Vec<StaticFile> {
    let mut out = Vec::new();
    for file in dir.files() {
        let rel = file.path().strip_prefix(prefix).unwrap_or(file.path());
        out.push((
            rel.to_string_lossy().replace('\\', "/"),
            file.contents().to_vec(),
        ));
    }
    for sub in dir.dirs() {
        out.extend(embedded_files(sub, prefix));
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_ui_strings_parse_and_both_languages_have_the_same_keys() {
        let keys = |language: &str| -> BTreeSet<String> {
            let file = DEFAULT_THEME
                .get_file(format!("i18n/{language}.toml"))
                .expect("a built-in language");
            let strings: BTreeMap<String, String> =
                toml::from_str(file.contents_utf8().unwrap()).expect("valid TOML, no key twice");
            strings.into_keys().collect()
        };
        assert_eq!(keys("zh-CN"), keys("en"));
    }

    #[test]
    fn finds_the_templates_a_template_uses() {
        let text = r#"{% extends "base.html" %}{%- include 'nav.html' -%}
            {% import "macros.html" as m %}{% if x %}"not a template"{% endif %}
            {% include ["a.html", "b.html"] ignore missing %}"#;
        assert_eq!(
            used_templates(text),
            ["base.html", "nav.html", "macros.html", "a.html", "b.html"]
        );
    }

    #[test]
    fn editing_a_template_changes_the_pages_that_use_it_only() {
        let mut templates: BTreeMap<String, (PathBuf, String)> = [
            ("base.html", "<body>{% block b %}{% endblock %}</body>"),
            ("speech.html", r#"{% extends "base.html" %}"#),
            ("atom.xml", "<feed/>"),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_string(), (PathBuf::from(n), t.to_string())))
        .collect();
        let before = template_fingerprints(&templates);
        templates.get_mut("base.html").unwrap().1.push(' ');
        let after = template_fingerprints(&templates);
        assert_ne!(before["speech.html"], after["speech.html"]);
        assert_eq!(before["atom.xml"], after["atom.xml"]);
    }
}
