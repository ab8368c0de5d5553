#!/usr/bin/env python3
"""Score `claimcheck check` findings (verdicts) against the held-out facts in tests/verdicts/gold/.

Usage: score_verdicts.py [--binary PATH] [--gold DIR] [--gva DIR] [--ecbplus DIR] [--floors FILE]
                         [--update-floors [--force]] [--errors N] [--json]

Defaults locate everything from this script: the binary is build/claimcheck, the facts are
tests/verdicts/gold/{gva,ecbplus}.jsonl (format and definitions in its README.md), the corpora
are ../shared/corpora/gva-dev and ../shared/corpora/ecbplus beside the repository, the floors
are tests/verdicts/floors.json.

Each corpus file that has facts is run through `BINARY check --format json --fail-on none FILE`
(exit code 0 is expected; 1 is accepted; 2, any other code or a crash stops the run), and the
report's `claims` and `findings` are read. A claim matches a figure of a fact when its attribute
is the fact's attribute, its doc is one of the figure's docs, and its value intersects the
figure's: counts as intervals [lo, hi] (null hi = infinity), dates as calendar-day intervals
from the claim value's lo/hi (lo null: unresolved, matches nothing). A finding "holds a
discrepancy" of a fact when it holds two claims with disjoint values that match two different
figures whose values are disjoint.
  contradict  right when a contradict or internal finding of the fact's attribute holds a
              discrepancy of it.
  changed     right when a changed finding of the fact's attribute holds a discrepancy of it.
  agree       right when an agree finding holds a claim matching its figure and no contradict
              or internal finding that is not a real alarm holds a claim matching it.
  scope, single  not scored (information for readers).
facts right = right facts / agree + contradict + changed facts; discrepancies caught = right
contradict + changed facts / contradict + changed facts. Alarms are the contradict and internal
findings of the labeled files; an alarm is real when it holds a discrepancy of a contradict fact
of its file and attribute; alarm precision = real alarms / alarms (1 by convention when there
are no alarms: "no alarms" is printed). All three are given per set (gva, ecbplus) and overall.

Without labels, every gva-*.jsonl of --gva (all 40 incidents, not only the held-out ones) is run
through `BINARY check --format json FILE` with the default --fail-on: the share of incidents
whose run exits 1 (a CI job would fail) and the date alarms (contradict/internal findings with
attribute date) per incident. Then all of them in one run, as a newsroom's folder of local
stories: every alarm whose claims come from two or more incidents is false by construction
(different incidents; a document's id starts with its incident's number), so their count needs
no labels ("cross-incident alarms").

Label integrity: tests/verdicts/gold/validate.py (beside the facts if --gold has one, else the
repository's) runs first; the run exits 1 when it fails.

--errors N lists up to N wrong facts and up to N false alarms on stderr. The listings are for
MEASURING only: the held-out rule (tests/verdicts/gold/README.md) forbids reading these
incidents, clusters, labels or listings to write or tune rules, lexicons, reconcile logic or
thresholds. A rule author who has looked at them must say so, and the incident or cluster stops
being held out. Without --errors nothing per fact is printed, so that nobody tunes by accident.

Floors: tests/verdicts/floors.json {"facts_right": x, "alarm_precision": y, "max_failing_share":
z, "max_date_alarms_per_incident": w, "max_cross_incident_alarms": v}, overall. facts_right and alarm_precision are minimums,
the max_* keys are ceilings. Each is one check; the closing line is `N passed, M failed`.
--update-floors raises the minimums to the current figures rounded down to 3 decimals and lowers
the ceilings to the current figures rounded up, never the other way unless --force is given
(other keys of the file are kept; nothing is written when the labels do not validate or the
output had problems).

--json prints one JSON object with all figures on stdout; the text report, closing line
included, then goes to stderr.

Exit code: 0 when the labels validate and every floor and ceiling holds, 1 when the labels do not
validate, a check fails or the binary's output is malformed, 2 when the run could not be done
(missing files, binary exit code 2 or a crash). Standard library only.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import floors as floors_file  # scripts/floors.py
from floors import f3, is_int, jsonable

ROOT = Path(__file__).resolve().parent.parent
SETS = ("gva", "ecbplus")
SCORED = ("agree", "contradict", "changed")
ALARMS = ("contradict", "internal")
MIN_KEYS = ("facts_right", "alarm_precision")
MAX_KEYS = ("max_failing_share", "max_date_alarms_per_incident", "max_cross_incident_alarms")
TIMEOUT_SECONDS = 600

_out = sys.stdout  # where the text report goes (stderr with --json)


def say(*args):
    print(*args, file=_out)


def die(message):
    print(f"score_verdicts: {message}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- loading

def load_facts(path):
    """Returns (facts, problems). Unusable lines are skipped here: validate.py reports them."""
    facts, problems = [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                fact = json.loads(line)
                if not (isinstance(fact, dict) and fact.get("set") in SETS and isinstance(fact.get("file"), str)
                        and isinstance(fact.get("attribute"), str) and isinstance(fact.get("fact"), str)
                        and isinstance(fact.get("figures"), list) and fact["figures"]
                        and all(isinstance(g, dict) and isinstance(g.get("docs"), list) for g in fact["figures"])):
                    raise ValueError("missing or wrong fields")
                for g in fact["figures"]:
                    g["_value"] = figure_interval(g, fact["attribute"])
                    if g["_value"] is None:
                        raise ValueError("bad figure value")
            except ValueError as e:
                problems.append(f"{path.name}:{n}: unusable fact ({e})")
                continue
            fact["_line"] = f"{path.name}:{n}"
            facts.append(fact)
    return facts, problems


def run_validate(gold_dir, gold_files, gva_dir, ecbplus_dir):
    """Runs validate.py on the facts; returns (ok, output text)."""
    script = gold_dir / "validate.py"
    if not script.exists():
        script = ROOT / "tests" / "verdicts" / "gold" / "validate.py"
    if not script.exists():
        die(f"no validate.py in {gold_dir} or tests/verdicts/gold")
    argv = [sys.executable, str(script), "--gva", str(gva_dir), "--ecbplus", str(ecbplus_dir)]
    argv += [str(p) for p in gold_files]
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as e:
        die(f"cannot run {script}: {e}")
    return proc.returncode == 0, (proc.stdout + proc.stderr).decode("utf-8", "replace").strip()


def run_check(binary, path, fail_on_none):
    """Runs `binary check --format json [--fail-on none] path`; returns (exit code, report, problems)."""
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
    argv = [str(binary), "check", "--format", "json"] + (["--fail-on", "none"] if fail_on_none else []) + [str(path)]
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as e:
        die(f"cannot run {binary}: {e}")
    if proc.returncode not in (0, 1):
        err = proc.stderr.decode("utf-8", "replace").strip()
        die(f"`{' '.join(argv)}` exited with {proc.returncode}:\n{err[-2000:]}")
    problems = []
    try:
        report = json.loads(proc.stdout.decode("utf-8", "replace"))
        if not (isinstance(report, dict) and isinstance(report.get("claims"), list)
                and isinstance(report.get("findings"), list)):
            raise ValueError("no claims or findings list")
    except ValueError as e:
        problems.append(f"{path.name}: unusable report ({e})")
        report = {"claims": [], "findings": []}
    if fail_on_none and proc.returncode != 0:
        problems.append(f"{path.name}: exit code {proc.returncode} with --fail-on none")
    return proc.returncode, report, problems


# ---------------------------------------------------------------- values and matching



def parse_day(s):
    try:
        return datetime.date.fromisoformat(s) if isinstance(s, str) else None
    except ValueError:
        return None


def figure_interval(fig, attribute):
    """A figure's value as (lo, hi), hi None = open above; None when malformed."""
    if attribute == "date":
        lo, hi = parse_day(fig.get("lo")), parse_day(fig.get("hi"))
        return (lo, hi) if lo and hi and lo <= hi else None
    lo, hi = fig.get("lo"), fig.get("hi")
    if not is_int(lo) or (hi is not None and (not is_int(hi) or hi < lo)):
        return None
    return (lo, hi)


