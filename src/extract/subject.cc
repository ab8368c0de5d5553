#include "extract/subject.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "extract/matching.h"

namespace claimcheck::extract {

std::string_view TrimWord(std::string_view w) {
  auto strip = [](char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; };
  while (!w.empty() && strip(w.front())) w.remove_prefix(1);
  for (std::string_view suffix : {"'s", "\xE2\x80\x99s"}) {
    if (w.size() > suffix.size() && w.ends_with(suffix)) w.remove_suffix(suffix.size());
  }
  while (!w.empty() && strip(w.back())) w.remove_suffix(1);
  return w;
}

// The whitespace-separated word that ends before `offset`, found by
// stepping back (never by splitting all the text before: a document's every
// event word asks), or "".
std::string_view PreviousWord(std::string_view text, size_t offset) {
  size_t end = std::min(offset, text.size());
  while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  size_t start = end;
  while (start > 0 && !std::isspace(static_cast<unsigned char>(text[start - 1]))) --start;
  return text.substr(start, end - start);
}

// The word of letters, digits and hyphens after the spaces and tabs at
// `offset`, stepping forward; "" when none, or when no space stands at
// `offset` ("war-torn", "war,": nothing follows as a word of its own).
std::string_view NextWord(std::string_view text, size_t offset) {
  size_t at = std::min(offset, text.size());
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  if (at == offset) return {};
  size_t stop = at;
  while (stop < text.size() && (std::isalnum(static_cast<unsigned char>(text[stop])) || text[stop] == '-')) ++stop;
  return text.substr(at, stop - at);
}

namespace {

// The hit closest to `offset`, preferring hits after it on ties.
const WordFinder::Hit* Nearest(const std::vector<WordFinder::Hit>& hits, size_t offset) {
  const WordFinder::Hit* best = nullptr;
  size_t best_distance = SIZE_MAX;
  for (const auto& h : hits) {
    const size_t d = h.offset >= offset ? h.offset - offset : offset - h.offset;
    if (d < best_distance) {
      best = &h;
      best_distance = d;
    }
  }
  return best;
}

bool StartsUpper(std::string_view w) {
  return !w.empty() && std::isupper(static_cast<unsigned char>(w.front()));
}

}  // namespace

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    size_t end = pos;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end > pos) words.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return words;
}

WordFinder::WordFinder(const rules::RuleSet& rules, std::string_view lexicon, std::string_view modifiers)
    : lex_(rules.Lex(lexicon)), modifiers_(modifiers.empty() ? nullptr : rules.lexicon(modifiers)) {
  if (modifiers_ != nullptr && modifiers_->entries().empty()) modifiers_ = nullptr;
  if (lex_.entries().empty()) return;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  re_ = std::make_unique<RE2>("\\b(" + rules::LexiconPattern(lex_) + ")\\b", options);
  if (!re_->ok()) re_.reset();
}

std::vector<WordFinder::Hit> WordFinder::Find(std::string_view text) const {
  std::vector<Hit> hits;
  ForEach(text, [&](const Hit& h) { hits.push_back(h); });
  return hits;
}

void WordFinder::ForEach(std::string_view text, const std::function<void(const Hit&)>& fn) const {
  if (!re_) return;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece word;
  while (RE2::FindAndConsume(&input, *re_, &word)) {
    const std::string_view w(word.data(), word.size());
    if (modifiers_ != nullptr && ModifiesNext(text, static_cast<size_t>(word.data() - text.data()) + word.size())) continue;
    const rules::LexEntry* e = lex_.Find(w);
    std::string key = e ? (e->value.empty() ? e->Field("key") : e->value) : "";
    if (key.empty()) key = rules::NormalizeKey(w);
    fn({static_cast<size_t>(word.data() - text.data()), word.size(), std::move(key),
        e != nullptr && e->Field("any_case") == "true",
        e == nullptr || e->Field("place") != "false"});
  }
}

bool WordFinder::ModifiesNext(std::string_view text, size_t end) const {
  const std::string_view next = NextWord(text, end);
  return !next.empty() && modifiers_->Find(next) != nullptr;
}

bool WordFinder::Has(std::string_view text, std::string_view key) const {
  bool found = false;
  ForEach(text, [&](const Hit& h) { found = found || h.key == key; });
  return found;
}

