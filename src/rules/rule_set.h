// Rules as data (DESIGN.md §5): TOML files in rules/<lang>/, embedded in the
// binary at build time, with `--rules DIR` adding or overriding. The format is
// documented in rules/README.md.
//
//   RuleSet rules;
//   std::string err;
//   if (!LoadRuleSet({}, &rules, &err)) { print err (file:line:col, the line, a caret) }
//
// Loading validates everything before any work: unknown keys, bad patterns,
// dangling macros and duplicate ids are errors naming file:line:col.
#ifndef CLAIMCHECK_RULES_RULE_SET_H_
#define CLAIMCHECK_RULES_RULE_SET_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rules/lexicon.h"

namespace claimcheck::rules {

struct SourceLoc {
  std::string file;  ///< "rules/en/numbers.toml" (embedded) or the --rules path.
  int line = 0;
  int column = 0;
};

/// An example a rule carries: running the recognizer over `text` (with `ref`
/// as the document date) must give a mention from this rule whose text is
/// `match` and whose value is `value` — or, with `none`, no mention at all.
struct Example {
  std::string text;
  std::string match;  ///< "" means the whole text.
  std::string ref;    ///< YYYY-MM-DD or "".
  bool none = false;
  /// Expected value: a TIMEX3 string for time kinds; for numbers the fields
  /// point, lo, hi, qualifier ("" = null); plus optional mod, anchor, ordinal;
  /// claim examples may also expect subject, as_of, hedged, negated,
  /// revision, attribution and event_date.
  std::map<std::string, std::string> value;
  SourceLoc loc;
};

enum class Kind { kNumber, kDate, kTime, kDuration, kSet, kIgnore, kClaim };
const char* KindName(Kind kind);

/// Whether a rule's static field `name` is set to "true" (fields such as
/// explicit, ordinal, revision, proper, decimal_comma): absent is false.
inline bool FieldIs(const std::map<std::string, std::string>& fields, const std::string& name,
                    std::string_view value = "true") {
  const auto it = fields.find(name);
  return it != fields.end() && it->second == value;
}

struct Rule {
  std::string id;
  Kind kind = Kind::kNumber;
  std::string attribute;  ///< Claim rules: deaths, injuries, missing, troops, crowd, date, …
  int priority = 0;
  std::string pattern;   ///< As written.
  std::string expanded;  ///< Macros expanded, as compiled.
  /// The pattern the RE2::Set that picks candidate rules sees: macros of
  /// [set_macros] take their set form, a small pattern that matches at least
  /// what the macro matches. "" when it is `expanded`. The rule's own `re`
  /// still decides every match; the set only says which rules to try.
  std::string set_pattern;
  /// Number tokens (rules/README.md, "Number tokens"): with `tokens = true`
  /// the rule is matched over the sentence with each number token written
  /// as a placeholder (TokenPlaceholder), and token_pattern is its pattern
  /// there: the token macro and the slot macros of [settings] token_macro
  /// and token_slots take their placeholder forms, a few bytes where each
  /// was thousands of instructions. "" for the other rules.
  bool tokens = false;
  std::string token_pattern;
  std::map<std::string, std::string> fields;  ///< Static fields for the normalizer.
  std::vector<Example> examples;
  SourceLoc loc;

  /// The compiled pattern. Compiled when loaded, or, for the embedded rules
  /// alone (checked when claimcheck is built), on first use: a run compiles
  /// only the rules its text calls for. Thread-safe.
  const RE2& re() const {
    std::call_once(compiled_, [this] { CompilePattern(); });
    return *re_;
  }
  /// set_pattern compiled without captures, when there is one and it does
  /// not match the empty text: a small automaton that says cheaply where
  /// the full pattern cannot match ("or so" needs " or so"); else null.
  /// Compiled on its own, so a rule its set form rules out never compiles
  /// its (large) pattern.
  const RE2* set_re() const {
    std::call_once(set_compiled_, [this] { CompileSetForm(); });
    return set_re_.get();
  }
  /// token_pattern compiled (on first use); only for a rule with `tokens`.
  const RE2& token_re() const {
    std::call_once(token_compiled_, [this] { CompileTokenPattern(); });
    return *token_re_;
  }
  /// Compiles them all now (loading with `lazy` off).
  void Compile() const {
    re();
    set_re();
    if (tokens) token_re();
  }
  /// Why the set form does not compile ("" when it does or there is none).
  const std::string& set_error() const {
    set_re();
    return set_error_;
  }

