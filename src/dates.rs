//! Dates as Chinese documents write them: `2024年3月5日`, `二〇二四年三月五日`,
//! `１９９３年３月`, `2024-03-05`, and the year of a National People's Congress
//! session (`第十届全国人民代表大会第五次会议` was held in 2007).

use crate::speech::PartialDate;

/// A date found in a line: where it starts and ends (byte offsets) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
}

/// The value of one digit as Chinese documents write it: ASCII, full-width or Han.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '○' | '零' | 'Ｏ' => Some(0),
        _ => han_digit(c),
    }
}

fn han_digit(c: char) -> Option<u32> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|i| i as u32 + 1)
}

/// Reads a small number (a month or a day) at the start of `s`: `3`, `03`, `１２`,
/// `十二`, `二十六`. Returns the value and the bytes used.
fn small_number(s: &str) -> Option<(u32, usize)> {
    let mut chars = s.char_indices().peekable();
    // Arabic digits, ASCII or full-width.
    let mut value = 0;
    let mut used = 0;
    let mut count = 0;
    while let Some(&(i, c)) = chars.peek() {
        let d = match c {
            '0'..='9' | '０'..='９' => digit(c),
            _ => None,
        };
        let Some(d) = d else { break };
        value = value * 10 + d;
        used = i + c.len_utf8();
        count += 1;
        chars.next();
        if count > 2 {
            return None;
        }
    }
    if count > 0 {
        return Some((value, used));
    }
    // Han numerals: 一 … 九, 十, 十一 … 十九, 二十 … 三十一.
    let mut tens = 0;
    let mut units = 0;
    let mut seen_ten = false;
    for (i, c) in s.char_indices() {
        if c == '十' && !seen_ten {
            tens = if units == 0 { 1 } else { units };
            units = 0;
            seen_ten = true;
        } else if let Some(d) = han_digit(c) {
            if units != 0 {
                break;
            }
            units = d;
        } else {
            break;
        }
        used = i + c.len_utf8();
    }
    let value = tens * 10 + units;
    (used > 0 && value > 0).then_some((value, used))
}

/// Reads a date that starts exactly at the beginning of `s`.
/// Returns the date and the number of bytes it covers.
pub(crate) fn date_at(s: &str) -> Option<(PartialDate, usize)> {
    if let Some(found) = iso_at(s) {
        return Some(found);
    }
    // Four digits of a year, possibly spaced out (`1 9 9 3 年`), then 年.
    let mut year = 0;
    let mut digits = 0;
    let mut pos = 0;
    let mut rest = s;
    while digits < 4 {
        let c = rest.chars().next()?;
        if c == ' ' && digits > 0 {
            pos += 1;
            rest = &rest[1..];
            continue;
        }
        let d = digit(c)?;
        year = year * 10 + d;
        digits += 1;
        pos += c.len_utf8();
        rest = &rest[c.len_utf8()..];
    }
    let skip_spaces = |s: &str| s.len() - s.trim_start_matches([' ', '\u{3000}']).len();
    let n = skip_spaces(rest);
    rest = &rest[n..];
    pos += n;
    rest = rest.strip_prefix('年')?;
    pos += '年'.len_utf8();
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let mut month = None;
    let mut day = None;
    let n = skip_spaces(rest);
    if let Some((m, used)) = small_number(&rest[n..]) {
        let after = &rest[n + used..];
        let n2 = skip_spaces(after);
        if let Some(after_month) = after[n2..].strip_prefix('月') {
            if (1..=12).contains(&m) {
                month = Some(m);
                pos += n + used + n2 + '月'.len_utf8();
                rest = after_month;
                let n = skip_spaces(rest);
                if let Some((d, used)) = small_number(&rest[n..]) {
                    let after = &rest[n + used..];
                    let n2 = skip_spaces(after);
                    let tail = &after[n2..];
                    let marker = tail
                        .strip_prefix('日')
                        .map(|_| '日')
                        .or_else(|| tail.strip_prefix('号').map(|_| '号'));
                    if let Some(marker) = marker {
                        day = Some(d);
                        pos += n + used + n2 + marker.len_utf8();
                    }
                }
            }
        }
    }
    let iso = match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    match PartialDate::parse(&iso) {
        Ok(date) => Some((date, pos)),
        // 2月30日: keep what is certain.
        Err(_) => PartialDate::parse(&iso[..7]).ok().map(|d| (d, pos)),
    }
}

