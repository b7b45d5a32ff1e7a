#!/usr/bin/env bash
# Benchmark `lectern build` against Hugo on generated archives of speeches.
#
#   bench/build.sh                    # 1,000 and 10,000 speeches, 5 runs of each tool
#   RUNS=3 SIZES="1000" bench/build.sh
#   SIZES="10000 74545:400" LECTERN_NOSEARCH=1 bench/build.sh   # issue 17's two archives
#   LECTERN_REVS="worktree cdc0eb2" bench/build.sh   # compare builds of several revisions
#   HUGO_RELATED=1 bench/build.sh     # also time Hugo with "related speeches" on every page
#
# Environment:
#   RUNS          timed runs per tool and size (default 5); tools run alternately
#   SIZES         archive sizes (default "1000 10000"); N:C makes N speeches of about C
#                 characters each (74545:400: short news items cut from the corpus)
#   CHARS         about how many characters per speech where SIZES does not say (default 3000)
#   SEED          generator seed (default 1)
#   BENCH_DIR     scratch folder for archives, binaries and outputs (default /tmp/lectern-bench)
#   LECTERN_REVS  what to build: "worktree" (the checkout as it is, default) and/or git
#                 revisions (exported with `git archive` into BENCH_DIR, built there);
#                 empty: time Hugo only
#   LECTERN_NOSEARCH  1: also time each lectern build on the same archive with `search = false`
#                 in site.toml (tool "lectern-nosearch@REV"); needs a lectern that has the setting
#   HUGO_RELATED  1: add the tool "hugo+related" (Hugo's .Related on every speech page)
#   WARMUP        untimed runs of each tool before timing, to fill the page cache (default 1)
#   LECTERN_SITE_EXTRA  lines appended to the generated lectern site.toml
#   REUSE_OUTPUT  1: delete each tool's output folder right before its run and write
#                 it again (the protocol of the figures before 2026-12-01); by default
#                 every run writes into a new folder (see "Fresh output folders")
#   SETTLE        seconds to wait after deleting the outputs of an earlier benchmark,
#                 before the first run (default 400; see "Fresh output folders")
#
# Needs: cargo, python3, hugo, GNU time (/usr/bin/time). Installs nothing; on Debian/Ubuntu:
#   apt-get install -y hugo time
#
# Fresh output folders: on this machine's ext4 (no journal), a file created within a
# minute or so of many deletions costs far more than one created later, because the
# kernel then skips every recently freed inode of the block group in turn
# (recently_deleted() in fs/ext4/ialloc.c; perf shows it as most of the system time).
# Deleting an output folder of 38,000 files right before a run therefore charges that
# run for the deletion, and a tool that writes more files pays more. So by default
# each run writes into a folder of its own; the outputs of an earlier benchmark are
# deleted at the start, followed by `sync` and SETTLE seconds of rest (the kernel
# counts an inode as recently freed for 60 s, and for 360 s while its block is not yet
# written back: 65 s proved too short after deleting tens of gigabytes), and this
# run's outputs stay until the next benchmark (or until BENCH_DIR/out is deleted by
# hand; wait as long before timing anything else that creates many files).
#
# Each run: lectern's build cache is deleted first (not timed), then
#   /usr/bin/time -f '%e %M %U %S' lectern build --root A/lectern --output OUT
#   /usr/bin/time -f '%e %M %U %S' hugo --quiet --ignoreCache -s A/hugo -d OUT
# %e = wall seconds, %M = peak resident set size (KiB), %U + %S = CPU seconds (less
# sensitive than wall time to other work on a shared machine). Raw figures go to BENCH_DIR/runs.csv,
# the median table to stdout and BENCH_DIR/results.md.

set -euo pipefail

RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 10000"}
CHARS=${CHARS:-3000}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-/tmp/lectern-bench}
LECTERN_REVS=${LECTERN_REVS-worktree}
HUGO_RELATED=${HUGO_RELATED:-0}
LECTERN_NOSEARCH=${LECTERN_NOSEARCH:-0}
WARMUP=${WARMUP:-1}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
TIME=/usr/bin/time

# ------------------------------------------------------------------ prerequisites
missing=0
if ! command -v hugo >/dev/null 2>&1; then
    echo "bench: hugo is not installed" >&2; missing=1
fi
if ! [ -x "$TIME" ] || ! "$TIME" --version 2>&1 | grep -q GNU; then
    echo "bench: GNU time is not at $TIME (the shell's 'time' keyword cannot report peak memory)" >&2
    missing=1
