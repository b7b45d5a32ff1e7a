#!/usr/bin/env python3
"""Time from saving a speech to its rebuilt page being served by `lectern serve`.

    bench/serve_latency.py --lectern target/release/lectern --root SITE [--edits 20]

Starts `lectern serve` on SITE (a copy you do not mind being edited: the script
appends a marker paragraph to speeches and removes it at the end), waits for the
first build, then repeatedly appends a unique marker to one speech file and fetches
that speech's page as an open browser tab does: it listens to the live-reload
event stream, and on each `reload` event fetches the page, until the marker is in
it. (Polling the page instead would load the two cores the rebuild runs on.)
Prints every latency, then the median and the maximum, and the server's own
figure for the rebuild. Between edits it waits until the server has also renewed
the search index and related speeches, so each edit starts from a settled server.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """User plus system CPU time of a process so far, from /proc (Linux)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def reload_events(port):
    """Subscribes to the live-reload stream now; the returned generator yields
    once per `reload` event that follows."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /__lectern/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Accept: text/event-stream\r\n\r\n")
    buffered = b""
    while b"\r\n\r\n" not in buffered:
        buffered += sock.recv(65536)
    buffered = buffered.split(b"\r\n\r\n", 1)[1]

    def events():
        nonlocal buffered
        try:
            while True:
                while b"\n\n" in buffered:
                    event, buffered = buffered.split(b"\n\n", 1)
                    if b"event: reload" in event:
                        yield
                chunk = sock.recv(65536)
                if not chunk:
                    return
                buffered += chunk
        finally:
            sock.close()

    return events()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lectern", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()

    speeches = []
    for folder, _, names in os.walk(os.path.join(args.root, "content")):
        speeches += [os.path.join(folder, n) for n in names if n.endswith(".md")]
    speeches.sort()
    port = free_port()
    log = open(os.path.join(args.root, "serve-bench.log"), "w")
    server = subprocess.Popen(
        [args.lectern, "serve", "--root", args.root, "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    originals = {}
    try:
        started = time.time()
        while not get(base):
            if server.poll() is not None:
                sys.exit("lectern serve exited; see serve-bench.log")
            time.sleep(0.05)
        print(f"first build served after {time.time() - started:.1f} s", flush=True)
        latencies = []
        cpu = []
        for n in range(args.edits):
            path = speeches[(n * 7919) % len(speeches)]
            text = originals.setdefault(path, open(path, encoding="utf-8").read())
            slug = re.search(r'^slug\s*=\s*"([^"]+)"', text, re.M)
            name = slug.group(1) if slug else os.path.splitext(os.path.basename(path))[0]
            url = f"{base}speeches/{name}/"
            if "<html" not in get(url):
                sys.exit(f"cannot find the page of {path} at {url}")
            marker = f"基准标记{n}号{time.time_ns()}"
            events = reload_events(port)
            cpu0 = cpu_seconds(server.pid)
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text + f"\n\n{marker}\n")
            for _ in events:
                if marker in get(url):
                    break
            else:
                sys.exit("the event stream ended before the edit showed up")
            events.close()
            latency = (time.perf_counter() - t0) * 1000
            latencies.append(latency)
            cpu.append((cpu_seconds(server.pid) - cpu0) * 1000)
            print(f"edit {n + 1}: {latency:.0f} ms (server CPU {cpu[-1]:.0f} ms)", flush=True)
            # Let the search index and related speeches catch up before the next edit.
            seen = os.path.getsize(log.name)
            deadline = time.time() + 120
            while time.time() < deadline:
                time.sleep(0.2)
                with open(log.name, encoding="utf-8", errors="replace") as f:
                    f.seek(seen)
                    if "Search index and related speeches updated" in f.read():
                        break
        print(f"median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms "
              f"over {len(latencies)} edits; server CPU median {statistics.median(cpu):.0f} ms")
        with open(log.name, encoding="utf-8", errors="replace") as f:
            builds = [int(m) for m in re.findall(r"made anew in (\d+) ms", f.read())][1:]
        if builds:
            print(f"the server's own figure for these rebuilds (first step): median "
                  f"{statistics.median(builds):.0f} ms, max {max(builds)} ms")
    finally:
        server.terminate()
        server.wait()
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main()
