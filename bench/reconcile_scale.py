#!/usr/bin/env python3
"""Scaling of reconciliation: many small reports of few events, and one event told 10,000 times.

Usage: reconcile_scale.py [--binary PATH] [--sizes 1000,4000,16000] [--one-event 10000]
                          [--command check|reconcile] [--runs 1] [--timeout 900] [--keep DIR]

Writes, in a temporary directory, one JSONL file per size of N small distinct documents:
two- or three-sentence reports of a handful of events (an earthquake, a bombing, a flood …,
each in its own country and on its own date), each report with an outlet (`source`, one of
a few hundred), a publication date a few days after its event, a death toll that rises with
that date, an injury count, the event's date, and now and then a copy of another outlet's
sentence (a wire story) or a second report by the same outlet. `--one-event N` adds N
one-sentence reports of one event whose tolls are all lower bounds ("at least 42"): one group
of N claims that agree, so every copy and outlet is weighed (the reconciler's worst case).

Then, per file, it runs

    claimcheck check --quiet --fail-on none --format json -o /dev/null FILE      (--command check)

or, with `--command reconcile`, `claimcheck extract FILE > claims.jsonl` once (not timed) and
`claimcheck reconcile --quiet --fail-on none --format json -o /dev/null claims.jsonl`, and
prints documents, claims, seconds (best of --runs), peak RSS and the growth exponent against
the previous size (log(t2/t1)/log(n2/n1): 1 is linear, 2 quadratic). A benchmark, never a
ctest test; standard library only (bench/README.md).
"""

import argparse
import datetime
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import peak as peak_rss  # bench/peak.py

ROOT = Path(__file__).resolve().parent.parent

EVENTS = [  # (event word, country, event date)
    ("earthquake", "Indonesia", datetime.date(2024, 3, 4)),
    ("bombing", "Pakistan", datetime.date(2023, 7, 30)),
    ("flood", "Nigeria", datetime.date(2022, 10, 9)),
    ("landslide", "Nepal", datetime.date(2021, 8, 12)),
    ("earthquake", "Turkey", datetime.date(2020, 1, 24)),
    ("attack", "Somalia", datetime.date(2019, 12, 28)),
    ("storm", "Philippines", datetime.date(2019, 11, 20)),
    ("shooting", "Mexico", datetime.date(2018, 6, 2)),
]

TEMPLATES = [  # {n} the toll, {w} event word, {c} country, {d} the event's date
    "At least {n} people were killed when a {w} struck {c} on {d}, officials said.",
    "The {w} in {c} on {d} killed {n} people, according to officials.",
    "The death toll from the {w} in {c} rose to {n} on {p}.",
    "Some {n} people died in the {w} that hit {c} on {d}.",
]
INJURED = [
    "More than {k} others were injured, the disaster agency said.",
    "Hospitals treated {k} people for injuries.",
    "At least {k} people were injured.",
]
CLOSERS = [
    "Rescue teams were still searching the area.",
    "The government declared three days of mourning.",
    "Aid groups appealed for blankets and clean water.",
    "Roads into the region remained blocked.",
]

OUTLETS = [f"{name}{k}.example" for k in range(40)
           for name in ("daily", "herald", "wire", "times", "post", "news", "courier")]


def long_date(d):
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def toll(base, days_after, rng):
    """A toll that grows with the days since the event, with outlets rounding differently."""
    grown = base + base * days_after // 3
    return max(1, grown + rng.choice((0, 0, 0, 1, -1, 2)))


def small_docs(n, rng):
    """n distinct records over EVENTS: a toll, an injury count, the date; some wire copies."""
    records, sentences = [], []
    bases = [rng.randrange(8, 60) for _ in EVENTS]
    for i in range(n):
        e = i % len(EVENTS)
        word, country, day = EVENTS[e]
        after = rng.randrange(0, 6)
        published = day + datetime.timedelta(days=after)
        outlet = rng.choice(OUTLETS)
        if sentences and rng.random() < 0.1:  # a wire copy: another report's first sentence
            first = rng.choice(sentences[-50:])
        else:
            first = rng.choice(TEMPLATES).format(n=toll(bases[e], after, rng), w=word, c=country,
                                                 d=long_date(day), p=long_date(published))
            if first.startswith("The death toll") or rng.random() < 0.3:
                sentences.append(first)
        text = " ".join([first, rng.choice(INJURED).format(k=rng.randrange(10, 400)),
                         rng.choice(CLOSERS)])
        records.append({"id": f"r{i:06d}", "source": outlet, "published": published.isoformat(),
                        "title": f"{word.capitalize()} in {country}", "text": text})
    return records