/// A day with no year at the start of `s`: `11月18日`, `十一月十八日`, `9月22号`.
/// Returns the month, the day and the bytes used. Only a year stated elsewhere
/// in the same header can complete it.
pub(crate) fn month_day_at(s: &str) -> Option<(u8, u8, usize)> {
    let (month, used) = small_number(s)?;
    let rest = s[used..].strip_prefix('月')?;
    let mut pos = used + '月'.len_utf8();
    let (day, used) = small_number(rest)?;
    let rest = &rest[used..];
    pos += used;
    let marker = ['日', '号'].into_iter().find(|m| rest.starts_with(*m))?;
    pos += marker.len_utf8();
    // 2月30日 does not exist in any year; 2月29日 is checked with the year.
    let possible = jiff::civil::Date::new(2000, i8::try_from(month).ok()?, i8::try_from(day).ok()?);
    possible.ok()?;
    Some((month as u8, day as u8, pos))
}

/// `2024-03-05`, `2024.3.5` or `2024/3/5` (ASCII digits, all three parts).
fn iso_at(s: &str) -> Option<(PartialDate, usize)> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'.' | b'/') {
        return None;
    }
    let mut end = 5;
    let mut separators = 1;
    while end < b.len() && (b[end].is_ascii_digit() || (b[end] == sep && separators < 2)) {
        if b[end] == sep {
            separators += 1;
        }
        end += 1;
    }
    if separators != 2 || b[end - 1] == sep {
        return None;
    }
    PartialDate::parse(&s[..end]).ok().map(|d| (d, end))
}

/// Every date in `s` that is not glued to a preceding digit, in order.
pub(crate) fn find_all(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    let mut skip_until = 0;
    for (i, c) in s.char_indices() {
        let glued = previous.is_some_and(|p| digit(p).is_some());
        previous = Some(c);
        if i < skip_until || glued || digit(c).is_none() {
            continue;
        }
        if let Some((date, len)) = date_at(&s[i..]) {
            out.push(Found {
                start: i,
                end: i + len,
                date,
            });
            skip_until = i + len;
        }
    }
    out
}

/// The first date in `s` that names at least a month: `2014年4月28日`, `2014年4月`.
pub(crate) fn find_full(s: &str) -> Option<Found> {
    find_all(s).into_iter().find(|f| f.date.month.is_some())
}

/// The first year in `s` written as `2024年`.
pub(crate) fn find_year(s: &str) -> Option<Found> {
    find_all(s).into_iter().next()
}

/// Reads a Han number up to 99: 一, 十, 十四, 二十一.
pub(crate) fn han_number(s: &str) -> Option<u32> {
    let (value, used) = small_number(s)?;
    (used == s.len()).then_some(value)
}

/// The year of a session of the National People's Congress named in `s`,
/// `第N届全国人民代表大会第M次会议`, and the session's name. Before 1983 the
/// sessions did not follow one a year; they are listed.
pub(crate) fn npc_session_year(s: &str) -> Option<(i16, String)> {
    const MARK: &str = "届全国人民代表大会第";
    let mut search = 0;
    while let Some(found) = s[search..].find(MARK) {
        let at = search + found;
        search = at + MARK.len();
        let before = &s[..at];
        let Some(start) = before.rfind('第') else {
            continue;
        };
        let Some(congress) = han_number(&before[start + '第'.len_utf8()..]) else {
            continue;
        };
        let after = &s[at + MARK.len()..];
        let Some(end) = after.find("次会议") else {
            continue;
        };
        let Some(session) = han_number(&after[..end]) else {
            continue;
        };
        let name_end = at + MARK.len() + end + "次会议".len();
        let name = s[start..name_end].to_string();
        if let Some(year) = npc_year(congress, session) {
            return Some((year, name));
        }
    }
    None
}

