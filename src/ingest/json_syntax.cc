#include "ingest/json_syntax.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <string.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "core/text.h"
#include "ingest/json_reader.h"

// For the lambda that checks each string: called, as GCC chose, it cost 5%
// of the check's instructions (32 of 689 million on a 58 MB log, by
// cachegrind). A macro, so clang-format reads the lambda.
#define CANDOR_ALWAYS_INLINE __attribute__((always_inline))

namespace candor::ingest {

namespace {

// Stage 1 kept for reuse by this thread, sized for one window.
struct Stage1Pool {
  std::unique_ptr<simdjson::internal::dom_parser_implementation> parser;
  size_t capacity = 0;
};
thread_local Stage1Pool stage1_pool;

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool IsHex(char c) {
  return core::IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// What may follow a number or literal.
bool EndsToken(const char* text, size_t pos, size_t size) {
  if (pos >= size) return true;
  char c = text[pos];
  return IsJsonSpace(c) || c == ',' || c == ']' || c == '}' || c == ':';
}

unsigned Hex4(const char* p) {
  unsigned value = 0;
  for (int i = 0; i < 4; ++i) {
    char c = p[i];
    value = value * 16 + static_cast<unsigned>(core::IsAsciiDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return value;
}

// The length of the valid escape sequence whose backslash is at `i` (2, 6,
// or 12 for a surrogate pair), or 0 when it is not one.
size_t EscapeLength(const char* text, size_t i, size_t size) {
  if (i + 1 >= size) return 0;
  char e = text[i + 1];
  if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') return 2;
  if (e != 'u' || i + 6 > size || !IsHex(text[i + 2]) || !IsHex(text[i + 3]) || !IsHex(text[i + 4]) ||
      !IsHex(text[i + 5])) {
    return 0;
  }
  unsigned code = Hex4(text + i + 2);
  if (code >= 0xDC00 && code <= 0xDFFF) return 0;  // a low surrogate with no high one before it
  if (code < 0xD800 || code > 0xDBFF) return 6;
  // A high surrogate must be followed by \uDC00-\uDFFF.
  if (i + 12 > size || text[i + 6] != '\\' || text[i + 7] != 'u' || !IsHex(text[i + 8]) ||
      !IsHex(text[i + 9]) || !IsHex(text[i + 10]) || !IsHex(text[i + 11])) {
    return 0;
  }
  unsigned low = Hex4(text + i + 8);
  return low >= 0xDC00 && low <= 0xDFFF ? 12 : 0;
}

// Checks the string whose opening quote is at `pos`; returns the position
// after its closing quote, or sets `error_at` (and returns 0) at a bad escape.
size_t ScanString(const char* text, size_t pos, size_t size, size_t& error_at) {
  size_t i = pos + 1;
  while (i < size) {
    char c = text[i];
    if (c == '"') return i + 1;
    if (c != '\\') {
      ++i;
      continue;
    }
    size_t length = EscapeLength(text, i, size);
    if (length == 0) {
      error_at = i;
      return 0;
    }
    i += length;
  }
  error_at = pos;  // stage 1 reports unclosed strings; kept for safety
  return 0;
}

// JSON number grammar; returns the position after the number, or 0.
size_t ScanNumber(const char* text, size_t pos, size_t size) {
  size_t i = pos;
  if (i < size && text[i] == '-') ++i;
  if (i >= size || !core::IsAsciiDigit(text[i])) return 0;
  if (text[i] == '0') {
    ++i;
  } else {
    while (i < size && core::IsAsciiDigit(text[i])) ++i;
  }
  if (i < size && text[i] == '.') {
    ++i;
    if (i >= size || !core::IsAsciiDigit(text[i])) return 0;
    while (i < size && core::IsAsciiDigit(text[i])) ++i;
  }
  if (i < size && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < size && (text[i] == '+' || text[i] == '-')) ++i;
    if (i >= size || !core::IsAsciiDigit(text[i])) return 0;
    while (i < size && core::IsAsciiDigit(text[i])) ++i;
  }
  return EndsToken(text, i, size) ? i : 0;
}

// What went wrong at `bad`, as check_string in CheckJsonSyntax reports it.
std::string StringError(char at) {
  if (at == '\\') return "invalid string escape";
  if (at == '"') return "unclosed string";
  return fmt::format("unexpected '{}' after a string", at);
}

// The position of the last quote in [from, end) written as `","`, or 0.
// Such a quote opens a string unless the string before it is "," itself:
// an unescaped quote cannot be inside a string, so the first quote of the
// three closes a string or opens ",". In minified JSON (a SARIF log's
// `"text":"...","id":...`) the pattern comes every few dozen bytes, so a
// window cut there almost never ends inside a string.
size_t StringAboutToOpen(const char* text, size_t from, size_t end) {
  for (size_t q = end; q > from + 2;) {
    const void* found = memrchr(text + from + 2, '"', q - from - 2);
    if (found == nullptr) return 0;
    q = static_cast<size_t>(static_cast<const char*>(found) - text);
    if (text[q - 1] == ',' && text[q - 2] == '"') return q;
  }
  return 0;
}

struct Frame {
  bool object;
  size_t count;          // elements or fields seen so far
  std::string_view key;  // current key (raw, as written), objects only
};

std::string FramesPath(const std::vector<Frame>& frames) {
  std::string out = "$";
  for (const Frame& frame : frames) {
    if (frame.object) {
      if (!frame.key.empty() || frame.count > 0) {
        out += '.';
        out += frame.key;
      }
    } else {
      fmt::format_to(std::back_inserter(out), "[{}]", frame.count);
    }
  }
  return out;
}

}  // namespace

// A pushdown check of the JSON grammar over the positions of structural
// characters and scalar starts that simdjson's SIMD stage 1 finds, plus scalar
// checks: escapes, numbers, literals. Stage 1 runs over windows of about 1 MB
// that end just after a newline (never inside a string in valid JSON) or, in
// minified JSON, before a string or after a punctuation character, so its index
// buffer stays small and warm whatever the input size. Keys are views into the input; a path is
// built only for an error.
std::optional<JsonSyntaxError> CheckJsonSyntax(const InputBuffer& input, size_t max_depth,
                                               JsonOutline* outline) {
  constexpr size_t kWindow = size_t{1} << 20;
  const char* text = input.bytes().data();
  const size_t size = input.bytes().size();
  std::vector<Frame> frames;

  std::unique_ptr<simdjson::internal::dom_parser_implementation>& stage1 = stage1_pool.parser;
  size_t& capacity = stage1_pool.capacity;
  if (!stage1 || capacity > 4 * kWindow) {  // a big window (minified JSON) is not kept
    capacity = kWindow;
    if (auto e =
            simdjson::get_active_implementation()->create_dom_parser_implementation(capacity, 0, stage1)) {
      stage1.reset();
      return JsonSyntaxError{0, "$", std::string(DescribeJsonError(e)), core::ErrorCode::kIo};
    }
  }
  size_t window_start = 0, window_end = 0, count = 0;
  const uint32_t* index = nullptr;

  // Loads windows until one has structurals; false at the end of the input.
  auto run_stage1 = [&](size_t length) -> simdjson::error_code {
    if (length > capacity) {
      capacity = length;
      if (auto e = stage1->set_capacity(capacity)) {
        stage1.reset();
        return e;
      }
    }
    return stage1->stage1(reinterpret_cast<const uint8_t*>(text + window_start), length,
                          simdjson::stage1_mode::regular);
  };
  // Where the string that is open at `end` starts: the last unescaped quote before it.
  auto opening_quote = [&](size_t end) -> size_t {
    for (size_t q = end; q > window_start;) {
      --q;
      if (text[q] != '"') continue;
      size_t backslashes = 0;
      while (q - backslashes > window_start && text[q - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return q;
    }
    return window_start;
  };
  auto load = [&](std::optional<JsonSyntaxError>& error) -> bool {
    while (window_end < size) {
      window_start = window_end;
      window_end = size;
      bool mid_line = false;  // cut where the string state is not known in advance
      if (size - window_start > kWindow) {
        // Only the window's last part is searched: a line longer than that
        // is minified JSON, cut as below.
        constexpr size_t kNewlineSearch = size_t{64} << 10;
        const void* newline = memrchr(text + window_start + kWindow - kNewlineSearch, '\n', kNewlineSearch);
        if (newline != nullptr) {
          window_end = static_cast<size_t>(static_cast<const char*>(newline) - text) + 1;
        } else {
          // Minified JSON: cut where a string is about to open, or else on a
          // UTF-8 boundary; if that is inside a string, cut again just
          // before the string's opening quote (stage 1 runs twice then).
          mid_line = true;
          window_end = window_start + kWindow;
          if (size_t opening = StringAboutToOpen(text, window_end - kNewlineSearch, window_end)) {
            window_end = opening;
          }
          while (window_end > window_start + 1 &&
                 (static_cast<unsigned char>(text[window_end]) & 0xC0u) == 0x80u) {
            --window_end;
          }
        }
      }
      simdjson::error_code e = run_stage1(window_end - window_start);
      if (mid_line && e == simdjson::UNCLOSED_STRING) {
        size_t quote = opening_quote(window_end);
        window_end = quote > window_start ? quote : size;  // one string longer than a window: no cut
        mid_line = window_end != size;
        e = run_stage1(window_end - window_start);
      }
      if (e == simdjson::MEMALLOC || e == simdjson::CAPACITY) {
        error = JsonSyntaxError{window_start, FramesPath(frames), std::string(DescribeJsonError(e)),
                                core::ErrorCode::kIo};
        return false;
      }
      if (e) {
        if (e == simdjson::EMPTY) continue;  // only whitespace here
        const size_t length = window_end - window_start;
        size_t at = window_end;
        if (e == simdjson::UTF8_ERROR) {
          at = window_start + FirstInvalidUtf8(std::string_view(text + window_start, length));
        }
        if (e == simdjson::UNESCAPED_CHARS || e == simdjson::UNCLOSED_STRING) {
          bool in_string = false;
          for (size_t k = window_start; k < window_end; ++k) {
            char c = text[k];
            if (in_string && c == '\\') {
              ++k;
            } else if (c == '"') {
              in_string = !in_string;
              if (in_string) at = k;
            } else if (in_string && static_cast<unsigned char>(c) < 0x20) {
              at = k;
              e = simdjson::UNESCAPED_CHARS;
              break;
            }
          }
        }
        error = JsonSyntaxError{at, FramesPath(frames), std::string(DescribeJsonError(e))};
        return false;
      }
      index = stage1->structural_indexes.get();
      count = stage1->n_structural_indexes;
      // A number or literal at a mid-line cut may go on in the next window:
      // leave it to that window.
      if (mid_line && count > 0) {
        char last = text[window_start + index[count - 1]];
        if (std::string_view("{}[],:\"").find(last) == std::string_view::npos) {
          window_end = window_start + index[count - 1];
          --count;
        }
      }
      if (count > 0) return true;
    }
    return false;
  };

  // The walk's cursor over the window's structurals: locals only the inlined
  // `next_structural` and `next_start` capture, so that they stay in
  // registers (the window state above is captured by `load`, and lives in
  // memory).
  std::optional<JsonSyntaxError> load_error;
  const uint32_t* cursor = nullptr;
  const uint32_t* cursor_end = nullptr;
  size_t base = 0;
  // The next structural's position, or `size` at the end of the input.
  auto next_structural = [&]() CANDOR_ALWAYS_INLINE -> size_t {
    if (cursor == cursor_end) [[unlikely]] {
      if (!load(load_error)) return size;
      cursor = index;
      cursor_end = index + count;
      base = window_start;
    }
    return base + *cursor++;
  };
  // Where the structural after the current one starts, without moving on.
  auto next_start = [&]() CANDOR_ALWAYS_INLINE -> size_t {
    return cursor < cursor_end ? base + *cursor : window_end;
  };
  auto fail = [&](size_t pos, std::string message,
                  core::ErrorCode code = core::ErrorCode::kInvalidInput) -> std::optional<JsonSyntaxError> {
    return JsonSyntaxError{pos, FramesPath(frames), std::move(message), code};
  };
  // The first backslash at or after `from` (or `size`). Strings are checked
  // in text order, so the one found last is searched again only once it is
  // behind: one search per backslash instead of one per string (most strings
  // are short keys, where a search costs more than the bytes).
  size_t backslash = 0;
  bool backslash_known = false;
  auto first_backslash = [&](size_t from) -> size_t {
    if (!backslash_known || backslash < from) {
      const void* found = from < size ? std::memchr(text + from, '\\', size - from) : nullptr;
      backslash = found != nullptr ? static_cast<size_t>(static_cast<const char*>(found) - text) : size;
      backslash_known = true;
    }
    return backslash;
  };
  // Checks the string starting at `pos`, whose next structural is at `limit`,
  // and returns the position after its closing quote (0 and `bad` set on an
  // error). Usually the closing quote is the last non-space byte before the
  // next structural, so only its escapes need a look; otherwise the string
  // is scanned byte by byte.
  auto check_string = [&](size_t pos, size_t limit, size_t& bad) CANDOR_ALWAYS_INLINE -> size_t {
    size_t last = limit;
    if (text[last - 1] != '"') {  // minified JSON has no space to step back over
      while (last > pos + 1 && IsJsonSpace(text[last - 1])) --last;
    }
    if (last > pos + 1 && text[last - 1] == '"') {
      const size_t close = last - 1;
      // The backslash found last is usually still ahead: no call then.
      size_t at = backslash_known && backslash > pos ? backslash : first_backslash(pos + 1);
      while (at < close) {
        const size_t length = EscapeLength(text, at, size);
        if (length == 0 || at + length > close) break;  // the byte-by-byte scan says where
        at = first_backslash(at + length);
      }
      if (at >= close) return last;
    }
    size_t end = ScanString(text, pos, size, bad);
    if (end == 0) return 0;
    for (size_t k = end; k < limit; ++k) {
      if (!IsJsonSpace(text[k])) {
        bad = k;
        return 0;
      }
    }
    return end;
  };
  auto end_of_input = [&]() -> std::optional<JsonSyntaxError> {
    if (load_error) return load_error;
    if (size == 0 || (frames.empty() && window_end == size && count == 0))
      return fail(size, "empty input, expected a JSON document");
    return fail(size, "unexpected end of input (truncated JSON)");
  };

  // The outline (json_outline.h): $.runs[*].results arrays whose elements are all objects.
  bool outlining = false;  // inside the last array of `outline`
  auto outline_open = [&](char c, size_t pos) {
    if (outlining) {
      if (frames.size() != 4) return;
      if (c == '{') {
        outline->arrays.back().elements.push_back(TextSpan{pos, pos});
      } else {  // an element that is no object: this array is read with the document
        outline->arrays.pop_back();
        outlining = false;
      }
    } else if (outline != nullptr && c == '[' && frames.size() == 3 && frames[0].object &&
               frames[0].key == "runs" && !frames[1].object && frames[2].object &&
               frames[2].key == "results") {
      outline->arrays.push_back(OutlinedArray{TextSpan{pos, pos}, {}});
      outlining = true;
    }
  };
  auto outline_scalar = [&] {
    if (outlining && frames.size() == 4) {
      outline->arrays.pop_back();
      outlining = false;
    }
  };
  auto outline_close = [&](size_t pos) {  // after the pop
    if (!outlining) return;
    if (frames.size() == 4) {
      outline->arrays.back().elements.back().end = pos + 1;
    } else if (frames.size() == 3) {
      outline->arrays.back().array.end = pos + 1;
      outlining = false;
    }
  };

  // The grammar as places in the code, each jumping to the next (as
  // simdjson's own stage 2 does), rather than a state variable switched on
  // for every structural: the branch predictor then learns a document's
  // shape. On two 58 MB logs the walk took 748 -> 603 million instructions
  // (cachegrind), and one log's check about 100 -> 45-60 ms.
  size_t pos = 0;
  char c = 0;
value:  // a value starts at the next structural
  pos = next_structural();
  if (pos >= size) return end_of_input();
  c = text[pos];
value_at:  // a value starts at `pos`, whose byte is `c`
  if (c == '{' || c == '[') {
    if (frames.size() >= max_depth) {
      return fail(pos, fmt::format("nesting too deep (more than {} levels; --max-depth)", max_depth),
                  core::ErrorCode::kLimitExceeded);
    }
    outline_open(c, pos);
    frames.push_back(Frame{c == '{', 0, {}});
    pos = next_structural();
    if (pos >= size) return end_of_input();
    c = text[pos];
    if (frames.back().object) {
      if (c != '}') goto key_at;
    } else if (c != ']') {
      goto value_at;
    }
    frames.pop_back();  // {} or []
    outline_close(pos);
    goto after_value;
  }
  if (c == '"') {
    size_t bad = 0;
    if (check_string(pos, next_start(), bad) == 0) return fail(bad, StringError(text[bad]));
  } else if (c == 't' || c == 'f' || c == 'n') {
    std::string_view literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
    if (std::string_view(text + pos, std::min(literal.size(), size - pos)) != literal ||
        !EndsToken(text, pos + literal.size(), size)) {
      return fail(pos, "invalid literal (expected true, false or null)");
    }
  } else if (c == '-' || core::IsAsciiDigit(c)) {
    if (ScanNumber(text, pos, size) == 0) return fail(pos, "invalid number");
  } else if (c == '}' || c == ']' || c == ',') {
    return fail(pos, fmt::format("expected a value, found '{}' (a stray comma?)", c));
  } else {
    return fail(pos, fmt::format("expected a value, found '{}'", c));
  }
  outline_scalar();
after_value:  // a value has ended
  if (frames.empty()) {
    pos = next_structural();
    if (pos < size) return fail(pos, "unexpected content after the JSON document");
    if (load_error) return load_error;
    return std::nullopt;
  }
  pos = next_structural();
  if (pos >= size) return end_of_input();
  c = text[pos];
  {
    Frame& frame = frames.back();
    if (c == ',') {
      ++frame.count;
      if (!frame.object) goto value;
      pos = next_structural();
      if (pos >= size) return end_of_input();
      c = text[pos];
      goto key_at;
    }
    if (c != (frame.object ? '}' : ']')) {
      return fail(pos, frame.object ? "expected ',' or '}' after an object field"
                                    : "expected ',' or ']' after an array element");
    }
  }
  frames.pop_back();
  outline_close(pos);
  goto after_value;
key_at : {  // a key starts at `pos`, whose byte is `c`
  if (c != '"') {
    return fail(pos, c == '}' ? "expected a key, found '}' (a trailing comma?)" : "expected a key string");
  }
  size_t bad = 0;
  const size_t end = check_string(pos, next_start(), bad);
  if (end == 0) return fail(bad, StringError(text[bad]));
  frames.back().key = std::string_view(text + pos + 1, end - pos - 2);
  const size_t colon = next_structural();
  if (colon >= size) return end_of_input();
  if (text[colon] != ':') return fail(colon, "expected ':' after a key");
  goto value;
}
}

size_t FirstInvalidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    unsigned min = 0;
    unsigned code = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2, min = 0x80, code = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3, min = 0x800, code = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4, min = 0x10000, code = c & 0x07u;
    } else {
      return i;
    }
    if (i + length > n) return i;
    for (size_t k = 1; k < length; ++k) {
      if ((p[i + k] & 0xC0u) != 0x80u) return i;
      code = (code << 6) | (p[i + k] & 0x3Fu);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += length;
  }
  return n;
}

core::Error SyntaxErrorOf(const InputBuffer& input, const JsonSyntaxError& error) {
  return core::Error{
      error.code, error.message,
      fmt::format("{}: byte {} at {}", input.name(), error.offset + input.bom_bytes(), error.path)};
}

}  // namespace candor::ingest