fi
for tool in cargo python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is not installed" >&2; missing=1; }
done
if [ "$missing" = 1 ]; then
    echo "bench: install what is missing, e.g.: apt-get install -y hugo time" >&2
    exit 2
fi
case "$BENCH_DIR" in
    "$REPO"|"$REPO"/*) echo "bench: BENCH_DIR must be outside the repository" >&2; exit 2 ;;
esac
if [ "${REUSE_OUTPUT:-0}" != 1 ] && [ -n "$(ls -A "$BENCH_DIR/out" 2>/dev/null)" ]; then
    echo "== deleting the outputs of an earlier benchmark, then ${SETTLE:-400} s of rest" >&2
    rm -rf "$BENCH_DIR/out"
    sync
    sleep "${SETTLE:-400}"
fi
mkdir -p "$BENCH_DIR/bin" "$BENCH_DIR/out"

# ------------------------------------------------------------------ build lectern
# Each binary is copied into BENCH_DIR/bin, so a rebuild in the checkout during the
# benchmark does not change what is measured.
declare -a TOOLS=()
declare -A TOOL_BIN=() TOOL_DESC=() TOOL_SITE=()
for rev in $LECTERN_REVS; do
    if [ "$rev" = worktree ]; then
        echo "== building lectern (release) from the checkout" >&2
        (cd "$REPO" && cargo build --release --quiet)
        bin="$BENCH_DIR/bin/lectern-worktree"
        cp "${CARGO_TARGET_DIR:-$REPO/target}/release/lectern" "$bin"
        head=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
        dirty=$(git -C "$REPO" status --porcelain -- src Cargo.toml Cargo.lock themes 2>/dev/null | wc -l)
        desc="checkout at $head$([ "$dirty" -gt 0 ] && echo " + uncommitted changes in $dirty files" || true)"
        name=lectern
    else
        sha=$(git -C "$REPO" rev-parse --short "$rev^{commit}")
        echo "== building lectern (release) at $rev ($sha)" >&2
        src="$BENCH_DIR/src-$sha"
        if [ ! -f "$src/Cargo.toml" ]; then
            mkdir -p "$src"
            git -C "$REPO" archive "$sha" | tar -x -C "$src"
        fi
        (cd "$src" && CARGO_TARGET_DIR="$BENCH_DIR/target" cargo build --release --quiet)
        bin="$BENCH_DIR/bin/lectern-$sha"
        cp "$BENCH_DIR/target/release/lectern" "$bin"
        desc="commit $sha ($(git -C "$REPO" log -1 --format=%s "$sha" | cut -c1-70))"
        name="lectern@$sha"
    fi
    TOOLS+=("$name"); TOOL_BIN[$name]=$bin; TOOL_DESC[$name]=$desc; TOOL_SITE[$name]=lectern
    if [ "$LECTERN_NOSEARCH" = 1 ]; then
        ns="${name/lectern/lectern-nosearch}"
        TOOLS+=("$ns"); TOOL_BIN[$ns]=$bin; TOOL_SITE[$ns]=lectern-nosearch
        TOOL_DESC[$ns]="$desc; site.toml with search = false"
    fi
done
TOOLS+=(hugo); TOOL_DESC[hugo]="$(hugo version | cut -d' ' -f1-2), layouts from bench/gen_archive.py, no related speeches"
if [ "$HUGO_RELATED" = 1 ]; then
    TOOLS+=(hugo+related); TOOL_DESC[hugo+related]="same, plus 5 related speeches per page (.Site.RegularPages.Related)"
fi

# ------------------------------------------------------------------ the machine
{
    echo "date:      $(date)"
    echo "host:      $(uname -srm), $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
    echo "cpu:       $(nproc) cores available ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1))"
    # Clock and caches: a small cache or a slow clock changes lectern's ratio to Hugo's.
    mhz=$(lscpu 2>/dev/null | sed -n 's/^CPU\( max\)\? MHz: *//p' | head -1)
    # Virtual machines often hide it from lscpu; /proc/cpuinfo still says what the guest sees.
    mhz=${mhz:-$(awk -F': *' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)}
    echo "clock:     $([ -n "$mhz" ] && echo "$mhz MHz" || echo "not given by lscpu")"
    echo "caches:    $(lscpu 2>/dev/null | sed -n 's/^\(L[123][di]\?\) cache: *\(.*\)/\1 \2/p' | paste -sd ',' | sed 's/,/, /g')"
    echo "memory:    $(free -m | awk '/^Mem:/{print $2 " MiB total, " $7 " MiB available"}')"
    echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (before the runs)"
    echo "rustc:     $(rustc --version)"
    echo "hugo:      $(hugo version)"
    for t in "${TOOLS[@]}"; do
        case $t in
            lectern*) echo "$t: $("${TOOL_BIN[$t]}" --version) — ${TOOL_DESC[$t]}" ;;
            *) echo "$t: ${TOOL_DESC[$t]}" ;;
        esac
    done
    echo "runs:      $RUNS per tool and size, alternating; warm-up runs: $WARMUP"
    if [ "${REUSE_OUTPUT:-0}" = 1 ]; then
        echo "outputs:   one folder per tool, deleted right before each run (REUSE_OUTPUT=1)"
    else
        echo "outputs:   a new folder per run; earlier outputs deleted at the start, then ${SETTLE:-400} s of rest"
    fi
} | tee "$BENCH_DIR/machine.txt" >&2
free -m >&2

