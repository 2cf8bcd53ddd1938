#pragma once
// The contributing categories an incident's linked findings imply: "cwe:89"
// and "rule:py/sql-injection" for each linked finding the store knows, so
// `candor incident repeats` sees that two incidents share a weakness without
// anyone tagging them by hand. Functions over a Store; one thread at a time.

#include <string>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace candor::incidents {

// Adds to `tags` (without duplicates) the tags of every finding of `store`
// whose id or identity is in `finding_refs`. Refs the store does not know
// are left alone (a finding of another system). Errors: the store's.
core::Status AddFindingTags(store::Store& store, const std::vector<std::string>& finding_refs,
                            std::vector<std::string>& tags);

}  // namespace candor::incidents
