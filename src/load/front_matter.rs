//! Front matter: the TOML (`+++`) or YAML (`---`) block at the top of a speech.
//!
//! Both formats are read into one small value type, so that field checks and their
//! messages are written once, and every message can point at the line of the field.

use crate::t;
use std::borrow::Cow;
use std::collections::BTreeMap;

use super::markdown::LINE_BREAK;
use crate::diagnostic::line_column;

/// The fields a speech may have. Anything else is reported, so a misspelt
/// field (`theme` for `themes`) never vanishes silently; `extra` holds free data.
pub(crate) const KNOWN_FIELDS: &[&str] = &[
    "title",
    "date",
    "speaker",
    "role",
    "occasion",
    "place",
    "organization",
    "themes",
    "tags",
    "source",
    "summary",
    "slug",
    "draft",
    "kind",
    "extra",
];

/// The fields of a page (`kind = "page"`, or a file in `content/pages/`).
pub(crate) const PAGE_FIELDS: &[&str] = &[
    "title",
    "slug",
    "summary",
    "draft",
    "searchable",
    "menu",
    "weight",
    "kind",
    "extra",
];

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Bool(bool),
    List(Vec<Value>),
    /// A value of a kind no field accepts: a table or a decimal number.
    Other(&'static str),
}

const TABLE: &str = "a table";
const DECIMAL: &str = "a decimal number";

impl Value {
    pub(crate) fn kind(&self) -> String {
        match self {
            Value::Text(_) => t!("value-text"),
            Value::Bool(_) => t!("value-bool"),
            Value::List(_) => t!("value-list"),
            Value::Other(TABLE) => t!("value-table"),
            Value::Other(_) => t!("value-decimal"),
        }
    }
}

/// The parsed block: its fields and where the block sits in the file.
#[derive(Debug)]
pub(crate) struct FrontMatter<'a> {
    pub fields: BTreeMap<String, Value>,
    /// The raw block, to find the line of a field for messages.
    raw: &'a str,
    /// 1-based line of the block's first line in the file.
    first_line: usize,
}

/// A front matter block that could not be read; line and column are in the file.
#[derive(Debug, PartialEq)]
pub(crate) struct SyntaxError {
    pub message: String,
    pub line: usize,
    pub column: Option<usize>,
    pub help: String,
}

impl<'a> FrontMatter<'a> {
    /// The 1-based file line and column at which `field` is set, if it can be found.
    pub(crate) fn place_of(&self, field: &str) -> Option<(usize, usize)> {
        self.raw.split('\n').enumerate().find_map(|(index, line)| {
            let rest = line.trim_start();
            let is_field = rest
                .strip_prefix(field)
                .is_some_and(|after| after.trim_start().starts_with(['=', ':']));
            let column = line[..line.len() - rest.len()].chars().count() + 1;
            is_field.then_some((self.first_line + index, column))
        })
    }

    /// The line of the block's opening delimiter, for problems of the whole block.
    pub(crate) fn opening_line(&self) -> usize {
        self.first_line - 1
    }
}

/// Where a front matter block sits: the lines between its delimiters, and the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub is_toml: bool,
    /// Byte range of the block between the delimiter lines.
    pub block: (usize, usize),
    /// Byte offset where the body starts, after the closing delimiter line.
    pub body_start: usize,
}

/// Finds the front matter block: `None` when the file does not open with `+++`
/// or `---`, `Some(Err(delimiter))` when the block is never closed. A `+++` line
/// inside a TOML multi-line string (`"""…"""`, `\'\'\'…\'\'\'`) is text, not the end.
/// `lectern import` uses this too, so that both read a file the same way.
pub(crate) fn bounds(text: &str) -> Option<Result<Bounds, &str>> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let delimiter = text[..first_line_end].trim_end();
    let is_toml = match delimiter {
        "+++" => true,
        "---" => false,
        _ => return None,
    };
    let block_start = (first_line_end + 1).min(text.len());
    let mut offset = block_start;
    let mut open_string: Option<&str> = None;
    for line in text[block_start..].split_inclusive('\n') {
        if open_string.is_none() && line.trim_end() == delimiter {
            return Some(Ok(Bounds {
                is_toml,
                block: (block_start, offset),
                body_start: offset + line.len(),
            }));
        }
        if is_toml {
            open_string = multi_line_string_after(line, open_string);
        }
        offset += line.len();
    }
    Some(Err(delimiter))
}

