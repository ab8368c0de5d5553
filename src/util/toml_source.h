// A TOML file being read (a ledger, a config file): its errors name
// file:line:col, quote the line and put a caret under the column.
#ifndef CLAIMCHECK_UTIL_TOML_SOURCE_H_
#define CLAIMCHECK_UTIL_TOML_SOURCE_H_

#include <toml++/toml.h>

#include <string>
#include <string_view>

#include "util/source_error.h"

namespace claimcheck {

struct TomlSource {
  std::string path;
  std::string content;

  /// Sets *err to `message` at `where` (SourceError) and returns false.
  bool Fail(const toml::source_region& where, std::string_view message, std::string* err) const {
    *err = SourceError(path, content, static_cast<int>(where.begin.line),
                       static_cast<int>(where.begin.column), message);
    return false;
  }
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_UTIL_TOML_SOURCE_H_
