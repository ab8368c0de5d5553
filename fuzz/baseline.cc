// A --baseline file and the inline suppressions of a draft, both read from
// the input. Invariants: a baseline is read or refused with file:line:col
// and every fingerprint read is non-empty; suppressed lines never outnumber
// the text's lines.
#include <algorithm>

#include "cli/baseline.h"
#include "corpus/suppressions.h"
#include "fuzz.h"

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck;
  using namespace claimcheck::fuzz;
  const std::string text(Bytes(data, size));
  std::set<std::string> fingerprints;
  std::string err;
  if (!cli::ParseBaseline("baseline.json", text, &fingerprints, &err)) {
    Require(err.starts_with("baseline.json:"), "a baseline error without file:line:col: " + err);
  } else {
    Require(!fingerprints.count(""), "an empty fingerprint read");
  }
  const std::vector<bool> lines = corpus::SuppressedLines(text);
  Require(lines.size() <= static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1,
          "more suppressed lines than the text has");
  return 0;
}
