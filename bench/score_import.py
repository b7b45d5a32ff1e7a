#!/usr/bin/env python3
"""Imports a corpus with `lectern import` and scores every field against its meta.csv.

A corpus is a folder of documents (one file each) and a meta.csv whose header row
names `file` and the expected fields (title, date, speaker, role, occasion, place;
any subset). For each field, over the documents whose meta.csv gives a value:
right, wrong (a different value) and missing (left out). A value written where
meta.csv has none is counted apart ("extra"): in a corpus whose meta.csv is
complete it is an invention; where meta.csv is not, the text may state it.

    python3 bench/score_import.py CORPUS [--lectern target/release/lectern]
"""

import argparse
import csv
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

FIELDS = ["title", "date", "speaker", "role", "occasion", "place"]


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    head = text.split("+++\n", 2)[1]
    source = re.search(r"^# Imported by `lectern import` from (.+) \(", head, re.M)
    return tomllib.loads(head), source.group(1) if source else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--lectern", default="target/release/lectern")
    args = parser.parse_args()

    with open(args.corpus / "meta.csv", encoding="utf-8-sig", newline="") as f:
        rows = {row["file"]: row for row in csv.DictReader(f)}
    fields = [f for f in FIELDS if f in next(iter(rows.values()))]

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        (site / "content").mkdir(parents=True)
        (site / "site.toml").write_text('title = "bench"\n', encoding="utf-8")
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        for name in rows:
            shutil.copy(args.corpus / name, inbox / name)
        started = time.monotonic()
        run = subprocess.run(
            [args.lectern, "import", "--root", str(site), str(inbox)],
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - started
        if run.returncode not in (0, 1):
            sys.exit(f"lectern import failed ({run.returncode}):\n{run.stderr}")
        imported = {}
        for path in (site / "content").rglob("*.md"):
            fields_of, source = front_matter(path)
            if source:
                imported[source] = fields_of

    counts = {f: {"right": 0, "wrong": 0, "missing": 0, "extra": 0, "stated": 0} for f in fields}
    for name, row in rows.items():
        got = imported.get(name, {})
        for field in fields:
            expected = (row.get(field) or "").strip()
            value = str(got.get(field, "")).strip()
            c = counts[field]
            if not expected:
                c["extra"] += bool(value)
                continue
            c["stated"] += 1
            if not value:
                c["missing"] += 1
            elif value == expected:
                c["right"] += 1
            else:
                c["wrong"] += 1

    print(f"{args.corpus.name}: {len(rows)} documents, {len(imported)} imported, {seconds:.2f} s")
    print("| field | stated | right | wrong | missing | extra |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for field in fields:
        c = counts[field]
        n = c["stated"] or 1
        share = lambda k: f"{c[k]} ({100 * c[k] / n:.1f}%)"
        print(
            f"| {field} | {c['stated']} | {share('right')} | {share('wrong')} | {share('missing')} | {c['extra']} |"
        )


if __name__ == "__main__":
    main()
