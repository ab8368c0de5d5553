#include "report/display.h"

#include <algorithm>

namespace claimcheck::report {

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