# ------------------------------------------------------------------ archives
# SIZES entries are N or N:CHARS; ARCHIVE[N] is the folder of the N-speech archive.
declare -A ARCHIVE=()
sizes=""
: > "$BENCH_DIR/archives.txt"
for spec in $SIZES; do
    n=${spec%%:*}
    chars=${spec#*:}
    [ "$chars" = "$spec" ] && chars=$CHARS
    sizes="$sizes $n"
    dir="$BENCH_DIR/archive-$n$([ "$chars" != 3000 ] && echo "-c$chars" || true)"
    ARCHIVE[$n]=$dir
    echo "$n $dir" >> "$BENCH_DIR/archives.txt"
    stamp="count=$n chars=$chars seed=$SEED gen=$(sha1sum "$HERE/gen_archive.py" | cut -c1-12) extra=${LECTERN_SITE_EXTRA:-}"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "== generating $n speeches of about $chars characters into $dir" >&2
        python3 "$HERE/gen_archive.py" --count "$n" --chars "$chars" --seed "$SEED" --out "$dir" \
            --lectern-extra "${LECTERN_SITE_EXTRA:-}" >/dev/null
        echo "$stamp" > "$dir/.stamp"
    fi
    if [ "$LECTERN_NOSEARCH" = 1 ]; then
        # the same speeches (hard links), with the search index turned off
        rm -rf "$dir/lectern-nosearch"
        cp -al "$dir/lectern" "$dir/lectern-nosearch"
        rm "$dir/lectern-nosearch/site.toml"
        { cat "$dir/lectern/site.toml"; echo "search = false"; } > "$dir/lectern-nosearch/site.toml"
    fi
done
SIZES=$sizes

# ------------------------------------------------------------------ runs
# run SIZE TOOL OUT → prints "seconds kib user sys", or exits on failure with the tool's messages
run() {
    local n=$1 tool=$2 out=$3 a="${ARCHIVE[$1]}" log="$BENCH_DIR/last.log" status=0
    if [ "${REUSE_OUTPUT:-0}" = 1 ]; then
        rm -rf "$out"
    fi
    case $tool in
        lectern*)
            # Cold builds: no build cache either (bench/cache.sh times warm ones).
            rm -rf "$a/${TOOL_SITE[$tool]}/.lectern-cache"
            LECTERN_TIMINGS=1 "$TIME" -o "$BENCH_DIR/time.txt" -f '%e %M %U %S' \
                "${TOOL_BIN[$tool]}" build --root "$a/${TOOL_SITE[$tool]}" --output "$out" >"$log" 2>&1 || status=$? ;;
        hugo)
            HUGO_BENCH_NO_RELATED=1 "$TIME" -o "$BENCH_DIR/time.txt" -f '%e %M %U %S' \
                hugo --quiet --ignoreCache -s "$a/hugo" -d "$out" >"$log" 2>&1 || status=$? ;;
        hugo+related)
            env -u HUGO_BENCH_NO_RELATED "$TIME" -o "$BENCH_DIR/time.txt" -f '%e %M %U %S' \
                hugo --quiet --ignoreCache -s "$a/hugo" -d "$out" >"$log" 2>&1 || status=$? ;;
    esac
    if [ "$status" != 0 ]; then
        echo "bench: $tool failed on $n speeches (exit status $status):" >&2
        cat "$log" >&2
        exit 1
    fi
    tail -1 "$BENCH_DIR/time.txt"
}

