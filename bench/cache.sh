#!/usr/bin/env bash
# Warm versus cold `lectern build` on one archive: the build cache (issue 4).
#
#   bench/cache.sh ARCHIVE            # ARCHIVE: a lectern site, e.g. from bench/gen_archive.py
#   RUNS=5 LECTERN=target/release/lectern bench/cache.sh /tmp/lectern-bench/archive-10000/lectern
#
# Each run times, with GNU time (wall seconds, peak RSS, CPU seconds):
#   cold    no cache and no output folder (both deleted first, not timed)
#   warm    the same build again, nothing changed
#   edited  one speech changed (a sentence appended; put back afterwards)
# and checks that the warm output is byte-identical to the cold one (diff -r).
# Prints every run and the medians. Needs GNU time at /usr/bin/time.

set -euo pipefail
ARCHIVE=${1:?usage: bench/cache.sh ARCHIVE}
RUNS=${RUNS:-5}
LECTERN=${LECTERN:-$(cd "$(dirname "$0")/.." && pwd)/target/release/lectern}
SCRATCH=${BENCH_DIR:-/tmp/lectern-bench}/cache
mkdir -p "$SCRATCH"
OUT=$SCRATCH/out CACHE=$SCRATCH/cache COLD=$SCRATCH/cold-copy

speech=$(find "$ARCHIVE/content" -name "*.md" | sort | sed -n 1p)
cp "$speech" "$SCRATCH/speech.orig"
trap 'cp "$SCRATCH/speech.orig" "$speech"' EXIT

timed() { # label → appends "label wall rss cpu" to the results
    local label=$1
    /usr/bin/time -f "%e %M %U %S" -o "$SCRATCH/time" \
        "$LECTERN" build --root "$ARCHIVE" --output "$OUT" --cache "$CACHE" 2>"$SCRATCH/log" >/dev/null
    read -r wall rss user sys <"$SCRATCH/time"
    local cpu
    cpu=$(echo "$user + $sys" | bc)
    echo "$label $wall $((rss / 1024)) $cpu" | tee -a "$SCRATCH/results"
}

: >"$SCRATCH/results"
echo "archive: $ARCHIVE ($(find "$ARCHIVE/content" -name '*.md' | wc -l) speeches); $(nproc) cores; $(date -u)"
echo "run: label wall_s peak_MiB cpu_s"
for run in $(seq "$RUNS"); do
    rm -rf "$OUT" "$CACHE"
    timed cold
    rm -rf "$COLD"; cp -a "$OUT" "$COLD"
    timed warm
    diff -r -q "$OUT" "$COLD" >/dev/null || { echo "warm output differs from cold" >&2; exit 1; }
    echo "一段为基准测试加上的话（第${run}次）。" >>"$speech"
    timed edited
    cp "$SCRATCH/speech.orig" "$speech"
done
echo
echo "medians over $RUNS runs:"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for label in cold warm edited; do
    column() { awk -v l="$label" -v c="$1" '$1 == l { print $c }' "$SCRATCH/results" | median; }
    printf "%-7s wall %6s s   peak %5s MiB   cpu %6s s\n" "$label" "$(column 2)" "$(column 3)" "$(column 4)"
done
