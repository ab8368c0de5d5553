#include "extract/scope.h"

#include <algorithm>
#include <string>

#include "extract/matching.h"
#include "extract/subject.h"

namespace claimcheck::extract {

namespace {

constexpr size_t kTail = 160;  // bytes after the value that may say who is counted

// The first match of `re` in `text`, as its (start, group 1) pieces; false
// when there is none or `re` is null.
bool First(const RE2* re, std::string_view text, re2::StringPiece* whole, re2::StringPiece* group) {
  if (re == nullptr) return false;
  re2::StringPiece g[2];
  const int n = std::min(2, re->NumberOfCapturingGroups() + 1);
  if (!re->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, g, n)) return false;
  *whole = g[0];
  *group = n > 1 ? g[1] : re2::StringPiece();
  return true;
}

}  // namespace

ScopePass::ScopePass(const rules::RuleSet& rules)
    : perpetrator_nouns_(rules.Lex("perpetrator_nouns")),
      count_words_(rules.Lex("perpetrator_count_words")),
      reflexives_(rules.Lex("perpetrator_reflexives")),
      gap_stops_(rules.Lex("perpetrator_gap_stops")),
      number_units_(rules.Lex("number_units")),
      part_cues_(rules.Lex("part_cues")),
      carried_part_cues_(rules.Lex("carried_part_cues")),
      whole_parts_(rules.Lex("whole_parts")),
      count_joiners_(rules.Lex("count_joiners")),
      of_total_part_(rules.Lex("scope_macro_parts").Value("SCOPE_OF_TOTAL").value_or("")),
      one_place_part_(rules.Lex("scope_macro_parts").Value("SCOPE_ONE_PLACE").value_or("")),
      perpetrators_(CompileMacro(rules, "SCOPE_PERPETRATORS")),
      with_perpetrator_(CompileMacro(rules, "SCOPE_WITH_PERPETRATOR")),
      without_perpetrator_(CompileMacro(rules, "SCOPE_WITHOUT_PERPETRATOR")),
      part_(CompileMacro(rules, "SCOPE_PART")),
      of_total_(CompileMacro(rules, "SCOPE_OF_TOTAL")),
      of_total_before_(CompileMacro(rules, "SCOPE_OF_TOTAL_BEFORE")),
      whole_fronted_(CompileMacro(rules, "SCOPE_WHOLE_FRONTED")),
      one_place_(CompileMacro(rules, "SCOPE_ONE_PLACE")),
      one_place_before_(CompileMacro(rules, "SCOPE_ONE_PLACE_BEFORE")),
      clause_end_(CompileMacro(rules, "SCOPE_CLAUSE_END")),
      earlier_(CompileMacro(rules, "EARLIER")),
      part_before_(CompileMacro(rules, "SCOPE_PART_BEFORE")),
      whole_before_(CompileMacro(rules, "SCOPE_WHOLE_BEFORE")) {}

model::Scope ScopePass::ScopeOf(std::string_view sentence, size_t value_start, size_t value_end, bool joined) const {
  model::Scope scope;
  const std::string_view after = sentence.substr(std::min(value_end, sentence.size()));
  const std::string_view tail = after.substr(0, kTail);
  re2::StringPiece whole, group;
  // "10 dead including gunman": the perpetrator a count includes is no count
  // of perpetrators, though within two words of it.
  // "17 wounded when gunmen opened fire": a word of perpetrator_gap_stops
  // between the count and the noun starts another clause.
  const auto gap_stopped = [&](re2::StringPiece match) {
    const std::vector<std::string_view> words = Words(std::string_view(match.data(), match.size()));
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return gap_stops_.Find(TrimWord(w)) != nullptr; });
  };
  if (First(perpetrators_.get(), tail, &whole, &group) &&
      !Search(with_perpetrator_.get(), std::string_view(whole.data(), whole.size())) && !gap_stopped(whole)) {
    scope.who = "perpetrators";
  } else if (!Search(without_perpetrator_.get(), tail) && First(with_perpetrator_.get(), tail, &whole, &group)) {
    scope.who = "victims+perpetrator";
    const std::string_view noun(group.data(), group.size());
    auto n = perpetrator_nouns_.Int(noun);
    if (!n) n = reflexives_.Int(noun);  // including himself
    // A plural told by number: "including the two suspects", "both gunmen".
    for (std::string_view w : Words(std::string_view(whole.data(), whole.size()))) {
      if (n && *n != 0) break;
      if (auto k = count_words_.Int(w); k && *k > 0) n = k;
      if (auto k = number_units_.Int(w); k && *k > 0) n = k;
    }
    scope.perpetrators = n && *n > 0 ? *n : 0;
  }
  // The value's own clause: up to its end ("two died at the scene, and …").
  // A count joined to another ("two men and a woman suffered minor
  // injuries"): its first "and" joins them, and ends no clause.
  const std::string_view lead = sentence.substr(0, std::min(value_start, sentence.size()));
  std::string_view clause = tail;
  size_t from = 0;
  for (int skip = joined ? 1 : 0;; --skip) {
    const std::string_view rest = tail.substr(from);
    if (!First(clause_end_.get(), rest, &whole, &group)) break;
    // The clause ends where the match starts, or at its group when it has
    // one (SCOPE_CLAUSE_END: the comma before a sub-count, after the verb).
    const size_t end = static_cast<size_t>((group.data() != nullptr ? group.data() : whole.data()) - tail.data());
    const std::vector<std::string_view> words = Words(std::string_view(whole.data(), whole.size()));
    const bool joiner = std::any_of(words.begin(), words.end(),
                                    [&](std::string_view w) { return count_joiners_.Find(w) != nullptr; });
    if (skip > 0 && joiner) {
      from = static_cast<size_t>(whole.data() - tail.data()) + whole.size();
      continue;
    }
    clause = tail.substr(0, end);
    break;
  }
  // "Among the 20 wounded, five remain hospitalized": the whole a fronted
  // "of the" opens ends at its comma.
  if (Search(whole_fronted_.get(), lead)) clause = clause.substr(0, std::min(clause.size(), clause.find(',')));
  if (Search(of_total_.get(), clause) || Search(of_total_before_.get(), lead)) {
    scope.part = of_total_part_;
  } else if (Search(one_place_.get(), tail) ||
             Search(one_place_before_.get(), lead)) {
    scope.part = one_place_part_;
  } else if (First(part_.get(), clause, &whole, &group) && group.data() != nullptr) {
    scope.part = part_cues_.Value(std::string_view(group.data(), group.size())).value_or("");
    // "Two of the six wounded remain in critical condition": the part is the
    // two's, the six the whole; "three of the four soldiers killed by
    // friendly fire": the cause is the four's (lexicon whole_parts).
    if (Search(whole_before_.get(), lead) && whole_parts_.Find(scope.part) == nullptr) scope.part.clear();
  } else if (First(part_before_.get(), lead, &whole, &group) &&
             group.data() != nullptr) {
    scope.part = carried_part_cues_.Value(std::string_view(group.data(), group.size())).value_or("");
  }
  return scope;
}

model::Timeline ScopePass::TimelineOf(std::string_view sentence, size_t value_start, bool revision) const {
  model::Timeline t;
  if (revision) return t;
  re2::StringPiece whole, group;
  if (First(earlier_.get(), sentence.substr(0, std::min(value_start, sentence.size())), &whole, &group)) {
    t.stage = "earlier";
    const re2::StringPiece cue = group.data() != nullptr ? group : whole;
    t.cue = std::string(cue.data(), cue.size());
  }
  return t;
}

}  // namespace claimcheck::extract
