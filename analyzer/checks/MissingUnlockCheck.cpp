// tangle-missing-unlock: a path leaves a function with a lock held while
// other paths release it, or a thread (or main) ends holding it. A helper
// that takes a lock on every path and leaves it to its caller is clean.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"

namespace tangle::analyzer {
namespace {

class MissingUnlockCheck : public Check {
public:
  const char *id() const override { return ids::MissingUnlock; }
  const char *summary() const override {
    return "A path returns or exits the thread with a lock still held.";
  }

  void run(const Program &P, Reporter &R) override {
    for (const clang::FunctionDecl *F : P.functions()) {
      const FunctionSummary &S = P.summaries().get(F);
      bool Root = P.isContextRoot(F);
      for (const ExitState &X : S.Exits)
        for (const HeldLock &L : X.Held) {
          if (L.Kind == LockKind::Semaphore)
            continue;
          bool LeftToCaller = holds(S.AcquiredOnEveryExit, L.Key);
          if (LeftToCaller && !Root && !X.EndsThread)
            continue;
          std::string Where =
              X.EndsThread ? "the thread exits"
              : Root
                  ? "'" + F->getNameAsString() + "' returns and its thread ends"
                  : "'" + F->getNameAsString() + "' returns on this path";
          Finding *Fd =
              R.report(ids::MissingUnlock, X.Site,
                       "'" + L.Display + "' is still held when " + Where);
          R.note(Fd, L.Site, "'" + L.Display + "' was locked here");
        }
    }
  }
};

} // namespace

std::unique_ptr<Check> makeMissingUnlockCheck() {
  return std::make_unique<MissingUnlockCheck>();
}

} // namespace tangle::analyzer
