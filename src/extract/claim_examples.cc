#include "extract/claim_examples.h"

#include <fmt/format.h>

#include "corpus/reader.h"
#include "model/json_io.h"

namespace claimcheck::extract {

namespace {

std::string Or(const std::string& s) { return s.empty() ? "null" : s; }

// The claim's fields as the example's keys spell them.
std::map<std::string, std::string> Fields(const model::Claim& c) {
  std::map<std::string, std::string> f;
  if (const auto* q = std::get_if<model::Quantity>(&c.value)) {
    f["point"] = q->point ? model::FormatNumber(*q->point) : "";
    f["lo"] = std::to_string(q->lo);
    f["hi"] = q->hi ? std::to_string(*q->hi) : "";
    f["qualifier"] = q->qualifier;
  } else {
    f["timex"] = std::get<model::Time>(c.value).timex;
  }
  f["subject"] = c.subject;
  f["as_of"] = c.as_of.timex;
  f["hedged"] = c.hedged ? "true" : "false";
  f["negated"] = c.negated ? "true" : "false";
  f["revision"] = c.revision ? "true" : "false";
  f["attribution"] = c.attribution.value_or("");
  f["part"] = c.scope.part;                      // scope part: "also", "at the scene", …
  f["added"] = std::to_string(c.scope.added);  // scope added: 0 when none
  f["stage"] = c.timeline.stage;                // timeline stage: "earlier" or ""
  return f;
}

std::string Compare(const model::Claim& c, const std::map<std::string, std::string>& want) {
  const auto got = Fields(c);
  std::string diffs;
  for (const auto& [key, value] : got) {
    // Quantity keys left out of an example mean null; other keys are checked when given.
    const bool quantity_key = key == "point" || key == "hi" || key == "qualifier";
    auto it = want.find(key);
    if (it == want.end() && !(quantity_key && want.count("lo"))) continue;
    const std::string expected = it == want.end() ? "" : it->second;
    if (expected != value) {
      diffs += fmt::format("{}{} {} (expected {})", diffs.empty() ? "" : ", ", key, Or(value),
                           Or(expected));
    }
  }
  return diffs;
}

}  // namespace

std::string CheckClaimExample(const Extractor& extractor, const rules::Rule& rule,
                              const rules::Example& example) {
  corpus::Document doc =
      corpus::DocumentFromText("example", "example", example.text, corpus::Format::kText);
  if (!example.ref.empty()) {
    doc.published = ParseIsoDate(example.ref);
    doc.published_basis = "metadata";
  }
  Extraction x;
  std::string err;
  if (!extractor.Extract(doc, &x, &err)) return err;
  auto list = [&] {
    std::string s;
    for (const model::Claim& c : x.claims) {
      s += fmt::format("{}\"{}\" {} {} = {}", s.empty() ? "" : "; ", c.evidence.text, c.rule,
                       c.attribute, model::DumpLine(model::ToJson(c.value)));
    }
    return s.empty() ? std::string("nothing") : s;
  };
  const std::string match = example.match.empty() ? example.text : example.match;
  if (example.none) {
    // No claim at all; with `match`, no claim of this rule (of any rule,
    // for an ignore rule) whose evidence overlaps it.
    if (example.match.empty()) return x.claims.empty() ? "" : "expected no claim, found " + list();
    const size_t at = doc.text.find(match);
    const size_t end = at == std::string::npos ? 0 : at + match.size();
    for (const model::Claim& c : x.claims) {
      const bool counts = rule.attribute == "ignore" || c.rule == rule.id;
      if (counts && c.evidence.start < end && at < c.evidence.end) {
        return "expected no claim here, found " + list();
      }
    }
    return "";
  }
  for (const model::Claim& c : x.claims) {
    if (c.rule != rule.id || c.evidence.text != match) continue;
    const std::string diff = Compare(c, example.value);
    return diff.empty() ? "" : fmt::format("\"{}\": {}", match, diff);
  }
  return fmt::format("no claim \"{}\" from this rule; found {}", match, list());
}

normalize::ExampleTally RunClaimExamples(const rules::RuleSet& rules, const Extractor& extractor,
                                         std::ostream& out) {
  return normalize::RunExamples(
      rules.claim_rules(),
      [&](const rules::Rule& rule, const rules::Example& e) {
        return CheckClaimExample(extractor, rule, e);
      },
      out);
}

}  // namespace claimcheck::extract
