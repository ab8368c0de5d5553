#include "rules/span_groups.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace claimcheck::rules {

namespace {

using DigitSet = uint16_t;  // bit d: digit d
constexpr DigitSet kAllDigits = 0x3ff;

DigitSet DigitOf(unsigned value) {
  return value >= '0' && value <= '9' ? static_cast<DigitSet>(1u << (value - '0')) : 0;
}

DigitSet Range(unsigned lo, unsigned hi) {
  DigitSet s = 0;
  for (unsigned c = std::max(lo, unsigned{'0'}); c <= std::min(hi, unsigned{'9'}); ++c) s |= DigitOf(c);
  return s;
}

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

unsigned HexValue(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0
             ? static_cast<unsigned>(c - '0')
             : static_cast<unsigned>(std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
}

// `\x41` or `\x{202F}` at p[i] (the backslash): its value and the index after.
std::optional<std::pair<unsigned, size_t>> HexEscape(std::string_view p, size_t i) {
  size_t j = i + 2;
  if (j < p.size() && p[j] == '{') {
    const size_t close = p.find('}', j);
    if (close == std::string_view::npos || close == j + 1 || close - j > 9) return std::nullopt;
    unsigned v = 0;
    for (size_t k = j + 1; k < close; ++k) {
      if (!IsHex(p[k])) return std::nullopt;
      v = v * 16 + HexValue(p[k]);
    }
    return std::make_pair(v, close + 1);
  }
  if (j + 1 < p.size() && IsHex(p[j]) && IsHex(p[j + 1])) {
    return std::make_pair(HexValue(p[j]) * 16 + HexValue(p[j + 1]), j + 2);
  }
  return std::nullopt;
}

// One item of a character class at p[i]: a single character (`value`) or a
// set of digits (`\d`, `\w`), and the index after it. nullopt: unknown.
struct ClassItem {
  std::optional<unsigned> value;  // a single character
  DigitSet digits = 0;            // when not a single character
  size_t next = 0;
};

std::optional<ClassItem> ReadClassItem(std::string_view p, size_t i) {
  if (p[i] != '\\') return ClassItem{static_cast<unsigned char>(p[i]), 0, i + 1};
  if (i + 1 >= p.size()) return std::nullopt;
  const char e = p[i + 1];
  switch (e) {
    case 'd': case 'w': case 'S': return ClassItem{std::nullopt, kAllDigits, i + 2};
    case 'D': case 'W': case 's': return ClassItem{std::nullopt, 0, i + 2};
    case 'n': case 't': case 'r': case 'f': case 'v': case 'a':
      return ClassItem{std::nullopt, 0, i + 2};
    case 'x': {
      const auto hex = HexEscape(p, i);
      if (!hex) return std::nullopt;
      return ClassItem{hex->first, 0, hex->second};
    }
    default:
      if (std::isalnum(static_cast<unsigned char>(e))) return std::nullopt;  // \p, octal, …
      return ClassItem{static_cast<unsigned char>(e), 0, i + 2};
  }
}

// The class opening at p[i] (a '['): the digits it takes, and the index
// after its ']'. nullopt: a construct not read here.
std::optional<std::pair<DigitSet, size_t>> ReadClass(std::string_view p, size_t i) {
  size_t j = i + 1;
  bool negated = false;
  if (j < p.size() && p[j] == '^') {
    negated = true;
    ++j;
  }
  DigitSet set = 0;
  bool first = true;
  while (j < p.size() && (p[j] != ']' || first)) {
    first = false;
    if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') return std::nullopt;  // [[:digit:]]
    auto item = ReadClassItem(p, j);
    if (!item) return std::nullopt;
    j = item->next;
    if (item->value && j + 1 < p.size() && p[j] == '-' && p[j + 1] != ']') {
      auto hi = ReadClassItem(p, j + 1);
      if (!hi || !hi->value) return std::nullopt;
      set |= Range(*item->value, *hi->value);
      j = hi->next;
    } else {
      set |= item->value ? DigitOf(*item->value) : item->digits;
    }
  }
  if (j >= p.size()) return std::nullopt;
  return std::make_pair(negated ? static_cast<DigitSet>(kAllDigits & ~set) : set, j + 1);
}

// `{2}`, `{1,3}`, `{2,}` at p[i]: the index after it, or 0 when p[i] is a literal '{'.
size_t QuantifierEnd(std::string_view p, size_t i) {
  size_t j = i + 1;
  const size_t digits = j;
  while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j]))) ++j;
  if (j == digits) return 0;
  if (j < p.size() && p[j] == ',') {
    ++j;
    while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j]))) ++j;
  }
  return j < p.size() && p[j] == '}' ? j + 1 : 0;
}

