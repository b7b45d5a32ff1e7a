//! `lectern new DIR`: a new site that builds as it is, with the default themes,
//! an example speech, and ready deploy workflows for GitHub Pages and GitLab Pages.

use crate::t;
use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{default_themes, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
use crate::import::write::toml_string;

/// The example speech, relative to the site root.
pub const EXAMPLE_SPEECH: &str = "content/2024-04-26-quan-xian-gong-hui-gong-zuo.md";

/// Creates a site in `dir`, which must be empty or not exist yet. Returns the
/// files written, relative to `dir`. On failure nothing is left behind.
pub fn new_site(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let existed = dir.exists();
    if existed {
        if !dir.is_dir() {
            return Err(Diagnostic::error(t!("new-is-a-file"))
                .in_file(dir)
                .help(t!("new-is-a-file-help")));
        }
        let mut entries = fs::read_dir(dir)
            .map_err(|e| Diagnostic::error(t!("new-cannot-read", error = e)).in_file(dir))?;
        if entries.next().is_some() {
            return Err(Diagnostic::error(t!("new-not-empty"))
                .in_file(dir)
                .help(t!("new-not-empty-help")));
        }
    }
    let files = files();
    let written = write_all(dir, &files);
    if let Err(e) = written {
        // Leave nothing half-made: remove what was created.
        if existed {
            for (rel, _) in &files {
                let _ = fs::remove_file(dir.join(rel));
            }
            for sub in [".github/workflows", ".github", "content"] {
                let _ = fs::remove_dir(dir.join(sub));
            }
        } else {
            let _ = fs::remove_dir_all(dir);
        }
        return Err(Diagnostic::error(t!("new-cannot-create", error = e))
            .in_file(dir)
            .help(t!("new-cannot-create-help")));
    }
    Ok(files
        .into_iter()
        .map(|(rel, _)| PathBuf::from(rel))
        .collect())
}

fn write_all(dir: &Path, files: &[(&str, String)]) -> std::io::Result<()> {
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, text)?;
    }
    Ok(())
}

/// Every file of a new site, by path relative to the site root.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        (CONFIG_FILE, site_toml()),
        (EXAMPLE_SPEECH, EXAMPLE.to_string()),
        (".gitignore", GITIGNORE.to_string()),
        (".github/workflows/deploy.yml", github_workflow()),
        (".gitlab-ci.yml.example", gitlab_ci()),
    ]
}

/// `site.toml` with every key, its default, and what it does. The themes are the
/// built-in defaults, so the file stays in step with them.
pub fn site_toml() -> String {
    let mut out = String::from(SITE_TOML_HEAD);
    for theme in default_themes() {
        let keywords: Vec<String> = theme.keywords.iter().map(|k| toml_string(k)).collect();
        out.push_str(&format!(
            "\n[[themes]]\nname = {}\nslug = {}\ndescription = {}\nkeywords = [{}]\n",
            toml_string(&theme.name),
            toml_string(&theme.slug),
            toml_string(&theme.description),
            keywords.join(", ")
        ));
    }
    out
}

const SITE_TOML_HEAD: &str = r#"# site.toml: the settings of a lectern site. Every key is optional; a key left
# out takes the value shown here.

# The archive's name, shown at the top of every page and in the feed.
title = "讲话稿档案"

# One sentence about the archive, for the home page and search engines.
description = "领导讲话稿的整理与检索。"

# The address the site is published at. Links and assets use its path, so a site
# under a sub-path works: base_url = "https://example.org/archive/".
# `lectern build --base-url URL` overrides it; the deploy workflows do that.
# A path alone ("/") does for a preview, but the feeds and the sitemap need the
# full address: `lectern build` and `lectern check` warn until they have it.
base_url = "/"

# The language of the pages (dates, labels): "zh-CN" or "en".
language = "zh-CN"

# The theme that renders the pages. To change one page, copy its template into
# templates/ at the site root and edit the copy.
theme = "default"

# How many speeches a list page shows.
page_size = 20

# HTML written inside speeches is shown as text unless this is true. Keep it
# false for text copied from web pages or Word.
allow_html = false

# The full-text search page and its index (search/).
search = true

# The data download for researchers (data/): every speech's metadata and text
# as JSON Lines and CSV, and each speech as plain text; linked from the home page.
data = true