std::string Slug(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

namespace {

// A cue of `finder` in `text`; entries of value 0 shield the words they
// hold ("earlier this year" is no "this year").
// Whether the headline and lead name `slug` (a place they name is the
// story's own).
bool NamedInLead(const DocumentSubjects& doc, const std::string& slug) {
  return doc.lead_slug.find("-" + slug + "-") != std::string::npos;
}

bool HasCue(const WordFinder& finder, std::string_view text) {
  bool found = false;
  finder.ForEach(text, [&](const WordFinder::Hit& h) { found = found || h.key != "0"; });
  return found;
}

// An age set off by commas: "32," in "Williams, 32, was arrested".
bool IsAgeAside(std::string_view w) {
  return w.size() > 1 && w.ends_with(',') &&
         std::all_of(w.begin(), w.end() - 1, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

SubjectBuilder::SubjectBuilder(const rules::RuleSet& rules)
    : rules_(rules),
      events_(rules, "event_words", "event_word_modifiers"),
      event_verbs_(rules, "event_verbs"),
      gatherings_(rules, "gathering_words"),
      countries_(rules, "countries"),
      roles_(rules, "victim_roles"),
      cumulative_(rules, "cumulative_cues"),
      incident_plurals_(rules, "incident_plurals"),
      running_openings_(rules, "running_total_openings"),
      summing_(rules, "summing_cues"),
      since_(rules, "since_cues"),
      additional_(rules, "additional_cues"),
      other_incidents_(rules, "other_incident_cues"),
      crowd_parts_(rules, "crowd_part_cues"),
      crowd_totals_(rules, "crowd_total_cues"),
      qualifiers_(rules, "qualifiers"),
      intake_(rules, "intake_cues"),
      deaths_before_(rules, "death_words"),
      injuries_before_(rules, "injury_words"),
      lead_sentences_(static_cast<size_t>(rules.IntSetting("lead_sentences", 3))) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  name_credit_ = CompileMacro(rules, "NAME_CREDIT");
  if (const std::string pattern = rules.Macro("SUB_PLACE"); !pattern.empty()) {
    sub_place_ = std::make_unique<RE2>(pattern, options);
    if (!sub_place_->ok() || !sub_place_->NamedCapturingGroups().count("name")) sub_place_.reset();
  }
  if (const std::string breaker = rules.Macro("BREAKER"); !breaker.empty()) {
    breaker_ = std::make_unique<RE2>(breaker, options);
    if (!breaker_->ok()) breaker_.reset();
  }
  period_event_ = CompileMacro(rules, "PERIOD_EVENT_BEFORE");
  if (const std::string link = rules.Macro("PAST_LINK"); !link.empty()) {
    past_link_ = std::make_unique<RE2>(link, options);
    if (!past_link_->ok()) past_link_.reset();
  }
  if (const std::string frame = rules.Macro("PAST_FRAME"); !frame.empty()) {
    past_frame_ = std::make_unique<RE2>(frame, options);
    if (!past_frame_->ok()) past_frame_.reset();
  }
  if (const std::string age = rules.Macro("AGE"); !age.empty()) {
    age_ = std::make_unique<RE2>("\\s*(?:" + age + ")", options);
    if (!age_->ok()) age_.reset();
  }
}

std::vector<std::string> SubjectBuilder::EventKeys(std::string_view text) const {
  std::vector<WordFinder::Hit> hits = events_.Find(text);
  for (auto& h : event_verbs_.Find(text)) hits.push_back(std::move(h));
  std::sort(hits.begin(), hits.end(),
            [](const auto& a, const auto& b) { return a.offset < b.offset; });
  std::vector<std::string> keys;
  for (const auto& h : hits) keys.push_back(h.key);
  return keys;
}

size_t SubjectBuilder::LastEventEnd(std::string_view text) const {
  size_t end = std::string_view::npos;
  for (const WordFinder* f : {&events_, &event_verbs_}) {
    f->ForEach(text, [&](const WordFinder::Hit& h) {
      if (end == std::string_view::npos || h.offset + h.length > end) end = h.offset + h.length;
    });
  }
  return end;
}

std::vector<std::string> SubjectBuilder::DefiniteEventKeys(std::string_view text) const {
  std::vector<std::string> keys;
  const rules::Lexicon& determiners = rules_.Lex("definite_determiners");
  events_.ForEach(text, [&](const WordFinder::Hit& h) {
    constexpr size_t kReach = 12;  // bytes: "the ", "that "
    const size_t from = h.offset > kReach ? h.offset - kReach : 0;
    const std::vector<std::string_view> before = Words(text.substr(from, h.offset - from));
    if (!before.empty() && determiners.Find(before.back()) != nullptr) keys.push_back(h.key);
  });
  return keys;
}

namespace {

// Counts keys as they come, for documents of any size: no list of hits.
class Tally {
 public:
  void Add(const std::string& key, size_t offset) {
    auto [it, inserted] = counts_.emplace(key, std::make_pair(0, offset));
    ++it->second.first;
  }
  // Keys by frequency, ties to the one met first.
  std::vector<std::string> Ranked() const {
    std::vector<std::pair<std::string, std::pair<int, size_t>>> order(counts_.begin(), counts_.end());
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
      if (a.second.first != b.second.first) return a.second.first > b.second.first;
      return a.second.second < b.second.second;
    });
    std::vector<std::string> keys;
    for (const auto& entry : order) keys.push_back(entry.first);
    return keys;
  }
  std::string Top() const {
    const auto keys = Ranked();
    return keys.empty() ? "" : keys.front();
  }

 private:
  std::map<std::string, std::pair<int, size_t>> counts_;  // key → (count, first offset)
};

}  // namespace

DocumentSubjects SubjectBuilder::ForDocument(const corpus::Document& doc) const {
  const std::string_view body = std::string_view(doc.text).substr(doc.body_start);
  Tally countries, events, gatherings;
  countries_.ForEach(body, [&](const WordFinder::Hit& h) {
    if (h.place && (h.any_case || StartsUpper(body.substr(h.offset, h.length)))) {
      countries.Add(h.key, h.offset);
    }
  });
  // Yielding words ("collapsed during the blaze", "strikes") are the
  // story's event only when it names no other.
  Tally yielding;
  const rules::Lexicon& named = rules_.Lex("named_events");  // once, not per word
  const rules::Lexicon& yielding_words = rules_.Lex("yielding_event_words");
  // Sentence by sentence: an event word of another incident ("A fire at
  // another factory in November killed 112 workers") is not the story's.
  for (const corpus::Span& span : doc.sentences) {
    if (span.end <= doc.body_start) continue;
    const size_t from = std::max(span.start, doc.body_start);
    const std::string_view sentence = std::string_view(doc.text).substr(from, span.end - from);
    events_.ForEach(sentence, [&](const WordFinder::Hit& h) {
      // "rumours spread that it was about to collapse": a verb of purpose or
      // of what might happen names no event.
      if (named.Find(h.key) != nullptr || IsInfinitive(sentence, h.offset) || OtherIncident(sentence, h.offset)) return;
      (yielding_words.Find(sentence.substr(h.offset, h.length)) == nullptr ? events : yielding)
          .Add(h.key, from - doc.body_start + h.offset);
    });
  }
  if (events.Top().empty()) events = yielding;
  // A brief that names no event ("A man was shot and killed Saturday night
  // on Elm Street") is about the violent event its verbs tell: "shot" is a
  // shooting (event_verbs whose key has an event class, never a named one).
  if (events.Top().empty()) {
    event_verbs_.ForEach(body, [&](const WordFinder::Hit& h) {
      if (ViolentVerbKey(h.key)) events.Add(h.key, h.offset);
    });
  }
  // So are generic words of a gathering ("crowd"): "Organizers put the
  // crowd at 60,000" in a story of a march is the march's crowd.
  Tally yielding_gatherings;
  gatherings_.ForEach(body, [&](const WordFinder::Hit& h) {
    (yielding_words.Find(body.substr(h.offset, h.length)) == nullptr ? gatherings : yielding_gatherings)
        .Add(h.key, h.offset);
  });
  if (gatherings.Top().empty()) gatherings = yielding_gatherings;
  // The names of photo and video credits ("(AP Photo/John Smith)", "Photo
  // by Jane Doe") are a photographer's or an agency's, never the person the
  // story is about: blanked, byte for byte, before names are counted.
  std::string credited;
  if (Search(name_credit_.get(), doc.text)) {
    credited = doc.text;
    Blank(name_credit_.get(), &credited);
  }
  const std::string_view named_text = credited.empty() ? std::string_view(doc.text) : std::string_view(credited);
  // The victim of a killing is named where the killing is: names in the
  // sentences that speak of one count twice.
  std::string killing_text;
  for (const corpus::Span& span : doc.sentences) {
    const std::string_view sentence = named_text.substr(span.start, span.end - span.start);
    bool killing = false;
    for (const WordFinder* f : {&events_, &event_verbs_}) {
      f->ForEach(sentence, [&](const WordFinder::Hit& h) {
        killing = killing || rules_.Lex("named_events").Find(h.key) != nullptr;
      });
    }
    if (killing) (killing_text += sentence) += "\n";
  }
  // The headline and the lead (the first sentences of the body) place the
  // story: a count there in "Bener Meriah district" is the story's own.
  std::string lead;
  size_t seen = 0;
  for (const corpus::Span& span : doc.sentences) {
    if (span.start < doc.body_start) continue;
    if (++seen > lead_sentences_) break;
    const std::string_view sentence = std::string_view(doc.text).substr(span.start, span.end - span.start);
    // A later lead sentence opening on a town ("In Donggala, 11 people
    // died.") names a place of the story, not the story's: the town it
    // opens on is the story's only when the lead names it elsewhere.
    if (seen > 1 && !OpeningTown(sentence, sentence.size()).empty()) continue;
    (lead += ' ') += sentence;
  }
  const std::vector<std::string> ranked = events.Ranked();
  std::string counted;  // "Driver arrested after crash": the crash's dead
  for (const std::string& key : ranked) {
    if (rules_.Lex("uncounted_events").Find(key) == nullptr) {
      counted = key;
      break;
    }
  }
  return {ranked.empty() ? "" : ranked.front(), counted, gatherings.Top(), countries.Ranked(),
          LeadName(named_text.substr(doc.body_start), killing_text), "-" + Slug(lead) + "-"};
}

namespace {

using NameUses = std::map<std::string, std::pair<int, size_t>>;  // slug → (count, first offset)

}  // namespace

// The person a document is about: the last word of a full name ("Qasem
// Soleimani", "Alexandros Grigoropoulos") that the document repeats most,
// counting its use alone ("Soleimani's") and twice in `emphasis` (the
// sentences about a killing); ties go to the earliest.
std::string SubjectBuilder::LeadName(std::string_view body, std::string_view emphasis) const {
  // One pass over the body gives both its uses and its full names (the
  // uses do not depend on whether full names are collected).
  std::map<std::string, bool> in_full_name;
  const NameUses body_uses = CountNames(body, &in_full_name);
  const NameUses emphasis_uses = CountNames(emphasis, nullptr);
  std::string best;
  std::pair<int, size_t> best_score{0, SIZE_MAX};
  for (const auto& [slug, use] : body_uses) {
    if (!in_full_name.count(slug)) continue;
    auto e = emphasis_uses.find(slug);
    const std::pair<int, size_t> score{use.first + 2 * (e == emphasis_uses.end() ? 0 : e->second.first),
                                       use.second};
    if (score.first > best_score.first ||
        (score.first == best_score.first && score.second < best_score.second)) {
      best = slug;
      best_score = score;
    }
  }
  return best;
}

// How often each name's last word is used; `full` collects the ones seen
// at the end of a run of two or more names.
std::map<std::string, std::pair<int, size_t>> SubjectBuilder::CountNames(
    std::string_view body, std::map<std::string, bool>* full) const {
  std::map<std::string, std::pair<int, size_t>> uses;
  std::map<std::string, bool> in_full_name;
  std::string_view previous;  // the name word before this one in a run
  size_t pos = 0;
  auto end_run = [&](std::string_view last, bool after_another) {
    if (last.empty()) return;
    const std::string slug = Slug(last);
    auto [it, inserted] = uses.emplace(slug, std::make_pair(0, last.data() - body.data()));
    ++it->second.first;
    if (after_another && full != nullptr) (*full)[slug] = true;
  };
  bool run_long = false;
  // A run after a place preposition is a place, not a person: "shot to
  // death in Mountville", "at Hempfield High School".
  bool after_place_word = false, run_is_place = false;
  // A run after `non_person_openers` ("the Rana Plaza", "according to
  // Medecins Sans Frontieres"), or after a name and `name_continuers` ("the
  // Bureau of Criminal Apprehension"), is no person either.
  bool after_opener = false, last_was_name = false;
  const rules::Lexicon& place_prepositions = rules_.Lex("place_prepositions");  // once, not per word
  const rules::Lexicon& place_determiners = rules_.Lex("place_determiners");
  const rules::Lexicon& non_person_openers = rules_.Lex("non_person_openers");
  const rules::Lexicon& name_continuers = rules_.Lex("name_continuers");
  const rules::Lexicon& place_name_heads = rules_.Lex("place_name_heads");
  const rules::Lexicon& speech_verbs = rules_.Lex("speech_verbs");
  const rules::Lexicon& named = rules_.Lex("named_events");
  const rules::Lexicon& subplace_nouns = rules_.Lex("subplace_nouns");
  const rules::Lexicon& subplace_links = rules_.Lex("subplace_links");
  std::string_view last_plain;  // the last word that is no name
  auto end_any = [&] {
    // "Humboldt Park", "Hempfield High School": a place by its last word.
    if (!run_is_place && place_name_heads.Find(previous) == nullptr) end_run(previous, run_long);
    previous = {};
    run_long = false;
  };
  while (pos < body.size()) {
    while (pos < body.size() && std::isspace(static_cast<unsigned char>(body[pos]))) ++pos;
    size_t end = pos;
    while (end < body.size() && !std::isspace(static_cast<unsigned char>(body[end]))) ++end;
    const std::string_view raw = body.substr(pos, end - pos);
    const std::string_view w = TrimWord(raw);
    const bool name = !raw.empty() && IsName(w);
    if (!name) {
      // "…, Gov. Greg Abbott said": a run a speech verb follows is the
      // speaker, not the person the story is about.
      if (!previous.empty() && speech_verbs.Find(w) != nullptr) run_is_place = true;
      // "Isla Vista rampage", "Las Vegas shooting": a run of names before an
      // event word that takes no victim's name is the event's place.
      if (run_long && !raw.empty()) {
        const std::vector<WordFinder::Hit> events = events_.Find(raw);
        if (!events.empty() && events.front().offset == 0 && named.Find(events.front().key) == nullptr) {
          run_is_place = true;
        }
      }
      end_any();
      // "at the National War Memorial", "inside Parliament's Centre Block": a
      // determiner or a possessive name keeps the place open.
      const bool possessive = StartsUpper(raw) && (raw.ends_with("'s") || raw.ends_with("\u2019s"));
      const bool determiner = after_place_word && (place_determiners.Find(w) != nullptr || possessive);
      // "the city of Santa Maria", "the village of Suka Makmur": a local
      // place's noun and a link word (lexicons subplace_nouns, subplace_links).
      const bool place_link = subplace_links.Find(w) != nullptr && subplace_nouns.Find(last_plain) != nullptr;
      if (!determiner) after_place_word = !raw.empty() && (place_prepositions.Find(w) != nullptr || place_link);
      last_plain = w;
      after_opener = !raw.empty() && (non_person_openers.Find(w) != nullptr ||
                                      (last_was_name && name_continuers.Find(w) != nullptr));
      last_was_name = false;
    } else {
      if (previous.empty()) run_is_place = after_place_word || after_opener;
      last_was_name = true;
      run_long = !previous.empty();
      previous = w;
      if (std::string_view(",.;:").find(raw.back()) != std::string_view::npos) {
        end_any();
        after_place_word = false;
      }
    }
    pos = end;
  }
  end_any();
  return uses;
}

// Whether the word at `offset` follows an `infinitive_markers` word ("to
// protest"): a verb, not the name of a gathering.
bool SubjectBuilder::IsInfinitive(std::string_view text, size_t offset) const {
  const std::string_view before = PreviousWord(text, offset);
  return !before.empty() && rules_.Lex("infinitive_markers").Find(before) != nullptr;
}

bool SubjectBuilder::IsName(std::string_view word) const {
  if (!StartsUpper(word)) return false;
  for (const char* lexicon : {"not_names", "months", "weekdays", "countries", "number_units", "number_teens",
                              "number_tens"}) {
    if (rules_.Lex(lexicon).Find(word) != nullptr) return false;
  }
  return true;
}

// The last word of the first run of names: "top Iranian commander Qasem
// Soleimani" → "soleimani"; "Abu Mahdi al-Muhandis" → "al-muhandis".
std::string SubjectBuilder::NameIn(std::string_view text) const {
  std::string last;
  std::string_view last_word;
  bool in_run = false;
  bool after_place_word = false;  // "to death in Mountville": a place, no name
  std::string_view last_plain;    // the last word that is no name
  // A run that ends in a place_name_heads word is a place ("Humboldt Park"):
  // the name is in a later run, if any.
  const auto person = [&] {
    if (rules_.Lex("place_name_heads").Find(last_word) == nullptr) return true;
    last.clear();
    in_run = false;
    return false;
  };
  for (std::string_view raw : Words(text)) {
    const std::string_view w = TrimWord(raw);
    const bool particle = in_run && rules_.Lex("name_particles").Find(w) != nullptr;
    if (!in_run && after_place_word && IsName(w)) continue;  // the rest of the place's run too
    if (IsName(w) || particle || (in_run && w.find('-') != std::string_view::npos &&
                                  StartsUpper(w.substr(w.find('-') + 1)))) {
      last = Slug(w);
      last_word = w;
      in_run = true;
      if (std::string_view(",.;:").find(raw.back()) != std::string_view::npos && person()) break;
      continue;
    }
    if (in_run && person()) break;
    // A name after "on" or "by" is a street's or the killer's, not the victim's;
    // after "at the" too.
    if (after_place_word && rules_.Lex("place_determiners").Find(w) != nullptr) continue;
    after_place_word = rules_.Lex("place_prepositions").Find(w) != nullptr ||
                       rules_.Lex("victim_phrase_stops").Find(w) != nullptr ||
                       (rules_.Lex("subplace_links").Find(w) != nullptr &&
                        rules_.Lex("subplace_nouns").Find(last_plain) != nullptr);
    last_plain = w;
  }
  if (in_run) person();
  return last;
}

// Whether the words before a count (else, when they tell of no casualty,
// the sentence before) tell of the dead and not of the injured: "Two were
// killed and three other people were injured", "A man was killed. Five other
// people were wounded".
bool SubjectBuilder::AfterDeathsOnly(std::string_view before, std::string_view previous) const {
  // The count's own verb is none of the injured before it: "killed two
  // managers and wounded two other workers".
  if (const std::string_view verb = PreviousWord(before, before.size());
      !verb.empty() && !injuries_before_.Find(verb).empty()) {
    before = before.substr(0, static_cast<size_t>(verb.data() - before.data()));
  }
  const bool deaths = !deaths_before_.Find(before).empty(), injuries = !injuries_before_.Find(before).empty();
  return (deaths && !injuries) ||
         (!deaths && !injuries && !deaths_before_.Find(previous).empty() && injuries_before_.Find(previous).empty());
}

// The local places a sentence names, by offset: "In neighbouring Central
// Aceh district, …" → "central-aceh-district"; "in a village in …" →
// "a-village". The SUB_PLACE macro's `name` and `unit` groups.
std::vector<SubjectBuilder::SubPlace> SubjectBuilder::SubPlaces(std::string_view sentence) const {
  std::vector<SubPlace> out;
  if (!sub_place_) return out;
  // Alternatives name their groups name, name2, … with unit, unit2, ….
  std::vector<std::pair<int, int>> pairs;
  const auto& named = sub_place_->NamedCapturingGroups();
  for (const auto& [group, index] : named) {
    if (!group.starts_with("name")) continue;
    auto unit = named.find("unit" + group.substr(4));
    if (unit != named.end()) pairs.emplace_back(index, unit->second);
  }
  const int groups = sub_place_->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> g(static_cast<size_t>(groups));
  const re2::StringPiece input(sentence.data(), sentence.size());
  size_t pos = 0;
  size_t previous_end = SIZE_MAX;
  while (pos < sentence.size() &&
         sub_place_->Match(input, pos, sentence.size(), RE2::UNANCHORED, g.data(), groups)) {
    const size_t start = static_cast<size_t>(g[0].data() - sentence.data());
    const size_t end = start + g[0].size();
    // "in a village in Bener Meriah district": the district holds the village.
    const bool container =
        previous_end != SIZE_MAX && start >= previous_end &&
        sentence.substr(previous_end, start - previous_end).find_first_not_of(" ,") == std::string_view::npos;
    previous_end = end;
    pos = std::max(end, pos + 1);
    if (container) continue;
    for (const auto& [name_index, unit_index] : pairs) {
      const re2::StringPiece name = g[static_cast<size_t>(name_index)];
      const re2::StringPiece unit = g[static_cast<size_t>(unit_index)];
      if (name.data() == nullptr || unit.data() == nullptr) continue;
      // "Suka Makmur village" and "the village of Suka Makmur" are one place;
      // a place without a name ("a village", "one town") is "a-village".
      std::string_view n(name.data(), name.size());
      for (std::string_view possessive : {"'s ", "\xE2\x80\x99s "}) {
        if (const size_t at = n.rfind(possessive); at != std::string_view::npos) {
          n.remove_prefix(at + possessive.size());
        }
      }
      const bool unnamed = !std::isupper(static_cast<unsigned char>(n.front()));
      const std::string name_slug = unnamed ? "a" : Slug(n);
      out.push_back({static_cast<size_t>(name.data() - sentence.data()), name_slug,
                     name_slug + "-" + Slug(std::string_view(unit.data(), unit.size()))});
    }
  }
  return out;
}

// The local place nearest the value, unless the story's own: the headline
// or lead names it ("Jabaliya" there, "the town of Jabaliya" here).
std::string SubjectBuilder::SubPlaceNear(std::string_view sentence, size_t value_offset,
                                         const DocumentSubjects& doc) const {
  const SubPlace* best = nullptr;
  size_t best_distance = SIZE_MAX;
  const std::vector<SubPlace> places = SubPlaces(sentence);
  for (const SubPlace& place : places) {
    const size_t d = place.offset >= value_offset ? place.offset - value_offset : value_offset - place.offset;
    if (d < best_distance) {
      best = &place;
      best_distance = d;
    }
  }
  if (best == nullptr) return "";
  if (best->name != "a" && NamedInLead(doc, best->name)) return "";
  return best->key;
}

// A country the sentence places the event in ("in Iraq", "across Gaza").
// A list of them ("died in India, China and Bangladesh") is all of them at
// once, a place of its own ("bangladesh+china+india"), none of its members.
std::string SubjectBuilder::PlaceIn(std::string_view sentence, std::string* preposition, size_t* at) const {
  const rules::Lexicon& prepositions = rules_.Lex("place_prepositions");
  std::vector<WordFinder::Hit> hits;
  for (const auto& h : countries_.Find(sentence)) {
    if (h.place && StartsUpper(sentence.substr(h.offset, h.length))) hits.push_back(h);
  }
  // Whether only a comma or a word of lexicon place_list_joiners ("and",
  // "or") stands between two places, the second with up to two
  // place_determiners words of its own ("southern Turkey and northern Syria").
  const auto joined = [&](const WordFinder::Hit& a, const WordFinder::Hit& b) {
    if (b.offset < a.offset + a.length) return false;
    const std::string_view gap = sentence.substr(a.offset + a.length, b.offset - a.offset - a.length);
    if (gap.find_first_not_of(" ,") == std::string_view::npos) return gap.find(',') != std::string_view::npos;
    const std::vector<std::string_view> between = Words(gap);
    constexpr size_t kDeterminers = 2;
    if (between.empty() || between.size() > 1 + kDeterminers ||
        rules_.Lex("place_list_joiners").Find(between[0]) == nullptr) {
      return false;
    }
    return std::all_of(between.begin() + 1, between.end(), [&](std::string_view w) {
      return rules_.Lex("place_determiners").Find(w) != nullptr;
    });
  };
  for (size_t i = 0; i < hits.size(); ++i) {
    const auto& h = hits[i];
    // The preposition, then at most two `place_determiners` words: "in the
    // southern Philippines".
    const std::vector<std::string_view> before = Words(sentence.substr(0, h.offset));
    constexpr size_t kDeterminers = 2;
    for (size_t k = 0; k <= kDeterminers && k < before.size(); ++k) {
      if (prepositions.Find(before[before.size() - 1 - k]) != nullptr) {
        if (preposition != nullptr) *preposition = TrimWord(before[before.size() - 1 - k]);
        if (at != nullptr) *at = h.offset;
        std::vector<std::string> keys{h.key};
        for (size_t j = i + 1; j < hits.size() && joined(hits[j - 1], hits[j]); ++j) keys.push_back(hits[j].key);
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        std::string place;
        for (const std::string& key : keys) place += (place.empty() ? "" : "+") + key;
        return place;
      }
      if (rules_.Lex("place_determiners").Find(before[before.size() - 1 - k]) == nullptr) break;
    }
  }
  return "";
}

std::string SubjectBuilder::TroopsSubject(std::string_view sentence, size_t value_offset,
                                          const normalize::Groups& groups,
                                          const DocumentSubjects& doc) const {
  constexpr size_t kNear = 40;  // bytes: "some 5,200 US forces", "US-led coalition's 2,500"
  std::vector<WordFinder::Hit> hits;
  for (const auto& h : countries_.Find(sentence)) {
    if (h.any_case || StartsUpper(sentence.substr(h.offset, h.length))) hits.push_back(h);
  }
  // After the count, a country after a preposition is where they are or go
  // ("4,000 more troops to Afghanistan"), not whose they are.
  const auto placed = [&](const WordFinder::Hit& h) {
    const std::vector<std::string_view> before = Words(sentence.substr(value_offset, h.offset - value_offset));
    if (before.empty()) return false;
    const std::string_view w = TrimWord(before.back());
    return rules_.Lex("place_prepositions").Find(w) != nullptr ||
           rules_.Lex("destination_prepositions").Find(w) != nullptr;
  };
  // Whose they are is told in the count's own clause: in "Britain has about
  // 1,000 troops in the country, and Germany has 500" the 1,000 are Britain's.
  const auto [clause_start, clause_end] = ClauseAround(sentence, value_offset);
  std::string force;
  for (const auto& h : hits) {
    if (h.offset >= value_offset && h.offset - value_offset <= kNear && h.offset < clause_end && !placed(h)) {
      force = h.key;
      break;
    }
  }
  if (force.empty()) {
    for (const auto& h : hits) {
      if (h.offset < value_offset && value_offset - h.offset <= kNear && h.offset >= clause_start) force = h.key;
    }
  }
  std::string place = PlaceIn(sentence);
  // Where they go is where they are: "3,000 troops to Poland".
  for (const auto& h : hits) {
    if (!place.empty()) break;
    if (h.place && h.offset > value_offset && placed(h) && h.key != force) place = h.key;
  }
  if (place == force) place.clear();
  for (const std::string& country : doc.countries) {
    if (!place.empty()) break;
    if (country != force) place = country;
  }
  std::string subject = force.empty() ? "troops" : force + "-troops";
  // "4,000 more troops", "an additional 3,000 soldiers": reinforcements,
  // never compared with how many are there (lexicon reinforcement_cues).
  const auto value = groups.find("value");
  const size_t value_end = value_offset + (value == groups.end() ? 0 : value->second.size());
  const std::vector<std::string_view> lead = Words(sentence.substr(0, value_offset));
  const std::vector<std::string_view> after = Words(sentence.substr(std::min(value_end, sentence.size())));
  const rules::Lexicon& reinforcement = rules_.Lex("reinforcement_cues");
  if ((!lead.empty() && reinforcement.Find(TrimWord(lead.back())) != nullptr) ||
      (value != groups.end() && !after.empty() && reinforcement.Find(TrimWord(after.front())) != nullptr)) {
    subject += "/reinforcements";
  }
  // "About 1,500 U.S. troops are stationed at Al Asad": those at one named
  // site (lexicon troop_site_prepositions; no country) are some of the force.
  const std::vector<std::string_view> in_clause =
      Words(sentence.substr(std::min(value_end, sentence.size()), clause_end > value_end ? clause_end - value_end : 0));
  const rules::Lexicon& site_prepositions = rules_.Lex("troop_site_prepositions");
  for (size_t i = 0; i + 1 < in_clause.size(); ++i) {
    if (site_prepositions.Find(TrimWord(in_clause[i])) == nullptr) continue;
    const std::string site = NameRunAt(in_clause, i + 1, nullptr);
    if (!site.empty() && countries_.Find(site).empty()) {
      subject += "/at-" + site;
      break;
    }
  }
  if (!place.empty()) subject += "@" + place;
  return subject;
}

// Whether the value modifies an event noun right after it, event adjectives
// and a possessive between: "arrested in New Year's Eve shooting", "for the
// October 2016 shooting" date the shooting, not the arrest.
bool SubjectBuilder::DatesNounAfter(std::string_view sentence, const normalize::Groups& groups,
                                    size_t value_offset) const {
  const auto value = groups.find("value");
  if (value == groups.end()) return false;
  const size_t end = std::min(sentence.size(), value_offset + value->second.size());
  std::string_view rest = sentence.substr(end);
  if (rest.starts_with("'s") || rest.starts_with("’s")) rest.remove_prefix(rest[0] == '\'' ? 2 : 4);
  for (std::string_view w : Words(rest)) {
    const std::string_view word = TrimWord(w);
    for (const WordFinder::Hit& h : events_.Find(word)) {
      if (h.offset == 0) return true;
    }
    if (rules_.Lex("event_adjectives").Find(word) == nullptr) return false;
  }
  return false;
}

// Whether an event_verbs key names a violent event by itself: of an event
// class, never a named one ("shot" → shooting; not "killed", not "arrested").
bool SubjectBuilder::ViolentVerbKey(const std::string& key) const {
  return rules_.Lex("named_events").Find(key) == nullptr && rules_.Lex("event_classes").Find(key) != nullptr;
}

// What follows an age at the start of `text` ("15-year-old Ibram Hanna" →
// "Ibram Hanna"; macro AGE), or `text` itself.
std::string_view SubjectBuilder::SkipAge(std::string_view text) const {
  re2::StringPiece rest(text.data(), text.size());
  if (age_ != nullptr && RE2::Consume(&rest, *age_)) return std::string_view(rest.data(), rest.size());
  return text;
}

// The event the violent verb nearest the value tells ("shot" → shooting);
// empty when none.
std::string SubjectBuilder::ViolentVerbEvent(std::string_view sentence, size_t value_offset) const {
  std::vector<WordFinder::Hit> verbs = event_verbs_.Find(sentence);
  std::erase_if(verbs, [&](const WordFinder::Hit& h) { return !ViolentVerbKey(h.key); });
  const WordFinder::Hit* verb = Nearest(verbs, value_offset);
  return verb == nullptr ? "" : verb->key;
}

// The event a claim is about: the rule's `event` group, else the event word
// nearest the value. `allow_named` false skips events that take a victim's
// name (a count of the dead is about the strike, not "the killing").
// Whether an event word is a word inside a name, capitalized between two
// capitalized words: "the National War Memorial", "the City Fire Department"
// (not "the Gulf War", where it ends the name, nor a headline in title case).
static bool InsideName(std::string_view sentence, const WordFinder::Hit& h) {
  if (h.offset == 0 || !StartsUpper(sentence.substr(h.offset, h.length))) return false;
  const std::vector<std::string_view> before = Words(sentence.substr(0, h.offset));
  const std::vector<std::string_view> after = Words(sentence.substr(h.offset + h.length));
  if (before.empty() || after.empty() || !StartsUpper(before.back()) || !StartsUpper(after.front())) return false;
  const std::vector<std::string_view> all = Words(sentence);
  const auto capitalized = std::count_if(all.begin(), all.end(), [](std::string_view w) { return StartsUpper(w); });
  return static_cast<size_t>(capitalized) * 2 < all.size();  // title case: every word is capitalized
}

std::string SubjectBuilder::EventFor(const WordFinder& finder, std::string_view sentence,
                                     const normalize::Groups& groups, size_t value_offset,
                                     bool allow_named, std::string_view story_event) const {
  // A count (not a date: `allow_named`) takes no named event (its victim
  // is named apart) and no uncounted one (an arrest counts no dead).
  auto usable = [&](const std::string& key) {
    return allow_named || (rules_.Lex("named_events").Find(key) == nullptr &&
                           rules_.Lex("uncounted_events").Find(key) == nullptr);
  };
  // The rule's event noun; a verb ("struck") gives way to an event noun
  // elsewhere in the sentence ("the quake … struck in September").
  auto event = groups.find("event");
  std::string verb;
  if (event != groups.end()) {
    for (const auto& h : finder.Find(event->second)) {
      if (usable(h.key)) return h.key;
    }
    for (const auto& h : event_verbs_.Find(event->second)) {
      if (!usable(h.key) || !verb.empty()) continue;
      // A killing verb names its own event ("killed Soleimani … on 3 January"),
      // and so does an act done to someone after it ("police on Thursday
      // arrested a man in connection with the shooting" is the arrest's date).
      if (rules_.Lex("named_events").Find(h.key) != nullptr) return h.key;
      if (rules_.Lex("patient_events").Find(h.key) != nullptr && !DatesNounAfter(sentence, groups, value_offset)) {
        return h.key;
      }
      verb = h.key;
    }
  }
  std::vector<WordFinder::Hit> hits = finder.Find(sentence);
  std::erase_if(hits, [&](const WordFinder::Hit& h) { return !usable(h.key) || InsideName(sentence, h); });
  // "marching … to protest the government's policies", "about to collapse":
  // a verb of purpose names no gathering or event for the count (the
  // document's main one still counts it: the story is about protests).
  // ("shot to death" is a killing all the same.)
  std::erase_if(hits, [&](const WordFinder::Hit& h) {
    return IsInfinitive(sentence, h.offset) && rules_.Lex("named_events").Find(h.key) == nullptr;
  });
  // "an earthquake strikes Aceh, killing three": a word that is also a verb
  // ("strikes", "hits") gives way to any other event word in the sentence.
  // An entry of value 2 yields for counts only: "Aftershocks jolt the
  // island, death toll rises to 10" tolls the quake, while "the aftershock
  // shook the island on Monday" dates the aftershock. One of value 3 yields
  // only in naming the story's main event or gathering (ForDocument), never
  // here: "About 200 counter-protesters gathered" is the counter-protest's.
  const rules::Lexicon& yielding_words = rules_.Lex("yielding_event_words");
  auto yields = [&](const WordFinder::Hit& h) {
    const std::optional<std::string> value = yielding_words.Value(sentence.substr(h.offset, h.length));
    return value.has_value() && *value != "3" && (*value != "2" || !allow_named);
  };
  // With no other, it gives way to the story's main event (`story_event`):
  // "four were hurt in the stampede that followed the shots" in a story of
  // a shooting.
  if (!std::all_of(hits.begin(), hits.end(), yields)) {
    std::erase_if(hits, yields);
  } else if (!hits.empty() && !story_event.empty()) {
    return std::string(story_event);
  }
  const WordFinder::Hit* nearest = Nearest(hits, value_offset);
  return nearest ? nearest->key : verb;
}

// "the 2020 air strike that killed Soleimani": an event that killed someone
// named is, for its date, that person's killing.
std::string SubjectBuilder::NamedVictimAfter(std::string_view sentence, size_t from) const {
  constexpr size_t kObjectWords = 5;  // "killed Iranian General Qassem Soleimani"
  for (const auto& h : event_verbs_.Find(sentence.substr(from))) {
    if (rules_.Lex("named_events").Find(h.key) == nullptr) continue;
    // An age before the name is no number of victims: "killed 15-year-old
    // Ibram Hanna" names him (macro AGE).
    std::vector<std::string_view> object = Words(SkipAge(sentence.substr(from + h.offset + h.length)));
    if (object.size() > kObjectWords) object.resize(kObjectWords);
    // "killed 28 civilians in Qana" names a place, not a victim, and so does
    // "killed on Oak Street" (lexicon victim_phrase_stops).
    if (object.empty() || std::isdigit(static_cast<unsigned char>(object.front().front())) ||
        rules_.Lex("victim_phrase_stops").Find(TrimWord(object.front())) != nullptr) {
      continue;
    }
    std::string phrase;
    for (std::string_view w : object) phrase += std::string(w) + " ";
    const std::string name = NameIn(phrase);
    if (!name.empty()) return name + "-" + h.key;
  }
  return "";
}

// The verb of `event` (event_verbs) nearest the value, if the sentence has one.
std::optional<WordFinder::Hit> SubjectBuilder::NearestEventVerb(std::string_view sentence, size_t value_offset,
                                                               const std::string& event) const {
  std::vector<WordFinder::Hit> hits;
  for (const auto& h : event_verbs_.Find(sentence)) {
    if (h.key == event) hits.push_back(h);
  }
  const WordFinder::Hit* verb = Nearest(hits, value_offset);
  return verb == nullptr ? std::nullopt : std::optional<WordFinder::Hit>(*verb);
}

// Drops a passive's "was" / "has been" from the end of `words` (lexicons
// patient_be, perfect_auxiliaries); false when they do not end in one.
bool SubjectBuilder::DropPassiveBe(std::vector<std::string_view>* words) const {
  if (words->empty() || rules_.Lex("patient_be").Find(TrimWord(words->back())) == nullptr) return false;
  words->pop_back();
  if (!words->empty() && rules_.Lex("perfect_auxiliaries").Find(TrimWord(words->back())) != nullptr) {
    words->pop_back();
  }
  return true;
}

// Whether the event's verb nearest the value has a passive subject told by
// role, not by name or pronoun: "the 35-year-old deputy was killed".
bool SubjectBuilder::VictimByRole(std::string_view sentence, size_t value_offset, const std::string& event) const {
  const std::optional<WordFinder::Hit> verb = NearestEventVerb(sentence, value_offset, event);
  if (!verb) return false;
  std::vector<std::string_view> before = Words(sentence.substr(0, verb->offset));
  if (!DropPassiveBe(&before) || before.empty()) return false;
  const std::string_view noun = TrimWord(before.back());
  return rules_.Lex("person_nouns").Find(noun) != nullptr ||
         rules_.Lex("victim_roles").Find(noun) != nullptr;
}

// The person an event of `patient_events` happened to, named at the event's
// verb nearest the value: "receiver Vincent Jackson was arrested", "Williams,
// 32, was arrested", "police arrested Jamal Williams" → the name's last word.
// Empty when that verb names nobody ("a man was arrested", "he was arrested").
std::string SubjectBuilder::PatientName(std::string_view sentence, size_t value_offset,
                                        const std::string& event) const {
  const std::optional<WordFinder::Hit> verb = NearestEventVerb(sentence, value_offset, event);
  if (!verb) return "";
  // Passive: the run of names right before "was", past an age set off by
  // commas ("Williams, 32, was").
  std::vector<std::string_view> before = Words(sentence.substr(0, verb->offset));
  if (DropPassiveBe(&before)) {
    if (!before.empty() && IsAgeAside(before.back())) before.pop_back();
    if (before.empty() || !IsName(TrimWord(before.back()))) return "";
    // An apposition names the person first: "Jamal Williams, the defensive
    // tackle for the Chargers was arrested" is Williams, and so is "John
    // Jenkin, 23, of Newton Street, Millom was arrested": the earliest name,
    // within a dozen words, that a comma parts from an apposition_openers
    // word ("the", "of") or an age.
    constexpr size_t kAppositionWords = 12;
    // A place is no person: "shot four people at a party in McKeesport was
    // arrested" names nobody.
    size_t run = before.size() - 1;
    while (run > 0 && IsName(TrimWord(before[run - 1])) && !before[run - 1].ends_with(',')) --run;
    if (run > 0 && rules_.Lex("place_prepositions").Find(TrimWord(before[run - 1])) != nullptr) return "";
    std::string_view head = TrimWord(before.back());
    const size_t stop = before.size() > kAppositionWords ? before.size() - kAppositionWords : 0;
    for (size_t i = before.size() - 1; i-- > stop;) {
      if (!before[i].ends_with(',') || !IsName(TrimWord(before[i]))) continue;
      const std::string_view next = TrimWord(before[i + 1]);
      if (rules_.Lex("apposition_openers").Find(next) != nullptr || IsAgeAside(before[i + 1])) {
        head = TrimWord(before[i]);
      }
    }
    return Slug(head);
  }
  // A reduced relative: "receiver Vincent Jackson, arrested Jan. 6".
  if (!before.empty() && before.back().ends_with(',') && IsName(TrimWord(before.back()))) {
    return Slug(TrimWord(before.back()));
  }
  // Active: a name right after the verb ("arrested Jamal Williams on …").
  std::vector<std::string_view> object = Words(sentence.substr(verb->offset + verb->length));
  if (object.empty() || !IsName(TrimWord(object.front()))) return "";
  if (object.size() > 4) object.resize(4);
  std::string phrase;
  for (std::string_view w : object) phrase += std::string(w) + " ";
  return NameIn(phrase);
}

namespace {

// A comma, semicolon or colon that ends a clause; not one inside a number
// ("3,000") or a time ("07:37").
bool IsClauseBreak(std::string_view text, size_t i) {
  if (std::string_view(",;:").find(text[i]) == std::string_view::npos) return false;
  const auto digit = [&](size_t j) {
    return j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])) != 0;
  };
  return text[i] == ';' || i == 0 || !digit(i - 1) || !digit(i + 1);
}

}  // namespace

