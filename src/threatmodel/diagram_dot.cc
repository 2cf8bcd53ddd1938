#include <fmt/format.h>

#include <unordered_map>

#include "threatmodel/diagram.h"
#include "threatmodel/model_index.h"
#include "threatmodel/ratings.h"

namespace candor::threatmodel {
namespace {

// A DOT double-quoted string: quotes and backslashes escaped, line breaks as
// DOT's centred "\n", other control characters dropped.
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, 200)) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
      out.push_back(c);
    }
  }
  return out + "\"";
}

std::string_view Shape(ComponentType type) {
  switch (type) {
    case ComponentType::kExternalEntity: return "box";
    case ComponentType::kDatastore: return "cylinder";
    case ComponentType::kProcess: return "ellipse";
  }
  return "ellipse";
}

class Writer {
 public:
  explicit Writer(const Model& model) : model_(model), index_(model) {
    for (const Boundary& b : model.boundaries) {
      if (const Boundary* parent = index_.ParentOf(b))
        children_[parent->id].push_back(&b);
      else
        roots_.push_back(&b);
    }
    for (const Component& c : model.components) {
      if (const Boundary* b = index_.BoundaryOf(c.id))
        members_[b->id].push_back(&c);
      else
        loose_.push_back(&c);
    }
  }

  std::string Run() {
    out_ = fmt::format("digraph {} {{\n  rankdir=LR;\n  fontname=\"Helvetica\";\n",
                       Quoted(model_.title.empty() ? "dfd" : model_.title));
    out_ += "  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (const Boundary* b : roots_) Cluster(*b, 1);
    for (const Component* c : loose_) Node(*c, 1);
    for (const Flow& f : model_.flows) {
      std::string label = f.protocol.empty() ? f.name : f.protocol;
      out_ += fmt::format("  {} -> {} [label={}{}];\n", Quoted(f.source), Quoted(f.target), Quoted(label),
                          f.encrypted ? "" : ", style=dashed, color=\"#b00000\", fontcolor=\"#b00000\"");
    }
    out_ += "}\n";
    return std::move(out_);
  }

 private:
  void Cluster(const Boundary& b, int depth) {
    std::string pad(static_cast<size_t>(depth) * 2, ' ');
    out_ += fmt::format("{}subgraph {} {{\n{}  label={};\n{}  style=dashed;\n{}  color=\"#d04000\";\n", pad,
                        Quoted("cluster_" + b.id), pad,
                        Quoted((b.name.empty() ? b.id : b.name) + " (" + std::string(ToString(b.type)) + ")"),
                        pad, pad);
    for (const Boundary* child : children_[b.id]) Cluster(*child, depth + 1);
    for (const Component* c : members_[b.id]) Node(*c, depth + 1);
    out_ += pad + "}\n";
  }

  void Node(const Component& c, int depth) {
    out_ += fmt::format("{}{} [label={}, shape={}{}];\n", std::string(static_cast<size_t>(depth) * 2, ' '),
                        Quoted(c.id), Quoted(c.name.empty() ? c.id : c.name), Shape(c.type),
                        c.out_of_scope ? ", style=dotted" : "");
  }

  const Model& model_;
  ModelIndex index_;
  std::unordered_map<std::string, std::vector<const Boundary*>> children_;
  std::unordered_map<std::string, std::vector<const Component*>> members_;
  std::vector<const Boundary*> roots_;
  std::vector<const Component*> loose_;
  std::string out_;
};

}  // namespace

std::string RenderDot(const Model& model) {
  return Writer(model).Run();
}

}  // namespace candor::threatmodel
