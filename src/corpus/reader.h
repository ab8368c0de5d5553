// Reading inputs: files, directories, JSONL/JSON records, stdin (DESIGN.md §6).
//
//   std::vector<Document> docs = ReadInputs({"fixtures/seeds"}, std::cin);
//
// Every input becomes at least one Document: one that cannot be read is
// returned with status kSkipped and a reason naming the input and the place,
// so that reports list it; nothing is dropped silently.
#ifndef CLAIMCHECK_CORPUS_READER_H_
#define CLAIMCHECK_CORPUS_READER_H_

#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus/document.h"

namespace claimcheck::corpus {

enum class Format { kText, kMarkdown, kJsonl, kJson };

/// One file (or stdin) to read, with the id its documents derive from.
struct Source {
  std::string path;  ///< As found: argument, or argument joined with a relative path.
  std::string id;    ///< path without extension and leading "./"; "stdin" for "-".
  Format format = Format::kText;
  std::string error;  ///< Set when the source could not even be found or listed.
};

/// Format from the extension: .md/.markdown, .jsonl/.ndjson, .json; anything
/// else reads as plain text. Returns nullopt for extensions a directory walk
/// does not pick up (only .txt, .text, .md, .markdown, .jsonl, .ndjson, .json).
std::optional<Format> FormatForDirectoryEntry(std::string_view path);
Format FormatForPath(std::string_view path);

/// "fixtures/seeds/000.txt" → "fixtures/seeds/000"; "./a.md" → "a".
std::string DocumentIdForPath(std::string_view path);

/// Expands arguments: a file is itself; a directory is every supported file
/// below it (recursive, byte-wise sorted, hidden entries skipped); "-" is stdin.
std::vector<Source> ExpandInputs(const std::vector<std::string>& args);

/// The line of each record of a JSONL file (a .json file that holds JSONL
/// too) at `path`, by the id ReadSource gives it (its `id`, else
/// `<file id>:<line>`). Empty when the file cannot be read or holds one JSON
/// value (a record or an array: its records have no line of their own). For
/// the places reports point at: records' positions count in their text.
std::map<std::string, size_t> RecordLines(const std::string& path);

/// Reads one source into documents (several for JSONL). `in` is used for "-".
std::vector<Document> ReadSource(const Source& source, std::istream& in);

/// Parses a whole text document that is already in memory (stdin, tests).
Document DocumentFromText(std::string id, std::string path, std::string text, Format format);

/// Finishes a document whose text and metadata are set: UTF-8 check, leading
/// `date YYYY-MM-DD`, sentences, line index, fingerprints, emptiness.
void Prepare(Document& doc);

/// Reads inputs in order a batch at a time, so that a run holds one batch of
/// documents, not the corpus: JSONL files are read record by record, other
/// files whole. Documents come in the order ReadInputs gives, with the same
/// skips (duplicate ids after the first included).
///
///   InputReader reader(args, std::cin);
///   std::vector<Document> batch;
///   while (reader.Next(8 << 20, &batch)) { …; batch.clear(); }
class InputReader {
 public:
  InputReader(const std::vector<std::string>& args, std::istream& in);
  ~InputReader();
  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;

  /// Reads of each JSONL file only the records whose line starts in the byte
  /// range [start, end), with the ids and line numbers a whole-file run gives
  /// (a map over slices of one file: `extract --slice`). A file without any
  /// record is reported by the slice that starts at 0 only. Other files are
  /// read whole. Call before Next.
  void Slice(uint64_t start, uint64_t end) { slice_ = {start, end}; }

  /// Appends documents to `out` until their text, plus 1 KB for each
  /// document, reaches `budget` bytes (at least one document); false when
  /// every input has been read.
  bool Next(size_t budget, std::vector<Document>* out);

 private:
  struct OpenJsonl;
  void Add(Document doc, std::vector<Document>* out, size_t* bytes);
  bool NextRecord(Document* out);

  std::vector<Source> sources_;
  size_t next_source_ = 0;
  std::istream& in_;
  std::unique_ptr<OpenJsonl> jsonl_;  // the JSONL file being read, if any
  std::map<std::string, std::string> first_path_;  // id → path it was first read from
  std::optional<std::pair<uint64_t, uint64_t>> slice_;
};

/// Every input at once (InputReader drained): order is the order of the
/// arguments, then of the directory walk, then of the records. Duplicate ids
/// after the first are skipped with a reason.
std::vector<Document> ReadInputs(const std::vector<std::string>& args, std::istream& in);

}  // namespace claimcheck::corpus

#endif  // CLAIMCHECK_CORPUS_READER_H_
