//! Names as editors type them (speakers, tags): one key for the spellings of
//! one name, the form to show, and URL slugs that do not depend on the order
//! files are read in.
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

use crate::search::normalize::{is_cjk_unified, normalize};
use crate::slug;

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
/// a pinyin slug. It depends on the key alone.
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

/// A name to give a slug: its key, and the slug it must have, if one is fixed
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
    /// Pinyin slugs that several names share and none has: the names (their
    /// positions), for a page at that slug that leads to each.
    pub shared: Vec<(String, Vec<usize>)>,
    /// Names that would still share a slug (a fixed slug that another name's
    /// slug with its hash equals, or two hashes alike): positions, by slug.
    pub clashes: Vec<(String, Vec<usize>)>,
}

/// Slugs for names, none depending on the order the names come in:
///
/// - a fixed slug is the name's slug;
/// - a name whose pinyin slug no other name has, and that is no fixed slug, has
///   the pinyin slug (`wang-kai`);
/// - every name of a group that shares its pinyin slug (李强 and 李蔷), or whose
///   pinyin slug is another name's fixed slug, has the pinyin slug and the
///   [`short_hash`] of its key (`li-qiang-1a2b3c`), which no other name changes.
///
/// So a name's slug changes only when a second name with its pinyin first
/// appears (or disappears), and then the plain pinyin slug lists the names that
/// share it ([`Slugs::shared`]), so that links made before still lead to them.
pub fn assign_slugs(names: &[Named]) -> Slugs {
    let fixed: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| n.fixed.map(|slug| (slug, i)))
        .collect();
    let bases: Vec<String> = names.iter().map(|n| base_slug(n.key)).collect();
    let mut by_base: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        if name.fixed.is_none() {
            by_base.entry(&bases[i]).or_default().push(i);
        }
    }
    let slugs: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| match name.fixed {
            Some(slug) => slug.to_string(),
            None => {
                let base = bases[i].as_str();
                let alone = by_base[base].len() == 1 && !fixed.contains_key(base);
                if alone && !base.is_empty() {
                    base.to_string()
                } else {
                    with_hash(base, name.key)
                }
            }
        })
        .collect();
    let mut by_slug: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, slug) in slugs.iter().enumerate() {
        by_slug.entry(slug).or_default().push(i);
    }
    let shared = by_base
        .iter()
        .filter(|(base, members)| {
            members.len() > 1 && !base.is_empty() && !by_slug.contains_key(*base)
        })
        .map(|(base, members)| (base.to_string(), members.clone()))
        .collect();
    let clashes = by_slug
        .iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(slug, members)| (slug.to_string(), members.clone()))
        .collect();
    Slugs {
        slugs,
        shared,
        clashes,
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

    #[test]
    fn names_sharing_a_pinyin_slug_each_get_their_own_hash() {
        let alone = slugs_of(&[("李强", None), ("王凯", None)]);
        assert_eq!(alone.slugs, ["li-qiang", "wang-kai"]);
        assert!(alone.shared.is_empty() && alone.clashes.is_empty());

        let two = slugs_of(&[("李强", None), ("李蔷", None), ("王凯", None)]);
        let (qiang, qiang2) = (
            format!("li-qiang-{}", short_hash("李强")),
            format!("li-qiang-{}", short_hash("李蔷")),
        );
        assert_eq!(
            two.slugs,
            [qiang.clone(), qiang2.clone(), "wang-kai".into()]
        );
        assert_eq!(two.shared, [("li-qiang".to_string(), vec![0, 1])]);

        // A third name with the pinyin moves neither, and the order does not matter.
        let three = slugs_of(&[("李墙", None), ("李蔷", None), ("李强", None)]);
        assert_eq!(three.slugs[1], qiang2);
        assert_eq!(three.slugs[2], qiang);
        assert_eq!(three.shared, [("li-qiang".to_string(), vec![0, 1, 2])]);
    }

    #[test]
    fn a_fixed_slug_stays_and_moves_the_name_that_would_take_it() {
        let s = slugs_of(&[("王楷", None), ("王凯", Some("wang-kai"))]);
        assert_eq!(
            s.slugs,
            [
                format!("wang-kai-{}", short_hash("王楷")),
                "wang-kai".into()
            ]
        );
        assert!(s.shared.is_empty(), "wang-kai is 王凯's page");
        let clash = slugs_of(&[("王凯", Some("wk")), ("李强", Some("wk"))]);
        assert_eq!(clash.clashes, [("wk".to_string(), vec![0, 1])]);
    }

    #[test]
    fn a_name_without_pinyin_or_letters_gets_its_hash() {
        let s = slugs_of(&[("？？", None)]);
        assert_eq!(s.slugs, [short_hash("？？")]);
        assert!(slug::is_valid(&s.slugs[0]));
    }

    #[test]
    fn long_names_stay_within_the_slug_limit() {
        let long = "关于进一步加强新时代产业工人队伍建设改革和维护职工合法权益的若干意见";
        let s = slugs_of(&[(long, None), (&long.replace("意见", "亿见"), None)]);
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
