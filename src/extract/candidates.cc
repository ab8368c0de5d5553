#include "extract/candidates.h"

#include <algorithm>
#include <cctype>

#include "extract/matching.h"
#include "extract/time_context.h"

namespace claimcheck::extract {

using normalize::Mention;
using normalize::TimeValue;

namespace {

// Claim patterns see the sentence with every mention replaced by a
// placeholder, so a rule says "{NUM} people were killed" and never spells a
// number: \x01<index>\x02 for numbers, \x03\x03\x03<index>\x04 for dates and times,
// \x05<index>\x06 for durations and sets (see rules/README.md, "Claims"). A
// date's opens with three bytes: RE2's FilteredRE2 takes literals of three
// bytes or more, so a rule that needs {DATE} is picked only for a sentence
// with a date, as a rule that needs "killed" only for one with that word.
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
    // A measure ("a 16-year-old", "45 per cent", "$5m") is no count: claim rules read its
    // words as written ("a 9-year-old child was shot" is one person).
    if (!m.unit.empty()) continue;
    out.marks.push_back({out.text.size(), pos});
    out.text.append(text.substr(pos, m.start - pos));
    const char open = OpenFor(m);
    const size_t slot = out.slot_mention.size();
    out.marks.push_back({out.text.size(), m.start});
    const size_t p_start = out.text.size();
    out.text.append(open == '\x03' ? 3 : 1, open);
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

// Every named group of a match, in document text (subjects read the words
// after the value).
normalize::Groups AllGroups(const RE2& re, const std::vector<re2::StringPiece>& g,
                            const Masked& masked, std::string_view text,
                            const std::vector<Mention>& mentions) {
  normalize::Groups groups;
  for (const auto& [name, gi] : re.NamedCapturingGroups()) {
    if (g[gi].data() == nullptr) continue;
    const size_t gs = g[gi].data() - masked.text.data();
    const size_t os = Unmask(masked, gs, false, mentions);
    const size_t oe = Unmask(masked, gs + g[gi].size(), true, mentions);
    groups[name] = std::string(text.substr(os, oe - os));
  }
  return groups;
}

// Where a match's claim word starts in the masked text: its `verb` group,
// else the match's end.
size_t VerbStart(const RE2& re, const std::vector<re2::StringPiece>& g, std::string_view masked,
                 size_t match_end) {
  auto it = re.NamedCapturingGroups().find("verb");
  if (it == re.NamedCapturingGroups().end() || g[it->second].data() == nullptr) return match_end;
  return g[it->second].data() - masked.data();
}

// A rule's `count` field (validated when loaded), if it has one.
std::optional<int64_t> FixedCount(const rules::Rule& rule) {
  auto it = rule.fields.find("count");
  if (it == rule.fields.end()) return std::nullopt;
  return std::stoll(it->second);
}

// A fixed count's candidate: its value is `count`; its first word ("a",
// "an") stands where a number would, so subjects and scope read the words
// after it ("an officer was killed" → /police) as they read "two officers".
Candidate FixedCountCandidate(const rules::Rule& rule, int index, const Masked& masked,
                              const std::vector<re2::StringPiece>& g, const RE2& re,
                              std::string_view text, const std::vector<Mention>& mentions,
                              int64_t count) {
  const size_t ms = g[0].data() - masked.text.data();
  const re2::StringPiece value = g[re.NamedCapturingGroups().at("value")];
  const size_t vs = value.data() - masked.text.data();
  Candidate c{&rule, static_cast<size_t>(index), Unmask(masked, ms, false, mentions),
              Unmask(masked, ms + g[0].size(), true, mentions), kNoMention, 0, 0, count,
              std::nullopt, {}, std::nullopt, 0, std::nullopt, std::nullopt, false};
  c.value_start = Unmask(masked, vs, false, mentions);
  const std::string_view words(value.data(), value.size());
  const size_t first_word = std::min(words.find_first_of(" \t\n\r"), words.size());
  c.value_end = Unmask(masked, vs + first_word, true, mentions);
  c.groups = AllGroups(re, g, masked, text, mentions);
  c.groups["value"] = std::string(text.substr(c.value_start, c.value_end - c.value_start));
  return c;
}

// Two candidates count the same thing: one mention, or the same words of a
// fixed count ("a man" in "a man was shot and killed").
bool SameValue(const Candidate& a, const Candidate& b) {
  if (a.count || b.count) {
    return a.count && b.count && a.value_start == b.value_start;
  }
  return a.mention == b.mention;
}

// A fixed count ("a man was killed") is a document's toll only where nothing
// else counts that attribute: beside a number ("two people were killed") it
// is one of them, and two in one sentence ("a man was killed and a woman was
// killed") are two people, not two tolls of one. Precision first: such
// counts are left out rather than summed.
void DropFixedCounts(std::string_view text, const WordFinder& added_cues, std::vector<Candidate>* found,
                     const std::set<std::string>& fixed_attributes) {
  std::vector<bool> drop(found->size(), false);
  // "A woman was also wounded": one more than the others counted, kept
  // (the extractor's pass 8 adds it to them; lexicon added_count_cues 1).
  std::vector<bool> added(found->size(), false);
  for (size_t i = 0; i < found->size(); ++i) {
    const Candidate& c = (*found)[i];
    added[i] = c.count && added_cues.Has(text.substr(c.start, c.end - c.start), "1");
  }
  for (size_t i = 0; i < found->size(); ++i) {
    const Candidate& c = (*found)[i];
    if (!c.count || added[i]) continue;
    for (size_t j = 0; j < found->size() && !drop[i]; ++j) {
      const Candidate& o = (*found)[j];
      drop[i] = j != i && o.rule->attribute == c.rule->attribute &&
                (!o.count || (o.sentence == c.sentence && o.value_start != c.value_start));
      // Below the lead, one person is the story's toll only in a story that
      // counts no one else: beside any other count of a casualty it is one
      // victim of several ("the gunman fired into a bar, injuring a security
      // guard" in a rampage story with "1 other person dead"). One more told
      // in its own words ("Another man was also injured") is no one else: it
      // adds to this one.
      const bool adds_to_c = added[j] && o.rule->attribute == c.rule->attribute;
      drop[i] = drop[i] || (c.below_lead && j != i && o.sentence != c.sentence && !adds_to_c &&
                            fixed_attributes.count(o.rule->attribute) > 0);
    }
  }
  size_t next = 0;
  std::erase_if(*found, [&](const Candidate&) { return drop[next++]; });
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
      return k.rule->attribute == c.rule->attribute && SameValue(k, c);
    });
    if (!taken) kept.push_back(std::move(c));
  }
  // "Five soldiers were killed" counts the dead, not the troops; "five
  // protesters were killed", not a crowd; nor does "five soldiers" in "Five
  // soldiers and two civilians died" (the count a sum adds, group `plus`).
  auto counted_as = [&](size_t mention, std::initializer_list<std::string_view> not_these) {
    return std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
      return mention != kNoMention && (k.mention == mention || k.plus == mention) &&
             std::find(not_these.begin(), not_these.end(), k.rule->attribute) == not_these.end();
    });
  };
  // "35,000 bodies never recovered" counts the missing, not the dead.
  auto missing = [&](size_t mention) {
    return std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
      return mention != kNoMention && k.mention == mention && k.rule->attribute == "missing";
    });
  };
  // "killed 19 children and two teachers" is a toll of 21: the count the
  // sum adds is no toll of its own (its own claim would be a second one).
  auto added_by_sum = [&](const Candidate& c) {
    return std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
      return c.mention != kNoMention && k.plus == c.mention && k.rule->attribute == c.rule->attribute;
    });
  };
  // "fatally shot eight people" counts the dead, not everyone shot (an
  // injuries count with field counted = "shot"): the figure is one or the
  // other. "Two people were mortally wounded", "fatally injured": wounds
  // that killed, so a count whose deaths reading ends on the same word as
  // its injuries reading is the dead's (`same_end`).
  auto dead = [&](const Candidate& c, bool same_end) {
    return std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
      return c.mention != kNoMention && k.mention == c.mention && k.rule->attribute == "deaths" &&
             (!same_end || (k.end == c.end && k.start <= c.start));
    });
  };
  auto counts_shot = [](const Candidate& c) {
    const auto counted = c.rule->fields.find("counted");
    return counted != c.rule->fields.end() && counted->second == "shot";
  };
  std::erase_if(kept, [&](const Candidate& c) {
    // A rule that reads a sub-count as its own value ("shot, one of them
    // fatally": field subcount) is not silenced by the sub-count's ignore rule.
    const bool silenced_here = std::find(silenced.begin(), silenced.end(), c.mention) != silenced.end() &&
                               !rules::FieldIs(c.rule->fields, "subcount");
    return silenced_here || added_by_sum(c) ||
           (c.rule->attribute == "troops" && counted_as(c.mention, {"troops", "date"})) ||
           (c.rule->attribute == "crowd" && counted_as(c.mention, {"crowd", "troops", "date"})) ||
           (c.rule->attribute == "deaths" && missing(c.mention)) ||
           (c.rule->attribute == "injuries" && dead(c, !counts_shot(c)));
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
    f->digit_folds_.Add(rule->expanded);
  }
  f->digit_folds_.Seal();
  if (!rules::LiteralFilter::Create(claim_rules, patterns, &f->filter_, err)) return false;
  f->groups_owner_ = rules::NewSpanGroupsOwner();
  f->breaker_ = CompileMacro(rules, "BREAKER");
  f->breaker_after_ = CompileMacro(rules, "BREAKER_AFTER");
  f->breaker_exempt_ = CompileMacro(rules, "BREAKER_EXEMPT");
  f->date_speech_before_ = CompileMacro(rules, "DATE_SPEECH_BEFORE");
  f->date_speech_after_ = CompileMacro(rules, "DATE_SPEECH_AFTER");
  f->date_limit_before_ = CompileMacro(rules, "DATE_LIMIT_BEFORE");
  f->date_since_before_ = CompileMacro(rules, "DATE_SINCE_BEFORE");
  f->date_later_act_between_ = CompileMacro(rules, "DATE_LATER_ACT_BETWEEN");
  f->count_joined_ = CompileMacro(rules, "COUNT_JOINED");
  f->active_passive_ = CompileMacro(rules, "ACTIVE_DEED_PASSIVE");
  f->active_verb_ = CompileMacro(rules, "ACTIVE_DEED_VERB");
  f->tallies_ = &rules.Lex("tally_attributes");
  f->active_object_ = CompileMacro(rules, "ACTIVE_DEED_OBJECT");
  f->count_joined_before_ = CompileMacro(rules, "COUNT_JOINED_BEFORE");
  f->count_one_of_ = CompileMacro(rules, "COUNT_ONE_OF");
  f->link_line_ = CompileMacro(rules, "LINK_LINE");
  f->added_cues_ = std::make_unique<WordFinder>(rules, "added_count_cues");
  f->event_verbs_ = std::make_unique<WordFinder>(rules, "event_verbs");
  f->passive_be_ = &rules.Lex("patient_be");
  f->perfect_ = &rules.Lex("perfect_auxiliaries");
  f->count_new_clause_ = CompileMacro(rules, "COUNT_NEW_CLAUSE");
  f->fixed_count_sentences_ = static_cast<size_t>(rules.IntSetting("fixed_count_sentences", 3));
  for (const rules::Rule* r : claim_rules) {
    if (r->fields.count("count")) f->fixed_count_attributes_.insert(r->attribute);
  }
  f->has_fixed_counts_ = !f->fixed_count_attributes_.empty();
  *out = std::move(f);
  return true;
}

