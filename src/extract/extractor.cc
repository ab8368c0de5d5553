#include "extract/extractor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "extract/as_of.h"
#include "extract/candidates.h"
#include "extract/matching.h"
#include "extract/scope.h"
#include "extract/story.h"
#include "extract/subject.h"
#include "extract/time_context.h"
#include "normalize/number.h"

namespace claimcheck::extract {

using normalize::Mention;
using normalize::TimeValue;

namespace {

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

// The text of one of the document's sentences.
std::string_view TextOf(const corpus::Document& doc, const corpus::Span& s) {
  return std::string_view(doc.text).substr(s.start, s.end - s.start);
}

// Pass 7: a count of the shot (scope counted "shot": killed and wounded)
// learns the largest count of dead its document gives for its subject, so
// that reconciling reads it as that many fewer wounded at least ("Four
// people were shot … one of them died": 3 to 4 wounded). One pass over the
// document's claims for the counts of dead, one for the counts of shot.
// A count of dead the story dates more than `apart` days (setting
// background_days) from its own day is another event's toll ("In 2016, a
// shooting at a nightclub killed 49"), none of the shot's.
void KilledOfShot(const std::optional<CivilDate>& published, int64_t apart, std::vector<model::Claim>* claims) {
  const auto far_from_story = [&](const model::AsOf& as_of) {
    const auto lo = ParseIsoDate(as_of.lo), hi = ParseIsoDate(as_of.hi);
    if (!published || !lo || !hi) return false;
    const int64_t day = published->ToDays();
    return hi->ToDays() < day - apart || lo->ToDays() > day + apart;
  };
  std::unordered_map<std::string_view, int64_t> killed;  // subject → most dead
  bool shot = false;
  for (const model::Claim& c : *claims) {
    shot = shot || !c.scope.counted.empty();
    const auto* q = std::get_if<model::Quantity>(&c.value);
    if (c.attribute != "deaths" || c.negated || q == nullptr || !c.scope.empty()) continue;
    if (far_from_story(c.as_of)) continue;
    const int64_t n = q->hi ? *q->hi : q->lo;
    auto [it, added] = killed.try_emplace(c.subject, n);
    if (!added) it->second = std::max(it->second, n);
  }
  if (!shot) return;
  for (model::Claim& c : *claims) {
    if (c.scope.counted.empty()) continue;
    auto it = killed.find(c.subject);
    c.scope.killed = it == killed.end() ? -1 : it->second;
  }
}

// The event a subject is about, without its role, scope or place:
// "shooting" of "shooting/bystanders@city".
std::string_view EventOf(std::string_view subject) { return subject.substr(0, subject.find_first_of("/@(")); }

// Where a subject's event happened: "city" of "shooting/bystanders@city".
std::string_view PlaceOf(std::string_view subject) {
  const size_t at = subject.find('@');
  return at == std::string_view::npos ? std::string_view() : subject.substr(at + 1);
}

// A subject of the story's own incident, whole: not another incident, a
// running total or one place of several ("/others", "/total", "/in-…").
bool OwnIncident(std::string_view subject) {
  return subject.find("/others") == std::string_view::npos && subject.find("/total") == std::string_view::npos &&
         subject.find("/in-") == std::string_view::npos;
}

// Marks a claim as another incident's: "/others" before its place.
void MarkOtherIncident(model::Claim& c) { c.subject.insert(std::min(c.subject.find('@'), c.subject.size()), "/others"); }

// A count of role "others" told of the story's own incident ("Three other
// people suffered minor injuries", not "In a separate shooting, two other
// people were hurt"): others than those counted before it.
bool OthersOfOwnIncident(const model::Claim& c, const SubjectBuilder& subjects) {
  const std::string_view s(c.subject);
  const std::string_view base = s.substr(0, s.find('@'));
  if (!base.ends_with("/others") || base.find('/') != base.size() - 7) return false;
  const size_t at = c.evidence.sentence.find(c.evidence.text);
  return at != std::string::npos && !subjects.OtherIncident(c.evidence.sentence, at);
}

// Pass 8: an incident its sentence introduces as "a" or "an" and dates more
// than `recent` days (setting recent_event_days) but less than `background`
// days (background_days: older events part by their time) before the report
// is another incident: "A quake on the island of Lombok in August killed more
// than 500 people" in a story of September's quake. Its date claim and the
// counts of its sentence take "…/others" when the introduced event is their
// subject's (not "Soleimani, who was killed in a drone strike" dating his
// killing in an anniversary story). The story's own event, introduced
// the same way in its lead ("A 7.5-magnitude earthquake struck on Friday,
// killing 384"), is dated within those days. Linear.
void IndefinitePastIncidents(const std::optional<CivilDate>& published, int64_t recent, int64_t background,
                             const SubjectBuilder& subjects, std::vector<model::Claim>* claims) {
  if (!published) return;
  // Older than the story's days, not yet a background event (those the
  // reconciler parts by their event time, whatever article they take).
  const auto old = [&](const std::string& iso) {
    const auto day = ParseIsoDate(iso);
    return day && day->ToDays() < published->ToDays() - recent && day->ToDays() >= published->ToDays() - background;
  };
  std::unordered_set<std::string_view> past;  // sentences that date such an incident
  for (model::Claim& c : *claims) {
    const auto* t = std::get_if<model::Time>(&c.value);
    if (c.attribute != "date" || t == nullptr || !OwnIncident(c.subject) || !old(t->hi)) continue;
    const size_t at = c.evidence.sentence.find(c.evidence.text);
    if (at == std::string::npos ||
        subjects.IndefiniteEventBefore(c.evidence.sentence, at + c.evidence.text.size()) != EventOf(c.subject)) {
      continue;
    }
    MarkOtherIncident(c);
    past.insert(c.evidence.sentence);
  }
  for (model::Claim& c : *claims) {
    if (!std::holds_alternative<model::Quantity>(c.value) || c.attribute == "troops" || c.attribute == "crowd" ||
        !OwnIncident(c.subject)) {
      continue;
    }
    if (!past.count(c.evidence.sentence) && !(c.as_of.basis == "sentence" && old(c.as_of.hi))) continue;
    const size_t at = c.evidence.sentence.find(c.evidence.text);
    if (at != std::string::npos && subjects.IndefiniteEventBefore(c.evidence.sentence, at) == EventOf(c.subject)) {
      MarkOtherIncident(c);
    }
  }
}

// Pass 8: no toll is counted before its event happened. A count of the dead
// or hurt its own sentence dates more than a day before the earliest date
// the document gives its event ("It was the city's second mass shooting
// this month. On Sept. 2, four people were wounded outside a club" in a
// story of Saturday's shooting) is another incident's, up to `background`
// days (setting background_days) before it.
void TollsBeforeTheEvent(const rules::Lexicon& tallies, int64_t background, std::vector<model::Claim>* claims) {
  std::unordered_map<std::string_view, int64_t> first_day;  // event → earliest day its date claims give
  for (const model::Claim& c : *claims) {
    const auto* t = std::get_if<model::Time>(&c.value);
    if (c.attribute != "date" || t == nullptr || c.negated || !OwnIncident(c.subject)) continue;
    const auto lo = ParseIsoDate(t->lo), hi = ParseIsoDate(t->hi);
    if (!lo || !hi || lo->ToDays() != hi->ToDays()) continue;  // a day, not a month or a span
    auto [it, inserted] = first_day.emplace(EventOf(c.subject), lo->ToDays());
    if (!inserted) it->second = std::min(it->second, lo->ToDays());
  }
  if (first_day.empty()) return;
  for (model::Claim& c : *claims) {
    if (tallies.Find(c.attribute) == nullptr || !std::holds_alternative<model::Quantity>(c.value) ||
        !OwnIncident(c.subject) || (c.as_of.basis != "sentence" && c.as_of.basis != "anchored")) {
      continue;
    }
    const auto it = first_day.find(EventOf(c.subject));
    const auto hi = ParseIsoDate(c.as_of.hi);
    // Older ones are background events the reconciler parts by their time.
    if (it == first_day.end() || !hi || hi->ToDays() >= it->second - 1 || hi->ToDays() < it->second - background) {
      continue;
    }
    MarkOtherIncident(c);
  }
}

// Pass 8, first: injuries of role "others" told after the story's dead and
// before any count of its injured ("Two women were killed … Five other
// people were wounded") are others than the dead: the story's count of
// injured, not a role of its own (the subject loses "/others"). One pass in
// document order over the counts.
void OthersBesideTheDead(const SubjectBuilder& subjects, std::vector<model::Claim>* claims) {
  // Any count of the dead or injured, of any scope ("Two men were shot, one
  // fatally" counts injured too): the others are others than all of them.
  const auto quantity = [](const model::Claim& c) {
    return !c.negated && std::holds_alternative<model::Quantity>(c.value);
  };
  std::vector<size_t> order;
  for (size_t i = 0; i < claims->size(); ++i) {
    const model::Claim& c = (*claims)[i];
    if ((c.attribute == "deaths" || c.attribute == "injuries") && quantity(c)) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return (*claims)[a].evidence.start < (*claims)[b].evidence.start;
  });
  const auto key = [](const model::Claim& c) {
    return std::string(EventOf(c.subject)) + '\n' + std::string(PlaceOf(c.subject));
  };
  std::unordered_set<std::string> dead, injured;  // keys with a count so far
  for (size_t i : order) {
    model::Claim& c = (*claims)[i];
    const std::string k = key(c);
    if (c.attribute == "injuries" && c.scope.empty() && c.timeline.empty() && OthersOfOwnIncident(c, subjects) &&
        dead.count(k) > 0 && injured.count(k) == 0) {
      const size_t role = c.subject.find("/others");
      c.subject.erase(role, 7);
    }
    if (!OwnIncident(c.subject)) continue;
    (c.attribute == "deaths" ? dead : injured).insert(k);
  }
}

// Pass 8, then: a count joined by "and" to a part of the same attribute
// and subject in its sentence splits the same whole ("11 people died at the
// scene and one died on the way to the hospital"): a part too, "another
// part" (lexicon scope_macro_parts, SIBLINGS_OF_PARTS), never the toll. Claims in document order; the words between the
// two counts (evidence spans) hold a `count_joiners` word and no sentence
// end. Linear.
void SiblingsOfParts(std::string_view text, const rules::Lexicon& joiners, const std::string& part,
                     std::vector<model::Claim>* claims) {
  std::vector<model::Claim*> order;
  for (model::Claim& c : *claims) {
    if (!c.negated && std::holds_alternative<model::Quantity>(c.value)) order.push_back(&c);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const model::Claim* a, const model::Claim* b) { return a->evidence.start < b->evidence.start; });
  for (size_t i = 1; i < order.size(); ++i) {
    const model::Claim& a = *order[i - 1];
    model::Claim& b = *order[i];
    if (a.scope.part.empty() || !b.scope.empty() || a.attribute != b.attribute || a.subject != b.subject ||
        a.evidence.sentence != b.evidence.sentence || a.evidence.end > b.evidence.start || b.evidence.start > text.size()) {
      continue;
    }
    const std::vector<std::string_view> between = Words(text.substr(a.evidence.end, b.evidence.start - a.evidence.end));
    if (std::any_of(between.begin(), between.end(),
                    [&](std::string_view w) { return joiners.Find(TrimWord(w)) != nullptr; })) {
      b.scope.part = part;
    }
  }
}

