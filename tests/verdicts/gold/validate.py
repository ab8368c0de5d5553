#!/usr/bin/env python3
"""Validate the hand-made held-out verdict labels (facts) against the corpora.

Usage: python3 tests/verdicts/gold/validate.py [--gva DIR] [--ecbplus DIR] [FACTS.jsonl ...]

With no files, checks gva.jsonl and ecbplus.jsonl beside this script (format in README.md). For
each fact it checks the field set and types, the kind of fact against its number of figures, the
values (count intervals, or calendar days YYYY-MM-DD for dates), that every doc id is a record
`id` of the corpus file named by `file`, that an `agree` fact's docs come from two or more outlets,
that a `contradict` or `changed` fact has a pair of figures whose values are disjoint (a `changed`
fact's consecutive figures are disjoint and in report-time order), and that each file is sorted
by (file, event, attribute, fact). For gva.jsonl it also checks that the labeled incidents are
exactly the held-out part of gva-dev: every third gva-*.jsonl in byte-sorted order, starting
with the first. It prints the fact counts per set and kind and exits 1 on any error. Standard
library only.
"""
import argparse
import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared"))
DEFAULT_GVA = os.path.join(SHARED, "corpora", "gva-dev")
DEFAULT_ECBPLUS = os.path.join(SHARED, "corpora", "ecbplus")

