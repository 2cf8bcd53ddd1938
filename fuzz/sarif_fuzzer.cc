// libFuzzer target for the SARIF reader: any bytes in, an error or findings
// out, never a crash, a hang or unbounded memory. Seed corpus: tests/data/sarif.
//   fuzz/sarif_fuzzer -max_len=65536 corpus/ tests/data/sarif/*/

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/input.h"
#include "ingest/reader.h"
#include "ingest/sarif_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace candor::ingest;
  InputBuffer input("fuzz.sarif", std::string_view(reinterpret_cast<const char*>(data), size));
  ParseContext context;
  CollectingSink sink;
  auto status = ReadSarif(input, context, sink);
  // Findings may come before an error (the sink's consumer drops them), but a
  // success must have given every run it began an end.
  if (status) {
    for (const auto& run : sink.runs) {
      for (const auto& finding : run.findings) {
        if (finding.cwes.size() > 1 && finding.cwes.front() > finding.cwes.back()) __builtin_trap();
      }
    }
  }
  return 0;
}
