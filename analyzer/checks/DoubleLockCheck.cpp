// tangle-double-lock: a non-recursive lock taken again by the thread that
// holds it, directly, through a helper that leaves it held, or inside a
// function called with it held.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"

namespace tangle::analyzer {
namespace {

bool canSelfDeadlock(const Event &E) {
  return !E.Try && E.Lock != LockKind::RecursiveMutex &&
         E.Lock != LockKind::Semaphore && E.Lock != LockKind::FileLock;
}

const HeldLock *heldAs(const LockSet &Held, const Event &E) {
  for (const HeldLock &L : Held)
    if (L.Key == E.Object && L.AcquireId != E.AcquireId)
      return &L;
  return nullptr;
}

class DoubleLockCheck : public Check {
public:
  const char *id() const override { return ids::DoubleLock; }
  const char *summary() const override {
    return "A thread locks a non-recursive lock it already holds and "
           "deadlocks on itself.";
  }

  void run(const Program &P, Reporter &R) override {
    // Along one function, including helpers that return with the lock held.
    for (const clang::FunctionDecl *F : P.functions())
      for (const Event &E : P.summaries().get(F).Events)
        if (E.Kind == EventKind::Acquire && canSelfDeadlock(E))
          if (const HeldLock *First = heldAs(E.Held, E))
            report(R, E, *First, nullptr, P);
    // Through calls made with the lock held, seen from each context.
    for (const Context &C : P.contexts())
      for (const ContextEvent &CE : P.events(C.Id))
        if (CE.E->Kind == EventKind::Acquire && canSelfDeadlock(*CE.E) &&
            !CE.Chain.empty())
          if (const HeldLock *First = heldAs(CE.Held, *CE.E))
            report(R, *CE.E, *First, &CE, P);
  }

private:
  void report(Reporter &R, const Event &E, const HeldLock &First,
              const ContextEvent *Via, const Program &P) {
    Sentence Msg =
        E.ViaCall
            ? msg("this call locks '{0}', which the thread already holds; a "
                  "non-recursive lock deadlocks here",
                  E.Display)
            : msg("'{0}' is locked again while this thread already holds it; "
                  "a non-recursive lock deadlocks here",
                  E.Display);
    Finding *F = R.report(ids::DoubleLock, E.Site, Msg);
    if (E.ViaCall)
      R.note(F, E.CalleeSite, msg("the callee locks it here"));
    R.note(F, First.Site, msg("'{0}' was first locked here", First.Display));
    if (Via)
      R.contextNotes(F, P, *Via);
  }
};

} // namespace

std::unique_ptr<Check> makeDoubleLockCheck() {
  return std::make_unique<DoubleLockCheck>();
}

} // namespace tangle::analyzer
