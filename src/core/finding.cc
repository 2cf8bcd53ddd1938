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

void ClearForReuse(Finding& finding) {
  // A new field must be cleared here too; this catches a Finding that grew
  // (the size is libstdc++'s on 64-bit targets).
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
  static_assert(sizeof(Finding) == 664, "Finding changed: clear its new fields in ClearForReuse");
#endif
  for (std::string* text : {&finding.tool, &finding.tool_version, &finding.rule_id, &finding.rule_name,
                            &finding.rule_help, &finding.help_uri, &finding.tool_severity,
                            &finding.dependency.package, &finding.dependency.installed_version,
                            &finding.dependency.fixed_version, &finding.dependency.ecosystem, &finding.path,
                            &finding.snippet, &finding.message, &finding.identity, &finding.team}) {
    text->clear();
  }
  finding.category = Category::kOther;
  finding.severity = Severity::kInfo;
  finding.cwes.clear();
  finding.advisories.clear();
  finding.region = Region{};
  finding.fingerprints.clear();
  finding.partial_fingerprints.clear();
  finding.suppressions.clear();
  finding.related_location_count = 0;
  finding.code_flow_count = 0;
}

}  // namespace candor::core
