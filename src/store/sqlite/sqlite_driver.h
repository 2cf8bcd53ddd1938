#pragma once
// The SQLite driver: SqlConnection over one sqlite3 handle. The only file
// pair in Candor that includes sqlite3.h (in the .cc).
// Thread-safety: one thread at a time per connection (opened NOMUTEX).

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/migration.h"
#include "store/sql_driver.h"

namespace candor::store::sqlite {

// Opens (creating if missing) the database at `path`, or a private in-memory
// database for ":memory:", and sets the pragmas: WAL journal,
// synchronous=NORMAL, foreign_keys=ON, a busy timeout, a larger page cache.
// URI filenames are off: "file:x" is a file named "file:x". The parent
// directory must exist. A file that is not an SQLite database fails here
// (kStore, with the path as location).
core::Result<std::unique_ptr<SqlConnection>> OpenConnection(const std::string& path);

// SQLite's numbered schema migrations, ascending (sqlite/migrations.cc).
std::span<const Migration> Migrations();

}  // namespace candor::store::sqlite