// Pass 8, last: a toll its own story revises upward ("UPDATE: Police now
// say two people have died" over "One person was killed and three others
// were injured") was told with the wounded of its time: one of them died.
// The lower toll and the injured its sentences count beside it are earlier
// figures (timeline stage "earlier", cue the revised count's words),
// superseded, never compared. Linear in the document's counts.
void InjuredBeforeTollRose(const rules::RuleSet& rules, std::vector<model::Claim>* claims) {
  const auto plain = [](const model::Claim& c) {
    return !c.negated && c.timeline.empty() && c.scope.empty() && std::holds_alternative<model::Quantity>(c.value);
  };
  std::unordered_map<std::string, const model::Claim*> rose;  // subject → its highest revised toll
  for (const model::Claim& c : *claims) {
    if (c.attribute != "deaths" || !c.revision || !plain(c)) continue;
    const model::Claim*& top = rose[c.subject];
    if (top == nullptr || std::get<model::Quantity>(top->value).lo < std::get<model::Quantity>(c.value).lo) top = &c;
  }
  if (rose.empty()) return;
  std::unordered_map<std::string, std::string> earlier;  // sentence of a lower toll → the revised count's words
  for (const model::Claim& c : *claims) {
    auto it = rose.find(c.subject);
    if (c.attribute != "deaths" || c.revision || !plain(c) || it == rose.end()) continue;
    // Below the revised figure as stated: a headline's "kills 1,800" is the
    // story's "rose to more than 1,800", not a lower toll.
    const auto& q = std::get<model::Quantity>(c.value);
    const auto& r = std::get<model::Quantity>(it->second->value);
    if (q.hi && *q.hi < normalize::StatedFigure(r, rules)) {
      earlier.emplace(c.subject + '\n' + c.evidence.sentence, it->second->evidence.text);
    }
  }
  for (model::Claim& c : *claims) {
    if ((c.attribute != "deaths" && c.attribute != "injuries") || c.revision || !plain(c)) continue;
    auto it = earlier.find(c.subject + '\n' + c.evidence.sentence);
    if (it == earlier.end()) continue;
    c.timeline.stage = "earlier";
    c.timeline.cue = it->second;
  }
}

