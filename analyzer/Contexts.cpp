// The concurrency contexts of a translation unit and when two may overlap.
#include "analyzer/Contexts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace clang;

namespace tangle::analyzer {

// Keeps the flattened event list bounded on generated code with deep or
// wide call graphs; contexts in student programs stay far below it.
static constexpr unsigned MaxCallDepth = 8;
static constexpr size_t MaxEventsPerContext = 50000;

static LockSet combine(const LockSet &Outer, const Event &E,
                       const CallFrame *Frame) {
  LockSet Result;
  for (const HeldLock &L : Outer)
    if (std::find(E.ReleasedFromEntry.begin(), E.ReleasedFromEntry.end(),
                  L.Key) == E.ReleasedFromEntry.end())
      Result.push_back(L);
  for (const HeldLock &L : E.Held) {
    Result.push_back(L);
    Result.back().Frame = Frame;
  }
  return Result;
}

// Two events of one function with the same locks held, acquired at the
// same sites, and the same caller's locks released before them.
static bool sameLocks(const Event &A, const Event &B) {
  return std::equal(A.Held.begin(), A.Held.end(), B.Held.begin(), B.Held.end(),
                    [](const HeldLock &X, const HeldLock &Y) {
                      return X.Key == Y.Key && X.AcquireId == Y.AcquireId &&
                             X.Shared == Y.Shared && X.Try == Y.Try;
                    }) &&
         A.ReleasedFromEntry == B.ReleasedFromEntry;
}

Program::Program(Summaries &S, std::vector<const FunctionDecl *> Fns)
    : S(S), Functions(std::move(Fns)) {
  for (const FunctionDecl *F : Functions)
    S.get(F);
  findContexts();
  std::map<const FunctionDecl *, std::vector<ContextEvent>> ByRoot;
  Events.resize(Contexts.size());
  for (const Context &C : Contexts) {
    auto It = ByRoot.find(C.Root);
    if (It == ByRoot.end()) {
      std::vector<ContextEvent> All;
      std::vector<FullSourceLoc> Chain;
      std::vector<const FunctionDecl *> Stack;
      // Sized first: growing a list of tens of thousands of events copies
      // it again and again, and every fresh page is a page fault.
      All.reserve(flattenedSize(C.Root, Stack, MaxEventsPerContext));
      Frames.push_back({C.Root, nullptr, nullptr});
      flatten(&Frames.back(), {}, 0, Chain, Stack, All);
      It = ByRoot.emplace(C.Root, std::move(All)).first;
    }
    // A root's fork children run their branch; the rest is the parent's.
    std::vector<OffsetRange> Children;
    for (const Context &Other : Contexts)
      if (Other.Kind == ContextKind::ChildProcess && Other.Root == C.Root)
        Children.push_back(Other.Region);
    // The last context of a root takes its events rather than copying.
    bool Last = std::none_of(
        Contexts.begin() + C.Id + 1, Contexts.end(),
        [&](const Context &Other) { return Other.Root == C.Root; });
    if (Last && Children.empty() && C.Kind != ContextKind::ChildProcess) {
      // Every event is this context's: the list itself is.
      Events[C.Id] = std::move(It->second);
      for (ContextEvent &E : Events[C.Id])
        E.Context = C.Id;
      continue;
    }
    Events[C.Id].reserve(It->second.size());
    for (ContextEvent &Flat : It->second) {
      ContextEvent E = Last ? std::move(Flat) : Flat;
      bool InChild = std::any_of(
          Children.begin(), Children.end(),
          [&](const OffsetRange &R) { return R.contains(E.Offset); });
      bool Keep = C.Kind == ContextKind::ChildProcess
                      ? C.Region.contains(E.Offset)
                      : !InChild;
      if (!Keep)
        continue;
      E.Context = C.Id;
      Events[C.Id].push_back(std::move(E));
    }
  }
  // main before its first spawn (configuration, start-up writes, also in
  // the functions it calls there) and after its last join runs alone:
  // thread creation and join order it with every thread.
  Threaded.assign(Contexts.size(), OffsetRange{0, ~0u});
  for (const Context &C : Contexts) {
    if (C.Kind != ContextKind::Spawner || !C.Root->isMain())
      continue;
    unsigned FirstSpawn = ~0u, LastSpawn = 0, LastJoin = 0;
    for (const ContextEvent &E : Events[C.Id]) {
      if (E.E->Kind == EventKind::Spawn && E.E->Spawned != SpawnKind::Signal) {
        // A spawn in a loop runs beside the next turn's start of the loop.
        bool InLoop = !E.Frame->Call && E.E->Loop.End != 0;
        FirstSpawn = std::min(FirstSpawn, InLoop ? E.E->Loop.Begin : E.Offset);
        LastSpawn = std::max(LastSpawn, E.Offset);
      } else if (E.E->Kind == EventKind::Join) {
        LastJoin = std::max(LastJoin, E.Offset);
      }
    }
    if (FirstSpawn != ~0u)
      Threaded[C.Id] = {FirstSpawn, LastJoin > LastSpawn ? LastJoin : ~0u};
  }
  SpawnsViaCall.resize(Contexts.size());
  for (const Context &C : Contexts)
    for (const ContextEvent &E : Events[C.Id])
      if (E.E->Kind == EventKind::Spawn && E.Frame->Call)
        SpawnsViaCall[C.Id].try_emplace(E.E, E.Offset);
  Boundaries.resize(Contexts.size());
  for (const Context &C : Contexts) {
    std::vector<unsigned> &B = Boundaries[C.Id];
    B.push_back(Threaded[C.Id].Begin);
    B.push_back(Threaded[C.Id].End);
    for (const auto &[Spawn, At] : SpawnsViaCall[C.Id])
      B.push_back(At);
    for (const Context &Child : Contexts)
      if (Child.Spawner == C.Root) {
        B.push_back(Child.SpawnOffset);
        B.push_back(Child.JoinOffset);
      }
    std::sort(B.begin(), B.end());
    B.erase(std::unique(B.begin(), B.end()), B.end());
  }
}

unsigned Program::phase(const ContextEvent &E) const {
  const std::vector<unsigned> &B = Boundaries[E.Context];
  auto It = std::lower_bound(B.begin(), B.end(), E.Offset);
  unsigned Below = It - B.begin();
  return 2 * Below + (It != B.end() && *It == E.Offset);
}

// How many events flatten() adds for a call of F: the same walk, without
// the lock sets and chains, at most Budget.
size_t Program::flattenedSize(const FunctionDecl *F,
                              std::vector<const FunctionDecl *> &Stack,
                              size_t Budget) {
  Stack.push_back(F);
  size_t N = 0;
  for (const Event &E : S.get(F).Events) {
    if (N >= Budget)
      break;
    if (E.Kind == EventKind::Call) {
      if (Stack.size() < MaxCallDepth &&
          std::find(Stack.begin(), Stack.end(), E.Callee) == Stack.end())
        N += flattenedSize(E.Callee, Stack, Budget - N);
      continue;
    }
    if (!E.ViaCall)
      ++N;
  }
  Stack.pop_back();
  return std::min(N, Budget);
}

void Program::flatten(const CallFrame *Frame, const LockSet &Outer,
                      unsigned Offset, std::vector<FullSourceLoc> &Chain,
                      std::vector<const FunctionDecl *> &Stack,
                      std::vector<ContextEvent> &Out) {
  const FunctionDecl *F = Frame->Function;
  bool IsRoot = !Frame->Call;
  Stack.push_back(F);
  // Shared by the events of this call: the chain always, the locks while
  // they stay the same from one event to the next.
  Shared<std::vector<FullSourceLoc>> ThisChain;
  if (!Chain.empty()) {
    Chains.push_back(Chain);
    ThisChain = Shared<std::vector<FullSourceLoc>>(&Chains.back());
  }
  const Event *LocksOf = nullptr;
  Shared<LockSet> Locks;
  auto LocksAt = [&](const Event &E) {
    if (!LocksOf || !sameLocks(*LocksOf, E)) {
      LockSet Now = combine(Outer, E, Frame);
      if (Now.empty()) {
        Locks = Shared<LockSet>();
      } else {
        LockSets.push_back(std::move(Now));
        Locks = Shared<LockSet>(&LockSets.back());
      }
      LocksOf = &E;
    }
    return Locks;
  };
  for (const Event &E : S.get(F).Events) {
    if (Out.size() >= MaxEventsPerContext)
      break;
    unsigned At = IsRoot ? E.Offset : Offset;
    if (E.Kind == EventKind::Call) {
      if (Stack.size() >= MaxCallDepth ||
          std::find(Stack.begin(), Stack.end(), E.Callee) != Stack.end())
        continue;
      Chain.push_back(E.Site);
      Frames.push_back({E.Callee, &E, Frame});
      flatten(&Frames.back(), LocksAt(E), At, Chain, Stack, Out);
      Chain.pop_back();
      continue;
    }
    // A callee's effect is also applied at the call; here the callee's own
    // events stand for it.
    if (E.ViaCall)
      continue;
    Out.push_back({&E, LocksAt(E), ThisChain, Frame, At, 0});
  }
  Stack.pop_back();
}

static Sentence describeSpawner(const FunctionDecl *F) {
  if (F->isMain())
    return msg("main thread");
  return msg("thread running '{0}'", F->getNameAsString());
}

static Sentence describeEntry(const FunctionDecl *F) {
  const SourceManager &SM = F->getASTContext().getSourceManager();
  if (const auto *M = dyn_cast<CXXMethodDecl>(F))
    if (M->getParent()->isLambda())
      return msg("thread running the lambda at line {0}",
                 SM.getExpansionLineNumber(F->getBeginLoc()));
  return msg("thread '{0}'", F->getNameAsString());
}

void Program::findContexts() {
  std::set<const FunctionDecl *> Entries;
  std::vector<std::pair<const FunctionDecl *, const Event *>> Spawns;
  for (const FunctionDecl *F : Functions)
    for (const Event &E : S.get(F).Events)
      if (E.Kind == EventKind::Spawn) {
        Spawns.push_back({F, &E});
        if (E.Entry && isAnalysable(E.Entry))
          Entries.insert(E.Entry);
      }
  auto FirstJoin = [&](const FunctionDecl *F, const Event &Spawn) {
    unsigned Best = ~0u;
    for (const Event &J : S.get(F).Events) {
      if (J.Kind != EventKind::Join || J.Offset <= Spawn.Offset ||
          J.Spawned != Spawn.Spawned || Spawn.ChildRegion.contains(J.Offset))
        continue;
      if (!J.Handle.empty() && !Spawn.Handle.empty() &&
          J.Handle != Spawn.Handle)
        continue;
      Best = std::min(Best, J.Offset);
    }
    return Best;
  };
  std::set<const FunctionDecl *> SpawnerDone;
  for (auto [F, Spawn] : Spawns) {
    Context C;
    C.Spawner = F;
    C.SpawnSite = Spawn->Site;
    C.SpawnOffset = Spawn->Offset;
    C.JoinOffset = FirstJoin(F, *Spawn);
    C.MultipleInstances =
        Spawn->Loop.End != 0 && !Spawn->Loop.contains(C.JoinOffset);
    C.ArgKeys = Spawn->ArgKeys;
    C.Instances = Spawn->Instances;
    C.SpawnArgs = Spawn->SpawnArgs;
    C.SpawnEvent = Spawn;
    if (Spawn->Spawned == SpawnKind::Fork) {
      if (Spawn->ChildRegion.End == 0)
        continue;
      C.Kind = ContextKind::ChildProcess;
      C.Root = F;
      C.Region = Spawn->ChildRegion;
      C.Name = msg("child process");
    } else if (Spawn->Spawned == SpawnKind::Signal) {
      // One context per handler, however many signals it is installed for;
      // it interrupts its thread rather than running beside it twice.
      if (!Entries.count(Spawn->Entry) ||
          std::any_of(Contexts.begin(), Contexts.end(), [&](const Context &O) {
            return O.Kind == ContextKind::SignalHandler &&
                   O.Root == Spawn->Entry;
          }))
        continue;
      C.Kind = ContextKind::SignalHandler;
      C.Root = Spawn->Entry;
      C.MultipleInstances = false;
      C.Name = msg("signal handler '{0}'", Spawn->Entry->getNameAsString());
    } else {
      if (!Entries.count(Spawn->Entry))
        continue;
      C.Kind = ContextKind::Thread;
      C.Root = Spawn->Entry;
      C.Name = describeEntry(Spawn->Entry);
    }
    C.Id = Contexts.size();
    Contexts.push_back(C);
    // The function that spawns runs alongside what it spawned.
    if (!Entries.count(F) && SpawnerDone.insert(F).second) {
      Context P;
      P.Kind = ContextKind::Spawner;
      P.Root = F;
      P.Name = describeSpawner(F);
      P.Id = Contexts.size();
      Contexts.push_back(P);
    }
  }
  // main that starts threads only through helpers (`thpool_init` calling
  // `thread_init` calling pthread_create) is a context too: what it does
  // after the call runs beside the threads the helper left running.
  const FunctionDecl *Main = nullptr;
  for (const FunctionDecl *F : Functions)
    if (F->isMain())
      Main = F;
  if (Main && !Entries.count(Main) && !SpawnerDone.count(Main)) {
    std::set<const FunctionDecl *> Spawners;
    for (const Context &C : Contexts)
      if (C.Kind == ContextKind::Thread)
        Spawners.insert(C.Spawner);
    std::set<const FunctionDecl *> Visited;
    std::function<bool(const FunctionDecl *, unsigned)> Reaches =
        [&](const FunctionDecl *F, unsigned Depth) {
          if (Spawners.count(F))
            return true;
          if (Depth >= MaxCallDepth || !Visited.insert(F).second)
            return false;
          for (const Event &E : S.get(F).Events)
            if (E.Kind == EventKind::Call && E.Callee && Reaches(E.Callee, Depth + 1))
              return true;
          return false;
        };
    if (Reaches(Main, 1)) {
      Context P;
      P.Kind = ContextKind::Spawner;
      P.Root = Main;
      P.Name = describeSpawner(Main);
      P.Id = Contexts.size();
      Contexts.push_back(P);
    }
  }
  // Two contexts running the same function are numbered in spawn order.
  std::map<std::string, unsigned> Uses, Seen;
  for (const Context &C : Contexts)
    ++Uses[C.Name.str()];
  for (Context &C : Contexts)
    if (Uses[C.Name.str()] > 1 && C.SpawnSite.isValid())
      C.Name = msg("{0} #{1}", C.Name, ++Seen[C.Name.str()]);
}

bool Program::isContextRoot(const FunctionDecl *F) const {
  if (F->isMain())
    return true;
  return std::any_of(Contexts.begin(), Contexts.end(), [&](const Context &C) {
    return C.Root == F && C.Kind != ContextKind::ChildProcess;
  });
}

bool Program::mayRunConcurrently(const ContextEvent &A,
                                 const ContextEvent &B) const {
  const Context &CA = Contexts[A.Context], &CB = Contexts[B.Context];
  if (CA.Id == CB.Id)
    return CA.MultipleInstances;
  // A function that spawns runs in the thread that calls it, whose own
  // context has its events too: two of them are not two threads.
  if (CA.Kind == ContextKind::Spawner && CB.Kind == ContextKind::Spawner)
    return false;
  auto Alone = [&](const Context &C, const ContextEvent &E,
                   const Context &Other) {
    const OffsetRange &T = Threaded[C.Id];
    return Other.Kind != ContextKind::SignalHandler &&
           (E.Offset < T.Begin || (T.End != ~0u && E.Offset > T.End));
  };
  if (Alone(CA, A, CB) || Alone(CB, B, CA))
    return false;
  // A thread started by a helper the other context called: ordered before
  // the call; inside it, the helper's own context compares (its events are
  // the caller's too); after it, concurrent unless the helper joined it.
  auto ViaCall = [&](const Context &Caller, const ContextEvent &E,
                     const Context &T) {
    if (T.Kind != ContextKind::Thread || !T.SpawnEvent)
      return -1;
    auto It = SpawnsViaCall[Caller.Id].find(T.SpawnEvent);
    if (It == SpawnsViaCall[Caller.Id].end())
      return -1;
    return E.Offset > It->second && T.JoinOffset == ~0u ? 1 : 0;
  };
  if (int V = ViaCall(CA, A, CB); V >= 0)
    return V == 1;
  if (int V = ViaCall(CB, B, CA); V >= 0)
    return V == 1;
  auto During = [](const Context &Child, unsigned ParentOffset) {
    return ParentOffset > Child.SpawnOffset && ParentOffset < Child.JoinOffset;
  };
  if (CB.Spawner == CA.Root && CA.Kind != ContextKind::ChildProcess)
    return During(CB, A.Offset);
  if (CA.Spawner == CB.Root && CB.Kind != ContextKind::ChildProcess)
    return During(CA, B.Offset);
  if (CA.Spawner && CA.Spawner == CB.Spawner)
    return CA.SpawnOffset < CB.JoinOffset && CB.SpawnOffset < CA.JoinOffset;
  return true;
}

ParamMask Program::rootParams(const ContextEvent &E) const {
  ParamMask M = E.E->IndexParams;
  for (const CallFrame *F = E.Frame; F && F->Call && M; F = F->Parent) {
    ParamMask Caller = 0;
    const CallExpr *Call = F->Call->CallSite;
    if (Call && !isa<CXXOperatorCallExpr>(Call) && F->Parent) {
      const ParameterFlow &Flow = S.flowOf(F->Parent->Function);
      for (unsigned I = 0; I < Call->getNumArgs() && I < CapturedBit; ++I)
        if (M & (ParamMask(1) << I))
          Caller |= Flow.of(Call->getArg(I));
    }
    M = Caller; // a called lambda's captures are not its caller's
  }
  return M;
}

bool Program::ownElements(const ContextEvent &A, const ContextEvent &B) const {
  if (!A.E->Indexed || !B.E->Indexed)
    return false;
  const Context &CA = Contexts[A.Context], &CB = Contexts[B.Context];
  if (CA.Root != CB.Root || CA.Kind != ContextKind::Thread ||
      CB.Kind != ContextKind::Thread)
    return false;
  ParamMask Common = rootParams(A) & rootParams(B);
  for (unsigned P = 0; P <= CapturedBit; ++P) {
    if (!(Common & (ParamMask(1) << P)))
      continue;
    const std::string &KA = CA.argKey(P), &KB = CB.argKey(P);
    if (CA.Id == CB.Id ? KA == "*"
                       : KA == "*" || KB == "*" ||
                             (!KA.empty() && !KB.empty() && KA != KB))
      return true;
  }
  return false;
}

bool Program::shareMemory(unsigned A, unsigned B) const {
  return Contexts[A].Kind != ContextKind::ChildProcess &&
         Contexts[B].Kind != ContextKind::ChildProcess;
}

} // namespace tangle::analyzer
