// tangle-lock-order-inversion: two locks taken in opposite orders by
// contexts that may run at the same time — a potential deadlock even when no
// run hangs. Ruled out by a gate lock held around both orders or by a join
// that separates the contexts.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include <map>
#include <set>

namespace tangle::analyzer {
namespace {

struct Edge {
  const HeldLock *First;    // held
  const ContextEvent *Then; // acquired while First is held
};

bool sharesGate(const Edge &A, const Edge &B) {
  for (const HeldLock &GA : A.Then->Held)
    if (GA.Key != A.First->Key && GA.Key != A.Then->E->Object)
      for (const HeldLock &GB : B.Then->Held)
        if (GB.Key == GA.Key && !GB.Shared && !GA.Shared)
          return true;
  return false;
}

bool ordersLocks(const Event &E) {
  return E.Lock != LockKind::Semaphore && E.Lock != LockKind::FileLock;
}

class LockOrderInversionCheck : public Check {
public:
  const char *id() const override { return ids::LockOrderInversion; }
  const char *summary() const override {
    return "Two locks are taken in opposite orders by threads that may run "
           "at the same time: a potential deadlock.";
  }

  void run(const Program &P, Reporter &R) override {
    std::map<std::pair<std::string, std::string>, std::vector<Edge>> Edges;
    for (const Context &C : P.contexts())
      for (const ContextEvent &CE : P.events(C.Id)) {
        if (CE.E->Kind != EventKind::Acquire || CE.E->Try ||
            !ordersLocks(*CE.E))
          continue;
        for (const HeldLock &H : CE.Held)
          // Locks taken together (std::lock, scoped_lock) have no order.
          if (H.Key != CE.E->Object && H.AcquireId != CE.E->AcquireId &&
              H.Kind != LockKind::Semaphore && H.Kind != LockKind::FileLock)
            Edges[{H.Key, CE.E->Object}].push_back({&H, &CE});
      }
    std::set<std::pair<std::string, std::string>> Reported;
    for (const auto &[Pair, Forward] : Edges) {
      if (Pair.first > Pair.second)
        continue;
      auto Back = Edges.find({Pair.second, Pair.first});
      if (Back == Edges.end())
        continue;
      for (const Edge &A : Forward)
        for (const Edge &B : Back->second)
          if (P.mayRunConcurrently(*A.Then, *B.Then) && !sharesGate(A, B) &&
              Reported.insert(Pair).second)
            report(R, P, A, B);
    }
  }

private:
  void report(Reporter &R, const Program &P, const Edge &A, const Edge &B) {
    const Context &CA = P.contexts()[A.Then->Context];
    const Context &CB = P.contexts()[B.Then->Context];
    std::string LockA = A.First->Display, LockB = A.Then->E->Display;
    Finding *F =
        R.report(ids::LockOrderInversion, A.Then->E->Site,
                 "lock-order inversion: " + CA.Name + " locks '" + LockB +
                     "' while holding '" + LockA + "', and " + CB.Name +
                     " locks them in the opposite order; the two can deadlock");
    R.note(F, A.First->Site,
           "'" + LockA + "' is locked here first, in " + CA.Name);
    R.contextNotes(F, P, *A.Then);
    R.note(F, B.First->Site,
           "'" + LockB + "' is locked here first, in " + CB.Name);
    R.note(F, B.Then->E->Site,
           "then '" + LockA + "' here while holding '" + LockB + "'");
    R.contextNotes(F, P, *B.Then);
  }
};

} // namespace

std::unique_ptr<Check> makeLockOrderInversionCheck() {
  return std::make_unique<LockOrderInversionCheck>();
}

} // namespace tangle::analyzer
