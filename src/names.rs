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
use crate::speech::PartialDate;

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

/// A name to give a slug: its key, the slug it must have if one is fixed (in
/// `speakers.toml`), and the date of its oldest speech.
pub struct Named<'a> {
    pub key: &'a str,
    pub fixed: Option<&'a str>,
    pub first: PartialDate,
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
    /// slug with its hash equals, or two hashes alike): positions, by slug.
    pub clashes: Vec<(String, Vec<usize>)>,
}

/// Slugs for names, none depending on the order the names come in:
///
/// - a fixed slug is the name's slug;
/// - a name whose pinyin slug no other name has, and that is no fixed slug, has
///   the pinyin slug (`wang-kai`);
/// - of the names that share a pinyin slug (李强 and 李蔷), the one with the
///   oldest speech (then the first key in code point order) has the pinyin
///   slug, and every other one the pinyin slug and the [`short_hash`] of its
///   key (`li-qiang-1a2b3c`), which nothing but the key changes; when the
///   pinyin slug is a fixed slug, they all have their hash.
///
/// So a name that appears with newer speeches than a name of the same pinyin
/// moves no one; only a name whose speech is older than all of the earlier
/// holder's takes the pinyin slug over (a fixed slug prevents that).
pub fn assign_slugs(names: &[Named]) -> Slugs {
    let fixed: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| n.fixed.map(|slug| (slug, i)))
        .collect();
    let bases: Vec<String> = names.iter().map(|n| base_slug(n.key)).collect();
    let mut by_base: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, base) in bases.iter().enumerate() {
        by_base.entry(base).or_default().push(i);
    }
    // Per pinyin slug, the name that has it.
    let holders: BTreeMap<&str, usize> = by_base
        .iter()
        .filter(|(base, _)| !base.is_empty() && !fixed.contains_key(*base))
        .filter_map(|(base, members)| {
            let holder = members
                .iter()
                .filter(|&&m| names[m].fixed.is_none())
                .min_by(|&&a, &&b| {
                    (names[a].first, names[a].key).cmp(&(names[b].first, names[b].key))
                })?;
            Some((*base, *holder))
        })
        .collect();
    let slugs: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| match name.fixed {
            Some(slug) => slug.to_string(),
            None if holders.get(bases[i].as_str()) == Some(&i) => bases[i].clone(),
            None => with_hash(&bases[i], name.key),
        })
        .collect();
    let mut by_slug: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, slug) in slugs.iter().enumerate() {
        by_slug.entry(slug).or_default().push(i);
    }
    let clashes = by_slug
        .iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(slug, members)| (slug.to_string(), members.clone()))
        .collect();
    let homophones = by_base
        .into_iter()
        .filter(|(base, members)| !base.is_empty() && members.len() > 1)
        .map(|(_, members)| members)
        .collect();
    Slugs {
        slugs,
        homophones,
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

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    fn slugs_of(names: &[(&str, Option<&str>, &str)]) -> Slugs {
        let named: Vec<Named> = names
            .iter()
            .map(|&(key, fixed, first)| Named {
                key,
                fixed,
                first: date(first),
            })
            .collect();
        assign_slugs(&named)
    }

    fn hashed(base: &str, key: &str) -> String {
        format!("{base}-{}", short_hash(key))
    }

    #[test]
    fn a_name_alone_with_its_pinyin_has_the_pinyin_slug() {
        let alone = slugs_of(&[("李强", None, "2014"), ("王凯", None, "2015")]);
        assert_eq!(alone.slugs, ["li-qiang", "wang-kai"]);
        assert!(alone.homophones.is_empty() && alone.clashes.is_empty());
    }

    #[test]
    fn a_newer_name_with_the_same_pinyin_moves_no_one() {
        let two = slugs_of(&[("李强", None, "2014-04-28"), ("李蔷", None, "2020")]);
        assert_eq!(
            two.slugs,
            ["li-qiang".to_string(), hashed("li-qiang", "李蔷")]
        );
        assert_eq!(two.homophones, [vec![0, 1]]);
        // A third one, in any order: the first two keep theirs.
        let three = slugs_of(&[
            ("李墙", None, "2024"),
            ("李蔷", None, "2020"),
            ("李强", None, "2014-04-28"),
        ]);
        assert_eq!(
            three.slugs,
            [
                hashed("li-qiang", "李墙"),
                hashed("li-qiang", "李蔷"),
                "li-qiang".into()
            ]
        );
        // An older one takes the pinyin slug; a tie goes to the first key.
        let older = slugs_of(&[("李强", None, "2014-04-28"), ("李蔷", None, "2010")]);
        assert_eq!(older.slugs, [hashed("li-qiang", "李强"), "li-qiang".into()]);
        let tie = slugs_of(&[("李蔷", None, "2014"), ("李强", None, "2014")]);
        assert_eq!(tie.slugs, [hashed("li-qiang", "李蔷"), "li-qiang".into()]);
    }

    #[test]
    fn a_fixed_slug_stays_and_moves_the_name_that_would_take_it() {
        let s = slugs_of(&[("王楷", None, "2000"), ("王凯", Some("wang-kai"), "2020")]);
        assert_eq!(s.slugs, [hashed("wang-kai", "王楷"), "wang-kai".into()]);
        assert_eq!(s.homophones, [vec![0, 1]]);
        let clash = slugs_of(&[("王凯", Some("wk"), "2014"), ("李强", Some("wk"), "2014")]);
        assert_eq!(clash.clashes, [("wk".to_string(), vec![0, 1])]);
    }

    #[test]
    fn a_name_without_pinyin_or_letters_gets_its_hash() {
        let s = slugs_of(&[("？？", None, "2014")]);
        assert_eq!(s.slugs, [short_hash("？？")]);
        assert!(slug::is_valid(&s.slugs[0]));
    }

    #[test]
    fn long_names_stay_within_the_slug_limit() {
        let long = "关于进一步加强新时代产业工人队伍建设改革和维护职工合法权益的若干意见";
        let other = long.replace("意见", "亿见");
        let s = slugs_of(&[(long, None, "2014"), (&other, None, "2015")]);
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
