//! CSL-JSON, the form citeproc (Zotero, Mendeley, pandoc) reads: one item of
//! type `speech`, in an array as CSL-JSON files hold them. The speaker is a
//! `literal` name, not split into given and family names, which a Chinese name
//! written as one word does not show; the occasion is `event-title`, the place
//! `event-place`, and `issued` has the parts of the date that are known.

use serde::Serialize;

use super::Record;

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Name<'a>>,
    #[serde(rename = "event-title", skip_serializing_if = "str::is_empty")]
    event_title: &'a str,
    #[serde(rename = "event-place", skip_serializing_if = "str::is_empty")]
    event_place: &'a str,
    issued: Issued,
    #[serde(rename = "URL")]
    url: &'a str,
    language: &'a str,
    #[serde(skip_serializing_if = "String::is_empty")]
    keyword: String,
    #[serde(rename = "abstract", skip_serializing_if = "str::is_empty")]
    summary: &'a str,
}

#[derive(Serialize)]
struct Name<'a> {
    literal: &'a str,
}

#[derive(Serialize)]
struct Issued {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<u16>; 1],
}

pub(super) fn items(record: &Record) -> String {
    let date = record.date;
    let parts = std::iter::once(date.year as u16)
        .chain(date.month.map(u16::from))
        .chain(date.day.map(u16::from))
        .collect();
    let item = Item {
        id: &record.key,
        kind: "speech",
        title: &record.title,
        author: (!record.speaker.is_empty())
            .then_some(Name {
                literal: &record.speaker,
            })
            .into_iter()
            .collect(),
        event_title: &record.occasion,
        event_place: &record.place,
        issued: Issued {
            date_parts: [parts],
        },
        url: &record.url,
        language: &record.language,
        keyword: record.keywords().join(", "),
        summary: &record.summary,
    };
    let mut json = serde_json::to_string_pretty(&[item]).expect("an item serialises");
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::super::tests::record;
    use super::*;

    #[test]
    fn the_item_of_the_fixture_speech() {
        assert_eq!(
            items(&record()),
            r#"[
  {
    "id": "2014-04-28-xiaogan",
    "type": "speech",
    "title": "在全市工会工作会议上的讲话",
    "author": [
      {
        "literal": "王凯"
      }
    ],
    "event-title": "孝感市总工会十四届三次全委会议",
    "event-place": "孝感",
    "issued": {
      "date-parts": [
        [
          2014,
          4,
          28
        ]
      ]
    },
    "URL": "https://example.org/speeches/2014-04-28-xiaogan/",
    "language": "zh-CN",
    "keyword": "维权, 工会",
    "abstract": "今天召开全市工会工作会议。"
  }
]
"#
        );
    }

    #[test]
    fn a_partial_date_has_only_its_known_parts() {
        let mut r = record();
        r.date = crate::speech::PartialDate::parse("2014-04").unwrap();
        r.speaker.clear();
        let parsed: serde_json::Value = serde_json::from_str(&items(&r)).unwrap();
        assert_eq!(
            parsed[0]["issued"]["date-parts"],
            serde_json::json!([[2014, 4]])
        );
        assert!(parsed[0].get("author").is_none());
    }
}
