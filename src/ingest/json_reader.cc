#include "ingest/json_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "ingest/json_syntax.h"

namespace candor::ingest {

namespace {

// Parsers kept for reuse by this thread, with the buffers they allocated.
// Bounded: at most two, each for inputs up to 256 MiB.
struct ParserPool {
  static constexpr size_t kMaxParsers = 2;
  static constexpr size_t kMaxCapacity = size_t{256} << 20;
  std::vector<std::unique_ptr<od::parser>> parsers;
};
thread_local ParserPool parser_pool;

std::unique_ptr<od::parser> TakePooledParser() {
  if (parser_pool.parsers.empty()) return std::make_unique<od::parser>();
  std::unique_ptr<od::parser> parser = std::move(parser_pool.parsers.back());
  parser_pool.parsers.pop_back();
  return parser;
}

void GiveBackParser(std::unique_ptr<od::parser> parser) {
  if (parser && parser->capacity() <= ParserPool::kMaxCapacity &&
      parser_pool.parsers.size() < ParserPool::kMaxParsers) {
    parser_pool.parsers.push_back(std::move(parser));
  }
}

}  // namespace

JsonReader::JsonReader(const InputBuffer& input, ParseContext& context)
    : input_(input), context_(context), parser_(TakePooledParser()) {}

JsonReader::JsonReader(const JsonReader& outlined, ParseContext& context)
    : input_(outlined.input_),
      context_(context),
      largest_element_(outlined.largest_element_),
      path_(outlined.path_) {
  // A parser that cannot be sized is reported by OpenElement.
  if (TakeElementParser() != simdjson::SUCCESS) element_parser_.reset();
}

simdjson::error_code JsonReader::TakeElementParser() {
  if (largest_element_ == 0) return simdjson::SUCCESS;
  element_parser_ = TakePooledParser();
  if (element_parser_->capacity() >= largest_element_ &&
      element_parser_->max_depth() == context_.limits.max_depth) {
    return simdjson::SUCCESS;
  }
  return element_parser_->allocate(largest_element_, context_.limits.max_depth);
}

JsonReader::~JsonReader() {
  GiveBackParser(std::move(element_parser_));
  GiveBackParser(std::move(parser_));
}

core::Result<od::document*> JsonReader::Open() {
  if (input_.bytes().empty()) {
    error_offset_ = input_.bom_bytes();
    return Invalid("empty input, expected a JSON document");
  }
  // On-Demand checks only what a reader reads: check the whole text first.
  if (auto error = context_.syntax_already_checked ? std::nullopt
                                                   : CheckJsonSyntax(input_, context_.limits.max_depth)) {
    error_offset_ = error->offset + input_.bom_bytes();
    return std::unexpected(SyntaxErrorOf(input_, *error));
  }
  // A pooled parser keeps its buffers when they are big enough. They are
  // made an eighth larger than asked (virtual memory, free until touched) so
  // that the next, slightly larger scan read on this thread reuses them.
  const size_t size = input_.bytes().size();
  if (parser_->capacity() < size || parser_->max_depth() != context_.limits.max_depth) {
    if (auto error =
            parser_->allocate(std::max(size, std::min(size + size / 8, simdjson::SIMDJSON_MAXSIZE_BYTES)),
                              context_.limits.max_depth))
      return Fail(error);
  }
  auto error =
      parser_->iterate(input_.bytes().data(), input_.bytes().size(), input_.padded_capacity()).get(document_);
  if (error) return Fail(error);
  iterating_ = true;
  return &document_;
}

core::Result<od::document*> JsonReader::OpenOutlined() {
  if (context_.syntax_already_checked || input_.bytes().empty()) return Open();
  if (auto error = CheckJsonSyntax(input_, context_.limits.max_depth, &outline_)) {
    error_offset_ = error->offset + input_.bom_bytes();
    return std::unexpected(SyntaxErrorOf(input_, *error));
  }
  skeleton_.emplace(input_.bytes(), outline_);
  for (const OutlinedArray& array : outline_.arrays) {
    for (const TextSpan& element : array.elements)
      largest_element_ = std::max(largest_element_, element.end - element.begin);
  }
  if (auto error = TakeElementParser()) return Fail(error);
  const std::string_view text = skeleton_->bytes();
  if (parser_->capacity() < text.size() || parser_->max_depth() != context_.limits.max_depth) {
    if (auto error = parser_->allocate(text.size(), context_.limits.max_depth)) return Fail(error);
  }
  auto error = parser_->iterate(text.data(), text.size(), skeleton_->padded_capacity()).get(document_);
  if (error) return Fail(error);
  iterating_ = true;
  return &document_;
}

const OutlinedArray* JsonReader::OutlinedArrayAt(size_t offset) const {
  return skeleton_ ? outline_.ArrayAt(offset) : nullptr;
}

core::Result<od::value> JsonReader::OpenElement(TextSpan span) {
  in_element_ = false;  // errors before the element is open are the skeleton's
  element_ = span;
  if (!element_parser_) return Fail(simdjson::MEMALLOC);
  const std::string_view text = input_.bytes();
  auto error =
      element_parser_
          ->iterate(text.data() + span.begin, span.end - span.begin, input_.padded_capacity() - span.begin)
          .get(element_document_);
  if (error) return Fail(error);
  in_element_ = true;
  od::value value;
  if (auto e = element_document_.get_value().get(value)) return Fail(e, "a result object");
  return value;
}

core::Result<std::optional<std::string_view>> JsonReader::StringOrNull(od::value& value) {
  // A string without escapes is its own text between the quotes: it is taken
  // from the input as is, instead of being copied into the parser's string
  // buffer, which keeps every string read until the document ends (30 MB of
  // fresh memory for a 60 MB scan). Its bytes are the whole-text syntax
  // check's to vouch for (control characters, UTF-8). The value is left
  // unconsumed; On-Demand steps over it.
  if (std::string_view token = value.raw_json_token(); token.size() >= 2 && token.front() == '"') {
    while (token.size() > 2 && core::IsAsciiSpace(token.back())) token.remove_suffix(1);
    token = token.substr(1);
    if (token.back() == '"' && token.find('\\') == std::string_view::npos)
      return token.substr(0, token.size() - 1);
  }
  // The common case first; a value of another type is left unconsumed by the
  // failed get, so the checks below still see it.
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) return text;
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  if (type == od::json_type::null) return std::nullopt;
  if (type != od::json_type::string) return Fail(simdjson::INCORRECT_TYPE, "a string");
  if (auto e = value.get_string().get(text)) return Fail(e, "a string");
  return text;
}

