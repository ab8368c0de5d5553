#!/usr/bin/env python3
"""Pathological inputs: does time per MB stay flat from 1 to 100 MB?

Usage: pathological.py [--binary PATH] [--sizes 1,10,100] [--patterns digits,and,dates,counting]
                       [--commands mentions,check] [--jobs 1] [--timeout 900] [--keep DIR]

For each pattern and size (MB = 10^6 bytes) writes one .txt document of exactly that size in
a temporary directory, runs `BINARY COMMAND --jobs N FILE` with stdout to /dev/null, and
prints wall seconds, seconds per MB, net seconds per MB (after subtracting the startup
time measured on a one-line document) and peak RSS (/usr/bin/time -v when present). The
patterns, each written as one huge line except `dates`:
  digits    one run of digits, "0123456789" repeated with no separator at all
  and       "and and and …"
  dates     ten thousand dates in a row ("3 January 2020, 3 January 2020, …") ending a line,
            that block repeated
  counting  "1, 2, 3, …" counting up without end
A linear-time recognizer keeps net s/MB about the same at every size; the closing table
gives the ratio of net s/MB at the largest size to net s/MB at the smallest. A run that
exceeds --timeout is killed and the larger sizes of that pattern and command are skipped.
A benchmark, never a ctest test.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import peak as peak_rss  # bench/peak.py

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
CHUNK = 1 << 20


def digits_chunks():
    block = "0123456789" * (CHUNK // 10)
    while True:
        yield block


def and_chunks():
    block = "and " * (CHUNK // 4)
    while True:
        yield block


def dates_chunks():
    block = "3 January 2020, " * 9999 + "3 January 2020.\n"
    while True:
        yield block


def counting_chunks():
    n = 1
    while True:
        yield "".join(f"{i}, " for i in range(n, n + 100_000))
        n += 100_000


PATTERNS = {"digits": digits_chunks, "and": and_chunks, "dates": dates_chunks,
            "counting": counting_chunks}


def write_pattern(path, pattern, size):
    """Writes exactly size bytes of the pattern (ASCII, so characters are bytes)."""
    remaining = size
    with open(path, "w", encoding="ascii") as out:
        for chunk in PATTERNS[pattern]():
            if remaining <= 0:
                break
            piece = chunk[:remaining]
            out.write(piece)
            remaining -= len(piece)


def timed_run(argv, timeout):
    """Returns (exit code or 'timeout', seconds, peak RSS bytes or None, stderr tail)."""
    cmd, use_time = peak_rss.timed_command(argv)
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
    start = time.monotonic()
    # A session of its own, so a timeout kills the binary too, not only /usr/bin/time.
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "timeout", time.monotonic() - start, None, ""
    seconds = time.monotonic() - start
    err = err.decode("utf-8", "replace")
    peak, err = peak_rss.split_peak(err, use_time)
    return proc.returncode, seconds, peak, err[-1000:]


def measure_startup(args, work):
    """Best of 3 wall seconds per command on a one-line document: the fixed cost (loading and
    compiling the rules) that `net s/MB` subtracts, so small sizes are not dominated by it."""
    path = work / "startup.txt"
    path.write_text("The crowd of about 2,500 people marched on 3 January 2020.\n")
    out = {}
    for command in args.commands:
        out[command] = min(timed_run([args.binary, command, "--jobs", str(args.jobs), path],
                                     args.timeout)[1] for _ in range(3))
    path.unlink()
    return out


def comma_list(text, allowed=None):
    items = [x.strip() for x in text.split(",") if x.strip()]
    if allowed:
        bad = [x for x in items if x not in allowed]
        if bad:
            raise argparse.ArgumentTypeError(f"unknown {bad}; choose from {sorted(allowed)}")
    return items


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", type=Path, default=ROOT / "build" / "claimcheck")
    parser.add_argument("--sizes", type=lambda s: [float(x) for x in comma_list(s)],
                        default=[1, 10, 100], help="sizes in MB, comma-separated")
    parser.add_argument("--patterns", type=lambda s: comma_list(s, PATTERNS),
                        default=list(PATTERNS))
    parser.add_argument("--commands", type=comma_list, default=["mentions", "check"])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    parser.add_argument("--keep", type=Path, help="write the inputs there and keep them")
    args = parser.parse_args()

    per_mb = {}
    with tempfile.TemporaryDirectory(prefix="claimcheck-patho-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        startup = measure_startup(args, work)
        print("startup (a one-line document): " +
              ", ".join(f"{c} {s:.2f} s" for c, s in startup.items()))
        print(f"{'pattern':10s}{'MB':>7s}  {'command':10s}{'seconds':>10s}{'s/MB':>9s}"
              f"{'net s/MB':>10s}{'RSS MB':>9s}  exit", flush=True)
        for pattern in args.patterns:
            gave_up = set()
            for size_mb in sorted(args.sizes):
                path = work / f"{pattern}-{size_mb:g}MB.txt"
                write_pattern(path, pattern, int(size_mb * MB))
                for command in args.commands:
                    if command in gave_up:
                        print(f"{pattern:10s}{size_mb:7g}  {command:10s}{'skipped':>10s}",
                              flush=True)
                        continue
                    code, seconds, peak, err = timed_run(
                        [args.binary, command, "--jobs", str(args.jobs), path], args.timeout)
                    net = max(seconds - startup[command], 0.0) / size_mb
                    if code == "timeout":
                        gave_up.add(command)
                    else:
                        per_mb[(pattern, command, size_mb)] = net
                    rss = f"{peak / MB:9.1f}" if peak is not None else f"{'?':>9s}"
                    print(f"{pattern:10s}{size_mb:7g}  {command:10s}{seconds:10.2f}"
                          f"{seconds / size_mb:9.3f}{net:10.3f}{rss}  {code}", flush=True)
                    if code not in (0, 1, "timeout") and err.strip():
                        print("    " + err.strip().splitlines()[-1][:300], flush=True)
                if args.keep is None:
                    path.unlink()

    small, large = min(args.sizes), max(args.sizes)
    if small != large:
        print(f"\nnet s/MB at {large:g} MB / net s/MB at {small:g} MB (about 1 = linear):")
        for pattern in args.patterns:
            for command in args.commands:
                a = per_mb.get((pattern, command, small))
                b = per_mb.get((pattern, command, large))
                ratio = f"{b / a:.2f}" if a and b else "n/a"
                print(f"  {pattern:10s}{command:10s}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
