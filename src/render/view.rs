//! What templates see: plain serialisable views of the archive, with every URL and
//! date already formatted, so templates need no logic beyond loops and ifs.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::cite::{Download, Reference};
use super::metadata::HeadMeta;
use crate::archive::{Archive, Group};
use crate::config::Site;
use crate::fingerprint::{Fingerprint, Fingerprinted, Flattened};
use crate::measure;
use crate::page::Menu;
use crate::speech::{Heading, Speech};
use crate::urls::{locations, Urls};

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    pub base_path: String,
    pub feed_url: String,
    pub search_url: String,
    /// Whether the site has search (`search = false` in site.toml turns it off).
    pub search: bool,
    pub speeches_url: String,
    pub themes_url: String,
    pub years_url: String,
    pub speakers_url: String,
    pub tags_url: String,
    pub themes: Vec<ThemeLink>,
    pub years: Vec<YearLink>,
    pub speech_count: usize,
    pub speaker_count: usize,
    pub tag_count: usize,
    /// The pages that are not speeches, in link order.
    pub pages: Vec<MenuLink>,
    /// Whether the site has the data download (`data = false` turns it off).
    pub data: bool,
    pub data_jsonl_url: String,
    pub data_csv_url: String,
}

/// A link to a page that is not a speech, from the navigation or the footer.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MenuLink {
    pub title: String,
    pub url: String,
    /// `nav`, `footer` or `none`.
    pub menu: Menu,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ThemeLink {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub url: String,
    pub count: usize,
    pub feed_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearLink {
    pub year: String,
    pub name: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ThemeRef {
    pub name: String,
    pub slug: String,
    pub url: String,
}

/// A tag of a speech, with its list page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagRef {
    pub name: String,
    pub url: String,
}

/// A tag on the page of all tags.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// A speech as it appears in lists. Every speech's is held for the whole
/// render, so the texts the speech has already are shown from it, not copied.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SpeechSummary {
    pub title: SpeechText,
    pub url: String,
    pub permalink: String,
    pub date: String,
    pub date_iso: String,
    pub date_rfc3339: String,
    pub year: i16,
    /// The person: the name `speakers.toml` gives, or the spelling written most.
    pub speaker: String,
    pub speaker_url: String,
    pub role: SpeechText,
    pub occasion: SpeechText,
    pub place: SpeechText,
    pub themes: Vec<ThemeRef>,
    pub summary: SpeechText,
    pub char_count: usize,
    pub reading_minutes: usize,
}

/// One text field of a speech, as a view shows it: the speech and which field.
#[derive(Clone)]
pub(crate) struct SpeechText {
    speech: Arc<Speech>,
    field: fn(&Speech) -> &str,
}

impl SpeechText {
    fn of(speech: &Arc<Speech>, field: fn(&Speech) -> &str) -> SpeechText {
        SpeechText {
            speech: Arc::clone(speech),
            field,
        }
    }
}

impl std::ops::Deref for SpeechText {
    type Target = str;

    fn deref(&self) -> &str {
        (self.field)(&self.speech)
    }
}

impl Serialize for SpeechText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl std::fmt::Debug for SpeechText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// A speech on its own page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SpeechView<'a> {
    #[serde(flatten)]
    pub summary: Flattened<'a, SpeechSummary>,
    pub organization: &'a str,
    /// The tags as written; `tag_links` has them with their pages.
    pub tags: &'a [String],
    pub tag_links: Vec<TagRef>,
    /// The speech as plain text, when the site has the data download.
    pub text_url: String,
    pub source: &'a str,
    pub source_is_url: bool,
    pub body_html: Fingerprinted<&'a str>,
    pub toc: &'a [Heading],
    /// The older speech.
    pub prev: Option<&'a Summary>,
    /// The newer speech.
    pub next: Option<&'a Summary>,
    pub related: Vec<&'a Summary>,
    pub cite: CiteView,
    pub meta: HeadMeta,
}

/// The 引用本文 block: the GB/T 7714 reference and the citation downloads.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CiteView {
    pub reference: Reference,
    /// BibTeX, RIS and CSL-JSON, in that order.
    pub downloads: [Download; 3],
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    pub url: String,
    pub permalink: String,
    pub title: String,
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListingView {
    pub kind: &'static str,
    pub name: String,
    /// A theme's description, or a speaker's biography from `speakers.toml`.
    pub description: String,
    pub url: String,
    pub count: usize,
    pub feed_url: String,
    /// A speaker's other spellings in the speeches (`王凱` for 王凯).
    pub spellings: Vec<String>,
    /// The other speakers (or tags) whose names have the same pinyin.
    pub homophones: Vec<NameLink>,
}

/// A name with its page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NameLink {
    pub name: String,
    pub url: String,
}

/// A plain pinyin address and the pages it leads to.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AliasView {
    pub targets: Vec<AliasTarget>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AliasTarget {
    pub name: String,
    pub url: String,
    pub permalink: String,
}

