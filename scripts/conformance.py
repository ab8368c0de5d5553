#!/usr/bin/env python3
"""Conformance of `claimcheck mentions` against Microsoft Recognizers-Text's English test cases.

Usage: conformance.py [--binary PATH] [--specs DIR] [--floors FILE] [--exceptions FILE]
                      [--model NAME]... [--failures N] [--update-floors [--force]] [--work DIR]

Defaults locate everything from this script: the binary is build/claimcheck, the specs are
../shared/specs/recognizers-text beside the repository, the floors and exceptions live in
tests/conformance/.

Models and the cases taken from them (the suite's NotSupported / NotSupportedByDesign keys are
about its own ports and are ignored: every case counts):
  NumberModel       all cases; results are numbers (resolution value "192", "0.5", "-1.2E+15")
  NumberRangeModel  all cases; results are ranges ("(10,15]", "[500,)", "(,100]")
  OrdinalModel      all cases; results are ordinals (value "3"; relative "end-1" cannot match)
  DateTimeModel     only the date-level cases: a ReferenceDateTime, and every result of type
                    date, daterange or duration (the suite spells the key Typename 3 times)
  AgeModel          all cases, reported for information: never fails the run, has no floor

Each model's cases become one JSONL file, one record per case: id "<Model>:<index>" (index
into the model's JSON array), text = Input, published = the date part of ReferenceDateTime.
`BINARY mentions FILE` runs once per model; byte offsets are mapped to characters and the
expected spans (Start..End inclusive) to half-open character spans.

A case passes when
  1. every expected result is matched, one to one, by a predicted mention whose span overlaps
     it, of a fitting kind, with a fitting value:
       number   kind number, not ordinal; the resolution value equals the quantity's point
                (or lo == hi == value), compared as decimals (relative tolerance 1e-9);
       range    kind number; the bracketed interval, read over the integers ("(10,15]" is
                11..15, "(0.5,)" is 1..open), equals the quantity's lo..hi; an empty lower
                bound matches lo null or 0 (counts start at 0, DESIGN.md section 4);
       ordinal  kind number with "ordinal": true; the resolution value equals the point;
       age      a number whose point equals the value, or a duration P<value><unit>;
       date     kind date or duration; the TIMEX3 value equals one of the result's timex or
                Resolution.values[].timex / .value, or denotes the same calendar days as a
                value's start/end (end exclusive): YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www,
                YYYY-Qn, YYYY-Hn, decades (199) and centuries (19); a range result that
                no single mention matches is also matched by the date mentions overlapping
                its span (a range is its start and its end) when they jointly denote its
                days: the earliest first day .. the latest day after (end exclusive);
                a mention's `interval` (rules/README.md, "Intervals": inclusive days, null
                open) matches a result whose start/end (end exclusive, either absent when
                open: "since August" Mod=since) denote the same days;
  2. and no predicted mention of the model's kind overlaps no expected result (so a case with
     empty Results passes only if nothing of that kind is predicted). The model's kind:
       NumberModel       number mentions that are not ordinals and carry no `unit` (a number
                         with a unit, "29km", is the NumberWithUnit models' business);
       NumberRangeModel  number mentions, not ordinals, whose quantity is an interval
                         (lo != hi, or hi open): an exact number is NumberModel's business;
       OrdinalModel      number mentions with "ordinal": true;
       AgeModel          duration mentions (an age is a duration: "five years old" P5Y);
       DateTimeModel     date, time, duration and set mentions.

Exceptions (tests/conformance/exceptions.txt): lines `<Model>:<index>  <reason>` for cases
whose convention conflicts with DESIGN.md; they still count in the rate that is compared
with the floor, and a second figure leaves them out.

Output: per model `Model: passed/total = rate (without exceptions: p/t = rate)`, rates
truncated to 3 decimals, then `N passed, M failed`, where a model fails when its rate over
all cases is below its floor in tests/conformance/floors.json. Exit code: 0 when nothing
failed, 1 when some model is below its floor, 2 when the run could not be done.

--update-floors rewrites the floors of the models run with their current rates rounded down
to 3 decimals; a floor is never lowered unless --force is given. Other keys of the file
(meantime_value_f1, written by meantime.py) are kept.
"""

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

import floors as floors_file  # scripts/floors.py

