#!/usr/bin/env python3
"""Golden-fixture runner: run the claimcheck binary on fixtures/<case>/ and compare exact output.

Usage: fixtures.py --binary PATH --root REPO_ROOT [--update] [--keep-work] [CASE ...]

A case is a directory REPO_ROOT/fixtures/<case>/ holding
  - inputs: any files, subdirectories and symlinks (dangling ones stay symlinks);
  - one or more runs: <run>.args lists the binary's arguments one per line (blank lines and
    lines starting with '#' are ignored, so an argument may contain spaces); an optional
    <run>.stdin is fed to standard input (else /dev/null);
  - the expected outputs of each run: <run>.stdout, <run>.stderr and <run>.exit (the exit
    code as a decimal line);
  - an optional setup.sh, run by bash in the work copy of the case before the runs, to
    generate inputs too big or too odd to commit. It must write only inside its cwd.

Each case is copied to <work>/fixtures/<case>/ in a fresh temporary directory (without the
files above that belong to the runner: *.args, *.stdin, *.stdout, *.stderr, *.exit,
*.actual and setup.sh, so a run over the whole case directory sees inputs only). Runs
execute with cwd=<work>, so the binary sees paths like fixtures/<case>/x.txt, which become
document ids; the environment is LC_ALL=C.UTF-8, TZ=UTC, NO_COLOR=1. stdout, stderr and the
exit code must match the expected files byte for byte. A mismatch prints a unified diff and
writes <run>.stdout.actual, <run>.stderr.actual and <run>.exit.actual beside the expected
files (they are git-ignored); a match removes them.

Determinism: each run executes a second time with `--jobs 3` inserted after its first
argument (the subcommand), unless that argument starts with '-' or the args file has a line
exactly '# no-jobs-variant'. Both executions must give identical bytes.

Update mode (--update) rewrites the expected files from the actual output, never the inputs,
and says for each one whether it was created, changed (with its diff) or unchanged. Output
that depends on --jobs is not written. Review every update with `git diff fixtures/` before
committing it.
"""

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

STREAMS = ("stdout", "stderr", "exit")
RUNNER_SUFFIXES = (".args", ".stdin", ".stdout", ".stderr", ".exit", ".actual")
NO_JOBS_LINE = "# no-jobs-variant"
JOBS_VARIANT = ["--jobs", "3"]
TIMEOUT_SECONDS = 300
MAX_DIFF_LINES = 200
MAX_DIFF_LINE_CHARS = 1000


class Failure(Exception):
    """A case or run that could not be carried out (setup.sh failed, timeout, exec error)."""

    def __init__(self, reason, details=()):
        super().__init__(reason)
        self.reason, self.details = reason, list(details)


class Outcome:
    """What one run (or case) reports: failure reasons, then lines to show under them."""

    def __init__(self):
        self.reasons, self.details = [], []

    @classmethod
    def failed(cls, reason, details=()):
        outcome = cls()
        outcome.fail(reason, details)
        return outcome

    def fail(self, reason, details=()):
        self.reasons.append(reason)
        self.details.extend(details)

    def note(self, line, details=()):
        self.details.append(f"  {line}\n")
        self.details.extend(details)

    def report(self, name):
        """Prints PASS or FAIL with the details; returns 1 if the run failed."""
        status = f"FAIL {name}: {'; '.join(self.reasons)}" if self.reasons else f"PASS {name}"
        print(status)
        sys.stdout.writelines(self.details)
        return 1 if self.reasons else 0


def child_env():
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "LC_ALL": "C.UTF-8", "TZ": "UTC", "NO_COLOR": "1"}
    # Sanitizer settings pass through, so that a sanitized build can run the fixtures.
    env.update({k: v for k, v in os.environ.items() if k.endswith("SAN_OPTIONS")})
    return env


