// Sentence splitting that survives news text.
#ifndef CLAIMCHECK_CORPUS_SENTENCES_H_
#define CLAIMCHECK_CORPUS_SENTENCES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace claimcheck::corpus {

/// A half-open byte range [start, end) into a document's text.
struct Span {
  size_t start = 0;
  size_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

/// Splits text[begin, text.size()) into sentences, in order, each trimmed of
/// surrounding whitespace and never empty; spans are offsets into `text`.
/// Breaks only between words: at sentence-final punctuation (. ? ! ... and
/// U+2026, with closing quotes and brackets kept in the sentence) unless lower case
/// follows, at blank lines, and at line breaks (news corpora put one sentence
/// or one headline per line) except soft wraps: a line that ends without
/// terminal punctuation followed by one that begins in lower case, or a line
/// ending in a comma or semicolon, continues the sentence. Never breaks after
/// titles (Dr., Gen., vs.) or inside numbers (2.5, 5,200); after other
/// abbreviations (U.S., Inc., Jan.) and initials (J. R. R. Tolkien) only
/// before a word that typically opens a sentence ("in the U.S. The next
/// day"), not before a name or a number ("U.S. President", "Jan. 3").
/// Linear in the text's length; any bytes are accepted.
std::vector<Span> SplitSentences(std::string_view text, size_t begin = 0);

}  // namespace claimcheck::corpus

#endif  // CLAIMCHECK_CORPUS_SENTENCES_H_
