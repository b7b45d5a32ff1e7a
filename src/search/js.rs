//! The constants and tables that `search.js` shares with the Rust engine,
//! written from the Rust ones into a marked block at the top of
//! `themes/default/src/search.js`, so that the two engines cannot drift apart.
//! A test compares the block with what this module writes; run
//! `LECTERN_BLESS=1 cargo test --lib search::js` to rewrite it, then
//! `node tools/search-js.mjs` to make the shipped, minified copy.

use std::fmt::Write;

use super::format::{
    CJK_FIRST, ESCAPE, FLAG_END, FLAG_START, FORMAT_VERSION, LEN_UNIT, LOW_FIRST, TEXT_TABLE,
    TITLE_UNIT,
};
use super::pack::{ENTRY_BYTES, MAX_PART_BYTES};
use super::query::{B, K1};
use crate::text::FIELDS;

/// The lines that open and close the block in `search.js`.
const BEGIN: &str =
    "  // BEGIN shared with Rust: written by src/search/js.rs, do not edit (see there).";
const END: &str = "  // END shared with Rust.";

/// The block's lines, `BEGIN` and `END` included.
fn shared_block() -> String {
    let mut out = String::new();
    let mut line = |name: &str, value: String, what: &str| {
        writeln!(out, "  /** {what} */\n  var {name} = {value};").expect("writing to a String");
    };
    line(
        "FORMAT_VERSION",
        FORMAT_VERSION.to_string(),
        "The index format this engine reads (format.rs).",
    );
    line(
        "LEN_UNIT",
        LEN_UNIT.to_string(),
        "A speech's length in docs.bin counts in these units.",
    );
    line(
        "TITLE_UNIT",
        TITLE_UNIT.to_string(),
        "A title's end in docs.bin counts in these units.",
    );
    line(
        "FLAG_START",
        FLAG_START.to_string(),
        "A position starts a jieba word.",
    );
    line(
        "FLAG_END",
        FLAG_END.to_string(),
        "A position ends a jieba word.",
    );
    line(
        "K1",
        format!("{K1:?}"),
        "BM25's term-frequency saturation (query.rs).",
    );
    line(
        "B",
        format!("{B:?}"),
        "BM25's length normalisation (query.rs).",
    );
    line(
        "ENTRY_BYTES",
        ENTRY_BYTES.to_string(),
        "Bytes of one entry of a pack's directory (pack.rs).",
    );
    line(
        "MAX_PART_BYTES",
        MAX_PART_BYTES.to_string(),
        "The largest part file a pack writes.",
    );
    line(
        "FIELDS_BEFORE_BODY",
        (FIELDS - 1).to_string(),
        "A stored speech's text: these fields, a line each, then the body.",
    );
    let table = serde_json::to_string(TEXT_TABLE).expect("a string serialises");
    line(
        "TEXT_TABLE",
        format!("Array.from({table})"),
        "The characters that stored text codes in one byte, in code order.",
    );
    line(
        "CJK_FIRST",
        CJK_FIRST.to_string(),
        "First byte of the two-byte codes of CJK ideographs.",
    );
    line(
        "LOW_FIRST",
        LOW_FIRST.to_string(),
        "First byte of the two-byte codes below U+0D00.",
    );
    line(
        "ESCAPE",
        ESCAPE.to_string(),
        "The byte before a code point written in three bytes.",
    );
    format!("{BEGIN}\n{out}{END}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_js_holds_the_shared_block_as_rust_writes_it() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/src/search.js");
        let source = std::fs::read_to_string(&path).unwrap();
        let start = source.find(BEGIN).expect("search.js has the BEGIN line");
        let end = source[start..]
            .find(END)
            .expect("search.js has the END line")
            + start;
        let end = end + END.len() + 1;
        let block = shared_block();
        if std::env::var_os("LECTERN_BLESS").is_some() {
            let updated = format!("{}{block}{}", &source[..start], &source[end..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            assert!(
                source[start..end] == block,
                "search.js's shared block is out of date: run LECTERN_BLESS=1 cargo test --lib search::js, then node tools/search-js.mjs"
            );
        }
    }
}
