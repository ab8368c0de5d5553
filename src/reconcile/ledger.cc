#include "reconcile/ledger.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "reconcile/reconciler.h"
#include "util/date.h"
#include "util/toml_source.h"

namespace claimcheck::reconcile {

namespace {

using Reader = TomlSource;

// Counts are integers from 0 to model::kMaxCount, as in claims; a boolean
// is no number (toml++ would read true as 1).

std::optional<int64_t> Bound(const toml::node& n) {
  if (!n.is_integer()) return std::nullopt;
  const int64_t i = *n.value<int64_t>();
  if (i < 0 || i > model::kMaxCount) return std::nullopt;
  return i;
}

// value = 2500 | [2250, 2750] | [3, "inf"] | "2020-01-03"
bool ReadValue(const Reader& r, const toml::node& n, Fact* f, std::string* err) {
  if (n.is_integer()) {
    const auto i = Bound(n);
    if (!i) return r.Fail(n.source(), "value must be a count from 0 to 2^53", err);
    f->value = model::Quantity{static_cast<double>(*i), *i, *i, ""};
    f->shown = std::to_string(*i);
    return true;
  }
  if (auto s = n.value<std::string>()) {
    auto day = ParseIsoDate(*s);
    if (!day) return r.Fail(n.source(), fmt::format("value '{}' is not a date (YYYY-MM-DD)", *s), err);
    f->value = model::Time{*s, *s, *s, "day"};
    f->shown = *s;
    return true;
  }
  if (const toml::array* a = n.as_array(); a && a->size() == 2) {
    auto lo = Bound((*a)[0]);
    auto hi = Bound((*a)[1]);
    const bool open = (*a)[1].value<std::string>() == std::optional<std::string>("inf");
    if (lo && (hi || open) && (!hi || *hi >= *lo)) {
      f->value = model::Quantity{std::nullopt, *lo, hi, ""};
      f->shown = hi ? fmt::format("{}–{}", *lo, *hi) : fmt::format("at least {}", *lo);
      return true;
    }
  }
  return r.Fail(n.source(), "value must be a number, [lo, hi] (hi may be \"inf\"), or \"YYYY-MM-DD\"", err);
}

// "10%" or 25: widens a quantity on both sides.
bool ApplyTolerance(const Reader& r, const toml::node& n, Fact* f, std::string* err) {
  auto* q = std::get_if<model::Quantity>(&f->value);
  if (q == nullptr) return r.Fail(n.source(), "tolerance applies to numbers only", err);
  int64_t below = 0, above = 0;
  if (n.is_integer() && Bound(n)) {
    below = above = *Bound(n);
  } else if (auto s = n.value<std::string>(); s && s->size() > 1 && s->back() == '%') {
    char* end = nullptr;
    const double pct = std::strtod(s->c_str(), &end);
    // "nan%" and "1e400%" would make the bounds undefined; no one means more than 1000%.
    if (end != s->c_str() + s->size() - 1 || !(pct >= 0 && pct <= 1000)) {
      return r.Fail(n.source(), fmt::format("tolerance '{}' is not N%", *s), err);
    }
    below = static_cast<int64_t>(std::floor(q->lo * pct / 100.0));
    above = q->hi ? static_cast<int64_t>(std::ceil(*q->hi * pct / 100.0)) : 0;
  } else {
    return r.Fail(n.source(), "tolerance must be \"N%\" or a non-negative integer", err);
  }
  q->lo = std::max<int64_t>(0, q->lo - below);
  if (q->hi) *q->hi += above;
  return true;
}

bool ReadFact(const Reader& r, const toml::table& t, Fact* f, std::string* err) {
  const toml::node* tolerance = nullptr;
  for (auto&& [key, node] : t) {
    const std::string k(key.str());
    const toml::node& value = node;  // clang 14: lambdas cannot capture a structured binding
    auto text = [&](std::string* out) {
      if (auto s = value.value<std::string>(); s && !s->empty()) return *out = *s, true;
      return r.Fail(value.source(), fmt::format("'{}' must be a non-empty string", k), err);
    };
    bool ok = true;
    if (k == "subject") ok = text(&f->subject);
    else if (k == "attribute") ok = text(&f->attribute);
    else if (k == "citation") ok = text(&f->citation);
    else if (k == "value") ok = ReadValue(r, value, f, err);
    else if (k == "tolerance") tolerance = &value;
    else if (k == "as_of") {
      ok = text(&f->as_of);
      if (ok && !ParseIsoDate(f->as_of)) {
        ok = r.Fail(value.source(), fmt::format("as_of '{}' is not a date (YYYY-MM-DD)", f->as_of), err);
      }
    } else {
      return r.Fail(key.source(), fmt::format("unknown key '{}' in fact (subject, attribute, value, "
                                              "as_of, tolerance, citation)", k), err);
    }
    if (!ok) return false;
  }
  for (const char* required : {"subject", "attribute", "value", "citation"}) {
    if (!t.contains(required)) {
      return r.Fail(t.source(), fmt::format("fact has no '{}'", required), err);
    }
  }
  return tolerance == nullptr || ApplyTolerance(r, *tolerance, f, err);
}

bool Intersects(const model::Value& a, const model::Value& b) {
  const auto* qa = std::get_if<model::Quantity>(&a);
  const auto* qb = std::get_if<model::Quantity>(&b);
  if (qa && qb) return !(qa->hi && *qa->hi < qb->lo) && !(qb->hi && *qb->hi < qa->lo);
  const auto* ta = std::get_if<model::Time>(&a);
  const auto* tb = std::get_if<model::Time>(&b);
  if (!ta || !tb) return true;
  if (ta->lo.empty() || tb->lo.empty()) return true;  // no year, no evidence
  return ta->lo <= tb->hi && tb->lo <= ta->hi;
}

// The claim was true at the fact's time, as far as anyone can tell.
bool SameTime(const model::Claim& c, const Fact& f) {
  if (f.as_of.empty() || c.as_of.lo.empty() || c.as_of.hi.empty()) return true;
  return c.as_of.lo <= f.as_of && f.as_of <= c.as_of.hi;
}

}  // namespace

bool LoadLedger(const std::string& path, Ledger* out, std::string* err) {
  // A FIFO would block the run forever.
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    return *err = fmt::format("--facts {}: not a regular file (a FIFO, socket, device or directory)", path),
           false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return *err = fmt::format("--facts {}: cannot read", path), false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseLedger(path, buffer.str(), out, err);
}

bool ParseLedger(const std::string& path, std::string content, Ledger* out, std::string* err) {
  Reader r{path, std::move(content)};
  toml::table root;
  try {
    root = toml::parse(r.content, path);
  } catch (const toml::parse_error& e) {
    return r.Fail(e.source(), e.description(), err);
  }
  for (auto&& [key, node] : root) {
    if (key.str() != "fact") {
      return r.Fail(key.source(), fmt::format("unknown key '{}' (expected [[fact]] tables)", key.str()), err);
    }
    const toml::array* facts = node.as_array();
    if (!facts) return r.Fail(node.source(), "'fact' must be an array of tables ([[fact]])", err);
    for (const toml::node& n : *facts) {
      const toml::table* t = n.as_table();
      if (!t) return r.Fail(n.source(), "a fact must be a table", err);
      Fact f;
      f.where = fmt::format("{}:{}", path, n.source().begin.line);
      if (!ReadFact(r, *t, &f, err)) return false;
      out->facts.push_back(std::move(f));
    }
  }
  return true;
}

namespace {

// "us-troops@iraq" → "us-troops"; "shooting/police@ohio" → "shooting".
std::string_view Head(std::string_view subject) { return subject.substr(0, subject.find_first_of("/@")); }

bool Producible(std::string_view head, const Vocabulary& v) {
  if (v.events.count(std::string(head)) > 0) return true;
  const size_t dash = head.rfind('-');
  if (dash == std::string_view::npos || dash == 0) return false;
  const std::string prefix(head.substr(0, dash)), suffix(head.substr(dash + 1));
  return v.named.count(suffix) > 0 || (suffix == "troops" && v.forces.count(prefix) > 0);
}

}  // namespace

std::vector<std::string> UnproducibleFacts(const Ledger& ledger, const Vocabulary& vocabulary) {
  std::vector<std::string> out;
  for (const Fact& f : ledger.facts) {
    if (vocabulary.attributes.count(f.attribute) == 0) {
      out.push_back(fmt::format("{}: no rule produces attribute '{}' (the rules give {})", f.where,
                                f.attribute, fmt::join(vocabulary.attributes, ", ")));
    }
    const std::string_view head = Head(f.subject);
    if (!Producible(head, vocabulary)) {
      out.push_back(fmt::format("{}: no rule produces subject '{}': '{}' is no event, gathering or "
                                "named event of the rules' lexicons (`claimcheck extract` shows "
                                "subjects as claims spell them)",
                                f.where, f.subject, head));
    }
  }
  return out;
}

std::vector<std::string> UnmatchedFacts(const Ledger& ledger, const model::Report& report) {
  std::vector<std::string> out;
  for (const Fact& f : ledger.facts) {
    const bool matched = std::any_of(report.claims.begin(), report.claims.end(), [&](const model::Claim& c) {
      return !c.negated && c.attribute == f.attribute && SubjectsCompatible(c.subject, f.subject);
    });
    if (!matched) {
      out.push_back(fmt::format("{}: fact ({} {}) matched no claim in this run", f.where, f.subject,
                                f.attribute));
    }
  }
  return out;
}

void CheckLedger(const Ledger& ledger, model::Report* report) {
  for (const Fact& f : ledger.facts) {
    for (const model::Claim& c : report->claims) {
      if (c.negated) continue;  // reported as false, denied: not asserted
      if (c.attribute != f.attribute || !SubjectsCompatible(c.subject, f.subject)) continue;
      if (!SameTime(c, f) || Intersects(c.value, f.value)) continue;
      model::Finding finding;
      finding.verdict = "ledger";
      finding.severity = "error";
      finding.subject = c.subject;
      finding.attribute = c.attribute;
      finding.claims = {c.id};
      finding.summary = fmt::format("\"{}\" contradicts the ledger: {} {} is {} ({})", c.evidence.text,
                                    f.subject, f.attribute, f.shown, f.citation);
      finding.notes = {fmt::format("ledger entry {}", f.where)};
      report->findings.push_back(std::move(finding));
    }
  }
}

}  // namespace claimcheck::reconcile
