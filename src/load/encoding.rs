//! Recognising text that is not UTF-8. Chinese offices still save GB18030/GBK and
//! UTF-16 files; the build names the encoding and points to `lectern import`, which
//! converts them.

use crate::diagnostic::line_column;

/// A file that could not be read as UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The encoding the bytes most likely are in, e.g. `GB18030` or `UTF-16LE`.
    pub likely_encoding: String,
    /// 1-based line and column of the first byte that is not UTF-8.
    pub line: usize,
    pub column: usize,
}

/// Returns the text of a UTF-8 file (a byte-order mark is dropped), or what the
/// bytes probably are instead.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_column(valid, valid.len());
            Err(NotUtf8 {
                likely_encoding: guess_encoding(bytes).to_string(),
                line,
                column,
            })
        }
    }
}

/// Names the most likely encoding of bytes that are not UTF-8.
pub fn guess_encoding(bytes: &[u8]) -> &'static str {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.name();
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GBK and GB18030 decode the same Chinese text; GB18030 is the superset.
    if encoding == encoding_rs::GBK {
        "GB18030"
    } else {
        encoding.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_text_is_recognised() {
        let (bytes, _, _) = encoding_rs::GB18030
            .encode("标题\n同志们：今天县总工会召开全委会议，总结过去一年的工作。");
        let err = decode_utf8(&bytes).unwrap_err();
        assert_eq!(err.likely_encoding, "GB18030");
        assert_eq!((err.line, err.column), (1, 1));
    }

    #[test]
    fn utf16_with_bom_is_recognised() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "讲话".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_utf8(&bytes).unwrap_err().likely_encoding, "UTF-16LE");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFabc").unwrap(), "abc");
    }
}
