// One finding of hundreds of claims and notes (one event reported by many
// outlets): the formats a person reads show kShownPerFinding of each and say
// how many more; JSON keeps every one.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <sstream>
#include <string>
#include <string_view>

#include "model/json_io.h"
#include "report/writer.h"

namespace claimcheck::report {

namespace {

constexpr size_t kClaims = 250;
constexpr size_t kNotes = 150;

// kClaims one-sentence reports of one storm in kClaims documents, the toll
// 10 or 20, as one contradict finding with kNotes notes and a timeline entry
// per claim.
Report BigFinding() {
  Report r;
  Finding f{"F1", "contradict", "error", "storm", "deaths", "Deaths of storm: 10 (d000) vs 20 (d001)", {}, {}};
  for (size_t i = 0; i < kClaims; ++i) {
    const std::string doc = fmt::format("d/{:03}", i);
    DocumentRecord d;
    d.doc = doc;
    d.path = doc + ".txt";
    d.status = "ok";
    r.inputs.push_back(d);
    const int64_t n = i % 2 == 0 ? 10 : 20;
    const std::string text = fmt::format("{} people died", n);
    Claim c;
    c.id = doc + "#1";
    c.doc = doc;
    c.rule = "en.deaths.n_died";
    c.subject = "storm";
    c.attribute = "deaths";
    c.value = Quantity{static_cast<double>(n), n, n, ""};
    c.as_of = {"2020-01-04", "2020-01-04", "2020-01-04", "metadata"};
    c.evidence = {0, text.size(), 1, 1, text, text + " in the storm."};
    r.claims.push_back(c);
    f.claims.push_back(c.id);
    f.timeline.push_back({c.id, fmt::format("d{:03}", i), "2020-01-04", std::to_string(n), "standing"});
  }
  for (size_t i = 0; i < kNotes; ++i) f.notes.push_back(fmt::format("note number {}", i));
  r.findings.push_back(f);
  return r;
}

std::string Write(Format format, const Report& r) {
  std::ostringstream out;
  MakeWriter(format, WriterOptions{})->Write(r, out);
  return out.str();
}

size_t Count(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("a finding of many claims: human formats show the first ones and count the rest") {
  const Report r = BigFinding();
  const std::string more_claims = "and 150 more claims (--format json lists every one)";
  const std::string more_notes = "and 50 more notes (--format json lists every one)";

  SUBCASE("markdown: a table row per shown claim") {
    const std::string md = Write(Format::kMarkdown, r);
    CHECK(Count(md, "people died**") == kShownPerFinding);
    CHECK(Count(md, "`d/099:1:1`") == 1);
    CHECK(Count(md, "`d/100:1:1`") == 0);
    CHECK(Count(md, "*" + more_claims + "*") == 1);
    CHECK(Count(md, "- note number ") == kShownPerFinding);
    CHECK(Count(md, "- *" + more_notes + "*") == 1);
  }
  SUBCASE("github: one annotation, its message bounded") {
    const std::string gh = Write(Format::kGithub, r);
    CHECK(Count(gh, "::error ") == 1);
    CHECK(Count(gh, "people died\"") == kShownPerFinding);
    CHECK(Count(gh, "%0A" + more_claims) == 1);
    CHECK(Count(gh, "%0Anote: note number") == kShownPerFinding);
    CHECK(Count(gh, "%0Anote: " + more_notes) == 1);
  }
  SUBCASE("sarif: related locations and the property bag bounded") {
    const model::Json sarif = model::Json::parse(Write(Format::kSarif, r));
    const model::Json& result = sarif["runs"][0]["results"][0];
    CHECK(result["relatedLocations"].size() == kShownPerFinding);
    // The primary claim is the result's location; of the other 249, 100 are related.
    CHECK(result["message"]["text"].get<std::string>().find("and 149 more claims (--format json lists every one).") !=
          std::string::npos);
    CHECK(result["properties"]["timeline"].size() == kShownPerFinding);
    CHECK(result["properties"]["timeline_more"] == kClaims - kShownPerFinding);
    CHECK(result["properties"]["notes"].size() == kShownPerFinding);
    CHECK(result["properties"]["notes_more"] == kNotes - kShownPerFinding);
  }
  SUBCASE("html: a card per shown claim, a chart column of bounded marks") {
    const std::string html = Write(Format::kHtml, r);
    CHECK(Count(html, "<li class=\"card\"") == kShownPerFinding);
    CHECK(Count(html, "<p class=\"more\">" + more_claims + "</p>") == 1);
    CHECK(Count(html, "<span class=\"note-label\">note:</span> note number") == kShownPerFinding);
    CHECK(Count(html, "<li class=\"more\">" + more_notes + "</li>") == 1);
    CHECK(Count(html, "<g class=\"mark\"") == 24);
    CHECK(Count(html, ">+226 not drawn</text>") == 1);
  }
  SUBCASE("json keeps every claim, note and timeline entry") {
    const model::Json json = model::Json::parse(Write(Format::kJson, r));
    CHECK(json["claims"].size() == kClaims);
    CHECK(json["findings"][0]["claims"].size() == kClaims);
    CHECK(json["findings"][0]["notes"].size() == kNotes);
    CHECK(json["findings"][0]["timeline"].size() == kClaims);
  }
}

TEST_CASE("a finding of at most kShownPerFinding claims is shown whole") {
  Report r = BigFinding();
  r.findings[0].claims.resize(kShownPerFinding);
  r.findings[0].notes.resize(kShownPerFinding);
  const std::string md = Write(Format::kMarkdown, r);
  CHECK(Count(md, "people died**") == kShownPerFinding);
  CHECK(Count(md, "more claim") == 0);
  CHECK(Count(md, "more note") == 0);
}

}  // namespace claimcheck::report
