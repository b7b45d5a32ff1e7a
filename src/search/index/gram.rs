//! Grams as numbers, and the hash maps keyed by them.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A gram as a number: a unigram is its code point; a bigram sets the top bit
/// and packs both code points (21 bits each); a trigram packs three code points
/// (the first is never 0, so a trigram is above every unigram). Sorting numbers
/// is far cheaper than sorting strings, and within a kind their order is the
/// order of the code points.
pub(super) type GramKey = u64;
pub(super) const BIGRAM: GramKey = 1 << 63;
const CHAR_BITS: u32 = 21;
const CHAR_MASK: GramKey = (1 << CHAR_BITS) - 1;

pub(super) fn bigram_key(a: char, b: char) -> GramKey {
    BIGRAM | ((a as u64) << CHAR_BITS) | b as u64
}

pub(super) fn trigram_key(a: char, b: char, c: char) -> GramKey {
    ((a as u64) << (2 * CHAR_BITS)) | ((b as u64) << CHAR_BITS) | c as u64
}

/// A gram's characters (as code points, the first `len` of them) and length.
pub(super) fn gram_chars(key: GramKey) -> ([u32; 3], usize) {
    let at = |shift: u32| ((key >> shift) & CHAR_MASK) as u32;
    if key & BIGRAM != 0 {
        ([at(CHAR_BITS), at(0), 0], 2)
    } else if key >> CHAR_BITS == 0 {
        ([at(0), 0, 0], 1)
    } else {
        ([at(2 * CHAR_BITS), at(CHAR_BITS), at(0)], 3)
    }
}

pub(super) fn gram_text(key: GramKey) -> String {
    let (chars, len) = gram_chars(key);
    chars[..len].iter().map(|&c| char_of(c)).collect()
}

pub(super) fn char_of(code_point: u32) -> char {
    char::from_u32(code_point).expect("grams are made of chars")
}

/// Gram keys are well spread already: a multiply mixes them enough for hashing.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = (self.0 ^ key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(super) type KeyMap<V> = HashMap<GramKey, V, BuildHasherDefault<KeyHasher>>;
pub(super) type KeySet = HashSet<GramKey, BuildHasherDefault<KeyHasher>>;
