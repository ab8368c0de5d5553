#include "corpus/sentences.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace claimcheck::corpus {

namespace {

using std::string_view;

// Breaks only ever happen in the whitespace between two words (a word being a
// maximal run of non-space bytes), so "2.5", "5,200", "U.S.-led" and
// "example.com" are never split and every sentence is trimmed for free. At
// each gap the decision depends on three things: how the word before the gap
// ends, how the word after it begins, and whether the gap holds a line break.

// How the word before a gap ends.
enum class Ending {
  kNone,          // no terminal punctuation: "said", "attack"
  kComma,         // ',' or ';': the sentence surely goes on, even over a line break
  kStrong,        // '?', '!', '…', "...": ends unless lower case follows
  kPeriod,        // an ordinary full stop: ends unless lower case follows
  kNeverEnds,     // titles and the like: "Dr.", "Gen.", "vs.", "e.g."
  kInitial,       // one capital letter: "W." in "George W. Bush"
  kAmbiguous,     // "U.S.", "Inc.", "Jr.", "Jan.": may end a sentence or not
  kBeforeNumber,  // "No.", "etc.": does not end before a number
};

// How the word after a gap begins (after any opening quotes or brackets).
enum class Follower {
  kLower,    // a lower-case letter: "forces", "he"
  kDigit,    // a digit or currency sign: "10", "$5"
  kStarter,  // a capitalized word that usually opens a sentence: "The", "But"
  kOther,    // anything else, mostly names: "Bush", "President"
};

struct Abbreviation {
  string_view stem;  // without the final period; matched case-sensitively
  Ending ending;
};

// Abbreviations whose period is not (or not always) a full stop, sorted in
// byte order for binary search. Dotted forms with one- or two-letter parts
// (U.S., U.K., U.N., a.m., Ph.D.) are recognized by shape and are kAmbiguous
// unless listed here. "St." is taken as Saint, a title, not Street.
// clang-format off
constexpr auto kAbbreviations = std::to_array<Abbreviation>({
    {"Adm", Ending::kNeverEnds},  // Admiral
    {"Amb", Ending::kNeverEnds},  // Ambassador
    {"Apr", Ending::kAmbiguous},
    {"Art", Ending::kBeforeNumber},  // Article 5
    {"Aug", Ending::kAmbiguous},
    {"Ave", Ending::kAmbiguous},
    {"Blvd", Ending::kAmbiguous},
    {"Brig", Ending::kNeverEnds},  // Brigadier
    {"Bros", Ending::kAmbiguous},
    {"Capt", Ending::kNeverEnds},
    {"Cmdr", Ending::kNeverEnds},
    {"Co", Ending::kAmbiguous},
    {"Col", Ending::kNeverEnds},
    {"Corp", Ending::kAmbiguous},
    {"Cpl", Ending::kNeverEnds},
    {"Dec", Ending::kAmbiguous},
    {"Dr", Ending::kNeverEnds},
    {"Feb", Ending::kAmbiguous},
    {"Fig", Ending::kBeforeNumber},
    {"Fr", Ending::kNeverEnds},  // Father
    {"Gen", Ending::kNeverEnds},
    {"Gov", Ending::kNeverEnds},
    {"Hon", Ending::kNeverEnds},
    {"Inc", Ending::kAmbiguous},
    {"Jan", Ending::kAmbiguous},
    {"Jr", Ending::kAmbiguous},
    {"Jul", Ending::kAmbiguous},
    {"Jun", Ending::kAmbiguous},
    {"Lt", Ending::kNeverEnds},
    {"Ltd", Ending::kAmbiguous},
    {"Maj", Ending::kNeverEnds},
    {"Mar", Ending::kAmbiguous},
    {"Messrs", Ending::kNeverEnds},
    {"Mr", Ending::kNeverEnds},
    {"Mrs", Ending::kNeverEnds},
    {"Ms", Ending::kNeverEnds},
    {"Mt", Ending::kNeverEnds},  // Mount
    {"No", Ending::kBeforeNumber},  // No. 10; "no." in lower case is a word
    {"Nos", Ending::kBeforeNumber},
    {"Nov", Ending::kAmbiguous},
    {"Oct", Ending::kAmbiguous},
    {"Pres", Ending::kNeverEnds},
    {"Prof", Ending::kNeverEnds},
    {"Pvt", Ending::kNeverEnds},
    {"Rd", Ending::kAmbiguous},
    {"Rep", Ending::kNeverEnds},
    {"Rev", Ending::kNeverEnds},
    {"Sen", Ending::kNeverEnds},
    {"Sep", Ending::kAmbiguous},
    {"Sept", Ending::kAmbiguous},
    {"Sgt", Ending::kNeverEnds},
    {"Sr", Ending::kAmbiguous},
    {"St", Ending::kNeverEnds},  // Saint
    {"Supt", Ending::kNeverEnds},
    {"Vol", Ending::kBeforeNumber},
    {"a.m", Ending::kAmbiguous},
    {"approx", Ending::kBeforeNumber},
    {"cf", Ending::kNeverEnds},
    {"e.g", Ending::kNeverEnds},
    {"etc", Ending::kBeforeNumber},
    {"i.e", Ending::kNeverEnds},
    {"p.m", Ending::kAmbiguous},
    {"pp", Ending::kBeforeNumber},  // pages
    {"v", Ending::kNeverEnds},  // Roe v. Wade
    {"viz", Ending::kNeverEnds},
    {"vs", Ending::kNeverEnds},  // Brazil vs. Argentina
});
// clang-format on
static_assert(std::ranges::is_sorted(kAbbreviations, {}, &Abbreviation::stem));

// Closed-class words that typically open a sentence. After an ambiguous
// abbreviation they signal a break ("in the U.S. The next day"), where a name
// or title does not ("U.S. President Biden"). No names or surnames here.
constexpr auto kSentenceStarters = std::to_array<string_view>({
    "A",        "About",   "According", "After",     "Afterwards", "Again",   "All",     "Also",
    "Although", "Among",   "An",        "And",       "Another",    "Any",     "As",      "At",
    "Because",  "Before",  "Both",      "But",       "By",         "During",  "Each",    "Earlier",
    "Even",     "Every",   "For",       "From",      "He",         "Her",     "Here",    "His",
    "How",      "However", "I",         "If",        "In",         "Instead", "It",      "Its",
    "Last",     "Later",   "Many",      "Meanwhile", "More",       "Most",    "My",      "No",
    "Nor",      "Now",     "Of",        "On",        "Only",       "Or",      "Our",     "Since",
    "So",       "Some",    "Still",     "Such",      "That",       "The",     "Their",   "Then",
    "There",    "These",   "They",      "This",      "Those",      "Though",  "Thus",    "To",
    "Under",    "Until",   "We",        "What",      "When",       "Where",   "Whether", "Which",
    "While",    "Who",     "Why",       "With",      "Yet",        "You",     "Your",
});
static_assert(std::ranges::is_sorted(kSentenceStarters));

// UTF-8 encodings of the non-ASCII punctuation we look at.
constexpr string_view kEllipsis = "\xE2\x80\xA6";        // …
constexpr string_view kClosers[] = {"\xE2\x80\x9D",      // ”
                                    "\xE2\x80\x99",      // ’
                                    "\xC2\xBB",          // »
                                    "\xE2\x80\xBA"};     // ›
constexpr string_view kOpeners[] = {"\xE2\x80\x9C",      // “
                                    "\xE2\x80\x98",      // ‘
                                    "\xC2\xAB",          // «
                                    "\xE2\x80\xB9"};     // ‹
constexpr string_view kCurrencies[] = {"\xC2\xA3",       // £
                                       "\xE2\x82\xAC"};  // €

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiLetter(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A whitespace character: its byte length (0 when there is none) and how many
// line breaks it is worth (2 marks a paragraph break, like a blank line).
struct Space {
  size_t length = 0;
  int line_breaks = 0;
};

Space MultiByteSpaceAt(string_view s) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (s.starts_with("\xC2\xA0")) return {2, 0};  // no-break space
  if (s.starts_with("\xC2\x85")) return {2, 1};  // next line (NEL)
  if (s.size() < 3) return {};
  if (s == "\xE2\x80\xA8") return {3, 1};  // line separator
  if (s == "\xE2\x80\xA9") return {3, 2};  // paragraph separator
  // U+2000..U+200B (en quad .. zero-width space); U+200C/D join emoji, so no.
  if (b(0) == 0xE2 && b(1) == 0x80 && b(2) >= 0x80 && b(2) <= 0x8B) return {3, 0};
  if (s == "\xE2\x80\xAF") return {3, 0};  // narrow no-break space
  if (s == "\xE3\x80\x80") return {3, 0};  // ideographic space
  if (s == "\xEF\xBB\xBF") return {3, 0};  // byte order mark
  return {};
}

Space SpaceAt(string_view text, size_t i) {
  switch (text[i]) {
    case ' ':
    case '\t':
    case '\v':
      return {1, 0};
    case '\n':
      return {1, 1};
    case '\r':  // CRLF counts once, at its '\n'; a lone CR is a line break
      return {1, i + 1 < text.size() && text[i + 1] == '\n' ? 0 : 1};
    case '\f':  // page break
      return {1, 2};
  }
  if (static_cast<unsigned char>(text[i]) < 0xC2) return {};
  return MultiByteSpaceAt(text.substr(i, 3));
}

bool IsSpaceAt(string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c > ' ' && c < 0x80) return false;  // fast path for the bulk of a word
  return SpaceAt(text, i).length > 0;
}

