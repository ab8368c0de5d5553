#include "normalize/recognizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "normalize/number.h"

namespace claimcheck::normalize {

namespace {

bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

// Whether a punctuation mark written in several bytes starts at text[i]:
// General Punctuation (U+2000–U+206F: the ’ of "Wednesday’s", dashes, curly
// quotes) or the no-break space. Its bytes are >= 0x80 but part no word.
bool PunctuationAt(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0; };
  if (byte(i) == 0xC2 && byte(i + 1) == 0xA0) return true;
  return byte(i) == 0xE2 && (byte(i + 1) == 0x80 || (byte(i + 1) == 0x81 && byte(i + 2) <= 0xAF));
}

// A mention is made of whole words: a match that starts or ends inside a
// word ("A320", "COVID19") is not one; "Wednesday’s" ends a word at the ’.
bool AtWordEdges(std::string_view text, size_t start, size_t end) {
  const bool mark_before = (start >= 3 && PunctuationAt(text, start - 3)) ||
                           (start >= 2 && PunctuationAt(text, start - 2) &&
                            static_cast<unsigned char>(text[start - 2]) == 0xC2);
  if (start > 0 && IsWordByte(text[start]) && IsWordByte(text[start - 1]) && !mark_before) {
    return false;
  }
  if (end < text.size() && end > start && IsWordByte(text[end - 1]) && IsWordByte(text[end]) &&
      !PunctuationAt(text, end)) {
    return false;
  }
  return true;
}

// A sentence with its number tokens written as placeholders
// (rules::TokenLead, TokenRest), byte for byte: bytes[i] stands for
// text[base + i]. It holds the sentence and one byte either side, all that
// RE2's assertions read.
struct TokenText {
  std::string bytes;
  size_t base = 0;
};

struct Candidate {
  size_t start, end;
  size_t rule_index;
  const rules::Rule* rule;
  const RE2* re;  // the pattern that matched
  Groups groups;  // read by MatchRule (with groups) or ReadGroups
  size_t value = 0;  // index of its normalized Mention
  std::optional<std::pair<size_t, size_t>> timex_span;  // group `timex`, if it took part
  // Group `span`, if it took part: what the mention spans; the whole match
  // still ranks it ("between 60 and 90 days" outranks the number range
  // "between 60 and 90", and its mention is "60").
  std::optional<std::pair<size_t, size_t>> mention_span;
  const TokenText* tokens = nullptr;  // matched there by the rule's token_re (else in the text)
};

Groups NamedGroups(const RE2& re, const re2::StringPiece* pieces) {
  Groups groups;
  for (const auto& [name, index] : re.NamedCapturingGroups()) {
    const re2::StringPiece& p = pieces[index];
    if (p.data() != nullptr) groups[name] = std::string(p.data(), p.size());
  }
  return groups;
}

// Where group `name` took part in the match, if it did.
std::optional<std::pair<size_t, size_t>> GroupSpan(std::string_view text, const RE2& re,
                                                   const re2::StringPiece* pieces,
                                                   const std::string& name) {
  const auto& groups_by_name = re.NamedCapturingGroups();
  const auto group = groups_by_name.find(name);
  if (group == groups_by_name.end() || pieces[group->second].data() == nullptr) return std::nullopt;
  const re2::StringPiece& p = pieces[group->second];
  const size_t at = static_cast<size_t>(p.data() - text.data());
  return std::make_pair(at, at + p.size());
}

// The groups of `c` from its own pieces: its named groups, and groups
// `timex` and `span`.
void SetGroups(std::string_view text, const re2::StringPiece* pieces, Candidate* c) {
  c->groups = NamedGroups(*c->re, pieces);
  c->timex_span = GroupSpan(text, *c->re, pieces, "timex");
  c->mention_span = GroupSpan(text, *c->re, pieces, "span");
  if (c->mention_span && c->mention_span->first == c->mention_span->second) c->mention_span.reset();
}

// A kept candidate with a `span` group spans only it from now on: a later,
// shorter match may take the rest ("90 days").
void NarrowToSpan(Candidate* c, Mention* m) {
  if (!c->mention_span) return;
  c->start = m->start = c->mention_span->first;
  c->end = m->end = c->mention_span->second;
}

// Pieces found in `tokens` pointed at the same bytes of `text`.
void PiecesToText(std::string_view text, const TokenText& tokens, re2::StringPiece* pieces, int n) {
  for (int i = 0; i < n; ++i) {
    if (pieces[i].data() == nullptr) continue;
    const size_t at = static_cast<size_t>(pieces[i].data() - tokens.bytes.data()) + tokens.base;
    pieces[i] = re2::StringPiece(text.data() + at, pieces[i].size());
  }
}

// Every non-overlapping match of one rule within [start, end) of text.
// `gate`: its set form (or null), `compiled`: its pattern when already
// compiled (else rule.re(), compiled here on first use). Without
// `with_groups` only the spans are found (RE2's automata alone, no capture
// engine): ReadGroups reads the groups of the candidates that are kept.
// With `tokens` the rule's token pattern runs over the sentence there.
void MatchRule(const rules::Rule& rule, const RE2* gate, const RE2* compiled, size_t rule_index,
               std::string_view text, size_t start, size_t end, bool with_groups,
               std::vector<Candidate>* out, const TokenText* tokens = nullptr) {
  // The set form matches wherever the rule does: where it cannot, the
  // rule's large automaton need not run, nor be compiled ("or so" without
  // "or so").
  if (gate != nullptr && !gate->Match(re2::StringPiece(text.data(), text.size()), start, end,
                                      RE2::UNANCHORED, nullptr, 0)) {
    return;
  }
  // Over tokens, the rule's token pattern reads the placeholders; offsets
  // there are those of the text less `base`.
  const RE2& re = tokens != nullptr ? rule.token_re() : compiled != nullptr ? *compiled : rule.re();
  const std::string_view searched = tokens != nullptr ? std::string_view(tokens->bytes) : text;
  const size_t base = tokens != nullptr ? tokens->base : 0;
  const int n = with_groups ? re.NumberOfCapturingGroups() + 1 : 1;
  // Spans alone (the common case) need one piece: no vector per call.
  re2::StringPiece span;
  std::vector<re2::StringPiece> all;
  if (n > 1) all.resize(static_cast<size_t>(n));
  re2::StringPiece* const pieces = n > 1 ? all.data() : &span;
  const re2::StringPiece whole(searched.data(), searched.size());
  size_t pos = start - base;
  while (pos <= end - base && re.Match(whole, pos, end - base, RE2::UNANCHORED, pieces, n)) {
    const size_t m_start = pieces[0].data() - searched.data() + base;
    const size_t m_end = m_start + pieces[0].size();
    if (m_end > m_start && AtWordEdges(text, m_start, m_end)) {
      out->push_back({m_start, m_end, rule_index, &rule, &re, {}, 0, std::nullopt, std::nullopt, tokens});
      if (with_groups) {
        if (tokens != nullptr) PiecesToText(text, *tokens, pieces, n);
        SetGroups(text, pieces, &out->back());
      }
    }
    pos = (m_end > m_start ? m_end : m_start + 1) - base;
  }
}

// The groups of a candidate found without them. RE2 reads the groups of an
// unanchored match the same way: it finds the match's span first, then runs
// its capture engine as an anchored full match of exactly that span, the
// whole text around it as context. So the groups are those MatchRule would
// have read, found only for the candidates that can still be kept, and
// read once per kind of span (rules::SpanGroups: "two", "10", "March 3",
// and "14" for "27").
// A candidate over tokens is read there, under its own cache index
// (`token_index`), and its groups are the same bytes of the text.
void ReadGroups(std::string_view text, uint64_t recognizer, const rules::DigitFold& fold,
                size_t token_index, Candidate* c) {
  thread_local std::vector<re2::StringPiece> pieces;  // reused: no vector per candidate
  if (c->tokens == nullptr) {
    if (rules::SpanGroups(*c->re, recognizer, c->rule_index, fold, text, c->start, c->end, &pieces)) {
      SetGroups(text, pieces.data(), c);
    }
    return;
  }
  const TokenText& t = *c->tokens;
  if (rules::SpanGroups(*c->re, recognizer, token_index, fold, t.bytes, c->start - t.base,
                        c->end - t.base, &pieces)) {
    PiecesToText(text, t, pieces.data(), static_cast<int>(pieces.size()));
    SetGroups(text, pieces.data(), c);
  }
}

// Where the character class opening at `open` (a '[') closes, or npos.
size_t ClassEnd(std::string_view p, size_t open) {
  size_t j = open + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;
  while (j < p.size() && p[j] != ']') j += p[j] == '\\' ? 2 : 1;
  return j < p.size() ? j : std::string_view::npos;
}

// Where the group opening at `open` (a '(') closes, or npos; escapes and
// character classes skipped.
size_t GroupEnd(std::string_view p, size_t open) {
  int depth = 0;
  for (size_t i = open; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[') {
      i = ClassEnd(p, i);
      if (i == std::string_view::npos) return i;
    } else if (p[i] == '(') {
      ++depth;
    } else if (p[i] == ')' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// Whether `p` has a '|' outside every group and class (or cannot be read).
bool HasTopLevelBar(std::string_view p) {
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[' || p[i] == '(') {
      i = p[i] == '[' ? ClassEnd(p, i) : GroupEnd(p, i);
      if (i == std::string_view::npos) return true;
    } else if (p[i] == '|') {
      return true;
    }
  }
  return false;
}

// Whether `p` sets flags in a group of its own ("(?i)", "(?-i:"): opened,
// a flag would reach past its group.
bool HasFlagGroup(std::string_view p) {
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '(' && i + 1 < p.size() && p[i + 1] == '?') {
      if (i + 2 >= p.size() || (p[i + 2] != ':' && p[i + 2] != 'P')) return true;
    }
  }
  return false;
}

}  // namespace

// A pattern that has a match wherever `pattern` has one, for the gates and
// the Set that ask only whether a sentence has one (a match more only runs
// a rule that then finds nothing): an optional group at the start is
// dropped ("(?:{QUAL})?X" has a match exactly where "X" has: the qualifier
// may be left out and X stands after it as it is), so is a word edge
// (\b, \B) asserted at the start, and a plain group at the start without a
// '|' of its own is opened so that its own leading optional groups go too
// ("(?:(?:[A-Z]{1,3})?[$€]…)" → "[$€]…"). A leading flag group such as
// "(?i)" stays. Anything else is kept as it is.
std::string ExistenceForm(std::string_view pattern) {
  std::string flags;
  if (pattern.rfind("(?", 0) == 0) {
    const size_t close = pattern.find(')');
    const std::string_view inner = close == std::string_view::npos ? "" : pattern.substr(2, close - 2);
    if (!inner.empty() && std::all_of(inner.begin(), inner.end(), [](char c) {
          return std::isalpha(static_cast<unsigned char>(c)) || c == '-';
        })) {
      flags = std::string(pattern.substr(0, close + 1));
      pattern.remove_prefix(close + 1);
    }
  }
  // POSIX classes ("[[:digit:]]") and \Q…\E quoting are not read here.
  if (pattern.find("[:") != std::string_view::npos || pattern.find("\\Q") != std::string_view::npos) {
    return std::string(flags) + std::string(pattern);
  }
  std::string rest(pattern);
  // Top level only: a '|' there ends the first alternative.
  for (int steps = 0; steps < 64 && !rest.empty(); ++steps) {
    // A word edge asserted at the start: without it, a match more.
    if (rest.rfind("\\b", 0) == 0 || rest.rfind("\\B", 0) == 0) {
      rest.erase(0, 2);
      continue;
    }
    if (rest[0] != '(') break;
    const size_t close = GroupEnd(rest, 0);
    if (close == std::string::npos) break;
    const char after = close + 1 < rest.size() ? rest[close + 1] : '\0';
    if (after == '?' || after == '*') {
      size_t cut = close + 2;
      if (cut < rest.size() && rest[cut] == '?') ++cut;  // lazy: as optional
      rest.erase(0, cut);
      continue;
    }
    if (after == '+' || after == '{') break;
    // A plain group: "(?:" or "(?P<name>", opened when it holds no '|'.
    size_t body = std::string::npos;
    if (rest.rfind("(?:", 0) == 0) {
      body = 3;
    } else if (rest.rfind("(?P<", 0) == 0) {
      const size_t gt = rest.find('>');
      if (gt != std::string::npos && gt < close) body = gt + 1;
    }
    if (body == std::string::npos) break;
    const std::string_view inside = std::string_view(rest).substr(body, close - body);
    if (HasTopLevelBar(inside) || HasFlagGroup(inside)) break;
    rest = std::string(inside) + rest.substr(close + 1);
  }
  // What is left must not start with a repetition ("\\b*x" → "*x").
  if (!rest.empty() && std::string_view("*+?{").find(rest[0]) != std::string_view::npos) {
    return flags + std::string(pattern);
  }
  return flags + rest;
}

namespace {

// The order in which candidates are kept: longest first, then higher
// priority, then earlier rule, then earlier start.
bool KeptBefore(const Candidate& a, const Candidate& b) {
  const size_t la = a.end - a.start, lb = b.end - b.start;
  if (la != lb) return la > lb;
  if (a.rule->priority != b.rule->priority) return a.rule->priority > b.rule->priority;
  if (a.rule_index != b.rule_index) return a.rule_index < b.rule_index;
  return a.start < b.start;
}

// Whether [c.start, c.end) overlaps a kept span (start → end).
bool OverlapsKept(const std::map<size_t, size_t>& kept_spans, const Candidate& c) {
  auto next = kept_spans.lower_bound(c.start);
  if (next != kept_spans.end() && next->first < c.end) return true;
  return next != kept_spans.begin() && std::prev(next)->second > c.start;
}

// Longest first, then higher priority, then earlier rule, then earlier start.
// Kept spans live in a map by start, so each check costs O(log n).
void SelectNonOverlapping(std::vector<Candidate>* candidates) {
  std::stable_sort(candidates->begin(), candidates->end(), KeptBefore);
  std::map<size_t, size_t> kept_spans;  // start → end
  std::vector<Candidate> kept;
  for (Candidate& c : *candidates) {
    if (OverlapsKept(kept_spans, c)) continue;
    if (c.mention_span) {  // the rest is free for a later, shorter match
      c.start = c.mention_span->first;
      c.end = c.mention_span->second;
    }
    kept_spans.emplace(c.start, c.end);
    kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Candidate& a, const Candidate& b) { return a.start < b.start; });
  *candidates = std::move(kept);
}

}  // namespace

