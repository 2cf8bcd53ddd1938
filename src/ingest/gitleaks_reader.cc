#include "ingest/gitleaks_reader.h"

#include <fmt/format.h>

#include <string>
#include <unordered_set>

#include "ingest/json_fields.h"
#include "ingest/json_reader.h"

// Gitleaks JSON reports: a top-level array of leaks, or `null` when nothing
// was found.
//   v8: {"RuleID", "Description", "File", "StartLine", "EndLine", "StartColumn",
//        "EndColumn", "Match", "Secret", "Fingerprint", "Commit", "Author",
//        "Email", "Date", "Message", "Tags", "Entropy", ...}
//   v7: {"rule", "file", "line", "lineNumber", "offender", "commit", "author",
//        "email", "commitMessage", "tags", ...}
// Candor stores teams, never people, and never a secret: author, e-mail,
// commit and commit message are dropped; the secret (Secret / offender) only
// survives as "REDACTED" inside the matched text or line. Gitleaks has no
// severity; a leaked secret is high (docs/severity.md).
//
// A history scan reports the same leak once per commit that contains it. The
// commit is dropped here, so such repeats (same rule, file, line, columns and
// secret) become one finding, and a warning says how many were folded.

namespace candor::ingest {
namespace {

using core::Finding;
using core::Status;

constexpr std::string_view kTool = "gitleaks";

class GitleaksReader {
 public:
  GitleaksReader(JsonReader& json, FindingSink& sink) : json_(json), walk_(json), sink_(sink) {}

  Status Read() {
    auto document = OpenDocument(json_);
    if (!document) return Forward(document.error());
    if (auto status = sink_.BeginRun({std::string(kTool), "", 0}); !status) return status;
    auto root = walk_.Root(**document);
    if (!root) return Forward(root.error());
    if (*root) {
      auto type = walk_.Type(**root);
      if (!type) return Forward(type.error());
      if (*type != od::json_type::array) return json_.Invalid("expected an array of leaks at the top level");
      Status status = walk_.Elements(**root, [this](size_t, od::value& leak) { return ReadLeak(leak); });
      if (!status) return status;
    }
    if (auto status = walk_.Finish(**document); !status) return status;
    if (repeats_ > 0) {
      json_.Warn(fmt::format("{} leak(s) repeated in several commits were reported once", repeats_));
    }
    return sink_.EndRun();
  }

 private:
  Status ReadLeak(od::value& leak) {
    Finding finding;
    finding.tool = kTool;
    finding.category = core::Category::kSecrets;
    finding.severity = core::Severity::kHigh;
    std::string rule_id, rule, description, file, fingerprint;
    std::string match, secret, line, offender;  // hold the secret: never leave this function
    Status status = walk_.Fields(leak, [&](std::string_view key, od::value& value) -> Status {
      if (key == "RuleID") return walk_.StringInto(value, rule_id);
      if (key == "rule") return walk_.StringInto(value, rule);
      if (key == "Description") return walk_.StringInto(value, description);
      if (key == "File" || key == "file") return walk_.StringInto(value, file);
      if (key == "Fingerprint") return walk_.StringInto(value, fingerprint);
      if (key == "StartLine" || key == "lineNumber")
        return walk_.PositionInto(value, finding.region.start_line);
      if (key == "EndLine") return walk_.PositionInto(value, finding.region.end_line);
      if (key == "StartColumn") return walk_.PositionInto(value, finding.region.start_column);
      if (key == "EndColumn") return walk_.PositionInto(value, finding.region.end_column);
      if (key == "Match") return walk_.StringInto(value, match);
      if (key == "Secret") return walk_.StringInto(value, secret);
      if (key == "line") return walk_.StringInto(value, line);
      if (key == "offender") return walk_.StringInto(value, offender);
      // Author, Email, Commit, Message, Date, Tags, Entropy, Link, ...: checked, dropped.
      return walk_.Skip(value);
    });
    if (!status) return status;
    finding.rule_id = !rule_id.empty() ? rule_id : rule;
    if (finding.rule_id.empty()) return json_.Invalid("leak without a RuleID (v8) or rule (v7)");
    finding.rule_name = !description.empty() ? description : finding.rule_id;
    finding.message = finding.rule_name;
    finding.path = NormalisePath(file);
    if (!fingerprint.empty()) finding.fingerprints.push_back({"gitleaks", fingerprint});
    // v8 gives the matched text and the secret inside it; v7 the whole line and
    // the offending text. Without the secret, nothing is known to be safe to keep.
    finding.snippet = !match.empty() ? RedactSecret(match, secret) : RedactSecret(line, offender);
    // The key holds the secret only for the length of this read, in memory.
    std::string key =
        fmt::format("{}\n{}\n{}:{}-{}:{}\n{}", finding.rule_id, finding.path, finding.region.start_line,
                    finding.region.start_column, finding.region.end_line, finding.region.end_column,
                    !secret.empty() ? secret : offender);
    if (!seen_.insert(std::move(key)).second) {
      ++repeats_;
      return {};
    }
    return Emit(json_, sink_, std::move(finding));
  }

  JsonReader& json_;
  FieldWalker walk_;
  FindingSink& sink_;
  std::unordered_set<std::string> seen_;
  size_t repeats_ = 0;
};

}  // namespace

core::Status ReadGitleaks(const InputBuffer& input, ParseContext& context, FindingSink& sink) {
  JsonReader json(input, context);
  return GitleaksReader(json, sink).Read();
}

}  // namespace candor::ingest
