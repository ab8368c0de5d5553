// Raw command-line flags become one validated Config before any work starts.
#ifndef CLAIMCHECK_CLI_CONFIG_H_
#define CLAIMCHECK_CLI_CONFIG_H_

#include <cstdint>
#include <optional>
#include <utility>
#include <set>
#include <string>
#include <string_view>
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
  kShow = 1u << 12,       ///< --only, --hide (verdicts shown)
  kBaseline = 1u << 13,   ///< --baseline, --write-baseline
  kDiffBase = 1u << 14,   ///< --diff-base (findings on changed lines only)
};

/// The steps of a batch reconciled in partitions (reconcile/reconciler.h).
inline constexpr const char* kStages[] = {"route", "years", "partial", "merge"};

/// The severities --fail-on takes besides verdicts, weakest first: each
/// matches an alarm (contradict, internal, ledger) of that severity or worse.
inline constexpr const char* kSeverities[] = {"note", "warning", "error"};

struct Config {
  std::string command;
  std::vector<std::string> inputs;  ///< Positional arguments.
  report::Format format = report::Format::kText;
  std::string output;  ///< "" is stdout.
  std::vector<std::string> rules_dirs;
  std::string facts;
  bool strict_ledger = false;  ///< --strict-ledger: ledger warnings are errors (exit 2).
  std::set<std::string> fail_on;  ///< Verdicts and severities (kSeverities).
  std::set<std::string> only;     ///< Verdicts shown (empty: all); never the exit code.
  std::set<std::string> hide;     ///< Verdicts not shown; never the exit code.
  std::string baseline;           ///< --baseline: accepted findings' fingerprints.
  std::string write_baseline;     ///< --write-baseline: where to write them.
  std::string diff_base;          ///< --diff-base: a git revision; "" for every finding.
  std::vector<std::string> ignore;  ///< Path globs of inputs not read (config file).
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
  std::string config_file;  ///< The config file read; "" when none.
  /// Set when ParseConfig's error lies in the config file: the message is
  /// whole (file:line:col, the line, a caret), not a usage error.
  bool config_file_error = false;
};

/// The config file's name, found from the working directory upward.
inline constexpr const char* kConfigFileName = ".claimcheck.toml";

/// A config file read into command-line words, key by key.
struct ConfigFile {
  struct Entry {
    std::vector<std::string> words;  ///< "--rules", "dir/x", …
    int line = 0;
    int column = 0;
  };
  std::string path;
  std::string content;
  std::vector<Entry> entries;  ///< Only the options the command takes.
  std::vector<std::string> ignore;
  /// "file:line:col: message" at the entry's value, with its line and a caret.
  std::string Error(const Entry& entry, std::string_view message) const;
};

/// The .claimcheck.toml of this run: in the working directory or a folder
/// above it, up to the repository root (the folder holding .git); outside a
/// repository, the working directory's only. "" when there is none.
std::string FindConfigFile();

/// Reads a config file: keys are long option names (those not in `options`
/// are another command's and skipped) plus `ignore`; paths are relative to
/// the file's folder. Unknown keys and wrong types fail with file:line:col.
bool ReadConfigFile(const std::string& path, unsigned options, ConfigFile* out, std::string* err);
/// The same for a file's content already read (`path` names it in errors).
bool ParseConfigFile(const std::string& path, std::string content, unsigned options, ConfigFile* out,
                     std::string* err);

/// Parses `args` (the words after the command name) for `command`, accepting
/// the options in `options`. `default_fail_on` is the command's default
/// --fail-on. Returns false with a one-line message in *err on bad usage.
bool ParseConfig(const std::string& command, unsigned options,
                 const std::vector<std::string>& args, const std::string& default_fail_on,
                 Config* config, std::string* err);

/// The options section of a command's --help.
std::string OptionsHelp(unsigned options, const std::string& default_fail_on);

/// Parses a --fail-on list: verdict and severity names separated by commas,
/// or "none".
bool ParseFailOn(const std::string& list, std::set<std::string>* out, std::string* err);

/// Whether a finding of `verdict` and `severity` makes the exit code 1: its
/// verdict is listed, or it is an alarm and a listed severity is at most its own.
bool FailsOn(const std::set<std::string>& fail_on, const std::string& verdict,
             const std::string& severity);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLI_CONFIG_H_
