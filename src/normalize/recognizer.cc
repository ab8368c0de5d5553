#include "normalize/recognizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <utility>

#include "normalize/number.h"

namespace claimcheck::normalize {

namespace {

bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

// A mention is made of whole words: a match that starts or ends inside a
// word ("A320", "COVID19") is not one.
bool AtWordEdges(std::string_view text, size_t start, size_t end) {
  if (start > 0 && IsWordByte(text[start]) && IsWordByte(text[start - 1])) return false;
  if (end < text.size() && end > start && IsWordByte(text[end - 1]) && IsWordByte(text[end])) {
    return false;
  }
  return true;
}

struct Candidate {
  size_t start, end;
  size_t rule_index;
  const rules::Rule* rule;
  const RE2* re;  // the pattern that matched
  Groups groups;  // read by MatchRule (with groups) or ReadGroups
  size_t value = 0;  // index of its normalized Mention
  std::optional<std::pair<size_t, size_t>> timex_span;  // group `timex`, if it took part
};

Groups NamedGroups(const RE2& re, const re2::StringPiece* pieces) {
  Groups groups;
  for (const auto& [name, index] : re.NamedCapturingGroups()) {
    const re2::StringPiece& p = pieces[index];
    if (p.data() != nullptr) groups[name] = std::string(p.data(), p.size());
  }
  return groups;
}

// The groups of `c` from its own pieces: its named groups, and group `timex`.
void SetGroups(std::string_view text, const re2::StringPiece* pieces, Candidate* c) {
  c->groups = NamedGroups(*c->re, pieces);
  const auto& groups_by_name = c->re->NamedCapturingGroups();
  const auto timex_group = groups_by_name.find("timex");
  if (timex_group != groups_by_name.end() && pieces[timex_group->second].data() != nullptr) {
    const re2::StringPiece& p = pieces[timex_group->second];
    const size_t at = static_cast<size_t>(p.data() - text.data());
    c->timex_span = std::make_pair(at, at + p.size());
  }
}

// Every non-overlapping match of one rule within [start, end) of text.
// `gate`: its set form (or null), `compiled`: its pattern when already
// compiled (else rule.re(), compiled here on first use). Without
// `with_groups` only the spans are found (RE2's automata alone, no capture
// engine): ReadGroups reads the groups of the candidates that are kept.
void MatchRule(const rules::Rule& rule, const RE2* gate, const RE2* compiled, size_t rule_index,
               std::string_view text, size_t start, size_t end, bool with_groups,
               std::vector<Candidate>* out) {
  // The set form matches wherever the rule does: where it cannot, the
  // rule's large automaton need not run, nor be compiled ("or so" without
  // "or so").
  if (gate != nullptr && !gate->Match(re2::StringPiece(text.data(), text.size()), start, end,
                                      RE2::UNANCHORED, nullptr, 0)) {
    return;
  }
  const RE2& re = compiled != nullptr ? *compiled : rule.re();
  const int n = with_groups ? re.NumberOfCapturingGroups() + 1 : 1;
  std::vector<re2::StringPiece> pieces(n);
  const re2::StringPiece whole(text.data(), text.size());
  size_t pos = start;
  while (pos <= end && re.Match(whole, pos, end, RE2::UNANCHORED, pieces.data(), n)) {
    const size_t m_start = pieces[0].data() - text.data();
    const size_t m_end = m_start + pieces[0].size();
    if (m_end > m_start && AtWordEdges(text, m_start, m_end)) {
      out->push_back({m_start, m_end, rule_index, &rule, &re, {}, 0, std::nullopt});
      if (with_groups) SetGroups(text, pieces.data(), &out->back());
    }
    pos = m_end > m_start ? m_end : m_start + 1;
  }
}

// The groups of a candidate found without them. RE2 reads the groups of an
// unanchored match the same way: it finds the match's span first, then runs
// its capture engine as an anchored full match of exactly that span, the
// whole text around it as context. So the groups are those MatchRule would
// have read, found only for the candidates that can still be kept.
void ReadGroups(std::string_view text, Candidate* c) {
  const RE2& re = *c->re;
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(n);
  if (re.Match(re2::StringPiece(text.data(), text.size()), c->start, c->end, RE2::ANCHOR_BOTH,
               pieces.data(), n)) {
    SetGroups(text, pieces.data(), c);
  }
}

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
    kept_spans.emplace(c.start, c.end);
    kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Candidate& a, const Candidate& b) { return a.start < b.start; });
  *candidates = std::move(kept);
}

}  // namespace

bool Recognizer::Create(const rules::RuleSet& rules, std::unique_ptr<Recognizer>* out,
                        std::string* err) {
  std::unique_ptr<Recognizer> rec(new Recognizer(rules));
  // Each rule is picked by the literal words it needs (its set form's when
  // it has one: rules/README.md, "Set forms"). The rules that need none and
  // have no set form ("\d{4}-\d\d", a month's digits) are picked by one
  // RE2::Set over their patterns instead, which stays small without the others.
  std::vector<const rules::Rule*> all;
  std::vector<std::string> needs;
  for (const auto& rule : rules.rules()) {
    all.push_back(rule.get());
    needs.push_back(rule->set_pattern.empty() ? rule->expanded : rule->set_pattern);
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
    }
  }
  rec->by_set_.assign(all.size(), false);
  std::vector<const rules::Rule*> in_set;
  for (int i : rec->filter_->Unfiltered()) {
    if (!all[i]->set_pattern.empty()) continue;
    rec->by_set_[i] = true;
    in_set.push_back(all[i]);
    rec->set_index_.push_back(static_cast<size_t>(i));
  }
  if (!in_set.empty() && !rules::CompileSet(in_set, &rec->set_, err)) return false;
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
  std::vector<int> hits;
  RE2::Set::ErrorInfo info{};
  if (set_ && !set_->Match(re2::StringPiece(sentence.data(), sentence.size()), &hits, &info) &&
      info.kind == RE2::Set::kOutOfMemory) {
    *err = "RE2::Set ran out of memory matching a sentence";
    return false;
  }
  for (int& h : hits) h = static_cast<int>(set_index_[h]);
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
  for (int index : hits) {
    MatchRule(*rules_.rules()[index], gate_[index], compiled_[index], index, text, start, end,
              with_groups, &candidates);
  }
  // Normalize before choosing, so a match whose groups do not make a value
  // (February 30) gives way to the next-best one.
  auto normalize = [&](const Candidate& c, Mention* m, std::string* why) {
    *m = Mention{c.start, c.end, c.rule, rules::KindName(c.rule->kind), {}, false, c.timex_span};
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
      ReadGroups(text, &c);
      Mention m;
      std::string why;
      if (!normalize(c, &m, &why)) continue;
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
    if (c.rule->kind != rules::Kind::kIgnore) out->push_back(std::move(values[c.value]));
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
