#pragma once
// Numbered schema migrations, one list per backend, applied by one shared
// runner. A database records what it has in schema_version(version, name,
// applied_at); opening it applies the missing migrations in one transaction,
// and refuses a database that a newer Candor has migrated further.

#include <span>
#include <string_view>

#include "core/error.h"
#include "store/sql_driver.h"

namespace candor::store {

struct Migration {
  int version;            // 1, 2, 3, ...: ascending, no gaps
  std::string_view name;  // "001_init"
  std::string_view sql;   // one or more statements
};

// Brings the database up to the last of `migrations`, all or nothing.
// Errors: kUnsupported when the database's version is newer than the last
// migration known here; kStore when the database fails.
core::Status Migrate(SqlConnection& connection, std::span<const Migration> migrations);

}  // namespace candor::store
