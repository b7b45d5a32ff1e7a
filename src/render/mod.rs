//! Render: the archive → pages, feeds and the sitemap, through the design's Tera
//! templates, in parallel. Each page is handed to a [`Sink`] as soon as it is
//! rendered, so the whole site is never held in memory at once.

pub(crate) mod cite;
pub(crate) mod data;
pub(crate) mod design;
pub(crate) mod metadata;
pub(crate) mod view;

use crate::t;
use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tera::Context;

use crate::archive::{Archive, Group};
use crate::config::Site;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::{Fingerprint, Fingerprinted, Fingerprinter};
use crate::sink::Sink;
use crate::spool;
use crate::urls::{locations, Urls};
use cite::{Format, Record};
use design::{error_chain, Design};
use metadata::HeadMeta;
use view::{
    AliasTarget, AliasView, ArticleView, CiteView, ListingView, NameLink, PageView, Paginator,
    SpeechView, Summary, SummaryMemo,
};

/// How many speeches a feed carries.
const FEED_ENTRIES: usize = 20;

/// Which list of speeches a listing page shows.
#[derive(Debug, Clone, Copy)]
enum ListKind {
    All,
    Theme(usize),
    Year(usize),
    Speaker(usize),
    Tag(usize),
}

/// Whose plain pinyin address an alias page is.
#[derive(Debug, Clone, Copy)]
enum AliasOf {
    Speakers,
    Tags,
}

/// One file of the site to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Speech(usize),
    /// A page that is not a speech.
    Page(usize),
    Listing(ListKind, usize),
    Themes,
    Years,
    Speakers,
    Tags,
    /// A plain pinyin address (`speakers/wang-kai/`) that leads to the pages
    /// of the names with that pinyin.
    Alias(AliasOf, usize),
    NotFound,
    Search,
    /// The site's feed (`None`) or a theme's.
    Feed(Option<usize>),
    Sitemap,
}

/// Everything a render needs, computed once and shared by all jobs.
struct Renderer<'a> {
    site: &'a Site,
    archive: &'a Archive,
    design: &'a Design,
    urls: Urls,
    /// The variables every page has: `site` and the UI strings `t`.
    shared_context: Context,
    /// The fingerprint of what all pages share, to be extended by each page.
    shared: Fingerprinter,
    summaries: Vec<Summary>,
    /// Indices of all speeches, newest first: the "all speeches" list.
    all: Vec<usize>,
}

/// Renders the whole site into `sink`, returning the number of files written, or
/// every distinct problem met on the way.
///
/// `summaries`, when given, takes over the last render's speech summaries and
/// keeps this one's (`lectern serve`).
pub(crate) fn render(
    site: &Site,
    archive: &Archive,
    design: &Design,
    sink: &dyn Sink,
    summaries: Option<&mut SummaryMemo>,
) -> Result<usize, Vec<Diagnostic>> {
    let urls = Urls::new(site);
    let site_value = to_value(&view::site_view(site, archive, &urls));
    let strings = to_value(&design.strings);
    // What every page shares goes into every page's fingerprint.
    let mut shared = Fingerprinter::new("page");
    shared.value(&site_value).value(&strings);
    let mut shared_context = Context::new();
    shared_context.insert("site", &site_value);
    shared_context.insert("t", &strings);
    let renderer = Renderer {
        site,
        archive,
        design,
        shared_context,
        shared,
        summaries: view::summaries(site, archive, &urls, summaries),
        all: (0..archive.speeches.len()).collect(),
        urls,
    };
    let jobs = renderer.jobs();
    let locations: Vec<String> = jobs.par_iter().map(|&job| renderer.location(job)).collect();
    renderer.check_unique_locations(&jobs, &locations)?;
    // Only the problems are kept: a result for each of a large archive's
    // hundreds of thousands of files is tens of megabytes.
    let problems: Vec<Diagnostic> = jobs
        .par_iter()
        .zip(locations)
        .map_init(
            || PageContext::new(&renderer.shared_context),
            |context, (job, location)| {
                let page = renderer.page(*job, &jobs, location);
                if sink.keep(&page.file, page.fingerprint) {
                    return Ok(());
                }
                let bytes = renderer.render(*job, &jobs, &page, context)?;
                sink.write(&page.file, page.fingerprint, &bytes)
                    .map_err(|e| {
                        Diagnostic::error(t!("cannot-write-file", path = page.file, error = e))
                            .help(t!("cannot-write-file-help"))
                    })
            },
        )
        .filter_map(Result::err)
        .collect();
    let mut seen = BTreeMap::new();
    for problem in problems {
        seen.entry(problem.to_string()).or_insert((problem, 0)).1 += 1;
    }
    if seen.is_empty() {
        Ok(jobs.len())
    } else {
        // One template mistake fails every page that uses it: report it once.
        Err(seen
            .into_values()
            .map(|(mut problem, count)| {
                if count > 1 {
                    problem.message.push_str(&format!(" (in {count} pages)"));
                }
                problem
            })
            .collect())
    }
}

