// Raw command-line flags become one validated Config before any work starts.
#ifndef CLAIMCHECK_CLI_CONFIG_H_
#define CLAIMCHECK_CLI_CONFIG_H_

#include <cstdint>
#include <optional>
#include <utility>
#include <set>
#include <string>
#include <vector>

#include "report/writer.h"
#include "util/date.h"

namespace claimcheck::cli {

enum class ColorMode { kAuto, kAlways, kNever };

/// Which options a command accepts (DESIGN.md §6).
enum OptionSet : unsigned {
  kInputs = 1u << 0,      ///< positional INPUT…
  kFormat = 1u << 1,      ///< --format
  kOutput = 1u << 2,      ///< -o
  kRules = 1u << 3,       ///< --rules
  kFacts = 1u << 4,       ///< --facts
  kFailOn = 1u << 5,      ///< --fail-on
  kReference = 1u << 6,   ///< --reference-date
  kJobs = 1u << 7,        ///< --jobs
  kColor = 1u << 8,       ///< --color
  kSlice = 1u << 9,       ///< --slice (extract: a byte range of one JSONL file)
  kStage = 1u << 10,      ///< --stage, --partitions (reconcile in partitions)
  kStore = 1u << 11,      ///< --store, --since (check against a claim store)
};

/// The steps of a batch reconciled in partitions (reconcile/reconciler.h).
inline constexpr const char* kStages[] = {"route", "years", "partial", "merge"};

struct Config {
  std::string command;
  std::vector<std::string> inputs;  ///< Positional arguments.
  report::Format format = report::Format::kText;
  std::string output;  ///< "" is stdout.
  std::vector<std::string> rules_dirs;
  std::string facts;
  std::set<std::string> fail_on;
  std::optional<CivilDate> reference_date;
  int jobs = 1;
  bool quiet = false;
  ColorMode color = ColorMode::kAuto;
  bool help = false;
  /// extract --slice START:END: the records whose line starts in [START, END).
  std::optional<std::pair<uint64_t, uint64_t>> slice;
  std::string stage;   ///< reconcile --stage: "" (the whole batch) or one of kStages
  int partitions = 0;  ///< reconcile --stage route --partitions N
  std::string store;   ///< check --store DB: the new inputs against stored claims
  std::string since;   ///< check --since YYYY-MM-DD: stored documents published on or after it
};

/// Parses `args` (the words after the command name) for `command`, accepting
/// the options in `options`. `default_fail_on` is the command's default
/// --fail-on. Returns false with a one-line message in *err on bad usage.
bool ParseConfig(const std::string& command, unsigned options,
                 const std::vector<std::string>& args, const std::string& default_fail_on,
                 Config* config, std::string* err);

/// The options section of a command's --help.
std::string OptionsHelp(unsigned options, const std::string& default_fail_on);

/// Parses a --fail-on list: verdict names separated by commas, or "none".
bool ParseFailOn(const std::string& list, std::set<std::string>* out, std::string* err);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLI_CONFIG_H_
