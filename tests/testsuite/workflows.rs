//! The CI files: lectern's own release workflow and the deploy workflows that
//! `lectern new` writes pass `@action-validator/cli` (the workflow schema), name
//! no placeholder, and install lectern as they say: the release binary checked
//! against its SHA-256, or a build from the source of the pinned tag.
//!
//! The validator comes from `npm ci`. When it is missing the validator tests
//! print a notice and pass, unless `CI` or `LECTERN_REQUIRE_BROWSER` is set.
//! The release itself (GitHub's runners, the upload) cannot run here.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use serde_norway::Value;

use crate::util::{lectern, lectern_path, repo, skip};

const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The targets the release builds; the deploy workflows download the Linux ones.
const RELEASE_TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

/// Runs the validator on `file`; `None` (after a notice) where it is not installed.
fn validate(file: &Path) -> Option<(bool, String)> {
    let validator = repo().join("node_modules/.bin/action-validator");
    if !validator.is_file() {
        skip(
            "the workflow validator",
            "action-validator is not installed (run `npm ci`)",
        );
        return None;
    }
    let out = Process::new(validator)
        .arg(file)
        .output()
        .expect("run action-validator");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some((out.status.success(), text))
}

/// A new site made by the lectern binary, as a user would.
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    lectern().arg("new").arg(&root).assert().success();
    (tmp, root)
}

fn yaml(path: &Path) -> Value {
    serde_norway::from_str(&fs::read_to_string(path).unwrap()).expect("the YAML parses")
}

/// The `run` of the step with this name in the job.
fn step_run<'a>(workflow: &'a Value, job: &str, step: &str) -> &'a str {
    workflow["jobs"][job]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str() == Some(step))
        .unwrap_or_else(|| panic!("no step {step:?}"))["run"]
        .as_str()
        .unwrap()
}

