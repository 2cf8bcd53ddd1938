#pragma once
// The model's data-flow diagram: components as DFD shapes (external entities
// boxes, processes ellipses, datastores cylinders), trust boundaries as nested
// clusters, flows as arrows labelled with their protocol (dashed and red when
// unencrypted). RenderDot is plain text; RenderSvg lays it out with
// Graphviz's libraries (graphviz_svg.cc is the only file that includes them).

#include <string>

#include "core/error.h"
#include "threatmodel/model.h"

namespace candor::threatmodel {

// A validated model (nesting without cycles) in Graphviz's DOT language.
std::string RenderDot(const Model& model);

// DOT laid out with the "dot" engine and rendered as SVG. kInternal when
// Graphviz fails (its plugins missing, for instance).
core::Result<std::string> RenderSvg(const std::string& dot);

}  // namespace candor::threatmodel