// Keeps the parallel candidates and claims that `drop` does not mark, in
// order; the dropped candidates go to `dropped` (explain says why).
void KeepUndropped(const std::vector<bool>& drop, std::vector<const Candidate*>* kept,
                   std::vector<model::Claim>* claims, std::vector<const Candidate*>* dropped) {
  size_t out = 0;
  for (size_t i = 0; i < claims->size(); ++i) {
    if (drop[i]) {
      dropped->push_back((*kept)[i]);
      continue;
    }
    if (out != i) {
      (*kept)[out] = (*kept)[i];
      (*claims)[out] = std::move((*claims)[i]);
    }
    ++out;
  }
  kept->resize(out);
  claims->resize(out);
}

// Pass 5: "No one else was injured" is none besides those its story told
// before (lexicon besides_cues): after a casualty of another attribute ("A
// man was killed … no one else was injured") the zero is the toll; after a
// count of its own ("Two men were shot and wounded. No one else was hurt")
// it adds none to it, and with none counted before it ("A woman was shot
// and wounded … No one else was injured", her wound told in words no rule
// counts) it says nothing of how many: no claim either way. `kept` and
// `claims` are parallel; the dropped candidates go to `dropped`.
void LoneBesidesZeros(const WordFinder& besides, const rules::Lexicon& tallies,
                      std::vector<const Candidate*>* kept, std::vector<model::Claim>* claims,
                      std::vector<const Candidate*>* dropped) {
  const auto zero = [](const model::Claim& c) {
    const auto* q = std::get_if<model::Quantity>(&c.value);
    return q != nullptr && q->lo == 0 && q->hi == 0;
  };
  // Per attribute, where its first nonzero count starts: one pass, then a
  // look over the few tally attributes per zero.
  std::map<std::string_view, size_t> first;
  for (const model::Claim& o : *claims) {
    if (tallies.Find(o.attribute) == nullptr || zero(o)) continue;
    auto [it, added] = first.emplace(o.attribute, o.evidence.start);
    if (!added) it->second = std::min(it->second, o.evidence.start);
  }
  std::vector<bool> drop(claims->size(), false);
  for (size_t i = 0; i < claims->size(); ++i) {
    const model::Claim& c = (*claims)[i];
    if (tallies.Find(c.attribute) == nullptr || !zero(c) || besides.Find(c.evidence.text).empty()) continue;
    bool other = false, own = false;
    for (const auto& [attribute, start] : first) {  // tally attributes: a handful
      if (start < c.evidence.start) (attribute == c.attribute ? own : other) = true;
    }
    drop[i] = own || !other;
  }
  KeepUndropped(drop, kept, claims, dropped);
}