std::pair<size_t, size_t> ClauseAround(std::string_view text, size_t offset) {
  size_t start = std::min(offset, text.size());
  while (start > 0 && !IsClauseBreak(text, start - 1)) --start;
  size_t end = std::min(offset, text.size());
  while (end < text.size() && !IsClauseBreak(text, end)) ++end;
  return {start, end};
}

namespace {

bool EndsWithBreak(std::string_view word) {
  return !word.empty() && std::string_view(",;:.").find(word.back()) != std::string_view::npos;
}

}  // namespace

// The victim roles a casualty count names: the words right after the value
// ("at least five Israeli soldiers", "seven members of one family"), up to
// the end of its clause or an agent ("killed by police" counts no police).
std::vector<WordFinder::Hit> SubjectBuilder::RolesOf(std::string_view sentence, size_t value_offset,
                                                     size_t value_end) const {
  constexpr size_t kNounPhrase = 48;  // bytes after the value
  constexpr size_t kWords = 4;        // "members of one family"
  std::vector<std::string_view> words = Words(sentence.substr(value_end, kNounPhrase));
  // Without the value's extent, its first word is skipped as before.
  if (value_end == value_offset && !words.empty()) words.erase(words.begin());
  std::string phrase;
  for (size_t i = 0; i < words.size() && i < kWords; ++i) {
    if (rules_.Lex("agent_prepositions").Find(TrimWord(words[i])) != nullptr) break;
    // "killing an 11-year-old and critically wounding his brother": what
    // follows "and" is another phrase, not the count's role.
    if (rules_.Lex("phrase_joiners").Find(TrimWord(words[i])) != nullptr) break;
    (phrase += words[i]) += " ";
    if (EndsWithBreak(words[i])) break;
    // The phrase's head noun ends it, with a role word right after it
    // ("30 people seriously injured"): "three people today as police
    // fought" counts people, not police.
    if (rules_.Lex("counted_nouns").Find(TrimWord(words[i])) != nullptr) {
      if (i + 1 < words.size() && !roles_.Find(words[i + 1]).empty()) phrase += words[i + 1];
      break;
    }
  }
  return roles_.Find(phrase);
}

