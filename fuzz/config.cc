// The config file (.claimcheck.toml) as `--config FILE` reads it, through
// the same option parsing and validation as the command line. Invariants:
// the file is read or refused, and a refusal names the file (file:line:col
// for what lies in it); a read config gives a Config that validates.
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "cli/config.h"
#include "fuzz.h"

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck;
  using namespace claimcheck::fuzz;
  const std::string path = "/tmp/claimcheck-fuzz-config-" + std::to_string(getpid()) + ".toml";
  {
    std::ofstream out(path, std::ios::binary);
    out << Bytes(data, size);
  }
  const unsigned all = cli::kInputs | cli::kFormat | cli::kOutput | cli::kRules | cli::kFacts | cli::kFailOn |
                       cli::kReference | cli::kJobs | cli::kColor | cli::kShow | cli::kBaseline;
  cli::Config config;
  std::string err;
  const bool ok = cli::ParseConfig("check", all, {"--config", path, "input.txt"}, "contradict,internal,ledger",
                                   &config, &err);
  std::remove(path.c_str());
  if (!ok) {
    Require(config.config_file_error && err.starts_with(path),
            "a config file error that does not name the file: " + err);
    return 0;
  }
  Require(config.jobs >= 1 && config.jobs <= 1024, "a config with --jobs out of range");
  Require(config.inputs.size() == 1 && config.inputs[0] == "input.txt", "the config changed the inputs");
  return 0;
}
