#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "report/writer.h"

namespace claimcheck::report {

namespace {

DocumentRecord GithubDoc(const std::string& doc, const std::string& path) {
  DocumentRecord d;
  d.doc = doc;
  d.path = path;
  d.source = "outlet";
  d.status = "ok";
  return d;
}

Claim GithubClaim(const std::string& doc, size_t line, size_t column, const std::string& text) {
  Claim c;
  c.id = doc + "#1";
  c.doc = doc;
  c.subject = "quake@x";
  c.attribute = "deaths";
  c.value = Quantity{24, 24, 24, ""};
  c.evidence.line = line;
  c.evidence.column = column;
  c.evidence.text = text;
  return c;
}

Finding GithubFinding(const std::string& verdict, const std::string& severity,
                      const std::string& claim) {
  Finding f;
  f.id = "F1";
  f.verdict = verdict;
  f.severity = severity;
  f.subject = "quake@x";
  f.attribute = "deaths";
  f.summary = "Deaths of quake@x: 24 vs 5";
  f.claims = {claim};
  return f;
}

std::vector<std::string> Lines(const Report& r) {
  WriterOptions options;
  options.root = "/repo";
  auto writer = MakeWriter(Format::kGithub, options);
  REQUIRE(writer != nullptr);
  std::ostringstream out;
  writer->Write(r, out);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("github: one annotation per contradict/internal/ledger finding, at the claim") {
  Report r;
  r.inputs = {GithubDoc("/repo/drafts/a", "/repo/drafts/a.md")};
  r.claims = {GithubClaim("/repo/drafts/a", 6, 3, "24 d\u00e9ad")};
  r.findings = {GithubFinding("agree", "note", "/repo/drafts/a#1"),
                GithubFinding("single", "note", "/repo/drafts/a#1"),
                GithubFinding("changed", "note", "/repo/drafts/a#1"),
                GithubFinding("contradict", "error", "/repo/drafts/a#1")};
  r.findings[3].notes = {"copies of one story"};
  const std::vector<std::string> lines = Lines(r);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] ==
        "::error file=drafts/a.md,line=6,col=3,endColumn=10,"
        "title=claimcheck contradict%3A Deaths of quake@x::Deaths of quake@x: 24 vs 5"
        "%0A/repo/drafts/a:6:3: \"24 d\u00e9ad\"%0Anote: copies of one story");
}

TEST_CASE("github: severities map to error, warning and notice; errors come first") {
  Report r;
  r.inputs = {GithubDoc("/repo/a", "/repo/a.txt")};
  r.claims = {GithubClaim("/repo/a", 1, 1, "x")};
  r.findings = {GithubFinding("contradict", "note", "/repo/a#1"),
                GithubFinding("internal", "warning", "/repo/a#1"),
                GithubFinding("ledger", "error", "/repo/a#1")};
  const std::vector<std::string> lines = Lines(r);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].starts_with("::error file=a.txt,"));
  CHECK(lines[1].starts_with("::warning file=a.txt,"));
  CHECK(lines[2].starts_with("::notice file=a.txt,"));
}

TEST_CASE("github: message and properties escaped as @actions/core does") {
  Report r;
  r.inputs = {GithubDoc("/repo/we, too: 100%", "/repo/we, too: 100%.md")};
  r.claims = {GithubClaim("/repo/we, too: 100%", 2, 1, "24")};
  r.findings = {GithubFinding("contradict", "error", "/repo/we, too: 100%#1")};
  r.findings[0].subject = "a,b:c";
  r.findings[0].summary = "100% sure: a, b\r\nnext";
  r.claims[0].evidence.text = "x";
  const std::vector<std::string> lines = Lines(r);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].starts_with(
      "::error file=we%2C too%3A 100%25.md,line=2,col=1,endColumn=2,"
      "title=claimcheck contradict%3A Deaths of a%2Cb%3Ac::100%25 sure: a, b%0D%0Anext%0A"));
}

TEST_CASE("github: records and multi-line evidence") {
  Report r;
  r.inputs = {GithubDoc("wire/7", "/repo/feeds/wire.jsonl"), GithubDoc("/repo/b", "/repo/b.md")};
  r.claims = {GithubClaim("wire/7", 4, 9, "24 dead"), GithubClaim("/repo/b", 2, 5, "24\npeople")};
  r.findings = {GithubFinding("contradict", "error", "wire/7#1"),
                GithubFinding("internal", "warning", "/repo/b#1")};
  const std::vector<std::string> lines = Lines(r);
  REQUIRE(lines.size() == 2);
  // A record's line counts in its text: the file only, the message says where.
  CHECK(lines[0].starts_with("::error file=feeds/wire.jsonl,title="));
  CHECK(lines[0].find("%0Awire/7:4:9: \"24 dead\"") != std::string::npos);
  // Across lines: endLine, and no endColumn (GitHub reads it on one line only).
  CHECK(lines[1].starts_with("::warning file=b.md,line=2,endLine=3,col=5,title="));
}

}  // namespace claimcheck::report
