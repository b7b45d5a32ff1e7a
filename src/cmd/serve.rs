//! `lectern serve`: the site in memory on 127.0.0.1, rebuilt on every change.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use lectern::diagnostic::Diagnostic;

#[derive(Args)]
pub(crate) struct ServeArgs {
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

pub(crate) fn run(args: ServeArgs) -> ExitCode {
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
