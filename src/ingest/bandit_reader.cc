#include "ingest/bandit_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "core/severity.h"
#include "core/text.h"
#include "ingest/json_fields.h"
#include "ingest/json_reader.h"

// Bandit's JSON report (`bandit -f json`):
//   {"errors": [{"filename", "reason"}], "generated_at", "metrics": {...},
//    "results": [{"test_id", "test_name", "issue_severity", "issue_confidence",
//                 "issue_cwe": {"id", "link"}, "issue_text", "filename",
//                 "line_number", "line_range", "col_offset", "end_col_offset",
//                 "code", "more_info"}]}
// Metrics are ignored. Lines excluded with "# nosec" never reach the report.
// Files Bandit could not scan ("errors") become warnings.

namespace candor::ingest {
namespace {

using core::Finding;
using core::Status;

constexpr std::string_view kTool = "bandit";

// Bandit prints code as "NN <source line>" per line; the numbers would tie the
// snippet (and any identity computed from it) to line positions.
std::string StripLineNumbers(std::string_view code) {
  std::string out;
  for (std::string_view line : core::Split(code, '\n')) {
    size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    if (digits > 0 && digits < line.size() && line[digits] == ' ') {
      line.remove_prefix(digits + 1);
    } else if (digits > 0 && digits == line.size()) {
      line = {};
    }
    out.append(line);
    out += '\n';
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class BanditReader {
 public:
  BanditReader(JsonReader& json, FindingSink& sink) : json_(json), walk_(json), sink_(sink) {}

  Status Read() {
    auto document = OpenDocument(json_);
    if (!document) return Forward(document.error());
    if (auto status = sink_.BeginRun({std::string(kTool), "", 0}); !status) return status;
    auto root = walk_.RootObject(**document, "a Bandit report object");
    if (!root) return Forward(root.error());
    Status status = walk_.Fields(*root, [this](std::string_view key, od::value& value) -> Status {
      if (key == "results") {
        return walk_.Elements(value, [this](size_t, od::value& result) { return ReadResult(result); });
      }
      if (key == "errors") {
        return walk_.Elements(value, [this](size_t, od::value& error) { return ReadScanError(error); });
      }
      return walk_.Skip(value);
    });
    if (!status) return status;
    if (auto finished = walk_.Finish(**document); !finished) return finished;
    return sink_.EndRun();
  }

 private:
  Status ReadScanError(od::value& error) {
    std::string filename, reason;
    Status status = walk_.Fields(error, [&](std::string_view key, od::value& value) -> Status {
      if (key == "filename") return walk_.StringInto(value, filename);
      if (key == "reason") return walk_.StringInto(value, reason);
      return walk_.Skip(value);
    });
    if (!status) return status;
    json_.Warn(fmt::format("bandit could not scan {}: {}", NormalisePath(filename), reason));
    return {};
  }

  Status ReadResult(od::value& result) {
    Finding finding;
    finding.tool = kTool;
    finding.category = core::Category::kSast;
    std::string filename, code;
    int line = 0, last_line = 0, column = -1, end_column = -1;
    Status status = walk_.Fields(result, [&](std::string_view key, od::value& value) -> Status {
      if (key == "test_id") return walk_.StringInto(value, finding.rule_id);
      if (key == "test_name") return walk_.StringInto(value, finding.rule_name);
      if (key == "issue_severity") return walk_.StringInto(value, finding.tool_severity);
      if (key == "issue_text") return walk_.StringInto(value, finding.message);
      if (key == "more_info") return walk_.StringInto(value, finding.help_uri);
      if (key == "filename") return walk_.StringInto(value, filename);
      if (key == "code") return walk_.StringInto(value, code);
      if (key == "line_number") return walk_.PositionInto(value, line);
      if (key == "col_offset" || key == "end_col_offset") {
        auto type = walk_.Type(value);
        if (!type) return Forward(type.error());
        int read = 0;
        if (auto number = walk_.PositionInto(value, read); !number) return number;
        // 0-based offsets; null means not given.
        if (*type != od::json_type::null) (key == "col_offset" ? column : end_column) = read;
        return {};
      }
      if (key == "line_range") {
        return walk_.Elements(value, [&](size_t, od::value& item) -> Status {
          int number = 0;
          if (auto read = walk_.PositionInto(item, number); !read) return read;
          last_line = std::max(last_line, number);
          return {};
        });
      }
      if (key == "issue_cwe") {
        return walk_.Fields(value, [&](std::string_view cwe_key, od::value& cwe_value) -> Status {
          if (cwe_key != "id") return walk_.Skip(cwe_value);
          auto text = walk_.ScalarText(cwe_value);
          if (!text) return Forward(text.error());
          AddCwes(finding.cwes, *text);
          return {};
        });
      }
      return walk_.Skip(value);
    });
    if (!status) return status;
    if (finding.rule_id.empty()) return json_.Invalid("result without a test_id");
    if (filename.empty()) return json_.Invalid("result without a filename");
    finding.path = NormalisePath(filename);
    finding.region.start_line = line;
    finding.region.end_line = std::max(line, last_line);
    // Bandit counts columns from 0 (Python's ast); Candor from 1.
    if (column >= 0) finding.region.start_column = column + 1;
    if (end_column >= 0 && line == finding.region.end_line) finding.region.end_column = end_column + 1;
    finding.snippet = StripLineNumbers(code);
    if (auto severity = core::SeverityFromToolWord(finding.tool_severity)) {
      finding.severity = *severity;  // HIGH, MEDIUM, LOW, UNDEFINED
    } else {
      json_.Warn(fmt::format("unknown issue_severity \"{}\", read as medium", finding.tool_severity));
      finding.severity = core::Severity::kMedium;
    }
    if (finding.message.empty()) finding.message = finding.rule_name;
    return Emit(json_, sink_, std::move(finding));
  }

  JsonReader& json_;
  FieldWalker walk_;
  FindingSink& sink_;
};

}  // namespace

core::Status ReadBandit(const InputBuffer& input, ParseContext& context, FindingSink& sink) {
  JsonReader json(input, context);
  return BanditReader(json, sink).Read();
}

}  // namespace candor::ingest
