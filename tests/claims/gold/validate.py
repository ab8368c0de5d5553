#!/usr/bin/env python3
"""Validate the hand-made gold claim labels against the ECB+ corpus text.

Usage: python3 tests/claims/gold/validate.py [--corpus DIR] [GOLD.jsonl ...]

With no files, checks every C*.jsonl beside this script. For each label it checks the field
set and types, that text[start:end] (UTF-8 bytes of the record's "text") equals "evidence",
that the span stays inside one sentence line, that values are well-formed intervals, and that
each file is ordered by (doc, start). It prints the label counts per cluster and attribute and
exits 1 on any error. Standard library only.
"""
import argparse
import collections
import datetime
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "corpora", "ecbplus"))

ATTRIBUTES = ("deaths", "injuries", "missing", "troops", "crowd", "date")
REQUIRED = {
    "doc": str, "start": int, "end": int, "evidence": str, "attribute": str,
    "as_of": (str, type(None)), "hedged": bool, "negated": bool, "revision": bool,
    "subject_note": str,
}
OPTIONAL = {"note": str}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# TIMEX3 values that keep an unknown part as X: XXXX, XXXX-01-04, XXXX-WXX-7, XXXX-WXX-WE, XXXX-XX-XX.
TIMEX_X = re.compile(r"^(?=.*X)[0-9X]{4}(-(\d{2}|XX)(-(\d{2}|XX))?|-W(\d{2}|XX)(-([1-7]|WE))?)?$")


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def parse_iso(s):
    if not isinstance(s, str) or not ISO_DATE.match(s):
        return None
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        return None


def load_corpus(corpus_dir, cluster):
    paths = sorted(glob.glob(os.path.join(corpus_dir, cluster + "_*.jsonl")))
    if len(paths) != 1:
        raise SystemExit(f"{cluster}: expected one corpus file {cluster}_*.jsonl in {corpus_dir}, found {len(paths)}")
    texts = {}
    with open(paths[0], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                texts[rec["id"]] = rec["text"].encode("utf-8")
    return texts


def check_value(lab, where, errors):
    lo, hi = lab.get("lo", "missing"), lab.get("hi", "missing")
    if lo == "missing" or hi == "missing":
        errors.append(f"{where}: 'lo' and 'hi' are required")
        return
    if lab["attribute"] == "date":
        if parse_iso(lo):
            if parse_iso(hi) is None:
                errors.append(f"{where}: date with ISO lo needs an ISO hi, got {hi!r}")
            elif parse_iso(hi) < parse_iso(lo):
                errors.append(f"{where}: date hi {hi} before lo {lo}")
        elif isinstance(lo, str) and TIMEX_X.match(lo):
            if hi is not None:
                errors.append(f"{where}: unresolved date {lo} must have hi null")
        else:
            errors.append(f"{where}: date lo must be YYYY-MM-DD or a TIMEX3 value with X, got {lo!r}")
    else:
        if not is_int(lo) or lo < 0:
            errors.append(f"{where}: lo must be a non-negative integer, got {lo!r}")
        elif hi is not None and (not is_int(hi) or hi < lo):
            errors.append(f"{where}: hi must be null or an integer >= lo, got {hi!r}")


def check_file(path, corpus_dir, counts, errors):
    cluster = os.path.basename(path).split(".")[0]
    texts = load_corpus(corpus_dir, cluster)
    seen, prev_key = set(), None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{os.path.basename(path)}:{n}"
            if not line.strip():
                errors.append(f"{where}: blank line")
                continue
            try:
                lab = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad JSON: {e}")
                continue
            keys = set(lab)
            missing = set(REQUIRED) | {"lo", "hi"}
            missing -= keys
            extra = keys - set(REQUIRED) - set(OPTIONAL) - {"lo", "hi"}
            if missing or extra:
                errors.append(f"{where}: missing {sorted(missing)} / unknown {sorted(extra)} fields")
                continue
            bad = [k for k, t in {**REQUIRED, **OPTIONAL}.items()
                   if k in lab and not (isinstance(lab[k], t) and (t is not int or is_int(lab[k])))]
            if bad:
                errors.append(f"{where}: wrong type for {bad}")
                continue
            if lab["attribute"] not in ATTRIBUTES:
                errors.append(f"{where}: unknown attribute {lab['attribute']!r}")
                continue
            text = texts.get(lab["doc"])
            if text is None:
                errors.append(f"{where}: doc {lab['doc']!r} not in {cluster}")
                continue
            s, e = lab["start"], lab["end"]
            if not (0 <= s < e <= len(text)):
                errors.append(f"{where}: bad span [{s},{e}) for a text of {len(text)} bytes")
                continue
            piece = text[s:e]
            if piece != lab["evidence"].encode("utf-8"):
                errors.append(f"{where}: text[{s}:{e}] is {piece.decode('utf-8', 'replace')!r}, "
                              f"evidence is {lab['evidence']!r}")
            if b"\n" in piece:
                errors.append(f"{where}: evidence crosses a sentence line")
            if lab["as_of"] is not None and parse_iso(lab["as_of"]) is None:
                errors.append(f"{where}: as_of must be YYYY-MM-DD or null, got {lab['as_of']!r}")
            if not lab["subject_note"].strip():
                errors.append(f"{where}: empty subject_note")
            check_value(lab, where, errors)
            key = (lab["doc"], s)
            if prev_key is not None and key < prev_key:
                errors.append(f"{where}: not ordered by doc then start")
            prev_key = key
            ident = (lab["doc"], s, e, lab["attribute"])
            if ident in seen:
                errors.append(f"{where}: duplicate label {ident}")
            seen.add(ident)
            counts[cluster][lab["attribute"]] += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="directory of the ECB+ cluster JSONL files")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(HERE, "C*.jsonl")))
    if not files:
        raise SystemExit("no gold files found")
    counts = collections.OrderedDict((os.path.basename(p).split(".")[0], collections.Counter()) for p in files)
    errors = []
    for path in files:
        check_file(path, args.corpus, counts, errors)
    width = max(len(a) for a in ATTRIBUTES)
    print("cluster  " + "  ".join(a.rjust(width) for a in ATTRIBUTES) + "  " + "total".rjust(width))
    total = collections.Counter()
    for cluster, c in counts.items():
        total.update(c)
        print(f"{cluster:<7}  " + "  ".join(str(c[a]).rjust(width) for a in ATTRIBUTES)
              + "  " + str(sum(c.values())).rjust(width))
    print(f"{'all':<7}  " + "  ".join(str(total[a]).rjust(width) for a in ATTRIBUTES)
          + "  " + str(sum(total.values())).rjust(width))
    for err in errors:
        print("error: " + err, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