// Number tokens (rules/README.md, "Number tokens"): the matches of the
// token macro, left to right as RE2 finds them, each with the slot macros
// that match it whole.
struct Recognizer::Tokenizer {
  std::string token_pattern;
  std::vector<std::string> slot_patterns;
  rules::Lexicon breaks;  // [settings] token_breaks
  std::once_flag once;
  std::unique_ptr<RE2> token;
  std::vector<std::unique_ptr<RE2>> slots;

  void Compile() {
    std::call_once(once, [this] {
      RE2::Options options;
      options.set_log_errors(false);
      options.set_never_capture(true);
      options.set_max_mem(32 << 20);  // as the number rules' own (Rule::re)
      options.set_case_sensitive(false);  // as every rule with `tokens` (rules::Loader::ReadRule)
      token = std::make_unique<RE2>(token_pattern, options);
      for (const std::string& p : slot_patterns) slots.push_back(std::make_unique<RE2>(p, options));
    });
  }

  // Whether the token holds a word of `breaks` ("one hundred and two
  // hundred"): a rule's own pattern may part it there ("between one hundred
  // and two hundred"), which its placeholder cannot.
  bool HoldsBreak(std::string_view token) const {
    for (size_t i = 0; i < token.size();) {
      while (i < token.size() && !std::isalpha(static_cast<unsigned char>(token[i]))) ++i;
      size_t j = i;
      while (j < token.size() && std::isalpha(static_cast<unsigned char>(token[j]))) ++j;
      if (j > i && breaks.Find(token.substr(i, j - i)) != nullptr) return true;
      i = j;
    }
    return false;
  }

