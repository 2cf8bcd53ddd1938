// libFuzzer target: format detection, then the detected format's reader.

#include "ingest/format.h"
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace candor::ingest;
  return candor::fuzz::FuzzReader(
      [](const InputBuffer& input, ParseContext& context, FindingSink& sink) -> candor::core::Status {
        auto format = DetectFormat(input, context.limits);
        if (!format) return std::unexpected(format.error());
        return ReadFindings(*format, input, context, sink);
      },
      data, size);
}
