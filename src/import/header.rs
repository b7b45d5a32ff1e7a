//! The top of a speech: its title, and the header lines printed under it in real
//! documents, which name the date, the meeting, the speaker and their position:
//!
//! ```text
//! 2024年中华人民共和国国务院政府工作报告
//! 政府工作报告
//! ——2024年3月5日在第十四届全国人民代表大会第二次会议上
//! 国务院总理　李　强
//! 各位代表：
//! ```
//!
//! Recognised header lines leave the body (the front matter holds what they said,
//! and the file keeps them as comments); everything else stays where it was.

use super::para::{Para, Style};
use crate::dates;
use crate::speech::PartialDate;
use crate::t;

/// Where a date came from, which is also how far to trust it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateSource {
    /// A header line under the title, or the editor's front matter: certain.
    Header,
    FrontMatter,
    /// The `--metadata` sheet: the archivist's own record.
    Sheet,
    /// A day in a header line whose year is the one year the header states.
    HeaderDay,
    /// A date line at the end, after the signature.
    Closing,
    /// A full date in the title, e.g. `（2014年4月28日）`.
    Title,
    /// Only the year in the title, e.g. `2024年…政府工作报告`: usually right, but
    /// a report on 2023 can carry 2024 in its title.
    TitleYear,
    /// The year of the 全国人民代表大会 session the text names.
    Session(String),
}

impl DateSource {
    /// A date a person should confirm.
    pub fn is_guess(&self) -> bool {
        matches!(self, DateSource::TitleYear | DateSource::Session(_))
    }