# output SIZE TOOL RUN → the output folder of that run
output() {
    if [ "${REUSE_OUTPUT:-0}" = 1 ]; then
        echo "$BENCH_DIR/out/$2"
    else
        echo "$BENCH_DIR/out/$2-$1-$3"
    fi
}

csv="$BENCH_DIR/runs.csv"
echo "speeches,tool,run,seconds,peak_kib,user_s,sys_s,load1" > "$csv"
stages="$BENCH_DIR/stages.csv"
echo "speeches,tool,run,stage,seconds" > "$stages"
for n in $SIZES; do
    for ((w = 1; w <= WARMUP; w++)); do
        for t in "${TOOLS[@]}"; do
            echo "== $n speeches, $t: warm-up" >&2
            run "$n" "$t" "$(output "$n" "$t" "warmup$w")" >/dev/null
        done
    done
    for ((i = 1; i <= RUNS; i++)); do
        for t in "${TOOLS[@]}"; do
            load=$(cut -d' ' -f1 /proc/loadavg)
            run "$n" "$t" "$(output "$n" "$t" "$i")" > "$BENCH_DIR/result.txt"
            read -r secs kib user sys < "$BENCH_DIR/result.txt"
            echo "$n,$t,$i,$secs,$kib,$user,$sys,$load" >> "$csv"
            # lectern's own stage timings (LECTERN_TIMINGS): lines "stage: 1.234 s"
            case $t in lectern*)
                sed -n 's/^\([a-z][a-z ]*\): \([0-9.]*\) s$/\1,\2/p' "$BENCH_DIR/last.log" |
                    sed "s/^/$n,$t,$i,/" >> "$stages" ;;
            esac
            awk -v n="$n" -v t="$t" -v i="$i" -v r="$RUNS" -v s="$secs" -v k="$kib" -v u="$user" -v y="$sys" -v l="$load" \
                'BEGIN { printf "== %6s speeches  %-26s run %d/%d: %7.2f s %6.0f MiB  cpu %6.1f s  (load %s)\n", n, t, i, r, s, k / 1024, u + y, l }' >&2
        done
    done
    # what each tool wrote (from its last run)
    for t in "${TOOLS[@]}"; do
        out=$(output "$n" "$t" "$RUNS")
        files=$(find "$out" -type f | wc -l)
        bytes=$(du -sb "$out" | cut -f1)
        html=$(find "$out" -type f -name '*.html' | wc -l)
        xml=$(find "$out" -type f -name '*.xml' | wc -l)
        speech_pages=$(find "$out/speeches" -mindepth 2 -maxdepth 2 -name index.html -path '*/speech-*' | wc -l)
        # Hugo writes page/1/ aliases (redirects to the first page of each list)
        aliases=$(find "$out" -type f -path '*/page/1/index.html' | wc -l)
        search=0
        [ -d "$out/search" ] && search=$(find "$out/search" -type f ! -name index.html ! -name "*.js" | wc -l)
        echo "$n,$t,$files,$bytes,$html,$xml,$speech_pages,$aliases,$search"
    done >> "$BENCH_DIR/files-$n.csv.tmp"
done
{ echo "speeches,tool,files,bytes,html,xml,speech_pages,aliases,search_index_files"
  cat "$BENCH_DIR"/files-*.csv.tmp; } > "$BENCH_DIR/files.csv"
rm -f "$BENCH_DIR"/files-*.csv.tmp
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (after the runs)" | tee -a "$BENCH_DIR/machine.txt" >&2

# ------------------------------------------------------------------ report
python3 - "$BENCH_DIR" <<'EOF' | tee "$BENCH_DIR/results.md"
import csv, json, statistics, sys
from pathlib import Path
d = Path(sys.argv[1])
runs = list(csv.DictReader(open(d / "runs.csv")))
files = {(r["speeches"], r["tool"]): r for r in csv.DictReader(open(d / "files.csv"))}
sizes = list(dict.fromkeys(r["speeches"] for r in runs))
archives = dict(line.split(" ", 1) for line in open(d / "archives.txt").read().splitlines())
tools = list(dict.fromkeys(r["tool"] for r in runs))
med = {}
for n in sizes:
    for t in tools:
        rs = [r for r in runs if r["speeches"] == n and r["tool"] == t]
        s = [float(r["seconds"]) for r in rs]
        m = [int(r["peak_kib"]) / 1024 for r in rs]
        c = [float(r["user_s"]) + float(r["sys_s"]) for r in rs]
        med[n, t] = (statistics.median(s), min(s), max(s), statistics.median(m), max(m), len(rs),
                     statistics.median(c))

