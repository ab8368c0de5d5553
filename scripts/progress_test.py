#!/usr/bin/env python3
"""Progress on stderr: shown on a terminal, erased at the end, never in the report.

Runs `claimcheck check`, `mentions` and `reconcile` (on `extract`'s output) on a fixture
cluster twice: with stderr on a pseudo-terminal (each progress line must appear, count to
its last document or group and be erased; every long phase — reading, extracting,
reconciling, writing — must show) and with stderr on a pipe (no progress at all).
Standard output must be the same bytes both times.

Usage: progress_test.py --binary build/claimcheck   (cwd: the repository root)
"""

import argparse
import os
import pty
import subprocess
import sys
import tempfile

CASE = "fixtures/ecbplus-c12"


def run(binary, args, tty):
    env = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    if not tty:
        p = subprocess.run([binary, *args], capture_output=True, env=env)
        return p.returncode, p.stdout, p.stderr
    primary, secondary = pty.openpty()
    p = subprocess.Popen([binary, *args], stdout=subprocess.PIPE, stderr=secondary, env=env)
    os.close(secondary)
    out = p.stdout.read()
    err = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        err += chunk
    os.close(primary)
    return p.wait(), out, err


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimcheck-progress-") as tmp:
        claims = os.path.join(tmp, "claims.jsonl")
        subprocess.run([args.binary, "extract", "-o", claims, CASE], check=True)
        failures = check(args.binary, [
            (["check", CASE], ["documents", "groups"]),
            (["check", "--jobs", "2", CASE], ["documents", "groups"]),
            (["mentions", CASE], ["documents"]),
            (["reconcile", claims], ["groups"]),
        ])
        failures += check_phases(args.binary, [
            (["check", CASE], ["reading inputs", "extracting ", "reconciling ", "writing the report"]),
            (["check", "--format", "html", CASE], ["reading inputs", "writing the report"]),
            (["extract", CASE], ["reading inputs", "extracting "]),
            (["mentions", CASE], ["reading inputs", "finding mentions in "]),
            (["reconcile", claims], ["reading claims", "reconciling ", "writing the report"]),
        ])
    for f in failures:
        print("FAIL", f)
    print("progress: ok" if not failures else f"progress: {len(failures)} failure(s)")
    return 1 if failures else 0


def check(binary, cases):
    failures = []
    for cmd, units in cases:
        code_t, out_t, err_t = run(binary, cmd, tty=True)
        code_p, out_p, err_p = run(binary, cmd, tty=False)
        name = " ".join(cmd)
        if out_t != out_p or code_t != code_p:
            failures.append(f"{name}: stdout or exit code differs with stderr on a terminal")
        if not err_t.endswith(b"\r\x1b[K"):
            failures.append(f"{name}: progress line not erased at the end: {err_t[-40:]!r}")
        for unit in units:
            word = f" {unit}".encode()
            if word in err_p:
                failures.append(f"{name}: progress printed to a pipe: {err_p[:200]!r}")
            if b"claimcheck: " not in err_t or word not in err_t:
                failures.append(f"{name}: no progress of {unit} on a terminal: {err_t[:200]!r}")
                continue
            total = err_t.split(word)[0].rsplit(b"/", 1)[-1]
            if f"{int(total)}/{int(total)} {unit}".encode() not in err_t:
                failures.append(f"{name}: progress never reached {total!r} {unit}: {err_t[-200:]!r}")
            _, _, err_q = run(binary, [cmd[0], "--quiet", *cmd[1:]], tty=True)
            if word in err_q:
                failures.append(f"{name} --quiet: progress printed")
    return failures


def check_phases(binary, cases):
    """Each long phase of a run shows on a terminal, in order."""
    failures = []
    for cmd, phases in cases:
        _, _, err = run(binary, cmd, tty=True)
        at = 0
        for phase in phases:
            found = err.find(b"claimcheck: " + phase.encode(), at)
            if found < 0:
                failures.append(f"{' '.join(cmd)}: no progress line for {phase!r} after byte {at}: "
                                f"{err[-300:]!r}")
                break
            at = found
    return failures


if __name__ == "__main__":
    sys.exit(main())
