#pragma once
// Where the elements of a document's big arrays are, found by the syntax
// check as it passes them (json_syntax.h), so that a reader can parse the
// document without them (its skeleton) and each element as a small document
// of its own. simdjson On-Demand indexes a whole document before the first
// value is read: 34 MB of fresh memory for a 60 MB SARIF log, which costs
// more to fault in than to fill on virtual machines. An element's index
// (a few KB) stays warm from one element to the next.
// The arrays outlined are SARIF's: the value of "results" in each object of
// the top-level "runs" array, when every element is an object.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/sarif_layout.h"

namespace candor::ingest {

struct OutlinedArray {
  TextSpan array;                  // '[' to one past ']'
  std::vector<TextSpan> elements;  // each element's '{' to one past its '}'
};

// Spans are offsets into InputBuffer::bytes(), in text order.
struct JsonOutline {
  std::vector<OutlinedArray> arrays;

  // The array whose '[' is at `begin`, or nullptr.
  const OutlinedArray* ArrayAt(size_t begin) const;
};

// The text without the inside of the outlined arrays ("results":[] is left
// of each), padded for simdjson, with the way back to offsets in the text.
class Skeleton {
 public:
  static constexpr size_t kPadding = 64;  // >= SIMDJSON_PADDING, checked where simdjson is used

  Skeleton(std::string_view text, const JsonOutline& outline);

  std::string_view bytes() const { return std::string_view(text_).substr(0, size_); }
  size_t padded_capacity() const { return text_.size(); }
  // The offset in the original text of the skeleton's byte at `offset`.
  size_t OriginalOffset(size_t offset) const;

 private:
  struct Piece {
    size_t skeleton_begin;
    size_t original_begin;
  };
  std::string text_;  // size_ bytes, then kPadding zero bytes
  size_t size_ = 0;
  std::vector<Piece> pieces_;
};

}  // namespace candor::ingest
