//! The `lectern` command: parse flags, call the library, print results.
//! Exit status: 0 success, 1 problems in the site, 2 wrong usage (clap's default).

use std::io::IsTerminal;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use lectern::build::build;
use lectern::cache::Cache;
use lectern::check::check;
use lectern::config::Paths;
use lectern::diagnostic::{Diagnostic, Severity};
use lectern::i18n::{self, Lang};
use lectern::pipeline::BuildOptions;
use lectern::search::query::{DirStore, Index, Order, Query, UnknownFilter};
use lectern::t;
use lectern::text::terms;

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

/// How much a command says besides its problems and its results.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Verbosity {
    /// Progress is drawn on a terminal only, and never when quiet.
    fn progress(self) -> bool {
        self != Verbosity::Quiet && std::io::stderr().is_terminal()
    }

    fn quiet(self) -> bool {
        self == Verbosity::Quiet
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into public/
    Build(BuildArgs),
    /// Preview the site: build it in memory, serve it on 127.0.0.1, rebuild on
    /// every change and reload open pages
    Serve(ServeArgs),
    /// Search the index of a built site, with the same meaning as the site's search page
    Search(SearchArgs),
    /// Load and render everything without writing, check the links between pages,
    /// and report every problem
    Check(CheckArgs),
    /// Turn .txt, .md and .docx files (or folders of them) into speeches in content/
    Import(ImportArgs),
    /// Create a new site in an empty folder, ready to build and deploy
    New(NewArgs),
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish)
    Completions(CompletionsArgs),
    /// Print lectern's manual page, or write a page per command into a folder
    Man(ManArgs),
}

#[derive(Args)]
struct CompletionsArgs {
    /// The shell to complete lectern's commands and options in
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Args)]
struct ManArgs {
    /// Write lectern.1 and one page per command (lectern-build.1, …) into this
    /// folder instead of printing lectern.1
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

#[derive(Args)]
struct ImportArgs {
    /// The site folder, holding site.toml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The folder under the root to write speeches into [default: content]
    #[arg(long, value_name = "content/SUBDIR")]
    into: Option<PathBuf>,
    /// Report what would be imported, write nothing
    #[arg(long)]
    dry_run: bool,
    /// Replace existing speech files of the same name
    #[arg(long)]
    force: bool,
    /// A spreadsheet saved as CSV or TSV (UTF-8 or GB18030) with a header row
    /// naming `file` (文件) and fields (标题, 日期, 讲话人…): its rows fill the
    /// fields of the files they name
    #[arg(long, value_name = "LIST.csv")]
    metadata: Option<PathBuf>,
    /// Files (.txt, .md, .docx) and folders of them
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Args)]
struct NewArgs {
    /// The folder to create the site in; it must be empty or not exist yet
    dir: PathBuf,
}

#[derive(Args)]
struct SearchArgs {
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

#[derive(Args)]
struct ServeArgs {
    /// The site folder, holding site.toml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The address to listen on; anything but loopback makes the preview visible
    /// to other machines
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// The port to try first; when it is taken, the next free one is used
    #[arg(long, default_value_t = lectern::serve::DEFAULT_PORT)]
    port: u16,
    /// Open the site in a web browser
    #[arg(long)]
    open: bool,
    /// Also show speeches marked draft = true
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct CheckArgs {
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
enum Format {
    Text,
    Json,
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
fn documented_command() -> clap::Command {
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
        Command::Build(args) => run_build(args, verbosity),
        Command::Serve(args) => run_serve(args),
        Command::Search(args) => run_search(args, verbosity),
        Command::Check(args) => run_check(args, verbosity),
        Command::Import(args) => run_import(args, verbosity),
        Command::New(args) => run_new(args, verbosity),
        Command::Completions(args) => run_completions(args),
        Command::Man(args) => run_man(args),
    }
}

fn run_completions(args: CompletionsArgs) -> ExitCode {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut documented_command(),
        "lectern",
        &mut script,
    );
    let script = String::from_utf8(script).expect("completion scripts are UTF-8");
    write_stdout(&script).err().unwrap_or(ExitCode::SUCCESS)
}

fn run_man(args: ManArgs) -> ExitCode {
    let Some(dir) = &args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(documented_command())
            .render(&mut page)
            .expect("a manual page renders into memory");
        let page = String::from_utf8(page).expect("manual pages are UTF-8");
        return write_stdout(&page).err().unwrap_or(ExitCode::SUCCESS);
    };
    match std::fs::create_dir_all(dir)
        .and_then(|()| clap_mangen::generate_to(documented_command(), dir))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}",
                Diagnostic::error(t!("man-cannot-write", error = e))
                    .in_file(dir)
                    .help(t!("man-cannot-write-help"))
            );
            ExitCode::from(1)
        }
    }
}

fn run_import(args: ImportArgs, verbosity: Verbosity) -> ExitCode {
    let options = lectern::import::ImportOptions {
        root: args.root,
        into: args.into,
        inputs: args.paths,
        dry_run: args.dry_run,
        force: args.force,
        progress: verbosity.progress(),
        metadata: args.metadata,
    };
    match lectern::import::import(&options) {
        Ok(report) => {
            if !verbosity.quiet() {
                print!("{}", report.render());
            }
            print_diagnostics(&report.diagnostics().cloned().collect::<Vec<_>>());
            ExitCode::from(report.exit_code())
        }
        Err(lectern::import::ImportError::Usage(d)) => {
            eprintln!("{d}");
            ExitCode::from(2)
        }
        Err(lectern::import::ImportError::Site(diagnostics)) => {
            print_diagnostics(&diagnostics);
            eprintln!("{}", t!("import-nothing-fix-site"));
            ExitCode::from(1)
        }
        Err(lectern::import::ImportError::Sheet(diagnostics)) => {
            print_diagnostics(&diagnostics);
            eprintln!("{}", t!("import-nothing-fix-sheet"));
            ExitCode::from(1)
        }
    }
}

fn run_new(args: NewArgs, verbosity: Verbosity) -> ExitCode {
    match lectern::scaffold::new_site(&args.dir) {
        Ok(_) if verbosity.quiet() => ExitCode::SUCCESS,
        Ok(files) => {
            println!("{}", t!("new-created", dir = args.dir));
            for file in files {
                println!("  {}", file.display());
            }
            println!("\n{}", t!("new-next", dir = args.dir));
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{d}");
            ExitCode::from(1)
        }
    }
}

fn run_build(args: BuildArgs, verbosity: Verbosity) -> ExitCode {
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

fn run_serve(args: ServeArgs) -> ExitCode {
    let options = lectern::serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
    };
    match lectern::serve::serve(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", Diagnostic::error(format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

fn run_check(args: CheckArgs, verbosity: Verbosity) -> ExitCode {
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

fn run_search(args: SearchArgs, verbosity: Verbosity) -> ExitCode {
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

/// Writes the command's output, or says with what code the program ends
/// instead. A reader that stops early (`lectern search … | head`) closes the
/// pipe: that ends the program quietly with success, as in ripgrep, where
/// `println!` would panic.
fn write_stdout(text: &str) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!(
                "{}",
                Diagnostic::error(t!("cannot-write-output", error = e))
            );
            Err(ExitCode::FAILURE)
        }
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

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
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
