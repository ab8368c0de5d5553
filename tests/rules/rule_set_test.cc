#include "rules/rule_set.h"

#include <doctest/doctest.h>
#include <unistd.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "rules/embedded.h"

namespace claimcheck::rules {

namespace {

std::string LoadError(const std::string& toml) {
  RuleSet rules;
  std::string err;
  if (LoadRuleSetFromFiles({{"rules/en/t.toml", toml}}, &rules, &err)) return "";
  return err;
}

const char* kExamples = "examples = [{ text = \"x\", none = true }]\n";

}  // namespace

TEST_CASE("rule files load lexicons, settings, macros and rules") {
  RuleSet rules;
  std::string err;
  const std::string toml = std::string(R"toml(
[settings]
numeric_date_order = "dmy"

[lexicon.units]
one = 1
"Twenty  One" = 21
about = { lo = "floor(0.9n)", point = true }

[macros]
WORD = '{lex:units}'
NUM = '(?:\d+|{WORD})'

[[rule]]
id = "t.num"
kind = "number"
pattern = '(?P<num>{NUM})'
fields = { unit = "day", offset = -1 }
)toml") + kExamples;
  REQUIRE_MESSAGE(LoadRuleSetFromFiles({{"rules/en/t.toml", toml}}, &rules, &err), err);
  CHECK(rules.Setting("numeric_date_order") == "dmy");
  CHECK(rules.Setting("absent", "mdy") == "mdy");
  CHECK(rules.Lex("units").Int("twenty one") == 21);
  CHECK(rules.Lex("units").Find("ABOUT")->Field("point") == "true");
  CHECK(rules.Lex("nothing").entries().empty());
  const Rule* r = rules.Find("t.num");
  REQUIRE(r != nullptr);
  CHECK(r->expanded == R"((?i)(?P<num>(?:(?:\d+|(?:(?:twenty\s+one|one|about))))))");
  CHECK(r->fields.at("offset") == "-1");
  CHECK(RE2::FullMatch("Twenty   one", r->re()));
  CHECK(r->loc.line == 17);  // the pattern's line
}

TEST_CASE("a lexicon finds a key in any case and with any run of whitespace") {
  Lexicon lex;
  lex.Set("Tens  of Thousands", LexEntry{"10000", {}});
  lex.Set("ten", LexEntry{"10", {}});
  for (const char* text : {"tens of thousands", "Tens of thousands", "tens  of\tthousands",
                           " tens of thousands", "tens of thousands\n"}) {
    CHECK_MESSAGE(lex.Value(text) == "10000", text);
  }
  CHECK(lex.Value("TEN") == "10");
  CHECK(lex.Find("tens of") == nullptr);
  CHECK(lex.Find("") == nullptr);
  CHECK(lex.Find("te n") == nullptr);
}

TEST_CASE("a lexicon's pattern puts each key before its prefixes: the longest key that fits wins") {
  RuleSet rules;
  Lexicon& lex = rules.MutableLexicon("scales");
  for (const char* key : {"mil", "million", "millions", "two", "twenty", "per", "per cent"}) {
    lex.Set(key, LexEntry{});
  }
  const std::string alt = LexiconPattern(lex);
  CHECK(alt == R"((?:two|twenty|per\s+cent|per|millions|million|mil))");
  const RE2 re(alt);
  REQUIRE(re.ok());
  for (const auto& [text, want] : std::vector<std::pair<std::string, std::string>>{
           {"millions of", "millions"}, {"million people", "million"}, {"twenty-two", "twenty"},
           {"per  cent", "per  cent"}, {"percent", "per"}, {"mil.", "mil"}}) {
    re2::StringPiece got;
    CHECK_MESSAGE(RE2::PartialMatch(text, "(" + alt + ")", &got), text);
    CHECK_MESSAGE(got == want, text);
  }
}

TEST_CASE("a rule using a macro of [set_macros] gets a set form; others keep none") {
  RuleSet rules;
  std::string err;
  const std::string toml = std::string(R"toml(
[macros]
N = '\d+(?:,\d{3})*'
[set_macros]
N = '\C*'
[[rule]]
id = "between"
kind = "number"
pattern = 'between (?P<lo>{N}) and (?P<hi>{N})'
)toml") + kExamples + R"toml(
[[rule]]
id = "plain"
kind = "number"
pattern = '(?P<num>\d+)'
)toml" + kExamples;
  REQUIRE(LoadRuleSetFromFiles({{"rules/en/t.toml", toml}}, &rules, &err));
  CHECK(rules.Find("between")->set_pattern == R"((?i)between (?P<lo>(?:\C*)) and (?P<hi>(?:\C*)))");
  CHECK(rules.Find("between")->expanded.find("\\d+") != std::string::npos);
  CHECK(rules.Find("plain")->set_pattern.empty());
}

TEST_CASE("macros that use one another many times stop at a size cap, at file:line:col") {
  std::string b_uses_c, a_uses_b;
  for (int i = 0; i < 1000; ++i) b_uses_c += "{C}";
  for (int i = 0; i < 1000; ++i) a_uses_b += "{B}";
  const std::string toml = "[macros]\nA = '" + a_uses_b + "'\nB = '" + b_uses_c + "'\nC = 'x'\n";
  const std::string err = LoadError(toml);
  CHECK(err.starts_with("rules/en/t.toml:2:5: pattern expands to more than 1048576 bytes"));
}

TEST_CASE("count settings are integers; absent ones take the caller's fallback") {
  RuleSet rules;
  std::string err;
  REQUIRE(LoadRuleSetFromFiles({{"rules/en/t.toml", "[settings]\nbackground_days = 90\n"}}, &rules, &err));
  CHECK(rules.IntSetting("background_days", 60) == 90);
  CHECK(rules.IntSetting("recent_event_days", 7) == 7);
  CHECK(IsIntegerSetting("lead_sentences"));
  CHECK_FALSE(IsIntegerSetting("numeric_date_order"));
}

TEST_CASE("errors name file:line:col and show the line with a caret") {
  struct {
    std::string toml;
    std::string error;
  } cases[] = {
      {"[[rule]]\nid = \"a\"\nkind = \"number\"\npatern = 'x'\n",
       "rules/en/t.toml:4:1: unknown key 'patern' in rule (id, kind, pattern, priority, "
       "case_sensitive, tokens, fields, examples)\npatern = 'x'\n^"},
      {"[rules]\n", "rules/en/t.toml:1:2: unknown key 'rules' (expected settings, lexicon, macros, set_macros, rule, claim)\n[rules]\n ^"},
      {std::string("[[rule]]\nid = \"a\"\nkind = \"number\"\npattern = '(?P<n>x'\n") + kExamples,
       "rules/en/t.toml:4:11: rule 'a': bad pattern: missing ): (?i)(?P<n>x (at '(?i)(?P<n>x')\n"
       "pattern = '(?P<n>x'\n          ^"},
      {std::string("[[rule]]\nid = \"a\"\nkind = \"number\"\npattern = '{NOPE}'\n") + kExamples,
       "rules/en/t.toml:4:11: unknown macro {NOPE}\npattern = '{NOPE}'\n          ^"},
      {std::string("[macros]\nA = '{B}'\nB = '{A}'\n[[rule]]\nid = \"a\"\nkind = \"number\"\npattern = '{A}'\n") + kExamples,
       "rules/en/t.toml:3:5: macro {A} refers to itself\nB = '{A}'\n    ^"},
      {std::string("[[rule]]\nid = \"a\"\nkind = \"number\"\npattern = '{lex:none}'\n") + kExamples,
       "rules/en/t.toml:4:11: unknown or empty lexicon 'none' in {lex:none}\npattern = '{lex:none}'\n          ^"},
      {"[[rule]]\nid = \"a\"\nkind = \"number\"\npattern = 'x'\n",
       "rules/en/t.toml:1:1: rule 'a' needs 'examples' (a non-empty array)\n[[rule]]\n^"},
      {"[[rule]]\nid = \"a\"\nkind = \"colour\"\npattern = 'x'\n",
       "rules/en/t.toml:3:8: unknown kind 'colour' (number, date, time, duration, set, ignore)\n"
       "kind = \"colour\"\n       ^"},
      {std::string("[[rule]]\nid = \"a\"\nkind = \"number\"\npattern = 'x'\n") + kExamples +
           "[[rule]]\nid = \"a\"\nkind = \"number\"\npattern = 'y'\n" + kExamples,
       "rules/en/t.toml:6:1: duplicate rule id 'a'\n[[rule]]\n^"},
      {"[[rule]]\nid = \"a\"\nkind = \"number\"\npattern = 'x'\nexamples = [{ text = \"x\", value = { pt = 1 } }]\n",
       "rules/en/t.toml:5:37: unknown key 'pt' in a quantity (point, lo, hi, qualifier)\n"
       "examples = [{ text = \"x\", value = { pt = 1 } }]\n                                    ^"},
      {"x = = 1\n", "rules/en/t.toml:1:5: Error while parsing value: could not determine value type\nx = = 1\n    ^"},
      {"[set_macros]\nNUMBER = '\\C*'\n",
       "rules/en/t.toml:2:10: set_macros: {NUMBER} is no macro of [macros]\nNUMBER = '\\C*'\n         ^"},
      {"[settings]\nrecent_event_days = \"7\"\n",
       "rules/en/t.toml:2:21: setting 'recent_event_days' must be a non-negative integer\n"
       "recent_event_days = \"7\"\n                    ^"},
      {"[settings]\nlead_sentences = -1\n",
       "rules/en/t.toml:2:18: setting 'lead_sentences' must be a non-negative integer\n"
       "lead_sentences = -1\n                 ^"},
      {std::string("[[claim]]\nid = \"a\"\nattribute = \"date\"\npattern = '(?P<value>x)'\n"
                   "fields = { count = \"1\" }\n") + kExamples,
       "rules/en/t.toml:1:1: rule 'a': 'count' is for count claims only\n[[claim]]\n^"},
      {std::string("[[claim]]\nid = \"a\"\nattribute = \"deaths\"\npattern = '(?P<value>x)'\n"
                   "fields = { count = \"one\" }\n") + kExamples,
       "rules/en/t.toml:1:1: rule 'a': 'count' must be a whole number from 0 to 999999, got 'one'\n"
       "[[claim]]\n^"},
      {std::string("[[claim]]\nid = \"a\"\nattribute = \"deaths\"\npattern = '(?P<value>x)'\n"
                   "fields = { count = \"2\", individual = \"true\" }\n") + kExamples,
       "rules/en/t.toml:1:1: rule 'a': 'individual' is \"true\", for count claims of count = \"1\" only, got 'true'\n"
       "[[claim]]\n^"},
      {"[settings]\nnumeric_date_order = 1\n",
       "rules/en/t.toml:2:22: setting 'numeric_date_order' must be a string\n"
       "numeric_date_order = 1\n                     ^"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.toml);
    CHECK(LoadError(c.toml) == c.error);
  }
}

TEST_CASE("lazily loaded embedded rules compile on first use; a --rules directory never loads lazily") {
  RuleSet lazy;
  std::string err;
  REQUIRE_MESSAGE(LoadRuleSet({}, &lazy, &err, /*lazy=*/true), err);
  RuleSet eager;
  REQUIRE_MESSAGE(LoadRuleSet({}, &eager, &err), err);
  REQUIRE(lazy.rules().size() == eager.rules().size());
  for (size_t i = 0; i < lazy.rules().size(); ++i) {
    const Rule& a = *lazy.rules()[i];
    const Rule& b = *eager.rules()[i];
    CAPTURE(a.id);
    CHECK(a.re().ok());
    CHECK(a.re().pattern() == b.re().pattern());
    CHECK((a.set_re() == nullptr) == (b.set_re() == nullptr));
  }
  for (const auto& claim : lazy.claim_rules()) CHECK(claim->re().NamedCapturingGroups().count("value") == 1);

  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "claimcheck_rules_lazy_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "bad.toml") << "[[rule]]\nid = \"x.bad\"\nkind = \"number\"\npattern = '(unclosed'\n"
                                  << kExamples;
  RuleSet layered;
  CHECK_FALSE(LoadRuleSet({dir.string()}, &layered, &err, /*lazy=*/true));
  CAPTURE(err);
  CHECK(err.find("rule 'x.bad': bad pattern") != std::string::npos);
  CHECK(err.find((dir / "bad.toml").string() + ":4:11: ") == 0);
  fs::remove_all(dir);
}

TEST_CASE("the embedded rules load, and a --rules directory overrides by id") {
  RuleSet embedded;
  std::string err;
  REQUIRE_MESSAGE(LoadRuleSet({}, &embedded, &err), err);
  REQUIRE_FALSE(EmbeddedRuleFiles().empty());
  REQUIRE_FALSE(embedded.rules().empty());
  const std::string id = embedded.rules().front()->id;

  namespace fs = std::filesystem;
  // One folder per process: two test runs at once (worktrees, sanitizer builds) must not share it.
  const fs::path dir = fs::temp_directory_path() / ("claimcheck_rules_override_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "local.toml") << "[[rule]]\nid = \"" << id
                                    << "\"\nkind = \"ignore\"\npattern = 'zzz'\n" << kExamples;
  RuleSet layered;
  REQUIRE_MESSAGE(LoadRuleSet({dir.string()}, &layered, &err), err);
  CHECK(layered.rules().size() == embedded.rules().size());
  CHECK(layered.Find(id)->kind == Kind::kIgnore);
  CHECK(layered.Find(id)->loc.file == (dir / "local.toml").string());

  RuleSet missing;
  CHECK_FALSE(LoadRuleSet({(dir / "nope").string()}, &missing, &err));
  CHECK(err == "--rules " + (dir / "nope").string() + ": not a directory");

  // A FIFO named *.toml would block loading forever: it is an error instead.
  const fs::path fifo = dir / "zz-pipe.toml";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  RuleSet blocked;
  CHECK_FALSE(LoadRuleSet({dir.string()}, &blocked, &err));
  CHECK(err == fifo.string() + ": not a regular file (a FIFO, socket, device or directory)");
  fs::remove_all(dir);
}

}  // namespace claimcheck::rules
