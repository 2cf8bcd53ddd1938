#include "match/field_hash.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace candor::match {

FieldHash& FieldHash::AddSorted(const std::vector<core::Fingerprint>& prints) {
  std::vector<const core::Fingerprint*> sorted;
  for (const auto& print : prints) sorted.push_back(&print);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* print : sorted) Add(print->name).Add(print->value);
  return *this;
}

void FieldHash::Stream(std::string_view bytes) {
  if (!streaming_) {
    XXH3_128bits_reset(&state_);
    XXH3_128bits_update(&state_, buffer_, gathered_);
    streaming_ = true;
  }
  XXH3_128bits_update(&state_, bytes.data(), bytes.size());
}

namespace {

// Appends `field` through `keep(c, out)` (which writes what c becomes and
// returns how many bytes) in chunks, then the field separator.
template <typename Transform>
void AppendTransformed(std::string_view field, Transform&& transform, auto&& append) {
  char chunk[256];
  size_t used = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    if (used == sizeof chunk) {
      append(std::string_view(chunk, used));
      used = 0;
    }
    used += transform(field, i, chunk + used);
  }
  append(std::string_view(chunk, used));
  append("\x1f");
}

}  // namespace

FieldHash& FieldHash::AddMaskedNumbers(std::string_view field) {
  // As MaskNumbers (identity.h): a run of digits becomes one '#'.
  AppendTransformed(
      field,
      [](std::string_view text, size_t& i, char* out) -> size_t {
        if (!core::IsAsciiDigit(text[i])) {
          *out = text[i];
          return 1;
        }
        while (i + 1 < text.size() && core::IsAsciiDigit(text[i + 1])) ++i;
        *out = '#';
        return 1;
      },
      [this](std::string_view bytes) { Append(bytes); });
  return *this;
}

FieldHash& FieldHash::AddWithoutWhitespace(std::string_view field) {
  AppendTransformed(
      field,
      [](std::string_view text, size_t& i, char* out) -> size_t {
        if (core::IsAsciiSpace(text[i])) return 0;
        *out = text[i];
        return 1;
      },
      [this](std::string_view bytes) { Append(bytes); });
  return *this;
}

std::string FieldHash::Hex() const {
  XXH128_hash_t hash = Digest();
  // As fmt's "{:016x}{:016x}", which is slow enough to show for 100,000 results.
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(32, '0');
  for (int i = 0; i < 16; ++i) {
    hex[15 - i] = kDigits[(hash.high64 >> (4 * i)) & 0xF];
    hex[31 - i] = kDigits[(hash.low64 >> (4 * i)) & 0xF];
  }
  return hex;
}

bool IsAllWhitespace(std::string_view text) {
  return std::all_of(text.begin(), text.end(), core::IsAsciiSpace);
}

std::string WithoutWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!core::IsAsciiSpace(c)) out.push_back(c);
  }
  return out;
}

}  // namespace candor::match
