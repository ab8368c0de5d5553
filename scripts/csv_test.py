#!/usr/bin/env python3
"""The CSV formats agree with the JSON report: `check --format csv` and `--format csv-findings`
on real inputs, parsed with Python's csv module, must be RFC 4180 (header, CRLF, every record the
same width, bytes identical to what csv.writer writes back), hold every claim with each of its
findings (and a claim in no finding once, with empty finding columns), and name the findings,
verdicts, severities and claims `--format json` names.

Usage: csv_test.py --binary PATH [INPUT ...]   (default inputs: fixtures/seeds, fixtures/ecbplus-c12
and the ledger draft with fixtures/ledger/facts.toml; run from the repository root). Ends with
`N passed, M failed`.
"""
import argparse
import csv
import io
import json
import re
import subprocess
import sys

CLAIM_HEADER = [
    "claim_id", "doc", "path", "source", "published", "rule", "subject", "attribute",
    "kind", "value", "lo", "hi", "point", "qualifier", "timex", "granularity",
    "as_of", "as_of_basis", "line", "column", "start", "end", "text", "sentence",
    "attribution", "hedged", "negated", "revision", "finding_id", "verdict", "severity"]
FINDING_HEADER = ["id", "verdict", "severity", "subject", "attribute", "summary", "claims",
                  "documents", "values", "notes"]
NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def run(binary, args):
    done = subprocess.run([binary, "check", "-q", "--fail-on", "none"] + args,
                          capture_output=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"check {' '.join(args)} exited {done.returncode}")
    return done.stdout


def parse(raw, header):
    """Rows after the header, checking the RFC 4180 shape on the way."""
    text = raw.decode("utf-8")  # strict: the writers promise valid UTF-8
    assert text.endswith("\r\n"), "output does not end with CRLF"
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert rows and rows[0] == header, f"header is {rows[0] if rows else None}"
    for n, row in enumerate(rows[1:], 2):
        assert len(row) == len(header), f"record {n} has {len(row)} fields, not {len(header)}"
        for field in row:
            # Formula injection guard: such a cell is a plain number or marked as text.
            assert not field[:1] in ("=", "+", "-", "@") or NUMBER.match(field), \
                f"record {n}: unguarded cell {field[:40]!r}"
    again = io.StringIO(newline="")
    csv.writer(again, lineterminator="\r\n").writerows(rows)
    assert again.getvalue() == text, "not byte-identical to csv.writer's RFC 4180 form"
    return [dict(zip(header, row)) for row in rows[1:]]


def unguard(field):
    return field[1:] if field[:2] in ("'=", "'+", "'-", "'@", "'\t", "'\r") else field


def check_input(binary, args):
    report = json.loads(run(binary, ["--format", "json"] + args))
    claims = {c["id"]: c for c in report["claims"]}
    findings = {f["id"]: f for f in report["findings"]}

    # A row per (claim, finding) pair, claims in report order, findings in report order.
    expected = []
    for c in report["claims"]:
        of = [f for f in report["findings"] if c["id"] in f["claims"]]
        expected += [(c["id"], f["id"]) for f in of] or [(c["id"], "")]
    rows = parse(run(binary, ["--format", "csv"] + args), CLAIM_HEADER)
    got = [(r["claim_id"], r["finding_id"]) for r in rows]
    assert got == expected, f"(claim, finding) rows differ: {got[:3]}… vs {expected[:3]}…"
    for r in rows:
        c = claims[r["claim_id"]]
        ev = c["evidence"]
        assert r["doc"] == c["doc"] and r["subject"] == c["subject"], r["claim_id"]
        assert (r["line"], r["column"], r["start"], r["end"]) == tuple(
            str(ev[k]) for k in ("line", "column", "start", "end")), r["claim_id"]
        assert unguard(r["text"]) == ev["text"] and unguard(r["sentence"]) == ev["sentence"], \
            f"{r['claim_id']}: evidence text differs"
        v = c["value"]
        assert r["kind"] == v["kind"], r["claim_id"]
        assert r["lo"] == ("" if v["lo"] is None else str(v["lo"])), r["claim_id"]
        assert r["hi"] == ("" if v["hi"] is None else str(v["hi"])), r["claim_id"]
        if r["finding_id"]:
            f = findings[r["finding_id"]]
            assert (r["verdict"], r["severity"]) == (f["verdict"], f["severity"]), r["claim_id"]
        else:
            assert r["verdict"] == r["severity"] == "", r["claim_id"]

    rows = parse(run(binary, ["--format", "csv-findings"] + args), FINDING_HEADER)
    assert [r["id"] for r in rows] == [f["id"] for f in report["findings"]], "finding ids differ"
    for r in rows:
        f = findings[r["id"]]
        for key in ("verdict", "severity", "subject", "attribute"):
            assert r[key] == f[key], f"{r['id']}: {key} differs"
        assert unguard(r["summary"]) == f["summary"], f"{r['id']}: summary differs"
        assert r["claims"].split(" ") == f["claims"], f"{r['id']}: claims differ"
        docs = list(dict.fromkeys(claims[i]["doc"] for i in f["claims"] if i in claims))
        assert r["documents"].split(" ") == docs, f"{r['id']}: documents differ"
        assert len(r["values"].split(" | ")) == len(f["claims"]), f"{r['id']}: values"
        assert r["notes"] == " | ".join(f["notes"]), f"{r['id']}: notes differ"
    return len(report["claims"]), len(report["findings"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("inputs", nargs="*")
    args = parser.parse_args()
    cases = [[i] for i in args.inputs] or [
        ["fixtures/seeds"], ["fixtures/ecbplus-c12"],
        ["--facts", "fixtures/ledger/facts.toml", "fixtures/ledger/draft-contradict.md"]]
    failed = 0
    for case in cases:
        name = " ".join(case)
        try:
            n_claims, n_findings = check_input(args.binary, case)
            print(f"PASS {name} ({n_claims} claims, {n_findings} findings)")
        except (AssertionError, csv.Error, UnicodeDecodeError, json.JSONDecodeError) as e:
            print(f"FAIL {name}: {e}")
            failed += 1
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
