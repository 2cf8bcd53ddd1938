// ImportThreatDragon: OWASP Threat Dragon models. Each diagram's cells are
// actors (external entities), processes, stores (datastores), flows and trust
// boundaries. Boundary boxes hold the elements drawn inside them; boundary
// curves are lines on a drawing and hold nothing. Threat Dragon ids are
// UUIDs, so elements get ids from their names (unique ones), which read
// better in threat ids; a name used twice falls back to NAME-UUIDPREFIX.

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "threatmodel/import.h"
#include "threatmodel/json_document.h"
#include "threatmodel/model_parser.h"
#include "threatmodel/validate.h"

namespace candor::threatmodel {
namespace {

using nlohmann::json;

struct Box {
  double x = 0, y = 0, width = 0, height = 0;
  bool Contains(const Box& other) const {
    return other.x >= x && other.y >= y && other.x + other.width <= x + width &&
           other.y + other.height <= y + height;
  }
};

struct Cell {
  std::string uuid;
  std::string name;
  std::string shape;
  JsonFields fields;
  Box box;
  std::string source, target;  // cell uuids, for flows
};

class Importer {
 public:
  explicit Importer(std::string_view file_name) : file_name_(file_name) {}

  core::Result<Model> Run(const json& root) {
    Model model;
    model.source = std::string(file_name_);
    model.format = "threat-dragon";
    if (!root.is_object()) return Invalid("$", "a Threat Dragon model must be an object");
    JsonFields top(file_name_, root, "$");
    auto version = top.String("version");
    if (!version) return std::unexpected(version.error());
    if (version->starts_with("1.") && root.contains("detail")) return V1(*version);
    auto summary = top.Object("summary");
    if (!summary) return std::unexpected(summary.error());
    if (*summary) {
      auto title = JsonFields(file_name_, **summary, "$.summary").String("title");
      if (!title) return std::unexpected(title.error());
      model.title = *title;
    }
    auto detail = top.Object("detail");
    if (!detail) return std::unexpected(detail.error());
    if (!*detail) {
      return Invalid("$",
                     "not a Threat Dragon v2 model (no 'detail'); JSON models are read as OTM (with "
                     "'otmVersion') or Threat Dragon v2");
    }
    JsonFields d(file_name_, **detail, "$.detail");
    auto diagrams = d.Array("diagrams");
    if (!diagrams) return std::unexpected(diagrams.error());
    if (*diagrams) {
      size_t i = 0;
      for (const json& diagram : **diagrams) {
        std::string path = fmt::format("$.detail.diagrams[{}]", i++);
        if (!diagram.is_object()) return Invalid(path, "a diagram must be an object");
        if (diagram.contains("diagramJson")) return V1("without a version");
        if (auto s = Diagram(JsonFields(file_name_, diagram, path), diagram, model); !s)
          return std::unexpected(s.error());
      }
    }
    if (auto valid = ValidateModel(model); !valid) return std::unexpected(valid.error());
    return model;
  }

 private:
  // Version 1 keeps its cells in another shape (diagramJson); Threat Dragon 2
  // converts such a model when it opens and saves it.
  std::unexpected<core::Error> V1(std::string_view version) {
    return core::Fail(
        core::ErrorCode::kUnsupported,
        fmt::format("Threat Dragon v1 model ({}); Candor reads v2: open and save it in Threat Dragon 2 "
                    "to convert it",
                    version),
        std::string(file_name_));
  }

  std::unexpected<core::Error> Invalid(const std::string& path, std::string message) {
    return core::Fail(core::ErrorCode::kInvalidInput, std::move(message),
                      fmt::format("{}: at {}", file_name_, path));
  }

  core::Result<Box> BoxOf(const JsonFields& f) {
    Box box;
    auto position = f.Object("position"), size = f.Object("size");
    if (!position) return std::unexpected(position.error());
    if (!size) return std::unexpected(size.error());
    if (*position) {
      JsonFields p(file_name_, **position, f.path() + ".position");
      auto x = p.Number("x"), y = p.Number("y");
      if (!x) return std::unexpected(x.error());
      if (!y) return std::unexpected(y.error());
      box.x = *x;
      box.y = *y;
    }
    if (*size) {
      JsonFields s(file_name_, **size, f.path() + ".size");
      auto w = s.Number("width"), h = s.Number("height");
      if (!w) return std::unexpected(w.error());
      if (!h) return std::unexpected(h.error());
      box.width = *w;
      box.height = *h;
    }
    return box;
  }

  core::Result<std::string> End(const JsonFields& f, const char* member) {
    auto end = f.Object(member);
    if (!end) return std::unexpected(end.error());
    if (!*end) return std::string();
    return JsonFields(file_name_, **end, f.path() + "." + member).String("cell");
  }

  // The id an element gets: its name made into an id, unless that is empty
  // or taken (by an element of any kind, in any diagram); then the name and
  // the start of its UUID, or the whole UUID.
  std::string UniqueId(const Cell& cell, std::string_view fallback) {
    std::string base = IdFromName(cell.name);
    if (base.empty()) base = std::string(fallback);
    std::string uuid = IdFromName(cell.uuid);
    for (std::string candidate : {base, base + "-" + uuid.substr(0, 8), base + "-" + uuid}) {
      if (ValidElementId(candidate) && used_ids_.insert(candidate).second) return candidate;
    }
    std::string numbered;
    do {
      numbered = fmt::format("{}-{}", base.substr(0, 60), ++counter_);
    } while (!used_ids_.insert(numbered).second);
    return numbered;
  }