 private:
  void CompilePattern() const;
  void CompileSetForm() const;
  void CompileTokenPattern() const;
  mutable std::once_flag compiled_;
  mutable std::once_flag token_compiled_;
  mutable std::unique_ptr<RE2> token_re_;
  mutable std::once_flag set_compiled_;
  mutable std::unique_ptr<RE2> set_re_;
  mutable std::unique_ptr<RE2> re_;
  mutable std::string set_error_;
};

class RuleSet {
 public:
  const Lexicon* lexicon(std::string_view name) const;
  /// The lexicon, or an empty one: normalizers treat a missing table as empty.
  const Lexicon& Lex(std::string_view name) const;
  /// A macro, fully expanded (engine-level patterns such as hedges or
  /// attribution live in rules as macros); "" when absent.
  std::string Macro(std::string_view name) const;
  /// The same without a copy: null when absent. Valid as long as the set.
  const std::string* FindMacro(std::string_view name) const;
  /// [settings] value, or `fallback`.
  std::string Setting(std::string_view name, std::string_view fallback = "") const;
  /// A setting's words, split at whitespace ("RNUM PART"); empty when absent.
  std::vector<std::string> SettingWords(std::string_view name) const;
  /// An integer setting (IsIntegerSetting; validated when loaded), or `fallback`.
  int64_t IntSetting(std::string_view name, int64_t fallback) const;
  /// Mention rules (numbers and time), in load order.
  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  /// Claim rules ([[claim]] tables), in load order.
  const std::vector<std::unique_ptr<Rule>>& claim_rules() const { return claims_; }
  const Rule* Find(std::string_view id) const;

  /// For tests and the loader: the named lexicon, created empty if absent.
  Lexicon& MutableLexicon(std::string_view name);
  void SetSetting(std::string_view name, std::string_view value);

 private:
  friend class Loader;
  std::map<std::string, Lexicon, std::less<>> lexicons_;
  std::map<std::string, std::string, std::less<>> settings_;
  std::map<std::string, std::string, std::less<>> macros_;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<std::unique_ptr<Rule>> claims_;
};

/// Settings whose value is a count (`recent_event_days`, `background_days`,
/// `lead_sentences`, `fixed_count_sentences`, `story_names`): TOML integers, non-negative; every other setting is a string.
bool IsIntegerSetting(std::string_view name);

/// Number tokens (rules/README.md, "Number tokens"). A token whose text the
/// slot macros (at most kMaxTokenSlots) match whole or not by the bits of
/// `mask` (bit i: slot i) is written, byte for byte, as TokenLead(mask) then
/// TokenRest(mask): digits, so word edges stay where they were, and digits no
/// other part of a token rule reads. The token macro's placeholder form
/// matches any token; slot i's only those with bit i.
inline constexpr int kMaxTokenSlots = 2;
inline char TokenLead(unsigned mask) { return static_cast<char>('5' + mask); }
inline char TokenRest(unsigned mask) { return static_cast<char>('0' + mask); }
/// The placeholder form of the token macro (slot < 0) or of slot `slot`.
std::string TokenForm(int slot);

/// One RE2::Set over `rules`' patterns, in order (index i is rules[i]): it
/// says which rules may match a text in one pass (each rule's set_pattern
/// when it has one: a superset of its matches, never fewer). Errors name the rule's
/// file:line:col; a Set too large for its memory budget is an error.
bool CompileSet(const std::vector<std::unique_ptr<Rule>>& rules, std::unique_ptr<RE2::Set>* out,
                std::string* err);
bool CompileSet(const std::vector<const Rule*>& rules, std::unique_ptr<RE2::Set>* out,
                std::string* err);
/// The same with `patterns[i]` for rules[i] (each a superset of its rule's matches).
bool CompileSet(const std::vector<const Rule*>& rules, const std::vector<std::string>& patterns,
                std::unique_ptr<RE2::Set>* out, std::string* err);

/// `(?:key1|key2|…)`: a lexicon's keys in descending byte order (a key before
/// the keys that are its prefixes, so the longest matching key wins),
/// regex-escaped, a space matching any run of whitespace. What `{lex:NAME}`
/// expands to.
std::string LexiconPattern(const Lexicon& lex);

/// The embedded rules, then each directory's *.toml (sorted) on top: a rule
/// with an existing id replaces it, lexicon entries and macros override by key.
/// `lazy`: with no `extra_dirs`, patterns compile on first use (Rule::re);
/// the embedded rules are known to compile. Otherwise every pattern compiles
/// here and a bad one is an error with its place.
bool LoadRuleSet(const std::vector<std::string>& extra_dirs, RuleSet* out, std::string* err,
                 bool lazy = false);

/// Loads from in-memory files {name, content} (tests, embedding).
bool LoadRuleSetFromFiles(const std::vector<std::pair<std::string, std::string>>& files,
                          RuleSet* out, std::string* err);

}  // namespace claimcheck::rules

#endif  // CLAIMCHECK_RULES_RULE_SET_H_
