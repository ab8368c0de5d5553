#!/usr/bin/env python3
"""What CI users expect of a linter (issue 16), on the real binary in throwaway folders: the
config file found from the working directory up to the repository root (and not above it, nor
above the working directory outside a repository), --no-config, command-line options over the
file; the baseline round trip (--write-baseline, then --baseline: the accepted findings neither
shown nor counted, a new one still fails); each JSON finding's fingerprint equals its SARIF
result's partialFingerprints; inline suppressions agree between check and extract | reconcile; --format rdjsonl has reviewdog's
Diagnostic fields and byte columns.
The golden cases of fixtures/lint/ hold the exact messages.

Usage: lint_test.py --binary PATH   (run from the repository root). Ends with `N passed, M failed`.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

GATE = Path("fixtures/lint/gate")
FLOOD = ["flood-a.md", "flood-b.md"]  # a note-level contradiction (40 vs 41 killed)
FIRE = ["fire-a.md", "fire-b.md"]     # an error-level contradiction (10 vs 30 injured)


class Runner:
    def __init__(self, binary):
        self.binary = str(Path(binary).resolve())
        self.passed = self.failed = 0

    def run(self, args, cwd, stdin=None):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "NO_COLOR": "1"}
        env.update({k: v for k, v in os.environ.items() if k.endswith("SAN_OPTIONS")})
        return subprocess.run([self.binary] + args, cwd=cwd, input=stdin, capture_output=True,
                              env=env, check=False)

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}{': ' + detail if detail else ''}")


def drafts(dest, names):
    dest.mkdir(parents=True, exist_ok=True)
    for n in names:
        shutil.copy(GATE / n, dest / n)


def test_config_discovery(r, tmp):
    repo = tmp / "repo"
    (repo / ".git").mkdir(parents=True)
    deep = repo / "newsroom" / "drafts"
    drafts(deep, FLOOD)
    args = ["check", "-q", "."]
    r.check("no config: the note-level contradiction fails by default",
            r.run(args, deep).returncode == 1)
    (repo / ".claimcheck.toml").write_text('fail-on = ["error"]\n')
    r.check("config at the repository root, two folders up, is read", r.run(args, deep).returncode == 0)
    r.check("--no-config ignores it", r.run(["check", "-q", "--no-config", "."], deep).returncode == 1)
    r.check("the command line wins over the file",
            r.run(["check", "-q", "--fail-on", "note", "."], deep).returncode == 1)
    (deep / ".claimcheck.toml").write_text('fail-on = "contradict"\n')
    r.check("the nearest config wins", r.run(args, deep).returncode == 1)
    (deep / ".claimcheck.toml").unlink()
    # Above the repository root: never read.
    (repo / ".claimcheck.toml").unlink()
    (tmp / ".claimcheck.toml").write_text('fail-on = "none"\n')
    r.check("a config above the repository root is not read", r.run(args, deep).returncode == 1)
    # Outside a repository: the working directory's only.
    loose = tmp / "loose" / "drafts"
    drafts(loose, FLOOD)
    (tmp / "loose" / ".claimcheck.toml").write_text('fail-on = "none"\n')
    r.check("outside a repository, a parent's config is not read", r.run(args, loose).returncode == 1)
    (loose / ".claimcheck.toml").write_text('fail-on = "none"\n')
    r.check("outside a repository, the working directory's config is read",
            r.run(args, loose).returncode == 0)
    (repo / ".claimcheck.toml").write_text('\n\njobs = 0\n')
    bad = r.run(args, deep)
    r.check("a bad value in a found config: exit 2 with file:line:col",
            bad.returncode == 2 and b"../../.claimcheck.toml:3:8: --jobs 0 is out of range" in bad.stderr,
            bad.stderr.decode(errors="replace"))
    ignore = tmp / "ignore"
    drafts(ignore / "drafts", FLOOD + FIRE)
    (ignore / ".git").mkdir()
    (ignore / ".claimcheck.toml").write_text('ignore = ["drafts/fire-*"]\nfail-on = ["error"]\n')
    done = r.run(["check", "-q", "--format", "json", "drafts"], ignore)
    paths = [d["path"] for d in json.loads(done.stdout)["inputs"]] if done.stdout else []
    r.check("ignore globs drop the inputs they name", done.returncode == 0 and paths == [
        "drafts/flood-a.md", "drafts/flood-b.md"], f"{done.returncode} {paths}")


def test_baseline(r, tmp):
    work = tmp / "baseline"
    drafts(work / "d", FLOOD + FIRE)
    first = r.run(["check", "-q", "--write-baseline", "accepted.json", "d"], work)
    base = json.loads((work / "accepted.json").read_text())
    r.check("--write-baseline writes the failing findings and accepts them in this run",
            first.returncode == 0 and len(base["findings"]) == 2, f"{first.returncode} {base}")
    again = r.run(["check", "-q", "--format", "json", "--baseline", "accepted.json", "d"], work)
    report = json.loads(again.stdout)
    verdicts = sorted(f["verdict"] for f in report["findings"])
    # What stays: the agreements on the flood's and the fire's dates.
    r.check("--baseline: accepted findings neither shown nor counted",
            again.returncode == 0 and verdicts == ["agree", "agree"], f"{again.returncode} {verdicts}")
    # A draft edited elsewhere keeps its fingerprints; a new contradiction still fails.
    text = (work / "d" / "fire-a.md").read_text()
    (work / "d" / "fire-a.md").write_text(text.replace("The fire", "Officials said the fire"))
    moved = r.run(["check", "-q", "--baseline", "accepted.json", "d"], work)
    r.check("fingerprints survive an edit that moves the claim", moved.returncode == 0,
            moved.stdout.decode(errors="replace"))
    (work / "d" / "fire-a.md").write_text(text.replace("injured 10", "injured 12"))
    new = r.run(["check", "-q", "--baseline", "accepted.json", "d"], work)
    r.check("a changed claim is a new finding and fails", new.returncode == 1)


def test_fingerprints(r):
    args = ["check", "-q", "--fail-on", "none", "--facts", "fixtures/ledger/facts.toml",
            "fixtures/ledger/draft-contradict.md", "fixtures/seeds", str(GATE)]
    report = json.loads(r.run(args[:1] + ["--format", "json"] + args[1:], ".").stdout)
    sarif = json.loads(r.run(args[:1] + ["--format", "sarif"] + args[1:], ".").stdout)
    by_json = {(f["verdict"], f["summary"]): f["fingerprint"] for f in report["findings"]}
    results = sarif["runs"][0]["results"]
    pairs = [(by_json.get((res["properties"]["verdict"], res["properties"]["summary"])),
              res["partialFingerprints"]["claimcheck/v1"]) for res in results]
    r.check("each SARIF result's fingerprint is its JSON finding's",
            len(results) >= 3 and all(a == b for a, b in pairs), str(pairs))
    fps = [f["fingerprint"] for f in report["findings"]]
    r.check("fingerprints are unique within a run", len(fps) == len(set(fps)))


def test_suppressions(r, tmp):
    inputs = ["fixtures/lint/suppress", str(GATE / "flood-b.md")]
    check = r.run(["check", "-q", "--format", "json", "--fail-on", "none"] + inputs, ".")
    claims = json.loads(check.stdout)["claims"]
    lines = sorted(c["evidence"]["line"] for c in claims if c["doc"].endswith("suppress/flood"))
    r.check("suppressed lines give no claims", lines == [13], str(lines))
    shard = tmp / "claims.jsonl"
    shard.write_bytes(r.run(["extract"] + inputs, ".").stdout)
    rec = r.run(["reconcile", "--format", "json", "--fail-on", "none", str(shard)], ".")
    r.check("extract | reconcile gives the same findings as check",
            json.loads(rec.stdout)["findings"] == json.loads(check.stdout)["findings"])
    stdin = (Path("fixtures/lint/suppress/flood.md")).read_bytes()
    piped = r.run(["check", "-q", "--format", "json", "-"], ".", stdin=stdin)
    lines = sorted(c["evidence"]["line"] for c in json.loads(piped.stdout)["claims"])
    r.check("suppressions hold on standard input", lines == [13], str(lines))


def test_rdjsonl(r):
    """reviewdog's Diagnostic shape: message, severity, source, code; ranges whose UTF-8 byte
    columns (reviewdog's unit) cut the claim's own text out of its file."""
    args = ["check", "-q", "--format", "rdjsonl", "--facts", "fixtures/lint/facts.toml",
            "fixtures/lint/unicode", str(GATE)]
    done = r.run(args, ".")
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    report = json.loads(r.run(["check", "-q", "--format", "json"] + args[4:], ".").stdout)
    claims = {c["doc"]: c for c in report["claims"]}
    alarms = [f for f in report["findings"] if f["verdict"] in ("contradict", "internal", "ledger")]
    r.check("rdjsonl: one diagnostic per alarm", len(lines) == len(alarms) >= 4, f"{len(lines)} {len(alarms)}")
    shape = all(set(d) <= {"message", "location", "severity", "source", "code", "related_locations"}
                and d["severity"] in ("ERROR", "WARNING", "INFO") and d["source"]["name"] == "claimcheck"
                and d["code"]["value"].startswith("claimcheck/") and d["message"] for d in lines)
    r.check("rdjsonl: reviewdog's Diagnostic fields", shape)
    cut = []
    for d in lines:
        for loc in [d["location"]] + [rl["location"] for rl in d.get("related_locations", [])]:
            raw = Path(loc["path"]).read_bytes().split(b"\n")[loc["range"]["start"]["line"] - 1]
            text = raw[loc["range"]["start"]["column"] - 1:loc["range"]["end"]["column"] - 1].decode()
            doc = loc["path"].rsplit(".", 1)[0]
            cut.append((text, [c["evidence"]["text"] for c in report["claims"] if c["doc"] == doc]))
    r.check("rdjsonl: byte columns cut each claim's text from its file",
            len(cut) >= 8 and all(text in texts for text, texts in cut) and claims, str(cut))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    r = Runner(parser.parse_args().binary)
    with tempfile.TemporaryDirectory(prefix="claimcheck-lint-") as tmp:
        test_config_discovery(r, Path(tmp))
        test_baseline(r, Path(tmp))
        test_suppressions(r, Path(tmp))
    test_fingerprints(r)
    test_rdjsonl(r)
    print(f"{r.passed} passed, {r.failed} failed")
    return 0 if r.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
