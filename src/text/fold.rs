//! 繁简 folding: the last step of normalisation maps each traditional character
//! to its simplified form, so that `勞動` finds `劳动` and `宪法` finds `憲法`.
//! Both the indexed text and the query are folded, one character to one
//! character, so positions and excerpt offsets stay those of the text as written.
//!
//! The table is OpenCC's `t2s` conversion (its `TSCharacters` and
//! `TSPhrases` dictionaries, Apache-2.0, through the `ferrous-opencc` crate):
//! for each character, what `t2s` makes of it on its own. Phrase rules do not
//! apply to one character: a search cannot know the phrase a character of the
//! query belongs to. So each character has one target, the first that OpenCC
//! lists for it:
//!
//! - several traditional characters merge into one, as they do in simplified
//!   writing: `發` and `髮` → `发`, `裡` and `裏` → `里`, `後` → `后`, `於` →
//!   `于`, `麵` → `面`, `乾` (乾淨) → `干`;
//! - characters that `t2s` leaves alone stay themselves: `著` (著作 in
//!   simplified text too, so `看著` is not found by `看着`), `覆`, `藉`, and
//!   regional variant forms that OpenCC's Hong Kong and Taiwan tables would
//!   first turn into standard ones (`衞`): those tables also turn simplified
//!   characters such as `么` and `抬` into others, so they are not used.
//!
//! Because text and query are folded alike, a merge only adds matches in which
//! both sides fold to the same simplified character (`头发` finds `頭髮` and
//! `頭發`; `干` also finds `乾隆`, where 乾 is itself a simplified character).
//!
//! Only letters that NFKC and lower-casing leave as they are take part (the
//! table is applied after them), and a target that `t2s` converts again is
//! followed to its end (`薴` → `苧` → `苎`), so folding twice is folding once.
//!
//! The index ships the table as `search/fold.bin` and both clients fold with
//! the table of the index they read, so `lectern search` and `search.js` agree
//! with the index that was built, whichever lectern built it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use unicode_normalization::UnicodeNormalization;

use super::is_text;
use crate::t;

/// Characters in this range (CJK Extension A and the Unified Ideographs, where
/// nearly all traditional characters are) are looked up directly.
const DENSE: std::ops::RangeInclusive<u32> = 0x3400..=0x9FFF;

/// Maps characters to their folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folding {
    /// The folded pairs, by code point: what the index ships.
    pairs: Vec<(char, char)>,
    /// Every character of `DENSE`, folded.
    dense: Vec<char>,
    /// The pairs whose first character is outside `DENSE`.
    others: Vec<(char, char)>,
}

impl Folding {
    /// The folding lectern builds indexes with, made from OpenCC's tables.
    pub fn builtin() -> &'static Folding {
        static FOLDING: OnceLock<Folding> = OnceLock::new();
        FOLDING.get_or_init(|| {
            Folding::from_pairs(opencc_pairs()).expect("OpenCC's pairs are sorted and distinct")
        })
    }

    /// A folding from pairs sorted by their first character, each first
    /// character once, none folded to itself.
    pub fn from_pairs(pairs: Vec<(char, char)>) -> Result<Folding, String> {
        if let Some(w) = pairs.windows(2).find(|w| w[0].0 >= w[1].0) {
            return Err(t!(
                "fold-out-of-order",
                later = format!("U+{:04X}", w[1].0 as u32),
                earlier = format!("U+{:04X}", w[0].0 as u32)
            ));
        }
        if let Some(&(from, _)) = pairs.iter().find(|(from, to)| from == to) {
            return Err(t!(
                "fold-to-itself",
                code = format!("U+{:04X}", from as u32)
            ));
        }
        let mut dense: Vec<char> = DENSE
            .map(|code| char::from_u32(code).expect("the range holds no surrogates"))
            .collect();
        let mut others = Vec::new();
        for &(from, to) in &pairs {
            if DENSE.contains(&(from as u32)) {
                dense[(from as u32 - DENSE.start()) as usize] = to;
            } else {
                others.push((from, to));
            }
        }
        Ok(Folding {
            pairs,
            dense,
            others,
        })
    }

    /// The identity: nothing is folded.
    pub fn none() -> Folding {
        Folding::from_pairs(Vec::new()).expect("no pairs are in order")
    }

    /// The folded pairs, by code point of the first.
    pub fn pairs(&self) -> &[(char, char)] {
        &self.pairs
    }

    pub fn fold(&self, c: char) -> char {
        let code = c as u32;
        if code < *DENSE.start() {
            c
        } else if code <= *DENSE.end() {
            self.dense[(code - DENSE.start()) as usize]
        } else {
            self.others
                .binary_search_by_key(&c, |&(from, _)| from)
                .map_or(c, |i| self.others[i].1)
        }
    }
}

/// The blocks where OpenCC's `t2s` changes characters: CJK Extension A, the
/// Unified Ideographs and their compatibility forms, and Extensions B to H.
/// A test checks all of Unicode, so a new OpenCC table that reaches further
/// fails it rather than going unnoticed.
const CONVERTED: [std::ops::RangeInclusive<u32>; 3] =
    [0x3400..=0x9FFF, 0xF900..=0xFAFF, 0x20000..=0x323AF];

