#pragma once
// What every reader's libFuzzer target does: any bytes in, findings or an
// error out, never a crash, a hang or unbounded memory; and what a reader
// promises of its findings (CWE lists ascending) holds on any input.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::fuzz {

// `read(input, context, sink)` is a reader, or anything shaped like one.
template <class Read>
int FuzzReader(Read read, const uint8_t* data, size_t size) {
  using namespace candor::ingest;
  InputBuffer input("fuzz.json", std::string_view(reinterpret_cast<const char*>(data), size));
  ParseContext context;
  context.limits.max_depth = 64;
  CollectingSink sink;
  if (!read(input, context, sink)) return 0;
  for (const auto& run : sink.runs) {
    for (const auto& finding : run.findings) {
      for (size_t i = 1; i < finding.cwes.size(); ++i) {
        if (finding.cwes[i - 1] >= finding.cwes[i]) __builtin_trap();
      }
    }
  }
  return 0;
}

}  // namespace candor::fuzz
