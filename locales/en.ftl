# lectern's command line in English: help, progress, summaries, diagnostics
# and the preview's error page. Every message is also in zh-CN.ftl, with the
# same arguments (tests/i18n.rs checks). Site text is the theme's, not this.

## Help: cli-COMMAND for a command, cli-COMMAND-arg-ID for its arguments,
## cli-arg-ID for flags every command has.

cli-about = A static site generator for archives of Chinese speeches
cli-arg-quiet = Print only problems: no progress, no summary
cli-arg-verbose = Also print how long each stage of a build takes
cli-arg-lang = The language of messages and help, en or zh-CN, instead of the locale's (LC_ALL, LC_MESSAGES, LANG)
cli-arg-help = Print help
cli-arg-version = Print version
cli-build = Build the site from content/ into public/
cli-build-arg-root = The site folder, holding site.toml and content/
cli-build-arg-output = Where to write the site [default: public/ under the root]
cli-build-arg-base_url = The address the site is published at, replacing base_url from site.toml
cli-build-arg-drafts = Also publish speeches marked draft = true
cli-build-arg-cache = The build cache, which lets a build redo only what changed; safe to delete [default: .lectern-cache/ under the root]
cli-build-arg-offline = Write a copy that works opened from disk (file://), on a USB stick or a shared folder, search included: links relative to each page and naming index.html, and the search index also as scripts
cli-serve = Preview the site: build it in memory, serve it on 127.0.0.1, rebuild on every change and reload open pages
cli-serve-arg-root = The site folder, holding site.toml and content/
cli-serve-arg-bind = The address to listen on; anything but loopback makes the preview visible to other machines
cli-serve-arg-port = The port to try first; when it is taken, the next free one is used
cli-serve-arg-open = Open the site in a web browser
cli-serve-arg-drafts = Also show speeches marked draft = true
cli-search = Search the index of a built site, with the same meaning as the site's search page
cli-search-arg-root = The site folder, holding site.toml and content/
cli-search-arg-output = The built site [default: public/ under the root]
cli-search-arg-json = Print one JSON array of results in rank order
cli-search-arg-limit = Show at most this many results; 0 shows all
cli-search-arg-theme = Only speeches of this theme (its name or slug)
cli-search-arg-speaker = Only speeches by this speaker
cli-search-arg-year = Only speeches of this year
cli-search-arg-by_date = Sort by date, newest first, instead of by relevance
cli-search-arg-query = What to search for; words separated by spaces or punctuation must all occur
cli-check = Load and render everything without writing, check the links between pages, and report every problem
cli-check-arg-root = The site folder, holding site.toml and content/
cli-check-arg-base_url = The address the site is published at, replacing base_url from site.toml
cli-check-arg-format = How to print problems: text for people, json for CI annotations
cli-check-arg-drafts = Also check speeches marked draft = true
cli-import = Turn .txt, .md and .docx files (or folders of them) into speeches in content/
cli-import-arg-root = The site folder, holding site.toml and content/
cli-import-arg-into = The folder under the root to write speeches into [default: content]
cli-import-arg-dry_run = Report what would be imported, write nothing
cli-import-arg-force = Replace existing speech files of the same name
cli-import-arg-metadata = A spreadsheet saved as CSV or TSV (UTF-8 or GB18030) with a header row naming `file` (文件) and fields (标题, 日期, 讲话人…): its rows fill the fields of the files they name
cli-import-arg-paths = Files (.txt, .md, .docx) and folders of them
cli-new = Create a new site in an empty folder, ready to build and deploy
cli-new-arg-dir = The folder to create the site in; it must be empty or not exist yet
cli-completions = Print the completion script for a shell (bash, zsh, fish, powershell, elvish)
cli-completions-arg-shell = The shell to complete lectern's commands and options in
cli-man = Print lectern's manual page, or write a page per command into a folder
cli-man-arg-dir = Write lectern.1 and one page per command (lectern-build.1, …) into this folder instead of printing lectern.1
cli-help = Print this message or the help of the given subcommand(s)

## Diagnostics: the labels every problem is printed with.

label-error = error
label-warning = warning
label-help = help
# Between the values of a list ("a, b, c").
list-separator = {", "}
list-and-more = { $list } and { $more } more

## Summaries of the commands.

build-done = Built { $speeches } speeches into { $files } files{ $unchanged ->
        [0] {""}
       *[other] {" "}({ $unchanged } unchanged)
    } in { $seconds } s{ $drafts ->
        [0] {""}
        [one] , 1 draft left out (--drafts includes it)
       *[other] , { $drafts } drafts left out (--drafts includes them)
    } → { $output }
build-failed = Build failed with { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }; the output folder was not changed.
check-done = { $problems ->
        [0] No problems found.
       *[other] { $problems } problem(s) found.
    }
import-nothing-fix-site = Nothing was imported: fix site.toml first.
import-nothing-fix-sheet = Nothing was imported: fix the metadata sheet first, or import without --metadata.
new-created = Created a new site in { $dir }:
new-next =
    Next: cd { $dir } && lectern build, then add speeches with `lectern import FILES…`.
    To publish, push the folder to GitHub (.github/workflows/deploy.yml deploys it to GitHub Pages once Settings → Pages → Source is "GitHub Actions") or to GitLab (rename .gitlab-ci.yml.example to .gitlab-ci.yml).
man-cannot-write = cannot write the manual pages: { $error }
man-cannot-write-help = give a folder you can write to
cannot-write-output = cannot write the output: { $error }

## lectern search

search-nothing-to-search = the query { $query } has nothing to search for: only letters and digits are searched, and punctuation, symbols, spaces and invisible characters are left out
search-nothing-to-search-help = search for a word, a name or a number
search-no-index = there is no usable search index in { $folder }: { $why }
search-no-index-help = build the site first with `lectern build`
search-damaged = the search index is damaged: { $why }
search-damaged-help = rebuild the site with `lectern build`
search-no-results = No speech contains { $query }.
search-unknown-theme = there is no theme { $theme } in the search index
search-unknown-theme-none = the site has no themes (they are listed in site.toml)
search-unknown-theme-help = give one of { $known }, by slug or name
search-unknown-speaker = no speech in the search index is by { $speaker }
search-unknown-speaker-none = no speech names its speaker
search-unknown-speaker-help = give the name exactly as the speech pages show it: { $known } (the site's speakers page lists them all)
search-unknown-year = no speech in the search index is from { $year }
search-unknown-year-help = the years with speeches are { $known }

## Progress: the stages of a build, as the display and --verbose show them.

stage-reading-speeches = reading speeches
stage-finding-related = finding related speeches
stage-writing-search-index = writing the search index
stage-writing-data-download = writing the data download
stage-writing-pages = writing pages
stage-timing = { $stage }: { $seconds } s
progress-left-seconds = about { $n ->
        [one] 1 second
       *[other] { $n } seconds
    } left
progress-left-minutes = about { $n ->
        [one] 1 minute
       *[other] { $n } minutes
    } left
progress-left-hours = about { $n ->
        [one] 1 hour
       *[other] { $n } hours
    } left
progress-left-days = about { $n ->
        [one] 1 day
       *[other] { $n } days
    } left