/// How many files [`render`] makes of this archive: the total the progress
/// display counts the written pages against.
pub(crate) fn page_count(site: &Site, archive: &Archive, design: &Design) -> usize {
    jobs(site, archive, design).len()
}

/// Every file of the site to render.
fn jobs(site: &Site, archive: &Archive, design: &Design) -> Vec<Job> {
    let a = archive;
    let mut jobs = vec![
        Job::Home,
        Job::Themes,
        Job::Years,
        Job::Speakers,
        Job::Tags,
        Job::NotFound,
    ];
    if site.search && design.has_template("search.html") {
        jobs.push(Job::Search);
    }
    jobs.extend((0..a.speeches.len()).map(Job::Speech));
    jobs.extend((0..a.pages.len()).map(Job::Page));
    let mut lists = vec![ListKind::All];
    lists.extend((0..a.themes.len()).map(ListKind::Theme));
    lists.extend((0..a.years.len()).map(ListKind::Year));
    lists.extend((0..a.speakers.len()).map(ListKind::Speaker));
    lists.extend((0..a.tags.len()).map(ListKind::Tag));
    for kind in lists {
        let members = match kind {
            ListKind::All => a.speeches.len(),
            ListKind::Theme(i) => a.themes[i].1.speeches.len(),
            ListKind::Year(i) => a.years[i].speeches.len(),
            ListKind::Speaker(i) => a.speakers[i].group.speeches.len(),
            ListKind::Tag(i) => a.tags[i].speeches.len(),
        };
        let pages = members.div_ceil(site.page_size).max(1);
        jobs.extend((1..=pages).map(|page| Job::Listing(kind, page)));
    }
    if design.has_template("alias.html") {
        jobs.extend((0..a.speaker_aliases.len()).map(|i| Job::Alias(AliasOf::Speakers, i)));
        jobs.extend((0..a.tag_aliases.len()).map(|i| Job::Alias(AliasOf::Tags, i)));
    }
    jobs.push(Job::Feed(None));
    jobs.extend((0..a.themes.len()).map(|i| Job::Feed(Some(i))));
    jobs.push(Job::Sitemap);
    jobs
}

/// One page to render: its file and template, and the fingerprint of those and
/// of all its variables.
struct Page {
    location: String,
    file: String,
    template: &'static str,
    fingerprint: Fingerprint,
}

/// Where a page's own variables (besides `site` and `t`, which all pages share)
/// go: into its fingerprint first, and into the template's context only when the
/// page has to be rendered. Both take the same values from the same code, so a
/// fingerprint cannot miss a variable.
trait Vars {
    fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T);
}

impl Vars for Fingerprinter {
    fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.bytes(name.as_bytes()).value(value);
    }
}

/// A template context for one page after another: the shared `site` and `t`,
/// copied once per worker, and the page's own variables, taken out again
/// after each page. Copying the shared values for every page (and dropping
/// them) took a sixth of the pages' CPU time at 74,545 short speeches.
struct PageContext {
    context: Context,
    /// The names the current page added.
    own: Vec<&'static str>,
}

impl PageContext {
    fn new(shared: &Context) -> PageContext {
        PageContext {
            context: shared.clone(),
            own: Vec::new(),
        }
    }

    /// Back to the shared variables alone, for the next page.
    fn clear(&mut self) {
        for name in self.own.drain(..) {
            self.context.remove(name);
        }
    }
}

impl Vars for PageContext {
    fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        debug_assert!(
            name != "site" && name != "t",
            "{name} is shared by every page"
        );
        self.own.push(name);
        self.context.insert(name, value);
    }
}

