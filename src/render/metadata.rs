//! What a speech page's head tells the tools that read it: Highwire Press
//! `citation_*` tags (Zotero and Google Scholar), Dublin Core `DC.*`, OpenGraph,
//! and schema.org JSON-LD. Values come from a [`Record`], already one line and
//! without control characters; the template escapes them into attributes, and
//! the JSON-LD is made with serde_json and made safe inside `<script>` here.
//!
//! The JSON-LD type is `Report` for a 工作报告 (the title says so, see
//! [`Kind`]) and `CreativeWork` for every other speech; the speaker is the
//! `author`, a `Person` whose `jobTitle` is the role; the occasion is the
//! `Event` the text was delivered at (`recordedAt`), organised by the
//! organisation; themes are what it is `about`.

use serde::Serialize;

use super::cite::{Kind, Record};

/// The tags and the JSON-LD of one speech page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HeadMeta {
    /// `<meta name=… content=…>`: Highwire and Dublin Core.
    pub names: Vec<MetaTag>,
    /// `<meta property=… content=…>`: OpenGraph.
    pub properties: Vec<MetaTag>,
    /// The JSON-LD object, safe to write between `<script>` tags as it is.
    pub json_ld: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct MetaTag {
    pub name: &'static str,
    pub content: String,
}

impl HeadMeta {
    pub(crate) fn new(record: &Record, site_title: &str, site_url: &str) -> HeadMeta {
        HeadMeta {
            names: names(record, site_title),
            properties: properties(record),
            json_ld: script_safe(
                &serde_json::to_string(&json_ld(record, site_title, site_url))
                    .expect("JSON-LD serialises"),
            ),
        }
    }
}

fn names(r: &Record, site_title: &str) -> Vec<MetaTag> {
    let mut tags = Tags::default();
    // Google Scholar asks for 2014/04/28; Zotero reads that form too.
    let slashed = r.date.iso().replace('-', "/");
    tags.add("citation_title", &r.title);
    tags.add("citation_author", &r.speaker);
    tags.add("citation_publication_date", &slashed);
    tags.add("citation_date", &slashed);
    tags.add("citation_public_url", &r.url);
    tags.add("citation_language", &r.language);
    tags.add("citation_abstract", &r.summary);
    for keyword in r.keywords() {
        tags.add("citation_keywords", keyword);
    }
    tags.add("DC.title", &r.title);
    tags.add("DC.creator", &r.speaker);
    tags.add("DC.date", &r.date.iso());
    tags.add("DC.type", "Text");
    tags.add("DC.format", "text/html");
    tags.add("DC.language", &r.language);
    tags.add("DC.identifier", &r.url);
    tags.add("DC.publisher", site_title);
    tags.add("DC.description", &r.summary);
    for keyword in r.keywords() {
        tags.add("DC.subject", keyword);
    }
    tags.0
}

fn properties(r: &Record) -> Vec<MetaTag> {
    let mut tags = Tags::default();
    tags.add("og:description", &r.summary);
    tags.add("og:locale", &r.language.replace('-', "_"));
    tags.add("article:published_time", &r.date.iso());
    tags.add("article:author", &r.speaker_url);
    if let Some((theme, _)) = r.themes.first() {
        tags.add("article:section", theme);
    }
    for keyword in r.keywords() {
        tags.add("article:tag", keyword);
    }
    tags.0
}

/// Tags in order; an empty value is no tag.
#[derive(Default)]
struct Tags(Vec<MetaTag>);

impl Tags {
    fn add(&mut self, name: &'static str, content: &str) {
        if !content.is_empty() {
            self.0.push(MetaTag {
                name,
                content: content.to_string(),
            });
        }
    }
}

#[derive(Serialize)]
struct Work<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    url: &'a str,
    name: &'a str,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    language: &'a str,
    #[serde(rename = "dateCreated")]
    date_created: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Person<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Thing<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(rename = "locationCreated", skip_serializing_if = "Option::is_none")]
    location_created: Option<Thing<'a>>,
    #[serde(rename = "recordedAt", skip_serializing_if = "Option::is_none")]
    recorded_at: Option<Event<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(rename = "isPartOf")]
    is_part_of: Thing<'a>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "jobTitle", skip_serializing_if = "str::is_empty")]
    job_title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'a str,
}

