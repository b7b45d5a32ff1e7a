//! One speaker per person: the spellings of a name grouped under one key (see
//! [`crate::names`]), the people of `speakers.toml` with their aliases, and
//! slugs that another speaker appearing never moves.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::Group;
use crate::diagnostic::Diagnostic;
use crate::load::registry::{Person, Registry, REGISTRY_FILE};
use crate::names::{self, Named};
use crate::speech::Speech;

/// A person and their speeches.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// `name` is the registry's, or else the spelling written most often.
    pub group: Group,
    /// From `speakers.toml`.
    pub bio: String,
    /// The other spellings the speeches use (tidied), sorted.
    pub spellings: Vec<String>,
}

/// A pinyin slug that several names share and none has: its page leads to each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedSlug {
    pub slug: String,
    /// Indices into the list of speakers (or tags), in its order.
    pub members: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Speakers {
    /// By number of speeches, then by name.
    pub people: Vec<Speaker>,
    /// Per speech (in archive order), its speaker.
    pub of_speech: Vec<Option<usize>>,
    pub shared: Vec<SharedSlug>,
    /// Spellings that may be one person's, for `lectern check`.
    pub notes: Vec<Diagnostic>,
}

/// Who a speaker field names: a person of the registry, or a name of its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Identity {
    Registered(usize),
    Named(String),
}

/// Everything known of one identity while grouping.
struct Found<'a> {
    identity: Identity,
    key: String,
    name: String,
    /// Newest first.
    speeches: Vec<usize>,
    /// The speaker field of each speech, trimmed.
    written: Vec<&'a str>,
}

/// Groups `speeches` (newest first) by person. Fails only when two people would
/// still share an address (see [`names::assign_slugs`]).
pub fn group(
    speeches: &[Arc<Speech>],
    registry: &Registry,
    root: &Path,
) -> Result<Speakers, Vec<Diagnostic>> {
    let mut registered: BTreeMap<String, usize> = BTreeMap::new();
    for (i, person) in registry.people.iter().enumerate() {
        for spelling in std::iter::once(&person.name).chain(&person.aliases) {
            registered.entry(names::key(spelling)).or_insert(i);
        }
    }
    let mut by_identity: BTreeMap<Identity, (Vec<usize>, Vec<&str>)> = BTreeMap::new();
    for (i, speech) in speeches.iter().enumerate() {
        let written = speech.speaker.trim();
        if written.is_empty() {
            continue;
        }
        let key = names::key(written);
        let identity = match registered.get(&key) {
            Some(&person) => Identity::Registered(person),
            None => Identity::Named(key),
        };
        let entry = by_identity.entry(identity).or_default();
        entry.0.push(i);
        entry.1.push(written);
    }
    let mut found: Vec<Found> = by_identity
        .into_iter()
        .map(|(identity, (members, written))| {
            let (key, name) = match &identity {
                Identity::Registered(person) => {
                    let name = &registry.people[*person].name;
                    (names::key(name), name.clone())
                }
                Identity::Named(key) => (key.clone(), names::most_written(written.iter().copied())),
            };
            Found {
                identity,
                key,
                name,
                speeches: members,
                written,
            }
        })
        .collect();
    found.sort_by(|a, b| {
        b.speeches
            .len()
            .cmp(&a.speeches.len())
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.identity.cmp(&b.identity))
    });

    // The registry's people without speeches keep their slugs too, so that
    // none of their addresses goes to someone else meanwhile.
    let quiet: Vec<(String, &Person)> = registry
        .people
        .iter()
        .enumerate()
        .filter(|(i, _)| !found.iter().any(|f| f.identity == Identity::Registered(*i)))
        .map(|(_, person)| (names::key(&person.name), person))
        .collect();
    let named: Vec<Named> = found
        .iter()
        .map(|f| Named {
            key: &f.key,
            fixed: fixed_slug(f, registry),
        })
        .chain(quiet.iter().map(|(key, person)| Named {
            key,
            fixed: person.slug.as_deref(),
        }))
        .collect();
    let slugs = names::assign_slugs(&named);
    if !slugs.clashes.is_empty() {
        let shown: Vec<&str> = found
            .iter()
            .map(|f| f.name.as_str())
            .chain(quiet.iter().map(|(_, person)| person.name.as_str()))
            .collect();
        return Err(clash_problems(
            &slugs.clashes,
            &shown,
            &found,
            speeches,
            registry,
            root,
        ));
    }

    let mut of_speech = vec![None; speeches.len()];
    for (person, f) in found.iter().enumerate() {
        for &i in &f.speeches {
            of_speech[i] = Some(person);
        }
    }
    let notes = notes(&found, speeches, registry);
    let people = found
        .into_iter()
        .zip(slugs.slugs)
        .map(|(f, slug)| {
            let mut spellings: Vec<String> = f
                .written
                .iter()
                .map(|w| names::tidy(w))
                .filter(|w| *w != f.name)
                .collect();
            spellings.sort();
            spellings.dedup();
            let bio = match f.identity {
                Identity::Registered(person) => registry.people[person].bio.clone(),
                Identity::Named(_) => String::new(),
            };
            Speaker {
                group: Group {
                    name: f.name,
                    slug,
                    speeches: f.speeches,
                },
                bio,
                spellings,
            }
        })
        .collect::<Vec<_>>();
    let shared = shared_slugs(slugs.shared, people.len());
    Ok(Speakers {
        people,
        of_speech,
        shared,
        notes,
    })
}

