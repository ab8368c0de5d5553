// JSON forms of the data model (DESIGN.md §3), both ways. Keys keep the
// order the design shows, so output is stable byte for byte.
#ifndef CLAIMCHECK_MODEL_JSON_IO_H_
#define CLAIMCHECK_MODEL_JSON_IO_H_

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "model/model.h"

namespace claimcheck::model {

using Json = nlohmann::ordered_json;

Json ToJson(const Quantity& q);
Json ToJson(const Time& t);
Json ToJson(const Value& v);
Json ToJson(const Claim& c);
Json ToJson(const Finding& f);
Json ToJson(const DocumentRecord& d);  ///< With "record":"document".
Json ToJson(const Summary& s);
Json ToJson(const Report& r);
Json ToJson(const MentionRecord& m);  ///< A line of `mentions`.  ///< The whole report, "schema":"claimcheck.report/1".

/// Reads what ToJson wrote. On failure returns false and sets *err.
bool FromJson(const Json& j, DocumentRecord* out, std::string* err);
bool FromJson(const Json& j, Claim* out, std::string* err);
bool FromJson(const Json& j, Finding* out, std::string* err);

/// One line of compact JSON; invalid UTF-8 in strings becomes U+FFFD.
std::string DumpLine(const Json& j);
/// Indented by two spaces, newline-terminated.
std::string DumpPretty(const Json& j);
/// DumpPretty(r) written a record at a time, byte for byte the same: the
/// report's JSON tree is never whole in memory (on a 10 MB input it takes
/// gigabytes), only one record's at a time.
void WritePretty(const Report& r, std::ostream& out);
/// `j` as DumpPretty lays out a value `depth` levels down a document (no
/// newline after it): its lines after the first start 2 × depth spaces
/// further in. For writers that stream an indented document a record at a time.
void WriteIndented(const Json& j, size_t depth, std::ostream& out);
/// WriteIndented(ToJson(c), depth, out) and DumpLine(ToJson(c)), byte for
/// byte, without building the JSON tree (a claim costs a tenth as much).
void WriteIndented(const Claim& c, size_t depth, std::ostream& out);
std::string ClaimLine(const Claim& c);

}  // namespace claimcheck::model

#endif  // CLAIMCHECK_MODEL_JSON_IO_H_