    pub fn describe(&self) -> String {
        match self {
            DateSource::Header => t!("import-date-from-header"),
            DateSource::FrontMatter => t!("import-date-from-front-matter"),
            DateSource::Sheet => t!("import-date-from-sheet"),
            DateSource::HeaderDay => t!("import-date-from-header-day"),
            DateSource::Closing => t!("import-date-from-closing"),
            DateSource::Title => t!("import-date-from-title"),
            DateSource::TitleYear => t!("import-date-from-title-year"),
            DateSource::Session(name) => t!("import-date-from-session", session = name),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub date: PartialDate,
    pub source: DateSource,
}

/// What the top of a document says.
#[derive(Debug, Default)]
pub struct Header {
    pub title: String,
    /// Something about the title a person should check.
    pub title_notes: Vec<String>,
    pub date: Option<Dated>,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub occasion: Option<String>,
    /// Where the speech was given, from the date's parenthesis or line.
    pub place: Option<String>,
    /// The header lines taken out of the body, as printed.
    pub consumed: Vec<String>,
    /// The rest of the document.
    pub body: Vec<Para>,
}

/// Titles longer than this are a first paragraph, not a title line.
const MAX_TITLE_CHARS: usize = 80;
/// How many lines under the title may be header lines.
const HEADER_ZONE: usize = 8;

/// Recognises the title and header lines. `known_title` is a title the editor
/// already gave (Markdown front matter); then the body starts at the first line.
pub fn recognise(paragraphs: Vec<Para>, known_title: Option<String>) -> Header {
    let mut paragraphs: Vec<Para> = paragraphs.into_iter().filter(|p| !p.is_empty()).collect();
    let mut header = Header::default();
    match known_title {
        Some(title) => header.title = title,
        None => {
            // Word's Title style wins over the first paragraph, if it comes early.
            // A title is a line of text: not a table, not a picture.
            let is_line = |p: &Para| !p.is_table() && !p.text.trim().is_empty();
            let index = paragraphs
                .iter()
                .take(5)
                .position(|p| p.style == Style::Title && is_line(p))
                .or_else(|| paragraphs.iter().position(is_line));
            let Some(index) = index else {
                return header;
            };
            let first = paragraphs.remove(index);
            let line = first.text.trim().to_string();
            if line.chars().count() > MAX_TITLE_CHARS {
                // No title line: name the speech by its opening words, keep the text.
                header.title = opening_words(&line);
                header.title_notes.push(t!(
                    "import-first-line-too-long",
                    length = line.chars().count(),
                    title = header.title
                ));
                paragraphs.insert(index, first);
            } else {
                header.title = collapse_spaces(&line);
            }
        }
    }
    take_title_date(&mut header);

    let mut seen_header_line = false;
    let mut month_day = None;
    let mut kept: Vec<Para> = Vec::new();
    let mut i = 0;
    while i < paragraphs.len() && i < HEADER_ZONE {
        let p = &paragraphs[i];
        if is_salutation(&p.text) || p.style != Style::Normal || p.is_table() {
            break;
        }
        let text = p.text.trim().to_string();
        let next_is_salutation = paragraphs
            .get(i + 1)
            .is_some_and(|next| is_salutation(&next.text));
        if let Some(line) = parse_date_line(&text).or_else(|| parse_occasion_line(&text)) {
            if let Some(date) = line.date {
                if header.date.is_none() {
                    header.date = Some(Dated {
                        date,
                        source: DateSource::Header,
                    });
                }
            }
            if header.occasion.is_none() {
                header.occasion = line.occasion;
            }
            if header.place.is_none() {
                header.place = line.place;
            }
            if month_day.is_none() {
                month_day = line.month_day;
            }
            if let Some(person) = line.person {
                header.set_person(person);
            }
            seen_header_line = true;
        } else if let Some(person) = parse_person_line(&text) {
            header.set_person(person);
            seen_header_line = true;
        } else if let Some(name) =
            name_only(&text).filter(|_| seen_header_line || next_is_salutation)
        {
            if header.speaker.is_none() {
                header.speaker = Some(name);
            }
        } else if is_subtitle(&text) && !seen_header_line {
            // A subtitle such as 政府工作报告: it stays, and the header may go on.
            kept.push(p.clone());
            i += 1;
            continue;
        } else {
            break;
        }
        header.consumed.push(text);
        i += 1;
    }
    kept.extend(paragraphs.drain(i..));
    header.body = kept;

    if let Some((month, day)) = month_day {
        header.complete_day(month, day);
    }
    header.fill_from_title();
    header.closing_date();
    header.session_year();
    header
}

impl Header {
    /// A day written without its year (`当地时间11月18日`) gets a year only when
    /// the title and the header lines state exactly one: otherwise it is not certain.
    fn complete_day(&mut self, month: u8, day: u8) {
        if self.date.is_some() {
            return;
        }
        let mut years: Vec<i16> = std::iter::once(self.title.as_str())
            .chain(self.consumed.iter().map(String::as_str))
            .flat_map(dates::find_all)
            .map(|found| found.date.year)
            .collect();
        years.sort_unstable();
        years.dedup();
        let [year] = years[..] else {
            return;
        };
        if let Ok(date) = PartialDate::parse(&format!("{year:04}-{month:02}-{day:02}")) {
            self.date = Some(Dated {
                date,
                source: DateSource::HeaderDay,
            });
        }
    }

    fn set_person(&mut self, (role, name): (Option<String>, String)) {
        if self.speaker.is_none() {
            self.speaker = Some(name);
            if self.role.is_none() {
                self.role = role;
            }
        }
    }

    /// The title often names the meeting (`在全县工会工作会议上的讲话`), the
    /// speaker (`李强同志在…上的讲话`) and the year (`2024年政府工作报告`).
    fn fill_from_title(&mut self) {
        let title = self.title.clone();
        if self.occasion.is_none() {
            self.occasion = occasion_in_title(&title);
        }
        if self.speaker.is_none() {
            // `习近平：携手构建…`: a name before a colon.
            if let Some((name, _)) = title.split_once(['：', ':']) {
                if is_name(name.trim()) && has_common_surname(name.trim()) {
                    self.speaker = Some(name.trim().to_string());
                }
            }
        }
        if self.speaker.is_none() {
            if let Some(at) = title.find('在') {
                if at > 0 {
                    if let Some(person) =
                        parse_person(&title[..at]).or_else(|| name_with_comrade(&title[..at]))
                    {
                        self.set_person(person);
                    }
                }
            }
        }
        if self.date.is_none() {
            // A full date in the title (`2014年4月28日在…的讲话`) is the day of the speech.
            if let Some(found) = dates::find_full(&title).filter(|f| f.date.day.is_some()) {
                self.date = Some(Dated {
                    date: found.date,
                    source: DateSource::Title,
                });
            } else if let Some(found) = dates::find_year(&title).filter(|_| one_year(&title)) {
                self.date = Some(Dated {
                    date: PartialDate {
                        month: None,
                        day: None,
                        ..found.date
                    },
                    source: DateSource::TitleYear,
                });
            }
        }
    }

    /// A date alone on one of the last lines, under the signature.
    fn closing_date(&mut self) {
        if self.date.is_some() {
            return;
        }
        let last = self.body.iter().rev().take(3);
        for p in last {
            let text = strip_decoration(p.text.trim());
            if let Some((date, len)) = dates::date_at(text) {
                if date.month.is_some() && text[len..].trim().is_empty() {
                    self.date = Some(Dated {
                        date,
                        source: DateSource::Closing,
                    });
                    return;
                }
            }
        }
    }

    /// The year of a 全国人民代表大会 session named in the title, the header or
    /// the opening paragraphs.
    fn session_year(&mut self) {
        if self.date.is_some() {
            return;
        }
        let places = std::iter::once(self.title.as_str())
            .chain(self.consumed.iter().map(String::as_str))
            .chain(self.body.iter().take(3).map(|p| p.text.as_str()));
        for text in places {
            if let Some((year, name)) = dates::npc_session_year(text) {
                if let Ok(date) = PartialDate::parse(&year.to_string()) {
                    self.date = Some(Dated {
                        date,
                        source: DateSource::Session(name),
                    });
                    return;
                }
            }
        }
    }
}

/// Takes a full date in brackets off the end of the title:
/// `在全县工会工作会议上的讲话（2014年4月28日）`, also with a place
/// (`…（2024年11月18日，里约热内卢）`) or with the speaker packed after it
/// (`在二〇二三年春节团拜会上的讲话（2023年1月20日）习近平`).
fn take_title_date(header: &mut Header) {
    let title = header.title.trim_end().to_string();
    let Some(close) = title.rfind(['）', ')']) else {
        return;
    };
    let Some(open) = title[..close].rfind(['（', '(']) else {
        return;
    };
    if open == 0 {
        return;
    }
    let close_end = close + title[close..].chars().next().map_or(1, char::len_utf8);
    let after = title[close_end..].trim();
    let person = if after.is_empty() {
        None
    } else {
        match parse_person_line(after).or_else(|| name_with_comrade(after)) {
            Some(person) => Some(person),
            // Something else follows the bracket: it is part of the title.
            None => return,
        }
    };
    let content = title[open..close].trim_start_matches(['（', '(']).trim();
    let Some((date, len)) = dates::date_at(content) else {
        return;
    };
    let rest = content[len..].trim();
    let place = place_after_date(rest);
    if date.month.is_none() || !(rest.is_empty() || place.is_some()) {
        return;
    }
    header.date = Some(Dated {
        date,
        source: DateSource::Title,
    });
    header.place = place;
    if let Some(person) = person {
        header.set_person(person);
    }
    header.consumed.push(title[open..].to_string());
    header.title = title[..open].trim_end().to_string();
}

/// The text names one year only (`纪念2014年和2015年…` names two: neither is certain).
fn one_year(text: &str) -> bool {
    let mut years: Vec<i16> = dates::find_all(text).iter().map(|f| f.date.year).collect();
    years.dedup();
    years.len() == 1
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn opening_words(line: &str) -> String {
    let cut: String = line
        .chars()
        .take_while(|c| !matches!(c, '。' | '，' | '；' | '：' | '！' | '？'))
        .take(30)
        .collect();
    collapse_spaces(&cut)
}

/// `各位代表：`, `同志们：`, `尊敬的各位来宾：` — the speech itself begins here.
pub fn is_salutation(text: &str) -> bool {
    let text = text.trim();
    let short = text.chars().count() <= 24;
    (short && text.ends_with(['：', ':', '！', '!', '，']))
        || [
            "各位代表",
            "同志们",
            "尊敬的",
            "各位领导",
            "女士们",
            "朋友们",
        ]
        .iter()
        .any(|s| text.starts_with(s))
}

fn is_subtitle(text: &str) -> bool {
    text.chars().count() <= 40
        && !text.contains(['。', '，', '；', '：', ':', '！', '？', ','])
        && !text.starts_with(|c: char| "一二三四五六七八九十（(第".contains(c))
}

/// Removes leading dashes and an enclosing pair of brackets.
fn strip_decoration(text: &str) -> &str {
    let text = text
        .trim()
        .trim_start_matches(['—', '–', '-', '－', '―', '─', '~', '～', ' ', '\u{3000}'])
        .trim();
    match text.strip_prefix(['（', '(']) {
        Some(inner) => inner.strip_suffix(['）', ')']).unwrap_or(inner).trim(),
        None => text,
    }
}

pub struct DateLine {
    pub date: Option<PartialDate>,
    /// A day written without its year (`当地时间11月18日`): month and day.
    pub month_day: Option<(u8, u8)>,
    pub occasion: Option<String>,
    pub person: Option<(Option<String>, String)>,
    pub place: Option<String>,
}

/// Words of a note after the date, `（2014年4月28日，根据录音整理）`, which is
/// not a place.
const NOTE_WORDS: &[&str] = &[
    "整理", "根据", "录音", "删节", "发表", "记录", "节选", "摘要", "原载", "稿", "讲话", "修订",
];

/// A place after the date: `，里约热内卢`, `，利马`, `，北京人民大会堂`.
fn place_after_date(rest: &str) -> Option<String> {
    let place = rest.strip_prefix(['，', ','])?.trim();
    let n = place.chars().count();
    ((2..=12).contains(&n)
        && place.chars().all(|c| is_han(c) || c == '·')
        && !NOTE_WORDS.iter().any(|w| place.contains(w)))
    .then(|| place.to_string())
}

/// A full or partial date, or a month and day without a year, and its length.
type LineDate = (Option<PartialDate>, Option<(u8, u8)>, usize);

/// The date at the start of a header line, also a day without its year after
/// `当地时间` (local time): the date, the day without a year, and the bytes used.
fn line_date(inner: &str) -> Option<LineDate> {
    if let Some((date, len)) = dates::date_at(inner) {
        return Some((Some(date), None, len));
    }
    let local = ["当地时间", "北京时间"]
        .iter()
        .find_map(|p| inner.strip_prefix(p).map(|_| p.len()))
        .unwrap_or(0);
    let (month, day, len) = dates::month_day_at(&inner[local..])?;
    Some((None, Some((month, day)), local + len))
}

/// A header line that starts with a date:
/// `——2024年3月5日在第十四届全国人民代表大会第二次会议上`,
/// `（2021年3月11日第十三届全国人民代表大会第四次会议通过）`,
/// `(2024年11月18日，里约热内卢)`, `当地时间11月18日上午`,
/// `2025年1月13日在河北省…会议上河北省人民政府省长王正谱作政府工作报告。`,
/// `——2025年1月14日自治区人民政府主席王莉霞在…会议上的讲话`.
pub fn parse_date_line(text: &str) -> Option<DateLine> {
    if text.chars().count() > 120 {
        return None;
    }
    let inner = strip_decoration(text);
    let (date, month_day, len) = line_date(inner)?;
    let has_month = month_day.is_some() || date.is_some_and(|d| d.month.is_some());
    let mut rest = inner[len..].trim().trim_end_matches(['。', '.']);
    // A body sentence that starts with a year (`2024年是…`) is not a header.
    if !has_month && !rest.is_empty() {
        return None;
    }
    let mut line = DateLine {
        date,
        month_day,
        occasion: None,
        person: None,
        place: None,
    };
    // `11月18日上午`: the time of day says nothing more.
    for part in ["上午", "下午", "晚上", "晚", "早上"] {
        if let Some(after) = rest.strip_prefix(part) {
            rest = after.trim();
        }
    }
    if let Some(place) = place_after_date(rest) {
        line.place = Some(place);
        return Some(line);
    }
    if rest.contains(['。', '，', '；', '！', '？']) {
        // `（2014年4月28日，根据录音整理）`: the date, and a note.
        let bracketed = text
            .trim_start_matches(['—', '–', '-', '－', '―', ' ', '\u{3000}'])
            .starts_with(['（', '(']);
        let note = rest.starts_with(['，', '；']);
        return (bracketed && note && has_month).then_some(line);
    }
    if rest.is_empty() {
        return Some(line);
    }
    for suffix in ["审议通过", "讨论通过", "通过", "批准"] {
        if let Some(meeting) = rest.strip_suffix(suffix) {
            if is_meeting(meeting) {
                line.occasion = Some(meeting.trim().to_string());
                return Some(line);
            }
        }
    }
    match find_occasion(rest) {
        Some((occasion, start, end)) => {
            line.occasion = Some(occasion);
            let before = &rest[..start];
            let after = &rest[end..];
            line.person = parse_person(before).or_else(|| parse_person(after));
        }
        None => {
            line.person = parse_person(rest).filter(|_| date.is_some());
            // Anything else after a day without a year is not a header line.
            if line.person.is_none() && date.is_none() {
                return None;
            }
        }
    }
    Some(line)
}

/// A header line that names the meeting but no date: `——在全县工会工作会议上的讲话`.
fn parse_occasion_line(text: &str) -> Option<DateLine> {
    let dashed = text.starts_with(['—', '–', '-', '－', '―']);
    let inner = strip_decoration(text);
    if inner.chars().count() > 80 || inner.contains(['。', '，', '；', '！', '？']) {
        return None;
    }
    if !dashed && !inner.starts_with('在') {
        return None;
    }
    let (occasion, start, end) = find_occasion(inner)?;
    let before = &inner[..start];
    let after = inner[end..].trim();
    let person = parse_person(before).or_else(|| name_with_comrade(before));
    let ends_well = after.is_empty()
        || [
            "讲话",
            "致辞",
            "发言",
            "报告",
            "总结讲话",
            "工作报告",
            "主持词",
        ]
        .iter()
        .any(|w| after.ends_with(w) && after.chars().count() <= 12);
    (ends_well && (before.is_empty() || person.is_some())).then_some(DateLine {
        date: None,
        month_day: None,
        occasion: Some(occasion),
        person,
        place: None,
    })
}

/// `李强同志`, or `李强` when it starts with a common surname: a name without
/// a position. Without 同志 a bare word (`劳动者在…`, `总则`) is too often not a
/// person, so the surname decides; a rare surname is left out, not guessed.
fn name_with_comrade(text: &str) -> Option<(Option<String>, String)> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let name = match compact.strip_suffix("同志") {
        Some(name) => name,
        None => Some(compact.as_str()).filter(|n| has_common_surname(n))?,
    };
    is_name(name).then(|| (None, name.to_string()))
}

/// The most common Chinese surnames (together well over four people in five),
/// and the compound ones still in use.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习胥嘎";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文",
    "夏侯", "公孙",
];

fn has_common_surname(name: &str) -> bool {
    COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s))
        || name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// Words a meeting's name ends with.
