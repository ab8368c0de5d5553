#!/usr/bin/python3
"""claimcheck_dask.py on a real Dask cluster gives check's bytes, even when a worker dies.

  local    a LocalCluster of 2 worker processes, the corpus in 6 partitions: the JSON report
           and the text report (and their exit codes) are check's, byte for byte;
  killed   a LocalCluster started here, the runner given its address (--scheduler, as with
           dask-scheduler/dask-worker); as soon as a worker holds a finished map result and
           the run is still going, that worker process is killed (SIGKILL): Dask runs its
           tasks again, and the report is still complete and check's.

Usage: dask_test.py --binary PATH [--corpus FILE.jsonl] (Debian's /usr/bin/python3 with
python3-distributed; exits 77, skipped, without it unless CLAIMCHECK_REQUIRE_DASK=1).
Ends with `N passed, M failed`.
"""
import argparse
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

RUNNER = Path(__file__).resolve().parent / "claimcheck_dask.py"
SKIPPED = 77


def check(binary, corpus, report_args):
    return subprocess.run([binary, "check", "-q"] + report_args + [corpus], capture_output=True, check=False)


def runner(binary, corpus, report_args, extra):
    return [sys.executable, str(RUNNER), "check", "-q", "--binary", binary, "--partitions", "6"] + extra + \
        report_args + [corpus]


def compare(done_stdout, done_code, expected, what):
    if done_code != expected.returncode:
        return f"{what}: exit {done_code}, check exited {expected.returncode}"
    if done_stdout != expected.stdout:
        return f"{what}: report differs from check ({len(done_stdout)} vs {len(expected.stdout)} bytes)"
    return ""


def local_test(binary, corpus):
    for report_args in (["--format", "json"], ["--format", "text", "--color", "never"]):
        done = subprocess.run(runner(binary, corpus, report_args, ["--workers", "2"]), capture_output=True,
                              check=False)
        if done.stderr:
            sys.stderr.write(done.stderr.decode(errors="replace"))
        why = compare(done.stdout, done.returncode, check(binary, corpus, report_args), report_args[1])
        if why:
            return why
    return ""


def killed_test(binary, corpus):
    from distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.CRITICAL)
    client = Client(cluster)
    try:
        report_args = ["--format", "json"]
        proc = subprocess.Popen(runner(binary, corpus, report_args, ["--scheduler", cluster.scheduler_address]),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        killed = None
        deadline = time.time() + 120
        while killed is None and proc.poll() is None and time.time() < deadline:
            # A finished map task's result (its picks, its years, its reduces not yet run).
            holding = [w for w, keys in client.has_what().items() if any("extract_and_route" in str(k) for k in keys)]
            if holding:
                pids = client.run(os.getpid, workers=holding[:1])
                victim = pids[holding[0]]
                os.kill(victim, signal.SIGKILL)
                killed = (holding[0], victim)
            time.sleep(0.05)
        out, err = proc.communicate(timeout=300)
        if err:
            sys.stderr.write(err.decode(errors="replace"))
        if killed is None:
            return "the run ended before a worker held a map result: nothing was killed"
        print(f"killed worker {killed[0]} (pid {killed[1]}) mid-run")
        return compare(out, proc.returncode, check(binary, corpus, report_args), "after the kill")
    finally:
        client.close()
        cluster.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpora" /
                                                "ecbplus" / "all_982_docs.jsonl"))
    args = parser.parse_args()
    try:
        import distributed  # noqa: F401
    except ImportError:
        print(f"SKIP: {sys.executable} cannot import distributed (apt-get install python3-distributed)")
        return 1 if os.environ.get("CLAIMCHECK_REQUIRE_DASK") == "1" else SKIPPED
    binary = os.path.abspath(args.binary)
    results = [("local: 2 workers, 6 partitions", local_test(binary, args.corpus)),
               ("killed: a worker killed mid-run", killed_test(binary, args.corpus))]
    failed = 0
    for name, why in results:
        print(f"{'FAIL' if why else 'PASS'} {name}{': ' + why if why else ''}")
        failed += bool(why)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
