#!/usr/bin/env python3
"""First-pass throughput of claimcheck on real news, and what bounds it (issue 12).

Usage: throughput.py [--first-pass] [--chrono] [--callgrind] [--memory] [--scaling]
                     [--anchors] [--all] [--binary PATH] [--corpus FILE]
                     [--jobs-list 1,2] [--commands mentions,extract,check] [--runs 3] ...

Modes (any combination; --all runs every one, with smaller sizes unless given):
  --first-pass  each of --commands at each --jobs-list value, on the corpus itself (ECB+, 1.88 MB
                of text) in a fresh process per run: wall and CPU seconds, MB/s of text net of
                startup. Startup is the median of --startup-runs runs on a one-line document
                with the same command and --jobs.
  --chrono      chrono-node (npm, installed into a temporary folder, or --chrono-dir) calls
                chrono.parse once on each record's text; its MB/s beside ours for
                `extract --jobs 1`, as a ratio.
  --callgrind   instructions (Ir) of `extract --jobs 1` over the corpus (or its first
                --callgrind-mb MB of text) under valgrind's callgrind, and of startup alone.
  --memory      peak RSS of extract and check on --memory-mb MB of text made of distinct-id
                copies of the corpus (ids "<id>~<copy>").
  --scaling     --scale-commands at each --jobs-list value on --scale-mb MB of distinct-id
                copies: wall seconds and speedup over the first --jobs value.
  --anchors     extract on one document: a dated first line, then "Two days later, it rained
                again." repeated --anchor-lines times; seconds and the growth per doubling.

Copies of the same text warm the binary's automata and overstate its speed, so speed comes
from the corpus, read once per process; copies serve only memory and --jobs scaling. Needs
python3, the binary and its shared libraries; valgrind, node and npm are optional (a mode
whose tool is missing says so and is skipped). A benchmark, never a ctest test.
"""

import argparse
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import copies  # bench/copies.py
import peak  # bench/peak.py

ROOT = Path(__file__).resolve().parent.parent
MB = copies.MB
ENV = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
ONE_LINE = {"id": "startup", "text": "The crowd of about 2,500 people marched on 3 January 2020."}
ANCHOR_FIRST = "On 3 January 2020 the storm began.\n"
ANCHOR_LINE = "Two days later, it rained again.\n"

# Sizes when a mode runs alone (the issue's), and under --all (about ten minutes on 2 cores).
FULL = {"memory_mb": [10, 40, 100], "scale_mb": 100, "callgrind_mb": None,
        "anchor_lines": [2000, 4000, 8000, 16000]}
QUICK = {"memory_mb": [2, 5, 10], "scale_mb": 10, "callgrind_mb": 0.5,
         "anchor_lines": [2000, 4000, 8000, 16000]}

CHRONO_JS = r"""
// chrono.parse once on each record's text; prints what it found and the loop's own time.
const fs = require('fs');
const chrono = require(require.resolve('chrono-node', {paths: [process.argv[2]]}));
const texts = fs.readFileSync(process.argv[3], 'utf8').split('\n')
    .filter((l) => l.trim()).map((l) => { const r = JSON.parse(l); return r.text || r.maintext || ''; });
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
let results = 0;
for (const t of texts) results += chrono.parse(t).length;
const wall = Number(process.hrtime.bigint() - start) / 1e9;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({records: texts.length, results, loop_wall: wall,
                            loop_user: used.user / 1e6, loop_sys: used.system / 1e6}));
"""


def comma_list(cast):
    def parse(text):
        try:
            items = [cast(x) for x in text.split(",") if x.strip()]
        except ValueError as err:
            raise argparse.ArgumentTypeError(str(err))
        if not items:
            raise argparse.ArgumentTypeError("empty list")
        return items
    return parse


def mb_per_s(size, seconds, width=9):
    """MB of text per second, right-aligned in `width`; n/a when seconds is not positive."""
    return f"{size / MB / seconds:{width}.3f}" if seconds > 0 else f"{'n/a':>{width}s}"


