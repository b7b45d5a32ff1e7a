//! Tags: the free keywords of speeches, each with a list page as themes have.
//! Spellings of one tag are grouped like speakers' names (see [`crate::names`]),
//! and slugs follow the same rule, so no tag can move another one.

use crate::t;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::speakers::others_in;
use super::Group;
use crate::diagnostic::Diagnostic;
use crate::names::{self, Alias, Named};
use crate::speech::Speech;

#[derive(Debug, Default)]
pub(crate) struct Tags {
    /// By number of speeches, then by name.
    pub groups: Vec<Group>,
    /// Per speech (in archive order), its tags in the order it gives them.
    pub of_speech: Vec<Vec<usize>>,
    /// Per tag, the other tags with the same pinyin (indices).
    pub homophones: Vec<Vec<usize>>,
    /// Plain pinyin addresses, each leading to the tags with that pinyin.
    pub aliases: Vec<Alias>,
}

/// Groups `speeches` (newest first) by tag.
pub(crate) fn group(speeches: &[Arc<Speech>]) -> Result<Tags, Vec<Diagnostic>> {
    let mut by_key: BTreeMap<String, (Vec<usize>, Vec<&str>)> = BTreeMap::new();
    let mut keys_of: Vec<Vec<String>> = Vec::with_capacity(speeches.len());
    for (i, speech) in speeches.iter().enumerate() {
        let mut keys: Vec<String> = Vec::new();
        for tag in &speech.tags {
            let key = names::key(tag);
            if keys.contains(&key) {
                continue;
            }
            let entry = by_key.entry(key.clone()).or_default();
            entry.0.push(i);
            entry.1.push(tag.as_str());
            keys.push(key);
        }
        keys_of.push(keys);
    }
    let mut found: Vec<(String, String, Vec<usize>)> = by_key
        .into_iter()
        .map(|(key, (members, written))| (key, names::most_written(written), members))
        .collect();
    found.sort_by(|a, b| {
        b.2.len()
            .cmp(&a.2.len())
            .then_with(|| (&a.1, &a.0).cmp(&(&b.1, &b.0)))
    });
    let named: Vec<Named> = found
        .iter()
        .map(|(key, _, _)| Named { key, fixed: None })
        .collect();
    let slugs = names::assign_slugs(&named);
    if !slugs.clashes.is_empty() {
        return Err(slugs
            .clashes
            .iter()
            .map(|(slug, members)| {
                let who: Vec<String> = members
                    .iter()
                    .map(|&m| format!("{:?}", found[m].1))
                    .collect();
                let first = members
                    .iter()
                    .flat_map(|&m| found[m].2.iter().map(|&i| &speeches[i].source_path))
                    .min()
                    .expect("a tag has speeches");
                Diagnostic::error(t!(
                    "tags-same-place",
                    tags = who.join(&t!("list-and")),
                    url = format!("tags/{slug}/")
                ))
                .in_file(first)
                .help(t!("tags-same-place-help"))
            })
            .collect());
    }
    let position: BTreeMap<&str, usize> = found
        .iter()
        .enumerate()
        .map(|(i, (key, _, _))| (key.as_str(), i))
        .collect();
    let of_speech = keys_of
        .iter()
        .map(|keys| keys.iter().map(|key| position[key.as_str()]).collect())
        .collect();
    let groups: Vec<Group> = found
        .into_iter()
        .zip(slugs.slugs)
        .map(|((_, name, speeches), slug)| Group {
            name,
            slug,
            speeches,
        })
        .collect();
    let homophones = (0..groups.len())
        .map(|i| others_in(&slugs.homophones, i))
        .collect();
    Ok(Tags {
        groups,
        of_speech,
        homophones,
        aliases: slugs.aliases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_grouped_by_spelling_and_get_stable_slugs() {
        let mut all = super::super::tests::speeches(&["a", "b", "c"]);
        for ((speech, tags), year) in all
            .iter_mut()
            .zip([vec!["工会", "权利"], vec!["工會", "工会"], vec!["权力"]])
            .zip(["2020", "2019", "2010"])
        {
            let speech = Arc::get_mut(speech).unwrap();
            speech.tags = tags.into_iter().map(String::from).collect();
            speech.date = crate::speech::PartialDate::parse(year).unwrap();
        }
        let tags = group(&all).unwrap();
        let shown: Vec<(&str, &str, &[usize])> = tags
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.slug.as_str(), g.speeches.as_slice()))
            .collect();
        let hashed = |base: &str, key: &str| format!("{base}-{}", names::short_hash(key));
        let (hui, li, power) = (
            hashed("gong-hui", "工会"),
            hashed("quan-li", "权利"),
            hashed("quan-li", "权力"),
        );
        let mut expected = vec![
            ("工会", hui.as_str(), &[0, 1][..]),
            ("权利", li.as_str(), &[0][..]),
            ("权力", power.as_str(), &[2][..]),
        ];
        expected.sort_by_key(|&(name, _, speeches)| (std::cmp::Reverse(speeches.len()), name));
        assert_eq!(shown, expected);
        let at = |name: &str| tags.groups.iter().position(|g| g.name == name).unwrap();
        assert_eq!(tags.of_speech[0], [at("工会"), at("权利")]);
        assert_eq!(
            tags.of_speech[1],
            [at("工会")],
            "one tag written twice is one"
        );
        assert_eq!(tags.homophones[at("权利")], [at("权力")]);
        assert!(tags.homophones[at("工会")].is_empty());
    }
}
