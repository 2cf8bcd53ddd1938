#include "owners_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <random>
#include <string_view>
#include <vector>

namespace candor::bench {
namespace {

constexpr std::array<std::string_view, 12> kTopLevel = {
    "src", "lib", "app", "test", "docs", "tools", "deps", "packages", "ee", "scripts", "config", "spec"};
constexpr std::array<std::string_view, 24> kWords = {
    "core",   "api",     "auth",    "models", "views",  "services", "utils",    "internal",
    "crypto", "net",     "http",    "stream", "db",     "migrate",  "assets",   "frontend",
    "worker", "plugins", "schemas", "cli",    "policy", "report",   "fixtures", "i18n"};
constexpr std::array<std::string_view, 12> kExtensions = {"c",  "h",  "cc", "js",  "ts",   "rb",
                                                          "py", "go", "md", "yml", "json", "vue"};

class Generator {
 public:
  explicit Generator(const OwnersShape& shape) : shape_(shape), random_(shape.seed) {}

  OwnersInput Run() {
    BuildTree();
    OwnersInput input;
    input.paths.reserve(shape_.paths * 40);
    for (size_t i = 0; i < shape_.paths; ++i) input.paths += fmt::format("{}\n", FilePath());
    input.codeowners =
        "# Generated for scripts/bench-owners: a large monorepo's CODEOWNERS.\n* @org/default\n";
    for (size_t i = 1; i < shape_.rules; ++i) {
      if (i % 25 == 0) input.codeowners += fmt::format("\n# Area {}\n", i / 25);
      input.codeowners += Rule();
    }
    return input;
  }

 private:
  size_t Pick(size_t count) { return std::uniform_int_distribution<size_t>(0, count - 1)(random_); }
  template <typename List>
  std::string_view PickFrom(const List& list) {
    return list[Pick(list.size())];
  }

  // Directories as a random tree: each new one hangs under an existing one no
  // deeper than five levels, named from a small vocabulary (names repeat at
  // different depths, as in real trees) with a numbered variant now and then.
  void BuildTree() {
    for (auto top : kTopLevel) directories_.emplace_back(top);
    while (directories_.size() < shape_.directories) {
      const std::string& parent = directories_[Pick(directories_.size())];
      if (std::count(parent.begin(), parent.end(), '/') >= 4) continue;
      std::string name(PickFrom(kWords));
      if (Pick(3) == 0) name += fmt::format("-{}", Pick(40));
      directories_.push_back(fmt::format("{}/{}", parent, name));
    }
  }

  std::string FileName() {
    return fmt::format("{}_{}.{}", PickFrom(kWords), Pick(500), PickFrom(kExtensions));
  }
  std::string FilePath() { return fmt::format("{}/{}", PickFrom(directories_), FileName()); }
  std::string Owners() {
    std::string owners = fmt::format("@org/team-{}", Pick(300));
    if (Pick(4) == 0) owners += fmt::format(" user{}@example.com", Pick(1000));
    return owners;
  }

  std::string Rule() {
    std::string_view dir = PickFrom(directories_);
    size_t kind = Pick(100);
    if (kind < 2) return fmt::format("/{}/\n", dir);  // owner-less: un-owns a directory
    std::string pattern;
    if (kind < 42) {
      pattern = fmt::format("/{}/", dir);
    } else if (kind < 57) {
      pattern = fmt::format("/{}/{}", dir, FileName());
    } else if (kind < 67) {
      pattern = fmt::format("/{}/*", dir);
    } else if (kind < 77) {
      pattern = fmt::format("/{}/**/*.{}", dir, PickFrom(kExtensions));
    } else if (kind < 82) {
      pattern = fmt::format("*.{}", PickFrom(kExtensions));
    } else if (kind < 92) {
      pattern = fmt::format("{}-{}/", PickFrom(kWords), Pick(40));
    } else {
      pattern = fmt::format("/{}/{}*", dir, PickFrom(kWords));
    }
    return fmt::format("{} {}\n", pattern, Owners());
  }

  OwnersShape shape_;
  std::mt19937 random_;
  std::vector<std::string> directories_;
};

}  // namespace

OwnersInput GenerateOwnersInput(const OwnersShape& shape) {
  return Generator(shape).Run();
}

}  // namespace candor::bench
