#include "report/model.h"

#include <fmt/format.h>

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

}  // namespace claimcheck::report
