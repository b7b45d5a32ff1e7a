//! One speaker per person: the spellings of a name grouped under one key (see
//! [`crate::names`]), the people of `speakers.toml` with their aliases, and
//! slugs that no other speaker can move.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::Group;
use crate::diagnostic::Diagnostic;
use crate::load::registry::{Registry, REGISTRY_FILE};
use crate::names::{self, Alias, Named};
use crate::speech::Speech;
use crate::t;

/// A person and their speeches.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// `name` is the registry's, or else the spelling written most often.
    pub group: Group,
    /// From `speakers.toml`.
    pub bio: String,
    /// The other spellings the speeches use (tidied), sorted.
    pub spellings: Vec<String>,
    /// The other speakers whose names have the same pinyin (indices).
    pub homophones: Vec<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Speakers {
    /// By number of speeches, then by name.
    pub people: Vec<Speaker>,
    /// Per speech (in archive order), its speaker.
    pub of_speech: Vec<Option<usize>>,
    /// Spellings that may be one person's, for `lectern check`.
    pub notes: Vec<Diagnostic>,
    /// Plain pinyin addresses, each leading to the people (indices) with that
    /// pinyin.
    pub aliases: Vec<Alias>,
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
    /// The speaker field of each speech.
    written: Vec<&'a str>,
}

/// Groups `speeches` (newest first) by person. Fails only when two people would
/// still share an address (see [`names::assign_slugs`]); `root` is the site, to
/// name `speakers.toml` then.
pub(crate) fn group(
    speeches: &[Arc<Speech>],
    registry: &Registry,
    root: &Path,
) -> Result<Speakers, Vec<Diagnostic>> {
    let found = identities(speeches, registry);
    // The registry's people without speeches keep their fixed slugs, so that
    // none of their addresses goes to someone else meanwhile.
    let quiet: Vec<(String, &str, &str)> = registry
        .people
        .iter()
        .enumerate()
        .filter(|(i, _)| !found.iter().any(|f| f.identity == Identity::Registered(*i)))
        .filter_map(|(_, person)| {
            let slug = person.slug.as_deref()?;
            Some((names::key(&person.name), slug, person.name.as_str()))
        })
        .collect();
    let named: Vec<Named> = found
        .iter()
        .map(|f| Named {
            key: &f.key,
            fixed: fixed_slug(f, registry),
        })
        .chain(quiet.iter().map(|(key, slug, _)| Named {
            key,
            fixed: Some(slug),
        }))
        .collect();
    let slugs = names::assign_slugs(&named);
    if !slugs.clashes.is_empty() {
        let shown: Vec<&str> = found
            .iter()
            .map(|f| f.name.as_str())
            .chain(quiet.iter().map(|(_, _, name)| *name))
            .collect();
        return Err(clash_problems(
            &slugs.clashes,
            &shown,
            &found,
            speeches,
            root,
        ));
    }

    let mut of_speech = vec![None; speeches.len()];
    for (person, f) in found.iter().enumerate() {
        for &i in &f.speeches {
            of_speech[i] = Some(person);
        }
    }
    // Only people with speeches have pages.
    let with_pages = |members: &[usize]| -> Vec<usize> {
        members
            .iter()
            .copied()
            .filter(|&m| m < found.len())
            .collect()
    };
    let homophones: Vec<Vec<usize>> = slugs.homophones.iter().map(|g| with_pages(g)).collect();
    let aliases = slugs
        .aliases
        .iter()
        .map(|alias| Alias {
            slug: alias.slug.clone(),
            targets: with_pages(&alias.targets),
        })
        .filter(|alias| !alias.targets.is_empty())
        .collect();
    let mut notes = spelling_notes(&found, speeches, registry);
    notes.extend(typo_notes(&homophones, &found, &slugs.slugs, speeches));
    let people = found
        .into_iter()
        .zip(slugs.slugs)
        .enumerate()
        .map(|(i, (f, slug))| {
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
                homophones: others_in(&homophones, i),
            }
        })
        .collect();
    Ok(Speakers {
        people,
        of_speech,
        notes,
        aliases,
    })
}

/// The speakers, people of the registry and names of their own, sorted by
/// number of speeches, then by name.
fn identities<'a>(speeches: &'a [Arc<Speech>], registry: &Registry) -> Vec<Found<'a>> {
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
    found
}

/// The slug `speakers.toml` gives a person, if any.
fn fixed_slug<'r>(f: &Found, registry: &'r Registry) -> Option<&'r str> {
    match f.identity {
        Identity::Registered(person) => registry.people[person].slug.as_deref(),
        Identity::Named(_) => None,
    }
}

