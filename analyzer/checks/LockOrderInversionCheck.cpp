// tangle-lock-order-inversion: a cycle in the lock-order graph of contexts
// that may run at the same time (B taken while holding A in one thread, A
// while holding B in another; or A→B→C→A across three) — a potential
// deadlock even when no run hangs. Ruled out by a gate lock held around two
// of the orders or by a join that separates the contexts. Locks passed as
// parameters are named by each caller's arguments, and a thread started in
// a counted loop is seen once per value of its argument (the philosophers'
// `fork[i]`, `fork[(i+1)%N]`).
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include "analyzer/LockInstances.h"
#include <map>
#include <set>

namespace tangle::analyzer {
namespace {

// A cycle of more locks than this is not looked for.
constexpr size_t MaxCycle = 8;
// Bounds the search for edges that can all be waiting at once.
constexpr unsigned MaxSearchSteps = 20000;

struct Edge {
  LockName From, To;
  const HeldLock *First;    // held
  const ContextEvent *Then; // acquired while First is held
  std::optional<int64_t> Instance;
  std::vector<std::string> Gates; // other exclusive locks held at Then
};

bool ordersLocks(LockKind K) {
  return K != LockKind::Semaphore && K != LockKind::FileLock;
}

class LockOrderInversionCheck : public Check {
public:
  const char *id() const override { return ids::LockOrderInversion; }
  const char *summary() const override {
    return "Locks are taken in a cyclic order by threads that may run "
           "at the same time: a potential deadlock.";
  }

  void run(const Program &P, Reporter &R) override {
    LockNamer Names;
    for (const Context &C : P.contexts())
      for (std::optional<int64_t> K : instances(P, C, Names))
        collectEdges(P, C, K, Names);
    for (const auto &[Pair, List] : Edges)
      Next[Pair.first].insert(Pair.second);
    std::set<std::vector<std::string>> Reported;
    for (const auto &[Start, Unused] : Next) {
      std::vector<std::string> Path{Start};
      findCycles(P, R, Path, Reported);
    }
  }

private:
  std::map<std::pair<std::string, std::string>, std::vector<Edge>> Edges;
  std::map<std::string, std::set<std::string>> Next;
  unsigned Steps = 0;

  // The values of the thread's argument to name its locks with: one per
  // instance when its lock names follow the argument, else none.
  static std::vector<std::optional<int64_t>>
  instances(const Program &P, const Context &C, LockNamer &Names) {
    if (!C.MultipleInstances || C.Instances.size() < 2)
      return {std::nullopt};
    for (const ContextEvent &CE : P.events(C.Id))
      if (CE.E->Kind == EventKind::Acquire && CE.E->LockExpr &&
          Names.name(CE.E->LockExpr, CE.Frame, C, C.Instances[0]).Key !=
              Names.name(CE.E->LockExpr, CE.Frame, C, C.Instances[1]).Key)
        return {C.Instances.begin(), C.Instances.end()};
    return {std::nullopt};
  }

  static LockName nameOf(LockNamer &Names, const clang::Expr *Lock,
                         const CallFrame *Frame, const Context &C,
                         std::optional<int64_t> K, const std::string &Key,
                         const std::string &Display) {
    LockName N = Names.name(Lock, Frame, C, K);
    if (N.Key.empty())
      return {Key, Display, Lock};
    return N;
  }

  // Whether this instance of the thread can take the lock where it does:
  // `if (i == N - 1)` around it is false for the others.
  static bool reachable(const Program &P, LockNamer &Names,
                        const clang::Expr *Lock, const CallFrame *Frame,
                        const Context &C, std::optional<int64_t> K) {
    if (!K || !Lock)
      return true;
    for (const auto &[Cond, Branch] : P.summaries().conditionsAround(Lock))
      if (!Names.mayHold(Cond, Branch, Frame, C, K))
        return false;
    return true;
  }

  void collectEdges(const Program &P, const Context &C,
                    std::optional<int64_t> K, LockNamer &Names) {
    for (const ContextEvent &CE : P.events(C.Id)) {
      const Event &E = *CE.E;
      if (E.Kind != EventKind::Acquire || E.Try || !ordersLocks(E.Lock) ||
          !reachable(P, Names, E.LockExpr, CE.Frame, C, K))
        continue;
      LockName To =
          nameOf(Names, E.LockExpr, CE.Frame, C, K, E.Object, E.Display);
      std::vector<LockName> Held;
      for (const HeldLock &H : CE.Held)
        Held.push_back(
            nameOf(Names, H.Object, H.Frame, C, K, H.Key, H.Display));
      for (size_t I = 0; I < CE.Held.size(); ++I) {
        const HeldLock &H = CE.Held[I];
        // Locks taken together (std::lock, scoped_lock) have no order.
        if (Held[I].Key == To.Key || H.AcquireId == E.AcquireId ||
            !ordersLocks(H.Kind) ||
            !reachable(P, Names, H.Object, H.Frame, C, K))
          continue;
        Edge Ed{Held[I], To, &H, &CE, K, {}};
        // Unknown elements of a lock array (`fork[?]`) may be none: they
        // keep no two threads apart.
        for (size_t J = 0; J < CE.Held.size(); ++J)
          if (J != I && !CE.Held[J].Shared && !CE.Held[J].Inexact &&
              Held[J].Key != To.Key)
            Ed.Gates.push_back(Held[J].Key);
        Edges[{Held[I].Key, To.Key}].push_back(std::move(Ed));
      }
    }
  }

