#include "corpus/line_index.h"

#include <algorithm>

#include "corpus/utf8.h"

namespace claimcheck::corpus {

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  uint64_t code_points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) block_code_points_.push_back(code_points);
    const auto c = static_cast<unsigned char>(text[i]);
    code_points += (c & 0xC0) != 0x80;
    if (c == '\n') line_starts_.push_back(i + 1);
  }
}

size_t LineIndex::CodePointsBefore(std::string_view text, size_t offset) const {
  const size_t block = offset / kBlock;
  if (block >= block_code_points_.size()) return CountCodePoints(text.substr(0, offset));
  const size_t from = block * kBlock;
  return block_code_points_[block] + CountCodePoints(text.substr(from, offset - from));
}

Position LineIndex::At(std::string_view text, size_t offset) const {
  offset = std::min(offset, text.size());
  if (line_starts_.empty()) return {};
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line = static_cast<size_t>(it - line_starts_.begin());
  const size_t start = line_starts_[line - 1];
  // Within a block's length of its line's start, the column is the line's own
  // code points: a document of short lines (a claim every few bytes) pays for
  // each column by its length, not by two partial blocks (on average 4 KB).
  if (offset - start <= kBlock) return {line, CountCodePoints(text.substr(start, offset - start)) + 1};
  return {line, CodePointsBefore(text, offset) - CodePointsBefore(text, start) + 1};
}

}  // namespace claimcheck::corpus
