#include "normalize/recognizer.h"

#include <doctest/doctest.h>

#include <sstream>

#include "corpus/reader.h"
#include "normalize/rule_examples.h"

namespace claimcheck::normalize {

namespace {

// A small rule set of its own, so these tests pin the engine, not rules/en.
const char* kRules = R"toml(
[lexicon.number_units]
two = 2
five = 5
[lexicon.triggers]
two = 1
five = 1
[[rule]]
id = "t.digits"
kind = "number"
pattern = '(?P<num>\d+)'
examples = [{ text = "5 men", match = "5", value = { point = 5, lo = 5, hi = 5 } }]
[[rule]]
id = "t.words"
kind = "number"
pattern = '\b(?P<num>two|five)\b'
examples = [{ text = "five men", match = "five", value = { point = 5, lo = 5, hi = 5 } }]
[[rule]]
id = "t.pair"
kind = "number"
priority = 3
pattern = '(?P<lo>\d+)-(?P<hi>\d+)'
examples = [{ text = "10-15 men", match = "10-15", value = { lo = 10, hi = 15 } }]
[[rule]]
id = "t.phone"
kind = "ignore"
priority = 9
pattern = '\d{3}-\d{4}'
examples = [{ text = "call 555-1234", none = true }]
)toml";

struct Fixture {
  rules::RuleSet rules;
  std::unique_ptr<Recognizer> recognizer;
  Fixture() {
    std::string err;
    REQUIRE_MESSAGE(rules::LoadRuleSetFromFiles({{"t.toml", kRules}}, &rules, &err), err);
    REQUIRE_MESSAGE(Recognizer::Create(rules, &recognizer, &err), err);
  }
  std::vector<std::string> Find(const std::string& text) const {
    corpus::Document doc = corpus::DocumentFromText("d", "d", text, corpus::Format::kText);
    std::vector<Mention> found;
    std::string err;
    REQUIRE(recognizer->Find(doc, std::nullopt, &found, &err));
    std::vector<std::string> out;
    for (const Mention& m : found) {
      out.push_back(m.rule->id + ":" + text.substr(m.start, m.end - m.start));
    }
    return out;
  }
};

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("overlapping matches resolve to the longest, then the higher priority") {
  Fixture f;
  // "10-15" (t.pair) beats "10" and "15" (t.digits); "555-1234" is claimed
  // by the ignore rule and emits nothing.
  CHECK(f.Find("Between 10-15 men, call 555-1234 or five.") ==
        Strings{"t.pair:10-15", "t.words:five"});
  CHECK(f.Find("Two and 7.") == Strings{"t.words:Two", "t.digits:7"});
}

TEST_CASE("groups are read for the kept matches alone, the same as with a trace") {
  // t.bad's longer match has a group that makes no number: it gives way to
  // the next best ("10-15"), whose groups are read after the choice.
  const std::string rules = std::string(kRules) + R"toml(
[[rule]]
id = "t.bad"
kind = "number"
priority = 5
pattern = '(?P<num>\d+-\d+ zz)'
examples = [{ text = "10-15 zz", none = true }]
)toml";
  rules::RuleSet set;
  std::unique_ptr<Recognizer> rec;
  std::string err;
  REQUIRE_MESSAGE(rules::LoadRuleSetFromFiles({{"t.toml", rules}}, &set, &err), err);
  REQUIRE_MESSAGE(Recognizer::Create(set, &rec, &err), err);
  const std::string text = "Some 10-15 zz men, then 7, call 555-1234 or five.";
  std::vector<Mention> plain, traced;
  Trace trace;
  REQUIRE(rec->FindInSpan(text, 0, text.size(), std::nullopt, &plain, &err));
  REQUIRE(rec->FindInSpan(text, 0, text.size(), std::nullopt, &traced, &err, &trace));
  REQUIRE(plain.size() == 3);
  CHECK(text.substr(plain[0].start, plain[0].end - plain[0].start) == "10-15");
  CHECK(plain[0].rule->id == "t.pair");
  const auto& range = std::get<model::Quantity>(plain[0].value);
  CHECK(range.lo == 10);
  CHECK(range.hi == 15);
  CHECK(plain[1].rule->id == "t.digits");
  CHECK(plain[2].rule->id == "t.words");
  REQUIRE(traced.size() == plain.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    CHECK(ToRecord(plain[i], "d", text) == ToRecord(traced[i], "d", text));
  }
  // The trace still tells of every candidate, the dropped one included.
  bool dropped = false;
  for (const std::string& line : trace.lines) {
    if (line.find("t.bad matched \"10-15 zz\"") != std::string::npos &&
        line.find("dropped") != std::string::npos) {
      dropped = true;
    }
  }
  CHECK(dropped);
}

