#include "ingest/semgrep_reader.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/severity.h"
#include "core/text.h"
#include "ingest/json_fields.h"
#include "ingest/json_reader.h"

// Semgrep's JSON report (`semgrep --json`):
//   {"version", "results": [{"check_id", "path", "start": {"line", "col"},
//     "end": {...}, "extra": {"message", "severity", "lines", "fingerprint",
//     "is_ignored", "metadata": {"cwe", "owasp", "references", "category",
//     "source", "shortlink", ...}, "sca_info", ...}}], "errors": [...], "paths"}
// Severity: ERROR -> high, WARNING -> medium, INFO -> low (newer words such as
// CRITICAL or HIGH read as themselves). Without a login, Semgrep writes
// "requires login" in place of lines and fingerprint: those are left empty.
// Secrets rules' matched lines are not kept, since they hold the secret.

namespace candor::ingest {
namespace {

using core::Finding;
using core::Status;

constexpr std::string_view kTool = "semgrep";
constexpr std::string_view kLoginPlaceholder = "requires login";

std::optional<core::Severity> MapSeverity(std::string_view word) {
  if (core::EqualsIgnoreCase(word, "ERROR")) return core::Severity::kHigh;
  if (core::EqualsIgnoreCase(word, "WARNING")) return core::Severity::kMedium;
  if (core::EqualsIgnoreCase(word, "INFO")) return core::Severity::kLow;
  return core::SeverityFromToolWord(word);
}

class SemgrepReader {
 public:
  SemgrepReader(JsonReader& json, FindingSink& sink) : json_(json), walk_(json), sink_(sink) {}

