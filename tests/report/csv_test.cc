#include <doctest/doctest.h>

#include <sstream>

#include "report/text_util.h"
#include "report/writer.h"

namespace claimcheck::report {

namespace {

using Row = std::vector<std::string>;

// An RFC 4180 reader strict enough to catch a bad writer: records end with
// CRLF, quoted fields double their quotes, and a bare quote or LF outside
// quotes is an error (reported as an empty result).
std::vector<Row> ParseCsv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      was_quoted = false;
      ++i;
    } else if (c == '"' || c == '\r' || c == '\n' || was_quoted) {
      return {};
    } else {
      field += c;
    }
  }
  if (quoted || !field.empty() || !row.empty()) return {};  // last record without CRLF
  return rows;
}

std::string Write(Format format, const Report& r) {
  std::ostringstream out;
  MakeWriter(format, {})->Write(r, out);
  return out.str();
}

Claim MakeClaim(std::string id, std::string doc, Value value) {
  Claim c;
  c.id = std::move(id);
  c.doc = std::move(doc);
  c.rule = "en.troops.count";
  c.subject = "us-troops@iraq";
  c.attribute = "troops";
  c.value = std::move(value);
  c.as_of = {"2022-01-01", "2022-01-01", "2022-01-01", "document-date"};
  c.evidence = {2382, 2411, 19, 114, "about 2,500 American soldiers",
                "But about 2,500 American soldiers \"will remain\",\r\nofficials said."};
  return c;
}

// A claim in a ledger finding and a single, a claim in a changed finding,
// and a time claim in no finding at all.
Report SampleReport() {
  Report r;
  DocumentRecord d;
  d.doc = "s/000";
  d.path = "s/000.txt";
  d.source = "aljazeera.com";
  d.published = "2022-01-01";
  d.status = "ok";
  r.inputs = {d};
  r.claims = {MakeClaim("s/000#1", "s/000", Quantity{2500, 2250, 2750, "about"}),
              MakeClaim("s/000#2", "s/000", Quantity{std::nullopt, 5200, std::nullopt, "over"}),
              MakeClaim("s/000#3", "s/000", Time{"2020-01", "2020-01-01", "2020-01-31", "month"})};
  r.claims[0].attribution = "officials";
  r.claims[0].hedged = true;
  r.findings = {
      Finding{"F2", "ledger", "error", "us-troops@iraq", "troops", "contradicts the ledger",
              {"s/000#1"}, {"ledger entry facts.toml:3"}},
      Finding{"F10", "changed", "note", "us-troops@iraq", "troops", "over 5,200 then about 2,500",
              {"s/000#2", "s/000#1"}, {"a", "b"}},
  };
  return r;
}

}  // namespace

TEST_CASE("csv: a header, then a row per (claim, finding) pair, in RFC 4180") {
  const Report r0 = SampleReport();
  const std::string csv = Write(Format::kCsv, r0);
  const std::vector<Row> rows = ParseCsv(csv);
  REQUIRE(rows.size() == 5);
  const Row header = {"claim_id", "doc", "path", "source", "published", "rule", "subject",
                      "attribute", "kind", "value", "lo", "hi", "point", "qualifier", "timex",
                      "granularity", "as_of", "as_of_basis", "line", "column", "start", "end",
                      "text", "sentence", "attribution", "hedged", "negated", "revision",
                      "finding_id", "verdict", "severity"};
  CHECK(rows[0] == header);
  for (const Row& row : rows) CHECK(row.size() == header.size());

  // Claim order, then finding order (report order: F2 before F10).
  CHECK(rows[1] == Row{"s/000#1", "s/000", "s/000.txt", "aljazeera.com", "2022-01-01",
                       "en.troops.count", "us-troops@iraq", "troops", "quantity", "about 2,500",
                       "2250", "2750", "2500", "about", "", "", "2022-01-01", "document-date",
                       "19", "114", "2382", "2411", "about 2,500 American soldiers",
                       "But about 2,500 American soldiers \"will remain\",\r\nofficials said.",
                       "officials", "true", "false", "false", "F2", "ledger", "error"});
  CHECK(rows[2][0] == "s/000#1");
  CHECK(Row(rows[2].end() - 3, rows[2].end()) == Row{"F10", "changed", "note"});
  // Open above: hi and point empty.
  CHECK(Row(rows[3].begin() + 8, rows[3].begin() + 16) ==
        Row{"quantity", ShowValue(r0.claims[1].value), "5200", "", "", "over", "", ""});
  // A time uses lo/hi for its days and timex/granularity for its value.
  CHECK(Row(rows[4].begin() + 8, rows[4].begin() + 16) ==
        Row{"time", "2020-01", "2020-01-01", "2020-01-31", "", "", "2020-01", "month"});
  // In no finding: still a row, finding columns empty.
  CHECK(Row(rows[4].end() - 3, rows[4].end()) == Row{"", "", ""});

  // Quoting: only fields that need it, quotes doubled, CRLF inside kept.
  CHECK(csv.find(",\"about 2,500\",") != std::string::npos);
  CHECK(csv.find(",\"But about 2,500 American soldiers \"\"will remain\"\",\r\nofficials "
                 "said.\",") != std::string::npos);
  CHECK(csv.find(",us-troops@iraq,troops,") != std::string::npos);
  CHECK(csv.substr(0, 9) == "claim_id,");
  CHECK(csv.substr(csv.size() - 2) == "\r\n");
  CHECK(Write(Format::kCsv, SampleReport()) == csv);  // deterministic
}

