//! The on-disk encoding of the search index, shared by the writer, `lectern search`
//! and (mirrored in `search.js`) the browser. `docs/search-format.md` describes it.

use std::cell::RefCell;
use std::io::Read;
use std::sync::OnceLock;

use flate2::read::GzDecoder;
use libdeflater::{CompressionLvl, Compressor};
use serde::{Deserialize, Serialize};

use crate::t;
use crate::text::fold::Folding;
use crate::text::FIELDS;

/// Raised whenever what a client must do to read the index changes (7: stored
/// speeches say where their sections start; 6: shards
/// and stored speeches are packed and read by range; 5: traditional characters
/// are folded to simplified ones with the table of `fold.bin`; 4: format
/// characters are removed from the searchable text, see `normalize`).
pub const FORMAT_VERSION: u32 = 7;
/// Speeches per segment. Every segment has its own shards, so an edited speech
/// rewrites only the shards of its segment.
pub const SEGMENT_SIZE: usize = 5000;
/// The folder under the output root.
pub const DIR: &str = "search";

/// Position flags: a jieba word boundary at the start / at the end of a bigram.
pub const FLAG_START: u32 = 0b10;
pub const FLAG_END: u32 = 0b01;

/// `search/manifest.json`: what a client reads first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub version: u32,
    pub doc_count: usize,
    pub segment_size: usize,
    pub buckets: u32,
    /// Average normalised length of a speech, for BM25.
    pub avg_len: f64,
    pub themes: Vec<ManifestTheme>,
    pub speakers: Vec<String>,
    /// Per segment, the bigrams whose positions are also split by the next
    /// character into trigram postings, in code point order.
    pub split: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManifestTheme {
    pub name: String,
    pub slug: String,
}

/// What a result shows: a stored speech (`search/d/`).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDoc {
    pub url: String,
    pub title: String,
    /// The date as displayed, e.g. `2014年4月28日`.
    pub date: String,
    pub speaker: String,
    pub themes: Vec<String>,
    /// The searchable text: the exact string whose normalised form was indexed.
    pub text: String,
    /// The body's sections (its headings of levels 2–4), in order; none when
    /// it has no headings.
    pub sections: Vec<Section>,
}

/// A section of a stored speech's body, which runs from its heading to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading's id on the speech page (`url#id` links to it).
    pub id: String,
    /// The heading as the text has it: its line, trimmed.
    pub title: String,
    /// Where the heading's line starts in `text`, in bytes.
    pub start: usize,
}

/// Lengths are stored in units of 32 characters: ranking needs only their
/// proportion, and a short number per speech keeps `docs.bin` small.
pub const LEN_UNIT: u32 = 32;
/// The title is padded with separators to a multiple of this many characters,
/// so that `docs.bin` needs only a small, nearly constant number to tell title
/// matches (positions below the padded end) from the rest.
pub const TITLE_UNIT: u32 = 32;

/// Where the rest of the searchable text starts, after a title of `title_len`
/// normalised characters: the title, at least one separator, then separators
/// up to a multiple of `TITLE_UNIT`.
pub fn title_end(title_len: u32) -> u32 {
    (title_len + 1).div_ceil(TITLE_UNIT) * TITLE_UNIT
}

/// Per-speech figures every query needs (`search/docs.bin`). No date: ids run
/// oldest first, so "newest first" is "highest id first".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocInfo {
    pub year: u32,
    /// Index into the manifest's speakers, plus one; 0 for none.
    pub speaker: u32,
    /// Bit i set: the speech has theme i of the manifest.
    pub themes: u32,
    /// Length of the indexed text in characters, title padding included
    /// (read back rounded up to `LEN_UNIT`).
    pub len: u32,
    /// Where the title's padding ends (a multiple of `TITLE_UNIT`): matches
    /// starting before it are title matches.
    pub title_end: u32,
}

