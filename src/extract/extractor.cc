#include "extract/extractor.h"

#include <fmt/format.h>
#include <re2/set.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "corpus/utf8.h"
#include "extract/subject.h"
#include "extract/time_context.h"

namespace claimcheck::extract {

using normalize::Mention;
using normalize::TimeValue;

namespace {

// Claim patterns see the sentence with every mention replaced by a
// placeholder, so a rule says "{NUM} people were killed" and never spells a
// number: \x01<index>\x02 for numbers, \x03<index>\x04 for dates and times,
// \x05<index>\x06 for durations and sets (see rules/README.md, "Claims").
struct Masked {
  std::string text;
  // (masked offset, original offset) at the start of each copied stretch or
  // placeholder, in order; placeholders map to their mention's start.
  std::vector<std::pair<size_t, size_t>> marks;
  std::vector<std::pair<size_t, size_t>> placeholders;  // masked [start, end) per mention slot
  std::vector<size_t> slot_mention;                      // placeholder slot → mention index
};

char OpenFor(const Mention& m) {
  if (m.kind == "number") return '\x01';
  if (m.kind == "date" || m.kind == "time") return '\x03';
  return '\x05';
}

Masked Mask(std::string_view text, size_t start, size_t end, const std::vector<Mention>& mentions,
            const std::vector<size_t>& in_sentence) {
  Masked out;
  size_t pos = start;
  for (size_t index : in_sentence) {
    const Mention& m = mentions[index];
    out.marks.push_back({out.text.size(), pos});
    out.text.append(text.substr(pos, m.start - pos));
    const char open = OpenFor(m);
    const size_t slot = out.slot_mention.size();
    out.marks.push_back({out.text.size(), m.start});
    const size_t p_start = out.text.size();
    out.text += open;
    out.text += std::to_string(slot);
    out.text += static_cast<char>(open + 1);
    out.placeholders.push_back({p_start, out.text.size()});
    out.slot_mention.push_back(index);
    out.marks.push_back({out.text.size(), m.end});
    pos = m.end;
  }
  out.marks.push_back({out.text.size(), pos});
  out.text.append(text.substr(pos, end - pos));
  out.marks.push_back({out.text.size(), end});
  return out;
}

// Original offset of a masked offset; inside a placeholder: its mention's
// start (`as_end` false) or end (true).
size_t Unmask(const Masked& m, size_t masked, bool as_end,
              const std::vector<Mention>& mentions) {
  for (size_t slot = 0; slot < m.placeholders.size(); ++slot) {
    const auto [ps, pe] = m.placeholders[slot];
    if (masked > ps && masked < pe) {
      const Mention& mention = mentions[m.slot_mention[slot]];
      return as_end ? mention.end : mention.start;
    }
    if (masked == pe && as_end) return mentions[m.slot_mention[slot]].end;
  }
  auto it = std::upper_bound(m.marks.begin(), m.marks.end(), std::make_pair(masked, SIZE_MAX));
  const auto [mp, op] = *(it - 1);
  return op + (masked - mp);
}

// The mentions whose placeholders lie inside masked [start, end).
std::vector<size_t> MentionsIn(const Masked& m, size_t start, size_t end) {
  std::vector<size_t> out;
  for (size_t slot = 0; slot < m.placeholders.size(); ++slot) {
    if (m.placeholders[slot].first >= start && m.placeholders[slot].second <= end) {
      out.push_back(m.slot_mention[slot]);
    }
  }
  return out;
}

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

// The words before the value, back to the clause's start, at most `words`.
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

// A date that says when: a year, a month and day ("XXXX-01-03"), or a day
// of the week ("XXXX-WXX-5": undated stories still agree on "Friday"); not
// "PRESENT_REF" or "XXXX-XX-XX".
bool Datable(const std::string& timex) {
  static const RE2 kDatable(R"((?:\d{3,4}|XXXX-\d\d|XXXX-WXX-\d).*)");
  return RE2::FullMatch(timex, kDatable);
}

struct Candidate {
  const rules::Rule* rule;
  size_t rule_index;
  size_t start, end;  // original offsets of the whole match
  size_t mention;     // the value
  std::optional<std::string> named;  // "Soleimani, Muhandis" before "and eight other men"
  normalize::Groups groups;
  std::optional<size_t> anniversary;  // "… marked {the second anniversary} of …"
};

// Longest first, then higher priority, then earlier rule: one claim per
// (attribute, mention); an `ignore` claim silences the mention altogether.
void Select(std::vector<Candidate>* cands) {
  std::stable_sort(cands->begin(), cands->end(), [](const Candidate& a, const Candidate& b) {
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    if (a.rule->priority != b.rule->priority) return a.rule->priority > b.rule->priority;
    return a.rule_index < b.rule_index;
  });
  std::vector<Candidate> kept;
  std::vector<size_t> silenced;
  for (Candidate& c : *cands) {
    if (c.rule->attribute == "ignore") {
      silenced.push_back(c.mention);
      continue;
    }
    const bool taken = std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
      return k.mention == c.mention && k.rule->attribute == c.rule->attribute;
    });
    if (!taken) kept.push_back(std::move(c));
  }
  // "Five soldiers were killed" counts the dead, not the troops; "five
  // protesters were killed", not a crowd.
  auto counted_as = [&](size_t mention, std::initializer_list<std::string_view> not_these) {
    return std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
      return k.mention == mention && std::find(not_these.begin(), not_these.end(),
                                               k.rule->attribute) == not_these.end();
    });
  };
  // "35,000 bodies never recovered" counts the missing, not the dead.
  auto missing = [&](size_t mention) {
    return std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
      return k.mention == mention && k.rule->attribute == "missing";
    });
  };
  std::erase_if(kept, [&](const Candidate& c) {
    return std::find(silenced.begin(), silenced.end(), c.mention) != silenced.end() ||
           (c.rule->attribute == "troops" && counted_as(c.mention, {"troops", "date"})) ||
           (c.rule->attribute == "crowd" && counted_as(c.mention, {"crowd", "troops", "date"})) ||
           (c.rule->attribute == "deaths" && missing(c.mention));
  });
  std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) {
    return a.start != b.start ? a.start < b.start : a.rule->attribute < b.rule->attribute;
  });
  *cands = std::move(kept);
}

