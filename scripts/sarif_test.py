#!/usr/bin/env python3
"""SARIF output as GitHub code scanning reads it: `claimcheck check --format sarif` on real inputs
must validate against the SARIF 2.1.0 schema (specs/sarif/, the draft the schema declares) and
keep code scanning's rules (DESIGN.md section 6; docs/ci.md).

For each case: the log validates; one run with columnKind unicodeCodePoints; one result per
contradict/internal/ledger finding of the same run's JSON report, with the finding's level;
every relatedLocation id unique and linked from the message as [text](id), and every link
resolving; artifact URIs relative to the repository (uriBaseId %SRCROOT%) and naming files that
exist; each region's snippet is the text at that line and code-point columns of the file; a
claim of a JSONL record is located at the record's line in the file (startLine, the line holding
one of the finding's records); fingerprints present, distinct, and the output byte-identical across two runs (--jobs 1 and 3).

Usage: sarif_test.py --binary PATH [--schema FILE]   (run from the repository root).
Ends with `N passed, M failed`.
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import jsonschema

CASES = [
    ("seeds", ["fixtures/seeds"]),
    ("ecbplus-c12", ["fixtures/ecbplus-c12"]),
    ("ledger", ["--facts", "fixtures/ledger/facts.toml", "fixtures/ledger/draft-contradict.md"]),
]
ACTIONABLE = {"contradict", "internal", "ledger"}
LEVELS = {"error": "error", "warning": "warning", "note": "note"}
# A link in a SARIF message (3.11.6): brackets in its text are escaped with a backslash.
LINK = re.compile(r"(?<!\\)\[((?:[^\[\]\\]|\\.)*)\]\((\d+)\)")
# RFC 3986 characters of a relative reference's path, percent-escapes included.
URI_PATH = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})+$")


def run(binary, args):
    return subprocess.run([binary] + args, capture_output=True, check=False)


def schema_validator(path):
    schema = json.loads(Path(path).read_text())
    # The schema says which draft it is written in; use that one, whatever it is.
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def check_link_text(message, related_ids, errors):
    linked = set()
    for m in LINK.finditer(message):
        target = int(m.group(2))
        linked.add(target)
        if target not in related_ids:
            errors.append(f"message links ({target}), which is no relatedLocation id")
    rest = LINK.sub("", message)
    if re.search(r"(?<!\\)[\[\]]", rest):
        errors.append(f"unescaped bracket outside a link in message: {message[:120]!r}")
    for rid in sorted(related_ids - linked):
        errors.append(f"relatedLocation {rid} is not linked from the message")


def check_region(uri, region, errors):
    """The snippet must be the file's text at the region, columns in code points."""
    path = Path(unquote(uri))
    lines = path.read_text(encoding="utf-8").split("\n")
    start, col = region["startLine"], region.get("startColumn", 1)
    end_line = region.get("endLine", start)
    snippet = region.get("snippet", {}).get("text")
    if start < 1 or start > len(lines):
        errors.append(f"{uri}: startLine {start} outside the file")
        return
    if snippet is None:
        return
    if end_line == start:
        got = lines[start - 1][col - 1:region["endColumn"] - 1]
    else:
        got = "\n".join([lines[start - 1][col - 1:]] + lines[start:end_line - 1] +
                        [lines[end_line - 1][:region.get("endColumn", 1) - 1]])
    if got != snippet:
        errors.append(f"{uri}:{start}:{col}: region text {got!r} is not the snippet {snippet!r}")


def check_location(loc, errors, where):
    phys = loc.get("physicalLocation")
    if phys is None:
        errors.append(f"{where}: no physicalLocation")
        return
    art = phys["artifactLocation"]
    uri = art["uri"]
    if art.get("uriBaseId") != "%SRCROOT%" or uri.startswith(("/", "file:")) or ":" in uri:
        errors.append(f"{where}: URI {uri!r} is not relative to %SRCROOT%")
    if not URI_PATH.match(uri):
        errors.append(f"{where}: {uri!r} is not a percent-encoded URI reference")
    if not Path(unquote(uri)).is_file():
        errors.append(f"{where}: {uri!r} names no file in the repository")
        return
    if "region" in phys:
        check_region(uri, phys["region"], errors)


def record_id(line, file_id, number):
    """The id claimcheck gives the JSONL record on `line` (its `id`, else `<file id>:<line>`)."""
    try:
        record = json.loads(line)
    except ValueError:
        record = None
    rid = record.get("id") if isinstance(record, dict) else None
    if isinstance(rid, (int, float)) and not isinstance(rid, bool):
        rid = json.dumps(rid)
    return rid if isinstance(rid, str) and rid else f"{file_id}:{number}"


def check_record_line(loc, docs, errors, where):
    """A location in a JSONL file must name the line of one of the finding's records."""
    phys = loc.get("physicalLocation", {})
    uri = unquote(phys.get("artifactLocation", {}).get("uri", ""))
    if not uri.endswith((".jsonl", ".ndjson")) or not Path(uri).is_file():
        return
    line = phys.get("region", {}).get("startLine")
    if line is None:
        errors.append(f"{where}: a record of {uri} has no region.startLine")
        return
    lines = Path(uri).read_text(encoding="utf-8").split("\n")
    if not 1 <= line <= len(lines):
        errors.append(f"{where}: startLine {line} outside {uri}")
        return
    rid = record_id(lines[line - 1], uri.rsplit(".", 1)[0], line)
    if rid not in docs:
        errors.append(f"{where}: line {line} of {uri} holds record {rid!r}, none of {sorted(docs)}")


