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

## Front matter (load/front_matter.rs)

value-text = text
value-bool = true/false
value-list = a list
value-table = a table
value-decimal = a decimal number
fm-never-closed = the front matter opened with `{ $delimiter }` is never closed
fm-never-closed-help = add a line with only the same delimiter after the last field
fm-missing = the file does not start with front matter
fm-missing-help = start the file with a line `+++`, then `title = "…"` and `date = "YYYY-MM-DD"`, then a closing `+++` line
fm-too-deep = the front matter nests lists or tables more than { $depth } deep
fm-toml-help = TOML front matter looks like `title = "…"`; quote text values, and write lists as ["a", "b"]
fm-yaml-help = YAML front matter looks like `title: …`; write lists as [a, b] or as `- item` lines
# The TOML or YAML reader's own words (in English), as they come.
fm-syntax = { $detail }
fm-name-not-text = field name { $name } is not text
fm-not-a-mapping = front matter must be a list of `field: value` lines

## Reading content/ (load/)

cannot-read = cannot read it: { $error }
load-no-content = there is no content/ folder
load-no-content-help = create content/ and put one Markdown file per speech in it
load-not-markdown = this file is not Markdown, so it is not published
load-not-markdown-help = turn it into a speech with `lectern import`
load-other-file = only Markdown speeches are read from content/; this file is not published
load-other-file-help = put images and other files in static/ and link to them from there
load-link-loop = this link points back to a folder that contains it; it was not followed
load-link-broken = this link leads nowhere, or round in a circle; it was not followed
load-link-broken-help = remove the link, or copy the speech into content/ instead
load-unreadable-folder = cannot read it, so its speeches would be missing: { $reason }
load-unreadable-folder-help = give lectern permission to read it (for example `chmod -R u+rX` on it), or move it out of content/
load-link-outside = this link points outside content/ (or nowhere), so it is not followed
load-link-outside-help = copy the speech into content/ instead of linking to it
load-binary = this is not a text file: its bytes are binary data, not a speech
load-binary-help = a speech is a Markdown text file; move this file out of content/, or import the document it should be with `lectern import`
load-not-utf8 = the file is not UTF-8 text; it looks like { $encoding }
load-not-utf8-help = convert it with `lectern import { $path }`, or save it as UTF-8 in your editor
load-controls-removed = removed { $count ->
        [one] 1 control character
       *[other] { $count } control characters
    } that cannot appear in a web page: { $places }
load-controls-removed-help = they are invisible leftovers of copying from Word or another program; save the file without them to silence this
control-at-line = { $code } at line { $line }
control-more = { $more } more
# $what and $other are "speech" or "page".
field-of-other-kind = `{ $name }` is a field of a { $other }, and this file is a { $what }
field-of-other-kind-help = remove it, or make the file a { $other } with kind = "{ $other }" (files in content/{ $folder }/ are pages unless they say kind = "speech")
field-unknown = unknown field `{ $name }`
field-unknown-help = the fields of a { $what } are { $known }; put other data under [extra]
field-not-text = `{ $name }` must be text, not { $kind }
field-not-text-help = write it in quotes: { $name } = "…"
field-missing = the speech has no { $name }
field-missing-help = add a line `{ $name } = { $example }` to the front matter
field-list-item-not-text = `{ $name }` lists { $kind }, but only text is allowed
field-not-list = `{ $name }` must be a list of text, not { $kind }
field-list-help = write it as { $name } = ["…", "…"]
field-not-bool = `{ $name }` must be true or false, not { $kind }
field-not-bool-help = write { $name } = true or { $name } = false, without quotes
draft-undated = a draft to finish: it has no date, so it is not published
draft-undated-help = add `date = "YYYY-MM-DD"` (or 2014年4月28日, 2014年4月, 2014年) and remove `draft = true` to publish it
date-invalid = the date is not valid: { $why }
date-invalid-help = write the date as "YYYY-MM-DD" or "2014年4月28日", or "YYYY-MM" / "2014年4月" or "YYYY" / "2014年" when only that is known
theme-unknown = unknown theme { $theme }
theme-unknown-help = the themes in site.toml are { $known }; use one of them or add it to site.toml
slug-not-url-safe = slug { $slug } is not URL-safe
slug-not-url-safe-help = use ASCII letters, digits and hyphens only, with no `/` or `..`, e.g. "2014-04-28-gonghui"
slug-too-long = slug is { $length } characters long; a URL segment may have at most { $most }
slug-too-long-help = shorten it: a few words are enough, e.g. "2014-04-28-gonghui"
dropped-heading-id = the heading id { $id }
dropped-heading-class = the heading class { $class }
dropped-heading-attribute = the heading attribute `{ $name }`
heading-attribute-dropped = { $what } was left out of the page: headings take only an id and classes
heading-attribute-dropped-help = write headings as `## 标题` or `## 标题 {"{"}#short-id .class{"}"}`, with letters, digits, - and _
# $what is "speech" or "page".
url-taken = this { $what } has the same URL { $url } as { $others }
url-taken-help = give one of them another file name, or a different `slug` in its front matter