// The role two words right before the value give (lexicon
// victim_roles_before): "the other three victims suffered minor wounds" are
// others than those told before, as "three other victims" are.
std::vector<WordFinder::Hit> SubjectBuilder::RoleBefore(std::string_view sentence, size_t value_offset) const {
  const std::vector<std::string_view> words = Words(sentence.substr(0, std::min(value_offset, sentence.size())));
  if (words.size() < 2) return {};
  const std::string two = std::string(TrimWord(words[words.size() - 2])) + " " + std::string(TrimWord(words.back()));
  const auto role = rules_.Lex("victim_roles_before").Value(two);
  if (!role || role->empty()) return {};
  return {WordFinder::Hit{value_offset, 0, *role}};
}

// A count of another incident than the story's: "three were killed when
// forces attacked another school", "In a separate attack, three died",
// "Elsewhere, five were killed". An `other_incident_cues` word counts in the
// value's clause (after the value only up to a `clause_links` word: "two
// were killed and another ten injured"), in the clause a participle clause
// hangs on ("… hit another school, killing three") and in a sentence's
// opening phrase ("In a separate attack, …"). Value 2: not as the
// sentence's first word ("Another strike killed 40" may be the story's own);
// value 3: only in the sentence's opening phrase, whatever its first word
// (a past period that frames a background paragraph: "Earlier this year,
// …", "In February, a gunman killed five …"); value 0: never (a shield:
// "one another").
bool SubjectBuilder::OtherIncident(std::string_view sentence, size_t value_offset) const {
  // Value 2 ("another"): not as the sentence's first word, nor as one more
  // person of this event: "and another was injured", "another man died"
  // (a verb of lexicons patient_be, perfect_auxiliaries or
  // one_more_person_verbs, or a person's noun, next).
  const auto event_after = [&](size_t at) {
    const std::vector<std::string_view> next = Words(sentence.substr(at));
    if (next.empty()) return true;
    const std::string_view w = TrimWord(next.front());
    for (const char* lexicon : {"patient_be", "perfect_auxiliaries", "one_more_person_verbs", "person_nouns",
                                "victim_roles", "one_more_victim_nouns", "continuation_time_nouns"}) {
      if (rules_.Lex(lexicon).Find(w) != nullptr) return false;
    }
    return true;
  };
  // Right after a count, a cue counts this event's own parts: "killed six
  // people in three separate shootings" is one spree (lexicons number_units,
  // number_teens, number_tens, incident_count_words, or digits).
  const auto counted_before = [&](size_t at) {
    const std::string_view w = TrimWord(PreviousWord(sentence, at));
    return IsCountWord(w) || rules_.Lex("incident_count_words").Find(w) != nullptr;
  };
  // As the first word, only before an event word: "Another explosion in the
  // province killed three people" (not "Another 12 bodies were found").
  const auto event_word_next = [&](size_t at) {
    const std::vector<WordFinder::Hit> hits = events_.Find(sentence.substr(at, 40));
    const std::vector<std::string_view> next = Words(sentence.substr(at, 40));
    return !hits.empty() && !next.empty() && next.front().data() == sentence.data() + at + hits.front().offset;
  };
  const auto cue_in = [&](size_t from, size_t to) {
    bool found = false;
    other_incidents_.ForEach(sentence.substr(from, to - from), [&](const WordFinder::Hit& h) {
      const size_t end_of_cue = from + h.offset + h.length;
      found = found || (h.key == "1" && !counted_before(from + h.offset)) ||
              (h.key == "2" && (from + h.offset > 0 || event_word_next(end_of_cue)) && event_after(end_of_cue));
    });
    return found;
  };
  // "Thursday's shooting came just weeks after a driver fatally shot eight
  // people": what follows the link is an earlier incident (macro PAST_LINK).
  if (past_link_ != nullptr && RE2::PartialMatch(re2::StringPiece(sentence.data(), value_offset), *past_link_)) {
    return true;
  }
  const auto [start, end] = ClauseAround(sentence, value_offset);
  // After the value: up to a link word that starts the next count's phrase.
  size_t after_end = end;
  for (std::string_view w : Words(sentence.substr(value_offset, end - value_offset))) {
    if (rules_.Lex("clause_links").Find(TrimWord(w)) != nullptr) {
      after_end = w.data() - sentence.data();
      break;
    }
  }
  if (cue_in(start, after_end)) return true;
  if (start == 0) return false;
  const std::vector<std::string_view> clause = Words(sentence.substr(start, end - start));
  const auto [prev_start, prev_end] = ClauseAround(sentence, start - 1);
  // "…, killing three": the participle's clause is the one before.
  if (!clause.empty() && rules_.Lex("clause_participles").Find(TrimWord(clause.front())) != nullptr &&
      cue_in(prev_start, prev_end)) {
    return true;
  }
  // "In a separate attack earlier in the day, three …", "Elsewhere, …".
  const auto [first_start, first_end] = ClauseAround(sentence, 0);
  const std::vector<std::string_view> opening = Words(sentence.substr(0, first_end));
  const bool opening_phrase =
      !opening.empty() && (opening.size() == 1 ||
                           rules_.Lex("place_prepositions").Find(TrimWord(opening.front())) != nullptr);
  if (first_end >= start) return false;
  if (opening_phrase && cue_in(first_start, first_end)) return true;
  // A framing period: the cue opens the sentence, or a span of weeks or
  // more back ("Less than a year before, …", macro PAST_FRAME).
  bool framed = past_frame_ != nullptr &&
                RE2::PartialMatch(re2::StringPiece(sentence.data() + first_start, first_end - first_start),
                                  *past_frame_);
  other_incidents_.ForEach(sentence.substr(first_start, first_end - first_start), [&](const WordFinder::Hit& h) {
    framed = framed || (h.key == "3" && h.offset == 0);
  });
  return framed;
}

