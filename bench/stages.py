#!/usr/bin/env python3
"""Where one `lectern build` spends its CPU time and memory, stage by stage.

    python3 bench/stages.py --lectern target/release/lectern --root /tmp/a10k/lectern
    python3 bench/stages.py ... --output /dev/shm/out   # leave the file system out

Runs a cold build (the build cache is deleted first, the output folder must
not exist) with LECTERN_TIMINGS=1, samples the process every 20 ms from /proc
(user and system CPU time, resident memory, page faults) and cuts the samples
at the stage lines lectern prints as each stage ends. CPU time per stage is
what a shared machine distorts least: wall time grows with the load, CPU time
much less.
"""

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def sample(pid):
    """(user s, system s, minor faults, resident MiB, peak resident MiB) of pid."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is the state (field 3 of proc(5)): minflt is field 10, utime 14, stime 15
    minflt, utime, stime = int(fields[7]), int(fields[11]), int(fields[12])
    rss = hwm = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) / 1024
    return utime / TICK, stime / TICK, minflt, rss, hwm


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--lectern", required=True)
    p.add_argument("--root", required=True)
    p.add_argument("--output", default=None, help="default: a fresh folder in /tmp")
    p.add_argument("--keep", action="store_true", help="keep the output folder")
    a = p.parse_args()

    out = a.output or f"/tmp/lectern-stages-{os.getpid()}"
    if os.path.exists(out):
        sys.exit(f"stages: {out} exists; give a new output folder")
    shutil.rmtree(os.path.join(a.root, ".lectern-cache"), ignore_errors=True)
    env = dict(os.environ, LECTERN_TIMINGS="1")
    started = time.monotonic()
    proc = subprocess.Popen(
        [a.lectern, "build", "--root", a.root, "--output", out],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True,
    )
    samples = []  # (seconds since start, user, sys, minflt, rss, hwm)
    done = threading.Event()

    def poll():
        while not done.is_set():
            try:
                samples.append((time.monotonic() - started, *sample(proc.pid)))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                break
            time.sleep(0.02)

    poller = threading.Thread(target=poll)
    poller.start()
    stages = []  # (label, end time)
    lines = []
    for line in proc.stderr:
        lines.append(line)
        label, sep, rest = line.rstrip().rpartition(": ")
        if sep and rest.endswith(" s") and label and label[0].isalpha() and label.islower():
            stages.append((label, time.monotonic() - started))
    # the last sample before exit: the process is a zombie until waited for
    usage_before = os.wait4(proc.pid, 0)
    done.set()
    poller.join()
    ru = usage_before[2]
    wall = time.monotonic() - started
    if usage_before[1] != 0:
        sys.stdout.write("".join(lines))
        sys.exit(f"stages: lectern failed (status {usage_before[1]})")
    if not a.keep:
        shutil.rmtree(out, ignore_errors=True)

    print(f"{'stage':28} {'user s':>7} {'sys s':>7} {'faults':>9} {'peak RSS MiB':>13}")
    prev = (0.0, 0.0, 0.0, 0, 0.0, 0.0)
    bounds = stages + [("(after the last stage)", wall)]
    for label, end in bounds:
        inside = [s for s in samples if prev[0] <= s[0] < end]
        last = inside[-1] if inside else prev
        peak = max((s[4] for s in inside), default=0.0)
        print(f"{label:28} {last[1] - prev[1]:7.2f} {last[2] - prev[2]:7.2f} {last[3] - prev[3]:9d} {peak:13.0f}")
        prev = last
    print(f"{'whole build':28} {ru.ru_utime:7.2f} {ru.ru_stime:7.2f} {ru.ru_minflt:9d} {ru.ru_maxrss / 1024:13.0f}"
          f"   wall {wall:.2f} s, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
