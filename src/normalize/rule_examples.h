// `claimcheck rules test`: every rule's own examples, run through the whole
// recognizer (all rules competing), as a table test of the rules.
#ifndef CLAIMCHECK_NORMALIZE_RULE_EXAMPLES_H_
#define CLAIMCHECK_NORMALIZE_RULE_EXAMPLES_H_

#include <functional>
#include <memory>
#include <ostream>
#include <vector>
#include <string>

#include "normalize/recognizer.h"
#include "rules/rule_set.h"

namespace claimcheck::normalize {

struct ExampleTally {
  size_t passed = 0;
  size_t failed = 0;
};

/// Whether one example of a rule holds: "" when it does, else why not.
using ExampleCheck = std::function<std::string(const rules::Rule&, const rules::Example&)>;

/// Runs `check` over every example of `rules`; one line per failure
/// ("file:line:col: rule: example "…": why").
ExampleTally RunExamples(const std::vector<std::unique_ptr<rules::Rule>>& rules,
                         const ExampleCheck& check, std::ostream& out);

/// Checks one example of `rule`; returns "" when it holds, else why not.
std::string CheckExample(const Recognizer& recognizer, const rules::Rule& rule,
                         const rules::Example& example);

/// Runs every mention rule's examples and writes one line per failure
/// ("file:line:col: rule: …").
ExampleTally RunRuleExamples(const rules::RuleSet& rules, const Recognizer& recognizer,
                             std::ostream& out);

}  // namespace claimcheck::normalize

#endif  // CLAIMCHECK_NORMALIZE_RULE_EXAMPLES_H_
