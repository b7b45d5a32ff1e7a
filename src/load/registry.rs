//! `speakers.toml`: the optional registry of speakers, next to `site.toml`.
//! Each entry is one person: the name to show, the URL slug to keep, the other
//! spellings that are this person, and a short biography for their page.
//!
//! ```toml
//! [[speaker]]
//! name = "王凯"
//! slug = "wang-kai"
//! aliases = ["王楷"]
//! bio = "市总工会主席（2012—2018）。"
//! ```

use crate::t;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{line_column, Diagnostic};
use crate::names;
use crate::slug;

pub(crate) const REGISTRY_FILE: &str = "speakers.toml";

/// The people of `speakers.toml`, in its order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    pub people: Vec<Person>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// The slug to keep; `None`: the one lectern gives the name.
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    pub bio: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    speaker: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: Spanned<String>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    bio: String,
}

impl Registry {
    /// Reads `speakers.toml` from the site root; no file is an empty registry.
    pub fn load(root: &Path) -> Result<Registry, Vec<Diagnostic>> {
        let path = root.join(REGISTRY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Registry::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Registry::default()),
            Err(e) => Err(vec![Diagnostic::error(t!("cannot-read", error = e))
                .in_file(&path)
                .help(t!("registry-unreadable-help"))]),
        }
    }

    /// Reads the registry and reports every problem in it at once, each at its
    /// line and column.
    pub fn parse(text: &str, path: &Path) -> Result<Registry, Vec<Diagnostic>> {
        let at = |span: Range<usize>, message: String, help: String| {
            let (line, column) = line_column(text, span.start);
            Diagnostic::error(message)
                .in_file(path)
                .at(line, Some(column))
                .help(help)
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let message = t!("toml-syntax", detail = e.message().trim());
            let help = t!("registry-syntax-help");
            vec![match e.span() {
                Some(span) => at(span, message, help),
                None => Diagnostic::error(message).in_file(path).help(help),
            }]
        })?;
        let mut problems = Vec::new();
        // Every spelling's key, with the entry it belongs to and where it is.
        let mut spellings: BTreeMap<String, (usize, Range<usize>)> = BTreeMap::new();
        let mut slugs: BTreeMap<String, Range<usize>> = BTreeMap::new();
        for (i, entry) in file.speaker.iter().enumerate() {
            if entry.name.get_ref().trim().is_empty() {
                problems.push(at(
                    entry.name.span(),
                    t!("registry-empty-name"),
                    t!("registry-empty-name-help"),
                ));
            }
            if let Some(slug) = &entry.slug {
                problems.extend(
                    slug_problem(slug, &mut slugs)
                        .map(|(span, message, help)| at(span, message, help)),
                );
            }
            for spelling in std::iter::once(&entry.name).chain(&entry.aliases) {
                let key = names::key(spelling.get_ref());
                match spellings.get(&key) {
                    Some((other, _)) if *other == i => {}
                    Some((other, first)) => {
                        let (line, _) = line_column(text, first.start);
                        problems.push(at(
                            spelling.span(),
                            t!(
                                "registry-spelling-taken",
                                spelling = format!("{:?}", spelling.get_ref()),
                                person = format!("{:?}", file.speaker[*other].name.get_ref()),
                                line = line
                            ),
                            t!("registry-spelling-taken-help"),
                        ));
                    }
                    None => {
                        spellings.insert(key, (i, spelling.span()));
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Registry {
            people: file
                .speaker
                .into_iter()
                .map(|entry| Person {
                    name: names::tidy(entry.name.get_ref()),
                    slug: entry.slug.map(Spanned::into_inner),
                    aliases: entry.aliases.into_iter().map(Spanned::into_inner).collect(),
                    bio: entry.bio.trim().to_string(),
                })
                .collect(),
        })
    }
}

/// A slug must be URL-safe, short, and one person's.
fn slug_problem(
    slug: &Spanned<String>,
    seen: &mut BTreeMap<String, Range<usize>>,
) -> Option<(Range<usize>, String, String)> {
    let value = slug.get_ref();
    if !slug::is_valid(value) || value.len() > slug::MAX_BYTES {
        return Some((
            slug.span(),
            t!("registry-slug-invalid", slug = format!("{value:?}")),
            t!("registry-slug-invalid-help"),
        ));
    }
    // Static hosts often ignore case, so slugs differing in case are one address.
    let lower = value.to_lowercase();
    if seen.contains_key(&lower) {
        return Some((
            slug.span(),
            t!("registry-slug-twice", slug = format!("{value:?}")),
            t!("registry-slug-twice-help"),
        ));
    }
    seen.insert(lower, slug.span());
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registry_gives_names_slugs_aliases_and_bios() {
        let text = "[[speaker]]\nname = \"王凯\"\nslug = \"wang-kai\"\naliases = [\"王楷\"]\nbio = \"市总工会主席。\"\n\n[[speaker]]\nname = \"李 强\"\n";
        let registry = Registry::parse(text, Path::new("speakers.toml")).unwrap();
        assert_eq!(
            registry.people,
            [
                Person {
                    name: "王凯".into(),
                    slug: Some("wang-kai".into()),
                    aliases: vec!["王楷".into()],
                    bio: "市总工会主席。".into(),
                },
                Person {
                    name: "李强".into(),
                    slug: None,
                    aliases: vec![],
                    bio: String::new(),
                },
            ]
        );
    }

    fn places(text: &str) -> Vec<(Option<usize>, Option<usize>, String)> {
        let mut found: Vec<_> = Registry::parse(text, Path::new("speakers.toml"))
            .unwrap_err()
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn every_problem_is_reported_at_its_line_and_column() {
        let text = "[[speaker]]\nname = \"王凯\"\nslug = \"wang kai\"\n\n[[speaker]]\nname = \"李强\"\nslug = \"li\"\naliases = [\"王凱\"]\n\n[[speaker]]\nname = \"  \"\nslug = \"LI\"\n";
        let found = places(text);
        let at: Vec<_> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(
            at,
            [
                (Some(3), Some(8)),
                (Some(8), Some(12)),
                (Some(11), Some(8)),
                (Some(12), Some(8)),
            ],
            "{found:#?}"
        );
        assert!(found[0].2.contains("\"wang kai\" is not a URL segment"));
        assert!(found[1]
            .2
            .contains("\"王凱\" is listed for \"王凯\" already (line 2)"));
        assert!(found[2].2.contains("empty name"));
        assert!(found[3].2.contains("two speakers have the slug \"LI\""));
    }

    #[test]
    fn syntax_errors_and_unknown_keys_name_their_place() {
        let found = places("[[speaker]]\nname = \"王凯\"\nbiography = \"…\"\n");
        assert_eq!((found[0].0, found[0].1), (Some(3), Some(1)), "{found:?}");
        assert!(found[0].2.contains("biography"), "{found:?}");
        let found = places("[[speaker]]\nname = \"王凯\n");
        assert_eq!(found[0].0, Some(2), "{found:?}");
    }

    #[test]
    fn no_file_is_an_empty_registry() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Registry::load(dir.path()).unwrap(), Registry::default());
    }
}
