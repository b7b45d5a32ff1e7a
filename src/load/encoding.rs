//! Recognising text that is not UTF-8. Chinese offices still save GB18030/GBK and
//! UTF-16 files; the build names the encoding and points to `lectern import`, which
//! converts them.

use crate::diagnostic::line_column;

/// A file that could not be read as UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotUtf8 {
    /// The encoding the bytes most likely are in, e.g. `GB18030` or `UTF-16LE`.
    pub likely_encoding: String,
    /// The bytes are not text in any encoding (an image, a program, …).
    pub binary: bool,
    /// 1-based line and column of the first byte that is not UTF-8.
    pub line: usize,
    pub column: usize,
}

/// Returns the text of a UTF-8 file (a byte-order mark is dropped), or what the
/// bytes probably are instead.
pub(crate) fn decode_utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_column(valid, valid.len());
            Err(NotUtf8 {
                likely_encoding: guess_encoding(bytes).to_string(),
                binary: looks_binary(bytes),
                line,
                column,
            })
        }
    }
}

/// Names the most likely encoding of bytes that are not UTF-8.
pub(crate) fn guess_encoding(bytes: &[u8]) -> &'static str {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.name();
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
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

/// How much of a file is looked at to tell its kind.
const SAMPLE: usize = 64 * 1024;

/// UTF-16 saved without a byte-order mark (Windows “Unicode” from some tools).
/// chardetng does not detect UTF-16, so it is recognised here: read as UTF-16,
/// almost every unit must be a character Chinese text is made of. GB18030 bytes
/// read that way fall mostly outside those ranges (Hangul, Yi, private use).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    if sample.len() < 4 {
        return None;
    }
    let textlike = |unit: u16| {
        matches!(unit,
            0x09 | 0x0A | 0x0D | 0x20..=0x7E
            | 0x00A0..=0x00FF
            | 0x2000..=0x206F
            | 0x3000..=0x303F
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xFF00..=0xFFEF)
    };
    // A share of text-like units alone is not enough: ASCII bytes read as UTF-16
    // are CJK units too. Real text also has a line break, a space, 。，or 、,
    // which neither ASCII nor GB18030 bytes can form.
    let share = |to_unit: fn([u8; 2]) -> u16| {
        let units = sample
            .chunks_exact(2)
            .map(|pair| to_unit([pair[0], pair[1]]));
        let (mut good, mut marks) = (0, 0);
        for unit in units {
            good += usize::from(textlike(unit));
            marks += usize::from(matches!(
                unit,
                0x0A | 0x0D | 0x20 | 0x3001 | 0x3002 | 0xFF0C
            ));
        }
        if marks == 0 {
            0
        } else {
            good * 100 / (sample.len() / 2)
        }
    };
    if share(u16::from_le_bytes) >= 95 {
        Some(encoding_rs::UTF_16LE)
    } else if share(u16::from_be_bytes) >= 95 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Bytes that are not text in any encoding Chinese offices use: NUL bytes outside
/// UTF-16, or many control bytes (GB18030 and UTF-8 never use them in text;
/// U+000B and U+000C, which Word writes, do not count).
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
        return false;
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let controls = sample
        .iter()
        .filter(|b| matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F))
        .count();
    sample.contains(&0) || controls * 100 > sample.len()
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
    fn utf16_without_bom_is_not_gb18030() {
        let text = "在全县工会工作会议上的讲话\n同志们：今天召开会议。2014年4月28日";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_utf8(&le).unwrap_err().likely_encoding, "UTF-16LE");
        assert_eq!(decode_utf8(&be).unwrap_err().likely_encoding, "UTF-16BE");
        assert!(!looks_binary(&le));
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(decode_utf8(&gb).unwrap_err().likely_encoding, "GB18030");
    }

    #[test]
    fn binary_bytes_are_not_text() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\x02\x03\x04\x05\x06\x07\x08";
        assert!(decode_utf8(png).unwrap_err().binary);
        let mut noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        noise.retain(|b| *b != 0);
        assert!(looks_binary(&noise));
        let (gb, _, _) = encoding_rs::GB18030.encode("标题\n同志们：\u{b}今天。");
        assert!(!looks_binary(&gb));
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFabc").unwrap(), "abc");
    }
}
