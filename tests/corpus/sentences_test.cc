#include "corpus/sentences.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using claimcheck::corpus::Span;
using claimcheck::corpus::SplitSentences;

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "{";
    for (const auto& s : v) out += (out.size() > 1 ? ", \"" : "\"") + s + "\"";
    return (out + "}").c_str();
  }
};
}  // namespace doctest

namespace {

struct Case {
  std::string_view input;
  std::vector<std::string> expected;
};

std::vector<std::string> Sentences(std::string_view text, size_t begin = 0) {
  std::vector<std::string> out;
  for (const Span& s : SplitSentences(text, begin)) {
    out.emplace_back(text.substr(s.start, s.end - s.start));
  }
  return out;
}

void CheckAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(Sentences(c.input) == c.expected);
  }
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// The contract every result must meet, whatever the input.
void CheckInvariants(std::string_view text, size_t begin = 0) {
  CAPTURE(text);
  size_t previous_end = std::min(begin, text.size());
  for (const Span& s : SplitSentences(text, begin)) {
    REQUIRE(s.start >= previous_end);
    REQUIRE(s.start < s.end);
    REQUIRE(s.end <= text.size());
    CHECK_FALSE(IsAsciiSpace(text[s.start]));
    CHECK_FALSE(IsAsciiSpace(text[s.end - 1]));
    previous_end = s.end;
  }
}

}  // namespace

TEST_CASE("SplitSentences: basics") {
  CheckAll({
      {"", {}},
      {" \t\r\n \n", {}},
      {"Hello world", {"Hello world"}},
      {"One. Two.", {"One.", "Two."}},
      {"  Trimmed on both sides.  \n", {"Trimmed on both sides."}},
      {"One.  Two.\tThree.", {"One.", "Two.", "Three."}},
      {". Lone period.", {".", "Lone period."}},
      // A period with no space after it is never a break: domains, typos.
      {"See example.com for more.", {"See example.com for more."}},
      {"He left.The end.", {"He left.The end."}},
  });
}

TEST_CASE("SplitSentences: question marks, exclamations and ellipses") {
  CheckAll({
      {"What? Really! Yes.", {"What?", "Really!", "Yes."}},
      {"Why?! No!!", {"Why?!", "No!!"}},
      {"Wait\xE2\x80\xA6 What happened?", {"Wait\xE2\x80\xA6", "What happened?"}},
      {"Wait... What happened?", {"Wait...", "What happened?"}},
      // Lower case after any stop continues the sentence.
      {"He paused... and then left.", {"He paused... and then left."}},
      {"He paused \xE2\x80\xA6 and left.", {"He paused \xE2\x80\xA6 and left."}},
      {"'Why?' he asked. 'Because!' she said.", {"'Why?' he asked.", "'Because!' she said."}},
  });
}

TEST_CASE("SplitSentences: closing quotes and brackets stay in the sentence") {
  CheckAll({
      {"He said \"no.\" Then he left.", {"He said \"no.\"", "Then he left."}},
      {"He said \xE2\x80\x9Cno.\xE2\x80\x9D Then he left.",
       {"He said \xE2\x80\x9Cno.\xE2\x80\x9D", "Then he left."}},
      {"She said \xE2\x80\x98yes.\xE2\x80\x99 Then she left.",
       {"She said \xE2\x80\x98yes.\xE2\x80\x99", "Then she left."}},
      {"(This is an aside.) Next one.", {"(This is an aside.)", "Next one."}},
      {"He asked \"why?\") Then.", {"He asked \"why?\")", "Then."}},
      {"It ended (as expected). Then.", {"It ended (as expected).", "Then."}},
      {"\"Go.\" \"Now.\"", {"\"Go.\"", "\"Now.\""}},
      {"\xC2\xABNon.\xC2\xBB Puis.", {"\xC2\xABNon.\xC2\xBB", "Puis."}},
  });
}