  // The sentence [start, end) of `text` with its tokens as placeholders; none
  // when a placeholder could read otherwise than its token: a token that
  // holds a word of `breaks`, or a digit of the text left outside every
  // token (a slot would read it as a placeholder). Such a sentence is matched
  // by the rules' own patterns, as if no rule had `tokens`. A token opening
  // with no word byte (".5") is a placeholder all the same: its word edge
  // moves to its first byte, which a rule over tokens does not ask about
  // (rules/README.md, "Number tokens").
  std::optional<TokenText> Mask(std::string_view text, size_t start, size_t end) {
    Compile();
    TokenText t;
    t.base = start > 0 ? start - 1 : 0;
    t.bytes.assign(text.substr(t.base, std::min(end + 1, text.size()) - t.base));
    std::vector<bool> placed(t.bytes.size(), false);
    const re2::StringPiece whole(t.bytes);
    re2::StringPiece m;
    for (size_t pos = start - t.base; pos <= end - t.base &&
                                      token->Match(whole, pos, end - t.base, RE2::UNANCHORED, &m, 1);) {
      const size_t ms = static_cast<size_t>(m.data() - t.bytes.data());
      const size_t me = ms + m.size();
      if (me == ms) {
        pos = ms + 1;
        continue;
      }
      if (HoldsBreak(std::string_view(m.data(), m.size()))) return std::nullopt;
      unsigned mask = 0;
      for (size_t i = 0; i < slots.size(); ++i) {
        if (RE2::FullMatch(m, *slots[i])) mask |= 1u << i;
      }
      t.bytes[ms] = rules::TokenLead(mask);
      std::fill(t.bytes.begin() + static_cast<std::ptrdiff_t>(ms) + 1,
                t.bytes.begin() + static_cast<std::ptrdiff_t>(me), rules::TokenRest(mask));
      std::fill(placed.begin() + static_cast<std::ptrdiff_t>(ms),
                placed.begin() + static_cast<std::ptrdiff_t>(me), true);
      pos = me;
    }
    for (size_t i = start - t.base; i < end - t.base; ++i) {
      if (!placed[i] && t.bytes[i] >= '0' && t.bytes[i] <= '9') return std::nullopt;
    }
    return t;
  }
};

