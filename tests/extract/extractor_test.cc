// Claims across sentences and named days, through the real command line
// (`extract` on standard input): what rule examples, one sentence each,
// cannot show.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "cli/commands.h"

namespace {

std::vector<nlohmann::json> Claims(const std::string& text) {
  std::istringstream in(text);
  std::ostringstream out, err;
  const int code = claimcheck::cli::Run({"extract", "--reference-date", "2005-11-28", "-"}, in,
                                        out, err);
  REQUIRE(code == 0);
  std::vector<nlohmann::json> claims;
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    if (j["record"] == "claim") claims.push_back(j);
  }
  return claims;
}

}  // namespace

TEST_CASE("a sentence opening on a pronoun takes the time of the one before") {
  const auto claims = Claims(
      "The last major quake to hit the region was in February, when a temblor rocked the town. "
      "It killed 612 people and injured more than 1,400.\n");
  const nlohmann::json* found = nullptr;
  for (const auto& c : claims) {
    if (c["attribute"] == "deaths") found = &c;
  }
  REQUIRE(found != nullptr);
  const auto& deaths = *found;
  CHECK(deaths["value"]["point"] == 612);
  CHECK(deaths["as_of"]["timex"] == "2005-02");
  CHECK(deaths["as_of"]["basis"] == "sentence");

  // Without the pronoun the count is about the story's present.
  const auto present = Claims(
      "The last major quake to hit the region was in February. "
      "Rescuers said 10 people were killed.\n");
  REQUIRE(present.size() >= 1);
  CHECK(present.back()["as_of"]["timex"] == "2005-11-28");
}

TEST_CASE("a named day takes the year written right after it") {
  const auto claims = Claims(
      "The province was hit hard by the Boxing Day earthquake and tsunami in 2004, killing "
      "170,000 people.\n");
  bool dated = false;
  for (const auto& c : claims) {
    if (c["attribute"] == "date" && c["value"]["timex"] == "2004-12-26") dated = true;
    // The toll is dated by its sentence's time: the day of 2004, not of 2004's neighbour.
    if (c["attribute"] == "deaths") CHECK(c["as_of"]["timex"].get<std::string>().rfind("2004", 0) == 0);
  }
  CHECK(dated);
}

TEST_CASE("a crowd's parts, other crowds and other counts are not its size") {
  const auto claims = Claims(
      "On Monday about 130 people were marching toward the station when about two dozen young "
      "protesters splintered off and trashed a store. "
      "Another 1,000 demonstrated in the northern city. "
      "The victim was part of a group of six teenagers standing by the road. "
      "More than 400 protesters have been detained, and five protesters were killed. "
      "A faction of the party called for calm, but about 500 protesters marched to parliament.\n");
  std::map<std::string, std::string> subject_of;  // evidence → subject
  for (const auto& c : claims) {
    if (c["attribute"] == "crowd") subject_of[c["evidence"]["text"]] = c["subject"];
  }
  CHECK(subject_of["about 130 people were marching"] == "protest");
  CHECK(subject_of["about two dozen young protesters"] == "protest/group");
  CHECK(subject_of["1,000 demonstrated"] == "protest/others");
  // A cue in another clause says nothing of this count.
  CHECK(subject_of["about 500 protesters marched"] == "protest");
  CHECK(subject_of.size() == 4);
}
