// tangle-unlock-not-held: releasing a lock twice on one path, or releasing in
// a thread's entry (or main) a lock that nothing on the path took. A helper
// releasing what its caller took is judged at the caller.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"

namespace tangle::analyzer {
namespace {

class UnlockNotHeldCheck : public Check {
public:
  const char *id() const override { return ids::UnlockNotHeld; }
  const char *summary() const override {
    return "A lock is released that the thread does not hold.";
  }

  void run(const Program &P, Reporter &R) override {
    for (const clang::FunctionDecl *F : P.functions()) {
      bool Root = P.isContextRoot(F);
      for (const Event &E : P.summaries().get(F).Events) {
        if (E.Kind != EventKind::Release || E.WasHeld ||
            E.Lock == LockKind::Semaphore || E.Lock == LockKind::FileLock)
          continue;
        if (!E.ReleasedTwice && !Root)
          continue;
        Sentence Msg =
            E.ViaCall
                ? E.ReleasedTwice
                      ? msg("this call unlocks '{0}', which this path already "
                            "unlocked",
                            E.Display)
                      : msg("this call unlocks '{0}', which is not held here",
                            E.Display)
            : E.ReleasedTwice
                ? msg("'{0}' is unlocked again on this path", E.Display)
                : msg("'{0}' is unlocked but not held here", E.Display);
        Finding *Fd = R.report(ids::UnlockNotHeld, E.Site, Msg);
        if (E.ViaCall)
          R.note(Fd, E.CalleeSite, msg("the callee unlocks it here"));
      }
    }
  }
};

} // namespace

std::unique_ptr<Check> makeUnlockNotHeldCheck() {
  return std::make_unique<UnlockNotHeldCheck>();
}

} // namespace tangle::analyzer
