//! Names as editors type them (speakers, tags): one key for the spellings of
//! one name, the form to show, and URL slugs that depend on the name alone.
//!
//! Two spellings are one name when they are the same text for the search:
//! [`normalize`] removes invisible characters, applies NFKC (full-width forms),
//! lower-cases, and folds traditional characters to simplified ones, with the
//! same table as the search index. The key then drops everything that is not a
//! letter or digit, spaces (ASCII and full-width) and punctuation such as the
//! middle dot alike, so `王 凯`, `王凯`, `王凱` and `王　凯` share the key `王凯`.

use std::collections::BTreeMap;

use pinyin::ToPinyin;
use unicode_normalization::UnicodeNormalization;

use crate::slug;
use crate::text::{is_cjk_unified, normalize};

/// The key a name is grouped by. A name with no letters or digits at all is
/// its own key, trimmed, so that it is still a name of its own.
pub fn key(name: &str) -> String {
    let key: String = normalize(name).into_iter().filter(|&c| c != ' ').collect();
    if key.is_empty() {
        name.trim().to_string()
    } else {
        key
    }
}

/// A spelling as shown: NFKC (full-width letters and digits become ordinary
/// ones), runs of spaces made one ASCII space, and no space between two Han
/// characters (`王 凯` → `王凯`, but `Li  Qiang` → `Li Qiang`).
pub fn tidy(name: &str) -> String {
    let words: Vec<String> = name
        .nfkc()
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut out = String::with_capacity(name.len());
    for word in &words {
        let joins = matches!(
            (out.chars().last(), word.chars().next()),
            (Some(a), Some(b)) if is_han(a) && is_han(b)
        );
        if !out.is_empty() && !joins {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_han(c: char) -> bool {
    is_cjk_unified(c) || c == '〇'
}

/// The spelling to show for a name written several ways: the one written most
/// often, and of those the first in code point order, so that it never depends
/// on which file was read first.
pub fn most_written<'a>(spellings: impl IntoIterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for spelling in spellings {
        *counts.entry(tidy(spelling)).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    counts
        .into_iter()
        .find(|&(_, count)| count == most)
        .map(|(spelling, _)| spelling)
        .unwrap_or_default()
}

/// The pinyin slug of a key: what its URL is when no other name shares it.
pub fn base_slug(key: &str) -> String {
    slug::slugify(key)
}

/// The pinyin of each character of a key (the character itself where it has
/// none): two keys of one length that differ in one character with the same
/// pinyin may be a mistyped name.
pub fn syllables(key: &str) -> Vec<String> {
    key.chars()
        .map(|c| match c.to_pinyin() {
            Some(py) => py.plain().to_string(),
            None => c.to_string(),
        })
        .collect()
}

/// Six hexadecimal digits of the key's hash: what tells apart names that share
/// a pinyin slug, now or once another one appears. It depends on the key alone.
pub fn short_hash(key: &str) -> String {
    format!(
        "{:06x}",
        xxhash_rust::xxh3::xxh3_64(key.as_bytes()) & 0xff_ffff
    )
}

/// `base-hash`, cut so that it stays within [`slug::MAX_BYTES`].
fn with_hash(base: &str, key: &str) -> String {
    let hash = short_hash(key);
    if base.is_empty() {
        return hash;
    }
    let room = slug::MAX_BYTES - hash.len() - 1;
    let base = if base.len() > room {
        let cut = base[..=room].rfind('-').unwrap_or(room);
        &base[..cut]
    } else {
        base
    };
    format!("{base}-{hash}")
}

/// A name to give a slug: its key, and the slug it must have if one is fixed
/// (in `speakers.toml`).
pub struct Named<'a> {
    pub key: &'a str,
    pub fixed: Option<&'a str>,
}

/// What [`assign_slugs`] found.
#[derive(Debug, PartialEq, Eq)]
pub struct Slugs {
    /// Per name, in the order given.
    pub slugs: Vec<String>,
    /// Names whose keys have one pinyin slug (李强 and 李蔷): positions, each
    /// group in order, the groups by slug.
    pub homophones: Vec<Vec<usize>>,
    /// Names that would still share a slug (a fixed slug that another name's
    /// slug equals, or two hashes alike): positions, by slug.
    pub clashes: Vec<(String, Vec<usize>)>,
    /// Plain pinyin slugs that are no name's own slug, each with the names
    /// (positions, in order) it leads to.
    pub aliases: Vec<Alias>,
}

/// A short address that leads to names' pages: `speakers/wang-kai/` for the
/// speakers whose pinyin is `wang-kai`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub slug: String,
    /// Positions of the names, in the order given.
    pub targets: Vec<usize>,
}

