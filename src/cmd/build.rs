//! `lectern build`: the site from content/ into public/.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{print_diagnostics, Verbosity};
use lectern::build::build;
use lectern::cache::Cache;
use lectern::diagnostic::Severity;
use lectern::pipeline::BuildOptions;
use lectern::t;

#[derive(Args)]
pub(crate) struct BuildArgs {
    /// The site folder, holding site.toml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: public/ under the root]
    #[arg(long)]
    output: Option<PathBuf>,
    /// The address the site is published at, replacing base_url from site.toml
    #[arg(long)]
    base_url: Option<String>,
    /// Also publish speeches marked draft = true
    #[arg(long)]
    drafts: bool,
    /// The build cache, which lets a build redo only what changed; safe to delete
    /// [default: .lectern-cache/ under the root]
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Write a copy that works opened from disk (file://), on a USB stick or a
    /// shared folder, search included: links relative to each page and naming
    /// index.html, and the search index also as scripts
    #[arg(long)]
    offline: bool,
}

pub(crate) fn run(args: BuildArgs, verbosity: Verbosity) -> ExitCode {
    let options = BuildOptions {
        cache: Some(Cache::dir(&args.root, args.cache.as_deref())),
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        progress: verbosity.progress(),
        timings: verbosity == Verbosity::Verbose,
        offline: args.offline,
    };
    match build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            if verbosity.quiet() {
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "{}",
                t!(
                    "build-done",
                    speeches = report.speeches,
                    files = report.files,
                    unchanged = report.unchanged,
                    seconds = format!("{:.2}", report.elapsed.as_secs_f64()),
                    drafts = report.drafts_skipped,
                    output = report.output,
                )
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            print_diagnostics(&failure.diagnostics);
            let errors = failure
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            eprintln!("{}", t!("build-failed", errors = errors));
            ExitCode::from(1)
        }
    }
}
