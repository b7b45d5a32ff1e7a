//! `lectern check`: the whole pipeline without writing the site, and the links
//! between its pages. The site goes to a [`LinkCollector`] instead of the
//! output folder; it keeps, per page, only its anchors and its internal links.

use crate::t;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

use crate::cache::Cache;
use crate::config::Site;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::pipeline::{self, failure, BuildFailure, BuildOptions, Pass, Target, Warm, WriteSite};
use crate::sink::Sink;
use crate::urls::locations;

/// Renders the whole site without writing it, and checks every link between its
/// pages. Returns all problems found, warnings included, in a stable order.
pub fn check(options: &BuildOptions) -> Result<Vec<Diagnostic>, BuildFailure> {
    let (cache, _) = Cache::open_if_any(options.cache.as_deref());
    let mut warm = Warm::from_memory(cache.memory);
    let mut target = Checking::default();
    let ran = pipeline::run(options, &mut warm, Pass::Complete, &mut target)
        .map_err(|problems| failure(&options.root, problems))?;
    let archive = &ran.archive;
    // Which file each speech page (and page) comes from, to name it in messages.
    let speeches = archive
        .speeches
        .iter()
        .map(|s| (locations::speech(&s.slug), &s.source_path));
    let pages = archive
        .pages
        .iter()
        .map(|p| (locations::site_page(&p.slug), &p.source_path));
    let sources: BTreeMap<String, PathBuf> = speeches
        .chain(pages)
        .map(|(location, source)| (format!("{location}index.html"), source.clone()))
        .collect();
    let mut problems = ran.warnings;
    problems.extend(target.unwritten);
    if let Some(collector) = &target.collector {
        problems.extend(collector.broken_links(&sources));
    }
    // Spellings that may be one person's: worth a look, but no reason to stop a build.
    problems.extend(archive.speaker_notes.iter().cloned());
    Ok(failure(&options.root, problems).diagnostics)
}

/// Check's target: the links of every page, and what could not be rendered,
/// which does not stop the links from being checked.
#[derive(Default)]
struct Checking {
    collector: Option<LinkCollector>,
    unwritten: Vec<Diagnostic>,
}

impl Target for Checking {
    fn receive(&mut self, site: &Site, write: &mut WriteSite) -> Result<usize, Vec<Diagnostic>> {
        let collector = self.collector.insert(LinkCollector::new(site));
        match write(collector) {
            Ok(files) => Ok(files),
            Err(problems) => {
                self.unwritten = problems;
                Ok(0)
            }
        }
    }
}

/// The anchors of one page and the internal links it makes.
#[derive(Debug, Default)]
struct Page {
    ids: HashSet<String>,
    links: Vec<String>,
}

pub struct LinkCollector {
    base_path: String,
    base_url: String,
    files: Mutex<BTreeSet<String>>,
    pages: Mutex<BTreeMap<String, Page>>,
}

impl LinkCollector {
    pub fn new(site: &Site) -> LinkCollector {
        LinkCollector {
            base_path: site.base_path(),
            base_url: site.base_url(),
            files: Mutex::new(BTreeSet::new()),
            pages: Mutex::new(BTreeMap::new()),
        }
    }

    /// Every internal link that leads to no file, or to no anchor in its page.
    /// `sources` maps speech pages to their Markdown files, to name them.
    pub fn broken_links(&self, sources: &BTreeMap<String, PathBuf>) -> Vec<Diagnostic> {
        let files = self.files.lock().expect("no writer panicked");
        let pages = self.pages.lock().expect("no writer panicked");
        let mut problems = Vec::new();
        for (page_path, page) in pages.iter() {
            let mut reported = HashSet::new();
            for link in &page.links {
                let Some(problem) = self.problem(page_path, link, &files, &pages) else {
                    continue;
                };
                if !reported.insert(link) {
                    continue;
                }
                let shown = percent_decode(link);
                let mut d = Diagnostic::error(t!(
                    "check-bad-link",
                    problem = problem,
                    page = page_path,
                    link = shown
                ));
                d = match sources.get(page_path) {
                    Some(source) => d.in_file(source).help(t!("check-bad-link-help")),
                    None => d.help(t!("check-bad-link-template-help")),
                };
                problems.push(d);
            }
        }
        problems
    }

