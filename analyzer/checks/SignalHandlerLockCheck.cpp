// tangle-signal-handler-lock: a signal handler takes a lock that the code it
// can interrupt also takes. A handler runs on top of the interrupted thread:
// if that thread holds the lock, the handler waits for a lock its own thread
// will never release until the handler returns.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include <set>

namespace tangle::analyzer {
namespace {

// A recursive mutex is taken again by the interrupted thread (no hang, but
// the handler sees a half-done update); semaphores and file locks are not
// held by a thread.
bool blocksOnHolder(const Event &E) {
  return E.Kind == EventKind::Acquire && !E.Try &&
         E.Lock != LockKind::RecursiveMutex && E.Lock != LockKind::Semaphore &&
         E.Lock != LockKind::FileLock;
}

class SignalHandlerLockCheck : public Check {
public:
  const char *id() const override { return ids::SignalHandlerLock; }
  const char *summary() const override {
    return "A signal handler takes a lock that the code it interrupts may "
           "hold: the handler deadlocks its own thread.";
  }

  void run(const Program &P, Reporter &R) override {
    std::set<std::pair<std::string, unsigned>> Reported;
    for (const Context &H : P.contexts()) {
      if (H.Kind != ContextKind::SignalHandler)
        continue;
      for (const ContextEvent &HE : P.events(H.Id)) {
        if (!blocksOnHolder(*HE.E))
          continue;
        for (const Context &O : P.contexts()) {
          if (O.Id == H.Id || O.Kind == ContextKind::SignalHandler ||
              !P.shareMemory(H.Id, O.Id))
            continue;
          for (const ContextEvent &OE : P.events(O.Id))
            if (OE.E->Kind == EventKind::Acquire &&
                OE.E->Object == HE.E->Object && P.mayRunConcurrently(HE, OE) &&
                Reported.insert({HE.E->Object, O.Id}).second) {
              report(R, P, HE, OE);
              break;
            }
        }
      }
    }
  }

private:
  void report(Reporter &R, const Program &P, const ContextEvent &HE,
              const ContextEvent &OE) {
    const Context &H = P.contexts()[HE.Context];
    const Context &O = P.contexts()[OE.Context];
    std::string Lock = HE.E->Display;
    Finding *F = R.report(
        ids::SignalHandlerLock, HE.E->Site,
        msg("{0} locks '{1}', which {2} also locks; if the signal arrives "
            "while {2} holds it, the handler waits forever for its own thread",
            H.Name, Lock, O.Name));
    R.contextNotes(F, P, HE);
    R.note(F, OE.E->Site, msg("'{0}' is locked here in {1}", Lock, O.Name));
    R.contextNotes(F, P, OE);
  }
};

} // namespace

std::unique_ptr<Check> makeSignalHandlerLockCheck() {
  return std::make_unique<SignalHandlerLockCheck>();
}

} // namespace tangle::analyzer
