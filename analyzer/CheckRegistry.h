// The one place that lists the checks.
#ifndef TANGLE_ANALYZER_CHECKREGISTRY_H
#define TANGLE_ANALYZER_CHECKREGISTRY_H

#include "analyzer/Check.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <vector>

namespace tangle::analyzer {

// Every check, in a stable order (the SARIF rules table follows it).
std::vector<std::unique_ptr<Check>> allChecks();
// Those whose id matches the `--checks=` globs.
std::vector<std::unique_ptr<Check>> enabledChecks(llvm::StringRef Globs);

} // namespace tangle::analyzer

#endif