/// The members of `i`'s group but `i`.
pub(crate) fn others_in(groups: &[Vec<usize>], i: usize) -> Vec<usize> {
    groups
        .iter()
        .find(|group| group.contains(&i))
        .map(|group| group.iter().copied().filter(|&m| m != i).collect())
        .unwrap_or_default()
}

/// Says which names would share an address, and where to fix it. `shown` are
/// the names given slugs, in the order given.
fn clash_problems(
    clashes: &[(String, Vec<usize>)],
    shown: &[&str],
    found: &[Found],
    speeches: &[Arc<Speech>],
    root: &Path,
) -> Vec<Diagnostic> {
    clashes
        .iter()
        .map(|(slug, members)| {
            let who: Vec<String> = members.iter().map(|&m| format!("{:?}", shown[m])).collect();
            let problem = Diagnostic::error(t!(
                "speakers-same-place",
                speakers = who.join(&t!("list-and")),
                url = format!("speakers/{slug}/")
            ))
            .help(t!("speakers-same-place-help", registry = REGISTRY_FILE));
            let first_file = members
                .iter()
                .filter_map(|&m| found.get(m))
                .flat_map(|f| f.speeches.iter().map(|&i| &speeches[i].source_path))
                .min();
            match first_file {
                Some(path) => problem.in_file(path),
                None => problem.in_file(root.join(REGISTRY_FILE)),
            }
        })
        .collect()
}

/// The speeches of a speaker that write `spelling`, in file order.
fn files_of(f: &Found, spelling: &str, speeches: &[Arc<Speech>]) -> Vec<usize> {
    let mut files: Vec<usize> = f
        .speeches
        .iter()
        .zip(&f.written)
        .filter(|(_, w)| **w == spelling)
        .map(|(&i, _)| i)
        .collect();
    files.sort_by(|&a, &b| speeches[a].source_path.cmp(&speeches[b].source_path));
    files
}

/// Warnings for `lectern check`: spellings taken as one person that differ by
/// spacing, width or script, unless `speakers.toml` lists them.
fn spelling_notes(
    found: &[Found],
    speeches: &[Arc<Speech>],
    registry: &Registry,
) -> Vec<Diagnostic> {
    let listed = |f: &Found, spelling: &str| match f.identity {
        Identity::Registered(person) => {
            let person = &registry.people[person];
            person.name == spelling || person.aliases.iter().any(|a| a.trim() == spelling)
        }
        Identity::Named(_) => false,
    };
    let mut notes = Vec::new();
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
            let files = files_of(f, spelling, speeches);
            let speech = &speeches[files[0]];
            let elsewhere: Vec<String> = spellings
                .iter()
                .filter(|&&other| other != spelling)
                .map(|&other| {
                    let others = files_of(f, other, speeches);
                    t!(
                        "speakers-spelling-in",
                        spelling = format!("{other:?}"),
                        files = some_files(&others, speeches)
                    )
                })
                .collect();
            let also = match files.len() {
                1 => String::new(),
                _ => t!(
                    "speakers-also-in",
                    files = some_files(&files[1..], speeches)
                ),
            };
            let (line, column) = speech.speaker_at;
            notes.push(
                Diagnostic::warning(t!(
                    "speakers-spelling-differs",
                    spelling = format!("{spelling:?}"),
                    also = also,
                    others = elsewhere.join(&t!("list-and")),
                    how = how_they_differ(spelling, &f.name),
                    name = f.name
                ))
                .in_file(&speech.source_path)
                .at(line, Some(column))
                .help(t!(
                    "speakers-spelling-differs-help",
                    name = format!("{:?}", f.name),
                    spelling = format!("{spelling:?}"),
                    registry = REGISTRY_FILE
                )),
            );
        }
    }
    notes
}

