#pragma once
// What the store tests share: the backends the contract suite runs on, and
// findings to put in them (including realistic ones for timing inserts).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/finding.h"
#include "store/store.h"

namespace candor::store::testing {

// One row per backend the contract suite runs on. PostgreSQL adds a row.
struct BackendCase {
  std::string name;  // test-name suffix
  bool persistent;   // closing and reopening the URL keeps the data
  // The URL of a fresh, empty database; `dir` is an empty directory the test owns.
  std::function<std::string(const std::filesystem::path& dir)> url;
};
std::vector<BackendCase> Backends();
inline void PrintTo(const BackendCase& backend, std::ostream* out) {
  *out << backend.name;
}

// An empty directory under the system's temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

ScanRecord MakeScan(std::string repo, std::string commit, std::string tool = "semgrep", int run_index = 0,
                    core::Stage stage = core::Stage::kMain);
core::Finding MakeFinding(std::string identity, core::Severity severity = core::Severity::kMedium,
                          std::string path = "src/a.cc", int line = 1);
// A finding with every field filled with awkward values: unicode, quotes,
// control characters, invalid UTF-8, repeated names, both suppression kinds.
core::Finding EveryFieldFinding();

// Expects every field of `actual` to equal `expected`'s, naming the field that differs.
void ExpectSameFinding(const core::Finding& actual, const core::Finding& expected);

}  // namespace candor::store::testing