def claim_interval(claim):
    """A claim's value as (lo, hi), hi None = open above; None when it cannot match anything
    (an unresolved time value, lo null, or a malformed value)."""
    v = claim.get("value")
    if not isinstance(v, dict):
        return None
    if claim.get("attribute") == "date":
        lo = parse_day(v.get("lo"))
        if lo is None:
            return None
        hi = parse_day(v.get("hi")) if v.get("hi") is not None else None
        return (lo, hi) if hi is None or hi >= lo else None
    lo, hi = v.get("lo"), v.get("hi")
    if isinstance(lo, float) and lo.is_integer():
        lo = int(lo)
    if isinstance(hi, float) and hi.is_integer():
        hi = int(hi)
    if not is_int(lo) or (hi is not None and not is_int(hi)):
        return None
    return (lo, hi)


def intersects(a, b):
    (alo, ahi), (blo, bhi) = a, b
    return (ahi is None or blo <= ahi) and (bhi is None or alo <= bhi)


def matches(claim, fig, attribute):
    """The claim counts for the figure: same attribute, one of its docs, value intersecting."""
    if claim.get("attribute") != attribute or claim.get("doc") not in fig["docs"]:
        return False
    value = claim_interval(claim)
    return value is not None and intersects(value, fig["_value"])


def holds_discrepancy(claims, fact):
    """Two claims with disjoint values match two different figures with disjoint values."""
    figs = fact["figures"]
    hits = [(c, claim_interval(c), {i for i, g in enumerate(figs) if matches(c, g, fact["attribute"])})
            for c in claims]
    hits = [h for h in hits if h[2]]
    for a in range(len(hits)):
        for b in range(a + 1, len(hits)):
            (_, va, fa), (_, vb, fb) = hits[a], hits[b]
            if intersects(va, vb):
                continue
            if any(i != j and not intersects(figs[i]["_value"], figs[j]["_value"]) for i in fa for j in fb):
                return True
    return False


