#include "core/finding.h"

#include <array>

#include "core/text.h"

namespace candor::core {
namespace {

template <class Enum, size_t N>
std::optional<Enum> ParseByName(std::string_view name, const std::array<Enum, N>& values) {
  for (Enum value : values) {
    if (EqualsIgnoreCase(name, ToString(value))) return value;
  }
  return std::nullopt;
}

constexpr std::array kCategories{Category::kSast,      Category::kSca,  Category::kSecrets, Category::kIac,
                                 Category::kContainer, Category::kDast, Category::kOther};
constexpr std::array kStages{Stage::kDesign, Stage::kPr, Stage::kMain, Stage::kRelease, Stage::kProduction};

}  // namespace

std::string_view ToString(Category category) {
  switch (category) {
    case Category::kSast: return "sast";
    case Category::kSca: return "sca";
    case Category::kSecrets: return "secrets";
    case Category::kIac: return "iac";
    case Category::kContainer: return "container";
    case Category::kDast: return "dast";
    case Category::kOther: return "other";
  }
  return "other";
}

std::optional<Category> ParseCategory(std::string_view name) {
  return ParseByName(name, kCategories);
}

std::string_view ToString(Stage stage) {
  switch (stage) {
    case Stage::kDesign: return "design";
    case Stage::kPr: return "pr";
    case Stage::kMain: return "main";
    case Stage::kRelease: return "release";
    case Stage::kProduction: return "production";
  }
  return "main";
}

std::optional<Stage> ParseStage(std::string_view name) {
  return ParseByName(name, kStages);
}

std::string_view ToString(SuppressionKind kind) {
  return kind == SuppressionKind::kInSource ? "inSource" : "external";
}

}  // namespace candor::core
