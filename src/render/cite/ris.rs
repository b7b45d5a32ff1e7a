//! The RIS record. `TY  - SLIDE` is the type Zotero (and EndNote) read as a
//! presentation, the item type for a speech; the occasion is the meeting name
//! (`T2`), the place `CY`, the date `DA` in RIS's `YYYY/MM/DD/` form with the
//! unknown parts left empty. Lines end in CR LF, as the format asks.

use super::Record;

pub(super) fn record(record: &Record) -> String {
    let mut lines: Vec<(&str, String)> = vec![("TY", "SLIDE".into())];
    let mut tag = |name, value: &str| {
        if !value.is_empty() {
            lines.push((name, value.to_string()));
        }
    };
    tag("TI", &record.title);
    tag("AU", &record.speaker);
    tag("T2", &record.occasion);
    tag("CY", &record.place);
    tag("PY", &format!("{:04}", record.date.year));
    tag("DA", &ris_date(record));
    tag("UR", &record.url);
    tag("LA", &record.language);
    for keyword in record.keywords() {
        tag("KW", keyword);
    }
    tag("AB", &record.summary);
    let mut out = String::new();
    for (name, value) in lines {
        out.push_str(&format!("{name}  - {value}\r\n"));
    }
    out.push_str("ER  - \r\n");
    out
}

fn ris_date(record: &Record) -> String {
    let part = |n: Option<u8>| n.map(|n| format!("{n:02}")).unwrap_or_default();
    let date = record.date;
    format!("{:04}/{}/{}/", date.year, part(date.month), part(date.day))
}

#[cfg(test)]
mod tests {
    use super::super::tests::record;
    use super::*;

    #[test]
    fn the_record_of_the_fixture_speech() {
        assert_eq!(
            super::record(&record()),
            "TY  - SLIDE\r\n\
             TI  - 在全市工会工作会议上的讲话\r\n\
             AU  - 王凯\r\n\
             T2  - 孝感市总工会十四届三次全委会议\r\n\
             CY  - 孝感\r\n\
             PY  - 2014\r\n\
             DA  - 2014/04/28/\r\n\
             UR  - https://example.org/speeches/2014-04-28-xiaogan/\r\n\
             LA  - zh-CN\r\n\
             KW  - 维权\r\n\
             KW  - 工会\r\n\
             AB  - 今天召开全市工会工作会议。\r\n\
             ER  - \r\n"
        );
    }

    #[test]
    fn partial_dates_leave_their_unknown_parts_empty() {
        let mut r = record();
        r.date = crate::speech::PartialDate::parse("2014-04").unwrap();
        assert_eq!(ris_date(&r), "2014/04//");
        r.date = crate::speech::PartialDate::parse("2014").unwrap();
        assert_eq!(ris_date(&r), "2014///");
    }
}