/// The shared slugs with the members that have a page (and so speeches).
pub fn shared_slugs(shared: Vec<(String, Vec<usize>)>, with_pages: usize) -> Vec<SharedSlug> {
    shared
        .into_iter()
        .filter_map(|(slug, members)| {
            let members: Vec<usize> = members.into_iter().filter(|&m| m < with_pages).collect();
            (!members.is_empty()).then_some(SharedSlug { slug, members })
        })
        .collect()
}

/// Says which names would share an address, and where to fix it. `shown` are
/// the names given slugs, in the order given.
fn clash_problems(
    clashes: &[(String, Vec<usize>)],
    shown: &[&str],
    found: &[Found],
    speeches: &[Arc<Speech>],
    registry: &Registry,
    root: &Path,
) -> Vec<Diagnostic> {
    clashes
        .iter()
        .map(|(slug, members)| {
            let who: Vec<String> = members.iter().map(|&m| format!("{:?}", shown[m])).collect();
            let problem = Diagnostic::error(format!(
                "the speakers {} would all be at speakers/{slug}/",
                who.join(" and ")
            ))
            .help(format!(
                "give one of them a slug of its own in {REGISTRY_FILE}: [[speaker]] name = \"…\" slug = \"…\""
            ));
            let first_file = members
                .iter()
                .filter_map(|&m| found.get(m))
                .filter(|f| fixed_slug(f, registry).is_none())
                .flat_map(|f| f.speeches.iter().map(|&i| &speeches[i].source_path))
                .min();
            match first_file {
                Some(path) => problem.in_file(path),
                None => problem.in_file(root.join(REGISTRY_FILE)),
            }
        })
        .collect()
}

/// The slug `speakers.toml` gives a person, if any.
fn fixed_slug<'r>(f: &Found, registry: &'r Registry) -> Option<&'r str> {
    match f.identity {
        Identity::Registered(person) => registry.people[person].slug.as_deref(),
        Identity::Named(_) => None,
    }
}

/// Warnings for `lectern check`: spellings taken as one person that differ
/// (by spacing, width or script) and that `speakers.toml` does not list, and
/// names of one length that differ in one character with the same pinyin.
fn notes(found: &[Found], speeches: &[Arc<Speech>], registry: &Registry) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    // The files that write each spelling of a person, in path order.
    let files_of = |f: &Found, spelling: &str| -> Vec<usize> {
        let mut files: Vec<usize> = f
            .speeches
            .iter()
            .zip(&f.written)
            .filter(|(_, w)| **w == spelling)
            .map(|(&i, _)| i)
            .collect();
        files.sort_by(|&a, &b| speeches[a].source_path.cmp(&speeches[b].source_path));
        files
    };
    let listed = |f: &Found, spelling: &str| match f.identity {
        Identity::Registered(person) => {
            let person = &registry.people[person];
            person.name == spelling || person.aliases.iter().any(|a| a.trim() == spelling)
        }
        Identity::Named(_) => false,
    };
    for f in found {
        let mut spellings: Vec<&str> = f.written.clone();
        spellings.sort_unstable();
        spellings.dedup();
        // Every file agrees: there is nothing to tell apart.
        if spellings.len() < 2 {
            continue;
        }
        for &spelling in &spellings {
            if spelling == f.name || listed(f, spelling) {
                continue;
            }
            let files = files_of(f, spelling);
            let speech = &speeches[files[0]];
            let elsewhere = spellings
                .iter()
                .filter(|&&other| other != spelling)
                .map(|&other| {
                    let others = files_of(f, other);
                    format!(
                        "{other:?} in {}",
                        some_files(others.iter().map(|&i| speeches[i].source_path.as_path()))
                    )
                })
                .collect::<Vec<_>>();
            let also = if files.len() > 1 {
                format!(
                    " (also in {})",
                    some_files(
                        files[1..]
                            .iter()
                            .map(|&i| speeches[i].source_path.as_path())
                    )
                )
            } else {
                String::new()
            };
            let (line, column) = speech.speaker_at;
            notes.push(
                Diagnostic::warning(format!(
                    "the speaker {spelling:?}{also} differs from {} only by {}; they are taken as one speaker, {}",
                    elsewhere.join(" and "),
                    how_they_differ(spelling, &f.name),
                    f.name
                ))
                .in_file(&speech.source_path)
                .at(line, Some(column))
                .help(format!(
                    "write speaker = {:?} here, or list {spelling:?} among the aliases of {:?} in {REGISTRY_FILE} to keep it as written",
                    f.name, f.name
                )),
            );
        }
    }
    notes.extend(homophones(found, speeches));
    notes
}