TEST_CASE("SplitSentences: numbers") {
  CheckAll({
      {"Growth was 2.5 percent. Costs rose.", {"Growth was 2.5 percent.", "Costs rose."}},
      {"A $1.5bn deal. It closed.", {"A $1.5bn deal.", "It closed."}},
      {"5,200 people attended. Police said 3,000.",
       {"5,200 people attended.", "Police said 3,000."}},
      {"Prices rose 0.5%. Wages fell.", {"Prices rose 0.5%.", "Wages fell."}},
      // An ordinary word then a number: a break.
      {"It happened in 2020. 15 people died.", {"It happened in 2020.", "15 people died."}},
      // "1." opening a sentence is a list number, not a sentence.
      {"1. The first point. 2. The second.", {"1. The first point.", "2. The second."}},
  });
}

// Titles never end a sentence. Other abbreviations do not end one before lower
// case or a number; before a capitalized word, "ambiguous" ones (dotted forms
// like U.S., a.m., company suffixes, Jr./Sr., months) break only when that word
// is a common sentence opener (The, But, He, In, ...), so "U.S. President" and
// "Apple Inc. Chief Executive" stay whole while "the U.S. The next day"
// splits. The cost: "in the U.S. Officials said" is not split.
TEST_CASE("SplitSentences: abbreviations") {
  CheckAll({
      {"U.S. forces left.", {"U.S. forces left."}},
      {"U.S. President Joe Biden spoke.", {"U.S. President Joe Biden spoke."}},
      {"The U.K. and the U.N. agreed.", {"The U.K. and the U.N. agreed."}},
      {"They were deployed in the U.S. The next day they left.",
       {"They were deployed in the U.S.", "The next day they left."}},
      {"They were deployed in the U.S. Officials said so.",
       {"They were deployed in the U.S. Officials said so."}},
      {"The U.S. 10-year yield rose.", {"The U.S. 10-year yield rose."}},
      {"Dr. Smith met Mr. Jones, Mrs. Brown and Ms. White.",
       {"Dr. Smith met Mr. Jones, Mrs. Brown and Ms. White."}},
      {"Gen. Mark Milley, Lt. Col. Smith, Capt. Jones and Sgt. Lee spoke.",
       {"Gen. Mark Milley, Lt. Col. Smith, Capt. Jones and Sgt. Lee spoke."}},
      {"Rep. Smith, Sen. Jones, Gov. Brown and Prof. Lee met in St. Louis.",
       {"Rep. Smith, Sen. Jones, Gov. Brown and Prof. Lee met in St. Louis."}},
      {"Martin Luther King Jr. said so.", {"Martin Luther King Jr. said so."}},
      {"It is Martin Luther King Jr. Day.", {"It is Martin Luther King Jr. Day."}},
      {"It was written by John Smith Sr. The book sold.",
       {"It was written by John Smith Sr.", "The book sold."}},
      {"Apple Inc. said profits rose. Microsoft Corp. fell.",
       {"Apple Inc. said profits rose.", "Microsoft Corp. fell."}},
      {"Apple Inc. Chief Executive Tim Cook spoke.",
       {"Apple Inc. Chief Executive Tim Cook spoke."}},
      {"It was Apple Inc. The company declined.", {"It was Apple Inc.", "The company declined."}},
      {"Acme Co. and Widgets Ltd. merged.", {"Acme Co. and Widgets Ltd. merged."}},
      {"Brazil vs. Argentina ended 2-1. Roe v. Wade stands.",
       {"Brazil vs. Argentina ended 2-1.", "Roe v. Wade stands."}},
      {"Apples, pears, etc. and more.", {"Apples, pears, etc. and more."}},
      {"Apples, pears, etc. The end.", {"Apples, pears, etc.", "The end."}},
      {"Big cities, e.g. Paris, i.e. France.", {"Big cities, e.g. Paris, i.e. France."}},
      {"At 9 a.m. the shelling began.", {"At 9 a.m. the shelling began."}},
      {"It began at 9 a.m. The town fell.", {"It began at 9 a.m.", "The town fell."}},
      {"It began at 9 p.m. Tuesday.", {"It began at 9 p.m. Tuesday."}},
      {"He lives at No. 10 Downing Street.", {"He lives at No. 10 Downing Street."}},
      {"The answer was no. 5 people left.", {"The answer was no.", "5 people left."}},
      {"He was born on Jan. 3, 2020 in Feb. 2021 or Aug. 5.",
       {"He was born on Jan. 3, 2020 in Feb. 2021 or Aug. 5."}},
      {"The Sept. 11 attacks, on Oct. 1, Nov. 2 and Dec. 25.",
       {"The Sept. 11 attacks, on Oct. 1, Nov. 2 and Dec. 25."}},
      {"He spoke with (Dr. Smith) yesterday.", {"He spoke with (Dr. Smith) yesterday."}},
      {"He has a Ph.D. in physics.", {"He has a Ph.D. in physics."}},
      // An unknown abbreviation before lower case is kept whole.
      {"It costs approx. five dollars, cf. the list.",
       {"It costs approx. five dollars, cf. the list."}},
  });
}

