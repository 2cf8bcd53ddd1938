// libFuzzer target: detection, then the detected reader, on arbitrary bytes.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace candor::ingest;
  InputBuffer input("fuzz.json", std::string_view(reinterpret_cast<const char*>(data), size));
  ParseContext context;
  context.limits.max_depth = 64;
  auto format = DetectFormat(input, context.limits);
  if (!format) return 0;
  CollectingSink sink;
  (void)ReadFindings(*format, input, context, sink);
  return 0;
}
