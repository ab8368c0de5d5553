// What a rule's match hands to a normalizer.
#ifndef CLAIMCHECK_NORMALIZE_GROUPS_H_
#define CLAIMCHECK_NORMALIZE_GROUPS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "util/date.h"

namespace claimcheck::normalize {

/// Named groups that took part in the match (name → matched text); groups
/// that did not participate are absent.
using Groups = std::map<std::string, std::string, std::less<>>;

/// A rule's static `fields` (e.g. unit = "day", offset = "-1").
using Fields = std::map<std::string, std::string>;

/// Where the match stands.
struct MatchContext {
  std::optional<CivilDate> reference;  ///< Document date, if any.
  std::string_view sentence;           ///< The sentence the match is in.
  size_t start = 0;                    ///< Match start within `sentence`.
  size_t end = 0;                      ///< Match end within `sentence`.
};

}  // namespace claimcheck::normalize

#endif  // CLAIMCHECK_NORMALIZE_GROUPS_H_
