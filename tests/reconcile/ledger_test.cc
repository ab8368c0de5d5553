#include "reconcile/ledger.h"

#include <doctest/doctest.h>

#include "reconcile/reconciler.h"

namespace claimcheck::reconcile {

namespace {

model::Claim Deaths(std::string doc, int n, int64_t value, bool negated = false) {
  model::Claim c;
  c.id = doc + "#" + std::to_string(n);
  c.doc = doc;
  c.rule = "t";
  c.attribute = "deaths";
  c.subject = "earthquake";
  c.value = model::Quantity{static_cast<double>(value), value, value, ""};
  c.as_of = {"2013-07-03", "2013-07-03", "2013-07-03", "document-date"};
  c.evidence.text = std::to_string(value) + " people were killed";
  c.evidence.sentence = doc + " sentence " + std::to_string(n);
  c.negated = negated;
  return c;
}

model::DocumentRecord Doc(std::string doc) {
  model::DocumentRecord d;
  d.doc = std::move(doc);
  d.status = "ok";
  return d;
}

Ledger Facts() {
  Ledger ledger;
  std::string err;
  REQUIRE(ParseLedger("facts.toml",
                      "[[fact]]\nsubject = \"earthquake@indonesia\"\nattribute = \"deaths\"\nvalue = 35\n"
                      "citation = \"agency\"\n\n"
                      "[[fact]]\nsubject = \"moon-landing\"\nattribute = \"casualties\"\nvalue = 0\n"
                      "citation = \"none\"\n\n"
                      "[[fact]]\nsubject = \"us-troops@iraq\"\nattribute = \"troops\"\nvalue = 2500\n"
                      "citation = \"DoD\"\n",
                      &ledger, &err));
  return ledger;
}

}  // namespace

TEST_CASE("ledger validation: facts no rule can produce, facts no claim matched") {
  const Ledger ledger = Facts();
  Vocabulary v;
  v.attributes = {"deaths", "troops"};
  v.events = {"earthquake", "event", "troops"};
  v.named = {"killing"};
  v.forces = {"us"};
  const std::vector<std::string> unproducible = UnproducibleFacts(ledger, v);
  REQUIRE(unproducible.size() == 2);
  CHECK(unproducible[0].starts_with("facts.toml:7: no rule produces attribute 'casualties'"));
  CHECK(unproducible[1].starts_with("facts.toml:7: no rule produces subject 'moon-landing'"));
  Ledger named;
  named.facts.push_back({"soleimani-killing", "deaths", {}, "", "", "", "f:1"});
  CHECK(UnproducibleFacts(named, v).empty());

  model::Report r{{Doc("a")}, {Deaths("a", 1, 35), Deaths("a", 2, 500, true)}, {}};
  const std::vector<std::string> unmatched = UnmatchedFacts(ledger, r);
  REQUIRE(unmatched.size() == 2);
  CHECK(unmatched[0] == "facts.toml:7: fact (moon-landing casualties) matched no claim in this run");
  CHECK(unmatched[1] == "facts.toml:13: fact (us-troops@iraq troops) matched no claim in this run");
  // A negated claim matches nothing: it asserts nothing.
  r.claims = {Deaths("a", 2, 500, true)};
  CHECK(UnmatchedFacts(ledger, r).size() == 3);
}

TEST_CASE("a negated claim never fails the ledger nor contradicts a source") {
  const Ledger ledger = Facts();
  model::Report r{{Doc("a"), Doc("b")}, {Deaths("a", 1, 35), Deaths("a", 2, 500, true), Deaths("b", 1, 900, true)}, {}};
  Reconcile(&r, &ledger);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].verdict == "single");
  CHECK(r.findings[0].claims == std::vector<std::string>{"a#1"});
  r.claims[1].negated = false;
  Reconcile(&r, &ledger);
  int ledger_findings = 0;
  for (const auto& f : r.findings) ledger_findings += f.verdict == "ledger";
  CHECK(ledger_findings == 1);
}

}  // namespace claimcheck::reconcile
