// The number and time normalizers (the recognizer with the embedded rules)
// on one sentence. An input that starts with "YYYY-MM-DD\n" takes that date
// as the document date, else 2020-01-24; the rest is the sentence, cut as the
// reader cuts a document's sentences: at most 4096 bytes a span (corpus/
// reader.cc, kMaxSentence), so a 1 MB input is many spans, as in a document.
// (One 1 MB span is quadratic: the tense reads the words of the whole sentence
// around each match; no document reaches it.)
// Invariants: mentions lie inside the text, in order; every value prints;
// a quantity is within ±2^53 with lo <= point <= hi (a mention may be
// negative, "-24 degrees"; a claim's count may not).
#include <algorithm>
#include <vector>

#include "fuzz.h"
#include "model/json_io.h"
#include "util/date.h"

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck;
  using namespace claimcheck::fuzz;
  const Engine& engine = EmbeddedEngine();
  std::string_view text = Bytes(data, size);
  std::optional<CivilDate> reference = CivilDate{2020, 1, 24};
  if (text.size() >= 11 && text[10] == '\n') {
    if (auto date = ParseIsoDate(text.substr(0, 10))) {
      reference = date;
      text.remove_prefix(11);
    }
  }
  std::vector<normalize::Mention> mentions;
  std::string err;
  constexpr size_t kMaxSpan = 4096;
  for (size_t start = 0; start < text.size();) {
    size_t end = std::min(text.size(), start + kMaxSpan);
    // Not inside a UTF-8 character.
    while (end < text.size() && end > start + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    Require(engine.recognizer->FindInSpan(text, start, end, reference, &mentions, &err),
            "the recognizer failed: " + err);
    start = end;
  }
  size_t last = 0;
  for (const normalize::Mention& m : mentions) {
    Require(m.start < m.end && m.end <= text.size(), "a mention outside the text");
    Require(m.start >= last, "mentions overlap or are out of order");
    last = m.end;
    if (const auto* q = std::get_if<model::Quantity>(&m.value)) {
      Require(model::InSupportedRange(*q), "a quantity past ±2^53");
      Require(!q->hi || *q->hi >= q->lo, "a quantity with hi < lo");
      Require(!q->point || (*q->point >= static_cast<double>(q->lo) &&
                            (!q->hi || *q->point <= static_cast<double>(*q->hi))),
              "a quantity's point outside [lo, hi]");
    }
    (void)normalize::DescribeValue(m);
    (void)model::DumpLine(model::ToJson(normalize::ToRecord(m, "fuzz", text)));
  }
  return 0;
}
