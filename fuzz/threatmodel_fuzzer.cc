// libFuzzer target for the threat-model readers: any bytes in, a model or an
// error out, never a crash, a hang or unbounded memory. The first byte picks
// the reader (native YAML, rule catalogue, Threagile, OTM, Threat Dragon); a
// model that reads must validate, evaluate against the built-in catalogue with
// every threat id RULE@ELEMENT, and render as DOT.
// Seed corpus: tests/data/fuzz-seeds/threatmodel/ (and tests/data/threatmodels/).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "threatmodel/builtin_catalogue.h"
#include "threatmodel/diagram.h"
#include "threatmodel/evaluate.h"
#include "threatmodel/import.h"
#include "threatmodel/model_parser.h"
#include "threatmodel/validate.h"

namespace {

void CheckModel(const candor::threatmodel::Model& model) {
  using namespace candor::threatmodel;
  if (!ValidateModel(model)) __builtin_trap();
  static const Catalogue catalogue = *BuiltinCatalogue();
  auto assessment = Evaluate(model, catalogue);
  if (!assessment) __builtin_trap();  // built-in rules have no Lua: evaluation cannot fail
  for (const Threat& t : assessment->threats) {
    if (t.id != t.rule_id + "@" + t.element_id || t.because.empty()) __builtin_trap();
  }
  if (RenderDot(model).empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace candor::threatmodel;
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  candor::core::Result<Model> model;
  switch (data[0] % 5) {
    case 0: model = ParseNativeModel(text, "fuzz.yaml"); break;
    case 1: {
      auto catalogue = ParseCatalogue(text, "rules.yaml");
      if (!catalogue && catalogue.error().message.empty()) __builtin_trap();
      return 0;
    }
    case 2: model = ImportThreagile(text, "threagile.yaml", nullptr); break;
    case 3: model = ImportOtm(text, "otm.json"); break;
    default: model = ImportThreatDragon(text, "td.json"); break;
  }
  if (!model) {
    if (model.error().message.empty()) __builtin_trap();
    return 0;
  }
  CheckModel(*model);
  return 0;
}
