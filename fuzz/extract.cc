// The extractor on a whole document (plain text, the embedded rules, no
// date unless the text gives one): mentions, anchored times, claims.
// Invariants: claims quote their document; a count is in 0..2^53 (never
// negative); a date is in the calendar years 1–9999; every claim prints as JSON.
#include "corpus/reader.h"
#include "fuzz.h"
#include "model/json_io.h"

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck;
  using namespace claimcheck::fuzz;
  const Engine& engine = EmbeddedEngine();
  corpus::Document doc =
      corpus::DocumentFromText("fuzz", "fuzz.txt", std::string(Bytes(data, size)), corpus::Format::kText);
  if (!doc.ok()) return 0;
  extract::Extraction x;
  std::string err;
  Require(engine.extractor->Extract(doc, &x, &err), "the extractor failed: " + err);
  Require(x.times.size() == x.mentions.size(), "times and mentions differ in count");
  for (const model::Claim& c : x.claims) {
    Require(c.evidence.start <= c.evidence.end && c.evidence.end <= doc.text.size(),
            "evidence outside the text");
    if (const auto* q = std::get_if<model::Quantity>(&c.value)) {
      // A count is never negative; named people may add a few past 2^53.
      Require(q->lo >= 0 && q->lo <= model::kMaxCount + 1000, "a count below 0 or past 2^53");
      Require(!q->hi || *q->hi >= q->lo, "a count with hi < lo");
    } else {
      const auto& t = std::get<model::Time>(c.value);
      for (const std::string* day : {&t.lo, &t.hi}) {
        Require(day->empty() || (day->size() == 10 && (*day)[4] == '-' && (*day)[0] != '-'),
                "a date outside the calendar years 1–9999: " + *day);
      }
    }
    (void)model::DumpLine(model::ToJson(c));
  }
  return 0;
}
