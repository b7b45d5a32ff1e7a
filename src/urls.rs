//! Where every page of a site is, and its links: shared by render, which links
//! pages, the search index, which links results, and check, which follows links.

use crate::config::Site;

/// Builds links: root-relative ones for pages, absolute ones for feeds and the sitemap.
#[derive(Debug, Clone)]
pub(crate) struct Urls {
    base_path: String,
    base_url: String,
}

impl Urls {
    pub(crate) fn new(site: &Site) -> Urls {
        Urls {
            base_path: site.base_path(),
            base_url: site.base_url(),
        }
    }

    /// `rel` is a path inside the site without a leading slash, e.g. `themes/weiquan/`.
    pub(crate) fn path(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_path)
    }

    pub(crate) fn permalink(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_url)
    }
}

/// Site-relative locations of every kind of page, in one place.
pub(crate) mod locations {
    pub(crate) fn speech(slug: &str) -> String {
        format!("speeches/{slug}/")
    }
    pub(crate) fn theme(slug: &str) -> String {
        format!("themes/{slug}/")
    }
    pub(crate) fn theme_feed(slug: &str) -> String {
        format!("themes/{slug}/atom.xml")
    }
    pub(crate) fn year(year: &str) -> String {
        format!("years/{year}/")
    }
    pub(crate) fn speaker(slug: &str) -> String {
        format!("speakers/{slug}/")
    }
    pub(crate) fn tag(slug: &str) -> String {
        format!("tags/{slug}/")
    }
    /// A page that is not a speech.
    pub(crate) fn site_page(slug: &str) -> String {
        format!("pages/{slug}/")
    }
    /// A speech as plain text, in the data download.
    pub(crate) fn speech_text(slug: &str) -> String {
        format!("data/text/{slug}.txt")
    }
    pub(crate) const ALL_SPEECHES: &str = "speeches/";
    pub(crate) const THEMES: &str = "themes/";
    pub(crate) const YEARS: &str = "years/";
    pub(crate) const SPEAKERS: &str = "speakers/";
    pub(crate) const TAGS: &str = "tags/";
    pub(crate) const FEED: &str = "atom.xml";
    pub(crate) const SEARCH: &str = "search/";
    /// The folder of the data download.
    pub(crate) const DATA_DIR: &str = "data";
    pub(crate) const DATA_JSONL: &str = "data/speeches.jsonl";
    pub(crate) const DATA_CSV: &str = "data/speeches.csv";

    /// Page `number` of a paginated list that starts at `first`.
    pub(crate) fn page(first: &str, number: usize) -> String {
        if number <= 1 {
            first.to_string()
        } else {
            format!("{first}page/{number}/")
        }
    }
}
