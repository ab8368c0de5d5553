// Small pieces every extract pass uses: macros of the rules compiled as RE2,
// a search that treats a missing macro as no match, the words before a
// value, and which TIMEX3 values say when.
#ifndef CLAIMCHECK_EXTRACT_MATCHING_H_
#define CLAIMCHECK_EXTRACT_MATCHING_H_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>

#include "rules/rule_set.h"

namespace claimcheck::extract {

/// The rules' macro `name` compiled case-insensitively; null when the rules
/// have no such macro (each use then finds nothing).
std::unique_ptr<RE2> CompileMacro(const rules::RuleSet& rules, std::string_view name);

/// Whether `re` matches anywhere in `text`; false when `re` is null.
bool Search(const RE2* re, std::string_view text);

/// Turns every match of `re` (if any) in `text` into spaces, so that
/// searches after it do not see those words; the length is kept.
void Blank(const RE2* re, std::string* text);

/// The (at most) `reach` bytes of `text` right before `at`.
std::string_view BytesBefore(std::string_view text, size_t at, size_t reach);

/// The words before the value, back to the clause's start, at most `words`.
std::string_view WindowBefore(std::string_view sentence, size_t value_start, int words);

/// A date that says when: a year, a month and day ("XXXX-01-03"), or a day
/// of the week ("XXXX-WXX-5": undated stories still agree on "Friday"); not
/// "PRESENT_REF" or "XXXX-XX-XX".
bool Datable(const std::string& timex);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_EXTRACT_MATCHING_H_
