#include "ingest/json_reader.h"

#include <fmt/format.h>

#include "core/text.h"

namespace candor::ingest {

JsonReader::JsonReader(const InputBuffer& input, ParseContext& context) : input_(input), context_(context) {}

core::Result<od::document*> JsonReader::Open() {
  if (auto error = parser_.allocate(input_.bytes().size(), context_.limits.max_depth)) {
    return Fail(error);
  }
  if (input_.bytes().empty()) return Invalid("empty input, expected a JSON document");
  auto error =
      parser_.iterate(input_.bytes().data(), input_.bytes().size(), input_.padded_capacity()).get(document_);
  if (error == simdjson::UTF8_ERROR) error_offset_ = FirstInvalidUtf8(input_.bytes()) + input_.bom_bytes();
  if (error) return Fail(error);
  return &document_;
}

std::unexpected<core::Error> JsonReader::TooDeep() {
  return Invalid(
      fmt::format("nesting too deep (more than {} levels; --max-depth)", context_.limits.max_depth),
      core::ErrorCode::kLimitExceeded);
}

core::Status JsonReader::Validate() {
  od::json_type type;
  if (auto e = document_.type().get(type)) return Fail(e);
  switch (type) {
    case od::json_type::object: {
      if (context_.limits.max_depth < 1) return TooDeep();
      od::object object;
      if (auto e = document_.get_object().get(object)) return Fail(e);
      if (auto status = ValidateObject(object, 1); !status) return status;
      break;
    }
    case od::json_type::array: {
      if (context_.limits.max_depth < 1) return TooDeep();
      od::array array;
      if (auto e = document_.get_array().get(array)) return Fail(e);
      if (auto status = ValidateArray(array, 1); !status) return status;
      break;
    }
    case od::json_type::string: {
      std::string_view text;
      if (auto e = document_.get_string().get(text)) return Fail(e);
      break;
    }
    case od::json_type::number: {
      double number;
      if (auto e = document_.get_double().get(number)) return Fail(e);
      break;
    }
    case od::json_type::boolean: {
      bool flag;
      if (auto e = document_.get_bool().get(flag)) return Fail(e);
      break;
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto e = document_.is_null().get(is_null)) return Fail(e);
      if (!is_null) return Fail(simdjson::N_ATOM_ERROR);
      break;
    }
  }
  // Past the root value the parser has no location left, unless something follows it.
  const char* rest = nullptr;
  if (document_.current_location().get(rest) == simdjson::SUCCESS && rest != nullptr) {
    return Fail(simdjson::TRAILING_CONTENT);
  }
  document_.rewind();
  return {};
}

core::Status JsonReader::ValidateObject(od::object object, size_t depth) {
  for (auto field_result : object) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return Fail(e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return Fail(e, "a key");
    auto scope = Key(key);
    if (auto status = ValidateValue(field.value(), depth); !status) return status;
  }
  return {};
}

core::Status JsonReader::ValidateArray(od::array array, size_t depth) {
  size_t index = 0;
  for (auto element : array) {
    od::value value;
    if (auto e = std::move(element).get(value)) return Fail(e);
    auto scope = Index(index++);
    if (auto status = ValidateValue(value, depth); !status) return status;
  }
  return {};
}

// `depth` is the nesting level of the container holding `value`.
core::Status JsonReader::ValidateValue(od::value value, size_t depth) {
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  switch (type) {
    case od::json_type::object: {
      if (depth + 1 > context_.limits.max_depth) return TooDeep();
      od::object object;
      if (auto e = value.get_object().get(object)) return Fail(e);
      return ValidateObject(object, depth + 1);
    }
    case od::json_type::array: {
      if (depth + 1 > context_.limits.max_depth) return TooDeep();
      od::array array;
      if (auto e = value.get_array().get(array)) return Fail(e);
      return ValidateArray(array, depth + 1);
    }
    case od::json_type::string: {
      std::string_view text;
      if (auto e = value.get_string().get(text)) return Fail(e);
      return {};
    }
    case od::json_type::number: {
      double number;
      if (auto e = value.get_double().get(number)) return Fail(e);
      return {};
    }
    case od::json_type::boolean: {
      bool flag;
      if (auto e = value.get_bool().get(flag)) return Fail(e);
      return {};
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto e = value.is_null().get(is_null)) return Fail(e);
      if (!is_null) return Fail(simdjson::N_ATOM_ERROR);
      return {};
    }
  }
  return {};
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