/// Whether a TOML multi-line string is still open after `line`, given whether it
/// was open before it (and with which quotes).
fn multi_line_string_after<'q>(line: &str, mut open: Option<&'q str>) -> Option<&'q str> {
    let mut rest = line;
    loop {
        match open {
            Some(quotes) => match rest.find(quotes) {
                Some(at) => {
                    rest = &rest[at + quotes.len()..];
                    open = None;
                }
                None => return open,
            },
            None => {
                let next = ["\"\"\"", "\'\'\'"]
                    .into_iter()
                    .filter_map(|q| rest.find(q).map(|at| (at, q)))
                    .min();
                match next {
                    Some((at, quotes)) => {
                        rest = &rest[at + quotes.len()..];
                        open = Some(quotes);
                    }
                    None => return None,
                }
            }
        }
    }
}

/// Splits a file into its front matter and Markdown body, and parses the front matter.
/// Returns the body and the 1-based line it starts on.
pub(crate) fn split(text: &str) -> Result<(FrontMatter<'_>, &str, usize), SyntaxError> {
    let bounds = match bounds(text) {
        Some(Ok(bounds)) => bounds,
        Some(Err(delimiter)) => {
            return Err(SyntaxError {
                message: t!("fm-never-closed", delimiter = delimiter),
                line: 1,
                column: Some(1),
                help: t!("fm-never-closed-help"),
            })
        }
        None => {
            return Err(SyntaxError {
                message: t!("fm-missing"),
                line: 1,
                column: Some(1),
                help: t!("fm-missing-help"),
            })
        }
    };
    let Bounds {
        is_toml,
        block: (block_start, block_end),
        body_start,
    } = bounds;
    let raw = &text[block_start..block_end];
    // A manual line break from Word in a field is a space (one byte for one, so
    // offsets in messages stay right).
    let parsed = match raw.contains(LINE_BREAK) {
        true => Cow::Owned(raw.replace(LINE_BREAK, " ")),
        false => Cow::Borrowed(raw),
    };
    let fields = if let Some(offset) = too_deep(&parsed) {
        Err((t!("fm-too-deep", depth = MAX_NESTING), offset))
    } else if is_toml {
        parse_toml(&parsed)
    } else {
        parse_yaml(&parsed)
    }
    .map_err(|(message, offset)| {
        let (line, column) = line_column(raw, offset);
        SyntaxError {
            message,
            line: line + 1,
            column: Some(column),
            help: if is_toml {
                t!("fm-toml-help")
            } else {
                t!("fm-yaml-help")
            },
        }
    })?;
    let body_line = line_column(text, body_start).0;
    Ok((
        FrontMatter {
            fields,
            raw,
            first_line: 2,
        },
        &text[body_start..],
        body_line,
    ))
}

/// Front matter needs a list in a table at most; a deeper nesting is a damaged
/// file, and the parsers take time quadratic in its depth.
const MAX_NESTING: usize = 16;

/// Where brackets or braces outside quotes open more than [`MAX_NESTING`] deep.
fn too_deep(raw: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (offset, c) in raw.char_indices() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), _) if c == q && !escaped => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(offset);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        escaped = false;
    }
    None
}

type ParseResult = Result<BTreeMap<String, Value>, (String, usize)>;

fn parse_toml(raw: &str) -> ParseResult {
    let table: toml::Table = toml::from_str(raw).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        (t!("fm-syntax", detail = e.message().trim()), offset)
    })?;
    Ok(table.into_iter().map(|(k, v)| (k, from_toml(v))).collect())
}

fn from_toml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::Text(s),
        toml::Value::Integer(i) => Value::Text(i.to_string()),
        // An unquoted `date = 2014-04-28` is a TOML date: keep it as written.
        toml::Value::Datetime(d) => Value::Text(d.to_string()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Array(items) => Value::List(items.into_iter().map(from_toml).collect()),
        toml::Value::Float(_) => Value::Other(DECIMAL),
        toml::Value::Table(_) => Value::Other(TABLE),
    }
}

