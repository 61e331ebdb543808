// `--checks=` and NOLINT(...) lists.
#include "analyzer/CheckGlobs.h"

#include "llvm/ADT/SmallVector.h"

namespace tangle::analyzer {

bool globMatch(llvm::StringRef Pattern, llvm::StringRef Text) {
  if (Pattern.empty())
    return Text.empty();
  if (Pattern.front() == '*')
    return globMatch(Pattern.drop_front(), Text) ||
           (!Text.empty() && globMatch(Pattern, Text.drop_front()));
  return !Text.empty() && Pattern.front() == Text.front() &&
         globMatch(Pattern.drop_front(), Text.drop_front());
}

CheckGlobs::CheckGlobs(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ',', -1, false);
  for (llvm::StringRef P : Parts) {
    P = P.trim();
    if (P.empty())
      continue;
    bool Positive = !P.consume_front("-");
    Globs.push_back({Positive, P.trim().str()});
  }
}

bool CheckGlobs::matches(llvm::StringRef CheckId) const {
  bool Result = false;
  for (const auto &[Positive, Pattern] : Globs)
    if (globMatch(Pattern, CheckId))
      Result = Positive;
  return Result;
}

} // namespace tangle::analyzer
