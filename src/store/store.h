// A claim store (SQLite): document records and claims kept across runs, so
// today's articles are checked against past weeks without reading them again.
//
//   std::string err;
//   auto store = store::Store::Open("claims.db", store::Mode::kWrite, &err);
//   if (!store || !store->Add(records, &err)) { … err names the file … }
//
// One file, schema versioned (PRAGMA user_version; table meta), WAL mode:
// readers never wait for a writer, and writers take turns (each Add is one
// transaction, BEGIN IMMEDIATE, waiting up to the busy timeout for another).
// Re-adding a document replaces it and its claims. Errors are values: a
// locked or corrupt file, or one of a newer schema, is a message naming it.
#ifndef CLAIMCHECK_STORE_STORE_H_
#define CLAIMCHECK_STORE_STORE_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/model.h"

struct sqlite3;

namespace claimcheck::store {

inline constexpr int kSchemaVersion = 1;

enum class Mode { kRead, kWrite };

/// What a check against the store reads back (Store::Load).
struct Loaded {
  std::vector<model::DocumentRecord> documents;  ///< of the claims below
  std::vector<model::Claim> claims;              ///< claims of the asked partition keys
  /// Every stored date claim, with what finding borrowed years reads of it
  /// (id, doc, subject, attribute, value); the years of a batch cross groups.
  std::vector<model::Claim> dates;
};

class Store {
 public:
  /// Opens (kWrite: creates) the store at `path`. kRead fails on a file that
  /// is not a store. The busy timeout is CLAIMCHECK_BUSY_TIMEOUT_MS, else 10 s.
  static std::unique_ptr<Store> Open(const std::string& path, Mode mode, std::string* err);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Adds documents and their claims in one transaction; a document already
  /// stored is replaced with its claims. Claims name their document by `doc`.
  bool Add(const model::Report& records, std::string* err);

  /// The stored claims whose reconcile::PartitionKey is in `keys` and their
  /// documents, and every stored date claim; none of the documents in
  /// `except` (they are being checked anew); with `since` (YYYY-MM-DD), only
  /// documents published on or after it.
  bool Load(const std::set<std::string>& keys, const std::set<std::string>& except, const std::string& since,
            Loaded* out, std::string* err);

  /// How many documents and claims the store holds.
  bool Count(size_t* documents, size_t* claims, std::string* err);

 private:
  Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  bool Exec(const char* sql, std::string* err);
  bool Prepare(Mode mode, std::string* err);
  std::string Error(const std::string& what) const;

  sqlite3* db_;
  std::string path_;
};

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_STORE_STORE_H_