// The sets of digits `p` tells apart; nullopt when it holds a construct
// not read here.
std::optional<std::vector<DigitSet>> DigitSets(std::string_view p) {
  std::vector<DigitSet> sets;
  size_t i = 0;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) return std::nullopt;
      const char e = p[i + 1];
      if (e == 'x') {
        const auto hex = HexEscape(p, i);
        if (!hex) return std::nullopt;
        if (DigitOf(hex->first) != 0) sets.push_back(DigitOf(hex->first));
        i = hex->second;
        continue;
      }
      if (std::strchr("dDwWsSbBAzCntrfva", e) == nullptr && std::isalnum(static_cast<unsigned char>(e))) {
        return std::nullopt;  // \p{…}, \Q…\E, octal, …
      }
      i += 2;
      continue;
    }
    if (c == '[') {
      const auto cls = ReadClass(p, i);
      if (!cls) return std::nullopt;
      sets.push_back(cls->first);
      i = cls->second;
      continue;
    }
    if (c == '{') {
      const size_t after = QuantifierEnd(p, i);
      i = after != 0 ? after : i + 1;
      continue;
    }
    if (c == '(' && p.substr(i, 4) == "(?P<") {
      const size_t close = p.find('>', i);
      if (close == std::string_view::npos) return std::nullopt;
      i = close + 1;
      continue;
    }
    if (c == '(' && p.substr(i, 3) == "(?<") {
      const size_t close = p.find('>', i);
      if (close == std::string_view::npos) return std::nullopt;
      i = close + 1;
      continue;
    }
    if (DigitOf(static_cast<unsigned char>(c)) != 0) sets.push_back(DigitOf(static_cast<unsigned char>(c)));
    ++i;
  }
  return sets;
}

// key → per group: offset from the span's start and length; -1: did not
// take part. Empty: the span did not match.
using Cache = std::unordered_map<std::string, std::vector<std::pair<int, int>>>;
constexpr size_t kCacheEntries = 1 << 14;  // a few MB per thread at most

}  // namespace

DigitFold DigitBlocks(std::string_view pattern) {
  DigitFold fold{};
  for (int d = 0; d < 10; ++d) fold[d] = static_cast<char>('0' + d);
  const auto sets = DigitSets(pattern);
  if (!sets) return fold;
  // Refine one block by every set: two digits stay together while each set
  // takes both or neither.
  std::array<int, 10> block{};
  for (DigitSet s : *sets) {
    std::map<std::pair<int, bool>, int> renamed;
    for (int d = 0; d < 10; ++d) {
      const auto key = std::make_pair(block[d], ((s >> d) & 1) != 0);
      block[d] = renamed.try_emplace(key, static_cast<int>(renamed.size())).first->second;
    }
  }
  for (int d = 0; d < 10; ++d) {
    for (int first = 0; first <= d; ++first) {
      if (block[first] == block[d]) {
        fold[d] = static_cast<char>('0' + first);
        break;
      }
    }
  }
  return fold;
}

uint64_t NewSpanGroupsOwner() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

bool SpanGroups(const RE2& re, uint64_t owner, size_t index, const DigitFold& fold,
                std::string_view text, size_t start, size_t end,
                std::vector<re2::StringPiece>* pieces) {
  const int n = re.NumberOfCapturingGroups() + 1;
  thread_local Cache cache;
  if (cache.size() >= kCacheEntries) cache.clear();
  auto folded = [&fold](char c) { return c >= '0' && c <= '9' ? fold[c - '0'] : c; };
  std::string key;
  key.reserve(2 * sizeof(uint64_t) + 4 + (end - start));  // one allocation, not several
  key.resize(2 * sizeof(uint64_t));
  std::memcpy(key.data(), &owner, sizeof(uint64_t));
  const uint64_t index64 = index;
  std::memcpy(key.data() + sizeof(uint64_t), &index64, sizeof(uint64_t));
  if (start == 0) {
    key.append("\0\0", 2);
  } else {
    key += '\1';
    key += folded(text[start - 1]);
  }
  if (end == text.size()) {
    key.append("\0\0", 2);
  } else {
    key += '\1';
    key += folded(text[end]);
  }
  for (size_t k = start; k < end; ++k) key += folded(text[k]);
  auto [it, added] = cache.try_emplace(std::move(key));
  pieces->assign(static_cast<size_t>(n), re2::StringPiece());
  if (added) {
    // Unanchored within the span: the leftmost-first match there is the one
    // the caller's search found (it starts at the span's start, and every
    // path that ends inside the span was open to that search too), and RE2
    // finds it with the automata that search already built, where an
    // anchored full match would build a third, longest-match DFA first. A
    // match of any other extent (never expected) falls back to the anchored
    // full match.
    const re2::StringPiece whole(text.data(), text.size());
    bool matched = re.Match(whole, start, end, RE2::UNANCHORED, pieces->data(), n) &&
                   (*pieces)[0].data() == text.data() + start && (*pieces)[0].size() == end - start;
    if (!matched) matched = re.Match(whole, start, end, RE2::ANCHOR_BOTH, pieces->data(), n);
    if (!matched) return false;
    for (const re2::StringPiece& p : *pieces) {
      it->second.emplace_back(
          p.data() == nullptr ? -1 : static_cast<int>(p.data() - (text.data() + start)),
          static_cast<int>(p.size()));
    }
    return true;
  }
  for (size_t i = 0; i < it->second.size(); ++i) {
    const auto [at, size] = it->second[i];
    if (at >= 0) (*pieces)[i] = re2::StringPiece(text.data() + start + at, static_cast<size_t>(size));
  }
  return !it->second.empty();
}

}  // namespace claimcheck::rules