/// Slugs for names, each depending on its own name alone, so that no other
/// name, file or order of reading can ever move it:
///
/// - a fixed slug is the name's slug;
/// - every other name has its pinyin slug and the [`short_hash`] of its key
///   (`wang-kai-1a2b3c`).
///
/// A name alone with its pinyin would be safe with the plain slug only until
/// a homophone (or a mistyped file) appears, and then one of the two would have
/// to move. So the plain slug is instead an [`Alias`] that leads to every name
/// with that pinyin.
pub fn assign_slugs(names: &[Named]) -> Slugs {
    let bases: Vec<String> = names.iter().map(|n| base_slug(n.key)).collect();
    let slugs: Vec<String> = names
        .iter()
        .zip(&bases)
        .map(|(name, base)| match name.fixed {
            Some(slug) => slug.to_string(),
            None => with_hash(base, name.key),
        })
        .collect();
    let mut by_slug: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, slug) in slugs.iter().enumerate() {
        by_slug.entry(slug).or_default().push(i);
    }
    let mut by_base: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, base) in bases.iter().enumerate() {
        if !base.is_empty() {
            by_base.entry(base).or_default().push(i);
        }
    }
    let aliases = by_base
        .iter()
        .filter(|(base, _)| !by_slug.contains_key(*base))
        .map(|(base, members)| Alias {
            slug: base.to_string(),
            targets: members.clone(),
        })
        .collect();
    let clashes = by_slug
        .iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(slug, members)| (slug.to_string(), members.clone()))
        .collect();
    let homophones = by_base
        .into_values()
        .filter(|members| members.len() > 1)
        .collect();
    Slugs {
        slugs,
        homophones,
        clashes,
        aliases,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_width_and_script_make_one_key() {
        for spelling in ["王凯", "王 凯", "王凱", "王　凯", " 王凯 ", "王\u{200b}凯"] {
            assert_eq!(key(spelling), "王凯", "{spelling:?}");
        }
        assert_eq!(key("Ｌｉ Qiang"), "liqiang");
        assert_eq!(key("阿卜杜勒·哈米德"), key("阿卜杜勒•哈米德"));
        assert_ne!(key("王凯"), key("王楷"));
        assert_eq!(key("？？"), "？？", "a name without letters is its own key");
    }

    #[test]
    fn tidy_spellings_keep_the_script_and_the_spaces_between_words() {
        assert_eq!(tidy(" 王 凯 "), "王凯");
        assert_eq!(tidy("王凱"), "王凱");
        assert_eq!(tidy("王　凯"), "王凯");
        assert_eq!(tidy("Ｌｉ   Qiang"), "Li Qiang");
        assert_eq!(tidy("习近平 Xi"), "习近平 Xi");
    }

    #[test]
    fn the_spelling_written_most_often_is_shown_whatever_the_order() {
        assert_eq!(most_written(["王凱", "王 凯", "王凯"]), "王凯");
        assert_eq!(most_written(["王凱", "王凱", "王凯"]), "王凱");
        assert_eq!(
            most_written(["王凱", "王凯"]),
            most_written(["王凯", "王凱"])
        );
    }

    fn slugs_of(names: &[(&str, Option<&str>)]) -> Slugs {
        let named: Vec<Named> = names
            .iter()
            .map(|&(key, fixed)| Named { key, fixed })
            .collect();
        assign_slugs(&named)
    }

    fn hashed(base: &str, key: &str) -> String {
        format!("{base}-{}", short_hash(key))
    }

    #[test]
    fn a_slug_depends_on_its_own_name_alone() {
        let alone = slugs_of(&[("李强", None), ("王凯", None)]);
        assert_eq!(
            alone.slugs,
            [hashed("li-qiang", "李强"), hashed("wang-kai", "王凯")]
        );
        assert!(alone.homophones.is_empty() && alone.clashes.is_empty());
        // Homophones and a mistyped name, in any order: 王凯 stays where it was.
        for names in [
            [("王凯", None), ("王楷", None), ("王恺", None)],
            [("王恺", None), ("王楷", None), ("王凯", None)],
        ] {
            let s = slugs_of(&names);
            let at = names.iter().position(|n| n.0 == "王凯").unwrap();
            assert_eq!(s.slugs[at], hashed("wang-kai", "王凯"));
            assert_eq!(s.homophones, [vec![0, 1, 2]]);
        }
    }

    #[test]
    fn the_plain_pinyin_leads_to_every_name_with_that_pinyin() {
        let s = slugs_of(&[("李强", None), ("王凯", None), ("李蔷", None)]);
        assert_eq!(
            s.aliases,
            [
                Alias {
                    slug: "li-qiang".into(),
                    targets: vec![0, 2]
                },
                Alias {
                    slug: "wang-kai".into(),
                    targets: vec![1]
                },
            ]
        );
    }

    #[test]
    fn a_fixed_slug_is_kept_and_is_no_alias() {
        let s = slugs_of(&[("王楷", None), ("王凯", Some("wang-kai"))]);
        assert_eq!(s.slugs, [hashed("wang-kai", "王楷"), "wang-kai".into()]);
        assert_eq!(s.homophones, [vec![0, 1]]);
        assert!(s.aliases.is_empty(), "{:?}", s.aliases);
        let clash = slugs_of(&[("王凯", Some("wk")), ("李强", Some("wk"))]);
        assert_eq!(clash.clashes, [("wk".to_string(), vec![0, 1])]);
    }

    #[test]
    fn a_name_without_pinyin_or_letters_gets_its_hash() {
        let s = slugs_of(&[("？？", None)]);
        assert_eq!(s.slugs, [short_hash("？？")]);
        assert!(s.aliases.is_empty());
        assert!(slug::is_valid(&s.slugs[0]));
    }

    #[test]
    fn long_names_stay_within_the_slug_limit() {
        let long = "关于进一步加强新时代产业工人队伍建设改革和维护职工合法权益的若干意见";
        let other = long.replace("意见", "亿见");
        let s = slugs_of(&[(long, None), (&other, None)]);
        for slug in &s.slugs {
            assert!(
                slug.len() <= slug::MAX_BYTES && slug::is_valid(slug),
                "{slug}"
            );
        }
        assert_ne!(s.slugs[0], s.slugs[1]);
    }

    #[test]
    fn syllables_are_the_pinyin_of_each_character() {
        assert_eq!(syllables("王凯"), ["wang", "kai"]);
        assert_eq!(syllables("王楷"), ["wang", "kai"]);
        assert_eq!(syllables("li"), ["l", "i"]);
    }
}
