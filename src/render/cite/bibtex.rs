//! The BibTeX entry: `@misc`, which BibTeX and biblatex both have and which the
//! GB/T 7714 styles for them (gbt7714, biblatex-gb7714-2015) cite as `[Z]`.
//! The occasion goes in `howpublished`, the place in `address`, the organising
//! body in `organization`; `year` and `month` for BibTeX, `date` for biblatex,
//! which keeps the day. The speaker is one name in braces, so no style turns
//! 王凯 or an organisation into a given and a family name.

use super::Record;

pub(super) fn entry(record: &Record) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut field = |name, value: String| fields.push((name, value));
    let braced = |value: &str| format!("{{{}}}", escape(value));
    if !record.speaker.is_empty() {
        field("author", format!("{{{}}}", braced(&record.speaker)));
    }
    for (name, value) in [
        ("title", &record.title),
        ("howpublished", &record.occasion),
        ("address", &record.place),
        ("organization", &record.organization),
    ] {
        if !value.is_empty() {
            field(name, braced(value));
        }
    }
    field("year", format!("{{{}}}", record.date.year));
    if let Some(month) = record.date.month {
        field("month", MONTHS[usize::from(month) - 1].to_string());
    }
    field("date", braced(&record.date.iso()));
    // Verbatim for biblatex and the url package: only braces would break it.
    field("url", format!("{{{}}}", verbatim_url(&record.url)));
    let keywords = record.keywords().join(", ");
    for (name, value) in [("keywords", &keywords), ("abstract", &record.summary)] {
        if !value.is_empty() {
            field(name, braced(value));
        }
    }
    let mut entry = format!("@misc{{{},\n", record.key);
    for (name, value) in fields {
        entry.push_str(&format!("  {name:<12} = {value},\n"));
    }
    entry.push_str("}\n");
    entry
}

/// BibTeX's month macros, which biblatex reads as numbers.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A URL as a verbatim field holds it: braces and backslashes, which a URL
/// should not hold unencoded anyway, percent-encoded.
fn verbatim_url(url: &str) -> String {
    url.replace('{', "%7B")
        .replace('}', "%7D")
        .replace('\\', "%5C")
}

/// TeX's special characters written so that they print as themselves and
/// braces always balance.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::record;
    use super::*;

    #[test]
    fn the_entry_of_the_fixture_speech() {
        assert_eq!(
            entry(&record()),
            "@misc{2014-04-28-xiaogan,
  author       = {{王凯}},
  title        = {在全市工会工作会议上的讲话},
  howpublished = {孝感市总工会十四届三次全委会议},
  address      = {孝感},
  organization = {孝感市总工会},
  year         = {2014},
  month        = apr,
  date         = {2014-04-28},
  url          = {https://example.org/speeches/2014-04-28-xiaogan/},
  keywords     = {维权, 工会},
  abstract     = {今天召开全市工会工作会议。},
}
"
        );
    }

    #[test]
    fn a_url_is_written_verbatim() {
        assert_eq!(
            verbatim_url("https://example.org/%E6%A1%A3/{x}\\"),
            "https://example.org/%E6%A1%A3/%7Bx%7D%5C"
        );
    }

    #[test]
    fn special_characters_print_as_themselves() {
        assert_eq!(
            escape(r"50% & {x}_1 $y #2 ~a^b \c"),
            r"50\% \& \{x\}\_1 \$y \#2 \textasciitilde{}a\textasciicircum{}b \textbackslash{}c"
        );
        let mut record = record();
        record.speaker.clear();
        record.date = crate::speech::PartialDate::parse("2014").unwrap();
        let entry = entry(&record);
        assert!(
            !entry.contains("author") && !entry.contains("month"),
            "{entry}"
        );
        assert!(entry.contains("  date         = {2014},\n"), "{entry}");
    }
}