#[test]
fn the_release_workflow_passes_the_validator_and_builds_every_platform() {
    let path = repo().join(".github/workflows/release.yml");
    if let Some((ok, text)) = validate(&path) {
        assert!(ok, "release.yml: {text}");
    }
    let release = yaml(&path);
    assert_eq!(
        release["on"]["push"]["tags"].as_sequence().unwrap(),
        &[Value::from("v*")]
    );
    let targets: Vec<&str> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|entry| entry["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, RELEASE_TARGETS);
    // Archives named as the deploy workflows download them, with checksums.
    let package = step_run(&release, "build", "Package");
    assert!(package.contains(r#"name="lectern-${GITHUB_REF_NAME}-${{ matrix.target }}""#));
    assert!(package.contains(r#"archive="$name.tar.gz""#));
    assert!(package.contains(r#"sha256sum "$archive" > "$archive.sha256""#));
    let upload = step_run(&release, "publish", "Upload");
    assert!(upload.contains(r#"gh release upload "$GITHUB_REF_NAME" dist/*"#));
}

#[test]
fn the_deploy_workflow_lectern_new_writes_passes_the_validator_with_nothing_to_fill_in() {
    let (_tmp, root) = new_site();
    let path = root.join(".github/workflows/deploy.yml");
    if let Some((ok, text)) = validate(&path) {
        assert!(ok, "deploy.yml: {text}");
    }
    let text = fs::read_to_string(&path).unwrap();
    for placeholder in ["OWNER", "@LECTERN", "REPLACE", "TODO", "example.org"] {
        assert!(
            !text.contains(placeholder),
            "deploy.yml has {placeholder:?}"
        );
    }
    let workflow = yaml(&path);
    // lectern's source and version are this build's own.
    assert!(
        REPOSITORY.starts_with("https://github.com/"),
        "{REPOSITORY}"
    );
    assert_eq!(
        workflow["env"]["LECTERN_REPOSITORY"].as_str(),
        Some(REPOSITORY)
    );
    assert_eq!(workflow["env"]["LECTERN_VERSION"].as_str(), Some(VERSION));
    // The default branch deploys, whatever its name.
    assert_eq!(
        workflow["jobs"]["build"]["if"].as_str(),
        Some("github.ref_name == github.event.repository.default_branch")
    );
    assert!(!text.contains("branches: [main]"));
    // The base URL is the Pages address.
    assert_eq!(
        step_run(&workflow, "build", "Build"),
        r#"lectern build --base-url "${{ steps.pages.outputs.base_url }}/""#
    );
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let restore = steps
        .iter()
        .find(|s| s["name"].as_str() == Some("Restore lectern"))
        .unwrap();
    assert_eq!(
        restore["with"]["key"].as_str(),
        Some("lectern-bin-${{ runner.os }}-${{ runner.arch }}-${{ env.LECTERN_VERSION }}")
    );
}

#[test]
fn the_gitlab_example_installs_and_deploys_the_same_way() {
    let (_tmp, root) = new_site();
    let github = yaml(&root.join(".github/workflows/deploy.yml"));
    let install = step_run(&github, "build", "Install lectern");
    let gitlab = yaml(&root.join(".gitlab-ci.yml.example"));
    assert_eq!(
        gitlab["variables"]["LECTERN_REPOSITORY"].as_str(),
        Some(REPOSITORY)
    );
    assert_eq!(
        gitlab["variables"]["LECTERN_VERSION"].as_str(),
        Some(VERSION)
    );
    let script: Vec<&str> = gitlab["pages"]["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|line| line.as_str().unwrap())
        .collect();
    // The same install script, run unless the cached binary is there.
    let guarded = script[1];
    let inner: String = guarded
        .lines()
        .skip(1)
        .take_while(|line| *line != "fi")
        .map(|line| format!("{}\n", line.strip_prefix("  ").unwrap_or(line)))
        .collect();
    assert!(guarded.starts_with("if ! [ -x \"$CARGO_HOME/bin/lectern\" ]; then\n"));
    assert_eq!(inner, install);
    assert_eq!(script[2], r#"lectern build --base-url "$CI_PAGES_URL/""#);
    assert_eq!(
        gitlab["pages"]["rules"][0]["if"].as_str(),
        Some("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    );
    assert_eq!(
        gitlab["pages"]["artifacts"]["paths"][0].as_str(),
        Some("public")
    );
}

/// Runs the deploy workflow's install step with bash, as the runner does, with
/// lectern's repository at `repository` and `PATH` starting with `path`.
fn run_install(script: &str, home: &Path, repository: &str, path: &Path) -> (bool, String) {
    fs::create_dir_all(home).unwrap();
    let out = Process::new("bash")
        .args(["--noprofile", "--norc", "-e", "-c", script])
        .env("HOME", home)
        .env("CARGO_HOME", home.join(".cargo"))
        .env("LECTERN_REPOSITORY", repository)
        .env("LECTERN_VERSION", VERSION)
        .env(
            "PATH",
            format!("{}:{}", path.display(), std::env::var("PATH").unwrap()),
        )
        .output()
        .expect("run bash");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn sh(dir: &Path, command: &str) {
    let status = Process::new("sh")
        .args(["-c", command])
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "{command}");
}

#[test]
fn the_install_step_uses_the_release_binary_only_when_its_checksum_matches() {
    if Process::new("uname").arg("-m").output().unwrap().stdout != b"x86_64\n" {
        eprintln!("NOTICE: the release download is tested on x86_64 only");
        return;
    }
    let (tmp, root) = new_site();
    let install = step_run(
        &yaml(&root.join(".github/workflows/deploy.yml")),
        "build",
        "Install lectern",
    )
    .to_string();
    // A release as release.yml makes it, with this lectern binary in it, served
    // from a file:// address (curl reads those like https://).
    let releases = tmp.path().join("lectern");
    let download = releases.join(format!("releases/download/v{VERSION}"));
    let name = format!("lectern-v{VERSION}-x86_64-unknown-linux-musl");
    fs::create_dir_all(download.join(&name)).unwrap();
    fs::copy(lectern_path(), download.join(&name).join("lectern")).unwrap();
    sh(&download, &format!("tar -czf {name}.tar.gz {name} && sha256sum {name}.tar.gz > {name}.tar.gz.sha256 && rm -r {name}"));
    let repository = format!("file://{}", releases.display());
    let no_cargo = tmp.path().join("no-cargo");
    fs::create_dir_all(&no_cargo).unwrap();
    // Were it to build from source instead, this cargo would fail the step.
    fs::write(
        no_cargo.join("cargo"),
        "#!/bin/sh\necho 'cargo was run' >&2\nexit 1\n",
    )
    .unwrap();
    sh(&no_cargo, "chmod +x cargo");

    let home = tmp.path().join("home");
    let (ok, text) = run_install(&install, &home, &repository, &no_cargo);
    assert!(ok, "{text}");
    assert!(text.contains(&format!("lectern {VERSION}")), "{text}");
    let installed = home.join(".cargo/bin/lectern");
    assert_eq!(
        fs::read(&installed).unwrap(),
        fs::read(lectern_path()).unwrap()
    );

    // A checksum that does not match stops the step, and nothing is installed.
    let sums = download.join(format!("{name}.tar.gz.sha256"));
    fs::write(&sums, format!("{}  {name}.tar.gz\n", "0".repeat(64))).unwrap();
    let home = tmp.path().join("home-2");
    let (ok, text) = run_install(&install, &home, &repository, &no_cargo);
    assert!(!ok, "{text}");
    assert!(text.contains("FAILED"), "{text}");
    assert!(!text.contains("cargo was run"), "{text}");
    assert!(!home.join(".cargo/bin/lectern").exists());
}

#[test]
fn without_a_release_binary_the_install_step_builds_the_pinned_tag() {
    let (tmp, root) = new_site();
    let install = step_run(
        &yaml(&root.join(".github/workflows/deploy.yml")),
        "build",
        "Install lectern",
    )
    .to_string();
    // lectern's repository with no releases: a Git repository, tagged or not.
    let source = tmp.path().join("source");
    fs::create_dir_all(&source).unwrap();
    sh(
        &source,
        "git init -q && git -c user.name=t -c user.email=t@t commit -q --allow-empty -m one",
    );
    let repository = format!("file://{}", source.display());
    // A cargo that notes what it was asked and "installs" a lectern.
    let bin = tmp.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    fs::write(
        bin.join("cargo"),
        "#!/bin/sh\necho \"$@\" > \"$HOME/cargo-args\"\nmkdir -p \"$CARGO_HOME/bin\"\nprintf '#!/bin/sh\\necho lectern built\\n' > \"$CARGO_HOME/bin/lectern\"\nchmod +x \"$CARGO_HOME/bin/lectern\"\n",
    )
    .unwrap();
    sh(&bin, "chmod +x cargo");

    let home = tmp.path().join("home");
    let (ok, text) = run_install(&install, &home, &repository, &bin);
    assert!(ok, "{text}");
    assert!(text.contains(&format!("has no tag v{VERSION}")), "{text}");
    assert_eq!(
        fs::read_to_string(home.join("cargo-args")).unwrap(),
        format!("install --locked --git {repository} lectern\n")
    );

    sh(&source, &format!("git tag v{VERSION}"));
    let home = tmp.path().join("home-2");
    let (ok, text) = run_install(&install, &home, &repository, &bin);
    assert!(ok, "{text}");
    assert!(text.contains("No release binary at"), "{text}");
    assert_eq!(
        fs::read_to_string(home.join("cargo-args")).unwrap(),
        format!("install --locked --git {repository} --tag v{VERSION} lectern\n")
    );
    assert!(text.contains("\nlectern built\n"), "{text}");
}
