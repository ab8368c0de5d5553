#include "store/store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdlib>
#include <map>

#include "model/json_io.h"
#include "reconcile/reconciler.h"

namespace claimcheck::store {

namespace {

// Schema 1. Claims keep their record as extract writes it, and beside it
// what a check looks them up by: the partition key of their group (every
// claim whose group may merge with another's has the same one) and, for
// dates, what finding borrowed years reads.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta VALUES('schema', 'claimcheck.store/1');
CREATE TABLE IF NOT EXISTS documents(
  doc TEXT PRIMARY KEY,
  published TEXT,            -- YYYY-MM-DD or NULL
  record TEXT NOT NULL);     -- the document record (JSON)
CREATE TABLE IF NOT EXISTS claims(
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  key TEXT NOT NULL,         -- reconcile::PartitionKey
  attribute TEXT NOT NULL,
  subject TEXT NOT NULL,
  timex TEXT, lo TEXT, hi TEXT,  -- a time value's, else NULL
  record TEXT NOT NULL);     -- the claim record (JSON)
CREATE INDEX IF NOT EXISTS claims_by_key ON claims(key);
CREATE INDEX IF NOT EXISTS claims_by_doc ON claims(doc);
CREATE INDEX IF NOT EXISTS date_claims ON claims(attribute) WHERE attribute = 'date';
PRAGMA user_version = 1;
)sql";

int BusyTimeoutMs() {
  const char* env = std::getenv("CLAIMCHECK_BUSY_TIMEOUT_MS");
  return env != nullptr ? std::atoi(env) : 10000;
}

// A prepared statement, finalized when it goes.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  void Bind(int i, const std::string& s) { sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT); }
  void BindOrNull(int i, const std::string& s) {
    if (s.empty()) {
      sqlite3_bind_null(stmt_, i);
    } else {
      Bind(i, s);
    }
  }
  /// SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return rc_ = sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int col) const {
    const unsigned char* s = sqlite3_column_text(stmt_, col);
    return s == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(s),
                                                      static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

}  // namespace

std::unique_ptr<Store> Store::Open(const std::string& path, Mode mode, std::string* err) {
  sqlite3* db = nullptr;
  const int flags = mode == Mode::kWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    *err = fmt::format("{}: cannot open the store: {}", path, db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, BusyTimeoutMs());
  std::unique_ptr<Store> store(new Store(db, path));
  if (!store->Prepare(mode, err)) return nullptr;
  return store;
}

Store::~Store() { sqlite3_close(db_); }

std::string Store::Error(const std::string& what) const {
  const int code = sqlite3_errcode(db_);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    return fmt::format("{}: the store is locked by another process (waited {} ms): {}", path_, BusyTimeoutMs(), what);
  }
  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
    return fmt::format("{}: not a claimcheck store, or a corrupt one ({}): {}", path_, sqlite3_errmsg(db_), what);
  }
  return fmt::format("{}: {}: {}", path_, what, sqlite3_errmsg(db_));
}

bool Store::Exec(const char* sql, std::string* err) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK) return true;
  *err = Error(fmt::format("{}", std::string_view(sql).substr(0, std::string_view(sql).find_first_of("(\n"))));
  return false;
}

// Checks the schema version; a new file (kWrite) gets the schema, in WAL mode.
bool Store::Prepare(Mode mode, std::string* err) {
  if (mode == Mode::kWrite && !Exec("PRAGMA journal_mode = WAL", err)) return false;
  auto version = [&](int64_t* v) {
    Statement s(db_, "PRAGMA user_version");
    if (!s.ok() || s.Step() != SQLITE_ROW) return *err = Error("reading the schema version"), false;
    *v = s.Int(0);
    return true;
  };
  int64_t v = 0;
  if (!version(&v)) return false;
  if (v == 0 && mode == Mode::kWrite) {
    // Two processes may create one store at once: the second finds it made.
    if (!Exec("BEGIN IMMEDIATE", err)) return false;
    Statement tables(db_, "SELECT count(*) FROM sqlite_master");
    const bool fresh = tables.ok() && tables.Step() == SQLITE_ROW && tables.Int(0) == 0;
    if (!version(&v) || (v == 0 && !fresh)) {
      Exec("ROLLBACK", err);
      if (v == 0 && !fresh) *err = fmt::format("{}: an SQLite file that is not a claimcheck store", path_);
      return false;
    }
    if (v == 0 && (!Exec(kSchema, err) || !version(&v))) {
      std::string ignored;
      Exec("ROLLBACK", &ignored);
      return false;
    }
    if (!Exec("COMMIT", err)) return false;
  }
  if (v <= 0) {
    *err = fmt::format("{}: not a claimcheck store (no schema; `claimcheck store add` makes one)", path_);
    return false;
  }
  if (v > kSchemaVersion) {
    *err = fmt::format("{}: store schema {} is newer than this claimcheck reads ({})", path_, v, kSchemaVersion);
    return false;
  }
  // A store is its three tables and their indexes. A file that says it is one
  // may hold a view or a trigger in their place (a view of claims over an
  // endless recursive query: `store info` never ends): refused, read never.
  Statement shape(db_,
                  "SELECT count(*) FILTER (WHERE type IN ('view', 'trigger')), "
                  "count(*) FILTER (WHERE type = 'table' AND name IN ('meta', 'documents', 'claims') "
                  "AND sql NOT LIKE 'CREATE VIRTUAL%') FROM sqlite_master");
  if (!shape.ok() || shape.Step() != SQLITE_ROW) return *err = Error("reading the schema"), false;
  if (shape.Int(0) > 0 || shape.Int(1) != 3) {
    *err = fmt::format("{}: not a claimcheck store (schema {} {}; a store has the tables meta, documents and claims)",
                       path_, v, shape.Int(0) > 0 ? "with views or triggers" : "without its tables");
    return false;
  }
  return true;
}

