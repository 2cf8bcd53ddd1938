#include "match/identity.h"

#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <cstring>

#include "core/text.h"
#include "match/field_hash.h"

namespace candor::match {
namespace {

// `texts` gives the finding's texts, made only if the "h:" layer is reached.
// Written into `out`, whose buffer is reused.
template <class MadeTexts>
void BaseIdentityInto(const core::Finding& finding, SourceTree* source, MadeTexts&& texts, std::string& out) {
  FieldHash hasher;
  if (!finding.fingerprints.empty()) {
    hasher.AddSorted(finding.fingerprints);
    out.assign("fp:");
  } else if (!finding.partial_fingerprints.empty()) {
    hasher.Add(finding.rule_id).Add(finding.path);
    hasher.AddSorted(finding.partial_fingerprints);
    out.assign("pfp:");
  } else if (auto context = source != nullptr ? source->ContextHash(finding.path, finding.region.start_line)
                                              : std::nullopt) {
    hasher.Add(finding.rule_id).Add(finding.path).Add(fmt::format("{:016x}", *context));
    out.assign("src:");
  } else {
    const FindingTexts& made = texts();
    hasher.Add(finding.rule_id).Add(finding.path).Add(made.masked_message);
    hasher.Add(made.bare_snippet);
    hasher.Add(finding.dependency.package);
    for (const auto& advisory : finding.advisories) hasher.Add(advisory);
    out.assign("h:");
  }
  hasher.AppendHex(out);
}

template <class MadeTexts>
std::string BaseIdentity(const core::Finding& finding, SourceTree* source, MadeTexts&& texts) {
  std::string out;
  BaseIdentityInto(finding, source, std::forward<MadeTexts>(texts), out);
  return out;
}

}  // namespace

std::string_view WithoutOccurrence(std::string_view identity) {
  // From the end: the suffix is short, the identity is not (searching the
  // whole of it for '#' cost as much as hashing it, for every result read).
  size_t digits = identity.size();
  while (digits > 0 && core::IsAsciiDigit(identity[digits - 1])) --digits;
  if (digits == identity.size() || digits == 0 || identity[digits - 1] != '#') return identity;
  return identity.substr(0, digits - 1);
}

namespace {

std::string_view FileNameOf(std::string_view path) {
  return path.substr(path.rfind('/') + 1);  // npos + 1 == 0: the whole path
}

// Whether the message quotes the finding's file name (or its path).
bool QuotesItsFile(const core::Finding& finding) {
  std::string_view file = FileNameOf(finding.path);
  return !file.empty() && std::string_view(finding.message).find(file) != std::string_view::npos;
}

// The message with each quote of the finding's path or file name replaced,
// left to right, the path winning where both start at one place. Searched
// for, not compared at every byte: a long message that quotes its file made
// that a twentieth of reading a log.
std::string WithQuotesReplaced(const core::Finding& finding) {
  std::string_view path = finding.path;
  std::string_view file = FileNameOf(path);
  std::string_view message = finding.message;
  std::string out;
  size_t at = 0;
  size_t at_path = message.find(path), at_file = message.find(file);
  while (at < message.size()) {
    // Each is searched again only once the text it found is behind `at`.
    if (at_path < at) at_path = message.find(path, at);
    if (at_file < at) at_file = message.find(file, at);
    const bool is_path = at_path <= at_file;
    const size_t next = is_path ? at_path : at_file;
    if (next == std::string_view::npos) break;
    out.append(message.substr(at, next - at));
    out += is_path ? "<path>" : "<file>";
    at = next + (is_path ? path.size() : file.size());
  }
  if (at < message.size()) out.append(message.substr(at));
  return out;
}

}  // namespace

std::string NormalizedMessage(const core::Finding& finding) {
  if (!QuotesItsFile(finding)) return MaskNumbers(finding.message);
  return MaskNumbers(WithQuotesReplaced(finding));
}

uint64_t NormalizedMessageKey(const core::Finding& finding, const FindingTexts& texts) {
  if (!QuotesItsFile(finding)) return FieldHash().Add(texts.masked_message).Key();
  return FieldHash().Add(MaskNumbers(WithQuotesReplaced(finding))).Key();
}

namespace {

// The first ASCII digit in [from, last), or `last`. Eight bytes at a time,
// with the bit hack that flags bytes between two values (Anderson's "Bit
// Twiddling Hacks", hasbetween: exact for any byte): a message is read for
// every result of both logs, and most of its bytes are not digits.
const char* FirstDigit(const char* from, const char* last) {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t kOnes = 0x0101010101010101;
    constexpr uint64_t kLow7 = kOnes * 0x7F, kHigh = kOnes * 0x80;
    constexpr uint64_t kBelow = kOnes * (127 + ('9' + 1)), kAbove = kOnes * (127 - ('0' - 1));
    for (; last - from >= 8; from += 8) {
      uint64_t bytes;
      std::memcpy(&bytes, from, sizeof bytes);
      const uint64_t low = bytes & kLow7;
      const uint64_t digits = (kBelow - low) & ~bytes & (low + kAbove) & kHigh;
      if (digits != 0) return from + std::countr_zero(digits) / 8;
    }
  }
  while (from < last && !core::IsAsciiDigit(*from)) ++from;
  return from;
}

}  // namespace

