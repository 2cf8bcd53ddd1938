#include "store/open_store.h"

#include <filesystem>
#include <system_error>

#include "store/sql_store.h"
#include "store/sqlite/sqlite_driver.h"
#include "store/store.h"

namespace candor::store {
namespace {

using core::ErrorCode;
using core::Fail;

// One row per backend; PostgreSQL adds a row here when it lands.
struct Backend {
  std::string_view name;
  core::Result<std::unique_ptr<SqlConnection>> (*open)(const std::string& target);
  std::span<const Migration> (*migrations)();
};

core::Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& target) {
  if (target != ":memory:") {
    std::filesystem::path parent = std::filesystem::path(target).parent_path();
    std::error_code error;
    if (!parent.empty()) std::filesystem::create_directories(parent, error);
    if (error) {
      return Fail(ErrorCode::kIo, "cannot create directory " + parent.string() + ": " + error.message(),
                  target);
    }
  }
  // Debian's SQLite reads "file:..." names as URIs whatever the open flags
  // say (SQLITE_USE_URI); "./file:..." is always a plain file name.
  if (target.starts_with("file:")) return sqlite::OpenConnection("./" + target);
  return sqlite::OpenConnection(target);
}

constexpr Backend kBackends[] = {
    {"sqlite", &OpenSqlite, &sqlite::Migrations},
};

const Backend& BackendNamed(std::string_view name) {
  for (const Backend& backend : kBackends) {
    if (backend.name == name) return backend;
  }
  return kBackends[0];  // ParseStoreUrl only names backends of the table
}

}  // namespace

core::Result<StoreLocation> ParseStoreUrl(std::string_view url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return Fail(ErrorCode::kUnsupported, "PostgreSQL backend not built yet", std::string(url));
  }
  std::string_view target = url;
  if (url.starts_with("sqlite:")) {
    target = url.substr(std::string_view("sqlite:").size());
  } else if (url.find("://") != std::string_view::npos) {
    return Fail(ErrorCode::kUsage, "unknown store URL '" + std::string(url) +
                                       "' (use sqlite:PATH, a plain path, or sqlite::memory:)");
  }
  if (target.empty()) {
    return Fail(ErrorCode::kUsage, "store URL '" + std::string(url) +
                                       "' names no database (use sqlite:PATH or sqlite::memory:)");
  }
  if (target.find('\0') != std::string_view::npos) {
    return Fail(ErrorCode::kUsage, "store URL contains a NUL byte");
  }
  return StoreLocation{"sqlite", std::string(target)};
}

core::Result<std::unique_ptr<SqlConnection>> OpenConnection(std::string_view url) {
  auto location = ParseStoreUrl(url);
  if (!location) return std::unexpected(std::move(location.error()));
  return BackendNamed(location->backend).open(location->target);
}

core::Result<std::span<const Migration>> MigrationsFor(std::string_view url) {
  auto location = ParseStoreUrl(url);
  if (!location) return std::unexpected(std::move(location.error()));
  return BackendNamed(location->backend).migrations();
}

core::Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
  auto location = ParseStoreUrl(url);
  if (!location) return std::unexpected(std::move(location.error()));
  const Backend& backend = BackendNamed(location->backend);
  auto connection = backend.open(location->target);
  if (!connection) return std::unexpected(std::move(connection.error()));
  return SqlStore::Open(std::move(*connection), backend.migrations());
}

}  // namespace candor::store
