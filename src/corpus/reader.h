// Reading inputs: files, directories, JSONL/JSON records, stdin (DESIGN.md §6).
//
//   std::vector<Document> docs = ReadInputs({"fixtures/seeds"}, options);
//
// Every input becomes at least one Document: one that cannot be read is
// returned with status kSkipped and a reason naming the input and the place,
// so that reports list it; nothing is dropped silently.
#ifndef CLAIMCHECK_CORPUS_READER_H_
#define CLAIMCHECK_CORPUS_READER_H_

#include <istream>
#include <optional>
#include <string>
#include <string_view>
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

/// Reads one source into documents (several for JSONL). `in` is used for "-".
std::vector<Document> ReadSource(const Source& source, std::istream& in);

/// Parses a whole text document that is already in memory (stdin, tests).
Document DocumentFromText(std::string id, std::string path, std::string text, Format format);

/// Finishes a document whose text and metadata are set: UTF-8 check, leading
/// `date YYYY-MM-DD`, sentences, line index, fingerprints, emptiness.
void Prepare(Document& doc);

/// ExpandInputs + ReadSource over `jobs` threads; order is the order of the
/// arguments, then of the directory walk, then of the records: it does not
/// depend on `jobs`. Duplicate ids after the first are skipped with a reason.
std::vector<Document> ReadInputs(const std::vector<std::string>& args, int jobs, std::istream& in);

}  // namespace claimcheck::corpus

#endif  // CLAIMCHECK_CORPUS_READER_H_