print("Archives:\n")
print("| speeches | characters | mean per speech | content (lectern) | distinct speakers | speeches cut in a 2nd pass over the corpus |")
print("| ---: | ---: | ---: | ---: | ---: | ---: |")
for n in sizes:
    st = json.load(open(Path(archives[n]) / "stats.json"))
    print(f"| {int(n):,} | {st['characters']:,} | {st['mean_body_characters']:,} | "
          f"{st['content_bytes_lectern'] / 1e6:.1f} MB | {st['speakers']} | "
          f"{st['speeches_from_second_pass']:,} |")

print("\nMedians (min–max) of the timed runs; ratio = median time ÷ Hugo's median time:\n")
print("| speeches | tool | wall s | (min–max) | ÷ hugo wall | CPU s (user+sys) | ÷ hugo CPU | peak RSS MiB | (max) | runs |")
print("| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in sizes:
    ref = med.get((n, "hugo"))
    for t in tools:
        s, lo, hi, m, mhi, k, c = med[n, t]
        ratio = f"{s / ref[0]:.2f}" if ref else "–"
        cratio = f"{c / ref[6]:.2f}" if ref else "–"
        print(f"| {int(n):,} | {t} | {s:.2f} | {lo:.2f}–{hi:.2f} | {ratio} | {c:.1f} | {cratio} | {m:.0f} | {mhi:.0f} | {k} |")

stages = list(csv.DictReader(open(d / "stages.csv")))
if stages:
    print("\nlectern's stages (LECTERN_TIMINGS=1), median seconds:\n")
    names = list(dict.fromkeys(r["stage"] for r in stages))
    search_stage = "writing the search index"
    extra = search_stage in names
    print("| speeches | tool | " + " | ".join(names) + (" | wall − search index | ÷ hugo time |" if extra else " |"))
    print("| ---: | --- | " + " | ".join("---:" for _ in names) + (" | ---: | ---: |" if extra else " |"))
    for n in sizes:
        for t in tools:
            rs = [r for r in stages if r["speeches"] == n and r["tool"] == t]
            if not rs:
                continue
            cells = []
            for s in names:
                v = [float(r["seconds"]) for r in rs if r["stage"] == s]
                cells.append(f"{statistics.median(v):.2f}" if v else "–")
            if extra:
                # per run: wall time minus the search index stage, then the median
                wall = {r["run"]: float(r["seconds"]) for r in runs if r["speeches"] == n and r["tool"] == t}
                rest = [wall[r["run"]] - float(r["seconds"]) for r in rs if r["stage"] == search_stage]
                ref = med.get((n, "hugo"))
                if rest:
                    m = statistics.median(rest)
                    cells += [f"{m:.2f}", f"{m / ref[0]:.2f}" if ref else "–"]
                else:
                    cells += ["–", "–"]
            print(f"| {int(n):,} | {t} | " + " | ".join(cells) + " |")

print("\nRatios to Hugo (median wall time; CPU time = user + sys):\n")
for n in sizes:
    ref = med.get((n, "hugo"))
    if not ref:
        continue
    for t in tools:
        if t.startswith("lectern"):
            s, *_, m, _, _, c = med[n, t]
            print(f"- {int(n):,} speeches, {t}: {s / ref[0]:.2f}× Hugo's wall time, "
                  f"{c / ref[6]:.2f}× its CPU time, peak {med[n, t][3]:.0f} MiB")

print("\nWhat each tool wrote (last run):\n")
print("| speeches | tool | files | MB | HTML | XML | speech pages | page/1 aliases | search index files |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in sizes:
    for t in tools:
        f = files[n, t]
        print(f"| {int(n):,} | {t} | {int(f['files']):,} | {int(f['bytes']) / 1e6:.0f} | {int(f['html']):,} | "
              f"{int(f['xml']):,} | {int(f['speech_pages']):,} | {f['aliases']} | {f['search_index_files']} |")
EOF
echo >&2
echo "raw figures: $BENCH_DIR/runs.csv, $BENCH_DIR/files.csv; machine: $BENCH_DIR/machine.txt" >&2
