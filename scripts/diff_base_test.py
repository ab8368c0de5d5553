#!/usr/bin/env python3
"""`--diff-base REF`: only findings on lines added or changed since a git revision (reviewdog's
filter-mode=added), in a throwaway git repository.

A Markdown draft contradicts the ledger on two lines (troops, date) and a JSONL feed holds two
records that contradict it; all committed. Then:
- nothing changed: no finding is reported in any format, exit 0 (the draft still contradicts);
- one line of the draft changed: only the finding on that line, in github annotations, rdjsonl,
  SARIF and JSON, and the exit code counts it alone (1);
- one record of the JSONL file changed: only that record's finding (its line in the file);
- the ledger entry changed: the findings of that entry, wherever their claims are;
- an untracked draft: every line of it is new;
- --fail-on none with a changed line still reports it, exit 0;
- an unknown revision, a working directory outside any repository: exit 2 and a message naming
  the revision, before any work.

Usage: diff_base_test.py --binary PATH.  Ends with `N passed, M failed`.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

FACTS = """\
[[fact]]
subject = "us-troops@iraq"
attribute = "troops"
value = 2500
tolerance = "10%"
as_of = "2022-01-10"
citation = "US Department of Defense, December 2021"

[[fact]]
subject = "soleimani-killing"
attribute = "date"
value = "2020-01-03"
citation = "Pentagon statement, 3 January 2020"
"""

DRAFT = """\
---
title: Two years on
published: 2022-01-10
source: newsroom-draft
---
About 5,000 American soldiers remain deployed in Iraq to train national forces, officials said.

