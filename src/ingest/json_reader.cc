#include "ingest/json_reader.h"

#include <fmt/format.h>
#include <string.h>

#include <algorithm>
#include <cstring>

#include "core/text.h"

namespace candor::ingest {

namespace {

// Parsers kept for reuse by this thread, with the buffers they allocated.
// Bounded: at most two, each for inputs up to 256 MiB.
struct ParserPool {
  static constexpr size_t kMaxParsers = 2;
  static constexpr size_t kMaxCapacity = size_t{256} << 20;
  std::vector<std::unique_ptr<od::parser>> parsers;
  // Stage 1 for the syntax check, sized for one window.
  std::unique_ptr<simdjson::internal::dom_parser_implementation> stage1;
  size_t stage1_capacity = 0;
};
thread_local ParserPool parser_pool;

}  // namespace

JsonReader::JsonReader(const InputBuffer& input, ParseContext& context) : input_(input), context_(context) {
  if (!parser_pool.parsers.empty()) {
    parser_ = std::move(parser_pool.parsers.back());
    parser_pool.parsers.pop_back();
  } else {
    parser_ = std::make_unique<od::parser>();
  }
}

JsonReader::~JsonReader() {
  if (parser_->capacity() <= ParserPool::kMaxCapacity &&
      parser_pool.parsers.size() < ParserPool::kMaxParsers) {
    parser_pool.parsers.push_back(std::move(parser_));
  }
}

core::Result<od::document*> JsonReader::Open() {
  if (input_.bytes().empty()) {
    error_offset_ = input_.bom_bytes();
    return Invalid("empty input, expected a JSON document");
  }
  // On-Demand checks only what a reader reads: check the whole text first.
  if (auto status = ValidateSyntax(); !status) return std::unexpected(status.error());
  // A pooled parser keeps its buffers when they are big enough.
  if (parser_->capacity() < input_.bytes().size() || parser_->max_depth() != context_.limits.max_depth) {
    if (auto error = parser_->allocate(input_.bytes().size(), context_.limits.max_depth)) return Fail(error);
  }
  auto error =
      parser_->iterate(input_.bytes().data(), input_.bytes().size(), input_.padded_capacity()).get(document_);
  if (error) return Fail(error);
  iterating_ = true;
  return &document_;
}

namespace {

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsHex(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
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
    value = value * 16 + static_cast<unsigned>(IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return value;
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
    if (i + 1 >= size) break;
    char e = text[i + 1];
    if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
      i += 2;
      continue;
    }
    if (e != 'u' || i + 6 > size || !IsHex(text[i + 2]) || !IsHex(text[i + 3]) || !IsHex(text[i + 4]) ||
        !IsHex(text[i + 5])) {
      error_at = i;
      return 0;
    }
    unsigned code = Hex4(text + i + 2);
    if (code >= 0xDC00 && code <= 0xDFFF) {  // a low surrogate with no high one before it
      error_at = i;
      return 0;
    }
    if (code >= 0xD800 && code <= 0xDBFF) {  // must be followed by \uDC00-\uDFFF
      if (i + 12 > size || text[i + 6] != '\\' || text[i + 7] != 'u' || !IsHex(text[i + 8]) ||
          !IsHex(text[i + 9]) || !IsHex(text[i + 10]) || !IsHex(text[i + 11])) {
        error_at = i;
        return 0;
      }
      unsigned low = Hex4(text + i + 8);
      if (low < 0xDC00 || low > 0xDFFF) {
        error_at = i;
        return 0;
      }
      i += 12;
      continue;
    }
    i += 6;
  }
  error_at = pos;  // stage 1 reports unclosed strings; kept for safety
  return 0;
}

// JSON number grammar; returns the position after the number, or 0.
size_t ScanNumber(const char* text, size_t pos, size_t size) {
  size_t i = pos;
  if (i < size && text[i] == '-') ++i;
  if (i >= size || !IsDigit(text[i])) return 0;
  if (text[i] == '0') {
    ++i;
  } else {
    while (i < size && IsDigit(text[i])) ++i;
  }
  if (i < size && text[i] == '.') {
    ++i;
    if (i >= size || !IsDigit(text[i])) return 0;
    while (i < size && IsDigit(text[i])) ++i;
  }
  if (i < size && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < size && (text[i] == '+' || text[i] == '-')) ++i;
    if (i >= size || !IsDigit(text[i])) return 0;
    while (i < size && IsDigit(text[i])) ++i;
  }
  return EndsToken(text, i, size) ? i : 0;
}

