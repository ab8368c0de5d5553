#include "cli/commands.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <fnmatch.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string_view>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <system_error>
#include <thread>

#include "cli/baseline.h"
#include "cli/config.h"
#include "cli/diff_base.h"
#include "corpus/reader.h"
#include "corpus/suppressions.h"
#include "extract/claim_examples.h"
#include "extract/extractor.h"
#include "normalize/narrative.h"
#include "normalize/recognizer.h"
#include "normalize/rule_examples.h"
#include "reconcile/ledger.h"
#include "reconcile/reconciler.h"
#include "model/json_io.h"
#include "model/model.h"
#include "report/locations.h"
#include "report/writer.h"
#include "rules/rule_set.h"
#include "store/store.h"
#include "util/edit_distance.h"

namespace claimcheck::cli {

namespace {

namespace fs = std::filesystem;

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  const char* name;
  const char* usage;        ///< Positional part of the usage line.
  const char* description;  ///< One line for the command table.
  unsigned options;
  const char* default_fail_on;
  std::function<int(const Config&, Io&)> run;  ///< Empty: not implemented yet.
  const char* pending = "";                    ///< Which issue brings it, when `run` is empty.
};

int Fail(Io& io, const std::string& message) {
  io.err << "claimcheck: " << message << '\n';
  return kExitError;
}

// The --facts ledger, read and checked before any work.
bool LoadFacts(const Config& c, Io& io, std::optional<reconcile::Ledger>* out) {
  if (c.facts.empty()) return true;
  std::string err;
  reconcile::Ledger ledger;
  if (!reconcile::LoadLedger(c.facts, &ledger, &err)) {
    Fail(io, err);
    return false;
  }
  *out = std::move(ledger);
  return true;
}

template <typename T>
const T* Ptr(const std::optional<T>& value) {
  return value ? &*value : nullptr;
}

// Ledger validation: each message a warning on stderr, or with
// --strict-ledger an error; false when the run must end with exit 2.
bool LedgerMessages(const Config& c, Io& io, const std::vector<std::string>& messages) {
  for (const std::string& m : messages) {
    if (c.strict_ledger || !c.quiet) {
      io.err << fmt::format("claimcheck: {}: {}\n", c.strict_ledger ? "error" : "warning", m);
    }
  }
  return messages.empty() || !c.strict_ledger;
}

// What the rules can produce, for checking the ledger before any work.
reconcile::Vocabulary LedgerVocabulary(const rules::RuleSet& rules) {
  reconcile::Vocabulary v;
  for (const auto& rule : rules.claim_rules()) {
    if (rule->attribute != "ignore") v.attributes.insert(rule->attribute);
  }
  v.events = {"event", "gathering", "troops"};  // SubjectBuilder's fallbacks
  for (const char* lexicon : {"event_words", "gathering_words"}) {
    for (const auto& [key, entry] : rules.Lex(lexicon).entries()) v.events.insert(entry.value);
  }
  for (const auto& [key, entry] : rules.Lex("named_events").entries()) v.named.insert(key);  // event keys
  for (const auto& [key, entry] : rules.Lex("countries").entries()) v.forces.insert(entry.value);
  return v;
}

// The embedded rules plus --rules directories, checked before any work.
struct LoadedRules {
  rules::RuleSet rules;
  std::unique_ptr<normalize::Recognizer> recognizer;
  std::unique_ptr<extract::Extractor> extractor;
};

bool LoadRules(const Config& c, Io& io, LoadedRules* out) {
  std::string err;
  // The embedded rules compile as the text calls for them (they are checked
  // when claimcheck is built); `rules test` and `rules list` compile all.
  const bool lazy = c.command != "rules";
  if (!rules::LoadRuleSet(c.rules_dirs, &out->rules, &err, lazy) ||
      !normalize::Recognizer::Create(out->rules, &out->recognizer, &err) ||
      !extract::Extractor::Create(out->rules, *out->recognizer, &out->extractor, &err)) {
    Fail(io, err);
    return false;
  }
  return true;
}

// Runs `work(i)` for i in [0, n) over up to `jobs` threads; callers store
// results by index, so output order never depends on scheduling. A thread
// the system refuses (a process limit) leaves its share to the others. The
// threads share one set of compiled rules: measured on two cores, a copy per
// thread cost more (each builds the same automaton states) than RE2's
// per-automaton lock ever made them wait.
void ParallelFor(size_t n, int jobs, const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) work(i);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < jobs && static_cast<size_t>(t) < n; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error&) {
      break;
    }
  }
  worker();
  for (std::thread& t : pool) t.join();
}


// A terminal that can show control sequences: `fd` is a tty and TERM is set
// and not "dumb".
bool IsTerminal(int fd) {
  const char* term = std::getenv("TERM");
  return isatty(fd) && term != nullptr && std::string_view(term) != "dumb";
}

// "claimcheck: extracting 412/982 documents" on stderr while a run works,
// redrawn at most every 100 ms, when stderr is the process's own terminal
// (never when it is a file, a pipe or a test's stream) and --quiet is off.
// Every long phase shows: reading inputs, extracting (or finding mentions),
// reconciling groups, writing the report. The line is erased when the work
// is done, so what stays on screen is the report.
class Progress {
 public:
  /// `doing` names the counted phase ("extracting"), `what` its unit
  /// ("documents"); `total` grows with AddTotal as a streamed run reads more.
  Progress(const Config& c, const Io& io, const char* doing, const char* what)
      : on_(!c.quiet && &io.err == &std::cerr && IsTerminal(STDERR_FILENO)), doing_(doing), what_(what) {}
  ~Progress() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void AddTotal(size_t n) { total_ += n; }
  size_t Total() const { return total_; }

  /// A phase without a count ("reading inputs (3 read)"), drawn at once.
  void Phase(const std::string& text) {
    if (!on_) return;
    std::lock_guard lock(mu_);
    drawn_ = true;
    std::cerr << fmt::format("\rclaimcheck: {}\033[K", text) << std::flush;
  }

