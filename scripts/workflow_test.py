#!/usr/bin/env python3
"""The GitHub Actions workflow users copy (docs/github-actions/claimcheck.yml) does what docs/ci.md
says: on pull requests touching drafts it builds claimcheck, checks the changed drafts against the
facts ledger, uploads SARIF to code scanning, annotates, and fails the job on contradictions.

Three parts:
  structure  the YAML parses; pull_request trigger on drafts/**; security-events: write; checkout
             with full history; upload-sarif of the file the SARIF command writes, placed before
             the step that fails the job, with continue-on-error: true (a private repository
             without code scanning refuses the upload; that alone must not fail the job);
             claimcheck's build cached with actions/cache, keyed on the checked-out claimcheck
             commit, holding the binary put on PATH, the build skipped on a cache hit; no ${{ }}
             expressions inside run scripts.
  commands   every `claimcheck ...` command in the run scripts, with the changed-files variable
             replaced by fixtures/ledger/draft-contradict.md (exit 1, SARIF with results,
             ::error annotations) and fixtures/ledger/draft-clean.md (exit 0, nothing to say),
             the ledger by fixtures/ledger/facts.toml, run against the real binary.
  job        the run steps from "Find changed drafts" on, executed by bash as the runner would
             (bash -eo pipefail, GITHUB_OUTPUT, step `if:` conditions) in a throwaway git
             repository whose pull request adds a contradicting draft, edits a clean one, touches
             no draft, or edits the ledger; the upload step fails each time, as on a private
             repository without code scanning, and the job's result must not change.

Usage: workflow_test.py --binary PATH [--workflow FILE]   (run from the repository root).
Ends with `N passed, M failed`.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

FACTS = "fixtures/ledger/facts.toml"
CONTRADICT = "fixtures/ledger/draft-contradict.md"
CLEAN = "fixtures/ledger/draft-clean.md"
CONTROL = {"||", "&&", ";", "|", "&"}


def load(path):
    doc = yaml.safe_load(Path(path).read_text())
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in doc and "on" not in doc:
        doc["on"] = doc.pop(True)
    return doc


def job_of(doc):
    jobs = doc.get("jobs") or {}
    if len(jobs) != 1:
        raise AssertionError(f"expected one job, found {len(jobs)}")
    return next(iter(jobs.values()))


def scripts(doc):
    return [s["run"] for s in job_of(doc)["steps"] if "run" in s]


def claimcheck_commands(script):
    """Each `claimcheck ...` command of a script as tokens, up to a control operator."""
    script = re.sub(r"\\\n", " ", script)
    commands = []
    for line in script.splitlines():
        line = line.strip()
        if not line.startswith("claimcheck "):
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        tokens = []
        for tok in lexer:
            if tok in CONTROL:
                break
            tokens.append(tok)
        commands.append(tokens)
    return commands


def check_structure(doc):
    errors = []
    on = doc.get("on") or {}
    paths = (on.get("pull_request") or {}).get("paths") or []
    if not any(p.startswith("drafts/") for p in paths):
        errors.append(f"on.pull_request.paths {paths} does not cover drafts/")
    job = job_of(doc)
    perms = {**(doc.get("permissions") or {}), **(job.get("permissions") or {})}
    if perms.get("security-events") != "write":
        errors.append("permissions: security-events: write is missing")
    steps = job.get("steps") or []
    uses = [(i, s) for i, s in enumerate(steps) if "uses" in s]
    checkouts = [s for _, s in uses if s["uses"].startswith("actions/checkout@")]
    if not any(str((s.get("with") or {}).get("fetch-depth")) == "0" for s in checkouts):
        errors.append("no actions/checkout with fetch-depth: 0 (the base commit is needed)")
    uploads = [(i, s) for i, s in uses
               if s["uses"].startswith("github/codeql-action/upload-sarif@")]
    if len(uploads) != 1:
        errors.append(f"{len(uploads)} upload-sarif steps, expected 1")
        return errors
    upload_at, upload = uploads[0]
    sarif_at = github_at = None
    sarif_out = None
    for i, s in enumerate(steps):
        for cmd in claimcheck_commands(s.get("run", "")):
            fmt = cmd[cmd.index("--format") + 1] if "--format" in cmd else "text"
            if fmt == "sarif":
                sarif_at = i
                sarif_out = cmd[cmd.index("-o") + 1] if "-o" in cmd else None
            elif fmt == "github":
                github_at = i
    if sarif_at is None or github_at is None:
        errors.append("run steps need both a --format sarif and a --format github command")
        return errors
    if not sarif_at < upload_at < github_at:
        errors.append("order must be: SARIF step, upload-sarif, then the failing annotation step")
    if upload.get("continue-on-error") is not True:
        errors.append("upload-sarif needs continue-on-error: true (code scanning may be off)")
    errors += check_cache(steps)
    env = {**(doc.get("env") or {}), **(job.get("env") or {})}
    target = (upload.get("with") or {}).get("sarif_file", "")
    expanded_target = re.sub(r"\$\{\{\s*env\.(\w+)\s*\}\}", lambda m: str(env.get(m.group(1))),
                             target)
    expanded_out = re.sub(r"\$\{?(\w+)\}?", lambda m: str(env.get(m.group(1), m.group(0))),
                          sarif_out or "")
    if expanded_target != expanded_out:
        errors.append(f"upload-sarif uploads {expanded_target!r}, "
                      f"the command writes {expanded_out!r}")
    for s in steps:
        if "${{" in s.get("run", ""):
            errors.append(f"step {s.get('name')!r}: ${{{{ }}}} inside a run script "
                          "(pass it by env)")
    return errors


def check_cache(steps):
    """actions/cache restores claimcheck's binary, keyed on the claimcheck commit checked out;
    the build runs only on a miss and leaves the binary where the cache and PATH look."""
    errors = []
    caches = [(i, s) for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/cache@")]
    if len(caches) != 1:
        return [f"{len(caches)} actions/cache steps, expected 1 (the claimcheck build)"]
    cache_at, cache = caches[0]
    with_ = cache.get("with") or {}
    key, path = str(with_.get("key", "")), str(with_.get("path", ""))
    source = next((s for s in steps if ".claimcheck/src" in s.get("run", "")
                   and "rev-parse HEAD" in s.get("run", "")), None)
    if source is None or not source.get("id") or f"steps.{source['id']}.outputs." not in key:
        if "hashFiles(" not in key:
            errors.append(f"cache key {key!r} does not follow claimcheck's source (its commit)")
    builds = [(i, s) for i, s in enumerate(steps) if "cmake --build" in s.get("run", "")]
    if len(builds) != 1:
        return errors + [f"{len(builds)} build steps, expected 1"]
    build_at, build = builds[0]
    if not cache_at < build_at:
        errors.append("the cache must be restored before the build step")
    cond = str(build.get("if", ""))
    if not (cache.get("id") and f"steps.{cache['id']}.outputs.cache-hit" in cond and "!=" in cond):
        errors.append(f"the build step's if: {cond!r} does not skip it on a cache hit")
    prefixes = re.findall(r"cmake --install \S+ --prefix (\S+)", build.get("run", ""))
    if path not in build.get("run", "") and not any(f"{p.rstrip('/')}/bin" == path for p in prefixes):
        errors.append(f"the build does not write the cached path {path!r}")
    on_path = [s for s in steps if "GITHUB_PATH" in s.get("run", "")]
    if not any(path in s["run"] and "if" not in s for s in on_path):
        errors.append(f"no unconditional step puts the cached {path!r} on PATH")
    return errors


def substitute(tokens, binary, draft, sarif_path):
    values = {"$FACTS": FACTS, "${FACTS}": FACTS, "${drafts[@]}": draft, "$SARIF": sarif_path,
              "${SARIF}": sarif_path}
    out = [binary]
    for tok in tokens[1:]:
        if tok in values:
            out.append(values[tok])
        elif "$" in tok:
            raise AssertionError(f"unknown variable in {tok!r}")
        else:
            out.append(tok)
    return out


def check_commands(doc, binary):
    errors = []
    commands = [c for s in scripts(doc) for c in claimcheck_commands(s)]
    if not commands:
        return ["no claimcheck command in the run steps"]
    with tempfile.TemporaryDirectory() as tmp:
        for tokens in commands:
            fmt = tokens[tokens.index("--format") + 1] if "--format" in tokens else "text"
            for draft, want in ((CONTRADICT, 1), (CLEAN, 0)):
                sarif = os.path.join(tmp, "out.sarif")
                if os.path.exists(sarif):
                    os.remove(sarif)
                try:
                    argv = substitute(tokens, binary, draft, sarif)
                except AssertionError as e:
                    errors.append(str(e))
                    continue
                p = subprocess.run(argv, capture_output=True, text=True, check=False)
                shown = " ".join(tokens)
                if p.returncode != want:
                    errors.append(f"`{shown}` on {draft}: exit {p.returncode}, expected {want}: "
                                  f"{p.stderr.strip()[:200]}")
                    continue
                if fmt == "sarif":
                    text = Path(sarif).read_text() if "-o" in tokens else p.stdout
                    results = json.loads(text)["runs"][0]["results"]
                    if bool(results) != bool(want):
                        errors.append(f"`{shown}` on {draft}: {len(results)} SARIF results")
                elif fmt == "github":
                    lines = p.stdout.splitlines()
                    if want and not any(l.startswith(f"::error file={draft},line=") for l in lines):
                        errors.append(f"`{shown}` on {draft}: no ::error annotation at the draft")
                    if not want and lines:
                        errors.append(f"`{shown}` on {draft}: annotations for a clean draft")
    return errors


def condition_holds(cond, outputs, outcomes):
    """The few expressions the workflow's `if:` use: clauses joined by &&, each
    `steps.ID.outputs.KEY` or `steps.ID.outcome` compared with == or != to a quoted string.
    Clauses about github.* (the event, the repository) hold in the simulation."""
    if cond is None:
        return True
    for clause in str(cond).split("&&"):
        clause = clause.strip()
        if clause.startswith("github."):
            continue
        m = re.fullmatch(r"steps\.(\w+)\.(outputs\.(\w+)|outcome)\s*(==|!=)\s*'([^']*)'", clause)
        if not m:
            raise AssertionError(f"if: clause the simulation does not know: {clause!r}")
        step, _, key, op, want = m.groups()
        have = outputs.get(step, {}).get(key, "") if key else outcomes.get(step, "skipped")
        if (have == want) != (op == "=="):
            return False
    return True


def step_key(i, step):
    return step.get("id", f"step{i}")


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def run_job(doc, binary, repo, base, home):
    """Runs the steps from `changed` on; returns ({step id: exit code or None if skipped},
    {step id: stdout})."""
    job = job_of(doc)
    steps = job["steps"]
    start = next(i for i, s in enumerate(steps) if s.get("id") == "changed")
    bindir = home / "bin"
    bindir.mkdir(exist_ok=True)
    link = bindir / "claimcheck"
    if not link.exists():
        link.symlink_to(Path(binary).resolve())
    env_base = {k: str(v) for k, v in {**(doc.get("env") or {}), **(job.get("env") or {})}.items()}
    outputs, outcomes, codes, stdout = {}, {}, {}, {}
    for i, step in enumerate(steps[start:], start):
        sid = step_key(i, step)
        if not condition_holds(step.get("if"), outputs, outcomes):
            codes[sid] = None
            outcomes[sid] = "skipped"
            continue
        if "uses" in step:
            # upload-sarif (the structure part checks it) refused, as on a private repository
            # without code scanning: the job must go on only if the step says so.
            codes[sid] = 1
            outcomes[sid] = "failure"  # its conclusion is success under continue-on-error
            if step.get("continue-on-error") is not True:
                break
            continue
        out_file = home / f"output-{sid}"
        out_file.write_text("")
        env = dict(os.environ)
        env.update(env_base)
        for k, v in (step.get("env") or {}).items():
            v = str(v)
            if "github.event.pull_request.base.sha" in v:
                v = base
            elif "${{" in v:
                raise AssertionError(f"step env {k}: the simulation cannot supply {v!r}")
            env[k] = v
        env.update({"GITHUB_OUTPUT": str(out_file), "GITHUB_WORKSPACE": str(repo),
                    "HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / "gitconfig"),
                    "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"})
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                           cwd=repo, env=env, capture_output=True, text=True, check=False)
        codes[sid] = p.returncode
        stdout[sid] = p.stdout + p.stderr
        outcomes[sid] = "success" if p.returncode == 0 else "failure"
        outputs[sid] = dict(line.split("=", 1) for line in out_file.read_text().splitlines()
                            if "=" in line)
        if p.returncode != 0:
            break  # the runner stops the job at a failing step
    return codes, stdout


def make_repo(root, base_files, head_files):
    repo = root / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.com")
    git(repo, "config", "user.name", "ci")
    for files in (base_files, head_files):
        for name, content in files.items():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text(content)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "commit")
    base = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD~1"], check=True,
                          capture_output=True, text=True).stdout.strip()
    return repo, base


def check_job(doc, binary):
    facts = Path(FACTS).read_text()
    contradict = Path(CONTRADICT).read_text()
    clean = Path(CLEAN).read_text()
    sarif_name = (doc.get("env") or {}).get("SARIF", "claimcheck.sarif")
    base_files = {"facts.toml": facts, "drafts/clean.md": clean, "README.md": "drafts\n"}
    scenarios = [
        # name, more files on the base branch, the pull request's files, expected exit code of
        # each step (None: skipped)
        ("adds a contradicting draft", {}, {"drafts/news/my draft.md": contradict},
         {"changed": 0, "sarif": 0, "annotate": 1}),
        ("edits a clean draft", {}, {"drafts/clean.md": clean + "\nMore text.\n"},
         {"changed": 0, "sarif": 0, "annotate": 0}),
        ("touches no draft", {}, {"README.md": "drafts, edited\n"},
         {"changed": 0, "sarif": None, "annotate": None}),
        # A contradicting draft already on the base branch is checked again when the ledger
        # changes.
        ("edits the ledger", {"drafts/old.md": contradict}, {"facts.toml": facts + "\n# ok\n"},
         {"changed": 0, "sarif": 0, "annotate": 1}),
    ]
    errors = []
    steps = job_of(doc)["steps"]
    annotate_id = next((step_key(i, s) for i, s in enumerate(steps)
                        if "--format github" in s.get("run", "")), None)
    for name, base_extra, head_files, want in scenarios:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            repo, base = make_repo(root, {**base_files, **base_extra}, head_files)
            home = root / "home"
            home.mkdir()
            codes, out = run_job(doc, binary, repo, base, home)
            codes["annotate"] = codes.get(annotate_id, "missing")
            for sid, code in want.items():
                if codes.get(sid, "missing") != code:
                    errors.append(f"{name}: step {sid} exited {codes.get(sid, 'missing')}, "
                                  f"expected {code}; output: {out.get(sid, '')[-300:]!r}")
            if want["sarif"] == 0:
                sarif = repo / sarif_name
                if not sarif.is_file():
                    errors.append(f"{name}: no {sarif_name} written")
                    continue
                results = json.loads(sarif.read_text())["runs"][0]["results"]
                if bool(results) != bool(want["annotate"]):
                    errors.append(f"{name}: {len(results)} SARIF results")
                for r in results:
                    uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    if not uri.startswith("drafts/"):
                        errors.append(f"{name}: SARIF URI {uri!r} not relative to the repository")
                if name.startswith("adds") and results:
                    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    if uri != "drafts/news/my%20draft.md":
                        errors.append(f"{name}: SARIF URI {uri!r}")
            if name.startswith("adds") and "::error file=drafts/news/my draft.md,line=6," not in \
                    out.get(annotate_id, ""):
                errors.append(f"{name}: no ::error annotation at the new draft")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--workflow", default="docs/github-actions/claimcheck.yml")
    args = parser.parse_args()
    binary = str(Path(args.binary).resolve())
    try:
        doc = load(args.workflow)
    except yaml.YAMLError as e:
        print(f"FAIL parse: {e}")
        print("0 passed, 1 failed")
        return 1
    parts = [("structure", lambda: check_structure(doc)),
             ("commands", lambda: check_commands(doc, binary)),
             ("job", lambda: check_job(doc, binary))]
    failed = 0
    for name, check in parts:
        try:
            errors = check()
        except (AssertionError, KeyError, StopIteration, ValueError) as e:
            errors = [f"{type(e).__name__}: {e}"]
        print(f"{'FAIL' if errors else 'PASS'} {name}")
        for e in errors[:20]:
            print(f"    {e}")
        failed += bool(errors)
    print(f"{len(parts) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
