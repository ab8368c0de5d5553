#!/usr/bin/env python3
"""Memory test for huge lines (DESIGN.md section 7).

Usage: bigline_test.py --binary PATH [--mb 50]

Writes a single-line .txt document of MB mebibytes of news-like sentences, with no newline
at all, runs `BINARY check --format json bigline.txt` in its directory and checks that the
binary neither crashes nor gives up (exit code 0 or 1), that the report parses with
inputs[0].status == "ok", and that the child's peak RSS stays within 4 x the input size +
64 MiB. It prints the figures; the time is reported, not asserted.

The sentences end with periods: one line, but sentences of ordinary length. One sentence in
each block holds a claim (a count and a date), so the report grows with the input but stays
far smaller than it.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MIB = 1024 * 1024
CLAIM = "The crowd of about 2,500 people marched on 3 January 2020 and the police watched. "
FILLER = (
    "Witnesses said the marchers walked slowly past the ministry while shops stayed closed. "
    "Officials declined to comment on the protest when reporters reached them by phone. "
    "Organisers urged people to stay calm and to avoid the side streets near the square. "
    "Several speakers addressed the crowd from a truck parked outside the central station. "
)
BLOCK = CLAIM + FILLER * 12  # about 4 KB per claim


def write_document(path, size):
    """Writes exactly size bytes of repeated sentences, without a single newline."""
    chunk = (BLOCK * (MIB // len(BLOCK) + 1)).encode()
    with open(path, "wb") as out:
        remaining = size
        while remaining > 0:
            out.write(chunk[:remaining])
            remaining -= min(remaining, len(chunk))


def run_check(binary, directory, name):
    """Runs the check; returns (exit code, seconds, peak RSS in bytes, report path)."""
    report = directory / "report.json"
    start = time.monotonic()
    with open(report, "wb") as out:
        proc = subprocess.run([binary, "check", "--format", "json", name], cwd=directory,
                              stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE,
                              env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                                   "LC_ALL": "C.UTF-8", "TZ": "UTC", "NO_COLOR": "1"})
    seconds = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    sys.stderr.buffer.write(proc.stderr[-4000:])
    return proc.returncode, seconds, peak, report


def problems(code, peak, size, report):
    """Returns what went wrong, or an empty list."""
    if code not in (0, 1):
        return [f"exit code {code}, expected 0 or 1"]
    try:
        inputs = json.loads(report.read_bytes())["inputs"]
    except (ValueError, KeyError, TypeError) as e:
        return [f"the JSON report does not parse: {e}"]
    found = [] if inputs and inputs[0].get("status") == "ok" else [
        f"inputs[0] is {json.dumps(inputs[0]) if inputs else 'missing'}, expected status ok"]
    limit = 4 * size + 64 * MIB
    if peak > limit:
        found.append(f"peak RSS {peak / MIB:.1f} MB exceeds {limit / MIB:.1f} MB")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, type=Path, help="the claimcheck binary")
    parser.add_argument("--mb", type=int, default=50, help="input size in MiB (default 50)")
    opts = parser.parse_args()
    if not os.access(opts.binary, os.X_OK) or opts.binary.is_dir():
        parser.error(f"not an executable: {opts.binary}")
    size = opts.mb * MIB
    with tempfile.TemporaryDirectory(prefix="claimcheck-bigline-") as tmp:
        write_document(Path(tmp) / "bigline.txt", size)
        code, seconds, peak, report = run_check(opts.binary.resolve(), Path(tmp), "bigline.txt")
        print(f"input {size / MIB:.1f} MB, peak RSS {peak / MIB:.1f} MB, "
              f"ratio {peak / size:.2f}, {seconds:.1f} s, exit code {code}")
        found = problems(code, peak, size, report)
    for problem in found:
        print(f"FAIL bigline: {problem}")
    if not found:
        print("PASS bigline")
    print("0 passed, 1 failed" if found else "1 passed, 0 failed")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
