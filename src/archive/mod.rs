//! Archive: the loaded speeches in reading order, and the groupings the site is
//! built from (themes, years, speakers, tags, related speeches), with the pages
//! that are not speeches. Plain data, no HTML.

pub(crate) mod analysis;
mod related;
pub(crate) mod speakers;
pub(crate) mod tags;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use jieba_rs::Jieba;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use analysis::Analysis;

use crate::config::{Site, Theme};
use crate::diagnostic::{self, Diagnostic};
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::load::registry::Registry;
use crate::names::Alias;
use crate::page::Page;
use crate::speech::Speech;
use speakers::Speaker;

/// Speeches grouped under one name: a theme, a year, a speaker or a tag.
/// `speeches` are indices into [`Archive::speeches`], newest first.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub slug: String,
    pub speeches: Vec<usize>,
}

#[derive(Debug)]
pub struct Archive {
    /// Newest first; ties broken by title and slug so the order never varies.
    pub speeches: Vec<Arc<Speech>>,
    /// One group per theme of `site.toml`, in its order, also when empty.
    pub themes: Vec<(Theme, Group)>,
    /// Newest year first.
    pub years: Vec<Group>,
    /// One per person, by number of speeches, then by name.
    pub speakers: Vec<Speaker>,
    /// Per speech, its speaker (an index into `speakers`).
    pub speaker_of: Vec<Option<usize>>,
    /// Names that may be one person's, for `lectern check`.
    pub speaker_notes: Vec<Diagnostic>,
    /// By number of speeches, then by name.
    pub tags: Vec<Group>,
    /// Per speech, its tags (indices into `tags`).
    pub tag_of: Vec<Vec<usize>>,
    /// Per tag, the other tags with the same pinyin.
    pub tag_homophones: Vec<Vec<usize>>,
    /// Plain pinyin addresses of speakers and of tags, each leading to the
    /// ones with that pinyin (`speakers/wang-kai/`).
    pub speaker_aliases: Vec<Alias>,
    pub tag_aliases: Vec<Alias>,
    /// The pages that are not speeches, in link order (weight, then title).
    pub pages: Vec<Arc<Page>>,
    /// Per speech, the indices of up to five related speeches.
    pub related: Arc<Vec<Vec<usize>>>,
    /// Per speech, what segmentation found (word boundaries for search).
    pub analyses: Vec<Arc<Analysis>>,
    /// Per page the search finds (`searchable = true`), in `pages` order: the
    /// page's index and what segmentation found.
    pub page_analyses: Vec<(usize, Arc<Analysis>)>,
    /// The exact related speeches a later build may take over: this archive's,
    /// or the earlier ones when `related` was only carried over from them.
    exact_related: RelatedMemory,
}

/// How an archive gets its related speeches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Related {
    /// Computed for this archive (or taken over when no speech's frequent words
    /// changed): what every build that is published does.
    Exact,
    /// Each speech keeps the list it had in the earlier build, where it had
    /// one. Related speeches are archive-wide (one edited speech changes the
    /// weight of its words everywhere), so `lectern serve` shows an edit with
    /// the lists carried over first, and computes them afresh right after.
    CarriedOver,
}

/// What an archive is made of: the speeches and pages to publish, and the
/// registry of speakers.
pub struct Sources {
    pub speeches: Vec<Arc<Speech>>,
    pub pages: Vec<Arc<Page>>,
    pub registry: Registry,
}

impl Archive {
    /// Groups the speeches and finds related ones, taking over from `memory`
    /// what an earlier build found. Fails when two speakers or two tags would
    /// share an address (`root` is the site, to name `speakers.toml`), or when
    /// a text to segment cannot be read back from the spool.
    pub fn new(
        sources: Sources,
        site: &Site,
        root: &Path,
        jieba: &Jieba,
        memory: &Memory,
        related: Related,
    ) -> Result<Archive, Vec<Diagnostic>> {
        let Sources {
            mut speeches,
            mut pages,
            registry,
        } = sources;
        speeches.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let themes = site
            .themes
            .iter()
            .map(|theme| {
                let members = indices(&speeches, |s| s.themes.contains(&theme.name));
                let group = Group {
                    name: theme.name.clone(),
                    slug: theme.slug.clone(),
                    speeches: members,
                };
                (theme.clone(), group)
            })
            .collect();
        let mut by_year: BTreeMap<i16, Vec<usize>> = BTreeMap::new();
        for (i, speech) in speeches.iter().enumerate() {
            by_year.entry(speech.date.year).or_default().push(i);
        }
        let years = by_year
            .into_iter()
            .rev()
            .map(|(year, members)| Group {
                name: year.to_string(),
                slug: year.to_string(),
                speeches: members,
            })
            .collect();
        let speakers = speakers::group(&speeches, &registry, root);
        let tags = tags::group(&speeches);
        let (speakers, tags) = diagnostic::both(speakers, tags)?;
        pages.sort_by(|a, b| (a.weight, &a.title, &a.slug).cmp(&(b.weight, &b.title, &b.slug)));
        let (analyses, page_analyses) = diagnostic::both(
            analysis::analyse(&speeches, site, jieba, &memory.analyses),
            analysis::analyse_pages(&pages, jieba, &memory.analyses),
        )?;
        let exact_related = match (&memory.related, related) {
            (Some(known), Related::CarriedOver) => known.clone(),
            (known, _) => {
                // The lists depend on the words only, by position: they stay
                // right for these speeches under their present slugs.
                let words = words_fingerprint(&analyses);
                let lists = match known {
                    Some(known) if known.words == words => Arc::clone(&known.lists),
                    _ => Arc::new(related::related(
                        &analyses,
                        &analysis::document_frequency(&analyses),
                    )),
                };
                RelatedMemory {
                    words,
                    lists,
                    slugs: Arc::new(speeches.iter().map(|s| s.slug.clone()).collect()),
                }
            }
        };
        // The same lists unless they were carried over from other speeches.
        let lists = exact_related.carried_to(&speeches);
        Ok(Archive {
            speeches,
            themes,
            years,
            speakers: speakers.people,
            speaker_of: speakers.of_speech,
            speaker_notes: speakers.notes,
            tags: tags.groups,
            tag_of: tags.of_speech,
            tag_homophones: tags.homophones,
            speaker_aliases: speakers.aliases,
            tag_aliases: tags.aliases,
            pages,
            related: lists,
            analyses,
            page_analyses,
            exact_related,
        })
    }