## Dates (speech.rs)

# $part is year, month or day.
date-part-not-a-number = { $part } { $value } is not a number
date-not-a-date = { $text } is not a date
date-year-digits = the year in { $text } must have four digits
date-no-such-month = month { $month } in { $text } does not exist
date-no-such-day = { $date } does not exist
date-not-a-chinese-date = { $text } is not a date: write it as 2014年4月28日 or 2014-04-28
page-kind-invalid = `kind` is { $shown }; it must be "speech" or "page"
page-kind-invalid-help = write kind = "page" for a page that is not a speech (关于本站, 凡例), or leave it out for a speech
page-menu-invalid = `menu` is { $name }; it must be one of { $known }
page-menu-invalid-help = menu = "nav" links the page from the main navigation, "footer" (the default) from the footer, "none" from nowhere
page-weight-invalid = `weight` is { $text }, not a whole number
page-weight-invalid-help = write weight = 1, 2, …: pages are linked in ascending weight, then by title

## speakers.toml (load/registry.rs)

# The TOML reader's own words (in English), as they come.
toml-syntax = { $detail }
registry-unreadable-help = check that the file is readable and saved as UTF-8
registry-syntax-help = each person is a [[speaker]] block with name = "…", and optionally slug = "…", aliases = ["…"] and bio = "…"
registry-empty-name = a speaker has an empty name
registry-empty-name-help = write the name as the site should show it, e.g. name = "王凯"
registry-spelling-taken = { $spelling } is listed for { $person } already (line { $line }); a spelling can name one person only
registry-spelling-taken-help = remove it from one of the two entries; two people whose names are written alike need a different slug each, not aliases
registry-slug-invalid = slug { $slug } is not a URL segment
registry-slug-invalid-help = use at most 80 ASCII letters, digits, - and _, e.g. slug = "wang-kai"
registry-slug-twice = two speakers have the slug { $slug }
registry-slug-twice-help = give each person a slug of their own

## site.toml (config.rs)

site-not-a-site = { $root } has neither a { $config } nor a content/ folder
site-not-a-site-help = run lectern in a site folder, pass --root DIR, or create a site with `lectern new DIR`
site-reference-help = see the site.toml reference in the README
site-page-size-zero = page_size must be at least 1
site-page-size-zero-help = set page_size to the number of speeches per list page, e.g. 20
site-base-url-invalid = base_url { $url } { $why }
site-base-url-invalid-help = write the address the site is published at, e.g. "https://example.org/archive/"
site-too-many-themes = there are { $count } themes; a site can have at most { $most }
site-too-many-themes-help = merge related themes, or use tags for finer distinctions
site-theme-empty-name = a theme has an empty name
site-theme-empty-name-help = give every [[themes]] entry a name
site-theme-slug-invalid = theme { $theme } has slug { $slug }, which is not URL-safe
site-theme-slug-invalid-help = use lower-case ASCII letters, digits and hyphens, e.g. "laodong-jingsai"
site-themes-share = themes { $first } and { $second } share a name or slug
site-themes-share-help = give every theme its own name and slug
# $detail: the TOML reader's own words (in English).
site-theme-problem = theme { $number }: { $detail }
flag-base-url-invalid = --base-url { $url } { $why }
flag-base-url-invalid-help = write the address the site is published at, e.g. https://example.org/archive/
flag-base-url-relative = --base-url { $url } is not a full address: the feeds (atom.xml) and the sitemap (sitemap.xml) need the full address of every page, and feed readers and search engines reject them without it
flag-base-url-relative-help = give the address the site is published at, e.g. --base-url https://example.org/archive/, or set base_url in site.toml
site-base-url-relative = base_url { $url } is not a full address: the feeds (atom.xml) and the sitemap (sitemap.xml) need the full address of every page, and feed readers and search engines reject them without it
site-base-url-unset = base_url is not set, so it is { $url }, not a full address: the feeds (atom.xml) and the sitemap (sitemap.xml) need the full address of every page, and feed readers and search engines reject them without it
site-base-url-relative-help = set base_url in site.toml to the address the site is published at, e.g. base_url = "https://example.org/archive/", or give it when building with --base-url https://example.org/archive/
# What is wrong with a base URL, after "base_url "https://…"".
url-no-host = has no host name
url-bad-start = must start with http://, https:// or /
url-query-or-space = must not contain a query, a fragment or spaces