  void Step() {
    if (!on_) return;
    const size_t done = ++done_;
    if (total_ < 2) return;
    const size_t total = total_;
    // The last step waits for the lock, so a run always shows total/total;
    // the others skip drawing while another thread draws.
    std::unique_lock lock(mu_, std::defer_lock);
    if (done >= total) {
      lock.lock();
    } else if (!lock.try_lock()) {
      return;
    }
    if (done <= shown_) return;  // a later count is on screen already
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total) return;
    last_ = now;
    drawn_ = true;
    shown_ = done;
    std::cerr << fmt::format("\rclaimcheck: {} {}/{} {}\033[K", doing_, done, total, what_) << std::flush;
  }

 private:
  const bool on_;
  std::atomic<size_t> total_{0};
  const char* doing_;
  const char* what_;
  std::atomic<size_t> done_{0};
  std::mutex mu_;
  std::chrono::steady_clock::time_point last_;
  bool drawn_ = false;
  size_t shown_ = 0;  ///< The count on screen (under mu_).
};

// Reconciles the report, with "claimcheck: reconciling 12/40 groups" on a
// terminal while it works (Progress); the line is gone before the report is
// written.
void ReconcileReport(const Config& c, Io& io, model::Report* r, const reconcile::Ledger* ledger,
                     const reconcile::BorrowedYears* years = nullptr) {
  Progress progress(c, io, "reconciling", "groups");
  progress.Phase(fmt::format("reconciling {} claims", r->claims.size()));
  reconcile::Reconcile(r, ledger, [&](size_t, size_t total) {
    if (progress.Total() == 0) progress.AddTotal(total);
    progress.Step();
  }, years);
}

bool UseColor(const Config& c) {
  if (c.color != ColorMode::kAuto) return c.color == ColorMode::kAlways;
  return std::getenv("NO_COLOR") == nullptr && IsTerminal(STDOUT_FILENO) && c.output.empty();
}

// About this much text is read, worked on and written at a time, so a run
// holds one batch of documents, not the corpus (`check` keeps their claims).
constexpr size_t kBatchBytes = 8 << 20;

// Whether the config file's `ignore` globs name `path` (as found, "./" or
// not; `*` matches across folders, as fnmatch without FNM_PATHNAME does).
bool Ignored(const Config& c, std::string path) {
  if (path.starts_with("./")) path.erase(0, 2);
  for (const std::string& glob : c.ignore) {
    if (fnmatch(glob.c_str(), path.c_str(), 0) == 0) return true;
  }
  return false;
}

// Reads the inputs a batch at a time and runs `each` on every batch, in
// input order, until one returns false. Skipped inputs and warnings go to
// stderr unless --quiet; documents without a date take --reference-date.
// Sets *readable when any input could be read.
bool ForEachBatch(const Config& c, Io& io, Progress& progress, bool* readable,
                  const std::function<bool(std::vector<corpus::Document>&)>& each) {
  corpus::InputReader reader(c.inputs, io.in);
  if (c.slice) reader.Slice(c.slice->first, c.slice->second);
  std::vector<corpus::Document> docs;
  size_t read = 0;
  progress.Phase("reading inputs");
  while (reader.Next(kBatchBytes, &docs)) {
    std::erase_if(docs, [&](const corpus::Document& d) { return Ignored(c, d.path); });
    read += docs.size();
    progress.Phase(fmt::format("reading inputs ({} read)", read));
    for (corpus::Document& d : docs) {
      *readable = *readable || d.ok();
      if (d.ok() && !d.published && c.reference_date) {
        d.published = c.reference_date;
        d.published_basis = "reference-date";
      }
      if (c.quiet) continue;
      if (!d.ok()) io.err << fmt::format("claimcheck: skipped {}\n", d.reason);
      for (const std::string& w : d.warnings) io.err << fmt::format("claimcheck: warning: {}\n", w);
    }
    progress.AddTotal(docs.size());
    if (!each(docs)) return false;
    docs.clear();
    progress.Phase("reading inputs");
  }
  return true;
}

// Whether -o (or --write-baseline) names a file this run can write, checked
// before any work: a run that cannot write its report should say so before
// it reads a corpus. The file is not created here (a run that fails later
// leaves nothing).
bool FileWritable(const std::string& file, std::string_view option, Io& io) {
  if (file.empty() || file == "-") return true;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path path(file);
  if (fs::is_directory(path, ec)) {
    Fail(io, fmt::format("{} {}: is a directory", option, file));
    return false;
  }
  if (fs::exists(path, ec)) {
    if (access(file.c_str(), W_OK) != 0) {
      Fail(io, fmt::format("{} {}: cannot open for writing: {}", option, file, std::strerror(errno)));
      return false;
    }
    return true;
  }
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    Fail(io, fmt::format("{} {}: cannot open for writing: no directory {}", option, file, dir.string()));
    return false;
  }
  if (access(dir.c_str(), W_OK | X_OK) != 0) {
    Fail(io, fmt::format("{} {}: cannot open for writing: {}", option, file, std::strerror(errno)));
    return false;
  }
  return true;
}

bool OutputWritable(const Config& c, Io& io) {
  return FileWritable(c.output, "-o", io) && FileWritable(c.write_baseline, "--write-baseline", io);
}

// A whole report written at once, with "claimcheck: writing the report" on
// a terminal meanwhile.
bool WriteReport(const Config& c, Io& io, const report::Writer& writer, const model::Report& r);

// Runs `write` against stdout or the -o file.
bool WithOutput(const Config& c, Io& io, const std::function<void(std::ostream&)>& write) {
  if (c.output.empty() || c.output == "-") {
    write(io.out);
    io.out.flush();
    if (!io.out) {  // a closed pipe, a full disk: say so rather than exit 2 in silence
      Fail(io, "writing to standard output failed (a closed pipe or a full disk?)");
      return false;
    }
    return true;
  }
  std::ofstream file(c.output, std::ios::binary);
  if (!file) {
    Fail(io, fmt::format("-o {}: cannot open for writing: {}", c.output, std::strerror(errno)));
    return false;
  }
  write(file);
  file.close();
  if (!file) {
    Fail(io, fmt::format("-o {}: write failed", c.output));
    return false;
  }
  return true;
}

bool WriteReport(const Config& c, Io& io, const report::Writer& writer, const model::Report& r) {
  Progress progress(c, io, "writing", "findings");
  progress.Phase(fmt::format("writing the report ({} findings)", r.findings.size()));
  return WithOutput(c, io, [&](std::ostream& out) { writer.Write(r, out); });
}

