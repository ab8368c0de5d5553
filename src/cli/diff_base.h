// --diff-base REF: only the findings on lines a pull request added or
// changed, as reviewdog's filter-mode=added. The lines come from git itself
// (`git diff --unified=0 REF`, run as a subprocess): the working tree against
// REF, plus untracked files (not ignored), whose every line is new.
#ifndef CLAIMCHECK_CLI_DIFF_BASE_H_
#define CLAIMCHECK_CLI_DIFF_BASE_H_

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"

namespace claimcheck::cli {

/// The lines added or changed since a revision, by absolute path.
struct ChangedLines {
  /// path → [first, last] line ranges, inclusive, in diff order.
  std::map<std::string, std::vector<std::pair<size_t, size_t>>> ranges;
  std::set<std::string> whole_files;  ///< Untracked files: every line is new.

  /// Whether any line of [first, last] of the file at `path` (as given on the
  /// command line, relative to the working directory) is new.
  bool Touches(const std::string& path, size_t first, size_t last) const;
};

/// Reads the lines changed since `ref` in the repository holding the working
/// directory. False with a message when git cannot run, the working directory
/// is not in a repository, or `ref` names no commit.
bool ReadChangedLines(const std::string& ref, ChangedLines* out, std::string* err);

/// Parses `git diff --unified=0` output: the new side's added lines of each
/// file, its path joined to `toplevel` (the repository root). For tests.
void ParseUnifiedDiff(std::string_view diff, const std::string& toplevel, ChangedLines* out);

/// Drops the findings none of whose claims lies on a changed line (a claim of
/// a JSONL record: the record's line), nor, for a ledger finding, its ledger
/// entry. Claims and inputs stay in the report.
void KeepChangedFindings(const ChangedLines& changed, model::Report* report);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLI_DIFF_BASE_H_
