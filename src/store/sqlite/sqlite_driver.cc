#include "store/sqlite/sqlite_driver.h"

#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "core/text.h"

namespace candor::store::sqlite {
namespace {

using core::ErrorCode;
using core::Fail;

// Settings for speed and safety. WAL lets readers run beside the writer;
// synchronous=NORMAL in WAL mode never corrupts, at worst loses the last
// commits on power loss; the busy timeout makes a second writer wait.
constexpr std::string_view kPragmas =
    "PRAGMA page_size=16384;"
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA busy_timeout=10000;"
    "PRAGMA cache_size=-16384;"  // KiB: 16 MiB of page cache
    "PRAGMA temp_store=MEMORY;";

std::string Describe(sqlite3* db, int rc) {
  std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if ((rc & 0xff) == SQLITE_BUSY) message += " (another Candor process is writing; try again)";
  return message;
}

class SqliteStatement final : public SqlStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement, const std::string& location)
      : db_(db), statement_(statement), location_(location) {}
  ~SqliteStatement() override { sqlite3_finalize(statement_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  using SqlStatement::BindText;
  void BindInt64(int index, int64_t value) override { Check(sqlite3_bind_int64(statement_, index, value)); }
  void BindDouble(int index, double value) override { Check(sqlite3_bind_double(statement_, index, value)); }
  void BindText(int index, std::string_view value) override {
    // SQLITE_STATIC: the caller keeps the text alive until Reset (see sql_driver.h).
    // A null data pointer would bind NULL, so empty text binds "".
    const char* data = value.data() != nullptr ? value.data() : "";
    Check(sqlite3_bind_text64(statement_, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8));
  }
  void BindNull(int index) override { Check(sqlite3_bind_null(statement_, index)); }

  core::Result<bool> Step() override {
    if (bind_error_ != SQLITE_OK) {
      return Fail(ErrorCode::kStore,
                  "binding a parameter failed: " + std::string(sqlite3_errstr(bind_error_)), location_);
    }
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Fail(ErrorCode::kStore, Describe(db_, rc), location_);
  }

  core::Result<std::optional<int64_t>> StepInsert() override {
    auto row = Step();
    if (!row) return std::unexpected(std::move(row.error()));
    if (*row) return Fail(ErrorCode::kInternal, "StepInsert: the statement returned rows", location_);
    if (sqlite3_changes64(db_) == 0) return std::nullopt;
    return sqlite3_last_insert_rowid(db_);
  }

  core::Result<int64_t> StepChanges() override {
    auto row = Step();
    if (!row) return std::unexpected(std::move(row.error()));
    if (*row) return Fail(ErrorCode::kInternal, "StepChanges: the statement returned rows", location_);
    return sqlite3_changes64(db_);
  }

  bool ColumnIsNull(int column) override { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  int64_t ColumnInt64(int column) override { return sqlite3_column_int64(statement_, column); }
  double ColumnDouble(int column) override { return sqlite3_column_double(statement_, column); }
  std::string_view ColumnText(int column) override {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<size_t>(sqlite3_column_bytes(statement_, column))};
  }

  void Reset() override {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    bind_error_ = SQLITE_OK;
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  }

  sqlite3* db_;
  sqlite3_stmt* statement_;
  const std::string& location_;
  int bind_error_ = SQLITE_OK;
};

class SqliteConnection final : public SqlConnection {
 public:
  SqliteConnection(sqlite3* db, std::string location) : db_(db), location_(std::move(location)) {}
  ~SqliteConnection() override {
    statements_.clear();  // finalize every statement before closing
    sqlite3_close(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  std::string_view BackendName() const override { return "sqlite"; }
  const std::string& Location() const override { return location_; }

  core::Result<SqlStatement*> Prepare(std::string_view sql) override {
    auto it = statements_.find(sql);
    if (it != statements_.end()) {
      it->second->Reset();
      return it->second.get();
    }
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &raw, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(raw);
      return Fail(ErrorCode::kStore, Describe(db_, rc), location_);
    }
    auto statement = std::make_unique<SqliteStatement>(db_, raw, location_);
    SqlStatement* result = statement.get();
    statements_.emplace(std::string(sql), std::move(statement));
    return result;
  }

  core::Status Exec(std::string_view sql) override {
    std::string text(sql);  // sqlite3_exec wants a terminated string
    char* message = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return {};
    std::string what = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    if ((rc & 0xff) == SQLITE_BUSY) what += " (another Candor process is writing; try again)";
    return Fail(ErrorCode::kStore, what, location_);
  }

  core::Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  core::Status Commit() override { return Exec("COMMIT"); }
  core::Status Rollback() override {
    if (sqlite3_get_autocommit(db_) != 0) return {};  // SQLite already rolled back (e.g. after SQLITE_FULL)
    return Exec("ROLLBACK");
  }

 private:
  sqlite3* db_;
  std::string location_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, core::StringHash, std::equal_to<>>
      statements_;
};

}  // namespace

core::Result<std::unique_ptr<SqlConnection>> OpenConnection(const std::string& path) {
  // Process-wide and only possible before SQLite initialises: no memory
  // statistics, so allocations skip a global mutex. Later calls are no-ops.
  static const bool configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
  (void)configured;
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database: " + Describe(db, rc);
    sqlite3_close(db);
    return Fail(ErrorCode::kStore, message, path);
  }
  sqlite3_extended_result_codes(db, 1);
  auto connection = std::make_unique<SqliteConnection>(db, path);
  // The first statement that reads the file also finds out whether it is a database.
  if (auto status = connection->Exec(kPragmas); !status) {
    return std::unexpected(std::move(status.error()));
  }
  return connection;
}

}  // namespace candor::store::sqlite
