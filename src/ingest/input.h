#pragma once
// Reading a scanner's output file (or standard input) into memory, bounded,
// ready for the JSON parser (padded, byte-order mark removed).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace candor::ingest {

// Bounds on untrusted input. Defaults suit real scanner output with a wide
// margin; `candor ingest --max-input-mb/--max-depth` change them.
struct Limits {
  size_t max_input_bytes = size_t{1} << 30;  // 1 GiB
  size_t max_depth = 128;                    // JSON nesting
};

// Bytes of one input with the zeroed padding simdjson reads past the end.
class InputBuffer {
 public:
  static constexpr size_t kPadding = 64;  // >= SIMDJSON_PADDING, checked where simdjson is used

  InputBuffer() = default;
  InputBuffer(std::string name, std::string_view bytes);  // copies, strips a UTF-8 BOM

  const std::string& name() const { return name_; }  // for messages: path or "<stdin>"
  std::string_view bytes() const { return {Begin(), size_}; }
  size_t padded_capacity() const { return size_ + kPadding; }
  size_t bom_bytes() const { return bom_bytes_; }  // added back to offsets in messages

 private:
  friend core::Result<InputBuffer> LoadInput(const std::string&, const Limits&);
  const char* Begin() const { return mapped_ ? mapped_.get() + bom_bytes_ : data_.data(); }
  std::string name_;
  std::string data_;  // size_ bytes of input, then kPadding zero bytes; or:
  // A large regular file mapped (and leased, see LoadInput), followed by at
  // least kPadding zero bytes.
  std::shared_ptr<const char> mapped_;
  size_t size_ = 0;
  size_t bom_bytes_ = 0;
};

// Reads PATH, or standard input for "-". Refuses inputs over the size limit
// without reading them whole (kLimitExceeded) and missing files (kNotFound).
// A regular file of 1 MB or more is mapped instead of copied when a read
// lease can be had on it: until the buffer (and every copy) is gone, other
// processes that open the file for writing or truncate it wait for that.
core::Result<InputBuffer> LoadInput(const std::string& path, const Limits& limits);

// Hex xxh3-128 of the bytes: the input's identity for idempotent ingest.
std::string DigestHex(std::string_view bytes);

}  // namespace candor::ingest
