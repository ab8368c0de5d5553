#!/usr/bin/env python3
"""Throughput of `claimcheck mentions` (or another command) on ~100 MB of real news text.

Usage: mentions_throughput.py [--binary PATH] [--corpus FILE] [--mb 100] [--runs 3]
                              [--command mentions|extract|check] [--jobs 1] [--keep DIR]

Replicates the corpus (default ../shared/corpora/ecbplus/all_982_docs.jsonl, about 2 MB)
into one JSONL file of about --mb megabytes (10^6 bytes) in a temporary directory, giving
each copy of a record a unique id ("<id>~<copy>"), then runs
`BINARY COMMAND --jobs N FILE` --runs times, output to a file in the same directory.
Reports the input size, each run's wall time, the best wall time, MB/s over the best run,
the output size, and the peak RSS of the child (from /usr/bin/time -v when present, else
from getrusage, which gives the peak over all runs). A benchmark, never a ctest test.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import peak as peak_rss  # bench/peak.py
from copies import replicate  # bench/copies.py

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def timed_run(argv, stdout_path):
    """Runs argv; returns (exit code, wall seconds, peak RSS bytes or None, stderr tail)."""
    cmd, use_time = peak_rss.timed_command(argv)
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
    with open(stdout_path, "wb") as out:
        start = time.monotonic()
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE,
                              env=env)
        seconds = time.monotonic() - start
    err = proc.stderr.decode("utf-8", "replace")
    peak, err = peak_rss.split_peak(err, use_time)
    return proc.returncode, seconds, peak, err[-2000:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", type=Path, default=ROOT / "build" / "claimcheck")
    parser.add_argument("--corpus", type=Path,
                        default=ROOT.parent / "shared" / "corpora" / "ecbplus" /
                        "all_982_docs.jsonl")
    parser.add_argument("--mb", type=float, default=100, help="input size in MB (10^6 bytes)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--command", default="mentions",
                        help="subcommand to measure: mentions (default), extract, check")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build the input there and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        data = work / "bench.jsonl"
        size, docs, _ = replicate(args.corpus, data, int(args.mb * MB))
        argv = [args.binary, args.command, "--jobs", str(args.jobs), data]
        print(f"input: {data.name}, {size / MB:.1f} MB, {docs} docs "
              f"(copies of {args.corpus.name})")
        print(f"command: {args.binary.name} {args.command} --jobs {args.jobs} {data.name}")
        times, peaks = [], []
        for i in range(args.runs):
            code, seconds, peak, err = timed_run(argv, work / "out.jsonl")
            if code not in (0, 1) or (code != 0 and args.command == "mentions"):
                sys.stderr.write(err)
                print(f"run {i + 1}: exit code {code}; stopping")
                return 2
            times.append(seconds)
            if peak is not None:
                peaks.append(peak)
            print(f"run {i + 1}: {seconds:.2f} s, {size / MB / seconds:.2f} MB/s"
                  + (f", peak RSS {peak / MB:.1f} MB" if peak is not None else ""))
        out_size = (work / "out.jsonl").stat().st_size
        with open(work / "out.jsonl", "rb") as fh:
            lines = sum(1 for _ in fh)
        best = min(times)
        rss = f"{max(peaks) / MB:.1f} MB" if peaks else "unknown"
        print(f"best of {len(times)}: {best:.2f} s wall = {size / MB / best:.2f} MB/s; "
              f"peak RSS {rss}")
        print(f"output: {out_size / MB:.1f} MB, {lines} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
