// libFuzzer target for ParsePolicy: any bytes in, a policy or an error out,
// never a crash, a hang or unbounded memory. A policy that parses must also
// give an Evaluator (every glob and Lua condition it accepted compiles), whose
// Lua runs on a finding within its limits, and merge onto the default floor
// or be refused.
// Seed corpus: tests/data/fuzz-seeds/policy/.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/finding.h"
#include "policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace candor::policy;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto policy = ParsePolicy(text, "fuzz.yaml");
  if (!policy) {
    if (policy.error().message.empty()) __builtin_trap();
    return 0;
  }
  auto evaluator = Evaluator::Create(*policy);
  if (!evaluator) __builtin_trap();
  // Runs the policy's Lua too: an error or a limit is fine, a crash is not.
  candor::core::Finding finding;
  finding.tool = "semgrep";
  finding.rule_id = "python.lang.security.audit.x";
  finding.severity = candor::core::Severity::kHigh;
  finding.cwes = {79, 89};
  finding.advisories = {"CVE-2021-44228"};
  finding.path = "src/app.py";
  finding.message = "message";
  auto tripped = evaluator->Tripped({&finding, candor::core::BaselineState::kNew, true, true});
  if (tripped) {
    for (size_t index : *tripped) {
      if (index >= policy->guardrails.size()) __builtin_trap();
    }
  }
  // Against the default floor: either merged or refused, never a crash.
  auto merged = Tighten(DefaultPolicy(), *policy);
  if (merged && merged->guardrails.size() != DefaultPolicy().guardrails.size() + policy->guardrails.size()) {
    __builtin_trap();
  }
  return 0;
}