// Claims on lines an inline suppression covers (corpus/suppressions.h) are
// neither shown nor counted: they leave before any report sees them.
void DropSuppressed(const corpus::Document& doc, std::vector<model::Claim>* claims) {
  const std::vector<bool> off = corpus::SuppressedLines(doc.text);
  if (off.empty()) return;
  std::erase_if(*claims, [&](const model::Claim& c) {
    return c.evidence.line >= 1 && c.evidence.line <= off.size() && off[c.evidence.line - 1];
  });
}

// Extracts every readable document's claims over `jobs` threads. Documents
// may gain a date (dateline, inference) on the way. Returns false with the
// first error (a rule engine failure, never a bad input).
bool ExtractBatch(const LoadedRules& loaded, const Config& c, std::vector<corpus::Document>& docs,
                  std::vector<std::vector<model::Claim>>* claims, Progress& progress, Io& io) {
  claims->assign(docs.size(), {});
  std::vector<std::string> errors(docs.size());
  ParallelFor(docs.size(), c.jobs, [&](size_t i) {
    if (docs[i].ok()) {
      extract::Extraction x;
      if (loaded.extractor->Extract(docs[i], &x, &errors[i])) {
        DropSuppressed(docs[i], &x.claims);
        (*claims)[i] = std::move(x.claims);
      }
    }
    progress.Step();
  });
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!errors[i].empty()) {
      Fail(io, fmt::format("{}: {}", docs[i].origin, errors[i]));
      return false;
    }
  }
  return true;
}

// How each qualifier of the rules' lexicon derives its bounds from the stated
// number, so human formats print a count as stated ("more than 1,000", not
// "at least 1,001"): lo = "n" or "n+1", else hi = "n" or "n-1".
report::QualifierBounds QualifierBoundsOf(const rules::RuleSet& rules) {
  report::QualifierBounds out;
  for (const auto& [key, entry] : rules.Lex("qualifiers").entries()) {
    const std::string lo = entry.Field("lo"), hi = entry.Field("hi");
    if (lo == "n" || lo == "n+1") {
      out[key] = {true, lo == "n" ? 0 : 1};
    } else if (hi == "n" || hi == "n-1") {
      out[key] = {false, hi == "n" ? 0 : -1};
    }
  }
  return out;
}

// The --format writer, or nullptr after saying it is not built yet.
// `reconcile` loads no rules of its own: the embedded ones tell its writer
// how qualifiers read.
std::unique_ptr<report::Writer> ReportWriter(const Config& c, Io& io, const rules::RuleSet* rules) {
  report::WriterOptions options;
  options.color = UseColor(c);
  rules::RuleSet embedded;
  std::string err;
  if (rules == nullptr && rules::LoadRuleSet(c.rules_dirs, &embedded, &err, /*lazy=*/true)) rules = &embedded;
  if (rules != nullptr) options.qualifiers = QualifierBoundsOf(*rules);
  if (c.reference_date) options.review_date = c.reference_date->ToString();
  auto writer = report::MakeWriter(c.format, options);
  if (!writer) {
    Fail(io, fmt::format("--format {}: not implemented yet",
                         report::FormatNames()[static_cast<size_t>(c.format)]));
  }
  return writer;
}

int ExitFor(const model::Report& r, const Config& c) {
  for (const model::Finding& f : r.findings) {
    if (FailsOn(c.fail_on, f.verdict, f.severity)) return kExitFindings;
  }
  return kExitOk;
}

// check --store: the new documents' claims with the stored claims of the same
// groups (the same partition keys) and the years every stored date lends;
// the report keeps the findings that involve a new document, with their claims
// and documents. A run over all the articles gives the same findings for them.
bool CheckAgainstStore(store::Store& db, const Config& c, Io& io, model::Report* r, const reconcile::Ledger* ledger) {
  std::set<std::string> keys, fresh_docs, fresh_claims;
  for (const model::Claim& claim : r->claims) {
    keys.insert(reconcile::PartitionKey(claim));
    fresh_claims.insert(claim.id);
  }
  for (const model::DocumentRecord& d : r->inputs) fresh_docs.insert(d.doc);
  store::Loaded stored;
  std::string err;
  if (!db.Load(keys, fresh_docs, c.since, &stored, &err)) return Fail(io, err), false;
  std::vector<model::Claim> dates = std::move(stored.dates);
  for (const model::Claim& claim : r->claims) {
    if (claim.attribute == "date") dates.push_back(claim);
  }
  const reconcile::BorrowedYears years = reconcile::FindBorrowedYears(std::move(dates));
  for (model::DocumentRecord& d : stored.documents) r->inputs.push_back(std::move(d));
  for (model::Claim& claim : stored.claims) r->claims.push_back(std::move(claim));
  ReconcileReport(c, io, r, ledger, &years);
  // What the kept findings cite of the store stays; the rest goes.
  std::erase_if(r->findings, [&](const model::Finding& f) {
    return std::none_of(f.claims.begin(), f.claims.end(), [&](const std::string& id) { return fresh_claims.count(id) > 0; });
  });
  std::set<std::string> cited;
  for (const model::Finding& f : r->findings) cited.insert(f.claims.begin(), f.claims.end());
  std::erase_if(r->claims, [&](const model::Claim& claim) { return !fresh_claims.count(claim.id) && !cited.count(claim.id); });
  std::set<std::string> docs_cited = fresh_docs;
  for (const model::Claim& claim : r->claims) docs_cited.insert(claim.doc);
  std::erase_if(r->inputs, [&](const model::DocumentRecord& d) { return !docs_cited.count(d.doc); });
  reconcile::NumberFindings(&r->findings);
  return true;
}

// --only and --hide: which findings the report shows. The exit code is
// reckoned before, on every finding (ExitFor).
void ShowOnly(const Config& c, model::Report* r) {
  std::erase_if(r->findings, [&](const model::Finding& f) {
    return (!c.only.empty() && !c.only.count(f.verdict)) || c.hide.count(f.verdict);
  });
}

// --baseline, read before any work.
bool LoadBaseline(const Config& c, Io& io, std::set<std::string>* accepted) {
  std::string err;
  if (!c.baseline.empty() && !ReadBaseline(c.baseline, accepted, &err)) return Fail(io, err), false;
  return true;
}

