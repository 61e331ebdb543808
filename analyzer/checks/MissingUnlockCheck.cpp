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
          Sentence Msg =
              X.EndsThread
                  ? msg("'{0}' is still held when the thread exits", L.Display)
              : Root ? msg("'{0}' is still held when '{1}' returns and its "
                           "thread ends",
                           L.Display, F->getNameAsString())
                     : msg("'{0}' is still held when '{1}' returns on this "
                           "path",
                           L.Display, F->getNameAsString());
          Finding *Fd = R.report(ids::MissingUnlock, X.Site, Msg);
          R.note(Fd, L.Site, msg("'{0}' was locked here", L.Display));
        }
    }
  }
};

} // namespace

std::unique_ptr<Check> makeMissingUnlockCheck() {
  return std::make_unique<MissingUnlockCheck>();
}

} // namespace tangle::analyzer
