#include "extract/matching.h"

#include <algorithm>
#include <cctype>

namespace claimcheck::extract {

std::unique_ptr<RE2> CompileMacro(const rules::RuleSet& rules, std::string_view name) {
  const std::string pattern = rules.Macro(name);
  if (pattern.empty()) return nullptr;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  auto re = std::make_unique<RE2>(pattern, options);
  return re->ok() ? std::move(re) : nullptr;
}

bool Search(const RE2* re, std::string_view text) {
  return re != nullptr && RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re);
}

void Blank(const RE2* re, std::string* text) {
  if (re == nullptr) return;
  std::string& out = *text;
  re2::StringPiece input(out.data(), out.size()), match;
  size_t pos = 0;
  while (pos <= out.size() && re->Match(input, pos, out.size(), RE2::UNANCHORED, &match, 1)) {
    const size_t start = static_cast<size_t>(match.data() - out.data());
    for (size_t k = start; k < start + match.size(); ++k) out[k] = ' ';
    pos = start + std::max<size_t>(match.size(), 1);
  }
}

std::string_view BytesBefore(std::string_view text, size_t at, size_t reach) {
  const size_t from = at > reach ? at - reach : 0;
  return text.substr(from, at - from);
}

std::string_view WindowBefore(std::string_view sentence, size_t value_start, int words) {
  size_t start = value_start;
  int seen = 0;
  bool in_word = false;
  while (start > 0) {
    const char c = sentence[start - 1];
    if (c == ',' || c == ';' || c == ':') break;
    const bool space = std::isspace(static_cast<unsigned char>(c));
    if (space && in_word && ++seen >= words) break;
    in_word = !space;
    --start;
  }
  return sentence.substr(start, value_start - start);
}

bool Datable(const std::string& timex) {
  static const RE2 kDatable(R"((?:\d{3,4}|XXXX-\d\d|XXXX-WXX-\d).*)");
  return RE2::FullMatch(timex, kDatable);
}

}  // namespace claimcheck::extract
