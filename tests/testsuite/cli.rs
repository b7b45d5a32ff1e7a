//! Command-line habits: shell completions, manual pages, `--quiet` and
//! `--verbose`, and a progress display on a terminal only.

use std::fs;
use std::process::Command as Process;

use crate::util::{lectern, lectern_path, Site};

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    let out = lectern().args(args).output().expect("lectern runs");
    Out {
        code: out.status.code().expect("lectern exited"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A small site with a full base URL, so that a build has nothing to warn of.
fn clean_site() -> Site {
    let site = Site::with_config("title = \"测试档案\"\nbase_url = \"https://example.org/\"\n");
    site.simple("content/a.md", "在工会会议上的讲话", "2014-04-28");
    site.simple("content/b.md", "在劳模大会上的讲话", "2015-05-01");
    site
}

const COMMANDS: [&str; 8] = [
    "build",
    "serve",
    "search",
    "check",
    "import",
    "new",
    "completions",
    "man",
];

#[test]
fn completions_are_written_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _lectern"),
        ("zsh", "#compdef lectern"),
        ("fish", "complete -c lectern"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName 'lectern'",
        ),
        ("elvish", "set edit:completion:arg-completer[lectern]"),
    ] {
        let out = run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains(marker), "{shell}: {}", out.stdout);
        for command in COMMANDS {
            assert!(out.stdout.contains(command), "{shell} completes {command}");
        }
        assert!(out.stdout.contains("base-url"), "{shell} completes options");
    }
    assert_eq!(run(&["completions", "tcsh"]).code, 2);
}

#[test]
fn bash_completes_commands_and_options_with_the_script() {
    let script = run(&["completions", "bash"]).stdout;
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("lectern.bash");
    fs::write(&file, script).unwrap();
    // What bash offers after `lectern bu<Tab>` and `lectern build --ba<Tab>`.
    let complete = |words: &str| {
        let out = Process::new("bash")
            .args(["--noprofile", "--norc", "-c"])
            .arg(format!(
                "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
                 _lectern lectern \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
                 printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                file.display()
            ))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(complete("lectern bu"), "build\n");
    assert_eq!(complete("lectern build --ba"), "--base-url\n");
    assert_eq!(complete("lectern completions p"), "powershell\n");
}

#[test]
fn the_manual_page_is_printed_or_written_per_command() {
    let out = run(&["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(".TH lectern 1"), "{}", out.stdout);
    assert!(out.stdout.contains("\\-\\-quiet"), "{}", out.stdout);
    for command in COMMANDS {
        assert!(out.stdout.contains(command), "the page lists {command}");
    }

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    let out = run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    let mut pages: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    pages.sort();
    let mut expected: Vec<String> = COMMANDS.iter().map(|c| format!("lectern-{c}.1")).collect();
    expected.push("lectern.1".to_string());
    expected.sort();
    assert_eq!(pages, expected);
    let build = fs::read_to_string(dir.join("lectern-build.1")).unwrap();
    assert!(
        build.contains(&format!(
            ".TH lectern-build 1  \"build {}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{build}"
    );
    assert!(build.contains("\\-\\-base\\-url"), "{build}");

    // A folder that cannot be made is an error that names it.
    let file = tmp.path().join("file");
    fs::write(&file, "").unwrap();
    let out = run(&["man", "--dir", file.join("man1").to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.starts_with(&format!(
            "error: {}: cannot write the manual pages: ",
            file.join("man1").display()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn quiet_prints_nothing_on_success() {
    let site = clean_site();
    let root = site.root.to_str().unwrap();
    for args in [
        vec!["--quiet", "build", "--root", root],
        vec!["build", "-q", "--root", root],
        vec!["check", "--quiet", "--root", root],
    ] {
        let out = run(&args);
        assert_eq!(
            (out.code, out.stdout.as_str(), out.stderr.as_str()),
            (0, "", ""),
            "{args:?}"
        );
    }
    let new = site.base.join("new-site");
    let out = run(&["new", "-q", new.to_str().unwrap()]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    assert!(new.join("site.toml").is_file());

    // Problems are still printed.
    site.file("content/c.md", "+++\ntitle = \"丙\"\n+++\n");
    let out = run(&["build", "-q", "--root", root]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.starts_with("error: content/c.md"),
        "{}",
        out.stderr
    );

    assert_eq!(run(&["build", "-q", "-v", "--root", root]).code, 2);
}

#[test]
fn verbose_prints_the_time_of_each_stage() {
    let site = clean_site();
    let out = run(&["build", "--verbose", "--root", site.root.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stages: Vec<&str> = out
        .stderr
        .lines()
        .filter_map(|line| {
            let (stage, time) = line.split_once(": ")?;
            let seconds = time.strip_suffix(" s")?;
            (seconds.parse::<f64>().is_ok() && seconds.len() == 5).then_some(stage)
        })
        .collect();
    assert_eq!(
        stages,
        [
            "reading speeches",
            "finding related speeches",
            "writing the search index",
            "writing the data download",
            "writing pages"
        ],
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("Built 2 speeches"),
        "{}",
        out.stderr
    );
}

/// Runs `lectern ARGS` in a pseudo-terminal (util-linux `script`), returning
/// what it drew; `None` where `script` is missing.
fn on_a_terminal(args: &[&str]) -> Option<String> {
    let bin = lectern_path();
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("typescript");
    let command = std::iter::once(bin.to_str().unwrap())
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let status = Process::new("script")
        .args(["-q", "-e", "-c", &command])
        .arg(&log)
        .env("COLUMNS", "120")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .ok()?;
    assert!(status.success());
    // What the command drew, without the lines `script` adds around it.
    let text = String::from_utf8_lossy(&fs::read(&log).unwrap()).into_owned();
    Some(
        text.lines()
            .filter(|line| !line.starts_with("Script started") && !line.starts_with("Script done"))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[test]
fn progress_counts_speeches_then_pages_on_a_terminal_only() {
    let site = Site::with_config("title = \"测试档案\"\nbase_url = \"https://example.org/\"\n");
    let speeches = 3000;
    for i in 0..speeches {
        site.speech(
            &format!("content/s{i:04}.md"),
            &format!("title = \"第{i}次会议上的讲话\"\ndate = \"2014-04-28\""),
            &"同志们：今天召开全县工会工作会议，主要任务是总结去年工作。".repeat(20),
        );
    }
    let root = site.root.to_str().unwrap();
    let Some(drawn) = on_a_terminal(&["build", "--root", root]) else {
        eprintln!("NOTICE: util-linux `script` is missing: progress on a terminal NOT tested");
        return;
    };
    assert!(drawn.contains("reading speeches"), "{drawn}");
    assert!(
        drawn.contains("/3,000"),
        "speeches counted against the total: {drawn}"
    );
    assert!(drawn.contains("writing pages"), "{drawn}");
    assert!(
        drawn.contains(" left"),
        "an estimate of the time left: {drawn}"
    );
    assert!(drawn.contains("Built 3000 speeches"), "{drawn}");

    // Quiet draws nothing, even on a terminal.
    let drawn = on_a_terminal(&["build", "-q", "--root", root]).unwrap();
    assert_eq!(drawn.trim(), "", "{drawn}");
}
