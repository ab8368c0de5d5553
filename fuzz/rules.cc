// The rules loader on one TOML file (a --rules file), through compilation:
// the rule set, its recognizer and its extractor, then one sentence run
// through them. Invariants: a file loads or is refused with file:line:col.
#include "corpus/reader.h"
#include "rules/span_groups.h"
#include "fuzz.h"

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck;
  using namespace claimcheck::fuzz;
  rules::RuleSet rules;
  std::string err;
  if (!rules::LoadRuleSetFromFiles({{"fuzz.toml", std::string(Bytes(data, size))}}, &rules, &err)) {
    Require(err.starts_with("fuzz.toml") || err.find("RE2") != std::string::npos,
            "a rules error that names no file: " + err);
    return 0;
  }
  // Every pattern's digit blocks (rules::SpanGroups): each digit is read as
  // the first of its block, which is read as itself.
  for (const auto& rule : rules.rules()) {
    const rules::DigitFold fold = rules::DigitBlocks(rule->expanded);
    for (int d = 0; d < 10; ++d) {
      Require(fold[d] >= '0' && fold[d] <= '0' + d && fold[fold[d] - '0'] == fold[d],
              "digit blocks that are no partition: " + rule->id);
    }
  }
  std::unique_ptr<normalize::Recognizer> recognizer;
  std::unique_ptr<extract::Extractor> extractor;
  if (!normalize::Recognizer::Create(rules, &recognizer, &err)) return 0;
  if (!extract::Extractor::Create(rules, *recognizer, &extractor, &err)) return 0;
  corpus::Document doc = corpus::DocumentFromText(
      "fuzz", "fuzz.txt",
      "On 3 January 2020, 5,200 troops arrived. Two days later, at least 12 people were killed.\n",
      corpus::Format::kText);
  extract::Extraction x;
  (void)extractor->Extract(doc, &x, &err);
  return 0;
}
