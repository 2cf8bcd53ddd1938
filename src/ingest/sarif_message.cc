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

}  // namespace candor::ingest::sarif
