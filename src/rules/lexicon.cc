#include "rules/lexicon.h"

#include <cctype>
#include <charconv>

namespace claimcheck::rules {

std::string LexEntry::Field(std::string_view name, std::string_view fallback) const {
  auto it = fields.find(std::string(name));
  return it == fields.end() ? std::string(fallback) : it->second;
}

std::string NormalizeKey(std::string_view text) {
  std::string key;
  key.reserve(text.size());  // never longer than the text: one allocation at most
  bool space = false;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isspace(c)) {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += static_cast<char>(std::tolower(c));
  }
  return key;
}

void Lexicon::Set(std::string_view key, LexEntry entry) {
  entries_[NormalizeKey(key)] = std::move(entry);
}

namespace {

// Whether NormalizeKey(text) == text: no capital, no whitespace but single
// spaces between words. Most lookups are of one word as the text has it.
bool IsKeyForm(std::string_view text) {
  bool space = true;  // at the start, as after a space
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ') {
      if (space) return false;
      space = true;
    } else if (std::isspace(c) || std::tolower(c) != c) {
      return false;
    } else {
      space = false;
    }
  }
  return !space || text.empty();
}

}  // namespace

const LexEntry* Lexicon::Find(std::string_view text) const {
  auto it = IsKeyForm(text) ? entries_.find(text) : entries_.find(NormalizeKey(text));
  return it == entries_.end() ? nullptr : &it->second;
}

std::optional<std::string> Lexicon::Value(std::string_view text) const {
  const LexEntry* e = Find(text);
  if (e == nullptr) return std::nullopt;
  return e->value;
}

std::optional<long long> Lexicon::Int(std::string_view text) const {
  const LexEntry* e = Find(text);
  if (e == nullptr) return std::nullopt;
  long long v = 0;
  const char* begin = e->value.data();
  const char* end = begin + e->value.size();
  auto [ptr, ec] = std::from_chars(begin, end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

}  // namespace claimcheck::rules