const MEETING_ENDS: &[&str] = &[
    "会议",
    "大会",
    "会",
    "会議",
    "會議",
    "大會",
    "會",
    "典礼",
    "仪式",
    "论坛",
    "峰会",
    "开幕式",
    "闭幕式",
    "培训班",
    "研讨班",
    "活动",
    "发布会",
];

fn is_meeting(text: &str) -> bool {
    let text = text.trim();
    let n = text.chars().count();
    (2..=60).contains(&n)
        && MEETING_ENDS.iter().any(|end| text.ends_with(end))
        && !text.contains(['。', '，'])
}

/// `在X会议上` / `在X会议的…`: the meeting, and the byte range of the whole phrase.
fn find_occasion(text: &str) -> Option<(String, usize, usize)> {
    for (at, _) in text.match_indices('在') {
        let start = at + '在'.len_utf8();
        let after = &text[start..];
        for (offset, c) in after.char_indices() {
            if offset > 180 {
                break;
            }
            if !matches!(c, '上' | '的' | '中') {
                continue;
            }
            let meeting = &after[..offset];
            if is_meeting(meeting) {
                let mut end = start + offset + c.len_utf8();
                if c == '上' && text[end..].starts_with('的') {
                    end += '的'.len_utf8();
                }
                let meeting: String = meeting.chars().filter(|c| !c.is_whitespace()).collect();
                return Some((meeting, at, end));
            }
        }
    }
    None
}

