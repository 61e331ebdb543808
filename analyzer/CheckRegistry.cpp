// The one place that lists the checks.
#include "analyzer/CheckRegistry.h"

#include "analyzer/CheckGlobs.h"

namespace tangle::analyzer {

// Defined each in its own file under checks/.
std::unique_ptr<Check> makeSharedFileUnlockedCheck();
std::unique_ptr<Check> makeSharedGlobalUnlockedCheck();
std::unique_ptr<Check> makeDoubleLockCheck();
std::unique_ptr<Check> makeMissingUnlockCheck();
std::unique_ptr<Check> makeUnlockNotHeldCheck();
std::unique_ptr<Check> makeLockOrderInversionCheck();
std::unique_ptr<Check> makeCondWaitNoLoopCheck();
std::unique_ptr<Check> makeSignalHandlerLockCheck();
std::unique_ptr<Check> makeThreadArgChangedCheck();

std::vector<std::unique_ptr<Check>> allChecks() {
  std::vector<std::unique_ptr<Check>> All;
  All.push_back(makeSharedFileUnlockedCheck());
  All.push_back(makeSharedGlobalUnlockedCheck());
  All.push_back(makeDoubleLockCheck());
  All.push_back(makeMissingUnlockCheck());
  All.push_back(makeUnlockNotHeldCheck());
  All.push_back(makeLockOrderInversionCheck());
  All.push_back(makeCondWaitNoLoopCheck());
  All.push_back(makeSignalHandlerLockCheck());
  All.push_back(makeThreadArgChangedCheck());
  return All;
}

std::vector<std::unique_ptr<Check>> enabledChecks(llvm::StringRef Globs) {
  CheckGlobs Filter(Globs);
  std::vector<std::unique_ptr<Check>> Enabled;
  for (std::unique_ptr<Check> &C : allChecks())
    if (Filter.matches(C->id()))
      Enabled.push_back(std::move(C));
  return Enabled;
}

} // namespace tangle::analyzer
