#!/usr/bin/env python3
"""Map and reduce give the report of one run: `extract` over a corpus, its records split into
three shards in shuffled order, then `reconcile` over the shards, must print the same bytes as
`check` over the corpus (DESIGN.md section 6; the reconciler issue).

Usage: shards_test.py --binary PATH [INPUT ...]   (default inputs: fixtures/seeds and two
ecbplus clusters; run from the repository root). Ends with `N passed, M failed`.
"""
import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path


def run(binary, args):
    return subprocess.run([binary] + args, capture_output=True, check=False)


def check_input(binary, path, seed):
    extracted = run(binary, ["extract", "-q", path])
    if extracted.returncode != 0:
        return f"extract exited {extracted.returncode}"
    lines = extracted.stdout.decode().splitlines(keepends=True)
    random.Random(seed).shuffle(lines)
    third = len(lines) // 3 + 1
    with tempfile.TemporaryDirectory() as tmp:
        shards = []
        for i in range(3):
            shard = Path(tmp) / f"shard{i}.jsonl"
            shard.write_text("".join(lines[i * third:(i + 1) * third]))
            shards.append(str(shard))
        shards.reverse()
        reduced = run(binary, ["reconcile", "-q", "--format", "json", "--fail-on", "none"] + shards)
    checked = run(binary, ["check", "-q", "--format", "json", "--fail-on", "none", path])
    if reduced.returncode != 0 or checked.returncode != 0:
        return f"exit codes: reconcile {reduced.returncode}, check {checked.returncode}"
    if reduced.stdout != checked.stdout:
        return "reconcile over shuffled shards differs from check"
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("inputs", nargs="*", default=[
        "fixtures/seeds", "fixtures/ecbplus-c01", "fixtures/ecbplus-c09"])
    args = parser.parse_args()
    failed = 0
    for seed, path in enumerate(args.inputs):
        why = check_input(args.binary, path, seed)
        print(f"{'FAIL' if why else 'PASS'} {path}{': ' + why if why else ''}")
        failed += bool(why)
    print(f"{len(args.inputs) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