ROOT = Path(__file__).resolve().parent.parent
GATED_MODELS = ("NumberModel", "NumberRangeModel", "OrdinalModel", "DateTimeModel")
ALL_MODELS = ("NumberModel", "NumberRangeModel", "OrdinalModel", "AgeModel", "DateTimeModel")
TIME_KINDS = ("date", "time", "duration", "set")
DATE_LEVEL_TYPES = (".date", ".daterange", ".duration")
TIMEOUT_SECONDS = 600
AGE_UNITS = {"Year": "Y", "Age": "Y", "Month": "M", "Week": "W", "Day": "D"}


def die(message):
    print(f"conformance: {message}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------------------------------------
# cases
# ---------------------------------------------------------------------------------------------
def type_name(result):
    return result.get("TypeName") or result.get("Typename") or ""


def reference_date(case):
    ref = (case.get("Context") or {}).get("ReferenceDateTime") or ""
    return ref[:10] if re.match(r"\d{4}-\d{2}-\d{2}", ref) else None


def is_date_level(case):
    return reference_date(case) is not None and all(
        type_name(r).endswith(DATE_LEVEL_TYPES) for r in case.get("Results", []))


def load_cases(specs, model):
    """Returns [(case id, case)] for a model, in the suite's order."""
    try:
        with open(specs / f"{model}.json", encoding="utf-8-sig") as fh:
            cases = json.load(fh)
    except (OSError, ValueError) as e:
        die(f"{specs / f'{model}.json'}: {e} (see --specs)")
    chosen = []
    for index, case in enumerate(cases):
        if model == "DateTimeModel" and not is_date_level(case):
            continue
        chosen.append((f"{model}:{index}", case))
    return chosen


def expected_results(case):
    """The case's results with half-open character spans."""
    out = []
    for r in case.get("Results", []):
        out.append({"text": r.get("Text"), "start": r["Start"], "end": r["End"] + 1,
                    "type": type_name(r), "resolution": r.get("Resolution") or {}})
    return out


# ---------------------------------------------------------------------------------------------
# running the binary
# ---------------------------------------------------------------------------------------------
def write_input(path, cases):
    with open(path, "w", encoding="utf-8") as out:
        for cid, case in cases:
            record = {"id": cid, "text": case["Input"]}
            published = reference_date(case)
            if published:
                record["published"] = published
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_mentions(binary, path):
    """Runs `binary mentions path`; returns (mentions by doc id, problems)."""
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
    try:
        proc = subprocess.run([str(binary), "mentions", str(path)], stdin=subprocess.DEVNULL,
                              capture_output=True, env=env, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as e:
        die(f"cannot run {binary}: {e}")
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        die(f"`{binary} mentions {path}` exited with "
                         f"{proc.returncode}:\n{err[-2000:]}")
    by_doc, problems = {}, []
    for n, line in enumerate(proc.stdout.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            m = json.loads(line, parse_float=Decimal)
        except ValueError as e:
            problems.append(f"output line {n}: bad JSON ({e}): {line[:200]}")
            continue
        by_doc.setdefault(m.get("doc"), []).append(m)
    return by_doc, problems


def to_char_spans(text, mentions, problems):
    """Adds cstart/cend (characters) to each mention; checks offsets against the text."""
    raw = text.encode("utf-8")
    char_at = {}
    b = 0
    for i, ch in enumerate(text):
        char_at[b] = i
        b += len(ch.encode("utf-8"))
    char_at[b] = len(text)
    for m in mentions:
        s, e = m.get("start"), m.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or s not in char_at \
                or e not in char_at or s > e:
            problems.append(f"{m.get('doc')}: bad offsets {s}..{e} for {m.get('text')!r}")
            m["cstart"], m["cend"] = -1, -1
            continue
        m["cstart"], m["cend"] = char_at[s], char_at[e]
        if raw[s:e].decode("utf-8") != m.get("text"):
            problems.append(f"{m.get('doc')}: text {m.get('text')!r} is not the bytes "
                            f"{s}..{e} {raw[s:e].decode('utf-8')!r}")


# ---------------------------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------------------------
def dec(x):
    if x is None or isinstance(x, bool):
        return None
    try:
        return Decimal(str(x))
    except InvalidOperation:
        return None


def same_number(a, b):
    a, b = dec(a), dec(b)
    if a is None or b is None:
        return False
    if a == b:
        return True
    return abs(a - b) <= Decimal("1e-9") * max(abs(a), abs(b))


def quantity(m):
    v = m.get("value")
    return v if isinstance(v, dict) else {}


def is_ordinal(m):
    return m.get("ordinal") is True


def is_interval(m):
    q = quantity(m)
    return q.get("hi") is None or q.get("lo") != q.get("hi")


def point_fits(m, value):
    q = quantity(m)
    if same_number(q.get("point"), value):
        return True
    lo, hi = q.get("lo"), q.get("hi")
    return lo is not None and lo == hi and same_number(lo, value)


RANGE_RE = re.compile(r"^\s*([\[(])\s*([-+0-9.eE]*)\s*,\s*([-+0-9.eE]*)\s*([\])])\s*$")


def integer_interval(spec):
    """'(10,15]' -> (11, 15); an empty side -> None. Returns False if unparsable/empty."""
    m = RANGE_RE.match(spec or "")
    if not m:
        return False
    lb, ls, hs, hb = m.groups()
    lo = hi = None
    if ls:
        x = Decimal(ls)
        lo = int(x.to_integral_value(rounding="ROUND_CEILING")) if lb == "[" \
            else int(x.to_integral_value(rounding="ROUND_FLOOR")) + 1
    if hs:
        y = Decimal(hs)
        hi = int(y.to_integral_value(rounding="ROUND_FLOOR")) if hb == "]" \
            else int(y.to_integral_value(rounding="ROUND_CEILING")) - 1
    if lo is not None and hi is not None and lo > hi:
        return False
    return lo, hi


def range_fits(m, spec):
    want = integer_interval(spec)
    if want is False:
        return False
    q = quantity(m)
    lo, hi = dec(q.get("lo")), dec(q.get("hi"))
    wlo, whi = want
    if wlo is None:
        lo_ok = lo is None or lo == 0
    else:
        lo_ok = lo is not None and lo == wlo
    hi_ok = hi is None if whi is None else (hi is not None and hi == whi)
    return lo_ok and hi_ok


def _day(s):
    try:
        return dt.date.fromisoformat(s)
    except (TypeError, ValueError):
        return None


def _add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def timex_days(v):
    """TIMEX3 value -> (first day, day after the last), or None when not a fixed span."""
    if not isinstance(v, str):
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = dt.date.fromisoformat(v)
            return d, d + dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}-\d{2}", v):
            d = dt.date(int(v[:4]), int(v[5:]), 1)
            return d, _add_months(d, 1)
        if re.fullmatch(r"\d{4}", v):
            return dt.date(int(v), 1, 1), dt.date(int(v) + 1, 1, 1)
        if re.fullmatch(r"\d{3}", v):
            return dt.date(int(v) * 10, 1, 1), dt.date(int(v) * 10 + 10, 1, 1)
        if re.fullmatch(r"\d{2}", v):
            return dt.date(max(1, int(v) * 100), 1, 1), dt.date(int(v) * 100 + 100, 1, 1)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", v)
        if m:
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + dt.timedelta(days=7)
        m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
        if m:
            d = dt.date(int(m[1]), 3 * int(m[2]) - 2, 1)
            return d, _add_months(d, 3)
        m = re.fullmatch(r"(\d{4})-H([12])", v)
        if m:
            d = dt.date(int(m[1]), 6 * int(m[2]) - 5, 1)
            return d, _add_months(d, 6)
    except ValueError:
        return None
    return None


def resolution_days(value):
    """A Resolution value's start/end (end exclusive) as days, if both are whole days."""
    s, e = value.get("start"), value.get("end")
    if not isinstance(s, str) or not isinstance(e, str):
        return None
    if s[10:].strip() not in ("", "00:00:00") or e[10:].strip() not in ("", "00:00:00"):
        return None
    s, e = _day(s[:10]), _day(e[:10])
    return (s, e) if s and e else None


def open_resolution_days(value):
    """A Resolution value's start and end (end exclusive) as days, either side None when the
    value leaves it open ("since August": start only); None when neither is a whole day."""
    out = []
    for key in ("start", "end"):
        v = value.get(key)
        if v is None:
            out.append(None)
            continue
        if not isinstance(v, str) or v[10:].strip() not in ("", "00:00:00") or not _day(v[:10]):
            return None
        out.append(_day(v[:10]))
    return tuple(out) if out != [None, None] else None


def interval_days(m):
    """A mention's `interval` (inclusive days, null = open) as (first day, day after the last),
    either side None when open; None when the mention has none."""
    iv = m.get("interval")
    if not isinstance(iv, dict):
        return None
    lo, hi = iv.get("lo"), iv.get("hi")
    lo_day = _day(lo) if lo is not None else None
    hi_day = _day(hi) if hi is not None else None
    if (lo is not None and lo_day is None) or (hi is not None and hi_day is None):
        return None
    if lo_day is None and hi_day is None:
        return None
    return lo_day, (hi_day + dt.timedelta(days=1) if hi_day else None)


def date_fits(m, result):
    got = m.get("value")
    if not isinstance(got, str):
        return False
    values = result["resolution"].get("values") or []
    if got in {x.get(k) for x in values for k in ("timex", "value")}:
        return True
    days = timex_days(got)
    if days is not None and any(resolution_days(x) == days for x in values):
        return True
    # The days a mention covers when its value alone does not say (rules/README.md,
    # "Intervals"): an open interval ("since August") or a count of units placed by the
    # reference date ("the next 3 days"), against the result's start and end.
    covered = interval_days(m)
    return covered is not None and any(open_resolution_days(x) == covered for x in values)


def age_fits(m, result):
    res = result["resolution"]
    if m.get("kind") == "number":
        return point_fits(m, res.get("value"))
    unit = AGE_UNITS.get(res.get("unit"))
    return unit is not None and m.get("value") == f"P{res.get('value')}{unit}"


# ---------------------------------------------------------------------------------------------
# judging
# ---------------------------------------------------------------------------------------------
def of_model_kind(model, m):
    kind = m.get("kind")
    if model == "DateTimeModel":
        return kind in TIME_KINDS
    if model == "AgeModel":
        return kind == "duration"
    if kind != "number":
        return False
    if model == "OrdinalModel":
        return is_ordinal(m)
    if model == "NumberRangeModel":
        return not is_ordinal(m) and is_interval(m)
    if model == "NumberModel":
        # A number with a unit ("29km", "45%", "$5") is Recognizers-Text's NumberWithUnit
        # models' business (dimension, currency, percent), as an interval is NumberRange's.
        return not is_ordinal(m) and not m.get("unit")
    return not is_ordinal(m)


def fits(model, m, result):
    kind = m.get("kind")
    if model == "DateTimeModel":
        return kind in ("date", "duration") and date_fits(m, result)
    if model == "AgeModel":
        return kind in ("number", "duration") and not is_ordinal(m) and age_fits(m, result)
    if kind != "number":
        return False
    value = result["resolution"].get("value")
    if model == "NumberRangeModel":
        return range_fits(m, value)
    if model == "OrdinalModel" or result["type"].startswith("ordinal"):
        return is_ordinal(m) and point_fits(m, value)
    return not is_ordinal(m) and point_fits(m, value)


def overlaps(m, r):
    return m["cstart"] < r["end"] and r["start"] < m["cend"] and m["cstart"] >= 0


def max_matching(edges, n_left):
    """Kuhn's augmenting paths; edges[i] = right nodes of left node i. Returns match of left."""
    match_right = {}

    def augment(i, seen):
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in match_right or augment(match_right[j], seen):
                match_right[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return {i: j for j, i in match_right.items()}


def joint_ranges(expected, candidates, matched):
    """A range result no single mention matched passes when the date mentions overlapping its
    span (TimeML writes a range as its start and its end), none matched elsewhere, jointly
    denote its calendar interval: their earliest first day .. their latest day after (end
    exclusive) equals a value's start/end. Adds such results to `matched`."""
    used = set(matched.values())
    for i, r in enumerate(expected):
        if i in matched:
            continue
        parts = [j for j, m in enumerate(candidates) if j not in used and overlaps(m, r)
                 and m.get("kind") == "date"]
        spans = [timex_days(candidates[j].get("value")) for j in parts]
        if len(parts) < 2 or any(s is None for s in spans):
            continue
        joint = (min(s[0] for s in spans), max(s[1] for s in spans))
        if any(resolution_days(x) == joint for x in r["resolution"].get("values") or []):
            matched[i] = parts[0]
            used.update(parts)


def judge(model, expected, predicted):
    """Returns (passed, list of reasons)."""
    candidates = [m for m in predicted if m.get("kind") in ("number",) + TIME_KINDS]
    edges = [[j for j, m in enumerate(candidates) if overlaps(m, r) and fits(model, m, r)]
             for r in expected]
    matched = max_matching(edges, len(expected))
    if model == "DateTimeModel":
        joint_ranges(expected, candidates, matched)
    reasons = []
    for i, r in enumerate(expected):
        if i not in matched:
            reasons.append(f"missed {r['text']!r} [{r['start']},{r['end']})")
    for m in candidates:
        if of_model_kind(model, m) and not any(overlaps(m, r) for r in expected):
            reasons.append(f"extra {m.get('text')!r} [{m['cstart']},{m['cend']})")
    return not reasons, reasons


# ---------------------------------------------------------------------------------------------
# floors, exceptions, report
# ---------------------------------------------------------------------------------------------
def read_exceptions(path):
    out = {}
    if not path.exists():
        return out
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cid, reason = (line.split(None, 1) + [""])[:2]
        if not re.fullmatch(r"[A-Za-z]+:\d+", cid) or not reason.strip():
            die(f"{path}:{n}: expected `<Model>:<index>  <reason>`, got {line!r}")
        out[cid] = reason.strip()
    return out


def fmt_rate(p, t):
    return f"{floors_file.floor3(Fraction(p, t)) if t else 0:.3f}"


def describe_mention(m):
    v = m.get("value")
    if isinstance(v, dict):
        v = {k: (float(x) if isinstance(x, Decimal) else x) for k, x in v.items()
             if x is not None and k != "kind"}
    extra = " ordinal" if is_ordinal(m) else ""
    return (f"{m.get('text')!r} [{m.get('cstart')},{m.get('cend')}) {m.get('kind')}{extra} "
            f"{json.dumps(v, ensure_ascii=False)} ({m.get('rule')})")


def describe_result(r):
    res = r["resolution"]
    if "values" in res:
        vals = "; ".join(
            " ".join(f"{k}={x[k]}" for k in ("timex", "value", "start", "end", "Mod") if k in x)
            for x in res["values"])
    else:
        vals = res.get("value")
    return f"{r['text']!r} [{r['start']},{r['end']}) {r['type']} {vals}"


def print_failure(cid, case, reasons, expected, predicted, exception):
    print(f"  {cid}: {case['Input']!r}" + (f"  [exception: {exception}]" if exception else ""))
    ref = reference_date(case)
    if ref:
        print(f"      reference {ref}")
    for r in expected:
        print(f"      expected  {describe_result(r)}")
    if not expected:
        print("      expected  (nothing)")
    for m in predicted:
        print(f"      predicted {describe_mention(m)}")
    if not predicted:
        print("      predicted (nothing)")
    print(f"      why: {'; '.join(reasons)}")


def run_model(model, args, exceptions, work):
    cases = load_cases(args.specs, model)
    path = work / f"{model}.jsonl"
    write_input(path, cases)
    by_doc, problems = run_mentions(args.binary, path)
    known = {cid for cid, _ in cases}
    for doc in by_doc:
        if doc not in known:
            problems.append(f"mentions for an unknown doc {doc!r}")
    if args.work:
        with open(work / f"{model}.mentions.jsonl", "w", encoding="utf-8") as out:
            for cid, _ in cases:
                for m in by_doc.get(cid, []):
                    out.write(json.dumps(m, default=str, ensure_ascii=False) + "\n")
    passed = passed_kept = total_kept = 0
    by_sign = {"positives": [0, 0], "negatives": [0, 0]}  # [passed, total]
    failures = []
    for cid, case in cases:
        predicted = by_doc.get(cid, [])
        to_char_spans(case["Input"], predicted, problems)
        expected = expected_results(case)
        ok, reasons = judge(model, expected, predicted)
        excepted = cid in exceptions
        passed += ok
        # A case that expects a result (a positive) and one that expects none
        # (a negative: the recognizer must stay silent) are reported apart.
        sign = by_sign["positives" if expected else "negatives"]
        sign[0] += ok
        sign[1] += 1
        if not excepted:
            total_kept += 1
            passed_kept += ok
        if not ok:
            failures.append((excepted, cid, case, reasons, expected, predicted))
    return {"passed": passed, "total": len(cases), "passed_kept": passed_kept,
            "total_kept": total_kept, "failures": failures, "problems": problems,
            "by_sign": by_sign}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", type=Path, default=ROOT / "build" / "claimcheck")
    parser.add_argument("--specs", type=Path,
                        default=ROOT.parent / "shared" / "specs" / "recognizers-text")
    parser.add_argument("--floors", type=Path,
                        default=ROOT / "tests" / "conformance" / "floors.json")
    parser.add_argument("--exceptions", type=Path,
                        default=ROOT / "tests" / "conformance" / "exceptions.txt")
    parser.add_argument("--model", action="append", choices=ALL_MODELS,
                        help="run only this model (repeatable)")
    parser.add_argument("--failures", type=int, default=0, metavar="N",
                        help="print up to N failing cases per model, expected vs predicted")
    parser.add_argument("--update-floors", action="store_true",
                        help="raise the floors of the models run to their current rates")
    parser.add_argument("--force", action="store_true",
                        help="with --update-floors: also lower floors")
    parser.add_argument("--work", type=Path,
                        help="write the inputs and mentions there (kept) instead of a temp dir")
    args = parser.parse_args()

    models = [m for m in ALL_MODELS if not args.model or m in args.model]
    exceptions = read_exceptions(args.exceptions)
    known_models = {cid.split(":")[0] for cid in exceptions}
    for name in known_models - set(ALL_MODELS):
        print(f"warning: {args.exceptions}: unknown model {name}", file=sys.stderr)

    results = {}
    with tempfile.TemporaryDirectory(prefix="claimcheck-conformance-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for model in models:
            results[model] = run_model(model, args, exceptions, work)

    floors = floors_file.read(args.floors, "conformance")
    gated = [m for m in models if m in GATED_MODELS]
    def sign_rates(model):
        return {f"{model}:{sign}": Fraction(p, t)
                for sign, (p, t) in results[model]["by_sign"].items() if t}

    if args.update_floors:
        rates = {m: Fraction(results[m]["passed"], results[m]["total"] or 1) for m in gated}
        for m in gated:
            rates.update(sign_rates(m))
        floors = floors_file.ratchet(args.floors, rates, args.force, "conformance")
    n_passed = n_failed = 0
    for model in models:
        r = results[model]
        note = "" if model in GATED_MODELS else "  (for information; no floor)"
        if model == "DateTimeModel":
            note = "  (date-level cases)"
        print(f"{model}: {r['passed']}/{r['total']} = {fmt_rate(r['passed'], r['total'])} "
              f"(without exceptions: {r['passed_kept']}/{r['total_kept']} = "
              f"{fmt_rate(r['passed_kept'], r['total_kept'])}){note}")
        print("  " + "; ".join(f"{sign} {p}/{t} = {fmt_rate(p, t)}"
                               for sign, (p, t) in r["by_sign"].items()))
        for p in r["problems"][:10]:
            print(f"  warning: {p}")
        if len(r["problems"]) > 10:
            print(f"  warning: … and {len(r['problems']) - 10} more output problems")
        if r["failures"]:
            missed = sum(any(x.startswith("missed") for x in f[3]) for f in r["failures"])
            extra = sum(any(x.startswith("extra") for x in f[3]) for f in r["failures"])
            print(f"  failing cases: {missed} miss an expected result, "
                  f"{extra} have an extra mention")
        if args.failures:
            shown = [f for f in r["failures"] if not f[0]][:args.failures]
            for excepted, cid, case, reasons, expected, predicted in shown:
                print_failure(cid, case, reasons, expected, predicted,
                              exceptions.get(cid) if excepted else None)
        if model not in GATED_MODELS:
            continue
        checks = {model: Fraction(r["passed"], r["total"] or 1), **sign_rates(model)}
        for key, rate in checks.items():
            floor = floors.get(key, 0.0)
            if rate < Fraction(str(floor)):
                n_failed += 1
                print(f"  FAILED: {key} rate {floors_file.floor3(rate):.3f} is below its floor {floor:.3f}")
            else:
                n_passed += 1
    print(f"{n_passed} passed, {n_failed} failed")
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
