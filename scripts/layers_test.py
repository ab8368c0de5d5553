#!/usr/bin/env python3
"""Layers read one way: every `#include "folder/…"` in src/ is allowed by README.md's layout table.

Usage: layers_test.py [--root DIR]

Reads the table under "## Layout" in README.md (rows `| `src/<folder>/` | holds | may include |`;
"may include" lists folders, "—" for none, "every folder" for all), then checks each file under
src/: a file in src/<folder>/ may include headers of its own folder and of the folders its row
names; src/main.cc may include cli. Fails on a forbidden include, on a folder of src/ missing from
the table, and on a table row naming a folder that does not exist. A self-check first proves that
a forbidden include is caught. Closes with 'layers: N passed, N failed'.
"""

import argparse
import re
import sys
from pathlib import Path

ROW = re.compile(r"^\|\s*`src/([a-z_]+)/`\s*\|[^|]*\|\s*([^|]+?)\s*\|\s*$")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"', re.M)


def read_table(readme):
    text = readme.read_text(encoding="utf-8")
    start = text.find("## Layout")
    if start < 0:
        sys.exit(f"{readme}: no '## Layout' section")
    end = text.find("\n## ", start + 1)
    allowed = {}
    for line in text[start:end if end > 0 else None].splitlines():
        m = ROW.match(line)
        if not m:
            continue
        folder, may = m.group(1), m.group(2).strip()
        if may == "every folder":
            allowed[folder] = None
        elif may in ("—", "-", ""):
            allowed[folder] = set()
        else:
            allowed[folder] = {w.strip() for w in may.split(",")}
    return allowed


def violations(files, allowed):
    """(path, line, message) for each include the table forbids; files: {rel path: text}."""
    out = []
    for rel, text in sorted(files.items()):
        parts = rel.split("/")
        if len(parts) == 2:  # src/main.cc
            ok = {"cli"}
            folder = None
        else:
            folder = parts[1]
            if folder not in allowed:
                out.append((rel, 1, f"folder src/{folder}/ is not in README.md's layout table"))
                continue
            ok = allowed[folder]
        for m in INCLUDE.finditer(text):
            target = m.group(1)
            if target == folder or ok is None or target in ok:
                continue
            line = text.count("\n", 0, m.start()) + 1
            out.append((rel, line, f'includes "{target}/…", which src/{folder or "main.cc"} may not'
                                   f" (README.md layout: {', '.join(sorted(ok)) or 'nothing'})"))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    args = ap.parse_args()
    root = Path(args.root)
    allowed = read_table(root / "README.md")
    passed = failed = 0

    # Self-check: a model header that includes a writer must be caught.
    if not violations({"src/model/x.h": '#include "report/writer.h"\n'}, allowed):
        print("self-check: a model file including report/ was not caught")
        failed += 1
    else:
        passed += 1

    files = {str(p.relative_to(root)): p.read_text(encoding="utf-8", errors="replace")
             for p in sorted((root / "src").rglob("*")) if p.suffix in (".h", ".cc")}
    found = violations(files, allowed)
    for rel, line, msg in found:
        print(f"{rel}:{line}: {msg}")
    dirs = {p.name for p in (root / "src").iterdir() if p.is_dir()}
    for folder in sorted(set(allowed) - dirs):
        print(f"README.md: layout table names src/{folder}/, which does not exist")
        found.append(None)
    # No file of src/normalize includes a JSON header.
    for rel, text in files.items():
        if rel.startswith("src/normalize/") and re.search(r'#\s*include\s+[<"](nlohmann/|model/json_io)', text):
            print(f"{rel}: a normalizer includes JSON")
            found.append(None)
    if found:
        failed += 1
    else:
        passed += 1
    print(f"checked {len(files)} files in {len(dirs)} folders against {len(allowed)} table rows")
    print(f"layers: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
