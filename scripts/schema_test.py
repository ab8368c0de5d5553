#!/usr/bin/env python3
"""claimcheck's JSON output against its own JSON Schemas (docs/schema/, draft 2020-12).

Which schema: `check`/`reconcile --format json` -> report.schema.json (the whole output);
`--format jsonl` -> report.schema.json#/$defs/JsonlFinding (each line); `extract` ->
extract.schema.json (each line); `mentions` -> mention.schema.json (each line); `--format
claimreview` -> claimreview.schema.json (the whole output). Runs in any other format (text, csv,
sarif, ...) are skipped and counted.

What is validated:
1. Every golden fixture's committed expected output, fixtures/<case>/<run>.stdout, picked by its
   <run>.args. The committed files, not a rerun: the `fixtures` test already proves each is
   byte-identical to what the binary prints (twice, with and without --jobs), and rerunning them
   honestly would mean redoing its work-directory copies and setup.sh (bad-input generates a
   4 MB input). Checking the committed files also stops a `fixtures.py --update` from committing
   output that breaks the schema.
2. The real binary's output, run here from the repository root: check --format json and
   --format jsonl, extract and mentions on the seeds and on the ECB+ fixture inputs, the ledger
   draft as JSON (the `ledger` verdict), and `reconcile --format json` over extract's output.
3. A self-check first: well-formed records in memory must pass, and deliberately broken ones (an
   unknown key, a bad verdict, a missing key, a string bound, a skipped input without its reason,
   ...) must be rejected at the expected JSON path, through the same code that reports fixture
   failures, so this test is known to be able to fail.

Cross-file $refs ("extract.schema.json#/$defs/Claim") resolve offline from docs/schema/ alone:
through a `referencing` registry where the `referencing` package exists (jsonschema >= 4.18),
else through a RefResolver store (Debian's python3-jsonschema 4.10) whose remote handlers refuse.

Usage: schema_test.py --binary PATH [--root DIR]   (root: the repository, default this script's).
A violation prints `FILE:LINE: $.json.path: message`; exit 1 on any. Ends with
`schema: N passed, M failed` (N and M count outputs: files and live runs).
"""
import argparse
import copy
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema

SCHEMA_FILES = ("extract.schema.json", "mention.schema.json", "report.schema.json",
                "claimreview.schema.json")
# What each kind of output is checked against: (schema file, JSON pointer in it, per line?).
KINDS = {
    "report": ("report.schema.json", "", False),
    "jsonl": ("report.schema.json", "/$defs/JsonlFinding", True),
    "extract": ("extract.schema.json", "", True),
    "mention": ("mention.schema.json", "", True),
    "claimreview": ("claimreview.schema.json", "", False),
}
MAX_ERRORS = 5  # per output
WS = re.compile(r"[ \t\n\r]*")


# --- schemas ---------------------------------------------------------------------------------

class Schemas:
    """The three schemas, each meta-validated, with a validator per kind of output."""

    def __init__(self, schema_dir):
        self.base = schema_dir.resolve().as_uri() + "/"
        self.docs = {}
        for name in SCHEMA_FILES:
            doc = json.loads((schema_dir / name).read_text(encoding="utf-8"))
            cls = jsonschema.validators.validator_for(doc)
            if cls is not jsonschema.Draft202012Validator:
                raise SystemExit(f"{name}: expected a draft 2020-12 schema, got {cls.__name__}")
            cls.check_schema(doc)
            self.docs[name] = doc
        self.validators = {kind: self._validator(name, pointer)
                           for kind, (name, pointer, _) in KINDS.items()}

    def _validator(self, name, pointer):
        root = {"$ref": f"{self.base}{name}#{pointer}"}
        cls = jsonschema.Draft202012Validator
        try:
            from referencing import Registry
            from referencing.jsonschema import DRAFT202012
        except ImportError:
            def refuse(uri):
                raise jsonschema.RefResolutionError(f"{uri}: not in docs/schema/, not fetched")
            resolver = jsonschema.RefResolver(
                base_uri=self.base, referrer=root,
                store={self.base + n: d for n, d in self.docs.items()},
                handlers={"http": refuse, "https": refuse, "file": refuse})
            return cls(root, resolver=resolver)
        # No retrieve function: a $ref outside these three files is an error, never a fetch.
        registry = Registry().with_resources(
            (self.base + n, DRAFT202012.create_resource(d)) for n, d in self.docs.items())
        return cls(root, registry=registry)


