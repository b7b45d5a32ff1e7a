//! The paragraph model every reader produces and the later steps (header,
//! body, writer) read: plain text, its style, and Word's formatting when there
//! is any. It sits below the readers so that the Word reader and the file
//! reader do not depend on each other.

use super::inline::{plain_text, Piece};

/// How a paragraph was marked in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Normal,
    /// Word's Title style.
    Title,
    /// Word's Heading 1, 2 … styles, or a Markdown `#` heading.
    Heading(u8),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// The text as a reader sees it, without formatting.
    pub text: String,
    pub style: Style,
    pub markup: Markup,
}

/// What a paragraph holds besides its plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Markup {
    /// Nothing: plain text, or a Markdown block kept as written.
    Plain,
    /// Word's formatted pieces, which spell exactly the text.
    Pieces(Vec<Piece>),
    /// A Word table: rows of cells.
    Table(Vec<Vec<Vec<Piece>>>),
}

impl Para {
    pub fn normal(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            style: Style::Normal,
            markup: Markup::Plain,
        }
    }

    pub fn formatted(pieces: Vec<Piece>, style: Style) -> Para {
        Para {
            text: plain_text(&pieces),
            style,
            markup: Markup::Pieces(pieces),
        }
    }

    pub fn table(rows: Vec<Vec<Vec<Piece>>>) -> Para {
        let text = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| plain_text(cell))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n");
        Para {
            text,
            style: Style::Normal,
            markup: Markup::Table(rows),
        }
    }

    pub fn is_table(&self) -> bool {
        matches!(self.markup, Markup::Table(_))
    }

    /// No text and no picture: nothing to keep.
    pub fn is_empty(&self) -> bool {
        let picture = |pieces: &[Piece]| pieces.iter().any(|p| matches!(p, Piece::Image { .. }));
        self.text.trim().is_empty()
            && match &self.markup {
                Markup::Plain => true,
                Markup::Pieces(pieces) => !picture(pieces),
                Markup::Table(rows) => !rows.iter().flatten().any(|cell| picture(cell)),
            }
    }
}

/// Why a file could not be read, with advice for the person importing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub help: String,
}