    fn problem(
        &self,
        page_path: &str,
        link: &str,
        files: &BTreeSet<String>,
        pages: &BTreeMap<String, Page>,
    ) -> Option<String> {
        let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
        let path = path.split('?').next().unwrap_or_default();
        let target = if path.is_empty() {
            page_path.to_string()
        } else {
            let rel = path.strip_prefix(&self.base_path)?;
            let rel = percent_decode(rel);
            if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else if files.contains(&rel) {
                rel
            } else {
                format!("{rel}/index.html")
            }
        };
        if !files.contains(&target) {
            return Some(t!("check-broken-link"));
        }
        let fragment = percent_decode(fragment);
        // Text fragments (`#:~:text=`) are for the browser, not anchors.
        if fragment.is_empty() || fragment.starts_with(":~:") {
            return None;
        }
        match pages.get(&target) {
            Some(page) if !page.ids.contains(&fragment) => Some(t!("check-missing-anchor")),
            _ => None,
        }
    }

    /// Keeps the links a page makes to the site itself, as root-relative paths.
    fn internal(&self, link: &str) -> Option<String> {
        let link = link.trim();
        if let Some(rest) = link.strip_prefix(&self.base_url) {
            return Some(format!("{}{rest}", self.base_path));
        }
        let has_scheme = link
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains(['/', '#', '?']));
        if has_scheme || link.starts_with("//") {
            return None;
        }
        Some(link.to_string())
    }
}

impl Sink for LinkCollector {
    fn write(&self, path: &str, _: Fingerprint, bytes: &[u8]) -> std::io::Result<()> {
        self.files
            .lock()
            .expect("no writer panicked")
            .insert(path.to_string());
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            let mut page = Page::default();
            for (name, value) in attributes(&html) {
                match name {
                    "id" => {
                        page.ids.insert(value);
                    }
                    "href" | "src" | "action" => {
                        // Relative links are resolved against the page's folder.
                        if let Some(link) = self.internal(&value) {
                            page.links.push(resolve(path, &link, &self.base_path));
                        }
                    }
                    _ => {}
                }
            }
            self.pages
                .lock()
                .expect("no writer panicked")
                .insert(path.to_string(), page);
        }
        Ok(())
    }
}

/// `name="value"` pairs of the attributes lectern's checks need, HTML-unescaped.
fn attributes(html: &str) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    for name in ["id", "href", "src", "action"] {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(at) = rest.find(&needle) {
            rest = &rest[at + needle.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push((name, unescape(&rest[..end])));
            rest = &rest[end..];
        }
    }
    found
}

fn resolve(page_path: &str, link: &str, base_path: &str) -> String {
    if link.starts_with('/') || link.starts_with('#') || link.is_empty() {
        return link.to_string();
    }
    let folder = page_path.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other),
        }
    }
    format!("{base_path}{}", parts.join("/"))
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_page_folder() {
        assert_eq!(
            resolve("speeches/a/index.html", "../b/", "/"),
            "/speeches/b/"
        );
        assert_eq!(resolve("index.html", "style.css", "/x/"), "/x/style.css");
        assert_eq!(
            resolve("speeches/a/index.html", "/speeches/c/", "/"),
            "/speeches/c/"
        );
    }

    #[test]
    fn attributes_are_found_and_unescaped() {
        let found = attributes(r#"<a href="/a/?q=1&amp;b=2" id="x">"#);
        assert!(found.contains(&("href", "/a/?q=1&b=2".to_string())));
        assert!(found.contains(&("id", "x".to_string())));
    }

    #[test]
    fn percent_encoded_chinese_anchors_decode() {
        assert_eq!(percent_decode("%E7%AC%AC%E4%B8%80"), "第一");
    }
}
