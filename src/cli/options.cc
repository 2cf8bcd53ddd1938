#include "cli/options.h"

#include <fmt/format.h>

#include <vector>

#include "store/store.h"

namespace candor::cli {

std::optional<int> ParseArgs(CLI::App& app, std::span<char* const> args) {
  // CLI11 wants the program name first and the rest reversed-free as a vector.
  std::vector<std::string> rest(args.begin() + 1, args.end());
  std::reverse(rest.begin(), rest.end());
  try {
    app.parse(rest);
  } catch (const CLI::CallForHelp&) {
    fmt::print("{}", app.help());
    return 0;
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "candor {}: {}\nRun 'candor {} --help' for usage and examples.\n", app.get_name(),
               e.what(), app.get_name());
    return 2;
  }
  return std::nullopt;
}

CLI::Option* AddDbOption(CLI::App& app, std::string& url) {
  url = std::string(store::kDefaultStoreUrl);
  return app.add_option("--db", url, "Store URL: sqlite:PATH (default sqlite:.candor/candor.db)");
}

}  // namespace candor::cli
