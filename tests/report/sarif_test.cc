#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>

#include "model/json_io.h"
#include "report/locations.h"
#include "report/writer.h"

namespace claimcheck::report {

using model::Json;

namespace {

DocumentRecord Doc(const std::string& doc, const std::string& path, const std::string& source) {
  DocumentRecord d;
  d.doc = doc;
  d.path = path;
  d.source = source;
  d.status = "ok";
  return d;
}

Claim MakeClaim(const std::string& doc, int n, int64_t value, size_t line, size_t column,
                const std::string& text) {
  Claim c;
  c.id = doc + "#" + std::to_string(n);
  c.doc = doc;
  c.rule = "en.deaths.n_killed";
  c.subject = "earthquake@aceh";
  c.attribute = "deaths";
  c.value = Quantity{static_cast<double>(value), value, value, ""};
  c.evidence.line = line;
  c.evidence.column = column;
  c.evidence.text = text;
  return c;
}

Finding MakeFinding(const std::string& id, const std::string& verdict, const std::string& severity,
                    std::vector<std::string> claims) {
  Finding f;
  f.id = id;
  f.verdict = verdict;
  f.severity = severity;
  f.subject = "earthquake@aceh";
  f.attribute = "deaths";
  f.summary = "Deaths of earthquake@aceh: something";
  f.claims = std::move(claims);
  return f;
}

// Two drafts inside /repo, one JSONL record, and one finding of each kind
// the writer cares about (plus an agree it must leave out).
Report Sample() {
  Report r;
  r.inputs = {Doc("/repo/drafts/a", "/repo/drafts/a.md", "outlet-a"),
              Doc("/repo/drafts/b", "/repo/drafts/b.txt", "outlet-b"),
              Doc("wire/7", "/repo/feeds/wire.jsonl", "wire")};
  r.claims = {MakeClaim("wire/7", 1, 10, 2, 3, "ten killed"),
              MakeClaim("/repo/drafts/a", 1, 24, 3, 5, "24 dead"),
              MakeClaim("/repo/drafts/b", 1, 5, 1, 7, "five d\u00ebad [1]"),
              MakeClaim("wire/7", 2, 12, 4, 1, "twelve died")};
  r.findings = {MakeFinding("F1", "agree", "note", {"/repo/drafts/a#1"}),
                MakeFinding("F2", "contradict", "error",
                            {"wire/7#1", "/repo/drafts/a#1", "/repo/drafts/b#1"}),
                MakeFinding("F3", "internal", "warning", {"wire/7#1", "wire/7#2"}),
                MakeFinding("F4", "ledger", "error", {"/repo/drafts/b#1"})};
  r.findings[3].notes = {"ledger entry /repo/facts.toml:12"};
  return r;
}

Json WriteSarif(const Report& r, const std::string& root = "/repo") {
  WriterOptions options;
  options.root = root;
  auto writer = MakeWriter(Format::kSarif, options);
  REQUIRE(writer != nullptr);
  std::ostringstream out;
  writer->Write(r, out);
  return Json::parse(out.str());
}

std::string Fingerprint(const Json& result) {
  return result["partialFingerprints"]["claimcheck/v1"].get<std::string>();
}

}  // namespace

TEST_CASE("sarif: paths relative to the root, as URI references") {
  CHECK(RelativePath("/repo/drafts/a.md", "/repo") == "drafts/a.md");
  CHECK(RelativePath("/repo/drafts/a.md", "/repo/") == "drafts/a.md");
  CHECK(RelativePath("/repo/./drafts/../a.md", "/repo") == "a.md");
  CHECK(RelativePath("/elsewhere/a.md", "/repo") == "/elsewhere/a.md");
  CHECK(RelativePath("/repo-2/a.md", "/repo") == "/repo-2/a.md");
  // "" is the working directory, which a relative path is already relative to.
  CHECK(RelativePath("fixtures/ledger/facts.toml", "") == "fixtures/ledger/facts.toml");
  CHECK(RelativePath("./fixtures/x.md", "") == "fixtures/x.md");
  CHECK(RelativePath("../outside.md", "").starts_with("/"));

  CHECK(PathToUri("drafts/a.md") == "drafts/a.md");
  CHECK(PathToUri("my drafts/\u00e4:1#2%.md") == "my%20drafts/%C3%A4%3A1%232%25.md");
  CHECK(PathToUri("/abs/x y.md") == "file:///abs/x%20y.md");
}

TEST_CASE("sarif: regions count code points and end exclusive") {
  Evidence e;
  e.line = 3;
  e.column = 5;
  e.text = "f\u00fcnf Tote";  // 9 code points, 10 bytes
  TextRegion r = RegionOf(e);
  CHECK(r.start_line == 3);
  CHECK(r.start_column == 5);
  CHECK(r.end_line == 3);
  CHECK(r.end_column == 14);
  e.text = "24\npeople \u00e9";  // continues on the next line
  r = RegionOf(e);
  CHECK(r.end_line == 4);
  CHECK(r.end_column == 9);
}

TEST_CASE("sarif: documents from records are not located by line") {
  CHECK(LocatedInFile(Doc("drafts/a", "drafts/a.md", "")));
  CHECK(LocatedInFile(Doc("notes", "./notes.txt", "")));
  CHECK_FALSE(LocatedInFile(Doc("wire/7", "feeds/wire.jsonl", "")));
  CHECK_FALSE(LocatedInFile(Doc("feeds/wire", "feeds/wire.jsonl", "")));  // id like a file's
  CHECK_FALSE(LocatedInFile(Doc("x", "feeds/x.json", "")));
  CHECK_FALSE(LocatedInFile(Doc("-", "-", "")));
}

TEST_CASE("sarif: ledger entries are read from a finding's notes") {
  Finding f;
  f.notes = {"something else", "ledger entry dir/with:colon/facts.toml:12"};
  auto e = LedgerEntryOf(f);
  REQUIRE(e.has_value());
  CHECK(e->path == "dir/with:colon/facts.toml");
  CHECK(e->line == 12);
  f.notes = {"ledger entry facts.toml"};
  CHECK_FALSE(LedgerEntryOf(f).has_value());
}

TEST_CASE("sarif: log, tool, rules and one result per contradict/internal/ledger finding") {
  const Json log = WriteSarif(Sample());
  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"].get<std::string>().ends_with("sarif-schema-2.1.0.json"));
  REQUIRE(log["runs"].size() == 1);
  const Json& run = log["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["tool"]["driver"]["name"] == "claimcheck");
  CHECK(run["tool"]["driver"]["version"] == CLAIMCHECK_VERSION);
  std::set<std::string> rule_ids;
  for (const Json& rule : run["tool"]["driver"]["rules"]) {
    rule_ids.insert(rule["id"].get<std::string>());
    CHECK_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
    CHECK_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    CHECK_FALSE(rule["help"]["text"].get<std::string>().empty());
    CHECK_FALSE(rule["help"]["markdown"].get<std::string>().empty());
  }
  CHECK(rule_ids ==
        std::set<std::string>{"claimcheck/contradict", "claimcheck/internal", "claimcheck/ledger"});
  const Json& results = run["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["ruleId"] == "claimcheck/contradict");
  CHECK(results[0]["level"] == "error");
  CHECK(results[1]["ruleId"] == "claimcheck/internal");
  CHECK(results[1]["level"] == "warning");
  CHECK(results[2]["ruleId"] == "claimcheck/ledger");
  for (const Json& result : results) {
    const std::string id = result["ruleId"].get<std::string>();
    const Json& rules = run["tool"]["driver"]["rules"];
    CHECK(rules[result["ruleIndex"].get<size_t>()]["id"] == id);
  }
  CHECK(results[0]["properties"]["id"] == "F2");
  CHECK(results[0]["properties"]["subject"] == "earthquake@aceh");
}

TEST_CASE("sarif: a contradiction sits at a claim in a file and links the others") {
  const Json result = WriteSarif(Sample())["runs"][0]["results"][0];
  // The record's claim comes first in the finding, but a draft can be shown by line.
  const Json& loc = result["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "drafts/a.md");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(loc["region"]["startLine"] == 3);
  CHECK(loc["region"]["startColumn"] == 5);
  CHECK(loc["region"]["endColumn"] == 12);
  CHECK(loc["region"]["snippet"]["text"] == "24 dead");
  CHECK_FALSE(loc["region"].contains("endLine"));

  const Json& related = result["relatedLocations"];
  REQUIRE(related.size() == 2);
  const std::string message = result["message"]["text"].get<std::string>();
  for (size_t i = 0; i < related.size(); ++i) {
    CHECK(related[i]["id"] == i + 1);
    CHECK(message.find("](" + std::to_string(i + 1) + ")") != std::string::npos);
  }
  // The record: its file, no region, and the message says where in the record.
  CHECK(related[0]["physicalLocation"]["artifactLocation"]["uri"] == "feeds/wire.jsonl");
  CHECK_FALSE(related[0]["physicalLocation"].contains("region"));
  CHECK(message.find("record wire/7, line 2 column 3") != std::string::npos);
  // The other draft, by code points: "five dëad [1]" is 13 of them.
  const Json& b = related[1]["physicalLocation"];
  CHECK(b["artifactLocation"]["uri"] == "drafts/b.txt");
  CHECK(b["region"]["startColumn"] == 7);
  CHECK(b["region"]["endColumn"] == 20);
  // Literal brackets are escaped so they do not read as links.
  CHECK(message.find("\\[1\\]") != std::string::npos);
  CHECK(message.find("Deaths of earthquake@aceh") == 0);
}

TEST_CASE("sarif: a finding only in records points at the file without a region") {
  const Json result = WriteSarif(Sample())["runs"][0]["results"][1];
  const Json& loc = result["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "feeds/wire.jsonl");
  CHECK_FALSE(loc.contains("region"));
  const std::string message = result["message"]["text"].get<std::string>();
  CHECK(message.find("\"ten killed\"") != std::string::npos);
  CHECK(message.find("line 2 column 3 of its text") != std::string::npos);
  CHECK(message.find("](1)") != std::string::npos);
}

TEST_CASE("sarif: a ledger finding links its ledger entry") {
  const Json result = WriteSarif(Sample())["runs"][0]["results"][2];
  CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/b.txt");
  const Json& entry = result["relatedLocations"][0];
  CHECK(entry["id"] == 1);
  CHECK(entry["physicalLocation"]["artifactLocation"]["uri"] == "facts.toml");
  CHECK(entry["physicalLocation"]["region"]["startLine"] == 12);
  const std::string message = result["message"]["text"].get<std::string>();
  CHECK(message.find("Deaths of earthquake@aceh: something.") == 0);
  CHECK(message.find("[ledger entry /repo/facts.toml:12](1)") != std::string::npos);
}

TEST_CASE("sarif: paths outside the root are absolute file URIs") {
  const Json result = WriteSarif(Sample(), "/repo/drafts/sub")["runs"][0]["results"][0];
  const Json& artifact = result["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(artifact["uri"] == "file:///repo/drafts/a.md");
  CHECK_FALSE(artifact.contains("uriBaseId"));
}

TEST_CASE("sarif: fingerprints survive renumbering and moved lines, not edited evidence") {
  const Report before = Sample();
  const Json a = WriteSarif(before)["runs"][0]["results"];
  Report after = Sample();
  after.findings[1].id = "F9";
  after.claims[1].evidence.line = 40;
  after.claims[1].evidence.column = 2;
  after.claims.push_back(MakeClaim("/repo/drafts/b", 2, 7, 9, 9, "seven dead"));
  after.findings[1].claims.push_back("/repo/drafts/b#2");
  const Json b = WriteSarif(after)["runs"][0]["results"];
  CHECK(Fingerprint(a[0]) == Fingerprint(b[0]));
  CHECK(Fingerprint(a[0]).size() == 16);
  after.claims[1].evidence.text = "25 dead";
  CHECK(Fingerprint(WriteSarif(after)["runs"][0]["results"][0]) != Fingerprint(a[0]));
  // All distinct within a run, even for findings alike in everything hashed.
  Report twice = Sample();
  twice.findings.push_back(twice.findings[3]);
  std::set<std::string> prints;
  const Json results = WriteSarif(twice)["runs"][0]["results"];
  for (const Json& r : results) prints.insert(Fingerprint(r));
  CHECK(prints.size() == 4);
}

TEST_CASE("sarif: output is byte-identical from run to run") {
  WriterOptions options;
  options.root = "/repo";
  auto writer = MakeWriter(Format::kSarif, options);
  std::ostringstream one, two;
  writer->Write(Sample(), one);
  writer->Write(Sample(), two);
  CHECK(one.str() == two.str());
  CHECK(Fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(Fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
}

TEST_CASE("sarif: no findings, still a valid log; skipped inputs become notifications") {
  Report r;
  r.inputs = {Doc("drafts/a", "drafts/a.md", "")};
  r.inputs[0].status = "skipped";
  r.inputs[0].reason = "drafts/a.md: binary file";
  const Json run = WriteSarif(r)["runs"][0];
  CHECK(run["results"].is_array());
  CHECK(run["results"].empty());
  const Json& notes = run["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["message"]["text"] == "skipped drafts/a.md: binary file");
}

TEST_CASE("sarif: standard input has no file, so no location, and the message says where") {
  Report r;
  r.inputs = {Doc("-", "-", "")};
  r.claims = {MakeClaim("-", 1, 24, 2, 4, "24 dead"), MakeClaim("-", 2, 5, 3, 1, "5 dead")};
  r.findings = {MakeFinding("F1", "internal", "warning", {"-#1", "-#2"})};
  const Json result = WriteSarif(r)["runs"][0]["results"][0];
  CHECK_FALSE(result.contains("locations"));
  REQUIRE(result["relatedLocations"].size() == 1);
  CHECK_FALSE(result["relatedLocations"][0].contains("physicalLocation"));
  const std::string message = result["message"]["text"].get<std::string>();
  CHECK(message.find("document -, line 2 column 4 of its text") != std::string::npos);
  CHECK(message.find("](1)") != std::string::npos);
}

}  // namespace claimcheck::report
