#!/usr/bin/env python3
"""Scores `claimcheck mentions` against the news-quantity development set, as CQE scores it.

Usage: score_quantities.py [--binary PATH] [--gold FILE] [--floors FILE] [--errors N]
                           [--update-floors [--force]]

Defaults: the binary is build/claimcheck, the gold is tests/quantities/dev.jsonl (format and
conventions in tests/quantities/README.md), the floors are tests/quantities/floors.json. The
gold sentences are written as JSONL records {id, text} to a temporary file and run through
`BINARY mentions FILE`; each sentence is a document of its own.

Predictions, per sentence:
  kind number    the stated value: `point` when set; a range (`lo` and `hi` both set, no
                 point, no qualifier) is lo–hi; a qualified bound gives back the number the
                 text states ("more than 20" arrives as lo 21: 20; "up to 10" as hi 10: 10;
                 "under 5" as hi 4: 5). Ordinals (`ordinal: true`) are no quantity. The unit is
                 the mention's `unit` field (null when absent).
  kind duration  a count of units: "P9M" is 9 month, "PT2H" 2 hour, "P1.5Y" 1.5 year.
  others         dates, times and sets are no quantity (README: not labelled).
Not scored (dropped): vague magnitudes written without a number ("thousands", "several":
a number mention whose text has no digit and no number word but plural ones) and durations
with no number written ("a week", "PXY").

Matching, per sentence, one to one: a prediction is right when its value equals a required gold
quantity's (exactly; fractions as fractions, decimals to 1e-9 relative) and, "with units", its
unit equals the gold unit too (case-insensitive, after ALIASES; null equals null). Predictions
left over that match an optional gold quantity are dropped; the rest are wrong. Precision,
recall and F1 are printed without units (value only) and with units.

Floors: tests/quantities/floors.json {"value_f1": x, "value_unit_f1": y}. Each is one check;
the closing line is `N passed, M failed`. --update-floors raises them to the current figures
rounded down to 3 decimals (never lowers one unless --force). --errors N lists up to N wrong
and N missed quantities (with units) with their sentence.

Exit code: 0 when the floors hold, 1 when one does not, 2 when the run could not be done.
Standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import floors as floors_file  # scripts/floors.py

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_SECONDS = 600
EPSILON = 1e-9

# Units that name the same thing; both sides are lower-cased, then mapped.
ALIASES = {
    "%": "percent", "per cent": "percent", "pct": "percent",
    "$": "usd", "us$": "usd", "dollar": "usd", "£": "gbp", "pound sterling": "gbp",
    "€": "eur", "euro": "eur",
    "years": "year", "months": "month", "weeks": "week", "days": "day", "hours": "hour",
    "minutes": "minute", "seconds": "second",
    "miles": "mile", "yards": "yard", "feet": "foot", "ft": "foot", "inches": "inch",
    "in": "inch", "″": "inch", '"': "inch", "metre": "m", "meter": "m", "metres": "m",
    "meters": "m", "kilometre": "km", "kilometer": "km", "millimetre": "mm",
    "millimeter": "mm", "pounds": "lb", "lbs": "lb", "kilogram": "kg", "kilograms": "kg",
    "gigabyte": "gb", "megabyte": "mb", "mp": "megapixel",
}
TIMEX_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
TIMEX_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}
# The number the text states, from the bounds a qualifier gave it: which bound, and its shift.
# Qualifiers not listed state their number at lo when lo is set, else at hi.
STATED = {
    "more than": ("lo", -1), "over": ("lo", -1), "above": ("lo", -1),
    "upwards of": ("lo", -1), "in excess of": ("lo", -1),
    "fewer than": ("hi", 1), "less than": ("hi", 1), "under": ("hi", 1), "below": ("hi", 1),
    "nearly": ("hi", 1), "almost": ("hi", 1), "just under": ("hi", 1), "close to": ("hi", 1),
    "up to": ("hi", 0), "as many as": ("hi", 0), "at most": ("hi", 0), "no more than": ("hi", 0),
    "or fewer": ("hi", 0), "or less": ("hi", 0),
}
NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|third|quarter)\b",
    re.I)


def die(message):
    print(f"score_quantities: {message}", file=sys.stderr)
    sys.exit(2)


def unit_key(u):
    if u is None:
        return None
    u = u.strip().lower()
    return ALIASES.get(u, u)


def to_fraction(v):
    if isinstance(v, str):
        return Fraction(v)
    return Fraction(v).limit_denominator(10**9) if isinstance(v, float) else Fraction(v)


def same(a, b):
    return abs(a - b) <= EPSILON * max(1, abs(a), abs(b))


def gold_value(q):
    if "value" in q:
        return ("point", to_fraction(q["value"]))
    return ("range", to_fraction(q["lo"]), to_fraction(q["hi"]))


def has_number(text):
    return bool(re.search(r"\d|[½¼¾⅓⅔⅛]", text)) or bool(NUMBER_WORD.search(text))


def number_value(m):
    """(value key, unit) of a number mention, or None when it is not scored."""
    v = m.get("value") or {}
    if m.get("ordinal") or not has_number(m.get("text", "")):
        return None
    point, lo, hi, qual = v.get("point"), v.get("lo"), v.get("hi"), v.get("qualifier")
    if point is not None:
        return ("point", to_fraction(point))
    if qual in STATED:
        bound, shift = STATED[qual]
        b = lo if bound == "lo" else hi
        if b is not None:
            return ("point", to_fraction(b) + shift)
    if lo is not None and hi is not None and qual is None:
        return ("range", to_fraction(lo), to_fraction(hi))
    if lo is not None:
        return ("point", to_fraction(lo))
    if hi is not None:
        return ("point", to_fraction(hi))
    return None


def duration_value(m):
    """(value key, unit) of a duration mention with a number written, or None."""
    if not has_number(m.get("text", "")):
        return None
    x = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)([YMWD])|T(\d+(?:\.\d+)?)([HMS]))", str(m.get("value")))
    if not x:
        return None
    if x.group(1):
        return ("point", Fraction(x.group(1))), TIMEX_UNITS[x.group(2)]
    return ("point", Fraction(x.group(3))), TIMEX_TIME_UNITS[x.group(4)]


def prediction(m):
    if m.get("kind") == "number":
        val = number_value(m)
        return (val, m.get("unit")) if val else None
    if m.get("kind") == "duration":
        return duration_value(m)
    return None


def values_equal(a, b):
    return a[0] == b[0] and all(same(x, y) for x, y in zip(a[1:], b[1:]))


def match(preds, gold, with_units):
    """(right, wrong, missed) lists for one sentence."""
    def fits(p, g):
        return values_equal(p[0], gold_value(g)) and \
            (not with_units or unit_key(p[1]) == unit_key(g.get("unit")))
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    right, left = [], []
    for p in preds:
        hit = next((g for g in required if fits(p, g)), None)
        if hit is not None:
            required.remove(hit)
            right.append(p)
        else:
            left.append(p)
    wrong = []
    for p in left:
        hit = next((g for g in optional if fits(p, g)), None)
        if hit is not None:
            optional.remove(hit)
        else:
            wrong.append(p)
    return right, wrong, required


def run_mentions(binary, records):
    with tempfile.TemporaryDirectory(prefix="claimcheck-quantities-") as tmp:
        path = Path(tmp) / "sentences.jsonl"
        path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n"
                                for r in records), encoding="utf-8")
        env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
        try:
            proc = subprocess.run([str(binary), "mentions", str(path)], capture_output=True,
                                  env=env, timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as e:
            die(f"cannot run {binary}: {e}")
    if proc.returncode != 0:
        die(f"`{binary} mentions` exited with {proc.returncode}:\n"
            f"{proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    by_doc = {}
    for n, line in enumerate(proc.stdout.decode("utf-8").splitlines(), 1):
        try:
            m = json.loads(line)
        except ValueError as e:
            die(f"mentions output line {n} does not parse: {e}")
        by_doc.setdefault(m.get("doc"), []).append(m)
    return by_doc


def prf(right, wrong, missed):
    p = right / (right + wrong) if right + wrong else 0.0
    r = right / (right + missed) if right + missed else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def show(p):
    (val, unit) = p
    v = f"{float(val[1]):g}" if val[0] == "point" else f"{float(val[1]):g}-{float(val[2]):g}"
    return f"{v} {unit}" if unit else v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", type=Path, default=ROOT / "build" / "claimcheck")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "quantities" / "dev.jsonl")
    ap.add_argument("--floors", type=Path,
                    default=ROOT / "tests" / "quantities" / "floors.json")
    ap.add_argument("--errors", type=int, default=0, metavar="N")
    ap.add_argument("--update-floors", action="store_true")
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args()
    if not args.gold.exists():
        die(f"{args.gold}: not found")
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    by_doc = run_mentions(args.binary, records)
    totals = {False: [0, 0, 0], True: [0, 0, 0]}
    wrong_list, missed_list = [], []
    for r in records:
        preds = [p for p in (prediction(m) for m in by_doc.get(r["id"], [])) if p]
        for with_units in (False, True):
            right, wrong, missed = match(preds, r["quantities"], with_units)
            t = totals[with_units]
            t[0], t[1], t[2] = t[0] + len(right), t[1] + len(wrong), t[2] + len(missed)
            if with_units:
                wrong_list += [(r, show(p)) for p in wrong]
                missed_list += [(r, show(((gold_value(g)), g.get("unit")))) for g in missed]
    figures = {}
    print(f"quantities: {len(records)} sentences, {sum(1 for r in records for q in r['quantities'] if not q.get('optional'))} "
          f"required quantities ({args.gold.relative_to(ROOT) if args.gold.is_relative_to(ROOT) else args.gold})")
    for with_units, key, label in ((False, "value_f1", "value      "),
                                   (True, "value_unit_f1", "value+unit ")):
        right, wrong, missed = totals[with_units]
        p, rc, f = prf(right, wrong, missed)
        figures[key] = f
        print(f"  {label} F1 {f:.4f} (P {p:.4f}, R {rc:.4f}; right {right}, wrong {wrong}, "
              f"missed {missed})")
    if args.errors:
        for title, items in (("wrong", wrong_list), ("missed", missed_list)):
            print(f"  {title} (with units):")
            for r, s in items[:args.errors]:
                print(f"    {r['id']} {s:<22} {r['text'][:150]}")
    floors = floors_file.ratchet(args.floors, figures, args.force, "score_quantities") \
        if args.update_floors else floors_file.read(args.floors, "score_quantities")
    passed = failed = 0
    for key, f in figures.items():
        floor = floors.get(key, 0.0)
        if f + EPSILON < floor:
            print(f"  FAILED: {key} {f:.4f} is below its floor {floor:.3f}")
            failed += 1
        else:
            print(f"  {key} {f:.4f} >= floor {floor:.3f}")
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
