//! One thin module per subcommand: its arguments, and how it calls the library
//! and prints what came back. What they share is here.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod docs;
pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod search;
pub(crate) mod serve;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use lectern::diagnostic::Diagnostic;
use lectern::t;

/// How much a command says besides its problems and its results.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Verbosity {
    /// Progress is drawn on a terminal only, and never when quiet.
    pub(crate) fn progress(self) -> bool {
        self != Verbosity::Quiet && std::io::stderr().is_terminal()
    }

    pub(crate) fn quiet(self) -> bool {
        self == Verbosity::Quiet
    }
}

/// Writes the command's output, or says with what code the program ends
/// instead. A reader that stops early (`lectern search … | head`) closes the
/// pipe: that ends the program quietly with success, as in ripgrep, where
/// `println!` would panic.
pub(crate) fn write_stdout(text: &str) -> Result<(), ExitCode> {
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

pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}