bool CandidateFinder::Find(const corpus::Document& doc, const std::vector<Mention>& mentions,
                           const std::vector<MentionRange>& by_sentence,
                           std::vector<Candidate>* out, std::string* err) const {
  std::vector<Candidate> found;
  size_t body_sentences = 0;
  bool casualty_found = false;  // a candidate of a fixed-count attribute so far, not below the lead
  for (size_t i = 0; i < by_sentence.size(); ++i) {
    if (doc.sentences[i].start >= doc.body_start) ++body_sentences;
    // A fixed count ("a man was killed") is the story's toll in its lead;
    // further down only in a story that counts no other casualty (a feature
    // that tells the killing late), else it is one victim of several ("the
    // gunman fired into a bar, injuring a security guard": DropFixedCounts).
    // Below the lead fixed counts are sought only until a count of a casualty
    // that is none of them: after it they would be dropped anyway (one below
    // the lead keeps the search on: a later one drops it).
    const bool below_lead = body_sentences > fixed_count_sentences_;
    const bool fixed_counts = has_fixed_counts_ && body_sentences >= 1 && !(below_lead && casualty_found);
    // Without a mention only a fixed count can match.
    if (by_sentence[i].empty() && !fixed_counts) continue;
    // A link to another story or a picture's label ("RELATED: …", "Photo: …").
    const corpus::Span& span = doc.sentences[i];
    if (Search(link_line_.get(), std::string_view(doc.text).substr(span.start, span.end - span.start))) continue;
    std::vector<Candidate> cands;
    if (!InSentence(doc.text, doc.sentences[i], mentions, by_sentence[i], fixed_counts, &cands,
                    err)) {
      return false;
    }
    Select(&cands);
    for (Candidate& c : cands) {
      c.sentence = i;
      c.below_lead = c.count.has_value() && below_lead;
      casualty_found = casualty_found ||
                       (!c.below_lead && fixed_count_attributes_.count(c.rule->attribute) > 0);
      found.push_back(std::move(c));
    }
  }
  DropFixedCounts(doc.text, *added_cues_, &found, fixed_count_attributes_);
  for (Candidate& c : found) out->push_back(std::move(c));
  return true;
}

