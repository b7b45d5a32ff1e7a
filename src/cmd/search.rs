//! `lectern search`: the index of a built site, as the site's search page reads it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{write_stdout, Verbosity};
use lectern::config::Paths;
use lectern::diagnostic::Diagnostic;
use lectern::search::query::{DirStore, Index, Order, Query, UnknownFilter};
use lectern::t;
use lectern::text::terms;

#[derive(Args)]
pub(crate) struct SearchArgs {
    /// The site folder, holding site.toml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The built site [default: public/ under the root]
    #[arg(long)]
    output: Option<PathBuf>,
    /// Print one JSON array of results in rank order
    #[arg(long)]
    json: bool,
    /// Show at most this many results; 0 shows all
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Only speeches of this theme (its name or slug)
    #[arg(long)]
    theme: Option<String>,
    /// Only speeches by this speaker
    #[arg(long)]
    speaker: Option<String>,
    /// Only speeches of this year
    #[arg(long)]
    year: Option<u32>,
    /// Sort by date, newest first, instead of by relevance
    #[arg(long)]
    by_date: bool,
    /// What to search for; words separated by spaces or punctuation must all occur
    #[arg(required = true)]
    query: Vec<String>,
}

pub(crate) fn run(args: SearchArgs, verbosity: Verbosity) -> ExitCode {
    let text = args.query.join(" ");
    if terms(&text).is_empty() {
        eprintln!(
            "{}",
            Diagnostic::error(t!("search-nothing-to-search", query = format!("{text:?}")))
                .help(t!("search-nothing-to-search-help"))
        );
        return ExitCode::from(2);
    }
    let output = Paths::new(&args.root, args.output.as_deref()).output;
    let mut index = match Index::open(DirStore(output.clone())) {
        Ok(index) => index,
        Err(why) => {
            eprintln!(
                "{}",
                Diagnostic::error(t!(
                    "search-no-index",
                    folder = output.join("search"),
                    why = why.to_string()
                ))
                .help(t!("search-no-index-help"))
            );
            return ExitCode::from(1);
        }
    };
    // Any spelling of a speaker's name finds them, as it does on the site.
    let speaker = args.speaker.map(|given| {
        let key = lectern::names::key(&given);
        index
            .manifest
            .speakers
            .iter()
            .find(|name| lectern::names::key(name) == key)
            .cloned()
            .unwrap_or(given)
    });
    let query = Query {
        text,
        theme: args.theme,
        speaker,
        year: args.year,
        order: if args.by_date {
            Order::Date
        } else {
            Order::Relevance
        },
    };
    let unknown = index.unknown_filters(&query);
    if !unknown.is_empty() {
        for filter in &unknown {
            eprintln!("{}", unknown_filter_message(filter, &index));
        }
        return ExitCode::from(2);
    }
    let shown = index.search(&query).and_then(|results| {
        let limit = if args.limit == 0 {
            usize::MAX
        } else {
            args.limit
        };
        results
            .hits
            .iter()
            .take(limit)
            .map(|hit| index.stored_doc(hit.id).map(|doc| (hit.clone(), doc)))
            .collect::<Result<Vec<_>, _>>()
    });
    let shown = match shown {
        Ok(shown) => shown,
        Err(why) => {
            eprintln!(
                "{}",
                Diagnostic::error(t!("search-damaged", why = why.to_string()))
                    .help(t!("search-damaged-help"))
            );
            return ExitCode::from(1);
        }
    };
    if args.json {
        /// One result as `--json` prints it, the fields scripts rely on.
        #[derive(serde::Serialize)]
        struct Result<'a> {
            url: &'a str,
            title: &'a str,
            date: &'a str,
            speaker: &'a str,
            themes: &'a [String],
            score: f64,
            title_match: bool,
        }
        let json: Vec<Result> = shown
            .iter()
            .map(|(hit, doc)| Result {
                url: &doc.url,
                title: &doc.title,
                date: &doc.date,
                speaker: &doc.speaker,
                themes: &doc.themes,
                score: hit.score,
                title_match: hit.title_match,
            })
            .collect();
        let json = serde_json::to_string(&json).expect("results serialise");
        write_stdout(&format!("{json}\n"))
            .err()
            .unwrap_or(ExitCode::SUCCESS)
    } else if shown.is_empty() {
        if !verbosity.quiet() {
            eprintln!(
                "{}",
                t!("search-no-results", query = format!("{:?}", query.text))
            );
        }
        ExitCode::SUCCESS
    } else {
        let lines: String = shown
            .iter()
            .map(|(_, doc)| format!("{}  {}  {}\n", doc.date, doc.title, doc.url))
            .collect();
        write_stdout(&lines).err().unwrap_or(ExitCode::SUCCESS)
    }
}

/// Says that a filter of `lectern search` names nothing in the index, and what
/// it could name.
fn unknown_filter_message(filter: &UnknownFilter, index: &Index<DirStore>) -> Diagnostic {
    let manifest = &index.manifest;
    match filter {
        UnknownFilter::Theme(theme) => {
            let known: Vec<String> = manifest
                .themes
                .iter()
                .map(|t| format!("{} ({})", t.slug, t.name))
                .collect();
            Diagnostic::error(t!("search-unknown-theme", theme = format!("{theme:?}"))).help(
                if known.is_empty() {
                    t!("search-unknown-theme-none")
                } else {
                    t!("search-unknown-theme-help", known = some_of(&known))
                },
            )
        }
        UnknownFilter::Speaker(speaker) => {
            let mut known = manifest.speakers.clone();
            known.sort();
            Diagnostic::error(t!(
                "search-unknown-speaker",
                speaker = format!("{speaker:?}")
            ))
            .help(if known.is_empty() {
                t!("search-unknown-speaker-none")
            } else {
                t!("search-unknown-speaker-help", known = some_of(&known))
            })
        }
        UnknownFilter::Year(year) => {
            let known: Vec<String> = index.years().iter().map(u32::to_string).collect();
            Diagnostic::error(t!("search-unknown-year", year = year.to_string()))
                .help(t!("search-unknown-year-help", known = some_of(&known)))
        }
    }
}

/// Up to 20 values, and how many more there are.
fn some_of(values: &[String]) -> String {
    const SHOWN: usize = 20;
    let list = values[..values.len().min(SHOWN)].join(&t!("list-separator"));
    match values.len().saturating_sub(SHOWN) {
        0 => list,
        more => t!("list-and-more", list = list, more = more),
    }
}