// A single capital letter is an initial unless a sentence opener follows.
TEST_CASE("SplitSentences: initials") {
  CheckAll({
      {"J. R. R. Tolkien wrote it.", {"J. R. R. Tolkien wrote it."}},
      {"J.R.R. Tolkien wrote it.", {"J.R.R. Tolkien wrote it."}},
      {"George W. Bush said no.", {"George W. Bush said no."}},
      {"Writers like J. A. Smith agree.", {"Writers like J. A. Smith agree."}},
      {"It needs vitamin C. The study said so.", {"It needs vitamin C.", "The study said so."}},
  });
}

TEST_CASE("SplitSentences: lines") {
  CheckAll({
      // Headlines and one sentence per line.
      {"Troops killed in attack\nThe army said five died.",
       {"Troops killed in attack", "The army said five died."}},
      {"First line\nSecond line\n", {"First line", "Second line"}},
      {"one sentence.\nanother one.", {"one sentence.", "another one."}},
      {"Is it?\nyes.", {"Is it?", "yes."}},
      {"25 killed\n25 people died.", {"25 killed", "25 people died."}},
      // Soft wraps.
      {"The army said five\nsoldiers died.", {"The army said five\nsoldiers died."}},
      {"Officials said,\nThe army is ready.", {"Officials said,\nThe army is ready."}},
      {"Deployed U.S.\ntroops left.", {"Deployed U.S.\ntroops left."}},
      {"He met Dr.\nSmith today.", {"He met Dr.\nSmith today."}},
      {"George W.\nBush said no.", {"George W.\nBush said no."}},
      {"On Jan.\n3 it rained.", {"On Jan.\n3 it rained."}},
      // Across a line break an ambiguous abbreviation ends before any capital.
      {"They went to the U.S.\nOfficials said so.",
       {"They went to the U.S.", "Officials said so."}},
      // Blank lines always break.
      {"Para one\n\nPara two", {"Para one", "Para two"}},
      {"a soft\n \t\nwrap is not", {"a soft", "wrap is not"}},
      {"He met Dr.\n\nSmith today.", {"He met Dr.", "Smith today."}},
      {"\n\n\nAlone.\n\n\n", {"Alone."}},
  });
}

TEST_CASE("SplitSentences: line endings and unusual spaces") {
  CheckAll({
      {"Line one\r\nLine two\r\n\r\nLine three.\r\n", {"Line one", "Line two", "Line three."}},
      {"a soft\r\nwrap.\r\n", {"a soft\r\nwrap."}},
      {"Old Mac\rLine two", {"Old Mac", "Line two"}},
      {"One.\xC2\xA0Two.\xC2\xA0", {"One.", "Two."}},  // no-break space
      {"\xEF\xBB\xBFWith a BOM. Next.", {"With a BOM.", "Next."}},
      {"One\xE2\x80\xA8Two", {"One", "Two"}},            // line separator
      {"one\xE2\x80\xA9two", {"one", "two"}},            // paragraph separator
      {"Page one\fPage two", {"Page one", "Page two"}},  // form feed
      {"Tab\tseparated. Words.", {"Tab\tseparated.", "Words."}},
      // Lower case outside ASCII continues too.
      {"Il a dit. \xC3\xA9t\xC3\xA9 fini.", {"Il a dit. \xC3\xA9t\xC3\xA9 fini."}},
  });
}

