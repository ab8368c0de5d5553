"""Timing a child process and its peak RSS, shared by the benchmarks in bench/."""
import os
import resource

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
    return peak, stderr_text.split("\tCommand being timed:")[0]