// The clause a count is joined to by ", and" ("…, and around 3,000 have
// been wounded"): [start, end) of the clause before the comma, if any.
std::optional<std::pair<size_t, size_t>> SubjectBuilder::JoinedClause(std::string_view sentence,
                                                                      size_t value_offset) const {
  const std::vector<std::string_view> lead = Words(sentence.substr(0, value_offset));
  if (lead.size() < 2 || rules_.Lex("clause_links").Find(TrimWord(lead.back())) == nullptr) {
    return std::nullopt;
  }
  const std::string_view before = lead[lead.size() - 2];
  if (before.back() != ',') return std::nullopt;
  const size_t comma = before.data() - sentence.data() + before.size() - 1;
  return ClauseAround(sentence, comma == 0 ? 0 : comma - 1);
}

// "More than 600 have been killed in the 12 days of the offensive, and
// around 3,000 have been wounded": a count joined to a running total is one too.
// `summing`: the summing cues count too ("in all": not for one incident).
bool SubjectBuilder::JoinsRunningTotal(std::string_view sentence, size_t value_offset, bool summing) const {
  const auto joined = JoinedClause(sentence, value_offset);
  if (!joined) return false;
  const std::string_view clause = sentence.substr(joined->first, joined->second - joined->first);
  return HasCue(cumulative_, clause) || SpreadOverPlace(clause) || (summing && !summing_.Find(clause).empty());
}

