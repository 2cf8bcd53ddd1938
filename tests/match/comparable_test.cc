// Comparables: what matching keeps of a finding, the path held once per
// scan by a PathTable whose views outlive moves of the table.

#include "match/comparable.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "match/identity.h"

namespace candor::match {
namespace {

core::Finding At(std::string path, int line) {
  core::Finding f;
  f.tool = "semgrep";
  f.rule_id = "py.sqli";
  f.path = std::move(path);
  f.region.start_line = line;
  f.message = "query built from input";
  f.identity = IdentityAssigner().Assign(f);
  return f;
}

TEST(ComparableTest, ResultsInOneFileShareTheirPath) {
  PathTable paths;
  Comparable a = ComparableOf(At("src/app/db.py", 3), paths);
  Comparable b = ComparableOf(At("src/app/db.py", 9), paths);
  Comparable c = ComparableOf(At("src/app/web.py", 9), paths);
  EXPECT_EQ(a.path, "src/app/db.py");
  EXPECT_EQ(a.path.data(), b.path.data());
  EXPECT_EQ(c.path, "src/app/web.py");
  EXPECT_EQ(a.path_key, b.path_key);
  EXPECT_NE(a.path_key, c.path_key);
}

// The table keeps the path interned last at hand: going back to an earlier
// path still gives that path's one copy and key, not the last one's.
TEST(ComparableTest, PathsComingBackGiveTheirOwnCopyAndKey) {
  PathTable paths;
  const PathTable::Interned db = paths.Intern("src/app/db.py");
  const PathTable::Interned web = paths.Intern("src/app/web.py");
  for (std::string_view path : {"src/app/db.py", "src/app/db.py", "src/app/web.py", "src/app/db.py"}) {
    const PathTable::Interned again = paths.Intern(path);
    const PathTable::Interned& first = path == db.path ? db : web;
    EXPECT_EQ(again.path.data(), first.path.data()) << path;
    EXPECT_EQ(again.key, first.key) << path;
    EXPECT_EQ(again.key, PathKey(path)) << path;
  }
  EXPECT_NE(db.key, web.key);
}

// Short paths live inside the table's strings (small-string storage):
// they must not move when the table does, or when it grows.
TEST(ComparableTest, PathsOutliveTheTablesMovesAndGrowth) {
  PathTable paths;
  std::vector<Comparable> comparables;
  comparables.push_back(ComparableOf(At("a.py", 1), paths));
  comparables.push_back(ComparableOf(At("a/long/path/to/some/module/file.py", 1), paths));
  PathTable moved = std::move(paths);
  for (int i = 0; i < 5000; ++i) moved.Intern("file" + std::to_string(i) + ".py");
  EXPECT_EQ(comparables[0].path, "a.py");
  EXPECT_EQ(comparables[1].path, "a/long/path/to/some/module/file.py");
  EXPECT_EQ(moved.Intern("a.py").path.data(), comparables[0].path.data());
}

}  // namespace
}  // namespace candor::match