core::Result<std::optional<int64_t>> JsonReader::IntOrNull(od::value& value) {
  int64_t number = 0;
  if (value.get_int64().get(number) == simdjson::SUCCESS) return number;  // as in StringOrNull
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  if (type == od::json_type::null) return std::nullopt;
  if (type != od::json_type::number) return Fail(simdjson::INCORRECT_TYPE, "an integer");
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
  if (!iterating_ && !in_element_) return input_.bom_bytes();  // no document yet: nothing read
  const char* location = nullptr;
  od::document& document = in_element_ ? element_document_ : document_;
  if (document.current_location().get(location) != simdjson::SUCCESS || location == nullptr) {
    if (!in_element_) return input_.bytes().size() + input_.bom_bytes();
    // Past an element's end: where the whole document's parser would be, at
    // the next token after it.
    const std::string_view text = input_.bytes();
    size_t after = element_.end;
    while (after < text.size() && core::IsAsciiSpace(text[after])) ++after;
    return after + input_.bom_bytes();
  }
  if (skeleton_ && !in_element_) {
    return skeleton_->OriginalOffset(static_cast<size_t>(location - skeleton_->bytes().data())) +
           input_.bom_bytes();
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

namespace {

// The field `key` of `object`, with ".key" on the path, read by
// get(value, out) -> simdjson::error_code; nullopt when absent or null, an
// error "expected <expected> (...)" when get fails.
template <class T, class Get>
core::Result<std::optional<T>> OptionalField(JsonReader& json, od::object& object, std::string_view key,
                                             std::string_view expected, Get get) {
  od::value value;
  auto error = object.find_field_unordered(key).get(value);
  if (error == simdjson::NO_SUCH_FIELD) return std::nullopt;
  auto scope = json.Key(key);
  if (error) return json.Fail(error);
  auto is_null = json.IsNull(value);
  if (!is_null) return std::unexpected(is_null.error());
  if (*is_null) return std::nullopt;
  T out{};
  if (auto e = get(value, out)) return json.Fail(e, expected);
  return out;
}

}  // namespace

core::Result<std::optional<std::string_view>> JsonReader::OptionalString(od::object& object,
                                                                         std::string_view key) {
  return OptionalField<std::string_view>(*this, object, key, "a string", [](od::value& value, auto& out) {
    return value.get_string().get(out);
  });
}

core::Result<std::optional<int64_t>> JsonReader::OptionalInt(od::object& object, std::string_view key) {
  return OptionalField<int64_t>(*this, object, key, "an integer",
                                [](od::value& value, auto& out) { return value.get_int64().get(out); });
}

core::Result<std::optional<double>> JsonReader::OptionalNumber(od::object& object, std::string_view key) {
  return OptionalField<double>(*this, object, key, "a number",
                               [](od::value& value, auto& out) { return value.get_double().get(out); });
}

core::Result<std::optional<bool>> JsonReader::OptionalBool(od::object& object, std::string_view key) {
  return OptionalField<bool>(*this, object, key, "true or false",
                             [](od::value& value, auto& out) { return value.get_bool().get(out); });
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