# Themes (专题) speeches are filed under, with `themes = ["维权"]` in a speech's
# front matter.
#   name:        shown on pages, and used in front matter
#   slug:        the theme's address: /themes/weiquan/ (ASCII letters, digits, -)
#   description: shown on the theme's page
#   keywords:    `lectern import` files a speech under the theme when it uses them
# A site can have up to 32 themes.
"#;

const EXAMPLE: &str = r#"+++
title = "在全县工会工作会议上的讲话"
date = "2024-04-26"
speaker = "王建国"
role = "县总工会主席"
occasion = "全县工会工作会议"
place = "县委党校礼堂"
themes = ["维权", "基层建设", "劳动竞赛"]
tags = ["工作会议"]
# An example speech: replace it with your own, or bring a folder of documents in
# with `lectern import 文件夹/`.
+++

同志们：

今天召开全县工会工作会议，主要任务是总结去年工作，部署今年任务。下面，我讲三点意见。

## 一、坚持服务大局，在推动发展中建功立业

过去一年，全县各级工会围绕县委、县政府中心工作，广泛开展劳动竞赛和技能比武，组织职工参加岗位练兵一万余人次，涌现出一批劳模和工匠。今年要继续把劳动竞赛开展到重点项目和生产一线，让更多职工在竞赛中成长成才。

## 二、坚持维护职工权益，着力构建和谐劳动关系

维护职工合法权益是工会的基本职责。要推动企业普遍签订劳动合同和集体合同，健全欠薪预警和劳动争议调解机制，做好困难职工帮扶工作，让职工群众切实感受到工会组织的温暖。

## 三、坚持固本强基，切实加强基层组织建设

基层是工会工作的根基。要扩大新就业形态劳动者入会覆盖面，推进基层工会规范化建设，加强职工之家阵地建设，配强配好基层工会干部，不断增强基层工会的凝聚力和战斗力。

同志们，新的一年任务艰巨、使命光荣。让我们团结一心、真抓实干，奋力开创全县工会工作新局面！

谢谢大家！
"#;

const GITIGNORE: &str = "# The built site and lectern's build cache are made again from content/.\npublic/\n.lectern-cache/\n";

/// Where the deploy workflows get lectern: this build's own repository and
/// version, from its Cargo.toml.
pub const LECTERN_REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
pub const LECTERN_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The GitHub Pages workflow, as `lectern new` writes it.
pub fn github_workflow() -> String {
    fill(GITHUB_WORKFLOW, "          ")
}

/// The GitLab Pages example, as `lectern new` writes it.
pub fn gitlab_ci() -> String {
    fill(GITLAB_CI, "        ")
}

/// Puts lectern's repository and version, and the install script indented for
/// its YAML block, into a workflow template.
fn fill(template: &str, indent: &str) -> String {
    let script: String = INSTALL_SCRIPT
        .lines()
        .map(|line| match line {
            "" => "\n".to_string(),
            line => format!("{indent}{line}\n"),
        })
        .collect();
    let repository = LECTERN_REPOSITORY.trim_end_matches('/');
    template
        .replace("@LECTERN_REPOSITORY@", repository.trim_end_matches(".git"))
        .replace("@LECTERN_VERSION@", LECTERN_VERSION)
        .replace("@INSTALL@\n", &script)
}

/// Installs lectern `$LECTERN_VERSION` from `$LECTERN_REPOSITORY`: the release
/// binary, checked against its published SHA-256, in seconds; where there is
/// none (another platform, a fork without releases), a build from the source
/// of that version's tag. One script for both CI systems.
const INSTALL_SCRIPT: &str = r#"set -e
case "$(uname -m)" in
  x86_64) target=x86_64-unknown-linux-musl ;;
  aarch64 | arm64) target=aarch64-unknown-linux-musl ;;
  *) target="" ;;
esac
bin="${CARGO_HOME:-$HOME/.cargo}/bin"
name="lectern-v$LECTERN_VERSION-$target"
url="$LECTERN_REPOSITORY/releases/download/v$LECTERN_VERSION/$name.tar.gz"
tmp="$(mktemp -d)"
if [ -n "$target" ] && curl -fsSL --retry 3 -o "$tmp/$name.tar.gz" "$url"; then
  # A binary whose checksum does not match is never used.
  curl -fsSL --retry 3 -o "$tmp/$name.tar.gz.sha256" "$url.sha256"
  (cd "$tmp" && sha256sum -c "$name.tar.gz.sha256")
  tar -xzf "$tmp/$name.tar.gz" -C "$tmp"
  mkdir -p "$bin"
  install -m 755 "$tmp/$name/lectern" "$bin/lectern"