// --diff-base, read before any work: a bad revision stops the run.
bool LoadChangedLines(const Config& c, Io& io, std::optional<ChangedLines>* changed) {
  if (c.diff_base.empty()) return true;
  std::string err;
  if (!ReadChangedLines(c.diff_base, &changed->emplace(), &err)) return Fail(io, err), false;
  return true;
}

// After reconciling: each finding's fingerprint; --write-baseline (the
// findings that match --fail-on, accepted from then on, this run too); the
// accepted findings leave, and with --diff-base those on no changed line; the
// exit code from those left, then the report of those shown (--only, --hide).
int FinishReport(const Config& c, Io& io, const report::Writer& writer, model::Report* r,
                 std::set<std::string> accepted, const ChangedLines* changed) {
  const std::vector<std::string> fingerprints = report::Fingerprints(*r, "");
  for (size_t i = 0; i < r->findings.size(); ++i) r->findings[i].fingerprint = fingerprints[i];
  if (!c.write_baseline.empty()) {
    std::vector<const model::Finding*> failing;
    for (const model::Finding& f : r->findings) {
      if (FailsOn(c.fail_on, f.verdict, f.severity)) failing.push_back(&f);
    }
    std::ofstream file(c.write_baseline, std::ios::binary);
    if (file) WriteBaseline(failing, file);
    file.close();
    if (!file) return Fail(io, fmt::format("--write-baseline {}: cannot write: {}", c.write_baseline,
                                           std::strerror(errno)));
    if (!c.quiet) {
      io.err << fmt::format("claimcheck: wrote {} accepted finding{} to {}\n", failing.size(),
                            failing.size() == 1 ? "" : "s", c.write_baseline);
    }
    for (const model::Finding* f : failing) accepted.insert(f->fingerprint);
  }
  std::erase_if(r->findings, [&](const model::Finding& f) { return accepted.count(f.fingerprint) > 0; });
  if (changed != nullptr) KeepChangedFindings(*changed, r);
  const int exit = ExitFor(*r, c);
  ShowOnly(c, r);
  return WriteReport(c, io, writer, *r) ? exit : kExitError;
}

int RunCheck(const Config& c, Io& io) {
  if (!OutputWritable(c, io)) return kExitError;
  std::optional<reconcile::Ledger> ledger;
  if (!LoadFacts(c, io, &ledger)) return kExitError;
  std::set<std::string> accepted;
  if (!LoadBaseline(c, io, &accepted)) return kExitError;
  std::optional<ChangedLines> changed;
  if (!LoadChangedLines(c, io, &changed)) return kExitError;
  LoadedRules loaded;
  if (!LoadRules(c, io, &loaded)) return kExitError;
  if (ledger && !LedgerMessages(c, io, reconcile::UnproducibleFacts(*ledger, LedgerVocabulary(loaded.rules)))) {
    return kExitError;
  }
  if (c.inputs.empty()) return Fail(io, "check: no INPUT given (use - for standard input)");
  auto writer = ReportWriter(c, io, &loaded.rules);
  if (!writer) return kExitError;
  std::unique_ptr<store::Store> db;  // opened before any work: a locked or broken store stops the run
  if (!c.store.empty()) {
    std::string err;
    if (!(db = store::Store::Open(c.store, store::Mode::kRead, &err))) return Fail(io, err);
  }
  model::Report r;
  bool readable = false;
  {
    Progress progress(c, io, "extracting", "documents");  // erased before the groups' progress
    const bool extracted = ForEachBatch(c, io, progress, &readable, [&](std::vector<corpus::Document>& docs) {
      std::vector<std::vector<model::Claim>> claims;
      if (!ExtractBatch(loaded, c, docs, &claims, progress, io)) return false;
      for (size_t i = 0; i < docs.size(); ++i) {
        r.inputs.push_back(model::DocumentRecord::From(docs[i]));
        // Moved whole (a 10 MB document has 400,000 claims): never two copies' room at once.
        if (r.claims.empty()) {
          r.claims = std::move(claims[i]);
        } else {
          r.claims.insert(r.claims.end(), std::make_move_iterator(claims[i].begin()),
                          std::make_move_iterator(claims[i].end()));
          std::vector<model::Claim>().swap(claims[i]);
        }
      }
      return true;
    });
    if (!extracted) return kExitError;
  }
  if (db) {
    if (!CheckAgainstStore(*db, c, io, &r, Ptr(ledger))) return kExitError;
  } else {
    ReconcileReport(c, io, &r, Ptr(ledger));
  }
  const bool ledger_ok = !ledger || LedgerMessages(c, io, reconcile::UnmatchedFacts(*ledger, r));
  const int exit = FinishReport(c, io, *writer, &r, std::move(accepted), Ptr(changed));
  if (exit == kExitError) return exit;
  if (!readable) return Fail(io, "no input readable");
  return ledger_ok ? exit : kExitError;
}

// `extract` and `mentions` write each batch as it is done: memory stays one
// batch whatever the corpus size.
int RunExtract(const Config& c, Io& io) {
  if (!OutputWritable(c, io)) return kExitError;
  LoadedRules loaded;
  if (!LoadRules(c, io, &loaded)) return kExitError;
  if (c.inputs.empty()) return Fail(io, "extract: no INPUT given (use - for standard input)");
  if (c.slice && (c.inputs.size() != 1 || c.inputs[0] == "-" ||
                  corpus::FormatForPath(c.inputs[0]) != corpus::Format::kJsonl)) {
    return Fail(io, "extract: --slice reads one JSONL file (.jsonl, .ndjson), named");
  }
  Progress progress(c, io, "extracting", "documents");
  bool readable = false, extracted = false;
  const bool written = WithOutput(c, io, [&](std::ostream& out) {
    extracted = ForEachBatch(c, io, progress, &readable, [&](std::vector<corpus::Document>& docs) {
      std::vector<std::vector<model::Claim>> claims;
      if (!ExtractBatch(loaded, c, docs, &claims, progress, io)) return false;
      for (size_t i = 0; i < docs.size(); ++i) {
        out << model::DumpLine(model::ToJson(model::DocumentRecord::From(docs[i]))) << '\n';
        for (const model::Claim& claim : claims[i]) out << model::ClaimLine(claim) << '\n';
      }
      return true;
    });
  });
  if (!written || !extracted) return kExitError;
  return readable ? kExitOk : Fail(io, "no input readable");
}