def check_case(binary, validator, args):
    first = run(binary, ["check", "-q", "--format", "sarif"] + args)
    second = run(binary, ["check", "--jobs", "3", "-q", "--format", "sarif"] + args)
    report = run(binary, ["check", "-q", "--format", "json"] + args)
    if first.returncode not in (0, 1):
        return [f"check exited {first.returncode}: {first.stderr.decode()[:300]}"]
    errors = []
    if first.stdout != second.stdout:
        errors.append("output differs between two runs (--jobs 1 and --jobs 3)")
    log = json.loads(first.stdout)
    for e in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))[:5]:
        errors.append(f"schema: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
    if log.get("version") != "2.1.0" or "$schema" not in log:
        errors.append("no $schema or version 2.1.0")
    if len(log["runs"]) != 1:
        return errors + [f"{len(log['runs'])} runs, expected 1"]
    run0 = log["runs"][0]
    if run0.get("columnKind") != "unicodeCodePoints":
        errors.append(f"columnKind is {run0.get('columnKind')!r}")
    driver = run0["tool"]["driver"]
    if driver.get("name") != "claimcheck" or not driver.get("version"):
        errors.append("tool.driver needs name claimcheck and a version")
    rule_ids = [r["id"] for r in driver.get("rules", [])]
    for rule in driver.get("rules", []):
        for key in ("shortDescription", "fullDescription"):
            if not rule.get(key, {}).get("text"):
                errors.append(f"rule {rule['id']} has no {key}")
        if not rule.get("help", {}).get("text") or not rule.get("help", {}).get("markdown"):
            errors.append(f"rule {rule['id']} has no help text and markdown")

    full = json.loads(report.stdout)
    doc_of = {c["id"]: c["doc"] for c in full["claims"]}
    findings = [f for f in full["findings"] if f["verdict"] in ACTIONABLE]
    results = run0["results"]
    if len(results) != len(findings):
        errors.append(f"{len(results)} results for {len(findings)} contradict/internal/ledger "
                      "findings")
    if (first.returncode == 1) != bool(findings):
        errors.append(f"exit code {first.returncode} with {len(findings)} failing findings")
    prints = set()
    for i, (result, finding) in enumerate(zip(results, findings)):
        where = f"result {i} ({finding['id']})"
        if result["ruleId"] != f"claimcheck/{finding['verdict']}":
            errors.append(f"{where}: ruleId {result['ruleId']}")
        index = result.get("ruleIndex", -1)
        if not 0 <= index < len(rule_ids) or rule_ids[index] != result["ruleId"]:
            errors.append(f"{where}: ruleId/ruleIndex do not name a rule of the driver")
        if result.get("level") != LEVELS[finding["severity"]]:
            errors.append(f"{where}: level {result.get('level')} for severity "
                          f"{finding['severity']}")
        if len(result.get("locations", [])) != 1:
            errors.append(f"{where}: {len(result.get('locations', []))} locations, expected 1")
        docs = {doc_of[c] for c in finding["claims"] if c in doc_of}
        for loc in result.get("locations", []):
            check_location(loc, errors, where)
            check_record_line(loc, docs, errors, where)
        related = result.get("relatedLocations", [])
        ids = [r["id"] for r in related]
        if ids != list(range(1, len(ids) + 1)):
            errors.append(f"{where}: relatedLocation ids {ids} are not 1..n")
        for r in related:
            check_location(r, errors, f"{where} related {r['id']}")
            check_record_line(r, docs, errors, f"{where} related {r['id']}")
        check_link_text(result["message"]["text"], set(ids), errors)
        # Every other claim of the finding is a related location (plus the ledger entry).
        extra = 1 if finding["verdict"] == "ledger" else 0
        if len(related) != len(finding["claims"]) - 1 + extra:
            errors.append(f"{where}: {len(related)} related locations for "
                          f"{len(finding['claims'])} claims")
        fp = result.get("partialFingerprints", {}).get("claimcheck/v1", "")
        if not re.fullmatch(r"[0-9a-f]{16}", fp):
            errors.append(f"{where}: fingerprint {fp!r}")
        prints.add(fp)
    if len(prints) != len(results):
        errors.append("fingerprints are not distinct")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    default_schema = (Path(__file__).resolve().parents[2] /
                      "shared/specs/sarif/sarif-schema-2.1.0.json")
    parser.add_argument("--schema", default=str(default_schema))
    args = parser.parse_args()
    validator = schema_validator(args.schema)
    failed = 0
    for name, case_args in CASES:
        errors = check_case(args.binary, validator, case_args)
        print(f"{'FAIL' if errors else 'PASS'} {name}")
        for e in errors[:20]:
            print(f"    {e}")
        failed += bool(errors)
    print(f"{len(CASES) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
