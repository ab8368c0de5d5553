#!/usr/bin/env python3
"""What a person reads: values, quotes and attributions in the human formats, on real inputs.

Runs `claimcheck check` on the seeds and two ECB+ clusters (fixtures/ecbplus-c09, whose
Qeshm earthquake has "more than 26,000", and fixtures/ecbplus-c12) in every format a person
reads (text, markdown, html, github, and the messages of sarif) and in json, and checks:

- no raw TIMEX3 suffix or placeholder reaches a person: no `2021-01-02TNI`, no `XXXX`, no
  `WXX`, no `PRESENT_REF`; times read in words ("3 January 2020") with the ISO date beside
  them (text and markdown: in brackets; html: in <time datetime>);
- a count qualified "more than"/"over" prints as stated ("more than 26,000 (> 26,000)"), never
  as its bound "at least 26,001";
- every quote in the text report is whole words of its claim's sentence (no "…near B"), and a
  quote that ends on a count keeps the noun counted ("eight other men");
- attribution is a speaker or nothing: none of "he", "which Israel", "of Qeshm island", "and
  state media", "42 people were killed in …".

Usage: readable_test.py --binary build/claimcheck   (cwd: the repository root)
"""

import argparse
import json
import os
import re
import subprocess
import sys

CASES = ["fixtures/seeds", "fixtures/ecbplus-c09", "fixtures/ecbplus-c12"]
RAW_TIMEX = re.compile(r"\b\d{4}-\d{2}-\d{2}T(?:MO|AF|EV|NI|DT)\b|XXXX|WXX|_REF\b")
NOT_SPEAKERS = re.compile(r"^(?:he|she|they|it|which\b.*|and\b.*|of\b.*|.*\d.*)$", re.I)
COUNT_WORDS = {"other", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
               "ten"}


def run(binary, fmt, case):
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
    p = subprocess.run([binary, "check", "--format", fmt, case], capture_output=True, env=env)
    if p.returncode not in (0, 1):
        raise SystemExit(f"check --format {fmt} {case} exited {p.returncode}: {p.stderr[-500:]!r}")
    return p.stdout.decode()


def human_texts(binary, case):
    """(format, text a person reads) pairs."""
    out = [(fmt, run(binary, fmt, case)) for fmt in ("text", "markdown", "html", "github")]
    sarif = json.loads(run(binary, "sarif", case))
    messages = []
    for r in sarif["runs"][0].get("results", []):
        messages.append(r["message"]["text"])
        messages += [loc["message"]["text"] for loc in r.get("relatedLocations", [])]
    out.append(("sarif messages", "\n".join(messages)))
    return out


def word_char(ch):
    return ch.isalnum()


def check_case(binary, case):
    failures = []
    report = json.loads(run(binary, "json", case))
    claims = report["claims"]
    texts = human_texts(binary, case)
    for fmt, text in texts:
        for m in RAW_TIMEX.finditer(text):
            line = text[max(0, m.start() - 60):m.end() + 20].replace("\n", " ")
            failures.append(f"{case} {fmt}: raw TIMEX {m.group(0)!r} in ...{line}...")
    text = dict(texts)["text"]
    # Times in words with the ISO date beside them.
    for c in claims:
        t = c["as_of"]["timex"]
        if t and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t) and f"[{t}]" not in text:
            failures.append(f"{case} text: as_of {t} never shown as '<words> [{t}]'")
    # Counts as stated.
    for c in claims:
        v = c["value"]
        if v["kind"] == "quantity" and v["qualifier"] in ("more than", "over") and v["hi"] is None:
            stated = f"{v['qualifier']} {v['lo'] - 1:,} (> {v['lo'] - 1:,})"
            if stated not in text:
                failures.append(f"{case} text: {c['id']} not shown as {stated!r}")
            if f"at least {v['lo']:,}" in text:
                failures.append(f"{case} text: 'at least {v['lo']:,}' shown for a {v['qualifier']}")
    # Quotes: whole words of the sentence, counts with their noun.
    sentences = {(c["doc"], c["evidence"]["line"], c["evidence"]["column"]): c for c in claims}
    quotes = 0
    for line in text.splitlines():
        m = re.match(r'^    (\S+):(\d+):(\d+): .* "(.*)"$', line)
        if not m:
            continue
        c = sentences.get((m.group(1), int(m.group(2)), int(m.group(3))))
        if c is None:
            continue
        quote, sentence = m.group(4), c["evidence"]["sentence"]
        at = sentence.find(quote)
        quotes += 1
        if at < 0:
            failures.append(f"{case}: quote {quote!r} is not in its sentence")
            continue
        end = at + len(quote)
        if (at > 0 and word_char(sentence[at - 1]) and word_char(quote[0])) or \
                (end < len(sentence) and word_char(sentence[end]) and word_char(quote[-1])):
            failures.append(f"{case}: quote {quote!r} cuts a word of {sentence!r}")
        rest = sentence[end:].split()
        if quote.split()[-1].lower() in COUNT_WORDS and rest and rest[0].rstrip(".,") == "men":
            failures.append(f"{case}: quote {quote!r} drops the noun counted")
    if quotes == 0:
        failures.append(f"{case}: no quote found in the text report")
    # Attribution: a speaker or nothing.
    for c in claims:
        a = c["attribution"]
        if a is not None and NOT_SPEAKERS.match(a):
            failures.append(f"{case}: {c['id']} attributed to {a!r}, no speaker")
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    failures = []
    for case in CASES:
        failures += check_case(os.path.abspath(args.binary), case)
    seeds = run(os.path.abspath(args.binary), "text", "fixtures/seeds")
    for want in ("Saturday night, 2 January 2021 [2021-01-02]", "3 January (year not given)",
                 '"killed Soleimani, Muhandis and eight other men"',
                 "killed in a US drone strike near Baghdad\"",
                 "3 sources agree: 3 January 2020 [2020-01-03]"):
        if want not in seeds:
            failures.append(f"seeds text: {want!r} not shown")
    c12 = run(os.path.abspath(args.binary), "text", "fixtures/ecbplus-c12")
    if "afternoon of 2 July 2013 [2013-07-02]" not in c12:
        failures.append("ecbplus-c12 text: 2013-07-02TAF not shown as 'afternoon of 2 July 2013'")
    c09 = run(os.path.abspath(args.binary), "text", "fixtures/ecbplus-c09")
    if "more than 26,000 (> 26,000)" not in c09:
        failures.append("ecbplus-c09 text: 'more than 26,000 (> 26,000)' not shown")
    for f in failures:
        print("FAIL", f)
    print("readable: ok" if not failures else f"readable: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