TEST_CASE("csv: cells a spreadsheet would run as formulas are marked as text; numbers stay") {
  Report r = SampleReport();
  r.claims.resize(1);
  r.findings.clear();
  Claim& c = r.claims[0];
  c.evidence.text = "=HYPERLINK(\"http://x\",\"y\")";
  c.evidence.sentence = "+1 555 0100";
  c.attribution = "@someone";
  c.subject = "-troops";
  c.rule = "\tcmd";
  c.value = Quantity{-3, -3, -3, ""};
  const std::vector<Row> rows = ParseCsv(Write(Format::kCsv, r));
  REQUIRE(rows.size() == 2);
  const Row& row = rows[1];
  CHECK(row[22] == "'=HYPERLINK(\"http://x\",\"y\")");
  CHECK(row[23] == "'+1 555 0100");
  CHECK(row[24] == "'@someone");
  CHECK(row[6] == "'-troops");
  CHECK(row[5] == "'\tcmd");
  CHECK(row[9] == "-3");   // value
  CHECK(row[10] == "-3");  // lo
  CHECK(row[12] == "-3");  // point
}

TEST_CASE("csv: bytes that are not UTF-8 print as U+FFFD") {
  Report r = SampleReport();
  r.claims[0].evidence.text = "caf\xE9";
  const std::vector<Row> rows = ParseCsv(Write(Format::kCsv, r));
  REQUIRE(rows.size() == 5);
  CHECK(rows[1][22] == "caf\xEF\xBF\xBD");
  CHECK(ValidUtf8("a\xC3(b\xFF") == "a\xEF\xBF\xBD(b\xEF\xBF\xBD");
  CHECK(ValidUtf8("\xE2\x80\x93 ok") == "\xE2\x80\x93 ok");
}

TEST_CASE("csv-findings: a row per finding with its claims, documents, values and notes") {
  Report r = SampleReport();
  r.claims.push_back(MakeClaim("s/001#1", "s/001", Quantity{5200, 5200, 5200, "some"}));
  r.findings[1].claims.push_back("s/001#1");
  r.findings[1].claims.push_back("s/000#9");  // not in the report
  const std::string csv = Write(Format::kCsvFindings, r);
  const std::vector<Row> rows = ParseCsv(csv);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == Row{"id", "verdict", "severity", "subject", "attribute", "summary", "claims",
                       "documents", "values", "notes"});
  CHECK(rows[1] == Row{"F2", "ledger", "error", "us-troops@iraq", "troops",
                       "contradicts the ledger", "s/000#1", "s/000", "about 2,500",
                       "ledger entry facts.toml:3"});
  CHECK(rows[2] == Row{"F10", "changed", "note", "us-troops@iraq", "troops",
                       "over 5,200 then about 2,500", "s/000#2 s/000#1 s/001#1 s/000#9",
                       "s/000 s/001",
                       ShowValue(r.claims[1].value) + " | about 2,500 | some 5,200 | ?", "a | b"});
  CHECK(Write(Format::kCsvFindings, Report{}) ==
        "id,verdict,severity,subject,attribute,summary,claims,documents,values,notes\r\n");
}

TEST_CASE("FindingsByClaim lists every finding of a claim once, in report order") {
  Report r = SampleReport();
  r.findings[0].claims.push_back("s/000#1");
  const auto by_claim = FindingsByClaim(r);
  REQUIRE(by_claim.count("s/000#1"));
  const std::vector<const Finding*>& of = by_claim.at("s/000#1");
  REQUIRE(of.size() == 2);
  CHECK(of[0]->id == "F2");
  CHECK(of[1]->id == "F10");
  CHECK(by_claim.count("s/000#3") == 0);
}

}  // namespace claimcheck::report