// "Soleimani, Muhandis" → 2: the named people an "N other" count adds to.
int CountNames(std::string_view list) {
  int names = 0;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t next = list.find(',', pos);
    if (next == std::string_view::npos) next = list.size();
    std::string_view part = list.substr(pos, next - pos);
    // " and " inside a part splits it too.
    for (size_t and_pos; (and_pos = part.find(" and ")) != std::string_view::npos;) {
      names += std::any_of(part.begin(), part.begin() + and_pos,
                           [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
      part.remove_prefix(and_pos + 5);
    }
    names += std::any_of(part.begin(), part.end(),
                         [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    pos = next + 1;
  }
  return names;
}

model::Time TimeFromTimex(const std::string& timex, const std::string& granularity) {
  model::Time t;
  t.timex = timex;
  t.granularity = granularity;
  if (auto bounds = normalize::TimexBounds(timex)) {
    t.lo = bounds->lo.ToString();
    t.hi = bounds->hi.ToString();
  }
  return t;
}

}  // namespace

struct Extractor::Impl {
  const rules::RuleSet& rules;
  const normalize::Recognizer& recognizer;
  std::unique_ptr<RE2::Set> claim_set;
  std::unique_ptr<RE2> hedge, revision, non_claim, negation, breaker, breaker_after;
  std::unique_ptr<RE2> date_speech_before, date_speech_after, clause_break;
  std::vector<std::unique_ptr<RE2>> attribution;  // tried in order
  SubjectBuilder subjects;
  TimeContext time_context;

  Impl(const rules::RuleSet& r, const normalize::Recognizer& rec)
      : rules(r), recognizer(rec), subjects(r), time_context(r) {}

  void FindCandidates(std::string_view text, const corpus::Span& s,
                      const std::vector<Mention>& mentions, const std::vector<size_t>& in_sentence,
                      std::vector<Candidate>* out) const;
  model::Claim BuildClaim(const corpus::Document& doc, const Extraction& x, const Candidate& c,
                           const corpus::Span& sentence, const std::vector<size_t>& in_sentence,
                           const corpus::Span& previous_span, const std::vector<size_t>& in_previous,
                           const DocumentSubjects& doc_subjects) const;
  bool AsOfFor(const corpus::Document& doc, const Extraction& x, const std::vector<size_t>& in_sentence,
               size_t value_mention, bool tally, const std::string& event, model::AsOf* as_of,
               std::pair<size_t, size_t> clause = {0, SIZE_MAX}) const;
  std::pair<size_t, size_t> ClauseOf(std::string_view text, const corpus::Span& sentence,
                                     size_t value_start) const;
  std::string AttachedEvent(std::string_view text, const Mention& m) const;
  bool DatesRecentEvent(const corpus::Document& doc, const Extraction& x, size_t mention) const;
  bool ContinuesBackground(const corpus::Document& doc, std::string_view sentence,
                           std::string_view previous, const model::AsOf& previous_time) const;
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;

bool Extractor::Create(const rules::RuleSet& rules, const normalize::Recognizer& recognizer,
                       std::unique_ptr<Extractor>* out, std::string* err) {
  auto impl = std::make_unique<Impl>(rules, recognizer);
  if (!rules::CompileSet(rules.claim_rules(), &impl->claim_set, err)) return false;
  impl->hedge = CompileMacro(rules, "HEDGE");
  impl->revision = CompileMacro(rules, "REVISION");
  impl->non_claim = CompileMacro(rules, "NON_CLAIM");
  impl->negation = CompileMacro(rules, "NEGATION");
  impl->breaker = CompileMacro(rules, "BREAKER");
  impl->breaker_after = CompileMacro(rules, "BREAKER_AFTER");
  impl->date_speech_before = CompileMacro(rules, "DATE_SPEECH_BEFORE");
  impl->date_speech_after = CompileMacro(rules, "DATE_SPEECH_AFTER");
  impl->clause_break = CompileMacro(rules, "CLAUSE_BREAK");
  for (const char* name : {"ATTRIBUTION", "ATTRIBUTION_2", "ATTRIBUTION_3"}) {
    if (auto re = CompileMacro(rules, name)) impl->attribution.push_back(std::move(re));
  }
  *out = std::unique_ptr<Extractor>(new Extractor(std::move(impl)));
  return true;
}

void Extractor::Impl::FindCandidates(std::string_view text, const corpus::Span& s,
                                     const std::vector<Mention>& mentions,
                                     const std::vector<size_t>& in_sentence,
                                     std::vector<Candidate>* out) const {
  const Masked masked = Mask(text, s.start, s.end, mentions, in_sentence);
  const re2::StringPiece whole(masked.text);
  std::vector<int> hits;
  if (!claim_set->Match(whole, &hits)) return;
  std::sort(hits.begin(), hits.end());
  for (int index : hits) {
    const rules::Rule& rule = *rules.claim_rules()[index];
    const RE2& re = *rule.re;
    const int n = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> g(n);
    const int value_group = re.NamedCapturingGroups().at("value");
    auto named_it = re.NamedCapturingGroups().find("named");
    size_t pos = 0;
    while (pos <= masked.text.size() &&
           re.Match(whole, pos, masked.text.size(), RE2::UNANCHORED, g.data(), n)) {
      const size_t ms = g[0].data() - masked.text.data();
      const size_t me = ms + g[0].size();
      pos = me > ms ? me : ms + 1;
      if (g[value_group].data() == nullptr) continue;
      const size_t vs = g[value_group].data() - masked.text.data();
      const std::vector<size_t> values = MentionsIn(masked, vs, vs + g[value_group].size());
      if (values.size() != 1) continue;
      // A breaker word ("and", "who") between the value and the rest of the
      // match means the claim word belongs to another phrase: "the two
      // vehicles and killed …", "42 were killed and 55 wounded".
      const size_t value_end = vs + g[value_group].size();
      const bool breakers = !rule.fields.count("breakers") || rule.fields.at("breakers") != "false";
      const std::string_view mt = masked.text;
      const std::string_view after = me > value_end ? mt.substr(value_end, me - value_end) : "";
      if (breakers && (Search(breaker.get(), after) || Search(breaker_after.get(), after) ||
                       (vs > ms && Search(breaker.get(), mt.substr(ms, vs - ms))))) {
        continue;
      }
      // Counts are whole and cardinal: "the second protest", "a 6.1 quake" count nothing.
      if (const auto* q = std::get_if<model::Quantity>(&mentions[values[0]].value)) {
        if (mentions[values[0]].ordinal || (q->point && *q->point != static_cast<int64_t>(*q->point))) {
          continue;
        }
      }
      // A date claim's value is a date the text gives, not one it derives
      // from another event ("a year after his killing").
      if (rule.attribute == "date") {
        const auto* t = std::get_if<TimeValue>(&mentions[values[0]].value);
        if (t == nullptr || t->anchor || !Datable(t->timex)) continue;
        if (rule.fields.count("explicit") && rule.fields.at("explicit") == "true" &&
            !time_context.IsExplicit(mentions[values[0]], text)) {
          continue;
        }
        constexpr size_t kSpeechWindow = 40;  // bytes either side of the date
        const size_t from = vs > kSpeechWindow ? vs - kSpeechWindow : 0;
        if (Search(date_speech_before.get(), mt.substr(from, vs - from)) ||
            Search(date_speech_after.get(), mt.substr(value_end, kSpeechWindow))) {
          continue;
        }
      }
      Candidate c{&rule, static_cast<size_t>(index), Unmask(masked, ms, false, mentions),
                  Unmask(masked, me, true, mentions), values[0], std::nullopt, {}, std::nullopt};
      auto anniversary_it = re.NamedCapturingGroups().find("anniversary");
      if (anniversary_it != re.NamedCapturingGroups().end() &&
          g[anniversary_it->second].data() != nullptr) {
        const size_t as = g[anniversary_it->second].data() - masked.text.data();
        const auto inside = MentionsIn(masked, as, as + g[anniversary_it->second].size());
        if (inside.size() == 1) c.anniversary = inside[0];
      }
      if (named_it != re.NamedCapturingGroups().end() && g[named_it->second].data() != nullptr) {
        const size_t ns = g[named_it->second].data() - masked.text.data();
        const size_t ne = ns + g[named_it->second].size();
        const size_t os = Unmask(masked, ns, false, mentions), oe = Unmask(masked, ne, true, mentions);
        c.named = std::string(text.substr(os, oe - os));
      }
      // Every named group, the value included (subjects read the words after it).
      for (const auto& [name, gi] : re.NamedCapturingGroups()) {
        if (g[gi].data() == nullptr) continue;
        const size_t gs = g[gi].data() - masked.text.data();
        const size_t os = Unmask(masked, gs, false, mentions);
        const size_t oe = Unmask(masked, gs + g[gi].size(), true, mentions);
        c.groups[name] = std::string(text.substr(os, oe - os));
      }
      out->push_back(std::move(c));
    }
  }
}

// [start, end) in the document of the clause holding `value_start`: the
// sentence cut at CLAUSE_BREAK matches (", and", ";").
std::pair<size_t, size_t> Extractor::Impl::ClauseOf(std::string_view text, const corpus::Span& sentence,
                                                    size_t value_start) const {
  std::pair<size_t, size_t> clause{sentence.start, sentence.end};
  if (clause_break == nullptr) return clause;
  re2::StringPiece input(text.data() + sentence.start, sentence.end - sentence.start);
  while (RE2::FindAndConsume(&input, *clause_break)) {
    const size_t at = input.data() - text.data();  // just after the break
    if (at <= value_start) {
      clause.first = at;
    } else {
      clause.second = at;
      break;
    }
    if (input.empty()) break;
  }
  return clause;
}

bool Extractor::Impl::AsOfFor(const corpus::Document& doc, const Extraction& x,
                              const std::vector<size_t>& in_sentence, size_t value_mention, bool tally,
                              const std::string& event, model::AsOf* as_of,
                              std::pair<size_t, size_t> clause) const {
  // The sentence's own time: a date mention other than the value, one in the
  // value's clause first ("… in 2003, and 600 were killed … in February").
  for (const bool in_clause : {true, false}) {
    for (size_t i : in_sentence) {
      const Mention& m = x.mentions[i];
      if (i == value_mention) continue;
      if (m.kind != "date" && m.kind != "time") continue;
      if (in_clause && (m.start < clause.first || m.end > clause.second)) continue;
      const ResolvedTime& t = x.times[i];
      if (!Datable(t.timex)) continue;
      // "the quake, which struck on Tuesday": the toll is as of the report.
      if (tally && DatesRecentEvent(doc, x, i)) return false;
      // "injured as it rocked a region devastated by the tsunami of 2004".
      if (const std::string other = AttachedEvent(doc.text, m); !other.empty() && other != event) continue;
      as_of->timex = t.timex;
      if (auto b = normalize::TimexBounds(t.timex)) {
        as_of->lo = b->lo.ToString();
        as_of->hi = b->hi.ToString();
      }
      as_of->basis = t.basis.empty() ? "sentence" : t.basis;
      return true;
    }
  }
  return false;
}

// The event a time is written onto: "the tsunami of 2004", "the 2004
// tsunami", "Tuesday's quake" → its key; "" when the words beside it name none.
std::string Extractor::Impl::AttachedEvent(std::string_view text, const Mention& m) const {
  constexpr size_t kBefore = 2, kAfter = 2;  // words: "tsunami of", "'s quake"
  constexpr size_t kReach = 40;  // bytes either side
  const size_t from = m.start > kReach ? m.start - kReach : 0;
  std::vector<std::string_view> before = Words(text.substr(from, m.start - from));
  if (from > 0 && !before.empty()) before.erase(before.begin());  // maybe a part word
  if (before.size() > kBefore) before.erase(before.begin(), before.end() - kBefore);
  std::vector<std::string_view> after = Words(text.substr(m.end, kReach));
  if (after.size() > kAfter) after.resize(kAfter);
  for (const auto* words : {&after, &before}) {
    if (words->empty()) continue;
    const std::string_view joined(words->front().data(),
                                  static_cast<size_t>(words->back().data() + words->back().size() -
                                                      words->front().data()));
    // Only words of the same phrase: no clause break between.
    if (joined.find_first_of(",;:.") != std::string_view::npos &&
        joined.find_first_of(",;:.") + 1 < joined.size()) continue;
    if (std::vector<std::string> keys = subjects.EventKeys(joined); !keys.empty()) {
      return words == &after ? keys.front() : keys.back();
    }
  }
  return "";
}

// A toll grows after its event: a time that dates the event ("the quake,
// which struck on Tuesday", "Tuesday's quake") in the week before the report
// is not when the toll was counted; the report is. The time's clause names
// an event and no one speaking ("officials said on Tuesday" dates the count).
bool Extractor::Impl::DatesRecentEvent(const corpus::Document& doc, const Extraction& x,
                                       size_t mention) const {
  constexpr int64_t kRecentDays = 7;
  if (!doc.published) return false;
  const auto bounds = normalize::TimexBounds(x.times[mention].timex);
  if (!bounds) return false;
  const int64_t report_day = doc.published->ToDays();
  if (bounds->hi.ToDays() > report_day || report_day - bounds->lo.ToDays() > kRecentDays) return false;
  const Mention& m = x.mentions[mention];
  // The time's clause in its sentence.
  const auto sentence = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), m.start,
                                         [](size_t at, const corpus::Span& span) { return at < span.start; });
  if (sentence == doc.sentences.begin()) return false;
  const corpus::Span& span = *std::prev(sentence);
  const std::string_view text = std::string_view(doc.text).substr(span.start, span.end - span.start);
  const size_t start = m.start - span.start, end = std::min(m.end - span.start, text.size());
  const size_t from = ClauseAround(text, start).first, to = ClauseAround(text, end).second;
  const std::string_view before = text.substr(from, start - from);
  const std::string_view after = text.substr(end, to - end);
  if (Search(date_speech_before.get(), before) || Search(date_speech_after.get(), after)) return false;
  return !subjects.EventKeys(before).empty() || !subjects.EventKeys(after).empty();
}

// "In April last year a quake struck off Banda Aceh. Five people died … in
// the quake": a sentence that names, with "the", an event the sentence
// before dated long before the report continues that background paragraph.
bool Extractor::Impl::ContinuesBackground(const corpus::Document& doc, std::string_view sentence,
                                          std::string_view previous,
                                          const model::AsOf& previous_time) const {
  constexpr int64_t kBackgroundDays = 60;  // as the reconciler's background events
  const auto hi = ParseIsoDate(previous_time.hi);
  if (!doc.published || !hi || doc.published->ToDays() - hi->ToDays() <= kBackgroundDays) return false;
  const std::vector<std::string> before = subjects.EventKeys(previous);
  for (const std::string& key : subjects.DefiniteEventKeys(sentence)) {
    if (std::find(before.begin(), before.end(), key) != before.end()) return true;
  }
  return false;
}

model::Claim Extractor::Impl::BuildClaim(const corpus::Document& doc, const Extraction& x,
                                          const Candidate& c, const corpus::Span& sentence,
                                          const std::vector<size_t>& in_sentence,
                                          const corpus::Span& previous_span,
                                          const std::vector<size_t>& in_previous,
                                          const DocumentSubjects& doc_subjects) const {
  model::Claim claim;
  claim.doc = doc.id;
  claim.rule = c.rule->id;
  claim.attribute = c.rule->attribute;
  const Mention& m = x.mentions[c.mention];
  const std::string_view text = doc.text;
  const std::string_view sentence_text = text.substr(sentence.start, sentence.end - sentence.start);

  if (const auto* q = std::get_if<model::Quantity>(&m.value)) {
    model::Quantity v = *q;
    if (c.named) {
      const int named = CountNames(*c.named);
      if (v.point) *v.point += named;
      v.lo += named;
      if (v.hi) *v.hi += named;
    }
    claim.value = v;
  } else {
    const auto& tv = std::get<TimeValue>(m.value);
    std::string timex = x.times[c.mention].timex;
    auto years = c.rule->fields.find("years_before");
    if (years != c.rule->fields.end()) {
      int n = time_context.OrdinalOr(c.groups, years->second);
      if (c.anniversary) {
        const auto* a = std::get_if<TimeValue>(&x.mentions[*c.anniversary].value);
        if (a && a->anchor && a->anchor->ordinal > 0) n = a->anchor->ordinal;
      }
      timex = time_context.ShiftYears(timex, -n);
    }
    claim.value = TimeFromTimex(timex, tv.granularity);
  }

  // as_of: the sentence's time for counts, the document's date otherwise. A
  // sentence that opens on a pronoun ("It killed 612 people") continues the
  // one before it ("The last major quake … was in February"): its time too.
  const auto opens_on_pronoun = [&] {
    const std::vector<std::string_view> words = Words(sentence_text.substr(0, 20));
    return !words.empty() && rules.Lex("continuation_openers").Find(words.front()) != nullptr;
  };
  const bool tally = rules.Lex("tally_attributes").Find(claim.attribute) != nullptr;
  const size_t rel_value = m.start - sentence.start;
  claim.subject = subjects.Build(claim.attribute, sentence_text, c.groups, c.rule->fields, rel_value,
                                 doc_subjects);
  const std::string event = claim.subject.substr(0, claim.subject.find_first_of("/@ "));
  const bool own_time = claim.attribute != "date" &&
                        AsOfFor(doc, x, in_sentence, c.mention, tally, event, &claim.as_of,
                                ClauseOf(text, sentence, m.start));
  const auto continues_previous = [&] {
    if (in_previous.empty()) return false;
    model::AsOf previous_time;
    if (!AsOfFor(doc, x, in_previous, c.mention, tally, event, &previous_time)) return false;
    const std::string_view previous = text.substr(previous_span.start, previous_span.end - previous_span.start);
    if (!opens_on_pronoun() && !ContinuesBackground(doc, sentence_text, previous, previous_time)) {
      return false;
    }
    claim.as_of = previous_time;
    return true;
  };
  if (claim.attribute == "date" || (!own_time && !continues_previous())) {
    if (doc.published) {
      claim.as_of = {doc.published->ToString(), doc.published->ToString(),
                     doc.published->ToString(),
                     doc.published_basis == "reference-date" ? "reference-date" : "document-date"};
    } else {
      claim.as_of.basis = "unresolved";
    }
  }

  const std::string_view before = WindowBefore(sentence_text, rel_value, 8);
  claim.hedged = Search(hedge.get(), sentence_text);
  claim.negated = Search(negation.get(), before);
  claim.revision = Search(revision.get(), before);
  for (const auto& re : attribution) {
    re2::StringPiece who;
    if (RE2::PartialMatch(re2::StringPiece(sentence_text.data(), sentence_text.size()), *re,
                          &who) &&
        !who.empty()) {
      claim.attribution = std::string(who.data(), who.size());
      break;
    }
  }
  claim.evidence.start = c.start;
  claim.evidence.end = c.end;
  const corpus::Position p = doc.PositionOf(c.start);
  claim.evidence.line = p.line;
  claim.evidence.column = p.column;
  claim.evidence.text = std::string(text.substr(c.start, c.end - c.start));
  claim.evidence.sentence = std::string(sentence_text);
  return claim;
}

bool Extractor::Extract(corpus::Document& doc, Extraction* out, std::string* err) const {
  const Impl& impl = *impl_;
  Extraction& x = *out;
  if (!impl.recognizer.Find(doc, doc.published, &x.mentions, err)) return false;
  if (!doc.published) {
    if (auto found = impl.time_context.DiscoverDocumentDate(doc, x.mentions, &x.trace)) {
      doc.published = found->date;
      doc.published_basis = found->basis;
      x.mentions.clear();
      if (!impl.recognizer.Find(doc, doc.published, &x.mentions, err)) return false;
    }
  }
  x.times = impl.time_context.Resolve(doc, x.mentions, &x.trace);

  const DocumentSubjects doc_subjects = impl.subjects.ForDocument(doc);
  size_t next = 0;
  std::vector<size_t> in_previous, in_sentence;
  corpus::Span previous_span{}, this_span{};
  for (const corpus::Span& s : doc.sentences) {
    previous_span = this_span;
    this_span = s;
    in_previous = std::move(in_sentence);
    in_sentence.clear();
    while (next < x.mentions.size() && x.mentions[next].start < s.start) ++next;
    for (size_t i = next; i < x.mentions.size() && x.mentions[i].end <= s.end; ++i) {
      in_sentence.push_back(i);
    }
    if (in_sentence.empty()) continue;
    std::vector<Candidate> cands;
    impl.FindCandidates(doc.text, s, x.mentions, in_sentence, &cands);
    Select(&cands);
    for (const Candidate& c : cands) {
      const std::string_view sentence_text =
          std::string_view(doc.text).substr(s.start, s.end - s.start);
      const size_t rel = x.mentions[c.mention].start - s.start;
      if (Search(impl.non_claim.get(), WindowBefore(sentence_text, rel, 8))) {
        x.trace.push_back(fmt::format("{} at {}: not a claim (a plan, call, vow or condition)",
                                      c.rule->id, c.start));
        continue;
      }
      model::Claim claim = impl.BuildClaim(doc, x, c, s, in_sentence, previous_span, in_previous, doc_subjects);
      claim.id = fmt::format("{}#{}", doc.id, x.claims.size() + 1);
      x.trace.push_back(fmt::format("{} → {} {} = {} (subject {})", c.rule->id, claim.id,
                                    claim.attribute, claim.evidence.text, claim.subject));
      x.claims.push_back(std::move(claim));
    }
  }
  return true;
}

}  // namespace claimcheck::extract