int RunMentions(const Config& c, Io& io) {
  if (!OutputWritable(c, io)) return kExitError;
  if (c.inputs.empty()) return Fail(io, "mentions: no INPUT given (use - for standard input)");
  LoadedRules loaded;
  if (!LoadRules(c, io, &loaded)) return kExitError;
  Progress progress(c, io, "finding mentions in", "documents");
  bool readable = false, found_all = false;
  const bool written = WithOutput(c, io, [&](std::ostream& out) {
    found_all = ForEachBatch(c, io, progress, &readable, [&](std::vector<corpus::Document>& docs) {
      std::vector<std::string> lines(docs.size()), errors(docs.size());
      ParallelFor(docs.size(), c.jobs, [&](size_t i) {
        const corpus::Document& d = docs[i];
        std::vector<normalize::Mention> found;
        if (d.ok() && loaded.recognizer->Find(d, d.published, &found, &errors[i])) {
          normalize::AnchorNarrative(d.text, &found);
          for (const normalize::Mention& m : found) {
            lines[i] += model::DumpLine(model::ToJson(normalize::ToRecord(m, d.id, d.text))) + "\n";
          }
        }
        progress.Step();
      });
      for (size_t i = 0; i < docs.size(); ++i) {
        if (!errors[i].empty()) return Fail(io, fmt::format("{}: {}", docs[i].origin, errors[i])), false;
      }
      for (const std::string& l : lines) out << l;
      return true;
    });
  });
  if (!written || !found_all) return kExitError;
  return readable ? kExitOk : Fail(io, "no input readable");
}

// What `reconcile` reads: extract's records and, in a batch reconciled in
// partitions (--stage), the years of the whole batch (partial) or the
// findings of its partitions (merge).
struct Records {
  model::Report report;
  std::set<std::string> docs, claims;  // ids met, so each counts once
  reconcile::BorrowedYears years;
  size_t documents = 0;  // document records read
};

// A year record of `--stage years`: {"record":"year","claim"|"doc":ID,"year":Y}.
bool ReadYear(const model::Json& j, reconcile::BorrowedYears* years, std::string* err) {
  const auto year = j.find("year");
  const auto claim = j.find("claim"), doc = j.find("doc");
  const bool by_claim = claim != j.end() && claim->is_string(), by_doc = doc != j.end() && doc->is_string();
  if (year == j.end() || !year->is_number_integer() || by_claim == by_doc) {
    *err = "a year record holds \"claim\" or \"doc\" and an integer \"year\"";
    return false;
  }
  (by_claim ? years->claims[claim->get<std::string>()] : years->docs[doc->get<std::string>()]) = year->get<int>();
  return true;
}

// Reads extract's JSONL (document and claim records, any order, many
// files). A shard or record that cannot be read is reported with file:line
// and listed in the inputs as skipped; a document met twice (overlapping
// shards) counts once. `stage` admits year (partial) or finding (merge) records.
void ReadRecords(const std::string& path, std::istream& in, const std::string& stage, Records* out, Io& io,
                 bool quiet) {
  model::Report* r = &out->report;
  // What cannot be read is listed in the report's inputs as skipped, with
  // its reason (DESIGN.md §7), and the other shards and records go on.
  const auto skip = [&](std::string where, std::string why) {
    if (!quiet) io.err << fmt::format("claimcheck: skipped {}: {}\n", where, why);
    model::DocumentRecord d;
    d.doc = where;
    d.path = path;
    d.status = "skipped";
    d.reason = fmt::format("{}: {}", where, why);
    if (out->docs.insert(d.doc).second) r->inputs.push_back(std::move(d));
  };
  std::ifstream file;
  std::istream* source = &in;
  if (path != "-") {
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
      skip(path, "not a regular file (a FIFO, socket, device or directory)");
      return;
    }
    file.open(path, std::ios::binary);
    if (!file) {
      skip(path, fmt::format("cannot read: {}", std::strerror(errno)));
      return;
    }
    source = &file;
  }
  std::string line;
  for (size_t number = 1; std::getline(*source, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const model::Json j = model::Json::parse(line, nullptr, false);
    std::string err = "not a JSON object";
    bool ok = false;
    // "record" of another type than a string is no known record, not a crash.
    const auto record = j.is_object() ? j.find("record") : j.end();
    const std::string kind = record != j.end() && record->is_string() ? record->get<std::string>() : "";
    try {
      if (kind == "document") {
        model::DocumentRecord d;
        if ((ok = model::FromJson(j, &d, &err)) && out->docs.insert(d.doc).second) {
          r->inputs.push_back(std::move(d));
        }
        out->documents += ok;
      } else if (kind == "claim") {
        model::Claim c;
        if ((ok = model::FromJson(j, &c, &err)) && out->claims.insert(c.id).second) {
          r->claims.push_back(std::move(c));
        }
      } else if (kind == "year" && stage == "partial") {
        ok = ReadYear(j, &out->years, &err);
      } else if (kind == "finding" && stage == "merge") {
        model::Finding f;
        if ((ok = model::FromJson(j, &f, &err))) r->findings.push_back(std::move(f));
      } else if (j.is_object()) {
        err = stage == "partial" ? "no \"record\": \"document\", \"claim\" or \"year\""
              : stage == "merge" ? "no \"record\": \"document\", \"claim\" or \"finding\""
                                 : "no \"record\": \"document\" or \"claim\"";
      }
    } catch (const nlohmann::json::exception& e) {  // a field of an unexpected type
      ok = false;
      err = e.what();
    }
    if (!ok) skip(fmt::format("{}:{}", path, number), err);
  }
}

// A partition number that every machine computes alike (FNV-1a).
size_t PartitionOf(std::string_view key, int partitions) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char ch : key) h = (h ^ ch) * 1099511628211ull;
  return static_cast<size_t>(h % static_cast<uint64_t>(partitions));
}

