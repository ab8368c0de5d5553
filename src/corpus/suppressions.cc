#include "corpus/suppressions.h"

#include <string>

namespace claimcheck::corpus {

namespace {

enum class Directive { kNone, kNextLine, kOff, kOn };

std::string_view Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The directive of a comment's inside, words separated by any spaces.
Directive Parse(std::string_view inside) {
  std::string words;
  for (size_t i = 0; i < inside.size();) {
    const size_t start = inside.find_first_not_of(" \t\r\n", i);
    if (start == std::string_view::npos) break;
    size_t end = inside.find_first_of(" \t\r\n", start);
    if (end == std::string_view::npos) end = inside.size();
    words += (words.empty() ? "" : " ") + std::string(inside.substr(start, end - start));
    i = end;
  }
  if (words == "claimcheck-disable-next-line") return Directive::kNextLine;
  if (words == "claimcheck off") return Directive::kOff;
  if (words == "claimcheck on") return Directive::kOn;
  return Directive::kNone;
}

}  // namespace

std::vector<bool> SuppressedLines(std::string_view text) {
  std::vector<bool> out;
  if (text.find("claimcheck") == std::string_view::npos) return out;  // the common case
  bool off = false, next = false;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    bool suppressed = off || next, next_line = false;
    next = false;
    for (size_t open = line.find("<!--"); open != std::string_view::npos; open = line.find("<!--", open + 4)) {
      const size_t close = line.find("-->", open + 4);
      if (close == std::string_view::npos) break;
      switch (Parse(Trim(line.substr(open + 4, close - open - 4)))) {
        case Directive::kNextLine: next_line = true; break;
        case Directive::kOff: off = suppressed = true; break;
        case Directive::kOn: off = false; break;
        case Directive::kNone: break;
      }
    }
    next = next_line;
    out.push_back(suppressed);
    start = end + 1;
  }
  return out;
}

}  // namespace claimcheck::corpus