/// The meeting named in a title: `在全县工会工作会议上的讲话`, `X会议上的讲话`,
/// `第十届全国人民代表大会第五次会议关于政府工作报告的决议`.
fn occasion_in_title(title: &str) -> Option<String> {
    if let Some((occasion, _, _)) = find_occasion(title) {
        return Some(occasion);
    }
    for marker in ["上的", "上", "关于"] {
        if let Some(at) = title.find(marker) {
            let before = &title[..at];
            if is_meeting(before) && !before.contains('在') {
                return Some(before.trim().to_string());
            }
        }
    }
    None
}

/// Endings of positions: 国务院总理, 省长, 自治区人民政府主席, 县委书记, 市总工会主席.
const ROLE_ENDS: &[&str] = &[
    "委员长",
    "总书记",
    "总理",
    "主席",
    "省长",
    "市长",
    "县长",
    "区长",
    "州长",
    "盟长",
    "旗长",
    "镇长",
    "乡长",
    "书记",
    "部长",
    "厅长",
    "局长",
    "处长",
    "科长",
    "主任",
    "院长",
    "校长",
    "会长",
    "理事长",
    "董事长",
    "总经理",
    "经理",
    "秘书长",
    "行长",
    "司令员",
    "政委",
    "社长",
    "检察长",
    "署长",
    "主委",
    "组长",
];