TEST_CASE("group `span` is the mention; the whole match ranks it and frees the rest") {
  // "from 10-15 zz" (t.from) outranks "10-15" (t.pair); its mention is "10",
  // and "15" is free for t.digits. Plain and traced runs agree.
  const std::string rules = std::string(kRules) + R"toml(
[[rule]]
id = "t.from"
kind = "number"
pattern = 'from (?P<span>(?P<num>\d+))-\d+ zz'
examples = [{ text = "from 10-15 zz", match = "10", value = { point = 10, lo = 10, hi = 10 } }]
)toml";
  rules::RuleSet set;
  std::unique_ptr<Recognizer> rec;
  std::string err;
  REQUIRE_MESSAGE(rules::LoadRuleSetFromFiles({{"t.toml", rules}}, &set, &err), err);
  REQUIRE_MESSAGE(Recognizer::Create(set, &rec, &err), err);
  const std::string text = "Up from 10-15 zz, then 10-15.";
  for (bool traced : {false, true}) {
    std::vector<Mention> found;
    Trace trace;
    REQUIRE(rec->FindInSpan(text, 0, text.size(), std::nullopt, &found, &err,
                            traced ? &trace : nullptr));
    Strings got;
    for (const Mention& m : found) {
      got.push_back(m.rule->id + ":" + text.substr(m.start, m.end - m.start));
    }
    CHECK(got == Strings{"t.from:10", "t.digits:15", "t.pair:10-15"});
  }
}

TEST_CASE("mentions are whole words and sentences without a trigger are skipped") {
  Fixture f;
  CHECK(f.Find("An A320 and COVID19 jet.") == Strings{});
  CHECK(f.Find("Nothing countable here.") == Strings{});
  CHECK(f.Find("fivefold") == Strings{});
  // A punctuation mark of several bytes parts words: the ’ of a possessive,
  // a dash, a no-break space; a letter of several bytes does not.
  CHECK(f.Find("The five\u2019s rally, 7\u2014five.") ==
        Strings{"t.words:five", "t.digits:7", "t.words:five"});
  CHECK(f.Find("Some\u00a05 men.") == Strings{"t.digits:5"});
  CHECK(f.Find("five\u00e9 and 5\u00e9") == Strings{});
}

TEST_CASE("mentions are found per sentence, with document offsets") {
  Fixture f;
  corpus::Document doc = corpus::DocumentFromText("d", "d", "First 2.\nThen 7 more.", corpus::Format::kText);
  std::vector<Mention> found;
  std::string err;
  REQUIRE(f.recognizer->Find(doc, std::nullopt, &found, &err));
  REQUIRE(found.size() == 2);
  CHECK(found[1].start == 14);
  CHECK(found[1].end == 15);
  const model::MentionRecord r = ToRecord(found[1], "d", doc.text);
  CHECK(r.doc == "d");
  CHECK(r.text == "7");
  CHECK(r.kind == "number");
  CHECK(r.value == std::variant<model::Quantity, std::string>(model::Quantity{7, 7, 7, ""}));
  CHECK(r.rule == "t.digits");
  CHECK_FALSE(r.ordinal);
}

TEST_CASE("rule examples report what they found when they fail") {
  Fixture f;
  std::ostringstream out;
  const ExampleTally tally = RunRuleExamples(f.rules, *f.recognizer, out);
  CHECK(tally.passed == 4);
  CHECK(tally.failed == 0);
  rules::Example wrong;
  wrong.text = "5 men";
  wrong.match = "5";
  wrong.value = {{"point", "6"}, {"lo", "6"}, {"hi", "6"}};
  CHECK(CheckExample(*f.recognizer, *f.rules.Find("t.digits"), wrong) ==
        "\"5\": point 5 (expected 6), lo 5 (expected 6), hi 5 (expected 6)");
  wrong.match = "men";
  CHECK(CheckExample(*f.recognizer, *f.rules.Find("t.digits"), wrong) ==
        "no mention \"men\" from this rule; found \"5\" t.digits = 5 [5,5]");
}

