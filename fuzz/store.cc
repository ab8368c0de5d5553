// The claim store (SQLite) from outside. The input's first byte picks what
// the rest is (byte mod 2) and how far it goes (byte mod 16):
//   even  a store file (corrupt, foreign, truncated, hostile SQLite): `store
//         info DB`, what `check --store` reads of it (Store::Load of one
//         article's groups, the borrowed years of its dates, the reconciler
//         and the JSON writer), then `store add DB RECORDS` and the same again;
//   odd   extract's JSONL: `store add` into a new store, then `store info`
//         and what `check --store` reads of it. Articles (no "record" in the
//         first line) only with byte mod 16 >= 14: `store add` extracts them,
//         loading the rules each run, which the other targets cover faster.
// 14 and 15 also run `claimcheck check --store DB` of the article itself
// (slow: each run loads the rules), so the command's own path is fuzzed too.
// Invariants: the exit code is 0, 1 or 2; exit 2 says why on stderr, and a
// store refused when opened or read is named (so is a Store error); the JSON
// report parses. The files live in this process's own temporary folder.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "cli/commands.h"
#include "fuzz.h"
#include "corpus/reader.h"
#include "model/json_io.h"
#include "reconcile/reconciler.h"
#include "report/writer.h"
#include "store/store.h"