/// Words after a name that end it: 同志, 在, 作 (作政府工作报告), 的 (的讲话).
const AFTER_NAME: &[&str] = &[
    "同志", "在", "作", "的", "于", "讲话", "致辞", "发言", "代表", "所作", "报告",
];

/// A header line that is only a position and a name: `国务院总理李　强`,
/// `自治区主席 艾尔肯·吐尼亚孜`, `省长　胡玉亭`.
pub fn parse_person_line(text: &str) -> Option<(Option<String>, String)> {
    if text.chars().count() > 40 || text.contains(['。', '，', '；', '：', ':', '！', '？']) {
        return None;
    }
    let (role, name) = parse_person(text)?;
    // The whole line must be the person: nothing may follow the name.
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let expected = format!("{}{}", role.as_deref().unwrap_or(""), name);
    let ends_with_name = compact == expected
        || compact
            .strip_prefix(&expected)
            .is_some_and(|rest| rest == "同志");
    ends_with_name.then_some((role, name))
}

/// Finds a position and a name in a short phrase: `河北省人民政府省长王正谱作…`,
/// `海南省省长 刘小明`, `龚正市长`. Spaces (also full-width) are ignored,
/// so `李　强` reads 李强.
pub fn parse_person(text: &str) -> Option<(Option<String>, String)> {
    let compact: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() || compact.len() > 60 {
        return None;
    }
    let s: String = compact.iter().collect();
    // Position, then name.
    for (byte, _) in s.char_indices() {
        for end in ROLE_ENDS {
            if !s[byte..].starts_with(end) {
                continue;
            }
            let role_end = byte + end.len();
            let role = &s[..role_end];
            if !plausible_role(role) {
                continue;
            }
            if let Some(name) = name_at(&s[role_end..]) {
                return Some((Some(role.to_string()), name));
            }
        }
    }
    // Name, then a bare position: 龚正市长在…
    for len in 2..=3 {
        let name: String = compact.iter().take(len).collect();
        if compact.len() <= len || !is_name(&name) {
            continue;
        }
        let rest: String = compact[len..].iter().collect();
        let rest = rest.as_str();
        let modifier = rest
            .strip_prefix(['副', '代'])
            .map_or(0, |_| '副'.len_utf8());
        for end in ROLE_ENDS {
            if rest[modifier..].starts_with(end) {
                let after = &rest[modifier + end.len()..];
                if after.is_empty() || AFTER_NAME.iter().any(|w| after.starts_with(w)) {
                    return Some((Some(rest[..modifier + end.len()].to_string()), name));
                }
            }
        }
    }
    None
}