  Status Read() {
    auto document = OpenDocument(json_);
    if (!document) return Forward(document.error());
    std::string version;
    bool peeked = PeekTopLevel(**document, [&version](std::string_view key, od::value& value) {
      if (key != "version") return true;
      std::string_view text;
      if (value.get_string().get(text) == simdjson::SUCCESS) version = text;
      return false;
    });
    // The document is broken: parse it afresh so the walk below reports where.
    if (!peeked && !(document = OpenDocument(json_))) return Forward(document.error());
    if (auto status = sink_.BeginRun({std::string(kTool), version, 0}); !status) return status;
    auto root = walk_.RootObject(**document, "a Semgrep report object");
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
  // {"type", "level", "message", "path"}: semgrep's own trouble, kept as a warning.
  Status ReadScanError(od::value& error) {
    std::string message, level, path;
    Status status = walk_.Fields(error, [&](std::string_view key, od::value& value) -> Status {
      if (key == "message") return walk_.StringInto(value, message);
      if (key == "level") return walk_.StringInto(value, level);
      if (key == "path") return walk_.StringInto(value, path);
      return walk_.Skip(value);
    });
    if (!status) return status;
    std::string where = path.empty() ? std::string() : NormalisePath(path) + ": ";
    json_.Warn(fmt::format("semgrep reported {}{}{}", level.empty() ? "" : level + " ", where,
                           core::Trim(message.substr(0, message.find('\n')))));
    return {};
  }

  Status Position(od::value& value, int& line, int& column) {
    return walk_.Fields(value, [&](std::string_view key, od::value& field) -> Status {
      if (key != "line" && key != "col") return walk_.Skip(field);
      auto number = walk_.Position(field);
      if (!number) return Forward(number.error());
      (key == "line" ? line : column) = *number;
      return {};
    });
  }

  struct Metadata {
    std::string category, product, source, shortlink, source_rule_url;
    std::vector<std::string> references;
    bool secret_type = false;
  };

  Status ReadMetadata(od::value& value, Finding& finding, Metadata& meta) {
    return walk_.Fields(value, [&](std::string_view key, od::value& field) -> Status {
      if (key == "cwe") {
        std::vector<std::string> cwes;
        if (auto read = walk_.Strings(field, cwes); !read) return read;
        for (const std::string& cwe : cwes) {
          AddCwes(finding.cwes, cwe);
        }
        return {};
      }
      if (key == "category") return walk_.StringInto(field, meta.category);
      if (key == "product") return walk_.StringInto(field, meta.product);
      if (key == "source") return walk_.StringInto(field, meta.source);
      if (key == "shortlink") return walk_.StringInto(field, meta.shortlink);
      if (key == "source-rule-url") return walk_.StringInto(field, meta.source_rule_url);
      if (key == "secret_type" || key == "secret-type") meta.secret_type = true;
      if (key == "references") {
        auto type = walk_.Type(field);
        if (!type) return Forward(type.error());
        // Mostly a list of URLs; anything else is accepted and ignored.
        if (*type == od::json_type::string) {
          std::string reference;
          if (auto read = walk_.StringInto(field, reference); !read) return read;
          meta.references.push_back(std::move(reference));
          return {};
        }
        if (*type == od::json_type::array) {
          return walk_.Elements(field, [&](size_t, od::value& item) -> Status {
            auto item_type = walk_.Type(item);
            if (!item_type) return Forward(item_type.error());
            if (*item_type != od::json_type::string) return walk_.Skip(item);
            std::string reference;
            if (auto read = walk_.StringInto(item, reference); !read) return read;
            meta.references.push_back(std::move(reference));
            return {};
          });
        }
      }
      return walk_.Skip(field);
    });
  }

  Status ReadResult(od::value& result) {
    Finding finding;
    finding.tool = kTool;
    finding.category = core::Category::kSast;
    std::string path, lines, fingerprint;
    bool ignored = false, sca = false;
    Metadata meta;
    Status status = walk_.Fields(result, [&](std::string_view key, od::value& value) -> Status {
      if (key == "check_id") return walk_.StringInto(value, finding.rule_id);
      if (key == "path") return walk_.StringInto(value, path);
      if (key == "start") return Position(value, finding.region.start_line, finding.region.start_column);
      if (key == "end") return Position(value, finding.region.end_line, finding.region.end_column);
      if (key != "extra") return walk_.Skip(value);
      return walk_.Fields(value, [&](std::string_view extra_key, od::value& field) -> Status {
        if (extra_key == "message") return walk_.StringInto(field, finding.message);
        if (extra_key == "severity") return walk_.StringInto(field, finding.tool_severity);
        if (extra_key == "lines") return walk_.StringInto(field, lines);
        if (extra_key == "fingerprint") return walk_.StringInto(field, fingerprint);
        if (extra_key == "metadata") return ReadMetadata(field, finding, meta);
        if (extra_key == "is_ignored") {
          auto flag = walk_.Bool(field);
          if (!flag) return Forward(flag.error());
          ignored = *flag;
          return {};
        }
        if (extra_key == "sca_info") {
          auto type = walk_.Type(field);
          if (!type) return Forward(type.error());
          sca = *type != od::json_type::null;
        }
        return walk_.Skip(field);
      });
    });
    if (!status) return status;
    if (finding.rule_id.empty()) return json_.Invalid("result without a check_id");
    if (path.empty()) return json_.Invalid("result without a path");
    finding.path = NormalisePath(path);
    size_t last_dot = finding.rule_id.rfind('.');
    finding.rule_name =
        last_dot == std::string::npos ? finding.rule_id : finding.rule_id.substr(last_dot + 1);
    finding.message = std::string(core::Trim(finding.message));
    if (finding.message.empty()) finding.message = finding.rule_name;

    if (core::EqualsIgnoreCase(meta.category, "secrets") || core::EqualsIgnoreCase(meta.product, "secrets") ||
        meta.secret_type) {
      finding.category = core::Category::kSecrets;
    } else if (sca || core::EqualsIgnoreCase(meta.product, "supply-chain") ||
               core::EqualsIgnoreCase(meta.category, "supply-chain")) {
      finding.category = core::Category::kSca;
    }

    if (auto severity = MapSeverity(finding.tool_severity)) {
      finding.severity = *severity;
    } else {
      json_.Warn(fmt::format("unknown severity \"{}\", read as medium", finding.tool_severity));
      finding.severity = core::Severity::kMedium;
    }
    for (const std::string* uri : {&meta.source, &meta.shortlink, &meta.source_rule_url}) {
      if (finding.help_uri.empty()) finding.help_uri = *uri;
    }
    if (finding.help_uri.empty() && !meta.references.empty()) finding.help_uri = meta.references.front();
    if (lines != kLoginPlaceholder && finding.category != core::Category::kSecrets) finding.snippet = lines;
    if (!fingerprint.empty() && fingerprint != kLoginPlaceholder) {
      finding.fingerprints.push_back({"semgrep", fingerprint});
    }
    if (ignored) {
      finding.suppressions.push_back({core::SuppressionKind::kInSource, "accepted", "nosemgrep comment"});
    }
    return Emit(json_, sink_, std::move(finding));
  }

  JsonReader& json_;
  FieldWalker walk_;
  FindingSink& sink_;
};

}  // namespace

core::Status ReadSemgrep(const InputBuffer& input, ParseContext& context, FindingSink& sink) {
  JsonReader json(input, context);
  return SemgrepReader(json, sink).Read();
}

}  // namespace candor::ingest