def leaf_errors(error):
    """An error and, for anyOf/oneOf/if-then, the errors beneath it."""
    yield error
    for sub in error.context or ():
        yield from leaf_errors(sub)


def document_order(error):
    """claims[9] before claims[10]."""
    return [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in error.absolute_path]


def describe(errors):
    """(json path, message) of the most specific error beneath each, in document order."""
    out = []
    for e in sorted(errors, key=document_order):
        best = jsonschema.exceptions.best_match([e])
        message = best.message if len(best.message) <= 240 else best.message[:240] + "..."
        out.append((best.json_path, message))
    return out


# --- locating a JSON path in pretty-printed text ---------------------------------------------

def value_offsets(text):
    """{path tuple: offset of the value's first character} for one JSON document."""
    decoder = json.JSONDecoder()
    offsets = {}

    def skip(i):
        return WS.match(text, i).end()

    def value(i, path):
        i = skip(i)
        offsets[path] = i
        opener = text[i]
        if opener not in "{[":
            return decoder.raw_decode(text, i)[1]
        closer, index, i = ("}" if opener == "{" else "]"), 0, skip(i + 1)
        while text[i] != closer:
            if opener == "{":
                key, i = decoder.raw_decode(text, i)
                i = skip(skip(i) + 1)  # past ':'
                i = value(i, path + (key,))
            else:
                i = value(i, path + (index,))
            index += 1
            i = skip(i)
            if text[i] == ",":
                i = skip(i + 1)
        return i + 1

    value(0, ())
    return offsets


def line_of(text, offsets, path):
    """1-based line of the value at `path` (or its nearest located parent) in `text`."""
    path = tuple(path)
    while path not in offsets and path:
        path = path[:-1]
    return text.count("\n", 0, offsets.get(path, 0)) + 1


# --- checking one output ---------------------------------------------------------------------

class Tally:
    def __init__(self):
        self.passed = self.failed = self.records = self.skipped = 0
        self.records_by_kind = dict.fromkeys(KINDS, 0)
        self.skipped_formats = {}


def check_output(schemas, kind, text, name, tally=None, min_records=0):
    """Validates one output; returns its problems as `NAME:LINE: $.path: message` lines."""
    validator = schemas.validators[kind]
    per_line = KINDS[kind][2]
    problems, records = [], 0
    if per_line:
        units = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    else:
        units = [(1, text)] if text.strip() else []
    for number, unit in units:
        try:
            instance = json.loads(unit)
        except ValueError as e:
            problems.append(f"{name}:{number + getattr(e, 'lineno', 1) - 1}: not JSON: {e}")
            continue
        records += 1
        described = describe(validator.iter_errors(instance))
        offsets = value_offsets(text) if described and not per_line else {}
        for path, message in described:
            line = number if per_line else line_of(text, offsets, jsonpath_parts(path))
            problems.append(f"{name}:{line}: {path}: {message}")
    if records < min_records:
        problems.append(f"{name}: {records} records, expected at least {min_records}")
    if tally is not None:
        tally.records += records
        tally.records_by_kind[kind] += records
        if problems:
            tally.failed += 1
            print(f"FAIL {name} ({kind})")
            for p in problems[:MAX_ERRORS]:
                print(f"    {p}")
            if len(problems) > MAX_ERRORS:
                print(f"    ... and {len(problems) - MAX_ERRORS} more")
        else:
            tally.passed += 1
            print(f"PASS {name} ({kind}, {records} record{'s' if records != 1 else ''})")
    return problems


def jsonpath_parts(path):
    """'$.claims[3].value' -> ('claims', 3, 'value'); keys here are plain identifiers."""
    return tuple(int(p[1:-1]) if p.startswith("[") else p.lstrip(".")
                 for p in re.findall(r"\.[^.\[]+|\[\d+\]", path))


# --- which schema a run's output follows ------------------------------------------------------