elif git ls-remote --exit-code --tags "$LECTERN_REPOSITORY" "v$LECTERN_VERSION" >/dev/null; then
  echo "No release binary at $url: building lectern $LECTERN_VERSION from its source (minutes, once: the binary is cached)"
  cargo install --locked --git "$LECTERN_REPOSITORY" --tag "v$LECTERN_VERSION" lectern
else
  echo "$LECTERN_REPOSITORY has no tag v$LECTERN_VERSION: building lectern from its latest source (minutes, once: the binary is cached)"
  cargo install --locked --git "$LECTERN_REPOSITORY" lectern
fi
"$bin/lectern" --version
"#;

const GITHUB_WORKFLOW: &str = r#"# Builds the site with lectern and publishes it on GitHub Pages at every push to
# the repository's default branch (main, master or any other name), and when
# started by hand from the Actions tab.
#
# One-time setup: on GitHub, open the repository's Settings → Pages and set
# "Source" to "GitHub Actions".
name: Deploy to GitHub Pages

on:
  push:
    branches: ['**']
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits for the running one.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  # Where lectern comes from: its release binaries (or, failing those, its
  # source) at this version. To move to a newer lectern, change the version.
  LECTERN_REPOSITORY: @LECTERN_REPOSITORY@
  LECTERN_VERSION: @LECTERN_VERSION@

jobs:
  build:
    # Only the default branch deploys: runs for pushes to other branches are skipped.
    if: github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4

      # Gives the address the site will have, e.g. https://you.github.io/archive
      - id: pages
        uses: actions/configure-pages@v5

      # The binary is kept until the version changes.
      - name: Restore lectern
        id: lectern-bin
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/lectern
          key: lectern-bin-${{ runner.os }}-${{ runner.arch }}-${{ env.LECTERN_VERSION }}
      - name: Install lectern
        if: steps.lectern-bin.outputs.cache-hit != 'true'
        run: |
@INSTALL@

      # lectern's build cache: unchanged speeches are not processed again.
      - name: Restore the build cache
        uses: actions/cache@v4
        with:
          path: .lectern-cache
          key: lectern-cache-${{ github.sha }}
          restore-keys: lectern-cache-

      # The base URL is the Pages address: project pages live under a sub-path
      # (/archive/), and the feeds and the sitemap need the full address.
      - name: Build
        run: lectern build --base-url "${{ steps.pages.outputs.base_url }}/"

      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;

const GITLAB_CI: &str = r#"# GitLab Pages: rename this file to .gitlab-ci.yml to build the site with lectern
# and publish it at every push to the default branch, whatever its name. GitLab
# publishes the public/ folder of the `pages` job, which is where lectern builds.
image: rust:1

variables:
  # Where lectern comes from: its release binaries (or, failing those, its
  # source) at this version. To move to a newer lectern, change the version.
  LECTERN_REPOSITORY: @LECTERN_REPOSITORY@
  LECTERN_VERSION: @LECTERN_VERSION@
  CARGO_HOME: $CI_PROJECT_DIR/.cargo

pages:
  stage: deploy
  # The lectern binary, until the version changes, and the build cache.
  cache:
    - key: lectern-bin-$LECTERN_VERSION
      paths:
        - .cargo/bin/lectern
    - key: lectern-cache
      paths:
        - .lectern-cache/
  script:
    - export PATH="$CARGO_HOME/bin:$PATH"
    - |
      if ! [ -x "$CARGO_HOME/bin/lectern" ]; then
@INSTALL@
      fi
    # $CI_PAGES_URL is the site's address, with its sub-path (/archive).
    - lectern build --base-url "$CI_PAGES_URL/"
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_toml_parses_with_the_default_themes() {
        let site = crate::config::Site::parse(&site_toml(), Path::new("site.toml")).unwrap();
        assert_eq!(site.themes, default_themes());
        assert_eq!(site.base_url, "/");
    }
}
