//! The command line's help in the current language. clap's derive writes the
//! definition; this puts the catalogue's words in it: each command's `about`
//! and each argument's help, under the keys [`keys`] lists.

use clap::Command;

use super::{language, text, Lang};

/// `cmd`, to parse the command line with, with every command's about and
/// every argument's help from the catalogue, and in Chinese clap's headings too.
pub fn localise(mut cmd: Command) -> Command {
    // Building adds clap's own flags (--help, --version) and copies global
    // flags into the subcommands, so that they get the words as well.
    cmd.build();
    walk(cmd, &[], &mut |key| text(key, &[]))
}

/// `cmd` localised for the manual pages and completion scripts, which want
/// it unbuilt (a built one has clap's `help` command, which they would list).
/// clap's --help and --version keep its own English words there.
pub fn localise_for_docs(cmd: Command) -> Command {
    walk(cmd, &[], &mut |key| text(key, &[]))
}

/// Every catalogue key the help of `cmd` uses, for the tests.
pub fn keys(mut cmd: Command) -> Vec<String> {
    cmd.build();
    let mut keys = Vec::new();
    walk(cmd, &[], &mut |key| {
        keys.push(key.to_string());
        String::new()
    });
    keys.sort();
    keys.dedup();
    keys
}

/// The key of a command's about: `cli-about` for lectern itself,
/// `cli-build` for `lectern build`.
fn about_key(path: &[String]) -> String {
    match path {
        [] => "cli-about".to_string(),
        path => format!("cli-{}", path.join("-")),
    }
}

/// The key of an argument's help: `cli-arg-quiet` for flags every command
/// has, `cli-build-arg-root` for one of `lectern build`.
fn arg_key(path: &[String], arg: &clap::Arg) -> String {
    let id = arg.get_id().as_str();
    if path.is_empty() || arg.is_global_set() || id == "help" || id == "version" {
        format!("cli-arg-{id}")
    } else {
        format!("cli-{}-arg-{id}", path.join("-"))
    }
}

fn walk(mut cmd: Command, path: &[String], words: &mut dyn FnMut(&str) -> String) -> Command {
    let chinese = language() == Lang::ZhCn;
    cmd = cmd.about(words(&about_key(path))).long_about(None);
    let args: Vec<(String, String, bool)> = cmd
        .get_arguments()
        .filter(|arg| arg.get_help().is_some())
        .map(|arg| {
            let key = arg_key(path, arg);
            (arg.get_id().to_string(), key, arg.is_positional())
        })
        .collect();
    for (id, key, positional) in args {
        let help = words(&key);
        cmd = cmd.mut_arg(id, |arg| {
            let arg = arg.help(help).long_help(None);
            match (chinese, positional) {
                (false, _) => arg,
                (true, true) => arg.help_heading("参数"),
                (true, false) => arg.help_heading("选项"),
            }
        });
    }
    if chinese {
        cmd = cmd
            .help_template(
                "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}",
            )
            .subcommand_help_heading("命令");
    }
    // clap's `help` command holds a copy of the tree, only to name commands.
    let names: Vec<String> = if path.last().is_some_and(|name| name == "help") {
        Vec::new()
    } else {
        cmd.get_subcommands()
            .map(|sub| sub.get_name().to_string())
            .collect()
    };
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(name, |sub| walk(sub, &sub_path, words));
    }
    cmd
}
