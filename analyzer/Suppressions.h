// `// NOLINT`, `// NOLINT(tangle-...)`, `// NOLINTNEXTLINE(...)` and
// `// NOLINTBEGIN(...)` ... `// NOLINTEND(...)` comments, as in clang-tidy.
#ifndef TANGLE_ANALYZER_SUPPRESSIONS_H
#define TANGLE_ANALYZER_SUPPRESSIONS_H

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include <string>
#include <vector>

namespace tangle::analyzer {

class Suppressions {
public:
  explicit Suppressions(const clang::SourceManager &SM) : SM(SM) {}
  bool isSuppressed(llvm::StringRef CheckId, clang::SourceLocation Loc);

private:
  struct Region {
    unsigned FirstLine, LastLine;
    std::string Checks; // empty: every check
  };
  const std::vector<Region> &regionsOf(clang::FileID File);

  const clang::SourceManager &SM;
  llvm::DenseMap<clang::FileID, std::vector<Region>> Regions;
};

} // namespace tangle::analyzer

#endif
