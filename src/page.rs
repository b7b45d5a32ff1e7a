//! A page that is not a speech (关于本站, 凡例, 编辑说明): a file of
//! `content/pages/`, or one whose front matter says `kind = "page"`. It has a
//! title and a body, and none of a speech's metadata; it is linked from the
//! site's navigation or footer and stays out of every list of speeches.

use std::path::PathBuf;

use crate::fingerprint::Fingerprint;
use crate::speech::{Body, Heading};

/// Where a page is linked from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Menu {
    /// The main navigation, after the built-in entries.
    Nav,
    /// The footer of every page (the default).
    Footer,
    /// Nowhere: linked only from where the editor links it.
    None,
}

impl Menu {
    pub const NAMES: [&'static str; 3] = ["nav", "footer", "none"];

    pub fn parse(name: &str) -> Option<Menu> {
        match name {
            "nav" => Some(Menu::Nav),
            "footer" => Some(Menu::Footer),
            "none" => Some(Menu::None),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Where it came from, relative to the site root (for messages).
    pub source_path: PathBuf,
    /// Line and column the URL comes from, as for speeches.
    pub slug_at: (usize, usize),
    pub slug: String,
    pub title: String,
    /// The editor's summary, or one cut from the opening paragraphs.
    pub summary: String,
    pub draft: bool,
    /// Whether the search finds it (`searchable = true`; off by default).
    pub searchable: bool,
    pub menu: Menu,
    /// Links are in ascending weight, then by title.
    pub weight: i64,
    pub body: Body,
    pub headings: Vec<Heading>,
    /// The fingerprint of its searchable text (title and body).
    pub text_key: Fingerprint,
}