Qasem Soleimani was killed in a US drone strike near Baghdad's airport on January 5, 2020.
"""

RECORDS = [
    {"id": "feed/1", "published": "2022-01-10", "source": "wire-a",
     "text": "About 9,000 American soldiers remain deployed in Iraq, officials said."},
    {"id": "feed/2", "published": "2022-01-10", "source": "wire-b",
     "text": "Qasem Soleimani was killed in a US drone strike on January 7, 2020."},
]

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def make_repo(root):
    repo = root / "repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / "facts.toml").write_text(FACTS)
    (repo / "drafts" / "story.md").write_text(DRAFT)
    (repo / "drafts" / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


class Checker:
    def __init__(self, binary):
        self.binary = binary
        self.passed = 0
        self.failed = 0

    def run(self, cwd, *args):
        return subprocess.run([self.binary, *args], cwd=cwd, capture_output=True, text=True,
                              env={**os.environ, **GIT_ENV, "NO_COLOR": "1"})

    def expect(self, name, ok, detail=""):
        print(f"{'PASS' if ok else 'FAIL'} {name}")
        if not ok:
            print(f"    {detail}")
        self.passed += ok
        self.failed += not ok

    def findings(self, repo, *extra):
        """(exit code, findings as (verdict, subject, claims)) of the JSON report, --diff-base HEAD."""
        r = self.run(repo, "check", "-q", "--facts", "facts.toml", "--diff-base", "HEAD",
                     "--format", "json", *extra, "drafts")
        if r.returncode not in (0, 1):
            return r.returncode, r.stderr
        return r.returncode, keys(json.loads(r.stdout)["findings"])

    def full(self, repo):
        """The JSON report without --diff-base: what the filtered runs are compared with."""
        r = self.run(repo, "check", "-q", "--facts", "facts.toml", "--format", "json", "drafts")
        return json.loads(r.stdout)


def keys(findings):
    return sorted((f["verdict"], f["subject"], tuple(f["claims"])) for f in findings)


def expected(report, keep):
    """The findings of a full report that have a claim for which keep(claim) holds, or that keep
    itself selects (keep(None, finding))."""
    claims = {c["id"]: c for c in report["claims"]}
    return keys(f for f in report["findings"]
                if any(keep(claims[c]) for c in f["claims"] if c in claims) or keep(None, f))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    binary = str(Path(parser.parse_args().binary).resolve())
    t = Checker(binary)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp).resolve()
        # git looks for a repository no higher than the temporary folder.
        os.environ["GIT_CEILING_DIRECTORIES"] = str(root)
        repo = make_repo(root)
        story = repo / "drafts" / "story.md"

        # Without --diff-base the draft and the feed fail on both facts.
        full = t.run(repo, "check", "-q", "--facts", "facts.toml", "--format", "json", "drafts")
        alarms = [f for f in json.loads(full.stdout)["findings"] if f["verdict"] == "ledger"]
        t.expect("without --diff-base: 4 ledger findings, exit 1",
                 full.returncode == 1 and len(alarms) == 4, f"{full.returncode} {len(alarms)}")

        code, found = t.findings(repo)
        t.expect("nothing changed: no finding, exit 0", code == 0 and found == [], f"{code} {found}")

        # Change the date line only.
        story.write_text(DRAFT.replace("January 5, 2020", "January 6, 2020"))
        code, found = t.findings(repo)
        want = expected(t.full(repo), lambda c, f=None: c is not None and c["doc"] == "drafts/story"
                        and c["evidence"]["line"] == 8)
        t.expect("changed date line: only the findings with a claim on it (a ledger one among them)",
                 code == 1 and found == want and len(want) >= 1 and
                 any(v == "ledger" and s == "soleimani-killing" for v, s, _ in found) and
                 all(s == "soleimani-killing" for _, s, _ in found), f"{code} {found} != {want}")
        gh = t.run(repo, "check", "-q", "--facts", "facts.toml", "--diff-base", "HEAD",
                   "--format", "github", "drafts")
        lines = gh.stdout.splitlines()
        t.expect("github: only annotations of those findings, the ledger one on line 8 of the draft",
                 gh.returncode == 1 and 1 <= len(lines) <= len(want) and
                 any(l.startswith("::error file=drafts/story.md,line=8,") and "ledger" in l for l in lines)
                 and not any("us-troops" in l for l in lines), repr(gh.stdout[:600]))
        rd = t.run(repo, "check", "-q", "--facts", "facts.toml", "--diff-base", "HEAD",
                   "--format", "rdjsonl", "drafts")
        diags = [json.loads(x) for x in rd.stdout.splitlines()]
        t.expect("rdjsonl: the same diagnostics as the annotations, the ledger one on line 8",
                 len(diags) == len(lines) and
                 any(d["code"]["value"] == "claimcheck/ledger" and
                     d["location"]["range"]["start"]["line"] == 8 for d in diags),
                 repr(rd.stdout[:300]))
        sarif = t.run(repo, "check", "-q", "--facts", "facts.toml", "--diff-base", "HEAD",
                      "--format", "sarif", "drafts")
        results = json.loads(sarif.stdout)["runs"][0]["results"]
        t.expect("sarif: the same results, the ledger one on line 8",
                 len(results) == len(lines) and
                 any(r["ruleId"] == "claimcheck/ledger" and
                     r["locations"][0]["physicalLocation"]["region"]["startLine"] == 8 for r in results),
                 repr([r.get("locations") for r in results]))
        none = t.run(repo, "check", "-q", "--facts", "facts.toml", "--diff-base", "HEAD",
                     "--fail-on", "none", "--format", "github", "drafts")
        t.expect("--fail-on none: the same annotations, exit 0",
                 none.returncode == 0 and none.stdout == gh.stdout, none.stdout[:200])
        git(repo, "checkout", "--", "drafts/story.md")

        # Change the second record of the feed: its line (2) is the only one changed.
        feed = repo / "drafts" / "feed.jsonl"
        changed = [RECORDS[0], {**RECORDS[1], "text": RECORDS[1]["text"].replace("7", "8")}]
        feed.write_text("".join(json.dumps(r) + "\n" for r in changed))
        code, found = t.findings(repo)
        want = expected(t.full(repo), lambda c, f=None: c is not None and c["doc"] == "feed/2")
        t.expect("changed JSONL record (line 2): only the findings with a claim of that record",
                 code == 1 and found == want and any(v == "ledger" for v, _, _ in found) and
                 all(s == "soleimani-killing" for _, s, _ in found), f"{code} {found} != {want}")
        git(repo, "checkout", "--", "drafts/feed.jsonl")

        # Change the troops entry of the ledger: its findings, in the draft and the feed.
        (repo / "facts.toml").write_text(FACTS.replace("tolerance = \"10%\"", "tolerance = \"12%\""))
        code, found = t.findings(repo)
        want = expected(t.full(repo), lambda c, f=None: f is not None and "ledger entry facts.toml:1" in f["notes"])
        t.expect("changed ledger entry (its tolerance line): the findings of that entry only",
                 code == 1 and found == want and len(want) == 2 and
                 all(v == "ledger" and s == "us-troops@iraq" for v, s, _ in found), f"{code} {found} != {want}")
        git(repo, "checkout", "--", "facts.toml")

        # A new draft nobody has added yet: every line is new.
        (repo / "drafts" / "new.md").write_text(DRAFT.replace("source: newsroom-draft", "source: desk-b"))
        code, found = t.findings(repo)
        want = expected(t.full(repo), lambda c, f=None: c is not None and c["doc"] == "drafts/new")
        t.expect("untracked draft: the findings with a claim of it",
                 code == 1 and found == want and sum(v == "ledger" for v, _, _ in found) == 2,
                 f"{code} {found} != {want}")
        (repo / "drafts" / "new.md").unlink()

        # A committed change against the commit before it (a pull request's base).
        story.write_text(DRAFT.replace("About 5,000", "About 6,000"))
        git(repo, "commit", "-q", "-am", "edit troops")
        r = t.run(repo, "check", "-q", "--facts", "facts.toml", "--diff-base", "HEAD~1",
                  "--format", "github", "drafts")
        lines = r.stdout.splitlines()
        t.expect("--diff-base HEAD~1 after a commit: annotations on the troops line (6) only",
                 r.returncode == 1 and lines and
                 all(re.match(r"::\w+ file=drafts/story\.md,line=6,.*title=[^:]*of us-troops@iraq::", l)
                     for l in lines) and
                 any(l.startswith("::error") and "ledger" in l for l in lines), repr(r.stdout[:600]))

        # From a subfolder of the repository, paths relative to it.
        r = t.run(repo / "drafts", "check", "-q", "--facts", "../facts.toml", "--diff-base", "HEAD~1",
                  "--format", "github", "story.md")
        t.expect("from a subfolder: the same finding", r.returncode == 1 and ",line=6," in r.stdout,
                 repr(r.stdout[:300] + r.stderr[:300]))

        # The same from a config file at the repository's root (`diff-base` is a key like any
        # long option), and the command line overrides it.
        (repo / ".claimcheck.toml").write_text('diff-base = "HEAD~1"\nfacts = "facts.toml"\n')
        cfg = t.run(repo, "check", "-q", "--format", "github", "drafts")
        flag = t.run(repo, "check", "-q", "--no-config", "--facts", "facts.toml", "--diff-base",
                     "HEAD~1", "--format", "github", "drafts")
        t.expect("diff-base from .claimcheck.toml: the same annotations as --diff-base HEAD~1",
                 cfg.returncode == 1 and ",line=6," in cfg.stdout and cfg.stdout == flag.stdout,
                 repr(cfg.stdout[:300] + cfg.stderr[:300]))
        over = t.run(repo, "check", "-q", "--format", "github", "--diff-base", "HEAD", "drafts")
        t.expect("--diff-base on the command line overrides the config: nothing changed since HEAD",
                 over.returncode == 0 and over.stdout == "", repr(over.stdout[:300] + over.stderr[:300]))
        (repo / ".claimcheck.toml").unlink()

        # Errors: before any work, exit 2, naming the revision.
        r = t.run(repo, "check", "--diff-base", "no-such-ref", "drafts")
        t.expect("unknown revision: exit 2 and a message",
                 r.returncode == 2 and "--diff-base no-such-ref: unknown revision" in r.stderr
                 and r.stdout == "", repr(r.stderr))
        outside = root / "outside"
        outside.mkdir()
        (outside / "a.md").write_text(DRAFT)
        r = t.run(outside, "check", "--diff-base", "HEAD", "a.md")
        t.expect("outside a repository: exit 2 and a message",
                 r.returncode == 2 and "--diff-base HEAD: not in a git repository" in r.stderr,
                 repr(r.stderr))
        r = t.run(repo, "check", "--diff-base", "--help", "drafts")
        t.expect("a revision that reads as an option: exit 2", r.returncode == 2, repr(r.stderr))
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