def kind_of(args):
    """(kind, None) for a run whose stdout has a schema, else (None, what it prints)."""
    sub = next((a for a in args if not a.startswith("-")), None)
    fmt = "text"
    for i, a in enumerate(args):
        if a == "--format" and i + 1 < len(args):
            fmt = args[i + 1]
        elif a.startswith("--format="):
            fmt = a.split("=", 1)[1]
    if any(a.startswith(("-o", "--output")) for a in args):
        return None, "written to a file"
    if sub == "extract":
        return "extract", None
    if sub == "mentions":
        return "mention", None
    if sub in ("check", "reconcile"):
        if fmt == "json":
            return "report", None
        if fmt == "jsonl":
            return "jsonl", None
        if fmt == "claimreview":
            return "claimreview", None
        return None, f"--format {fmt}"
    return None, f"`{sub}`"


def read_args(path):
    return [line for line in path.read_text(encoding="utf-8").split("\n")
            if line.strip() and not line.startswith("#")]


def check_fixtures(schemas, root, tally):
    for args_file in sorted(root.glob("fixtures/*/*.args")):
        stdout = args_file.with_suffix(".stdout")
        rel = stdout.relative_to(root)
        kind, why = kind_of(read_args(args_file))
        if kind is None:
            tally.skipped += 1
            tally.skipped_formats[why] = tally.skipped_formats.get(why, 0) + 1
            continue
        if not stdout.is_file():
            tally.failed += 1
            print(f"FAIL {rel}: missing")
            continue
        check_output(schemas, kind, stdout.read_text(encoding="utf-8"), str(rel), tally)


# --- the real binary -------------------------------------------------------------------------

def live_runs(root):
    """(args, kind) of the runs done with the binary; every one must print records."""
    seeds = ["fixtures/seeds"]
    ecb = ecbplus_inputs(root)
    ledger = ["--facts", "fixtures/ledger/facts.toml", "fixtures/ledger/draft-contradict.md"]
    runs = []
    for inputs in [seeds, ecb]:
        runs += [(["check", "-q", "--format", "json"] + inputs, "report"),
                 (["check", "-q", "--format", "jsonl"] + inputs, "jsonl"),
                 (["extract", "-q"] + inputs, "extract")]
    runs += [(["mentions", "-q"] + seeds + ecb, "mention"),
             (["mentions", "-q", "--reference-date", "2020-01-24"] + seeds, "mention"),
             (["check", "-q", "--format", "json"] + ledger, "report"),
             (["check", "-q", "--format", "jsonl"] + ledger, "jsonl"),
             (["check", "-q", "--format", "claimreview"] + ledger, "claimreview"),
             (["check", "-q", "--format", "claimreview"] + ecb, "claimreview")]
    return runs


def ecbplus_inputs(root):
    return sorted(str(p.relative_to(root)) for p in root.glob("fixtures/ecbplus-*") if p.is_dir())


def run_name(args, root):
    """The command as it reads, the ECB+ fixture directories as one glob."""
    ecb = set(ecbplus_inputs(root))
    shown = [a for a in args if a not in ecb]
    if len(shown) < len(args):
        shown.append("fixtures/ecbplus-*")
    return "`claimcheck " + " ".join(shown) + "`"