def first_line(cmd):
    """The first line of a command's output, or None when it cannot run."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (out.stdout or out.stderr).strip().splitlines()
    return lines[0] if out.returncode == 0 and lines else None


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    for line in (subprocess.run(["lscpu"], capture_output=True, text=True).stdout
                 if shutil.which("lscpu") else "").splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


class Median:
    """Median wall, user and system seconds of some runs, and the largest peak RSS."""

    def __init__(self, runs):
        self.wall = statistics.median(r.wall for r in runs)
        self.user = statistics.median(r.user for r in runs)
        self.sys = statistics.median(r.sys for r in runs)
        peaks = [r.peak for r in runs if r.peak is not None]
        self.peak = max(peaks) if peaks else None


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.startups = {}
        self.extract_j1 = None  # (text bytes, Median, startup Median) once measured
        self.sizes = {}  # text bytes of each file of copies

    # -- running things ----------------------------------------------------------------
    def show(self, argv):
        text = shlex.join(str(a) for a in argv).replace(str(self.work), "$WORK")
        print(f"  $ {text}", flush=True)

    def run(self, argv, stdout=subprocess.DEVNULL, quiet=False, ok=(0, 1)):
        """Runs argv once, printing its command line; a failure is printed with its stderr."""
        if not quiet:
            self.show(argv)
        result = peak.run(argv, stdout=stdout, timeout=self.args.timeout, env=ENV)
        if result.code not in ok:
            print(f"    exit {result.code}; stderr ends: "
                  f"{result.stderr.strip()[-400:] or '(empty)'}", flush=True)
        return result

    def run_to_file(self, argv, name, quiet=False):
        """Runs argv with stdout to $WORK/name; returns (result, output bytes)."""
        path = self.work / name
        with open(path, "wb") as out:
            result = self.run(argv, stdout=out, quiet=quiet)
        size = path.stat().st_size
        path.unlink()
        return result, size

    def claimcheck(self, command, jobs, path):
        return [self.args.binary, command, "--jobs", str(jobs), "--quiet", path]

    def one_line_doc(self):
        path = self.work / "one-line.jsonl"
        if not path.exists():
            path.write_text(json.dumps(ONE_LINE) + "\n", encoding="utf-8")
        return path

    def median_of(self, argv, runs, label):
        """Median of `runs` runs of argv; prints the command once and every run's figures."""
        self.show(argv)
        results = [self.run(argv, quiet=True) for _ in range(runs)]
        print(f"    {label}: " + ", ".join(f"{r.wall:.3f}/{r.user:.3f}" for r in results)
              + " s wall/user", flush=True)
        return Median(results)

    def startup(self, command, jobs):
        """Median seconds of `command --jobs N` on a one-line document: loading and compiling
        the rules, what 'net' subtracts."""
        key = (command, jobs)
        if key not in self.startups:
            self.startups[key] = self.median_of(
                self.claimcheck(command, jobs, self.one_line_doc()), self.args.startup_runs,
                f"startup of {command} --jobs {jobs}, {self.args.startup_runs} runs")
        return self.startups[key]

    def repeat(self, argv, name):
        """(Median of --runs fresh runs of argv with stdout to $WORK/name, output bytes, the
        last exit code); stops at a timeout."""
        results, out = [], 0
        for i in range(self.args.runs):
            result, out = self.run_to_file(argv, name, quiet=i > 0)
            results.append(result)
            print(f"    run {i + 1}: {result.wall:.3f} s wall, {result.user:.3f} s user, "
                  f"{result.sys:.3f} s sys, exit {result.code}", flush=True)
            if result.code == "timeout":
                break
        return Median(results), out, results[-1].code

    def corpus_run(self, command, jobs):
        """(Median of --runs fresh runs over the corpus, output bytes)."""
        median, out, _ = self.repeat(self.claimcheck(command, jobs, self.args.corpus),
                                     f"out-{command}-{jobs}")
        return median, out

    def copies(self, size_mb):
        """$WORK/copies-<size>MB.jsonl, about size_mb MB of text in distinct-id copies."""
        path = self.work / f"copies-{size_mb:g}MB.jsonl"
        if not path.exists():
            file_bytes, docs, text = copies.replicate(self.args.corpus, path, int(size_mb * MB),
                                                      unit="text")
            self.sizes[path] = text
            print(f"  {path.name}: {docs} records, {file_bytes / MB:.1f} MB of JSONL, "
                  f"{text / MB:.1f} MB of text (copies of {self.args.corpus.name}, "
                  f"ids <id>~<copy>)", flush=True)
        else:
            print(f"  {path.name} again: {self.sizes[path] / MB:.1f} MB of text", flush=True)
        return path, self.sizes[path]

    # -- modes -------------------------------------------------------------------------
    def first_pass(self):
        size = self.args.text_bytes
        print(f"\n== first pass: the corpus once per fresh process ({size / MB:.3f} MB of text), "
              f"median of {self.args.runs} run(s)")
        rows = []
        for command in self.args.commands:
            for jobs in self.args.jobs_list:
                start = self.startup(command, jobs)
                median, out = self.corpus_run(command, jobs)
                rows.append((command, jobs, median, start, out))
                if command == "extract" and jobs == 1:
                    self.extract_j1 = (size, median, start)
        print(f"\n{'command':9s}{'jobs':>5s}{'wall s':>9s}{'user s':>9s}{'sys s':>8s}"
              f"{'start w/u s':>13s}{'net MB/s':>9s}{'net MB/s':>9s}{'MB/s':>9s}"
              f"{'RSS MB':>8s}{'out MB':>8s}")
        print(f"{'':9s}{'':5s}{'':9s}{'':9s}{'':8s}{'':13s}{'(user)':>9s}{'(wall)':>9s}"
              f"{'(wall)':>9s}")
        for command, jobs, m, s, out in rows:
            rss = f"{m.peak / MB:8.1f}" if m.peak else f"{'?':>8s}"
            start = f"{s.wall:.3f}/{s.user:.3f}"
            print(f"{command:9s}{jobs:5d}{m.wall:9.3f}{m.user:9.3f}{m.sys:8.3f}{start:>13s}"
                  f"{mb_per_s(size, m.user - s.user)}{mb_per_s(size, m.wall - s.wall)}"
                  f"{mb_per_s(size, m.wall)}{rss}{out / MB:8.2f}")
        print("net = minus startup; (user) = user CPU seconds, summed over threads, so at "
              "--jobs > 1 it is per core; MB/s = MB of text, not of JSON")

    def chrono(self):
        print("\n== chrono-node: chrono.parse once on each record's text, in this same run")
        node = shutil.which("node")
        if not node:
            print("  skipped: no `node` on PATH")
            return
        folder = self.chrono_install()
        if folder is None:
            return
        version = json.loads((folder / "node_modules" / "chrono-node" / "package.json")
                             .read_text())["version"]
        script = self.work / "chrono_bench.js"
        script.write_text(CHRONO_JS, encoding="utf-8")
        start = self.median_of([node, script, folder, self.one_line_doc()],
                               self.args.startup_runs,
                               f"startup of node + chrono-node {version}, "
                               f"{self.args.startup_runs} runs")
        results, loops = [], []
        argv = [node, script, folder, self.args.corpus]
        for i in range(self.args.runs):
            path = self.work / "chrono-out.json"
            with open(path, "wb") as out:
                result = self.run(argv, stdout=out, ok=(0,), quiet=i > 0)
            if result.code != 0:
                print("  skipped: the chrono-node script failed")
                return
            loops.append(json.loads(path.read_text()))
            results.append(result)
            print(f"    run {i + 1}: {result.wall:.3f} s wall, {result.user:.3f} s user; "
                  f"loop {loops[-1]['loop_wall']:.3f} s wall, {loops[-1]['results']} results "
                  f"in {loops[-1]['records']} records", flush=True)
        chrono = Median(results)
        loop = statistics.median(x["loop_wall"] for x in loops)
        size = self.args.text_bytes
        if self.extract_j1 is None:
            print("  ours: extract --jobs 1 on the same file")
            ours = self.startup("extract", 1)
            median, _ = self.corpus_run("extract", 1)
            self.extract_j1 = (size, median, ours)
        _, m, s = self.extract_j1
        ours_user, ours_wall = m.user - s.user, m.wall - s.wall
        theirs_user, theirs_wall = chrono.user - start.user, chrono.wall - start.wall
        print(f"\n{'':34s}{'net MB/s (user)':>16s}{'net MB/s (wall)':>16s}")
        print(f"{'claimcheck extract --jobs 1':34s}{mb_per_s(size, ours_user, 16)}"
              f"{mb_per_s(size, ours_wall, 16)}")
        print(f"{'chrono-node ' + version + ' chrono.parse':34s}"
              f"{mb_per_s(size, theirs_user, 16)}{mb_per_s(size, theirs_wall, 16)}"
              f"   (its loop alone: {size / MB / loop:.3f} MB/s wall)")
        if min(ours_user, ours_wall, theirs_user, theirs_wall) > 0:
            print(f"ratio claimcheck ÷ chrono-node: {theirs_user / ours_user:.2f} by user CPU, "
                  f"{theirs_wall / ours_wall:.2f} by wall (> 1: claimcheck is faster). "
                  "node's user CPU includes its JIT and GC threads.")

    def chrono_install(self):
        """The folder holding node_modules/chrono-node: --chrono-dir as is, else npm install."""
        folder = self.args.chrono_dir or self.work / "chrono"
        if (folder / "node_modules" / "chrono-node" / "package.json").exists():
            print(f"  chrono-node already in {folder}")
            return folder
        npm = shutil.which("npm")
        if not npm:
            print("  skipped: no chrono-node there and no `npm` on PATH")
            return None
        folder.mkdir(parents=True, exist_ok=True)
        result = self.run([npm, "install", "--prefix", folder, "--no-audit", "--no-fund",
                           "--no-save", "--loglevel=error", "chrono-node"], ok=(0,))
        if result.code != 0 or not (folder / "node_modules" / "chrono-node").exists():
            print("  skipped: `npm install chrono-node` failed (no registry?)")
            return None
        return folder

    def callgrind(self, size_mb):
        command = "extract"
        print(f"\n== callgrind: instructions of `{command} --jobs 1`")
        valgrind = shutil.which("valgrind")
        if not valgrind:
            print("  skipped: no `valgrind` on PATH")
            return
        data, size = self.args.corpus, self.args.text_bytes
        if size_mb:
            data, size = self.prefix(size_mb)
        counts = {}
        for label, path in (("startup", self.one_line_doc()), ("input", data)):
            out = self.work / f"callgrind.{command}.{label}.out"
            result = self.run([valgrind, "--tool=callgrind", f"--callgrind-out-file={out}",
                               *self.claimcheck(command, 1, path)])
            counts[label] = callgrind_total(out)
            print(f"    {label}: {counts[label] or '?'} Ir ({result.wall:.1f} s under "
                  f"valgrind)", flush=True)
        if None in counts.values():
            print("  no total found in callgrind's output")
            return
        net = counts["input"] - counts["startup"]
        print(f"\ninput {size / MB:.3f} MB of text; Ir {counts['input']:,}; startup "
              f"(one-line document) {counts['startup']:,}; net {net:,}")
        print(f"Ir per MB of text: {counts['input'] / (size / MB):,.0f} gross, "
              f"{net / (size / MB):,.0f} net of startup")
        if self.args.keep:
            print(f"annotate: callgrind_annotate {self.work}/callgrind.{command}.input.out")

    def prefix(self, size_mb):
        """$WORK/prefix.jsonl: the corpus's first records up to size_mb MB of text."""
        path, text, docs = self.work / "prefix.jsonl", 0, 0
        with open(path, "w", encoding="utf-8") as out:
            for rec in copies.read_records(self.args.corpus):
                if text >= size_mb * MB:
                    break
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                text += len(copies.text_of(rec).encode("utf-8"))
                docs += 1
        print(f"  prefix.jsonl: the first {docs} records of {self.args.corpus.name}, "
              f"{text / MB:.3f} MB of text")
        return path, text

    def memory(self, sizes):
        jobs = self.args.memory_jobs
        print(f"\n== memory: peak RSS on distinct-id copies, --jobs {jobs}")
        rows = []
        for size_mb in sizes:
            path, size = self.copies(size_mb)
            for command in ("extract", "check"):
                result = self.run(self.claimcheck(command, jobs, path))
                rows.append((command, size, result))
        print(f"\n{'command':9s}{'text MB':>9s}{'RSS MB':>9s}{'RSS/text':>10s}{'wall s':>9s}"
              f"{'user s':>9s}  exit")
        for command, size, r in rows:
            rss = f"{r.peak / MB:9.1f}{r.peak / size:10.2f}" if r.peak else f"{'?':>19s}"
            print(f"{command:9s}{size / MB:9.1f}{rss}{r.wall:9.2f}{r.user:9.2f}  {r.code}")

    def scaling(self, size_mb):
        print("\n== --jobs scaling on distinct-id copies")
        path, size = self.copies(size_mb)
        rows = []
        for command in self.args.scale_commands:
            for jobs in self.args.jobs_list:
                result = self.run(self.claimcheck(command, jobs, path))
                rows.append((command, jobs, result))
        print(f"\n{'command':9s}{'jobs':>5s}{'wall s':>9s}{'user s':>9s}{'MB/s':>9s}"
              f"{'speedup':>9s}{'effic.':>9s}{'RSS MB':>9s}  exit")
        for command in self.args.scale_commands:
            mine = [(j, r) for c, j, r in rows if c == command]
            base_jobs, base = mine[0]
            for jobs, r in mine:
                speedup = base.wall / r.wall if r.wall > 0 else 0
                rss = f"{r.peak / MB:9.1f}" if r.peak else f"{'?':>9s}"
                print(f"{command:9s}{jobs:5d}{r.wall:9.2f}{r.user:9.2f}"
                      f"{mb_per_s(size, r.wall)}{speedup:9.2f}"
                      f"{speedup * base_jobs / jobs:9.2f}{rss}  {r.code}")
        print(f"speedup = wall at --jobs {self.args.jobs_list[0]} / wall; effic. = speedup / "
              f"(jobs / {self.args.jobs_list[0]}), 1 = perfect; MB/s = MB of text per wall "
              "second")

    def anchors(self, counts):
        print(f"\n== repeated anchors: extract --jobs 1 on one document, "
              f"{ANCHOR_FIRST.strip()!r} then {ANCHOR_LINE.strip()!r} repeated")
        base_path = self.work / "anchors-0.txt"
        base_path.write_text(ANCHOR_FIRST, encoding="utf-8")
        base = self.median_of(self.claimcheck("extract", 1, base_path), self.args.startup_runs,
                              f"the first line alone, {self.args.startup_runs} runs")
        rows = []
        for n in sorted(counts):
            path = self.work / f"anchors-{n}.txt"
            path.write_text(ANCHOR_FIRST + ANCHOR_LINE * n, encoding="utf-8")
            median, out, code = self.repeat(self.claimcheck("extract", 1, path), "anchors-out")
            path.unlink()
            rows.append((n, median, out))
            if code == "timeout":
                print(f"  timed out after {self.args.timeout:g} s; larger sizes skipped")
                break
        print(f"\n{'lines':>7s}{'wall s':>9s}{'user s':>9s}{'net user s':>11s}{'µs/line':>9s}"
              f"{'per doubling':>13s}{'exponent':>9s}{'out KB':>9s}")
        prev = None
        for n, r, out in rows:
            net = r.user - base.user
            growth = exponent = f"{'':>9s}"
            if prev and prev[1] > 0 and net > 0:
                exponent_value = math.log(net / prev[1]) / math.log(n / prev[0])
                growth = f"{2 ** exponent_value:13.2f}"
                exponent = f"{exponent_value:9.2f}"
            print(f"{n:7d}{r.wall:9.3f}{r.user:9.3f}{net:11.3f}{net / n * 1e6:9.1f}"
                  f"{growth:>13s}{exponent:>9s}{out / 1000:9.1f}")
            prev = (n, net)
        (n0, r0, _), (n1, r1, _) = rows[0], rows[-1]
        net0, net1 = r0.user - base.user, r1.user - base.user
        if n1 > n0 and net0 > 0 and net1 > 0:
            k = math.log(net1 / net0) / math.log(n1 / n0)
            print(f"{n0} to {n1} lines: net time x{net1 / net0:.2f} for lines x{n1 / n0:g}, "
                  f"{2 ** k:.2f} per doubling, exponent {k:.2f}")
        print(f"medians of {self.args.runs} run(s); net = user CPU minus the first line alone "
              f"({base.user:.3f} s); per doubling = growth of net time when the lines double "
              "(2.0 = linear, 4.0 = quadratic); exponent k in time ~ lines^k")


