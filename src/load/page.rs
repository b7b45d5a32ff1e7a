//! Reading a page (see [`crate::page`]) from its front matter and body.

use crate::t;
use std::path::Path;

use super::front_matter::{FrontMatter, Value};
use super::{render_body, spool_body, Fields, SUMMARY_CHARS};
use crate::config::Site;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::measure;
use crate::page::{Menu, Page};
use crate::spool::Spool;
use crate::text::page_searchable_text;

/// The folder of `content/` whose files are pages unless they say otherwise.
pub(super) const FOLDER: &str = "pages";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Speech,
    Page,
}

/// What a file is: its `kind` field, or else a page in `content/pages/` and a
/// speech anywhere else.
pub(super) fn kind(fm: &FrontMatter, path: &Path, in_pages: bool) -> Result<Kind, Diagnostic> {
    let default = if in_pages { Kind::Page } else { Kind::Speech };
    match fm.fields.get("kind") {
        None => Ok(default),
        Some(Value::Text(text)) if text.trim() == "page" => Ok(Kind::Page),
        Some(Value::Text(text)) if text.trim() == "speech" => Ok(Kind::Speech),
        Some(other) => {
            let shown = match other {
                Value::Text(text) => format!("{text:?}"),
                other => other.kind().to_string(),
            };
            let (line, column) = fm.place_of("kind").unwrap_or((fm.opening_line(), 1));
            Err(Diagnostic::error(t!("page-kind-invalid", shown = shown))
                .in_file(path)
                .at(line, Some(column))
                .help(t!("page-kind-invalid-help")))
        }
    }
}

impl Fields<'_> {
    pub(super) fn into_page(
        mut self,
        site: &Site,
        path: &Path,
        body: &str,
        body_line: usize,
        spool: &Spool,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Page, Vec<Diagnostic>> {
        let title = self.required_text("title", "\"关于本站\"");
        let slug = self.speech_slug(path, title.as_deref().unwrap_or_default(), None);
        let summary = self.text("summary");
        let draft = self.flag("draft");
        let searchable = self.flag("searchable");
        let menu = self.menu();
        let weight = self.weight();
        let (Some(title), true) = (title, self.problems.is_empty()) else {
            return Err(self.problems);
        };
        let body = render_body(body, body_line, path, site, warnings);
        let spooled = spool_body(&body, path, spool)?;
        let mut page = Page {
            source_path: path.to_path_buf(),
            slug_at: self.fm.place_of("slug").unwrap_or((1, 1)),
            slug,
            title,
            summary: if summary.is_empty() {
                measure::summary(&body.lead, SUMMARY_CHARS)
            } else {
                summary
            },
            draft,
            searchable,
            menu,
            weight,
            body: spooled,
            headings: body.headings,
            text_key: Fingerprint(0),
        };
        page.text_key = Fingerprint::of_bytes(page_searchable_text(&page, &body.text).as_bytes());
        Ok(page)
    }

    fn menu(&mut self) -> Menu {
        let name = self.text("menu");
        if name.is_empty() {
            return Menu::Footer;
        }
        Menu::parse(&name).unwrap_or_else(|| {
            self.problem(
                "menu",
                t!(
                    "page-menu-invalid",
                    name = format!("{name:?}"),
                    known = Menu::NAMES.join(", ")
                ),
                t!("page-menu-invalid-help"),
            );
            Menu::Footer
        })
    }

    fn weight(&mut self) -> i64 {
        let text = self.text("weight");
        if text.is_empty() {
            return 0;
        }
        text.parse().unwrap_or_else(|_| {
            self.problem(
                "weight",
                t!("page-weight-invalid", text = format!("{text:?}")),
                t!("page-weight-invalid-help"),
            );
            0
        })
    }
}