/// A named thing of some schema.org type (a theme, a place, an organisation,
/// the site).
#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'a str,
}

#[derive(Serialize)]
struct Event<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "startDate")]
    start_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Thing<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organizer: Option<Thing<'a>>,
}

fn json_ld<'a>(r: &'a Record, site_title: &'a str, site_url: &'a str) -> Work<'a> {
    let named = |kind, name: &'a str| {
        (!name.is_empty()).then_some(Thing {
            kind,
            name,
            url: "",
        })
    };
    Work {
        context: "https://schema.org",
        kind: match r.kind {
            Kind::Report => "Report",
            Kind::Speech => "CreativeWork",
        },
        id: &r.url,
        url: &r.url,
        name: &r.title,
        headline: &r.title,
        language: &r.language,
        date_created: r.date.iso(),
        author: (!r.speaker.is_empty()).then_some(Person {
            kind: "Person",
            name: &r.speaker,
            job_title: &r.role,
            url: &r.speaker_url,
        }),
        about: r
            .themes
            .iter()
            .map(|(name, url)| Thing {
                kind: "Thing",
                name,
                url,
            })
            .collect(),
        keywords: r.tags.iter().map(String::as_str).collect(),
        location_created: named("Place", &r.place),
        recorded_at: (!r.occasion.is_empty()).then(|| Event {
            kind: "Event",
            name: &r.occasion,
            start_date: r.date.iso(),
            location: named("Place", &r.place),
            organizer: named("Organization", &r.organization),
        }),
        description: &r.summary,
        is_part_of: Thing {
            kind: "WebSite",
            name: site_title,
            url: site_url,
        },
    }
}

/// JSON that no text inside it can end the `<script>` element around it:
/// `<`, `>` and `&` written as JSON escapes, which mean the same.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::super::cite::tests::record;
    use super::*;

    #[test]
    fn json_ld_of_the_fixture_speech() {
        let meta = HeadMeta::new(&record(), "讲话稿档案", "https://example.org/");
        let parsed: serde_json::Value = serde_json::from_str(&meta.json_ld).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({
                "@context": "https://schema.org",
                "@type": "CreativeWork",
                "@id": "https://example.org/speeches/2014-04-28-xiaogan/",
                "url": "https://example.org/speeches/2014-04-28-xiaogan/",
                "name": "在全市工会工作会议上的讲话",
                "headline": "在全市工会工作会议上的讲话",
                "inLanguage": "zh-CN",
                "dateCreated": "2014-04-28",
                "author": {
                    "@type": "Person",
                    "name": "王凯",
                    "jobTitle": "市总工会主席",
                    "url": "https://example.org/speakers/wang-kai/"
                },
                "about": [{"@type": "Thing", "name": "维权", "url": "https://example.org/themes/weiquan/"}],
                "keywords": ["工会", "维权"],
                "locationCreated": {"@type": "Place", "name": "孝感"},
                "recordedAt": {
                    "@type": "Event",
                    "name": "孝感市总工会十四届三次全委会议",
                    "startDate": "2014-04-28",
                    "location": {"@type": "Place", "name": "孝感"},
                    "organizer": {"@type": "Organization", "name": "孝感市总工会"}
                },
                "description": "今天召开全市工会工作会议。",
                "isPartOf": {"@type": "WebSite", "name": "讲话稿档案", "url": "https://example.org/"}
            })
        );
    }

    #[test]
    fn no_title_can_close_the_script() {
        let mut r = record();
        r.title = "</script><script>alert(\"x\")</script> & <!--".into();
        let meta = HeadMeta::new(&r, "档案", "https://example.org/");
        assert!(!meta.json_ld.contains(['<', '>', '&']), "{}", meta.json_ld);
        let parsed: serde_json::Value = serde_json::from_str(&meta.json_ld).unwrap();
        assert_eq!(parsed["name"], r.title.as_str());
    }

    #[test]
    fn highwire_dates_are_slashed_as_scholar_asks() {
        let mut r = record();
        r.date = crate::speech::PartialDate::parse("2014-04").unwrap();
        let names = HeadMeta::new(&r, "档案", "https://example.org/").names;
        let date = names.iter().find(|t| t.name == "citation_publication_date");
        assert_eq!(date.map(|t| t.content.as_str()), Some("2014/04"));
    }
}
