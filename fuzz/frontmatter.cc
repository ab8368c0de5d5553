// Front matter (YAML between "---" lines, TOML between "+++" lines, a BOM
// allowed before) as a Markdown draft and as stdin give it. Invariants: the
// parser never throws; an error names a line and column inside the text; the
// body starts inside the text after the fences; a draft read from a file and
// from stdin gives the same metadata and body, or the same skip.
#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "corpus/front_matter.h"
#include "corpus/reader.h"
#include "fuzz.h"

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck;
  using namespace claimcheck::fuzz;
  const std::string text(Bytes(data, size));
  const corpus::FrontMatter fm = corpus::ParseFrontMatter(text);
  const size_t lines = 1 + static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  if (fm.kind == corpus::FrontMatter::Kind::kNone) {
    Require(fm.error.empty() && fm.fields.empty() && fm.body_start == 0, "no front matter, yet a result");
  } else if (!fm.unclosed && !fm.error.empty()) {
    Require(fm.line >= 1 && fm.line <= lines && fm.column >= 1, "an error outside the text");
  } else if (!fm.unclosed) {
    Require(fm.body_start > 0 && fm.body_start <= text.size(), "the body starts outside the text");
  }
  for (const auto& [key, value] : fm.fields) {
    Require(std::none_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; }),
            "a key not lower-cased");
  }

  const corpus::Document file = corpus::DocumentFromText("d", "d.md", text, corpus::Format::kMarkdown);
  if (!file.ok()) Require(!file.reason.empty(), "a skipped draft has no reason");
  if (!corpus::OpensWithFrontMatter(text) || text.find('\0') != std::string::npos) return 0;
  std::istringstream in(text);
  const std::vector<corpus::Document> piped = corpus::ReadSource({"-", "stdin", corpus::Format::kText, ""}, in);
  if (piped.size() != 1) return 0;  // stdin read as JSONL ("{" first): another format
  const corpus::Document& s = piped[0];
  Require(s.ok() == file.ok(), "file and stdin differ on skipping the draft");
  if (!s.ok()) return 0;
  Require(s.title == file.title && s.source == file.source && s.url == file.url &&
              s.published == file.published && s.body_start == file.body_start,
          "file and stdin give different front matter");
  return 0;
}
