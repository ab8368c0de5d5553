#include "model/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace claimcheck::model {

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
  r.names = doc.names;
  return r;
}

bool InSupportedRange(const Quantity& q) {
  const auto in = [](int64_t v) { return v >= -kMaxCount && v <= kMaxCount; };
  return in(q.lo) && (!q.hi || in(*q.hi)) &&
         (!q.point || std::fabs(*q.point) <= static_cast<double>(kMaxCount));
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

int64_t LeastWounded(int64_t shot_lo, int64_t killed) {
  return killed >= 0 && shot_lo > killed ? shot_lo - killed : 0;
}

Quantity WoundedOfShot(Quantity q, int64_t killed) {
  q.lo = LeastWounded(q.lo, killed);
  q.point.reset();
  q.qualifier.clear();
  return q;
}

Quantity WithoutPerpetrators(Quantity q, int64_t k) {
  q.lo -= k;
  if (q.hi) *q.hi -= k;
  if (q.point) *q.point -= k;
  return q;
}

}  // namespace claimcheck::model