// Pass 8: a count its story marks as added ("Two men were wounded. … Two
// bystanders were also hurt", "3 more people were hurt", "Three other people
// suffered minor injuries": role others, of no other incident) adds to
// the counts of the same attribute and event told before it: each is read
// as itself to itself plus the added ones (scope `added`), and an added
// count with no role of its own is that part of the story's count (scope
// part "also"), not a figure of its own. "also" in the claim's words or as
// the word before them. Only counts of the story's own incident and place:
// the earlier count has no role ("Two men were wounded"), the added one no
// other incident ("Three people also died in an air strike on another
// school"). Counts with a scope, negated or earlier figures take no part.
void AddedCounts(const corpus::Document& doc, const SubjectBuilder& subjects, const WordFinder& added_cues,
                 std::vector<model::Claim>* claims) {
  const auto counts = [](const model::Claim& c) {
    return (c.attribute == "deaths" || c.attribute == "injuries") && !c.negated && c.timeline.empty() &&
           std::holds_alternative<model::Quantity>(c.value) && c.scope.who.empty() && c.scope.added == 0;
  };
  // A count added ones may add to: the whole, a count of the shot ("Two
  // people were shot") too. An added one may be a part of its own ("Three
  // other people suffered minor injuries").
  const auto whole = [](const model::Claim& c) { return c.scope.part.empty(); };
  // A word of lexicon added_count_cues in the claim's words ("also", "3 more
  // people were hurt"; "more than 3" is a bound), or of value 1 right before
  // them ("… also two were hurt").
  const auto marked = [&](const model::Claim& c) {
    if (added_cues.Has(c.evidence.text, "1") || added_cues.Has(c.evidence.text, "2")) return true;
    const size_t start = std::min(c.evidence.start, doc.text.size());
    const std::string_view before = std::string_view(doc.text).substr(start >= 6 ? start - 6 : 0, start >= 6 ? 6 : start);
    return added_cues.Has(before, "1") && before.find_first_of(".;:!?") == std::string_view::npos;
  };
  // A count added to a toll given elsewhere ("Three other people suffered
  // minor injuries", "another four people died": role "others"), not another
  // incident's ("In a separate shooting, two other people were hurt").
  // Not in a sentence that dates another incident ("a strike on a hospital
  // in January killed seven": IndefinitePastIncidents marked both).
  std::unordered_set<std::string_view> other_dated;
  for (const model::Claim& c : *claims) {
    if (c.attribute == "date" && !OwnIncident(c.subject)) other_dated.insert(c.evidence.sentence);
  }
  const auto others = [&](const model::Claim& c) {
    return !other_dated.count(c.evidence.sentence) && OthersOfOwnIncident(c, subjects);
  };
  // Each count: 0 none, 1 a count added ones may add to (no role), 2 an added one.
  std::vector<uint8_t> kind(claims->size(), 0);
  bool any_added = false;
  for (size_t i = 0; i < claims->size(); ++i) {
    const model::Claim& c = (*claims)[i];
    if (!counts(c)) continue;
    if (OwnIncident(c.subject)) {
      kind[i] = c.scope.counted.empty() && marked(c)                    ? 2
                : whole(c) && c.subject.find('/') == std::string::npos ? 1
                                                                        : 0;
    } else if (c.scope.counted.empty() && others(c)) {
      kind[i] = 2;
    }
    any_added = any_added || kind[i] == 2;
  }
  // "Glenn then shot two more people": "more" says the count adds to
  // victims told before (lexicon added_count_cues 2), so it is a part (part
  // "also") even when they were told one by one and it counts the shot. Not
  // when the nearest count before it is of another attribute ("The quake
  // killed 11. It left hundreds more injured": more than the dead, the toll
  // of the injured), nor with a place of its own ("Dozens more died in
  // India": that place's toll).
  std::vector<size_t> by_start;
  for (size_t i = 0; i < claims->size(); ++i) {
    if (counts((*claims)[i])) by_start.push_back(i);
  }
  std::stable_sort(by_start.begin(), by_start.end(), [&](size_t a, size_t b) {
    return (*claims)[a].evidence.start < (*claims)[b].evidence.start;
  });
  for (size_t k = 0; k < by_start.size(); ++k) {
    model::Claim& c = (*claims)[by_start[k]];
    if (!OwnIncident(c.subject) || c.subject.find_first_of("/@") != std::string::npos || !c.scope.part.empty() ||
        !added_cues.Has(c.evidence.text, "2")) {
      continue;
    }
    size_t prev = k;
    while (prev > 0 && (*claims)[by_start[prev - 1]].evidence.start == c.evidence.start) --prev;
    if (prev > 0 && (*claims)[by_start[prev - 1]].attribute != c.attribute) continue;
    c.scope.part = "also";
  }
  if (!any_added) return;
  // Attribute, event and place: the counts that add up.
  const auto key = [&](const model::Claim& c) {
    return c.attribute + '\n' + std::string(EventOf(c.subject)) + '\n' + std::string(PlaceOf(c.subject));
  };
  std::vector<size_t> order;
  for (size_t i = 0; i < claims->size(); ++i) {
    if (kind[i] != 0) order.push_back(i);
  }
  const auto start = [&](size_t i) { return (*claims)[i].evidence.start; };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return start(a) < start(b); });
  // Forward: an added count adds when a count it adds to comes strictly
  // before it. Backward: each such count sums the added ones strictly after
  // it. O(n log n) over the document's counts.
  std::unordered_map<std::string, size_t> before;
  std::vector<bool> adds(claims->size(), false);
  for (size_t k = 0; k < order.size();) {
    size_t end = k;
    while (end < order.size() && start(order[end]) == start(order[k])) ++end;
    for (size_t m = k; m < end; ++m) {
      if (kind[order[m]] == 2) adds[order[m]] = before.count(key((*claims)[order[m]])) > 0;
    }
    for (size_t m = k; m < end; ++m) {
      if (kind[order[m]] == 1) ++before[key((*claims)[order[m]])];
    }
    k = end;
  }
  std::unordered_map<std::string, int64_t> after;
  std::vector<int64_t> more(claims->size(), 0);
  for (size_t k = order.size(); k > 0;) {
    size_t first = k;
    while (first > 0 && start(order[first - 1]) == start(order[k - 1])) --first;
    for (size_t m = first; m < k; ++m) {
      if (kind[order[m]] != 1) continue;
      auto it = after.find(key((*claims)[order[m]]));
      if (it != after.end()) more[order[m]] = it->second;
    }
    for (size_t m = first; m < k; ++m) {
      if (kind[order[m]] != 2 || !adds[order[m]]) continue;
      // Each within 2^53, the sum kept there: no overflow.
      int64_t& sum = after[key((*claims)[order[m]])];
      sum = std::min(sum + std::clamp<int64_t>(std::get<model::Quantity>((*claims)[order[m]].value).lo, 0,
                                               model::kMaxCount),
                     model::kMaxCount);
    }
    k = first;
  }
  for (size_t i = 0; i < claims->size(); ++i) {
    model::Claim& c = (*claims)[i];
    if (more[i] > 0) c.scope.added = more[i];
    if (adds[i] && c.subject.find('/') == std::string::npos && c.scope.part.empty()) c.scope.part = "also";
  }
}

}  // namespace

// The passes, each a member built once from the rules; see Extract for the
// order in which they run over one document.
struct Extractor::Impl {
  const rules::RuleSet& rules;
  const normalize::Recognizer& recognizer;
  SubjectBuilder subjects;
  WordFinder added_cues;  // lexicon added_count_cues (pass 8)
  WordFinder besides_cues;  // lexicon besides_cues (pass 8)
  TimeContext time_context;
  std::unique_ptr<CandidateFinder> candidates;
  AsOfPass as_of;
  ScopePass scope;
  StoryNames story_names;
  std::unique_ptr<RE2> hedge, hedge_clause_end, revision, non_claim, negation;
  std::unique_ptr<RE2> later_death;  // a story that tells of a victim dying after the first reports
  std::unique_ptr<RE2> denied_report, reported_frame, falsity;  // denied and debunked figures
  std::vector<std::unique_ptr<RE2>> attribution;  // tried in order
  std::string sibling_part;  // lexicon scope_macro_parts SIBLINGS_OF_PARTS (pass 8)