fn plausible_role(role: &str) -> bool {
    let n = role.chars().count();
    n <= 24
        && role.chars().all(|c| is_han(c) || c == '、')
        && !role.starts_with('、')
        && !role.contains(['在', '的', '上'])
}

/// A name at the start of `s`, ended by the end of the text, punctuation or a word
/// that follows names (`同志`, `在`, `作`). The shortest such name wins.
fn name_at(s: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for len in 2..=chars.len().min(12) {
        let end = chars.get(len).map_or(s.len(), |(i, _)| *i);
        let name = &s[..end];
        if !is_name(name) {
            // A longer name cannot become valid by adding more characters, except
            // by the middle dot of a transliterated name.
            if !name.contains(['·', '•', '・']) && name.chars().count() > 4 {
                return None;
            }
            continue;
        }
        let after = &s[end..];
        let stops = after.is_empty()
            || after.starts_with(|c: char| !is_han(c) && c != '·')
            || AFTER_NAME.iter().any(|w| after.starts_with(w));
        if stops {
            return Some(name.to_string());
        }
    }
    None
}

/// Two to four Han characters, or a transliterated name with a middle dot
/// (艾尔肯·吐尼亚孜).
fn is_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split(['·', '•', '・']).collect();
    let han = |p: &str| !p.is_empty() && p.chars().all(is_han);
    let ok = if parts.len() == 1 {
        (2..=4).contains(&name.chars().count()) && han(name)
    } else {
        parts.iter().all(|p| han(p)) && name.chars().count() <= 14
    };
    ok && !name.contains(['在', '的', '作', '于', '和', '与'])
        && !NOT_NAMES.iter().any(|w| name.contains(w))
        && !name.ends_with(|c| ORGANISATION_ENDS.contains(c))
}

/// Last characters of the names of bodies (文化部, 省委, 公安厅, 办公室), which
/// given names practically never end with: a header line like `文化部` is the
/// issuing body, not a speaker.
const ORGANISATION_ENDS: &str = "部委局厅署办院处室所团社司";

