//! `lectern build --offline`: a copy of the site that works opened from disk
//! (`file://`, from a USB stick or a shared folder), search included. The same
//! pipeline writes it, through this sink in front of the output folder, which
//! changes only what a browser reading files needs:
//!
//! - links between pages are relative to the page and name `index.html`
//!   (a folder opened from disk shows a listing, not its index page);
//! - every search index file is also written as a script beside it
//!   (`search/i/0-0.bin.js`) that hands its bytes to the search page, which
//!   cannot `fetch` files from disk (`search.js` loads those scripts instead).

use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine;
use lol_html::{element, HtmlRewriter, Settings};

use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::search::format::is_index_file;
use crate::sink::{MakeFile, Sink};
use crate::t;

/// The attributes that hold links in HTML.
const LINK_ATTRIBUTES: [&str; 5] = ["href", "src", "action", "formaction", "poster"];

/// The global object of the search page that the index scripts put their files in.
const FILES_GLOBAL: &str = "lecternSearchFiles";

pub(crate) struct Offline<'a> {
    inner: &'a dyn Sink,
    /// The path the site's own links start with (`/`, `/archive/`).
    base_path: String,
    scripts: AtomicUsize,
}

impl<'a> Offline<'a> {
    pub(crate) fn new(inner: &'a dyn Sink, base_path: String) -> Offline<'a> {
        Offline {
            inner,
            base_path,
            scripts: AtomicUsize::new(0),
        }
    }

    /// How many index scripts were written or kept, besides the files the
    /// pipeline wrote.
    pub(crate) fn scripts(&self) -> usize {
        self.scripts.load(Ordering::Relaxed)
    }
}

/// The copy's files differ from the site's: so do their fingerprints, so that
/// an offline build never keeps a file of an online one, nor the reverse.
fn offline(fingerprint: Fingerprint, what: &str) -> Fingerprint {
    let mut f = Fingerprinter::new("offline");
    f.fingerprint(fingerprint).bytes(what.as_bytes());
    f.finish()
}

fn script_path(path: &str) -> String {
    format!("{path}.js")
}

impl Sink for Offline<'_> {
    fn keep(&self, path: &str, fingerprint: Fingerprint) -> bool {
        if !self.inner.keep(path, offline(fingerprint, "file")) {
            return false;
        }
        if !is_index_file(path) {
            return true;
        }
        let kept = self
            .inner
            .keep(&script_path(path), offline(fingerprint, "script"));
        if kept {
            self.scripts.fetch_add(1, Ordering::Relaxed);
        }
        kept
    }