// The key of the event word nearest before the value in its clause when an
// indefinite article (lexicon indefinite_articles) opening the clause
// introduces it: "A quake on the island of Lombok in August killed 500",
// "and a 6.4-magnitude quake …"; else "".
std::string SubjectBuilder::IndefiniteEventBefore(std::string_view sentence, size_t value_offset) const {
  const size_t clause_start = ClauseAround(sentence, value_offset).first;
  const std::string_view lead = sentence.substr(clause_start, value_offset - clause_start);
  const std::vector<WordFinder::Hit> hits = events_.Find(lead);
  if (hits.empty()) return "";
  const WordFinder::Hit& h = hits.back();
  // The article opens the clause (after a clause link at most), and at most
  // two words stand between it and the event word: the incident is what
  // the clause is about, not a wound it was found with.
  const std::vector<std::string_view> words = Words(lead.substr(0, h.offset));
  size_t first = 0;
  if (!words.empty() && rules_.Lex("clause_links").Find(TrimWord(words[0])) != nullptr) first = 1;
  constexpr size_t kBetween = 2;  // "A powerful 6.4-magnitude quake"
  if (first >= words.size() || words.size() - first - 1 > kBetween ||
      rules_.Lex("indefinite_articles").Find(TrimWord(words[first])) == nullptr) {
    return "";
  }
  return h.key;
}

// Whether a word is a count: digits, or a number word of lexicons
// number_units, number_teens or number_tens ("six", "12").
bool SubjectBuilder::IsCountWord(std::string_view w) const {
  if (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return true;
  }
  for (const char* lexicon : {"number_units", "number_teens", "number_tens"}) {
    if (rules_.Lex(lexicon).Find(w) != nullptr) return true;
  }
  return false;
}

// Whether `text` opens with a count ("70 wounded", " two others hurt").
bool SubjectBuilder::StartsWithCount(std::string_view text) const {
  const std::vector<std::string_view> words = Words(text.substr(0, 24));
  if (words.empty()) return false;
  const std::string_view w = TrimWord(words.front());
  return (!w.empty() && std::isdigit(static_cast<unsigned char>(w.front())) != 0) || IsCountWord(w);  // "1,000"
}

// "17 people were killed in shootings across Chicago", "in attacks
// throughout Baltimore over the weekend": several incidents (lexicon
// incident_plurals) spread over a whole named place (whole_place_prepositions
// before a capitalized name) are a tally, whether or not the countries
// lexicon knows the place. One event's toll over a region stays its toll
// ("the tsunami killed 230,000 people across Asia"); "across the street" and
// "across from the bar" name no place.
bool SubjectBuilder::SpreadOverPlace(std::string_view clause) const {
  size_t incidents = std::string_view::npos;
  bool one_event = false;  // value 0: "a series of shootings" is one spree
  incident_plurals_.ForEach(clause, [&](const WordFinder::Hit& h) {
    if (h.key == "0") one_event = true;
    if (h.key != "0" && incidents == std::string_view::npos) incidents = h.offset + h.length;
  });
  if (one_event || incidents == std::string_view::npos) return false;
  const std::vector<std::string_view> words = Words(clause.substr(incidents));
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (rules_.Lex("whole_place_prepositions").Find(words[i]) != nullptr && StartsUpper(words[i + 1])) return true;
  }
  return false;
}

// "One crewman was found alive …, and one is confirmed dead": a bare count
// (a `bare_count_followers` word right after it) joined to a clause that
// names a role counts that role.
std::vector<WordFinder::Hit> SubjectBuilder::ElidedRole(std::string_view sentence, size_t value_offset,
                                                        size_t value_end) const {
  const std::vector<std::string_view> after = Words(sentence.substr(value_end, 20));
  if (value_end == value_offset || after.empty() ||
      rules_.Lex("bare_count_followers").Find(TrimWord(after.front())) == nullptr) {
    return {};
  }
  const auto joined = JoinedClause(sentence, value_offset);
  if (!joined) return {};
  std::vector<WordFinder::Hit> roles = roles_.Find(sentence.substr(joined->first, joined->second - joined->first));
  if (roles.size() > 1) roles.erase(roles.begin(), roles.end() - 1);
  return roles;
}

// "… fired on a building used by Israeli troops, killing four": a bare
// count in a participle clause counts the role its clause hangs on ends
// with. Bare: nothing but a clause break or a `clause_links` word after it
// ("killing four civilians" counts civilians).
std::vector<WordFinder::Hit> SubjectBuilder::ParticipleObjectRole(std::string_view sentence,
                                                                  size_t value_offset,
                                                                  size_t value_end) const {
  if (value_end == value_offset) return {};
  const std::string_view rest = sentence.substr(value_end);
  const std::vector<std::string_view> after = Words(rest.substr(0, 20));
  const bool bare = after.empty() || (!rest.empty() && IsClauseBreak(rest, 0)) ||
                    rest.front() == '.' ||
                    rules_.Lex("clause_links").Find(TrimWord(after.front())) != nullptr;
  const std::vector<std::string_view> lead = Words(sentence.substr(0, value_offset));
  if (!bare || lead.size() < 2 ||
      rules_.Lex("clause_participles").Find(TrimWord(lead.back())) == nullptr) {
    return {};
  }
  const std::string_view object = lead[lead.size() - 2];
  if (object.back() != ',') return {};
  return roles_.Find(TrimWord(object));
}

