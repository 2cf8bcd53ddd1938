// candor_gen_sarif OUT.sarif [RESULTS]: writes a large realistic SARIF log
// for end-to-end benchmarks (scripts/bench).

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "sarif_generator.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: candor_gen_sarif OUT.sarif [RESULTS]\n");
    return 2;
  }
  candor::bench::SarifShape shape;
  if (argc > 2) shape.results = std::strtoull(argv[2], nullptr, 10);
  std::string sarif = candor::bench::GenerateSarif(shape);
  std::FILE* out = std::fopen(argv[1], "wb");
  if (out == nullptr || std::fwrite(sarif.data(), 1, sarif.size(), out) != sarif.size() ||
      std::fclose(out) != 0) {
    fmt::print(stderr, "candor_gen_sarif: cannot write {}\n", argv[1]);
    return 3;
  }
  fmt::print("{}: {} results, {:.1f} MB\n", argv[1], shape.results, static_cast<double>(sarif.size()) / 1e6);
  return 0;
}
