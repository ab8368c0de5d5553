#include "model/json_io.h"

#include <doctest/doctest.h>

#include <sstream>
#include <vector>

namespace claimcheck::model {

namespace {

Claim SampleClaim() {
  Claim c;
  c.id = "fixtures/seeds/000#7";
  c.doc = "fixtures/seeds/000";
  c.rule = "en.troops.count";
  c.subject = "us-troops@iraq";
  c.attribute = "troops";
  c.value = Quantity{2500, 2250, 2750, "about"};
  c.as_of = {"2022-01-01", "2022-01-01", "2022-01-01", "document-date"};
  c.evidence = {2382, 2411, 19, 114, "about 2,500 American soldiers", "…"};
  return c;
}

}  // namespace

TEST_CASE("a claim prints as DESIGN.md §3 shows it and reads back") {
  const Claim c = SampleClaim();
  const Json j = ToJson(c);
  CHECK(DumpLine(j["value"]) ==
        R"({"kind":"quantity","point":2500,"lo":2250,"hi":2750,"qualifier":"about"})");
  CHECK(DumpLine(j["as_of"]) ==
        R"({"timex":"2022-01-01","lo":"2022-01-01","hi":"2022-01-01","basis":"document-date"})");
  CHECK(j["attribution"].is_null());
  Claim back;
  std::string err;
  REQUIRE(FromJson(j, &back, &err));
  CHECK(back == c);
  // One person the text describes: the mark alone makes a scope, and reads back.
  Claim one = c;
  one.scope.individual = true;
  const Json k = ToJson(one);
  CHECK(DumpLine(k["scope"]) == R"({"who":null,"perpetrators":null,"part":null,"individual":true})");
  REQUIRE(FromJson(k, &back, &err));
  CHECK(back == one);
}

TEST_CASE("a claim written directly is ToJson's dump, compact and indented, whatever its fields") {
  std::vector<Claim> claims(10, SampleClaim());
  claims[9].scope.individual = true;  // only individual: a scope object all the same
  claims[1].value = Quantity{std::nullopt, 5, std::nullopt, ""};
  claims[2].value = Quantity{2.5, 2, 3, "about"};
  claims[3].value = Time{"XXXX-01-03", "", "", "day"};
  claims[3].as_of = {"", "", "", "unresolved"};
  claims[4].attribution = "officials \"said\"";
  claims[4].event_class = "violence";
  claims[4].scope = {"victims+perpetrator", 1, "at the scene", "shot", -1};
  claims[4].timeline = {"earlier", "initial reports"};
  claims[4].hedged = claims[4].negated = claims[4].revision = true;
  claims[5].scope = {"", 0, "identified", "shot", 2, 3};
  claims[6].scope.added = 2;  // only added: a scope of its own
  claims[5].timeline = {"earlier", ""};
  claims[6].evidence.sentence = "a\\b\nc\td\x01e\x7F f \"q\" caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D";
  claims[7].evidence.sentence = "bad \xFF byte and \xC3 cut";
  claims[8].id = claims[8].doc = claims[8].rule = claims[8].subject = claims[8].attribute = "";
  claims[8].value = Quantity{-9007199254740992.0, -9007199254740992, -5, "more than"};
  for (size_t i = 0; i < claims.size(); ++i) {
    CAPTURE(i);
    const Json j = ToJson(claims[i]);
    CHECK(ClaimLine(claims[i]) == DumpLine(j));
    for (size_t depth : {0, 2}) {
      std::ostringstream direct, tree;
      WriteIndented(claims[i], depth, direct);
      WriteIndented(j, depth, tree);
      CHECK(direct.str() == tree.str());
    }
  }
}

TEST_CASE("open bounds and vague magnitudes print null") {
  CHECK(DumpLine(ToJson(Quantity{std::nullopt, 2000, 9999, ""})) ==
        R"({"kind":"quantity","point":null,"lo":2000,"hi":9999,"qualifier":null})");
  CHECK(DumpLine(ToJson(Quantity{std::nullopt, 3, std::nullopt, "at least"})) ==
        R"({"kind":"quantity","point":null,"lo":3,"hi":null,"qualifier":"at least"})");
  CHECK(DumpLine(ToJson(Time{"XXXX-01-03", "", "", "day"})) ==
        R"({"kind":"time","timex":"XXXX-01-03","lo":null,"hi":null,"granularity":"day"})");
  // A vague magnitude says so; the mark round-trips, and a non-boolean is refused.
  CHECK(DumpLine(ToJson(Quantity{std::nullopt, 2000, 9999, "thousands", true})) ==
        R"({"kind":"quantity","point":null,"lo":2000,"hi":9999,"qualifier":"thousands","vague":true})");
  Claim c = SampleClaim();
  c.value = Quantity{std::nullopt, 2000, 9999, "thousands", true};
  Claim back;
  std::string err;
  REQUIRE(FromJson(ToJson(c), &back, &err));
  CHECK(back == c);
  Json j = ToJson(c);
  j["value"]["vague"] = 1;
  CHECK_FALSE(FromJson(j, &back, &err));
  CHECK(err == "'vague' is not a boolean");
}

TEST_CASE("a date's mod and loose day are written when set and read back") {
  Time t{"2016-09-18", "2016-09-18", "2016-09-18", "day"};
  t.mod = "START";
  t.loose_day = true;
  CHECK(DumpLine(ToJson(t)) ==
        R"({"kind":"time","timex":"2016-09-18","lo":"2016-09-18","hi":"2016-09-18","granularity":"day","mod":"START","loose_day":true})");
  Claim c = SampleClaim();
  c.attribute = "date";
  c.value = t;
  Claim back;
  std::string err;
  REQUIRE(FromJson(ToJson(c), &back, &err));
  CHECK(back == c);
  // The streaming writer (ClaimsJsonl) writes the same bytes.
  CHECK(ClaimLine(c) == DumpLine(ToJson(c)));
  Json j = ToJson(c);
  j["value"]["loose_day"] = "yes";
  CHECK_FALSE(FromJson(j, &back, &err));
}

TEST_CASE("reading a claim names what is wrong") {
  Json j = ToJson(SampleClaim());
  j["value"]["lo"] = "many";
  Claim back;
  std::string err;
  CHECK_FALSE(FromJson(j, &back, &err));
  CHECK(err == "'lo' is not an integer");
  j = ToJson(SampleClaim());
  j["value"]["kind"] = "mood";
  CHECK_FALSE(FromJson(j, &back, &err));
  CHECK(err == "unknown value kind 'mood'");
}

TEST_CASE("document records round-trip and the report has its schema and summary") {
  DocumentRecord d;
  d.doc = "a";
  d.path = "a.txt";
  d.published = "2021-01-03";
  d.published_basis = "metadata";
  d.status = "ok";
  d.fingerprints = {"00ff"};
  DocumentRecord back;
  std::string err;
  REQUIRE(FromJson(ToJson(d), &back, &err));
  CHECK(back == d);

  Report r;
  r.inputs = {d};
  r.claims = {SampleClaim()};
  r.findings = {Finding{"F1", "single", "note", "us-troops@iraq", "troops", "1 source", {"x"}, {}}};
  const Json j = ToJson(r);
  CHECK(j["schema"] == "claimcheck.report/1");
  CHECK(DumpLine(j["summary"]) ==
        R"({"documents":1,"ok":1,"skipped":0,"claims":1,"findings":1,)"
        R"("verdicts":{"agree":0,"contradict":0,"changed":0,"single":1,"internal":0,"ledger":0}})");
}

TEST_CASE("the report written a record at a time is DumpPretty's bytes") {
  auto streamed = [](const Report& r) {
    std::ostringstream out;
    WritePretty(r, out);
    return out.str();
  };
  Report r;
  CHECK(streamed(r) == DumpPretty(ToJson(r)));  // every array empty: "[]"

  DocumentRecord d;
  d.doc = "a";
  d.path = "a.txt";
  d.status = "ok";
  d.warnings = {"line 2: odd \"quotes\"\nand a newline"};
  DocumentRecord skipped = d;
  skipped.doc = "b";
  skipped.status = "skipped";
  skipped.reason = std::string("caf\xE9: invalid UTF-8");  // replaced, as DumpPretty replaces it
  skipped.warnings.clear();
  r.inputs = {d, skipped};
  Claim c = SampleClaim();
  c.evidence.sentence = "Line one.\n  Line two,\tindented.";
  c.scope.who = "soldiers";
  Claim t = SampleClaim();
  t.id = "fixtures/seeds/000#8";
  t.value = Time{"2022-01-01", "2022-01-01", "2022-01-01", "day"};
  r.claims = {c, t};
  r.findings = {Finding{"F1", "agree", "note", "us-troops@iraq", "troops", "2 sources", {c.id, t.id}, {"a\nb"}},
                Finding{"F2", "single", "note", "x", "y", "", {}, {}}};
  r.findings[0].timeline = {{c.id, "a", "2022-01-01", "2,500", "standing"}};
  r.findings[0].grouped_by = {"event: war"};
  r.findings[0].fingerprint = "00ff";
  CHECK(streamed(r) == DumpPretty(ToJson(r)));
}

TEST_CASE("invalid UTF-8 never breaks JSON output") {
  Json j = {{"text", std::string("caf\xE9")}};
  CHECK(DumpLine(j) == "{\"text\":\"caf\xEF\xBF\xBD\"}");
}

TEST_CASE("a mention prints as DESIGN.md §3 shows it; optional keys only when set") {
  MentionRecord number{"d", 14, 15, "7", "number", Quantity{7, 7, 7, ""}, "", std::nullopt,
                       false, "", "t.digits", std::nullopt};
  CHECK(DumpLine(ToJson(number)) ==
        R"({"doc":"d","start":14,"end":15,"text":"7","kind":"number",)"
        R"("value":{"kind":"quantity","point":7,"lo":7,"hi":7,"qualifier":null},"rule":"t.digits"})");
  MentionRecord later{"d", 0, 14, "two days later", "date", std::string("XXXX-XX-XX"), "APPROX",
                      MentionAnchor{"after", "P2D", 0, ""}, true, "", "t.later",
                      MentionInterval{"2020-01-05", ""}};
  CHECK(DumpLine(ToJson(later)) ==
        R"({"doc":"d","start":0,"end":14,"text":"two days later","kind":"date",)"
        R"("value":"XXXX-XX-XX","mod":"APPROX","interval":{"lo":"2020-01-05","hi":null},)"
        R"("anchor":{"relation":"after","offset":"P2D","ordinal":null,"event":null},)"
        R"("ordinal":true,"rule":"t.later"})");
  MentionRecord percent{"d", 3, 14, "45 per cent", "number", Quantity{45, 45, 45, ""}, "",
                        std::nullopt, false, "percent", "t.unit", std::nullopt};
  CHECK(DumpLine(ToJson(percent)) ==
        R"({"doc":"d","start":3,"end":14,"text":"45 per cent","kind":"number",)"
        R"("value":{"kind":"quantity","point":45,"lo":45,"hi":45,"qualifier":null},)"
        R"("unit":"percent","rule":"t.unit"})");
}

}  // namespace claimcheck::model
