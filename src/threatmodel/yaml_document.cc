#include "threatmodel/yaml_document.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

#include <string>

#include "yaml/yaml_reader.h"

namespace candor::threatmodel {

core::Result<YAML::Node> LoadYamlDocument(std::string_view text, std::string_view file_name,
                                          std::string_view what) {
  const std::string name(file_name);
  if (text.size() > kMaxModelBytes) {
    return core::Fail(
        core::ErrorCode::kLimitExceeded,
        fmt::format("{} is {} bytes, over the limit of {} bytes", what, text.size(), kMaxModelBytes), name);
  }
  yaml::YamlReader where(file_name, 0);
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (root.IsNull() || !root.IsDefined()) {
      return core::Fail(core::ErrorCode::kInvalidInput, fmt::format("{} is empty", what), name + ":1:1");
    }
    return root;
  } catch (const YAML::DeepRecursion& error) {
    return core::Fail(core::ErrorCode::kLimitExceeded, "the YAML is nested too deeply",
                      where.Where(error.mark));
  } catch (const YAML::ParserException& error) {
    return core::Fail(core::ErrorCode::kInvalidInput, "YAML syntax: " + error.msg, where.Where(error.mark));
  } catch (const YAML::Exception& error) {
    return core::Fail(core::ErrorCode::kInvalidInput, "YAML: " + error.msg, where.Where(error.mark));
  }
}

}  // namespace candor::threatmodel