  Impl(const rules::RuleSet& r, const normalize::Recognizer& rec)
      : rules(r),
        recognizer(rec),
        subjects(r),
        added_cues(r, "added_count_cues"),
        besides_cues(r, "besides_cues"),
        time_context(r, subjects),
        as_of(r, subjects),
        scope(r),
        story_names(r),
        sibling_part(r.Lex("scope_macro_parts").Value("SIBLINGS_OF_PARTS").value_or("another part")) {}

  bool MentionsAndDate(corpus::Document& doc, Extraction* x, std::string* err) const;
  bool IsClaim(const corpus::Document& doc, const Candidate& c) const;
  model::Claim ValueAndEvidence(const corpus::Document& doc, const Extraction& x,
                                const Candidate& c) const;
  void Flags(const corpus::Document& doc, const Candidate& c, model::Claim* claim) const;
  bool IsSpeaker(std::string_view who) const;
  bool OwnClauseSpeaker(std::string_view sentence, size_t value_end, size_t at) const;
  void DropAnecdotes(std::string_view text, std::vector<const Candidate*>* kept,
                     std::vector<model::Claim>* claims, std::vector<const Candidate*>* dropped) const;
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;

bool Extractor::Create(const rules::RuleSet& rules, const normalize::Recognizer& recognizer,
                       std::unique_ptr<Extractor>* out, std::string* err) {
  auto impl = std::make_unique<Impl>(rules, recognizer);
  if (!CandidateFinder::Create(rules, impl->time_context, &impl->candidates, err)) return false;
  impl->hedge = CompileMacro(rules, "HEDGE");
  impl->hedge_clause_end = CompileMacro(rules, "HEDGE_CLAUSE_END");
  impl->revision = CompileMacro(rules, "REVISION");
  impl->later_death = CompileMacro(rules, "LATER_DEATH");
  impl->non_claim = CompileMacro(rules, "NON_CLAIM");
  impl->negation = CompileMacro(rules, "NEGATION");
  impl->denied_report = CompileMacro(rules, "DENIED_REPORT");
  impl->reported_frame = CompileMacro(rules, "REPORTED_FRAME");
  impl->falsity = CompileMacro(rules, "FALSITY");
  for (const char* name : {"ATTRIBUTION", "ATTRIBUTION_2", "ATTRIBUTION_3", "ATTRIBUTION_4"}) {
    if (auto re = CompileMacro(rules, name)) impl->attribution.push_back(std::move(re));
  }
  *out = std::unique_ptr<Extractor>(new Extractor(std::move(impl)));
  return true;
}

// One document, top to bottom. Each pass reads what the ones before it
// produced and nothing after it:
//   1. mentions, and the document's date when metadata gave none
//   2. event dates and anchored times ("two days later")
//   3. candidate claims: claim rules over each sentence, mentions masked
//   4. claims: plans and calls dropped; value and evidence
//   5. subjects: what each claim is about (the document's subjects first),
//      and the class of its event word
//   6. as_of: when each claim was true (needs the subject's event)
//   7. flags (hedged, negated, revision, attribution), a count's scope, the
//      claim's stage in the document's order of reports, and ids
bool Extractor::Extract(corpus::Document& doc, Extraction* out, std::string* err) const {
  const Impl& impl = *impl_;
  Extraction& x = *out;
  if (!impl.MentionsAndDate(doc, &x, err)) return false;                      // 1

  x.times = impl.time_context.Resolve(doc, x.mentions, &x.trace);            // 2

  const std::vector<MentionRange> by_sentence = MentionsBySentence(doc, x.mentions);
  std::vector<Candidate> candidates;                                            // 3
  if (!impl.candidates->Find(doc, x.mentions, by_sentence, &candidates, err)) return false;

  std::vector<const Candidate*> kept;                                          // 4
  std::vector<model::Claim> claims;
  claims.reserve(candidates.size());  // at most one each: no doubling on a document of 400,000
  // The dateline says when the story was filed, not when its event was.
  const std::optional<size_t> dateline = impl.time_context.Dateline(doc, x.mentions);
  const auto on_dateline = [&](const Candidate& c) { return dateline && c.mention == *dateline; };
  for (const Candidate& c : candidates) {
    if (on_dateline(c) || !impl.IsClaim(doc, c)) continue;
    kept.push_back(&c);
    claims.push_back(impl.ValueAndEvidence(doc, x, c));
  }
  std::vector<const Candidate*> anecdotes;
  if (!claims.empty()) {                                                       // 5
    const DocumentSubjects doc_subjects = impl.subjects.ForDocument(doc);
    for (size_t i = 0; i < claims.size(); ++i) {
      const Candidate& c = *kept[i];
      const corpus::Span& s = doc.sentences[c.sentence];
      const std::string_view previous = c.sentence == 0 ? std::string_view() : TextOf(doc, doc.sentences[c.sentence - 1]);
      claims[i].subject = impl.subjects.Build(claims[i].attribute, TextOf(doc, s), c.groups, c.rule->fields,
                                              c.value_start - s.start, doc_subjects, previous);
      const std::string& subject = claims[i].subject;
      claims[i].event_class =
          impl.rules.Lex("event_classes").Value(subject.substr(0, subject.find_first_of("/@"))).value_or("");
    }
    impl.DropAnecdotes(doc.text, &kept, &claims, &anecdotes);
  }
  std::vector<const Candidate*> besides;
  LoneBesidesZeros(impl.besides_cues, impl.rules.Lex("tally_attributes"), &kept, &claims, &besides);
  for (size_t i = 0; i < claims.size(); ++i) {                                 // 6
    claims[i].as_of = impl.as_of.For(doc, x, by_sentence, *kept[i], claims[i]);
  }
  const size_t first = x.claims.size();                                        // 7
  size_t next = 0;
  for (const Candidate& c : candidates) {
    if (next == kept.size() || kept[next] != &c) {
      const bool anecdote = std::find(anecdotes.begin(), anecdotes.end(), &c) != anecdotes.end();
      const bool none_besides = std::find(besides.begin(), besides.end(), &c) != besides.end();
      x.trace.push_back(fmt::format("{} at {}: not a claim ({})", c.rule->id, c.start,
                                    on_dateline(c) ? "the dateline: when the story was filed"
                                    : anecdote     ? "one person of an event whose tolls are numbers"
                                    : none_besides ? "none besides those told before: no toll"
                                                   : "a plan, call, vow or condition"));
      continue;
    }
    model::Claim& claim = claims[next++];
    impl.Flags(doc, c, &claim);
    claim.id = fmt::format("{}#{}", doc.id, first + next);
    x.trace.push_back(fmt::format("{} → {} {} = {} (subject {})", c.rule->id, claim.id,
                                  claim.attribute, claim.evidence.text, claim.subject));
  }
  KilledOfShot(doc.published, impl.rules.IntSetting("background_days", 60), &claims);
  IndefinitePastIncidents(doc.published, impl.rules.IntSetting("recent_event_days", 7),
                          impl.rules.IntSetting("background_days", 60), impl.subjects, &claims);
  OthersBesideTheDead(impl.subjects, &claims);
  AddedCounts(doc, impl.subjects, impl.added_cues, &claims);
  SiblingsOfParts(doc.text, impl.rules.Lex("count_joiners"), impl.sibling_part, &claims);
  InjuredBeforeTollRose(impl.rules, &claims);
  TollsBeforeTheEvent(impl.rules.Lex("tally_attributes"), impl.rules.IntSetting("background_days", 60), &claims);
  // A story that tells of a victim who died after the first reports ("a
  // second victim has died", "the death toll has risen") is a later report:
  // its counts (lexicon tally_attributes) are revised figures, a change from
  // other reports of that day, not a contradiction of them (macro
  // LATER_DEATH; sought only in documents with such counts).
  const rules::Lexicon& tallies = impl.rules.Lex("tally_attributes");
  const auto tally = [&](const model::Claim& c) { return tallies.Find(c.attribute) != nullptr; };
  if (std::any_of(claims.begin(), claims.end(), tally) && Search(impl.later_death.get(), doc.text)) {
    for (model::Claim& c : claims) {
      if (tally(c) && c.timeline.empty()) c.revision = true;
    }
  }
  // The names its story is told with: what tells two stories of one
  // batch apart (rules/README.md, "Verdicts", 7); only a document with claims
  // is compared with another.
  if (!claims.empty()) doc.names = impl.story_names.Of(doc);
  // Every kept candidate is one of `candidates`, in their order: all claims
  // are done. Moved whole, not one by one: one vector of them, not two.
  if (x.claims.empty()) {
    x.claims = std::move(claims);
  } else {
    x.claims.insert(x.claims.end(), std::make_move_iterator(claims.begin()), std::make_move_iterator(claims.end()));
  }
  return true;
}

// Pass 1. Mentions resolve relative time against the document's date: a
// date found in the text (a dateline, an anniversary) means finding them again.
bool Extractor::Impl::MentionsAndDate(corpus::Document& doc, Extraction* x, std::string* err) const {
  if (!recognizer.Find(doc, doc.published, &x->mentions, err)) return false;
  if (doc.published) return true;
  auto found = time_context.DiscoverDocumentDate(doc, x->mentions, &x->trace);
  if (!found) return true;
  doc.published = found->date;
  doc.published_basis = found->basis;
  // Only a sentence with a time mention can read differently against the
  // date: the others keep the mentions they have (numbers know no date).
  std::vector<Mention> first = std::move(x->mentions);
  x->mentions.clear();
  size_t next = 0;
  for (const corpus::Span& s : doc.sentences) {
    const size_t begin = next;
    bool timed = false;
    while (next < first.size() && first[next].start < s.end) {
      timed = timed || first[next].kind != "number";
      ++next;
    }
    if (timed) {
      if (!recognizer.FindInSpan(doc.text, s.start, s.end, doc.published, &x->mentions, err)) return false;
    } else {
      x->mentions.insert(x->mentions.end(), std::make_move_iterator(first.begin() + static_cast<ptrdiff_t>(begin)),
                         std::make_move_iterator(first.begin() + static_cast<ptrdiff_t>(next)));
    }
  }
  return true;
}

// Pass 5: a fixed count ("a woman was killed") is a toll only in stories of
// events that strike people one by one (lexicon `fixed_count_events`: a
// shooting, a killing); in a quake or a war it is one person of a toll
// told in numbers, an anecdote, not a count.
void Extractor::Impl::DropAnecdotes(std::string_view text, std::vector<const Candidate*>* kept,
                                    std::vector<model::Claim>* claims,
                                    std::vector<const Candidate*>* dropped) const {
  const rules::Lexicon& events = rules.Lex("fixed_count_events");
  // "The crash killed ten passengers. … The driver also died": one more
  // marked "also" (lexicon added_count_cues 1) after a toll of the same
  // attribute told in numbers adds to it (pass 8), whatever the event.
  std::map<std::string_view, size_t> first_number;  // attribute → first value_start of a numeric count
  for (size_t j = 0; j < claims->size(); ++j) {
    if ((*kept)[j]->count) continue;
    auto [it, added] = first_number.emplace((*claims)[j].attribute, (*kept)[j]->value_start);
    if (!added) it->second = std::min(it->second, (*kept)[j]->value_start);
  }
  const auto adds_to_numbers = [&](size_t i) {
    const Candidate& c = *(*kept)[i];
    if (!added_cues.Has(text.substr(c.start, c.end - c.start), "1")) return false;
    const auto it = first_number.find((*claims)[i].attribute);
    return it != first_number.end() && it->second < c.value_start;
  };
  std::vector<bool> drop(claims->size(), false);
  for (size_t i = 0; i < claims->size(); ++i) {
    const model::Claim& claim = (*claims)[i];
    const std::string event = claim.subject.substr(0, claim.subject.find_first_of("/@ "));
    drop[i] = (*kept)[i]->count && events.Find(event) == nullptr && !adds_to_numbers(i);
  }
  KeepUndropped(drop, kept, claims, dropped);
}

// Pass 4: plans, calls, vows and conditionals are no claims ("called a
// million-man march", "if one American is killed").
bool Extractor::Impl::IsClaim(const corpus::Document& doc, const Candidate& c) const {
  const corpus::Span& s = doc.sentences[c.sentence];
  const std::string_view sentence_text = TextOf(doc, s);
  return !Search(non_claim.get(), WindowBefore(sentence_text, c.value_start - s.start, 8));
}

// Pass 4: the claim's value (a count with the named people it adds to, or
// a date shifted back by an anniversary's years) and its evidence.
model::Claim Extractor::Impl::ValueAndEvidence(const corpus::Document& doc, const Extraction& x,
                                               const Candidate& c) const {
  model::Claim claim;
  claim.doc = doc.id;
  claim.rule = c.rule->id;
  claim.attribute = c.rule->attribute;
  if (c.count) {
    claim.value = model::Quantity{static_cast<double>(*c.count), *c.count, *c.count, ""};
  } else if (const auto* q = std::get_if<model::Quantity>(&x.mentions[c.mention].value)) {
    model::Quantity v = *q;
    if (c.named) {
      const int named = CountNames(*c.named);
      if (v.point) *v.point += named;
      v.lo += named;
      if (v.hi) *v.hi += named;
    }
    // Field `add` (validated when loaded): people the rule's words count
    // beside the value, "six deputies and a bystander" → 6 + 1.
    if (auto add = c.rule->fields.find("add"); add != c.rule->fields.end()) {
      const int64_t n = std::stoll(add->second);
      if (v.point) *v.point += static_cast<double>(n);
      v.lo += n;
      if (v.hi) *v.hi += n;
    }
    // "one deputy and three officers were killed": the sum of the two.
    if (const auto* p = c.plus ? std::get_if<model::Quantity>(&x.mentions[*c.plus].value) : nullptr) {
      v.point = v.point && p->point ? std::optional<double>(*v.point + *p->point) : std::nullopt;
      v.lo += p->lo;
      v.hi = v.hi && p->hi ? std::optional<int64_t>(*v.hi + *p->hi) : std::nullopt;
      if (v.qualifier.empty()) v.qualifier = p->qualifier;
    }
    // "five people were shot, two fatally": three wounded. Only an exact
    // count is taken away (the finder keeps no other), never below nothing.
    if (const auto* m = c.minus ? std::get_if<model::Quantity>(&x.mentions[*c.minus].value) : nullptr) {
      const int64_t n = m->lo;
      if (v.point) *v.point = std::max(0.0, *v.point - static_cast<double>(n));
      v.lo = std::max<int64_t>(0, v.lo - n);
      if (v.hi) *v.hi = std::max<int64_t>(0, *v.hi - n);
    }
    claim.value = v;
  } else {
    const auto& tv = std::get<TimeValue>(x.mentions[c.mention].value);
    std::string timex = x.times[c.mention].timex;
    auto years = c.rule->fields.find("years_before");
    if (years != c.rule->fields.end()) {
      int n = time_context.OrdinalOr(c.groups, years->second);
      if (c.anniversary) {
        const auto* a = std::get_if<TimeValue>(&x.mentions[*c.anniversary].value);
        if (a && a->anchor && a->anchor->ordinal > 0) n = a->anchor->ordinal;
      }
      std::string shifted = time_context.ShiftYears(timex, -n);
      // Shifted out of the calendar years 1–9999: the year is unknown.
      if (shifted.empty()) shifted = "XXXX" + timex.substr(std::min<size_t>(4, timex.size()));
      timex = std::move(shifted);
    }
    model::Time t = TimeFromTimex(timex, tv.granularity);
    t.mod = tv.mod;
    t.loose_day = tv.loose_day;
    claim.value = std::move(t);
  }
  const std::string_view text = doc.text;
  const corpus::Span& s = doc.sentences[c.sentence];
  claim.evidence.start = c.start;
  claim.evidence.end = c.end;
  const corpus::Position p = doc.PositionOf(c.start);
  claim.evidence.line = p.line;
  claim.evidence.column = p.column;
  claim.evidence.text = std::string(text.substr(c.start, c.end - c.start));
  claim.evidence.sentence = std::string(TextOf(doc, s));
  return claim;
}

// Pass 7: hedges anywhere in the sentence; negation and revision cues in
// the words before the value (a debunked report also by the words after it);
// the first attribution pattern that names someone; what a count covers and
// whether the sentence marks it as earlier.
void Extractor::Impl::Flags(const corpus::Document& doc, const Candidate& c,
                            model::Claim* claim) const {
  const corpus::Span& s = doc.sentences[c.sentence];
  const std::string_view sentence_text = TextOf(doc, s);
  const std::string_view before = WindowBefore(sentence_text, c.value_start - s.start, 8);
  // A hedge in the words up to the end of the value's clause: "killed 12
  // people before apparently killing himself" hedges none of the twelve.
  {
    const size_t value_end = std::min(sentence_text.size(), c.value_end - s.start);
    const std::string_view tail = sentence_text.substr(value_end);
    re2::StringPiece end;
    const size_t cut = hedge_clause_end != nullptr && RE2::PartialMatch(re2::StringPiece(tail.data(), tail.size()),
                                                                        *hedge_clause_end, &end)
                           ? static_cast<size_t>(end.data() - tail.data())
                           : tail.size();
    claim->hedged = Search(hedge.get(), sentence_text.substr(0, value_end + cut));
  }
  // Negated: denied or reported as false ("officials denied reports that
  // 500 died", "posts claiming 500 were killed are false"), not asserted.
  const std::string_view after = sentence_text.substr(std::min(sentence_text.size(), c.value_end - s.start));
  claim->negated = Search(negation.get(), before) || Search(denied_report.get(), before) ||
                   (Search(reported_frame.get(), before) && Search(falsity.get(), after));
  // A rule whose wording is a revision says so (field revision = "true":
  // "a third victim has died").
  claim->revision = Search(revision.get(), before) ||
                    rules::FieldIs(c.rule->fields, "revision");
  if (rules.Lex("tally_attributes").Find(claim->attribute) != nullptr) {
    const bool joined = c.plus.has_value() || c.rule->fields.count("add") > 0;
    claim->scope = scope.ScopeOf(sentence_text, c.value_start - s.start, c.value_end - s.start, joined);
    if (auto counted = c.rule->fields.find("counted"); counted != c.rule->fields.end()) {
      claim->scope.counted = counted->second;
    }
    claim->scope.individual = rules::FieldIs(c.rule->fields, "individual");
    // A part that is the event's own way of harming (lexicon part_events:
    // "killed in a stampede" in a story of the stampede) is the whole toll.
    const std::string event = claim->subject.substr(0, claim->subject.find_first_of("/@ "));
    if (!claim->scope.part.empty() && rules.Lex("part_events").Value(claim->scope.part) == event) claim->scope.part.clear();
  }
  claim->timeline = scope.TimelineOf(sentence_text, c.value_start - s.start, claim->revision);
  // Of every speaker the patterns name in the sentence, the one nearest the
  // value ("Police estimated the crowd at 5,000, while organizers said
  // 20,000 people took part": the 20,000 are the organizers'); of equals,
  // the earlier pattern's. Each pattern scans the sentence once.
  const size_t value_at = c.value_start - s.start, value_to = c.value_end - s.start;
  size_t best_distance = SIZE_MAX;
  const rules::Lexicon& openers = rules.Lex("not_speaker_openers");
  for (const auto& re : attribution) {
    re2::StringPiece rest(sentence_text.data(), sentence_text.size()), who;
    const char* before = rest.data();
    while (RE2::FindAndConsume(&rest, *re, &who)) {
      // A speaker after a link word the pattern took in ("while organizers
      // said"): the words after it (lexicon not_speaker_openers).
      std::string_view speaker(who.data(), who.size());
      while (speaker.find(' ') != std::string_view::npos &&
             openers.Find(TrimWord(speaker.substr(0, speaker.find(' ')))) != nullptr) {
        speaker.remove_prefix(speaker.find(' ') + 1);
      }
      const size_t at = static_cast<size_t>(speaker.data() - sentence_text.data()), to = at + speaker.size();
      // One across a semicolon ("Police estimated the crowd at 12,000;
      // organizers said 40,000 took part") speaks for another clause: it
      // gives way to any speaker of the value's own.
      const std::string_view between = to <= value_at   ? sentence_text.substr(to, value_at - to)
                                       : at >= value_to ? sentence_text.substr(value_to, at - value_to)
                                                        : std::string_view();
      const size_t distance = (to <= value_at ? value_at - to : at >= value_to ? at - value_to : 0) +
                              (between.find(';') != std::string_view::npos ? sentence_text.size() : 0);
      if (distance < best_distance && IsSpeaker(speaker) && !OwnClauseSpeaker(sentence_text, value_to, at)) {
        best_distance = distance;
        claim->attribution = std::string(speaker);
      }
      if (rest.empty() || rest.data() == before) break;  // (a match is never empty: `who` is not)
      before = rest.data();
    }
  }
  // A crowd as the people who called it out count it ("organisers said 2
  // million took part"): an interested party's figure, read as hedged
  // (lexicon interested_parties), so a figure stated plainly sets it aside
  // with a note instead of raising an alarm against it.
  if (claim->attribute == "crowd" && claim->attribution) {
    const rules::Lexicon& parties = rules.Lex("interested_parties");
    for (std::string_view w : Words(*claim->attribution)) {
      if (parties.Find(TrimWord(w)) != nullptr) claim->hedged = true;
    }
  }
}

namespace {

bool Capitalized(std::string_view w) {
  return w.size() >= 2 && (std::isupper(static_cast<unsigned char>(w.front())) || static_cast<unsigned char>(w.front()) >= 0x80);
}

}  // namespace

// Whether a speaker after the value (at `at`) speaks in a clause of its own
// that a `clause_links` word opens after a comma or semicolon ("NBC New
// York estimated the crowd at 70, and the Post says a crowd looted a Rite
// Aid"; "…at 5,000, while organizers said 20,000 took part"): its words are
// not the value's. A speaker closing the sentence ("…, officials said")
// speaks for all of it.
bool Extractor::Impl::OwnClauseSpeaker(std::string_view sentence, size_t value_end, size_t at) const {
  if (at < value_end) return false;
  const size_t mark = sentence.substr(0, at).find_last_of(",;");
  if (mark == std::string_view::npos || mark < value_end) return false;
  const std::vector<std::string_view> opening = Words(sentence.substr(mark + 1, at - mark - 1));
  return !opening.empty() && rules.Lex("clause_links").Find(TrimWord(opening.front())) != nullptr;
}

// Whether what an attribution pattern caught names someone who speaks: a
// person, an official, an agency or a named outlet (rules/README.md,
// "Attribution"). Not a clause ("42 people were killed in …", "navy had
// originally"), a pronoun ("he"), a place ("of Qeshm island") or words
// after a conjunction ("and state media", "which Israel"). The words are
// lexicons: speaker_nouns, not_speaker_openers, not_speaker_words; a name is
// capitalized words (name_particles between them).
bool Extractor::Impl::IsSpeaker(std::string_view who) const {
  const std::vector<std::string_view> words = Words(who);
  if (words.empty() || words.size() > 8) return false;
  if (std::any_of(who.begin(), who.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
    return false;
  }
  if (rules.Lex("not_speaker_openers").Find(TrimWord(words.front())) != nullptr) return false;
  bool noun = false, name = true, named = false;
  for (std::string_view w : words) {
    const std::string_view bare = TrimWord(w);
    if (bare.empty()) continue;
    if (rules.Lex("not_speaker_words").Find(bare) != nullptr) return false;
    if (rules.Lex("speaker_nouns").Find(bare) != nullptr) noun = true;
    if (Capitalized(bare)) {
      named = true;
    } else if (rules.Lex("name_particles").Find(bare) == nullptr && bare != "the") {
      name = false;
    }
  }
  return noun || (name && named);
}

}  // namespace claimcheck::extract
