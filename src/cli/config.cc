#include "cli/config.h"

#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <algorithm>
#include <cstdio>
#include <sstream>
#include <thread>

#include "util/edit_distance.h"

namespace claimcheck::cli {

namespace po = boost::program_options;

namespace {

po::options_description Describe(unsigned options, const std::string& default_fail_on) {
  po::options_description d("Options");
  auto add = d.add_options();
  if (options & kFormat) {
    std::string names;
    for (const auto& n : report::FormatNames()) names += (names.empty() ? "" : ", ") + n;
    add("format", po::value<std::string>()->value_name("F"),
        ("output format: " + names + " (default text)").c_str());
  }
  if (options & kOutput) add("output,o", po::value<std::string>()->value_name("FILE"),
                             "write there instead of stdout");
  if (options & kRules) add("rules", po::value<std::vector<std::string>>()->value_name("DIR"),
                            "add or override rules (repeatable)");
  if (options & kFacts) {
    add("facts", po::value<std::string>()->value_name("FILE"), "facts ledger (TOML)");
    add("strict-ledger", "a ledger fact no rule can produce or no claim matched is an error "
                         "(exit 2), not a warning");
  }
  if (options & kFailOn) add("fail-on", po::value<std::string>()->value_name("LIST"),
                             ("verdicts, or severities of alarms (error; warning: warning or "
                              "worse; note), that make the exit code 1, comma-separated, or none "
                              "(default " + default_fail_on + ")").c_str());
  if (options & kShow) {
    add("only", po::value<std::string>()->value_name("LIST"),
        "show only findings of these verdicts (the exit code still counts all)");
    add("hide", po::value<std::string>()->value_name("LIST"),
        "do not show findings of these verdicts (the exit code still counts them)");
  }
  if (options & kBaseline) {
    add("baseline", po::value<std::string>()->value_name("FILE"),
        "accepted findings (by fingerprint): neither shown nor counted");
    add("write-baseline", po::value<std::string>()->value_name("FILE"),
        "write the findings that match --fail-on there as accepted");
  }
  if (options & kDiffBase) add("diff-base", po::value<std::string>()->value_name("REF"),
                              "only findings with a claim on a line added or changed since the git "
                              "revision REF (git diff REF; untracked files count as new)");
  if (options & kReference) add("reference-date", po::value<std::string>()->value_name("DATE"),
                                "document date (YYYY-MM-DD) for inputs that have none");
  if (options & kJobs) add("jobs,j", po::value<int>()->value_name("N"),
                           "threads (default: the machine's cores); output does not depend on it");
  if (options & kColor) add("color", po::value<std::string>()->value_name("WHEN"),
                            "auto, always or never (default auto)");
  if (options & kSlice) add("slice", po::value<std::string>()->value_name("START:END"),
                            "only the records of one JSONL file whose line starts in this byte "
                            "range (ids and line numbers as in a whole-file run)");
  if (options & kStage) {
    add("stage", po::value<std::string>()->value_name("S"),
        "one step of a batch reconciled in partitions: route (records → partition<TAB>record "
        "lines, date claims also under y), years (the years open dates borrow, over all date "
        "claims), partial (one partition's records and the years → records and findings), "
        "merge (partials → the report)");
    add("partitions", po::value<int>()->value_name("N"), "route: how many partitions");
  }
  if (options & kStore) {
    add("store", po::value<std::string>()->value_name("DB"),
        "check the inputs against the claims of a store (claimcheck store add): only "
        "findings that involve an input are reported");
    add("since", po::value<std::string>()->value_name("DATE"),
        "with --store: only stored documents published on or after DATE (YYYY-MM-DD)");
  }
  add("quiet,q", "no warnings or notes on stderr");
  add("config", po::value<std::string>()->value_name("FILE"),
      "read options from FILE instead of the .claimcheck.toml found from here up to the repository root");
  add("no-config", "read no config file");
  add("help,h", "show this help");
  return d;
}

const std::vector<std::string>& VerdictNames() {
  static const std::vector<std::string> kNames(std::begin(model::kVerdicts), std::end(model::kVerdicts));
  return kNames;
}

// A comma list of verdicts for --only and --hide.
bool ParseVerdicts(const char* option, const std::string& list, std::set<std::string>* out,
                   std::string* err) {
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (std::find(VerdictNames().begin(), VerdictNames().end(), item) == VerdictNames().end()) {
      const std::string hint = SpellingSuggestion(item, VerdictNames());
      *err = fmt::format("{}: unknown verdict '{}'{}; expected a comma list of {}", option, item,
                         hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                         fmt::join(VerdictNames(), ", "));
      return false;
    }
    out->insert(item);
  }
  if (out->empty()) return *err = fmt::format("{} is empty", option), false;
  return true;
}

bool Validate(const po::variables_map& vm, const std::string& default_fail_on, Config* c,
              std::string* err) {
  if (vm.count("format")) {
    const std::string name = vm["format"].as<std::string>();
    auto format = report::ParseFormat(name);
    if (!format) {
      const std::string hint = SpellingSuggestion(name, report::FormatNames());
      *err = fmt::format("unknown format '{}'{}", name,
                         hint.empty() ? "" : fmt::format(", did you mean '{}'?", hint));
      return false;
    }
    c->format = *format;
  }
  if (vm.count("output")) c->output = vm["output"].as<std::string>();
  if (vm.count("rules")) c->rules_dirs = vm["rules"].as<std::vector<std::string>>();
  if (vm.count("facts")) c->facts = vm["facts"].as<std::string>();
  c->strict_ledger = vm.count("strict-ledger") > 0;
  const std::string fail_on =
      vm.count("fail-on") ? vm["fail-on"].as<std::string>() : default_fail_on;
  if (!ParseFailOn(fail_on, &c->fail_on, err)) return false;
  if (vm.count("only") && !ParseVerdicts("--only", vm["only"].as<std::string>(), &c->only, err)) return false;
  if (vm.count("hide") && !ParseVerdicts("--hide", vm["hide"].as<std::string>(), &c->hide, err)) return false;
  if (vm.count("baseline")) c->baseline = vm["baseline"].as<std::string>();
  if (vm.count("write-baseline")) c->write_baseline = vm["write-baseline"].as<std::string>();
  if (vm.count("diff-base")) c->diff_base = vm["diff-base"].as<std::string>();
  if (vm.count("reference-date")) {
    const std::string s = vm["reference-date"].as<std::string>();
    c->reference_date = ParseIsoDate(s);
    if (!c->reference_date) {
      *err = fmt::format("--reference-date '{}' is not a date (YYYY-MM-DD)", s);
      return false;
    }
  }
  c->jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (vm.count("jobs")) {
    c->jobs = vm["jobs"].as<int>();
    if (c->jobs < 1 || c->jobs > 1024) {
      *err = fmt::format("--jobs {} is out of range (1..1024)", c->jobs);
      return false;
    }
  }
  if (vm.count("color")) {
    const std::string when = vm["color"].as<std::string>();
    if (when == "auto") c->color = ColorMode::kAuto;
    else if (when == "always") c->color = ColorMode::kAlways;
    else if (when == "never") c->color = ColorMode::kNever;
    else {
      *err = fmt::format("--color '{}' must be auto, always or never", when);
      return false;
    }
  }
  if (vm.count("slice")) {
    const std::string s = vm["slice"].as<std::string>();
    unsigned long long start = 0, end = 0;
    int used = 0;
    if (std::sscanf(s.c_str(), "%llu:%llu%n", &start, &end, &used) != 2 ||
        used != static_cast<int>(s.size()) || end < start || s[0] == '-' || s.find(":-") != std::string::npos) {
      *err = fmt::format("--slice '{}' is not a byte range START:END (END ≥ START)", s);
      return false;
    }
    c->slice = std::make_pair(uint64_t{start}, uint64_t{end});
  }
  if (vm.count("stage")) {
    c->stage = vm["stage"].as<std::string>();
    if (std::find(std::begin(kStages), std::end(kStages), c->stage) == std::end(kStages)) {
      *err = fmt::format("--stage '{}' must be route, years, partial or merge", c->stage);
      return false;
    }
  }
  if (vm.count("partitions")) c->partitions = vm["partitions"].as<int>();
  if ((c->stage == "route") != (c->partitions != 0) || c->partitions < 0 || c->partitions > 100000) {
    *err = c->stage == "route" ? "--stage route needs --partitions N (1..100000)"
                               : "--partitions goes with --stage route";
    return false;
  }
  if (vm.count("store")) c->store = vm["store"].as<std::string>();
  if (vm.count("since")) {
    c->since = vm["since"].as<std::string>();
    if (!ParseIsoDate(c->since) || c->since.size() != 10) {
      *err = fmt::format("--since '{}' is not a date (YYYY-MM-DD)", c->since);
      return false;
    }
    if (c->store.empty()) {
      *err = "--since goes with --store";
      return false;
    }
  }
  c->quiet = vm.count("quiet") > 0;
  c->help = vm.count("help") > 0;
  return true;
}

// Adds the config file's options to `vm` under those of the command line
// (po::store keeps a value already stored). Each key is checked alone first,
// so a bad value is reported at its place in the file.
bool ApplyConfigFile(const std::string& path, unsigned options, const std::string& default_fail_on,
                     po::variables_map* vm, Config* config, std::string* err) {
  ConfigFile file;
  if (!ReadConfigFile(path, options, &file, err)) return false;
  const po::options_description described = Describe(options, default_fail_on);
  const auto parse = [&](const std::vector<std::string>& words) {
    return po::command_line_parser(words).options(described).style(po::command_line_style::unix_style ^
                                                                   po::command_line_style::allow_guessing).run();
  };
  std::vector<std::string> all;
  for (const ConfigFile::Entry& entry : file.entries) {
    Config alone;
    std::string why;
    try {
      po::variables_map one;
      po::store(parse(entry.words), one);
      po::notify(one);
      if (Validate(one, default_fail_on, &alone, &why)) {
        all.insert(all.end(), entry.words.begin(), entry.words.end());
        continue;
      }
    } catch (const po::error& e) {
      why = e.what();
    }
    *err = file.Error(entry, why);
    return false;
  }
  try {
    po::store(parse(all), *vm);
    po::notify(*vm);
  } catch (const po::error& e) {
    *err = fmt::format("{}: {}", path, e.what());
    return false;
  }
  config->ignore = file.ignore;
  return true;
}

}  // namespace

