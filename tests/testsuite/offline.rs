//! `lectern build --offline`: every link between pages is relative and names a
//! file, every search index file has its script, the copy is made by the same
//! build (warm equals cold), and online and offline builds of one output
//! folder never keep each other's files. tests/testsuite/browser.rs opens such a copy
//! from disk in Chromium.

use base64::Engine;

use crate::util::{assert_same_tree, attr_values, snapshot, text_files, Site};

fn archive() -> Site {
    let site =
        Site::with_config("title = \"测试档案\"\nbase_url = \"https://example.org/archive/\"\n");
    for i in 0..25 {
        site.simple(
            &format!("content/{}/s{i}.md", 2000 + i % 3),
            &format!("在第{i}次工会会议上的讲话"),
            &format!("{}-05-01", 2000 + i % 3),
        );
    }
    site.speech(
        "content/links.md",
        "title = \"引文\"\ndate = \"2003-01-01\"",
        "见[第一篇](/archive/speeches/s0/#同志们)和[另一篇](../s1/)，[外部](https://example.com/a/)。\n\n![图](/archive/logo.svg)",
    );
    site.file(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site
}

#[test]
fn every_link_of_an_offline_copy_is_relative_and_names_a_file() {
    let site = archive();
    let out = site.base.join("offline");
    let run = site.build(&["--offline", "--output", out.to_str().unwrap()]);
    run.success();
    // A copy read from disk has no feed readers: no base URL warning.
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);

    let files = text_files(&out);
    let mut checked = 0;
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        for name in ["href", "src", "action"] {
            for link in attr_values(text, name) {
                // Anchors, and addresses elsewhere (https:, data: downloads).
                let scheme = link.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
                if link.starts_with('#') || scheme {
                    continue;
                }
                assert!(
                    !link.starts_with('/'),
                    "{path}: {name}={link:?} is root-relative"
                );
                let target = link.split(['#', '?']).next().unwrap();
                assert!(!target.ends_with('/'), "{path}: {link:?} names a folder");
                // It leads to a file of the copy.
                let mut parts: Vec<&str> = path.split('/').collect();
                parts.pop();
                for part in target.split('/') {
                    match part {
                        ".." => assert!(parts.pop().is_some(), "{path}: {link:?} leaves the copy"),
                        part => parts.push(part),
                    }
                }
                let file = parts.join("/");
                assert!(
                    out.join(&file).is_file(),
                    "{path}: {link:?} → {file} is missing"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "{checked} links checked");
    // The speech's own links, made relative.
    let links = &files["speeches/links/index.html"];
    assert!(
        links.contains(r#"href="../../speeches/s0/index.html#%E5%90%8C%E5%BF%97%E4%BB%AC""#),
        "{links}"
    );
    assert!(links.contains(r#"href="../s1/index.html""#), "{links}");
    assert!(links.contains(r#"src="../../logo.svg""#), "{links}");
    assert!(
        links.contains(r#"href="https://example.com/a/""#),
        "{links}"
    );
    // The canonical address stays the published one.
    assert!(links
        .contains(r#"<link rel="canonical" href="https://example.org/archive/speeches/links/">"#));

    // Every index file has its script, which holds its bytes.
    let all = snapshot(&out);
    let index: Vec<&String> = all
        .keys()
        .filter(|p| p.starts_with("search/") && !p.ends_with(".js") && !p.ends_with(".html"))
        .collect();
    assert!(index.len() >= 7, "{index:?}");
    for path in index {
        let script = String::from_utf8(all[&format!("{path}.js")].clone()).unwrap();
        let prefix =
            format!("(self.lecternSearchFiles=self.lecternSearchFiles||{{}})[\"{path}\"]=\"");
        let data = script
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix("\";\n"))
            .unwrap_or_else(|| panic!("{path}.js: {script}"));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        assert_eq!(bytes, all[path], "{path}.js holds {path}");
    }
}

#[test]
fn offline_and_online_builds_of_one_folder_keep_nothing_of_each_other() {
    let site = archive();
    let out = site.base.join("out");
    let out_arg = out.to_str().unwrap();
    let fresh = |name: &str, offline: bool| {
        let dir = site.base.join(name);
        let mut args = vec!["--output", dir.to_str().unwrap()];
        if offline {
            args.push("--offline");
        }
        site.build(&args).success();
        snapshot(&dir)
    };
    let online = fresh("fresh-online", false);
    let offline = fresh("fresh-offline", true);
    assert_ne!(online, offline);

    site.build(&["--output", out_arg]).success();
    site.build(&["--offline", "--output", out_arg]).success();
    assert_same_tree(
        &snapshot(&out),
        &offline,
        "an offline build after an online one",
    );
    let warm = site.build(&["--offline", "--output", out_arg]);
    warm.success();
    assert!(warm.stderr.contains("unchanged"), "{}", warm.stderr);
    assert_same_tree(&snapshot(&out), &offline, "a warm offline build");
    site.build(&["--output", out_arg]).success();
    assert_same_tree(
        &snapshot(&out),
        &online,
        "an online build after an offline one",
    );
}
