// Byte offset → 1-based line and column (columns in Unicode code points), for
// every report that points into a document.
#ifndef CLAIMCHECK_CORPUS_LINE_INDEX_H_
#define CLAIMCHECK_CORPUS_LINE_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace claimcheck::corpus {

struct Position {
  size_t line = 1;
  size_t column = 1;
};

/// Built once per document in one pass. A lookup costs a binary search plus a
/// scan of at most its column's bytes or two partial blocks (2 x kBlock bytes),
/// whichever is fewer, so a 50 MB single-line document stays cheap and a short
/// line costs its own length.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  /// `text` must be the text the index was built from. Offsets past the end
  /// clamp to the end.
  Position At(std::string_view text, size_t offset) const;
  size_t line_count() const { return line_starts_.size(); }

 private:
  static constexpr size_t kBlock = 4096;
  size_t CodePointsBefore(std::string_view text, size_t offset) const;

  std::vector<size_t> line_starts_;
  std::vector<uint64_t> block_code_points_;  // code points before each kBlock boundary
};

}  // namespace claimcheck::corpus

#endif  // CLAIMCHECK_CORPUS_LINE_INDEX_H_