bool ParseFailOn(const std::string& list, std::set<std::string>* out, std::string* err) {
  out->clear();
  if (list == "none") return true;
  std::vector<std::string> verdicts = VerdictNames();
  verdicts.insert(verdicts.end(), std::rbegin(kSeverities), std::rend(kSeverities));
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (std::find(verdicts.begin(), verdicts.end(), item) == verdicts.end()) {
      const std::string hint = SpellingSuggestion(item, verdicts);
      *err = fmt::format("--fail-on: unknown verdict or severity '{}'{}; expected a comma list of {} or none",
                         item, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                         fmt::join(verdicts, ", "));
      return false;
    }
    out->insert(item);
  }
  if (out->empty()) {
    *err = "--fail-on is empty; use none to never fail";
    return false;
  }
  return true;
}

bool FailsOn(const std::set<std::string>& fail_on, const std::string& verdict,
             const std::string& severity) {
  if (fail_on.count(verdict)) return true;
  if (verdict != "contradict" && verdict != "internal" && verdict != "ledger") return false;
  // A listed severity matches alarms of that severity or worse.
  for (const char* s : kSeverities) {
    if (fail_on.count(s)) return true;
    if (severity == s) return false;
  }
  return false;
}

std::string OptionsHelp(unsigned options, const std::string& default_fail_on) {
  std::ostringstream out;
  out << Describe(options, default_fail_on);
  return out.str();
}

bool ParseConfig(const std::string& command, unsigned options,
                 const std::vector<std::string>& args, const std::string& default_fail_on,
                 Config* config, std::string* err) {
  po::options_description all = Describe(options, default_fail_on);
  all.add_options()("input", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args)
                  .options(all)
                  .positional(positional)
                  .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    *err = e.what();
    return false;
  }
  if (!vm.count("no-config") && !vm.count("help")) {
    const std::string path = vm.count("config") ? vm["config"].as<std::string>() : FindConfigFile();
    if (!path.empty() && !ApplyConfigFile(path, options, default_fail_on, &vm, config, err)) {
      config->config_file_error = true;
      return false;
    }
    config->config_file = path;
  }
  config->command = command;
  if (vm.count("input")) config->inputs = vm["input"].as<std::vector<std::string>>();
  if (!(options & kInputs) && !config->inputs.empty() && !vm.count("help")) {
    *err = fmt::format("unexpected argument '{}'", config->inputs.front());
    return false;
  }
  return Validate(vm, default_fail_on, config, err);
}

}  // namespace claimcheck::cli
