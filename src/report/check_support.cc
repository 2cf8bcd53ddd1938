#include "report/check_support.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

namespace candor::report::check_support {
namespace {

// Decodes one UTF-8 character at text[i]; returns its length, or 0 when the
// bytes there are not valid UTF-8 (overlong forms and surrogates included).
size_t DecodeUtf8(std::string_view text, size_t i, char32_t& out) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    out = b0;
    return 1;
  }
  size_t length = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, out = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, out = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, out = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    out = (out << 6) | (byte(i + k) & 0x3F);
  }
  if (out < min || out > 0x10FFFF || (out >= 0xD800 && out <= 0xDFFF)) return 0;
  return length;
}

// Characters no output should carry from a tool: C0 and C1 controls, DEL,
// and the bidirectional overrides that make text read differently from what
// it is ("Trojan Source").
bool IsDropped(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

std::string Clean(std::string_view text, size_t max_bytes, bool keep_newlines) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 3);
  bool pending_space = false;
  bool truncated = false;
  auto flush_space = [&] {
    if (pending_space && !out.empty() && out.back() != '\n') out += ' ';
    pending_space = false;
  };
  for (size_t i = 0; i < text.size();) {
    char32_t c = 0;
    size_t length = DecodeUtf8(text, i, c);
    if (length == 0) c = 0xFFFD;
    std::string_view bytes = length ? text.substr(i, length) : std::string_view("\xEF\xBF\xBD");
    i += length ? length : 1;
    if (c == '\r' && keep_newlines) {
      if (i < text.size() && text[i] == '\n') continue;  // "\r\n": the '\n' follows
      c = '\n';
    }
    if (length && c == '\n' && keep_newlines) {
      pending_space = false;
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (out.size() + 1 > max_bytes) {
        truncated = true;
        break;
      }
      out += '\n';
      continue;
    }
    if (length && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) {
      pending_space = true;
      continue;
    }
    if (length && IsDropped(c)) continue;
    flush_space();
    if (out.size() + bytes.size() > max_bytes) {
      truncated = true;
      break;
    }
    out += bytes;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  size_t start = out.find_first_not_of(" \n");
  if (start == std::string::npos) return truncated ? "..." : "";
  if (start > 0) out.erase(0, start);
  if (truncated) out += "...";
  return out;
}

}  // namespace

std::vector<const check::CheckedFinding*> Sorted(const std::vector<check::CheckedFinding>& findings) {
  std::vector<const check::CheckedFinding*> out;
  out.reserve(findings.size());
  for (const auto& finding : findings) out.push_back(&finding);
  auto key = [](const check::CheckedFinding* checked) {
    const core::Finding& f = checked->finding;
    return std::tie(f.path, f.region.start_line, f.region.start_column, f.rule_id, f.tool, f.message,
                    f.identity, f.region.end_line, f.region.end_column);
  };
  std::stable_sort(out.begin(), out.end(), [&](const auto* a, const auto* b) {
    if (a->finding.severity != b->finding.severity) return a->finding.severity > b->finding.severity;
    return key(a) < key(b);
  });
  return out;
}

std::vector<const check::GuardrailOutcome*> Tripped(const check::CheckResult& result,
                                                    const check::CheckedFinding& finding) {
  std::vector<size_t> indices;
  for (size_t index : finding.tripped) {
    if (index < result.guardrails.size()) indices.push_back(index);
  }
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  std::vector<const check::GuardrailOutcome*> out;
  for (size_t index : indices) out.push_back(&result.guardrails[index]);
  return out;
}

std::vector<std::string> TrippedNames(const check::CheckResult& result,
                                      const check::CheckedFinding& finding) {
  std::vector<std::string> names;
  for (const auto* outcome : Tripped(result, finding)) names.push_back(outcome->guardrail.name);
  return names;
}

Verdict Judge(const check::CheckResult& result) {
  Verdict verdict;
  verdict.blocked = result.Blocked();
  for (const auto& checked : result.introduced) {
    if (checked.suppressed) {
      ++verdict.suppressed;
      continue;
    }
    switch (checked.action) {
      case policy::Action::kBlock: ++verdict.blocking; break;
      case policy::Action::kWarn: ++verdict.warning; break;
      case policy::Action::kInform: ++verdict.informing; break;
    }
  }
  size_t tripped_blocking = 0;
  for (const auto& outcome : result.guardrails) {
    if (outcome.Blocks()) {
      verdict.blocking_guardrails.push_back(outcome.guardrail.name);
      tripped_blocking = std::max(tripped_blocking, outcome.tripped);
    } else if (outcome.tripped > 0 && outcome.guardrail.action == policy::Action::kWarn) {
      verdict.warning_guardrails.push_back(outcome.guardrail.name);
    }
  }
  // A result assembled by hand may block without any introduced finding
  // marked as blocking; the guardrails' own counts still say how many.
  if (verdict.blocked && verdict.blocking == 0) verdict.blocking = std::max<size_t>(tripped_blocking, 1);
  return verdict;
}

std::string VerdictLine(const Verdict& verdict) {
  if (!verdict.blocked) return "No new security findings block this change";
  return fmt::format("{} {} this change ({} {})", Count(verdict.blocking, "new finding", "new findings"),
                     verdict.blocking == 1 ? "blocks" : "block",
                     verdict.blocking_guardrails.size() == 1 ? "guardrail" : "guardrails",
                     fmt::join(verdict.blocking_guardrails, ", "));
}

std::string SeverityCounts(const std::vector<check::CheckedFinding>& findings) {
  std::array<size_t, 5> counts{};
  for (const auto& checked : findings) {
    auto index = static_cast<size_t>(checked.finding.severity);
    if (index < counts.size()) ++counts[index];
  }
  std::vector<std::string> parts;
  for (size_t i = counts.size(); i-- > 0;) {
    if (counts[i] > 0) parts.push_back(fmt::format("{} {}", counts[i], core::ToString(core::Severity(i))));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string Count(size_t n, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

std::string Location(const core::Finding& finding) {
  if (finding.path.empty()) {
    return finding.dependency.package.empty() ? "(no location)" : finding.dependency.package;
  }
  if (finding.region.start_line <= 0) return finding.path;
  return fmt::format("{}:{}", finding.path, finding.region.start_line);
}

std::string RuleLabel(const core::Finding& finding) {
  if (finding.rule_name.empty() || finding.rule_name == finding.rule_id) {
    return finding.rule_id.empty() ? "(no rule id)" : finding.rule_id;
  }
  if (finding.rule_id.empty()) return finding.rule_name;
  return fmt::format("{} ({})", finding.rule_name, finding.rule_id);
}

std::string CleanLine(std::string_view text, size_t max_bytes) {
  return Clean(text, max_bytes, false);
}

std::string CleanBlock(std::string_view text, size_t max_bytes) {
  return Clean(text, max_bytes, true);
}

std::string CweUrl(int cwe) {
  return fmt::format("https://cwe.mitre.org/data/definitions/{}.html", cwe);
}

bool IsWebUrl(std::string_view uri) {
  if (!uri.starts_with("https://") && !uri.starts_with("http://")) return false;
  if (uri.size() > 2000) return false;
  size_t host = uri.find("://") + 3;
  if (host >= uri.size() || uri[host] == '/') return false;
  for (char c : uri) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || byte >= 0x80 || c == '"' || c == '<' || c == '>' || c == '\\' ||
        c == '`') {
      return false;
    }
  }
  return true;
}

std::string EncodePath(std::string_view path) {
  std::string out;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

}  // namespace candor::report::check_support
