// tangle-shared-global-unlocked: a global or static written by one thread and
// read or written by another that may run at the same time, with no lock
// held by both. No annotations needed; forked children have their own copy.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include "analyzer/LockInstances.h"
#include <algorithm>
#include <map>
#include <set>

namespace tangle::analyzer {
namespace {

bool commonLock(const LockSet &A, const LockSet &B) {
  for (const HeldLock &L : A)
    if (L.Kind != LockKind::FileLock && holds(B, L.Key))
      return true;
  return false;
}

// The same, with locks passed as parameters named by the caller's argument
// (`add(&m)` locking `*lock` holds `m`).
bool commonLockByArgument(const Program &P, LockNamer &Names,
                          const ContextEvent &A, const ContextEvent &B) {
  auto Named = [&](const ContextEvent &E) {
    std::vector<std::string> Keys;
    for (const HeldLock &L : E.Held)
      if (L.Kind != LockKind::FileLock && L.Object && L.Frame)
        Keys.push_back(
            Names.name(L.Object, L.Frame, P.contexts()[E.Context], std::nullopt)
                .Key);
    return Keys;
  };
  std::vector<std::string> KA = Named(A), KB = Named(B);
  for (const std::string &K : KA)
    if (!K.empty() && std::find(KB.begin(), KB.end(), K) != KB.end())
      return true;
  return false;
}

bool isAccess(EventKind K) {
  return K == EventKind::GlobalRead || K == EventKind::GlobalWrite;
}

bool involvesHandler(const Program &P, const ContextEvent &A,
                     const ContextEvent &B) {
  return P.contexts()[A.Context].Kind == ContextKind::SignalHandler ||
         P.contexts()[B.Context].Kind == ContextKind::SignalHandler;
}

class SharedGlobalUnlockedCheck : public Check {
public:
  const char *id() const override { return ids::SharedGlobalUnlocked; }
  const char *summary() const override {
    return "A global is written by one thread and accessed by another "
           "without a common lock: a data race.";
  }

  void run(const Program &P, Reporter &R) override {
    LockNamer Names;
    std::map<std::string, std::vector<const ContextEvent *>> ByGlobal;
    for (const Context &C : P.contexts())
      for (const ContextEvent &CE : P.events(C.Id))
        if (isAccess(CE.E->Kind))
          ByGlobal[CE.E->Object].push_back(&CE);
    for (const auto &[Name, Accesses] : ByGlobal) {
      std::set<std::pair<unsigned, unsigned>> ContextPairs;
      for (const ContextEvent *W : Accesses) {
        if (W->E->Kind != EventKind::GlobalWrite)
          continue;
        for (const ContextEvent *O : Accesses) {
          if (!P.shareMemory(W->Context, O->Context) ||
              (W->E->SignalSafe && involvesHandler(P, *W, *O)) ||
              commonLock(W->Held, O->Held) || P.ownElements(*W, *O) ||
              !P.mayRunConcurrently(*W, *O) ||
              commonLockByArgument(P, Names, *W, *O))
            continue;
          auto Pair = std::minmax(W->Context, O->Context);
          if (!ContextPairs.insert(Pair).second)
            continue;
          report(R, P, *W, *O);
        }
      }
    }
  }

private:
  void report(Reporter &R, const Program &P, const ContextEvent &W,
              const ContextEvent &O) {
    const Context &CW = P.contexts()[W.Context];
    const Context &CO = P.contexts()[O.Context];
    bool SameContext = W.Context == O.Context;
    std::string Other =
        SameContext ? "another instance of " + CO.Name : CO.Name;
    std::string Accesses =
        "'" + W.E->Display + "' is written in " + CW.Name + " and " +
        (O.E->Kind == EventKind::GlobalWrite ? "written" : "read") + " in " +
        Other;
    // A lock cannot protect what a handler shares with the thread it
    // interrupts; the type has to.
    Finding *F = R.report(
        ids::SharedGlobalUnlocked, W.E->Site,
        involvesHandler(P, W, O)
            ? Accesses + "; a signal handler interrupts at any point, so it "
                         "must be volatile sig_atomic_t or a lock-free atomic"
            : Accesses + " with no lock held by both: a data race");
    R.contextNotes(F, P, W);
    R.note(
        F, O.E->Site,
        std::string(O.E->Kind == EventKind::GlobalWrite ? "written" : "read") +
            " here in " + Other);
    if (!SameContext)
      R.contextNotes(F, P, O);
  }
};

} // namespace

std::unique_ptr<Check> makeSharedGlobalUnlockedCheck() {
  return std::make_unique<SharedGlobalUnlockedCheck>();
}

} // namespace tangle::analyzer
