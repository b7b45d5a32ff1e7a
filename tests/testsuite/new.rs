//! `lectern new DIR` end to end: the scaffolded site builds as it is, its deploy
//! workflows use the Pages URL as base URL and keep the build cache, and a folder
//! that is not empty is refused.

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

fn lectern() -> Command {
    let mut cmd = Command::cargo_bin("lectern").expect("the lectern binary is built");
    cmd.timeout(Duration::from_secs(180));
    cmd
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&std::ffi::OsStr]) -> Run {
    let output = lectern().args(args).output().expect("lectern runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

#[track_caller]
fn expect(run: &Run, code: i32) {
    assert_eq!(
        run.code,
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        run.stdout,
        run.stderr
    );
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_new_site_builds_and_is_ready_to_deploy() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    let created = run(&[os("new"), root.as_os_str()]);
    expect(&created, 0);
    assert!(created.stdout.contains("site.toml"), "{}", created.stdout);

    // site.toml: the three default themes with their keywords, and comments.
    let site_toml = read(&root, "site.toml");
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

    let gitignore = read(&root, ".gitignore");
    assert!(gitignore.lines().any(|l| l == "public/"));
    assert!(gitignore.lines().any(|l| l == ".lectern-cache/"));

    // GitHub Pages: official actions, the Pages URL as base URL, the cache kept.
    let workflow = read(&root, ".github/workflows/deploy.yml");
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
    let gitlab = read(&root, ".gitlab-ci.yml.example");
    assert!(gitlab.contains("pages:") && gitlab.contains("$CI_PAGES_URL/"));
    assert!(gitlab.contains(".lectern-cache/"));

    // It builds as it is, also under a sub-path.
    let built = run(&[os("build"), os("--root"), root.as_os_str()]);
    expect(&built, 0);
    let index = read(&root, "public/index.html");
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
    expect(&built, 0);
    assert!(read(&sub, "index.html").contains("/archive/"));

    // Speeches can be imported into it.
    let inbox = tmp.path().join("讲话.txt");
    fs::write(
        &inbox,
        "在劳模表彰大会上的讲话\n（2015年5月1日）\n同志们：\n今天表彰劳模。\n",
    )
    .unwrap();
    expect(
        &run(&[
            os("import"),
            os("--root"),
            root.as_os_str(),
            inbox.as_os_str(),
        ]),
        0,
    );
    expect(&run(&[os("build"), os("--root"), root.as_os_str()]), 0);

    // Not again: the folder is no longer empty.
    let again = run(&[os("new"), root.as_os_str()]);
    expect(&again, 1);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
}

#[test]
fn only_empty_or_new_folders_are_used() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    expect(&run(&[os("new"), empty.as_os_str()]), 0);
    assert!(empty.join("site.toml").is_file());

    let busy = tmp.path().join("busy");
    fs::create_dir(&busy).unwrap();
    fs::write(busy.join("notes.txt"), "keep me").unwrap();
    let refused = run(&[os("new"), busy.as_os_str()]);
    expect(&refused, 1);
    assert!(
        refused.stderr.contains("busy"),
        "names the folder: {}",
        refused.stderr
    );
    assert_eq!(fs::read_dir(&busy).unwrap().count(), 1, "nothing was added");

    let file = tmp.path().join("file");
    fs::write(&file, "x").unwrap();
    expect(&run(&[os("new"), file.as_os_str()]), 1);

    let nested = tmp.path().join("a/b/c");
    expect(&run(&[os("new"), nested.as_os_str()]), 0);
    assert!(nested.join(".github/workflows/deploy.yml").is_file());

    // No folder given: a usage error.
    expect(&run(&[os("new")]), 2);
}
