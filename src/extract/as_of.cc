#include "extract/as_of.h"

#include <algorithm>

#include "extract/matching.h"
#include "normalize/time.h"
#include "rules/rule_set.h"
#include "util/date.h"

namespace claimcheck::extract {

using normalize::Mention;

AsOfPass::AsOfPass(const rules::RuleSet& rules, const SubjectBuilder& subjects)
    : rules_(rules),
      subjects_(subjects),
      recent_event_days_(rules.IntSetting("recent_event_days", 7)),
      background_days_(rules.IntSetting("background_days", 60)),
      clause_break_(CompileMacro(rules, "CLAUSE_BREAK")),
      date_speech_before_(CompileMacro(rules, "DATE_SPEECH_BEFORE")),
      date_speech_after_(CompileMacro(rules, "DATE_SPEECH_AFTER")),
      earlier_figure_before_(CompileMacro(rules, "EARLIER_FIGURE_BEFORE")),
      event_clause_opener_(CompileMacro(rules, "EVENT_CLAUSE_OPENER")),
      relative_clause_opener_(CompileMacro(rules, "RELATIVE_CLAUSE_OPENER")),
      speech_(rules, "speech_verbs") {}

model::AsOf AsOfPass::For(const corpus::Document& doc, const Extraction& x,
                          const std::vector<MentionRange>& by_sentence, const Candidate& c,
                          const model::Claim& claim) const {
  const std::string_view text = doc.text;
  const corpus::Span& sentence = doc.sentences[c.sentence];
  const bool tally = rules_.Lex("tally_attributes").Find(claim.attribute) != nullptr;
  const std::string event = claim.subject.substr(0, claim.subject.find_first_of("/@ "));
  model::AsOf as_of;
  // No figure is as of a day after its report: a time the sentence resolves
  // past the document's date ("It came a month after a massacre … left nine
  // dead", read forward from the story's day) is not the count's.
  const std::string published = doc.published ? doc.published->ToString() : "";
  const auto after_report = [&](const model::AsOf& t) {
    return !published.empty() && t.lo.size() >= published.size() && t.lo > published;
  };
  if (claim.attribute != "date") {
    // The sentence's own time, the value's clause first.
    // A toll's update, as its rule's wording is (field revision: "a third
    // victim has died after the shooting last weekend"), is as of its
    // report, however long after the event it dates.
    const bool revision = rules::FieldIs(c.rule->fields, "revision");
    if (SentenceTime(doc, x, by_sentence[c.sentence], c.mention, tally, event, &as_of,
                     ClauseOf(text, sentence, c.value_start), revision) &&
        !after_report(as_of)) {
      return as_of;
    }
    // A sentence that opens on a pronoun ("It killed 612 people") continues
    // the one before it ("The last major quake … was in February"), and so
    // does one that names, with "the", an event a background paragraph dated.
    if (c.sentence > 0 && !by_sentence[c.sentence - 1].empty()) {
      const corpus::Span& previous_span = doc.sentences[c.sentence - 1];
      model::AsOf previous_time;
      if (SentenceTime(doc, x, by_sentence[c.sentence - 1], c.mention, tally, event,
                       &previous_time) &&
          !after_report(previous_time)) {
        const std::string_view sentence_text = text.substr(sentence.start, sentence.end - sentence.start);
        const std::string_view previous =
            text.substr(previous_span.start, previous_span.end - previous_span.start);
        if (OpensOnPronoun(sentence_text) ||
            ContinuesBackground(doc, sentence_text, previous, previous_time)) {
          return previous_time;
        }
      }
    }
  }
  // An event date claim is as of its report; so is a count without a time.
  if (!doc.published) return model::AsOf{"", "", "", "unresolved"};
  return model::AsOf{published, published, published,
                     doc.published_basis == "reference-date" ? "reference-date" : "document-date"};
}

bool AsOfPass::OpensOnPronoun(std::string_view sentence) const {
  const std::vector<std::string_view> words = Words(sentence.substr(0, 20));
  return !words.empty() && rules_.Lex("continuation_openers").Find(words.front()) != nullptr;
}

// [start, end) in the document of the clause holding `value_start`: the
// sentence cut at CLAUSE_BREAK matches (", and", ";").
std::pair<size_t, size_t> AsOfPass::ClauseOf(std::string_view text, const corpus::Span& sentence,
                                             size_t value_start) const {
  std::pair<size_t, size_t> clause{sentence.start, sentence.end};
  if (clause_break_ == nullptr) return clause;
  re2::StringPiece input(text.data() + sentence.start, sentence.end - sentence.start);
  while (RE2::FindAndConsume(&input, *clause_break_)) {
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

bool AsOfPass::SentenceTime(const corpus::Document& doc, const Extraction& x,
                            MentionRange in_sentence, size_t value_mention, bool tally,
                            const std::string& event, model::AsOf* as_of,
                            std::pair<size_t, size_t> clause, bool revision) const {
  // The sentence's own time: a date mention other than the value, one in the
  // value's clause first ("… in 2003, and 600 were killed … in February").
  // After a time that dates the event, only the time its report was given
  // ("… at a concert on Sunday night …, the police said on Monday").
  bool event_dated = false;
  const size_t value_start = value_mention < x.mentions.size() ? x.mentions[value_mention].start : std::string_view::npos;
  for (const bool in_clause : {true, false}) {
    for (size_t i = in_sentence.first; i < in_sentence.last; ++i) {
      const Mention& m = x.mentions[i];
      if (i == value_mention) continue;
      if (m.kind != "date" && m.kind != "time") continue;
      if (in_clause && (m.start < clause.first || m.end > clause.second)) continue;
      const ResolvedTime& t = x.times[i];
      if (!Datable(t.timex)) continue;
      // "… unaccounted for, down from 15 on Wednesday": the earlier figure's time.
      if (EarlierFigureTime(doc.text, m)) continue;
      // "the quake, which struck on Tuesday": the toll is as of the report.
      if (tally && DatesRecentEvent(doc, x, i, revision, value_start)) {
        event_dated = true;
        continue;
      }
      if (event_dated && !SpeechTime(doc.text, m)) continue;
      // "injured as it rocked a region devastated by the tsunami of 2004".
      if (const std::string other = AttachedEvent(doc.text, m, value_start); !other.empty() && other != event) continue;
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

// Whether a speech verb comes right before the time ("said on Monday").
bool AsOfPass::SpeechTime(std::string_view text, const Mention& m) const {
  constexpr size_t kReach = 40;  // bytes: "officials said late"
  return Search(date_speech_before_.get(), BytesBefore(text, m.start, kReach));
}

// Whether the time dates an earlier figure the count is compared with
// ("down from 15 on Wednesday"; macro EARLIER_FIGURE_BEFORE).
bool AsOfPass::EarlierFigureTime(std::string_view text, const Mention& m) const {
  constexpr size_t kReach = 80;  // bytes: "up from an earlier count of 27 on"
  return Search(earlier_figure_before_.get(), BytesBefore(text, m.start, kReach));
}

// The event a time is written onto: "the tsunami of 2004", "the 2004
// tsunami", "Tuesday's quake" → its key; "" when the words beside it name none.
std::string AsOfPass::AttachedEvent(std::string_view text, const Mention& m, size_t value_start) const {
  constexpr size_t kBefore = 2, kAfter = 2;  // words: "tsunami of", "'s quake"
  constexpr size_t kReach = 40;  // bytes either side
  const size_t from = m.start > kReach ? m.start - kReach : 0;
  std::vector<std::string_view> before = Words(text.substr(from, m.start - from));
  if (from > 0 && !before.empty()) before.erase(before.begin());  // maybe a part word
  if (before.size() > kBefore) before.erase(before.begin(), before.end() - kBefore);
  std::vector<std::string_view> after = Words(text.substr(m.end, kReach));
  if (after.size() > kAfter) after.resize(kAfter);
  // The count's own verb is no other event: "a quake in Papua New Guinea in
  // February killed 160" dates the 160 (the words after the time reach it).
  if (value_start != std::string_view::npos && value_start >= m.end && !after.empty() &&
      after.back().data() + after.back().size() >= text.data() + value_start) {
    after.clear();
  }
  for (const auto* words : {&after, &before}) {
    if (words->empty()) continue;
    const std::string_view joined(words->front().data(),
                                  static_cast<size_t>(words->back().data() + words->back().size() -
                                                      words->front().data()));
    // Only words of the same phrase: no clause break between.
    if (joined.find_first_of(",;:.") != std::string_view::npos &&
        joined.find_first_of(",;:.") + 1 < joined.size()) continue;
    if (std::vector<std::string> keys = subjects_.EventKeys(joined); !keys.empty()) {
      return words == &after ? keys.front() : keys.back();
    }
  }
  return "";
}

// A toll grows after its event: a time that dates the event ("the quake,
// which struck on Tuesday", "Tuesday's quake") in the week before the report
// is not when the toll was counted; the report is. The time's clause names
// an event and no one speaking ("officials said on Tuesday" dates the count).
bool AsOfPass::DatesRecentEvent(const corpus::Document& doc, const Extraction& x,
                                       size_t mention, bool any_age, size_t value_start) const {
  if (!doc.published) return false;
  const auto bounds = normalize::TimexBounds(x.times[mention].timex);
  if (!bounds) return false;
  const int64_t report_day = doc.published->ToDays();
  if (bounds->hi.ToDays() > report_day || (!any_age && report_day - bounds->lo.ToDays() > recent_event_days_)) {
    return false;
  }
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
  if (Search(date_speech_before_.get(), before) || Search(date_speech_after_.get(), after)) return false;
  if (!subjects_.EventKeys(before).empty() || !subjects_.EventKeys(after).empty()) return true;
  // A time in a relative clause that tells what people did (macro
  // RELATIVE_CLAUSE_OPENER): "All 38 men who went down on Tuesday morning
  // are now accounted for: 15 dead" dates their shift, not the count.
  if (Search(relative_clause_opener_.get(), before) && speech_.Find(before).empty() &&
      value_start != std::string_view::npos && value_start > m.end) {
    return true;
  }
  // Between the time and the count, the count's own event: "A glacier broke
  // off on Sunday, sending a torrent down a valley and killing at least 18".
  if (value_start != std::string_view::npos && value_start > m.end && value_start < span.end) {
    const std::string_view between = std::string_view(doc.text).substr(m.end, value_start - m.end);
    if (!subjects_.EventKeys(between).empty() && speech_.Find(between).empty()) return true;
  }
  // A time in a clause the count's sentence opens on its event (macro
  // EVENT_CLAUSE_OPENER): "Three people died when the block came down on
  // Wednesday" dates the collapse, whatever words tell it.
  if (value_start != std::string_view::npos && value_start < m.start && value_start >= span.start) {
    const std::string_view between = std::string_view(doc.text).substr(value_start, m.start - value_start);
    if (Search(event_clause_opener_.get(), between) && speech_.Find(between).empty()) return true;
  }
  // A time in a clause of its own, set off by commas ("… at a school in
  // Uvalde, Texas, on Tuesday, officials said"), dates what the sentence
  // told before it: an event, when no one speaks between the two.
  const size_t event_end = subjects_.LastEventEnd(text.substr(0, from));
  return event_end != std::string_view::npos && speech_.Find(text.substr(event_end, start - event_end)).empty();
}

// "In April last year a quake struck off Banda Aceh. Five people died … in
// the quake": a sentence that names, with "the", an event the sentence
// before dated long before the report continues that background paragraph.
bool AsOfPass::ContinuesBackground(const corpus::Document& doc, std::string_view sentence,
                                          std::string_view previous,
                                          const model::AsOf& previous_time) const {
  const auto hi = ParseIsoDate(previous_time.hi);
  if (!doc.published || !hi || doc.published->ToDays() - hi->ToDays() <= background_days_) return false;
  const std::vector<std::string> before = subjects_.EventKeys(previous);
  for (const std::string& key : subjects_.DefiniteEventKeys(sentence)) {
    if (std::find(before.begin(), before.end(), key) != before.end()) return true;
  }
  return false;
}

}  // namespace claimcheck::extract