fn to_value<T: Serialize + ?Sized>(value: &T) -> tera::Value {
    serde_json::to_value(value).expect("views serialise to JSON")
}

impl<'a> Renderer<'a> {
    fn jobs(&self) -> Vec<Job> {
        jobs(self.site, self.archive, self.design)
    }

    /// Two pages at one address would silently overwrite each other: report them,
    /// naming the speech files involved.
    fn check_unique_locations(
        &self,
        jobs: &[Job],
        locations: &[String],
    ) -> Result<(), Vec<Diagnostic>> {
        let mut seen: FxHashMap<&str, Job> = FxHashMap::default();
        seen.reserve(jobs.len());
        let mut problems = Vec::new();
        for (&job, location) in jobs.iter().zip(locations) {
            if let Some(&earlier) = seen.get(location.as_str()) {
                let mut problem = Diagnostic::error(t!(
                    "render-same-place",
                    location = location,
                    first = self.describe(earlier),
                    second = self.describe(job)
                ))
                .help(t!("render-same-place-help"));
                if let Some(source) = [job, earlier].iter().find_map(|j| match j {
                    Job::Speech(i) => Some(&self.archive.speeches[*i].source_path),
                    Job::Page(i) => Some(&self.archive.pages[*i].source_path),
                    _ => None,
                }) {
                    problem = problem.in_file(source);
                }
                problems.push(problem);
            } else {
                seen.insert(location, job);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    fn describe(&self, job: Job) -> String {
        match job {
            Job::Speech(i) => t!("job-speech", path = self.archive.speeches[i].source_path),
            Job::Page(i) => t!("job-page", path = self.archive.pages[i].source_path),
            Job::Listing(kind, page) => {
                t!("job-listing", page = page, list = self.list_location(kind))
            }
            other => format!("the {:?} page", other).to_lowercase(),
        }
    }

    fn members(&self, kind: ListKind) -> &[usize] {
        let group = |g: &'a Group| g.speeches.as_slice();
        match kind {
            ListKind::All => self.all.as_slice(),
            ListKind::Theme(i) => group(&self.archive.themes[i].1),
            ListKind::Year(i) => group(&self.archive.years[i]),
            ListKind::Speaker(i) => group(&self.archive.speakers[i].group),
            ListKind::Tag(i) => group(&self.archive.tags[i]),
        }
    }

    /// The site-relative location (directory URL or file) a job renders to.
    fn location(&self, job: Job) -> String {
        let a = self.archive;
        match job {
            Job::Home => String::new(),
            Job::Speech(i) => locations::speech(&a.speeches[i].slug),
            Job::Page(i) => locations::site_page(&a.pages[i].slug),

            Job::Listing(kind, page) => locations::page(&self.list_location(kind), page),
            Job::Themes => locations::THEMES.into(),
            Job::Years => locations::YEARS.into(),
            Job::Speakers => locations::SPEAKERS.into(),
            Job::Tags => locations::TAGS.into(),
            Job::Alias(AliasOf::Speakers, i) => locations::speaker(&a.speaker_aliases[i].slug),
            Job::Alias(AliasOf::Tags, i) => locations::tag(&a.tag_aliases[i].slug),
            Job::NotFound => "404.html".into(),
            Job::Search => locations::SEARCH.into(),
            Job::Feed(None) => locations::FEED.into(),
            Job::Feed(Some(i)) => locations::theme_feed(&a.themes[i].0.slug),
            Job::Sitemap => "sitemap.xml".into(),
        }
    }

    fn list_location(&self, kind: ListKind) -> String {
        let a = self.archive;
        match kind {
            ListKind::All => locations::ALL_SPEECHES.into(),
            ListKind::Theme(i) => locations::theme(&a.themes[i].0.slug),
            ListKind::Year(i) => locations::year(&a.years[i].slug),
            ListKind::Speaker(i) => locations::speaker(&a.speakers[i].group.slug),
            ListKind::Tag(i) => locations::tag(&a.tags[i].slug),
        }
    }

    /// Names a job's page and fingerprints what it is made of, without
    /// rendering it.
    fn page(&self, job: Job, jobs: &[Job], location: String) -> Page {
        let file = if location.is_empty() || location.ends_with('/') {
            format!("{location}index.html")
        } else {
            location.clone()
        };
        let mut fingerprint = self.shared.clone();
        fingerprint.bytes(file.as_bytes());
        // A fingerprint takes the fingerprint of the body's HTML, not the HTML.
        let template = self.fill(job, jobs, &location, None, &mut fingerprint);
        fingerprint.fingerprint(self.design.template_fingerprint(template));
        Page {
            fingerprint: fingerprint.finish(),
            location,
            file,
            template,
        }
    }

    fn render(
        &self,
        job: Job,
        jobs: &[Job],
        page: &Page,
        context: &mut PageContext,
    ) -> Result<Vec<u8>, Diagnostic> {
        let body = self.body_html(job)?;
        self.fill(job, jobs, &page.location, body.as_deref(), context);
        let template = page.template;
        // Rendered into bytes, not a String: Tera would check the whole page
        // for valid UTF-8, which it is by construction. Sized for a speech page
        // so the buffer is not copied as it grows.
        let mut html = Vec::with_capacity(self.size_hint(job));
        let rendered = self
            .design
            .tera
            .render_to(template, &context.context, &mut html);
        context.clear();
        rendered.map_err(|e| {
            Diagnostic::error(t!(
                "template-failed",
                template = template,
                detail = error_chain(&e)
            ))
            .help(t!("template-failed-help"))
        })?;
        Ok(html)
    }

    /// What the citations and the head metadata of speech `i` say.
    fn record(&self, i: usize) -> Record {
        Record::new(
            &self.archive.speeches[i],
            &self.summaries[i],
            self.site,
            &self.urls,
        )
    }

    /// The body HTML of a speech's or a page's job, read from the spool.
    fn body_html(&self, job: Job) -> Result<Option<String>, Diagnostic> {
        let (body, path) = match job {
            Job::Speech(i) => {
                let speech = &self.archive.speeches[i];
                (&speech.body, &speech.source_path)
            }
            Job::Page(i) => {
                let page = &self.archive.pages[i];
                (&page.body, &page.source_path)
            }
            _ => return Ok(None),
        };
        body.html()
            .map(Some)
            .map_err(|e| spool::unreadable(path, e))
    }

    /// About how many bytes a job's page takes: a speech page is its text and
    /// some markup around it.
    fn size_hint(&self, job: Job) -> usize {
        const MARKUP: usize = 16 * 1024;
        match job {
            Job::Speech(i) => self.archive.speeches[i].body.html_len() + MARKUP,
            _ => MARKUP,
        }
    }

    /// Adds the job's variables, `page` included; returns its template.
    /// `body` is the HTML of a speech's or page's body, read for a render;
    /// a fingerprint takes only its fingerprint, and gets `None`.
    fn fill(
        &self,
        job: Job,
        jobs: &[Job],
        location: &str,
        body: Option<&str>,
        vars: &mut impl Vars,
    ) -> &'static str {
        let (template, title, kind) = self.fill_own(job, jobs, body, vars);
        vars.insert(
            "page",
            &PageView {
                url: self.urls.path(location),
                permalink: self.urls.permalink(location),
                title,
                kind,
            },
        );
        template
    }

    /// Adds the job's own variables; returns its template, page title and kind.
    fn fill_own(
        &self,
        job: Job,
        jobs: &[Job],
        body: Option<&str>,
        vars: &mut impl Vars,
    ) -> (&'static str, String, &'static str) {
        let a = self.archive;
        let t = |key: &str| self.design.string(key).to_string();
        match job {
            Job::Home => {
                let latest: Vec<_> = self.summaries.iter().take(self.site.page_size).collect();
                vars.insert("speeches", &latest);
                ("index.html", self.site.title.clone(), "home")
            }
            Job::Speech(i) => {
                let speech = &a.speeches[i];
                let record = self.record(i);
                let view = SpeechView {
                    summary: self.summaries[i].flattened(),
                    organization: &speech.organization,
                    tags: &speech.tags,
                    tag_links: view::tag_refs(a, i, &self.urls),
                    text_url: if self.site.data && !speech.draft {
                        self.urls.path(&locations::speech_text(&speech.slug))
                    } else {
                        String::new()
                    },
                    source: &speech.source,
                    source_is_url: speech.source.starts_with("http://")
                        || speech.source.starts_with("https://"),
                    body_html: Fingerprinted::known(
                        body.unwrap_or_default(),
                        speech.body.html_fingerprint(),
                    ),
                    toc: &speech.headings,
                    prev: self.summaries.get(i + 1),
                    next: i.checked_sub(1).map(|n| &self.summaries[n]),
                    related: a.related[i].iter().map(|&r| &self.summaries[r]).collect(),
                    cite: CiteView {
                        reference: record.reference(),
                        downloads: Format::ALL.map(|format| format.download(&record)),
                    },
                    meta: HeadMeta::new(&record, &self.site.title, &self.site.base_url()),
                };
                vars.insert("speech", &view);
                ("speech.html", speech.title.clone(), "speech")
            }
            Job::Page(i) => {
                let page = &a.pages[i];
                let view = ArticleView {
                    title: &page.title,
                    summary: &page.summary,
                    body_html: Fingerprinted::known(
                        body.unwrap_or_default(),
                        page.body.html_fingerprint(),
                    ),
                    toc: &page.headings,
                };
                vars.insert("article", &view);
                ("page.html", page.title.clone(), "page")
            }
            Job::Listing(kind, page) => {
                let members = self.members(kind);
                let size = self.site.page_size;
                let total_pages = members.len().div_ceil(size).max(1);
                let first = self.list_location(kind);
                let on_page: Vec<&Summary> = members
                    .iter()
                    .skip((page - 1) * size)
                    .take(size)
                    .map(|&i| &self.summaries[i])
                    .collect();
                let listing = self.listing_view(kind, members.len(), &first);
                let mut title = if listing.name.is_empty() {
                    t("all_speeches")
                } else {
                    listing.name.clone()
                };
                if page > 1 {
                    title = format!("{title} · {}{page}{}", t("page_before"), t("page_after"));
                }
                vars.insert("listing", &listing);
                vars.insert("speeches", &on_page);
                vars.insert(
                    "paginator",
                    &Paginator::new(&self.urls, &first, page, total_pages),
                );
                ("listing.html", title, "listing")
            }
            Job::Themes => ("themes.html", t("themes"), "themes"),
            Job::Years => ("years.html", t("years"), "years"),
            Job::Speakers => {
                vars.insert("speakers", &view::speaker_links(a, &self.urls));
                ("speakers.html", t("speakers"), "speakers")
            }
            Job::Tags => {
                vars.insert("tags", &view::tag_links(a, &self.urls));
                ("tags.html", t("tags"), "tags")
            }
            Job::Alias(of, i) => {
                let (alias, groups, before, after) = match of {
                    AliasOf::Speakers => {
                        let alias = &a.speaker_aliases[i];
                        let groups: Vec<(&Group, String)> = alias
                            .targets
                            .iter()
                            .map(|&n| &a.speakers[n].group)
                            .map(|g| (g, locations::speaker(&g.slug)))
                            .collect();
                        (
                            alias,
                            groups,
                            "alias_speakers_before",
                            "alias_speakers_after",
                        )
                    }
                    AliasOf::Tags => {
                        let alias = &a.tag_aliases[i];
                        let groups: Vec<(&Group, String)> = alias
                            .targets
                            .iter()
                            .map(|&n| (&a.tags[n], locations::tag(&a.tags[n].slug)))
                            .collect();
                        (alias, groups, "alias_tags_before", "alias_tags_after")
                    }
                };
                let targets: Vec<AliasTarget> = groups
                    .into_iter()
                    .map(|(group, location)| AliasTarget {
                        name: group.name.clone(),
                        url: self.urls.path(&location),
                        permalink: self.urls.permalink(&location),
                    })
                    .collect();
                vars.insert("alias", &AliasView { targets });
                let title = format!("{}{}{}", t(before), alias.slug, t(after));
                ("alias.html", title, "alias")
            }
            Job::NotFound => ("404.html", t("not_found_title"), "404"),
            Job::Search => ("search.html", t("search"), "search"),
            Job::Feed(theme) => {
                let (members, title, home) = match theme {
                    None => (self.all.as_slice(), self.site.title.clone(), String::new()),
                    Some(i) => (
                        a.themes[i].1.speeches.as_slice(),
                        format!("{} · {}", a.themes[i].0.name, self.site.title),
                        locations::theme(&a.themes[i].0.slug),
                    ),
                };
                let entries: Vec<&Summary> = members
                    .iter()
                    .take(FEED_ENTRIES)
                    .map(|&i| &self.summaries[i])
                    .collect();
                // The newest speech dates the feed: never the build time, so
                // rebuilding unchanged content changes nothing.
                let updated = entries
                    .iter()
                    .map(|e| e.date_rfc3339.as_str())
                    .max()
                    .unwrap_or("1970-01-01T00:00:00Z")
                    .to_string();
                vars.insert("entries", &entries);
                vars.insert("feed_home", &self.urls.permalink(&home));
                vars.insert("feed_updated", &updated);
                ("atom.xml", title, "feed")
            }
            Job::Sitemap => {
                let entries: Vec<SitemapEntry> = jobs
                    .iter()
                    .filter(|j| {
                        !matches!(
                            j,
                            Job::Alias(..)
                                | Job::NotFound
                                | Job::Search
                                | Job::Feed(_)
                                | Job::Sitemap
                        )
                    })
                    .map(|&j| SitemapEntry {
                        permalink: self.urls.permalink(&self.location(j)),
                        lastmod: match j {
                            Job::Speech(i) => {
                                let d = a.speeches[i].date;
                                d.day.map(|_| d.iso()).unwrap_or_default()
                            }
                            _ => String::new(),
                        },
                    })
                    .collect();
                vars.insert("entries", &entries);
                ("sitemap.xml", String::new(), "sitemap")
            }
        }
    }

    fn listing_view(&self, kind: ListKind, count: usize, first: &str) -> ListingView {
        let a = self.archive;
        let (kind_name, name, description, feed) = match kind {
            ListKind::All => (
                "all",
                String::new(),
                String::new(),
                locations::FEED.to_string(),
            ),
            ListKind::Theme(i) => {
                let theme = &a.themes[i].0;
                (
                    "theme",
                    theme.name.clone(),
                    theme.description.clone(),
                    locations::theme_feed(&theme.slug),
                )
            }
            ListKind::Year(i) => (
                "year",
                view::year_name(&a.years[i].name, self.site),
                String::new(),
                String::new(),
            ),
            ListKind::Speaker(i) => (
                "speaker",
                a.speakers[i].group.name.clone(),
                a.speakers[i].bio.clone(),
                String::new(),
            ),
            ListKind::Tag(i) => ("tag", a.tags[i].name.clone(), String::new(), String::new()),
        };
        let spellings = match kind {
            ListKind::Speaker(i) => a.speakers[i].spellings.clone(),
            _ => Vec::new(),
        };
        let link = |group: &Group, location: String| NameLink {
            name: group.name.clone(),
            url: self.urls.path(&location),
        };
        let homophones = match kind {
            ListKind::Speaker(i) => a.speakers[i]
                .homophones
                .iter()
                .map(|&o| {
                    let group = &a.speakers[o].group;
                    link(group, locations::speaker(&group.slug))
                })
                .collect(),
            ListKind::Tag(i) => a.tag_homophones[i]
                .iter()
                .map(|&o| link(&a.tags[o], locations::tag(&a.tags[o].slug)))
                .collect(),
            _ => Vec::new(),
        };
        ListingView {
            kind: kind_name,
            name,
            description,
            url: self.urls.path(first),
            count,
            feed_url: if feed.is_empty() {
                feed
            } else {
                self.urls.path(&feed)
            },
            spellings,
            homophones,
        }
    }
}

#[derive(Serialize)]
struct SitemapEntry {
    permalink: String,
    lastmod: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_context_keeps_the_shared_variables_and_forgets_each_pages_own() {
        let mut shared = Context::new();
        shared.insert("site", &"the site");
        let mut context = PageContext::new(&shared);
        context.insert("speech", &"a speech");
        context.insert("page", &"its page");
        context.clear();
        assert!(!context.context.contains_key("speech"));
        assert!(!context.context.contains_key("page"));
        assert_eq!(
            context.context.get("site"),
            Some(&tera::Value::from("the site"))
        );
        context.insert("listing", &"a list");
        assert_eq!(
            context.context.get("listing"),
            Some(&tera::Value::from("a list"))
        );
    }
}
