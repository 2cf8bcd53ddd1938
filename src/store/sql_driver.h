#pragma once
// The small SQL driver interface the store is written against, after
// PowerDNS's: one driver per database (sqlite/ today, postgres/ later), the
// store's logic written once above them. Shared SQL writes placeholders as `?`
// (numbered from 1 in order of appearance); a driver whose database wants
// another spelling (libpq's $1, $2, ...) rewrites them in Prepare.
// Shared SQL sticks to what SQLite and PostgreSQL both accept: ON CONFLICT
// ... DO UPDATE/NOTHING, RETURNING, CASE, LIMIT; identifiers that are
// keywords ("commit") are double-quoted.
//
// Thread-safety: a connection and its statements are used from one thread at
// a time, like the Store that owns them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace candor::store {

// Passes a failed result's error on: `if (!x) return Forward(x);` in every
// store file written over this interface.
template <class T>
std::unexpected<core::Error> Forward(core::Result<T>& result) {
  return std::unexpected(std::move(result.error()));
}

// One prepared statement, owned by its connection and reused.
class SqlStatement {
 public:
  virtual ~SqlStatement() = default;

  // Binds parameter `index` (1-based). A bind that fails (index out of range,
  // value too big) is reported by the next Step, so a run of binds needs no
  // checks in between. Text is not copied: it must stay valid until the
  // statement is Reset, which is what makes binding cheap.
  virtual void BindInt64(int index, int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  void BindText(int index, std::string&& value) = delete;  // would dangle: bind a named string
  void BindText(int index, const char* value) { BindText(index, std::string_view(value)); }  // literals
  virtual void BindNull(int index) = 0;

  // Runs the statement to its next row: true when a row can be read, false
  // when the statement is done. Errors (constraint, locked, I/O) are kStore.
  virtual core::Result<bool> Step() = 0;

  // Runs an INSERT into a table whose key is an integer `id` column and
  // returns the id of the row it inserted, or nullopt when it inserted none
  // (ON CONFLICT ... DO NOTHING). Cheaper than RETURNING where the database
  // knows its last insert id (SQLite: RETURNING costs ~5 us a row); a driver
  // without one prepares the statement with " RETURNING id" appended.
  virtual core::Result<std::optional<int64_t>> StepInsert() = 0;
  // Runs a statement that returns no rows (UPDATE, DELETE); how many rows it changed.
  virtual core::Result<int64_t> StepChanges() = 0;

  // Columns of the current row, 0-based. A NULL reads as 0 or "".
  // ColumnText's view is valid until the next Step or Reset.
  virtual bool ColumnIsNull(int column) = 0;
  virtual int64_t ColumnInt64(int column) = 0;
  virtual double ColumnDouble(int column) = 0;
  virtual std::string_view ColumnText(int column) = 0;

  // Makes the statement ready to run again: ends the current run and clears
  // every binding. Never fails.
  virtual void Reset() = 0;
};

// One open database connection.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  // "sqlite", "postgresql": for messages and backend-specific choices.
  virtual std::string_view BackendName() const = 0;
  // Where the database is ("path/to/candor.db"), for error locations.
  virtual const std::string& Location() const = 0;

  // The prepared statement for `sql`, prepared on first use and cached by its
  // text afterwards; it comes back reset with no bindings. The pointer stays
  // valid as long as the connection. Do not hold it across a second Prepare
  // of the same text (both would be the same statement).
  virtual core::Result<SqlStatement*> Prepare(std::string_view sql) = 0;

  // Runs one or more `;`-separated statements without parameters or results:
  // schema changes, settings.
  virtual core::Status Exec(std::string_view sql) = 0;

  // Transactions. Begin takes the write lock up front where the database has
  // one (SQLite: BEGIN IMMEDIATE), so two writers wait instead of deadlocking.
  virtual core::Status Begin() = 0;
  virtual core::Status Commit() = 0;
  virtual core::Status Rollback() = 0;
};

// A cached statement borrowed for one use: resets it (releasing its read
// snapshot and bindings) when it goes out of scope.
class ScopedStatement {
 public:
  explicit ScopedStatement(SqlStatement* statement) : statement_(statement) {}
  ScopedStatement(ScopedStatement&& other) noexcept : statement_(std::exchange(other.statement_, nullptr)) {}
  ScopedStatement& operator=(ScopedStatement&&) = delete;
  ~ScopedStatement() {
    if (statement_ != nullptr) statement_->Reset();
  }
  SqlStatement* operator->() const { return statement_; }
  SqlStatement& operator*() const { return *statement_; }

 private:
  SqlStatement* statement_;
};

// Prepare, wrapped so the statement resets itself after use.
inline core::Result<ScopedStatement> PrepareScoped(SqlConnection& connection, std::string_view sql) {
  auto statement = connection.Prepare(sql);
  if (!statement) return std::unexpected(std::move(statement.error()));
  return ScopedStatement(*statement);
}

}  // namespace candor::store
