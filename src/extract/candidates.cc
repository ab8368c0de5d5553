#include "extract/candidates.h"

#include <algorithm>

#include "extract/matching.h"
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
            MentionRange in_sentence) {
  Masked out;
  size_t pos = start;
  for (size_t index = in_sentence.first; index < in_sentence.last; ++index) {
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

}  // namespace

std::vector<MentionRange> MentionsBySentence(const corpus::Document& doc,
                                             const std::vector<Mention>& mentions) {
  std::vector<MentionRange> out;
  out.reserve(doc.sentences.size());
  size_t next = 0;
  for (const corpus::Span& s : doc.sentences) {
    while (next < mentions.size() && mentions[next].start < s.start) ++next;
    MentionRange r{next, next};
    while (r.last < mentions.size() && mentions[r.last].end <= s.end) ++r.last;
    out.push_back(r);
  }
  return out;
}

bool CandidateFinder::Create(const rules::RuleSet& rules, const TimeContext& time,
                             std::unique_ptr<CandidateFinder>* out, std::string* err) {
  std::unique_ptr<CandidateFinder> f(new CandidateFinder(rules, time));
  std::vector<const rules::Rule*> claim_rules;
  std::vector<std::string> patterns;
  for (const auto& rule : rules.claim_rules()) {
    claim_rules.push_back(rule.get());
    patterns.push_back(rule->expanded);
  }
  if (!rules::LiteralFilter::Create(claim_rules, patterns, &f->filter_, err)) return false;
  f->breaker_ = CompileMacro(rules, "BREAKER");
  f->breaker_after_ = CompileMacro(rules, "BREAKER_AFTER");
  f->date_speech_before_ = CompileMacro(rules, "DATE_SPEECH_BEFORE");
  f->date_speech_after_ = CompileMacro(rules, "DATE_SPEECH_AFTER");
  *out = std::move(f);
  return true;
}

bool CandidateFinder::Find(const corpus::Document& doc, const std::vector<Mention>& mentions,
                           const std::vector<MentionRange>& by_sentence,
                           std::vector<Candidate>* out, std::string* err) const {
  for (size_t i = 0; i < by_sentence.size(); ++i) {
    if (by_sentence[i].empty()) continue;
    std::vector<Candidate> cands;
    if (!InSentence(doc.text, doc.sentences[i], mentions, by_sentence[i], &cands, err)) return false;
    Select(&cands);
    for (Candidate& c : cands) {
      c.sentence = i;
      out->push_back(std::move(c));
    }
  }
  return true;
}

bool CandidateFinder::InSentence(std::string_view text, const corpus::Span& s,
                                 const std::vector<Mention>& mentions, MentionRange in_sentence,
                                 std::vector<Candidate>* out, std::string* err) const {
  const Masked masked = Mask(text, s.start, s.end, mentions, in_sentence);
  const re2::StringPiece whole(masked.text);
  std::vector<int> hits;
  if (!filter_->Pick(masked.text, &hits, err)) return false;
  for (int index : hits) {
    const rules::Rule& rule = *rules_.claim_rules()[index];
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
      if (breakers && (Search(breaker_.get(), after) || Search(breaker_after_.get(), after) ||
                       (vs > ms && Search(breaker_.get(), mt.substr(ms, vs - ms))))) {
        continue;
      }
      // Counts are whole and cardinal: "the second protest", "a 6.1 quake" count nothing.
      if (const auto* q = std::get_if<model::Quantity>(&mentions[values[0]].value)) {
        if (mentions[values[0]].ordinal || q->lo < 0 ||  // "-5 people": no count is negative
            (q->point && *q->point != static_cast<int64_t>(*q->point))) {
          continue;
        }
      }
      // A date claim's value is a date the text gives, not one it derives
      // from another event ("a year after his killing"), nor the report's
      // own day under a time of day written alone ("happened about 3:30 a.m.").
      if (rule.attribute == "date") {
        const auto* t = std::get_if<TimeValue>(&mentions[values[0]].value);
        if (t == nullptr || t->anchor || t->day_from_reference || !Datable(t->timex)) continue;
        if (rule.fields.count("explicit") && rule.fields.at("explicit") == "true" &&
            !time_.IsExplicit(mentions[values[0]], text)) {
          continue;
        }
        constexpr size_t kSpeechWindow = 40;  // bytes either side of the date
        const size_t from = vs > kSpeechWindow ? vs - kSpeechWindow : 0;
        if (Search(date_speech_before_.get(), mt.substr(from, vs - from)) ||
            Search(date_speech_after_.get(), mt.substr(value_end, kSpeechWindow))) {
          continue;
        }
      }
      Candidate c{&rule, static_cast<size_t>(index), Unmask(masked, ms, false, mentions),
                  Unmask(masked, me, true, mentions), values[0], std::nullopt, {}, std::nullopt, 0};
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
  return true;
}

}  // namespace claimcheck::extract
