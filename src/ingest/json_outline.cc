#include "ingest/json_outline.h"

#include <algorithm>

namespace candor::ingest {

const OutlinedArray* JsonOutline::ArrayAt(size_t begin) const {
  auto it = std::lower_bound(arrays.begin(), arrays.end(), begin,
                             [](const OutlinedArray& a, size_t at) { return a.array.begin < at; });
  return it != arrays.end() && it->array.begin == begin ? &*it : nullptr;
}

Skeleton::Skeleton(std::string_view text, const JsonOutline& outline) {
  size_t kept = text.size();
  for (const OutlinedArray& a : outline.arrays) kept -= a.array.end - a.array.begin - 2;
  text_.reserve(kept + kPadding);
  size_t at = 0;  // next original byte to keep
  for (const OutlinedArray& a : outline.arrays) {
    pieces_.push_back({text_.size(), at});
    text_.append(text.substr(at, a.array.begin + 1 - at));  // up to and with '['
    at = a.array.end - 1;                                   // from ']'
  }
  pieces_.push_back({text_.size(), at});
  text_.append(text.substr(at));
  size_ = text_.size();
  text_.append(kPadding, '\0');
}

size_t Skeleton::OriginalOffset(size_t offset) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), offset,
                             [](size_t at, const Piece& piece) { return at < piece.skeleton_begin; });
  const Piece& piece = *std::prev(it);  // pieces_[0] begins at 0
  return piece.original_begin + (offset - piece.skeleton_begin);
}

}  // namespace candor::ingest