// --stage route: each claim to the partition of its PartitionKey, each
// document record to every partition holding one of its claims (a document
// without claims to one by its id), as "N<TAB>record" lines; date claims a
// second time as "y<TAB>record", for the years of the whole batch.
void WriteRouted(const model::Report& r, int partitions, std::ostream& out) {
  std::map<std::string_view, std::set<size_t>> doc_parts;
  std::vector<size_t> claim_part;
  for (const model::Claim& c : r.claims) {
    claim_part.push_back(PartitionOf(reconcile::PartitionKey(c), partitions));
    doc_parts[c.doc].insert(claim_part.back());
  }
  for (const model::DocumentRecord& d : r.inputs) {
    const std::string line = model::DumpLine(model::ToJson(d));
    auto it = doc_parts.find(d.doc);
    if (it == doc_parts.end()) {
      out << PartitionOf(d.doc, partitions) << '\t' << line << '\n';
      continue;
    }
    for (size_t p : it->second) out << p << '\t' << line << '\n';
  }
  for (size_t i = 0; i < r.claims.size(); ++i) {
    const std::string line = model::DumpLine(model::ToJson(r.claims[i]));
    out << claim_part[i] << '\t' << line << '\n';
    if (r.claims[i].attribute == "date") out << "y\t" << line << '\n';
  }
}

// --stage years: the years the batch's open dates borrow, as year records.
void WriteYears(const model::Report& r, std::ostream& out) {
  const reconcile::BorrowedYears years = reconcile::FindBorrowedYears(r.claims);
  for (const auto& [claim, year] : years.claims) {
    out << model::DumpLine({{"record", "year"}, {"claim", claim}, {"year", year}}) << '\n';
  }
  for (const auto& [doc, year] : years.docs) {
    out << model::DumpLine({{"record", "year"}, {"doc", doc}, {"year", year}}) << '\n';
  }
}

// --stage partial: a partition's records and findings, for --stage merge.
void WritePartial(const model::Report& r, std::ostream& out) {
  for (const model::DocumentRecord& d : r.inputs) out << model::DumpLine(model::ToJson(d)) << '\n';
  for (const model::Claim& c : r.claims) out << model::DumpLine(model::ToJson(c)) << '\n';
  for (const model::Finding& f : r.findings) {
    model::Json j = model::Json::object();
    j["record"] = "finding";
    const model::Json finding = model::ToJson(f);
    for (auto it = finding.begin(); it != finding.end(); ++it) j[it.key()] = *it;
    out << model::DumpLine(j) << '\n';
  }
}

int RunReconcile(const Config& c, Io& io) {
  if (!OutputWritable(c, io)) return kExitError;
  std::optional<reconcile::Ledger> ledger;
  if (!LoadFacts(c, io, &ledger)) return kExitError;
  std::set<std::string> accepted;
  if (!LoadBaseline(c, io, &accepted)) return kExitError;
  std::optional<ChangedLines> changed;
  if (!LoadChangedLines(c, io, &changed)) return kExitError;
  if (c.inputs.empty()) return Fail(io, "reconcile: no FILE given (extract's JSONL; - for stdin)");
  auto writer = ReportWriter(c, io, nullptr);
  if (!writer) return kExitError;
  Records records;
  {
    Progress progress(c, io, "reading", "files");
    progress.AddTotal(c.inputs.size());
    for (const std::string& path : c.inputs) {
      progress.Phase(fmt::format("reading claims ({} records read)",
                                 records.report.inputs.size() + records.report.claims.size()));
      ReadRecords(path, io.in, c.stage, &records, io, c.quiet);
      progress.Step();
    }
  }
  model::Report& r = records.report;
  const bool staged_without_documents = c.stage == "years" || c.stage == "partial";
  if (records.documents == 0 && !staged_without_documents) return Fail(io, "reconcile: no document records read");
  if (c.stage == "route") {
    return WithOutput(c, io, [&](std::ostream& out) { WriteRouted(r, c.partitions, out); }) ? kExitOk : kExitError;
  }
  if (c.stage == "years") {
    return WithOutput(c, io, [&](std::ostream& out) { WriteYears(r, out); }) ? kExitOk : kExitError;
  }
  if (c.stage == "merge") {
    reconcile::SortRecords(&r);
    reconcile::NumberFindings(&r.findings);
  } else {
    ReconcileReport(c, io, &r, Ptr(ledger), c.stage == "partial" ? &records.years : nullptr);
  }
  if (c.stage == "partial") {
    return WithOutput(c, io, [&](std::ostream& out) { WritePartial(r, out); }) ? kExitOk : kExitError;
  }
  const bool ledger_ok = !ledger || !c.stage.empty() || LedgerMessages(c, io, reconcile::UnmatchedFacts(*ledger, r));
  const int exit = FinishReport(c, io, *writer, &r, std::move(accepted), Ptr(changed));
  if (exit == kExitError) return exit;
  if (!ledger_ok) return kExitError;
  // A merged batch ends as `check` does: no readable input is a failed run.
  if (c.stage == "merge" && std::none_of(r.inputs.begin(), r.inputs.end(), [](const auto& d) { return d.status == "ok"; })) {
    return Fail(io, "no input readable");
  }
  return exit;
}

// Whether `path` holds extract's records (a JSONL file whose first record has
// "record"), not articles.
bool IsRecordsFile(const std::string& path) {
  if (path == "-" || corpus::FormatForPath(path) != corpus::Format::kJsonl) return false;
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const model::Json j = model::Json::parse(line, nullptr, false);
    return j.is_object() && j.contains("record");
  }
  return false;
}

