#!/usr/bin/env python3
"""Draws the sentences of the news-quantity development set (tests/quantities/README.md).

Usage: draw.py [--corpus FILE] [--seed N] > sentences.jsonl

Reads ECB+'s all_982_docs.jsonl, drops topics 8, 37 and 41 (they hold the held-out claim and
verdict clusters) before looking at any text, splits each document into lines (ECB+ texts hold
one sentence a line) and keeps lines of 40 to 320 characters. With random.Random(seed) it draws
230 lines holding a digit or an English number word and 70 holding neither, each document at
most twice, and prints them in the order drawn as {"id", "doc", "text"}.
"""
import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HELD_OUT_TOPICS = {"8", "37", "41"}
NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half)\b", re.I)
WITH_NUMBER, WITHOUT_NUMBER, PER_DOC = 230, 70, 2


def topic(doc_id):
    return doc_id.split("/", 1)[1].split("_", 1)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path,
                        default=ROOT.parent / "shared" / "corpora" / "ecbplus" / "all_982_docs.jsonl")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    with_num, without_num = [], []
    for line in args.corpus.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if topic(rec["id"]) in HELD_OUT_TOPICS:
            continue
        for n, text in enumerate(rec["text"].split("\n")):
            text = text.strip()
            if not 40 <= len(text) <= 320:
                continue
            item = {"doc": rec["id"], "line": n + 1, "text": text}
            has = re.search(r"\d", text) or NUMBER_WORD.search(text) or re.search("[½¼¾⅓⅔]", text)
            (with_num if has else without_num).append(item)
    rng = random.Random(args.seed)
    rng.shuffle(with_num)
    rng.shuffle(without_num)
    seen_text, per_doc, out = set(), {}, []
    for pool, want in ((with_num, WITH_NUMBER), (without_num, WITHOUT_NUMBER)):
        taken = 0
        for item in pool:
            if taken == want:
                break
            if item["text"] in seen_text or per_doc.get(item["doc"], 0) >= PER_DOC:
                continue
            seen_text.add(item["text"])
            per_doc[item["doc"]] = per_doc.get(item["doc"], 0) + 1
            out.append(item)
            taken += 1
    for i, item in enumerate(out):
        print(json.dumps({"id": f"q{i + 1:03d}", **item}, ensure_ascii=False))


if __name__ == "__main__":
    main()