bool Store::Add(const model::Report& records, std::string* err) {
  if (!Exec("BEGIN IMMEDIATE", err)) return false;
  const auto fail = [&](const std::string& what) {
    *err = Error(what);
    std::string ignored;
    Exec("ROLLBACK", &ignored);
    return false;
  };
  {
    Statement drop(db_, "DELETE FROM claims WHERE doc = ?1");
    Statement doc(db_, "INSERT OR REPLACE INTO documents(doc, published, record) VALUES(?1, ?2, ?3)");
    Statement claim(db_,
                    "INSERT OR REPLACE INTO claims(id, doc, key, attribute, subject, timex, lo, hi, record) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!drop.ok() || !doc.ok() || !claim.ok()) return fail("preparing statements");
    for (const model::DocumentRecord& d : records.inputs) {
      drop.Bind(1, d.doc);
      if (drop.Step() != SQLITE_DONE) return fail(fmt::format("replacing {}", d.doc));
      drop.Reset();
      doc.Bind(1, d.doc);
      doc.BindOrNull(2, d.published);
      doc.Bind(3, model::DumpLine(model::ToJson(d)));
      if (doc.Step() != SQLITE_DONE) return fail(fmt::format("adding {}", d.doc));
      doc.Reset();
    }
    for (const model::Claim& c : records.claims) {
      const auto* t = std::get_if<model::Time>(&c.value);
      claim.Bind(1, c.id);
      claim.Bind(2, c.doc);
      claim.Bind(3, reconcile::PartitionKey(c));
      claim.Bind(4, c.attribute);
      claim.Bind(5, c.subject);
      claim.BindOrNull(6, t ? t->timex : "");
      claim.BindOrNull(7, t ? t->lo : "");
      claim.BindOrNull(8, t ? t->hi : "");
      claim.Bind(9, model::DumpLine(model::ToJson(c)));
      if (claim.Step() != SQLITE_DONE) return fail(fmt::format("adding {}", c.id));
      claim.Reset();
    }
  }
  if (!Exec("COMMIT", err)) return fail("committing");
  return true;
}

bool Store::Load(const std::set<std::string>& keys, const std::set<std::string>& except, const std::string& since,
                 Loaded* out, std::string* err) {
  // A read transaction: one snapshot, whatever writers do meanwhile.
  if (!Exec("BEGIN", err)) return false;
  const auto fail = [&](const std::string& what) {
    *err = Error(what);
    std::string ignored;
    Exec("ROLLBACK", &ignored);
    return false;
  };
  std::map<std::string, bool> docs;  // doc → its record is wanted
  {
    Statement s(db_,
                "SELECT c.doc, c.record FROM claims c JOIN documents d ON d.doc = c.doc "
                "WHERE c.key = ?1 AND (?2 IS NULL OR d.published >= ?2)");
    if (!s.ok()) return fail("reading claims");
    for (const std::string& key : keys) {
      s.Bind(1, key);
      s.BindOrNull(2, since);
      int rc;
      while ((rc = s.Step()) == SQLITE_ROW) {
        std::string doc = s.Text(0);
        if (except.count(doc)) continue;
        model::Claim c;
        std::string why;
        if (!model::FromJson(model::Json::parse(s.Text(1), nullptr, false), &c, &why)) {
          return fail(fmt::format("a stored claim of {} cannot be read ({})", doc, why));
        }
        out->claims.push_back(std::move(c));
        docs[doc] = true;
      }
      if (rc != SQLITE_DONE) return fail("reading claims");
      s.Reset();
    }
  }
  {
    Statement s(db_,
                "SELECT c.id, c.doc, c.subject, c.timex, c.lo, c.hi FROM claims c JOIN documents d ON d.doc = c.doc "
                "WHERE c.attribute = 'date' AND c.timex IS NOT NULL AND (?1 IS NULL OR d.published >= ?1)");
    if (!s.ok()) return fail("reading dates");
    s.BindOrNull(1, since);
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      model::Claim c;
      c.id = s.Text(0);
      c.doc = s.Text(1);
      if (except.count(c.doc)) continue;
      c.subject = s.Text(2);
      c.attribute = "date";
      c.value = model::Time{s.Text(3), s.Text(4), s.Text(5), ""};
      out->dates.push_back(std::move(c));
    }
    if (rc != SQLITE_DONE) return fail("reading dates");
  }
  {
    Statement s(db_, "SELECT record FROM documents WHERE doc = ?1");
    if (!s.ok()) return fail("reading documents");
    for (const auto& [doc, wanted] : docs) {
      s.Bind(1, doc);
      if (s.Step() == SQLITE_ROW) {
        model::DocumentRecord d;
        std::string why;
        if (!model::FromJson(model::Json::parse(s.Text(0), nullptr, false), &d, &why)) {
          return fail(fmt::format("the stored document {} cannot be read ({})", doc, why));
        }
        out->documents.push_back(std::move(d));
      }
      s.Reset();
    }
  }
  return Exec("COMMIT", err);
}

bool Store::Count(size_t* documents, size_t* claims, std::string* err) {
  Statement d(db_, "SELECT count(*) FROM documents"), c(db_, "SELECT count(*) FROM claims");
  if (!d.ok() || !c.ok() || d.Step() != SQLITE_ROW || c.Step() != SQLITE_ROW) {
    *err = Error("counting");
    return false;
  }
  *documents = static_cast<size_t>(d.Int(0));
  *claims = static_cast<size_t>(c.Int(0));
  return true;
}

}  // namespace claimcheck::store
