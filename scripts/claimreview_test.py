#!/usr/bin/env python3
"""ClaimReview JSON-LD (`--format claimreview`) in schema.org's and Google's fact-check shape.

For each case the output is a JSON array with one ClaimReview per ledger and contradict finding of
the same run's JSON report (no other verdict), each with `@context` https://schema.org, `@type`
ClaimReview, a non-empty `claimReviewed`, `reviewRating` (a Rating whose numeric ratingValue lies
between worstRating and bestRating, with a textual alternateName), `itemReviewed` (a Claim whose
`appearance` lists a CreativeWork per source document, with the document's url where it has one
and its id, and `datePublished` dates in YYYY-MM-DD), `author` (an Organization or Person with a
name) and `datePublished`: the run's --reference-date when given, else the latest publication
date of the inputs (never the clock). The bytes are the same with --jobs 1 and 3.

Usage: claimreview_test.py --binary PATH   (run from the repository root; no network).
Ends with `N passed, M failed`.
"""
import argparse
import json
import re
import subprocess
import sys

LEDGER = ["--facts", "fixtures/ledger/facts.toml", "fixtures/ledger/draft-contradict.md"]
CASES = [
    # name, arguments, expected reviews, expected datePublished (None: latest input date)
    ("ledger", LEDGER, 1, None),
    ("ledger-reference-date", ["--reference-date", "2022-02-01"] + LEDGER, 1, "2022-02-01"),
    ("ecbplus-c01", ["fixtures/ecbplus-c01"], None, None),
    ("seeds", ["fixtures/seeds"], 0, None),
]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REVIEWED = {"ledger", "contradict"}


def run(binary, args):
    return subprocess.run([binary] + args, capture_output=True, check=False)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_thing(obj, types, where, errors):
    if not isinstance(obj, dict):
        errors.append(f"{where}: not an object")
        return False
    if obj.get("@type") not in types:
        errors.append(f"{where}: @type {obj.get('@type')!r}, expected one of {sorted(types)}")
    return True