ONE_EVENT = [  # lower bounds: every toll agrees with every other, so sources are counted
    "At least {n} people were killed when an {w} struck {c} on {d}, officials said.",
    "More than {n} people died in the {w} that hit {c} on {d}.",
    "The {w} that struck {c} on {d} has killed at least {n} people.",
]


def one_event(n, rng):
    """n one-sentence reports of one earthquake: lower bounds on a toll rising over ten days."""
    word, country, day = EVENTS[0]
    records = []
    for i in range(n):
        after = rng.randrange(0, 10)
        published = day + datetime.timedelta(days=after)
        text = rng.choice(ONE_EVENT).format(n=toll(30, after, rng), w=word, c=country,
                                            d=long_date(day))
        records.append({"id": f"e{i:06d}", "source": rng.choice(OUTLETS),
                        "published": published.isoformat(), "text": text})
    return records


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as out:
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def timed_run(argv, timeout):
    """Runs argv; returns (exit code, wall seconds, peak RSS bytes or None, stderr tail)."""
    cmd, use_time = peak_rss.timed_command(argv)
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, timeout, None, "timed out"
    seconds = time.monotonic() - start
    peak, err = peak_rss.split_peak(proc.stderr.decode("utf-8", "replace"), use_time)
    return proc.returncode, seconds, peak, err[-2000:]


def count_claims(binary, path):
    out = subprocess.run([str(binary), "extract", str(path)], capture_output=True, check=True,
                         env=dict(os.environ, LC_ALL="C.UTF-8")).stdout
    return out, sum(1 for line in out.splitlines() if b'"record":"claim"' in line)


def measure(args, name, path, docs):
    """One line of the table: documents, claims, best seconds, peak RSS, exponent input."""
    extracted, claims = count_claims(args.binary, path)
    report = ["--quiet", "--fail-on", "none", "--format", "json", "-o", "/dev/null"]
    if args.command == "reconcile":
        target = path.with_suffix(".claims.jsonl")
        target.write_bytes(extracted)
        argv = [args.binary, "reconcile", *report, target]
    else:
        argv = [args.binary, "check", *report, path]
    best, peak = None, None
    for _ in range(args.runs):
        code, seconds, run_peak, err = timed_run(argv, args.timeout)
        if code is None:
            print(f"{name:>10} {docs:>7} {claims:>7}  timed out after {args.timeout} s", flush=True)
            return None
        if code != 0:
            sys.exit(f"{name}: exit {code}: {err}")
        best = seconds if best is None else min(best, seconds)
        peak = run_peak if peak is None else max(peak, run_peak or 0)
    mb = f"{peak / 1e6:8.1f}" if peak else "       ?"
    return best, mb, claims


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", type=Path, default=ROOT / "build" / "claimcheck")
    parser.add_argument("--sizes", default="1000,4000,16000",
                        help="documents per corpus of small reports, comma-separated")
    parser.add_argument("--one-event", type=int, default=10000,
                        help="one-sentence reports of one event (0: skip)")
    parser.add_argument("--command", choices=("check", "reconcile"), default="check")
    parser.add_argument("--runs", type=int, default=1, help="runs per size; the best is shown")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a run is killed")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--keep", type=Path, help="write the inputs there and keep them")
    args = parser.parse_args()
    if not args.binary.exists():
        sys.exit(f"no binary at {args.binary} (build first, bench/README.md)")

    with tempfile.TemporaryDirectory(prefix="claimcheck-reconcile-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        cases = [(f"small", int(s), small_docs) for s in args.sizes.split(",") if s]
        if args.one_event:
            cases.append(("one-event", args.one_event, one_event))
        print(f"claimcheck {args.command}, {args.binary}, best of {args.runs}")
        print(f"{'corpus':>10} {'docs':>7} {'claims':>7} {'seconds':>8} {'peak MB':>8} {'exponent':>8}")
        previous = None
        for name, n, make in cases:
            path = work / f"{name}-{n}.jsonl"
            write_jsonl(path, make(n, random.Random(args.seed)))
            result = measure(args, name, path, n)
            if result is None:
                previous = None
                continue
            seconds, mb, claims = result
            exponent = ""
            if previous and previous[0] == name and previous[1] != n:
                exponent = f"{math.log(seconds / previous[2]) / math.log(n / previous[1]):8.2f}"
            print(f"{name:>10} {n:>7} {claims:>7} {seconds:8.2f} {mb} {exponent:>8}", flush=True)
            previous = (name, n, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
