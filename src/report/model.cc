#include "report/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace claimcheck::report {

DocumentRecord DocumentRecord::From(const corpus::Document& doc) {
  DocumentRecord r;
  r.doc = doc.id;
  r.path = doc.path;
  r.title = doc.title;
  r.source = doc.source;
  r.url = doc.url;
  if (doc.published) {
    r.published = doc.published->ToString();
    r.published_basis = doc.published_basis;
  }
  r.status = doc.ok() ? "ok" : "skipped";
  r.reason = doc.reason;
  r.warnings = doc.warnings;
  r.fingerprints = doc.fingerprints;
  return r;
}

std::string FormatNumber(double v) {
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.007199254740992e15) {
    return fmt::format("{}", static_cast<int64_t>(v));
  }
  return fmt::format("{}", v);  // fmt prints the shortest round-trip form
}

Summary Summarize(const Report& report) {
  Summary s;
  s.documents = report.inputs.size();
  for (const DocumentRecord& d : report.inputs) (d.status == "ok" ? s.ok : s.skipped)++;
  s.claims = report.claims.size();
  s.findings = report.findings.size();
  for (const char* v : kVerdicts) s.verdicts[v] = 0;
  for (const Finding& f : report.findings) s.verdicts[f.verdict]++;
  return s;
}

std::string WithSeparators(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return (n < 0 ? "-" : "") + digits;
}

std::string ShowValue(const Value& v) {
  if (const auto* q = std::get_if<Quantity>(&v)) {
    if (q->point) {
      const double p = *q->point;
      const std::string s = p == static_cast<double>(static_cast<int64_t>(p))
                                ? WithSeparators(static_cast<int64_t>(p))
                                : FormatNumber(p);
      return q->qualifier.empty() ? s : q->qualifier + " " + s;
    }
    if (!q->qualifier.empty() && q->hi && q->qualifier.find(' ') == std::string::npos) {
      return fmt::format("{} ({}–{})", q->qualifier, WithSeparators(q->lo), WithSeparators(*q->hi));
    }
    // Open above: the inclusive bound says it exactly ("more than 1,000" is
    // at least 1,001); the qualifier's own words would need its bounds.
    if (!q->hi) return fmt::format("at least {}", WithSeparators(q->lo));
    return fmt::format("{}–{}", WithSeparators(q->lo), WithSeparators(*q->hi));
  }
  return std::get<Time>(v).timex;
}

ReportIndex::ReportIndex(const Report& report) {
  for (const Claim& c : report.claims) claims_.emplace(c.id, &c);
  for (const DocumentRecord& d : report.inputs) docs_.emplace(d.doc, &d);
  for (const Finding& f : report.findings) {
    for (const std::string& id : f.claims) finding_of_.emplace(id, &f);
  }
}

const Claim* ReportIndex::FindClaim(const std::string& id) const {
  auto it = claims_.find(id);
  return it == claims_.end() ? nullptr : it->second;
}

const DocumentRecord* ReportIndex::FindDocument(const std::string& doc) const {
  auto it = docs_.find(doc);
  return it == docs_.end() ? nullptr : it->second;
}

std::vector<const Claim*> ReportIndex::ClaimsOf(const Finding& f) const {
  std::vector<const Claim*> out;
  for (const std::string& id : f.claims) {
    if (const Claim* c = FindClaim(id)) out.push_back(c);
  }
  return out;
}

const Finding* ReportIndex::FindingOf(const std::string& claim_id) const {
  auto it = finding_of_.find(claim_id);
  return it == finding_of_.end() ? nullptr : it->second;
}

int SeverityRank(std::string_view s) { return s == "error" ? 0 : s == "warning" ? 1 : 2; }

std::vector<const Finding*> FindingsForDisplay(const Report& report) {
  std::vector<const Finding*> order;
  for (const Finding& f : report.findings) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const Finding* a, const Finding* b) {
    return SeverityRank(a->severity) < SeverityRank(b->severity);
  });
  return order;
}

}  // namespace claimcheck::report
