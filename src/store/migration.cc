#include "store/migration.h"

#include <string>

namespace candor::store {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr std::string_view kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)";
constexpr std::string_view kSelectVersion = "SELECT coalesce(max(version), 0) FROM schema_version";
constexpr std::string_view kInsertVersion = "INSERT INTO schema_version (version, name) VALUES (?, ?)";

core::Result<int> ReadVersion(SqlConnection& connection) {
  auto statement = PrepareScoped(connection, kSelectVersion);
  if (!statement) return std::unexpected(std::move(statement.error()));
  auto row = (*statement)->Step();
  if (!row) return std::unexpected(std::move(row.error()));
  return *row ? static_cast<int>((*statement)->ColumnInt64(0)) : 0;
}

core::Status RefuseNewer(const SqlConnection& connection, int version, int latest) {
  return Fail(ErrorCode::kUnsupported,
              "database schema version " + std::to_string(version) + " is newer than this Candor knows (" +
                  std::to_string(latest) + "); a newer Candor wrote it, upgrade Candor to use it",
              connection.Location());
}

core::Status ApplyMissing(SqlConnection& connection, std::span<const Migration> migrations, int latest) {
  if (auto status = connection.Exec(kCreateVersionTable); !status) return status;
  // Read again inside the transaction: another process may have migrated meanwhile.
  auto version = ReadVersion(connection);
  if (!version) return std::unexpected(std::move(version.error()));
  if (*version > latest) return RefuseNewer(connection, *version, latest);
  for (const Migration& migration : migrations) {
    if (migration.version <= *version) continue;
    if (auto status = connection.Exec(migration.sql); !status) {
      status.error().message = "migration " + std::string(migration.name) + ": " + status.error().message;
      return status;
    }
    auto insert = PrepareScoped(connection, kInsertVersion);
    if (!insert) return std::unexpected(std::move(insert.error()));
    (*insert)->BindInt64(1, migration.version);
    (*insert)->BindText(2, migration.name);
    if (auto done = (*insert)->Step(); !done) return std::unexpected(std::move(done.error()));
  }
  return {};
}

}  // namespace

core::Status Migrate(SqlConnection& connection, std::span<const Migration> migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  // Fast path, no write lock: an up-to-date database only needs one read.
  // (A missing schema_version table fails the prepare: a fresh database.)
  if (auto statement = connection.Prepare(kSelectVersion); statement) {
    auto version = ReadVersion(connection);
    if (version && *version == latest) return {};
    if (version && *version > latest) return RefuseNewer(connection, *version, latest);
  }
  if (auto status = connection.Begin(); !status) return status;
  if (auto status = ApplyMissing(connection, migrations, latest); !status) {
    (void)connection.Rollback();
    return status;
  }
  return connection.Commit();
}

}  // namespace candor::store
