// Sources: which documents of a group count as one (DESIGN.md §4): those of
// one outlet, and copies of one story (the same sentence in two documents).
#ifndef CLAIMCHECK_RECONCILE_SOURCES_H_
#define CLAIMCHECK_RECONCILE_SOURCES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reconcile/item.h"

namespace claimcheck::reconcile {

/// A document as findings name it, looked up once per document.
struct DocInfo {
  std::string name;    ///< Its id.
  std::string source;  ///< Its outlet, "" when unknown.
  std::string label;   ///< Its outlet, else the last part of its id.
  std::vector<std::string> names;  ///< The names its story is told with (DocumentRecord::names).
  std::optional<int64_t> published;  ///< Its date in days (CivilDate::ToDays), when known.
};

/// The number of independent sources among the documents of `group` (in
/// claim order; Item::doc indexes `docs`). Appends a note for each joining of
/// two documents, in the order a pass over all pairs (i < j) would make it:
/// a pair joins when its claims' documents share an outlet or their
/// sentences are the same once only letters and digits are kept, lower case.
/// Classes are found by hashing each sentence once; only the first claim of
/// each class (outlet, sentence) can join anything, so each claim is looked
/// at once per class: O(g) after the hashing.
size_t IndependentSources(const std::vector<const Item*>& group, const std::vector<DocInfo>& docs,
                          std::vector<std::string>* notes);

}  // namespace claimcheck::reconcile

#endif  // CLAIMCHECK_RECONCILE_SOURCES_H_
