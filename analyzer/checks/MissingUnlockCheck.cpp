// tangle-missing-unlock: a path leaves a function with a lock held while
// other paths release it, or a thread (or main) ends holding it. A helper
// that takes a lock on every path and leaves it to its caller is clean, and
// so is one that returns holding it on every path with the same result
// (`return 1` holding both locks, `return 0` holding none) when a caller
// unlocks it on the branch where the result says it is held.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

namespace tangle::analyzer {
namespace {

class MissingUnlockCheck : public Check {
public:
  const char *id() const override { return ids::MissingUnlock; }
  const char *summary() const override {
    return "A path returns or exits the thread with a lock still held.";
  }

  void run(const Program &P, Reporter &R) override {
    ReleasedIn.reset();
    for (const clang::FunctionDecl *F : P.functions()) {
      const FunctionSummary &S = P.summaries().get(F);
      bool Root = P.isContextRoot(F);
      std::vector<std::pair<const ExitState *, const HeldLock *>> Left;
      for (const ExitState &X : S.Exits)
        for (const HeldLock &L : X.Held)
          if (leftHeld(P, S, F, X, L, Root))
            Left.push_back({&X, &L});
      for (const auto &[X, L] : Left)
        report(R, F, *X, *L, Root, namedDifferently(Left, *X, *L));
    }
  }

private:
  bool leftHeld(const Program &P, const FunctionSummary &S,
                const clang::FunctionDecl *F, const ExitState &X,
                const HeldLock &L, bool Root) {
    if (L.Kind == LockKind::Semaphore)
      return false;
    // Elements of a lock array whose indices changed since they were taken
    // (hand-over-hand locking, a loop that locks `m[i]`): only when the
    // path holds at least one for certain and ends its thread; whether a
    // caller takes them over, the check cannot tell.
    if (L.Inexact)
      return L.Instances > 0 && (Root || X.EndsThread);
    bool LeftToCaller =
        holds(S.AcquiredOnEveryExit, L.Key) ||
        (S.leavesHeld(L.Key, X.Returned) && releasedByCaller(P, F, L));
    return !LeftToCaller || Root || X.EndsThread;
  }

  // Elements of one array left held at one exit under different names on
  // different paths (`ring[i]`, `ring[next]`, unknown elements): the same
  // problem, said once without naming an index that may be stale.
  // Elements with a constant index (`cart[0]`, `cart[1]`) are named
  // rightly on every path.
  static bool namedDifferently(
      const std::vector<std::pair<const ExitState *, const HeldLock *>> &Left,
      const ExitState &X, const HeldLock &L) {
    if (L.Inexact)
      return true;
    return computedIndex(L) &&
           std::any_of(Left.begin(), Left.end(), [&](const auto &Other) {
             return Other.first->Site == X.Site &&
                    Other.second->Family == L.Family &&
                    Other.second->Key != L.Key && computedIndex(*Other.second);
           });
  }

  static bool computedIndex(const HeldLock &L) {
    if (L.Inexact)
      return true;
    bool InIndex = false;
    for (char C : L.Key) {
      if (C == '[' || C == ']')
        InIndex = C == '[';
      else if (InIndex && !isdigit(static_cast<unsigned char>(C)))
        return true;
    }
    return false;
  }

  void report(Reporter &R, const clang::FunctionDecl *F, const ExitState &X,
              const HeldLock &L, bool Root, bool AsElement) {
    std::string Name = AsElement ? L.Family : L.Display;
    std::string Function = F->getNameAsString();
    Sentence Msg =
        AsElement      ? X.EndsThread
                             ? msg("one of the locks '{0}' is still held when the "
                                        "thread exits",
                                   Name)
                         : Root
                             ? msg("one of the locks '{0}' is still held when '{1}' "
                                        "returns and its thread ends",
                                   Name, Function)
                             : msg("one of the locks '{0}' is still held when '{1}' "
                                        "returns on this path",
                                   Name, Function)
             : X.EndsThread ? msg("'{0}' is still held when the thread exits", Name)
        : Root         ? msg("'{0}' is still held when '{1}' returns and its "
                                     "thread ends",
                             Name, Function)
               : msg("'{0}' is still held when '{1}' returns on this path",
                     Name, Function);
    Finding *Fd = R.report(ids::MissingUnlock, X.Site, Msg);
    R.note(Fd, L.Site,
           AsElement ? msg("one of them was locked here")
                     : msg("'{0}' was locked here", Name));
  }

  // Whether some caller unlocks what this acquisition left held: a helper
  // that returns holding a lock only with some results (`return 1` after
  // taking both) hands it over only if a caller takes it as handed over;
  // an early `return -1` that forgets the unlock is still this helper's.
  bool releasedByCaller(const Program &P, const clang::FunctionDecl *F,
                        const HeldLock &L) {
    if (!ReleasedIn) {
      ReleasedIn.emplace();
      for (const clang::FunctionDecl *G : P.functions())
        for (const Event &E : P.summaries().get(G).Events)
          if (E.Kind == EventKind::Release && E.WasHeld)
            ReleasedIn->insert({E.ReleasedId, G});
    }
    // The helper's own unlock on its other paths does not count.
    auto [From, To] = ReleasedIn->equal_range(L.AcquireId);
    return std::any_of(From, To, [&](const auto &R) { return R.second != F; });
  }
  std::optional<std::multimap<uint64_t, const clang::FunctionDecl *>>
      ReleasedIn;
};

} // namespace

std::unique_ptr<Check> makeMissingUnlockCheck() {
  return std::make_unique<MissingUnlockCheck>();
}

} // namespace tangle::analyzer
