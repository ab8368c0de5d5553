#!/usr/bin/env python3
"""Hostile shapes that once cost quadratic time or gigabytes (issue 15), as a ctest.

Usage: hostile_test.py --binary PATH [--mb 0.25]

Three checks, none a timing of its own; bench/hostile.py has the figures.
  reports   MB and 4 x MB of one-sentence reports of one event (JSONL: one finding of thousands
            of claims and notes) through `check --format text`: the CPU seconds of the larger
            run, less those of an empty run (rules loaded, no claims), must stay under 8 x the
            smaller's. Linear work gives 4 x; when each note of a finding rebuilt the finding's
            words (ProseForPeople), 1 MB took 78 s against 0.25 MB's 4.9 s: 16 x.
  formats   MB and 4 x MB of one-sentence reports that contradict each other (one finding of
            thousands of claims) through `check --format markdown|sarif|github|html`: the output
            (html: its findings section) must grow less than 1.5 x. Each shows 100 claims and
            notes and counts the rest; listed in full, 10 MB of reports made 30 MB of Markdown,
            59 MB of SARIF (100 related locations are all GitHub keeps) and a 2.3 MB annotation.
  numbers   8 x MB of counts ("At least N people died and M were injured.", one document)
            through `check --format json`: peak RSS within 128 MiB + 64 x the input. The whole
            report as one JSON tree, and two vectors of claims at each step, took 360 MiB for
            1 MB (2,921 MiB for 10 MB); one record at a time and one vector, 99 MiB (2 MB:
            713 MiB before, 184 MiB after).
Each run must exit 0 or 1 and its report hold every claim (text: each report's two).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

MB = 1_000_000
MIB = 1024 * 1024
ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "TZ": "UTC", "NO_COLOR": "1"}


def write_reports(path, size, qualifier="At least "):
    """One-sentence reports of one storm, the count drifting so they disagree; returns how many.
    With qualifier "" the counts are exact and the reports contradict each other."""
    n = written = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            line = json.dumps({"id": f"r{n}", "published": "2020-01-04",
                               "text": f"{qualifier}{10 + n % 7} people died in the storm in Lima on "
                                       f"3 January 2020."}) + "\n"
            out.write(line)
            written += len(line)
            n += 1
    return n


def write_numbers(path, size):
    """Lines of ten sentences of two counts each."""
    n = written = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            line = " ".join(f"At least {n + k + 1} people died and {2 * (n + k + 1)} were injured."
                            for k in range(10)) + "\n"
            out.write(line)
            written += len(line)
            n += 10


def run(argv, out_path):
    """Runs argv with stdout to out_path; returns (exit code, CPU seconds, peak RSS in bytes)."""
    # Each run in a fresh child of its own, so RUSAGE_CHILDREN's peak is this run's.
    code = ("import resource, subprocess, sys\n"
            "with open(sys.argv[1], 'wb') as out:\n"
            "    rc = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL,\n"
            "                        stdin=subprocess.DEVNULL).returncode\n"
            "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(rc, u.ru_utime + u.ru_stime, u.ru_maxrss * 1024)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(out_path)] + [str(a) for a in argv],
                          capture_output=True, text=True, env=ENV)
    rc, cpu, peak = proc.stdout.split()
    return int(rc), float(cpu), int(peak)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, type=Path, help="the claimcheck binary")
    parser.add_argument("--mb", type=float, default=0.25, help="the smaller reports input, in MB")
    opts = parser.parse_args()
    if not os.access(opts.binary, os.X_OK) or opts.binary.is_dir():
        parser.error(f"not an executable: {opts.binary}")
    binary = opts.binary.resolve()
    failed = []
    with tempfile.TemporaryDirectory(prefix="claimcheck-hostile-") as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty.txt"
        empty.write_text("Nothing happened.\n")
        _, base_cpu, _ = run([binary, "check", "--quiet", "--format", "text", empty], tmp / "empty.out")
        cpu = {}
        for scale in (1, 4):
            path = tmp / f"reports-{scale}.jsonl"
            n = write_reports(path, int(scale * opts.mb * MB))
            out = tmp / f"reports-{scale}.out"
            rc, cpu[scale], _ = run([binary, "check", "--quiet", "--format", "text", path], out)
            quoted = sum(1 for line in out.read_text().splitlines() if line.startswith("    r"))
            print(f"reports x{scale}: {n} reports, exit {rc}, {cpu[scale]:.2f} s CPU, {quoted} claims shown")
            if rc not in (0, 1):
                failed.append(f"reports x{scale}: exit code {rc}")
            if quoted != 2 * n:  # each report's count and its date
                failed.append(f"reports x{scale}: {quoted} claims shown, expected {2 * n}")
        small, large = max(cpu[1] - base_cpu, 0.05), cpu[4] - base_cpu
        print(f"reports: x4 input, x{large / small:.1f} CPU (empty run {base_cpu:.2f} s; linear ~4, limit 8)")
        if large > 8 * small:
            failed.append(f"reports: 4 x the input took {large / small:.1f} x the CPU (limit 8): super-linear")

        # One finding of thousands of contradicting reports, in the formats a person reads:
        # each shows 100 claims and counts the rest, so 4 x the reports is about the same
        # output (without the caps: 4 x, and 10 MB of reports made 30 MB of Markdown).
        for fmt in ("markdown", "sarif", "github", "html"):
            size = {}
            for scale in (1, 4):
                path = tmp / f"contradict-{scale}.jsonl"
                if not path.exists():
                    write_reports(path, int(scale * opts.mb * MB), qualifier="")
                out = tmp / f"contradict-{scale}.{fmt}"
                rc, _, _ = run([binary, "check", "--quiet", "--format", fmt, path], out)
                text = out.read_bytes()
                if fmt == "html":  # its findings; the per-document view lists every document
                    start = text.find(b'<section class="findings"')
                    text = text[start:text.find(b'<section class="documents"', start)]
                size[scale] = len(text)
                if rc != 1:
                    failed.append(f"{fmt} x{scale}: exit code {rc}, expected 1 (a contradiction)")
            growth = size[4] / max(size[1], 1)
            print(f"{fmt}: x4 input, x{growth:.2f} output ({size[1]} -> {size[4]} bytes; limit 1.5)")
            if growth > 1.5:
                failed.append(f"{fmt}: 4 x the reports made {growth:.2f} x the output (limit 1.5): "
                              "a finding listed in full")

        path = tmp / "numbers.txt"
        write_numbers(path, int(8 * opts.mb * MB))
        size = path.stat().st_size
        out = tmp / "numbers.json"
        rc, seconds, peak = run([binary, "check", "--quiet", "--format", "json", path], out)
        limit = 128 * MIB + 64 * size
        try:
            report = json.loads(out.read_bytes())
            claims = len(report["claims"])
            if report["summary"]["claims"] != claims or claims < size // 100:
                failed.append(f"numbers: {claims} claims in the report, summary says {report['summary']['claims']}")
        except (ValueError, KeyError, TypeError) as e:
            claims = -1
            failed.append(f"numbers: the JSON report does not parse: {e}")
        print(f"numbers: {size / MB:.2f} MB, exit {rc}, {seconds:.2f} s CPU, {claims} claims, "
              f"peak RSS {peak / MIB:.0f} MiB (limit {limit / MIB:.0f})")
        if rc not in (0, 1):
            failed.append(f"numbers: exit code {rc}")
        if peak > limit:
            failed.append(f"numbers: peak RSS {peak / MIB:.0f} MiB exceeds {limit / MIB:.0f} MiB")
    for f in failed:
        print(f"FAIL hostile: {f}")
    print("PASS hostile" if not failed else "")
    print("0 passed, 1 failed" if failed else "1 passed, 0 failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