/// Names of one length whose pinyin is the same and that differ in one
/// character: perhaps one person, one name mistyped.
fn homophones(found: &[Found], speeches: &[Arc<Speech>]) -> Vec<Diagnostic> {
    let mut by_sound: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for (i, f) in found.iter().enumerate() {
        by_sound
            .entry(names::syllables(&f.key))
            .or_default()
            .push(i);
    }
    let mut notes = Vec::new();
    for members in by_sound.values().filter(|m| m.len() > 1) {
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                let (fa, fb) = (&found[a], &found[b]);
                if matches!(
                    (&fa.identity, &fb.identity),
                    (Identity::Registered(_), Identity::Registered(_))
                ) {
                    continue;
                }
                let differing: Vec<(char, char)> = fa
                    .key
                    .chars()
                    .zip(fb.key.chars())
                    .filter(|(x, y)| x != y)
                    .collect();
                let [(ca, cb)] = differing[..] else {
                    continue;
                };
                // The one with fewer speeches is more likely the mistyped one;
                // `found` is sorted by number of speeches, so that is `b`.
                let (rare, common, (c_rare, c_common)) = (fb, fa, (cb, ca));
                let file = |f: &Found| {
                    f.speeches
                        .iter()
                        .map(|&i| &speeches[i])
                        .min_by(|x, y| x.source_path.cmp(&y.source_path))
                        .expect("a speaker has speeches")
                };
                let speech = file(rare);
                let (line, column) = speech.speaker_at;
                let sound = names::syllables(&c_rare.to_string()).concat();
                notes.push(
                    Diagnostic::warning(format!(
                        "the speaker {:?} ({}) differs from {:?} ({}) in one character with the same pinyin, {c_rare}/{c_common} ({sound}): are they one person?",
                        rare.name,
                        count_of(rare.speeches.len()),
                        common.name,
                        some_files(common.speeches.iter().map(|&i| speeches[i].source_path.as_path())),
                    ))
                    .in_file(&speech.source_path)
                    .at(line, Some(column))
                    .help(format!(
                        "if it is a typo, correct it; if they are one person, add {:?} to the aliases of {:?} in {REGISTRY_FILE}; if they are two, give each a [[speaker]] entry there, which silences this",
                        rare.name, common.name
                    )),
                );
            }
        }
    }
    notes
}

fn count_of(n: usize) -> String {
    if n == 1 {
        "1 speech".to_string()
    } else {
        format!("{n} speeches")
    }
}

