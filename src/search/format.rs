//! The on-disk encoding of the search index, shared by the writer, `lectern search`
//! and (mirrored in `search.js`) the browser. `docs/search-format.md` describes it.

use std::io::{Read, Write};

use flate2::{read::GzDecoder, write::GzEncoder, Compression};
use serde::{Deserialize, Serialize};

pub const FORMAT_VERSION: u32 = 2;
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
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManifestTheme {
    pub name: String,
    pub slug: String,
}

/// What a result shows, stored one file per speech: `search/d/<id>.bin`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoredDoc {
    pub url: String,
    pub title: String,
    /// The date as displayed, e.g. `2014年4月28日`.
    pub date: String,
    pub speaker: String,
    pub themes: Vec<String>,
    /// The searchable text: the exact string whose normalised form was indexed.
    pub text: String,
}

/// Lengths are stored in units of 32 characters: ranking needs only their
/// proportion, and a short number per speech keeps `docs.bin` small.
pub const LEN_UNIT: u32 = 32;

/// Per-speech figures every query needs (`search/docs.bin`). No date: ids run
/// oldest first, so "newest first" is "highest id first".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocInfo {
    pub year: u32,
    /// Index into the manifest's speakers, plus one; 0 for none.
    pub speaker: u32,
    /// Bit i set: the speech has theme i of the manifest.
    pub themes: u32,
    /// Normalised length in characters (read back rounded up to `LEN_UNIT`).
    pub len: u32,
    /// The title's normalised length: matches before it are title matches.
    pub title_len: u32,
}

pub fn manifest_path() -> String {
    format!("{DIR}/manifest.json")
}
pub fn docs_path() -> String {
    format!("{DIR}/docs.bin")
}
pub fn shard_path(segment: usize, bucket: u32) -> String {
    format!("{DIR}/i/{segment}-{bucket}.bin")
}
pub fn stored_doc_path(id: usize) -> String {
    format!("{DIR}/d/{id}.bin")
}

/// FNV-1a over the gram's UTF-8 bytes: simple to mirror exactly in JavaScript.
pub fn bucket_of(gram: &str, buckets: u32) -> u32 {
    bucket_of_bytes(gram.bytes(), buckets)
}

/// The same, for a gram given as characters (no string is allocated).
pub fn bucket_of_chars(gram: &[char], buckets: u32) -> u32 {
    let mut utf8 = [0u8; 8];
    let mut len = 0;
    for c in gram {
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

pub fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

pub fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u32);
    out.extend_from_slice(text.as_bytes());
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
            let byte = *self.bytes.get(self.at).ok_or("index file ends early")?;
            self.at += 1;
            if shift > 28 {
                return Err("index file has an overlong number".into());
            }
            value |= ((byte & 0x7f) as u32) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    pub fn str(&mut self) -> Result<&'a str, String> {
        let len = self.varint()? as usize;
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("index file ends early")?;
        let text = std::str::from_utf8(&self.bytes[self.at..end]).map_err(|e| e.to_string())?;
        self.at = end;
        Ok(text)
    }
}

/// Index files are stored gzip-compressed: smaller on disk and on the wire, and
/// browsers unpack them natively (`DecompressionStream`).
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::new(6));
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
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
        |d| d.title_len,
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
        return Err("docs.bin: the year runs do not add up".into());
    }
    let mut column = || {
        (0..n)
            .map(|_| r.varint())
            .collect::<Result<Vec<u32>, String>>()
    };
    let (speakers, themes, lens, title_lens) = (column()?, column()?, column()?, column()?);
    Ok((0..n)
        .map(|i| DocInfo {
            year: years[i],
            speaker: speakers[i],
            themes: themes[i],
            len: lens[i] * LEN_UNIT,
            title_len: title_lens[i],
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(bucket_of_chars(&['维', '权'], 64), bucket_of("维权", 64));
    }

    #[test]
    fn docs_round_trip_by_column() {
        let docs = [
            DocInfo {
                year: 1957,
                speaker: 0,
                themes: 0,
                len: 896,
                title_len: 12,
            },
            DocInfo {
                year: 2014,
                speaker: 2,
                themes: 5,
                len: 3008,
                title_len: 9,
            },
            DocInfo {
                year: 2014,
                speaker: 1,
                themes: 1,
                len: 64,
                title_len: 4,
            },
        ];
        assert_eq!(decode_docs(&encode_docs(&docs)).unwrap(), docs);
    }

    #[test]
    fn compression_round_trips_and_passes_plain_bytes() {
        let data = "讲话".repeat(100).into_bytes();
        assert_eq!(decompress(&compress(&data)).unwrap(), data);
        assert_eq!(decompress(b"plain").unwrap(), b"plain");
    }
}
