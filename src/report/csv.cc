// `--format csv` (a row per claim) and `--format csv-findings` (a row per
// finding), for spreadsheets and scripts.
//
// Both follow RFC 4180: a header row, CRLF after every record (the last one
// included), and a field quoted, with its quotes doubled, when it holds a
// comma, a quote, CR or LF. Text is UTF-8 without a byte-order mark (a BOM
// would end up in the first column's name for most non-Excel readers); bytes
// that are not UTF-8 print as U+FFFD, as in the JSON report.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
// starts with '=', '+', '-' or '@' (or TAB/CR, which some read past) as a
// formula, and document text can start with anything. Such a field gets a
// leading single quote, which spreadsheets hide and treat as "this is text".
// A field that is a plain number ("-3", "2.5") is left alone so it stays a
// number; numeric columns are always plain numbers. Scripts that need the
// document's exact bytes should read `--format json`.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/text_util.h"
#include "report/writers.h"

namespace claimcheck::report {

namespace {

// "-3", "+12", "2.5": digits with an optional sign and fraction. Only these
// may start with '-' or '+' unguarded.
bool IsPlainNumber(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty()) return false;
  bool digits = false, dot = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot && digits) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits && s.back() != '.';
}

std::string Field(std::string_view raw) {
  std::string s = ValidUtf8(raw);
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos &&
      !IsPlainNumber(s)) {
    s.insert(0, 1, '\'');
  }
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void WriteRow(const std::vector<std::string>& fields, std::ostream& out) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += Field(fields[i]);
  }
  line += "\r\n";
  out << line;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

const char* Bool(bool b) { return b ? "true" : "false"; }

// One column layout serves both value kinds, so a sheet can hold deaths and
// dates together and be filtered by `kind`:
//   kind      "quantity" or "time"
//   value     ShowValue, as a person reads it ("about 2,500", "2020-01-03")
//   lo, hi    the inclusive bounds: integers for a quantity (hi empty when
//             open above), calendar days YYYY-MM-DD for a time (empty when
//             unknown)
//   point     quantities only; empty for ranges and vague magnitudes
//   qualifier quantities only ("about", "at least", "thousands")
//   timex     times only: the TIMEX3 value ("2020-01", "XXXX-01-03")
//   granularity times only ("day", "month", …)
const std::vector<std::string>& ClaimHeader() {
  static const std::vector<std::string> kHeader = {
      "claim_id", "doc", "path", "source", "published", "rule", "subject", "attribute",
      "kind", "value", "lo", "hi", "point", "qualifier", "timex", "granularity",
      "as_of", "as_of_basis", "line", "column", "start", "end", "text", "sentence",
      "attribution", "hedged", "negated", "revision", "finding_id", "verdict", "severity"};
  return kHeader;
}

std::vector<std::string> ClaimFields(const Claim& c, const DocumentRecord* d, const Finding* f) {
  std::vector<std::string> row = {c.id, c.doc};
  row.push_back(d ? d->path : "");
  row.push_back(d ? d->source : "");
  row.push_back(d ? d->published : "");
  row.insert(row.end(), {c.rule, c.subject, c.attribute});
  if (const auto* q = std::get_if<Quantity>(&c.value)) {
    row.insert(row.end(), {"quantity", ShowValue(c.value), std::to_string(q->lo),
                           q->hi ? std::to_string(*q->hi) : "",
                           q->point ? FormatNumber(*q->point) : "", q->qualifier, "", ""});
  } else {
    const Time& t = std::get<Time>(c.value);
    row.insert(row.end(), {"time", ShowValue(c.value), t.lo, t.hi, "", "", t.timex, t.granularity});
  }
  row.insert(row.end(), {c.as_of.timex, c.as_of.basis, std::to_string(c.evidence.line),
                         std::to_string(c.evidence.column), std::to_string(c.evidence.start),
                         std::to_string(c.evidence.end), c.evidence.text, c.evidence.sentence,
                         c.attribution.value_or(""), Bool(c.hedged), Bool(c.negated),
                         Bool(c.revision)});
  row.push_back(f ? f->id : "");
  row.push_back(f ? f->verdict : "");
  row.push_back(f ? f->severity : "");
  return row;
}

// A row per (claim, finding) pair rather than one row per claim with ids
// joined by ';': every row then has exactly one verdict, so filtering or
// sorting a sheet by verdict or severity works without splitting cells. A
// claim in two findings (a ledger finding and its group's single) therefore
// has two rows; a claim in none has one row with empty finding columns. Rows
// follow the report's claim order, then its finding order (id order, F2
// before F10), so the output is deterministic.
class CsvWriter final : public Writer {
 public:
  void Write(const Report& report, std::ostream& out) const override {
    const ReportIndex index(report);
    const auto findings = FindingsByClaim(report);
    WriteRow(ClaimHeader(), out);
    for (const Claim& c : report.claims) {
      const DocumentRecord* d = index.FindDocument(c.doc);
      auto it = findings.find(c.id);
      if (it == findings.end()) {
        WriteRow(ClaimFields(c, d, nullptr), out);
        continue;
      }
      for (const Finding* f : it->second) WriteRow(ClaimFields(c, d, f), out);
    }
  }
};

// A row per finding, in report (id) order; a sheet sorts by severity itself.
// List cells join with a space where the items are ids (claim and document
// ids have no spaces unless a file name does) and with " | " where they are
// prose. `values` follows `claims` one for one; a claim id the report does not
// hold (only possible in hand-made reconcile input) shows as "?".
class CsvFindingsWriter final : public Writer {
 public:
  void Write(const Report& report, std::ostream& out) const override {
    const ReportIndex index(report);
    WriteRow({"id", "verdict", "severity", "subject", "attribute", "summary", "claims",
              "documents", "values", "notes"},
             out);
    for (const Finding& f : report.findings) {
      std::vector<std::string> values;
      for (const std::string& id : f.claims) {
        const Claim* c = index.FindClaim(id);
        values.push_back(c ? ShowValue(c->value) : "?");
      }
      WriteRow({f.id, f.verdict, f.severity, f.subject, f.attribute, f.summary, Join(f.claims, " "),
                Join(DocumentsOf(f, index), " "), Join(values, " | "), Join(f.notes, " | ")},
               out);
    }
  }
};

}  // namespace

std::unique_ptr<Writer> MakeCsvWriter(const WriterOptions&) {
  return std::make_unique<CsvWriter>();
}

std::unique_ptr<Writer> MakeCsvFindingsWriter(const WriterOptions&) {
  return std::make_unique<CsvFindingsWriter>();
}

}  // namespace claimcheck::report
