#pragma once
// Where things are in the text of a SARIF log: what a tool needs to rewrite
// the log in place (set baselineState on each result, append results to a
// run) while keeping every byte it does not change. The SARIF reader fills
// it when ParseContext::sarif_layout is set. Offsets are into
// InputBuffer::bytes(). Plain values.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace candor::ingest {

// Few SARIF results take fewer bytes than this. A reader of a large log
// reserves (bytes left / this) entries for its results at once: reserved
// memory is free until touched, while a vector that doubles as it fills holds
// both copies at each step (20 MB more at the peak for two 60 MB logs).
inline constexpr size_t kFewestBytesPerResult = 256;

struct TextSpan {
  size_t begin = 0;  // first byte
  size_t end = 0;    // one past the last byte
};

struct SarifResultLayout {
  TextSpan object;                         // the result's {...}
  std::optional<TextSpan> baseline_state;  // the value of an existing "baselineState", quotes included
  // The low 64 bits of XXH3_128 of the object's text, when the reader hashed
  // it (FindingSink::RemembersResults); else 0.
  uint64_t text_hash = 0;
};

struct SarifRunLayout {
  size_t object_begin = 0;  // the run's '{'
  // The value of "results": [...] or null; nullopt when the run has none.
  std::optional<TextSpan> results;
  bool results_is_array = false;
  std::vector<SarifResultLayout> result_objects;  // in order, one per finding the reader gave
  std::vector<std::string> rule_ids;              // tool.driver.rules[].id in order (ruleIndex targets)
  std::vector<std::string> artifact_uris;         // run.artifacts[].location.uri in order
};

struct SarifLayout {
  std::vector<SarifRunLayout> runs;
};

}  // namespace candor::ingest
