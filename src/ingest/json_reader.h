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
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"
#include "ingest/input.h"
#include "ingest/reader.h"

namespace candor::ingest {

namespace od = simdjson::ondemand;
static_assert(InputBuffer::kPadding >= simdjson::SIMDJSON_PADDING);

class JsonReader {
 public:
  JsonReader(const InputBuffer& input, ParseContext& context);

  // Starts parsing the whole input as one document. Input that is not JSON at
  // all (empty, invalid UTF-8, unbalanced) fails here.
  core::Result<od::document*> Open();

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
  [[nodiscard]] Scope Key(std::string_view key);
  [[nodiscard]] Scope Index(size_t index);

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

  // Reports progress to the context now and then; call once per result.
  void Tick();

  const InputBuffer& input() const { return input_; }
  ParseContext& context() { return context_; }

 private:
  const InputBuffer& input_;
  ParseContext& context_;
  od::parser parser_;
  od::document document_;
  std::vector<std::variant<std::string_view, size_t>> path_;
  size_t ticks_ = 0;
};

// Plain-words text for a simdjson error code.
std::string_view DescribeJsonError(simdjson::error_code error);

}  // namespace candor::ingest
