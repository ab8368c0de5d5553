#!/usr/bin/env python3
"""Hostile shapes (issue 15): time per MB and peak RSS against ordinary prose.

Usage: hostile.py [--binary PATH] [--corpus FILE] [--sizes 1,10] [--shapes all]
                  [--commands check,extract] [--format json] [--jobs 1] [--timeout 900]
                  [--keep DIR]

For each shape and size (MB = 10^6 bytes of input file) writes the input in a temporary
directory, runs `BINARY COMMAND --jobs N --format F FILE` (extract: without --format) with
stdout to a file, once, and prints wall, user+system CPU seconds, CPU seconds per MB and peak
RSS (/usr/bin/time -v when present, bench/peak.py), the ratio of each shape's CPU s/MB to
ordinary prose's at the same size and command (aim: within 3x), and the output's size. The shapes:
  prose     ordinary prose: the corpus (ECB+ articles) in copies with distinct ids (JSONL)
  anchors   one .txt document: "On 3 January 2020 the storm began." then "Two days later, it
            rained again." on every line (each anchored on the line before)
  reports   JSONL: many one-sentence reports of one event ("At least N people died in the
            storm in Lima on 3 January 2020."), N drifting so they disagree
  longline  one .txt document of one line: the corpus's prose joined by spaces, no newline
  numbers   one .txt document of numbers: "At least N people died and M were injured." with
            N, M counting up, many sentences a line
A run past --timeout is killed, reported as such, and the larger sizes of that shape and
command are skipped. A benchmark, never a ctest test; CPU seconds are the figures to read on a
shared machine (wall time includes waiting for a core).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import peak as peak_rss  # bench/peak.py
from copies import read_records, replicate, text_of  # bench/copies.py

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
SHAPES = ["prose", "anchors", "reports", "longline", "numbers"]


def write_lines(path, size, lines):
    """Writes lines from the iterator until size bytes (cut at a line's end)."""
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for line in lines:
            if written >= size:
                break
            out.write(line)
            written += len(line.encode("utf-8"))


def anchors():
    yield "On 3 January 2020 the storm began.\n"
    while True:
        yield "Two days later, it rained again.\n"


def reports():
    i = 0
    while True:
        rec = {"id": f"r{i}", "published": "2020-01-04",
               "text": f"At least {10 + i % 7} people died in the storm in Lima on 3 January 2020."}
        yield json.dumps(rec) + "\n"
        i += 1


def numbers():
    n = 1
    while True:
        yield " ".join(f"At least {n + k} people died and {2 * (n + k)} were injured."
                       for k in range(10)) + "\n"
        n += 10


def longline(corpus):
    texts = [" ".join(text_of(r).split()) for r in read_records(corpus)]
    while True:
        for t in texts:
            yield t + " "


def write_shape(shape, path, size, corpus):
    if shape == "prose":
        replicate(corpus, path, size)
    elif shape == "anchors":
        write_lines(path, size, anchors())
    elif shape == "reports":
        write_lines(path, size, reports())
    elif shape == "numbers":
        write_lines(path, size, numbers())
    elif shape == "longline":
        write_lines(path, size, longline(corpus))
    return os.path.getsize(path)


def suffix(shape):
    return ".jsonl" if shape in ("prose", "reports") else ".txt"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=str(ROOT / "build" / "claimcheck"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "ecbplus" / "all_982_docs.jsonl"))
    ap.add_argument("--sizes", default="1,10")
    ap.add_argument("--shapes", default="all")
    ap.add_argument("--commands", default="check,extract")
    ap.add_argument("--format", default="json",
                    help="check's --format (json; text, markdown, html, sarif, ... measure the writers for people)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--keep", help="keep the inputs in DIR")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    shapes = SHAPES if args.shapes == "all" else args.shapes.split(",")
    if "prose" not in shapes:
        shapes = ["prose"] + shapes
    commands = args.commands.split(",")
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    print(f"# {args.binary} (commit {commit}), --jobs {args.jobs}, check --format {args.format}, nproc {os.cpu_count()}, "
          f"load {os.getloadavg()[0]:.2f}")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="claimcheck-hostile-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{'shape':9} {'MB':>5} {'command':8} {'exit':>7} {'wall s':>8} {'cpu s':>8} "
          f"{'cpu s/MB':>9} {'peak MB':>8} {'x prose':>8} {'out MB':>8}")
    prose = {}
    skip = set()
    for shape in shapes:
        for size in sizes:
            path = work / f"{shape}-{size:g}MB{suffix(shape)}"
            if not path.exists():
                write_shape(shape, path, int(size * MB), args.corpus)
            mb = os.path.getsize(path) / MB
            for command in commands:
                if (shape, command) in skip:
                    continue
                argv = [args.binary, command, "--jobs", str(args.jobs), "--quiet"]
                if command == "check":
                    argv += ["--format", args.format]
                out_path = work / "output"
                with open(out_path, "wb") as out:
                    run = peak_rss.run(argv + [path], stdout=out, timeout=args.timeout,
                                       env=dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1"))
                out_mb = out_path.stat().st_size / MB
                out_path.unlink()
                cpu = run.user + run.sys
                per_mb = cpu / mb
                if shape == "prose":
                    prose[(size, command)] = per_mb
                ratio = per_mb / prose[(size, command)] if (size, command) in prose else float("nan")
                peak = f"{run.peak / 2**20:.0f}" if run.peak else "?"
                print(f"{shape:9} {mb:5.2f} {command:8} {run.code!s:>7} {run.wall:8.2f} {cpu:8.2f} "
                      f"{per_mb:9.2f} {peak:>8} {ratio:8.2f} {out_mb:8.2f}", flush=True)
                if run.code == "timeout":
                    skip.add((shape, command))
                elif run.code not in (0, 1):
                    print(f"  stderr: {run.stderr[-500:]}", file=sys.stderr)
    if not args.keep:
        for f in work.iterdir():
            f.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
