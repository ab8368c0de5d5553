#!/usr/bin/env python3
"""`cmake --install`: installs the claimcheck binary under PREFIX/bin, and the installed binary
runs on its own (embedded rules) from any folder: the same report on the seeds as the build's.

Usage: install_test.py --build DIR --binary PATH [--cmake CMAKE]   (run from the repository
root). Ends with `N passed, M failed`.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--cmake", default="cmake")
    args = parser.parse_args()
    seeds = str(Path("fixtures/seeds").resolve())
    results = []
    with tempfile.TemporaryDirectory() as prefix:
        r = subprocess.run([args.cmake, "--install", args.build, "--prefix", prefix],
                           capture_output=True, text=True)
        installed = Path(prefix) / "bin" / "claimcheck"
        results.append(("cmake --install exits 0", r.returncode == 0, r.stdout + r.stderr))
        results.append(("PREFIX/bin/claimcheck is an executable file",
                        installed.is_file() and os.access(installed, os.X_OK),
                        sorted(str(p) for p in Path(prefix).rglob("*"))))
        if installed.is_file():
            # From an empty folder: nothing of the source tree is needed at run time.
            want = subprocess.run([args.binary, "check", "--format", "json", seeds],
                                  capture_output=True, cwd=prefix)
            got = subprocess.run([str(installed), "check", "--format", "json", seeds],
                                 capture_output=True, cwd=prefix)
            results.append(("the installed binary gives the build's report on the seeds",
                            got.returncode == want.returncode == 0 and got.stdout == want.stdout
                            and got.stdout, got.stderr[:300]))
            version = subprocess.run([str(installed), "--version"], capture_output=True, text=True)
            results.append(("--version", version.returncode == 0 and "claimcheck" in version.stdout,
                            version.stdout + version.stderr))
    failed = 0
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'} {name}")
        if not ok:
            print(f"    {detail}")
            failed += 1
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