/// Warnings for `lectern check` about names with one pinyin: names of one
/// length that differ in one character may be one person, one name mistyped.
/// Pairs the registry lists both of are left alone.
fn typo_notes(
    homophones: &[Vec<usize>],
    found: &[Found],
    slugs: &[String],
    speeches: &[Arc<Speech>],
) -> Vec<Diagnostic> {
    let registered = |f: &Found| matches!(f.identity, Identity::Registered(_));
    let mut notes = Vec::new();
    for group in homophones {
        for (n, &a) in group.iter().enumerate() {
            for &b in group.iter().skip(n + 1) {
                let (fa, fb) = (&found[a], &found[b]);
                if registered(fa) && registered(fb) {
                    continue;
                }
                let differing: Vec<(char, char)> = fa
                    .key
                    .chars()
                    .zip(fb.key.chars())
                    .filter(|(x, y)| x != y)
                    .collect();
                let same_length = fa.key.chars().count() == fb.key.chars().count();
                let (&[(ca, cb)], true) = (differing.as_slice(), same_length) else {
                    continue;
                };
                // `found` is sorted by number of speeches: `b` has no more
                // than `a`, and is the likelier typo.
                let speech = first_speech(fb, speeches);
                let (line, column) = speech.speaker_at;
                let sound = names::syllables(&cb.to_string()).concat();
                notes.push(
                    Diagnostic::warning(t!(
                        "speakers-same-pinyin",
                        rarer = format!("{:?}", fb.name),
                        rarer_speeches = count_of(fb.speeches.len()),
                        rarer_url = format!("speakers/{}/", slugs[b]),
                        other = format!("{:?}", fa.name),
                        other_files = some_files(&fa.speeches, speeches),
                        other_url = format!("speakers/{}/", slugs[a]),
                        characters = format!("{cb}/{ca}"),
                        sound = sound
                    ))
                    .in_file(&speech.source_path)
                    .at(line, Some(column))
                    .help(t!(
                        "speakers-same-pinyin-help",
                        rarer = format!("{:?}", fb.name),
                        other = format!("{:?}", fa.name),
                        registry = REGISTRY_FILE
                    )),
                );
            }
        }
    }
    notes
}

/// A speaker's speech in the first file, for messages.
fn first_speech<'s>(f: &Found, speeches: &'s [Arc<Speech>]) -> &'s Speech {
    f.speeches
        .iter()
        .map(|&i| &*speeches[i])
        .min_by(|x, y| x.source_path.cmp(&y.source_path))
        .expect("a speaker has speeches")
}

fn count_of(n: usize) -> String {
    t!("speakers-speech-count", n = n)
}

/// The files of up to three speeches, and how many more there are.
fn some_files(members: &[usize], speeches: &[Arc<Speech>]) -> String {
    let mut paths: Vec<&Path> = members
        .iter()
        .map(|&i| speeches[i].source_path.as_path())
        .collect();
    paths.sort();
    paths.dedup();
    let shown: Vec<String> = paths
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    let list = shown.join(&t!("list-separator"));
    match paths.len().saturating_sub(3) {
        0 => list,
        more => t!("list-and-more", list = list, more = more),
    }
}

