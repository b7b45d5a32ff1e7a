//! The command line in both languages: the catalogues (locales/en.ftl and
//! locales/zh-CN.ftl) hold the same messages with the same arguments, every
//! key the code asks for is there and none is left unused; and lectern speaks
//! Chinese when the locale or `--lang` says so, English otherwise.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

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
