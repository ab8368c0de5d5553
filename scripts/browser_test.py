#!/usr/bin/env python3
"""Real-browser test of the HTML report (`claimcheck check --format html`).

Usage: browser_test.py --binary PATH [--artifacts DIR] [--chromium PATH] [--timeout S]
Run with the repository root as working directory (it reads fixtures/seeds).

Renders fixtures/seeds to HTML, opens it in headless Chromium and checks through the DOM, with
computed layout, that the findings of DESIGN.md section 1 are rendered and visible: agree on the
date of the killing, changed for US troops in Iraq, single for the deaths in the strike and for
each of the three crowds, and no contradiction; that single findings are folded away until
their <details> is opened; and that the page shows the same summary and findings, in the text
writer's order, as `--format json` of the same run. It then unchecks the "single" filter and
checks that exactly the single findings disappear; loads the page with JavaScript disabled and
checks that everything but the folded singles shows and the filter bar does not; and checks
that the page asks for nothing on the network (no src attribute, no href but the source links,
no resource or network requests, no console errors). On ECB+ C12 (inputs with URLs) it checks
that every source URL is a link and the only absolute URL of the page, and that each finding's
chart of values by source over time shows one mark per value, inside the chart.
A full-page PNG goes to DIR/seeds-report.png (default build/artifacts).

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages
separated by NUL bytes on file descriptors 3 and 4), so no port, no websocket and no packages
beyond the standard library. Without Chromium the test exits 77 (ctest: skipped), unless
CLAIMCHECK_REQUIRE_BROWSER=1, as in CI, where it fails.
"""

import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SKIP = 77
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")

# What the page shows, read through layout: an element is visible when it has a box on screen
# and nothing hides it (display: none anywhere up the tree leaves offsetParent null and an
# empty rectangle; visibility is checked on the element itself).
SNAPSHOT_JS = r"""
(() => {
  const visible = (el) => {
    if (!el) return false;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // Content of a closed <details> is not shown, whatever box the engine gives it.
    return el.offsetParent !== null && box.width > 0 && box.height > 0 &&
        style.visibility !== 'hidden' && style.display !== 'none' &&
        !(el.closest('details:not([open])') && !el.matches('details > summary, details > summary *'));
  };
  const attrs = [];
  for (const el of document.querySelectorAll('[src], [href]')) {
    attrs.push(el.getAttribute('src') || el.getAttribute('href'));
  }
  const filters = document.getElementById('filters');
  const singles = document.getElementById('singles');
  return {
    singlesOpen: singles ? singles.open : null,
    links: Array.from(document.querySelectorAll('a[href]'), (a) => ({
      href: a.getAttribute('href'), cls: a.className, text: a.textContent, visible: visible(a)})),
    srcs: Array.from(document.querySelectorAll('[src]'), (el) => el.getAttribute('src')),
    title: document.title,
    lang: document.documentElement.lang,
    charset: document.characterSet,
    header: (document.querySelector('body > header') || {}).innerText || '',
    filtersVisible: visible(filters),
    filterBoxes: Array.from(document.querySelectorAll('input[data-filter]'),
                            (box) => box.getAttribute('data-filter')),
    findings: Array.from(document.querySelectorAll('[data-verdict]'), (el) => ({
      id: el.id,
      verdict: el.dataset.verdict,
      severity: el.dataset.severity,
      subject: el.dataset.subject,
      attribute: el.dataset.attribute,
      text: el.innerText,
      visible: visible(el),
      badgeVisible: visible(el.querySelector('.badge')),
      chart: (() => {
        const svg = el.querySelector('svg.chart');
        if (!svg) return null;
        const box = svg.getBoundingClientRect();
        return {
          visible: visible(svg) || (box.width > 0 && box.height > 0 && el.offsetParent !== null),
          width: box.width, height: box.height,
          marks: Array.from(svg.querySelectorAll('g.mark'), (g) => {
            const r = g.getBoundingClientRect();
            return {claim: g.dataset.claim, source: g.dataset.source,
                    inside: r.width >= 0 && r.left >= box.left - 1 && r.right <= box.right + 1 &&
                            r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
                    drawn: r.height > 0};
          }),
        };
      })(),
      cards: Array.from(el.querySelectorAll('.card'), (card) => ({
        doc: card.dataset.doc,
        text: card.innerText,
        visible: visible(card),
        mark: (card.querySelector('mark') || {}).textContent || '',
        markVisible: visible(card.querySelector('mark')),
        left: Math.round(card.getBoundingClientRect().left),
        top: Math.round(card.getBoundingClientRect().top),
      })),
    })),
    urls: attrs,
    external: Array.from(document.querySelectorAll('script[src], link, img, iframe, object, embed'),
                         (el) => el.outerHTML.slice(0, 200)),
    resources: performance.getEntriesByType('resource').map((r) => r.name),
    height: Math.ceil(document.documentElement.scrollHeight),
  };
})()
"""