TEST_CASE("groups read once for a span are read again where its context differs") {
  // The same span "-57" reads as one number after a space (\B holds before
  // the dash) and as a range after a letter (\b holds): the groups of a
  // span seen before are reused only with the same byte on either side.
  const std::string rules = std::string(kRules) + R"toml(
[[rule]]
id = "t.ctx"
kind = "number"
priority = 7
pattern = '\B-(?P<num>\d+)|\b-(?P<lo>\d)(?P<hi>\d)'
examples = [{ text = "take -57", match = "-57", value = { point = 57, lo = 57, hi = 57 } }]
)toml";
  rules::RuleSet set;
  std::unique_ptr<Recognizer> rec;
  std::string err;
  REQUIRE_MESSAGE(rules::LoadRuleSetFromFiles({{"t.toml", rules}}, &set, &err), err);
  REQUIRE_MESSAGE(Recognizer::Create(set, &rec, &err), err);
  const std::string text = "Take -57 and a-57, then -57 and a-57 again.";
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<Mention> found;
    REQUIRE(rec->FindInSpan(text, 0, text.size(), std::nullopt, &found, &err));
    REQUIRE(found.size() == 4);
    for (size_t i = 0; i < found.size(); ++i) {
      CAPTURE(i);
      CHECK(found[i].rule->id == "t.ctx");
      const auto& q = std::get<model::Quantity>(found[i].value);
      CHECK(q.lo == (i % 2 == 0 ? 57 : 5));
      CHECK(q.hi == (i % 2 == 0 ? 57 : 7));
    }
  }
}

TEST_CASE("gates and the Set ask their question of a pattern without its leading optional parts") {
  // A leading optional group goes; a plain group without a '|' of its own
  // is opened so that its leading optional groups go too; flags stay.
  CHECK(ExistenceForm("(?i)(?:(?P<qual>about\\s+|[<>]=?\\s*))?between\\s+\\C*") ==
        "(?i)between\\s+\\C*");
  CHECK(ExistenceForm("(?i)(?:q)?(?:(?:[A-Z]{1,3})?[$€]\\s?)(?P<num>\\C*)") ==
        "(?i)[$€]\\s?(?P<num>\\C*)");
  CHECK(ExistenceForm("(?:x)?" "?(?:y)*z") == "z");  // "?" "?": no trigraph
  // Kept as they are: a group with a '|' of its own, a repeated group, a
  // class holding parentheses, an unclosed group.
  CHECK(ExistenceForm("(?:(?:a)?b|c)d") == "(?:(?:a)?b|c)d");
  CHECK(ExistenceForm("(?:a)+b") == "(?:a)+b");
  CHECK(ExistenceForm("(?:[)(]x)?y") == "y");
  CHECK(ExistenceForm("(?:a") == "(?:a");
  CHECK(ExistenceForm("[[:digit:]](?:a)?") == "[[:digit:]](?:a)?");
  // A group whose flags would reach further once opened stays closed; what
  // would start with a repetition is left whole.
  CHECK(ExistenceForm("(?:(?-i)a)b") == "(?:(?-i)a)b");
  CHECK(ExistenceForm("(?:(?:x)?(?i:a))b") == "(?:(?:x)?(?i:a))b");
  CHECK(ExistenceForm("\\b*x") == "\\b*x");
  CHECK(ExistenceForm("(?:\\\\(?-i)a)b") == "(?:\\\\(?-i)a)b");
  // A word edge at the start goes too, after an optional group as well.
  CHECK(ExistenceForm("(?i)\\b(?:(?P<part>the\\s+end\\s+of)\\s+)?\\b(?P<y>\\d{4})") ==
        "(?i)\\d{4}");
  // Each form has a match wherever its pattern has one.
  const std::vector<std::string> patterns = {
      "(?i)(?:(?:about|some)\\s+)?\\b(?:\\d+|five)\\s+to\\s+\\d+",
      "(?i)(?:(?:[A-Z]{1,3})?[$€]\\s?)\\d+",
      "(?:(?:a)?\\bb)?c|d"};
  const std::vector<std::string> texts = {"about 5 to 7", "xabout5 to 7", "five to 6", "US$ 5",
                                          "$5", "cost €", "ab c", "bc", "d", "e", ""};
  for (const std::string& p : patterns) {
    const RE2 whole(p), gate(ExistenceForm(p));
    REQUIRE(whole.ok());
    REQUIRE(gate.ok());
    for (const std::string& t : texts) {
      CAPTURE(p);
      CAPTURE(t);
      if (RE2::PartialMatch(t, whole)) CHECK(RE2::PartialMatch(t, gate));
    }
  }
}

