//! `word/numbering.xml`: Word's automatic numbering. Offices number section
//! headings with it, so the text of a heading holds no `一、`: the number is made
//! when the document is shown. Import makes it the same way and puts it in front
//! of the text, so that numbered headings are recognised as if they were typed.
//!
//! A list (`w:num`) points at a definition (`w:abstractNum`) with up to nine
//! levels, each with a start, a number format (`chineseCounting` → 一, 二 …) and a
//! label pattern (`%1、`, `（%2）`). Lists sharing a definition share its
//! counters unless a list restarts them (`w:startOverride`), as in Word.

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::{attribute, local, number};

const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    pattern: String,
    /// `w:suff`: what follows the label (a tab unless it says otherwise).
    suffix: Option<String>,
    /// `w:isLgl`: every number in the label in Arabic digits.
    legal: bool,
}

#[derive(Debug, Clone, Default)]
struct List {
    definition: u32,
    /// Levels whose count this list starts afresh, and at what.
    restarts: HashMap<u8, u32>,
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    definitions: HashMap<u32, Vec<Level>>,
    lists: HashMap<u32, List>,
    /// Counters per definition and level, as the document is read.
    counters: HashMap<u32, [Option<u32>; LEVELS]>,
    restarted: HashSet<(u32, u8)>,
}

/// The label Word shows in front of a numbered paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Label {
    pub text: String,
    pub bullet: bool,
}

impl Numbering {
    pub(super) fn parse(xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut definition: Option<(u32, Vec<Level>)> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut list: Option<(u32, List)> = None;
        let mut override_level: Option<u8> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e).as_str() {
                    "abstractNum" => {
                        definition = attribute(&e, "abstractNumId")
                            .and_then(|v| v.parse().ok())
                            .map(|id| (id, vec![Level::default(); LEVELS]))
                    }
                    "lvl" if definition.is_some() => {
                        level = attribute(&e, "ilvl")
                            .and_then(|v| v.parse::<usize>().ok())
                            .filter(|l| *l < LEVELS)
                            .map(|l| {
                                (
                                    l,
                                    Level {
                                        start: 1,
                                        format: "decimal".to_string(),
                                        ..Level::default()
                                    },
                                )
                            })
                    }
                    "start" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.start = number(&e).unwrap_or(1);
                        }
                    }
                    "numFmt" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.format = attribute(&e, "val").unwrap_or_default();
                        }
                    }
                    "lvlText" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.pattern = attribute(&e, "val").unwrap_or_default();
                        }
                    }
                    "suff" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.suffix = attribute(&e, "val");
                        }
                    }
                    "isLgl" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.legal = super::xml::switch(&e);
                        }
                    }
                    "num" => {
                        list = attribute(&e, "numId")
                            .and_then(|v| v.parse().ok())
                            .map(|id| (id, List::default()))
                    }
                    "abstractNumId" => {
                        if let Some((_, l)) = list.as_mut() {
                            l.definition = number(&e).unwrap_or(0);
                        }
                    }
                    "lvlOverride" => {
                        override_level = attribute(&e, "ilvl").and_then(|v| v.parse().ok())
                    }
                    "startOverride" => {
                        if let (Some((_, l)), Some(at)) = (list.as_mut(), override_level) {
                            l.restarts.insert(at, number(&e).unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some((_, levels)), Some((at, l))) =
                            (definition.as_mut(), level.take())
                        {
                            levels[at] = l;
                        }
                    }
                    "abstractNum" => {
                        if let Some((id, levels)) = definition.take() {
                            numbering.definitions.insert(id, levels);
                        }
                    }
                    "num" => {
                        if let Some((id, l)) = list.take() {
                            numbering.lists.insert(id, l);
                        }
                    }
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        numbering
    }

    /// Counts the next paragraph of list `num_id` at `level` and returns its label.
    /// `numId` 0 means "not numbered".
    pub(super) fn next_label(&mut self, num_id: u32, level: u8) -> Option<Label> {
        let list = self.lists.get(&num_id)?;
        let levels = self.definitions.get(&list.definition)?;
        let at = usize::from(level).min(LEVELS - 1);
        let restart = list
            .restarts
            .get(&level)
            .copied()
            .filter(|_| self.restarted.insert((num_id, level)));
        let counters = self.counters.entry(list.definition).or_default();
        counters[at] = Some(match (restart, counters[at]) {
            (Some(start), _) => start,
            (None, Some(n)) => n + 1,
            (None, None) => levels[at].start,
        });
        // A new item at one level restarts the levels below it.
        for deeper in counters.iter_mut().skip(at + 1) {
            *deeper = None;
        }
        let this = &levels[at];
        if this.format == "bullet" {
            return Some(Label {
                text: "•".to_string(),
                bullet: true,
            });
        }
        if this.format == "none" && !this.pattern.contains('%') {
            return (!this.pattern.trim().is_empty()).then(|| Label {
                text: this.pattern.clone(),
                bullet: false,
            });
        }
        let mut text = String::new();
        let mut chars = this.pattern.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = (c == '%')
                .then(|| chars.peek().and_then(|d| d.to_digit(10)))
                .flatten();
            match placeholder {
                Some(d @ 1..=9) => {
                    chars.next();
                    let which = d as usize - 1;
                    let def = &levels[which];
                    let n = counters[which].unwrap_or(def.start);
                    let format = if this.legal && which != at {
                        "decimal"
                    } else {
                        def.format.as_str()
                    };
                    text.push_str(&format_number(n, format));
                }
                _ => text.push(c),
            }
        }
        let text = text.trim().to_string();
        if text.is_empty() {
            return None;
        }
        // Word separates the label from the text by a tab or a space; Chinese
        // labels end in their own punctuation (一、 （一）), others get a space.
        let needs_space = this.suffix.as_deref() != Some("nothing")
            && text.ends_with(|c: char| c.is_ascii() || c.is_alphanumeric());
        Some(Label {
            text: if needs_space { text + " " } else { text },
            bullet: false,
        })
    }
}

