//! The command line in both languages: the catalogues (locales/en.ftl and
//! locales/zh-CN.ftl) hold the same messages with the same arguments, every
//! key the code asks for is there and none is left unused; and lectern speaks
//! Chinese when the locale or `--lang` says so, English otherwise.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use crate::util;

/// Each message of a catalogue and the arguments it uses.
fn catalogue(file: &str) -> BTreeMap<String, BTreeSet<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(file);
    let source = fs::read_to_string(&path).unwrap();
    let resource = match fluent_syntax::parser::parse(source.as_str()) {
        Ok(resource) => resource,
        Err((_, errors)) => panic!("{file} does not parse: {errors:?}"),
    };
    let mut messages = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(message) => {
                let mut args = BTreeSet::new();
                let value = message.value.as_ref();
                value.unwrap_or_else(|| panic!("{file}: {} has no text", message.id.name));
                pattern_args(value.unwrap(), &mut args);
                let fresh = messages.insert(message.id.name.to_string(), args);
                assert!(fresh.is_none(), "{file}: {} twice", message.id.name);
            }
            Entry::Junk { content } => panic!("{file}: cannot parse {content:?}"),
            _ => {}
        }
    }
    messages
}

fn pattern_args(pattern: &Pattern<&str>, args: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_args(expression, args);
        }
    }
}

fn expression_args(expression: &Expression<&str>, args: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_args(selector, args);
            for variant in variants {
                pattern_args(&variant.value, args);
            }
        }
        Expression::Inline(inline) => inline_args(inline, args),
    }
}

fn inline_args(inline: &InlineExpression<&str>, args: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            args.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_args(expression, args),
        InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                inline_args(arg, args);
            }
        }
        _ => {}
    }
}

#[test]
fn every_message_is_in_both_languages_with_the_same_arguments() {
    let en = catalogue("en.ftl");
    let zh = catalogue("zh-CN.ftl");
    let only_en: Vec<&String> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<&String> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "only in en.ftl: {only_en:?}");
    assert!(only_zh.is_empty(), "only in zh-CN.ftl: {only_zh:?}");
    let differ: Vec<String> = en
        .iter()
        .filter(|(key, args)| zh[*key] != **args)
        .map(|(key, args)| format!("{key}: en {args:?}, zh-CN {:?}", zh[key]))
        .collect();
    assert!(
        differ.is_empty(),
        "arguments differ:\n{}",
        differ.join("\n")
    );
    assert!(en.len() > 100, "{} messages", en.len());
}

/// Every `t!("key", name = …)` in src/: its key and the names it passes.
fn uses_in_source() -> Vec<(String, String, BTreeSet<String>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut uses = Vec::new();
    for entry in walk(&src) {
        let text = fs::read_to_string(&entry).unwrap();
        let shown = entry.strip_prefix(&src).unwrap().display().to_string();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("t!(") {
            let before = rest[..at].chars().last();
            rest = &rest[at + 3..];
            // `t!(` itself, not the end of another macro's name (`assert!(`).
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let call = &rest[..closing_paren(rest)];
            let mut parts = split_top_level(call).into_iter();
            let key = parts.next().unwrap_or_default();
            let key = key.trim();
            assert!(
                key.starts_with('"') && key.ends_with('"'),
                "{shown}: t!({call}): the key must be a string literal"
            );
            let names = parts
                .filter_map(|part| {
                    let (name, _) = part.split_once('=')?;
                    Some(name.trim().to_string())
                })
                .filter(|name| !name.is_empty())
                .collect();
            uses.push((shown.clone(), key.trim_matches('"').to_string(), names));
        }
    }
    uses
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Where the call that `text` is inside ends: the `)` that closes it.
fn closing_paren(text: &str) -> usize {
    let mut depth = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' if depth == 0 => return i,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    panic!("no closing parenthesis in {text:?}");
}

/// The arguments of a call, split at the commas outside brackets and strings.
fn split_top_level(call: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in call.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().unwrap().push(c);
    }
    parts
}