/// Up to three files, and how many more there are.
fn some_files<'a>(paths: impl Iterator<Item = &'a Path>) -> String {
    let mut paths: Vec<&Path> = paths.collect();
    paths.sort();
    paths.dedup();
    let shown: Vec<String> = paths
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    match paths.len().saturating_sub(3) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// What sets two spellings of one key apart, for messages: spacing, width
/// (full-width letters, letter case), or script (traditional and simplified).
fn how_they_differ(a: &str, b: &str) -> String {
    let spaced =
        |s: &str| -> Vec<usize> { s.split_whitespace().map(|w| w.chars().count()).collect() };
    let mut ways = Vec::new();
    if spaced(a) != spaced(b) {
        ways.push("spacing");
    }
    let bare = |s: &str| -> Vec<char> { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let (a, b) = (bare(a), bare(b));
    let narrow = |c: char| names::tidy(&c.to_string()).to_lowercase();
    if a.len() != b.len() {
        ways.push("width or punctuation");
    } else {
        let pairs: Vec<(char, char)> = a
            .iter()
            .zip(&b)
            .filter(|(x, y)| x != y)
            .map(|(x, y)| (*x, *y))
            .collect();
        if pairs.iter().any(|&(x, y)| narrow(x) == narrow(y)) {
            ways.push("full-width forms or letter case");
        }
        if pairs.iter().any(|&(x, y)| {
            narrow(x) != narrow(y) && names::key(&x.to_string()) == names::key(&y.to_string())
        }) {
            ways.push("traditional and simplified characters");
        }
        if pairs
            .iter()
            .any(|&(x, y)| names::key(&x.to_string()) != names::key(&y.to_string()))
        {
            ways.push("punctuation");
        }
    }
    ways.join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speeches(speakers: &[(&str, &str)]) -> Vec<Arc<Speech>> {
        super::super::tests::speeches(&speakers.iter().map(|(file, _)| *file).collect::<Vec<_>>())
            .into_iter()
            .zip(speakers)
            .map(|(speech, (_, speaker))| {
                let mut speech = Arc::unwrap_or_clone(speech);
                speech.speaker = speaker.to_string();
                Arc::new(speech)
            })
            .collect()
    }

    fn summary(s: &Speakers) -> Vec<(String, String, usize)> {
        s.people
            .iter()
            .map(|p| {
                (
                    p.group.name.clone(),
                    p.group.slug.clone(),
                    p.group.speeches.len(),
                )
            })
            .collect()
    }

    #[test]
    fn spellings_of_one_name_are_one_speaker() {
        let all = speeches(&[("a", "王 凯"), ("b", "王凯"), ("c", "王凱"), ("d", "李强")]);
        let s = group(&all, &Registry::default(), Path::new("")).unwrap();
        assert_eq!(
            summary(&s),
            [
                ("王凯".into(), "wang-kai".into(), 3),
                ("李强".into(), "li-qiang".into(), 1)
            ]
        );
        assert_eq!(s.of_speech, [Some(0), Some(0), Some(0), Some(1)]);
        assert_eq!(s.people[0].spellings, ["王凱"]);
    }

    #[test]
    fn the_order_speeches_come_in_changes_nothing() {
        let forward = speeches(&[("a", "李强"), ("b", "李蔷"), ("c", "王凱"), ("d", "王凯")]);
        let mut backward = forward.clone();
        backward.reverse();
        let (f, b) = (
            group(&forward, &Registry::default(), Path::new("")).unwrap(),
            group(&backward, &Registry::default(), Path::new("")).unwrap(),
        );
        let mut fs = summary(&f);
        let mut bs = summary(&b);
        fs.sort();
        bs.sort();
        assert_eq!(fs, bs);
        assert_eq!(f.shared, b.shared);
    }

    #[test]
    fn the_registry_names_people_and_keeps_their_slugs() {
        let registry = Registry {
            people: vec![Person {
                name: "王凯".into(),
                slug: Some("wang-kai".into()),
                aliases: vec!["王楷".into()],
                bio: "市总工会主席。".into(),
            }],
        };
        let all = speeches(&[("a", "王楷"), ("b", "王 凯"), ("c", "王锴")]);
        let s = group(&all, &registry, Path::new("")).unwrap();
        assert_eq!(
            summary(&s),
            [
                ("王凯".into(), "wang-kai".into(), 2),
                (
                    "王锴".into(),
                    format!("wang-kai-{}", names::short_hash("王锴")),
                    1
                )
            ]
        );
        assert_eq!(s.people[0].bio, "市总工会主席。");
        assert!(s.shared.is_empty(), "wang-kai is 王凯's own page");
    }

    fn messages(s: &Speakers) -> Vec<String> {
        let mut found: Vec<String> = s
            .notes
            .iter()
            .map(|d| format!("{}: {}", d.path.as_ref().unwrap().display(), d.message))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn check_notes_name_the_spellings_and_their_files() {
        let all = speeches(&[
            ("a", "王 凯"),
            ("b", "王凯"),
            ("c", "王凱"),
            ("d", "王凯"),
            ("e", "王楷"),
        ]);
        let s = group(&all, &Registry::default(), Path::new("")).unwrap();
        assert_eq!(
            messages(&s),
            [
                "a.md: the speaker \"王 凯\" differs from \"王凯\" in b.md, d.md and \"王凱\" in c.md only by spacing; they are taken as one speaker, 王凯",
                "c.md: the speaker \"王凱\" differs from \"王 凯\" in a.md and \"王凯\" in b.md, d.md only by traditional and simplified characters; they are taken as one speaker, 王凯",
                "e.md: the speaker \"王楷\" (1 speech) differs from \"王凯\" (a.md, b.md, c.md and 1 more) in one character with the same pinyin, 楷/凯 (kai): are they one person?",
            ]
        );
        // Listed in the registry: nothing to say.
        let registry = Registry {
            people: vec![
                Person {
                    name: "王凯".into(),
                    slug: None,
                    aliases: vec!["王 凯".into(), "王凱".into()],
                    bio: String::new(),
                },
                Person {
                    name: "王楷".into(),
                    slug: None,
                    aliases: vec![],
                    bio: String::new(),
                },
            ],
        };
        let s = group(&all, &registry, Path::new("")).unwrap();
        assert_eq!(messages(&s), Vec::<String>::new());
    }
}
