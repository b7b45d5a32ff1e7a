//! `lectern new`: a new site, ready to build and deploy.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::Verbosity;
use lectern::t;

#[derive(Args)]
pub(crate) struct NewArgs {
    /// The folder to create the site in; it must be empty or not exist yet
    dir: PathBuf,
}

pub(crate) fn run(args: NewArgs, verbosity: Verbosity) -> ExitCode {
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