## Building and writing (build.rs, output/, render/, check.rs)

# Between the last two of a list ("a and b").
list-and = {" and "}
cache-cannot-save = cannot save the build cache: { $error }
cache-cannot-save-help = the site was built; the next build will just take longer
cache-unusable = the build cache is not usable: { $why }
cache-unusable-help = it was ignored and will be written afresh; deleting the folder is always safe
lock-failed = cannot take the lock that keeps two builds apart: { $error }
folder-above-output-writable = check that the folder above the output folder is writable
staging-failed = cannot create a staging folder beside the output folder: { $error }
swap-failed = cannot put the new site in place (the output folder was not changed): { $error }
swap-failed-help = check the permissions of the output folder and the folder above it
# The spool: a temporary file that holds every speech's text while a build runs.
spool-cannot-create = cannot create the build's temporary file in this folder: { $error }
spool-cannot-create-help = check that the folder exists, is writable and has free space (the build needs about as much as the speeches' text)
spool-cannot-write = cannot keep this speech's text in the build's temporary file: { $error }
spool-cannot-write-help = free some disk space beside the output folder (or in the temporary folder) and build again
spool-cannot-read = cannot read this speech's text back from the build's temporary file: { $error }
spool-cannot-read-help = the disk failed during the build; build again, and check the disk if it happens again
search-index-cannot-write = cannot write the search index: { $error }
data-cannot-write = cannot write the data download: { $error }
cannot-write-file = cannot write { $path }: { $error }
cannot-write-file-help = check that the output folder is writable and the disk is not full
output-refused = refusing to write the site into { $folder }: { $why }
output-refused-help = choose a separate output folder with --output, e.g. public/
output-not-ours = it holds files that lectern did not write, and building would replace them
output-is-a-file = it is a file, not a folder
cache-inside-output = it is inside the output folder, so it would be published with the site
cache-refused = refusing to keep the build cache in { $folder }: { $why }
cache-refused-help = choose a folder of its own with --cache, e.g. .lectern-cache/ under the site
place-root = it is the root of the file system
place-site = it is the site folder or contains it, and would be replaced
place-home = it is your home folder
place-inside-sources = it is inside the site's { $folder }/ folder
old-site-not-removed = the new site is in place, but the previous one could not be removed: { $error }
old-site-not-removed-help = delete that folder by hand; the next build also tries again
render-same-place = two pages would be written to { $location }: { $first } and { $second }
render-same-place-help = give the speech another `slug` in its front matter
job-speech = the speech { $path }
job-page = the page { $path }
job-listing = page { $page } of the list { $list }
template-failed = template { $template }: { $detail }
template-failed-help = fix the template; the message names the variable or filter at fault
theme-not-installed = theme { $theme } is not installed: { $folder } does not exist
theme-not-installed-help = put the theme in themes/, or set theme = "default"
template-unreadable = cannot read this template: { $error }
template-unreadable-help = templates must be UTF-8 text files
templates-do-not-fit = the templates do not fit together: { $detail }
templates-do-not-fit-help = check the names in {"{"}% extends %{"}"}, {"{"}% include %{"}"} and {"{"}% import %{"}"}
template-syntax = template error: { $detail }
template-syntax-help = fix the template syntax at the place shown; see the Tera documentation for tags and filters
ui-strings-unreadable = cannot read the UI strings: { $error }
ui-strings-unreadable-help = write one `key = "text"` line per string
static-unreadable = cannot read this static file: { $error }
tags-same-place = the tags { $tags } would all be at { $url }
tags-same-place-help = write one of the tags differently
check-bad-link = { $problem }: the page { $page } links to { $link }
check-bad-link-help = fix the link in the speech, or remove it
check-bad-link-template-help = fix the link in the template or the static file that makes it
check-broken-link = broken link
check-missing-anchor = missing anchor

## lectern new (scaffold.rs)

new-is-a-file = this is a file, not a folder
new-is-a-file-help = give the name of a new folder for the site
new-cannot-read = cannot read the folder: { $error }
new-not-empty = the folder is not empty; lectern new only creates a site in an empty or new folder
new-not-empty-help = choose a new folder name, or run `lectern import` in an existing site
new-cannot-create = cannot create the site: { $error }
new-cannot-create-help = check that the folder is writable

## lectern serve (serve/)

serve-cannot-open-root = cannot open the site folder { $folder }
serve-cannot-watch = cannot watch { $folder } for changes
serve-cannot-catch-ctrl-c = cannot catch Ctrl-C
serve-watcher-stopped = the file watcher stopped; edits will not show up until restarted
serve-serving = Serving { $folder } at { $url }
serve-watching = Watching for changes; press Ctrl-C to stop.
serve-no-browser = cannot open a browser ({ $error }); open { $url } yourself
serve-stopped = Stopped.
serve-cannot-listen = cannot listen on { $address } port { $port }
serve-no-free-port = no free port from { $port } on { $address }: { $error }
serve-built = Built { $speeches } speeches: { $written } of { $files } files made anew in { $ms } ms
serve-failed-first = Build failed; the pages show the error until it is fixed.
serve-failed-again = Build failed; still serving the last good build.
serve-completed = Search index and related speeches updated: { $written } files in { $ms } ms
serve-cannot-watch-folder = cannot watch { $folder }: { $error }
serve-watcher-problem = file watcher: { $error }
# The heading of the error page over the preview.
serve-overlay-title = lectern: the last rebuild failed; this page shows the last good build

## lectern import: the report (import/report.rs)

import-wrote = ✓ { $input } → wrote { $path }
import-replaced = ✓ { $input } → replaced { $path }
import-would-write = ✓ { $input } → would write { $path }
import-would-replace = ✓ { $input } → would replace { $path }
import-renamed = { $wanted } is taken, so the speech got the name above{ $replaced ->
        [yes] {""}
       *[no] {" "}(--force replaces a file of that name instead)
    }
import-duplicate = = { $input }: skipped, its text is already in { $of } (“{ $title }”)
# The labels of the report's lines, as wide as nine terminal cells at most.
import-label-note = note
import-label-encoding = encoding
import-label-sheet = sheet
import-label-title = title
import-label-date = date
import-label-speaker = speaker
import-label-role = role
import-label-occasion = occasion
import-label-place = place
import-label-moved = moved
import-label-headings = headings
import-label-tables = tables
import-label-notes = notes
import-label-pictures = pictures
import-label-themes = themes
import-label-repaired = repaired
import-label-check = check
import-label-missing = missing
import-label-ambiguous = ambiguous
import-label-no-row = no row
import-label-no-file = no file
import-label-extra = extra
import-label-unused = unused
import-label-skipped = skipped
import-sheet-row-nothing = line { $line }: nothing taken, the file's front matter sets those fields
import-sheet-row = line { $line }: { $fields }
import-sheet-no-row-here = no line of the sheet names this file
import-date = { $date } ({ $source })
import-not-found = not found
import-moved = “{ $line }” (now in the front matter)
import-headings-none = none
import-headings = { $n } ({ $levels }): { $names }
import-tables = { $n } (Markdown tables; check their layout)
import-notes = { $n } (Markdown footnotes at the end)
import-pictures = { $n } saved in { $folder }/: { $files }
import-themes-from-sheet = { $themes } (from the sheet)
import-themes-none = none suggested
import-theme-hits = { $theme } ({ $hits })
import-sheet-heading = Metadata sheet { $path } ({ $encoding }): { $rows } { $rows ->
        [one] row
       *[other] rows
    } with a file name
import-sheet-missing = line { $line }: “{ $file }” is none of the files given; check the name, or import that file too
import-sheet-ambiguous = line { $line }: “{ $file }” could be { $names }; write the path from the sheet's folder (e.g. { $first }), so the row names one file
import-sheet-no-row = { $input }: no line of the sheet names it; its fields come from its text
import-sheet-no-file = line { $line } has no file name, so it was not used
import-sheet-extra = { $columns }: no speech field, kept under [extra] in each speech (rename a column to 讲话人, 职务… if it is one)
import-sheet-skipped = { $n } { $n ->
        [one] row
       *[other] rows
    } above the header row (a title over the table)
import-summary = { $dry_run ->
        [yes] Dry run: would import
       *[no] Imported
    } { $files } { $files ->
        [one] file
       *[other] files
    } into { $into }/{ $extras }.
import-summary-extras = {" "}({ $list })
import-summary-duplicates = { $n } skipped as duplicates
import-summary-failed = { $n } failed
import-summary-ignored = { $n } other { $n ->
        [one] file
       *[other] files
    } ignored
import-share = { $n } of { $total } ({ $percent }%)
import-summary-recognised = Recognised: dates { $dates }{ $guessed }, speakers { $speakers }, roles { $roles }, occasions { $occasions }.
import-summary-guessed-dates = {" "}({ $n } only a year from the title or session — check them)
import-summary-needs-look = { $n } { $n ->
        [one] file
       *[other] files
    } need a human look: see the “check” lines above.
import-part-separator = {"; "}
import-summary-sheet = Metadata sheet { $path }: { $parts }.
import-summary-sheet-used = { $used } of { $rows } { $rows ->
        [one] row
       *[other] rows
    } used
import-summary-sheet-missing = { $n } { $n ->
        [one] names
       *[other] name
    } no file given
import-summary-sheet-ambiguous = { $n } { $n ->
        [one] names
       *[other] name
    } several files
import-summary-sheet-without-row = { $n } imported { $n ->
        [one] file has
       *[other] files have
    } no row
import-summary-dry-run = Nothing was written (--dry-run).
import-repair-entity = HTML entities such as &nbsp; or &ldquo; decoded
import-repair-lost-entity = entities that had lost their & (bull; → •, nbsp; …) decoded
import-repair-zero-width = zero-width characters removed
import-repair-nbsp = non-breaking spaces made plain spaces
import-repair-control = control characters removed
# What the report says a file's encoding is.
import-encoding-docx = Word (.docx)
import-encoding-with-bom = { $encoding } with BOM

## lectern import: recognising the header (import/header.rs)

import-date-from-header = from a header line
import-date-from-front-matter = from the front matter
import-date-from-sheet = from the metadata sheet
import-date-from-header-day = the day from a header line, the year from the title or header
import-date-from-closing = from the date line at the end
import-date-from-title = from the title
import-date-from-title-year = from the year in the title, lower confidence
import-date-from-session = from the year of { $session }, lower confidence
import-first-line-too-long = the first line is { $length } characters long, so it is not a title; the title “{ $title }” is made from its first words

## lectern import: what is imported and where (import/mod.rs)

import-not-a-site = { $root } is not a site folder: it has neither a { $config } nor a content/ folder
import-not-a-site-help = run lectern import in a site folder, pass --root DIR, or create a site first with `lectern new DIR`
import-into-is-a-file = { $into } is a file, not a folder
import-into-is-a-file-help = give --into a folder under content/
import-into-invalid = --into { $into }: { $why }
import-into-invalid-help = give a folder under content/, e.g. --into content/2024
import-into-not-relative = must be a relative path without `..`
import-into-outside-content = speeches are read from content/, so they must go there
import-into-hidden = hidden folders are not read by lectern build
import-into-link = --into { $into }: it leads out of content/ (through a symbolic link, to { $target })
import-into-link-help = give a real folder under content/, or remove the link
import-into-unreadable = --into { $into }: cannot read it: { $error }
# The progress bar: "12/40 files".
import-progress-files = files
import-progress-reading = reading
import-cannot-write = cannot write { $path }: { $error }
import-cannot-write-help = check that the content folder is writable; nothing was written for this file
import-convert-help = open it in Word or WPS and save it as .docx, or convert a whole folder with LibreOffice: `soffice --headless --convert-to docx *.doc` (or *.wps), then import the .docx files
import-save-as-docx-help = open it in Word or WPS and save it as .docx (or as UTF-8 .txt), then import that
import-formats-help = lectern import reads .txt, .md and .docx files
import-no-extension = the file has no extension, so its format is unknown
import-unknown-format = lectern import cannot read .{ $extension } files
import-no-such-input = there is no such file or folder
import-check-the-path = check the path
import-no-title-no-text = the file has no title and no text
import-empty-help = remove it, or save the speech into it first
import-own-date-invalid = the date in the file's own front matter is not valid ({ $why }); it is kept, and the build will report it
import-title-but-no-text = the file has a title (“{ $title }”) but no text under it
import-title-but-no-text-help = check that this is the whole speech
import-title-has-slashes = the title contains “/”, “\” or “..”: it is kept in the title, and the file name uses only its pinyin
import-date-guessed = the date { $date } comes { $source }; check it
import-no-date = no date found: written as a draft without a date; set `date` and remove `draft` to publish it
import-no-speaker = no speaker found
import-replacement-characters = the text contains � where characters could not be decoded

## lectern import: reading files (import/read.rs)

import-check-path-permissions = check the path and its permissions
import-too-large = the file is { $size } MB; lectern import reads files of up to { $most } MB
import-too-large-help = a single speech is far smaller: check that this is the right file, or split it into one file per speech
import-empty-file = the file is empty
import-not-text = this is not a text file: it looks like { $what }
import-not-text-help = import .txt, .md or .docx files; save other documents as one of these first
import-no-text = the file has no text
import-looks-png = a PNG image
import-looks-jpeg = a JPEG image
import-looks-gif = a GIF image
import-looks-pdf = a PDF document
import-looks-zip = a zip archive (a .docx saved with the wrong name?)
import-looks-old-office = an old Word (.doc) or Excel file
import-looks-program = a program
import-looks-windows-program = a Windows program
import-looks-rtf = an RTF document
import-looks-binary = binary data, not text in any encoding
import-bad-utf8 = { $n } byte { $n ->
        [one] sequence was
       *[other] sequences were
    } not valid UTF-8 and shown as �; look for them in the text
import-cannot-decode = the text cannot be decoded: read as { $encoding }, { $bad } of its { $total } characters are invalid
import-cannot-decode-help = save the file as UTF-8 (or GB18030) text and import it again
import-undecodable = { $n } { $n ->
        [one] character could not be decoded from { $encoding } and is shown as �
       *[other] characters could not be decoded from { $encoding } and are shown as �
    }
import-own-front-matter-help = fix the front matter so that it parses, or remove it and let import recognise the fields
import-own-front-matter-toml = its front matter is not valid TOML: { $detail }
import-own-front-matter-yaml = its front matter is not valid YAML: { $detail }
import-own-front-matter-not-fields = its front matter is not a list of `field: value` lines

## lectern import: Word documents (import/docx/)

import-docx-help = open it in Word or WPS and save it again as a .docx, or save it as UTF-8 text
import-docx-is-doc = this is an old Word 97-2003 document (.doc) with a .docx name, which lectern cannot read
import-docx-not-zip = this .docx is not a Word document: it is not a zip archive ({ $error })
import-docx-no-document = this .docx has no word/document.xml, so it is not a Word document
import-docx-damaged-xml = the document's XML is damaged: { $error }
import-docx-no-text = the Word document has no text
import-docx-no-text-help = check that this is the right file; text in images cannot be imported
import-docx-note-missing = note { $label } is referred to but its text is missing from the .docx
import-docx-notice-times = { $notice } ({ $times } times)
import-docx-picture-left-out = a picture ({ $path }) was left out: { $why }
import-docx-part-not-utf8 = { $part } in the .docx is not UTF-8 XML
import-docx-part-unreadable = cannot read { $part } in the .docx: { $error }
import-docx-part-unpack = cannot unpack { $part } in the .docx: { $error }
import-docx-part-too-large = { $part } in the .docx unpacks to more than { $most } MB
import-docx-chart = a chart was left out (its data is not text); add it as a picture if it is needed
import-docx-smartart = a SmartArt diagram was left out; add it as a picture if it is needed
import-docx-embedded = an embedded object (a spreadsheet or another document) was left out
import-docx-equation = an equation was kept as plain text; check how it reads
import-docx-picture-not-shown = a picture in { $format } format, which web browsers cannot show, was saved as static/images/{ $file } but not put in the text; convert it to PNG and link it where it belongs
import-docx-picture-external = a picture linked from outside the document ({ $target }) was left out; save it into static/images/ and link it if it is needed
import-docx-picture-missing = a picture whose data is missing from the .docx was left out

## lectern import --metadata: the sheet (import/sheet.rs)

import-sheet-no-slug = set a speech's slug in its file after import
import-sheet-no-draft = import writes a speech without a date as a draft, and one with a date as published
import-sheet-no-extra = name the columns themselves: columns that are no field go under [extra] by their name
import-sheet-title-over-first-line = the title is from { $origin }; the text's first line “{ $line }” says otherwise and is kept as a comment
import-sheet-role-left-out = role { $role } left out (it was { $speaker }'s)
import-sheet-over-text = { $origin } is used over what the text says: { $changes }
import-sheet-disagrees = the file's front matter gives { $field } “{ $written }”, { $origin } “{ $value }”: the front matter is kept
import-sheet-save-as-csv = in Excel or WPS, save the sheet with 文件 → 另存为 → “CSV UTF-8 (逗号分隔)” or “CSV (逗号分隔)”, and give that .csv file to --metadata
import-sheet-no-such-file = there is no such file
import-sheet-unreadable = the metadata sheet cannot be read: { $why }
import-sheet-unreadable-help = check the path given to --metadata
import-sheet-too-large = the metadata sheet is { $size } MB, more than the { $most } MB a list of speeches needs
import-sheet-too-large-help = check that this is the right file
import-sheet-workbook = the metadata sheet is a workbook (.xlsx, .xls, .et or .ods), not a CSV file
import-sheet-not-text = the metadata sheet is not text
import-sheet-refused = the metadata sheet: { $why }
import-sheet-not-csv = the metadata sheet cannot be read as CSV: { $error }
import-sheet-not-csv-help = save it again from Excel or WPS as CSV
import-sheet-empty = the metadata sheet is empty: it has no header row
import-sheet-no-file-column = the metadata sheet has no `file` column: its first row (line { $line }) names { $names }
import-sheet-no-file-column-help = the first row must name the columns, one of them `file` (or 文件, 文件名) holding each file's name or its path from the sheet's folder; then 标题, 日期, 讲话人, 职务, 场合, 地点… or title, date, speaker, role, occasion, place…
import-sheet-columns-twice = columns { $first } (“{ $first_name }”) and { $second } (“{ $second_name }”) both give { $what }
import-sheet-the-file = the file
import-sheet-the-field = the { $field }
import-sheet-a-column-of-that-name = a column of that name
import-sheet-columns-twice-help = delete or rename one of them, so that each field has one column
import-sheet-not-from-sheet = { $column }: { $why }
import-sheet-unnamed-column = column { $column } has no name in the header row, so its cells were not used
# Where a row of the sheet is, in messages: "line 4 of list.csv".
import-sheet-origin = line { $line } of { $sheet }
import-sheet-cell-past-header = { $origin } has a cell in column { $column } (“{ $cell }”), but the header row names only { $columns } columns; the cells of this row may have shifted
import-sheet-cell-past-header-help = a cell with a comma in it must be in double quotes (Excel and WPS do this when they save CSV); fix the row, or give the column a name
import-sheet-bad-cell = { $origin }, column { $column } ({ $header }): { $problem }
import-sheet-rows-conflict = lines { $lines } of { $sheet } all name { $file }, so it was not imported
import-sheet-rows-conflict-help = keep one row per file (merge the rows), then import again
import-sheet-row-refused = { $problems }; so { $file } was not imported (nothing was written for it)
import-sheet-row-refused-help = { $help }; then import again (texts already imported are skipped)
import-sheet-correct-the-cell = correct the cell
import-sheet-not-a-date = “{ $text }” is not a date ({ $why })
import-sheet-not-a-date-help = write the date as 2014/4/28, 2014-04-28 or 2014年4月28日 (2014年4月 or 2014年 when only that is known)
import-sheet-unknown-themes = { $origin } names { $n ->
        [one] the theme
       *[other] the themes
    } “{ $themes }”, not a theme in site.toml (its themes are { $known }): the cell is kept under [extra] as { $header }; add the theme to site.toml, or correct the cell

## lectern import: the comments in a speech file it writes (import/write.rs)

import-file-exists = the file exists
import-comment-imported = Imported by `lectern import` from { $file } ({ $encoding }).
import-comment-from-sheet = From { $origin }: { $fields }.
import-comment-date-guessed = The date is a guess: only the year was found. Check it.
import-comment-no-date = No date was found in the text: set `date` and remove `draft` to publish this speech.
import-comment-header-lines = Header lines of the original, now the fields above:

## Speakers (archive/speakers.rs)

speakers-same-place = the speakers { $speakers } would all be at { $url }
speakers-same-place-help = give one of them a slug of its own in { $registry }: [[speaker]] name = "…" slug = "…"
speakers-spelling-in = { $spelling } in { $files }
speakers-also-in = {" "}(also in { $files })
speakers-spelling-differs = the speaker { $spelling }{ $also } differs from { $others } only by { $how }; they are taken as one speaker, { $name }
speakers-spelling-differs-help = write speaker = { $name } here, or list { $spelling } among the aliases of { $name } in { $registry } to keep it as written
speakers-same-pinyin = the speaker { $rarer } ({ $rarer_speeches }, { $rarer_url }) differs from { $other } ({ $other_files }, { $other_url }) in one character with the same pinyin, { $characters } ({ $sound }): are they one person?
speakers-same-pinyin-help = if it is a typo, correct it; if they are one person, add { $rarer } to the aliases of { $other } in { $registry }; if they are two people, give each a [[speaker]] entry there, which silences this
speakers-speech-count = { $n ->
        [one] 1 speech
       *[other] { $n } speeches
    }
# How two spellings of a name differ: "only by spacing and punctuation".
speakers-differ-spacing = spacing
speakers-differ-width-or-punctuation = width or punctuation
speakers-differ-width = full-width forms or letter case
speakers-differ-script = traditional and simplified characters
speakers-differ-punctuation = punctuation

## The build cache, the output lock (cache.rs, build.rs)

cache-foreign = it is not a lectern build cache
cache-damaged = it is damaged ({ $why })
cache-checksum = its checksum does not match
lock-waiting = another lectern build is writing { $output }; waiting until it is done …
lock-waiting-for-process = another lectern build (process { $pid }) is writing { $output }; waiting until it is done …

## The search index: what is wrong with a file of it (search/)

search-cannot-read = cannot read { $path }: { $error }
search-file-damaged = { $path } is damaged: { $why }
search-other-format = the index has format { $found }, this lectern reads format { $reads }
search-why-ends-early = index file ends early
search-why-overlong-number = index file has an overlong number
search-why-invalid-character = index file has an invalid character
search-why-section-past-end = a section heading lies past the end of the body
search-why-year-runs = docs.bin: the year runs do not add up
search-why-fold-too-many = fold.bin: more pairs than the file can hold
search-why-fold-order = fold.bin: the characters are not in order
search-why-fold-not-character = fold.bin holds something that is not a character
search-why-fold-trailing = fold.bin goes on after its last pair
search-why-number-out-of-range = index file has a number out of range
search-why-bad-gram = index file has a bad gram
search-why-unknown-plane = index file has an unknown bit plane
search-why-entry-ends-early = a directory entry ends early
search-why-no-split = it does not list the split bigrams of every segment
search-why-stored-speech = stored speech { $id }: { $why }
search-why-shard = the shard of bucket { $bucket }: { $why }
search-too-many-packs = a search segment needs more than 256 pack files of 16 MiB
search-item-too-large = a search index item over 4 GiB
fold-out-of-order = the folding table lists { $later } after { $earlier }
fold-to-itself = the folding table folds { $code } to itself

## lectern serve: the plain answers to requests it refuses (serve/)

serve-bad-request = bad request
serve-no-host = bad request: no Host header
serve-line-too-long = the request line is too long for lectern serve
serve-headers-too-large = the request headers are too large for lectern serve
serve-get-and-head-only = lectern serve only answers GET and HEAD
serve-moved = moved
serve-range-outside = the range is outside the file
serve-nothing-here = Nothing here (yet).
serve-too-many-reloads = lectern serve already has { $limit } live reload connections open; close some preview tabs and reload this page
serve-too-many-connections = lectern serve has too many open connections; try again in a moment
serve-wrong-host =
    lectern serve answers only to 127.0.0.1, localhost and [::1], and this request was for { $host }.
    Open http://{ $address }/ instead. (A page of another site that reaches the preview through its own name is refused, so that it cannot read the drafts.) To preview from other computers, start lectern serve with --bind.
serve-cannot-accept = cannot accept a connection: { $error }

## lectern build --offline (output/offline.rs)

offline-cannot-rewrite = { $page }: cannot rewrite its links: { $error }
