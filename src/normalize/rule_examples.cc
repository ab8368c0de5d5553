#include "normalize/rule_examples.h"

#include <fmt/format.h>

#include <algorithm>

#include "corpus/reader.h"

namespace claimcheck::normalize {

namespace {

std::string Expected(const std::map<std::string, std::string>& v, const char* key) {
  auto it = v.find(key);
  return it == v.end() ? "" : it->second;
}

std::string Got(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }
std::string Got(const std::optional<double>& v) { return v ? model::FormatNumber(*v) : ""; }

std::string AnchorText(const TimeValue& t) {
  if (!t.anchor) return "";
  const std::string detail =
      t.anchor->offset.empty() ? std::to_string(t.anchor->ordinal) : t.anchor->offset;
  return t.anchor->relation + " " + detail;
}

// "" when the mention's value is what the example says.
std::string CompareValue(const Mention& m, const std::map<std::string, std::string>& want) {
  std::vector<std::string> diffs;
  auto check = [&](const char* key, const std::string& got) {
    if (!want.count(key) && std::string(key) != "qualifier" && std::string(key) != "point" &&
        std::string(key) != "hi") {
      return;
    }
    if (Expected(want, key) != got) {
      diffs.push_back(fmt::format("{} {} (expected {})", key, got.empty() ? "null" : got,
                                  Expected(want, key).empty() ? "null" : Expected(want, key)));
    }
  };
  if (const auto* q = std::get_if<model::Quantity>(&m.value)) {
    if (!want.count("lo")) return "expected a time value, got a quantity";
    check("point", Got(q->point));
    check("lo", std::to_string(q->lo));
    check("hi", Got(q->hi));
    check("qualifier", q->qualifier);
  } else {
    const auto& t = std::get<TimeValue>(m.value);
    if (!want.count("timex")) return "expected a quantity, got a time value";
    check("timex", t.timex);
    check("mod", t.mod);
    check("anchor", AnchorText(t));
    check("interval", t.interval ? IntervalText(*t.interval) : "");
  }
  check("ordinal", m.ordinal ? "true" : "false");
  check("unit", m.unit);
  check("kind", m.kind);
  std::string out;
  for (const std::string& d : diffs) out += (out.empty() ? "" : ", ") + d;
  return out;
}

// The mentions found, as a list for messages ("nothing" when none).
std::string List(const std::string& text, const std::vector<Mention>& found) {
  std::string s;
  for (const Mention& m : found) {
    s += fmt::format("{}\"{}\" {} = {}", s.empty() ? "" : "; ", text.substr(m.start, m.end - m.start),
                     m.rule->id, DescribeValue(m));
  }
  return s.empty() ? std::string("nothing") : s;
}

// "" when `recognizer` (over number tokens) finds in the example's text
// what `reference` (each rule by its own pattern) finds, else both.
std::string SameOverTokens(const Recognizer& recognizer, const Recognizer& reference,
                           const rules::Example& example) {
  corpus::Document doc =
      corpus::DocumentFromText("example", "example", example.text, corpus::Format::kText);
  std::vector<Mention> a, b;
  std::string err;
  if (!recognizer.Find(doc, ParseIsoDate(example.ref), &a, &err) ||
      !reference.Find(doc, ParseIsoDate(example.ref), &b, &err)) {
    return err;
  }
  const std::string over_tokens = List(doc.text, a), own = List(doc.text, b);
  if (over_tokens == own) return "";
  return fmt::format("over number tokens {}; by the rules' own patterns {}", over_tokens, own);
}

}  // namespace

std::string CheckExample(const Recognizer& recognizer, const rules::Rule& rule,
                         const rules::Example& example) {
  corpus::Document doc =
      corpus::DocumentFromText("example", "example", example.text, corpus::Format::kText);
  std::vector<Mention> found;
  std::string err;
  if (!recognizer.Find(doc, ParseIsoDate(example.ref), &found, &err)) return err;
  auto list = [&] { return List(doc.text, found); };
  if (example.none && example.match.empty()) return found.empty() ? "" : "expected no mention, found " + list();
  const std::string match = example.match.empty() ? example.text : example.match;
  // With a match: no mention of the rule's side (a number, or a time)
  // overlaps it ("the third" in "the fourth quarter from the third" is no
  // date; it is still the ordinal 3), whatever else the text holds.
  if (example.none) {
    const size_t at = doc.text.find(match);
    if (at == std::string::npos) return fmt::format("\"{}\" is not in the text", match);
    const bool number = rule.kind == rules::Kind::kNumber;
    for (const Mention& m : found) {
      if ((m.rule->kind == rules::Kind::kNumber) == number && m.start < at + match.size() && at < m.end) {
        return fmt::format("expected no {} mention over \"{}\", found {}", number ? "number" : "time", match, list());
      }
    }
    return "";
  }
  for (const Mention& m : found) {
    if (m.rule != &rule || doc.text.compare(m.start, m.end - m.start, match) != 0) continue;
    const std::string diff = CompareValue(m, example.value);
    return diff.empty() ? "" : fmt::format("\"{}\": {}", match, diff);
  }
  return fmt::format("no mention \"{}\" from this rule; found {}", match, list());
}

ExampleTally RunExamples(const std::vector<std::unique_ptr<rules::Rule>>& rules,
                         const ExampleCheck& check, std::ostream& out) {
  ExampleTally tally;
  for (const auto& rule : rules) {
    for (const rules::Example& example : rule->examples) {
      const std::string why = check(*rule, example);
      if (why.empty()) {
        ++tally.passed;
        continue;
      }
      ++tally.failed;
      out << fmt::format("{}:{}:{}: {}: example \"{}\": {}\n", example.loc.file, example.loc.line,
                         example.loc.column, rule->id, example.text, why);
    }
  }
  return tally;
}

ExampleTally RunRuleExamples(const rules::RuleSet& rules, const Recognizer& recognizer,
                             std::ostream& out) {
  // With rules over number tokens, each example's text must also give what
  // the rules' own patterns give (rules/README.md, "Number tokens").
  std::unique_ptr<Recognizer> reference;
  std::string err;
  if (std::any_of(rules.rules().begin(), rules.rules().end(), [](const auto& r) { return r->tokens; }) &&
      !Recognizer::Create(rules, &reference, &err, /*tokens=*/false)) {
    out << err << "\n";
    return {0, 1};
  }
  return RunExamples(
      rules.rules(),
      [&](const rules::Rule& rule, const rules::Example& e) {
        const std::string differ = reference ? SameOverTokens(recognizer, *reference, e) : "";
        return differ.empty() ? CheckExample(recognizer, rule, e) : differ;
      },
      out);
}

}  // namespace claimcheck::normalize
