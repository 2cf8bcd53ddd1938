// candor_gen_match_pair PREFIX [RESULTS] [--seed N] [--pr-files N] [--churn F]:
// writes PREFIX.baseline.sarif, PREFIX.current.sarif and PREFIX.diff, a pair
// of logs with known truth for the matching benchmark (scripts/bench-match),
// and prints what the change did.

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "match_pair_generator.h"

namespace {

bool WriteFile(const std::string& path, const std::string& text) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  bool ok = out != nullptr && std::fwrite(text.data(), 1, text.size(), out) == text.size();
  if (out != nullptr && std::fclose(out) != 0) ok = false;
  if (!ok) fmt::print(stderr, "candor_gen_match_pair: cannot write {}\n", path);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  constexpr const char* kUsage =
      "usage: candor_gen_match_pair PREFIX [RESULTS] [--seed N] [--pr-files N] [--churn F]\n";
  if (argc < 2) {
    fmt::print(stderr, "{}", kUsage);
    return 2;
  }
  candor::bench::MatchPairShape shape;
  std::string prefix = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string_view arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--seed" && has_value) {
      shape.seed = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else if (arg == "--pr-files" && has_value) {
      shape.changed_files = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--churn" && has_value) {
      shape.churn = std::strtod(argv[++i], nullptr);
    } else if (!arg.starts_with("-")) {
      shape.results = std::strtoull(argv[i], nullptr, 10);
    } else {
      fmt::print(stderr, "{}", kUsage);
      return 2;
    }
  }
  candor::bench::MatchPair pair = candor::bench::GenerateMatchPair(shape);
  if (!WriteFile(prefix + ".baseline.sarif", pair.baseline_sarif) ||
      !WriteFile(prefix + ".current.sarif", pair.current_sarif) || !WriteFile(prefix + ".diff", pair.diff)) {
    return 3;
  }
  const auto& s = pair.stats;
  fmt::print(
      "{}: {} files ({} changed); baseline {} results ({} fingerprinted), current {}; continued {} (moved "
      "{}, "
      "renamed {}, message changed {}), fixed {}, introduced {} ({} copies of a result in the same file); "
      "{:.1f} + {:.1f} MB, diff {:.1f} kB\n",
      prefix, s.files, s.changed_files, s.baseline, s.fingerprinted, s.current, s.continued, s.moved,
      s.renamed, s.message_changed, s.fixed, s.introduced, s.introduced_copies,
      static_cast<double>(pair.baseline_sarif.size()) / 1e6,
      static_cast<double>(pair.current_sarif.size()) / 1e6, static_cast<double>(pair.diff.size()) / 1e3);
  return 0;
}