fn npc_year(congress: u32, session: u32) -> Option<i16> {
    let year = match (congress, session) {
        (1, 1..=5) => 1953 + session,
        (2, 1) => 1959,
        (2, 2) => 1960,
        (2, 3) => 1962,
        (2, 4) => 1963,
        (3, 1) => 1964,
        (4, 1) => 1975,
        (5, 1..=5) => 1977 + session,
        // From the sixth NPC (1983) on: five sessions, one each spring.
        (6.., 1..=5) => 1983 + (congress - 6) * 5 + session - 1,
        _ => return None,
    };
    i16::try_from(year).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        date_at(s).map(|(d, _)| d.iso())
    }

    #[test]
    fn chinese_dates_in_every_script() {
        assert_eq!(iso("2024年3月5日在").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("二〇二四年三月五日").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("一九五七年六月二十六日").as_deref(), Some("1957-06-26"));
        assert_eq!(iso("１９９３年３月").as_deref(), Some("1993-03"));
        assert_eq!(iso("1 9 9 3 年3 月").as_deref(), Some("1993-03"));
        assert_eq!(iso("2014年").as_deref(), Some("2014"));
        assert_eq!(iso("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("2024.3.5").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("2024年13月"), Some("2024".into()));
        assert_eq!(iso("75周年"), None);
        assert_eq!(iso("12345年"), None);
    }

    #[test]
    fn every_written_form_of_a_date() {
        for (text, expected) in [
            ("2022年10月16日", "2022-10-16"),
            ("2022.10.16", "2022-10-16"),
            ("2022-10-16", "2022-10-16"),
            ("2022/10/16", "2022-10-16"),
            ("2022年10月", "2022-10"),
            ("2022年", "2022"),
            ("二〇二二年十月十六日", "2022-10-16"),
            ("二○二二年", "2022"),
            ("二零二二年十月", "2022-10"),
            ("二〇二二年十月三十一日", "2022-10-31"),
            ("２０２２年１０月１６日", "2022-10-16"),
        ] {
            assert_eq!(iso(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn days_without_a_year() {
        assert_eq!(
            month_day_at("11月18日上午"),
            Some((11, 18, "11月18日".len()))
        );
        assert_eq!(
            month_day_at("十一月十八日"),
            Some((11, 18, "十一月十八日".len()))
        );
        assert_eq!(month_day_at("9月22号"), Some((9, 22, "9月22号".len())));
        assert_eq!(month_day_at("2月30日"), None);
        assert_eq!(month_day_at("13月1日"), None);
        assert_eq!(month_day_at("11月"), None);
    }

    #[test]
    fn dates_are_found_inside_lines() {
        let line = "（2021年3月11日第十三届全国人民代表大会第四次会议通过）";
        let found = find_full(line).unwrap();
        assert_eq!(found.date.iso(), "2021-03-11");
        assert_eq!(&line[found.end..found.end + 3], "第");
        assert!(find_all("增长2.5%，达到12000亿元").is_empty());
    }

    #[test]
    fn npc_sessions_have_known_years() {
        let (year, name) =
            npc_session_year("第十届全国人民代表大会第五次会议关于政府工作报告的决议").unwrap();
        assert_eq!(
            (year, name.as_str()),
            (2007, "第十届全国人民代表大会第五次会议")
        );
        assert_eq!(
            npc_session_year("第二届全国人民代表大会第三次会议")
                .unwrap()
                .0,
            1962
        );
        assert_eq!(
            npc_session_year("第十四届全国人民代表大会第三次会议")
                .unwrap()
                .0,
            2025
        );
        assert_eq!(
            npc_session_year("第五届全国人民代表大会第一次会议")
                .unwrap()
                .0,
            1978
        );
        assert!(npc_session_year("广西壮族自治区第十四届人民代表大会第三次会议").is_none());
    }
}
