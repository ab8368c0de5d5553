// Where findings point in the files a CI run checked: what the sarif and
// github writers share (paths relative to the repository, regions in code
// points, the claim a finding is shown at, stable hashes). Defined in sarif.cc.
#ifndef CLAIMCHECK_REPORT_LOCATIONS_H_
#define CLAIMCHECK_REPORT_LOCATIONS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/display.h"

namespace claimcheck::report {

/// Verdicts that become SARIF results and workflow annotations: the ones that
/// ask a person to act (the default --fail-on set).
bool IsActionable(std::string_view verdict);

/// `path` relative to `root` ("" means the working directory) with forward
/// slashes when it lies inside root, else the absolute, normalized path.
/// Purely lexical: symlinks are not resolved, so a checkout's layout is kept.
std::string RelativePath(const std::string& path, const std::string& root);

/// A path as an RFC 3986 URI reference: every byte outside the unreserved
/// set, the sub-delimiters, '@' and '/' is percent-encoded (':' too, so a
/// relative path never reads as a scheme); an absolute path becomes file:///….
std::string PathToUri(std::string_view path);

/// Code points in `text`, counted as evidence columns are (corpus::CountCodePoints).
size_t CodePoints(std::string_view text);

/// A claim's evidence as a line/column region; end_column is exclusive.
struct TextRegion {
  size_t start_line = 1;
  size_t start_column = 1;
  size_t end_line = 1;
  size_t end_column = 1;
};
TextRegion RegionOf(const Evidence& evidence);

/// True when a document's evidence lines and columns are positions in the
/// file at its path. False for JSON/JSONL records (their positions count in
/// the record's text, not in the file) and for standard input.
bool LocatedInFile(const DocumentRecord& doc);

/// The line of a JSON/JSONL record in its file (corpus::RecordLines), each
/// file read once: where CI tools can point at a record, whose evidence
/// positions count in its text. nullopt for a document that is no record, a
/// record in a JSON array, or a record its file no longer holds.
class RecordLineFinder {
 public:
  std::optional<size_t> LineOf(const DocumentRecord& doc);

 private:
  std::map<std::string, std::map<std::string, size_t>> files_;  // path → id → line
};

/// The facts-ledger entry a ledger finding cites in its notes
/// ("ledger entry fixtures/ledger/facts.toml:3").
struct LedgerEntry {
  std::string path;
  size_t line = 0;
};
std::optional<LedgerEntry> LedgerEntryOf(const Finding& finding);

/// The claim a finding is shown at: its first claim in a document that can be
/// located in its file, else its first claim that is not a ledger's, else its
/// first claim; nullptr when none of its claims is in the report.
const Claim* PrimaryClaim(const ReportIndex& index, const Finding& finding);

/// How the reconciler names a document's source: its outlet, else the last
/// component of its id.
std::string SourceLabel(const ReportIndex& index, const std::string& doc);

/// "Deaths of earthquake@aceh".
std::string FindingTitle(const Finding& finding);

/// Each finding's fingerprint (in report order): a hash of its verdict,
/// subject, attribute and the primary claim's file (relative to `root`, as
/// SARIF's locations) and quoted text, stable as documents are edited; the
/// SARIF `partialFingerprints` and the JSON `fingerprint` field. A finding
/// whose `fingerprint` is set keeps it.
std::vector<std::string> Fingerprints(const Report& report, const std::string& root);

/// 64-bit FNV-1a: small, fixed and the same everywhere, for fingerprints that
/// must not change between runs, machines or compilers.
uint64_t Fnv1a64(std::string_view data);

}  // namespace claimcheck::report

#endif  // CLAIMCHECK_REPORT_LOCATIONS_H_
