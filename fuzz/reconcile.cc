// reconcile's JSONL reader (extract's records), through the reconciler and
// every writer: the input is reconcile's standard input, run once per
// --format. Invariants: the exit code is 0, 1 or 2; exit 2 says why on
// stderr; the JSON report parses and lists every input line it skipped.
#include <sstream>

#include "cli/commands.h"
#include "fuzz.h"
#include "model/json_io.h"
#include "report/writer.h"

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck;
  using namespace claimcheck::fuzz;
  const std::string input(Bytes(data, size));
  for (const std::string& format : report::FormatNames()) {
    std::istringstream in(input);
    std::ostringstream out, err;
    const int code = cli::Run({"reconcile", "--format", format, "-"}, in, out, err);
    Require(code == 0 || code == 1 || code == 2, "an exit code other than 0, 1 or 2");
    if (code == 2) {
      Require(err.str().find("claimcheck: ") != std::string::npos, "exit 2 without a message");
      continue;
    }
    if (format == "json") {
      const model::Json report = model::Json::parse(out.str(), nullptr, false);
      Require(report.is_object(), "the JSON report does not parse");
      // Every skip on stderr is an input of the report (DESIGN.md §7).
      size_t skips = 0;
      for (size_t at = 0; (at = err.str().find("claimcheck: skipped ", at)) != std::string::npos; ++at) ++skips;
      size_t skipped = 0;
      for (const auto& d : report["inputs"]) skipped += d.value("status", "") == "skipped";
      Require(skipped <= skips && (skips == 0) == (skipped == 0), "a skip missing from the report's inputs");
    }
  }
  return 0;
}