// `store add DB FILE...`: each file's documents and claims in one
// transaction (an article file: each batch of it), extract's records as
// they are, articles extracted first. A document already stored is replaced.
int RunStore(const Config& c, Io& io) {
  if (c.inputs.size() == 2 && c.inputs[0] == "info") {
    std::string err;
    auto db = store::Store::Open(c.inputs[1], store::Mode::kRead, &err);
    size_t documents = 0, claims = 0;
    if (!db || !db->Count(&documents, &claims, &err)) return Fail(io, err);
    io.out << fmt::format("{}: schema {}, {} documents, {} claims\n", c.inputs[1], store::kSchemaVersion, documents,
                          claims);
    return kExitOk;
  }
  if (c.inputs.size() < 3 || c.inputs[0] != "add") {
    return Fail(io, "store: expected 'add DB FILE...' or 'info DB' (see claimcheck store --help)");
  }
  std::string err;
  auto db = store::Store::Open(c.inputs[1], store::Mode::kWrite, &err);
  if (!db) return Fail(io, err);
  std::optional<LoadedRules> loaded;
  for (size_t i = 2; i < c.inputs.size(); ++i) {
    const std::string& path = c.inputs[i];
    size_t documents = 0, claims = 0;
    // Documents that could not be read are said on stderr, not stored.
    const auto add = [&](model::Report& records) {
      std::erase_if(records.inputs, [](const model::DocumentRecord& d) { return d.status != "ok"; });
      documents += records.inputs.size();
      claims += records.claims.size();
      return db->Add(records, &err);
    };
    if (IsRecordsFile(path)) {
      Records records;
      ReadRecords(path, io.in, "", &records, io, c.quiet);
      if (!add(records.report)) return Fail(io, err);
    } else {
      if (!loaded && !LoadRules(c, io, &loaded.emplace())) return kExitError;
      Config one = c;
      one.inputs = {path};
      Progress progress(c, io, "extracting", "documents");
      bool readable = false, stored = true;
      const bool extracted = ForEachBatch(one, io, progress, &readable, [&](std::vector<corpus::Document>& docs) {
        std::vector<std::vector<model::Claim>> batch;
        if (!ExtractBatch(*loaded, c, docs, &batch, progress, io)) return false;
        model::Report records;
        for (size_t d = 0; d < docs.size(); ++d) {
          records.inputs.push_back(model::DocumentRecord::From(docs[d]));
          for (model::Claim& claim : batch[d]) records.claims.push_back(std::move(claim));
        }
        return stored = add(records);
      });
      if (!stored) return Fail(io, err);
      if (!extracted) return kExitError;
    }
    if (!c.quiet) io.err << fmt::format("claimcheck: {}: stored {} documents, {} claims\n", path, documents, claims);
  }
  return kExitOk;
}

// `explain TEXT`: every step, for one text.
int RunExplain(const Config& c, Io& io) {
  if (c.inputs.empty()) return Fail(io, "explain: no TEXT given");
  LoadedRules loaded;
  if (!LoadRules(c, io, &loaded)) return kExitError;
  std::string text;
  for (const std::string& word : c.inputs) text += (text.empty() ? "" : " ") + word;
  corpus::Document doc = corpus::DocumentFromText("text", "text", text, corpus::Format::kText);
  if (!doc.ok()) return Fail(io, "explain: " + doc.reason);
  if (c.reference_date) {
    doc.published = c.reference_date;
    doc.published_basis = "reference-date";
  }
  normalize::Trace trace;
  std::vector<normalize::Mention> raw;
  std::string err;
  if (!loaded.recognizer->Find(doc, doc.published, &raw, &err, &trace)) return Fail(io, err);
  extract::Extraction x;
  if (!loaded.extractor->Extract(doc, &x, &err)) return Fail(io, err);

  io.out << "sentences:\n";
  for (const corpus::Span& s : doc.sentences) {
    io.out << fmt::format("  {}-{} \"{}\"\n", s.start, s.end,
                          std::string_view(doc.text).substr(s.start, s.end - s.start));
  }
  io.out << "rules that matched (before overlaps were resolved):\n";
  for (const std::string& line : trace.lines) io.out << "  " << line << '\n';
  io.out << fmt::format("document date: {}\n",
                        doc.published ? doc.published->ToString() + " (" + doc.published_basis + ")"
                                      : std::string("none"));
  io.out << "mentions:\n";
  for (size_t i = 0; i < x.mentions.size(); ++i) {
    const normalize::Mention& m = x.mentions[i];
    std::string resolved;
    if (!x.times[i].basis.empty()) resolved = fmt::format(" → {} ({})", x.times[i].timex, x.times[i].basis);
    io.out << fmt::format("  {}-{} \"{}\" {} {}{} ← {}\n", m.start, m.end,
                          std::string_view(doc.text).substr(m.start, m.end - m.start), m.kind,
                          normalize::DescribeValue(m), resolved, m.rule->id);
  }
  io.out << "steps:\n";
  for (const std::string& line : x.trace) io.out << "  " << line << '\n';
  // The findings these claims make on their own, so each claim shows why it
  // is one subject with others, as a report's finding says it.
  model::Report alone;
  alone.inputs.push_back(model::DocumentRecord::From(doc));
  alone.claims = x.claims;
  reconcile::Reconcile(&alone);
  std::map<std::string, const model::Finding*> finding_of;
  for (const model::Finding& f : alone.findings) {
    for (const std::string& id : f.claims) finding_of.emplace(id, &f);
  }
  io.out << "claims:\n";
  for (const model::Claim& claim : x.claims) {
    io.out << fmt::format("  {} {} = {}\n      subject {}; as_of {} ({}); evidence \"{}\" at {}:{}\n"
                          "      hedged {}, negated {}, revision {}, attribution {}; rule {}\n",
                          claim.id, claim.attribute, model::DumpLine(model::ToJson(claim.value)),
                          claim.subject, claim.as_of.timex.empty() ? "none" : claim.as_of.timex,
                          claim.as_of.basis, claim.evidence.text, claim.evidence.line,
                          claim.evidence.column, claim.hedged, claim.negated, claim.revision,
                          claim.attribution.value_or("none"), claim.rule);
    // What groups it with other claims (rules/README.md, "Verdicts"): the
    // subject's parts, the scope it is compared within, its stage.
    std::string why = fmt::format("subject {}", claim.subject);
    if (!claim.scope.part.empty()) why += fmt::format("; a part, compared only with parts \"{}\"", claim.scope.part);
    if (claim.scope.who == "perpetrators") why += "; counts perpetrators, compared only with such counts";
    if (claim.scope.who == "victims+perpetrator") {
      why += claim.scope.perpetrators > 0
                 ? fmt::format("; counts {} perpetrator(s) besides the victims, compared as the victims' count",
                               claim.scope.perpetrators)
                 : "; counts the victims and the perpetrators, compared only with such counts";
    }
    if (claim.timeline.stage == "earlier") {
      why += fmt::format("; an earlier figure (\"{}\"): superseded, never an alarm", claim.timeline.cue);
    }
    io.out << fmt::format("      grouped by: {}\n", why);
    if (auto it = finding_of.find(claim.id); it != finding_of.end() && !it->second->grouped_by.empty()) {
      io.out << fmt::format("      one subject by: {} (finding {} {})\n", fmt::join(it->second->grouped_by, "; "),
                            it->second->id, it->second->verdict);
    }
  }
  if (x.claims.empty()) io.out << "  none\n";
  return kExitOk;
}

