// Hostile and boundary inputs (issue 15): each case is a regression for a
// defect found by hand or by the fuzz targets in fuzz/; the same inputs lie
// in fuzz/regressions/ and run through the targets (ctest fuzz_replay_*).
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "reconcile/ledger.h"

namespace claimcheck::cli {

namespace {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome Hostile(std::vector<std::string> args, const std::string& stdin_text) {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  const int code = Run(args, in, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("a comma-grouped count is read whole: 66,000,000 years ago is no date of 2020") {
  Outcome r = Hostile({"mentions", "--reference-date", "2020-01-01", "-"},
                      "The asteroid hit 66,000,000 years ago.\n");
  CHECK(r.code == 0);
  CHECK(r.out.find("\"text\":\"000,000 years ago\"") == std::string::npos);
  CHECK(r.out.find("\"value\":\"2020\"") == std::string::npos);
  CHECK(r.out.find("\"text\":\"66,000,000 years\",\"kind\":\"duration\",\"value\":\"P66000000Y\"") !=
        std::string::npos);
}

TEST_CASE("a date shifted out of the calendar is no value (never the unshifted date)") {
  // static_cast<int>(1e13) was UB (float-cast-overflow) and left 2020-01-03.
  Outcome r = Hostile({"mentions", "--reference-date", "2020-01-01", "-"},
                      "It was 9999999999999 years before 3 January 2020.\n");
  CHECK(r.code == 0);
  // The shifted phrase has no value; its parts are mentions of their own
  // (the duration, and the date it names, as TimeML annotates them).
  CHECK(r.out.find("\"text\":\"9999999999999 years before") == std::string::npos);
  CHECK(r.out.find("\"text\":\"3 January 2020\",\"kind\":\"date\",\"value\":\"2020-01-03\"") != std::string::npos);
  CHECK(r.out.find("\"text\":\"9999999999999 years\",\"kind\":\"duration\"") != std::string::npos);
}

TEST_CASE("anchored offsets and anniversaries past the calendar leave the time unresolved") {
  // 7 * 400000000 weeks and 12 * 200000000 years overflowed an int; the
  // 2147483647th anniversary overflowed year + ordinal.
  Outcome r = Hostile({"extract", "-"},
                      "On 3 January 2020 the attack killed two officers.\n"
                      "400000000 weeks after the attack, 5 people died.\n"
                      "200000000 years after the attack, 6 people died.\n"
                      "On the 2147483647th anniversary of the attack, a crowd of 2,000 gathered.\n");
  CHECK(r.code == 0);
  for (const char* garbage : {"\"lo\":\"-", "\"timex\":\"-", "\"lo\":\"1", "\"lo\":\"3", "\"lo\":\"4"}) {
    CAPTURE(garbage);
    CHECK(r.out.find(garbage) == std::string::npos);
  }
  CHECK(r.out.find("\"point\":5,") != std::string::npos);
  CHECK(r.out.find("\"point\":6,") != std::string::npos);
  CHECK(r.out.find("\"point\":2000,") != std::string::npos);
}

TEST_CASE("a ledger in memory: 2^53 with a tolerance stays exact; errors name file:line:col") {
  reconcile::Ledger ledger;
  std::string err;
  const std::string head = "[[fact]]\nsubject = \"x\"\nattribute = \"deaths\"\ncitation = \"c\"\n";
  REQUIRE(reconcile::ParseLedger("f.toml", head + "value = 9007199254740992\ntolerance = \"1000%\"\n",
                                 &ledger, &err));
  const auto& q = std::get<model::Quantity>(ledger.facts.at(0).value);
  CHECK(q.lo == 0);
  CHECK(*q.hi == 11 * model::kMaxCount);
  CHECK_FALSE(reconcile::ParseLedger("f.toml", head + "value = true\n", &ledger, &err));
  CHECK(err.starts_with("f.toml:5:9: "));
}

TEST_CASE("a FIFO given as the ledger is refused, never read") {
  const auto fifo = std::filesystem::temp_directory_path() / "claimcheck-hostile-facts.toml";
  std::filesystem::remove(fifo);
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  Outcome r = Hostile({"check", "--facts", fifo.string(), "-"}, "Five people died.\n");
  CHECK(r.code == 2);
  CHECK(r.err.find("not a regular file") != std::string::npos);
  std::filesystem::remove(fifo);
}

}  // namespace claimcheck::cli
