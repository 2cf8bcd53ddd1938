// candor_gen_owners PREFIX [RULES] [PATHS]: writes PREFIX.CODEOWNERS and
// PREFIX.paths.txt for the ownership benchmark (scripts/bench-owners).

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "owners_generator.h"

namespace {

bool WriteFile(const std::string& name, const std::string& text) {
  std::FILE* out = std::fopen(name.c_str(), "wb");
  if (out == nullptr) return false;
  bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  return std::fclose(out) == 0 && written;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: candor_gen_owners PREFIX [RULES] [PATHS]\n");
    return 2;
  }
  candor::bench::OwnersShape shape;
  if (argc > 2) shape.rules = std::strtoull(argv[2], nullptr, 10);
  if (argc > 3) shape.paths = std::strtoull(argv[3], nullptr, 10);
  auto input = candor::bench::GenerateOwnersInput(shape);
  std::string prefix = argv[1];
  for (const auto& [name, text] : {std::pair{prefix + ".CODEOWNERS", &input.codeowners},
                                   std::pair{prefix + ".paths.txt", &input.paths}}) {
    if (!WriteFile(name, *text)) {
      fmt::print(stderr, "candor_gen_owners: cannot write {}\n", name);
      return 3;
    }
  }
  fmt::print("{}.CODEOWNERS: {} rules; {}.paths.txt: {} paths\n", prefix, shape.rules, prefix, shape.paths);
  return 0;
}
