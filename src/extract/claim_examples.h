// `claimcheck rules test` for claim rules: each example runs through the
// whole pipeline (recognizer, time context, every claim rule competing).
#ifndef CLAIMCHECK_EXTRACT_CLAIM_EXAMPLES_H_
#define CLAIMCHECK_EXTRACT_CLAIM_EXAMPLES_H_

#include <ostream>
#include <string>

#include "extract/extractor.h"
#include "normalize/rule_examples.h"

namespace claimcheck::extract {

/// "" when the example holds, else why not.
std::string CheckClaimExample(const Extractor& extractor, const rules::Rule& rule,
                              const rules::Example& example);

/// Runs every claim rule's examples; one line per failure.
normalize::ExampleTally RunClaimExamples(const rules::RuleSet& rules, const Extractor& extractor,
                                         std::ostream& out);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_EXTRACT_CLAIM_EXAMPLES_H_