std::string SubjectBuilder::Build(const std::string& attribute, std::string_view sentence,
                                  const normalize::Groups& groups, const normalize::Fields& fields,
                                  size_t value_offset,
                                  const DocumentSubjects& doc, std::string_view previous) const {
  if (attribute == "troops") return TroopsSubject(sentence, value_offset, groups, doc);
  const bool is_date = attribute == "date";
  std::string event;
  if (attribute == "crowd") {
    // "put the crowd at 60,000": a generic word gives way to the story's gathering.
    event = EventFor(gatherings_, sentence, groups, value_offset, false, doc.main_gathering);
    // Those present where an incident struck (field present: "Some 150
    // employees were inside the building when the fire broke out") are the
    // incident's, not the story's later march: the sentence's event word
    // first, else the story's event.
    if (event.empty() && rules::FieldIs(fields, "present")) {
      event = EventFor(events_, sentence, groups, value_offset, false, doc.counted_event);
      if (event.empty()) event = doc.counted_event;
    }
    if (event.empty()) event = doc.main_gathering;
  }
  const std::string& story_event = is_date ? doc.main_event : doc.counted_event;
  if (event.empty()) event = EventFor(events_, sentence, groups, value_offset, is_date, story_event);
  // "A 2-year-old girl was shot and killed" in a story headed by its arrest:
  // the sentence's own violent verb names the event before the story's.
  if (event.empty() && attribute != "crowd") event = ViolentVerbEvent(sentence, value_offset);
  if (event.empty()) event = attribute == "crowd" ? doc.main_gathering : story_event;
  // No event word in the sentence or the story: the attribute's own (lexicon
  // default_events: the dead of an unnamed event were killed), else "event".
  if (event.empty()) {
    event = rules_.Lex("default_events").Value(attribute).value_or("event");
  }

  if (is_date) {
    if (rules_.Lex("named_events").Find(event) != nullptr) {
      // The victim the rule found, unless its phrase opens with a preposition
      // ("killed in the city of Zarand" names a place); else the person the
      // document is about ("until his death on …").
      auto victim = groups.find("victim");
      std::string name;
      bool by_kind = false;
      bool in_event = false;
      if (victim != groups.end()) {
        const std::vector<std::string_view> words = Words(victim->second);
        const bool preposition = !words.empty() &&
                                 (rules_.Lex("place_prepositions").Find(words.front()) != nullptr ||
                                  rules_.Lex("agent_prepositions").Find(words.front()) != nullptr ||
                                  rules_.Lex("victim_phrase_stops").Find(words.front()) != nullptr);
        // "shot and killed a 16-year-old Brooklyn resident": told by kind,
        // no one named, and no stand-in for the person the story is about.
        // An age before a name is no count: "killed 15-year-old Ibram Hanna".
        const std::string_view phrase = SkipAge(victim->second);
        const std::vector<std::string_view> named = Words(phrase);
        if (!named.empty() && (rules_.Lex("victim_by_kind_openers").Find(named.front()) != nullptr ||
                               std::isdigit(static_cast<unsigned char>(named.front().front())))) {
          by_kind = true;
        }
        if (!preposition && !by_kind) name = NameIn(phrase);
        // "The teen killed in a shooting on the Fourth of July has been
        // identified as …": the killing is that event's, named by its noun,
        // and the person the document is about does not stand in (the
        // shooting's date). Where that person is the one killed, named as
        // the verb's subject ("Qasem Soleimani was killed in a drone strike
        // on 3 January"; any word before the verb), it stays the person's
        // killing.
        if (preposition) {
          for (const WordFinder::Hit& h : events_.Find(victim->second)) {
            in_event = in_event || rules_.Lex("named_events").Find(h.key) == nullptr;
          }
          const auto verb = groups.find("event");
          const size_t verb_at = verb == groups.end() ? std::string_view::npos : sentence.rfind(verb->second, value_offset);
          if (in_event && verb_at != std::string_view::npos) {
            for (std::string_view w : Words(sentence.substr(0, verb_at))) {
              in_event = in_event && Slug(TrimWord(w)) != doc.lead_name;
            }
          }
        }
      }
      const auto lead = fields.find("lead_name");
      // The person the document is about stands in for a pronoun ("until
      // his death on …"), not for a victim told by role ("the 35-year-old
      // deputy was killed on June 24" in a story about his killer).
      if (name.empty() && !by_kind && !in_event && (lead == fields.end() || lead->second != "false") &&
          !VictimByRole(sentence, value_offset, event)) {
        name = doc.lead_name;
      }
      if (!name.empty()) return name + "-" + event;
      // No victim: "struck on Tuesday, killing five" dates the strike. A
      // killing the rule's event names as a noun ("the murder is said to have
      // taken place on April 9") dates that killing, not the story's main
      // event (an arrest, a trial): the killing, of the class of violence.
      const std::string named = event;
      bool named_noun = false;
      if (const auto noun = groups.find("event"); noun != groups.end()) {
        for (const WordFinder::Hit& h : events_.Find(noun->second)) named_noun = named_noun || h.key == named;
      }
      event = EventFor(events_, sentence, {}, value_offset, false, doc.main_event);
      // No event noun: a verb of a violent event names it ("shot and killed
      // a 16-year-old … on Saturday" dates the shooting).
      if (event.empty()) event = ViolentVerbEvent(sentence, value_offset);
      if (event.empty() && named_noun) event = named;
      if (event.empty()) event = doc.main_event.empty() ? "event" : doc.main_event;
    } else if (std::string named = NamedVictimAfter(sentence, value_offset); !named.empty()) {
      return named;
    } else if (rules_.Lex("patient_events").Find(event) != nullptr) {
      // Arrests of two people are two events: "jackson-arrest", "williams-arrest".
      if (std::string patient = PatientName(sentence, value_offset, event); !patient.empty()) {
        return patient + "-" + event;
      }
    }
  }
  std::string subject = event;
  // A casualty count of a particular group ("five Israeli soldiers were
  // killed") is not the event's toll: the role words right after the value.
  const auto roles_field = fields.find("roles");
  const bool roles_apply = roles_field == fields.end() || roles_field->second != "false";
  if (roles_apply && (attribute == "deaths" || attribute == "injuries" || attribute == "missing")) {
    auto value = groups.find("value");
    const size_t value_end = value_offset + (value == groups.end() ? 0 : value->second.size());
    std::vector<WordFinder::Hit> roles = RolesOf(sentence, value_offset, value_end);
    if (roles.empty()) roles = ElidedRole(sentence, value_offset, value_end);
    if (roles.empty()) roles = ParticipleObjectRole(sentence, value_offset, value_end);
    if (roles.empty()) roles = RoleBefore(sentence, value_offset);
    // "Two were killed and three other people were injured": the wounded
    // are others than the dead, not another incident's. So are they when
    // their sentence tells of neither and the one before tells of the dead
    // only ("A man was killed. Five other people were wounded").
    if (!roles.empty() && roles.front().key == "others" && attribute != "deaths" &&
        AfterDeathsOnly(sentence.substr(0, value_offset), previous)) {
      roles.clear();
    }
    // A sum counts both its parts ("two officers and three bystanders were
    // wounded" is 5, "six deputies and a bystander" 7): it is of a role only
    // when both parts are ("one deputy and three city officers" are police).
    // The first part: group `plus` (a count) or `added` (one person by kind).
    if (!roles.empty()) {
      std::optional<std::string> other;
      if (auto plus = groups.find("plus"); plus != groups.end()) {
        const size_t at = sentence.rfind(plus->second, value_offset);
        if (at != std::string_view::npos) {
          const std::vector<WordFinder::Hit> r = RolesOf(sentence, at, at + plus->second.size());
          other = r.empty() ? "" : r.front().key;
        }
      } else if (auto added = groups.find("added"); added != groups.end()) {
        const std::vector<WordFinder::Hit> r = roles_.Find(added->second);
        other = r.empty() ? "" : r.front().key;
      }
      if (other && *other != roles.front().key) roles.clear();
    }
    if (!roles.empty()) subject += "/" + roles.front().key;
    // "We have received around 50 people with injuries" (a clinic), "a
    // hospital treated 20 quake victims": one facility's count, not the toll.
    constexpr size_t kIntakeWords = 3;
    if (roles.empty() && !intake_.Find(ClauseBefore(sentence, value_offset, kIntakeWords)).empty()) {
      subject += "/treated";
    }
    // "another four people died", "an additional 12 bodies": a count added
    // to a toll given elsewhere, not the toll.
    // "Another 149 people were injured" after a toll of the dead is the
    // count of the injured, others than the dead, as "five other people
    // were wounded" is.
    const std::vector<std::string_view> lead = Words(sentence.substr(0, value_offset));
    const bool added = !lead.empty() && !additional_.Find(lead.back()).empty() &&
                       !(attribute != "deaths" && AfterDeathsOnly(sentence.substr(0, value_offset), previous));
    if (roles.empty() && (added || OtherIncident(sentence, value_offset))) {
      subject += "/others";
    }
    // "more than 600 killed so far", "640 killed since the assault began":
    // a running total, not one incident's toll (the clause after the value).
    // A short aside set off by commas right after the value's clause ends
    // no clause: "At least 64 people were shot, six fatally, over the long
    // holiday weekend" (the 64; the six, in the aside, stay its own).
    size_t clause_end = ClauseAround(sentence, value_offset).second;
    constexpr size_t kAside = 24;  // bytes: ", two fatally,"
    if (clause_end < sentence.size() && sentence[clause_end] == ',') {
      const size_t next = ClauseAround(sentence, clause_end + 1).second;
      if (next < sentence.size() && sentence[next] == ',' && next - clause_end <= kAside) {
        clause_end = ClauseAround(sentence, next + 1).second;
      }
    }
    // A count that another count goes on in parallel shares what follows
    // it: "17 killed, 70 wounded in shootings across Chicago" (the 17 too).
    if (clause_end < sentence.size() && sentence[clause_end] == ',' && StartsWithCount(sentence.substr(clause_end + 1))) {
      clause_end = ClauseAround(sentence, clause_end + 1).second;
    }
    std::string_view clause = sentence.substr(value_offset, kCumulativeReach);
    clause = clause.substr(0, std::min(clause.size(), clause_end - value_offset));
    const bool one_incident = rules_.Lex("fixed_count_events").Find(event) != nullptr;
    // "So far this year, 23 people have been killed": a period of
    // accumulation opening the sentence.
    bool opens_total = false;
    running_openings_.ForEach(sentence.substr(0, value_offset), [&](const WordFinder::Hit& h) {
      opens_total = opens_total || (h.offset == 0 && h.key != "0");
    });
    // So is a toll its own clause says runs since a time, before the value:
    // "The death toll in the territory since October 7 has passed 10,300".
    const size_t clause_start = ClauseAround(sentence, value_offset).first;
    const std::string_view lead_clause = sentence.substr(clause_start, value_offset - clause_start);
    const bool since_before = !since_.Find(lead_clause).empty() ||
                              (period_event_ != nullptr &&
                               RE2::PartialMatch(re2::StringPiece(lead_clause.data(), lead_clause.size()), *period_event_));
    // Incidents spread over a place before the value: "Weekend shootings
    // across Chicago leave 17 dead".
    if (HasCue(cumulative_, clause) || SpreadOverPlace(clause) || SpreadOverPlace(lead_clause) ||
        (!one_incident && !summing_.Find(clause).empty()) ||
        JoinsRunningTotal(sentence, value_offset, !one_incident) || opens_total || since_before) {
      subject += "/total";
    }
    // "In neighbouring Central Aceh district, 10 people were killed": a
    // count of one place within the story's, not the story's toll.
    std::string local = SubPlaceNear(sentence, value_offset, doc);
    if (local.empty()) local = LocalOpeningTown(sentence, value_offset, doc);
    if (!local.empty()) subject += "/in-" + local;
  }
  if (attribute == "crowd") subject += CrowdPart(sentence, value_offset);
  // "In a separate attack on Tuesday, …", "Last month's shooting across
  // town …": the date of another incident than the story's.
  if (attribute == "date" && OtherIncident(sentence, value_offset)) subject += "/others";
  // "… killed in shootings across Chicago over the Fourth of July weekend":
  // the period of a tally over a place, not one incident's date; "In
  // Kharkiv, shelling killed five people on Tuesday": the date of what
  // happened in one town of the story, as for its counts.
  if (attribute == "date" && subject.find('/') == std::string::npos) {
    const auto [start, end] = ClauseAround(sentence, value_offset);
    if (SpreadOverPlace(sentence.substr(start, end - start))) {
      subject += "/total";
    } else if (const std::string town = LocalOpeningTown(sentence, value_offset, doc); !town.empty()) {
      subject += "/in-" + town;
    }
  }
  // The place the value's own clause names, else the sentence's: "In India,
  // 34 people were killed, and 12 died in Nepal" places the 12 in Nepal.
  // (A list of places may run past the clause: "died in India, China and
  // Bangladesh".)
  std::string preposition;
  const auto [clause_start, clause_end] = ClauseAround(sentence, value_offset);
  size_t at = 0;
  std::string place = PlaceIn(sentence.substr(clause_start), &preposition, &at);
  if (place.empty() || clause_start + at >= clause_end) {
    place = PlaceIn(sentence, &preposition, &at);
    // Not from a later clause about something else (lexicon relative_openers):
    // "… after the tremor, which was felt across the Gulf in the UAE".
    if (!place.empty() && at >= clause_end) {
      const auto [place_clause, unused] = ClauseAround(sentence, at);
      const std::vector<std::string_view> opening = Words(sentence.substr(place_clause, at - place_clause));
      if (!opening.empty() && rules_.Lex("relative_openers").Find(TrimWord(opening.front())) != nullptr) {
        place.clear();
      }
    }
  }
  // "1 million people demonstrated across Spain", "64 people were shot
  // throughout Chicago": a tally over the whole place (lexicon
  // whole_place_prepositions), not one incident's or gathering's.
  if (!place.empty() && attribute != "date" && subject.find("/total") == std::string::npos &&
      rules_.Lex("whole_place_prepositions").Find(preposition) != nullptr) {
    subject += "/total";
  }
  // A crowd in a town the sentence names: "In Paris, about 40,000 people
  // marched" and "In Berlin, organizers said 25,000 took part" are two
  // gatherings of one story; a crowd whose sentence names none joins the
  // town most of its story's crowds are in (reconciler: one place per story).
  if (place.empty() && attribute == "crowd") place = CrowdTown(sentence, value_offset);
  if (!place.empty()) subject += "@" + place;
  return subject;
}