void MaskNumbersInto(std::string_view text, std::string& out) {
  // Written through a pointer into room for the whole text (masking only
  // shortens it): a push_back per byte costs twice as much. Messages have
  // few numbers, so the text between them is found first and copied whole,
  // rather than tested and copied byte by byte.
  out.resize_and_overwrite(text.size(), [text](char* to, size_t) {
    const char* from = text.data();
    const char* const last = from + text.size();
    char* end = to;
    while (from < last) {
      const char* digit = FirstDigit(from, last);
      std::memcpy(end, from, static_cast<size_t>(digit - from));
      end += digit - from;
      if (digit == last) break;
      *end++ = '#';
      for (from = digit + 1; from < last && core::IsAsciiDigit(*from);) ++from;
    }
    return static_cast<size_t>(end - to);
  });
}

std::string MaskNumbers(std::string_view text) {
  std::string out;
  MaskNumbersInto(text, out);
  return out;
}

void FindingTexts::Refill(const core::Finding& finding) {
  MaskNumbersInto(finding.message, masked_message);
  WithoutWhitespaceInto(finding.snippet, bare_snippet);
}

FindingTexts FindingTexts::Of(const core::Finding& finding) {
  FindingTexts texts;
  texts.Refill(finding);
  return texts;
}

std::string IdentityAssigner::AssignGroup(const core::Finding& finding, const FindingTexts& texts) const {
  return BaseIdentity(finding, source_, [&]() -> const FindingTexts& { return texts; });
}

void IdentityAssigner::AssignGroupInto(const core::Finding& finding, const FindingTexts& texts,
                                       std::string& out) const {
  BaseIdentityInto(
      finding, source_, [&]() -> const FindingTexts& { return texts; }, out);
}

std::string IdentityAssigner::Assign(const core::Finding& finding, const FindingTexts& texts) {
  return Counted(BaseIdentity(finding, source_, [&]() -> const FindingTexts& { return texts; }));
}

std::string IdentityAssigner::Assign(const core::Finding& finding) {
  return Counted(BaseIdentity(finding, source_, [&]() -> const FindingTexts& {
    texts_.Refill(finding);
    return texts_;
  }));
}

std::string IdentityAssigner::Counted(std::string base) {
  int occurrence = occurrences_[XXH3_64bits(base.data(), base.size())]++;
  if (occurrence == 0) return base;
  return fmt::format("{}#{}", base, occurrence);
}

}  // namespace candor::match
