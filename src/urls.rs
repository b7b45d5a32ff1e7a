//! Where every page of a site is, and its links: shared by render, which links
//! pages, the search index, which links results, and check, which follows links.

use crate::config::Site;

/// Builds links: root-relative ones for pages, absolute ones for feeds and the sitemap.
#[derive(Debug, Clone)]
pub struct Urls {
    base_path: String,
    base_url: String,
}

impl Urls {
    pub fn new(site: &Site) -> Urls {
        Urls {
            base_path: site.base_path(),
            base_url: site.base_url(),
        }
    }

    /// `rel` is a path inside the site without a leading slash, e.g. `themes/weiquan/`.
    pub fn path(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_path)
    }

    pub fn permalink(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_url)
    }
}

/// Site-relative locations of every kind of page, in one place.
pub mod locations {
    pub fn speech(slug: &str) -> String {
        format!("speeches/{slug}/")
    }
    pub fn theme(slug: &str) -> String {
        format!("themes/{slug}/")
    }
    pub fn theme_feed(slug: &str) -> String {
        format!("themes/{slug}/atom.xml")
    }
    pub fn year(year: &str) -> String {
        format!("years/{year}/")
    }
    pub fn speaker(slug: &str) -> String {
        format!("speakers/{slug}/")
    }
    pub fn tag(slug: &str) -> String {
        format!("tags/{slug}/")
    }
    /// A page that is not a speech.
    pub fn site_page(slug: &str) -> String {
        format!("pages/{slug}/")
    }
    /// A speech as plain text, in the data download.
    pub fn speech_text(slug: &str) -> String {
        format!("data/text/{slug}.txt")
    }
    pub const ALL_SPEECHES: &str = "speeches/";
    pub const THEMES: &str = "themes/";
    pub const YEARS: &str = "years/";
    pub const SPEAKERS: &str = "speakers/";
    pub const TAGS: &str = "tags/";
    pub const FEED: &str = "atom.xml";
    pub const SEARCH: &str = "search/";
    /// The folder of the data download.
    pub const DATA_DIR: &str = "data";
    pub const DATA_JSONL: &str = "data/speeches.jsonl";
    pub const DATA_CSV: &str = "data/speeches.csv";

    /// Page `number` of a paginated list that starts at `first`.
    pub fn page(first: &str, number: usize) -> String {
        if number <= 1 {
            first.to_string()
        } else {
            format!("{first}page/{number}/")
        }
    }
}
