//! `lectern check`: every problem of the site, and the links between its pages.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{print_diagnostics, write_stdout, Verbosity};
use lectern::check::check;
use lectern::pipeline::BuildOptions;
use lectern::t;

#[derive(Args)]
pub(crate) struct CheckArgs {
    /// The site folder, holding site.toml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The address the site is published at, replacing base_url from site.toml
    #[arg(long)]
    base_url: Option<String>,
    /// How to print problems: text for people, json for CI annotations
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also check speeches marked draft = true
    #[arg(long)]
    drafts: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

pub(crate) fn run(args: CheckArgs, verbosity: Verbosity) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        base_url: args.base_url,
        drafts: args.drafts,
        progress: verbosity.progress(),
        timings: verbosity == Verbosity::Verbose,
        ..BuildOptions::default()
    };
    let problems = match check(&options) {
        Ok(problems) => problems,
        Err(failure) => failure.diagnostics,
    };
    match args.format {
        Format::Json => {
            let json = serde_json::to_string(&problems).expect("diagnostics serialise");
            if let Err(code) = write_stdout(&format!("{json}\n")) {
                return code;
            }
        }
        Format::Text => {
            print_diagnostics(&problems);
            if !verbosity.quiet() {
                eprintln!("{}", t!("check-done", problems = problems.len()));
            }
        }
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