template <size_t N>
size_t MatchLength(const string_view (&options)[N], bool at_end, string_view s) {
  for (string_view o : options) {
    if (at_end ? s.ends_with(o) : s.starts_with(o)) return o.size();
  }
  return 0;
}

// Byte length of the closing quote or bracket that ends `s`, or 0.
size_t CloserAtEnd(string_view s) {
  if (s.empty()) return 0;
  switch (s.back()) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
      return 1;
  }
  if (static_cast<unsigned char>(s.back()) < 0x80) return 0;  // skip the compares
  return MatchLength(kClosers, /*at_end=*/true, s);
}

// Byte length of the opening quote or bracket that begins `s`, or 0.
size_t OpenerAtStart(string_view s) {
  if (s.empty()) return 0;
  switch (s.front()) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{':
      return 1;
  }
  if (static_cast<unsigned char>(s.front()) < 0x80) return 0;  // skip the compares
  return MatchLength(kOpeners, /*at_end=*/false, s);
}

// The run of terminal punctuation and closers that ends a word, such as
// `."` in `"no."` or `?)` in `(why?)`.
struct Tail {
  size_t start = 0;         // where the run begins in the word
  int periods = 0;          // '.' in the run
  bool other_stop = false;  // '?', '!' or '…' in the run
};

Tail ScanTail(string_view word) {
  Tail tail{word.size()};
  while (tail.start > 0) {
    const string_view head = word.substr(0, tail.start);
    if (head.back() == '.') {
      ++tail.periods;
      --tail.start;
    } else if (head.back() == '?' || head.back() == '!') {
      tail.other_stop = true;
      --tail.start;
    } else if (head.back() == kEllipsis.back() && head.ends_with(kEllipsis)) {
      tail.other_stop = true;
      tail.start -= kEllipsis.size();
    } else if (const size_t n = CloserAtEnd(head)) {
      tail.start -= n;
    } else {
      break;
    }
  }
  return tail;
}

