// Claims across sentences and named days, through the real command line
// (`extract` on standard input): what rule examples, one sentence each,
// cannot show.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/commands.h"

namespace {

// `extract` on `text` (reference date 2005-11-28), with `rules_dir` added
// to the embedded rules when given.
std::vector<nlohmann::json> Claims(const std::string& text, const std::string& rules_dir = "") {
  std::istringstream in(text);
  std::ostringstream out, err;
  std::vector<std::string> args = {"extract", "--reference-date", "2005-11-28", "-"};
  if (!rules_dir.empty()) args.insert(args.begin() + 1, {"--rules", rules_dir});
  const int code = claimcheck::cli::Run(args, in, out, err);
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

namespace {

const nlohmann::json* First(const std::vector<nlohmann::json>& claims, const std::string& attribute,
                            int point) {
  for (const auto& c : claims) {
    if (c["attribute"] == attribute && c["value"]["point"] == point) return &c;
  }
  return nullptr;
}

const nlohmann::json* First(const std::vector<nlohmann::json>& claims, const std::string& attribute) {
  for (const auto& c : claims) {
    if (c["attribute"] == attribute) return &c;
  }
  return nullptr;
}

// The as_of timex of the claim of `attribute` whose value is `point` in
// `text`; "(no claim)" when there is none.
std::string AsOfOf(const std::string& text, const std::string& attribute, int point,
                   const std::string& rules_dir = "") {
  const auto claims = Claims(text, rules_dir);
  const nlohmann::json* c = First(claims, attribute, point);
  return c == nullptr ? "(no claim)" : (*c)["as_of"]["timex"].get<std::string>();
}

}  // namespace

TEST_CASE("a count in a named local place is that place's count, not the story's") {
  const auto claims = Claims(
      "A strong earthquake hit the province on Sunday, killing at least 24 people.\n"
      "Rescuers searched the rubble.\n"
      "Roads were blocked.\n"
      "In neighbouring Central Aceh district, 10 people were killed, officials said.\n"
      "In a village in Bener Meriah district, one man was killed when a landslide struck.\n"
      "Twelve people were killed in the village of Suka Makmur.\n");
  const auto* district = First(claims, "deaths", 10);
  REQUIRE(district != nullptr);
  CHECK((*district)["subject"] == "earthquake/in-central-aceh-district");
  // The innermost place scopes: the village, which has no name.
  const auto* village = First(claims, "deaths", 1);
  REQUIRE(village != nullptr);
  CHECK((*village)["subject"].get<std::string>().find("/in-a-village") != std::string::npos);
  const auto* named = First(claims, "deaths", 12);
  REQUIRE(named != nullptr);
  CHECK((*named)["subject"].get<std::string>().find("/in-suka-makmur-village") != std::string::npos);
  // The story's own toll has no scope.
  const auto* toll = First(claims, "deaths", 24);
  REQUIRE(toll == nullptr);  // "at least 24" has no point
  bool unscoped = false;
  for (const auto& c : claims) {
    if (c["attribute"] == "deaths" && c["value"]["lo"] == 24) unscoped = c["subject"] == "earthquake";
  }
  CHECK(unscoped);
}

TEST_CASE("a photo credit's names are no person the story is about") {
  // The photographer, named once in each credit form, would otherwise be the
  // only full name of the document, and the killing "Smith's".
  for (const char* credit : {"(AP Photo/John Smith)", "(Photo: John Smith)", "Photo by John Smith",
                             "(Photo courtesy of John Smith)", "John Smith/Getty Images"}) {
    CAPTURE(credit);
    const auto claims = Claims(std::string("Mourners gathered at a vigil on Wednesday. ") + credit +
                               "\nTwo people were killed in the shooting at the park on Sunday night, police said.\n");
    bool dated = false;
    for (const auto& c : claims) {
      if (c["attribute"] != "date") continue;
      dated = true;
      CHECK(c["subject"] == "shooting");
    }
    CHECK(dated);
  }
  // A victim named in the story still names the killing.
  const auto claims = Claims(
      "John Smith, 24, was killed in a shooting at the park on Sunday night, police said.\n"
      "Smith was shot in the chest. (Photo: Jane Doe)\n");
  bool named = false;
  for (const auto& c : claims) {
    if (c["attribute"] == "date") named = named || c["subject"] == "smith-killing";
  }
  CHECK(named);
}

TEST_CASE("the place the lead names is the story's own and scopes no count") {
  const auto claims = Claims(
      "A quake struck Bener Meriah district on Sunday, killing five people.\n"
      "Officials said five people were killed in Bener Meriah district.\n");
  for (const auto& c : claims) {
    if (c["attribute"] == "deaths") CHECK(c["subject"].get<std::string>().find("/in-") == std::string::npos);
  }
}

TEST_CASE("a toll is as of its report, not of the event a time in its sentence dates") {
  // Monday's report (the reference date) of Sunday's quake.
  CHECK(AsOfOf("Two people were killed by the quake, which struck the island on Sunday.\n", "deaths",
               2) == "2005-11-28");
  // A time someone spoke at dates the count.
  CHECK(AsOfOf("Officials said on Sunday that 24 people had died.\n", "deaths", 24) == "2005-11-27");
  // A time written onto another event is not the count's.
  CHECK(AsOfOf("The quake injured 300 people in a region devastated by the tsunami of 2004.\n", "injuries",
               300) == "2005-11-28");
}

// A directory of rules holding only `settings`, removed when done.
struct SettingsDir {
  explicit SettingsDir(const std::string& settings) {
    path = std::filesystem::temp_directory_path() /
           ("claimcheck-settings-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(path);
    std::ofstream(path / "settings.toml") << "[settings]\n" << settings << "\n";
  }
  ~SettingsDir() { std::filesystem::remove_all(path); }
  std::filesystem::path path;
};

TEST_CASE("the news-time windows are rule settings") {
  // Sunday is a day before the report: within recent_event_days (7), the
  // quake's day is not when its toll was counted; with 0 days it is.
  const std::string toll = "Two people were killed by the quake, which struck the island on Sunday.\n";
  CHECK(AsOfOf(toll, "deaths", 2) == "2005-11-28");
  CHECK(AsOfOf(toll, "deaths", 2, SettingsDir("recent_event_days = 0").path) == "2005-11-27");
  // April 2004 is far more than background_days (60) before the report; with
  // a window of ten years it is the story's present, and the count its report's.
  const std::string background = "In April last year a strong quake struck off the coast. "
                                 "Five people died in the quake and its aftershocks.\n";
  CHECK(AsOfOf(background, "deaths", 5) == "2004-04");
  CHECK(AsOfOf(background, "deaths", 5, SettingsDir("background_days = 3650").path) == "2005-11-28");
  // A place the lead (lead_sentences: 3) names scopes no count; with no lead it does.
  const std::string lead = "A quake struck Bener Meriah district on Sunday, killing five people.\n"
                           "Officials said five people were killed in Bener Meriah district.\n";
  const auto scoped = [&](const std::string& dir) {
    int n = 0;
    for (const auto& c : Claims(lead, dir)) {
      n += c["attribute"] == "deaths" && c["subject"].get<std::string>().find("/in-") != std::string::npos;
    }
    return n;
  };
  CHECK(scoped("") == 0);
  CHECK(scoped(SettingsDir("lead_sentences = 0").path) > 0);
}

TEST_CASE("a count of one told in words is a toll only in a lead that counts nothing else") {
  const auto deaths = [](const std::string& text, const std::string& dir = "") {
    std::vector<std::string> out;
    for (const auto& c : Claims(text, dir)) {
      if (c["attribute"] == "deaths") out.push_back(c["evidence"]["text"].get<std::string>());
    }
    return out;
  };
  CHECK(deaths("A 16-year-old boy was shot and killed Sunday in a shooting.\n") ==
        std::vector<std::string>{"A 16-year-old boy was shot and killed"});
  // Beside a number it is one of the dead; two in a sentence are two people.
  CHECK(deaths("A man was killed in the shooting. Police said two people died.\n") ==
        std::vector<std::string>{"two people died"});
  CHECK(deaths("A man was killed and a teenager was killed in the shooting.\n").empty());
  // Below the lead (fixed_count_sentences: 3) it is the toll of a story that
  // counts no other casualty (a feature that tells the killing late) ...
  const std::string late = "Police searched the area. Witnesses heard loud bangs. "
                           "Neighbors ran outside. The gunman fled, killing a man in the shooting.\n";
  CHECK(deaths(late) == std::vector<std::string>{"killing a man"});
  // ... and one victim of several where anything else counts a casualty,
  // before it or after it, of any attribute that has fixed counts.
  const std::string rampage = "Police searched the area. Two officers were wounded. "
                              "Neighbors ran outside. The gunman fled, killing a man in the shooting.\n";
  CHECK(deaths(rampage).empty());
  CHECK(deaths(rampage, SettingsDir("fixed_count_sentences = 4").path) ==
        std::vector<std::string>{"killing a man"});
  CHECK(deaths(late + "Later a woman was wounded.\n").empty());
  CHECK(deaths(late + "Later two women were wounded.\n").empty());
  // In a quake the toll is told in numbers: one person is an anecdote.
  CHECK(deaths("A woman was killed when her house collapsed in the earthquake.\n").empty());
}

TEST_CASE("a sentence naming 'the quake' of a background paragraph takes its time") {
  CHECK(AsOfOf("In April last year a strong quake struck off the coast. "
               "Five people died in the quake and its aftershocks.\n",
               "deaths", 5) == "2004-04");
  // A quake of the story's own days is its present: the report's date.
  CHECK(AsOfOf("A strong quake struck the coast on Sunday. Five people died in the quake.\n", "deaths", 5) ==
        "2005-11-28");
}

TEST_CASE("a count takes the date written in its own clause") {
  const auto claims = Claims(
      "A major earthquake killed more than 31,000 in the city of Bam in 2003, and 600 were "
      "killed in the city of Zarand in February.\n");
  std::string bam, zarand;
  for (const auto& c : claims) {
    if (c["attribute"] != "deaths") continue;
    if (c["value"]["lo"] == 31001) bam = c["as_of"]["timex"];
    if (c["value"]["point"] == 600) zarand = c["as_of"]["timex"];
  }
  CHECK(bam == "2003");
  CHECK(zarand == "2005-02");
}

TEST_CASE("a date of a peaceful event dates nothing; a violent verb's date stays") {
  const auto deployed = Claims(
      "On November 19, the frigate sank a trawler, in a third successive strike since its "
      "deployment on November 2.\n");
  for (const auto& c : deployed) {
    if (c["attribute"] == "date") CHECK(c["value"]["timex"] != "2005-11-02");
  }
  const auto patrol = Claims("The navy patrolling the Gulf of Aden on Thursday thwarted an attack.\n");
  const nlohmann::json* date = First(patrol, "date");
  REQUIRE(date != nullptr);
  CHECK((*date)["value"]["timex"] == "2005-11-24");
}

TEST_CASE("bodies never recovered are the missing, not the dead") {
  const auto claims = Claims(
      "The 2004 tsunami killed 170,000 people in Sumatra alone, with 35,000 bodies never "
      "recovered.\n");
  const nlohmann::json* missing = First(claims, "missing");
  REQUIRE(missing != nullptr);
  CHECK((*missing)["value"]["point"] == 35000);
  for (const auto& c : claims) {
    if (c["attribute"] == "deaths") CHECK(c["value"]["point"] != 35000);
  }
}

TEST_CASE("another incident's count and a running total stay apart from the story's toll") {
  const auto claims = Claims(
      "An Israeli strike on a UN school killed 40 people. "
      "Three people were killed when Israeli forces attacked another UN school. "
      "More than 600 Palestinians have been killed in the 12 days of the offensive, and around "
      "3,000 have been wounded. "
      "The hospital said 41 bodies had been brought in so far.\n");
  std::map<int, std::string> subjects;  // lo → subject
  for (const auto& c : claims) {
    if (c["attribute"] == "deaths" || c["attribute"] == "injuries") {
      subjects[c["value"]["lo"].get<int>()] = c["subject"];
    }
  }
  CHECK(subjects[40] == "strike");
  // The sentence's own violent verb ("attacked") names its event; attacks and
  // strikes are one class, grouped together by the reconciler.
  CHECK(subjects[3] == "attack/others");
  CHECK(subjects[601] == "strike/total");
  CHECK(subjects[2700] == "strike/total");
  CHECK(subjects[41] == "strike");
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

TEST_CASE("a facility's intake is not the toll") {
  const auto claims = Claims(
      "The quake injured more than 200 people. "
      "\"We have received around 50 people with injuries,\" a doctor said. "
      "A hospital in the town treated 20 quake victims.\n");
  std::map<int, std::string> subject_of;  // lo → subject
  for (const auto& c : claims) {
    if (c["attribute"] == "injuries") subject_of[c["value"]["lo"].get<int>()] = c["subject"];
  }
  CHECK(subject_of[201] == "earthquake");
  CHECK(subject_of[45] == "earthquake/treated");
}

TEST_CASE("a time of day written alone dates no event: the report's day is not the event's") {
  const auto alone = Claims("The shooting happened around 12:45 a.m. on Broadway.\n");
  CHECK(First(alone, "date") == nullptr);
  // With its day it does.
  const auto dated = Claims("The shooting was reported about 8:30 p.m. Nov. 22 near the avenue.\n");
  REQUIRE(First(dated, "date") != nullptr);
  CHECK((*First(dated, "date"))["value"]["timex"] == "2005-11-22T20:30");
}

TEST_CASE("what a count covers and whether its sentence marks it as earlier") {
  auto scope_of = [](const std::string& text, const std::string& attribute) {
    const auto claims = Claims(text + "\n");
    const nlohmann::json* c = First(claims, attribute);
    REQUIRE(c != nullptr);
    return c->contains("scope") ? (*c)["scope"] : nlohmann::json();
  };
  CHECK(scope_of("Two people died at the scene.", "deaths")["part"] == "at the scene");
  CHECK(scope_of("Three people were killed and two remain hospitalized.", "injuries")["part"] == "still in hospital");
  CHECK(scope_of("Three people were killed and two remain hospitalized.", "deaths").is_null());
  CHECK(scope_of("Four Israeli soldiers killed by friendly fire were buried.", "deaths")["part"] == "by friendly fire");
  // The cause after another count is that count's, not the toll's.
  CHECK(scope_of("Five Israeli soldiers lost their lives on Wednesday, four from friendly fire.", "deaths").is_null());
  const auto with = scope_of("Seven people are dead, including the gunman, police said.", "deaths");
  CHECK(with["who"] == "victims+perpetrator");
  CHECK(with["perpetrators"] == 1);
  CHECK(scope_of("Seven people are dead, not including the gunman.", "deaths").is_null());
  // A plural told by number counts that many (lexicons number_units, perpetrator_count_words).
  const auto two = scope_of("Sixteen people are dead, including the two suspects, after the shooting.", "deaths");
  CHECK(two["who"] == "victims+perpetrator");
  CHECK(two["perpetrators"] == 2);
  CHECK(scope_of("Nine people died, including both gunmen.", "deaths")["perpetrators"] == 2);
  const auto unknown = scope_of("Nine people died, including the gunmen.", "deaths");
  CHECK(unknown["who"] == "victims+perpetrator");
  CHECK(unknown["perpetrators"].is_null());  // how many, unknown
  // The perpetrator last in a list of those included.
  const auto listed = scope_of("Three people died, including a teenager and the gunman, police said.", "deaths");
  CHECK(listed["who"] == "victims+perpetrator");
  CHECK(listed["perpetrators"] == 1);
  CHECK(scope_of("Three people died, including a teenager and his mother, police said.", "deaths").is_null());
  // "and the gunman" right after the count's noun: the victims and one perpetrator, 7 in all.
  const auto joined = scope_of("Six victims and the gunman are dead after the shooting.", "deaths");
  CHECK(joined["who"] == "victims+perpetrator");
  CHECK(joined["perpetrators"] == 1);
  CHECK(scope_of("Two suspects were killed in the shootout.", "deaths")["who"] == "perpetrators");
  CHECK(scope_of("The tsunami killed 170,000 people in Sumatra alone.", "deaths")["part"] == "one place of several");
  CHECK(scope_of("A tsunami killed 170,000 people in the province and tens of thousands more in countries around "
                 "the ocean.",
                 "deaths")["part"] == "one place of several");
  CHECK(scope_of("The quake killed at least three people and injured dozens more across the province.", "deaths")
            .is_null());

  const auto early = Claims("In initial reports, police said two people had been killed, but two more have since died.\n");
  REQUIRE(First(early, "deaths") != nullptr);
  CHECK((*First(early, "deaths"))["timeline"]["stage"] == "earlier");
  CHECK((*First(early, "deaths"))["timeline"]["cue"] == "initial reports");
  // A revision is the new figure, never the earlier one.
  const auto rose = Claims("The toll, initially put at 11, rose to 24.\n");
  for (const auto& c : rose) {
    if (c["value"]["point"] == 24) CHECK_FALSE(c.contains("timeline"));
  }
}

TEST_CASE("a date alone on a line under the title is the dateline, not the event's date") {
  std::istringstream in(
      "Fired accountant goes on shooting spree\n"
      "on Apr 12 2007\n"
      "A fired accountant opened fire at his old office on Monday morning, killing a receptionist.\n");
  std::ostringstream out, err;
  REQUIRE(claimcheck::cli::Run({"extract", "-"}, in, out, err) == 0);
  std::istringstream lines(out.str());
  std::vector<std::string> dates;
  std::string published, basis;
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json j = nlohmann::json::parse(line);
    if (j["record"] == "document") {
      published = j["published"].get<std::string>();
      basis = j["published_basis"].get<std::string>();
    }
    if (j["record"] == "claim" && j["attribute"] == "date") dates.push_back(j["value"]["timex"]);
  }
  CHECK(published == "2007-04-12");
  CHECK(basis == "dateline");
  // Monday before the day it was filed; the filing day itself dates nothing.
  CHECK(dates == std::vector<std::string>{"2007-04-09TMO"});

  // A day without its year written is no dateline.
  std::istringstream short_in("Police arrested 23 men\non Saturday\nThe march was peaceful.\n");
  std::ostringstream short_out, short_err;
  REQUIRE(claimcheck::cli::Run({"extract", "-"}, short_in, short_out, short_err) == 0);
  CHECK(short_out.str().find("\"dateline\"") == std::string::npos);
}

TEST_CASE("a labelled line under the title gives the document date; a date far from its label does not") {
  const auto published_of = [](const std::string& text) {
    std::istringstream in(text);
    std::ostringstream out, err;
    REQUIRE(claimcheck::cli::Run({"extract", "-"}, in, out, err) == 0);
    std::istringstream lines(out.str());
    std::string line;
    REQUIRE(std::getline(lines, line));
    const nlohmann::json j = nlohmann::json::parse(line);
    return j["published"].is_null() ? std::string() : j["published"].get<std::string>();
  };
  CHECK(published_of("Warehouse destroyed by fire\nStory Created: Aug 7, 2012 at 9:56 AM AKDT\n"
                     "A fire on Tuesday destroyed the building.\n") == "2012-08-07");
  CHECK(published_of("Warehouse destroyed by fire\nUPDATED 3:09 AM EST Dec 19, 2008\n"
                     "A fire on Tuesday destroyed the building.\n") == "2008-12-19");
  CHECK(published_of("Warehouse destroyed by fire\nPUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM\n"
                     "A fire on Tuesday destroyed the building.\n") == "2013-05-02");
  CHECK(published_of("Warehouse destroyed by fire\nposted 11 / 30 / 09 05:40 PM ET\n"
                     "A fire on Tuesday destroyed the building.\n") == "2009-11-30");
  // The date belongs to another phrase of the line: when the page was saved.
  CHECK(published_of("Warehouse destroyed by fire\nPosted 1 year, 160 days ago [downloaded on 2 October 2013]\n"
                     "A fire on Tuesday destroyed the building.\n")
            .empty());
}

namespace {

// The names `extract` writes in the document record of `text`.
std::vector<std::string> StoryNamesOf(const std::string& text) {
  std::istringstream in(text);
  std::ostringstream out, err;
  REQUIRE(claimcheck::cli::Run({"extract", "--reference-date", "2017-06-12", "-"}, in, out, err) == 0);
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    if (j["record"] == "document") return j.value("names", std::vector<std::string>{});
  }
  FAIL("no document record");
  return {};
}

}  // namespace

TEST_CASE("a document's story names (rules/README.md, \"Verdicts\", 7)") {
  SUBCASE("most used first; titles, places' common words and a headline are no names") {
    const std::vector<std::string> names = StoryNamesOf(
        "Two Killed In Harlow Township Bar Shooting\n"
        "Two men were killed in a shooting on Sunday outside a bar on Kessler Road in Harlow Township, police said. "
        "Chief Ellen Marchetti said officers found Devon Pruitt shot in the parking lot. "
        "Marchetti said Pruitt's family lives in North Harlow.");
    // "Marchetti said" opens its sentence: a name, since it is used inside one
    // too. "Township" and "North" are of lexicon story_name_stops.
    CHECK(names == std::vector<std::string>{"harlow", "marchetti", "pruitt", "kessler", "ellen", "devon"});
  }
  SUBCASE("a word only ever opening a sentence, and an acronym, are no names") {
    const std::vector<std::string> names = StoryNamesOf(
        "Three people were killed on Sunday in Ridgefield, the NOPD said. Detectives said a man was arrested.");
    CHECK(names == std::vector<std::string>{"ridgefield"});
  }
  SUBCASE("a document without claims has none") {
    CHECK(StoryNamesOf("Chief Ellen Marchetti spoke in Harlow Township on Sunday.").empty());
  }
}

TEST_CASE("a time in a relative clause on the counted people dates what they did, not the count") {
  // Reference date 2005-11-28, a Monday: "on Saturday morning" is 26 November.
  CHECK(AsOfOf("A mine collapsed on Saturday. All 38 men who went down on Saturday morning are now accounted "
               "for: 15 dead and 23 survivors.\n",
               "deaths", 15) == "2005-11-28");
  // Without the relative clause the time is the count's own.
  CHECK(AsOfOf("A mine collapsed on Saturday. By Saturday evening 15 miners were dead.\n", "deaths", 15) ==
        "2005-11-26TEV");
}