def run_binary(binary, args, root):
    done = subprocess.run([binary] + args, cwd=root, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        stderr = done.stderr.decode(errors="replace")[:300]
        raise RuntimeError(f"exited {done.returncode}: {stderr}")
    return done.stdout.decode("utf-8")


def check_live(schemas, binary, root, tally):
    for args, kind in live_runs(root):
        name = run_name(args, root)
        try:
            out = run_binary(binary, args, root)
        except RuntimeError as e:
            tally.failed += 1
            print(f"FAIL {name}: {e}")
            continue
        check_output(schemas, kind, out, name, tally, min_records=1)
    # reconcile's report from extract's JSONL, as a map/reduce user runs it.
    with tempfile.TemporaryDirectory() as tmp:
        inputs = ["fixtures/seeds"] + ecbplus_inputs(root)
        claims = Path(tmp) / "claims.jsonl"
        args = ["reconcile", "-q", "--format", "json", str(claims)]
        name = "`claimcheck " + " ".join(args[:-1]) + " <extract output>`"
        try:
            claims.write_text(run_binary(binary, ["extract", "-q"] + inputs, root),
                              encoding="utf-8")
            out = run_binary(binary, args, root)
        except RuntimeError as e:
            tally.failed += 1
            print(f"FAIL {name}: {e}")
            return
        check_output(schemas, "report", out, name, tally, min_records=1)


# --- self-check: the schemas and this script can fail ----------------------------------------

GOOD_CLAIM = {
    "record": "claim", "id": "fixtures/seeds/000_fdd386b82e3f80ff#7",
    "doc": "fixtures/seeds/000_fdd386b82e3f80ff", "rule": "en.troops.count",
    "subject": "us-troops@iraq", "attribute": "troops",
    "value": {"kind": "quantity", "point": 2500, "lo": 2250, "hi": 2750, "qualifier": "about"},
    "as_of": {"timex": "2022-01-01", "lo": "2022-01-01", "hi": "2022-01-01",
              "basis": "document-date"},
    "evidence": {"start": 2382, "end": 2411, "line": 19, "column": 114,
                 "text": "about 2,500 American soldiers", "sentence": "But about 2,500 ..."},
    "attribution": None, "hedged": False, "negated": False, "revision": False}
GOOD_DOCUMENT = {
    "record": "document", "doc": "fixtures/seeds/000_fdd386b82e3f80ff",
    "path": "fixtures/seeds/000_fdd386b82e3f80ff.txt", "title": None, "source": None, "url": None,
    "published": "2022-01-01", "published_basis": "inferred", "status": "ok", "reason": None,
    "warnings": [], "fingerprints": ["097b07907cc3eecd"]}
GOOD_FINDING = {
    "id": "F1", "verdict": "single", "severity": "note", "subject": "us-troops@iraq",
    "attribute": "troops", "summary": "one source only", "claims": [GOOD_CLAIM["id"]], "notes": [],
    "timeline": [{"claim": GOOD_CLAIM["id"], "source": "d", "as_of": None, "value": "about 2,500",
                  "stage": "standing"}],
    "grouped_by": ["event: us-troops", "place: iraq"], "fingerprint": "0123456789abcdef"}
GOOD_REPORT = {
    "schema": "claimcheck.report/1", "inputs": [GOOD_DOCUMENT], "claims": [GOOD_CLAIM],
    "findings": [GOOD_FINDING],
    "summary": {"documents": 1, "ok": 1, "skipped": 0, "claims": 1, "findings": 1,
                "verdicts": {"agree": 0, "contradict": 0, "changed": 0, "single": 1,
                             "internal": 0, "ledger": 0}}}
GOOD_MENTION = {"doc": "d", "start": 0, "end": 14, "text": "Two days later", "kind": "date",
                "value": "XXXX-XX-XX", "anchor": {"relation": "after", "offset": "P2D",
                                                  "ordinal": None, "event": None},
                "rule": "en.time.anchor.offset"}


def broken(base, path, change):
    """A deep copy of `base` with `change(parent, key)` applied at `path`."""
    doc = copy.deepcopy(base)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    change(parent, path[-1])
    return doc


def setter(value):
    def change(parent, key):
        parent[key] = value
    return change


def delete(parent, key):
    del parent[key]


def self_check(schemas):
    """Good records pass; each broken one fails at its path, reported with file and line."""
    jsonl_good = dict(GOOD_FINDING, claims=[GOOD_CLAIM])
    good = [("report", GOOD_REPORT), ("extract", GOOD_DOCUMENT), ("extract", GOOD_CLAIM),
            ("jsonl", jsonl_good), ("mention", GOOD_MENTION),
            ("mention", {"doc": "d", "start": 0, "end": 6, "text": "second", "kind": "number",
                         "value": {"kind": "quantity", "point": 2, "lo": 2, "hi": 2,
                                   "qualifier": None}, "ordinal": True, "rule": "r"})]
    bad = [
        ("report", broken(GOOD_REPORT, ["generated_at"], setter("2024-01-01")), "$"),
        ("report", broken(GOOD_REPORT, ["findings", 0, "verdict"], setter("disagree")),
         "$.findings[0].verdict"),
        ("report", broken(GOOD_REPORT, ["findings", 0, "severity"], setter("fatal")),
         "$.findings[0].severity"),
        ("report", broken(GOOD_REPORT, ["claims", 0, "hedged"], delete), "$.claims[0]"),
        ("report", broken(GOOD_REPORT, ["claims", 0, "value", "lo"], setter("2250")),
         "$.claims[0].value.lo"),
        ("report", broken(GOOD_REPORT, ["claims", 0, "as_of", "basis"], setter("guessed")),
         "$.claims[0].as_of.basis"),
        ("report", broken(GOOD_REPORT, ["claims", 0, "evidence", "page"], setter(3)),
         "$.claims[0].evidence"),
        ("report", broken(GOOD_REPORT, ["inputs", 0, "status"], setter("skipped")),
         "$.inputs[0].reason"),
        ("report", broken(GOOD_REPORT, ["summary", "verdicts", "ledger"], delete),
         "$.summary.verdicts"),
        ("extract", broken(GOOD_CLAIM, ["record"], setter("claims")), "$.record"),
        ("extract", broken(GOOD_CLAIM, ["value"], setter(
            {"kind": "time", "timex": "2020-01-03", "lo": "2020-01-03", "hi": "2020-01-03",
             "granularity": "fortnight"})), "$.value.granularity"),
        ("extract", broken(GOOD_DOCUMENT, ["published"], setter("3 January 2020")),
         "$.published"),
        ("jsonl", GOOD_FINDING, "$.claims[0]"),
        ("mention", broken(GOOD_MENTION, ["kind"], setter("number")), "$.value"),
        ("mention", broken(GOOD_MENTION, ["anchor", "relation"], setter("around")),
         "$.anchor.relation"),
    ]
    failures = []
    for kind, record in good:
        problems = check_output(schemas, kind, json.dumps(record), f"<good {kind}>")
        failures += [f"self-check: a good {kind} record is rejected: {p}" for p in problems]
    for kind, record, path in bad:
        paths = {e.json_path for top in schemas.validators[kind].iter_errors(record)
                 for e in leaf_errors(top)}
        if path not in paths:
            failures.append(f"self-check: a broken {kind} record is not rejected at {path} "
                            f"(errors at {sorted(paths) or 'nowhere'})")
    # The reporting path: a JSONL file broken on its second line, a pretty report broken deep.
    lines = json.dumps(GOOD_CLAIM) + "\n" + json.dumps(dict(GOOD_CLAIM, negated="no")) + "\n"
    problems = check_output(schemas, "extract", lines, "claims.jsonl")
    if not any(p.startswith("claims.jsonl:2: $.negated: ") for p in problems):
        failures.append(f"self-check: a bad line 2 is reported as {problems}")
    pretty = json.dumps(broken(GOOD_REPORT, ["claims", 0, "evidence", "line"], setter(0)),
                        indent=2) + "\n"
    want = pretty.split("\n").index('        "line": 0,') + 1
    problems = check_output(schemas, "report", pretty, "report.json")
    if not any(p.startswith(f"report.json:{want}: $.claims[0].evidence.line: ")
               for p in problems):
        failures.append(f"self-check: a bad evidence line is reported as {problems}, "
                        f"expected report.json:{want}")
    for f in failures:
        print(f"FAIL {f}")
    if not failures:
        print(f"PASS self-check: {len(good)} good records accepted, {len(bad)} broken ones "
              "rejected at their paths, file and line reported")
    return not failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[1]))
    args = parser.parse_args()
    root = Path(args.root).resolve()
    binary = str(Path(args.binary).resolve())
    schemas = Schemas(root / "docs/schema")
    tally = Tally()
    if not self_check(schemas):
        tally.failed += 1
    check_fixtures(schemas, root, tally)
    check_live(schemas, binary, root, tally)
    for kind, n in tally.records_by_kind.items():
        if n == 0:
            tally.failed += 1
            print(f"FAIL no {kind} record was validated")
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(tally.skipped_formats.items()))
    print(f"{tally.records} records validated "
          f"({', '.join(f'{n} {k}' for k, n in tally.records_by_kind.items())}); "
          f"{tally.skipped} fixture runs without a JSON schema skipped ({skipped})")
    print(f"schema: {tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
