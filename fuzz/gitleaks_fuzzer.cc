// libFuzzer target for ReadGitleaks (see reader_fuzz.h). Seed corpus: tests/data.

#include "ingest/gitleaks_reader.h"
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return candor::fuzz::FuzzReader(candor::ingest::ReadGitleaks, data, size);
}