def check_review(review, finding, docs, date, where, errors):
    if review.get("@context") != "https://schema.org":
        errors.append(f"{where}: @context {review.get('@context')!r}")
    check_thing(review, {"ClaimReview"}, where, errors)
    claim = review.get("claimReviewed")
    if not isinstance(claim, str) or not claim.strip():
        errors.append(f"{where}: claimReviewed must be a non-empty string")
    rating = review.get("reviewRating")
    if check_thing(rating, {"Rating"}, f"{where} reviewRating", errors):
        values = [rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")]
        if not all(is_number(v) for v in values):
            errors.append(f"{where}: ratingValue, bestRating, worstRating must be numbers: {values}")
        elif not values[2] <= values[0] <= values[1]:
            errors.append(f"{where}: ratingValue {values[0]} outside [{values[2]}, {values[1]}]")
        if not isinstance(rating.get("alternateName"), str) or not rating["alternateName"]:
            errors.append(f"{where}: reviewRating.alternateName must be a non-empty string")
    item = review.get("itemReviewed")
    if check_thing(item, {"Claim"}, f"{where} itemReviewed", errors):
        appearance = item.get("appearance")
        if not isinstance(appearance, list) or not appearance:
            errors.append(f"{where}: itemReviewed.appearance must be a non-empty list")
            appearance = []
        named = set()
        for i, a in enumerate(appearance):
            if not check_thing(a, {"CreativeWork", "NewsArticle", "Article"}, f"{where} appearance {i}", errors):
                continue
            doc = docs.get(a.get("identifier"))
            if doc is None:
                errors.append(f"{where} appearance {i}: identifier {a.get('identifier')!r} is no input")
                continue
            named.add(doc["doc"])
            if doc.get("url") and a.get("url") != doc["url"]:
                errors.append(f"{where} appearance {i}: url {a.get('url')!r}, the input has {doc['url']!r}")
            if doc.get("published") and a.get("datePublished") != doc["published"]:
                errors.append(f"{where} appearance {i}: datePublished {a.get('datePublished')!r}")
        claim_docs = {c.rsplit("#", 1)[0] for c in finding["claims"]}
        if named != claim_docs:
            errors.append(f"{where}: appearances {sorted(named)} are not the finding's documents "
                          f"{sorted(claim_docs)}")
        if "datePublished" in item and not DATE.match(str(item["datePublished"])):
            errors.append(f"{where}: itemReviewed.datePublished {item['datePublished']!r}")
    if check_thing(review.get("author"), {"Organization", "Person"}, f"{where} author", errors):
        if not isinstance(review["author"].get("name"), str) or not review["author"]["name"]:
            errors.append(f"{where}: author.name must be a non-empty string")
    if review.get("datePublished") != (date or None):  # no date known: none given
        errors.append(f"{where}: datePublished {review.get('datePublished')!r}, expected {date or None!r}")


def check_case(binary, args, expected, date):
    first = run(binary, ["check", "-q", "--format", "claimreview"] + args)
    second = run(binary, ["check", "--jobs", "3", "-q", "--format", "claimreview"] + args)
    report = run(binary, ["check", "-q", "--format", "json"] + args)
    if first.returncode not in (0, 1):
        return [f"check exited {first.returncode}: {first.stderr.decode()[:300]}"]
    errors = []
    if first.stdout != second.stdout:
        errors.append("output differs between --jobs 1 and --jobs 3")
    if first.returncode != report.returncode:
        errors.append(f"exit code {first.returncode}, the JSON run's {report.returncode}")
    reviews = json.loads(first.stdout)
    full = json.loads(report.stdout)
    docs = {d["doc"]: d for d in full["inputs"]}
    findings = [f for f in full["findings"] if f["verdict"] in REVIEWED]
    if date is None:
        date = max((d.get("published") or "" for d in full["inputs"]), default="")
    if not isinstance(reviews, list):
        return errors + ["output is not a JSON array"]
    if expected is not None and len(findings) != expected:
        errors.append(f"{len(findings)} ledger/contradict findings, the case expects {expected}")
    if len(reviews) != len(findings):
        errors.append(f"{len(reviews)} reviews for {len(findings)} ledger/contradict findings")
    for i, (review, finding) in enumerate(zip(reviews, findings)):
        check_review(review, finding, docs, date, f"review {i} ({finding['id']} {finding['verdict']})", errors)
        if review.get("identifier") != finding.get("fingerprint"):
            errors.append(f"review {i}: identifier {review.get('identifier')!r} is not the fingerprint")
    return errors


def self_check():
    """The checks must catch a broken review: each mutation below has to fail."""
    finding = {"id": "F1", "verdict": "ledger", "claims": ["d#1"]}
    docs = {"d": {"doc": "d", "url": "https://example.org/a", "published": "2022-01-10"}}
    good = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x",
            "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                             "alternateName": "Contradicts the ledger"},
            "itemReviewed": {"@type": "Claim", "appearance": [
                {"@type": "CreativeWork", "identifier": "d", "url": "https://example.org/a",
                 "datePublished": "2022-01-10"}]},
            "author": {"@type": "Organization", "name": "claimcheck"}, "datePublished": "2022-01-10"}
    errors = []
    check_review(good, finding, docs, "2022-01-10", "good", errors)
    if errors:
        return [f"self-check: a good review fails: {errors}"]
    mutations = {
        "no @context": lambda r: r.pop("@context"),
        "rating as text": lambda r: r["reviewRating"].update(ratingValue="1"),
        "rating out of range": lambda r: r["reviewRating"].update(ratingValue=9),
        "empty appearance": lambda r: r["itemReviewed"].update(appearance=[]),
        "wrong url": lambda r: r["itemReviewed"]["appearance"][0].update(url="https://x"),
        "no claimReviewed": lambda r: r.pop("claimReviewed"),
        "other date": lambda r: r.update(datePublished="2030-01-01"),
    }
    out = []
    for name, mutate in mutations.items():
        review = json.loads(json.dumps(good))
        mutate(review)
        errors = []
        check_review(review, finding, docs, "2022-01-10", name, errors)
        if not errors:
            out.append(f"self-check: {name} passes the checks")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    failed = 0
    results = [("self-check", self_check())]
    results += [(name, check_case(args.binary, a, n, d)) for name, a, n, d in CASES]
    for name, errors in results:
        print(f"{'FAIL' if errors else 'PASS'} {name}")
        for e in errors[:20]:
            print(f"    {e}")
        failed += bool(errors)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
