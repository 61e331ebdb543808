// `--checks=` and NOLINT(...) lists: comma-separated globs, `-` to exclude,
// later entries win (as in clang-tidy).
#ifndef TANGLE_ANALYZER_CHECKGLOBS_H
#define TANGLE_ANALYZER_CHECKGLOBS_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <utility>
#include <vector>

namespace tangle::analyzer {

class CheckGlobs {
public:
  explicit CheckGlobs(llvm::StringRef List);
  bool matches(llvm::StringRef CheckId) const;

private:
  std::vector<std::pair<bool, std::string>> Globs; // (positive, pattern)
};

bool globMatch(llvm::StringRef Pattern, llvm::StringRef Text);

} // namespace tangle::analyzer

#endif