impl DocInfo {
    /// The room the speech takes in its segment's position space: its length
    /// rounded up to `LEN_UNIT`, which both writer and reader know.
    pub fn span(&self) -> u32 {
        self.len.div_ceil(LEN_UNIT) * LEN_UNIT
    }
}

/// Whether `path` (in the output folder) is one of the files above, which the
/// search page reads, as opposed to the page itself and its script.
pub fn is_index_file(path: &str) -> bool {
    path.strip_prefix(DIR)
        .is_some_and(|rest| rest.starts_with('/'))
        && [".json", ".bin", ".dir", ".len"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

pub fn manifest_path() -> String {
    format!("{DIR}/manifest.json")
}
pub fn docs_path() -> String {
    format!("{DIR}/docs.bin")
}
pub fn folding_path() -> String {
    format!("{DIR}/fold.bin")
}
/// The directory of a segment's shards, one entry per bucket (see [`super::pack`]).
pub fn shard_directory_path(segment: usize) -> String {
    format!("{DIR}/i/{segment}.dir")
}
/// The same directory as the shards' lengths alone (see [`super::pack`]).
pub fn shard_lengths_path(segment: usize) -> String {
    format!("{DIR}/i/{segment}.len")
}
pub fn shard_part_path(segment: usize, part: usize) -> String {
    format!("{DIR}/i/{segment}-{part}.bin")
}
/// The directory of a segment's stored speeches, one entry per speech.
pub fn stored_directory_path(segment: usize) -> String {
    format!("{DIR}/d/{segment}.dir")
}
pub fn stored_lengths_path(segment: usize) -> String {
    format!("{DIR}/d/{segment}.len")
}
pub fn stored_part_path(segment: usize, part: usize) -> String {
    format!("{DIR}/d/{segment}-{part}.bin")
}

/// FNV-1a over the gram's UTF-8 bytes: simple to mirror exactly in JavaScript.
pub fn bucket_of(gram: &str, buckets: u32) -> u32 {
    bucket_of_bytes(gram.bytes(), buckets)
}

/// The same, for a gram given as code points (no string is allocated).
pub fn bucket_of_code_points(gram: &[u32], buckets: u32) -> u32 {
    let mut utf8 = [0u8; 12];
    let mut len = 0;
    for &c in gram {
        let c = char::from_u32(c).expect("grams are made of chars");
        len += c.encode_utf8(&mut utf8[len..]).len();
    }
    bucket_of_bytes(utf8[..len].iter().copied(), buckets)
}

fn bucket_of_bytes(bytes: impl Iterator<Item = u8>, buckets: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in bytes {
        hash ^= byte as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % buckets
}

pub fn put_varint(out: &mut Vec<u8>, value: u32) {
    put_varint64(out, value as u64);
}

/// A varint of up to 64 bits: the same coding, for values built in memory that
/// may pass 32 bits (a position gap with flags beside it).
pub fn put_varint64(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads the binary files back; every read is bounds-checked so a damaged file
/// gives an error, not a panic.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    pub fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    pub fn varint(&mut self) -> Result<u32, String> {
        let mut value: u32 = 0;
        let mut shift = 0;
        loop {
            let byte = *self
                .bytes
                .get(self.at)
                .ok_or_else(|| t!("search-why-ends-early"))?;
            self.at += 1;
            if shift > 28 {
                return Err(t!("search-why-overlong-number"));
            }
            value |= ((byte & 0x7f) as u32) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    pub fn bytes(&mut self, len: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| t!("search-why-ends-early"))?;
        let bytes = &self.bytes[self.at..end];
        self.at = end;
        Ok(bytes)
    }

    /// A string written by `put_text`.
    pub fn text(&mut self) -> Result<String, String> {
        let len = self.varint()? as usize;
        let mut codes = Reader::new(self.bytes(len)?);
        let mut text = String::with_capacity(len * 2);
        while !codes.done() {
            text.push(codes.char()?);
        }
        Ok(text)
    }

    /// A character written by `put_char`.
    pub fn char(&mut self) -> Result<char, String> {
        let first = self.bytes(1)?[0] as u32;
        let cp = if first < CJK_FIRST {
            text_table().0[first as usize] as u32
        } else if first < ESCAPE as u32 {
            let low = self.bytes(1)?[0] as u32;
            let base = if first < LOW_FIRST {
                0x4E00 + ((first - CJK_FIRST) << 8)
            } else {
                (first - LOW_FIRST) << 8
            };
            base | low
        } else {
            let b = self.bytes(3)?;
            (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32
        };
        char::from_u32(cp).ok_or_else(|| t!("search-why-invalid-character"))
    }
}

/// The 160 most frequent characters of the shared corpus of government work
/// reports and laws (punctuation, line break and space included), which make up
/// about 63% of such text. Stored text codes them in one byte instead of UTF-8's
/// three, which gzip then compresses about a fifth better. Fixed, not computed
/// per site, so that no speech's stored file changes when others are added.
pub(super) const TEXT_TABLE: &str = concat!(
    "，的、\n。人第条法行和 定应十当民规政理管以有业会者关部；设一国用工务或）（门市",
    "二建机保生作地三本不员事公区主其在经制施产对责发等合为全动位处物府可单中进安资上",
    "五及实四出依大由水照护提方构级要院权监下证家通内体所自并委他时成同议任品查化年案",
    "得准划按展代期报审开改重组标件服表营职违项交共利款收情社六加立文分企据县防日办检",
);
const TABLE_SIZE: u32 = 160;
/// First bytes of the two-byte codes: CJK Unified Ideographs from U+4E00 (82
/// blocks of 256), then code points below 3328 (13 blocks); 255 escapes a code
/// point in three bytes.
pub(super) const CJK_FIRST: u32 = TABLE_SIZE;
pub(super) const LOW_FIRST: u32 = CJK_FIRST + 82;
pub(super) const ESCAPE: u8 = 255;

/// The table's characters, and for every character of the Basic Multilingual
/// Plane its one-byte code or `ESCAPE` (the table is all in that plane).
fn text_table() -> &'static (Vec<char>, Vec<u8>) {
    static TABLE: OnceLock<(Vec<char>, Vec<u8>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = TEXT_TABLE.chars().collect();
        assert_eq!(chars.len(), TABLE_SIZE as usize);
        let mut codes = vec![ESCAPE; 0x10000];
        for (i, &c) in chars.iter().enumerate() {
            codes[c as usize] = i as u8;
        }
        (chars, codes)
    })
}

/// A string in the stored-text code: its coded byte length, then the codes.
pub fn put_text(out: &mut Vec<u8>, text: &str) {
    let codes = &text_table().1;
    let mut coded = Vec::with_capacity(text.len());
    for c in text.chars() {
        put_coded(codes, &mut coded, c);
    }
    put_varint(out, coded.len() as u32);
    out.extend_from_slice(&coded);
}

/// One character in the stored-text code.
pub fn put_char(out: &mut Vec<u8>, c: char) {
    put_coded(&text_table().1, out, c);
}

/// One character in the stored-text code, given the table's codes (looked up
/// once per text rather than once per character).
fn put_coded(codes: &[u8], out: &mut Vec<u8>, c: char) {
    let cp = c as u32;
    if let Some(&code) = codes.get(cp as usize).filter(|&&code| code != ESCAPE) {
        out.push(code);
    } else if (0x4E00..=0x9FFF).contains(&cp) {
        let v = cp - 0x4E00;
        out.extend_from_slice(&[(CJK_FIRST + (v >> 8)) as u8, v as u8]);
    } else if cp < (ESCAPE as u32 - LOW_FIRST) << 8 {
        out.extend_from_slice(&[(LOW_FIRST + (cp >> 8)) as u8, cp as u8]);
    } else {
        out.extend_from_slice(&[ESCAPE, (cp >> 16) as u8, (cp >> 8) as u8, cp as u8]);
    }
}

/// The themes field is the theme names joined by spaces: stored as the list.
const THEMES_FIELD: usize = 7;

/// A stored speech before compression: the URL, the theme names, every other
/// field, each in the stored-text code, then, if the body has headings, where
/// its sections start: `sections` holds, per heading in order, the line of the
/// body it starts on and its id on the page.
pub fn encode_stored_doc(
    url: &str,
    themes: &[String],
    fields: &[&str; FIELDS],
    sections: &[(usize, &str)],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(fields.iter().map(|f| f.len()).sum::<usize>() / 2 + 64);
    put_text(&mut out, url);
    put_varint(&mut out, themes.len() as u32);
    for theme in themes {
        put_text(&mut out, theme);
    }
    for (i, field) in fields.iter().enumerate() {
        if i != THEMES_FIELD {
            put_text(&mut out, field);
        }
    }
    // Optional: a speech without headings ends after its body.
    if !sections.is_empty() {
        put_varint(&mut out, sections.len() as u32);
        let mut line = 0;
        for &(start, id) in sections {
            debug_assert!(start >= line, "headings come in the order of the text");
            put_varint(&mut out, (start - line) as u32);
            put_text(&mut out, id);
            line = start;
        }
    }
    out
}

pub fn decode_stored_doc(bytes: &[u8]) -> Result<StoredDoc, String> {
    let mut r = Reader::new(bytes);
    let url = r.text()?;
    let themes = (0..r.varint()?)
        .map(|_| r.text())
        .collect::<Result<Vec<String>, String>>()?;
    let mut fields = Vec::with_capacity(FIELDS);
    for i in 0..FIELDS {
        fields.push(if i == THEMES_FIELD {
            themes.join(" ")
        } else {
            r.text()?
        });
    }
    let text = fields.join("\n");
    let body_start = text.len() - fields[FIELDS - 1].len();
    let sections = if r.done() {
        Vec::new()
    } else {
        decode_sections(&mut r, &text, body_start)?
    };
    Ok(StoredDoc {
        url,
        title: fields[0].clone(),
        date: fields[1].clone(),
        speaker: fields[2].clone(),
        themes,
        text,
        sections,
    })
}

/// The sections after a stored speech's body: each heading's line, as a gap
/// from the previous one's, and its id.
fn decode_sections(r: &mut Reader, text: &str, body_start: usize) -> Result<Vec<Section>, String> {
    let mut lines = text[body_start..].split('\n');
    let mut at = body_start;
    let mut line = lines.next().unwrap_or_default();
    let mut sections = Vec::new();
    for _ in 0..r.varint()? {
        for _ in 0..r.varint()? {
            at += line.len() + 1;
            line = lines
                .next()
                .ok_or_else(|| t!("search-why-section-past-end"))?;
        }
        sections.push(Section {
            id: r.text()?,
            title: line.trim().to_string(),
            start: at,
        });
    }
    Ok(sections)
}

/// How hard to compress an index file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    /// Shards: varint gaps and bit planes, which deflate shrinks by only about a
    /// fifth at any level; the fastest level is 0.5% larger and takes 40% less time.
    Postings,
    /// Stored speeches and `docs.bin`: text, where level 6 is 5% smaller than 1.
    Text,
}

/// Index files are stored gzip-compressed: smaller on disk and on the wire, and
/// browsers unpack them natively (`DecompressionStream`). libdeflate makes the
/// same gzip as zlib, a little smaller and in about half the time; each thread
/// keeps its compressors, as allocating one costs more than a shard.
pub fn compress(bytes: &[u8], packing: Packing) -> Vec<u8> {
    thread_local! {
        static COMPRESSORS: RefCell<[Compressor; 2]> = RefCell::new([1, 6].map(|level| {
            Compressor::new(CompressionLvl::new(level).expect("1 and 6 are levels"))
        }));
    }
    COMPRESSORS.with_borrow_mut(|compressors| {
        let compressor = match packing {
            Packing::Postings => &mut compressors[0],
            Packing::Text => &mut compressors[1],
        };
        let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
        let len = compressor
            .gzip_compress(bytes, &mut out)
            .expect("the output has the bound's size");
        out.truncate(len);
        out
    })
}

pub fn decompress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    // A server may already have removed the compression (Content-Encoding).
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::with_capacity(bytes.len() * 3);
    GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

/// `docs.bin` is stored by column (years as runs, then each field for all
/// speeches), which compresses several times better than row by row: every
/// query downloads it, so it must stay small for large archives.
pub fn encode_docs(docs: &[DocInfo]) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len() * 6);
    put_varint(&mut out, docs.len() as u32);
    let runs: Vec<&[DocInfo]> = docs.chunk_by(|a, b| a.year == b.year).collect();
    put_varint(&mut out, runs.len() as u32);
    for run in runs {
        put_varint(&mut out, run[0].year);
        put_varint(&mut out, run.len() as u32);
    }
    let columns: [fn(&DocInfo) -> u32; 4] = [
        |d| d.speaker,
        |d| d.themes,
        |d| d.len.div_ceil(LEN_UNIT),
        |d| d.title_end / TITLE_UNIT,
    ];
    for column in columns {
        for d in docs {
            put_varint(&mut out, column(d));
        }
    }
    out
}

