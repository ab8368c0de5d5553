#!/usr/bin/python3
"""claimcheck check on Dask: the map over many processes or machines, the same report.

usage: claimcheck_dask.py check [--workers N] [--partitions P] [--scheduler ADDRESS]
                                [--binary PATH] [CHECK OPTION...] INPUT...

Runs `claimcheck check INPUT...` as a map and a reduce on a Dask cluster, and writes the
report `check` writes, byte for byte:

  map      each JSONL input is cut into byte ranges (`extract --slice`, ids and line
           numbers as in a whole-file run; other inputs and directories are read whole),
           a dask.bag partition per range; each runs `claimcheck extract`, then
           `claimcheck reconcile --stage route --partitions P`, which sends each claim to
           the partition of its group's key (attribute and event: every claim whose group
           may merge with another's) with its document record, and each date claim to
           the years pass too;
  years    one task: `reconcile --stage years` over every date claim of the batch (the
           years one source's open dates take from the others: cheap, dates only);
  reduce   P tasks: `reconcile --stage partial` over one partition's records and the years;
  merge    here: `reconcile --stage merge` sorts the partials and numbers the findings.

Without --scheduler it starts a LocalCluster of --workers processes (default: the cores);
with it, it uses a running cluster (`dask-scheduler`, `dask-worker ADDRESS` on each
machine): every worker must reach the binary, the inputs and the --rules/--facts files at
the same paths, and the same working directory (relative paths make the ids). A worker
lost mid-run costs only its tasks: Dask runs them again elsewhere.

Check options: --format, -o, --fail-on, --color, --facts, --rules, --reference-date,
--jobs (threads per map task, default 1), -q. Exit codes as `check`'s. Must run with
Debian's interpreter (/usr/bin/python3, python3-distributed).
"""
import argparse
import logging
import os
import shutil
import subprocess
import sys

import dask
import dask.bag as db
from dask import delayed

JSONL_EXTENSIONS = (".jsonl", ".ndjson")
EXIT_ERROR = 2


class RunError(Exception):
    """A step failed in a way that stops the run (bad rules, a missing binary)."""


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="claimcheck_dask.py", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check"])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="LocalCluster worker processes (default: the cores)")
    parser.add_argument("--partitions", type=int, default=0,
                        help="map ranges and reduce partitions (default: 2 per worker)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--binary", help="claimcheck binary (default: on PATH, else build/claimcheck)")
    parser.add_argument("--format")
    parser.add_argument("-o", "--output")
    parser.add_argument("--fail-on")
    parser.add_argument("--color")
    parser.add_argument("--facts")
    parser.add_argument("--rules", action="append", default=[])
    parser.add_argument("--reference-date")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.partitions < 0 or args.jobs < 1:
        parser.error("--workers and --jobs must be at least 1, --partitions at least 1")
    if "-" in args.inputs:
        parser.error("standard input cannot be spread over workers: name a file")
    args.partitions = args.partitions or 2 * args.workers
    return args


def find_binary(given):
    if given:
        return os.path.abspath(given)
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "claimcheck")
    found = shutil.which("claimcheck") or (here if os.path.exists(here) else None)
    if not found:
        raise RunError("no claimcheck binary: give --binary PATH")
    return os.path.abspath(found)


