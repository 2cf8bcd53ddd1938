#include "store/list_codec.h"

#include <charconv>
#include <optional>

namespace candor::store {
namespace {

using core::ErrorCode;
using core::Fail;
using Pairs = std::vector<std::pair<std::string, std::string>>;

void AppendQuoted(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  auto plain = [](char c) { return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20; };
  for (size_t i = 0; i < text.size(); ++i) {
    // Runs of characters that need no escape are copied whole.
    size_t end = i;
    while (end < text.size() && plain(text[end])) ++end;
    out.append(text.substr(i, end - i));
    if (end == text.size()) break;
    i = end;
    char c = text[i];
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:  // another control character
        out += "\\u00";
        out += kHex[byte >> 4];
        out += kHex[byte & 0xf];
    }
  }
  out += '"';
}

void AppendUtf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xc0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xe0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  }
}

// A reader for the few JSON shapes above: arrays and objects of strings.
// It accepts any valid JSON of those shapes (including \u escapes another
// writer may have used), not only what the encoders produce.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool Consume(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ == text_.size();
  }

  std::optional<std::string> String() {
    if (!Consume('"')) return std::nullopt;
    std::string out;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return std::nullopt;
      switch (text_[pos_++]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          auto unit = Hex4();
          if (!unit) return std::nullopt;
          uint32_t code_point = *unit;
          if (code_point >= 0xd800 && code_point < 0xdc00 && text_.substr(pos_, 2) == "\\u") {
            pos_ += 2;
            auto low = Hex4();
            if (!low || *low < 0xdc00 || *low >= 0xe000) return std::nullopt;
            code_point = 0x10000 + ((code_point - 0xd800) << 10) + (*low - 0xdc00);
          }
          AppendUtf8(out, code_point);
          break;
        }
        default: return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // [ "a", "b" ]
  std::optional<std::vector<std::string>> StringArray() {
    std::vector<std::string> values;
    if (!Consume('[')) return std::nullopt;
    if (Consume(']')) return values;
    do {
      auto value = String();
      if (!value) return std::nullopt;
      values.push_back(std::move(*value));
    } while (Consume(','));
    if (!Consume(']')) return std::nullopt;
    return values;
  }

  // { "name": "value", ... }
  std::optional<Pairs> StringObject() {
    Pairs pairs;
    if (!Consume('{')) return std::nullopt;
    if (Consume('}')) return pairs;
    do {
      auto name = String();
      if (!name || !Consume(':')) return std::nullopt;
      auto value = String();
      if (!value) return std::nullopt;
      pairs.emplace_back(std::move(*name), std::move(*value));
    } while (Consume(','));
    if (!Consume('}')) return std::nullopt;
    return pairs;
  }

  // [ {...}, {...} ]
  std::optional<std::vector<Pairs>> ObjectArray() {
    std::vector<Pairs> objects;
    if (!Consume('[')) return std::nullopt;
    if (Consume(']')) return objects;
    do {
      auto object = StringObject();
      if (!object) return std::nullopt;
      objects.push_back(std::move(*object));
    } while (Consume(','));
    if (!Consume(']')) return std::nullopt;
    return objects;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  std::optional<uint32_t> Hex4() {
    if (pos_ + 4 > text_.size()) return std::nullopt;
    uint32_t value = 0;
    auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, value, 16);
    if (ec != std::errc() || end != text_.data() + pos_ + 4) return std::nullopt;
    pos_ += 4;
    return value;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

std::unexpected<core::Error> Malformed(std::string_view what, std::string_view text) {
  constexpr size_t kShown = 60;
  std::string shown(text.substr(0, kShown));
  if (text.size() > kShown) shown += "...";
  return Fail(ErrorCode::kStore, "stored " + std::string(what) + " is malformed: " + shown);
}

}  // namespace

std::string EncodeCwes(const std::vector<int>& cwes) {
  std::string out;
  for (int cwe : cwes) {
    if (!out.empty()) out += ',';
    out += std::to_string(cwe);
  }
  return out;
}

core::Result<std::vector<int>> DecodeCwes(std::string_view text) {
  std::vector<int> cwes;
  if (text.empty()) return cwes;
  const char* pos = text.data();
  const char* end = text.data() + text.size();
  while (true) {
    int value = 0;
    auto [next, ec] = std::from_chars(pos, end, value);
    if (ec != std::errc() || next == pos) return Malformed("CWE list", text);
    cwes.push_back(value);
    if (next == end) return cwes;
    if (*next != ',') return Malformed("CWE list", text);
    pos = next + 1;
  }
}

std::string EncodeStrings(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const std::string& value : values) {
    if (out.size() > 1) out += ',';
    AppendQuoted(out, value);
  }
  out += ']';
  return out;
}

core::Result<std::vector<std::string>> DecodeStrings(std::string_view text) {
  Reader reader(text);
  auto values = reader.StringArray();
  if (!values || !reader.AtEnd()) return Malformed("string list", text);
  return std::move(*values);
}

std::string EncodeFingerprints(const std::vector<core::Fingerprint>& fingerprints) {
  std::string out = "{";
  for (const core::Fingerprint& fingerprint : fingerprints) {
    if (out.size() > 1) out += ',';
    AppendQuoted(out, fingerprint.name);
    out += ':';
    AppendQuoted(out, fingerprint.value);
  }
  out += '}';
  return out;
}

core::Result<std::vector<core::Fingerprint>> DecodeFingerprints(std::string_view text) {
  Reader reader(text);
  auto pairs = reader.StringObject();
  if (!pairs || !reader.AtEnd()) return Malformed("fingerprints", text);
  std::vector<core::Fingerprint> fingerprints;
  fingerprints.reserve(pairs->size());
  for (auto& [name, value] : *pairs) fingerprints.push_back({std::move(name), std::move(value)});
  return fingerprints;
}

std::string EncodeSuppressions(const std::vector<core::Suppression>& suppressions) {
  std::string out = "[";
  for (const core::Suppression& suppression : suppressions) {
    if (out.size() > 1) out += ',';
    out += "{\"kind\":";
    AppendQuoted(out, core::ToString(suppression.kind));
    out += ",\"status\":";
    AppendQuoted(out, suppression.status);
    out += ",\"justification\":";
    AppendQuoted(out, suppression.justification);
    out += '}';
  }
  out += ']';
  return out;
}

core::Result<std::vector<core::Suppression>> DecodeSuppressions(std::string_view text) {
  Reader reader(text);
  auto objects = reader.ObjectArray();
  if (!objects || !reader.AtEnd()) return Malformed("suppressions", text);
  std::vector<core::Suppression> suppressions;
  suppressions.reserve(objects->size());
  for (auto& object : *objects) {
    core::Suppression suppression;
    for (auto& [name, value] : object) {
      if (name == "kind") {
        if (value == core::ToString(core::SuppressionKind::kInSource)) {
          suppression.kind = core::SuppressionKind::kInSource;
        } else if (value == core::ToString(core::SuppressionKind::kExternal)) {
          suppression.kind = core::SuppressionKind::kExternal;
        } else {
          return Malformed("suppression kind", value);
        }
      } else if (name == "status") {
        suppression.status = std::move(value);
      } else if (name == "justification") {
        suppression.justification = std::move(value);
      }
    }
    suppressions.push_back(std::move(suppression));
  }
  return suppressions;
}

}  // namespace candor::store