std::optional<Ending> LookUpAbbreviation(string_view stem) {
  const auto it = std::ranges::lower_bound(kAbbreviations, stem, {}, &Abbreviation::stem);
  if (it == kAbbreviations.end() || it->stem != stem) return std::nullopt;
  return it->ending;
}

// "U.S", "U.K", "a.m", "Ph.D" (the final period already removed): letters
// in parts of one or two, joined by periods.
bool IsDottedAbbreviation(string_view stem) {
  if (stem.size() > 11 || stem.find('.') == string_view::npos) return false;
  size_t part = 0;
  for (char c : stem) {
    if (c == '.') {
      if (part == 0) return false;
      part = 0;
    } else if (!IsAsciiLetter(c) || ++part > 2) {
      return false;
    }
  }
  return part > 0;
}

// "1." or "12." opening a sentence numbers a list item; it ends nothing.
bool IsEnumerator(string_view stem) {
  return stem.size() <= 3 && std::ranges::all_of(stem, IsDigit);
}

// Classifies `stem` + "." where the period directly follows the stem.
Ending ClassifyPeriod(string_view stem, bool first_word) {
  if (stem.empty()) return Ending::kPeriod;
  if (const auto ending = LookUpAbbreviation(stem)) return *ending;
  if (stem.size() == 1 && IsAsciiUpper(stem[0])) return Ending::kInitial;
  if (IsDottedAbbreviation(stem)) return Ending::kAmbiguous;
  if (first_word && IsEnumerator(stem)) return Ending::kNeverEnds;
  return Ending::kPeriod;
}

