#pragma once
// What the reader tests share: running a reader on text or on a sample report
// into a CollectingSink, checking that bad input gives one clear error (file,
// byte offset, JSON path), and that every truncation of a report is refused.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest::testing {

// The signature every format reader has (ReadBandit, ReadSarif, ...).
using ReaderFn = core::Status (*)(const InputBuffer&, ParseContext&, FindingSink&);

// The whole file at `path`, or "" when it cannot be read.
inline std::string Slurp(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream out;
  out << file.rdbuf();
  return out.str();
}

// The first finding with this rule id and, when `extra` is given, that
// installed version or path.
inline const core::Finding* Find(const CollectingSink& sink, std::string_view rule_id,
                                 std::string_view extra = {}) {
  for (const auto& run : sink.runs) {
    for (const auto& f : run.findings) {
      if (f.rule_id == rule_id &&
          (extra.empty() || f.dependency.installed_version == extra || f.path == extra)) {
        return &f;
      }
    }
  }
  return nullptr;
}

// One native reader under test: the function, the name its input carries
// (errors name it), and its folder of sample reports under tests/data/native.
struct NativeReader {
  ReaderFn read;
  std::string_view file_name;
  std::string_view data_dir;

  std::string DataPath(const std::string& name) const {
    return std::string(CANDOR_TEST_DATA) + "/native/" + std::string(data_dir) + "/" + name;
  }

  // Reads `text` with `context`, or a fresh one; the sink, or the reader's error.
  core::Result<CollectingSink> ReadText(const std::string& text, ParseContext* context = nullptr) const {
    ParseContext local;
    CollectingSink sink;
    InputBuffer input(std::string(file_name), text);
    if (auto status = read(input, context != nullptr ? *context : local, sink); !status) {
      return std::unexpected(status.error());
    }
    return sink;
  }

  // Reads the sample report `name`, which must be accepted.
  CollectingSink ReadFile(const std::string& name, ParseContext* context = nullptr) const {
    auto sink = ReadText(Slurp(DataPath(name)), context);
    EXPECT_TRUE(sink.has_value()) << name << ": " << sink.error().ToString();
    return sink ? std::move(*sink) : CollectingSink{};
  }

  // `text` is refused with an error that contains `message_part`, names the
  // file and a byte offset, and contains `path_part` when one is given.
  void ExpectError(const std::string& text, std::string_view message_part,
                   std::string_view path_part = {}) const {
    auto sink = ReadText(text);
    ASSERT_FALSE(sink) << text;
    std::string all = sink.error().ToString();
    EXPECT_NE(all.find(message_part), std::string::npos) << all;
    EXPECT_NE(all.find(std::string(file_name) + ": byte "), std::string::npos) << all;
    if (!path_part.empty()) {
      EXPECT_NE(all.find(path_part), std::string::npos) << all;
    }
  }

  // The sample report `name` cut at about `cuts` places before its last
  // significant byte is refused at every one.
  void ExpectEveryTruncationFails(const std::string& name, size_t cuts = 500) const {
    std::string text = Slurp(DataPath(name));
    size_t end = text.find_last_not_of(" \t\r\n");
    for (size_t cut = 0; cut < end; cut += std::max<size_t>(1, end / cuts)) {
      EXPECT_FALSE(ReadText(text.substr(0, cut))) << name << " cut at " << cut;
    }
  }
};

// What one call of a reader left: its status, the sink and the warnings.
struct ReadOutcome {
  core::Status status;
  CollectingSink sink;
  std::vector<std::string> warnings;

  std::string Error() const { return status ? "(no error)" : status.error().ToString(); }
  std::string Warnings() const {
    std::string all;
    for (const auto& w : warnings) all += w + "\n";
    return all;
  }
  bool Warned(std::string_view part) const {
    return std::any_of(warnings.begin(), warnings.end(),
                       [&](const std::string& w) { return w.find(part) != std::string::npos; });
  }
};

inline ReadOutcome ReadWith(ReaderFn read, const InputBuffer& input, Limits limits = {}) {
  ReadOutcome outcome;
  ParseContext context;
  context.limits = limits;
  outcome.status = read(input, context, outcome.sink);
  outcome.warnings = std::move(context.warnings);
  return outcome;
}

}  // namespace candor::ingest::testing
