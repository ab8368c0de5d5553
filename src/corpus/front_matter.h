// Front matter of a Markdown draft, as static-site generators write it:
//
//   ---                         +++
//   title: "Crowds"             title = "Crowds"
//   published: 2013-03-12       published = 2013-03-12
//   summary: >                  source = "example.org"
//     folded text               +++
//   ---
//
// YAML between `---` lines is read with yaml-cpp, TOML between `+++` lines
// with toml++; a UTF-8 byte order mark may stand before the opening fence.
// The bytes stay in the document's text (offsets point into the file as it
// is); `body_start` is the first byte after the closing fence's line.
//
//   FrontMatter fm = ParseFrontMatter(text);
//   if (fm.kind == FrontMatter::Kind::kNone) …        // no front matter
//   else if (!fm.error.empty()) …                     // at fm.line:fm.column
//   else for (auto& [key, value] : fm.fields) …       // lower-cased keys
#ifndef CLAIMCHECK_CORPUS_FRONT_MATTER_H_
#define CLAIMCHECK_CORPUS_FRONT_MATTER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace claimcheck::corpus {

struct FrontMatter {
  enum class Kind { kNone, kYaml, kToml };
  Kind kind = Kind::kNone;
  /// An opening fence without a closing one (kind says which fence): no
  /// front matter, the text reads as prose from its first byte.
  bool unclosed = false;
  size_t body_start = 0;
  /// Scalar values by lower-cased key, in the file's order; a key whose value
  /// is a list or a table is in `not_scalar` instead.
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::string> not_scalar;
  /// Malformed front matter: what is wrong and where (1-based, in the file).
  std::string error;
  size_t line = 0;
  size_t column = 0;
};

/// Never throws; any text gives a result.
FrontMatter ParseFrontMatter(std::string_view text);

/// Whether `text` opens with a front matter fence (after an optional BOM):
/// stdin has no extension, so this says it is Markdown with front matter.
bool OpensWithFrontMatter(std::string_view text);

}  // namespace claimcheck::corpus

#endif  // CLAIMCHECK_CORPUS_FRONT_MATTER_H_