// The run of up to three names starting at words[i], slugged ("" when
// none); `next`: the index after it (a word ending in punctuation ends it).
std::string SubjectBuilder::NameRunAt(const std::vector<std::string_view>& words, size_t i, size_t* next) const {
  constexpr size_t kNameWords = 3;
  std::string slug;
  size_t k = i;
  for (; k < words.size() && k < i + kNameWords; ++k) {
    const std::string_view w = TrimWord(words[k]);
    if (!IsName(w)) break;
    slug += (slug.empty() ? "" : "-") + Slug(w);
    if (std::string_view(",.;:").find(words[k].back()) != std::string_view::npos) {
      ++k;
      break;
    }
  }
  if (next != nullptr) *next = k;
  return slug;
}

// The town a sentence opens on, before the value: "In Paris, about 40,000
// people marched", "In New York City, …" (the phrase ends with a comma at
// its last name or one word after it: "City" is no name). "" when none.
std::string SubjectBuilder::OpeningTown(std::string_view sentence, size_t value_offset) const {
  const std::vector<std::string_view> opening = Words(sentence.substr(0, value_offset));
  if (opening.size() < 2 || rules_.Lex("crowd_town_prepositions").Find(TrimWord(opening[0])) == nullptr) return "";
  size_t k = 1;
  const std::string slug = NameRunAt(opening, 1, &k);
  const bool comma = k >= 2 && (opening[k - 1].back() == ',' || (k < opening.size() && opening[k].back() == ','));
  return comma ? slug : "";
}

// "In Donggala, 11 people died", "In Kharkiv, shelling killed five": a town
// the sentence opens on that the headline and lead do not name, nor the
// countries lexicon, is one place of the story's, not its whole; "" else.
std::string SubjectBuilder::LocalOpeningTown(std::string_view sentence, size_t value_offset,
                                             const DocumentSubjects& doc) const {
  std::string town = OpeningTown(sentence, value_offset);
  if (town.empty() || !countries_.Find(town).empty() || NamedInLead(doc, town)) return "";
  return town;
}

std::string SubjectBuilder::CrowdTown(std::string_view sentence, size_t value_offset) const {
  if (std::string town = OpeningTown(sentence, value_offset); !town.empty()) return town;
  const rules::Lexicon& prepositions = rules_.Lex("crowd_town_prepositions");
  const auto [clause_start, clause_end] = ClauseAround(sentence, value_offset);
  const std::vector<std::string_view> after = Words(sentence.substr(value_offset, clause_end - value_offset));
  std::string town;
  for (size_t i = 0; i + 1 < after.size(); ++i) {
    if (prepositions.Find(TrimWord(after[i])) == nullptr) continue;
    if (std::string found = NameRunAt(after, i + 1, nullptr); !found.empty()) town = found;
  }
  // Else the town right before the figure, joined to it by a word of lexicon
  // crowd_town_figure_links: "Police put the crowd in Paris at 49,000".
  const std::vector<std::string_view> lead = Words(sentence.substr(clause_start, value_offset - clause_start));
  for (size_t i = 0; town.empty() && i + 1 < lead.size(); ++i) {
    if (prepositions.Find(TrimWord(lead[i])) == nullptr) continue;
    size_t next = 0;
    std::string found = NameRunAt(lead, i + 1, &next);
    if (!found.empty() && next + 1 == lead.size() &&
        rules_.Lex("crowd_town_figure_links").Find(lead[next]) != nullptr) {
      town = std::move(found);
    }
  }
  return town;
}

namespace {

// Where a clause ends inside a sentence: a comma, semicolon, colon, bracket
// or dash.
constexpr std::string_view kClauseMarks = ",;:()";
constexpr std::string_view kDash = "\xE2\x80\x94";  // "—"

}  // namespace

// The clause before the value, at most `words` words of it: "a splinter
// group of" before "about 24".
std::string_view SubjectBuilder::ClauseBefore(std::string_view sentence, size_t value_offset,
                                              size_t words) {
  std::string_view before = sentence.substr(0, value_offset);
  size_t from = 0;
  if (const size_t mark = before.find_last_of(kClauseMarks); mark != std::string_view::npos) {
    from = mark + 1;
  }
  if (const size_t dash = before.rfind(kDash); dash != std::string_view::npos) {
    from = std::max(from, dash + kDash.size());
  }
  before.remove_prefix(from);
  const std::vector<std::string_view> all = Words(before);
  if (all.size() <= words) return before;
  return before.substr(static_cast<size_t>(all[all.size() - words].data() - before.data()));
}

// The value's clause from the value on, up to a clause mark or a BREAKER
// word after the value's qualifier ("as many as"): "about two dozen young
// protesters splintered off" in "… when about two dozen young protesters
// splintered off — drawing riot police".
std::string_view SubjectBuilder::ClauseAfter(std::string_view sentence, size_t value_offset) const {
  std::string_view after = sentence.substr(value_offset, kCrowdPartReach);
  after = after.substr(0, std::min(after.find_first_of(kClauseMarks), after.find(kDash)));
  size_t skip = 0;
  for (const auto& h : qualifiers_.Find(after)) {
    if (h.offset == 0) skip = h.length;
  }
  re2::StringPiece breaker;
  if (breaker_ != nullptr &&
      breaker_->Match(re2::StringPiece(after.data(), after.size()), skip, after.size(),
                      RE2::UNANCHORED, &breaker, 1)) {
    after = after.substr(0, static_cast<size_t>(breaker.data() - after.data()));
  }
  return after;
}

// A count of a part of a crowd is not the crowd's size: "a splinter group of
// about 24", "about two dozen young protesters splintered off" → "/group".
// A crowd added to one given elsewhere ("another 1,000 demonstrated in …")
// is another crowd → "/others".
std::string SubjectBuilder::CrowdPart(std::string_view sentence, size_t value_offset) const {
  constexpr size_t kCueWordsBefore = 3;  // "a breakaway faction of"
  if (!crowd_parts_.Find(ClauseBefore(sentence, value_offset, kCueWordsBefore)).empty() ||
      !crowd_parts_.Find(ClauseAfter(sentence, value_offset)).empty()) {
    return "/group";
  }
  const std::vector<std::string_view> lead = Words(sentence.substr(0, value_offset));
  if (!lead.empty() && !additional_.Find(lead.back()).empty()) return "/others";
  // "Across the country, more than 3 million people marched in hundreds of
  // cities": the sum of many gatherings.
  if (!crowd_totals_.Find(sentence.substr(0, ClauseAround(sentence, value_offset).second)).empty()) return "/total";
  return "";
}

}  // namespace claimcheck::extract