/// What OpenCC's `t2s` makes of each character alone, kept where both are
/// text characters that NFKC and lower-casing leave alone, followed to the end
/// of chains.
fn opencc_pairs() -> Vec<(char, char)> {
    let t2s = t2s();
    let mut single: BTreeMap<char, char> = BTreeMap::new();
    let mut buffer = [0u8; 4];
    for c in CONVERTED.into_iter().flatten().filter_map(char::from_u32) {
        let converted = t2s.convert(c.encode_utf8(&mut buffer));
        // A character that becomes several (none in OpenCC's tables) is not folded.
        if let Some(to) = only_char(&converted).filter(|&to| to != c) {
            single.insert(c, to);
        }
    }
    let stable = |c: char| is_text(c) && c.to_string().nfkc().eq([c]) && c.to_lowercase().eq([c]);
    let mut pairs = Vec::with_capacity(single.len());
    for (&from, &to) in &single {
        let mut to = to;
        // Bounded: a cycle would stop after visiting every entry.
        for _ in 0..single.len() {
            match single.get(&to) {
                Some(&next) if next != to => to = next,
                _ => break,
            }
        }
        if from != to && stable(from) && stable(to) {
            pairs.push((from, to));
        }
    }
    pairs
}

/// OpenCC's traditional-to-simplified converter, whose dictionaries are
/// compiled into the crate.
fn t2s() -> OpenCC {
    OpenCC::from_config(BuiltinConfig::T2s).expect("OpenCC's built-in t2s configuration loads")
}

/// The text with each character folded: import compares its theme keywords so.
pub fn fold_str(text: &str) -> String {
    let folding = Folding::builtin();
    text.chars().map(|c| folding.fold(c)).collect()
}

fn only_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_fold_to_simplified_ones() {
        assert_eq!(fold_str("勞動憲法發展"), "劳动宪法发展");
        assert_eq!(fold_str("劳动宪法发展"), "劳动宪法发展");
        // Merges, as in simplified writing.
        assert_eq!(fold_str("發髮"), "发发");
        assert_eq!(fold_str("裡裏里"), "里里里");
        assert_eq!(fold_str("後后於于麵面乾干"), "后后于于面面干干");
        assert_eq!(fold_str("餘諮臺灣"), "余咨台湾");
        // Left alone by t2s, so not folded: 著 and 么 are simplified characters too.
        assert_eq!(fold_str("著覆藉衞么抬"), "著覆藉衞么抬");
        // Chains are followed to their end.
        assert_eq!(fold_str("薴"), "苎");
        // Not letters: not folded (「 is a separator before folding anyway).
        assert_eq!(fold_str("「」abc"), "「」abc");
    }

    /// Checks the table against OpenCC's converter itself, character by
    /// character over all of Unicode: a character is folded iff the converter
    /// changes it alone into one text character, and then to what converting
    /// it again and again ends at.
    #[test]
    fn the_table_is_what_opencc_makes_of_each_character() {
        let folding = Folding::builtin();
        let t2s = t2s();
        let convert = |c: char| t2s.convert(&c.to_string());
        let mut folded = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let once = convert(c);
            let got = folding.fold(c);
            if got == c {
                continue;
            }
            folded += 1;
            // Every folded character comes from one character made into exactly one.
            let mut chars = once.chars();
            let (Some(mut to), None) = (chars.next(), chars.next()) else {
                panic!(
                    "U+{:04X} is folded, but OpenCC makes {once:?} of it",
                    c as u32
                );
            };
            loop {
                let again = convert(to);
                if again == to.to_string() {
                    break;
                }
                to = only_char(&again).expect("a chain of single characters");
            }
            assert_eq!(got, to, "U+{:04X}", c as u32);
            assert!(is_text(c) && is_text(got), "U+{:04X} is a letter", c as u32);
            // Folding twice is folding once, and the result is normalised.
            assert_eq!(folding.fold(got), got, "U+{:04X}", c as u32);
            assert!(got.to_string().nfkc().eq([got]), "U+{:04X}", c as u32);
        }
        assert_eq!(folded, folding.pairs().len());
        // Characters OpenCC changes that are left out: only non-letters, and
        // letters that NFKC changes first (compatibility ideographs).
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if folding.fold(c) == c && convert(c) != c.to_string() {
                let normalised = c.to_string().nfkc().eq([c]);
                assert!(
                    !is_text(c) || !normalised,
                    "U+{:04X} is not folded",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn pairs_must_be_in_order_and_change_the_character() {
        assert!(Folding::from_pairs(vec![('發', '发'), ('勞', '劳')]).is_err());
        assert!(Folding::from_pairs(vec![('勞', '劳'), ('勞', '劳')]).is_err());
        assert!(Folding::from_pairs(vec![('勞', '勞')]).is_err());
        let folding = Folding::from_pairs(vec![('勞', '劳'), ('𨋢', '𫐏')]).unwrap();
        assert_eq!(folding.fold('勞'), '劳');
        assert_eq!(folding.fold('𨋢'), '𫐏');
        assert_eq!(folding.fold('動'), '動');
        assert_eq!(Folding::none().fold('勞'), '勞');
    }
}
