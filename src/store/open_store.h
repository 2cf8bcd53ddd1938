#pragma once
// Store URLs and the table of backends behind them. OpenStore (store.h) is
// what callers use; this lower level is for the store's own tests, which
// need a raw connection to the database a URL names.

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/migration.h"
#include "store/sql_driver.h"

namespace candor::store {

// A URL taken apart: which backend, and what that backend opens.
struct StoreLocation {
  std::string_view backend;  // "sqlite"
  std::string target;        // SQLite: a file path or ":memory:"
};

// "sqlite:PATH", "sqlite::memory:", a plain PATH; kUnsupported for
// PostgreSQL URLs until that backend lands; kUsage for anything else.
core::Result<StoreLocation> ParseStoreUrl(std::string_view url);

// Opens a driver connection to the database `url` names, creating the parent
// directories of a file path; no migrations are run.
core::Result<std::unique_ptr<SqlConnection>> OpenConnection(std::string_view url);

// The migrations of the backend `url` names.
core::Result<std::span<const Migration>> MigrationsFor(std::string_view url);

}  // namespace candor::store
