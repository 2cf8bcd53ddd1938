#include "diff/libgit2.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <string>

namespace candor::diff {
namespace {

constexpr const char* kLibrary = "libgit2.so." LIBGIT2_SOVERSION;

// The loaded library, or why it could not be loaded. Never unloaded: its
// functions may be called until exit, when `~Loaded` shuts libgit2 down.
struct Loaded {
  Libgit2 functions;
  std::string error;

  Loaded() {
    void* handle = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      error = fmt::format("cannot load libgit2, which reading git refs needs: {}", dlerror());
      return;
    }
#define CANDOR_LIBGIT2_LOOK_UP(name)                                                                \
  functions.name = reinterpret_cast<decltype(functions.name)>(dlsym(handle, "git_" #name));         \
  if (functions.name == nullptr) {                                                                  \
    error = fmt::format("{} has no git_{}: not the libgit2 candor was built for", kLibrary, #name); \
    dlclose(handle);                                                                                \
    return;                                                                                         \
  }
    CANDOR_LIBGIT2_FUNCTIONS(CANDOR_LIBGIT2_LOOK_UP)
#undef CANDOR_LIBGIT2_LOOK_UP
    functions.libgit2_init();
  }
  ~Loaded() {
    if (error.empty()) functions.libgit2_shutdown();
  }
  Loaded(const Loaded&) = delete;
  Loaded& operator=(const Loaded&) = delete;
};

}  // namespace

core::Result<const Libgit2*> LoadLibgit2() {
  static const Loaded loaded;  // a function-local static: loaded once, thread-safe
  if (!loaded.error.empty()) return core::Fail(core::ErrorCode::kIo, loaded.error, kLibrary);
  return &loaded.functions;
}

}  // namespace candor::diff
