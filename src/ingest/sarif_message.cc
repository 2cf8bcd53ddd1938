#include "ingest/sarif_message.h"

namespace candor::ingest::sarif {

void FormatMessage(std::string_view pattern, std::span<const std::string_view> arguments, std::string& out) {
  out.reserve(out.size() + pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c == '{') {
      size_t end = i + 1;
      size_t index = 0;
      while (end < pattern.size() && pattern[end] >= '0' && pattern[end] <= '9' && end - i <= 6) {
        index = index * 10 + static_cast<size_t>(pattern[end] - '0');
        ++end;
      }
      if (end > i + 1 && end < pattern.size() && pattern[end] == '}' && index < arguments.size()) {
        out += arguments[index];
        i = end;
        continue;
      }
    }
    out += c;
  }
}

namespace {

bool IsEscapedBracket(std::string_view text, size_t i) {
  return text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '[' || text[i + 1] == ']');
}

}  // namespace

std::string RenderEmbeddedLinks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsEscapedBracket(text, i)) {
      out += text[++i];
      continue;
    }
    if (text[i] == '[') {
      std::string label;
      size_t j = i + 1;
      while (j < text.size() && text[j] != ']' && text[j] != '[') {
        if (IsEscapedBracket(text, j)) ++j;
        label += text[j++];
      }
      size_t target_end = j + 1 < text.size() && text[j] == ']' && text[j + 1] == '('
                              ? text.find(')', j + 2)
                              : std::string_view::npos;
      if (target_end != std::string_view::npos) {
        out += label;
        i = target_end;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace candor::ingest::sarif
