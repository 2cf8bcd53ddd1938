#pragma once
// Reading a yaml-cpp document against a fixed schema, with errors that name
// FILE:LINE:COLUMN (1-based) of the node at fault. The one wrapper of
// yaml-cpp: every file format users write (policy, service, decisions,
// threat models) is read through it.
// Not thread-safe: one YamlReader per document.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace candor::yaml {

class YamlReader {
 public:
  // `max_values`: how many nodes the schema walk may visit in all. Aliases
  // share nodes in yaml-cpp, but a walk visits each use, so a small file of
  // aliases to a long list could otherwise expand to billions of values.
  YamlReader(std::string_view file_name, size_t max_values);

  const std::string& file_name() const { return file_name_; }
  std::string Where(const YAML::Mark& mark) const;  // "FILE:LINE:COL", or "FILE" for an unknown mark
  std::string Where(const YAML::Node& node) const { return Where(node.Mark()); }
  std::unexpected<core::Error> Error(const YAML::Node& node, std::string message) const;

  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  // The entries of mapping `node` (what: "the policy", "guardrail 'x'") in
  // document order. Refuses a node that is not a mapping, keys that are not
  // plain strings, duplicate keys, and keys outside `allowed` (with "did you
  // mean" when one is close).
  core::Result<std::vector<Entry>> Mapping(const YAML::Node& node, std::string_view what,
                                           std::initializer_list<std::string_view> allowed);

  // A scalar, or each item of a sequence of scalars: `key: x` and `key: [x, y]`
  // both read as a list.
  core::Result<std::vector<YAML::Node>> OneOrMany(const YAML::Node& node, std::string_view key);
  core::Result<std::vector<YAML::Node>> Sequence(const YAML::Node& node, std::string_view key);

  core::Result<std::string> String(const YAML::Node& node, std::string_view key);
  core::Result<int64_t> Integer(const YAML::Node& node, std::string_view key);
  core::Result<bool> Boolean(const YAML::Node& node, std::string_view key);
  // An ISO 8601 date or time (core::ParseIso8601), as UTC.
  core::Result<core::TimePoint> Time(const YAML::Node& node, std::string_view key);

  // Counts one visited node against the budget.
  core::Status Visit(const YAML::Node& node);

 private:
  std::string file_name_;
  size_t values_left_;
};

// A whole decimal number, all of `text`; nullopt otherwise.
std::optional<int64_t> ParseInteger(std::string_view text);

// "; did you mean 'x'?" for the closest of `candidates` when it is close
// enough to be a likely typo, "" otherwise.
std::string DidYouMean(std::string_view word, std::initializer_list<std::string_view> candidates);

// What a file format calls its documents ("policy", "decisions file") and
// how large one may be.
struct DocumentKind {
  std::string_view noun;
  size_t max_bytes;
};

// Loads the one YAML document of `text` and hands its root to `walk`.
// Refused with FILE:LINE:COL: text over kind.max_bytes (kLimitExceeded), an
// empty document, more than one document, YAML syntax, nesting past
// yaml-cpp's depth guard (kLimitExceeded). yaml-cpp's exceptions stay here.
core::Result<YAML::Node> LoadDocument(std::string_view text, std::string_view file_name, DocumentKind kind);

template <class T>
core::Result<T> ParseDocument(std::string_view text, std::string_view file_name, DocumentKind kind,
                              const std::function<core::Result<T>(const YAML::Node&)>& walk) {
  auto root = LoadDocument(text, file_name, kind);
  if (!root) return std::unexpected(std::move(root.error()));
  try {
    return walk(*root);
  } catch (const YAML::Exception& error) {
    return std::unexpected(YamlReader(file_name, 0).Error(*root, "YAML: " + error.msg).error());
  }
}

}  // namespace candor::yaml