/// The help's keys (cli-…) are made from the command definition, and its own
/// test (in src/main.rs) checks them; every other key is named in the code.
#[test]
fn every_key_the_code_uses_exists_with_its_arguments_and_none_is_unused() {
    let en = catalogue("en.ftl");
    let uses = uses_in_source();
    let mut problems = Vec::new();
    for (file, key, names) in &uses {
        match en.get(key) {
            None => problems.push(format!("{file}: {key} is not in the catalogue")),
            Some(args) if args != names => problems.push(format!(
                "{file}: {key} is given {names:?}, the catalogue uses {args:?}"
            )),
            Some(_) => {}
        }
    }
    let used: BTreeSet<&String> = uses.iter().map(|(_, key, _)| key).collect();
    for key in en.keys() {
        if !key.starts_with("cli-") && !used.contains(key) {
            problems.push(format!("{key} is in the catalogue but no code uses it"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A site whose one speech has a date that does not exist.
fn site_with_a_bad_date() -> util::Site {
    let site =
        util::Site::with_config("title = \"测试档案\"\nbase_url = \"https://example.org/\"\n");
    site.speech(
        "content/a.md",
        "title = \"讲话\"\ndate = \"2024-13-05\"",
        "同志们：\n\n今天开会。",
    );
    site
}

/// `lectern ARGS…` with exactly the locale variables given.
fn run_with(env: &[(&str, &str)], args: &[&str]) -> util::Run {
    let mut cmd = util::lectern();
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        cmd.env_remove(name);
    }
    for (name, value) in env {
        cmd.env(name, value);
    }
    cmd.args(args);
    util::Run::of(&mut cmd)
}

const ZH_DATE: &str = "错误: content/a.md:3:1: 日期无法识别：\"2024-13-05\" 里的 13 月不存在\n  \
    提示: 请把日期写成 \"YYYY-MM-DD\" 或 \"2014年4月28日\"；只知道年月或年份时，写成 \
    \"YYYY-MM\" / \"2014年4月\" 或 \"YYYY\" / \"2014年\"\n";
const EN_DATE: &str = "error: content/a.md:3:1: the date is not valid: month 13 in \
    \"2024-13-05\" does not exist\n  help: write the date as \"YYYY-MM-DD\" or \"2014年4月28日\", \
    or \"YYYY-MM\" / \"2014年4月\" or \"YYYY\" / \"2014年\" when only that is known\n";

#[test]
fn a_chinese_locale_gets_chinese_errors_hints_and_summary() {
    let site = site_with_a_bad_date();
    let root = site.root.to_str().unwrap();
    let run = run_with(&[("LANG", "zh_CN.UTF-8")], &["build", "--root", root]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        format!("{ZH_DATE}构建失败，共 1 个错误；输出文件夹没有改动。\n")
    );
    // Any Chinese locale, through any of the three variables.
    for env in [
        [("LC_ALL", "zh_TW.UTF-8"), ("LANG", "C")],
        [("LC_MESSAGES", "zh_HK"), ("LANG", "en_US.UTF-8")],
    ] {
        let run = run_with(&env, &["build", "--root", root]);
        assert!(run.stderr.starts_with(ZH_DATE), "{env:?}: {}", run.stderr);
    }
}

#[test]
fn other_locales_and_no_locale_get_english() {
    let site = site_with_a_bad_date();
    let root = site.root.to_str().unwrap();
    let english =
        format!("{EN_DATE}Build failed with 1 error; the output folder was not changed.\n");
    for env in [
        vec![("LANG", "C")],
        vec![],
        vec![("LANG", "fr_FR.UTF-8")],
        vec![("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")],
    ] {
        let run = run_with(&env, &["build", "--root", root]);
        assert_eq!(
            (run.code, run.stderr.as_str()),
            (Some(1), english.as_str()),
            "{env:?}"
        );
    }
}

#[test]
fn lang_overrides_the_locale_either_way() {
    let site = site_with_a_bad_date();
    let root = site.root.to_str().unwrap();
    let run = run_with(
        &[("LANG", "zh_CN.UTF-8")],
        &["--lang", "en", "build", "--root", root],
    );
    assert!(run.stderr.starts_with(EN_DATE), "{}", run.stderr);
    let run = run_with(&[("LANG", "C")], &["build", "--root", root, "--lang=zh-CN"]);
    assert!(run.stderr.starts_with(ZH_DATE), "{}", run.stderr);
    let run = run_with(&[], &["--lang", "fr", "build"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("en, zh-CN"), "{}", run.stderr);
}

#[test]
fn a_good_build_says_what_it_built_in_chinese() {
    let site = util::Site::new();
    site.simple("content/a.md", "讲话", "2024-03-05");
    let root = site.root.to_str().unwrap();
    let run = run_with(&[("LANG", "zh_CN.UTF-8")], &["build", "--root", root]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("\n已把 1 篇讲话稿构建成 "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with(&format!(" 秒 → {}\n", site.out().display())),
        "{}",
        run.stderr
    );
    let run = run_with(&[("LANG", "zh_CN.UTF-8")], &["check", "--root", root]);
    assert!(run.stderr.ends_with("发现 1 个问题。\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains("警告: site.toml: 没有设置 base_url"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_is_in_the_language_asked_for() {
    let zh = run_with(&[("LANG", "zh_CN.UTF-8")], &["build", "--help"]);
    assert_eq!(zh.code, Some(0));
    assert!(
        zh.stdout.starts_with(
            "把 content/ 里的讲话稿构建成网站，写到 public/\n\n用法：lectern build [OPTIONS]\n"
        ),
        "{}",
        zh.stdout
    );
    assert!(zh.stdout.contains("\n选项:\n"), "{}", zh.stdout);
    assert!(
        zh.stdout
            .contains("  -h, --help                 显示帮助\n"),
        "{}",
        zh.stdout
    );
    assert!(
        zh.stdout
            .contains("--drafts               标了 draft = true 的讲话稿也发布\n"),
        "{}",
        zh.stdout
    );
    let en = run_with(&[("LANG", "C")], &["build", "--help"]);
    assert!(
        en.stdout.starts_with(
            "Build the site from content/ into public/\n\nUsage: lectern build [OPTIONS]\n"
        ),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout
            .contains("--drafts               Also publish speeches marked draft = true\n"),
        "{}",
        en.stdout
    );
    let top = run_with(&[("LANG", "zh_CN.UTF-8")], &["--lang", "en", "--help"]);
    assert!(
        top.stdout
            .starts_with("A static site generator for archives of Chinese speeches\n"),
        "{}",
        top.stdout
    );
}

#[test]
fn json_diagnostics_keep_their_field_names_in_chinese() {
    let site = site_with_a_bad_date();
    let root = site.root.to_str().unwrap();
    let run = run_with(
        &[("LANG", "zh_CN.UTF-8")],
        &["check", "--root", root, "--format", "json"],
    );
    let problems: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let first = &problems[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        ["column", "file", "help", "line", "message", "severity"]
    );
    assert_eq!(first["severity"], "error");
    assert_eq!(
        first["message"],
        "日期无法识别：\"2024-13-05\" 里的 13 月不存在"
    );
}

#[test]
fn import_reports_and_sums_up_in_chinese() {
    let site = util::Site::new();
    let input = site.input(
        "讲话.txt",
        "在全县工会工作会议上的讲话\n（2024年3月5日）\n张三\n同志们：\n今天我们召开会议，总结过去一年的工作。\n",
    );
    let root = site.root.to_str().unwrap();
    let input = input.to_str().unwrap();
    let run = run_with(
        &[("LANG", "zh_CN.UTF-8")],
        &["import", "--root", root, "--dry-run", input],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("✓ {input} → 将写入 content/2024-03-05-")),
        "{}",
        run.stdout
    );
    for line in [
        "    编码      UTF-8",
        "    日期      2024-03-05（取自标题下的说明行）",
        "    讲话人    张三",
        "    场合      全县工会工作会议",
        "    移出      “张三”（已移到前置元数据里）",
    ] {
        assert!(lines.contains(&line), "{line:?} in\n{}", run.stdout);
    }
    assert!(
        run.stdout.ends_with(
            "\n\n试运行：将导入 1 个文件到 content/。\n\
             识别出：日期 1/1（100%），讲话人 1/1（100%），职务 0/1（0%），场合 1/1（100%）。\n\
             什么也没有写入（--dry-run）。\n"
        ),
        "{}",
        run.stdout
    );

    // The same import in English, as before.
    let run = run_with(&[], &["import", "--root", root, "--dry-run", input]);
    assert!(run
        .stdout
        .contains("\n    date      2024-03-05 (from a header line)\n"));
    assert!(
        run.stdout.ends_with(
            "\n\nDry run: would import 1 file into content/.\n\
             Recognised: dates 1 of 1 (100%), speakers 1 of 1 (100%), roles 0 of 1 (0%), occasions 1 of 1 (100%).\n\
             Nothing was written (--dry-run).\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn import_refuses_in_chinese() {
    let site = util::Site::new();
    let input = site.input("讲话.pdf", "%PDF-1.4");
    let root = site.root.to_str().unwrap();
    let run = run_with(
        &[("LANG", "zh_CN.UTF-8")],
        &["import", "--root", root, input.to_str().unwrap()],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!(
            "✗ {}: lectern import 不能读取 .pdf 文件\n    提示      请用 Word 或 WPS 打开它，另存为 .docx（或 UTF-8 的 .txt），再导入\n",
            input.display()
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("\n已导入 0 个文件到 content/（1 个失败）。\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_warns_about_spellings_of_a_speaker_in_chinese() {
    let site = util::Site::new();
    for (file, speaker, date) in [
        ("a", "王 凯", "2014-01-01"),
        ("b", "王凯", "2015-01-01"),
        ("c", "王凯", "2016-01-01"),
    ] {
        site.speech(
            &format!("content/{file}.md"),
            &format!("title = \"{file}\"\ndate = \"{date}\"\nspeaker = \"{speaker}\""),
            "正文。",
        );
    }
    let root = site.root.to_str().unwrap();
    let run = run_with(&[("LANG", "zh_CN.UTF-8")], &["check", "--root", root]);
    assert!(
        run.stderr.contains(
            "警告: content/a.md:4:1: 讲话人 \"王 凯\" 和 content/b.md、content/c.md 里的 \"王凯\" \
             只是空格不同；它们算作同一位讲话人：王凯\n  \
             提示: 请在这里写 speaker = \"王凯\"，或者在 speakers.toml 里把 \"王 凯\" 列为 \"王凯\" \
             的别名（aliases），保留原来的写法\n"
        ),
        "{}",
        run.stderr
    );
}

/// `lectern serve` started in a Chinese locale answers in Chinese. The site
/// does not build yet, so a missing page gets the bare 404 (not the theme's).
#[test]
fn serve_answers_in_the_language_it_was_started_in() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::process::{Command, Stdio};

    let site = site_with_a_bad_date();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(util::lectern_path())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .args(["serve", "--root"])
        .arg(&site.root)
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start lectern serve");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let url = loop {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "serve ended");
        if let Some(at) = line.find("http://") {
            break line[at..].trim().to_string();
        }
    };
    assert!(line.starts_with("正在提供 "), "{line}");
    let authority = url["http://".len()..].trim_end_matches('/').to_string();
    let get = |method: &str, target: &str| {
        let mut stream = TcpStream::connect(&authority).unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        raw
    };
    let missing = get("GET", "/no/such/page/");
    let posted = get("POST", "/");
    let _ = child.kill();
    let _ = child.wait();
    assert!(missing.starts_with("HTTP/1.1 404 "), "{missing}");
    assert!(
        missing.contains("<h1>404</h1><p>这里（还）什么都没有。</p>"),
        "{missing}"
    );
    assert!(posted.starts_with("HTTP/1.1 405 "), "{posted}");
    assert!(
        posted.ends_with("\r\n\r\nlectern serve 只回答 GET 和 HEAD 请求\n"),
        "{posted}"
    );
}
