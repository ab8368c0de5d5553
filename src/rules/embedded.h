// The rule files of rules/, compiled into the binary (generated at build time
// by scripts/embed_rules.cmake), so claimcheck runs from any directory.
#ifndef CLAIMCHECK_RULES_EMBEDDED_H_
#define CLAIMCHECK_RULES_EMBEDDED_H_

#include <string_view>
#include <vector>

namespace claimcheck::rules {

struct EmbeddedFile {
  std::string_view name;  ///< "rules/en/numbers.toml"
  std::string_view content;
};

/// Sorted by name.
const std::vector<EmbeddedFile>& EmbeddedRuleFiles();

}  // namespace claimcheck::rules

#endif  // CLAIMCHECK_RULES_EMBEDDED_H_