int RunRules(const Config& c, Io& io) {
  if (c.inputs.size() != 1 || (c.inputs[0] != "test" && c.inputs[0] != "list")) {
    return Fail(io, "rules: expected 'test' or 'list' (see claimcheck rules --help)");
  }
  LoadedRules loaded;
  if (!LoadRules(c, io, &loaded)) return kExitError;
  if (c.inputs[0] == "list") {
    for (const auto& r : loaded.rules.rules()) {
      io.out << fmt::format("{:<40} {:<9} {}:{} ({} example{})\n", r->id, rules::KindName(r->kind),
                            r->loc.file, r->loc.line, r->examples.size(),
                            r->examples.size() == 1 ? "" : "s");
    }
    return kExitOk;
  }
  const normalize::ExampleTally mentions =
      normalize::RunRuleExamples(loaded.rules, *loaded.recognizer, io.out);
  const normalize::ExampleTally claims =
      extract::RunClaimExamples(loaded.rules, *loaded.extractor, io.out);
  io.out << fmt::format("{} passed, {} failed\n", mentions.passed + claims.passed,
                        mentions.failed + claims.failed);
  return mentions.failed + claims.failed == 0 ? kExitOk : kExitFindings;
}

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"check", "[INPUT...]", "extract + reconcile + report (the main job)",
       kInputs | kFormat | kOutput | kRules | kFacts | kFailOn | kReference | kJobs | kColor | kStore |
           kShow | kBaseline | kDiffBase,
       "contradict,internal,ledger", RunCheck},
      {"extract", "[INPUT...]", "document and claim records as JSONL (a map step)",
       kInputs | kOutput | kRules | kReference | kJobs | kSlice, "none", RunExtract},
      {"reconcile", "[FILE...]", "report from extract's JSONL, any order, many files (a reduce step)",
       kInputs | kFormat | kOutput | kFacts | kFailOn | kColor | kStage | kShow | kBaseline | kDiffBase,
       "contradict,internal,ledger", RunReconcile},
      {"store", "add DB FILE...|info DB",
       "keep documents and claims (extract's records, or articles) in an SQLite store",
       kInputs | kRules | kReference | kJobs, "none", RunStore},
      {"mentions", "[INPUT...]", "every number/time mention as JSONL (evaluation, debugging)",
       kInputs | kOutput | kRules | kReference | kJobs, "none", RunMentions},
      {"explain", "TEXT", "which rules fired, step by step", kInputs | kRules | kReference, "none",
       RunExplain},
      {"rules", "test|list", "run the rules' own examples; list rules", kInputs | kRules, "none",
       RunRules},
  };
  return kCommands;
}

std::string TopHelp() {
  std::string s =
      "claimcheck — cross-verify numeric and temporal claims across news articles\n\n"
      "usage: claimcheck COMMAND [OPTIONS] [ARGS...]\n\ncommands:\n";
  for (const Command& c : Commands()) {
    s += fmt::format("  {:<10} {}{}\n", c.name, c.description, c.run ? "" : " (not implemented yet)");
  }
  s += "\n`claimcheck COMMAND --help` shows a command's options; `claimcheck --version`.\n"
       "INPUT is a file, a directory (recursive, sorted, hidden files skipped) or - for stdin.\n"
       "Exit codes: 0 ok, 1 a finding matched --fail-on, 2 the run could not do its job.\n";
  return s;
}

std::string CommandHelp(const Command& c) {
  std::string s = fmt::format("usage: claimcheck {} [OPTIONS] {}\n\n{}\n", c.name, c.usage,
                              c.description);
  if (!c.run) {
    s += fmt::format("\nNot implemented yet: this command arrives with {}; it exits with 2.\n",
                     c.pending);
  }
  return s + "\n" + OptionsHelp(c.options, c.default_fail_on);
}

const Command* FindCommand(const std::string& name) {
  for (const Command& c : Commands()) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

int UnknownCommand(const std::string& name, Io& io) {
  std::vector<std::string> names;
  for (const Command& c : Commands()) names.push_back(c.name);
  const std::string hint = SpellingSuggestion(name, names);
  if (hint.empty()) return Fail(io, fmt::format("unknown command '{}' (see claimcheck --help)", name));
  return Fail(io, fmt::format("unknown command '{}', did you mean '{}'?", name, hint));
}

}  // namespace

int Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
  Io io{in, out, err};
  if (args.empty()) {
    err << TopHelp();
    return kExitError;
  }
  const std::string& name = args[0];
  if (name == "--help" || name == "-h" || name == "help") {
    if (args.size() > 1) {
      if (const Command* c = FindCommand(args[1])) return out << CommandHelp(*c), kExitOk;
      return UnknownCommand(args[1], io);
    }
    out << TopHelp();
    return kExitOk;
  }
  if (name == "--version" || name == "-V") {
    out << "claimcheck " << CLAIMCHECK_VERSION << '\n';
    return kExitOk;
  }
  const Command* command = FindCommand(name);
  if (command == nullptr) {
    if (name.starts_with("-")) return Fail(io, fmt::format("unknown option '{}' (see claimcheck --help)", name));
    return UnknownCommand(name, io);
  }
  Config config;
  std::string error;
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (!ParseConfig(name, command->options, rest, command->default_fail_on, &config, &error)) {
    if (config.config_file_error) return Fail(io, error);
    return Fail(io, fmt::format("{}: {} (see claimcheck {} --help)", name, error, name));
  }
  if (config.help) {
    out << CommandHelp(*command);
    return kExitOk;
  }
  if (!command->run) {
    return Fail(io, fmt::format("{}: not implemented yet (arrives with {})", name, command->pending));
  }
  return command->run(config, io);
}

}  // namespace claimcheck::cli
