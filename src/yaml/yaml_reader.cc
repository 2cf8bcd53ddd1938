#include "yaml/yaml_reader.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <charconv>
#include <sstream>

#include "core/text.h"

namespace candor::yaml {
namespace {

std::string_view TypeName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined: return "nothing";
    case YAML::NodeType::Null: return "an empty value";
    case YAML::NodeType::Scalar: return "a single value";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
  }
  return "nothing";
}

}  // namespace

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string DidYouMean(std::string_view word, std::initializer_list<std::string_view> candidates) {
  std::string_view best;
  size_t best_distance = 0;
  const std::string lower = core::ToLower(word);
  for (std::string_view candidate : candidates) {
    size_t distance = core::EditDistance(lower, candidate);
    if (best.empty() || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // At least two edits, or a third of the longer word: "sevrity", "tools", "categories".
  if (best.empty() || best_distance >= lower.size() ||
      best_distance > std::max<size_t>(2, std::max(best.size(), lower.size()) / 3)) {
    return {};
  }
  return fmt::format("; did you mean '{}'?", best);
}

YamlReader::YamlReader(std::string_view file_name, size_t max_values)
    : file_name_(file_name), values_left_(max_values) {}

std::string YamlReader::Where(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return file_name_;
  return fmt::format("{}:{}:{}", file_name_, mark.line + 1, mark.column + 1);
}

std::unexpected<core::Error> YamlReader::Error(const YAML::Node& node, std::string message) const {
  return core::Fail(core::ErrorCode::kInvalidInput, std::move(message), Where(node));
}

core::Status YamlReader::Visit(const YAML::Node& node) {
  if (values_left_ == 0) {
    return core::Fail(core::ErrorCode::kLimitExceeded,
                      "the file holds too many values (aliases count once per use)", Where(node));
  }
  --values_left_;
  return {};
}

core::Result<std::vector<YamlReader::Entry>> YamlReader::Mapping(
    const YAML::Node& node, std::string_view what, std::initializer_list<std::string_view> allowed) {
  if (auto visited = Visit(node); !visited) return std::unexpected(visited.error());
  if (!node.IsMap()) return Error(node, fmt::format("{} must be a mapping, not {}", what, TypeName(node)));
  std::vector<Entry> entries;
  for (auto it = node.begin(); it != node.end(); ++it) {
    // By value: yaml-cpp's iterator hands out a temporary pair.
    const YAML::detail::iterator_value pair = *it;
    const YAML::Node key = pair.first;
    if (!key.IsScalar()) return Error(key, fmt::format("a key in {} must be a plain word", what));
    if (auto visited = Visit(key); !visited) return std::unexpected(visited.error());
    const std::string& name = key.Scalar();
    bool known = false;
    for (std::string_view candidate : allowed) known = known || candidate == name;
    if (!known) {
      std::string expected;
      for (std::string_view candidate : allowed) {
        expected += expected.empty() ? "" : ", ";
        expected += candidate;
      }
      std::string hint = DidYouMean(name, allowed);
      return Error(key, hint.empty() ? fmt::format("unknown key '{}' in {} (expected one of: {})", name, what,
                                                   expected)
                                     : fmt::format("unknown key '{}' in {}{}", name, what, hint));
    }
    for (const Entry& earlier : entries) {
      if (earlier.key == name) {
        return Error(
            key, fmt::format("duplicate key '{}' in {} (first at {})", name, what, Where(earlier.key_node)));
      }
    }
    entries.push_back({name, key, pair.second});
  }
  return entries;
}

core::Result<std::vector<YAML::Node>> YamlReader::Sequence(const YAML::Node& node, std::string_view key) {
  if (auto visited = Visit(node); !visited) return std::unexpected(visited.error());
  if (!node.IsSequence()) return Error(node, fmt::format("'{}' must be a list, not {}", key, TypeName(node)));
  std::vector<YAML::Node> items;
  for (YAML::Node item : node) {
    if (auto visited = Visit(item); !visited) return std::unexpected(visited.error());
    items.push_back(item);
  }
  return items;
}

core::Result<std::vector<YAML::Node>> YamlReader::OneOrMany(const YAML::Node& node, std::string_view key) {
  if (node.IsScalar()) {
    if (auto visited = Visit(node); !visited) return std::unexpected(visited.error());
    return std::vector<YAML::Node>{node};
  }
  if (!node.IsSequence()) {
    return Error(node, fmt::format("'{}' must be a value or a list of values, not {}", key, TypeName(node)));
  }
  auto items = Sequence(node, key);
  if (!items) return items;
  for (const YAML::Node& item : *items) {
    if (!item.IsScalar()) {
      return Error(item,
                   fmt::format("each item of '{}' must be a single value, not {}", key, TypeName(item)));
    }
  }
  return items;
}

core::Result<std::string> YamlReader::String(const YAML::Node& node, std::string_view key) {
  if (!node.IsScalar())
    return Error(node, fmt::format("'{}' must be a single value, not {}", key, TypeName(node)));
  return node.Scalar();
}

core::Result<int64_t> YamlReader::Integer(const YAML::Node& node, std::string_view key) {
  auto text = String(node, key);
  if (!text) return std::unexpected(text.error());
  auto value = ParseInteger(core::Trim(*text));
  if (!value) return Error(node, fmt::format("'{}' must be a whole number, not '{}'", key, *text));
  return *value;
}

core::Result<bool> YamlReader::Boolean(const YAML::Node& node, std::string_view key) {
  auto text = String(node, key);
  if (!text) return std::unexpected(text.error());
  // YAML 1.2's words only: "yes", "on" and "y" are strings there, and a
  // policy should not depend on which YAML version a reader assumes.
  if (*text == "true" || *text == "True" || *text == "TRUE") return true;
  if (*text == "false" || *text == "False" || *text == "FALSE") return false;
  return Error(node, fmt::format("'{}' must be true or false, not '{}'", key, *text));
}

core::Result<core::TimePoint> YamlReader::Time(const YAML::Node& node, std::string_view key) {
  auto text = String(node, key);
  if (!text) return std::unexpected(text.error());
  auto time = core::ParseIso8601(core::Trim(*text));
  if (!time) {
    return Error(node,
                 fmt::format("'{}' must be a date (2026-11-22) or an ISO 8601 time, not '{}'", key, *text));
  }
  return *time;
}

namespace {

// Where each document of a stream starts. yaml-cpp's LoadAll loops forever
// on some inputs (a lone ","), so documents are counted with a bounded number
// of HandleNextDocument calls instead.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
  }
  void OnMapEnd() override {}
};

}  // namespace

core::Result<YAML::Node> LoadDocument(std::string_view text, std::string_view file_name, DocumentKind kind) {
  const std::string name(file_name);
  if (text.size() > kind.max_bytes) {
    return core::Fail(
        core::ErrorCode::kLimitExceeded,
        fmt::format("{} is {} bytes, over the limit of {} bytes", kind.noun, text.size(), kind.max_bytes),
        name);
  }
  YamlReader where(file_name, 0);
  try {
    const std::string copy(text);
    YAML::Node root = YAML::Load(copy);
    if (root.IsNull()) {
      return core::Fail(core::ErrorCode::kInvalidInput, fmt::format("the {} is empty", kind.noun),
                        name + ":1:1");
    }
    std::istringstream stream(copy);
    YAML::Parser counter(stream);
    DocumentStarts documents;
    for (int i = 0; i < 2 && counter.HandleNextDocument(documents); ++i) {
    }
    if (documents.starts.size() > 1) {
      return core::Fail(core::ErrorCode::kInvalidInput,
                        fmt::format("a {} holds one YAML document, this one has more", kind.noun),
                        where.Where(documents.starts[1]));
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

}  // namespace candor::yaml
