// libFuzzer target for ReadSemgrep (see reader_fuzz.h). Seed corpus: tests/data.

#include "ingest/semgrep_reader.h"
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return candor::fuzz::FuzzReader(candor::ingest::ReadSemgrep, data, size);
}
