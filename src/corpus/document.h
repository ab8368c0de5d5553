// A document as the corpus layer hands it on: text as read, metadata, and the
// positions every later layer points into.
#ifndef CLAIMCHECK_CORPUS_DOCUMENT_H_
#define CLAIMCHECK_CORPUS_DOCUMENT_H_

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "corpus/line_index.h"
#include "corpus/sentences.h"
#include "util/date.h"

namespace claimcheck::corpus {

enum class Status { kOk, kSkipped };

struct Document {
  std::string id;    ///< DESIGN.md §3: path from the argument, no extension, no "./".
  std::string path;  ///< The file it came from ("-" for stdin).
  std::string origin;  ///< Where messages point: the path, or "path:line" for a record.
  std::string source;
  std::string url;
  std::string title;
  std::optional<CivilDate> published;
  std::string published_basis;  ///< "metadata", "dateline", "inferred", … or "".

  std::string text;       ///< Bytes as read; every offset points here.
  size_t body_start = 0;  ///< First byte of prose: after front matter or a leading `date …`.
  std::vector<Span> sentences;
  LineIndex lines;

  Status status = Status::kOk;
  std::string reason;  ///< Why it was skipped, prefixed with the origin.
  std::vector<std::string> warnings;  ///< Each prefixed with the origin.
  std::vector<std::string> fingerprints;
  /// The names its story is told with (extract::StoryNames), set by the
  /// extractor for a document with claims; empty otherwise.
  std::vector<std::string> names;

  bool ok() const { return status == Status::kOk; }
  void Skip(std::string_view why);
  void Warn(std::string_view what);
  Position PositionOf(size_t offset) const { return lines.At(text, offset); }
};

}  // namespace claimcheck::corpus

#endif  // CLAIMCHECK_CORPUS_DOCUMENT_H_