  core::Status Diagram(const JsonFields& diagram, const json& node, Model& model) {
    auto cells_json = diagram.Array("cells");
    if (!cells_json) return std::unexpected(cells_json.error());
    if (!*cells_json) return {};
    std::vector<Cell> cells;
    size_t i = 0;
    for (const json& item : **cells_json) {
      std::string path = diagram.path() + fmt::format(".cells[{}]", i++);
      if (!item.is_object()) return Invalid(path, "a cell must be an object");
      JsonFields f(file_name_, item, path);
      auto shape = f.String("shape"), uuid = f.String("id");
      if (!shape) return std::unexpected(shape.error());
      if (!uuid) return std::unexpected(uuid.error());
      auto data = f.Object("data");
      if (!data) return std::unexpected(data.error());
      static const json kEmpty = json::object();
      JsonFields d(file_name_, *data ? **data : kEmpty, path + ".data");
      auto name = d.String("name");
      if (!name) return std::unexpected(name.error());
      auto box = BoxOf(f);
      if (!box) return std::unexpected(box.error());
      auto source = End(f, "source"), target = End(f, "target");
      if (!source) return std::unexpected(source.error());
      if (!target) return std::unexpected(target.error());
      cells.push_back(Cell{*uuid, *name, *shape, d, *box, *source, *target});
    }
    (void)node;
    std::unordered_map<std::string, std::string> id_of;  // uuid -> element id
    for (const Cell& c : cells) {
      if (c.shape != "actor" && c.shape != "process" && c.shape != "store") continue;
      Component component;
      component.id = UniqueId(c, c.shape);
      component.name = c.name;
      component.where = c.fields.Where();
      component.type = c.shape == "actor"   ? ComponentType::kExternalEntity
                       : c.shape == "store" ? ComponentType::kDatastore
                                            : ComponentType::kProcess;
      component.authentication = "none";
      component.authorization = "none";
      auto out_of_scope = c.fields.Bool("outOfScope");
      auto encrypted = c.fields.Bool("isEncrypted");
      auto web = c.fields.Bool("isWebApplication");
      auto is_log = c.fields.Bool("isALog");
      if (!out_of_scope) return std::unexpected(out_of_scope.error());
      if (!encrypted) return std::unexpected(encrypted.error());
      if (!web) return std::unexpected(web.error());
      if (!is_log) return std::unexpected(is_log.error());
      component.out_of_scope = *out_of_scope;
      component.encryption_at_rest = *encrypted;
      if (*web) component.technology = "web-application";
      if (*is_log) component.technology = "logging";
      id_of.emplace(c.uuid, component.id);
      model.components.push_back(std::move(component));
    }
    for (const Cell& c : cells) {
      if (c.shape != "flow") continue;
      auto source = id_of.find(c.source), target = id_of.find(c.target);
      if (source == id_of.end() || target == id_of.end()) continue;  // a dangling arrow on the drawing
      Flow flow;
      flow.name = c.name;
      flow.id = UniqueId(c, source->second + "-to-" + target->second);
      flow.source = source->second;
      flow.target = target->second;
      flow.where = c.fields.Where();
      auto protocol = c.fields.String("protocol");
      auto encrypted = c.fields.Bool("isEncrypted");
      auto is_public = c.fields.Bool("isPublicNetwork");
      if (!protocol) return std::unexpected(protocol.error());
      if (!encrypted) return std::unexpected(encrypted.error());
      if (!is_public) return std::unexpected(is_public.error());
      flow.protocol = core_protocol(*protocol);
      flow.encrypted = *encrypted;
      flow.authentication = "none";
      flow.authorization = "none";
      if (*is_public) {
        for (Component& component : model.components)
          if (component.id == flow.target && component.type != ComponentType::kExternalEntity)
            component.internet_facing = true;
      }
      model.flows.push_back(std::move(flow));
    }
    for (const Cell& c : cells) {
      if (c.shape != "trust-boundary-box" && c.shape != "trust-broundary-box") continue;
      Boundary b;
      b.id = UniqueId(c, "boundary");
      b.name = c.name;
      b.where = c.fields.Where();
      for (const Cell& inner : cells) {
        auto id = id_of.find(inner.uuid);
        if (id != id_of.end() && c.box.Contains(inner.box) && !Placed(id->second)) {
          b.components.push_back(id->second);
        }
      }
      model.boundaries.push_back(std::move(b));
    }
    return {};
  }

  // Threat Dragon boxes may overlap; an element belongs to the first box that
  // holds it, so the model keeps one boundary per element.
  bool Placed(const std::string& id) { return !placed_.insert(id).second; }

  static std::string core_protocol(std::string_view protocol) {
    std::string lower = IdFromName(protocol);
    if (lower == "http-s" || lower == "https") return "https";
    return lower;
  }

  std::string_view file_name_;
  std::set<std::string> used_ids_;
  int counter_ = 0;
  std::set<std::string> placed_;
};

}  // namespace

core::Result<Model> ImportThreatDragon(std::string_view json_text, std::string_view file_name) {
  auto root = ParseJsonDocument(json_text, file_name);
  if (!root) return std::unexpected(root.error());
  return Importer(file_name).Run(*root);
}

}  // namespace candor::threatmodel