OPEN_SINGLES_JS = r"""
(() => {
  const singles = document.getElementById('singles');
  if (!singles) return false;
  singles.open = true;
  return singles.open;
})()
"""

UNCHECK_SINGLE_JS = r"""
(() => {
  const box = document.querySelector('input[data-filter="single"]');
  if (!box) return false;
  box.click();  // a real click: toggles the box and fires its change event
  return !box.checked;
})()
"""


class Failure(Exception):
    """A check that did not hold; the message says which and why."""


class DevTools:
    """A DevTools protocol client over Chromium's --remote-debugging-pipe."""

    def __init__(self, chromium, flags, deadline):
        self.deadline = deadline
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4. Park the ends on high
        # numbers first, so moving them to 3 and 4 in the child cannot clobber one another.
        child_in = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_r)
        os.close(from_browser_w)

        def wire_fds():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([chromium, *flags], stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=self.log, pass_fds=(3, 4),
                                     preexec_fn=wire_fds)
        os.close(child_in)
        os.close(child_out)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def _read_message(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise Failure("timed out waiting for Chromium")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise Failure(f"Chromium closed the DevTools pipe:\n{self.browser_log()}")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None):
        """Sends a command and returns its result; events that arrive meanwhile are kept."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") != self.next_id:
                self.events.append(reply)
                continue
            if "error" in reply:
                raise Failure(f"{method}: {reply['error'].get('message', reply['error'])}")
            return reply.get("result", {})

    def wait_event(self, method, session):
        """Returns the first event `method` of the session, kept or still to come."""
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._read_message())

    def evaluate(self, session, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session)
        if "exceptionDetails" in result:
            raise Failure(f"script failed: {json.dumps(result['exceptionDetails'])[:500]}")
        return result["result"].get("value")

    def browser_log(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def close(self):
        try:
            if self.proc.poll() is None:
                os.write(self.to_browser, json.dumps(
                    {"id": 999999, "method": "Browser.close"}).encode() + b"\0")
                self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self.to_browser)
            os.close(self.from_browser)
            self.log.close()


def find_chromium(explicit):
    for candidate in ([explicit] if explicit else CANDIDATES):
        path = shutil.which(candidate)
        if path:
            return path
    return None


def render_report(binary, fmt, out, case="fixtures/seeds"):
    proc = subprocess.run([str(binary), "check", "--format", fmt, "-o", str(out),
                           case], stdin=subprocess.DEVNULL, capture_output=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC", "NO_COLOR": "1"})
    if proc.returncode not in (0, 1):
        raise Failure(f"claimcheck check --format {fmt} exited {proc.returncode}: "
                      f"{proc.stderr.decode(errors='replace')[-2000:]}")
    if not out.is_file() or out.stat().st_size == 0:
        raise Failure(f"claimcheck wrote no report to {out}")


def open_page(browser, url, scripts):
    """Opens url in a new tab and returns its session once the page has loaded."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget",
                           {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Network", "Log"):
        browser.call(f"{domain}.enable", {}, session)
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": 1280, "height": 2000, "deviceScaleFactor": 1, "mobile": False}, session)
    if not scripts:
        browser.call("Emulation.setScriptExecutionDisabled", {"value": True}, session)
    browser.call("Page.navigate", {"url": url}, session)
    browser.wait_event("Page.loadEventFired", session)
    return session


def page_problems(browser, session, url):
    """Network requests other than the page itself, script exceptions and console errors."""
    found = []
    for event in browser.events:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            requested = params.get("request", {}).get("url", "")
            if requested != url and not requested.startswith(("data:", "about:")):
                found.append(f"network request for {requested}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"script exception: {json.dumps(params)[:300]}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            found.append(f"console error: {params['entry'].get('text', '')[:300]}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            found.append(f"console error: {json.dumps(params.get('args'))[:300]}")
    return found


def by(findings, **want):
    return [f for f in findings if all(f.get(k) == v for k, v in want.items())]


def docs_of(finding):
    return sorted({Path(card["doc"]).name[:3] for card in finding["cards"]})


def plural(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"


def check_against_json(page, report):
    """The page shows the JSON report's summary and every finding, in the text writer's order
    (severity, then finding id) with the singles folded after the rest, each with as many
    source cards as it has claims."""
    problems = []
    s = report["summary"]
    header = " ".join(page["header"].split())
    totals = (f"{plural(s['documents'], 'document')} ({s['ok']} ok, {s['skipped']} skipped), "
              f"{plural(s['claims'], 'claim')}, {plural(s['findings'], 'finding')}")
    if totals not in header:
        problems.append(f"header reads {header!r}, expected {totals!r}")
    rank = {"error": 0, "warning": 1, "note": 2}
    expected = sorted(report["findings"],
                      key=lambda f: (f["verdict"] == "single", rank.get(f["severity"], 2),
                                     int(f["id"].lstrip("F"))))
    want = [(f["id"], f["verdict"], f["severity"], f["subject"], f["attribute"], len(f["claims"]))
            for f in expected]
    got = [(f["id"], f["verdict"], f["severity"], f["subject"], f["attribute"], len(f["cards"]))
           for f in page["findings"]]
    if got != want:
        problems.append(f"findings on the page {got} differ from the JSON report's {want}")
    return problems


def check_seed_findings(page):
    """The findings of DESIGN.md section 1, each rendered with its sources and visible."""
    findings = page["findings"]
    problems = []

    def expect(ok, message):
        if not ok:
            problems.append(message)

    expect(page["lang"] == "en", f"html lang is {page['lang']!r}")
    expect(page["charset"] == "UTF-8", f"charset is {page['charset']!r}")
    expect(page["title"].startswith("claimcheck report"), f"title is {page['title']!r}")
    expect(not by(findings, verdict="contradict"), "a contradict finding is rendered")

    agree = by(findings, verdict="agree", subject="soleimani-killing", attribute="date")
    expect(len(agree) == 1, "no agree finding for soleimani-killing/date")
    for f in agree:
        expect("2020-01-03" in f["text"], f"{f['id']}: the agreed date 2020-01-03 is not shown")
        expect(docs_of(f) == ["000", "001", "002"], f"{f['id']}: sources are {docs_of(f)}")
        expect("states no year" in f["text"], f"{f['id']}: the note on 002's year is not shown")

    changed = by(findings, verdict="changed", subject="us-troops@iraq", attribute="troops")
    expect(len(changed) == 1, "no changed finding for us-troops@iraq/troops")
    for f in changed:
        marks = sorted(card["mark"] for card in f["cards"])
        expect(marks == ["about 2,500 American soldiers", "some 5,200 US forces"],
               f"{f['id']}: highlighted spans are {marks}")
        expect(docs_of(f) == ["000", "002"], f"{f['id']}: sources are {docs_of(f)}")
        tops = {card["top"] for card in f["cards"]}
        expect(len(f["cards"]) == 2 and len(tops) == 1,
               f"{f['id']}: the two sources are not side by side (tops {sorted(tops)})")

    deaths = by(findings, verdict="single", attribute="deaths")
    expect(len(deaths) == 1, f"{len(deaths)} single findings for deaths, expected 1")
    for f in deaths:
        expect(docs_of(f) == ["001"], f"{f['id']}: deaths sources are {docs_of(f)}")
        expect(any(card["text"].splitlines().count("10") for card in f["cards"]),
               f"{f['id']}: the death count 10 is not shown")

    crowds = by(findings, verdict="single", attribute="crowd")
    subjects = sorted(f["subject"] for f in crowds)
    expect(len(crowds) == 3 and len(set(subjects)) == 3,
           f"crowd findings have subjects {subjects}, expected three single ones")
    expect(sorted(d for f in crowds for d in docs_of(f)) == ["000", "001", "002"],
           "the three crowds do not come one from each seed")

    for f in findings:
        if f["verdict"] == "single" and not page["singlesOpen"]:
            expect(not f["visible"], f"{f['id']} (single) shows although the singles are folded")
            continue
        expect(f["visible"] and f["badgeVisible"], f"{f['id']} ({f['verdict']}) is not visible")
        expect(f["cards"], f"{f['id']} shows no source")
        for card in f["cards"]:
            expect(card["visible"] and card["markVisible"] and card["mark"],
                   f"{f['id']}: the source in {card['doc']} or its highlighted span is hidden")
    return problems


def check_offline(page, source_urls=()):
    """Nothing fetched; the only absolute URLs are links to the inputs' sources."""
    links = {a["href"] for a in page["links"] if a["cls"] == "source-url"}
    problems = [f"network URL in src/href: {u}" for u in page["urls"]
                if u.strip().lower().startswith(("http:", "https:", "//")) and
                (u not in links or u not in source_urls)]
    problems += [f"src attribute: {u}" for u in page["srcs"]]
    problems += [f"external element: {e}" for e in page["external"]]
    problems += [f"resource loaded: {r}" for r in page["resources"]]
    return problems


def check_links_and_charts(browser, opts, tmp):
    """ECB+ C12 carries source URLs: each is a link, the only absolute URLs of the page; each
    finding with two or more dated values has a chart with one mark per value, drawn inside it."""
    case = "fixtures/ecbplus-c12"
    report = tmp / "c12.html"
    render_report(opts.binary.resolve(), "html", report, case)
    render_report(opts.binary.resolve(), "json", tmp / "c12.json", case)
    expected = json.loads((tmp / "c12.json").read_text(encoding="utf-8"))
    url = report.resolve().as_uri()
    session = open_page(browser, url, scripts=True)
    browser.evaluate(session, OPEN_SINGLES_JS)
    page = browser.evaluate(session, SNAPSHOT_JS)
    problems = []
    source_urls = {d["url"] for d in expected["inputs"] if d.get("url")}
    links = {a["href"] for a in page["links"] if a["cls"] == "source-url"}
    if not source_urls:
        problems.append("the C12 inputs carry no URL: nothing to check")
    for u in sorted(source_urls - links):
        problems.append(f"source URL {u} is not a link")
    problems += check_offline(page, source_urls)
    problems += page_problems(browser, session, url)
    claims = {c["id"]: c for c in expected["claims"]}
    by_id = {f["id"]: f for f in page["findings"]}
    charted = 0
    for f in expected["findings"]:
        drawable = [e for e in f.get("timeline", [])
                    if claims[e["claim"]]["value"]["kind"] == "quantity" or
                    (claims[e["claim"]]["value"]["lo"] and claims[e["claim"]]["value"]["hi"])]
        shown = by_id.get(f["id"], {})
        chart = shown.get("chart")
        if len(drawable) < 2:
            if chart:
                problems.append(f"{f['id']}: a chart for {len(drawable)} value(s)")
            continue
        charted += 1
        if not chart:
            problems.append(f"{f['id']}: no chart for {len(drawable)} values")
            continue
        if not (chart["visible"] and chart["width"] > 100 and chart["height"] > 100):
            problems.append(f"{f['id']}: chart not shown ({chart['width']}x{chart['height']})")
        got = sorted(m["claim"] for m in chart["marks"])
        if got != sorted(e["claim"] for e in drawable):
            problems.append(f"{f['id']}: chart marks {got} are not its values")
        for m in chart["marks"]:
            if not (m["inside"] and m["drawn"]):
                problems.append(f"{f['id']}: mark of {m['claim']} outside the chart or not drawn")
    if charted == 0:
        problems.append("no finding of C12 has a chart")
    print(f"C12: {len(links)} source links, {charted} charts")
    return problems


def run(opts, chromium, tmp):
    report = tmp / "seeds.html"
    render_report(opts.binary.resolve(), "html", report)
    render_report(opts.binary.resolve(), "json", tmp / "seeds.json")
    expected = json.loads((tmp / "seeds.json").read_text(encoding="utf-8"))
    url = report.resolve().as_uri()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update",
             "--disable-default-apps", "--disable-extensions", "--disable-sync",
             "--no-first-run", "--no-default-browser-check", "--mute-audio", "--hide-scrollbars",
             "--window-size=1280,2000", f"--user-data-dir={tmp / 'profile'}",
             "--remote-debugging-pipe", "about:blank"]
    results = []

    def record(name, problems):
        results.append((name, problems))

    browser = DevTools(chromium, flags, time.monotonic() + opts.timeout)
    try:
        session = open_page(browser, url, scripts=True)
        folded = browser.evaluate(session, SNAPSHOT_JS)
        record("single findings folded by default",
               [] if folded["singlesOpen"] is False else [f"singles open={folded['singlesOpen']}"])
        record("only single findings folded",
               [f"{f['id']} ({f['verdict']}) visible={f['visible']} with the singles folded"
                for f in folded["findings"] if f["visible"] == (f["verdict"] == "single")])
        if not browser.evaluate(session, OPEN_SINGLES_JS):
            record("singles unfold", ["could not open the singles"])
        page = browser.evaluate(session, SNAPSHOT_JS)
        record("seed findings rendered and visible", check_seed_findings(page))
        record("same summary and findings as --format json", check_against_json(page, expected))
        record("filter bar shown with JavaScript on",
               [] if page["filtersVisible"] and "single" in page["filterBoxes"]
               else [f"filter bar visible={page['filtersVisible']}, boxes {page['filterBoxes']}"])

        if not browser.evaluate(session, UNCHECK_SINGLE_JS):
            record("filter hides single findings", ["could not uncheck the single filter"])
        else:
            after = browser.evaluate(session, SNAPSHOT_JS)["findings"]
            problems = [f"{f['id']} ({f['verdict']}) visible={f['visible']} with single off"
                        for f in after if f["visible"] == (f["verdict"] == "single")]
            browser.evaluate(session, UNCHECK_SINGLE_JS)  # check it again: all back
            again = browser.evaluate(session, SNAPSHOT_JS)["findings"]
            problems += [f"{f['id']} stays hidden with single back on"
                         for f in again if not f["visible"]]
            record("filter hides single findings", problems)

        record("no network access", check_offline(page) + page_problems(browser, session, url))

        opts.artifacts.mkdir(parents=True, exist_ok=True)
        shot = opts.artifacts / "seeds-report.png"
        height = max(page["height"], 1)
        data = browser.call("Page.captureScreenshot",
                            {"format": "png", "captureBeyondViewport": True,
                             "clip": {"x": 0, "y": 0, "width": 1280, "height": height,
                                      "scale": 1}}, session)["data"]
        shot.write_bytes(base64.b64decode(data))
        print(f"screenshot {shot} (1280x{height})")

        quiet = open_page(browser, url, scripts=False)
        nojs = browser.evaluate(quiet, SNAPSHOT_JS)
        problems = [f"{f['id']} hidden without JavaScript"
                    for f in nojs["findings"] if not f["visible"] and f["verdict"] != "single"]
        if len(nojs["findings"]) != len(page["findings"]):
            problems.append(f"{len(nojs['findings'])} findings without JavaScript, "
                            f"{len(page['findings'])} with")
        if nojs["filtersVisible"]:
            problems.append("the filter bar shows without JavaScript")
        record("readable without JavaScript", problems)

        record("links and charts on ECB+ C12", check_links_and_charts(browser, opts, tmp))
    finally:
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, type=Path, help="the claimcheck binary")
    parser.add_argument("--artifacts", type=Path, default=Path("build/artifacts"),
                        help="where the screenshot goes (default build/artifacts)")
    parser.add_argument("--chromium", help="the browser (default: /usr/bin/chromium or PATH)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds for the browser part")
    opts = parser.parse_args()
    if not os.access(opts.binary, os.X_OK) or opts.binary.is_dir():
        parser.error(f"not an executable: {opts.binary}")
    if not Path("fixtures/seeds").is_dir():
        parser.error("run from the repository root: fixtures/seeds not found")

    chromium = find_chromium(opts.chromium)
    if chromium is None:
        message = ("Chromium not found (install it: apt-get install -y --no-install-recommends "
                   "chromium)")
        if os.environ.get("CLAIMCHECK_REQUIRE_BROWSER") == "1":
            print(f"FAIL browser: {message}; CLAIMCHECK_REQUIRE_BROWSER=1 requires it")
            return 1
        print(f"SKIP browser: {message}")
        return SKIP

    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="claimcheck-browser-") as tmp:
        try:
            results = run(opts, chromium, Path(tmp))
        except Failure as e:
            results = [("browser run", [str(e)])]
    failed = 0
    for name, problems in results:
        for problem in problems:
            print(f"FAIL {name}: {problem}")
        if problems:
            failed += 1
        else:
            print(f"PASS {name}")
    print(f"{len(results) - failed} passed, {failed} failed ({time.monotonic() - start:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