# ---------------------------------------------------------------- scoring

def finding_claims(finding, claims_by_id):
    return [claims_by_id[c] for c in finding.get("claims", []) if c in claims_by_id]


def score_file(facts, report):
    """Scores the facts of one corpus file against its report. Returns (per-fact results,
    alarms) where each alarm is (finding, real)."""
    claims_by_id = {c.get("id"): c for c in report["claims"] if isinstance(c, dict)}
    findings = [f for f in report["findings"] if isinstance(f, dict)]
    contradicts = [f for f in facts if f["fact"] == "contradict"]

    def is_real(finding):
        held = finding_claims(finding, claims_by_id)
        return any(fact["attribute"] == finding.get("attribute") and holds_discrepancy(held, fact)
                   for fact in contradicts)

    alarms = [(f, is_real(f)) for f in findings if f.get("verdict") in ALARMS]
    results = []
    for fact in facts:
        kind, attr = fact["fact"], fact["attribute"]
        if kind not in SCORED:
            continue
        of_attr = [f for f in findings if f.get("attribute") == attr]
        if kind == "contradict":
            right = any(f.get("verdict") in ALARMS and holds_discrepancy(finding_claims(f, claims_by_id), fact)
                        for f in of_attr)
        elif kind == "changed":
            right = any(f.get("verdict") == "changed" and holds_discrepancy(finding_claims(f, claims_by_id), fact)
                        for f in of_attr)
        else:  # agree
            fig = fact["figures"][0]

            def touches(f):
                return any(matches(c, fig, attr) for c in finding_claims(f, claims_by_id))

            agreed = any(f.get("verdict") == "agree" and touches(f) for f in of_attr)
            false_alarm = any(real is False and f.get("attribute") == attr and touches(f) for f, real in alarms)
            right = agreed and not false_alarm
        said = sorted({f.get("verdict") for f in of_attr
                       if any(matches(c, g, attr) for g in fact["figures"] for c in finding_claims(f, claims_by_id))})
        results.append({"fact": fact, "right": right, "said": said})
    return results, alarms


def ratio(n, d, empty=Fraction(0)):
    return Fraction(n, d) if d else empty


def figures_of(results, alarms):
    scored = len(results)
    right = sum(1 for r in results if r["right"])
    disc = [r for r in results if r["fact"]["fact"] in ("contradict", "changed")]
    n_alarms = len(alarms)
    real = sum(1 for _, is_real in alarms if is_real)
    per_kind = {k: {"facts": sum(1 for r in results if r["fact"]["fact"] == k),
                    "right": sum(1 for r in results if r["fact"]["fact"] == k and r["right"])} for k in SCORED}
    return {
        "facts": scored, "facts_right_count": right, "facts_right": ratio(right, scored),
        "kinds": per_kind,
        "alarms": n_alarms, "real_alarms": real, "alarm_precision": ratio(real, n_alarms, Fraction(1)),
        "discrepancies": len(disc), "discrepancies_caught_count": sum(1 for r in disc if r["right"]),
        "discrepancies_caught": ratio(sum(1 for r in disc if r["right"]), len(disc)),
    }






def show_figure(g):
    hi = "inf" if g["hi"] is None else g["hi"]
    value = g["lo"] if g["lo"] == g["hi"] else f"{g['lo']}..{hi}"
    return f"{value} ({g.get('scope')}; {len(g['docs'])} doc{'s' if len(g['docs']) != 1 else ''})"


# ---------------------------------------------------------------- main

