#include "util/source_error.h"

#include <fmt/format.h>

#include <algorithm>

namespace claimcheck {

std::string SourceError(std::string_view file, std::string_view content, int line, int column,
                        std::string_view message) {
  std::string s = fmt::format("{}:{}:{}: {}", file, line, column, message);
  if (line < 1) return s;
  size_t start = 0;
  for (int i = 1; i < line && start != std::string_view::npos; ++i) {
    start = content.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || start > content.size()) return s;
  const size_t end = std::min(content.find('\n', start), content.size());
  return s + fmt::format("\n{}\n{}^", content.substr(start, end - start),
                         std::string(std::max(0, column - 1), ' '));
}

}  // namespace claimcheck