namespace claimcheck::fuzz {
namespace {

// An article whose claims share groups with the seeds' stored claims (the
// same event told by another document), so a check reads stored rows.
constexpr std::string_view kArticle =
    R"({"id":"fresh","text":"An earthquake struck Lima on 3 May 2021. At least 12 people died and 40 were injured, officials said two days later.","published":"2021-05-06"})"
    "\n";
// Records that `store add` adds to a fuzzed store file: another document of
// the same event, with a toll that contradicts the article's.
constexpr std::string_view kRecords =
    R"({"record":"document","doc":"other","path":"other.jsonl","title":null,"source":null,"url":null,"published":"2021-05-04","published_basis":"metadata","status":"ok","reason":null,"warnings":[],"fingerprints":[]})"
    "\n"
    R"({"record":"claim","id":"other#1","doc":"other","rule":"en.deaths.n_killed","subject":"earthquake","attribute":"deaths","value":{"kind":"quantity","point":null,"lo":20,"hi":null,"qualifier":"at least"},"as_of":{"timex":"2021-05-04","lo":"2021-05-04","hi":"2021-05-04","basis":"document-date"},"evidence":{"start":41,"end":64,"line":1,"column":42,"text":"At least 20 people died","sentence":"At least 20 people died and 40 were injured."},"attribution":null,"hedged":false,"negated":false,"revision":false})"
    "\n";

struct Files {
  std::string dir, db, article, records;
};

const Files& TempFiles() {
  static const Files files = [] {
    Files f;
    f.dir = (std::filesystem::temp_directory_path() / ("claimcheck-fuzz-store-" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(f.dir);
    f.db = f.dir + "/claims.db";
    f.article = f.dir + "/fresh.jsonl";
    f.records = f.dir + "/records.jsonl";
    std::ofstream(f.article, std::ios::binary) << kArticle;
    return f;
  }();
  return files;
}

void Write(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) Fail("cannot write " + path);
}

void RemoveStore(const Files& f) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(f.db + suffix, ec);
}

// Runs one command; checks the exit code and, for exit 2, the message (and
// that it names the store when `store_named`).
int RunOne(const std::vector<std::string>& args, const std::string& db, bool store_named) {
  std::istringstream in;
  std::ostringstream out, err;
  const int code = cli::Run(args, in, out, err);
  Require(code == 0 || code == 1 || code == 2, "an exit code other than 0, 1 or 2: " + std::to_string(code));
  if (code == 2) {
    Require(err.str().find("claimcheck: ") != std::string::npos, "exit 2 without a message");
    if (store_named) Require(err.str().find(db) != std::string::npos, "a refused store not named: " + err.str());
  } else if (args[0] == "check") {
    const model::Json report = model::Json::parse(out.str(), nullptr, false);
    Require(report.is_object(), "the JSON report does not parse");
  }
  return code;
}

int Check(const Files& f, bool store_named) {
  return RunOne({"check", "--quiet", "--format", "json", "--store", f.db, f.article}, f.db, store_named);
}

// The article's document and claims, extracted once.
const model::Report& Fresh() {
  static const model::Report* fresh = [] {
    auto* r = new model::Report;
    std::istringstream in{std::string(kArticle)};
    std::vector<corpus::Document> docs = corpus::ReadSource({"-", "stdin", corpus::Format::kJsonl, ""}, in);
    Require(docs.size() == 1 && docs[0].ok(), "the article does not read");
    extract::Extraction x;
    std::string err;
    Require(EmbeddedEngine().extractor->Extract(docs[0], &x, &err), "the article does not extract: " + err);
    Require(!x.claims.empty(), "the article has no claims");
    r->inputs.push_back(model::DocumentRecord::From(docs[0]));
    r->claims = std::move(x.claims);
    return r;
  }();
  return *fresh;
}

// What `check --store` does with the store, through the library: open it,
// count, load the article's groups (all, then --since), borrow years, reconcile
// and write the JSON report. Errors must name the store.
void ReadBack(const Files& f) {
  std::string err;
  const auto named = [&] { Require(err.find(f.db) != std::string::npos, "a store error not named: " + err); };
  auto db = store::Store::Open(f.db, store::Mode::kRead, &err);
  if (!db) return named();
  size_t documents = 0, claims = 0;
  if (!db->Count(&documents, &claims, &err)) named();
  const model::Report& fresh = Fresh();
  std::set<std::string> keys;
  for (const model::Claim& c : fresh.claims) keys.insert(reconcile::PartitionKey(c));
  for (const std::string since : {"", "2021-05-04"}) {
    store::Loaded loaded;
    err.clear();
    if (!db->Load(keys, {"fresh"}, since, &loaded, &err)) {
      named();
      continue;
    }
    model::Report r = fresh;
    std::vector<model::Claim> dates = std::move(loaded.dates);
    for (const model::Claim& c : fresh.claims) {
      if (c.attribute == "date") dates.push_back(c);
    }
    const reconcile::BorrowedYears years = reconcile::FindBorrowedYears(std::move(dates));
    for (model::DocumentRecord& d : loaded.documents) r.inputs.push_back(std::move(d));
    for (model::Claim& c : loaded.claims) r.claims.push_back(std::move(c));
    reconcile::Reconcile(&r, nullptr, nullptr, &years);
    std::ostringstream out;
    report::MakeWriter(report::Format::kJson, {})->Write(r, out);
    Require(model::Json::parse(out.str(), nullptr, false).is_object(), "the JSON report does not parse");
  }
}

}  // namespace
}  // namespace claimcheck::fuzz

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck::fuzz;
  if (size == 0) return 0;
  const Files& f = TempFiles();
  RemoveStore(f);
  const std::string_view rest = Bytes(data + 1, size - 1);
  const bool command = data[0] % 16 >= 14;
  if (data[0] % 2 == 0) {
    Write(f.db, rest);
    RunOne({"store", "info", f.db}, f.db, true);
    ReadBack(f);
    if (command) Check(f, true);
    Write(f.records, kRecords);
    if (RunOne({"store", "--quiet", "add", f.db, f.records}, f.db, true) == 0) {
      ReadBack(f);
      if (command) Check(f, true);
    }
  } else {
    if (!command && rest.substr(0, rest.find('\n')).find("\"record\"") == std::string_view::npos) return 0;
    Write(f.records, rest);
    // A new store: only the records can be refused (said, without naming the store).
    if (RunOne({"store", "--quiet", "add", f.db, f.records}, f.db, false) == 0) {
      RunOne({"store", "info", f.db}, f.db, true);
      ReadBack(f);
      if (command) Check(f, true);
    }
  }
  RemoveStore(f);
  return 0;
}
