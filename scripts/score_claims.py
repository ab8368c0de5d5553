#!/usr/bin/env python3
"""Score `claimcheck extract` claims against the held-out gold labels in tests/claims/gold/.

Usage: score_claims.py [--binary PATH] [--gold DIR] [--corpus DIR] [--floors FILE]
                       [--update-floors [--force]] [--errors N] [--json]

Defaults locate everything from this script: the binary is build/claimcheck, the gold labels
are tests/claims/gold/ (format in its README.md), the corpus is ../shared/corpora/ecbplus
beside the repository, the floors are tests/claims/floors.json.

For each gold file CNN.jsonl the corpus file CNN_*.jsonl (exactly one) is run through
`BINARY extract CORPUSFILE` (exit code 0 or 1 is fine; 2, any other code or a crash stops the
run). Claim records ("record":"claim") whose attribute is one of deaths, injuries, missing,
troops, crowd or date are the predictions; document records are checked against the gold docs.
Every sentence of every gold document was labeled, so every prediction counts.

Matching is one-to-one within a (doc, attribute) group: a prediction and a label are
candidates when their evidence spans overlap (UTF-8 byte offsets, end exclusive). A maximum
matching is taken (augmenting paths, candidates tried in order of decreasing overlap).
  strict   the value agrees as well. Counts: predicted value lo == gold lo and predicted
           hi == gold hi (null = open above). Dates: the predicted time value's lo/hi
           (calendar days) equal gold lo/hi, or, when gold hi is null (the date could not be
           resolved), the predicted timex equals gold lo.
  relaxed  any value.
precision = matched predictions / predictions (0 when there are no predictions: a note
"no claims extracted" is printed), recall = matched gold / gold, F1 their harmonic mean;
given per cluster and overall, strict and relaxed, and per attribute overall. For strictly
matched pairs the agreement of as_of (predicted as_of.lo vs gold as_of), hedged, negated and
revision is printed for information (no floor).

Label integrity: tests/claims/gold/validate.py (beside the gold labels if --gold has one,
else the repository's) is run on the gold files and the corpus first; the run exits 1 when
it fails.

--errors N lists up to N false positives and up to N false negatives (strict) on stderr, with
doc, evidence span and text, attribute and values. The listings are for MEASURING only: the
held-out rule (tests/claims/gold/README.md) forbids reading these clusters, labels or error
listings to write or tune rules, lexicons or thresholds. A rule author who has looked at them
must say so and the cluster stops being held out.

Floors: tests/claims/floors.json {"precision": x, "recall": y}, strict, overall. Each is one
check; the closing line is `N passed, M failed` (the two floor checks). --update-floors writes
the current figures rounded down to 3 decimals, never lowering an existing floor unless
--force is given (other keys of the file are kept; nothing is written when the gold labels
do not validate or the output had problems).

--json prints one JSON object with all figures on stdout; the text report, closing line
included, then goes to stderr.

Exit code: 0 when the gold validates and both floors hold, 1 when the gold does not validate,
a floor is not met or the binary's output has malformed records, 2 when the run could not be
done (missing files, binary exit code 2 or a crash). Standard library only.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import floors as floors_file  # scripts/floors.py
from floors import f3, is_int, jsonable

ROOT = Path(__file__).resolve().parent.parent
ATTRIBUTES = ("deaths", "injuries", "missing", "troops", "crowd", "date")
FLOOR_KEYS = ("precision", "recall")
TIMEOUT_SECONDS = 600

_out = sys.stdout  # where the text report goes (stderr with --json)


def say(*args):
    print(*args, file=_out)


def die(message):
    print(f"score_claims: {message}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- loading

def load_gold(path):
    """Returns (labels, problems). Labels get a "cluster" key. Bad lines are skipped here:
    validate.py reports them."""
    cluster = path.name.split(".")[0]
    labels, problems = [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                lab = json.loads(line)
                if not (isinstance(lab, dict) and isinstance(lab.get("doc"), str)
                        and is_int(lab.get("start")) and is_int(lab.get("end"))
                        and lab.get("attribute") in ATTRIBUTES and "lo" in lab and "hi" in lab):
                    raise ValueError("missing or wrong fields")
            except ValueError as e:
                problems.append(f"{path.name}:{n}: unusable label ({e})")
                continue
            lab["cluster"] = cluster
            labels.append(lab)
    return labels, problems


def find_corpus_file(corpus_dir, cluster):
    paths = sorted(glob.glob(os.path.join(glob.escape(str(corpus_dir)), cluster + "_*.jsonl")))
    if len(paths) != 1:
        die(f"{cluster}: expected one corpus file {cluster}_*.jsonl in {corpus_dir}, found {len(paths)}")
    return Path(paths[0])


def run_extract(binary, corpus_file, cluster):
    """Runs `binary extract corpus_file`; returns (document ids, predictions, problems)."""
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
    argv = [str(binary), "extract", str(corpus_file)]
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env,
                              timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as e:
        die(f"cannot run {binary}: {e}")
    if proc.returncode not in (0, 1):
        err = proc.stderr.decode("utf-8", "replace").strip()
        die(f"`{' '.join(argv)}` exited with {proc.returncode}:\n{err[-2000:]}")
    docs, preds, problems = [], [], []
    for n, line in enumerate(proc.stdout.decode("utf-8", "replace").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{cluster} output line {n}"
        try:
            rec = json.loads(line)
        except ValueError as e:
            problems.append(f"{where}: bad JSON ({e}): {line[:200]}")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        kind = rec.get("record")
        if kind == "document":
            docs.append(rec.get("doc"))
        elif kind == "claim":
            if rec.get("attribute") not in ATTRIBUTES:
                continue
            ev = rec.get("evidence")
            if not (isinstance(rec.get("doc"), str) and isinstance(ev, dict)
                    and is_int(ev.get("start")) and is_int(ev.get("end"))
                    and isinstance(rec.get("value"), dict)):
                problems.append(f"{where}: claim {rec.get('id')!r} lacks doc, evidence start/end "
                                f"or value; counted as a prediction that cannot match")
            rec["cluster"] = cluster
            preds.append(rec)
    return docs, preds, problems


def run_validate(gold_dir, gold_files, corpus_dir):
    """Runs validate.py on the gold files; returns (ok, output text)."""
    script = gold_dir / "validate.py"
    if not script.exists():
        script = ROOT / "tests" / "claims" / "gold" / "validate.py"
    if not script.exists():
        die(f"no validate.py in {gold_dir} or tests/claims/gold")
    argv = [sys.executable, str(script), "--corpus", str(corpus_dir)] + [str(p) for p in gold_files]
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as e:
        die(f"cannot run {script}: {e}")
    text = (proc.stdout + proc.stderr).decode("utf-8", "replace").strip()
    return proc.returncode == 0, text


# ---------------------------------------------------------------- values and matching



def same_count(a, b):
    """Count bounds agree: both null, or the same integer (12.0 counts as 12)."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return False
    return a == b


