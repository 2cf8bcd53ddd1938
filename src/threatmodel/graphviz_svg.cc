// RenderSvg: DOT to SVG through Graphviz's C libraries (libgvc, libcgraph).
// The only file that includes Graphviz headers.

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>

#include "threatmodel/diagram.h"

namespace candor::threatmodel {
namespace {

struct ContextFree {
  void operator()(GVC_t* gvc) const { gvFreeContext(gvc); }
};
struct GraphClose {
  void operator()(Agraph_t* graph) const { agclose(graph); }
};

}  // namespace

core::Result<std::string> RenderSvg(const std::string& dot) {
  // Without built-in plugins listed, gvContext loads the installed ones
  // (layout "dot", render "svg") from Graphviz's plugin configuration.
  std::unique_ptr<GVC_t, ContextFree> gvc(gvContext());
  if (!gvc) return core::Fail(core::ErrorCode::kInternal, "Graphviz could not start");
  std::unique_ptr<Agraph_t, GraphClose> graph(agmemread(dot.c_str()));
  if (!graph) return core::Fail(core::ErrorCode::kInternal, "Graphviz could not read the generated DOT");
  if (gvLayout(gvc.get(), graph.get(), "dot") != 0) {
    return core::Fail(core::ErrorCode::kInternal,
                      "Graphviz layout failed (is the 'dot' layout plugin installed?)");
  }
  char* data = nullptr;
  unsigned int length = 0;
  int rendered = gvRenderData(gvc.get(), graph.get(), "svg", &data, &length);
  std::string svg;
  if (rendered == 0 && data) svg.assign(data, length);
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc.get(), graph.get());
  if (rendered != 0) return core::Fail(core::ErrorCode::kInternal, "Graphviz could not render SVG");
  return svg;
}

}  // namespace candor::threatmodel

// Graphviz 2.43 and the fontconfig it measures text with keep caches and
// plugin tables for the life of the process, which LeakSanitizer reports
// even though every graph, layout, rendering and context is freed above.
// Leaks with those libraries on the stack are theirs; Candor's own are still
// reported. LeakSanitizer reads this hook when the binary is built with
// -fsanitize=address; otherwise it is an unused function.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgvc.so\nleak:libcgraph.so\nleak:libfontconfig.so\nleak:libpango\nleak:libcairo\n";
}