TEST_CASE("SplitSentences: a news article") {
  CheckAll({
      {"Troops to stay in Iraq\r\n\r\n"
       "BAGHDAD (Reuters) - About 2,500 U.S. troops will stay, Gen. Kenneth McKenzie said "
       "on Dec. 9. \"We will remain,\" he said.\r\n"
       "The U.S.-led coalition ended its combat mission at 5 p.m. local time.\r\n"
       "Iraq's prime minister welcomed it\xE2\x80\xA6 Others did not!\r\n",
       {"Troops to stay in Iraq",
        "BAGHDAD (Reuters) - About 2,500 U.S. troops will stay, Gen. Kenneth McKenzie said on "
        "Dec. 9.",
        "\"We will remain,\" he said.",
        "The U.S.-led coalition ended its combat mission at 5 p.m. local time.",
        "Iraq's prime minister welcomed it\xE2\x80\xA6", "Others did not!"}},
      // Stops inside a quotation split it, as they would outside one.
      {"He said: \"I left. Then I came back.\" The end.",
       {"He said: \"I left.", "Then I came back.\"", "The end."}},
  });
}

TEST_CASE("SplitSentences: offsets are into the whole text, from begin") {
  const std::string_view text = "date 2021-01-03 Hello there. World.";
  CHECK(SplitSentences(text, 16) == std::vector<Span>{{16, 28}, {29, 35}});
  CHECK(Sentences(text, 16) == std::vector<std::string>{"Hello there.", "World."});
  CHECK(Sentences(text, 15) == std::vector<std::string>{"Hello there.", "World."});
  CHECK(SplitSentences(text, text.size()).empty());
  CHECK(SplitSentences(text, text.size() + 10).empty());
  // Starting mid-word starts the sentence there.
  CHECK(Sentences(text, 18) == std::vector<std::string>{"llo there.", "World."});
}

TEST_CASE("SplitSentences: invalid UTF-8 and odd bytes") {
  const std::vector<std::string_view> inputs = {
      "\xFF\xFE. Next\xC3",
      "\xE2\x80",
      "\xE2\x80\x41 word. \xE2",  // truncated sequence swallowing nothing
      "\xC2",
      "\xE2\x80\x9D. \xE2\x80\x9C",
      "Trailing quote \xE2\x80\x9D",
      std::string_view("embedded\0nul. Next.", 19),
      "((((((((((A. B.",
      "\"\"\"\"\"\"",
      "....... !!!! ????",
  };
  for (std::string_view input : inputs) {
    CheckInvariants(input);
    CheckInvariants(input, 3);
  }
  CHECK(Sentences("\xE2\x80\x41 word.") == std::vector<std::string>{"\xE2\x80\x41 word."});
}

TEST_CASE("SplitSentences: random bytes keep the invariants") {
  static constexpr char kAlphabet[] = "aZ. .\n\r!?\"')(,;1\xE2\x80\xA6\x9D\xC2\xA0";
  uint32_t state = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int k = 0; k < 200; ++k) {
      state = state * 1664525u + 1013904223u;
      text += kAlphabet[(state >> 16) % (sizeof(kAlphabet) - 1)];
    }
    CheckInvariants(text);
  }
}

// Quadratic behaviour would make these hang; they finish in well under a
// second when the splitter is linear.
TEST_CASE("SplitSentences: large inputs are linear") {
  constexpr size_t kSize = 8 << 20;

  SUBCASE("one line without punctuation") {
    std::string text;
    while (text.size() < kSize) text += "word ";
    CHECK(SplitSentences(text).size() == 1);
  }
  SUBCASE("one line of a. a. a.") {
    std::string text;
    while (text.size() < kSize) text += "a. ";
    CHECK(SplitSentences(text).size() == 1);
  }
  SUBCASE("one line of initials") {
    std::string text;
    while (text.size() < kSize) text += "A. ";
    CHECK(SplitSentences(text).size() == 1);
  }
  SUBCASE("many short sentences") {
    std::string text;
    while (text.size() < kSize) text += "Go. ";
    CHECK(SplitSentences(text).size() == text.size() / 4);
  }
  SUBCASE("one huge word") {
    CHECK(SplitSentences(std::string(kSize, 'x') + ". Next").size() == 2);
    CHECK(SplitSentences(std::string(kSize, ')') + " Next").size() == 1);
    CHECK(SplitSentences(std::string(kSize, '.') + " Next").size() == 2);
    CHECK(SplitSentences(std::string(kSize, '(') + " Next").size() == 1);
  }
  SUBCASE("only line breaks") { CHECK(SplitSentences(std::string(kSize, '\n') + "x").size() == 1); }
}
