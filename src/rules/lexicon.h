// Lexicons: word tables loaded from rules/ (number words, months, qualifiers
// with their bounds, …). The engine and normalizers look words up here and
// never spell a word of English themselves.
#ifndef CLAIMCHECK_RULES_LEXICON_H_
#define CLAIMCHECK_RULES_LEXICON_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace claimcheck::rules {

/// One lexicon entry: a scalar (`one = 1` → value "1") or an inline table of
/// scalars (`about = { lo = "floor(0.9n)", point = true }` → fields), all
/// kept as strings ("true"/"false" for booleans).
struct LexEntry {
  std::string value;
  std::map<std::string, std::string> fields;

  /// fields[name], or `fallback` when absent.
  std::string Field(std::string_view name, std::string_view fallback = "") const;
};

/// Keys are matched case-insensitively with runs of whitespace as one space:
/// "Tens  of Thousands" finds "tens of thousands".
std::string NormalizeKey(std::string_view text);

class Lexicon {
 public:
  /// Adds or replaces an entry (later files override earlier ones).
  void Set(std::string_view key, LexEntry entry);
  const LexEntry* Find(std::string_view text) const;
  /// Find(text)->value, or nullopt.
  std::optional<std::string> Value(std::string_view text) const;
  /// Value parsed as an integer, or nullopt when absent or not an integer.
  std::optional<long long> Int(std::string_view text) const;
  const std::map<std::string, LexEntry, std::less<>>& entries() const { return entries_; }

 private:
  std::map<std::string, LexEntry, std::less<>> entries_;  // by NormalizeKey
};

}  // namespace claimcheck::rules

#endif  // CLAIMCHECK_RULES_LEXICON_H_
