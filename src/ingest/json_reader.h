#pragma once
// Shared machinery of the JSON format readers: the simdjson On-Demand parser,
// the JSON path of the value being read, and errors that name file, byte
// offset and path. Only readers under ingest/ include this header (it is the
// one place simdjson is visible).
//
// Usage inside a reader:
//   JsonReader json(input, context);
//   auto doc = json.Open();               // Result<ondemand::document*>
//   auto scope = json.Key("runs");        // pushes ".runs" while in scope
//   ... on a simdjson error: return json.Fail(error, "expected an array");
// Not thread-safe; one per read.

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/json_outline.h"
#include "ingest/reader.h"

namespace candor::ingest {

namespace od = simdjson::ondemand;
static_assert(InputBuffer::kPadding >= simdjson::SIMDJSON_PADDING);
static_assert(Skeleton::kPadding >= simdjson::SIMDJSON_PADDING);

// The text of a key as written between its quotes (escapes not decoded).
inline std::string_view RawKey(od::raw_json_string key) {
  const char* start = key.raw();
  const char* end = start;
  while (*end != '"') end += (*end == '\\') ? 2 : 1;
  return std::string_view(start, static_cast<size_t>(end - start));
}

// Whether `key` is `name`. Of a length known at compile time, the
// comparison is inlined; string_view's == called memcmp for every key tried
// against every field read.
template <size_t N>
bool KeyIs(std::string_view key, const char (&name)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), name, N - 1) == 0;
}

class JsonReader {
 public:
  JsonReader(const InputBuffer& input, ParseContext& context);
  // A reader of the outlined elements of `outlined`'s document (after its
  // OpenOutlined), for another thread: it shares the input and the outline,
  // starts at `outlined`'s path, and reports to `context`. It reads nothing
  // else; `outlined` must outlive it and not move meanwhile.
  JsonReader(const JsonReader& outlined, ParseContext& context);
  ~JsonReader();
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  // Starts parsing the whole input as one document. The whole text is checked
  // first, since On-Demand does not check values a reader skips: invalid
  // UTF-8, unbalanced or misplaced brackets, commas and colons, bad string
  // escapes, numbers and literals, trailing content, and nesting deeper than
  // context.limits.max_depth (kLimitExceeded). Errors name the byte offset and
  // the JSON path of where the text goes wrong.
  core::Result<od::document*> Open();
  // The same, but the syntax check also outlines the document's big arrays
  // (json_outline.h): the document handed out is the skeleton, where each
  // outlined array is empty; read its elements with ReadOutlinedElement.
  // When the syntax was checked already, this is Open(), with no outline.
  core::Result<od::document*> OpenOutlined();
  // The document Open() or OpenOutlined() started.
  od::document& document() { return document_; }
  // The outlined array whose '[' is at `offset` (Offset() minus the BOM) in
  // the text, or nullptr: then the array is in the document as written.
  const OutlinedArray* OutlinedArrayAt(size_t offset) const;

  // RAII path segment: ".key" or "[index]" while the scope lives.
  class Scope {
   public:
    Scope(Scope&&) = delete;
    ~Scope() { path_->pop_back(); }

   private:
    friend class JsonReader;
    explicit Scope(std::vector<std::variant<std::string_view, size_t>>* path) : path_(path) {}
    std::vector<std::variant<std::string_view, size_t>>* path_;
  };
  // `key` must outlive the scope (a literal, or a string_view into the document).
  // Inline: called for every field and element read.
  [[nodiscard]] Scope Key(std::string_view key) {
    path_.emplace_back(key);
    return Scope(&path_);
  }
  [[nodiscard]] Scope Index(size_t index) {
    path_.emplace_back(index);
    return Scope(&path_);
  }

  // "$.runs[0].results[3]"
  std::string Path() const;
  // Byte offset (in the file as given, BOM included) of where the parser is now.
  size_t Offset();

  // Errors at the current position and path. simdjson errors are translated
  // into plain words ("unexpected end of input", "invalid UTF-8", ...).
  std::unexpected<core::Error> Fail(simdjson::error_code error, std::string_view expected = {});
  std::unexpected<core::Error> Invalid(std::string message,
                                       core::ErrorCode code = core::ErrorCode::kInvalidInput);
  // Adds "file: byte N at $.path: message" to the context's warnings.
  void Warn(std::string_view message);

  // Typed reads of an optional field of `object`: nullopt when the field is
  // absent or null; an error naming the path when it has another type.
  core::Result<std::optional<std::string_view>> OptionalString(od::object& object, std::string_view key);
  core::Result<std::optional<int64_t>> OptionalInt(od::object& object, std::string_view key);
  core::Result<std::optional<double>> OptionalNumber(od::object& object, std::string_view key);
  core::Result<std::optional<bool>> OptionalBool(od::object& object, std::string_view key);
  // Scalars of any type as text ("7.5" or 7.5 both give "7.5"); nullopt for absent/null.
  core::Result<std::optional<std::string>> OptionalScalarText(od::object& object, std::string_view key);

