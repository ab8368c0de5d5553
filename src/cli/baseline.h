// A baseline: findings a team has accepted, by fingerprint
// (report::Fingerprints), so a CI run fails only on new ones.
#ifndef CLAIMCHECK_CLI_BASELINE_H_
#define CLAIMCHECK_CLI_BASELINE_H_

#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "model/model.h"

namespace claimcheck::cli {

/// The schema name a baseline file carries.
inline constexpr const char* kBaselineSchema = "claimcheck.baseline/1";

/// Reads a baseline file (JSON: {"schema", "findings": [{"fingerprint", …}]})
/// into its fingerprints. False with "file:line:col: why" in *err.
bool ReadBaseline(const std::string& path, std::set<std::string>* fingerprints, std::string* err);
/// The same for a file's content already read (`path` names it in errors).
bool ParseBaseline(const std::string& path, const std::string& text, std::set<std::string>* fingerprints,
                   std::string* err);

/// Writes `findings` (their fingerprints set) as a baseline; each entry
/// keeps its verdict, severity, subject, attribute and summary for a reader.
void WriteBaseline(const std::vector<const model::Finding*>& findings, std::ostream& out);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLI_BASELINE_H_
