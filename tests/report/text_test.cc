#include <doctest/doctest.h>

#include <sstream>

#include "report/writer.h"

namespace claimcheck::report {

namespace {

Claim MakeClaim(const std::string& doc, int n, int64_t value, size_t line) {
  Claim c;
  c.id = doc + "#" + std::to_string(n);
  c.doc = doc;
  c.rule = "en.deaths.n_killed";
  c.subject = "attack";
  c.attribute = "deaths";
  c.value = Quantity{static_cast<double>(value), value, value, ""};
  c.as_of = {"2020-01-03", "2020-01-03", "2020-01-03", "document-date"};
  c.evidence = {10, 20, line, 5, std::to_string(value) + " people were killed", "…"};
  return c;
}

DocumentRecord Doc(const std::string& doc, const std::string& reason = "") {
  DocumentRecord d;
  d.doc = doc;
  d.path = doc + ".txt";
  d.status = reason.empty() ? "ok" : "skipped";
  d.reason = reason;
  return d;
}

Report TwoFindings() {
  Report r;
  r.inputs = {Doc("a"), Doc("b"), Doc("c", "c.bin: binary file")};
  r.claims = {MakeClaim("a", 1, 40, 3), MakeClaim("b", 1, 42, 7)};
  r.claims[1].attribution = "the hospital";
  r.findings.push_back({"F1", "single", "note", "rally", "crowd", "Crowd of rally: …", {}, {}});
  r.findings.push_back({"F2", "contradict", "error", "attack", "deaths",
                        "Deaths of attack: 40 (a) vs 42 (b)", {"a#1", "b#1"}, {"a note"}});
  r.findings.back().grouped_by = {"event: attack", "place: iraq"};
  r.findings.back().timeline = {{"a#1", "a", "2020-01-02TNI", "40", "earlier"},
                                {"b#1", "b", "2020-01-03", "42", "standing"}};
  return r;
}

std::string Write(const Report& r, bool color) {
  std::ostringstream out;
  WriterOptions options;
  options.color = color;
  MakeWriter(Format::kText, options)->Write(r, out);
  return out.str();
}

}  // namespace

TEST_CASE("text: errors first, each source's value, time and quoted words at doc:line:col") {
  const std::string text = Write(TwoFindings(), false);
  CHECK(text ==
        "error F2 contradict attack/deaths: Deaths of attack: 40 (a) vs 42 (b)\n"
        "    a:3:5: 40 (as of 3 January 2020 [2020-01-03]) \"40 people were killed\"\n"
        "    b:7:5: 42 (as of 3 January 2020 [2020-01-03], per the hospital) \"42 people were killed\"\n"
        "    grouped by: event: attack; place: iraq\n"
        "    timeline: Thursday night, 2 January 2020: 40 (earlier) (a) → 3 January 2020: 42 (b)\n"
        "    note: a note\n"
        "\n"
        "note F1 single rally/crowd: Crowd of rally: …\n"
        "\n"
        "skipped c.bin: binary file\n"
        "3 documents (2 ok, 1 skipped), 2 claims, 2 findings, 1 contradict, 1 single\n");
}

TEST_CASE("text: colour only when asked, and the words stay the same") {
  const std::string plain = Write(TwoFindings(), false);
  const std::string color = Write(TwoFindings(), true);
  CHECK(plain.find('\033') == std::string::npos);
  CHECK(color.find("\033[1;31merror\033[0m F2") != std::string::npos);
  std::string stripped;
  for (size_t i = 0; i < color.size(); ++i) {
    if (color[i] == '\033') {
      i = color.find('m', i);
      continue;
    }
    stripped += color[i];
  }
  CHECK(stripped == plain);
}

}  // namespace claimcheck::report
