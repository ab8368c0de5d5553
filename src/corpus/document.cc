#include "corpus/document.h"

#include <fmt/format.h>

namespace claimcheck::corpus {

void Document::Skip(std::string_view why) {
  status = Status::kSkipped;
  reason = fmt::format("{}: {}", origin, why);
}

void Document::Warn(std::string_view what) {
  warnings.push_back(fmt::format("{}: {}", origin, what));
}

}  // namespace claimcheck::corpus