def plan_map(inputs, partitions):
    """The map tasks, in input order: (INPUT, "START:END") for a range of a JSONL file,
    (INPUT, None) for anything read whole. JSONL bytes are cut into about `partitions`
    ranges in all."""
    sizes = {}
    for path in inputs:
        if path.endswith(JSONL_EXTENSIONS) and os.path.isfile(path):
            sizes[path] = os.path.getsize(path)
    total = sum(sizes.values())
    tasks = []
    for path in inputs:
        if path not in sizes:
            tasks.append((path, None))
            continue
        size = sizes[path]
        pieces = max(1, round(partitions * size / total)) if total else 1
        cuts = [size * i // pieces for i in range(pieces + 1)]
        tasks.extend((path, f"{cuts[i]}:{cuts[i + 1]}") for i in range(pieces))
    return tasks


def run(cmd, cwd, stdin=b""):
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_ for its workers; inherited, it turns off glibc's
    # adaptive mmap threshold, and every large allocation of claimcheck becomes an mmap and a
    # munmap: measured, as much system time as the extraction's own.
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    return subprocess.run(cmd, input=stdin, capture_output=True, cwd=cwd, env=env, check=False)


def failed(step, done):
    return RunError(f"{step} exited {done.returncode}: {done.stderr.decode(errors='replace').strip()}")


def extract_and_route(task, ctx):
    """One map task: extract a range or an input, then route its records. Returns
    {partition: records, "y": date claims, "stderr": extract's messages}."""
    path, byte_range = task
    cmd = [ctx["binary"], "extract", "--jobs", str(ctx["jobs"])] + ctx["extract_options"]
    if byte_range:
        cmd += ["--slice", byte_range]
    extracted = run(cmd + ["--", path], ctx["cwd"])
    # Exit 2 with records is an input that could not be read (listed as skipped): the
    # batch goes on; without records it is a failed run (rules, a crash).
    if extracted.returncode != 0 and not extracted.stdout:
        if extracted.returncode == EXIT_ERROR and extracted.stderr.rstrip().endswith(b"no input readable"):
            return {"stderr": extracted.stderr[:extracted.stderr.rfind(b"claimcheck: no input readable")]}
        raise failed(f"extract {path} {byte_range or ''}", extracted)
    out = {"stderr": extracted.stderr.replace(b"claimcheck: no input readable\n", b"")}
    if not extracted.stdout:
        return out
    routed = run([ctx["binary"], "reconcile", "-q", "--stage", "route", "--partitions",
                  str(ctx["partitions"]), "-"], ctx["cwd"], extracted.stdout)
    if routed.returncode != 0:
        raise failed("reconcile --stage route", routed)
    buckets = {}
    for line in routed.stdout.splitlines(keepends=True):
        key, _, record = line.partition(b"\t")
        buckets.setdefault(key.decode(), []).append(record)
    out.update({key: b"".join(records) for key, records in buckets.items()})
    return out


def pick(routed_list, key):
    """One bucket of one map task's output (the bag partition holds one task's dict)."""
    return b"".join(r.get(key, b"") for r in routed_list)


def find_years(date_claims, ctx):
    records = b"".join(date_claims)
    if not records:
        return b""
    done = run([ctx["binary"], "reconcile", "-q", "--stage", "years", "-"], ctx["cwd"], records)
    if done.returncode != 0:
        raise failed("reconcile --stage years", done)
    return done.stdout


def reduce_partition(years, buckets, ctx):
    records = b"".join(buckets)
    if not records:
        return b""
    done = run([ctx["binary"], "reconcile", "-q", "--stage", "partial"] + ctx["reduce_options"] + ["-"],
               ctx["cwd"], years + records)
    if done.returncode != 0:
        raise failed("reconcile --stage partial", done)
    return done.stdout


def build_graph(tasks, ctx):
    """The map as a dask.bag (one range per partition), the shuffle as picks of each map
    output's bucket per reduce partition, then the years and the reduces."""
    bag = db.from_sequence(tasks, npartitions=len(tasks))
    routed = bag.map(extract_and_route, ctx).to_delayed()
    stderr = [delayed(pick)(r, "stderr") for r in routed]
    years = delayed(find_years)([delayed(pick)(r, "y") for r in routed], ctx)
    partials = [delayed(reduce_partition)(years, [delayed(pick)(r, str(p)) for r in routed], ctx)
                for p in range(ctx["partitions"])]
    return stderr, partials


def merge(partials, args, ctx):
    cmd = [ctx["binary"], "reconcile", "--stage", "merge"]
    for flag, value in (("--format", args.format), ("-o", args.output), ("--fail-on", args.fail_on),
                        ("--color", args.color)):
        if value is not None:
            cmd += [flag, value]
    if args.quiet:
        cmd.append("-q")
    sys.stdout.flush()
    return subprocess.run(cmd + ["-"], input=b"".join(partials), check=False).returncode


def start_client(args):
    from distributed import Client, LocalCluster
    if args.scheduler:
        return Client(args.scheduler), None
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        binary = find_binary(args.binary)
        extract_options = ["-q"] if args.quiet else []
        for rules in args.rules:
            extract_options += ["--rules", rules]
        if args.reference_date:
            extract_options += ["--reference-date", args.reference_date]
        ctx = {"binary": binary, "cwd": os.getcwd(), "jobs": args.jobs, "partitions": args.partitions,
               "extract_options": extract_options,
               "reduce_options": ["--facts", args.facts] if args.facts else []}
        # A broken ledger or rule file stops the run here, before any work, as in `check`.
        probes = [[binary, "reconcile", "-q", "--stage", "years"] + ctx["reduce_options"] + [os.devnull]]
        if args.rules:
            probes.append([binary, "rules", "list"] + extract_options)
        for probe in probes:
            done = run(probe, ctx["cwd"])
            if done.returncode != 0:
                sys.stderr.buffer.write(done.stderr)
                return EXIT_ERROR
        tasks = plan_map(args.inputs, args.partitions)
        stderr, partials = build_graph(tasks, ctx)
        client, cluster = start_client(args)
        try:
            messages, reduced = dask.compute(stderr, partials)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    except RunError as e:
        print(f"claimcheck_dask: {e}", file=sys.stderr)
        return EXIT_ERROR
    sys.stderr.buffer.write(b"".join(messages))
    sys.stderr.flush()
    return merge(reduced, args, ctx)


if __name__ == "__main__":
    sys.exit(main())
