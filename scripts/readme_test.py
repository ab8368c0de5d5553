#!/usr/bin/env python3
"""README.md opens as a new user needs it: exactly its two commands (the first builds without the
tests and runs the seeds), then an example of the first command's output that the binary really
prints today (each line, verbatim, in `claimcheck check fixtures/seeds`), then a legend naming
every verdict the binary knows (from its own --only error message).

Usage: readme_test.py --binary PATH   (run from the repository root). Ends with `N passed, M failed`.
"""
import argparse
import os
import re
import subprocess
import sys
from pathlib import Path


def blocks(text):
    return [(m.group(1), m.group(2).splitlines()) for m in
            re.finditer(r"^```(\w*)\n(.*?)^```$", text, flags=re.S | re.M)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    binary = parser.parse_args().binary
    text = Path("README.md").read_text()
    env = {**os.environ, "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}
    results = []
    found = blocks(text)
    first_lang, commands = found[0]
    opening = text.split("```")[0].strip()
    results.append(("README starts with its title and the two commands",
                    opening == "# claimcheck" and first_lang == "sh" and len(commands) == 2, commands))
    c1 = commands[0] if commands else ""
    results.append(("command 1 builds without the tests and runs the seeds",
                    c1.startswith("bash scripts/setup.sh && cmake -S . -B build ") and
                    "-DCLAIMCHECK_TESTS=OFF" in c1 and
                    c1.endswith("./build/claimcheck check fixtures/seeds"), c1))
    results.append(("command 2 is the test script", commands[1:] == ["bash scripts/test.sh"], commands))
    _, example = found[1]
    run = subprocess.run([binary, "check", "fixtures/seeds"], capture_output=True, text=True, env=env)
    out = run.stdout.splitlines()
    missing = [line for line in example if line not in out]
    results.append(("the example is three lines of command 1's real output",
                    len(example) == 3 and not missing and run.returncode == 0,
                    f"{len(example)} lines; not in the output: {missing}"))
    # The verdicts the binary knows, from its message for an unknown one.
    bad = subprocess.run([binary, "check", "--only", "nonsense", "fixtures/seeds"], capture_output=True,
                         text=True, env=env)
    listed = re.search(r"expected a comma list of ([a-z, ]+)", bad.stderr)
    verdicts = [v.strip() for v in listed.group(1).split(",")] if listed else []
    legend = text[text.index("```", text.index(example[-1])):text.index("## Status")]
    rows = set(re.findall(r"^\| `(\w+)` \|", legend, flags=re.M))
    results.append(("the legend names every verdict, and only those",
                    verdicts and rows == set(verdicts), f"legend {sorted(rows)}, binary {verdicts}"))
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
