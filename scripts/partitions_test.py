#!/usr/bin/env python3
"""A batch in pieces gives the report of one run (the map and reduce of dask/claimcheck_dask.py,
without Dask):

  slices      `extract --slice` over random byte ranges of a JSONL file (blank lines, a
              malformed record, a record with NUL, no final newline), concatenated in order,
              prints the bytes of `extract` over the whole file; a file without records is
              reported once, by the range that starts at 0;
  partitions  extract → `reconcile --stage route` → `years` → `partial` per partition →
              `merge` prints the bytes of `check`, for 1, 3 and 17 partitions, with a ledger,
              in json and text, with the exit code of `check`.

Usage: partitions_test.py --binary PATH (from the repository root). Ends with `N passed, M failed`.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path


def run(binary, args, stdin=b""):
    return subprocess.run([binary] + args, input=stdin, capture_output=True, check=False)


def slices_test(binary, path, seed, cuts=7):
    size = os.path.getsize(path)
    whole = run(binary, ["extract", "-q", path])
    rng = random.Random(seed)
    points = sorted({0, size, *(rng.randint(0, size) for _ in range(cuts))})
    pieces = []
    for start, end in zip(points, points[1:] or [size]):
        done = run(binary, ["extract", "-q", "--slice", f"{start}:{end}", path])
        pieces.append(done.stdout)
    if points == [0]:
        pieces = [run(binary, ["extract", "-q", "--slice", "0:0", path]).stdout]
    if b"".join(pieces) != whole.stdout:
        return f"slices at {points} differ from the whole file"
    return ""


def staged(binary, inputs, partitions, report_args, facts):
    """The batch in `partitions` partitions; returns (stdout, exit code) of the merge."""
    ledger = ["--facts", facts] if facts else []
    routed = []
    for path in inputs:  # one map task per input, as the runner does for whole inputs
        extracted = run(binary, ["extract", "-q", path])
        routed.append(run(binary, ["reconcile", "-q", "--stage", "route", "--partitions",
                                   str(partitions), "-"], extracted.stdout).stdout)
    buckets = {}
    for out in routed:
        for line in out.splitlines(keepends=True):
            key, _, record = line.partition(b"\t")
            buckets.setdefault(key, []).append(record)
    years = run(binary, ["reconcile", "-q", "--stage", "years", "-"], b"".join(buckets.pop(b"y", []))).stdout
    partials = []
    for key in sorted(buckets, reverse=True):  # any order
        done = run(binary, ["reconcile", "-q", "--stage", "partial"] + ledger + ["-"],
                   years + b"".join(buckets[key]))
        if done.returncode != 0:
            raise RuntimeError(f"partial {key}: {done.stderr.decode()}")
        partials.append(done.stdout)
    merged = run(binary, ["reconcile", "-q", "--stage", "merge"] + report_args + ["-"], b"".join(partials))
    return merged.stdout, merged.returncode


def partitions_test(binary, inputs, partitions, report_args, facts=None):
    ledger = ["--facts", facts] if facts else []
    checked = run(binary, ["check", "-q"] + ledger + report_args + inputs)
    merged, code = staged(binary, inputs, partitions, report_args, facts)
    if code != checked.returncode:
        return f"exit codes: merge {code}, check {checked.returncode}"
    if merged != checked.stdout:
        return "merged partitions differ from check"
    return ""


def odd_jsonl(directory):
    """A JSONL file with what a map over ranges must keep: blank lines, a malformed record,
    NUL, records without ids, and no newline at the end."""
    seeds = sorted(Path("fixtures/seeds").glob("*.txt"))
    lines = []
    for i, seed in enumerate(seeds):
        text = seed.read_text()
        lines.append('{"text": %s}' % __import__("json").dumps(text))
        lines.append("")
        lines.append("   ")
        if i == 0:
            lines.append('{"id": "broken", "text": ')
            lines.append('{"id": "nul", "text": "a\\u0000b"}')
    path = Path(directory) / "odd.jsonl"
    path.write_text("\n".join(lines))
    empty = Path(directory) / "blank.jsonl"
    empty.write_text("\n  \n\n")
    return str(path), str(empty)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    ecb = "../shared/corpora/ecbplus"
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        odd, blank = odd_jsonl(tmp)
        for seed, path in enumerate([odd, blank, f"{ecb}/C01_gaza_un_school_strike_2009.jsonl"]):
            results.append((f"slices {Path(path).name}", slices_test(args.binary, path, seed)))
        results.append(("slices: every cut of a small file",
                        next((why for n in range(12) if (why := slices_test(args.binary, blank, n, 2))), "")))
        cases = [
            (["fixtures/seeds"], 3, ["--format", "json"], None),
            (["fixtures/seeds", odd, blank], 17, ["--format", "text", "--color", "never"], None),
            (sorted(str(p) for p in Path(ecb).glob("C*.jsonl")), 1, ["--format", "json"], None),
            (sorted(str(p) for p in Path(ecb).glob("C*.jsonl")), 17, ["--format", "json"], None),
            (["fixtures/ledger/draft-contradict.md", "fixtures/ledger/draft-clean.md", "fixtures/seeds"], 3,
             ["--format", "json"], "fixtures/ledger/facts.toml"),
        ]
        for inputs, partitions, report_args, facts in cases:
            name = f"partitions {partitions}: {' '.join(Path(i).name for i in inputs[:3])}"
            results.append((name, partitions_test(args.binary, inputs, partitions, report_args, facts)))
    failed = 0
    for name, why in results:
        print(f"{'FAIL' if why else 'PASS'} {name}{': ' + why if why else ''}")
        failed += bool(why)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
