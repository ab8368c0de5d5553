#!/usr/bin/env python3
"""Temporal evaluation of `claimcheck mentions` on MEANTIME (TempEval-3-style scorer).

Usage: meantime.py [--binary PATH] [--eval DIR] [--floors FILE] [--errors N] [--by-type]
                   [--update-floors [--force]] [--work DIR]

Runs `BINARY mentions EVAL/meantime/meantime.docs.jsonl`, then
`EVAL/score_timex.py --gold EVAL/meantime/meantime.gold.jsonl --pred MENTIONS --units bytes
--skip-dct --json`, and prints strict span, relaxed span and value F1 (the figures peers
report, see EVAL/README.md). The value F1 with --skip-dct (datelines excluded: they are
metadata, not recognition) is compared with the floor "meantime_value_f1" in
tests/conformance/floors.json; the figures over all mentions, datelines included, are
printed for information. Defaults locate the binary as build/claimcheck and EVAL as
../shared/eval beside the repository.

--by-type adds the recall of each gold type (DATE, DURATION, SET, TIME: how many, then the share
found with the exact span, with an overlapping span, and with the right value), --skip-dct.

--errors N lists up to N value errors, misses and spurious predictions (the scorer's own
listing). --update-floors raises the floor to the current value F1 rounded down to 3
decimals; it never lowers it unless --force is given; other keys of the file are kept.

The closing line is `1 passed, 0 failed` or `0 passed, 1 failed`. Exit code: 0 when the
floor holds, 1 when value F1 is below it, 2 when the run could not be done.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import floors as floors_file  # scripts/floors.py

ROOT = Path(__file__).resolve().parent.parent
FLOOR_KEY = "meantime_value_f1"
TIMEOUT_SECONDS = 600
EPSILON = 1e-9  # the scorer's F1 is a float: 0.5 may arrive as 0.49999999999999994


def die(message):
    print(f"meantime: {message}", file=sys.stderr)
    sys.exit(2)


def run(argv, stdout):
    """Runs argv, writing stdout to a file object; dies with stderr if it fails."""
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
    try:
        proc = subprocess.run([str(a) for a in argv], stdin=subprocess.DEVNULL, stdout=stdout,
                              stderr=subprocess.PIPE, env=env, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as e:
        die(f"cannot run {argv[0]}: {e}")
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        die(f"`{' '.join(str(a) for a in argv)}` exited with {proc.returncode}:\n{err[-2000:]}")
    return proc


def score(scorer, gold, pred, skip_dct):
    argv = [sys.executable, scorer, "--gold", gold, "--pred", pred, "--units", "bytes", "--json"]
    if skip_dct:
        argv.append("--skip-dct")
    proc = run(argv, subprocess.PIPE)
    try:
        return json.loads(proc.stdout)
    except ValueError as e:
        die(f"the scorer's output does not parse: {e}")


def prf(x):
    return f"F1 {x['f1']:.4f} (P {x['p']:.4f}, R {x['r']:.4f}, TP {x['tp']})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", type=Path, default=ROOT / "build" / "claimcheck")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--floors", type=Path,
                        default=ROOT / "tests" / "conformance" / "floors.json")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="list up to N value errors, misses and spurious predictions")
    parser.add_argument("--by-type", action="store_true",
                        help="print recall by gold type (strict span, relaxed span, value)")
    parser.add_argument("--update-floors", action="store_true",
                        help="raise the floor to the current value F1")
    parser.add_argument("--force", action="store_true",
                        help="with --update-floors: also lower the floor")
    parser.add_argument("--work", type=Path, help="keep the mentions file there")
    args = parser.parse_args()

    docs = args.eval / "meantime" / "meantime.docs.jsonl"
    gold = args.eval / "meantime" / "meantime.gold.jsonl"
    scorer = args.eval / "score_timex.py"
    for p in (docs, gold, scorer):
        if not p.exists():
            die(f"{p}: not found (see --eval)")

    with tempfile.TemporaryDirectory(prefix="claimcheck-meantime-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        pred = work / "meantime.mentions.jsonl"
        with open(pred, "wb") as out:
            run([args.binary, "mentions", docs], out)
        res = score(scorer, gold, pred, skip_dct=True)
        res_all = score(scorer, gold, pred, skip_dct=False)
        if args.errors:
            sys.stdout.flush()
            run([sys.executable, scorer, "--gold", gold, "--pred", pred, "--units", "bytes",
                 "--skip-dct", "--errors", str(args.errors)], None)

    f1 = res["value_f1"]["f1"]
    print(f"MEANTIME: {res['n_docs']} docs, {res['n_gold']} gold timexes, "
          f"{res['n_pred']} predictions (--skip-dct; units bytes)")
    print(f"  strict span  {prf(res['strict'])}")
    print(f"  relaxed span {prf(res['relaxed'])}")
    print(f"  value        {prf(res['value_f1'])}")
    print(f"  all mentions, datelines included: strict F1 {res_all['strict']['f1']:.4f}, "
          f"relaxed F1 {res_all['relaxed']['f1']:.4f}, value F1 {res_all['value_f1']['f1']:.4f}")
    if args.by_type:
        print("  recall by gold type      n  strict  relaxed  value")
        for t, c in res["by_gold_type"].items():
            print(f"    {t:<18}{c['n']:5d}  {c['strict_recall']:.3f}   {c['relaxed_recall']:.3f}    "
                  f"{c['value_recall']:.3f}")
    for key in ("invalid_pred_spans", "pred_unknown_docs"):
        if res.get(key):
            print(f"  warning: {key} = {res[key]}")

    floors = floors_file.ratchet(args.floors, {FLOOR_KEY: f1}, args.force, "meantime") \
        if args.update_floors else floors_file.read(args.floors, "meantime")
    floor = floors.get(FLOOR_KEY, 0.0)
    if f1 + EPSILON < floor:
        print(f"  FAILED: value F1 {f1:.4f} is below its floor {floor:.3f}")
        print("0 passed, 1 failed")
        return 1
    print(f"  value F1 {f1:.4f} >= floor {floor:.3f}")
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
