//! The `lectern` command: parse flags, call the library, print results.
//! Exit status: 0 success, 1 problems in the site, 2 wrong usage (clap's default).

mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use cmd::Verbosity;
use lectern::i18n::{self, Lang};

/// jemalloc instead of the system allocator: a build makes millions of small,
/// short-lived allocations on every thread (template values, page strings),
/// where glibc's malloc spent a fifth of the CPU time.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options (the `_rjem_` prefix is the embedded build's). Memory
/// freed by one stage goes back to the system after a second instead of the
/// default ten, so the next stage does not stack on top of it: the jieba
/// dictionary, dropped once the archive is segmented, would otherwise still be
/// resident while every page is rendered.
#[cfg(not(target_env = "msvc"))]
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
pub static malloc_conf: &[u8] = b"dirty_decay_ms:1000\0";

#[derive(Parser)]
#[command(
    name = "lectern",
    version,
    propagate_version = true,
    about = "A static site generator for archives of Chinese speeches"
)]
struct Cli {
    /// Print only problems: no progress, no summary
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Also print how long each stage of a build takes
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// The language of messages and help, en or zh-CN, instead of the locale's
    /// (LC_ALL, LC_MESSAGES, LANG)
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into public/
    Build(cmd::build::BuildArgs),
    /// Preview the site: build it in memory, serve it on 127.0.0.1, rebuild on
    /// every change and reload open pages
    Serve(cmd::serve::ServeArgs),
    /// Search the index of a built site, with the same meaning as the site's search page
    Search(cmd::search::SearchArgs),
    /// Load and render everything without writing, check the links between pages,
    /// and report every problem
    Check(cmd::check::CheckArgs),
    /// Turn .txt, .md and .docx files (or folders of them) into speeches in content/
    Import(cmd::import::ImportArgs),
    /// Create a new site in an empty folder, ready to build and deploy
    New(cmd::new::NewArgs),
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish)
    Completions(cmd::docs::CompletionsArgs),
    /// Print lectern's manual page, or write a page per command into a folder
    Man(cmd::docs::ManArgs),
}

fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::of_flag(value).ok_or_else(|| i18n::Lang::NAMES.join(", "))
}

/// The language asked for before the command line is parsed, so that help and
/// clap's messages are in it too: `--lang` if given, else the locale.
fn language(args: &[std::ffi::OsString]) -> Lang {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut flag = None;
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        } else if arg == "--lang" {
            flag = args.next().and_then(|value| Lang::of_flag(&value));
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            flag = Lang::of_flag(value);
        }
    }
    flag.unwrap_or_else(|| Lang::of_environment(|name| std::env::var_os(name)))
}

/// The command definition with its help in the current language, to parse with.
fn command() -> clap::Command {
    i18n::help::localise(Cli::command())
}

/// The same for the manual pages and the completion scripts.
pub(crate) fn documented_command() -> clap::Command {
    i18n::help::localise_for_docs(Cli::command())
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    i18n::set_language(language(&args));
    let cli = Cli::from_arg_matches(&command().get_matches_from(args)).unwrap_or_else(|e| e.exit());
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Build(args) => cmd::build::run(args, verbosity),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Search(args) => cmd::search::run(args, verbosity),
        Command::Check(args) => cmd::check::run(args, verbosity),
        Command::Import(args) => cmd::import::run(args, verbosity),
        Command::New(args) => cmd::new::run(args, verbosity),
        Command::Completions(args) => cmd::docs::completions(args),
        Command::Man(args) => cmd::docs::man(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The help's keys, made from the command definition, are exactly the
    /// catalogue's `cli-…` messages, in both languages.
    #[test]
    fn every_command_and_argument_has_help_in_both_catalogues() {
        let wanted = i18n::help::keys(Cli::command());
        for file in ["en.ftl", "zh-CN.ftl"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("locales")
                .join(file);
            let mut present: Vec<String> = std::fs::read_to_string(path)
                .unwrap()
                .lines()
                .filter(|line| line.starts_with("cli-"))
                .filter_map(|line| Some(line.split_once(" =")?.0.to_string()))
                .collect();
            present.sort();
            assert_eq!(present, wanted, "{file}");
        }
    }

    #[test]
    fn lang_is_read_before_parsing_and_overrides_the_locale() {
        let args =
            |list: &[&str]| -> Vec<std::ffi::OsString> { list.iter().map(Into::into).collect() };
        assert_eq!(
            language(&args(&["lectern", "--lang", "zh-CN", "build"])),
            Lang::ZhCn
        );
        assert_eq!(
            language(&args(&["lectern", "build", "--lang=zh-CN"])),
            Lang::ZhCn
        );
        assert_eq!(
            language(&args(&[
                "lectern", "--lang", "zh-CN", "build", "--lang", "en"
            ])),
            Lang::En
        );
    }
}