  static bool sharesGate(const Edge &A, const Edge &B) {
    for (const std::string &G : A.Gates)
      if (G != A.From.Key &&
          std::find(B.Gates.begin(), B.Gates.end(), G) != B.Gates.end())
        return true;
    return false;
  }

  static bool concurrent(const Program &P, const Edge &A, const Edge &B) {
    if (A.Then->Context == B.Then->Context && A.Instance && B.Instance)
      return *A.Instance != *B.Instance;
    return P.mayRunConcurrently(*A.Then, *B.Then);
  }

  // Cycles through locks after `Path[0]` in key order, so each is found once
  // from its smallest lock.
  void findCycles(const Program &P, Reporter &R, std::vector<std::string> &Path,
                  std::set<std::vector<std::string>> &Reported) {
    auto It = Next.find(Path.back());
    if (It == Next.end())
      return;
    for (const std::string &N : It->second) {
      if (N == Path.front() && Path.size() >= 2) {
        if (Reported.count(Path))
          continue;
        std::vector<const Edge *> Chosen;
        if (choose(P, Path, Chosen)) {
          Reported.insert(Path);
          report(R, P, Chosen);
        }
        continue;
      }
      if (N <= Path.front() || Path.size() >= MaxCycle ||
          std::find(Path.begin(), Path.end(), N) != Path.end())
        continue;
      Path.push_back(N);
      findCycles(P, R, Path, Reported);
      Path.pop_back();
    }
  }

  // One edge per step of the cycle, all in different threads that may run
  // at the same time and with no gate lock shared by two of them.
  bool choose(const Program &P, const std::vector<std::string> &Path,
              std::vector<const Edge *> &Chosen) {
    if (Chosen.size() == Path.size())
      return true;
    size_t I = Chosen.size();
    const std::vector<Edge> &Options =
        Edges[{Path[I], Path[(I + 1) % Path.size()]}];
    for (const Edge &E : Options) {
      if (++Steps > MaxSearchSteps)
        return false;
      bool Fits = std::all_of(Chosen.begin(), Chosen.end(), [&](const Edge *O) {
        return concurrent(P, *O, E) && !sharesGate(*O, E) && !sharesGate(E, *O);
      });
      if (!Fits)
        continue;
      Chosen.push_back(&E);
      if (choose(P, Path, Chosen))
        return true;
      Chosen.pop_back();
    }
    return false;
  }

  static Sentence threadName(const Program &P, const Edge &E) {
    const Sentence &Name = P.contexts()[E.Then->Context].Name;
    if (E.Instance)
      return msg("{0} with argument {1}", Name, *E.Instance);
    return Name;
  }

  void report(Reporter &R, const Program &P,
              const std::vector<const Edge *> &Cycle) {
    if (Cycle.size() == 2)
      return reportPair(R, P, *Cycle[0], *Cycle[1]);
    // "A, B, and C": the list folded from the left, so that a language
    // words the separators.
    Sentence Steps;
    for (size_t I = 0; I < Cycle.size(); ++I) {
      const Edge &E = *Cycle[I];
      Sentence Step = msg("{0} locks '{1}' while holding '{2}'",
                          threadName(P, E), E.To.Display, E.From.Display);
      Steps = I == 0                  ? Step
              : I + 1 == Cycle.size() ? msg("{0}, and {1}", Steps, Step)
                                      : msg("{0}, {1}", Steps, Step);
    }
    Finding *F = R.report(
        ids::LockOrderInversion, Cycle[0]->Then->E->Site,
        msg("lock-order cycle: {0}; the {1} threads can deadlock, each "
            "waiting for the next",
            Steps, Cycle.size()));
    std::set<std::pair<unsigned, std::optional<int64_t>>> Described;
    for (size_t I = 0; I < Cycle.size(); ++I) {
      const Edge &E = *Cycle[I];
      R.note(F, E.First->Site,
             msg("'{0}' is locked here first, in {1}", E.From.Display,
                 threadName(P, E)));
      if (I > 0)
        R.note(F, E.Then->E->Site,
               msg("then '{0}' here while holding '{1}'", E.To.Display,
                   E.From.Display));
      if (Described.insert({E.Then->Context, std::nullopt}).second)
        R.contextNotes(F, P, *E.Then);
    }
  }

  void reportPair(Reporter &R, const Program &P, const Edge &A, const Edge &B) {
    Sentence NameA = threadName(P, A), NameB = threadName(P, B);
    std::string LockA = A.From.Display, LockB = A.To.Display;
    Finding *F = R.report(
        ids::LockOrderInversion, A.Then->E->Site,
        msg("lock-order inversion: {0} locks '{1}' while holding '{2}', and "
            "{3} locks them in the opposite order; the two can deadlock",
            NameA, LockB, LockA, NameB));
    R.note(F, A.First->Site,
           msg("'{0}' is locked here first, in {1}", LockA, NameA));
    R.contextNotes(F, P, *A.Then);
    R.note(F, B.First->Site,
           msg("'{0}' is locked here first, in {1}", LockB, NameB));
    R.note(F, B.Then->E->Site,
           msg("then '{0}' here while holding '{1}'", LockA, LockB));
    R.contextNotes(F, P, *B.Then);
  }
};

} // namespace

std::unique_ptr<Check> makeLockOrderInversionCheck() {
  return std::make_unique<LockOrderInversionCheck>();
}

} // namespace tangle::analyzer
