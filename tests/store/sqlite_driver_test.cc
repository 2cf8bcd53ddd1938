// What is particular to the SQLite driver; the shared behaviour is in the
// contract suite.

#include "store/sqlite/sqlite_driver.h"

#include <gtest/gtest.h>

#include "store_fixtures.h"

namespace candor::store::testing {
namespace {

int64_t QueryInt(SqlConnection& db, std::string_view sql) {
  auto statement = PrepareScoped(db, sql);
  EXPECT_TRUE(statement) << statement.error().ToString();
  if (!statement) return -1;
  EXPECT_TRUE((*statement)->Step().value_or(false));
  return (*statement)->ColumnInt64(0);
}

TEST(SqliteDriverTest, SetsPragmas) {
  TempDir dir;
  auto db = sqlite::OpenConnection((dir.path() / "x.db").string());
  ASSERT_TRUE(db) << db.error().ToString();
  auto statement = PrepareScoped(**db, "PRAGMA journal_mode");
  ASSERT_TRUE(statement);
  ASSERT_TRUE((*statement)->Step().value_or(false));
  EXPECT_EQ((*statement)->ColumnText(0), "wal");
  EXPECT_EQ(QueryInt(**db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryInt(**db, "PRAGMA synchronous"), 1);  // NORMAL
  EXPECT_GT(QueryInt(**db, "PRAGMA busy_timeout"), 0);
}

TEST(SqliteDriverTest, CachesPreparedStatements) {
  auto db = sqlite::OpenConnection(":memory:");
  ASSERT_TRUE(db);
  auto first = (*db)->Prepare("SELECT ?");
  auto second = (*db)->Prepare("SELECT ?");
  auto other = (*db)->Prepare("SELECT ? + 1");
  ASSERT_TRUE(first && second && other);
  EXPECT_EQ(*first, *second);
  EXPECT_NE(*first, *other);
}

TEST(SqliteDriverTest, BindsAndReadsEveryType) {
  auto db = sqlite::OpenConnection(":memory:");
  ASSERT_TRUE(db);
  auto statement = PrepareScoped(**db, "SELECT ?, ?, ?, ?, ?");
  ASSERT_TRUE(statement);
  std::string text("a\0b", 3);
  (*statement)->BindInt64(1, -(int64_t{1} << 40));
  (*statement)->BindDouble(2, 2.5);
  (*statement)->BindText(3, text);
  (*statement)->BindNull(4);
  (*statement)->BindText(5, std::string_view());
  ASSERT_TRUE((*statement)->Step().value_or(false));
  EXPECT_EQ((*statement)->ColumnInt64(0), -(int64_t{1} << 40));
  EXPECT_EQ((*statement)->ColumnDouble(1), 2.5);
  EXPECT_EQ((*statement)->ColumnText(2), text);
  EXPECT_TRUE((*statement)->ColumnIsNull(3));
  EXPECT_EQ((*statement)->ColumnText(3), "");
  EXPECT_FALSE((*statement)->ColumnIsNull(4));  // empty text is not NULL
  EXPECT_EQ((*statement)->ColumnText(4), "");
  EXPECT_FALSE((*statement)->Step().value_or(true));
}

TEST(SqliteDriverTest, BindErrorSurfacesAtStep) {
  auto db = sqlite::OpenConnection(":memory:");
  ASSERT_TRUE(db);
  auto statement = PrepareScoped(**db, "SELECT ?");
  ASSERT_TRUE(statement);
  (*statement)->BindInt64(7, 1);  // no such parameter
  auto row = (*statement)->Step();
  ASSERT_FALSE(row);
  EXPECT_EQ(row.error().code, core::ErrorCode::kStore);
}

TEST(SqliteDriverTest, ErrorsCarryTheDatabaseLocation) {
  TempDir dir;
  std::string path = (dir.path() / "x.db").string();
  auto db = sqlite::OpenConnection(path);
  ASSERT_TRUE(db);
  EXPECT_EQ((*db)->Location(), path);
  auto bad = (*db)->Prepare("SELEC 1");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, path);
  auto exec = (*db)->Exec("INSERT INTO nowhere VALUES (1)");
  ASSERT_FALSE(exec);
  EXPECT_NE(exec.error().message.find("nowhere"), std::string::npos);
}

TEST(SqliteDriverTest, ForeignKeysAreEnforced) {
  auto store = OpenStore("sqlite::memory:");
  ASSERT_TRUE(store);
  auto db = sqlite::OpenConnection(":memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE(Migrate(**db, sqlite::Migrations()));
  auto orphan = (*db)->Exec("INSERT INTO scan_finding (scan_id, finding_id) VALUES (1, 1)");
  ASSERT_FALSE(orphan);
  EXPECT_NE(orphan.error().message.find("FOREIGN KEY"), std::string::npos) << orphan.error().message;
}

TEST(SqliteDriverTest, SecondWriterWaitsThenFailsClearly) {
  TempDir dir;
  std::string path = (dir.path() / "x.db").string();
  auto a = sqlite::OpenConnection(path);
  auto b = sqlite::OpenConnection(path);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE((*b)->Exec("PRAGMA busy_timeout=10"));
  ASSERT_TRUE((*a)->Begin());
  auto blocked = (*b)->Begin();
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, core::ErrorCode::kStore);
  EXPECT_NE(blocked.error().message.find("another Candor process"), std::string::npos)
      << blocked.error().message;
  ASSERT_TRUE((*a)->Rollback());
  EXPECT_TRUE((*b)->Begin());
  EXPECT_TRUE((*b)->Rollback());
}

}  // namespace
}  // namespace candor::store::testing
