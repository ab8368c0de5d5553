#include <doctest/doctest.h>

#include <sstream>

#include "report/text_util.h"
#include "report/writer.h"

namespace claimcheck::report {

namespace {

Claim MakeClaim(std::string id, std::string doc, Value value, std::string text,
                std::string sentence, size_t line = 1, size_t column = 1) {
  Claim c;
  c.id = std::move(id);
  c.doc = std::move(doc);
  c.rule = "en.deaths.n_killed";
  c.subject = "quake@aceh";
  c.attribute = "deaths";
  c.value = std::move(value);
  c.as_of = {"2013-07-02", "2013-07-02", "2013-07-02", "metadata"};
  c.evidence = {0, text.size(), line, column, text, sentence};
  return c;
}

DocumentRecord Doc(std::string doc, std::string source) {
  DocumentRecord d;
  d.doc = std::move(doc);
  d.path = d.doc + ".txt";
  d.source = std::move(source);
  d.status = "ok";
  return d;
}

// Two sources contradict (error); a ledger claim sits in a ledger finding and
// its group's single; one input was skipped and one read with a warning.
Report SampleReport() {
  Report r;
  r.inputs = {Doc("c/a", "bbc.co.uk"), Doc("c/b", "")};
  r.inputs[1].warnings = {"c/b.txt: invalid UTF-8 at byte offset 7"};
  DocumentRecord skipped;
  skipped.doc = "c/empty";
  skipped.status = "skipped";
  skipped.reason = "c/empty.txt: empty";
  r.inputs.push_back(skipped);
  r.claims = {
      MakeClaim("c/a#1", "c/a", Quantity{24, 24, 24, ""}, "24 people dead",
                "We have recorded 24 people dead and 249 injured.", 3, 17),
      MakeClaim("c/b#1", "c/b", Quantity{std::nullopt, 5, std::nullopt, "at least"},
                "killing at least five", "The quake struck, killing at least five."),
  };
  r.claims[1].attribution = "officials";
  r.findings = {
      Finding{"F1", "single", "note", "quake@aceh", "deaths", "only c/b says at least 5",
              {"c/b#1"}, {}},
      Finding{"F2", "contradict", "error", "quake@aceh", "deaths",
              "Deaths of quake@aceh: 24 (bbc.co.uk) vs at least 5 (b)", {"c/a#1", "c/b#1"},
              {"values differ by 79%"}},
  };
  return r;
}

std::string Markdown(const Report& r) {
  std::ostringstream out;
  MakeWriter(Format::kMarkdown, {})->Write(r, out);
  return out.str();
}

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("markdown: the whole report for a pull-request comment") {
  const std::string md = Markdown(SampleReport());
  CHECK(md ==
        "## claimcheck report\n"
        "\n"
        "3 documents (2 ok, 1 skipped), 2 claims, 2 findings: 1 contradict, 1 single\n"
        "\n"
        "| Finding | Verdict | Severity | Subject | Attribute | Summary |\n"
        "|---|---|---|---|---|---|\n"
        "| F2 | contradict | error | `quake@aceh` | `deaths` | Deaths of quake@aceh: 24 "
        "(bbc.co.uk) vs at least 5 (b) |\n"
        "| F1 | single | note | `quake@aceh` | `deaths` | only c/b says at least 5 |\n"
        "\n"
        "### F2 · contradict · `quake@aceh` / `deaths`\n"
        "\n"
        "**error**: Deaths of quake@aceh: 24 (bbc.co.uk) vs at least 5 (b)\n"
        "\n"
        "| Source | Value | As of | Location | Evidence |\n"
        "|---|---|---|---|---|\n"
        "| bbc.co.uk | 24 | 2 July 2013 \\[2013-07-02\\] (metadata) | `c/a:3:17` | We have recorded "
        "**24 people dead** and 249 injured. |\n"
        "| b (per officials) | at least 5 | 2 July 2013 \\[2013-07-02\\] (metadata) | `c/b:1:1` (also F1) | The "
        "quake struck, **killing at least five**. |\n"
        "\n"
        "Notes:\n"
        "\n"
        "- values differ by 79%\n"
        "\n"
        "### F1 · single · `quake@aceh` / `deaths`\n"
        "\n"
        "**note**: only c/b says at least 5\n"
        "\n"
        "| Source | Value | As of | Location | Evidence |\n"
        "|---|---|---|---|---|\n"
        "| b (per officials) | at least 5 | 2 July 2013 \\[2013-07-02\\] (metadata) | `c/b:1:1` (also F2) | The "
        "quake struck, **killing at least five**. |\n"
        "\n"
        "### Skipped inputs\n"
        "\n"
        "- c/empty.txt: empty\n"
        "\n"
        "### Warnings\n"
        "\n"
        "- c/b.txt: invalid UTF-8 at byte offset 7\n");
  CHECK(Markdown(SampleReport()) == md);  // deterministic
}

TEST_CASE("markdown: an empty report still has its title and summary") {
  Report r;
  CHECK(Markdown(r) ==
        "## claimcheck report\n\n0 documents (0 ok, 0 skipped), 0 claims, 0 findings\n\n"
        "No findings.\n");
}

TEST_CASE("markdown: document text cannot become markup") {
  Report r = SampleReport();
  r.findings[1].summary = "a|b *x* _y_ snake_case [l](u) <script> `c` \\ ~s~ &amp; AT&T";
  const std::string md = Markdown(r);
  const std::string escaped =
      "a\\|b \\*x\\* \\_y\\_ snake_case \\[l\\](u) \\<script\\> \\`c\\` \\\\ \\~s\\~ \\&amp; AT&T";
  CHECK(Has(md, "| " + escaped + " |\n"));      // the table cell
  CHECK(Has(md, "**error**: " + escaped + "\n"));  // the section

  SUBCASE("line breaks never end a table row or start a block") {
    r.findings[1].summary = "one\n# two\r\n| three";
    const std::string out = Markdown(r);
    CHECK(Has(out, "| one # two  \\| three |\n"));
    CHECK_FALSE(Has(out, "\n# two"));
  }
  SUBCASE("mentions, issue links and inline math are defused") {
    r.findings[1].summary = "@jack said #12 cost $5 and $6; mail a@b.org";
    CHECK(Has(Markdown(r), "@&#8203;jack said #&#8203;12 cost <span>$</span>5 and "
                           "<span>$</span>6; mail a@b.org"));
  }
  SUBCASE("a list item cannot start a heading, a list or a quote") {
    r.findings[1].notes = {"# heading", "- item", "+ item", "12. item", "3) item", "> quote",
                           "  1999 was"};
    const std::string out = Markdown(r);
    CHECK(Has(out, "\n- \\# heading\n- \\- item\n- \\+ item\n- 12\\. item\n- 3\\) item\n"
                   "- \\> quote\n- 1999 was\n"));
  }
  SUBCASE("identifiers are code spans, whatever they hold") {
    r.findings[1].subject = "a`b|c";
    r.findings[1].attribute = "`x`";
    const std::string out = Markdown(r);
    CHECK(Has(out, "| ``a`b\\|c`` | `` `x` `` |"));           // table: '|' escaped
    CHECK(Has(out, "### F2 · contradict · ``a`b|c`` / `` `x` ``\n"));  // heading: as is
  }
  SUBCASE("invalid UTF-8 prints as U+FFFD") {
    r.findings[1].summary = "caf\xE9 ok";
    CHECK(Has(Markdown(r), "caf\xEF\xBF\xBD ok"));
  }
}

TEST_CASE("markdown: the claim span is bold inside its sentence") {
  Report r = SampleReport();
  r.findings.resize(1);
  Claim& c = r.claims[1];

  SUBCASE("first occurrence") {
    c.evidence.text = "five";
    c.evidence.sentence = "five or five";
    CHECK(Has(Markdown(r), "| **five** or five |\n"));
  }
  SUBCASE("a span the sentence does not hold is quoted alone") {
    c.evidence.text = "killing at least five";
    c.evidence.sentence = "something else";
    CHECK(Has(Markdown(r), "| **killing at least five** |\n"));
  }
  SUBCASE("spaces at the span's edges stay outside the bold") {
    c.evidence.text = " five ";
    c.evidence.sentence = "killing five people";
    CHECK(Has(Markdown(r), "| killing **five** people |\n"));
  }
  SUBCASE("punctuation against a letter needs HTML bold") {
    c.evidence.text = "\"five\"";
    c.evidence.sentence = "said\"five\"dead";
    CHECK(Has(Markdown(r), "| said<b>\"five\"</b>dead |\n"));
  }
  SUBCASE("markup inside the span is escaped too") {
    c.evidence.text = "*5*";
    c.evidence.sentence = "killed *5* people";
    CHECK(Has(Markdown(r), "| killed **\\*5\\*** people |\n"));
  }
  SUBCASE("a very long sentence is cut around the span, visibly") {
    const std::string words(2000, 'w');
    c.evidence.text = "five";
    c.evidence.sentence = "start " + words + " killing five " + words + " end";
    const std::string out = Markdown(r);
    CHECK(Has(out, "| …www"));
    CHECK(Has(out, " killing **five** www"));
    CHECK(Has(out, "www… |\n"));
    CHECK_FALSE(Has(out, "start"));
    CHECK(out.size() < 1500);
  }
}

TEST_CASE("markdown: a report too long for one GitHub comment says so and keeps everything") {
  Report r = SampleReport();
  r.findings.clear();
  for (int i = 1; i <= 400; ++i) {
    r.findings.push_back(Finding{"F" + std::to_string(i), "single", "note", "quake@aceh",
                                 "deaths", std::string(120, 's'), {"c/a#1"}, {}});
  }
  const std::string md = Markdown(r);
  REQUIRE(md.size() > 65536);
  CHECK(Has(md, "\n\n> **Note:** this report is " ));
  CHECK(md.find("> **Note:**") < md.find("| Finding |"));
  CHECK(Has(md, "more than the 65,536 a GitHub comment can hold"));
  CHECK(Has(md, "### F400 · single"));  // nothing cut
  CHECK_FALSE(Has(Markdown(SampleReport()), "Note:**"));
}

TEST_CASE("SplitAtSpan finds the first occurrence or nothing") {
  Evidence e;
  e.text = "5";
  e.sentence = "5 of 15";
  auto parts = SplitAtSpan(e);
  REQUIRE(parts);
  CHECK(parts->before == "");
  CHECK(parts->span == "5");
  CHECK(parts->after == " of 15");
  e.text = "six";
  CHECK_FALSE(SplitAtSpan(e));
  e.text = "";
  CHECK_FALSE(SplitAtSpan(e));
}

TEST_CASE("findings show errors first, then warnings, then notes, each in id order") {
  Report r;
  r.findings = {Finding{"F1", "single", "note", "", "", "", {}, {}},
                Finding{"F2", "contradict", "warning", "", "", "", {}, {}},
                Finding{"F3", "contradict", "error", "", "", "", {}, {}},
                Finding{"F10", "ledger", "error", "", "", "", {}, {}}};
  std::vector<std::string> ids;
  for (const Finding* f : FindingsForDisplay(r)) ids.push_back(f->id);
  CHECK(ids == std::vector<std::string>{"F3", "F10", "F2", "F1"});
}

}  // namespace claimcheck::report
