// The corpus reader on one input: its first byte picks the format (0 text,
// 1 Markdown with front matter, 2 JSONL, 3 JSON), the rest is the file.
// Invariants: every document is read or skipped with a reason; sentences and
// positions lie inside the text; a JSONL file read whole and record by record
// (the streaming reader, from a file) gives the same documents.
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "corpus/reader.h"
#include "fuzz.h"

namespace claimcheck::fuzz {
namespace {

void CheckDocument(const corpus::Document& d) {
  if (!d.ok()) {
    Require(!d.reason.empty(), "a skipped document has no reason");
    return;
  }
  Require(!d.id.empty(), "a document has no id");
  Require(d.body_start <= d.text.size(), "body_start past the text");
  size_t last = 0;
  for (const corpus::Span& s : d.sentences) {
    Require(s.start <= s.end && s.end <= d.text.size(), "a sentence outside the text");
    Require(s.start >= last, "sentences out of order");
    last = s.end;
    const corpus::Position p = d.PositionOf(s.start);
    Require(p.line >= 1 && p.column >= 1, "a position before line 1, column 1");
  }
}

// The streaming reader reads JSONL from a file: this process's own one.
std::string TempPath() {
  static const std::string path =
      "/tmp/claimcheck-fuzz-corpus-" + std::to_string(getpid()) + ".jsonl";
  return path;
}

}  // namespace
}  // namespace claimcheck::fuzz

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck;
  using namespace claimcheck::fuzz;
  if (size == 0) return 0;
  static constexpr corpus::Format kFormats[] = {corpus::Format::kText, corpus::Format::kMarkdown,
                                                corpus::Format::kJsonl, corpus::Format::kJson};
  const corpus::Format format = kFormats[data[0] % 4];
  const std::string bytes(Bytes(data + 1, size - 1));

  corpus::Source source{"input", "input", format, ""};
  std::istringstream unused;
  // ReadSource reads "-" from the stream: the same code as a file, but in memory.
  source.path = "-";
  std::istringstream in(bytes);
  const std::vector<corpus::Document> docs = corpus::ReadSource(source, in);
  Require(!docs.empty(), "an input gave no document, not even a skipped one");
  for (const corpus::Document& d : docs) CheckDocument(d);

  if (format == corpus::Format::kJsonl && bytes.find('{') != std::string::npos) {
    const std::string path = TempPath();
    std::ofstream(path, std::ios::binary) << bytes;
    corpus::InputReader reader({path}, unused);
    std::vector<corpus::Document> streamed;
    while (reader.Next(1 << 16, &streamed)) {
    }
    std::remove(path.c_str());
    // Stdin that starts with '{' is JSONL too; other stdin is one text.
    if (bytes.find_first_not_of(" \t\r\n\f\v") == bytes.find('{')) {
      Require(streamed.size() == docs.size(), "JSONL read whole and streamed differ in count");
      for (size_t i = 0; i < docs.size(); ++i) {
        CheckDocument(streamed[i]);
        // The streaming reader also skips an id met before; ReadSource does not.
        if (streamed[i].reason.find("duplicate document id") != std::string::npos) continue;
        Require(streamed[i].ok() == docs[i].ok(), "JSONL read whole and streamed differ");
        Require(streamed[i].text == docs[i].text, "JSONL read whole and streamed differ in text");
      }
    }
  }
  return 0;
}
