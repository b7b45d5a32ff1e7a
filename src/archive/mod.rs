//! Archive: the loaded speeches in reading order, and the groupings the site is
//! built from (themes, years, speakers, related speeches). Plain data, no HTML.

pub mod analysis;
mod related;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

use analysis::Analysis;

use crate::config::{Site, Theme};
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::slug;
use crate::speech::Speech;

/// Speeches grouped under one name: a theme, a year or a speaker.
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
    /// By number of speeches, then by name.
    pub speakers: Vec<Group>,
    /// Per speech, the indices of up to five related speeches.
    pub related: Arc<Vec<Vec<usize>>>,
    /// Per speech, what segmentation found (word boundaries for search).
    pub analyses: Vec<Arc<Analysis>>,
}

impl Archive {
    /// Groups the speeches and finds related ones, taking over from `memory`
    /// what an earlier build found.
    pub fn new(
        mut speeches: Vec<Arc<Speech>>,
        site: &Site,
        jieba: &Jieba,
        memory: &Memory,
    ) -> Archive {
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
        let speakers = speaker_groups(&speeches);
        let analyses = analysis::analyse(&speeches, site, jieba, &memory.analyses);
        let words = words_fingerprint(&analyses);
        let related = match &memory.related {
            Some((known, related)) if *known == words => Arc::clone(related),
            _ => Arc::new(related::related(
                &analyses,
                &analysis::document_frequency(&analyses),
            )),
        };
        Archive {
            speeches,
            themes,
            years,
            speakers,
            related,
            analyses,
        }
    }

    /// What a later build can take over from this one.
    pub fn memory(&self) -> Memory {
        Memory {
            analyses: self
                .analyses
                .iter()
                .map(|analysis| (analysis.text_key, Arc::clone(analysis)))
                .collect(),
            related: Some((words_fingerprint(&self.analyses), Arc::clone(&self.related))),
        }
    }

    /// Frees the speeches' plain text once nothing needs it any more (after the
    /// search index is written); pages use the HTML and the precomputed figures.
    /// Speeches shared with a [`crate::load::Memo`] keep it for the next rebuild.
    pub fn release_texts(&mut self) {
        for speech in &mut self.speeches {
            if let Some(speech) = Arc::get_mut(speech) {
                speech.text = String::new();
            }
        }
    }

    pub fn speaker_slug(&self, name: &str) -> Option<&str> {
        self.speakers
            .iter()
            .find(|g| g.name == name)
            .map(|g| g.slug.as_str())
    }
}

/// What an archive can take over from an earlier one (the build cache and
/// `lectern serve` keep it): segmentations, by the fingerprint of the text they
/// were found in, and the related speeches, which depend on nothing but the
/// frequent words of every speech, in archive order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Memory {
    pub analyses: HashMap<Fingerprint, Arc<Analysis>>,
    pub related: Option<(Fingerprint, Arc<Vec<Vec<usize>>>)>,
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

/// Groups speeches by speaker. Slugs are pinyin; two names with the same pinyin
/// (李强, 李蔷) get numbered slugs, assigned in name order so they are stable.
fn speaker_groups(speeches: &[Arc<Speech>]) -> Vec<Group> {
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, speech) in speeches.iter().enumerate() {
        if !speech.speaker.is_empty() {
            by_name.entry(&speech.speaker).or_default().push(i);
        }
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut groups: Vec<Group> = by_name
        .into_iter()
        .map(|(name, members)| {
            let mut base = slug::slugify(name);
            if base.is_empty() {
                base = "speaker".to_string();
            }
            let slug = (1..)
                .map(|n| {
                    if n == 1 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    }
                })
                .find(|candidate| !taken.contains(candidate))
                .expect("some numbered slug is free");
            taken.insert(slug.clone());
            Group {
                name: name.to_string(),
                slug,
                speeches: members,
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        b.speeches
            .len()
            .cmp(&a.speeches.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    groups
}