    fn write(&self, path: &str, fingerprint: Fingerprint, bytes: &[u8]) -> std::io::Result<()> {
        let file = offline(fingerprint, "file");
        if path.ends_with(".html") {
            let html = relative_links(path, bytes, &self.base_path)?;
            return self.inner.write(path, file, &html);
        }
        self.inner.write(path, file, bytes)?;
        if is_index_file(path) {
            self.inner.write(
                &script_path(path),
                offline(fingerprint, "script"),
                &index_script(path, bytes),
            )?;
            self.scripts.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Pages and index files are rewritten whole; anything else streams through.
    fn write_from(
        &self,
        path: &str,
        fingerprint: Fingerprint,
        make: &mut MakeFile,
    ) -> std::io::Result<()> {
        if path.ends_with(".html") || is_index_file(path) {
            let mut bytes = Vec::new();
            make(&mut bytes)?;
            return self.write(path, fingerprint, &bytes);
        }
        self.inner
            .write_from(path, offline(fingerprint, "file"), make)
    }
}

/// A script that puts the bytes of the index file at `path` (base64) into
/// `lecternSearchFiles[path]`, where the search page takes them from.
fn index_script(path: &str, bytes: &[u8]) -> Vec<u8> {
    let key = serde_json::to_string(path).expect("a path serialises");
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("(self.{FILES_GLOBAL}=self.{FILES_GLOBAL}||{{}})[{key}]=\"{data}\";\n").into_bytes()
}

/// The page at `page` (a path in the output folder) with every link to the site
/// made relative to it, naming `index.html` where it names a folder.
fn relative_links(page: &str, html: &[u8], base_path: &str) -> std::io::Result<Vec<u8>> {
    let up = "../".repeat(page.matches('/').count());
    let selector = LINK_ATTRIBUTES.map(|a| format!("[{a}]")).join(",");
    let mut out = Vec::with_capacity(html.len() + html.len() / 16);
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .append_element_content_handler(element!(selector, |el| {
                for name in LINK_ATTRIBUTES {
                    let Some(link) = el.get_attribute(name) else {
                        continue;
                    };
                    if let Some(local) = offline_link(&link, &up, base_path) {
                        el.set_attribute(name, &local)?;
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(element!("meta[http-equiv=refresh i]", |el| {
                // `0; url=/speakers/wang-kai-1a2b3c/`: the address after `url=`.
                let Some(content) = el.get_attribute("content") else {
                    return Ok(());
                };
                let Some(at) = content.to_ascii_lowercase().find("url=") else {
                    return Ok(());
                };
                let (before, link) = content.split_at(at + "url=".len());
                if let Some(local) = offline_link(link.trim(), &up, base_path) {
                    el.set_attribute("content", &format!("{before}{local}"))?;
                }
                Ok(())
            })),
        |chunk: &[u8]| out.extend_from_slice(chunk),
    );
    rewriter
        .write(html)
        .and_then(|()| rewriter.end())
        .map_err(|e| {
            std::io::Error::other(t!(
                "offline-cannot-rewrite",
                page = page,
                error = e.to_string()
            ))
        })?;
    Ok(out)
}

/// Where `link`, on a page `up` (`../` per folder) below the site's root, leads
/// in a copy read from disk; `None` when it stays as it is (another site, an
/// anchor in the page, an address outside the site).
fn offline_link(link: &str, up: &str, base_path: &str) -> Option<String> {
    let split = link.find(['?', '#']).unwrap_or(link.len());
    let (path, rest) = link.split_at(split);
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/'));
    if path.is_empty() || has_scheme || path.starts_with("//") {
        return None;
    }
    let mut local = if path.starts_with('/') {
        let within = path
            .strip_prefix(base_path)
            .or_else(|| (format!("{path}/") == base_path).then_some(""))?;
        format!("{up}{within}")
    } else {
        path.to_string()
    };
    if local.is_empty() || local.ends_with('/') {
        local.push_str("index.html");
    }
    local.push_str(rest);
    Some(local)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_links_become_relative_and_name_their_index_page() {
        let at = |link: &str, up: &str| offline_link(link, up, "/archive/");
        assert_eq!(at("/archive/", ""), Some("index.html".into()));
        assert_eq!(at("/archive", "../"), Some("../index.html".into()));
        assert_eq!(
            at("/archive/speeches/a/#第一", "../../"),
            Some("../../speeches/a/index.html#第一".into())
        );
        assert_eq!(
            at("/archive/search/?q=%E5%B7%A5", "../"),
            Some("../search/index.html?q=%E5%B7%A5".into())
        );
        assert_eq!(
            at("/archive/style.css", "../../"),
            Some("../../style.css".into())
        );
        assert_eq!(at("../b/", "../../"), Some("../b/index.html".into()));
        for kept in [
            "#main",
            "?q=1",
            "https://example.org/archive/",
            "//cdn.example/x.js",
            "mailto:a@example.org",
            "/elsewhere/",
        ] {
            assert_eq!(at(kept, "../"), None, "{kept}");
        }
    }

    #[test]
    fn pages_are_rewritten_whatever_the_quoting_and_only_in_tags() {
        let html = br##"<a href="/">home</a><a href='/speeches/a/'>a</a><img src=/x.png><form action="/search/"></form><a href="#top">t</a><p>href="/not/a/link/"</p>"##;
        let out = relative_links("speeches/b/index.html", html, "/").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r##"<a href="../../index.html">home</a><a href="../../speeches/a/index.html">a</a><img src="../../x.png"><form action="../../search/index.html"></form><a href="#top">t</a><p>href="/not/a/link/"</p>"##
        );
    }

    #[test]
    fn a_refresh_leads_to_the_local_page() {
        let html = br#"<meta http-equiv="Refresh" content="0; url=/speakers/wang-kai-1a2b3c/"><meta name="x" content="url=/a/">"#;
        let out = relative_links("speakers/wang-kai/index.html", html, "/").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<meta http-equiv="Refresh" content="0; url=../../speakers/wang-kai-1a2b3c/index.html"><meta name="x" content="url=/a/">"#
        );
    }

    #[test]
    fn an_index_script_carries_the_bytes_under_the_path() {
        let script = index_script("search/i/0-0.bin", &[0, 1, 2, 255]);
        assert_eq!(
            String::from_utf8(script).unwrap(),
            "(self.lecternSearchFiles=self.lecternSearchFiles||{})[\"search/i/0-0.bin\"]=\"AAEC/w==\";\n"
        );
    }
}