Recognizer::Recognizer(const rules::RuleSet& rules) : rules_(rules) {}
Recognizer::~Recognizer() = default;

bool Recognizer::Create(const rules::RuleSet& rules, std::unique_ptr<Recognizer>* out,
                        std::string* err, bool tokens) {
  std::unique_ptr<Recognizer> rec(new Recognizer(rules));
  rec->id_ = rules::NewSpanGroupsOwner();
  // Each rule is picked by the literal words it needs (its set form's when
  // it has one: rules/README.md, "Set forms"). The rules that need none and
  // have no set form ("\d{4}-\d\d", a month's digits) are picked by one
  // RE2::Set over their patterns instead, which stays small without the others.
  std::vector<const rules::Rule*> all;
  std::vector<std::string> needs;
  for (const auto& rule : rules.rules()) {
    all.push_back(rule.get());
    rec->digit_folds_.Add(rule->expanded);
    rec->token_digit_folds_.Add(rule->token_pattern);
    needs.push_back(rule->set_pattern.empty() ? rule->expanded : rule->set_pattern);
  }
  rec->digit_folds_.Seal();
  rec->token_digit_folds_.Seal();
  if (tokens && std::any_of(all.begin(), all.end(), [](const rules::Rule* r) { return r->tokens; })) {
    // The loader checked that the macros exist (rules::Loader::ReadTokenForms).
    rec->tokenizer_ = std::make_unique<Tokenizer>();
    rec->tokenizer_->token_pattern = rules.Macro(rules.Setting("token_macro"));
    for (const std::string& name : rules.SettingWords("token_slots")) {
      rec->tokenizer_->slot_patterns.push_back(rules.Macro(name));
    }
    for (const std::string& word : rules.SettingWords("token_breaks")) rec->tokenizer_->breaks.Set(word, {});
  }
  if (!rules::LiteralFilter::Create(all, needs, &rec->filter_, err)) return false;
  // The filter compiled each rule's `needs`: that is the rule's pattern
  // (no set form) or its gate (a set form that does not match the empty
  // text, as Rule::set_re), so neither is compiled again.
  rec->gate_.assign(all.size(), nullptr);
  rec->compiled_.assign(all.size(), nullptr);
  for (size_t i = 0; i < all.size(); ++i) {
    const RE2& re = rec->filter_->Compiled(static_cast<int>(i));
    if (all[i]->set_pattern.empty()) {
      rec->compiled_[i] = &re;
    } else if (!RE2::PartialMatch("", re)) {
      rec->gate_[i] = &re;
      // A gate only asks whether there is a match: without its leading
      // optional parts (a qualifier, a currency code) it asks the same of
      // a smaller automaton, which is most of a gate's cost on new text.
      const std::string existence = ExistenceForm(all[i]->set_pattern);
      if (existence != all[i]->set_pattern) {
        RE2::Options options;
        options.set_log_errors(false);
        options.set_never_capture(true);
        auto small = std::make_unique<RE2>(existence, options);
        if (small->ok()) {
          rec->gate_[i] = small.get();
          rec->own_gates_.push_back(std::move(small));
        }
      }
    }
  }
  rec->by_set_.assign(all.size(), false);
  // The rules that need no literal word go into a few RE2::Sets, in turn by
  // load order, not one: a Set's automaton state holds every rule's threads
  // at once, so one Set of 49 rules built states for their combinations on
  // new text. Measured on the first 0.5 MB of ECB+ (callgrind, extract, net
  // of startup): one Set 7,183 M instructions per MB, 4 Sets 6,519, 8 Sets
  // 6,446, 16 Sets 6,510; on text seen before more Sets cost more scans.
  // The hits are the union over the Sets, the same as one Set's.
  constexpr size_t kSets = 4;
  std::vector<std::vector<const rules::Rule*>> in_set(kSets);
  std::vector<std::vector<std::string>> set_forms(kSets);
  rec->set_index_.assign(kSets, {});
  size_t n = 0;
  for (int i : rec->filter_->Unfiltered()) {
    if (!all[i]->set_pattern.empty()) continue;
    rec->by_set_[i] = true;
    const size_t k = n++ % kSets;
    in_set[k].push_back(all[i]);
    // The Set only says which rules match somewhere: each asks it in its
    // existence form, without the leading qualifiers and part words ("the
    // end of") that made its states many.
    set_forms[k].push_back(ExistenceForm(all[i]->expanded));
    rec->set_index_[k].push_back(static_cast<size_t>(i));
  }
  rec->sets_.resize(kSets);  // one per list of set_index_; null when it has no rule
  for (size_t k = 0; k < kSets; ++k) {
    if (!in_set[k].empty() && !rules::CompileSet(in_set[k], set_forms[k], &rec->sets_[k], err)) {
      return false;
    }
  }
  RE2::Options options;
  options.set_log_errors(false);
  const rules::Lexicon* triggers = rules.lexicon("triggers");
  if (triggers != nullptr && !triggers->entries().empty()) {
    std::string alt;
    // Words stand between word boundaries; a sign ("½") anywhere.
    std::string signs;
    for (const auto& [key, entry] : triggers->entries()) {
      const bool word = !key.empty() && (std::isalnum(static_cast<unsigned char>(key.front())) ||
                                         key.front() == '_');
      std::string& to = word ? alt : signs;
      to += (to.empty() ? "" : "|") + RE2::QuoteMeta(key);
    }
    rec->triggers_ = std::make_unique<RE2>(
        "(?i)\\b(?:" + alt + ")\\b" + (signs.empty() ? "" : "|" + signs), options);
    if (!rec->triggers_->ok()) {
      *err = "the triggers lexicon does not compile: " + rec->triggers_->error();
      return false;
    }
  }
  *out = std::move(rec);
  return true;
}