SETS = ("gva", "ecbplus")
ATTRIBUTES = ("deaths", "injuries", "missing", "troops", "crowd", "date")
KINDS = ("agree", "contradict", "changed", "scope", "single")
FACT_KEYS = {"set": str, "file": str, "event": str, "attribute": str, "fact": str, "figures": list, "note": str}
FIGURE_REQUIRED = {"lo", "hi", "scope", "docs", "reported"}
FIGURE_OPTIONAL = {"note"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ECB_CLUSTERS = ("C02", "C07", "C11")  # the clusters of tests/claims/gold


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def parse_iso(s):
    if not isinstance(s, str) or not ISO_DATE.match(s):
        return None
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        return None


def held_out_gva(gva_dir):
    """Every third gva-*.jsonl of gva_dir in byte-sorted order, starting with the first."""
    names = sorted((n for n in os.listdir(gva_dir) if n.startswith("gva-") and n.endswith(".jsonl")),
                   key=lambda n: n.encode("utf-8"))
    return names[::3]


def load_records(path):
    """{record id: record} of a corpus JSONL file."""
    records = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                records[rec["id"]] = rec
    return records


def interval(fig, attribute):
    """The figure's value as a comparable (lo, hi) pair (hi None = open above), or None if bad."""
    lo, hi = fig.get("lo"), fig.get("hi")
    if attribute == "date":
        a, b = parse_iso(lo), parse_iso(hi)
        if a is None or b is None or b < a:
            return None
        return (a, b)
    if not is_int(lo) or lo < 0:
        return None
    if hi is not None and (not is_int(hi) or hi < lo):
        return None
    return (lo, hi)


def disjoint(a, b):
    """Two (lo, hi) intervals, hi None = open above, share no value."""
    (alo, ahi), (blo, bhi) = a, b
    return (ahi is not None and ahi < blo) or (bhi is not None and bhi < alo)


def check_figure(fig, where, attribute, records, errors):
    if not isinstance(fig, dict):
        errors.append(f"{where}: a figure must be an object")
        return None
    keys = set(fig)
    if FIGURE_REQUIRED - keys or keys - FIGURE_REQUIRED - FIGURE_OPTIONAL:
        errors.append(f"{where}: figure fields: missing {sorted(FIGURE_REQUIRED - keys)} / "
                      f"unknown {sorted(keys - FIGURE_REQUIRED - FIGURE_OPTIONAL)}")
        return None
    value = interval(fig, attribute)
    if value is None:
        kind = "YYYY-MM-DD days, hi >= lo" if attribute == "date" else "integers >= 0, hi null or >= lo"
        errors.append(f"{where}: bad value lo={fig['lo']!r} hi={fig['hi']!r} ({kind})")
    if not isinstance(fig["scope"], str) or not fig["scope"].strip():
        errors.append(f"{where}: scope must be a non-empty string")
    if "note" in fig and (not isinstance(fig["note"], str) or not fig["note"].strip()):
        errors.append(f"{where}: figure note must be a non-empty string")
    docs = fig["docs"]
    if not isinstance(docs, list) or not docs or not all(isinstance(d, str) for d in docs):
        errors.append(f"{where}: docs must be a non-empty list of record ids")
        docs = []
    elif docs != sorted(set(docs)):
        errors.append(f"{where}: docs must be sorted and unique")
    for d in docs:
        if d not in records:
            errors.append(f"{where}: doc {d!r} is not a record id of the corpus file")
    rep = fig["reported"]
    if rep is not None:
        if not (isinstance(rep, list) and len(rep) == 2 and all(parse_iso(x) for x in rep)
                and parse_iso(rep[0]) <= parse_iso(rep[1])):
            errors.append(f"{where}: reported must be null or [first day, last day] as YYYY-MM-DD")
            rep = None
    return {"value": value, "docs": docs, "reported": rep}


def check_fact(fact, where, corpus_dirs, cache, errors):
    if not isinstance(fact, dict):
        errors.append(f"{where}: not a JSON object")
        return False
    keys = set(fact)
    if keys != set(FACT_KEYS):
        errors.append(f"{where}: fields: missing {sorted(set(FACT_KEYS) - keys)} / unknown {sorted(keys - set(FACT_KEYS))}")
        return False
    bad = [k for k, t in FACT_KEYS.items() if not isinstance(fact[k], t)]
    if bad:
        errors.append(f"{where}: wrong type for {bad}")
        return False
    if fact["set"] not in SETS or fact["attribute"] not in ATTRIBUTES or fact["fact"] not in KINDS:
        errors.append(f"{where}: unknown set, attribute or fact kind")
        return False
    if not fact["note"].strip() or not fact["event"].strip():
        errors.append(f"{where}: empty note or event")
    path = os.path.join(corpus_dirs[fact["set"]], fact["file"])
    if os.path.basename(fact["file"]) != fact["file"] or not os.path.isfile(path):
        errors.append(f"{where}: no corpus file {path}")
        return False
    if path not in cache:
        cache[path] = load_records(path)
    records = cache[path]

    kind, attribute, figs = fact["fact"], fact["attribute"], fact["figures"]
    if kind in ("agree", "single") and len(figs) != 1:
        errors.append(f"{where}: a {kind} fact has exactly one figure")
    if kind in ("contradict", "changed", "scope") and len(figs) < 2:
        errors.append(f"{where}: a {kind} fact has two or more figures")
    checked = [check_figure(f, f"{where} figure {i + 1}", attribute, records, errors) for i, f in enumerate(figs)]
    if any(c is None or c["value"] is None for c in checked):
        return True
    if kind == "agree":
        outlets = {records[d].get("source") or d for d in checked[0]["docs"] if d in records}
        if len(outlets) < 2:
            errors.append(f"{where}: an agree fact needs docs from two or more outlets")
    if kind == "contradict":
        if not any(disjoint(a["value"], b["value"]) for i, a in enumerate(checked) for b in checked[i + 1:]):
            errors.append(f"{where}: a contradict fact needs two figures with disjoint values")
    if kind == "changed":
        for a, b in zip(checked, checked[1:]):
            if not disjoint(a["value"], b["value"]):
                errors.append(f"{where}: consecutive figures of a changed fact must have disjoint values")
            if a["reported"] and b["reported"] and a["reported"][0] > b["reported"][1]:
                errors.append(f"{where}: changed figures must be in report-time order")
    return True


def check_file(path, corpus_dirs, cache, counts, errors):
    name = os.path.basename(path)
    prev_key, files = None, set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            where = f"{name}:{n}"
            if not line.strip():
                errors.append(f"{where}: blank line")
                continue
            try:
                fact = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad JSON: {e}")
                continue
            if not check_fact(fact, where, corpus_dirs, cache, errors):
                continue
            key = (fact["file"], fact["event"], fact["attribute"], fact["fact"])
            if prev_key is not None and key < prev_key:
                errors.append(f"{where}: not sorted by (file, event, attribute, fact)")
            prev_key = key
            files.add(fact["file"])
            counts[fact["set"]][fact["fact"]] += 1
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gva", default=DEFAULT_GVA, help="the gva-dev corpus directory")
    ap.add_argument("--ecbplus", default=DEFAULT_ECBPLUS, help="the ECB+ cluster directory")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or [os.path.join(HERE, "gva.jsonl"), os.path.join(HERE, "ecbplus.jsonl")]
    corpus_dirs = {"gva": args.gva, "ecbplus": args.ecbplus}
    for s, d in corpus_dirs.items():
        if not os.path.isdir(d):
            raise SystemExit(f"no {s} corpus directory {d}")
    counts = collections.OrderedDict((s, collections.Counter()) for s in SETS)
    errors, cache = [], {}
    for path in files:
        labeled = check_file(path, corpus_dirs, cache, counts, errors)
        name = os.path.basename(path)
        if name == "gva.jsonl":
            expected = set(held_out_gva(args.gva))
            if labeled != expected:
                errors.append(f"{name}: labeled incidents {sorted(labeled ^ expected)} differ from the held-out part")
        elif name == "ecbplus.jsonl":
            clusters = {f.split("_")[0] for f in labeled}
            if clusters != set(ECB_CLUSTERS):
                errors.append(f"{name}: labeled clusters {sorted(clusters)}, expected {list(ECB_CLUSTERS)}")

    width = max(len(k) for k in KINDS)
    print("set      " + "  ".join(k.rjust(width) for k in KINDS) + "  " + "total".rjust(width))
    total = collections.Counter()
    for s, c in counts.items():
        total.update(c)
        print(f"{s:<7}  " + "  ".join(str(c[k]).rjust(width) for k in KINDS) + "  " + str(sum(c.values())).rjust(width))
    print(f"{'all':<7}  " + "  ".join(str(total[k]).rjust(width) for k in KINDS) + "  " + str(sum(total.values())).rjust(width))
    for err in errors:
        print("error: " + err, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
