//! `lectern import`: Word and text files into speeches in content/.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{print_diagnostics, Verbosity};
use lectern::t;

#[derive(Args)]
pub(crate) struct ImportArgs {
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

pub(crate) fn run(args: ImportArgs, verbosity: Verbosity) -> ExitCode {
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