  // Whether `value` is null; an error for a malformed literal ("nul").
  core::Result<bool> IsNull(od::value& value);

  // Typed reads of a value already found (the caller has pushed its path).
  // null gives nullopt; another type is an error "expected a string (wrong type)".
  core::Result<std::optional<std::string_view>> StringOrNull(od::value& value);
  core::Result<std::optional<int64_t>> IntOrNull(od::value& value);
  // A string, or a number/boolean as its JSON text ("7.5"); nullopt for null.
  core::Result<std::optional<std::string_view>> ScalarTextOrNull(od::value& value);

  // Calls fn(key, od::value&) -> core::Status for each field of the object
  // `value`, with ".key" on the path; null is an empty object, another type an
  // error. Stops at the first error. Keys are given as written, escapes not
  // decoded (no copy; Open() has checked them): match them against plain names.
  template <class Fn>
  core::Status ForEachField(od::value& value, Fn&& fn);
  // The same over an object already started; afterwards the object can still
  // be searched with find_field_unordered (it wraps around to its start).
  template <class Fn>
  core::Status ForEachField(od::object& object, Fn&& fn);
  // Calls fn(index, od::value&) -> core::Status for each element of the array
  // `value`, with "[index]" on the path; null is an empty array.
  template <class Fn>
  core::Status ForEachElement(od::value& value, Fn&& fn);
  // Calls fn(od::value&) -> core::Status on element `index` of an outlined
  // array, parsed as a document of its own (an object: the outline holds
  // only those), with "[index]" on the path.
  template <class Fn>
  core::Status ReadOutlinedElement(const OutlinedArray& array, size_t index, Fn&& fn);

  // Reports progress to the context now and then; call once per result.
  void Tick();

  const InputBuffer& input() const { return input_; }
  ParseContext& context() { return context_; }

 private:
  const InputBuffer& input_;
  ParseContext& context_;
  // Taken from a small per-thread pool and given back on destruction: on a
  // fresh parser, the first-touch page faults of its input-sized buffers cost
  // more than the parse itself.
  std::unique_ptr<od::parser> parser_;
  od::document document_;
  // With OpenOutlined(): the outline, the skeleton document_ parses, and the
  // parser of each outlined element in turn (its buffers fit the largest).
  JsonOutline outline_;
  std::optional<Skeleton> skeleton_;
  size_t largest_element_ = 0;  // bytes
  std::unique_ptr<od::parser> element_parser_;
  od::document element_document_;
  bool in_element_ = false;  // Offset() is element_document_'s
  TextSpan element_;

  core::Result<od::value> OpenElement(TextSpan span);
  // element_parser_, sized for largest_element_ (none when it is 0).
  simdjson::error_code TakeElementParser();

  std::vector<std::variant<std::string_view, size_t>> path_;
  size_t ticks_ = 0;
  // Set for errors found outside the On-Demand document (syntax check);
  // Offset() reports it instead of the parser's position.
  std::optional<size_t> error_offset_;
  bool iterating_ = false;  // document_ is valid (Open() succeeded)
};

template <class Fn>
core::Status JsonReader::ForEachField(od::value& value, Fn&& fn) {
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  if (type == od::json_type::null) return {};
  if (type != od::json_type::object) return Fail(simdjson::INCORRECT_TYPE, "an object");
  od::object object;
  if (auto e = value.get_object().get(object)) return Fail(e, "an object");
  return ForEachField(object, std::forward<Fn>(fn));
}

template <class Fn>
core::Status JsonReader::ForEachField(od::object& object, Fn&& fn) {
  for (auto field_result : object) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return Fail(e);
    const std::string_view key = RawKey(field.key());
    auto scope = Key(key);
    // By reference: a copy of the value was stored in two halves and loaded
    // whole, which stalled every field read (store forwarding).
    if (auto status = fn(key, field.value()); !status) return status;
  }
  return {};
}

template <class Fn>
core::Status JsonReader::ForEachElement(od::value& value, Fn&& fn) {
  od::json_type type;
  if (auto e = value.type().get(type)) return Fail(e);
  if (type == od::json_type::null) return {};
  if (type != od::json_type::array) return Fail(simdjson::INCORRECT_TYPE, "an array");
  od::array array;
  if (auto e = value.get_array().get(array)) return Fail(e, "an array");
  size_t index = 0;
  for (auto element : array) {
    od::value element_value;
    if (auto e = std::move(element).get(element_value)) return Fail(e);
    auto scope = Index(index);
    if (auto status = fn(index, element_value); !status) return status;
    ++index;
  }
  return {};
}

template <class Fn>
core::Status JsonReader::ReadOutlinedElement(const OutlinedArray& array, size_t index, Fn&& fn) {
  struct Leave {
    bool& in_element;
    ~Leave() { in_element = false; }
  } leave{in_element_};
  auto scope = Index(index);
  auto element = OpenElement(array.elements[index]);
  if (!element) return std::unexpected(element.error());
  return fn(*element);
}

// Plain-words text for a simdjson error code.
std::string_view DescribeJsonError(simdjson::error_code error);

}  // namespace candor::ingest
