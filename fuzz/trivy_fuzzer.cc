// libFuzzer target for ReadTrivy (see reader_fuzz.h). Seed corpus: tests/data.

#include "ingest/trivy_reader.h"
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return candor::fuzz::FuzzReader(candor::ingest::ReadTrivy, data, size);
}