def value_agrees(pred, lab):
    v = pred.get("value")
    if not isinstance(v, dict):
        return False
    if lab["attribute"] == "date":
        if v.get("kind") not in (None, "time"):
            return False
        if lab["hi"] is None:
            return isinstance(v.get("timex"), str) and v.get("timex") == lab["lo"]
        return v.get("lo") == lab["lo"] and v.get("hi") == lab["hi"]
    if v.get("kind") not in (None, "quantity"):
        return False
    return "lo" in v and "hi" in v and same_count(v["lo"], lab["lo"]) and same_count(v["hi"], lab["hi"])


def span(pred):
    ev = pred.get("evidence") if isinstance(pred.get("evidence"), dict) else {}
    s, e = ev.get("start"), ev.get("end")
    return (s, e) if is_int(s) and is_int(e) else None


def overlap(pred, lab):
    sp = span(pred)
    if sp is None:
        return 0
    return max(0, min(sp[1], lab["end"]) - max(sp[0], lab["start"]))


def match(preds, labels, strict):
    """One-to-one maximum matching; returns {pred index: label index}."""
    groups = {}
    for j, lab in enumerate(labels):
        groups.setdefault((lab["doc"], lab["attribute"]), []).append(j)
    cands = {}
    for i, p in enumerate(preds):
        js = groups.get((p.get("doc"), p.get("attribute")), [])
        scored = [(overlap(p, labels[j]), j) for j in js]
        scored = [(o, j) for o, j in scored if o > 0 and (not strict or value_agrees(p, labels[j]))]
        scored.sort(key=lambda t: (-t[0], labels[t[1]]["start"], t[1]))
        cands[i] = [j for _, j in scored]
    owner = {}  # label index -> pred index

    def augment(i, seen):
        for j in cands[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    # Predictions in document order, so ties go to the earlier prediction.
    order = sorted(range(len(preds)), key=lambda i: (str(preds[i].get("doc")), span(preds[i]) or (-1, -1), i))
    for i in order:
        if cands[i]:
            augment(i, set())
    return {i: j for j, i in owner.items()}


# ---------------------------------------------------------------- figures

def figures(n_pred, n_gold, n_match):
    p = Fraction(n_match, n_pred) if n_pred else Fraction(0)
    r = Fraction(n_match, n_gold) if n_gold else Fraction(0)
    f = 2 * p * r / (p + r) if p + r else Fraction(0)
    return {"predicted": n_pred, "gold": n_gold, "matched": n_match, "precision": p, "recall": r, "f1": f}






def show_value(v):
    if not isinstance(v, dict):
        return json.dumps(v)
    if v.get("kind") == "time" or "timex" in v:
        return f"{v.get('timex')} [{v.get('lo')}..{v.get('hi')}]"
    return f"[{v.get('lo')}, {v.get('hi')}]" + (f" {v['qualifier']}" if v.get("qualifier") else "")


def show_gold_value(lab):
    if lab["attribute"] == "date":
        return f"{lab['lo']}" if lab["hi"] is None else f"[{lab['lo']}..{lab['hi']}]"
    return f"[{lab['lo']}, {lab['hi']}]"


# ---------------------------------------------------------------- main

def main():
    global _out
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", type=Path, default=ROOT / "build" / "claimcheck")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "claims" / "gold")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "ecbplus")
    ap.add_argument("--floors", type=Path, default=ROOT / "tests" / "claims" / "floors.json")
    ap.add_argument("--update-floors", action="store_true",
                    help="raise the floors to the current strict precision/recall (rounded down)")
    ap.add_argument("--force", action="store_true", help="with --update-floors: also lower floors")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list up to N false positives and N false negatives on stderr (for measuring only)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object on stdout")
    args = ap.parse_args()
    if args.json:
        _out = sys.stderr

    if not args.gold.is_dir():
        die(f"no gold directory {args.gold}")
    if not args.corpus.is_dir():
        die(f"no corpus directory {args.corpus}")
    gold_files = sorted(args.gold.glob("C*.jsonl"))
    if not gold_files:
        die(f"no C*.jsonl gold files in {args.gold}")

    valid, vtext = run_validate(args.gold, gold_files, args.corpus)

    labels, preds, problems, notes = [], [], [], []
    clusters = []
    for path in gold_files:
        cluster = path.name.split(".")[0]
        clusters.append(cluster)
        labs, probs = load_gold(path)
        labels += labs
        problems += probs
        corpus_file = find_corpus_file(args.corpus, cluster)
        docs, ps, probs = run_extract(args.binary, corpus_file, cluster)
        preds += ps
        problems += probs
        missing_docs = sorted({lab["doc"] for lab in labs} - set(docs))
        for d in missing_docs:
            notes.append(f"gold doc {d} has no document record in the output")
        stray = sorted({p.get("doc") for p in ps if p.get("doc") not in set(docs)}, key=str)
        for d in stray:
            notes.append(f"claims for doc {d!r} that has no document record")

    strict = match(preds, labels, strict=True)
    relaxed = match(preds, labels, strict=False)

    def scope_figures(keep_pred, keep_gold):
        pi = [i for i, p in enumerate(preds) if keep_pred(p)]
        gi = [j for j, g in enumerate(labels) if keep_gold(g)]
        return {
            "strict": figures(len(pi), len(gi), sum(1 for i in pi if i in strict)),
            "relaxed": figures(len(pi), len(gi), sum(1 for i in pi if i in relaxed)),
        }

    per_cluster = {c: scope_figures(lambda p, c=c: p["cluster"] == c, lambda g, c=c: g["cluster"] == c)
                   for c in clusters}
    overall = scope_figures(lambda p: True, lambda g: True)
    per_attr = {a: scope_figures(lambda p, a=a: p.get("attribute") == a, lambda g, a=a: g["attribute"] == a)
                for a in ATTRIBUTES}

    # Agreement of the other fields on strictly matched pairs (information only).
    fields = {k: [0, 0] for k in ("as_of", "hedged", "negated", "revision")}
    for i, j in strict.items():
        p, g = preds[i], labels[j]
        a = p.get("as_of") if isinstance(p.get("as_of"), dict) else {}
        fields["as_of"][1] += 1
        fields["as_of"][0] += (a.get("lo") if a else None) == g.get("as_of")
        for k in ("hedged", "negated", "revision"):
            fields[k][1] += 1
            fields[k][0] += bool(p.get(k)) == bool(g.get(k))

    # ---- text report
    say(f"claims gold: {len(clusters)} clusters ({', '.join(clusters)}), {len(labels)} gold labels, "
        f"{len(preds)} claims with attributes {', '.join(ATTRIBUTES)}")
    if valid:
        say("gold validation: ok")
    else:
        say("gold validation: FAILED")
        for line in vtext.splitlines():
            say("  " + line)
    if not preds:
        say("note: no claims extracted (precision is 0)")
    for n in notes:
        say("note: " + n)
    for pr in problems:
        say("problem: " + pr)

    head = f"{'':<9}{'gold':>5} {'pred':>5}   {'strict P':>8} {'R':>5} {'F1':>5}   {'relaxed P':>9} {'R':>5} {'F1':>5}"

    def row(name, fg):
        s, r = fg["strict"], fg["relaxed"]
        return (f"{name:<9}{s['gold']:>5} {s['predicted']:>5}   {f3(s['precision']):>8} {f3(s['recall']):>5} "
                f"{f3(s['f1']):>5}   {f3(r['precision']):>9} {f3(r['recall']):>5} {f3(r['f1']):>5}")

    say(head)
    for c in clusters:
        say(row(c, per_cluster[c]))
    say(row("all", overall))
    say(head.replace(" " * 9, f"{'attribute':<9}", 1))
    for a in ATTRIBUTES:
        say(row(a, per_attr[a]))
    say("strict matches, other fields agreeing: "
        + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in fields.items()))

    if args.errors > 0:
        fps = [i for i in range(len(preds)) if i not in strict]
        fps.sort(key=lambda i: (str(preds[i].get("doc")), span(preds[i]) or (-1, -1)))
        matched_gold = set(strict.values())
        relaxed_by_gold = {j: i for i, j in relaxed.items()}
        fns = [j for j in range(len(labels)) if j not in matched_gold]
        print("error listing: for measuring only; the held-out rule forbids tuning rules to "
              "these clusters", file=sys.stderr)
        print(f"false positives: {len(fps)} (listing up to {args.errors})", file=sys.stderr)
        for i in fps[:args.errors]:
            p = preds[i]
            ev = p.get("evidence") if isinstance(p.get("evidence"), dict) else {}
            sp = span(p)
            print(f"  FP {p.get('doc')} [{sp[0] if sp else '?'},{sp[1] if sp else '?'}) {p.get('attribute')} "
                  f"{show_value(p.get('value'))} {json.dumps(ev.get('text'), ensure_ascii=False)} "
                  f"({p.get('rule')})", file=sys.stderr)
        print(f"false negatives: {len(fns)} (listing up to {args.errors})", file=sys.stderr)
        for j in fns[:args.errors]:
            g = labels[j]
            extra = ""
            if j in relaxed_by_gold:
                extra = f"  predicted {show_value(preds[relaxed_by_gold[j]].get('value'))}"
            print(f"  FN {g['doc']} [{g['start']},{g['end']}) {g['attribute']} gold {show_gold_value(g)} "
                  f"{json.dumps(g.get('evidence'), ensure_ascii=False)}{extra}", file=sys.stderr)

    current = {"precision": overall["strict"]["precision"], "recall": overall["strict"]["recall"]}
    if args.update_floors:
        if not valid or problems:
            say("floors not updated: the gold labels do not validate or the output had problems")
        else:
            floors_file.ratchet(args.floors, {k: current[k] for k in FLOOR_KEYS}, args.force, "score_claims", say)
    floors = floors_file.read(args.floors, "score_claims")
    if not args.floors.exists():
        say(f"note: no floors file {args.floors}; floors are 0")
    checks = []
    for key in FLOOR_KEYS:
        floor = floors.get(key, 0.0)
        try:
            ok = current[key] >= Fraction(str(floor))
        except (ValueError, TypeError):
            die(f"{args.floors}: bad floor {key}: {floor!r}")
        checks.append({"name": key, "value": current[key], "floor": floor, "passed": ok})
        say(f"{'PASS' if ok else 'FAIL'} strict {key} {f3(current[key])} (floor {float(floor):.3f})")
    n_passed = sum(1 for c in checks if c["passed"])
    n_failed = len(checks) - n_passed

    if args.json:
        report = {
            "schema": "claimcheck.claims-score/1",
            "gold_valid": valid,
            "clusters": per_cluster,
            "overall": overall,
            "attributes": per_attr,
            "matched_fields": {k: {"agree": v[0], "total": v[1]} for k, v in fields.items()},
            "notes": (["no claims extracted"] if not preds else []) + notes,
            "problems": problems,
            "checks": checks,
            "passed": n_passed,
            "failed": n_failed,
        }
        print(json.dumps(jsonable(report), indent=2, sort_keys=False))
    say(f"{n_passed} passed, {n_failed} failed")
    return 0 if valid and not problems and n_failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
