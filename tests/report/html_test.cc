#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "report/writer.h"

namespace claimcheck::report {

namespace {

std::string Render(const Report& report) {
  const auto writer = MakeWriter(Format::kHtml, {});
  REQUIRE(writer != nullptr);
  std::ostringstream out;
  writer->Write(report, out);
  return out.str();
}

Claim MakeClaim(std::string id, std::string doc, std::string text, std::string sentence) {
  Claim c;
  c.id = std::move(id);
  c.doc = std::move(doc);
  c.rule = "en.troops.count";
  c.subject = "us-troops@iraq";
  c.attribute = "troops";
  c.value = Quantity{2500, 2250, 2750, "about"};
  c.as_of = {"2022-01-01", "2022-01-01", "2022-01-01", "document-date"};
  c.evidence = {0, 0, 19, 114, std::move(text), std::move(sentence)};
  return c;
}

DocumentRecord MakeDoc(std::string doc) {
  DocumentRecord d;
  d.doc = std::move(doc);
  d.path = d.doc + ".txt";
  d.status = "ok";
  return d;
}

// Two sources on US troops (changed), a note-level single, an error-level
// contradiction and a warning-level internal finding, in id order.
Report SampleReport() {
  Report r;
  DocumentRecord a = MakeDoc("news/a");
  a.title = "Two years on";
  a.source = "example.org";
  a.published = "2022-01-01";
  a.published_basis = "inferred";
  r.inputs = {a, MakeDoc("news/b")};
  r.claims = {MakeClaim("news/a#1", "news/a", "about 2,500 American soldiers",
                        "The US keeps about 2,500 American soldiers in Iraq."),
              MakeClaim("news/b#1", "news/b", "some 5,200 US forces",
                        "It hosts some 5,200 US forces, some 5,200 US forces.")};
  r.findings = {
      Finding{"F2", "single", "note", "strike", "deaths", "only b says 10", {"news/b#1"}, {}},
      Finding{"F3", "changed", "note", "us-troops@iraq", "troops", "5,200 then 2,500",
              {"news/b#1", "news/a#1"}, {"b is older"}},
      Finding{"F10", "contradict", "error", "quake", "deaths", "5 vs 24", {"news/a#1"}, {}},
      Finding{"F11", "internal", "warning", "quake", "injuries", "7 vs 9", {"news/a#1"}, {}}};
  return r;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("html: a complete, self-contained page") {
  const std::string html = Render(SampleReport());
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("<title>claimcheck report: 4 findings (1 contradict, 1 changed, 1 single, "
                  "1 internal)</title>") != std::string::npos);
  CHECK(html.find("<style>") != std::string::npos);
  CHECK(html.ends_with("</html>\n"));
  // Nothing to fetch: no src attributes, no external links, no stylesheet or font URLs.
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
}

TEST_CASE("html: summary counts every verdict, zero included") {
  const std::string html = Render(SampleReport());
  CHECK(html.find("2 documents</a> (2 ok, 0 skipped), 2 claims, 4 findings") !=
        std::string::npos);
  CHECK(html.find("<li class=\"v-agree zero\"><span class=\"badge\">agree</span>"
                  "<span class=\"count\">0</span></li>") != std::string::npos);
  CHECK(html.find("<li class=\"v-changed\"><span class=\"badge\">changed</span>"
                  "<span class=\"count\">1</span></li>") != std::string::npos);
}

TEST_CASE("html: findings by severity then id, with ids and data attributes") {
  const std::string html = Render(SampleReport());
  const size_t f10 = html.find("<article class=\"finding v-contradict\" id=\"F10\" "
                               "data-verdict=\"contradict\" data-severity=\"error\" "
                               "data-subject=\"quake\" data-attribute=\"deaths\">");
  const size_t f11 = html.find("id=\"F11\" data-verdict=\"internal\"");
  const size_t f2 = html.find("id=\"F2\" data-verdict=\"single\"");
  const size_t f3 = html.find("id=\"F3\" data-verdict=\"changed\"");
  REQUIRE(f10 != std::string::npos);
  REQUIRE(f11 != std::string::npos);
  REQUIRE(f2 != std::string::npos);
  REQUIRE(f3 != std::string::npos);
  CHECK(f10 < f11);
  CHECK(f11 < f3);
  // Singles are folded away below the rest, closed until opened.
  const size_t folded = html.find("<details class=\"singles\" id=\"singles\">\n<summary>1 single-source finding");
  REQUIRE(folded != std::string::npos);
  CHECK(f3 < folded);
  CHECK(folded < f2);
  // Only findings carry data-verdict: tests and tools count findings with it.
  CHECK(Count(html, "data-verdict=") == 4);
  CHECK(html.find("<span class=\"badge\">changed</span>") != std::string::npos);
  CHECK(html.find("<li><span class=\"note-label\">note:</span> b is older</li>") !=
        std::string::npos);
}

TEST_CASE("html: sources side by side, each with its document and highlighted span") {
  const std::string html = Render(SampleReport());
  CHECK(html.find("<li class=\"card\" data-claim=\"news/a#1\" data-doc=\"news/a\">") !=
        std::string::npos);
  CHECK(html.find("<span class=\"doc\">news/a</span><span class=\"pos\">:19:114</span>") !=
        std::string::npos);
  CHECK(html.find("<p class=\"card-title\">Two years on</p>") != std::string::npos);
  CHECK(html.find("<div><dt>source</dt><dd>example.org</dd></div>") != std::string::npos);
  CHECK(html.find("<div><dt>published</dt><dd><time datetime=\"2022-01-01\">1 January 2022</time> "
                  "<span class=\"basis\">(inferred)</span></dd></div>") != std::string::npos);
  CHECK(html.find("<div><dt>as of</dt><dd><time datetime=\"2022-01-01\">1 January 2022</time> "
                  "<span class=\"basis\">(document-date)</span></dd></div>") != std::string::npos);
  CHECK(html.find("<div class=\"value\">about 2,500</div>") != std::string::npos);
  CHECK(html.find("The US keeps <mark>about 2,500 American soldiers</mark> in Iraq.") !=
        std::string::npos);
  // news/b has no title or source: no empty rows.
  CHECK(Count(html, "<div class=\"card-head\"><span class=\"doc\">news/a</span>") == 3);
  CHECK(Count(html, "<dt>source</dt>") == 4);  // a#1 appears in three findings, and news/a's document view
}

TEST_CASE("html: the span marked is the one at the claim's column") {
  Report r = SampleReport();
  Claim& b = r.claims[1];  // "It hosts some 5,200 US forces, some 5,200 US forces."
  b.evidence.column = 10;   // the first, in a sentence that starts its line
  CHECK(Render(r).find("It hosts <mark>some 5,200 US forces</mark>, some 5,200 US forces.") != std::string::npos);
  b.evidence.column = 32;   // the second
  CHECK(Render(r).find("It hosts some 5,200 US forces, <mark>some 5,200 US forces</mark>.") != std::string::npos);
}

TEST_CASE("html: a span the sentence does not contain is quoted after it") {
  Report r = SampleReport();
  r.claims[0].evidence.sentence = "A sentence without it.";
  const std::string html = Render(r);
  CHECK(html.find("<blockquote class=\"quote\">A sentence without it.<span class=\"missing\">"
                  "span: \u201c<mark>about 2,500 American soldiers</mark>\u201d</span>"
                  "</blockquote>") != std::string::npos);
}

TEST_CASE("html: flags show when set") {
  Report r = SampleReport();
  r.claims[0].hedged = true;
  r.claims[0].revision = true;
  r.claims[0].attribution = "the Pentagon";
  const std::string html = Render(r);
  CHECK(html.find("<div class=\"flags\"><span class=\"flag\">hedged</span>"
                  "<span class=\"flag\">revision</span>"
                  "<span class=\"flag\">attributed to the Pentagon</span></div>") !=
        std::string::npos);
  CHECK(html.find("negated") == std::string::npos);
  CHECK(Render(SampleReport()).find("class=\"flags\"") == std::string::npos);
}

TEST_CASE("html: everything from the input is escaped") {
  Report r = SampleReport();
  const std::string evil = "<script>alert('x')</script>&\"";
  r.inputs[1].doc = "news/" + evil;
  r.inputs[1].title = evil;
  r.claims[1].doc = r.inputs[1].doc;
  r.claims[1].evidence.sentence = "Said " + evil + " about some 5,200 US forces.";
  r.findings[0].summary = evil;
  r.findings[0].notes = {evil};
  r.findings[0].subject = evil;
  const std::string html = Render(r);
  CHECK(html.find("alert('x')") == std::string::npos);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(Count(html, "<script>") == 1);  // the page's own filter script
  const std::string escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;";
  CHECK(html.find("data-doc=\"news/" + escaped + "\"") != std::string::npos);
  CHECK(html.find("data-subject=\"" + escaped + "\"") != std::string::npos);
  CHECK(html.find("<p class=\"finding-summary\">" + escaped + "</p>") != std::string::npos);
  CHECK(html.find("note:</span> " + escaped + "</li>") != std::string::npos);
  CHECK(html.find("Said " + escaped + " about <mark>some 5,200 US forces</mark>.") !=
        std::string::npos);
}

TEST_CASE("html: UTF-8 passes through; invalid bytes and controls become U+FFFD") {
  Report r = SampleReport();
  r.findings[0].summary = "Caf\xC3\xA9 \xE2\x80\x94 \xFF\x01 ok";
  const std::string html = Render(r);
  CHECK(html.find("<p class=\"finding-summary\">Caf\xC3\xA9 \xE2\x80\x94 "
                  "\xEF\xBF\xBD\xEF\xBF\xBD ok</p>") != std::string::npos);
}

TEST_CASE("html: the verdict filter ships hidden, one checkbox per verdict present") {
  const std::string html = Render(SampleReport());
  CHECK(html.find("<div class=\"filters\" id=\"filters\" hidden>") != std::string::npos);
  CHECK(html.find("data-filter=\"contradict\" checked") != std::string::npos);
  CHECK(html.find("data-filter=\"single\" checked") != std::string::npos);
  CHECK(html.find("data-filter=\"agree\"") == std::string::npos);
  CHECK(html.find("bar.hidden = false") != std::string::npos);
}

TEST_CASE("html: inputs list skipped documents and warnings") {
  Report r = SampleReport();
  r.inputs[1].status = "skipped";
  r.inputs[1].reason = "news/b.txt: not UTF-8 <at byte 3>";
  r.inputs[0].warnings = {"news/a.txt: front matter has no end"};
  const std::string html = Render(r);
  CHECK(html.find("(1 ok, 1 skipped, 1 warning)") != std::string::npos);
  CHECK(html.find("<tr class=\"skipped\" data-doc=\"news/b\">") != std::string::npos);
  CHECK(html.find("<li>news/b.txt: not UTF-8 &lt;at byte 3&gt;</li>") != std::string::npos);
  CHECK(html.find("<li>news/a.txt: front matter has no end</li>") != std::string::npos);
}

TEST_CASE("html: deterministic, and an empty report still renders") {
  CHECK(Render(SampleReport()) == Render(SampleReport()));
  const std::string empty = Render(Report{});
  CHECK(empty.find("<p class=\"empty\">No findings.</p>") != std::string::npos);
  CHECK(empty.find("<p class=\"empty\">No inputs.</p>") != std::string::npos);
  CHECK(empty.find("<title>claimcheck report: 0 findings</title>") != std::string::npos);
  CHECK(empty.ends_with("</html>\n"));
}

}  // namespace claimcheck::report

namespace claimcheck::report {

TEST_CASE("html: source URLs are links, the only absolute URLs of the page") {
  Report r = SampleReport();
  r.inputs[0].url = "https://example.org/a?x=1&y=2";
  r.inputs[1].url = "javascript:alert(1)";
  const std::string html = Render(r);
  CHECK(html.find("<a class=\"source-url\" href=\"https://example.org/a?x=1&amp;y=2\" rel=\"noopener noreferrer\">")
        != std::string::npos);
  CHECK(html.find("href=\"javascript:") == std::string::npos);
  CHECK(html.find("<code>javascript:alert(1)</code>") != std::string::npos);
  // Every other href is a fragment of the page itself.
  size_t absolute = 0;
  for (size_t at = html.find("href=\""); at != std::string::npos; at = html.find("href=\"", at + 6)) {
    if (html.compare(at + 6, 1, "#") != 0) ++absolute;
  }
  CHECK(absolute == Count(html, "class=\"source-url\""));
  CHECK(html.find("http://www.w3.org") == std::string::npos);
}

TEST_CASE("html: a finding's values by source over time, as an inline chart") {
  Report r = SampleReport();
  r.claims[1].value = Quantity{5200, 4680, 5720, "some"};
  r.findings[1].timeline = {{"news/b#1", "b", "2020-01-05", "some 5,200", "standing"},
                            {"news/a#1", "example.org", "2022-01-01", "about 2,500", "standing"}};
  const std::string html = Render(r);
  const size_t chart = html.find("<svg class=\"chart\" role=\"img\"");
  REQUIRE(chart != std::string::npos);
  CHECK(Count(html, "<g class=\"mark\"") == 2);
  CHECK(html.find("<g class=\"mark\" data-claim=\"news/b#1\" data-source=\"b\"") != std::string::npos);
  CHECK(html.find("<title>b: some 5,200 (as of 5 January 2020)</title>") != std::string::npos);
  CHECK(html.find("5 January 2020</text>") != std::string::npos);  // the time axis
  // The timeline beside it, earliest first.
  CHECK(html.find("<ol class=\"timeline\" aria-label=\"Timeline\"><li>5 January 2020: some 5,200 (b)</li>"
                  "<li>1 January 2022: about 2,500 (example.org)</li></ol>") != std::string::npos);
  // One value: nothing to chart.
  r.findings[1].timeline.resize(1);
  CHECK(Render(r).find("<svg") == std::string::npos);
}

TEST_CASE("html: a view per document, with its claims and their findings") {
  const std::string html = Render(SampleReport());
  const size_t view = html.find("<section class=\"documents\" id=\"documents\"");
  REQUIRE(view != std::string::npos);
  const size_t a = html.find("<details class=\"document\" data-doc=\"news/a\">", view);
  REQUIRE(a != std::string::npos);
  CHECK(html.find("(1 claim) <span class=\"card-title\">Two years on</span></summary>", a) != std::string::npos);
  CHECK(html.find("<a href=\"#F3\">F3</a> changed, <a href=\"#F10\">F10</a> contradict", a) != std::string::npos);
}

}  // namespace claimcheck::report