Ending ClassifyEnding(string_view word, bool first_word) {
  const Tail tail = ScanTail(word);
  if (tail.other_stop || tail.periods > 1) return Ending::kStrong;
  if (tail.periods == 0) {
    const char last = tail.start > 0 ? word[tail.start - 1] : '\0';
    return last == ',' || last == ';' ? Ending::kComma : Ending::kNone;
  }
  // A period after a closer, as in "(Inc).", is a plain full stop.
  if (word[tail.start] != '.') return Ending::kPeriod;
  size_t stem_start = 0;
  while (stem_start < tail.start) {
    const size_t n = OpenerAtStart(word.substr(stem_start, tail.start - stem_start));
    if (n == 0) break;
    stem_start += n;
  }
  return ClassifyPeriod(word.substr(stem_start, tail.start - stem_start), first_word);
}

bool IsSentenceStarter(string_view word) {
  return std::ranges::binary_search(kSentenceStarters, word);
}

// Latin-1 lower-case letters: U+00DF..U+00FF except U+00F7 (division sign).
bool StartsWithLatin1Lower(string_view s) {
  if (s.size() < 2 || static_cast<unsigned char>(s[0]) != 0xC3) return false;
  const auto c = static_cast<unsigned char>(s[1]);
  return c >= 0x9F && c <= 0xBF && c != 0xB7;
}

// `rest` is the text from the start of the next word to the end.
Follower ClassifyFollower(string_view rest) {
  // A few opening quotes or brackets at most; bounded so the work stays O(1).
  for (int k = 0; k < 4; ++k) {
    const size_t n = OpenerAtStart(rest);
    if (n == 0) break;
    rest.remove_prefix(n);
  }
  if (rest.empty()) return Follower::kOther;
  if (IsAsciiLower(rest[0]) || StartsWithLatin1Lower(rest)) return Follower::kLower;
  if (IsDigit(rest[0]) || rest[0] == '$' || MatchLength(kCurrencies, /*at_end=*/false, rest) > 0) {
    return Follower::kDigit;
  }
  // Starters are short; looking at 12 letters is enough and keeps this O(1).
  size_t n = 0;
  while (n < rest.size() && n < 12 && IsAsciiLetter(rest[n])) ++n;
  // "A." is an initial, not the article.
  if (n < rest.size() && rest[n] == '.') return Follower::kOther;
  return IsSentenceStarter(rest.substr(0, n)) ? Follower::kStarter : Follower::kOther;
}

// The decision table. A line break is strong evidence of a break (news
// corpora put one sentence or headline per line), so across one the only
// continuations are soft wraps: a line with no terminal punctuation (or
// ending in a comma) followed by lower case, and abbreviations whose period
// cannot or need not end the sentence.
bool Breaks(Ending ending, Follower follower, bool line_break) {
  if (follower == Follower::kLower) {
    return line_break && (ending == Ending::kStrong || ending == Ending::kPeriod);
  }
  switch (ending) {
    case Ending::kNone:
      return line_break;
    case Ending::kComma:
    case Ending::kNeverEnds:
      return false;
    case Ending::kStrong:
    case Ending::kPeriod:
      return true;
    case Ending::kInitial:
      return follower == Follower::kStarter;
    case Ending::kAmbiguous:
      return follower == Follower::kStarter || (line_break && follower == Follower::kOther);
    case Ending::kBeforeNumber:
      return follower != Follower::kDigit;
  }
  return true;
}

// Whether a sentence ends after `word` (a span of `text`), given the gap up
// to the next word at `next`.
bool EndsSentence(string_view text, Span word, bool first_word, size_t next, int line_breaks) {
  if (line_breaks >= 2) return true;  // blank line or paragraph separator
  const Ending ending = ClassifyEnding(text.substr(word.start, word.end - word.start), first_word);
  return Breaks(ending, ClassifyFollower(text.substr(next)), line_breaks == 1);
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, size_t begin) {
  std::vector<Span> sentences;
  size_t i = std::min(begin, text.size());
  std::optional<size_t> sentence_start;
  Span word;  // the last word seen
  while (true) {
    int line_breaks = 0;
    while (i < text.size()) {
      const Space space = SpaceAt(text, i);
      if (space.length == 0) break;
      line_breaks += space.line_breaks;
      i += space.length;
    }
    if (i == text.size()) break;
    if (sentence_start && EndsSentence(text, word, word.start == *sentence_start, i, line_breaks)) {
      sentences.push_back({*sentence_start, word.end});
      sentence_start.reset();
    }
    if (!sentence_start) sentence_start = i;
    word.start = i;
    while (i < text.size() && !IsSpaceAt(text, i)) ++i;
    word.end = i;
  }
  if (sentence_start) sentences.push_back({*sentence_start, word.end});
  return sentences;
}

}  // namespace claimcheck::corpus
