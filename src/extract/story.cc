#include "extract/story.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <string_view>
#include <utility>

namespace claimcheck::extract {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// Quotes and dashes of three UTF-8 bytes (‘ ’ “ ” – —): they end a word,
// and open what follows, except ’ between letters ("Smelley’s").
size_t Punctuation(std::string_view s, size_t i) {
  if (s.size() - i < 3 || s[i] != '\xE2' || s[i + 1] != '\x80') return 0;
  const auto c = static_cast<unsigned char>(s[i + 2]);
  return c == 0x93 || c == 0x94 || c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D ? 3 : 0;
}

// A byte of a word: ASCII letters and digits, an apostrophe or hyphen
// between them, any byte of another multi-byte UTF-8 character ("Pérez").
bool Letter(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || u >= 0x80;
}

struct Word {
  std::string_view text;
  size_t offset;  // in the document
  bool opens;     // the sentence's first word, or the first after a quote, colon, dash or bracket
};

// The words of `sentence` (at `offset` in the document), in order.
std::vector<Word> WordsOf(std::string_view sentence, size_t offset) {
  std::vector<Word> out;
  bool opens = true;
  for (size_t i = 0; i < sentence.size();) {
    const char c = sentence[i];
    if (const size_t p = Punctuation(sentence, i); p > 0 || !Letter(c)) {
      // A quote, colon, dash or bracket opens what follows ("— Police said",
      // "\"We", "(AP) Officers"); a space does not change it, a comma ends it.
      if (p > 0 || c == '"' || c == '\'' || c == ':' || c == '(' || c == '-') {
        opens = true;
      } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        opens = false;
      }
      i += p > 0 ? p : 1;
      continue;
    }
    size_t end = i;
    while (end < sentence.size()) {
      if (Punctuation(sentence, end) == 0 && Letter(sentence[end])) {
        ++end;
        continue;
      }
      // An apostrophe or hyphen between letters: "O'Brien", "Smelley’s", "Al-Amin".
      const size_t joint = sentence[end] == '\'' || sentence[end] == '-' ? 1
                           : sentence.substr(end).starts_with("\u2019")  ? 3
                                                                          : 0;
      if (joint == 0 || end + joint >= sentence.size() || !Letter(sentence[end + joint]) ||
          Punctuation(sentence, end + joint) > 0) {
        break;
      }
      end += joint;
    }
    out.push_back({sentence.substr(i, end - i), offset + i, opens});
    opens = false;
    i = end;
  }
  return out;
}

// A possessive's "'s" or "’s" dropped.
std::string_view Bare(std::string_view w) {
  for (std::string_view s : {std::string_view("'s"), std::string_view("\u2019s")}) {
    if (w.size() > s.size() && w.ends_with(s)) w.remove_suffix(s.size());
  }
  return w;
}

// A headline or a title in a body ("3 Killed, 2 Hurt In Overnight Shooting"):
// three or more words of four letters or more, four in five of them
// capitalized. A sentence dense with names still has its verbs and nouns
// in lower case ("Chief Ellen Marchetti said officers found Devon Pruitt").
bool Headline(const std::vector<Word>& words) {
  size_t long_words = 0, capitalized = 0;
  for (const Word& w : words) {
    if (w.text.size() < 4) continue;
    ++long_words;
    capitalized += IsUpper(w.text.front());
  }
  return long_words >= 3 && 5 * capitalized >= 4 * long_words;
}

}  // namespace

StoryNames::StoryNames(const rules::RuleSet& rules)
    : limit_(static_cast<size_t>(std::max<int64_t>(0, rules.IntSetting("story_names", 10)))) {
  for (const char* name : {"not_names", "months", "weekdays", "number_units", "number_teens", "number_tens",
                           "story_name_stops"}) {
    stops_.push_back(&rules.Lex(name));
  }
}

bool StoryNames::IsStop(std::string_view word) const {
  return std::any_of(stops_.begin(), stops_.end(), [&](const rules::Lexicon* l) { return l->Find(word) != nullptr; });
}

std::vector<std::string> StoryNames::Of(const corpus::Document& doc) const {
  struct Uses {
    int inside = 0;  // uses inside a sentence
    int opening = 0;  // uses opening one ("Marchetti said"): a name only if also used inside one
    size_t first = SIZE_MAX;
  };
  std::map<std::string, Uses, std::less<>> uses;
  std::string name;  // reused: one allocation per distinct name, none per use
  for (const corpus::Span& s : doc.sentences) {
    const std::string_view sentence = std::string_view(doc.text).substr(s.start, s.end - s.start);
    const std::vector<Word> words = WordsOf(sentence, s.start);
    if (Headline(words)) continue;
    for (const Word& w : words) {
      if (!IsUpper(w.text.front())) continue;
      const std::string_view bare = Bare(w.text);
      if (bare.size() < 3) continue;
      // An acronym of four letters or fewer ("AP", "NOPD", "WXYZ") names an
      // outlet or an agency of many stories.
      if (bare.size() <= 4 && std::none_of(bare.begin(), bare.end(), IsLower)) continue;
      name.assign(bare);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; });
      auto it = uses.find(name);
      if (it == uses.end()) it = uses.emplace(name, Uses{}).first;
      ++(w.opens ? it->second.opening : it->second.inside);
      it->second.first = std::min(it->second.first, w.offset);
    }
  }
  // The lexicons are asked once per distinct word, not per use.
  std::vector<std::pair<std::pair<int, size_t>, const std::string*>> ranked;
  ranked.reserve(uses.size());
  for (const auto& [word, use] : uses) {
    if (use.inside > 0 && !IsStop(word)) ranked.push_back({{-(use.inside + use.opening), use.first}, &word});
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && i < limit_; ++i) out.push_back(*ranked[i].second);
  return out;
}

}  // namespace claimcheck::extract