fn parse_yaml(raw: &str) -> ParseResult {
    if raw.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    let value: serde_norway::Value = serde_norway::from_str(raw).map_err(|e| {
        let offset = e.location().map_or(0, |l| l.index());
        let message = e.to_string();
        // The crate appends " at line N column M", which the report shows already.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        (t!("fm-syntax", detail = message), offset)
    })?;
    match value {
        serde_norway::Value::Mapping(map) => map
            .into_iter()
            .map(|(k, v)| match k {
                serde_norway::Value::String(k) => Ok((k, from_yaml(v))),
                other => Err((t!("fm-name-not-text", name = format!("{other:?}")), 0)),
            })
            .collect(),
        _ => Err((t!("fm-not-a-mapping"), 0)),
    }
}

fn from_yaml(value: serde_norway::Value) -> Value {
    use serde_norway::Value as Y;
    match value {
        Y::String(s) => Value::Text(s),
        Y::Number(n) if n.is_i64() || n.is_u64() => Value::Text(n.to_string()),
        Y::Number(_) => Value::Other(DECIMAL),
        Y::Bool(b) => Value::Bool(b),
        Y::Sequence(items) => Value::List(items.into_iter().map(from_yaml).collect()),
        Y::Null => Value::Text(String::new()),
        Y::Mapping(_) => Value::Other(TABLE),
        Y::Tagged(tagged) => from_yaml(tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delimiter_line_inside_a_multi_line_string_is_text() {
        for quotes in ["\"\"\"", "\'\'\'"] {
            let text = format!(
                "+++\ntitle = \"讲话\"\nsummary = {quotes}\n第一行\n+++\n第二行{quotes}\ndate = \"2014\"\n+++\n正文\n"
            );
            let (fm, body, body_line) = split(&text).unwrap();
            assert_eq!(
                fm.fields["summary"],
                Value::Text("第一行\n+++\n第二行".into())
            );
            assert_eq!(fm.fields["date"], Value::Text("2014".into()));
            assert_eq!((body, body_line), ("正文\n", 9));
        }
        // A string opened and closed on one line leaves the next `+++` the end.
        let text = "+++\ntitle = \"\"\"讲话\"\"\"\n+++\n正文\n";
        assert_eq!(split(text).unwrap().1, "正文\n");
    }

    #[test]
    fn toml_and_yaml_read_the_same_fields() {
        let toml = "+++\ntitle = \"讲话\"\ndate = 2014-04-28\nthemes = [\"维权\"]\n+++\n正文\n";
        let yaml = "---\ntitle: 讲话\ndate: 2014-04-28\nthemes: [维权]\n---\n正文\n";
        for text in [toml, yaml] {
            let (fm, body, body_line) = split(text).unwrap();
            assert_eq!(fm.fields["title"], Value::Text("讲话".into()));
            assert_eq!(fm.fields["date"], Value::Text("2014-04-28".into()));
            assert_eq!(
                fm.fields["themes"],
                Value::List(vec![Value::Text("维权".into())])
            );
            assert_eq!(body, "正文\n");
            assert_eq!(body_line, 6);
            assert_eq!(fm.place_of("themes"), Some((4, 1)));
        }
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let err = split("+++\ntitle = \"a\"\ndate = \n+++\n").unwrap_err();
        assert_eq!(err.line, 3);
        let err = split("---\ntitle: a\n  bad: [\n---\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }

    #[test]
    fn deeply_nested_front_matter_is_refused_quickly() {
        for (open, close) in [("+++\ntitle = ", "\n+++\n"), ("---\ntitle: ", "\n---\n")] {
            let text = format!("{open}{}{close}", "[".repeat(100_000));
            let started = std::time::Instant::now();
            let error = split(&text).unwrap_err();
            assert!(error.message.contains("nests"), "{}", error.message);
            // The 17th bracket, after the field name on the file's second line.
            let column = open.len() - "+++\n".len() + 17;
            assert_eq!((error.line, error.column), (2, Some(column)));
            assert!(started.elapsed() < std::time::Duration::from_secs(1));
        }
        let fine = "+++\ntitle = \"[[[[[[[[[[[[[[[[[[[[\"\ntags = [\"a\", \"b\"]\n+++\n";
        assert!(split(fine).is_ok());
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_an_error() {
        assert_eq!(split("# 标题\n").unwrap_err().line, 1);
        assert!(split("+++\ntitle = \"a\"\n")
            .unwrap_err()
            .message
            .contains("never closed"));
    }
}
