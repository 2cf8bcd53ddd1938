// libFuzzer target for Codeowners::Parse and OwnersOf: any bytes in, a parsed
// file or an error out, never a crash, a hang or unbounded memory. Every line
// of the input is also asked as a path, so patterns meet paths shaped like
// them. An answer keeps its header's promises: the line is a real line of the
// file, owners have no duplicates, a GitHub file has at most one match.
// Seed corpus: tests/data/fuzz-seeds/codeowners.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ownership/codeowners.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace candor::ownership;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = Codeowners::Parse(text, "fuzz/CODEOWNERS");
  if (!parsed) return 0;
  int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  size_t queries = 0;
  for (size_t start = 0; start <= text.size() && queries < 64; ++queries) {
    size_t end = std::min(text.find('\n', start), text.size());
    auto owners = parsed->OwnersOf(text.substr(start, end - start));
    Check(owners.line >= 0 && owners.line <= lines);
    Check((owners.line == 0) == owners.matches.empty());
    if (parsed->dialect() == Dialect::kGitHub) Check(owners.matches.size() <= 1);
    for (size_t i = 0; i < owners.owners.size(); ++i) {
      for (size_t j = i + 1; j < owners.owners.size(); ++j) Check(owners.owners[i] != owners.owners[j]);
    }
    start = end + 1;
  }
  return 0;
}