TEST_CASE("an existence form has a match wherever its pattern has one, on made-up patterns") {
  // Patterns built at random (fixed seed) from the pieces the reading
  // handles and some it must leave alone; where both compile, every text
  // the pattern matches somewhere the form matches too.
  const std::vector<std::string> pieces = {"(?:", "(?P<g", ">", "(?i)", "(?-i:", "(", ")", ")?",
                                           ")*", ")+", "){0,2}", ")??", "|", "\\b", "\\B", "a",
                                           "b", " ", "[(]", "[^)]", "\\(", "x?", "\\d", "^"};
  const std::vector<std::string> texts = {"", "a", "b", "ab", "ba", "a b", "(a)", "1a", "xab ",
                                          "b a(b", "aab b", " ab1"};
  uint32_t seed = 12345;
  auto next = [&seed]() { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  int compiled = 0;
  for (int n = 0; n < 4000; ++n) {
    std::string p;
    const int len = 1 + static_cast<int>(next() % 10);
    for (int k = 0; k < len; ++k) p += pieces[next() % pieces.size()];
    RE2::Options quiet;
    quiet.set_log_errors(false);
    const std::string form = ExistenceForm(p);
    const RE2 whole(p, quiet), gate(form, quiet);
    if (!whole.ok()) continue;
    CAPTURE(p);
    CAPTURE(form);
    REQUIRE(gate.ok());
    ++compiled;
    for (const std::string& t : texts) {
      if (RE2::PartialMatch(t, whole)) CHECK(RE2::PartialMatch(t, gate));
    }
  }
  CHECK(compiled > 300);
}

}  // namespace claimcheck::normalize

namespace claimcheck::normalize {

namespace {

// Number tokens (rules/README.md, "Number tokens"): N is the token macro,
// R (numbers under 100) a slot. t.range runs over tokens; its results must
// be those of its own pattern, whatever the sentence.
const char* kTokenRules = R"toml(
[settings]
token_macro = "N"
token_slots = "R"
token_breaks = "and"
[lexicon.triggers]
one = 1
[lexicon.number_units]
one = 1
[macros]
N = '\d+(?:,\d{3})*(?:\.\d+)?|one hundred(?: and one)?|one'
R = '\d{1,2}|one'
[[rule]]
id = "t.num"
kind = "number"
tokens = true
pattern = '(?P<num>{N})'
examples = [{ text = "5,200 men", match = "5,200", value = { point = 5200, lo = 5200, hi = 5200 } }]
[[rule]]
id = "t.range"
kind = "number"
tokens = true
priority = 2
pattern = '(?:between\s+)?(?P<lo>{R})\s+(?:to|and)\s+(?P<hi>{R})'
examples = [{ text = "10 to 15 men", match = "10 to 15", value = { lo = 10, hi = 15 } }]
)toml";

std::vector<std::string> Described(const Recognizer& rec, const std::string& text) {
  corpus::Document doc = corpus::DocumentFromText("d", "d", text, corpus::Format::kText);
  std::vector<Mention> found;
  std::string err;
  REQUIRE(rec.Find(doc, std::nullopt, &found, &err));
  std::vector<std::string> out;
  for (const Mention& m : found) {
    out.push_back(m.rule->id + ":" + text.substr(m.start, m.end - m.start) + "=" + DescribeValue(m));
  }
  return out;
}

}  // namespace