pub fn decode_docs(bytes: &[u8]) -> Result<Vec<DocInfo>, String> {
    let mut r = Reader::new(bytes);
    let n = r.varint()? as usize;
    let mut years = Vec::with_capacity(n);
    for _ in 0..r.varint()? {
        let year = r.varint()?;
        let count = r.varint()? as usize;
        years.extend(std::iter::repeat_n(year, count));
    }
    if years.len() != n {
        return Err(t!("search-why-year-runs"));
    }
    let mut column = || {
        (0..n)
            .map(|_| r.varint())
            .collect::<Result<Vec<u32>, String>>()
    };
    let (speakers, themes, lens, title_ends) = (column()?, column()?, column()?, column()?);
    Ok((0..n)
        .map(|i| DocInfo {
            year: years[i],
            speaker: speakers[i],
            themes: themes[i],
            len: lens[i] * LEN_UNIT,
            title_end: title_ends[i] * TITLE_UNIT,
        })
        .collect())
}

/// `fold.bin`: the folded pairs by code point, each as the gap from the
/// previous pair's first character (the first from 0) and the difference from
/// its first character to its second, signed (zigzag: `2d` for `d ≥ 0`, else
/// `−2d − 1`). A simplified form is mostly within 8,192 code points of its
/// traditional one (two bytes), so OpenCC's 4,105 pairs take about 12 KB, and
/// under 10 KB in gzip.
pub fn encode_folding(folding: &Folding) -> Vec<u8> {
    let pairs = folding.pairs();
    let mut out = Vec::with_capacity(pairs.len() * 3);
    put_varint(&mut out, pairs.len() as u32);
    let mut previous = 0;
    for &(from, to) in pairs {
        put_varint(&mut out, from as u32 - previous);
        let d = to as i64 - from as i64;
        let zigzag = if d >= 0 { 2 * d } else { -2 * d - 1 };
        put_varint(&mut out, zigzag as u32);
        previous = from as u32;
    }
    out
}

