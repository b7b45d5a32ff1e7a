//! `lectern new DIR` end to end: the scaffolded site builds as it is, its deploy
//! workflows use the Pages URL as base URL and keep the build cache, and a folder
//! that is not empty is refused.

use std::ffi::OsStr;
use std::fs;

use crate::util::{lectern, read_text, Run};

fn run(args: &[&OsStr]) -> Run {
    Run::of(lectern().args(args))
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

#[test]
fn a_new_site_builds_and_is_ready_to_deploy() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    let created = run(&[os("new"), root.as_os_str()]);
    created.code(0);
    assert!(created.stdout.contains("site.toml"), "{}", created.stdout);

    // site.toml: the three default themes with their keywords, and comments.
    let site_toml = read_text(&root, "site.toml");
    let table: toml::Table = toml::from_str(&site_toml).expect("site.toml parses");
    let themes = table["themes"].as_array().unwrap();
    let names: Vec<&str> = themes.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["维权", "基层建设", "劳动竞赛"]);
    assert!(themes
        .iter()
        .all(|t| !t["keywords"].as_array().unwrap().is_empty()
            && !t["description"].as_str().unwrap().is_empty()));
    for key in ["title", "base_url", "language", "page_size", "allow_html"] {
        assert!(table.contains_key(key), "{key}");
    }
    assert!(
        site_toml.matches("\n# ").count() >= 10,
        "keys are explained"
    );

    // An example speech with sections.
    let content: Vec<_> = fs::read_dir(root.join("content")).unwrap().collect();
    assert_eq!(content.len(), 1);
    let example = fs::read_to_string(content[0].as_ref().unwrap().path()).unwrap();
    assert!(example.contains("\n## 一、"), "{example}");

    let gitignore = read_text(&root, ".gitignore");
    assert!(gitignore.lines().any(|l| l == "public/"));
    assert!(gitignore.lines().any(|l| l == ".lectern-cache/"));

    // GitHub Pages: official actions, the Pages URL as base URL, the cache kept.
    let workflow = read_text(&root, ".github/workflows/deploy.yml");
    for needle in [
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
        "actions/cache@",
        "path: .lectern-cache",
        "cargo install --locked --git",
        "lectern build --base-url \"${{ steps.pages.outputs.base_url }}/\"",
        "pages: write",
        "id-token: write",
    ] {
        assert!(workflow.contains(needle), "deploy.yml has {needle}");
    }
    assert!(!workflow.contains('\t'), "YAML has no tabs");
    // GitLab Pages example.
    let gitlab = read_text(&root, ".gitlab-ci.yml.example");
    assert!(gitlab.contains("pages:") && gitlab.contains("$CI_PAGES_URL/"));
    assert!(gitlab.contains(".lectern-cache/"));

    // It builds as it is, also under a sub-path.
    let built = run(&[os("build"), os("--root"), root.as_os_str()]);
    built.code(0);
    let index = read_text(&root, "public/index.html");
    assert!(index.contains("在全县工会工作会议上的讲话"));
    let sub = tmp.path().join("sub");
    let built = run(&[
        os("build"),
        os("--root"),
        root.as_os_str(),
        os("--output"),
        sub.as_os_str(),
        os("--base-url"),
        os("https://example.org/archive/"),
    ]);
    built.code(0);
    assert!(read_text(&sub, "index.html").contains("/archive/"));

    // Speeches can be imported into it.
    let inbox = tmp.path().join("讲话.txt");
    fs::write(
        &inbox,
        "在劳模表彰大会上的讲话\n（2015年5月1日）\n同志们：\n今天表彰劳模。\n",
    )
    .unwrap();
    run(&[
        os("import"),
        os("--root"),
        root.as_os_str(),
        inbox.as_os_str(),
    ])
    .code(0);
    run(&[os("build"), os("--root"), root.as_os_str()]).code(0);

    // Not again: the folder is no longer empty.
    let again = run(&[os("new"), root.as_os_str()]);
    again.code(1);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
}

#[test]
fn only_empty_or_new_folders_are_used() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    run(&[os("new"), empty.as_os_str()]).code(0);
    assert!(empty.join("site.toml").is_file());

    let busy = tmp.path().join("busy");
    fs::create_dir(&busy).unwrap();
    fs::write(busy.join("notes.txt"), "keep me").unwrap();
    let refused = run(&[os("new"), busy.as_os_str()]);
    refused.code(1);
    assert!(
        refused.stderr.contains("busy"),
        "names the folder: {}",
        refused.stderr
    );
    assert_eq!(fs::read_dir(&busy).unwrap().count(), 1, "nothing was added");

    let file = tmp.path().join("file");
    fs::write(&file, "x").unwrap();
    run(&[os("new"), file.as_os_str()]).code(1);

    let nested = tmp.path().join("a/b/c");
    run(&[os("new"), nested.as_os_str()]).code(0);
    assert!(nested.join(".github/workflows/deploy.yml").is_file());

    // No folder given: a usage error.
    run(&[os("new")]).code(2);
}