bool CandidateFinder::InSentence(std::string_view text, const corpus::Span& s,
                                 const std::vector<Mention>& mentions, MentionRange in_sentence,
                                 bool fixed_counts, std::vector<Candidate>* out,
                                 std::string* err) const {
  const Masked masked = Mask(text, s.start, s.end, mentions, in_sentence);
  const re2::StringPiece whole(masked.text);
  std::vector<int> hits;
  if (!filter_->Pick(masked.text, &hits, err)) return false;
  for (int index : hits) {
    const rules::Rule& rule = *rules_.claim_rules()[index];
    const std::optional<int64_t> count = FixedCount(rule);
    if (count ? !fixed_counts : in_sentence.empty()) continue;
    const RE2& re = filter_->Compiled(index);  // the rule's pattern, compiled once
    std::vector<re2::StringPiece> g;
    const int value_group = re.NamedCapturingGroups().at("value");
    auto named_it = re.NamedCapturingGroups().find("named");
    size_t pos = 0;
    // A match its context turns down (a breaker, a date of another act) is
    // sought again from its next word, a few times per rule and sentence:
    // from "killed", "One person was killed and another was wounded in a
    // shooting Saturday night" parts at "and … was", and from "shooting" it
    // dates the shooting. The bound keeps the scan linear.
    constexpr int kRetries = 4;
    int retries = 0;
    // The span first, then its groups, read once per kind of span: claim
    // phrases recur ("{0} people were killed").
    re2::StringPiece span;
    while (pos <= masked.text.size() &&
           re.Match(whole, pos, masked.text.size(), RE2::UNANCHORED, &span, 1)) {
      const size_t ms = span.data() - masked.text.data();
      const size_t me = ms + span.size();
      if (!rules::SpanGroups(re, groups_owner_, static_cast<size_t>(index), digit_folds_[index],
                             masked.text, ms, me, &g)) {
        break;  // never: the span is a match
      }
      const size_t after_match = me > ms ? me : ms + 1;
      size_t next_word = ms;
      while (next_word < me && !std::isspace(static_cast<unsigned char>(masked.text[next_word]))) ++next_word;
      while (next_word < me && std::isspace(static_cast<unsigned char>(masked.text[next_word]))) ++next_word;
      pos = retries < kRetries && next_word > ms && next_word < me ? next_word : after_match;
      ++retries;
      const auto accept = [&] {
        pos = after_match;
        --retries;
      };
      if (g[value_group].data() == nullptr) continue;
      const size_t vs = g[value_group].data() - masked.text.data();
      const std::vector<size_t> values = MentionsIn(masked, vs, vs + g[value_group].size());
      if (!count && values.size() != 1) continue;
      // A breaker word ("and", "who") between the value and the rest of the
      // match means the claim word belongs to another phrase: "the two
      // vehicles and killed …", "42 were killed and 55 wounded". A `verb`
      // group is the claim word itself: breakers are sought before it only
      // ("two people were shot and killed").
      const size_t value_end = vs + g[value_group].size();
      const bool breakers = !rules::FieldIs(rule.fields, "breakers", "false");
      const std::string_view mt = masked.text;
      const size_t claim_word = VerbStart(re, g, masked.text, me);
      std::string after_text(claim_word > value_end ? mt.substr(value_end, claim_word - value_end) : "");
      // An aside set off by commas ("including a nurse and a guard") parts
      // nothing: its words are blanked before breakers are sought.
      size_t aside_start = 0, aside_end = 0;  // [start, end) in mt; empty when none
      if (auto aside = re.NamedCapturingGroups().find("aside");
          aside != re.NamedCapturingGroups().end() && g[aside->second].data() != nullptr) {
        aside_start = g[aside->second].data() - mt.data();
        aside_end = aside_start + g[aside->second].size();
      }
      // Blanks the aside's bytes in `piece`, a copy of mt from `from`.
      const auto blank_aside = [&](std::string* piece, size_t from) {
        for (size_t k = std::max(aside_start, from); k < std::min(aside_end, from + piece->size()); ++k) {
          (*piece)[k - from] = ' ';
        }
      };
      blank_aside(&after_text, value_end);
      // Words that read as breakers but part nothing (BREAKER_EXEMPT: "Boys and
      // Girls Club", "the shooting that occurred …") are blanked first.
      Blank(breaker_exempt_.get(), &after_text);
      const std::string_view after = after_text;
      // An exempt phrase may open before the match: "was shot and killed
      // Saturday" is matched from "shot", and "was" tells it is one act done
      // to someone. So the words just before it are read too, then left out.
      auto breaker_before = [&] {
        constexpr size_t kLead = 16;  // bytes: "has been", "were"
        const size_t lead = std::min(ms, kLead);
        std::string before(mt.substr(ms - lead, vs - ms + lead));
        // The aside parts nothing here either ("killed three people and
        // wounded nine others at a clinic on Friday": a date rule's value
        // comes after its claim word).
        blank_aside(&before, ms - lead);
        Blank(breaker_exempt_.get(), &before);
        return Search(breaker_.get(), std::string_view(before).substr(lead));
      };
      if (breakers && (Search(breaker_.get(), after) || Search(breaker_after_.get(), after) ||
                       (vs > ms && breaker_before()))) {
        continue;
      }
      // A fixed count's words are its persons: "a man and woman", "a man and
      // a woman", "a second victim" are more than one; a person joined to
      // another before or after ("a man, a woman and a child") is one of more.
      if (count && ((*count == 1 && Search(breaker_.get(), mt.substr(vs, value_end - vs))) ||
                    (Search(count_one_of_.get(), mt.substr(vs, value_end - vs)) &&
                     !rules::FieldIs(rule.fields, "one_of", "false")) ||
                    Search(count_joined_before_.get(), mt.substr(vs > 40 ? vs - 40 : 0, std::min<size_t>(vs, 40))) ||
                    (Search(count_joined_.get(), mt.substr(value_end)) &&
                     !Search(count_new_clause_.get(), mt.substr(value_end))))) {
        continue;
      }
      if (count) {
        out->push_back(FixedCountCandidate(rule, index, masked, g, re, text, mentions, *count));
        accept();
        continue;
      }
      // "Two officers fatally shot the teenager": the count did the deed, an
      // active verb and its object after it; no toll (ACTIVE_DEED_*).
      if (active_verb_ != nullptr && me > value_end && tallies_->Find(rule.attribute) != nullptr) {
        const std::string_view words = mt.substr(value_end, me - value_end);
        if (Search(active_verb_.get(), words) && !Search(active_passive_.get(), words) &&
            Search(active_object_.get(), mt.substr(me))) {
          continue;
        }
      }
      // Counts are whole and cardinal: "the second protest", "a 6.1 quake" count nothing;
      // nor does a measure ("a 16-year-old", "45 per cent", "$5m": a number with a unit).
      // A rule with field ordinal = "true" reads an ordinal as the count it
      // ranks up to ("a third victim has died": three dead), and only those.
      const bool reads_ordinal = rules::FieldIs(rule.fields, "ordinal");
      if (const auto* q = std::get_if<model::Quantity>(&mentions[values[0]].value)) {
        if (mentions[values[0]].ordinal != reads_ordinal || !mentions[values[0]].unit.empty() ||
            q->lo < 0 ||  // "-5 people": no count is negative
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
        if (rules::FieldIs(rule.fields, "explicit") &&
            !time_.IsExplicit(mentions[values[0]], text)) {
          continue;
        }
        constexpr size_t kSpeechWindow = 40;  // bytes either side of the date
        const size_t from = vs > kSpeechWindow ? vs - kSpeechWindow : 0;
        if (Search(date_speech_before_.get(), mt.substr(from, vs - from)) ||
            Search(date_speech_after_.get(), mt.substr(value_end, kSpeechWindow))) {
          continue;
        }
        // A date that closes a wait after the event word ("the trial over
        // the shooting was put off until Monday") is not the event's, nor is
        // one inside a "since" phrase ("fighting since troops invaded on
        // Saturday").
        if (vs > ms && Search(date_limit_before_.get(), mt.substr(ms, vs - ms))) continue;
        if (auto ev = re.NamedCapturingGroups().find("event"); ev != re.NamedCapturingGroups().end() &&
                                                               g[ev->second].data() != nullptr) {
          const size_t event_end = g[ev->second].data() - mt.data() + g[ev->second].size();
          if (event_end <= vs && Search(date_since_before_.get(), mt.substr(event_end, vs - event_end))) continue;
          if (event_end <= vs && Search(date_later_act_between_.get(), mt.substr(event_end, vs - event_end))) continue;
        }
      }
      // Fields of acts after the event (rules/README.md, "Fields"): "identified
      // the man killed in Saturday's shooting" dates the shooting, not the
      // identification (event_verb_between = "false": an event verb between
      // the match's start and the date); "The man killed in a shooting on
      // Saturday has been identified" too (passive_after = "false": the date
      // ends the subject of a passive that follows it).
      if (rules::FieldIs(rule.fields, "event_verb_between", "false") && vs > ms &&
          !event_verbs_->Find(mt.substr(ms, vs - ms)).empty()) {
        continue;
      }
      if (rules::FieldIs(rule.fields, "passive_after", "false")) {
        // (Lexicon::Find folds case itself.)
        const std::vector<std::string_view> next = Words(mt.substr(value_end, 24));
        if (!next.empty() && (passive_be_->Find(next.front()) != nullptr || perfect_->Find(next.front()) != nullptr)) {
          continue;
        }
      }
      Candidate c{&rule, static_cast<size_t>(index), Unmask(masked, ms, false, mentions),
                  Unmask(masked, me, true, mentions), values[0], mentions[values[0]].start,
                  mentions[values[0]].end, std::nullopt, std::nullopt, {}, std::nullopt, 0, std::nullopt, std::nullopt, false};
      auto anniversary_it = re.NamedCapturingGroups().find("anniversary");
      if (anniversary_it != re.NamedCapturingGroups().end() &&
          g[anniversary_it->second].data() != nullptr) {
        const size_t as = g[anniversary_it->second].data() - masked.text.data();
        const auto inside = MentionsIn(masked, as, as + g[anniversary_it->second].size());
        if (inside.size() == 1) c.anniversary = inside[0];
      }
      // Groups `plus` and `minus`: absent, or exactly one mention (else no
      // candidate).
      bool one_each = true;
      auto one_mention = [&](const char* name) -> std::optional<size_t> {
        auto it = re.NamedCapturingGroups().find(name);
        if (it == re.NamedCapturingGroups().end() || g[it->second].data() == nullptr) return std::nullopt;
        const size_t ps = g[it->second].data() - masked.text.data();
        const auto inside = MentionsIn(masked, ps, ps + g[it->second].size());
        if (inside.size() != 1) one_each = false;
        return inside.size() == 1 ? std::optional<size_t>(inside[0]) : std::nullopt;
      };
      c.plus = one_mention("plus");
      c.minus = one_mention("minus");
      if (!one_each) continue;
      // Only an exact count is taken away ("at least two fatally" leaves
      // no known number of wounded).
      if (c.minus) {
        const auto* q = std::get_if<model::Quantity>(&mentions[*c.minus].value);
        if (q == nullptr || !q->hi || *q->hi != q->lo) continue;
      }
      if (named_it != re.NamedCapturingGroups().end() && g[named_it->second].data() != nullptr) {
        const size_t ns = g[named_it->second].data() - masked.text.data();
        const size_t ne = ns + g[named_it->second].size();
        const size_t os = Unmask(masked, ns, false, mentions), oe = Unmask(masked, ne, true, mentions);
        c.named = std::string(text.substr(os, oe - os));
      }
      c.groups = AllGroups(re, g, masked, text, mentions);
      out->push_back(std::move(c));
      accept();
    }
  }
  return true;
}

}  // namespace claimcheck::extract
