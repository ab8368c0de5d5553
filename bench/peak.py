"""Timing a child process and its peak RSS, shared by the benchmarks in bench/."""
import os
import resource
import signal
import subprocess
import tempfile
import threading
import time
from typing import NamedTuple, Optional, Union

GNU_TIME = "/usr/bin/time"


def timed_command(argv):
    """The command line, wrapped in `/usr/bin/time -v` when it exists, and whether it is."""
    use_time = os.access(GNU_TIME, os.X_OK)
    return ([GNU_TIME, "-v"] if use_time else []) + [str(a) for a in argv], use_time


def split_peak(stderr_text, use_time):
    """(peak RSS in bytes or None, the child's own stderr) from a finished run."""
    if not use_time:
        return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, stderr_text
    peak = None
    for line in stderr_text.splitlines():
        if "Maximum resident set size (kbytes)" in line:
            peak = int(line.rsplit(":", 1)[1]) * 1024
    own = stderr_text.split("\tCommand being timed:")[0].splitlines(keepends=True)
    # GNU time's own line before its report, when the child failed.
    if own and own[-1].startswith(("Command exited with non-zero status",
                                   "Command terminated by signal")):
        own.pop()
    return peak, "".join(own)


class Run(NamedTuple):
    """One finished child: exit code (or "timeout"), wall, user and system CPU seconds, peak
    RSS in bytes (None when unknown) and the child's own stderr."""
    code: Union[int, str]
    wall: float
    user: float
    sys: float
    peak: Optional[int]
    stderr: str


def run(argv, stdout=subprocess.DEVNULL, timeout=None, env=None):
    """Runs argv once, stdin closed, and measures it. CPU times come from wait4(), so they are
    this child's alone (getrusage(RUSAGE_CHILDREN) would add up every earlier run); the peak
    comes from /usr/bin/time -v when present, else from wait4() too. Past `timeout` seconds the
    child's whole process group is killed and the code is "timeout"."""
    cmd, use_time = timed_command(argv)
    killed = []

    def kill(pid):
        try:
            os.killpg(pid, signal.SIGKILL)
            killed.append(True)
        except ProcessLookupError:  # it ended just before the timer fired
            pass

    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        # A session of its own, so a timeout kills the binary too, not only /usr/bin/time.
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=err,
                                env=env, start_new_session=True)
        timer = threading.Timer(timeout, kill, (proc.pid,)) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if use_time:
        peak, text = split_peak(text, use_time)
    else:
        peak = usage.ru_maxrss * 1024
    code = "timeout" if killed else proc.returncode
    return Run(code, wall, usage.ru_utime, usage.ru_stime, peak, text)
