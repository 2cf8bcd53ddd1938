#include "store/open_store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/store.h"
#include "store_fixtures.h"

namespace candor::store::testing {
namespace {

using core::ErrorCode;

TEST(ParseStoreUrlTest, SqliteForms) {
  auto check = [](std::string_view url, std::string_view target) {
    auto location = ParseStoreUrl(url);
    ASSERT_TRUE(location) << url << ": " << location.error().ToString();
    EXPECT_EQ(location->backend, "sqlite") << url;
    EXPECT_EQ(location->target, target) << url;
  };
  check("sqlite:.candor/candor.db", ".candor/candor.db");
  check(kDefaultStoreUrl, ".candor/candor.db");
  check("sqlite:/var/lib/candor.db", "/var/lib/candor.db");
  check("sqlite::memory:", ":memory:");
  check("candor.db", "candor.db");
  check("/abs/path/candor.db", "/abs/path/candor.db");
  check("dir with spaces/x.db", "dir with spaces/x.db");
  check("file:x.db", "file:x.db");  // no URI filenames: a file of that name
}

TEST(ParseStoreUrlTest, PostgresIsNotBuiltYet) {
  for (std::string_view url : {"postgresql://user@host/candor", "postgres://host/db"}) {
    auto location = ParseStoreUrl(url);
    ASSERT_FALSE(location) << url;
    EXPECT_EQ(location.error().code, ErrorCode::kUnsupported);
    EXPECT_EQ(location.error().message, "PostgreSQL backend not built yet");
  }
}

TEST(ParseStoreUrlTest, OtherUrlsAreUsageErrorsNamingTheUrl) {
  for (std::string_view url : {"mysql://host/db", "", "sqlite:", "https://example.com/x.db"}) {
    auto location = ParseStoreUrl(url);
    ASSERT_FALSE(location) << url;
    EXPECT_EQ(location.error().code, ErrorCode::kUsage) << url;
    std::string quoted = "'";
    quoted += url;
    quoted += "'";
    EXPECT_NE(location.error().message.find(quoted), std::string::npos) << location.error().message;
  }
}

TEST(OpenStoreTest, OpensInMemory) {
  auto store = OpenStore("sqlite::memory:");
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_TRUE((*store)->ListScans("")->empty());
}

TEST(OpenStoreTest, CreatesParentDirectories) {
  TempDir dir;
  for (std::string prefix : {"sqlite:", ""}) {
    auto path = dir.path() / (prefix.empty() ? "plain" : "url") / ".candor" / "candor.db";
    auto store = OpenStore(prefix + path.string());
    ASSERT_TRUE(store) << store.error().ToString();
    EXPECT_TRUE(std::filesystem::exists(path)) << path;
  }
}

TEST(OpenStoreTest, FileColonIsAPlainFileName) {
  TempDir dir;
  auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  auto store = OpenStore("sqlite:file:x.db?mode=ro");
  bool created = std::filesystem::exists(dir.path() / "file:x.db?mode=ro");
  store = core::Fail(core::ErrorCode::kInternal, "closed");
  std::filesystem::current_path(previous);
  EXPECT_TRUE(created);
}

TEST(OpenStoreTest, RefusesPostgresAndUnknownUrls) {
  auto postgres = OpenStore("postgresql://localhost/candor");
  ASSERT_FALSE(postgres);
  EXPECT_EQ(postgres.error().code, ErrorCode::kUnsupported);
  auto unknown = OpenStore("redis://localhost");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUsage);
}

TEST(OpenStoreTest, FileThatIsNotADatabaseIsAStoreError) {
  TempDir dir;
  auto path = dir.path() / "notes.txt";
  std::ofstream(path) << "these are not the pages you are looking for\n" << std::string(8192, 'x');
  auto store = OpenStore("sqlite:" + path.string());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kStore);
  EXPECT_EQ(store.error().where, path.string());
  EXPECT_NE(store.error().message.find("not a database"), std::string::npos) << store.error().message;
}

TEST(OpenStoreTest, ParentThatIsAFileIsAnIoError) {
  TempDir dir;
  auto file = dir.path() / "file";
  std::ofstream(file) << "x";
  auto store = OpenStore("sqlite:" + (file / "sub" / "candor.db").string());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kIo);
}

TEST(OpenStoreTest, DirectoryIsAStoreError) {
  TempDir dir;
  auto store = OpenStore("sqlite:" + dir.path().string());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kStore);
}

TEST(OpenStoreTest, RecordsSchemaVersion) {
  TempDir dir;
  std::string url = "sqlite:" + (dir.path() / "c.db").string();
  ASSERT_TRUE(OpenStore(url));
  auto connection = OpenConnection(url);
  ASSERT_TRUE(connection);
  auto statement = PrepareScoped(**connection, "SELECT max(version), count(*) FROM schema_version");
  ASSERT_TRUE(statement);
  ASSERT_TRUE((*statement)->Step().value_or(false));
  auto migrations = MigrationsFor(url);
  ASSERT_TRUE(migrations);
  EXPECT_EQ((*statement)->ColumnInt64(0), migrations->back().version);
  EXPECT_EQ((*statement)->ColumnInt64(1), static_cast<int64_t>(migrations->size()));
}

TEST(TransactionTest, BeginFailsWhenStoreRefuses) {
  auto store = OpenStore("sqlite::memory:");
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->Begin());
  auto nested = Transaction::Begin(**store);
  EXPECT_FALSE(nested);
  (*store)->Rollback();
}

}  // namespace
}  // namespace candor::store::testing