def execute(command, cwd, stdin_path=None):
    """Runs command; returns {"stdout", "stderr", "exit"} as bytes. Raises Failure."""
    try:
        with open(stdin_path or os.devnull, "rb") as stdin:
            proc = subprocess.run(command, cwd=cwd, stdin=stdin, capture_output=True,
                                  env=child_env(), timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise Failure(f"timed out after {TIMEOUT_SECONDS} s") from None
    except OSError as e:
        raise Failure(f"cannot run {command[0]}: {e.strerror}") from None
    return {"stdout": proc.stdout, "stderr": proc.stderr,
            "exit": f"{proc.returncode}\n".encode()}


def diff_lines(data):
    """Splits bytes into lines for difflib, marking a missing final newline as diff(1) does."""
    lines = [line + "\n" for line in data.decode("utf-8", "backslashreplace").split("\n")]
    if lines[-1] == "\n":
        lines.pop()
    else:
        lines[-1] += "\\ No newline at end of file\n"
    return lines


def diff(old, new, old_label, new_label):
    """A unified diff, cut to MAX_DIFF_LINES lines of at most MAX_DIFF_LINE_CHARS each."""
    lines = list(difflib.unified_diff(diff_lines(old), diff_lines(new), old_label, new_label))
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"... ({len(lines) - MAX_DIFF_LINES} more lines)\n"]
    return [shorten(line) for line in lines]


def shorten(line):
    if len(line) <= MAX_DIFF_LINE_CHARS:
        return line
    return f"{line[:MAX_DIFF_LINE_CHARS]}... ({len(line) - MAX_DIFF_LINE_CHARS} more characters)\n"


def read_args(path):
    """Returns the arguments of a .args file and whether it asks for no --jobs variant."""
    lines = [line.rstrip("\r") for line in path.read_text(encoding="utf-8").split("\n")]
    args = [line for line in lines if line.strip() and not line.startswith("#")]
    return args, NO_JOBS_LINE in lines


def jobs_variant(args, no_jobs):
    if no_jobs or not args or args[0].startswith("-"):
        return None
    return args[:1] + JOBS_VARIANT + args[1:]


def prepare_work(src, work):
    """Copies the inputs of case src into <work>/fixtures/<case>/ and runs setup.sh there."""
    dest = work / "fixtures" / src.name

    def runner_files(directory, names):
        if directory != str(src):
            return []
        return [n for n in names if n.endswith(RUNNER_SUFFIXES) or n == "setup.sh"]

    shutil.copytree(src, dest, symlinks=True, ignore=runner_files)
    setup = src / "setup.sh"
    if setup.exists():
        result = execute(["bash", str(setup.resolve())], cwd=dest)
        if result["exit"] != b"0\n":
            raise Failure(f"setup.sh exited {result['exit'].decode().strip()}",
                          [result["stderr"].decode("utf-8", "backslashreplace")])


def check_jobs(first, second, label, outcome):
    """Fails when the --jobs variant gave different bytes from the run as written."""
    for stream in STREAMS:
        if first[stream] != second[stream]:
            name = f"{label}.{stream}"
            outcome.fail(f"output depends on --jobs ({stream})",
                         diff(first[stream], second[stream], f"{name} (as written)",
                              f"{name} (with {' '.join(JOBS_VARIANT)})"))


def compare_expected(src, run, label, actual, outcome):
    """Compares actual output with the expected files; writes *.actual on a mismatch."""
    earlier_failures = len(outcome.reasons)
    missing = [s for s in STREAMS if not (src / f"{run}.{s}").exists()]
    if missing:
        names = ", ".join(f"{run}.{s}" for s in missing)
        outcome.fail(f"missing expected output {names} (run with --update to create it)")
    present = [s for s in STREAMS if s not in missing]
    for stream in present:
        expected, name = (src / f"{run}.{stream}").read_bytes(), f"{label}.{stream}"
        if expected != actual[stream]:
            outcome.fail(f"{'exit code' if stream == 'exit' else stream} differs",
                         diff(expected, actual[stream], name, f"{name}.actual"))
    if len(outcome.reasons) > earlier_failures:
        for stream in STREAMS:
            (src / f"{run}.{stream}.actual").write_bytes(actual[stream])
    else:
        remove_actual(src, run)