/// A number in one of Word's number formats (ST_NumberFormat). Formats with no
/// equivalent here are written in Arabic digits rather than guessed.
pub(super) fn format_number(n: u32, format: &str) -> String {
    const CYCLE_TIANGAN: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
    const CYCLE_DIZHI: [&str; 12] = [
        "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
    ];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographTraditional"
        | "ideographZodiac"
            if n == 0 =>
        {
            "〇".to_string()
        }
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting" => han_counting(n, &HAN_DIGITS),
        "chineseLegalSimplified" => han_counting(n, &LEGAL_DIGITS),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| HAN_DIGITS[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "ideographTraditional" => cyclic(n, &CYCLE_TIANGAN),
        "ideographZodiac" => cyclic(n, &CYCLE_DIZHI),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(0xFF10 + d.to_digit(10).unwrap_or(0)))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

const HAN_DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const LEGAL_DIGITS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9,999).
fn han_counting(n: u32, digits: &[&str; 10]) -> String {
    let legal = digits[1] != "一";
    let units = if legal {
        ["", "拾", "佰", "仟"]
    } else {
        ["", "十", "百", "千"]
    };
    if n >= 10_000 {
        return n.to_string();
    }
    if (10..20).contains(&n) && !legal {
        return format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                digits[(n - 10) as usize]
            }
        );
    }
    let mut out = String::new();
    let mut zero = false;
    for (place, unit) in units.iter().enumerate().rev() {
        let d = (n / 10u32.pow(place as u32)) % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            // A gap is 零 in counting (一百零五), while 〇 is a digit (二〇二四).
            out.push('零');
            zero = false;
        }
        out.push_str(digits[d as usize]);
        out.push_str(unit);
    }
    out
}

fn cyclic(n: u32, cycle: &[&str]) -> String {
    cycle[((n.max(1) - 1) as usize) % cycle.len()].to_string()
}

/// a … z, aa … zz, as Word counts letters.
fn letters(n: u32, first: u8) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let letter = (first + ((n - 1) % 26) as u8) as char;
    letter.to_string().repeat(((n - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        let han: Vec<String> = [1, 9, 10, 11, 20, 21, 99, 100, 105, 110, 2024]
            .iter()
            .map(|n| format_number(*n, "chineseCounting"))
            .collect();
        assert_eq!(
            han,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百零五",
                "一百一十",
                "二千零二十四"
            ]
        );
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(3, "decimalEnclosedCircleChinese"), "③");
        assert_eq!(format_number(2, "decimalEnclosedParen"), "⑵");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(2024, "ideographDigital"), "二〇二四");
        assert_eq!(format_number(7, "someFutureFormat"), "7");
    }

    const XML: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

    #[test]
    fn labels_count_nest_and_restart() {
        let mut numbering = Numbering::parse(XML);
        let mut label = |num, level| numbering.next_label(num, level).map(|l| l.text);
        assert_eq!(label(1, 0).as_deref(), Some("一、"));
        assert_eq!(label(1, 1).as_deref(), Some("（一）"));
        assert_eq!(label(1, 1).as_deref(), Some("（二）"));
        assert_eq!(label(1, 2).as_deref(), Some("1.2.1 "));
        assert_eq!(label(1, 0).as_deref(), Some("二、"));
        // Level 1 starts again under a new level-0 item.
        assert_eq!(label(1, 1).as_deref(), Some("（一）"));
        assert_eq!(label(1, 1).as_deref(), Some("（二）"));
        // List 2 shares the definition, so level 0 goes on, but restarts level 1.
        assert_eq!(label(2, 1).as_deref(), Some("（一）"));
        assert_eq!(label(2, 0).as_deref(), Some("三、"));
        assert_eq!(label(3, 0).as_deref(), Some("•"));
        assert_eq!(label(9, 0), None);
    }
}