/// What sets two spellings of one key apart, for messages: spacing, width
/// (full-width letters, letter case), script (traditional and simplified), or
/// punctuation.
fn how_they_differ(a: &str, b: &str) -> String {
    let words =
        |s: &str| -> Vec<usize> { s.split_whitespace().map(|w| w.chars().count()).collect() };
    let mut ways = Vec::new();
    if words(a) != words(b) {
        ways.push(t!("speakers-differ-spacing"));
    }
    let bare = |s: &str| -> Vec<char> { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let (a, b) = (bare(a), bare(b));
    let narrow = |c: char| names::tidy(&c.to_string()).to_lowercase();
    let key = |c: char| names::key(&c.to_string());
    if a.len() != b.len() {
        ways.push(t!("speakers-differ-width-or-punctuation"));
    } else {
        let pairs: Vec<(char, char)> = a
            .iter()
            .zip(&b)
            .filter(|(x, y)| x != y)
            .map(|(x, y)| (*x, *y))
            .collect();
        if pairs.iter().any(|&(x, y)| narrow(x) == narrow(y)) {
            ways.push(t!("speakers-differ-width"));
        }
        if pairs
            .iter()
            .any(|&(x, y)| narrow(x) != narrow(y) && key(x) == key(y))
        {
            ways.push(t!("speakers-differ-script"));
        }
        if pairs.iter().any(|&(x, y)| key(x) != key(y)) {
            ways.push(t!("speakers-differ-punctuation"));
        }
    }
    ways.join(&t!("list-and"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::registry::Person;
    use crate::speech::PartialDate;

    fn hashed(base: &str, key: &str) -> String {
        format!("{base}-{}", names::short_hash(key))
    }

    /// Speeches `a.md`, `b.md`… by these speakers, the first the newest.
    fn speeches(speakers: &[&str]) -> Vec<Arc<Speech>> {
        let files: Vec<String> = (0..speakers.len())
            .map(|i| ((b'a' + i as u8) as char).to_string())
            .collect();
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        super::super::tests::speeches(&files)
            .into_iter()
            .zip(speakers)
            .enumerate()
            .map(|(i, (speech, speaker))| {
                let mut speech = Arc::unwrap_or_clone(speech);
                speech.speaker = speaker.to_string();
                speech.date = PartialDate::parse(&format!("{}", 2020 - i)).unwrap();
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

    fn none() -> Registry {
        Registry::default()
    }

    #[test]
    fn spellings_of_one_name_are_one_speaker() {
        let all = speeches(&["王 凯", "王凯", "王凱", "李强"]);
        let s = group(&all, &none(), Path::new("")).unwrap();
        assert_eq!(
            summary(&s),
            [
                ("王凯".into(), hashed("wang-kai", "王凯"), 3),
                ("李强".into(), hashed("li-qiang", "李强"), 1)
            ]
        );
        assert_eq!(s.of_speech, [Some(0), Some(0), Some(0), Some(1)]);
        assert_eq!(s.people[0].spellings, ["王凱"]);
        let aliases: Vec<(&str, &[usize])> = s
            .aliases
            .iter()
            .map(|a| (a.slug.as_str(), a.targets.as_slice()))
            .collect();
        assert_eq!(aliases, [("li-qiang", &[1][..]), ("wang-kai", &[0][..])]);
    }

    #[test]
    fn no_other_file_moves_a_speaker() {
        let slug_of = |s: &Speakers, name: &str| {
            let person = s.people.iter().find(|p| p.group.name == name).unwrap();
            person.group.slug.clone()
        };
        let before = group(&speeches(&["王凯", "王 凯"]), &none(), Path::new("")).unwrap();
        // A mistyped name in the oldest speech, then a homophone with more
        // speeches than 王凯 has.
        let typo = speeches(&["王凯", "王 凯", "王楷"]);
        let many = speeches(&["王恺", "王恺", "王恺", "王凯", "王凱"]);
        for after in [&typo, &many] {
            let after = group(after, &none(), Path::new("")).unwrap();
            assert_eq!(slug_of(&after, "王凯"), slug_of(&before, "王凯"));
            assert_eq!(after.aliases[0].slug, "wang-kai");
            assert_eq!(after.aliases[0].targets.len(), 2);
        }
    }

    #[test]
    fn the_order_speeches_come_in_changes_nothing() {
        let forward = speeches(&["李强", "李蔷", "王凱", "王凯"]);
        let mut backward = forward.clone();
        backward.reverse();
        let (f, b) = (
            group(&forward, &none(), Path::new("")).unwrap(),
            group(&backward, &none(), Path::new("")).unwrap(),
        );
        let mut fs = summary(&f);
        let mut bs = summary(&b);
        fs.sort();
        bs.sort();
        assert_eq!(fs, bs);
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
        let all = speeches(&["王楷", "王 凯", "王锴"]);
        let s = group(&all, &registry, Path::new("")).unwrap();
        assert_eq!(
            summary(&s),
            [
                ("王凯".into(), "wang-kai".into(), 2),
                ("王锴".into(), hashed("wang-kai", "王锴"), 1)
            ]
        );
        assert_eq!(s.people[0].bio, "市总工会主席。");
        assert_eq!(s.people[0].homophones, [1]);
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
        let all = speeches(&["王楷", "王 凯", "王凯", "王凱", "王凯", "张伟", "章炜"]);
        let s = group(&all, &none(), Path::new("")).unwrap();
        let (wang_kai, real_wang_kai) = (hashed("wang-kai", "王楷"), hashed("wang-kai", "王凯"));
        assert_eq!(
            messages(&s),
            [
                format!("a.md: the speaker \"王楷\" (1 speech, speakers/{wang_kai}/) differs from \"王凯\" (b.md, c.md, d.md and 1 more, speakers/{real_wang_kai}/) in one character with the same pinyin, 楷/凯 (kai): are they one person?"),
                "b.md: the speaker \"王 凯\" differs from \"王凯\" in c.md, e.md and \"王凱\" in d.md only by spacing; they are taken as one speaker, 王凯".to_string(),
                "d.md: the speaker \"王凱\" differs from \"王 凯\" in b.md and \"王凯\" in c.md, e.md only by traditional and simplified characters; they are taken as one speaker, 王凯".to_string(),
            ]
        );
        // Listed in the registry: nothing to say.
        let person = |name: &str, aliases: &[&str]| Person {
            name: name.into(),
            slug: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            bio: String::new(),
        };
        let registry = Registry {
            people: vec![
                person("王凯", &["王 凯", "王凱"]),
                person("王楷", &[]),
                person("张伟", &[]),
                person("章炜", &[]),
            ],
        };
        let s = group(&all, &registry, Path::new("")).unwrap();
        assert_eq!(messages(&s), Vec::<String>::new());
    }
}