pub fn decode_folding(bytes: &[u8]) -> Result<Folding, String> {
    let mut r = Reader::new(bytes);
    let n = r.varint()? as usize;
    // Each pair takes two bytes at least: a damaged count fails here, not in an allocation.
    if n > bytes.len() / 2 {
        return Err(t!("search-why-fold-too-many"));
    }
    let mut pairs = Vec::with_capacity(n);
    let mut previous = 0u32;
    for _ in 0..n {
        let gap = r.varint()?;
        let from = previous
            .checked_add(gap)
            .filter(|_| gap > 0 || pairs.is_empty())
            .ok_or_else(|| t!("search-why-fold-order"))?;
        let zigzag = r.varint()? as i64;
        let d = if zigzag % 2 == 0 {
            zigzag / 2
        } else {
            -(zigzag + 1) / 2
        };
        let to = u32::try_from(from as i64 + d).ok();
        let (Some(from), Some(to)) = (char::from_u32(from), to.and_then(char::from_u32)) else {
            return Err(t!("search-why-fold-not-character"));
        };
        pairs.push((from, to));
        previous = from as u32;
    }
    if !r.done() {
        return Err(t!("search-why-fold-trailing"));
    }
    Folding::from_pairs(pairs).map_err(|e| format!("fold.bin: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folding_round_trips() {
        let folding = Folding::builtin();
        let bytes = encode_folding(folding);
        assert_eq!(decode_folding(&bytes).as_ref(), Ok(folding));
        assert!(
            folding.pairs().len() > 2000,
            "the table holds OpenCC's characters"
        );
        // Pairs on both sides of their first character, and outside the BMP.
        let pairs = vec![
            ('A', 'z'),
            ('勞', '劳'),
            ('發', '发'),
            ('𠁞', '𠀾'),
            ('𨋢', '𫐏'),
        ];
        let folding = Folding::from_pairs(pairs).unwrap();
        assert_eq!(decode_folding(&encode_folding(&folding)), Ok(folding));
        assert_eq!(decode_folding(&[0]), Ok(Folding::none()));
    }

    #[test]
    fn a_damaged_folding_is_an_error() {
        let mut bytes = encode_folding(Folding::builtin());
        assert!(
            decode_folding(&bytes[..bytes.len() - 1]).is_err(),
            "truncated"
        );
        bytes.push(0);
        assert!(decode_folding(&bytes).is_err(), "trailing bytes");
        let mut out = Vec::new();
        for v in [2, 0x52de, 2, 0, 2] {
            put_varint(&mut out, v);
        }
        assert!(decode_folding(&out).is_err(), "a character twice");
        out.clear();
        for v in [1, 0xd800, 2] {
            put_varint(&mut out, v);
        }
        assert!(decode_folding(&out).is_err(), "a surrogate");
        out.clear();
        for v in [1, 0x52de, 0] {
            put_varint(&mut out, v);
        }
        assert!(
            decode_folding(&out).is_err(),
            "a character folded to itself"
        );
        assert!(
            decode_folding(&[0xff, 0xff, 0x03]).is_err(),
            "a count too large"
        );
    }

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, u32::MAX] {
            put_varint(&mut out, v);
        }
        let mut r = Reader::new(&out);
        for v in [0, 1, 127, 128, 300, u32::MAX] {
            assert_eq!(r.varint().unwrap(), v);
        }
        assert!(r.done());
        assert!(Reader::new(&[0x80]).varint().is_err());
    }

    #[test]
    fn buckets_are_fnv1a() {
        // FNV-1a of "a" is 0xe40c292c; search.js must agree.
        assert_eq!(bucket_of("a", 1 << 31), 0xe40c292c % (1 << 31));
        assert!(bucket_of("维权", 64) < 64);
        assert_eq!(
            bucket_of_code_points(&['维' as u32, '权' as u32], 64),
            bucket_of("维权", 64)
        );
    }

    #[test]
    fn titles_end_at_a_multiple_of_the_unit_after_a_separator() {
        assert_eq!(title_end(0), 32);
        assert_eq!(title_end(31), 32);
        assert_eq!(title_end(32), 64);
    }

    #[test]
    fn docs_round_trip_by_column() {
        let docs = [
            DocInfo {
                year: 1957,
                speaker: 0,
                themes: 0,
                len: 896,
                title_end: 32,
            },
            DocInfo {
                year: 2014,
                speaker: 2,
                themes: 5,
                len: 3008,
                title_end: 64,
            },
            DocInfo {
                year: 2014,
                speaker: 1,
                themes: 1,
                len: 64,
                title_end: 32,
            },
        ];
        assert_eq!(decode_docs(&encode_docs(&docs)).unwrap(), docs);
    }

    #[test]
    fn text_code_round_trips_every_kind_of_character() {
        let text = "同志们，维护“权益”\n第1条：ＧＤＰ增长5.2% Ünïcödé 𠀀😀 ㈱";
        let mut out = Vec::new();
        put_text(&mut out, text);
        put_text(&mut out, "");
        let mut r = Reader::new(&out);
        assert_eq!(r.text().unwrap(), text);
        assert_eq!(r.text().unwrap(), "");
        assert!(r.done());
        // Table characters take one byte, other ideographs two.
        let mut short = Vec::new();
        put_text(&mut short, "的讲");
        assert_eq!(short, [3, 1, CJK_FIRST as u8 + 0x3D, 0xB2]);
        assert!(Reader::new(&[2, ESCAPE, 0x11]).text().is_err());
        assert!(Reader::new(&[4, ESCAPE, 0x11, 0, 0]).text().is_err());
    }

    #[test]
    fn stored_docs_rebuild_the_searchable_text() {
        let themes = vec!["维权".to_string(), "基层 建设".to_string()];
        let fields = [
            "讲话",
            "2014年",
            "张明",
            "",
            "会议",
            "",
            "",
            "ignored",
            "工会",
            "正文\n第二段",
        ];
        let doc = decode_stored_doc(&encode_stored_doc("/s/x/", &themes, &fields, &[])).unwrap();
        assert_eq!(doc.url, "/s/x/");
        assert_eq!(doc.title, "讲话");
        assert_eq!(doc.date, "2014年");
        assert_eq!(doc.speaker, "张明");
        assert_eq!(doc.themes, themes);
        assert_eq!(
            doc.text,
            "讲话\n2014年\n张明\n\n会议\n\n\n维权 基层 建设\n工会\n正文\n第二段"
        );
        assert!(doc.sections.is_empty());
    }

    #[test]
    fn stored_docs_say_where_their_sections_start() {
        let mut fields = ["讲话", "", "", "", "", "", "", "", "", ""];
        fields[9] = "开头\n一、学习\n正文\n 二、落实 \n正文";
        let sections = [(1, "一学习"), (3, "二落实")];
        let bytes = encode_stored_doc("/s/x/", &[], &fields, &sections);
        let doc = decode_stored_doc(&bytes).unwrap();
        let found: Vec<(&str, &str, &str)> = doc
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.title.as_str(), &doc.text[s.start..]))
            .collect();
        assert_eq!(
            found,
            [
                ("一学习", "一、学习", "一、学习\n正文\n 二、落实 \n正文"),
                ("二落实", "二、落实", " 二、落实 \n正文")
            ]
        );
        // Without sections the bytes end after the body, as before they existed.
        let plain = encode_stored_doc("/s/x/", &[], &fields, &[]);
        assert!(bytes.starts_with(&plain) && bytes.len() > plain.len());
        // A heading past the last line is damage, not a section.
        let past = encode_stored_doc("/s/x/", &[], &fields, &[(5, "x")]);
        assert!(decode_stored_doc(&past).is_err());
    }

    #[test]
    fn compression_round_trips_and_passes_plain_bytes() {
        let data = "讲话".repeat(100).into_bytes();
        for packing in [Packing::Postings, Packing::Text] {
            let packed = compress(&data, packing);
            assert!(packed.len() < data.len() / 10);
            assert_eq!(decompress(&packed).unwrap(), data);
        }
        assert_eq!(decompress(b"plain").unwrap(), b"plain");
    }
}
