// libFuzzer target for postmortem lint and ingest: any bytes in, problems or an
// error out, never a crash, a hang or unbounded memory. Every problem points
// inside the document (a real line; a column within that line, plus one for
// a problem at a line's end) and has a category and a suggestion.
// Seed corpus: tests/data/fuzz-seeds/postmortem.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "incidents/postmortem_ingest.h"
#include "incidents/postmortem_lint.h"
#include "incidents/roster.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace candor::incidents;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const Roster roster = ParseRoster("Bob Martins\nPriya Natarajan\n");
  auto problems = LintPostmortem(text, "fuzz.md", roster);
  (void)PlanIngest(text, "fuzz.md", 1);
  if (!problems) return 0;
  std::vector<size_t> line_lengths;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string_view::npos; start = end + 1) {
    line_lengths.push_back(end - start);
  }
  line_lengths.push_back(text.size() - start);
  for (const LintProblem& problem : *problems) {
    Check(!problem.category.empty() && !problem.rewrite.empty());
    Check(problem.at.line >= 1 && static_cast<size_t>(problem.at.line) <= line_lengths.size());
    Check(problem.at.column >= 1 &&
          static_cast<size_t>(problem.at.column) <= line_lengths[problem.at.line - 1] + 1);
  }
  return 0;
}