def remove_actual(src, run):
    for stream in STREAMS:
        (src / f"{run}.{stream}.actual").unlink(missing_ok=True)


def update_expected(src, run, label, actual, outcome):
    """Rewrites the expected files of one run, noting created/changed/unchanged."""
    for stream in STREAMS:
        path, name = src / f"{run}.{stream}", f"{label}.{stream}"
        old = path.read_bytes() if path.exists() else None
        if old == actual[stream]:
            outcome.note(f"unchanged {name}")
            continue
        path.write_bytes(actual[stream])
        if old is None:
            outcome.note(f"created {name}")
        else:
            outcome.note(f"changed {name}", diff(old, actual[stream], name, f"{name} (new)"))
    remove_actual(src, run)


def check_run(opts, src, work, run):
    """Executes one run (and its --jobs variant) and checks or updates its expected files."""
    outcome, label = Outcome(), f"fixtures/{src.name}/{run}"
    args, no_jobs = read_args(src / f"{run}.args")
    stdin = src / f"{run}.stdin"
    stdin = stdin if stdin.exists() else None
    try:
        actual = execute([opts.binary, *args], work, stdin)
        variant = jobs_variant(args, no_jobs)
        if variant is not None:
            check_jobs(actual, execute([opts.binary, *variant], work, stdin), label, outcome)
    except Failure as e:
        outcome.fail(e.reason, e.details)
        return outcome
    if not opts.update:
        compare_expected(src, run, label, actual, outcome)
    elif outcome.reasons:
        outcome.note("expected files not updated: the output is not deterministic")
    else:
        update_expected(src, run, label, actual, outcome)
    return outcome


def run_case(opts, case):
    """Runs every run of one case in a fresh work directory; returns (passed, failed)."""
    src = opts.root / "fixtures" / case
    runs = sorted(p.name[:-len(".args")] for p in src.glob("*.args")) if src.is_dir() else []
    if not runs:
        why = "no .args file" if src.is_dir() else f"no case directory fixtures/{case}"
        return 0, Outcome.failed(why).report(case)
    work = Path(tempfile.mkdtemp(prefix=f"claimcheck-fixtures-{case}-"))
    try:
        prepare_work(src, work)
        failed = sum(check_run(opts, src, work, run).report(f"{case}/{run}") for run in runs)
        return len(runs) - failed, failed
    except Failure as e:
        return 0, Outcome.failed(e.reason, e.details).report(case)
    finally:
        if opts.keep_work:
            print(f"  work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, type=Path, help="the claimcheck binary")
    parser.add_argument("--root", required=True, type=Path, help="the repository root")
    parser.add_argument("--update", action="store_true", help="rewrite the expected files")
    parser.add_argument("--keep-work", action="store_true", help="keep the work directories")
    parser.add_argument("cases", nargs="*", metavar="CASE", help="case names (default: all)")
    opts = parser.parse_args()
    opts.binary, opts.root = opts.binary.resolve(), opts.root.resolve()
    if not os.access(opts.binary, os.X_OK) or opts.binary.is_dir():
        parser.error(f"not an executable: {opts.binary}")
    if not (opts.root / "fixtures").is_dir():
        parser.error(f"no fixtures directory in {opts.root}")
    # Accept "fixtures/seeds/" as well as "seeds", as a shell completes it.
    opts.cases = [Path(case).name for case in opts.cases]
    return opts


def all_cases(root):
    return sorted(p.name for p in (root / "fixtures").iterdir()
                  if p.is_dir() and not p.name.startswith("."))


def main():
    sys.stdout.reconfigure(errors="backslashreplace")
    opts = parse_options()
    passed = failed = 0
    for case in opts.cases or all_cases(opts.root):
        case_passed, case_failed = run_case(opts, case)
        passed, failed = passed + case_passed, failed + case_failed
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
