#!/usr/bin/env python3
"""Validate the development verdict labels (facts) in this directory against the corpora.

Usage: python3 tests/verdicts/dev/validate.py [--gva DIR] [--ecbplus DIR] [FACTS.jsonl ...]

The same checks as tests/verdicts/gold/validate.py (format in tests/verdicts/gold/README.md),
except which incidents and clusters the files must label: gva.jsonl here labels exactly the
development part of gva-dev (the 26 incidents that are not every third one), ecbplus.jsonl the
development clusters (every cluster but the held-out C02, C07 and C11, and C03, whose figures are
pirates captured, no attribute, and whose days have no year anywhere). Standard library only.
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "..", "gold", "validate.py")

spec = importlib.util.spec_from_file_location("gold_validate", GOLD)
gold = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gold)

held_out = gold.held_out_gva


def development_gva(gva_dir):
    """The gva-*.jsonl files of gva_dir that are not held out."""
    names = sorted((n for n in os.listdir(gva_dir) if n.startswith("gva-") and n.endswith(".jsonl")),
                   key=lambda n: n.encode("utf-8"))
    return [n for n in names if n not in set(held_out(gva_dir))]


gold.HERE = HERE  # default files: gva.jsonl and ecbplus.jsonl beside this script
gold.held_out_gva = development_gva
gold.ECB_CLUSTERS = ("C01", "C04", "C05", "C06", "C08", "C09", "C10", "C12")

if __name__ == "__main__":
    sys.exit(gold.main())
