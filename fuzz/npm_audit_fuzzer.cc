// libFuzzer target for ReadNpmAudit (see reader_fuzz.h). Seed corpus: tests/data.

#include "ingest/npm_audit_reader.h"
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return candor::fuzz::FuzzReader(candor::ingest::ReadNpmAudit, data, size);
}
