// tangle-shared-global-unlocked: a global or static written by one thread and
// read or written by another that may run at the same time, with no lock
// held by both. No annotations needed; forked children have their own copy.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include "analyzer/LockInstances.h"
#include "llvm/ADT/Hashing.h"
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

namespace tangle::analyzer {
namespace {

// Elements of one lock array whose indices the walk lost (`m[?]`) may be
// the element the other side holds: that is no proof of a race.
bool commonLock(const LockSet &A, const LockSet &B) {
  for (const HeldLock &L : A)
    if (L.Kind != LockKind::FileLock &&
        std::any_of(B.begin(), B.end(),
                    [&](const HeldLock &M) { return mayBeSameLock(L, M); }))
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

// A value handed over through a lock: the writer sets a flag under the
// lock after writing the value (`sum += x; done++` under `m`), the reader
// reads the flag under the same lock before reading the value (`if (done ==
// 3) use(sum)`): the lock's release and acquisition order the two.
class HandOffs {
public:
  explicit HandOffs(const Program &P) {
    for (const Context &C : P.contexts())
      for (const ContextEvent &E : P.events(C.Id))
        if (E.E->Kind == EventKind::GlobalRead ||
            E.E->Kind == EventKind::GlobalWrite)
          for (const HeldLock &L : E.Held)
            if (!L.Shared && L.Kind != LockKind::FileLock)
              Locked[C.Id].push_back({&E, L.Key});
  }

  bool ordered(const ContextEvent &W, const ContextEvent &O) const {
    auto Writer = Locked.find(W.Context), Reader = Locked.find(O.Context);
    if (Writer == Locked.end() || Reader == Locked.end())
      return false;
    for (const auto &[Flag, Lock] : Reader->second) {
      if (Flag->E->Kind != EventKind::GlobalRead ||
          Flag->E->Object == O.E->Object || !before(*Flag, O))
        continue;
      for (const auto &[Set, SetLock] : Writer->second)
        if (Set->E->Kind == EventKind::GlobalWrite && SetLock == Lock &&
            Set->E->Object == Flag->E->Object && before(W, *Set))
          return true;
    }
    return false;
  }

private:
  static bool before(const ContextEvent &A, const ContextEvent &B) {
    if (A.Offset != B.Offset)
      return A.Offset < B.Offset;
    return A.E->Offset < B.E->Offset;
  }
  std::map<unsigned, std::vector<std::pair<const ContextEvent *, std::string>>>
      Locked;
};

// A value published through an atomic: the writer makes an atomic write
// (a store, an exchange, a fetch_add, a spin lock's release) after its
// access, the reader tests an atomic read of the same object (a spin on a
// flag, a test-and-set spin lock, a barrier's count) before its access:
// the release and the acquire order the two plain accesses. The values
// are not followed; the test is taken to wait for that write. A plain load
// the reader follows with its own write of the object before the access is
// a check-then-set (`while (locked); locked = 1;`): another thread can pass
// the same check, so it orders nothing. An exchange in the test cannot.
// An access that happens again (in a loop, or in a thread of several
// instances) needs the order both ways: a ring's producer writes a slot
// the consumer read one round before, so it must wait for the consumer's
// release too.
class Publications {
public:
  explicit Publications(const Program &P) {
    for (const Context &C : P.contexts())
      for (const ContextEvent &E : P.events(C.Id))
        if (E.E->Kind == EventKind::Publish)
          Releases[C.Id].push_back(&E);
        else if (E.E->Kind == EventKind::Observe)
          Acquires[C.Id].push_back(&E);
  }

  bool ordered(const Program &P, const ContextEvent &A,
               const ContextEvent &B) const {
    auto Repeats = [&](const ContextEvent &E) {
      return E.E->Repeats || P.contexts()[E.Context].MultipleInstances;
    };
    bool Forward = before(A, B), Backward = before(B, A);
    return (Forward && Backward) || (Forward && !Repeats(A)) ||
           (Backward && !Repeats(B));
  }

private:
  // W's write is published to O: released after W, observed before O.
  bool before(const ContextEvent &W, const ContextEvent &O) const {
    auto Writer = Releases.find(W.Context), Reader = Acquires.find(O.Context);
    if (Writer == Releases.end() || Reader == Acquires.end())
      return false;
    for (const ContextEvent *Seen : Reader->second) {
      if (!precedes(*Seen, O) || (!Seen->E->Exchange && checkThenSet(*Seen, O)))
        continue;
      for (const ContextEvent *Published : Writer->second)
        if (Published->E->Object == Seen->E->Object && precedes(W, *Published))
          return true;
    }
    return false;
  }

  static bool precedes(const ContextEvent &A, const ContextEvent &B) {
    if (A.Offset != B.Offset)
      return A.Offset < B.Offset;
    return A.E->Offset < B.E->Offset;
  }
  bool checkThenSet(const ContextEvent &Seen, const ContextEvent &O) const {
    auto Own = Releases.find(O.Context);
    return Own != Releases.end() &&
           std::any_of(Own->second.begin(), Own->second.end(),
                       [&](const ContextEvent *R) {
                         return R->E->Object == Seen.E->Object &&
                                precedes(Seen, *R) && precedes(*R, O);
                       });
  }
  std::map<unsigned, std::vector<const ContextEvent *>> Releases, Acquires;
};

class SharedGlobalUnlockedCheck : public Check {
public:
  const char *id() const override { return ids::SharedGlobalUnlocked; }
  const char *summary() const override {
    return "A global is written by one thread and accessed by another "
           "without a common lock: a data race.";
  }

  void run(const Program &P, Reporter &R) override {
    LockNamer Names;
    // Accesses that every test below treats alike (same event, context,
    // phase, locks and indices) are one class: a function called from many
    // places is compared once, not once per call.
    // Per global, its accesses by context, in context order.
    using ByContext = std::map<unsigned, std::vector<const ContextEvent *>>;
    std::map<std::string, ByContext> ByGlobal;
    // Hashed: tens of thousands of accesses on real code (pigz). The locks
    // are named once per lock set and context (the events of one call
    // share their set) and stand in the class as a number.
    using Class =
        std::tuple<unsigned, const Event *, unsigned, ParamMask, unsigned>;
    struct ClassHash {
      size_t operator()(const Class &C) const {
        return llvm::hash_combine(std::get<0>(C), std::get<1>(C),
                                  std::get<2>(C), std::get<3>(C),
                                  std::get<4>(C));
      }
    };
    std::unordered_set<Class, ClassHash> Seen;
    Seen.reserve(1024);
    std::map<std::pair<unsigned, const LockSet *>, unsigned> LockClass;
    std::map<std::string, unsigned> LockNames;
    auto LocksOf = [&](const Context &C, const ContextEvent &CE) {
      auto [It, New] = LockClass.try_emplace({C.Id, &CE.Held.get()}, 0);
      if (New) {
        std::string Locks;
        for (const HeldLock &L : CE.Held)
          Locks +=
              "|" + L.Key + (L.Shared ? "s" : "") +
              (L.Object && L.Frame
                   ? ":" + Names.name(L.Object, L.Frame, C, std::nullopt).Key
                   : "");
        It->second = LockNames.try_emplace(std::move(Locks), LockNames.size())
                         .first->second;
      }
      return It->second;
    };
    for (const Context &C : P.contexts())
      for (const ContextEvent &CE : P.events(C.Id)) {
        if (!isAccess(CE.E->Kind))
          continue;
        if (Seen.insert(
                    {C.Id, CE.E, P.phase(CE), P.rootParams(CE), LocksOf(C, CE)})
                .second)
          ByGlobal[CE.E->Object][C.Id].push_back(&CE);
      }
    HandOffs Flags(P);
    Publications Published(P);
    for (const auto &[Name, Accesses] : ByGlobal) {
      using Pair = std::pair<const ContextEvent *, const ContextEvent *>;
      std::vector<Pair> Races;
      std::set<std::tuple<const Event *, const Event *, unsigned, unsigned>>
          Done;
      for (const auto &[WContext, Writes] : Accesses)
        for (const ContextEvent *W : Writes) {
          if (W->E->Kind != EventKind::GlobalWrite)
            continue;
          for (const auto &[OContext, Others] : Accesses) {
            // Whole contexts that never overlap W's are skipped at once: one
            // instance of main does not race with itself, threads of two
            // processes share no memory.
            const Context &CW = P.contexts()[WContext],
                          &CO = P.contexts()[OContext];
            if (!P.shareMemory(WContext, OContext) ||
                (WContext == OContext ? !CW.MultipleInstances
                                      : CW.Kind == ContextKind::Spawner &&
                                            CO.Kind == ContextKind::Spawner))
              continue;
            for (const ContextEvent *O : Others) {
              // The tests are cheaper than a lookup of the pair of sites: most
              // pairs are ordered or locked, and only a race is looked up.
              if ((W->E->SignalSafe && involvesHandler(P, *W, *O)) ||
                  commonLock(W->Held, O->Held) ||
                  !P.mayRunConcurrently(*W, *O) || P.ownElements(*W, *O) ||
                  commonLockByArgument(P, Names, *W, *O) ||
                  Flags.ordered(*W, *O) || Published.ordered(P, *W, *O))
                continue;
              auto Sites = std::minmax(W->E, O->E);
              auto Contexts = std::minmax(W->Context, O->Context);
              if (Done.insert({Sites.first, Sites.second, Contexts.first,
                               Contexts.second})
                      .second)
                Races.push_back({W, O});
            }
          }
        }
      // One finding per problem: races that share a site (one write racing
      // with a read and a write of one statement, the same two sites in
      // several pairs of contexts) are one; the others become its notes.
      for (const std::vector<Pair> &G : groupBySite(Races)) {
        Finding *F = report(R, P, *G.front().first, *G.front().second);
        R.otherContextNotes(F, P, {G.begin() + 1, G.end()}, *G.front().first,
                            *G.front().second);
      }
    }
  }

private:
  Finding *report(Reporter &R, const Program &P, const ContextEvent &W,
                  const ContextEvent &O) {
    const Context &CW = P.contexts()[W.Context];
    const Context &CO = P.contexts()[O.Context];
    bool SameContext = W.Context == O.Context;
    Sentence Other =
        SameContext ? msg("another instance of {0}", CO.Name) : CO.Name;
    bool Written = O.E->Kind == EventKind::GlobalWrite;
    Sentence Accesses = Written
                            ? msg("'{0}' is written in {1} and written in {2}",
                                  W.E->Display, CW.Name, Other)
                            : msg("'{0}' is written in {1} and read in {2}",
                                  W.E->Display, CW.Name, Other);
    // A lock cannot protect what a handler shares with the thread it
    // interrupts; the type has to.
    Finding *F = R.report(
        ids::SharedGlobalUnlocked, W.E->Site,
        involvesHandler(P, W, O)
            ? msg("{0}; a signal handler interrupts at any point, so it must "
                  "be volatile sig_atomic_t or a lock-free atomic",
                  Accesses)
            : msg("{0} with no lock held by both: a data race", Accesses));
    R.contextNotes(F, P, W);
    R.note(F, O.E->Site,
           Written ? msg("written here in {0}", Other)
                   : msg("read here in {0}", Other));
    if (!SameContext)
      R.contextNotes(F, P, O);
    return F;
  }
};

} // namespace

std::unique_ptr<Check> makeSharedGlobalUnlockedCheck() {
  return std::make_unique<SharedGlobalUnlockedCheck>();
}

} // namespace tangle::analyzer
