//! `lectern completions` and `lectern man`: shell completions and manual pages.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::write_stdout;
use lectern::diagnostic::Diagnostic;
use lectern::t;

#[derive(Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete lectern's commands and options in
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Args)]
pub(crate) struct ManArgs {
    /// Write lectern.1 and one page per command (lectern-build.1, …) into this
    /// folder instead of printing lectern.1
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub(crate) fn completions(args: CompletionsArgs) -> ExitCode {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut crate::documented_command(),
        "lectern",
        &mut script,
    );
    let script = String::from_utf8(script).expect("completion scripts are UTF-8");
    write_stdout(&script).err().unwrap_or(ExitCode::SUCCESS)
}

pub(crate) fn man(args: ManArgs) -> ExitCode {
    let Some(dir) = &args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(crate::documented_command())
            .render(&mut page)
            .expect("a manual page renders into memory");
        let page = String::from_utf8(page).expect("manual pages are UTF-8");
        return write_stdout(&page).err().unwrap_or(ExitCode::SUCCESS);
    };
    match std::fs::create_dir_all(dir)
        .and_then(|()| clap_mangen::generate_to(crate::documented_command(), dir))
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
