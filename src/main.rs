//! The `lectern` command: parse flags, call the library, print results.
//! Exit status: 0 success, 1 problems in the site, 2 wrong usage (clap's default).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use lectern::build::{build, BuildOptions};
use lectern::diagnostic::{Diagnostic, Severity};

#[derive(Parser)]
#[command(name = "lectern", version, about = "A static site generator for archives of Chinese speeches")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into public/
    Build(BuildArgs),
}

#[derive(Args)]
struct BuildArgs {
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        progress: std::io::stderr().is_terminal(),
    };
    match build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            let drafts = match report.drafts_skipped {
                0 => String::new(),
                n => format!(", {n} drafts left out (--drafts includes them)"),
            };
            eprintln!(
                "Built {} speeches into {} files in {:.2} s{drafts} → {}",
                report.speeches,
                report.files,
                report.elapsed.as_secs_f64(),
                report.output.display()
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
            eprintln!(
                "Build failed with {errors} error{}; the output folder was not changed.",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}