/// A page that is not a speech, on its own page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ArticleView<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body_html: Fingerprinted<&'a str>,
    pub toc: &'a [Heading],
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Paginator {
    pub current: usize,
    pub total_pages: usize,
    pub prev_url: String,
    pub next_url: String,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages between this one and the previous shown one are left out (show "…").
    pub gap_before: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SpeakerLink {
    pub name: String,
    pub url: String,
    pub count: usize,
    /// The role given in the speaker's newest speech.
    pub role: String,
}

impl Paginator {
    pub(crate) fn new(urls: &Urls, first: &str, current: usize, total_pages: usize) -> Paginator {
        let link = |n: usize| urls.path(&locations::page(first, n));
        Paginator {
            current,
            total_pages,
            prev_url: if current > 1 {
                link(current - 1)
            } else {
                String::new()
            },
            next_url: if current < total_pages {
                link(current + 1)
            } else {
                String::new()
            },
            pages: window(current, total_pages)
                .into_iter()
                .scan(0, |previous, number| {
                    let gap_before = number > *previous + 1 && *previous > 0;
                    *previous = number;
                    Some(PageLink {
                        number,
                        url: link(number),
                        current: number == current,
                        gap_before,
                    })
                })
                .collect(),
        }
    }
}

/// The page numbers a paginator shows: the first, the last, and two either side
/// of the current one; a gap of a single page is shown rather than elided. Only
/// these are passed to templates, so long lists do not make every page larger.
fn window(current: usize, total: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = [1, total]
        .into_iter()
        .chain(current.saturating_sub(2).max(1)..=(current + 2).min(total))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut filled = Vec::with_capacity(shown.len() + 2);
    for number in shown {
        if filled.last().is_some_and(|&last| number == last + 2) {
            filled.push(number - 1);
        }
        filled.push(number);
    }
    filled
}

pub(crate) fn site_view(site: &Site, archive: &Archive, urls: &Urls) -> SiteView {
    let data = |location: &str| {
        if site.data {
            urls.path(location)
        } else {
            String::new()
        }
    };
    SiteView {
        title: site.title.clone(),
        description: site.description.clone(),
        language: site.language.clone(),
        base_url: site.base_url(),
        base_path: site.base_path(),
        feed_url: urls.path(locations::FEED),
        search_url: urls.path(locations::SEARCH),
        search: site.search,
        speeches_url: urls.path(locations::ALL_SPEECHES),
        themes_url: urls.path(locations::THEMES),
        years_url: urls.path(locations::YEARS),
        speakers_url: urls.path(locations::SPEAKERS),
        tags_url: urls.path(locations::TAGS),
        themes: archive
            .themes
            .iter()
            .map(|(theme, group)| ThemeLink {
                name: theme.name.clone(),
                slug: theme.slug.clone(),
                description: theme.description.clone(),
                url: urls.path(&locations::theme(&theme.slug)),
                count: group.speeches.len(),
                feed_url: urls.path(&locations::theme_feed(&theme.slug)),
            })
            .collect(),
        years: archive
            .years
            .iter()
            .map(|group| year_link(group, site, urls))
            .collect(),
        speech_count: archive.speeches.len(),
        speaker_count: archive.speakers.len(),
        tag_count: archive.tags.len(),
        pages: archive
            .pages
            .iter()
            .map(|page| MenuLink {
                title: page.title.clone(),
                url: urls.path(&locations::site_page(&page.slug)),
                menu: page.menu,
            })
            .collect(),
        data: site.data,
        data_jsonl_url: data(locations::DATA_JSONL),
        data_csv_url: data(locations::DATA_CSV),
    }
}

fn year_link(group: &Group, site: &Site, urls: &Urls) -> YearLink {
    YearLink {
        year: group.name.clone(),
        name: year_name(&group.name, site),
        url: urls.path(&locations::year(&group.slug)),
        count: group.speeches.len(),
    }
}

pub(crate) fn year_name(year: &str, site: &Site) -> String {
    if site.language.starts_with("zh") || site.language.starts_with("ja") {
        format!("{year}年")
    } else {
        year.to_string()
    }
}

/// A speech's summary, with its fingerprint: pages that list the speech take in
/// that instead of the whole summary. Shared, so that `lectern serve` can keep it
/// for the next rebuild.
pub(crate) type Summary = Arc<Fingerprinted<SpeechSummary>>;

/// The summaries of the last render, which `lectern serve` keeps: a summary is
/// taken over for the very same speech (a speech read again is a new one) under
/// the same site configuration and the same speaker (name and slug). Making
/// ten thousand summaries and their fingerprints was a quarter of a rebuild
/// after an edit.
#[derive(Default)]
pub(crate) struct SummaryMemo {
    site: Option<Fingerprint>,
    /// By the address of the speech, which the entry keeps alive so that no
    /// other speech can take that address.
    by_speech: FxHashMap<usize, (Arc<Speech>, Option<SpeakerRef>, Summary)>,
}

/// A speech's speaker as its summary shows it: name and slug.
type SpeakerRef = (String, String);

pub(crate) fn summaries(
    site: &Site,
    archive: &Archive,
    urls: &Urls,
    memo: Option<&mut SummaryMemo>,
) -> Vec<Summary> {
    use rayon::prelude::*;
    let speaker = |i: usize| {
        archive
            .speaker(i)
            .map(|s| (s.group.name.as_str(), s.group.slug.as_str()))
    };
    let site_fingerprint = site.fingerprint();
    let earlier = memo
        .as_deref()
        .filter(|memo| memo.site == Some(site_fingerprint))
        .map(|memo| &memo.by_speech);
    let summaries: Vec<Summary> = archive
        .speeches
        .par_iter()
        .enumerate()
        .map(|(i, speech)| {
            let speaker = speaker(i);
            match earlier.and_then(|known| known.get(&(Arc::as_ptr(speech) as usize))) {
                Some((_, known, summary))
                    if known.as_ref().map(|(n, s)| (n.as_str(), s.as_str())) == speaker =>
                {
                    Arc::clone(summary)
                }
                _ => Arc::new(Fingerprinted::new(summary(speech, site, speaker, urls))),
            }
        })
        .collect();
    if let Some(memo) = memo {
        memo.site = Some(site_fingerprint);
        memo.by_speech = archive
            .speeches
            .iter()
            .zip(&summaries)
            .enumerate()
            .map(|(i, (speech, summary))| {
                let speaker = speaker(i).map(|(n, s)| (n.to_string(), s.to_string()));
                let key = Arc::as_ptr(speech) as usize;
                (key, (Arc::clone(speech), speaker, Arc::clone(summary)))
            })
            .collect();
    }
    summaries
}

/// A speech in lists; `speaker` is its person's name and slug.
fn summary(
    speech: &Arc<Speech>,
    site: &Site,
    speaker: Option<(&str, &str)>,
    urls: &Urls,
) -> SpeechSummary {
    let location = locations::speech(&speech.slug);
    let char_count = speech.char_count;
    SpeechSummary {
        title: SpeechText::of(speech, |s| &s.title),
        url: urls.path(&location),
        permalink: urls.permalink(&location),
        date: speech.date.display(&site.language),
        date_iso: speech.date.iso(),
        date_rfc3339: speech.date.rfc3339(),
        year: speech.date.year,
        speaker: speaker.map_or_else(String::new, |(name, _)| name.to_string()),
        speaker_url: speaker
            .map(|(_, slug)| urls.path(&locations::speaker(slug)))
            .unwrap_or_default(),
        role: SpeechText::of(speech, |s| &s.role),
        occasion: SpeechText::of(speech, |s| &s.occasion),
        place: SpeechText::of(speech, |s| &s.place),
        themes: speech
            .themes
            .iter()
            .filter_map(|name| site.theme_by_name(name))
            .map(|theme| ThemeRef {
                name: theme.name.clone(),
                slug: theme.slug.clone(),
                url: urls.path(&locations::theme(&theme.slug)),
            })
            .collect(),
        summary: SpeechText::of(speech, |s| &s.summary),
        char_count,
        reading_minutes: measure::reading_minutes(char_count),
    }
}

pub(crate) fn speaker_links(archive: &Archive, urls: &Urls) -> Vec<SpeakerLink> {
    (0..archive.speakers.len())
        .map(|i| speaker_link(archive, i, urls))
        .collect()
}

pub(crate) fn speaker_link(archive: &Archive, i: usize, urls: &Urls) -> SpeakerLink {
    let group = &archive.speakers[i].group;
    SpeakerLink {
        name: group.name.clone(),
        url: urls.path(&locations::speaker(&group.slug)),
        count: group.speeches.len(),
        role: group
            .speeches
            .first()
            .map(|&i| archive.speeches[i].role.clone())
            .unwrap_or_default(),
    }
}

pub(crate) fn tag_links(archive: &Archive, urls: &Urls) -> Vec<TagLink> {
    archive
        .tags
        .iter()
        .map(|group| TagLink {
            name: group.name.clone(),
            url: urls.path(&locations::tag(&group.slug)),
            count: group.speeches.len(),
        })
        .collect()
}

/// The tags of speech `i`, with their pages.
pub(crate) fn tag_refs(archive: &Archive, i: usize, urls: &Urls) -> Vec<TagRef> {
    archive.tag_of[i]
        .iter()
        .map(|&tag| {
            let group = &archive.tags[tag];
            TagRef {
                name: group.name.clone(),
                url: urls.path(&locations::tag(&group.slug)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn paginator_window_shows_ends_and_neighbours() {
        assert_eq!(window(1, 1), [1]);
        assert_eq!(window(1, 10), [1, 2, 3, 10]);
        assert_eq!(window(5, 10), [1, 2, 3, 4, 5, 6, 7, 10]);
        assert_eq!(window(6, 500), [1, 4, 5, 6, 7, 8, 500]);
        assert_eq!(window(500, 500), [1, 498, 499, 500]);
    }
}
