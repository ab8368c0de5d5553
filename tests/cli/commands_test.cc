#include "cli/commands.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/config.h"
#include "report/writer.h"

namespace claimcheck::cli {

namespace {

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result RunArgs(std::vector<std::string> args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  const int code = Run(args, in, out, err);
  return {code, out.str(), err.str()};
}

// extract's records of one sentence with one claim, then `extra` lines.
std::string RecordsOfOneClaim(const std::string& extra) {
  Result extracted = RunArgs({"extract", "-"}, "Five people died in the attack.\n");
  REQUIRE(extracted.code == 0);
  return extracted.out + extra;
}

}  // namespace

TEST_CASE("unknown commands get a suggestion and exit 2") {
  Result r = RunArgs({"chek"});
  CHECK(r.code == 2);
  CHECK(r.err == "claimcheck: unknown command 'chek', did you mean 'check'?\n");
  r = RunArgs({"frobnicate"});
  CHECK(r.code == 2);
  CHECK(r.err == "claimcheck: unknown command 'frobnicate' (see claimcheck --help)\n");
}

TEST_CASE("--version and --help") {
  Result r = RunArgs({"--version"});
  CHECK(r.code == 0);
  CHECK(r.out == std::string("claimcheck ") + CLAIMCHECK_VERSION + "\n");
  r = RunArgs({"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("  mentions   every number/time mention") != std::string::npos);
  r = RunArgs({"check", "--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("--fail-on") != std::string::npos);
  CHECK(r.out.find("contradict,internal,ledger") != std::string::npos);
  r = RunArgs({});
  CHECK(r.code == 2);
}

TEST_CASE("every format writes a report of stdin; an unreadable ledger stops the run") {
  for (const std::string& format : claimcheck::report::FormatNames()) {
    CAPTURE(format);
    Result r = RunArgs({"check", "--format", format.c_str(), "-"},
                       "Five people died in the attack on Monday.\n");
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    // github and rdjsonl print diagnostics only for contradictions: nothing here.
    CHECK(r.out.empty() == (format == "github" || format == "rdjsonl"));
  }
  Result r = RunArgs({"check", "--facts", "no-such-ledger.toml", "-"}, "Five people died.\n");
  CHECK(r.code == 2);
  CHECK(r.err == "claimcheck: --facts no-such-ledger.toml: cannot read\n");
}

TEST_CASE("reconcile reads extract's records and reports what it cannot read") {
  Result r = RunArgs({"reconcile", "--format", "json", "-"}, RecordsOfOneClaim("{not json\n"));
  CHECK(r.code == 0);
  CHECK(r.out.find("\"verdict\": \"single\"") != std::string::npos);
  CHECK(r.err == "claimcheck: skipped -:3: not a JSON object\n");
  CHECK(RunArgs({"reconcile", "-"}, "").code == 2);
}

TEST_CASE("records of valid JSON with fields of the wrong type are skipped, never a crash") {
  const std::string odd = "{\"record\":5}\n{\"record\":\"claim\",\"id\":7}\n"
                          "{\"record\":\"document\",\"doc\":[1],\"status\":\"ok\"}\n";
  Result r = RunArgs({"reconcile", "--format", "json", "-"}, RecordsOfOneClaim(odd));
  CHECK(r.code == 0);
  CHECK(r.out.find("\"verdict\": \"single\"") != std::string::npos);
  CHECK(r.err.find("claimcheck: skipped -:3: no \"record\": \"document\" or \"claim\"\n") !=
        std::string::npos);
  CHECK(r.err.find("claimcheck: skipped -:4: ") != std::string::npos);
  CHECK(r.err.find("claimcheck: skipped -:5: ") != std::string::npos);
}

TEST_CASE("a JSON number out of range skips its record; the others run") {
  Result r = RunArgs({"extract", "-"}, "{\"id\":\"a\",\"text\":\"5 died.\",\"x\":1e400}\n"
                                       "{\"id\":\"b\",\"text\":\"Ten people died.\"}\n");
  CHECK(r.code == 0);
  CHECK(r.err == "claimcheck: skipped -:1: malformed JSON record (number overflow parsing '1e400')\n");
  CHECK(r.out.find("\"doc\":\"b\",\"path\"") != std::string::npos);
  CHECK(r.out.find("\"b#1\"") != std::string::npos);
}

TEST_CASE("numbers and dates past the supported range are no values, never garbage") {
  // Dates: proleptic Gregorian years 1–9999. The count stays a duration.
  Result ago = RunArgs({"mentions", "--reference-date", "2020-01-01", "-"},
                       "It began 3000000000 days ago. It ends 2147483647 years from now.\n");
  CHECK(ago.code == 0);
  CHECK(ago.out.find("\"text\":\"3000000000 days ago\"") == std::string::npos);
  CHECK(ago.out.find("\"value\":\"-") == std::string::npos);
  CHECK(ago.out.find("\"value\":\"P3000000000D\"") != std::string::npos);
  Result next = RunArgs({"mentions", "--reference-date", "9999-12-31", "-"},
                        "It happens next year. It happened last year.\n");
  CHECK(next.out.find("\"value\":\"10000\"") == std::string::npos);
  CHECK(next.out.find("\"value\":\"9998\"") != std::string::npos);
  // Counts: up to 2^53; none is negative.
  Result big = RunArgs({"mentions", "-"}, "A toll of 9,223,372,036,854,775,807 people died.\n");
  CHECK(big.out.find("9223372036854775807") == std::string::npos);
  Result negative = RunArgs({"extract", "-"}, "-5 people died.\n");
  CHECK(negative.out.find("\"record\":\"claim\"") == std::string::npos);
  // reconcile's input: a point past 2^53 skips its record.
  Result five = RunArgs({"extract", "-"}, "Five people died.\n");
  std::string records = five.out;
  records.replace(records.find("\"point\":5"), 9, "\"point\":1e300");
  Result r = RunArgs({"reconcile", "--format", "json", "-"}, records);
  CHECK(r.err == "claimcheck: skipped -:2: a quantity beyond the supported range (2^53)\n");
}

TEST_CASE("a failed write to standard output says so and exits 2") {
  std::istringstream in("Five people died.\n");
  std::ostringstream out, err;
  out.setstate(std::ios::badbit);  // as a closed pipe or a full disk leaves it
  CHECK(Run({"extract", "-"}, in, out, err) == kExitError);
  CHECK(err.str().starts_with("claimcheck: writing to standard output failed"));
}

TEST_CASE("reconcile goes on past a shard it cannot read and lists what it skipped") {
  Result r = RunArgs({"reconcile", "--format", "json", "/nonexistent/shard.jsonl", "-"},
                     RecordsOfOneClaim("{not json\n"));
  CHECK(r.code == 0);
  CHECK(r.out.find("\"verdict\": \"single\"") != std::string::npos);
  // The shard and the bad record are inputs with status skipped and a reason.
  CHECK(r.out.find("\"doc\": \"/nonexistent/shard.jsonl\"") != std::string::npos);
  CHECK(r.out.find("\"reason\": \"/nonexistent/shard.jsonl: cannot read: No such file or directory\"") !=
        std::string::npos);
  CHECK(r.out.find("\"reason\": \"-:3: not a JSON object\"") != std::string::npos);
  CHECK(r.err.find("claimcheck: skipped /nonexistent/shard.jsonl: cannot read") != std::string::npos);
}

TEST_CASE("a ledger value that is no count in range, or a tolerance that is no number, stops the run") {
  const std::string path = (std::filesystem::temp_directory_path() / "claimcheck-ledger-range.toml").string();
  const auto error_for = [&](const std::string& lines) {
    std::ofstream(path) << "[[fact]]\nsubject = \"x\"\nattribute = \"deaths\"\ncitation = \"c\"\n" << lines;
    Result r = RunArgs({"check", "--facts", path, "-"}, "Five people died.\n");
    CHECK(r.code == 2);
    return r.err.substr(0, r.err.find('\n'));
  };
  CHECK(error_for("value = true\n") ==
        "claimcheck: " + path + ":5:9: value must be a number, [lo, hi] (hi may be \"inf\"), or \"YYYY-MM-DD\"");
  CHECK(error_for("value = 9223372036854775807\n") ==
        "claimcheck: " + path + ":5:9: value must be a count from 0 to 2^53");
  CHECK(error_for("value = 5\ntolerance = \"nan%\"\n") ==
        "claimcheck: " + path + ":6:13: tolerance 'nan%' is not N%");
  std::filesystem::remove(path);
}

TEST_CASE("bad options are usage errors naming the option") {
  Result r = RunArgs({"check", "--format", "jsn", "x.txt"});
  CHECK(r.code == 2);
  CHECK(r.err == "claimcheck: check: unknown format 'jsn', did you mean 'json'? "
                 "(see claimcheck check --help)\n");
  r = RunArgs({"check", "--fail-on", "contradict,bogus", "x.txt"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown verdict or severity 'bogus'") != std::string::npos);
  r = RunArgs({"check", "--reference-date", "2020-13-01", "x.txt"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--reference-date '2020-13-01' is not a date") != std::string::npos);
  r = RunArgs({"check", "--jobs", "0", "x.txt"});
  CHECK(r.code == 2);
  r = RunArgs({"check", "--frmat", "json", "x.txt"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--frmat") != std::string::npos);
  r = RunArgs({"check"});
  CHECK(r.code == 2);
  CHECK(r.err == "claimcheck: check: no INPUT given (use - for standard input)\n");
}

TEST_CASE("ParseFailOn accepts verdict lists and none") {
  std::set<std::string> out;
  std::string err;
  CHECK(ParseFailOn("none", &out, &err));
  CHECK(out.empty());
  CHECK(ParseFailOn("contradict,ledger", &out, &err));
  CHECK(out == std::set<std::string>{"contradict", "ledger"});
  CHECK_FALSE(ParseFailOn("", &out, &err));
  CHECK_FALSE(ParseFailOn("agre", &out, &err));
  CHECK(err.find("did you mean 'agree'") != std::string::npos);
}

TEST_CASE("check reads stdin and reports it; nothing readable exits 2") {
  Result r = RunArgs({"check", "--format", "json", "-q", "-"}, "Thousands rallied on Friday.\n");
  CHECK(r.code == 0);
  CHECK(r.out.find("\"doc\": \"stdin\"") != std::string::npos);
  CHECK(r.out.find("\"status\": \"ok\"") != std::string::npos);
  CHECK(r.err.empty());
  r = RunArgs({"check", "-"}, "");
  CHECK(r.code == 2);
  CHECK(r.err.find("claimcheck: skipped -: empty\n") != std::string::npos);
  CHECK(r.err.find("claimcheck: no input readable") != std::string::npos);
}

TEST_CASE("--reference-date dates undated inputs with basis reference-date") {
  Result r = RunArgs({"check", "--format", "json", "-q", "--reference-date", "2020-01-24", "-"},
                     "Two days later, parliament voted.\n");
  CHECK(r.code == 0);
  CHECK(r.out.find("\"published\": \"2020-01-24\",\n      \"published_basis\": \"reference-date\"") !=
        std::string::npos);
}

}  // namespace claimcheck::cli

namespace claimcheck::cli {

TEST_CASE("explain shows mentions, anchored time and claims step by step") {
  Result r = RunArgs({"explain", "--reference-date", "2020-01-24",
                      "Two days later, parliament voted for some 5,200 US forces to leave Iraq."});
  CHECK(r.code == 0);
  CHECK(r.out.find("\"some 5,200\" number 5200 [4680,5720] some") != std::string::npos);
  CHECK(r.out.find("troops = {\"kind\":\"quantity\",\"point\":5200") != std::string::npos);
  CHECK(r.out.find("subject us-troops@iraq") != std::string::npos);
  // Why it is one subject with others, as a report's finding says it.
  CHECK(r.out.find("      one subject by: event: us-troops; place: iraq (finding F1 single)\n") != std::string::npos);
  CHECK(RunArgs({"explain"}).code == 2);

  // Why a claim is compared with some claims and not others: its scope and stage.
  Result scoped = RunArgs({"explain", "--reference-date", "2015-08-20",
                           "In initial reports, police said two people had been killed. Two people died at the "
                           "scene."});
  CHECK(scoped.out.find("grouped by: subject killing; an earlier figure (\"initial reports\")") != std::string::npos);
  CHECK(scoped.out.find("a part, compared only with parts \"at the scene\"") != std::string::npos);
}

}  // namespace claimcheck::cli

namespace claimcheck::cli {

TEST_CASE("-o is checked before any work") {
  const std::string missing_input = "no/such/input.txt";
  for (const char* command : {"check", "extract", "mentions", "reconcile"}) {
    CAPTURE(command);
    // A directory that does not exist: the run stops before reading its input.
    Result r = RunArgs({command, "-o", "no/such/dir/report.out", missing_input});
    CHECK(r.code == 2);
    CHECK(r.err == "claimcheck: -o no/such/dir/report.out: cannot open for writing: no directory no/such/dir\n");
    CHECK(r.out.empty());
    // A directory is no file to write.
    Result dir = RunArgs({command, "-o", CLAIMCHECK_SOURCE_DIR "/fixtures", missing_input});
    CHECK(dir.code == 2);
    CHECK(dir.err.find("is a directory") != std::string::npos);
    CHECK(dir.err.find("input.txt") == std::string::npos);
  }
}

}  // namespace claimcheck::cli