TEST_CASE("rules over number tokens find what their own patterns find") {
  rules::RuleSet set;
  std::string err;
  REQUIRE_MESSAGE(rules::LoadRuleSetFromFiles({{"t.toml", kTokenRules}}, &set, &err), err);
  const rules::Rule* range = set.Find("t.range");
  REQUIRE(range != nullptr);
  CHECK(range->token_pattern.find("{R}") == std::string::npos);
  CHECK(range->token_pattern.find("(?:[68][13]*)") != std::string::npos);  // R: the tokens with bit 0
  std::unique_ptr<Recognizer> over_tokens, own;
  REQUIRE_MESSAGE(Recognizer::Create(set, &over_tokens, &err), err);
  REQUIRE_MESSAGE(Recognizer::Create(set, &own, &err, /*tokens=*/false), err);
  for (const std::string text : {
           "From 10 to 15 men.",
           "Between One and 20 men.",        // tokens are found in any case
           "1,000 to 2,000 men, 10 and 12.",  // 1,000 is no R: no range there
           "between one hundred and one",     // a token holding "and": the own patterns part it
           "It rose .5 to 7.",                // a token opening with no word byte
           "A320 and a 15 to 20 lead.",       // a token inside a word
           "item_5 to 6, 7 to 8",             // an underscore beside a token
       }) {
    const auto a = Described(*over_tokens, text), b = Described(*own, text);
    const auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const std::string& x : v) s += x + "; ";
      return s;
    };
    CHECK_MESSAGE(a == b, text, " over tokens: ", join(a), " own: ", join(b));
  }
  CHECK_MESSAGE(Described(*over_tokens, "Between One and 20 men.") ==
                    std::vector<std::string>{"t.range:Between One and 20=[1,20]"},
                Described(*over_tokens, "Between One and 20 men.")[0]);
  // Where the own pattern matches from inside a word ("0 to 2" in "1,000 to
  // 2,000"), that match is dropped and the search goes on after it, past
  // what it covered: "10 and 12" was never seen. No match starts inside a
  // token, so over tokens the range is found.
  CHECK(Described(*over_tokens, "1,000 to 2,000 and 10 and 12.") ==
        std::vector<std::string>{"t.num:1,000=1000 [1000,1000]", "t.num:2,000=2000 [2000,2000]",
                                 "t.range:10 and 12=[10,12]"});
  CHECK(Described(*own, "1,000 to 2,000 and 10 and 12.") ==
        std::vector<std::string>{"t.num:1,000=1000 [1000,1000]", "t.num:2,000=2000 [2000,2000]",
                                 "t.num:10=10 [10,10]", "t.num:12=12 [12,12]"});
}

TEST_CASE("rules test finds a rule over tokens that reads the digits of a token itself") {
  // t.bad reads "1" outside its slots: over tokens that "1" is a placeholder.
  const std::string rules = std::string(kTokenRules) + R"toml(
[[rule]]
id = "t.bad"
kind = "number"
tokens = true
priority = 5
pattern = '(?P<num>{N})\s+1\b'
examples = [{ text = "5 1", none = true }]
)toml";
  rules::RuleSet set;
  std::string err;
  REQUIRE_MESSAGE(rules::LoadRuleSetFromFiles({{"t.toml", rules}}, &set, &err), err);
  std::unique_ptr<Recognizer> rec;
  REQUIRE_MESSAGE(Recognizer::Create(set, &rec, &err), err);
  std::ostringstream out;
  const ExampleTally tally = RunRuleExamples(set, *rec, out);
  CHECK_MESSAGE(tally.failed == 1, out.str());
  CHECK(out.str().find("t.bad: example \"5 1\": over number tokens") != std::string::npos);
}

TEST_CASE("tokens need a token macro, case-insensitive patterns and at most two slots") {
  const auto load = [](const std::string& toml) {
    rules::RuleSet set;
    std::string err;
    const bool ok = rules::LoadRuleSetFromFiles({{"t.toml", toml}}, &set, &err);
    return ok ? std::string() : err;
  };
  const std::string rule = R"toml(
[macros]
N = '\d+'
A = 'a'
B = 'b'
C = 'c'
[[rule]]
id = "t.num"
kind = "number"
tokens = true
pattern = '(?P<num>{N})'
examples = [{ text = "5", value = { point = 5, lo = 5, hi = 5 } }]
)toml";
  CHECK_MESSAGE(load(rule).find("t.toml:11:11: rule 't.num' has tokens = true: [settings] token_macro") !=
                    std::string::npos, load(rule));
  CHECK(load("[settings]\ntoken_macro = \"N\"\ntoken_slots = \"A B C\"\n" + rule).find("at most 2") !=
        std::string::npos);
  CHECK(load("[settings]\ntoken_macro = \"N\"\n" + rule).empty());
  std::string sensitive = "[settings]\ntoken_macro = \"N\"\n" + rule;
  sensitive.replace(sensitive.find("tokens = true"), 13, "tokens = true\ncase_sensitive = true");
  CHECK(load(sensitive).find("do not go together") != std::string::npos);
  std::string unused = "[settings]\ntoken_macro = \"N\"\n" + rule;
  unused.replace(unused.find("{N}"), 3, "\\d");
  CHECK(load(unused).find("uses neither the token macro nor a slot macro") != std::string::npos);
}

}  // namespace claimcheck::normalize