def callgrind_total(path):
    """Total Ir from a callgrind output file ("totals:" or "summary:" line), or None."""
    try:
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith(("totals:", "summary:")):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def header(args, modes):
    commit = args.commit or first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    version = first_line([str(args.binary), "--version"])
    build_type = "unknown"
    cache = args.binary.parent / "CMakeCache.txt"
    if cache.exists():
        for line in cache.read_text(errors="replace").splitlines():
            if line.startswith("CMAKE_BUILD_TYPE:"):
                build_type = line.split("=", 1)[1] or "(empty)"
    nproc = first_line(["nproc"]) or str(len(os.sched_getaffinity(0)))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"claimcheck throughput: bench/throughput.py {' '.join(sys.argv[1:])}")
    print(f"modes    {', '.join(modes)}")
    print(f"commit   {commit or 'unknown (git rev-parse failed; pass --commit)'}")
    print(f"binary   {args.binary} ({version}; build type {build_type})")
    print(f"machine  nproc {nproc}, {os.cpu_count()} CPUs, {cpu_model()}; "
          f"load average {load}; {platform.system()} {platform.release()}; "
          f"python {platform.python_version()}")
    print(f"corpus   {args.corpus}: {args.records} records, "
          f"{args.corpus.stat().st_size / MB:.3f} MB of JSONL, "
          f"{args.text_bytes / MB:.3f} MB of text")
    print("units    MB = 10^6 bytes; MB/s = MB of text (the records' `text` fields, not the "
          "JSON bytes) per second;\n         net = minus startup (median of "
          f"{args.startup_runs} runs of the same command and --jobs on a one-line document)")
    return version


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    modes = parser.add_argument_group("modes")
    for mode in ("first-pass", "chrono", "callgrind", "memory", "scaling", "anchors", "all"):
        modes.add_argument(f"--{mode}", action="store_true")
    parser.add_argument("--binary", type=Path, default=ROOT / "build" / "claimcheck")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" /
                        "ecbplus" / "all_982_docs.jsonl", help="JSONL with `text` fields")
    parser.add_argument("--commands", type=comma_list(str),
                        default=["mentions", "extract", "check"], help="for --first-pass")
    parser.add_argument("--jobs-list", type=comma_list(int), default=[1, 2],
                        help="--jobs values for --first-pass and --scaling (default 1,2)")
    parser.add_argument("--runs", type=int, default=3,
                        help="fresh runs per figure of --first-pass and --chrono (median)")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--memory-mb", type=comma_list(float),
                        help="MB of text (default 10,40,100; 2,5,10 with --all)")
    parser.add_argument("--memory-jobs", type=int, default=1)
    parser.add_argument("--scale-mb", type=float, help="MB of text (default 100; 10 with --all)")
    parser.add_argument("--scale-commands", type=comma_list(str), default=["extract"])
    parser.add_argument("--callgrind-mb", type=float,
                        help="first MB of text of the corpus (default all; 0.5 with --all)")
    parser.add_argument("--anchor-lines", type=comma_list(int),
                        help="repeated lines (default 2000,4000,8000,16000)")
    parser.add_argument("--chrono-dir", type=Path,
                        help="folder with node_modules/chrono-node, or where to install it")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    parser.add_argument("--commit", help="the binary's commit, when not this checkout's HEAD")
    parser.add_argument("--keep", type=Path, help="work there and keep the files")
    args = parser.parse_args()
    names = ["first_pass", "chrono", "callgrind", "memory", "scaling", "anchors"]
    modes = [n for n in names if args.all or getattr(args, n)]
    if not modes:
        parser.error("choose a mode: --first-pass, --chrono, --callgrind, --memory, --scaling, "
                     "--anchors or --all")
    sizes = QUICK if args.all else FULL
    for key, value in sizes.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    args.binary = args.binary.resolve()
    args.corpus = args.corpus.resolve()
    if args.chrono_dir:
        args.chrono_dir = args.chrono_dir.resolve()
    return args, modes


def main():
    args, modes = parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"throughput.py: no executable binary at {args.binary} (--binary PATH)")
    if not args.corpus.is_file():
        sys.exit(f"throughput.py: no corpus at {args.corpus} (--corpus FILE)")
    records = copies.read_records(args.corpus)
    args.records, args.text_bytes = len(records), copies.text_bytes(records)
    if header(args, modes) is None:
        sys.exit(f"throughput.py: `{args.binary} --version` fails; are its shared libraries "
                 "installed (ldd)?")
    with tempfile.TemporaryDirectory(prefix="claimcheck-throughput-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"work     $WORK = {work}", flush=True)
        bench = Bench(args, work)
        if "first_pass" in modes:
            bench.first_pass()
        if "chrono" in modes:
            bench.chrono()
        if "callgrind" in modes:
            bench.callgrind(args.callgrind_mb)
        if "anchors" in modes:
            bench.anchors(args.anchor_lines)
        if "memory" in modes:
            bench.memory(args.memory_mb)
        if "scaling" in modes:
            bench.scaling(args.scale_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
