#include "threatmodel/builtin_catalogue.h"

#include "ingest/input.h"
#include "threatmodel/yaml_document.h"

namespace candor::threatmodel {

core::Result<Catalogue> BuiltinCatalogue() {
  Catalogue catalogue;
  for (const EmbeddedFile& file : BuiltinCatalogueFiles()) {
    auto part = ParseCatalogue(file.text, std::string("<builtin>/") + std::string(file.name));
    if (!part) return std::unexpected(part.error());
    if (auto merged = MergeCatalogue(catalogue, std::move(*part)); !merged)
      return std::unexpected(merged.error());
  }
  return catalogue;
}

core::Result<Catalogue> LoadCatalogue(std::span<const std::string> extra_files) {
  auto catalogue = BuiltinCatalogue();
  if (!catalogue) return catalogue;
  for (const std::string& path : extra_files) {
    ingest::Limits limits;
    limits.max_input_bytes = kMaxModelBytes;
    auto input = ingest::LoadInput(path, limits);
    if (!input) return std::unexpected(input.error());
    auto part = ParseCatalogue(input->bytes(), input->name());
    if (!part) return std::unexpected(part.error());
    if (auto merged = MergeCatalogue(*catalogue, std::move(*part)); !merged)
      return std::unexpected(merged.error());
  }
  return catalogue;
}

}  // namespace candor::threatmodel
