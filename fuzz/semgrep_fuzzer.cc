// libFuzzer target: ReadSemgrep on arbitrary bytes must return a result or an
// error, never crash, hang or read out of bounds.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/semgrep_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace candor::ingest;
  InputBuffer input("fuzz.json", std::string_view(reinterpret_cast<const char*>(data), size));
  ParseContext context;
  context.limits.max_depth = 64;
  CollectingSink sink;
  (void)ReadSemgrep(input, context, sink);
  return 0;
}