def main():
    global _out
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", type=Path, default=ROOT / "build" / "claimcheck")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "verdicts" / "gold")
    ap.add_argument("--gva", type=Path, default=ROOT.parent / "shared" / "corpora" / "gva-dev")
    ap.add_argument("--ecbplus", type=Path, default=ROOT.parent / "shared" / "corpora" / "ecbplus")
    ap.add_argument("--floors", type=Path, default=ROOT / "tests" / "verdicts" / "floors.json")
    ap.add_argument("--update-floors", action="store_true",
                    help="raise the floors and lower the ceilings to the current figures")
    ap.add_argument("--force", action="store_true", help="with --update-floors: also lower floors and raise ceilings")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list up to N wrong facts and N false alarms on stderr (for measuring only)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object on stdout")
    args = ap.parse_args()
    if args.json:
        _out = sys.stderr

    if not args.binary.exists():
        die(f"no binary {args.binary}")
    for name, d in (("gold", args.gold), ("gva", args.gva), ("ecbplus", args.ecbplus)):
        if not d.is_dir():
            die(f"no {name} directory {d}")
    gold_files = [args.gold / f"{s}.jsonl" for s in SETS if (args.gold / f"{s}.jsonl").exists()]
    if not gold_files:
        die(f"no gva.jsonl or ecbplus.jsonl in {args.gold}")
    gva_files = sorted((p for p in args.gva.glob("gva-*.jsonl")), key=lambda p: p.name.encode("utf-8"))
    if not gva_files:
        die(f"no gva-*.jsonl in {args.gva}")

    valid, vtext = run_validate(args.gold, gold_files, args.gva, args.ecbplus)

    facts, problems = [], []
    for path in gold_files:
        fs, probs = load_facts(path)
        facts += fs
        problems += probs

    # ---- labeled files: check --fail-on none, score the facts
    by_file = {}
    for fact in facts:
        by_file.setdefault((fact["set"], fact["file"]), []).append(fact)
    results, alarms = {s: [] for s in SETS}, {s: [] for s in SETS}
    for (s, name), fs in sorted(by_file.items()):
        path = (args.gva if s == "gva" else args.ecbplus) / name
        if not path.is_file():
            die(f"no corpus file {path}")
        _, report, probs = run_check(args.binary, path, fail_on_none=True)
        problems += probs
        rs, al = score_file(fs, report)
        results[s] += rs
        alarms[s] += [(name, f, real) for f, real in al]

    per_set = {s: figures_of(results[s], [(f, real) for _, f, real in alarms[s]]) for s in SETS}
    overall = figures_of([r for s in SETS for r in results[s]],
                         [(f, real) for s in SETS for _, f, real in alarms[s]])

    # ---- all gva-dev incidents, no labels: default --fail-on, date alarms
    failing, date_alarms = [], 0
    for path in gva_files:
        rc, report, probs = run_check(args.binary, path, fail_on_none=False)
        problems += probs
        if rc == 1:
            failing.append(path.name)
        date_alarms += sum(1 for f in report["findings"]
                           if isinstance(f, dict) and f.get("verdict") in ALARMS and f.get("attribute") == "date")
    incidents = len(gva_files)
    # ---- all gva-dev incidents in one batch, no labels: alarms across incidents
    cross_alarms = 0
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "gva-all.jsonl"
        with open(batch, "w", encoding="utf-8") as out:
            for path in gva_files:
                out.write(path.read_text(encoding="utf-8").rstrip("\n") + "\n")
        _, report, probs = run_check(args.binary, batch, fail_on_none=True)
        problems += probs
        for f in report["findings"]:
            if isinstance(f, dict) and f.get("verdict") in ALARMS:
                cited = {str(c).split("#")[0].split("/")[0] for c in f.get("claims") or []}
                cross_alarms += len(cited) > 1
    ci = {"incidents": incidents, "failing": len(failing), "failing_share": Fraction(len(failing), incidents),
          "date_alarms": date_alarms, "date_alarms_per_incident": Fraction(date_alarms, incidents),
          "cross_incident_alarms": cross_alarms}

    # ---- text report
    n_facts = {s: sum(1 for f in facts if f["set"] == s) for s in SETS}
    say(f"verdicts gold: {len(facts)} facts ({', '.join(f'{s} {n_facts[s]}' for s in SETS)}) over "
        f"{len(by_file)} labeled files; {overall['facts']} scored (agree, contradict, changed)")
    if valid:
        say("gold validation: ok")
    else:
        say("gold validation: FAILED")
        for line in vtext.splitlines():
            say("  " + line)
    for pr in problems:
        say("problem: " + pr)

    def row(name, fg):
        kinds = " ".join(f"{k} {fg['kinds'][k]['right']}/{fg['kinds'][k]['facts']}" for k in SCORED)
        alarm = (f"{f3(fg['alarm_precision'])} ({fg['real_alarms']}/{fg['alarms']} real)" if fg["alarms"]
                 else "1.000 (no alarms)")
        return (f"{name:<8} facts right {f3(fg['facts_right'])} ({fg['facts_right_count']}/{fg['facts']}: {kinds})  "
                f"alarm precision {alarm}  discrepancies caught {f3(fg['discrepancies_caught'])} "
                f"({fg['discrepancies_caught_count']}/{fg['discrepancies']})")

    for s in SETS:
        say(row(s, per_set[s]))
    say(row("all", overall))
    say(f"gva-dev, all {incidents} incidents, default --fail-on: {len(failing)}/{incidents} fail CI "
        f"(share {f3(ci['failing_share'])}); {date_alarms} date alarms ({f3(ci['date_alarms_per_incident'])} per incident)")
    say(f"gva-dev, all {incidents} incidents in one batch: {cross_alarms} alarms citing two or more incidents "
        f"(false by construction)")

    if args.errors > 0:
        wrong = [r for s in SETS for r in results[s] if not r["right"]]
        false_alarms = [(name, f) for s in SETS for name, f, real in alarms[s] if not real]
        print("!!! error listing: for MEASURING only. The held-out rule (tests/verdicts/gold/README.md) forbids "
              "reading these facts, incidents or clusters to write or tune rules. If you read on to write "
              "rules, say so: they stop being held out. !!!", file=sys.stderr)
        print(f"wrong facts: {len(wrong)} (listing up to {args.errors})", file=sys.stderr)
        for r in wrong[:args.errors]:
            fact = r["fact"]
            print(f"  WRONG {fact['_line']} {fact['file']} [{fact.get('event')}] {fact['attribute']} {fact['fact']}: "
                  f"{' | '.join(show_figure(g) for g in fact['figures'])}; findings touching it: "
                  f"{', '.join(r['said']) or 'none'}", file=sys.stderr)
        print(f"false alarms: {len(false_alarms)} (listing up to {args.errors})", file=sys.stderr)
        for name, f in false_alarms[:args.errors]:
            print(f"  FALSE {name} {f.get('id')} {f.get('verdict')} {f.get('attribute')} "
                  f"{json.dumps(f.get('summary'), ensure_ascii=False)}", file=sys.stderr)

    current = {"facts_right": overall["facts_right"], "alarm_precision": overall["alarm_precision"],
               "max_failing_share": ci["failing_share"], "max_date_alarms_per_incident": ci["date_alarms_per_incident"],
               "max_cross_incident_alarms": Fraction(cross_alarms)}
    if args.update_floors:
        if not valid or problems:
            say("floors not updated: the labels do not validate or the output had problems")
        else:
            floors_file.ratchet(args.floors, {k: current[k] for k in MIN_KEYS}, args.force, "score_verdicts", say)
            floors_file.ratchet_ceilings(args.floors, {k: current[k] for k in MAX_KEYS}, args.force,
                                         "score_verdicts", say)
    floors = floors_file.read(args.floors, "score_verdicts")
    if not args.floors.exists():
        say(f"note: no floors file {args.floors}; floors are 0 and ceilings unlimited")
    checks = []
    for key in MIN_KEYS + MAX_KEYS:
        limit = floors.get(key)
        try:
            if key in MIN_KEYS:
                limit = 0.0 if limit is None else limit
                ok = current[key] >= Fraction(str(limit))
            else:
                ok = limit is None or current[key] <= Fraction(str(limit))
        except (ValueError, TypeError):
            die(f"{args.floors}: bad value for {key}: {limit!r}")
        checks.append({"name": key, "value": current[key], "limit": limit, "passed": ok})
        shown = f3(current[key]) if key in MIN_KEYS else f"{floors_file.ceil3(current[key]):.3f}"
        bound = ("floor" if key in MIN_KEYS else "ceiling") + (" none" if limit is None else f" {float(limit):.3f}")
        say(f"{'PASS' if ok else 'FAIL'} {key} {shown} ({bound})")
    n_passed = sum(1 for c in checks if c["passed"])
    n_failed = len(checks) - n_passed

    if args.json:
        out = {
            "schema": "claimcheck.verdicts-score/1",
            "gold_valid": valid,
            "facts": len(facts),
            "sets": per_set,
            "overall": overall,
            "gva_dev": ci,
            "problems": problems,
            "checks": checks,
            "passed": n_passed,
            "failed": n_failed,
        }
        print(json.dumps(jsonable(out), indent=2))
    say(f"{n_passed} passed, {n_failed} failed")
    return 0 if valid and not problems and n_failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