bool Recognizer::PassesPrefilter(std::string_view sentence) const {
  if (std::any_of(sentence.begin(), sentence.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    return true;
  }
  if (triggers_ == nullptr) return true;
  return RE2::PartialMatch(re2::StringPiece(sentence.data(), sentence.size()), *triggers_);
}

bool Recognizer::FindInSpan(std::string_view text, size_t start, size_t end,
                            std::optional<CivilDate> reference, std::vector<Mention>* out,
                            std::string* err, Trace* trace) const {
  const std::string_view sentence = text.substr(start, end - start);
  if (!PassesPrefilter(sentence)) return true;
  std::vector<int> hits, in_set;
  for (size_t k = 0; k < sets_.size(); ++k) {
    if (sets_[k] == nullptr) continue;
    RE2::Set::ErrorInfo info{};
    in_set.clear();
    if (!sets_[k]->Match(re2::StringPiece(sentence.data(), sentence.size()), &in_set, &info) &&
        info.kind == RE2::Set::kOutOfMemory) {
      *err = "RE2::Set ran out of memory matching a sentence";
      return false;
    }
    for (int h : in_set) hits.push_back(static_cast<int>(set_index_[k][static_cast<size_t>(h)]));
  }
  std::vector<int> picked;
  if (!filter_->Pick(sentence, &picked, err)) return false;
  for (int i : picked) {
    if (!by_set_[i]) hits.push_back(i);
  }
  std::sort(hits.begin(), hits.end());
  // Without a trace, spans first and groups only for the candidates that
  // can be kept; a trace tells of every candidate, so it reads them all.
  const bool with_groups = trace != nullptr;
  std::vector<Candidate> candidates;
  // The sentence over number tokens, made for the first rule with `tokens`.
  std::optional<TokenText> tokens;
  bool masked = false;
  for (int index : hits) {
    const rules::Rule& rule = *rules_.rules()[index];
    if (rule.tokens && tokenizer_ != nullptr && !masked) {
      masked = true;
      tokens = tokenizer_->Mask(text, start, end);
    }
    MatchRule(rule, gate_[index], compiled_[index], index, text, start, end, with_groups,
              &candidates, rule.tokens && tokens ? &*tokens : nullptr);
  }
  // Normalize before choosing, so a match whose groups do not make a value
  // (February 30) gives way to the next-best one.
  auto normalize = [&](const Candidate& c, Mention* m, std::string* why) {
    *m = Mention{c.start, c.end, c.rule, rules::KindName(c.rule->kind), {}, false, c.timex_span, {}};
    if (c.rule->kind == rules::Kind::kNumber) {
      model::Quantity q;
      const bool ok = NormalizeQuantity(c.groups, c.rule->fields, rules_, &q, &m->ordinal, why);
      m->value = q;
      m->unit = QuantityUnit(c.groups, c.rule->fields, rules_);
      return ok;
    }
    if (c.rule->kind == rules::Kind::kIgnore) return true;
    TimeValue t;
    MatchContext ctx{reference, sentence, c.start - start, c.end - start};
    const bool ok = NormalizeTime(c.groups, c.rule->fields, rules_, ctx, &t, why);
    if (!t.type.empty()) m->kind = t.type;
    m->value = t;
    return ok;
  };
  if (!with_groups) {
    // The same choice as below, in its order: a candidate overlapping a kept
    // one is dropped unread, valid or not; the others are read and
    // normalized, and kept when they make a value.
    std::stable_sort(candidates.begin(), candidates.end(), KeptBefore);
    std::map<size_t, size_t> kept_spans;  // start → end
    std::vector<Mention> kept;
    for (Candidate& c : candidates) {
      if (OverlapsKept(kept_spans, c)) continue;
      ReadGroups(text, id_, c.tokens ? token_digit_folds_[c.rule_index] : digit_folds_[c.rule_index],
                 rules_.rules().size() + c.rule_index, &c);
      Mention m;
      std::string why;
      if (!normalize(c, &m, &why)) continue;
      NarrowToSpan(&c, &m);
      kept_spans.emplace(c.start, c.end);
      if (c.rule->kind != rules::Kind::kIgnore) kept.push_back(std::move(m));
    }
    std::sort(kept.begin(), kept.end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
    for (Mention& m : kept) out->push_back(std::move(m));
    return true;
  }
  std::vector<Candidate> valid;
  std::vector<Mention> values;
  for (Candidate& c : candidates) {
    Mention m;
    std::string why;
    const bool ok = normalize(c, &m, &why);
    trace->lines.push_back(fmt::format("  {} matched \"{}\" at {}-{}{}", c.rule->id,
                                       text.substr(c.start, c.end - c.start), c.start, c.end,
                                       ok ? "" : " — dropped: " + why));
    if (!ok) continue;
    c.value = values.size();
    valid.push_back(std::move(c));
    values.push_back(std::move(m));
  }
  SelectNonOverlapping(&valid);
  for (const Candidate& c : valid) {
    if (c.rule->kind == rules::Kind::kIgnore) continue;
    Mention& m = values[c.value];
    m.start = c.start;  // narrowed to group `span`, if any
    m.end = c.end;
    out->push_back(std::move(m));
  }
  return true;
}

bool Recognizer::Find(const corpus::Document& doc, std::optional<CivilDate> reference,
                      std::vector<Mention>* out, std::string* err, Trace* trace) const {
  for (const corpus::Span& s : doc.sentences) {
    if (!FindInSpan(doc.text, s.start, s.end, reference, out, err, trace)) return false;
  }
  return true;
}

namespace {

std::string Bound(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "inf"; }

}  // namespace

std::string DescribeValue(const Mention& m) {
  if (const auto* q = std::get_if<model::Quantity>(&m.value)) {
    std::string s = q->point ? model::FormatNumber(*q->point) + " " : "";
    s += fmt::format("[{},{}]", q->lo, Bound(q->hi));
    if (!q->qualifier.empty()) s += " " + q->qualifier;
    return s;
  }
  const auto& t = std::get<TimeValue>(m.value);
  std::string s = t.timex;
  if (!t.mod.empty()) s += " mod=" + t.mod;
  if (t.anchor) {
    s += fmt::format(" anchor={} {}", t.anchor->relation,
                     t.anchor->offset.empty() ? std::to_string(t.anchor->ordinal) : t.anchor->offset);
  }
  return s;
}

model::MentionRecord ToRecord(const Mention& m, std::string_view doc_id, std::string_view text) {
  model::MentionRecord r;
  r.doc = doc_id;
  r.start = m.start;
  r.end = m.end;
  r.text = text.substr(m.start, m.end - m.start);
  r.kind = m.kind;
  if (const auto* q = std::get_if<model::Quantity>(&m.value)) {
    r.value = *q;
  } else {
    const auto& t = std::get<TimeValue>(m.value);
    r.value = t.timex;
    r.mod = t.mod;
    if (t.interval) {
      r.interval = model::MentionInterval{t.interval->lo ? t.interval->lo->ToString() : "",
                                          t.interval->hi ? t.interval->hi->ToString() : ""};
    }
    // An offset from an event left unresolved ("three weeks before the
    // vote"): as TIMEX3 annotates it, the duration alone ("three weeks",
    // P3W); the anchor still says from what.
    if (t.anchor && m.timex_span && !t.anchor->offset.empty() && t.timex.rfind("XXXX", 0) == 0) {
      r.start = m.timex_span->first;
      r.end = m.timex_span->second;
      r.text = text.substr(r.start, r.end - r.start);
      r.kind = "duration";
      r.value = t.anchor->offset;
    }
    if (t.anchor) {
      r.anchor = model::MentionAnchor{t.anchor->relation, t.anchor->offset, t.anchor->ordinal,
                                      t.anchor->event};
    }
  }
  r.ordinal = m.ordinal;
  r.unit = m.unit;
  r.rule = m.rule->id;
  return r;
}

}  // namespace claimcheck::normalize