// What went wrong at `bad`, as check_string in ValidateSyntax reports it.
std::string StringError(char at) {
  if (at == '\\') return "invalid string escape";
  if (at == '"') return "unclosed string";
  return fmt::format("unexpected '{}' after a string", at);
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

std::unexpected<core::Error> JsonReader::SyntaxError(size_t offset, const std::string& path,
                                                     std::string message, core::ErrorCode code) {
  error_offset_ = offset + input_.bom_bytes();
  return core::Fail(code, std::move(message),
                    fmt::format("{}: byte {} at {}", input_.name(), *error_offset_, path));
}

// A pushdown check of the JSON grammar over the positions of structural
// characters and scalar starts that simdjson's SIMD stage 1 finds, plus scalar
// checks: escapes, numbers, literals. Stage 1 runs over windows of about 1 MB
// that end just after a newline (never inside a string in valid JSON) or, in
// minified JSON, before a string or after a punctuation character, so its index
// buffer stays small and warm whatever the input size. Keys are views into the input; a path is
// built only for an error.
core::Status JsonReader::ValidateSyntax() {
  constexpr size_t kWindow = size_t{1} << 20;
  const char* text = input_.bytes().data();
  const size_t size = input_.bytes().size();
  const size_t max_depth = context_.limits.max_depth;
  std::vector<Frame> frames;

  std::unique_ptr<simdjson::internal::dom_parser_implementation>& stage1 = parser_pool.stage1;
  size_t& capacity = parser_pool.stage1_capacity;
  if (!stage1 || capacity > 4 * kWindow) {  // a big window (minified JSON) is not kept
    capacity = kWindow;
    if (auto e =
            simdjson::get_active_implementation()->create_dom_parser_implementation(capacity, 0, stage1)) {
      stage1.reset();
      return SyntaxError(0, "$", std::string(DescribeJsonError(e)), core::ErrorCode::kIo);
    }
  }
  size_t window_start = 0, window_end = 0, count = 0, next = 0;
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
  auto load = [&](core::Status& status) -> bool {
    while (window_end < size) {
      window_start = window_end;
      window_end = size;
      bool mid_line = false;  // cut where the string state is not known in advance
      if (size - window_start > kWindow) {
        const void* newline = memrchr(text + window_start, '\n', kWindow);
        if (newline != nullptr) {
          window_end = static_cast<size_t>(static_cast<const char*>(newline) - text) + 1;
        } else {
          // Minified JSON: cut on a UTF-8 boundary; if that is inside a
          // string, cut again just before the string's opening quote.
          mid_line = true;
          window_end = window_start + kWindow;
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
        status = SyntaxError(window_start, FramesPath(frames), std::string(DescribeJsonError(e)),
                             core::ErrorCode::kIo);
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
        status = SyntaxError(at, FramesPath(frames), std::string(DescribeJsonError(e)));
        return false;
      }
      index = stage1->structural_indexes.get();
      count = stage1->n_structural_indexes;
      next = 0;
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

  // The next structural's position, or `size` at the end of the input.
  core::Status load_status;
  auto advance = [&]() -> size_t {
    if (next >= count && !load(load_status)) return size;
    return window_start + index[next++];
  };
  auto fail = [&](size_t pos, std::string message, core::ErrorCode code = core::ErrorCode::kInvalidInput) {
    return SyntaxError(pos, FramesPath(frames), std::move(message), code);
  };
  // Checks the string starting at `pos` and returns the position after its
  // closing quote (0 and `bad` set on an error). Usually the closing quote is
  // the last non-space byte before the next structural, so only a search for
  // a backslash is needed; otherwise the string is scanned byte by byte.
  auto check_string = [&](size_t pos, size_t& bad) -> size_t {
    size_t limit = next < count ? window_start + index[next] : window_end;
    size_t last = limit;
    while (last > pos + 1 && IsJsonSpace(text[last - 1])) --last;
    if (last > pos + 1 && text[last - 1] == '"' &&
        std::memchr(text + pos + 1, '\\', last - 1 - (pos + 1)) == nullptr) {
      return last;
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
  auto end_of_input = [&]() -> core::Status {
    if (!load_status) return load_status;
    if (size == 0 || (frames.empty() && window_end == size && count == 0))
      return fail(size, "empty input, expected a JSON document");
    return fail(size, "unexpected end of input (truncated JSON)");
  };

  enum class State { kValue, kFirstValue, kAfterValue, kKey, kFirstKey };
  State state = State::kValue;
  while (true) {
    if (state == State::kAfterValue && frames.empty()) {
      size_t pos = advance();
      if (pos < size) return fail(pos, "unexpected content after the JSON document");
      if (!load_status) return load_status;
      return {};
    }
    const size_t pos = advance();
    if (pos >= size) return end_of_input();
    const char c = text[pos];
    switch (state) {
      case State::kFirstValue:
        if (c == ']') {
          frames.pop_back();
          state = State::kAfterValue;
          continue;
        }
        [[fallthrough]];
      case State::kValue:
        if (c == '{' || c == '[') {
          if (frames.size() >= max_depth) {
            return fail(pos, fmt::format("nesting too deep (more than {} levels; --max-depth)", max_depth),
                        core::ErrorCode::kLimitExceeded);
          }
          frames.push_back(Frame{c == '{', 0, {}});
          state = c == '{' ? State::kFirstKey : State::kFirstValue;
          continue;
        }
        if (c == '"') {
          size_t bad = 0;
          if (check_string(pos, bad) == 0) {
            return fail(bad, StringError(text[bad]));
          }
        } else if (c == 't' || c == 'f' || c == 'n') {
          std::string_view literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
          if (std::string_view(text + pos, std::min(literal.size(), size - pos)) != literal ||
              !EndsToken(text, pos + literal.size(), size)) {
            return fail(pos, "invalid literal (expected true, false or null)");
          }
        } else if (c == '-' || IsDigit(c)) {
          if (ScanNumber(text, pos, size) == 0) return fail(pos, "invalid number");
        } else if (c == '}' || c == ']' || c == ',') {
          return fail(pos, fmt::format("expected a value, found '{}' (a stray comma?)", c));
        } else {
          return fail(pos, fmt::format("expected a value, found '{}'", c));
        }
        state = State::kAfterValue;
        continue;
      case State::kAfterValue: {
        Frame& frame = frames.back();
        if (c == ',') {
          ++frame.count;
          state = frame.object ? State::kKey : State::kValue;
        } else if (c == (frame.object ? '}' : ']')) {
          frames.pop_back();
        } else {
          return fail(pos, frame.object ? "expected ',' or '}' after an object field"
                                        : "expected ',' or ']' after an array element");
        }
        continue;
      }
      case State::kFirstKey:
        if (c == '}') {
          frames.pop_back();
          state = State::kAfterValue;
          continue;
        }
        [[fallthrough]];
      case State::kKey: {
        if (c != '"') {
          return fail(pos,
                      c == '}' ? "expected a key, found '}' (a trailing comma?)" : "expected a key string");
        }
        size_t bad = 0;
        size_t end = check_string(pos, bad);
        if (end == 0) {
          return fail(bad, StringError(text[bad]));
        }
        frames.back().key = std::string_view(text + pos + 1, end - pos - 2);
        size_t colon = advance();
        if (colon >= size) return end_of_input();
        if (text[colon] != ':') return fail(colon, "expected ':' after a key");
        state = State::kValue;
        continue;
      }
    }
  }
}

core::Result<std::optional<std::string_view>> JsonReader::StringOrNull(od::value& value) {
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  if (type == od::json_type::null) return std::nullopt;
  if (type != od::json_type::string) return Fail(simdjson::INCORRECT_TYPE, "a string");
  std::string_view text;
  if (auto e = value.get_string().get(text)) return Fail(e, "a string");
  return text;
}

core::Result<std::optional<int64_t>> JsonReader::IntOrNull(od::value& value) {
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  if (type == od::json_type::null) return std::nullopt;
  if (type != od::json_type::number) return Fail(simdjson::INCORRECT_TYPE, "an integer");
  int64_t number = 0;
  if (auto e = value.get_int64().get(number)) return Fail(e, "an integer");
  return number;
}

core::Result<std::optional<std::string_view>> JsonReader::ScalarTextOrNull(od::value& value) {
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  switch (type) {
    case od::json_type::null: return std::nullopt;
    case od::json_type::string: return StringOrNull(value);
    case od::json_type::number:
    case od::json_type::boolean: {
      // Validate() has checked the token already.
      return core::Trim(value.raw_json_token());
    }
    default: return Fail(simdjson::INCORRECT_TYPE, "a string or number");
  }
}

core::Result<bool> JsonReader::IsNull(od::value& value) {
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  if (type != od::json_type::null) return false;
  bool is_null = false;
  if (auto e = value.is_null().get(is_null)) return Fail(e);
  if (!is_null) return Fail(simdjson::N_ATOM_ERROR);
  return true;
}

JsonReader::Scope JsonReader::Key(std::string_view key) {
  path_.emplace_back(key);
  return Scope(&path_);
}

JsonReader::Scope JsonReader::Index(size_t index) {
  path_.emplace_back(index);
  return Scope(&path_);
}

std::string JsonReader::Path() const {
  std::string out = "$";
  for (const auto& segment : path_) {
    if (const auto* key = std::get_if<std::string_view>(&segment)) {
      out += '.';
      out += *key;
    } else {
      fmt::format_to(std::back_inserter(out), "[{}]", std::get<size_t>(segment));
    }
  }
  return out;
}

size_t JsonReader::Offset() {
  if (error_offset_) return *error_offset_;
  if (!iterating_) return input_.bom_bytes();  // no document yet: nothing read
  const char* location = nullptr;
  if (document_.current_location().get(location) != simdjson::SUCCESS || location == nullptr) {
    return input_.bytes().size() + input_.bom_bytes();
  }
  return static_cast<size_t>(location - input_.bytes().data()) + input_.bom_bytes();
}

std::unexpected<core::Error> JsonReader::Fail(simdjson::error_code error, std::string_view expected) {
  core::ErrorCode code = core::ErrorCode::kInvalidInput;
  if (error == simdjson::DEPTH_ERROR || error == simdjson::CAPACITY) code = core::ErrorCode::kLimitExceeded;
  if (error == simdjson::MEMALLOC) code = core::ErrorCode::kIo;
  std::string message(DescribeJsonError(error));
  if (error == simdjson::DEPTH_ERROR) {
    message += fmt::format(" (more than {} levels; --max-depth)", context_.limits.max_depth);
  }
  if (!expected.empty()) message = fmt::format("expected {} ({})", expected, message);
  return Invalid(std::move(message), code);
}

std::unexpected<core::Error> JsonReader::Invalid(std::string message, core::ErrorCode code) {
  return core::Fail(code, std::move(message),
                    fmt::format("{}: byte {} at {}", input_.name(), Offset(), Path()));
}

void JsonReader::Warn(std::string_view message) {
  context_.warnings.push_back(fmt::format("{}: byte {} at {}: {}", input_.name(), Offset(), Path(), message));
}

core::Result<std::optional<std::string_view>> JsonReader::OptionalString(od::object& object,
                                                                         std::string_view key) {
  od::value value;
  auto error = object.find_field_unordered(key).get(value);
  if (error == simdjson::NO_SUCH_FIELD) return std::nullopt;
  auto scope = Key(key);
  if (error) return Fail(error);
  auto is_null = IsNull(value);
  if (!is_null) return std::unexpected(is_null.error());
  if (*is_null) return std::nullopt;
  std::string_view text;
  if (auto e = value.get_string().get(text)) return Fail(e, "a string");
  return text;
}

core::Result<std::optional<int64_t>> JsonReader::OptionalInt(od::object& object, std::string_view key) {
  od::value value;
  auto error = object.find_field_unordered(key).get(value);
  if (error == simdjson::NO_SUCH_FIELD) return std::nullopt;
  auto scope = Key(key);
  if (error) return Fail(error);
  auto is_null = IsNull(value);
  if (!is_null) return std::unexpected(is_null.error());
  if (*is_null) return std::nullopt;
  int64_t number = 0;
  if (auto e = value.get_int64().get(number)) return Fail(e, "an integer");
  return number;
}

core::Result<std::optional<double>> JsonReader::OptionalNumber(od::object& object, std::string_view key) {
  od::value value;
  auto error = object.find_field_unordered(key).get(value);
  if (error == simdjson::NO_SUCH_FIELD) return std::nullopt;
  auto scope = Key(key);
  if (error) return Fail(error);
  auto is_null = IsNull(value);
  if (!is_null) return std::unexpected(is_null.error());
  if (*is_null) return std::nullopt;
  double number = 0;
  if (auto e = value.get_double().get(number)) return Fail(e, "a number");
  return number;
}

core::Result<std::optional<bool>> JsonReader::OptionalBool(od::object& object, std::string_view key) {
  od::value value;
  auto error = object.find_field_unordered(key).get(value);
  if (error == simdjson::NO_SUCH_FIELD) return std::nullopt;
  auto scope = Key(key);
  if (error) return Fail(error);
  auto is_null = IsNull(value);
  if (!is_null) return std::unexpected(is_null.error());
  if (*is_null) return std::nullopt;
  bool flag = false;
  if (auto e = value.get_bool().get(flag)) return Fail(e, "true or false");
  return flag;
}

core::Result<std::optional<std::string>> JsonReader::OptionalScalarText(od::object& object,
                                                                        std::string_view key) {
  od::value value;
  auto error = object.find_field_unordered(key).get(value);
  if (error == simdjson::NO_SUCH_FIELD) return std::nullopt;
  auto scope = Key(key);
  if (error) return Fail(error);
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  switch (type) {
    case od::json_type::null: return std::nullopt;
    case od::json_type::string: {
      std::string_view text;
      if (auto e = value.get_string().get(text)) return Fail(e, "a string");
      return std::string(text);
    }
    case od::json_type::number:
    case od::json_type::boolean: {
      std::string_view raw = value.raw_json_token();
      // Validate the token, since raw text alone does not check it.
      if (type == od::json_type::boolean) {
        bool flag;
        if (auto e = value.get_bool().get(flag)) return Fail(e, "true or false");
      } else {
        double number;
        if (auto e = value.get_double().get(number)) return Fail(e, "a number");
      }
      return std::string(core::Trim(raw));
    }
    default:
      return Invalid(fmt::format("expected a string or number, found {}",
                                 type == od::json_type::array ? "an array" : "an object"));
  }
}

void JsonReader::Tick() {
  constexpr size_t kEvery = 4096;
  if (context_.on_progress && (++ticks_ % kEvery) == 0) context_.on_progress(Offset());
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

std::string_view DescribeJsonError(simdjson::error_code error) {
  switch (error) {
    case simdjson::UTF8_ERROR: return "invalid UTF-8";
    case simdjson::UNCLOSED_STRING: return "unclosed string";
    case simdjson::DEPTH_ERROR: return "nesting too deep";
    case simdjson::CAPACITY: return "document too large for the parser";
    case simdjson::EMPTY: return "empty input, expected a JSON document";
    case simdjson::TAPE_ERROR:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "malformed or truncated JSON";
    case simdjson::INCORRECT_TYPE: return "wrong type";
    case simdjson::NUMBER_ERROR: return "invalid number";
    case simdjson::NUMBER_OUT_OF_RANGE: return "number out of range";
    case simdjson::STRING_ERROR: return "invalid string escape";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "invalid literal";
    case simdjson::UNESCAPED_CHARS: return "control character inside a string";
    case simdjson::TRAILING_CONTENT: return "unexpected content after the JSON document";
    case simdjson::NO_SUCH_FIELD: return "missing field";
    case simdjson::OUT_OF_ORDER_ITERATION: return "internal: value read out of order";
    case simdjson::MEMALLOC: return "out of memory";
    default: return simdjson::error_message(error);
  }
}

}  // namespace candor::ingest
