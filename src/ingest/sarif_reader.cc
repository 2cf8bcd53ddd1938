#include "ingest/sarif_reader.h"

#include <fmt/format.h>

#include "core/text.h"
#include "ingest/json_reader.h"
#include "ingest/sarif_run.h"

namespace candor::ingest {
namespace {

using core::Status;
using sarif::RunContext;

// Finds `key` in `object` wherever it is; nullopt when absent.
core::Result<std::optional<od::value>> FindField(JsonReader& json, od::object& object, std::string_view key) {
  od::value value;
  auto error = object.find_field_unordered(key).get(value);
  if (error == simdjson::NO_SUCH_FIELD) return std::nullopt;
  if (error) {
    auto scope = json.Key(key);
    return json.Fail(error);
  }
  return value;
}

Status ReadString(JsonReader& json, od::value& value, std::string_view& out) {
  auto text = json.StringOrNull(value);
  if (!text) return std::unexpected(text.error());
  out = text->value_or("");
  return {};
}

// {"uri": ..., "uriBaseId": ...}
Status ReadUriPair(JsonReader& json, od::value& value, std::string_view& uri, std::string_view& base_id) {
  return json.ForEachField(value, [&](std::string_view key, od::value& field) -> Status {
    if (key == "uri") return ReadString(json, field, uri);
    if (key == "uriBaseId") return ReadString(json, field, base_id);
    return {};
  });
}

// Reads what results refer to, wherever it is in the run object: one pass
// over the run's fields that skips "results" (the caller comes back for them).
Status ReadRunContext(JsonReader& json, od::object& run_object, RunContext& run) {
  bool has_tool = false;
  auto status = json.ForEachField(run_object, [&](std::string_view key, od::value& field) -> Status {
    if (key == "tool") {
      has_tool = true;
      return run.rules.ReadTool(json, field);
    }
    if (key == "originalUriBaseIds") {
      return json.ForEachField(field, [&](std::string_view name, od::value& base) -> Status {
        std::string_view uri, base_id;
        if (auto read = ReadUriPair(json, base, uri, base_id); !read) return read;
        run.uris.AddBase(name, uri, base_id);
        return {};
      });
    }
    if (key == "versionControlProvenance") {
      return json.ForEachElement(field, [&](size_t, od::value& element) -> Status {
        return json.ForEachField(element, [&](std::string_view k, od::value& v) -> Status {
          if (k != "mappedTo") return {};
          std::string_view uri, base_id;
          if (auto read = ReadUriPair(json, v, uri, base_id); !read) return read;
          run.uris.AddRepositoryRoot(uri, base_id);
          return {};
        });
      });
    }
    if (key == "artifacts") {
      return json.ForEachElement(field, [&](size_t, od::value& element) -> Status {
        sarif::ArtifactLocation location;
        auto read = json.ForEachField(element, [&](std::string_view k, od::value& v) -> Status {
          return k == "location" ? ReadUriPair(json, v, location.uri, location.base_id) : Status();
        });
        if (!read) return read;
        run.artifacts.push_back(location);
        return {};
      });
    }
    if (key == "taxonomies") {
      return json.ForEachElement(field, [&](size_t, od::value& element) -> Status {
        std::string_view name;
        auto read = json.ForEachField(element, [&](std::string_view k, od::value& v) -> Status {
          return k == "name" ? ReadString(json, v, name) : Status();
        });
        if (!read) return read;
        run.taxonomy_names.push_back(name);
        return {};
      });
    }
    if (key == "properties") {
      return json.ForEachField(field, [&](std::string_view k, od::value&) -> Status {
        if (k == "imageName" || k == "imageID" || k == "repoTags" || k == "repoDigests")
          run.image_context = true;
        return {};
      });
    }
    return {};
  });
  if (!status) return status;
  if (!has_tool) return json.Invalid("run has no \"tool\"");
  run.uris.Finish();
  return {};
}

// Where the reader is in the text, as an offset into input.bytes().
size_t Position(JsonReader& json) {
  return json.Offset() - json.input().bom_bytes();
}

// One past the last non-blank byte before `position`: the end of the value
// the reader has just gone past.
size_t EndBefore(JsonReader& json, size_t position) {
  std::string_view bytes = json.input().bytes();
  while (position > 0 && core::IsAsciiSpace(bytes[position - 1])) --position;
  return position;
}

void RecordRunLayout(const RunContext& run, SarifRunLayout& layout) {
  for (const sarif::Rule& rule : run.rules.driver().rules) layout.rule_ids.emplace_back(rule.id);
  for (const sarif::ArtifactLocation& artifact : run.artifacts)
    layout.artifact_uris.emplace_back(artifact.uri);
}

Status ReadRun(JsonReader& json, od::value& value, int run_index, FindingSink& sink) {
  od::json_type type;
  if (auto e = value.type().get(type)) return json.Fail(e);
  if (type != od::json_type::object) return json.Fail(simdjson::INCORRECT_TYPE, "a run object");
  SarifLayout* layout = json.context().sarif_layout;
  SarifRunLayout* run_layout = nullptr;
  if (layout != nullptr) {
    run_layout = &layout->runs.emplace_back();
    run_layout->object_begin = Position(json);
  }
  od::object run_object;
  if (auto e = value.get_object().get(run_object)) return json.Fail(e, "a run object");
  RunContext run;
  if (auto status = ReadRunContext(json, run_object, run); !status) return status;
  run.info.tool = run.rules.driver().name;
  run.tool_kind = ToolKindFor(run.info.tool);
  run.info.tool_version = run.rules.driver().version;
  run.info.run_index = run_index;
  if (auto status = sink.BeginRun(run.info); !status) return status;
  if (run_layout != nullptr) RecordRunLayout(run, *run_layout);

  auto results = FindField(json, run_object, "results");
  if (!results) return std::unexpected(results.error());
  if (*results) {
    auto scope = json.Key("results");
    od::json_type results_type;
    if (auto e = (*results)->type().get(results_type)) return json.Fail(e);
    const size_t results_begin = Position(json);
    if (run_layout != nullptr) run_layout->results_is_array = results_type == od::json_type::array;
    if (results_type == od::json_type::null) {
      if (run_layout != nullptr) run_layout->results = TextSpan{results_begin, results_begin + 4};
      json.Warn("results is null (the tool did not produce results); no findings from this run");
    } else if (results_type != od::json_type::array) {
      return json.Fail(simdjson::INCORRECT_TYPE, "an array of results");
    } else if (const OutlinedArray* outlined = json.OutlinedArrayAt(results_begin)) {
      // Each result a document of its own (json_outline.h); all are objects.
      core::Finding finding;  // one for every result: its buffers are reused (see reader.h)
      if (run_layout != nullptr) {
        run_layout->result_objects.reserve(outlined->elements.size());
        run_layout->results = outlined->array;
      }
      auto status = json.ForEachOutlinedElement(*outlined, [&](size_t index, od::value& element) -> Status {
        json.Tick();
        core::ClearForReuse(finding);
        if (run_layout != nullptr) {
          run.result_layout = &run_layout->result_objects.emplace_back();
          run.result_layout->object = outlined->elements[index];
        }
        if (auto read = sarif::ReadResult(json, element, run, finding); !read) return read;
        return sink.Add(std::move(finding));
      });
      if (!status) return status;
    } else {
      core::Finding finding;  // one for every result: its buffers are reused (see reader.h)
      if (run_layout != nullptr) {
        run_layout->result_objects.reserve((json.input().bytes().size() - results_begin) /
                                           kFewestBytesPerResult);
      }
      auto status = json.ForEachElement(**results, [&](size_t, od::value& element) -> Status {
        json.Tick();
        od::json_type result_type;
        if (auto e = element.type().get(result_type)) return json.Fail(e);
        if (result_type != od::json_type::object)
          return json.Fail(simdjson::INCORRECT_TYPE, "a result object");
        core::ClearForReuse(finding);
        if (run_layout != nullptr) {
          run.result_layout = &run_layout->result_objects.emplace_back();
          run.result_layout->object.begin = Position(json);
        }
        if (auto read = sarif::ReadResult(json, element, run, finding); !read) return read;
        if (run_layout != nullptr) run.result_layout->object.end = EndBefore(json, Position(json));
        return sink.Add(std::move(finding));
      });
      if (!status) return status;
      if (run_layout != nullptr)
        run_layout->results = TextSpan{results_begin, EndBefore(json, Position(json))};
    }
  }
  return sink.EndRun();
}

Status CheckVersion(JsonReader& json, od::object& log, bool& version_missing) {
  auto version_field = FindField(json, log, "version");
  if (!version_field) return std::unexpected(version_field.error());
  version_missing = !*version_field;
  if (version_missing) return {};
  auto scope = json.Key("version");
  auto version = json.StringOrNull(**version_field);
  if (!version) return std::unexpected(version.error());
  if (!*version) {
    version_missing = true;
    return {};
  }
  if (**version == "2.1.0") return {};
  if (**version == "1.0.0") {
    return json.Invalid(
        "SARIF 1.0.0 is not supported; convert the log to 2.1.0 with the SARIF Multitool "
        "(sarif transform --sarif-output-version Current)",
        core::ErrorCode::kUnsupported);
  }
  return json.Invalid(fmt::format("SARIF version \"{}\" is not supported; Candor reads SARIF 2.1.0 "
                                  "(convert with the SARIF Multitool)",
                                  **version),
                      core::ErrorCode::kUnsupported);
}

Status ReadLog(JsonReader& json, od::document& document, FindingSink& sink) {
  od::json_type type;
  if (auto e = document.type().get(type)) return json.Fail(e);
  if (type != od::json_type::object) {
    return json.Invalid("expected a SARIF log (a JSON object with \"version\" and \"runs\")");
  }
  od::object log;
  if (auto e = document.get_object().get(log)) return json.Fail(e);

  // Looked up in the order tools write them: a lookup that passes "runs"
  // walks the whole log once more.
  {
    auto schema = FindField(json, log, "$schema");
    if (!schema) return std::unexpected(schema.error());
    if (!*schema) json.Warn("no \"$schema\"; reading as SARIF 2.1.0");
  }
  bool version_missing = false;
  if (auto status = CheckVersion(json, log, version_missing); !status) return status;

  auto runs = FindField(json, log, "runs");
  if (!runs) return std::unexpected(runs.error());
  auto scope = json.Key("runs");
  if (!*runs) return json.Invalid("no \"runs\": not a SARIF log");
  od::json_type runs_type;
  if (auto e = (*runs)->type().get(runs_type)) return json.Fail(e);
  if (runs_type == od::json_type::null) return json.Invalid("\"runs\" is null: the log has no runs");
  if (runs_type != od::json_type::array) return json.Fail(simdjson::INCORRECT_TYPE, "an array of runs");
  if (version_missing) json.Warn("no \"version\"; the runs are read as SARIF 2.1.0");

  int run_count = 0;
  auto status = json.ForEachElement(**runs, [&](size_t index, od::value& element) -> Status {
    ++run_count;
    return ReadRun(json, element, static_cast<int>(index), sink);
  });
  if (!status) return status;
  if (run_count == 0) return json.Invalid("\"runs\" is empty: the log has no runs");
  return {};
}

}  // namespace

core::Status ReadSarif(const InputBuffer& input, ParseContext& context, FindingSink& sink) {
  try {
    JsonReader json(input, context);
    auto document = json.OpenOutlined();
    if (!document) return std::unexpected(document.error());
    return ReadLog(json, **document, sink);
  } catch (const simdjson::simdjson_error& error) {
    // Every simdjson call above uses error codes; this is a last resort.
    return core::Fail(core::ErrorCode::kInternal, fmt::format("JSON parser: {}", error.what()), input.name());
  }
}

}  // namespace candor::ingest
