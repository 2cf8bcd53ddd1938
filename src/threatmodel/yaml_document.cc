#include "threatmodel/yaml_document.h"

#include "yaml/yaml_reader.h"

namespace candor::threatmodel {

core::Result<YAML::Node> LoadYamlDocument(std::string_view text, std::string_view file_name,
                                          std::string_view what) {
  // yaml::LoadDocument says "the <noun> is empty": it wants the bare noun.
  if (what.starts_with("the ")) what.remove_prefix(4);
  return yaml::LoadDocument(text, file_name, {what, kMaxModelBytes});
}

}  // namespace candor::threatmodel
