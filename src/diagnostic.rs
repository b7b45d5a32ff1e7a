//! Problems found in a site, collected as values so that one build reports all of them.
//!
//! Every stage returns its diagnostics instead of stopping at the first one: an editor
//! fixing a batch of imported speeches wants the whole list in one run, each entry
//! naming the file, the place in it and what to do.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: where it is, what is wrong, and how to fix it. As JSON
/// (`lectern check --format json`): `severity` (`error` or `warning`), `file`,
/// `line`, `column`, `message`, `help`, absent values as `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    #[serde(rename = "file", serialize_with = "lossy_path")]
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// A path as text even where it is not UTF-8 (such bytes show as U+FFFD).
fn lossy_path<S: serde::Serializer>(path: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
    match path {
        Some(path) => s.serialize_str(&path.to_string_lossy()),
        None => s.serialize_none(),
    }
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: None,
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn in_file(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Lines and columns are 1-based, as editors show them.
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Paths are shown relative to the site root, which is what the editor sees.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Some(path) = &self.path {
            if let Ok(rel) = path.strip_prefix(root) {
                self.path = Some(rel.to_path_buf());
            }
        }
        self
    }

    /// Stable order for reports: by file, then position, then message.
    fn sort_key(&self) -> (Option<&PathBuf>, Option<usize>, Option<usize>, &str) {
        (
            self.path.as_ref(),
            self.line,
            self.column,
            self.message.as_str(),
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => crate::t!("label-error"),
            Severity::Warning => crate::t!("label-warning"),
        };
        write!(f, "{label}: ")?;
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  {}: {help}", crate::t!("label-help"))?;
        }
        Ok(())
    }
}

/// Sorts diagnostics into a stable order so that reports do not depend on thread timing.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Both values, or the problems of both: two independent steps report together.
pub(crate) fn both<A, B>(
    a: Result<A, Vec<Diagnostic>>,
    b: Result<B, Vec<Diagnostic>>,
) -> Result<(A, B), Vec<Diagnostic>> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let mut problems = a.err().unwrap_or_default();
            problems.extend(b.err().unwrap_or_default());
            Err(problems)
        }
    }
}

/// Every value, or every problem: one step done for many items reports them all.
pub(crate) fn every<T>(results: Vec<Result<T, Diagnostic>>) -> Result<Vec<T>, Vec<Diagnostic>> {
    let mut values = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(problems)
    }
}

/// Converts a byte offset in `text` into a 1-based (line, column) pair, counting
/// columns in characters so that Chinese text points at the right place.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "第一行\n讲话稿 title";
        assert_eq!(line_column(text, 0), (1, 1));
        let offset = text.find("title").unwrap();
        assert_eq!(line_column(text, offset), (2, 5));
    }

    #[test]
    fn display_names_file_line_and_help() {
        let d = Diagnostic::error("missing title")
            .in_file("content/a.md")
            .at(2, Some(1))
            .help("add title = \"…\"");
        assert_eq!(
            d.to_string(),
            "error: content/a.md:2:1: missing title\n  help: add title = \"…\""
        );
    }
}