    /// What a later build can take over from this one.
    pub fn memory(&self) -> Memory {
        Memory {
            analyses: self
                .analyses
                .iter()
                .chain(self.page_analyses.iter().map(|(_, analysis)| analysis))
                .map(|analysis| (analysis.text_key, Arc::clone(analysis)))
                .collect(),
            related: Some(self.exact_related.clone()),
        }
    }

    /// The speaker of speech `i`, if it names one.
    pub fn speaker(&self, i: usize) -> Option<&Speaker> {
        self.speaker_of[i].map(|person| &self.speakers[person])
    }
}

/// What an archive can take over from an earlier one (the build cache and
/// `lectern serve` keep it): segmentations, by the fingerprint of the text they
/// were found in, and the related speeches.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Memory {
    pub analyses: HashMap<Fingerprint, Arc<Analysis>>,
    pub related: Option<RelatedMemory>,
}

/// Related speeches as computed for one archive. They depend on nothing but the
/// frequent words of every speech, in archive order (`words`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RelatedMemory {
    words: Fingerprint,
    lists: Arc<Vec<Vec<usize>>>,
    /// The slug of each speech the lists are about, in that archive's order.
    slugs: Arc<Vec<String>>,
}

impl RelatedMemory {
    /// The earlier lists for `speeches`, by slug: a speech that is new gets no
    /// related speeches, and speeches that are gone drop out of every list.
    fn carried_to(&self, speeches: &[Arc<Speech>]) -> Arc<Vec<Vec<usize>>> {
        // An edit seldom moves a speech: then the lists are the same.
        if self.slugs.len() == speeches.len()
            && speeches
                .iter()
                .zip(self.slugs.iter())
                .all(|(s, slug)| s.slug == *slug)
        {
            return Arc::clone(&self.lists);
        }
        let now: FxHashMap<&str, usize> = speeches
            .iter()
            .enumerate()
            .map(|(i, s)| (s.slug.as_str(), i))
            .collect();
        let before: FxHashMap<&str, usize> = self
            .slugs
            .iter()
            .enumerate()
            .map(|(i, slug)| (slug.as_str(), i))
            .collect();
        let lists = speeches
            .iter()
            .map(|speech| match before.get(speech.slug.as_str()) {
                Some(&earlier) => self.lists[earlier]
                    .iter()
                    .filter_map(|&other| now.get(self.slugs[other].as_str()).copied())
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        Arc::new(lists)
    }
}

/// Everything related speeches are computed from.
fn words_fingerprint(analyses: &[Arc<Analysis>]) -> Fingerprint {
    let mut words = Vec::with_capacity(analyses.len() * 64 * 12);
    for analysis in analyses {
        words.extend_from_slice(&(analysis.frequent_words.len() as u32).to_le_bytes());
        for &(word, count) in &analysis.frequent_words {
            words.extend_from_slice(&word.to_le_bytes());
            words.extend_from_slice(&count.to_le_bytes());
        }
    }
    let mut fingerprint = Fingerprinter::new("related");
    fingerprint.bytes(&words);
    fingerprint.finish()
}

fn indices(speeches: &[Arc<Speech>], keep: impl Fn(&Speech) -> bool) -> Vec<usize> {
    speeches
        .iter()
        .enumerate()
        .filter(|(_, s)| keep(s))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn speeches(slugs: &[&str]) -> Vec<Arc<Speech>> {
        let spool = crate::spool::Spool::new(&std::env::temp_dir()).unwrap();
        slugs
            .iter()
            .map(|slug| {
                Arc::new(Speech {
                    source_path: format!("{slug}.md").into(),
                    slug_at: (1, 1),
                    slug: slug.to_string(),
                    title: slug.to_string(),
                    date: crate::speech::PartialDate::parse("2014").unwrap(),
                    speaker: String::new(),
                    speaker_at: (1, 1),
                    role: String::new(),
                    occasion: String::new(),
                    place: String::new(),
                    organization: String::new(),
                    themes: Vec::new(),
                    tags: Vec::new(),
                    source: String::new(),
                    summary: String::new(),
                    draft: false,
                    body: crate::speech::Body::spool("", "", &spool).unwrap(),
                    headings: Vec::new(),
                    char_count: 0,
                    text_key: Fingerprint(0),
                })
            })
            .collect()
    }

    #[test]
    fn carried_over_lists_follow_the_speeches_by_slug() {
        let earlier = RelatedMemory {
            words: Fingerprint(1),
            lists: Arc::new(vec![vec![1, 2], vec![0], vec![0, 1]]),
            slugs: Arc::new(vec!["a".into(), "b".into(), "c".into()]),
        };
        let same = earlier.carried_to(&speeches(&["a", "b", "c"]));
        assert!(Arc::ptr_eq(&same, &earlier.lists));
        // b is gone, d is new, and the order changed.
        let moved = earlier.carried_to(&speeches(&["d", "c", "a"]));
        assert_eq!(*moved, vec![vec![], vec![2], vec![1]]);
    }
}