/// Words that are never part of a person's name in a header.
const NOT_NAMES: &[&str] = &[
    "同志", "代表", "人民", "政府", "会议", "工作", "报告", "讲话", "大会", "委员", "全国", "发言",
    "致辞", "主席", "书记", "公告", "通知", "决定", "办法", "条例", "规定", "意见", "文件",
];

/// A line that is only a name, such as `周恩来` under the date line (not `总则`:
/// the name must start with a common surname, or be a transliterated name).
fn name_only(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let person_like = has_common_surname(&compact) || compact.contains(['·', '•', '・']);
    (is_name(&compact) && person_like).then_some(compact)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Para> {
        text.lines().map(Para::normal).collect()
    }

    fn person(text: &str) -> Option<(String, String)> {
        parse_person(text).map(|(r, n)| (r.unwrap_or_default(), n))
    }

    fn pair(role: &str, name: &str) -> Option<(String, String)> {
        Some((role.to_string(), name.to_string()))
    }

    #[test]
    fn a_national_report_header() {
        let h = recognise(
            lines("2024年中华人民共和国国务院政府工作报告\n政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理李　强\n各位代表：\n现在，我代表国务院，向大会报告政府工作。"),
            None,
        );
        assert_eq!(h.title, "2024年中华人民共和国国务院政府工作报告");
        assert_eq!(h.date.as_ref().unwrap().date.iso(), "2024-03-05");
        assert_eq!(h.date.unwrap().source, DateSource::Header);
        assert_eq!(
            h.occasion.as_deref(),
            Some("第十四届全国人民代表大会第二次会议")
        );
        assert_eq!(h.speaker.as_deref(), Some("李强"));
        assert_eq!(h.role.as_deref(), Some("国务院总理"));
        assert_eq!(h.consumed.len(), 2);
        assert_eq!(h.body[0].text, "政府工作报告");
        assert_eq!(h.body[1].text, "各位代表：");
    }

    #[test]
    fn people_in_header_lines() {
        assert_eq!(person("国务院总理李　强"), pair("国务院总理", "李强"));
        assert_eq!(
            person("自治区主席 艾尔肯·吐尼亚孜"),
            pair("自治区主席", "艾尔肯·吐尼亚孜")
        );
        assert_eq!(person("省长　胡玉亭"), pair("省长", "胡玉亭"));
        assert_eq!(
            person("西藏自治区代理主席 嘎玛泽登"),
            pair("西藏自治区代理主席", "嘎玛泽登")
        );
        assert_eq!(
            person("河北省人民政府省长王正谱作政府工作报告"),
            pair("河北省人民政府省长", "王正谱")
        );
        assert_eq!(
            person("北京市市长 殷勇同志作政府工作报告"),
            pair("北京市市长", "殷勇")
        );
        assert_eq!(person("龚正市长"), pair("市长", "龚正"));
        assert_eq!(
            person("浙江省代省长刘捷作政府工作报告"),
            pair("浙江省代省长", "刘捷")
        );
        assert_eq!(person("政府工作报告"), None);
        assert_eq!(
            person("市总工会党组书记、主席 李四"),
            pair("市总工会党组书记、主席", "李四")
        );
    }

    #[test]
    fn date_lines_of_every_shape() {
        let l = parse_date_line("——2025年1月14日自治区人民政府主席王莉霞在内蒙古自治区第十四届人民代表大会第三次会议上的讲话").unwrap();
        assert_eq!(l.date.unwrap().iso(), "2025-01-14");
        assert_eq!(
            l.occasion.as_deref(),
            Some("内蒙古自治区第十四届人民代表大会第三次会议")
        );
        assert_eq!(
            l.person,
            Some((Some("自治区人民政府主席".into()), "王莉霞".into()))
        );

        let l = parse_date_line(
            "----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告",
        )
        .unwrap();
        assert_eq!(
            l.occasion.as_deref(),
            Some("上海市第十六届人民代表大会第三次会议")
        );
        assert_eq!(l.person, Some((Some("市长".into()), "龚正".into())));

        let l = parse_date_line("（2021年3月11日第十三届全国人民代表大会第四次会议通过）").unwrap();
        assert_eq!(l.date.unwrap().iso(), "2021-03-11");
        assert_eq!(
            l.occasion.as_deref(),
            Some("第十三届全国人民代表大会第四次会议")
        );

        let l = parse_date_line("（2014年4月28日，根据录音整理）").unwrap();
        assert_eq!(l.date.unwrap().iso(), "2014-04-28");
        assert!(parse_date_line("2024年是中华人民共和国成立75周年，是关键一年。").is_none());
        assert!(parse_date_line("2024年，全国各族人民在中国共产党领导下，奋发图强。").is_none());
    }

    #[test]
    fn a_name_alone_under_the_date_line() {
        let h = recognise(
            lines("1957年中华人民共和国国务院政府工作报告\n政府工作报告\n1957年6月26日在第一届全国人民代表大会第四次会議上\n周恩来\n各位代表：\n正文。"),
            None,
        );
        assert_eq!(h.date.unwrap().date.iso(), "1957-06-26");
        assert_eq!(h.speaker.as_deref(), Some("周恩来"));
        assert_eq!(h.role, None);
    }

    #[test]
    fn fallbacks_from_the_title_and_the_session() {
        let h = recognise(lines("2025年广西政府工作报告\n各位代表：\n正文。"), None);
        assert_eq!(h.date.unwrap().source, DateSource::TitleYear);

        let h = recognise(
            lines("第十届全国人民代表大会第五次会议关于政府工作报告的决议\n第十届全国人民代表大会第五次会议听取和审议了政府工作报告。"),
            None,
        );
        let dated = h.date.unwrap();
        assert_eq!(dated.date.iso(), "2007");
        assert!(dated.source.is_guess());
        assert_eq!(
            h.occasion.as_deref(),
            Some("第十届全国人民代表大会第五次会议")
        );

        let h = recognise(
            lines("在全县工会工作会议上的讲话（2014年4月28日）\n同志们：\n正文。"),
            None,
        );
        assert_eq!(h.title, "在全县工会工作会议上的讲话");
        assert_eq!(h.date.unwrap().date.iso(), "2014-04-28");
        assert_eq!(h.occasion.as_deref(), Some("全县工会工作会议"));

        let h = recognise(
            lines("2014年4月28日在全县工会工作会议上的讲话\n同志们：\n正文。"),
            None,
        );
        assert_eq!(h.date.unwrap().source, DateSource::Title);

        let h = recognise(
            lines("讲话\n同志们：\n正文。\n县总工会\n二〇一四年四月二十八日"),
            None,
        );
        assert_eq!(h.date.unwrap().source, DateSource::Closing);
    }

    #[test]
    fn an_occasion_line_and_a_comrade_in_the_title() {
        let h = recognise(
            lines("李强同志在全县工会工作会议上的讲话\n——在全县工会工作会议上\n同志们：\n正文。"),
            None,
        );
        assert_eq!(h.speaker.as_deref(), Some("李强"));
        assert_eq!(h.occasion.as_deref(), Some("全县工会工作会议"));
        assert_eq!(h.consumed, ["——在全县工会工作会议上"]);
        let h = recognise(
            lines("讲话\n县委书记　张三\n（2014年4月28日）\n同志们：\n正文。"),
            None,
        );
        assert_eq!(h.role.as_deref(), Some("县委书记"));
        assert_eq!(h.date.unwrap().date.iso(), "2014-04-28");
    }

    #[test]
    fn words_that_are_not_people() {
        let h = recognise(
            lines("浙江省实施办法\n1993年5月8日 浙江省第八届人民代表大会常务委员会第四次会议通过\n1986年7月1日 施行\n总则\n第一条 正文。"),
            None,
        );
        assert_eq!(h.speaker, None);
        let h = recognise(
            lines("劳动者在离职文件上签字确认加班费已结清的案例\n基本案情\n正文。"),
            None,
        );
        assert_eq!(h.speaker, None);
        let h = recognise(lines("习近平在联合国大会一般性辩论上的讲话\n正文。"), None);
        assert_eq!(h.speaker.as_deref(), Some("习近平"));
        // Issuing bodies under a title are not speakers.
        for body in ["文化部", "团公告", "省委办公室", "公安厅"] {
            assert!(!is_name(body), "{body}");
            let h = recognise(lines(&format!("关于加强管理的通知\n{body}\n正文。")), None);
            assert_eq!(h.speaker, None, "{body}");
        }
        assert!(is_name("王建国") && is_name("文天祥"));
    }

    #[test]
    fn a_long_first_line_is_not_a_title() {
        let long = "今天".repeat(50);
        let h = recognise(lines(&format!("{long}，后面\n第二段")), None);
        assert_eq!(h.title.chars().count(), 30);
        assert_eq!(h.body.len(), 2);
        assert!(!h.title_notes.is_empty());
    }
}
