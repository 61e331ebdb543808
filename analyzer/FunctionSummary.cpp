// The per-function walk over Clang's CFG that tracks the held locks.
#include "analyzer/FunctionSummary.h"

#include "analyzer/FileOperations.h"
#include "analyzer/ForkRegions.h"
#include "analyzer/ObjectNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include <algorithm>
#include <deque>
#include <map>
#include <set>

using namespace clang;

namespace tangle::analyzer {

bool holds(const LockSet &Held, const std::string &Key) {
  return std::any_of(Held.begin(), Held.end(),
                     [&](const HeldLock &L) { return L.Key == Key; });
}

std::string lockFamily(const std::string &Key) {
  if (Key.find('[') == std::string::npos || Key.rfind("filelock:", 0) == 0)
    return "";
  std::string Family;
  int Depth = 0;
  for (char C : Key) {
    if (C == '[' && Depth++ == 0)
      Family += "[?";
    else if (C == ']' && Depth > 0 && --Depth == 0)
      Family += ']';
    else if (Depth == 0)
      Family += C;
  }
  return Family;
}

bool mayBeSameLock(const HeldLock &A, const HeldLock &B) {
  return A.Key == B.Key || ((A.Inexact || B.Inexact) && !A.Family.empty() &&
                            A.Family == B.Family);
}

bool isAnalysable(const FunctionDecl *F) {
  return F && F->hasBody() && !F->isDependentContext() &&
         !F->getASTContext().getSourceManager().isInSystemHeader(
             F->getLocation());
}

// A global variable whose accesses tangle-shared-global-unlocked compares:
// plain data, not a synchronisation object or an atomic. An array is what
// its elements are (`static _Atomic size_t seen[N]`: `seen[i]++` is an
// atomic read-modify-write).
static bool isSharedDataUncached(const VarDecl *V, const SourceManager &SM) {
  if (V->getTLSKind() != VarDecl::TLS_None ||
      SM.isInSystemHeader(V->getLocation()))
    return false;
  QualType T = V->getASTContext().getBaseElementType(V->getType());
  if (T.isConstQualified() || T->isAtomicType() || T->isFunctionType())
    return false;
  std::string Name = T.getAsString();
  for (const char *Sync :
       {"pthread_", "sem_t", "FILE", "atomic", "std::", "mutex", "cond",
        "mtx_t", "cnd_t", "thrd_t", "once_flag", "tss_t"})
    if (Name.find(Sync) != std::string::npos)
      return false;
  return true;
}

bool Summaries::isSharedData(const VarDecl *V) {
  auto [It, New] = SharedData.try_emplace(V, false);
  if (New)
    It->second = isSharedDataUncached(V, V->getASTContext().getSourceManager());
  return It->second;
}

namespace {

// A value the path may still branch on (a trylock's result, a helper's
// return value, directly or through the variable it was stored in), and
// the locks that are held only on one side of the test.
struct Outcome {
  struct Side {
    std::vector<std::pair<std::string, uint64_t>> Locks; // key, AcquireId
    const VarDecl *Guard = nullptr; // a unique_lock whose try_lock failed
    bool operator==(const Side &O) const {
      return Locks == O.Locks && Guard == O.Guard;
    }
  };
  const Expr *Call = nullptr;
  const VarDecl *Var = nullptr;
  Side NotHeldIfZero, NotHeldIfNonZero;
  // A blocking lock call's error result: its non-zero side is an error path.
  bool Failure = false;
  bool operator==(const Outcome &O) const {
    return Call == O.Call && Var == O.Var && NotHeldIfZero == O.NotHeldIfZero &&
           NotHeldIfNonZero == O.NotHeldIfNonZero && Failure == O.Failure;
  }
};

// `x`, `!x`, `x == 0`, `x != 0` (x a call or a variable): the x tested, and
// whether the condition is true when x is zero.
struct TestedValue {
  const Expr *Value = nullptr;
  bool TrueIfZero = false;
};

bool isZero(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  if (E->isValueDependent())
    return false;
  if (E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                               Expr::NPC_ValueDependentIsNotNull))
    return true;
  return E->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 0;
}

TestedValue testedValue(const Expr *Cond, const ASTContext &Ctx) {
  TestedValue T;
  const Expr *E = Cond;
  while (E) {
    if (const auto *C = dyn_cast<ExprWithCleanups>(E)) {
      E = C->getSubExpr();
      continue;
    }
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_LNot) {
      T.TrueIfZero = !T.TrueIfZero;
      E = U->getSubExpr();
      continue;
    }
    // `(err = pthread_mutex_lock(&m)) != 0`: the value assigned is tested.
    if (const auto *A = dyn_cast<BinaryOperator>(E);
        A && A->getOpcode() == BO_Assign) {
      E = A->getRHS();
      continue;
    }
    if (const auto *Op = dyn_cast<BinaryOperator>(E);
        Op && (Op->getOpcode() == BO_EQ || Op->getOpcode() == BO_NE)) {
      const Expr *Other = isZero(Op->getRHS(), Ctx)   ? Op->getLHS()
                          : isZero(Op->getLHS(), Ctx) ? Op->getRHS()
                                                      : nullptr;
      if (!Other)
        return {};
      if (Op->getOpcode() == BO_EQ)
        T.TrueIfZero = !T.TrueIfZero;
      E = Other;
      continue;
    }
    break;
  }
  if (const auto *D = dyn_cast_or_null<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(D->getDecl());
    if (!V || V->hasGlobalStorage())
      return {};
  } else if (!isa_and_nonnull<CallExpr>(E)) {
    return {};
  }
  T.Value = E;
  return T;
}

const VarDecl *varOf(const Expr *E) {
  const auto *D = dyn_cast_or_null<DeclRefExpr>(E);
  return D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
}

// `lock(&m[i])`, `m[i].lock()`, `lock(&ctx[i].m)`: a call on an element
// whose index is computed (classifyLockCall decides later whether it locks).
bool lockedElementWithComputedIndex(const CallExpr *Call,
                                    const ASTContext &Ctx) {
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Object = Member->getImplicitObjectArgument();
  else if (Call->getNumArgs() > 0 && Call->getDirectCallee())
    Object = Call->getArg(0);
  for (const Expr *E = stripToObject(Object); E;) {
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!A->getIdx()->isValueDependent() &&
          !A->getIdx()->isIntegerConstantExpr(Ctx))
        return true;
      E = stripToObject(A->getBase());
    } else if (const auto *M = dyn_cast<MemberExpr>(E)) {
      E = stripToObject(M->getBase());
    } else {
      return false;
    }
  }
  return false;
}

struct PathState {
  LockSet Held;
  std::vector<std::string> ReleasedFromEntry;
  std::vector<std::string> ReleasedHere;
  std::vector<const VarDecl *> OwningGuards;
  SourceLocation LastReturn;
  ReturnValue Returned = ReturnValue::Unknown;
  TestedValue ReturnedTest; // `return busy == 0;`: decided at the exit
  std::vector<Outcome> Pending;
  // Tracked locals whose value the path knows, zero or not (`err = 0;`,
  // `err = E_SHUTDOWN;`): a test of one follows only the branch it takes.
  std::vector<std::pair<const VarDecl *, bool>> Known; // variable, non-zero
  bool LockFailed = false; // the failure branch of a checked lock was taken
  // Just past the start of `for (i = 0; i < N; ...)`: the loop and whether
  // its first test passes (a counted loop runs at least once).
  const ForStmt *FirstTestOf = nullptr;
  bool FirstTestPasses = false;
  // At each loop test the path went through, how many elements of lock
  // arrays it held then. A helper for the walk, left out of comparisons.
  llvm::SmallVector<std::pair<const Stmt *, unsigned>, 2> HeldAtTest;
  // The thread relocked a non-recursive lock it holds: it blocks forever,
  // so nothing after this point happens on this path.
  bool Deadlocked = false;

  bool operator==(const PathState &O) const {
    auto Same = [](const HeldLock &A, const HeldLock &B) {
      return A.Key == B.Key && A.AcquireId == B.AcquireId &&
             A.Inexact == B.Inexact && A.Instances == B.Instances;
    };
    return std::equal(Held.begin(), Held.end(), O.Held.begin(), O.Held.end(),
                      Same) &&
           ReleasedFromEntry == O.ReleasedFromEntry &&
           ReleasedHere == O.ReleasedHere && OwningGuards == O.OwningGuards &&
           Returned == O.Returned &&
           ReturnedTest.Value == O.ReturnedTest.Value &&
           ReturnedTest.TrueIfZero == O.ReturnedTest.TrueIfZero &&
           Pending == O.Pending && Known == O.Known &&
           LockFailed == O.LockFailed && FirstTestOf == O.FirstTestOf &&
           FirstTestPasses == O.FirstTestPasses;
  }

  const Outcome *pending(const Expr *Tested) const {
    const VarDecl *V = varOf(Tested);
    for (const Outcome &O : Pending)
      if (V ? O.Var == V : O.Call == Tested)
        return &O;
    return nullptr;
  }

  // The path where the tested value was zero (or not): the locks held only
  // on the other side are not held here.
  void decide(const Outcome &O, bool Zero) {
    const Outcome::Side &Drop = Zero ? O.NotHeldIfZero : O.NotHeldIfNonZero;
    LockFailed |= O.Failure && !Zero;
    Held.erase(
        std::remove_if(Held.begin(), Held.end(),
                       [&](const HeldLock &L) {
                         return std::find(Drop.Locks.begin(), Drop.Locks.end(),
                                          std::make_pair(L.Key, L.AcquireId)) !=
                                Drop.Locks.end();
                       }),
        Held.end());
    if (Drop.Guard)
      OwningGuards.erase(
          std::remove(OwningGuards.begin(), OwningGuards.end(), Drop.Guard),
          OwningGuards.end());
  }
};

void addUnique(std::vector<std::string> &V, const std::string &S) {
  if (std::find(V.begin(), V.end(), S) == V.end())
    V.push_back(S);
}

// The path's entry for the unknown elements of `Like`'s array, made (with
// none known to be held) if it has none.
HeldLock &unknownElements(PathState &State, const HeldLock &Like) {
  for (HeldLock &L : State.Held)
    if (L.Inexact && L.Key == Like.Family)
      return L;
  HeldLock U = lockNamed(Like.Family, Like.Family, Like.Kind);
  U.Family = Like.Family;
  U.Shared = Like.Shared;
  U.Site = Like.Site;
  U.AcquireId = Like.AcquireId;
  U.Inexact = true;
  State.Held.push_back(std::move(U));
  return State.Held.back();
}

// The elements of the array held under a known index become unknown
// elements (the count of held elements stays).
void forgetIndices(PathState &State,
                   llvm::function_ref<bool(const HeldLock &)> Which) {
  for (size_t I = 0; I < State.Held.size();) {
    if (State.Held[I].Inexact || State.Held[I].Family.empty() ||
        !Which(State.Held[I])) {
      ++I;
      continue;
    }
    HeldLock Element = std::move(State.Held[I]);
    State.Held.erase(State.Held.begin() + I);
    HeldLock &Unknown = unknownElements(State, Element);
    ++Unknown.Instances;
    if (Unknown.Site.isInvalid()) { // made by a release: point at a lock
      Unknown.Site = Element.Site;
      Unknown.AcquireId = Element.AcquireId;
    }
  }
}

// After a loop that may release any number of the elements of `Like`'s
// array: which and how many remain held is unknown.
void forgetHowMany(PathState &State, HeldLock Like) {
  Like.Family = lockFamily(Like.Key);
  if (Like.Family.empty())
    return;
  forgetIndices(State,
                [&](const HeldLock &L) { return L.Family == Like.Family; });
  unknownElements(State, Like).Instances = 0;
}

// Elements of lock arrays held, known or not (at least).
unsigned elementsHeld(const PathState &State) {
  unsigned N = 0;
  for (const HeldLock &L : State.Held)
    N += L.Inexact ? L.Instances : !L.Family.empty();
  return N;
}

bool hasUnknownElements(const PathState &State) {
  return std::any_of(State.Held.begin(), State.Held.end(),
                     [](const HeldLock &L) { return L.Inexact; });
}

// Whether two states differ at most in how many unknown elements they hold.
bool sameButCounts(const PathState &A, const PathState &B) {
  if (A.Held.size() != B.Held.size())
    return false;
  PathState Like = B;
  for (size_t I = 0; I < Like.Held.size(); ++I)
    if (Like.Held[I].Inexact && A.Held[I].Inexact)
      Like.Held[I].Instances = A.Held[I].Instances;
  return Like == A;
}

class Walker {
public:
  Walker(Summaries &S, const Bindings &B, const FunctionDecl *F,
         FunctionSummary &Out)
      : S(S), B(B), Ctx(F->getASTContext()), SM(Ctx.getSourceManager()),
        Unit(S.units().unitOf(F).Index), F(F), Out(Out) {
    markRoles(F->getBody());
  }

  void run();

private:
  void visitBlock(const CFGBlock *Block, PathState State);
  void visitStmt(const Stmt *St, PathState &State);
  void visitCall(const CallExpr *Call, PathState &State);
  void visitGlobalRef(const DeclRefExpr *Ref, PathState &State);
  bool visitAtomicCall(const CallExpr *Call, PathState &State);
  void atomicAccess(const Expr *Object, bool Writes, bool Reads, const Stmt *Op,
                    SourceLocation Site, PathState &State);
  // ViaCall: the effect of a callee at the call; CalleeSite and CalleeId
  // are where, and as which acquisition, the callee did it.
  void acquire(const LockOperation &Op, SourceLocation Site, PathState &State,
               bool ViaCall = false, FullSourceLoc CalleeSite = {},
               uint64_t CalleeId = 0);
  void release(const HeldLock &Lock, SourceLocation Site, PathState &State,
               bool ViaCall = false, FullSourceLoc CalleeSite = {});
  void releaseGuard(const VarDecl *Guard, SourceLocation Site,
                    PathState &State);
  void applyCallee(const CallExpr *Call, const FunctionDecl *Callee,
                   PathState &State);
  LockName atCall(const CallExpr *Call, const std::string &Key,
                  const std::string &Display, const Expr *Object) const;
  Event makeEvent(EventKind K, SourceLocation Site, const PathState &State);
  OffsetRange innermostLoop(const Stmt *St);
  const Stmt *innermostLoopStmt(const Stmt *St);
  void recordConditions(const Expr *Lock, SourceLocation Site);
  void addSpawn(const SpawnOperation &Sp, const clang::CallExpr *Call,
                clang::SourceLocation Site, PathState &State);
  void addJoin(const JoinOperation &J, const clang::CallExpr *Call,
               clang::SourceLocation Site, PathState &State);
  void describeSpawnArguments(const SpawnOperation &Sp, const Stmt *At,
                              Event &E);
  std::string argumentKey(const Expr *Arg, OffsetRange Loop);
  bool variesIn(const Expr *Arg, OffsetRange Loop);
  ParameterFlow &flow() {
    if (!FlowOrNull)
      FlowOrNull = std::make_unique<ParameterFlow>(F);
    return *FlowOrNull;
  }
  void refineOutcome(const CFGBlock *Block, std::vector<PathState> &Succ);
  bool isTested(const CallExpr *Call);
  const VarDecl *resultVariable(const CallExpr *Call);
  void expectOutcome(const CallExpr *Call, Outcome O, PathState &State);
  void noteReturn(const ReturnStmt *Ret, PathState &State);
  void exitWith(const PathState &State, SourceLocation Site);

  Summaries &S;
  const Bindings &B;
  ASTContext &Ctx;
  const SourceManager &SM;
  unsigned Unit;
  unsigned offsetOf(SourceLocation L) const {
    return SM.getFileOffset(SM.getExpansionLoc(L));
  }
  // One acquisition site, told apart across files and translation units.
  uint64_t acquireIdAt(SourceLocation L) const {
    return (uint64_t(Unit) << 32) | SM.getExpansionLoc(L).getRawEncoding();
  }
  FullSourceLoc here(SourceLocation L) const { return FullSourceLoc(L, SM); }
  // A thread entry defined in another unit runs that unit's body.
  const FunctionDecl *entryDefinition(const FunctionDecl *Entry) const {
    const FunctionDecl *Def = S.units().definitionOf(Entry);
    return Def ? Def : Entry;
  }
  const FunctionDecl *F;
  FunctionSummary &Out;
  // Built on first use: most functions start no context and never need it.
  std::unique_ptr<ParentMap> ParentsOrNull;
  const ParentMap &parents() {
    if (!ParentsOrNull)
      ParentsOrNull = std::make_unique<ParentMap>(F->getBody());
    return *ParentsOrNull;
  }
  std::unique_ptr<ParameterFlow> FlowOrNull;
  enum class RefRole { Written, AddressTaken };
  llvm::DenseMap<const DeclRefExpr *, RefRole> Roles;
  // The indices an array variable is subscripted with at each reference.
  llvm::DenseMap<const DeclRefExpr *, llvm::SmallVector<const Expr *, 2>>
      Subscripts;
  // Where each local is written: a spawn argument that reads a variable
  // written in the loop around it differs between the threads.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 2>> WrittenAt;
  void markRoles(const Stmt *S, bool InCondition = false, bool InLoop = false,
                 const Stmt *Parent = nullptr);
  // Atomic operations and _Atomic references inside a branch condition.
  llvm::DenseSet<const Stmt *> Tested;
  // The loops of the function, as offsets: a global access inside one
  // repeats.
  llvm::SmallVector<OffsetRange, 4> Loops;
  // Locals a branch tests whose every write is a statement of its own: the
  // walk sees each write, so the value it knows is the value they hold.
  llvm::DenseSet<const VarDecl *> Tracked;
  // Locals written inside a larger expression (`(err = f()) != 0`).
  llvm::DenseSet<const VarDecl *> WrittenInExpression;
  llvm::DenseSet<const VarDecl *> AddressTaken;
  bool HasClosures = false;
  // A call whose name says lock (pthread_mutex_lock, spin_lock, sem_wait):
  // only then can a known error code decide which locks a path holds.
  bool CallsLocks = false;
  void findTrackedLocals(const CFG &Graph);
  // Elements of lock arrays with computed indices (`ring[next]`): the
  // variables each key's indices read; a write to one, or a new turn of
  // the loop that declares it, makes the element an unknown one.
  llvm::StringMap<llvm::SmallVector<const VarDecl *, 2>> IndexVars;
  void noteIndexVariables(const std::string &Key, const Expr *Object);
  void indexVariableWritten(const VarDecl *V, PathState &State);
  bool releaseUnknownElement(const HeldLock &Lock, Event &E, PathState &State);
  // Lock calls on an element with a computed index (markRoles finds them),
  // and per loop (its begin offset) the arrays whose elements it takes or
  // releases with an index that changes from turn to turn.
  llvm::SmallVector<const CallExpr *, 4> ElementLockCalls;
  struct LoopElements {
    HeldLock Like; // the array's unknown elements
    bool Takes;    // else releases
  };
  llvm::DenseMap<unsigned, llvm::SmallVector<LoopElements, 1>> LoopFamilies;
  // The loop test being walked comes before any turn of its loop.
  bool TestBeforeAnyTurn = false;
  // The start of each loop `for (i = C0; i < C1; ...)` between constants,
  // with the loop and whether its first test passes.
  llvm::DenseMap<const Stmt *, std::pair<const ForStmt *, bool>> CountedStarts;
  void findLoopFamilies();
  void enterLoop(const CFGBlock *Block, PathState &State);
  void leaveLoop(const CFGBlock *Block, std::vector<PathState> &Succ);
  bool releasedInTurns(const HeldLock &Lock, unsigned Offset);
  void noteValue(const VarDecl *V, const Expr *Value, PathState &State);
  std::optional<bool> knownCondition(const CFGBlock *Block,
                                     const PathState &State);
  std::map<const VarDecl *, GuardConstruction> Guards;
  const CFGBlock *Current = nullptr; // the block being visited
  std::deque<std::pair<const CFGBlock *, PathState>> Work;
  std::map<const CFGBlock *, std::vector<PathState>> Seen;
};

Event Walker::makeEvent(EventKind K, SourceLocation Site,
                        const PathState &State) {
  Event E;
  E.Kind = K;
  E.Site = here(Site);
  E.Offset = offsetOf(Site);
  E.Held = State.Held;
  E.ReleasedFromEntry = State.ReleasedFromEntry;
  return E;
}

void Walker::acquire(const LockOperation &Op, SourceLocation Site,
                     PathState &State, bool ViaCall, FullSourceLoc CalleeSite,
                     uint64_t CalleeId) {
  uint64_t Id = ViaCall ? CalleeId : acquireIdAt(Site);
  for (const LockName &N : Op.Locks) {
    if (N.Key.empty())
      continue;
    Event E = makeEvent(EventKind::Acquire, Site, State);
    E.Object = N.Key;
    E.Display = N.Display;
    E.Lock = Op.Kind;
    E.Try = Op.Action == LockAction::TryAcquire;
    E.AcquireId = Id;
    E.ViaCall = ViaCall;
    E.CalleeSite = CalleeSite;
    E.LockExpr = N.Object;
    recordConditions(N.Object, Site);
    Out.Events.push_back(E);
    if (Op.Kind != LockKind::RecursiveMutex && Op.Kind != LockKind::Semaphore &&
        !E.Try && holds(State.Held, N.Key))
      State.Deadlocked = true;
    // A second hold of a non-recursive lock is the deadlock the double-lock
    // check reports; recording it twice would also make every later exit
    // look like a missing unlock.
    bool Again = Op.Kind == LockKind::RecursiveMutex
                     ? std::any_of(State.Held.begin(), State.Held.end(),
                                   [&](const HeldLock &L) {
                                     return L.Key == N.Key && L.AcquireId == Id;
                                   })
                     : holds(State.Held, N.Key);
    if (Again)
      continue;
    State.Held.push_back({N.Key, N.Display, Op.Kind, Op.Shared, E.Try,
                          ViaCall ? CalleeSite : here(Site), Id, N.Object});
    if (Op.Kind != LockKind::FileLock)
      State.Held.back().Family = lockFamily(N.Key);
    noteIndexVariables(N.Key, N.Object);
  }
}

// The local variables (of this function) an element lock's indices read.
static void indexVariables(const Stmt *Index, const FunctionDecl *F,
                           llvm::SmallVectorImpl<const VarDecl *> &Into) {
  if (!Index)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Index))
    if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
        V && V->getParentFunctionOrMethod() == F &&
        !llvm::is_contained(Into, V))
      Into.push_back(V);
  for (const Stmt *Child : Index->children())
    indexVariables(Child, F, Into);
}

void Walker::noteIndexVariables(const std::string &Key, const Expr *Object) {
  if (!Object || Key.find('[') == std::string::npos)
    return;
  llvm::SmallVector<const VarDecl *, 2> Vars;
  for (const Expr *E = stripToObject(Object); E;) {
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      indexVariables(A->getIdx(), F, Vars);
      E = stripToObject(A->getBase());
    } else if (const auto *M = dyn_cast<MemberExpr>(E)) {
      E = stripToObject(M->getBase());
    } else {
      break;
    }
  }
  if (Vars.empty())
    return;
  llvm::SmallVector<const VarDecl *, 2> &Recorded = IndexVars[Key];
  for (const VarDecl *V : Vars)
    if (!llvm::is_contained(Recorded, V))
      Recorded.push_back(V);
}

// `i = next;`, `i++`, `int next = ...` in a new turn of a loop: the
// elements taken as `ring[i]` or `ring[next]` are no longer the ones those
// names denote, and a release of `ring[i]` is no second release.
void Walker::indexVariableWritten(const VarDecl *V, PathState &State) {
  auto Reads = [&](const std::string &Key) {
    auto It = IndexVars.find(Key);
    return It != IndexVars.end() && llvm::is_contained(It->second, V);
  };
  forgetIndices(State, [&](const HeldLock &L) { return Reads(L.Key); });
  State.ReleasedHere.erase(std::remove_if(State.ReleasedHere.begin(),
                                          State.ReleasedHere.end(), Reads),
                           State.ReleasedHere.end());
}

// A release of an element that is not held under its own name while the
// path holds other elements of its array: it may be one of them (`ring[i]`
// after `i = next`), and which, the walk cannot tell. It releases one of
// them, and which elements remain held is no longer known.
bool Walker::releaseUnknownElement(const HeldLock &Lock, Event &E,
                                   PathState &State) {
  std::string Family =
      Lock.Kind == LockKind::FileLock ? "" : lockFamily(Lock.Key);
  if (Family.empty() ||
      std::none_of(State.Held.begin(), State.Held.end(),
                   [&](const HeldLock &L) { return L.Family == Family; }))
    return false;
  forgetIndices(State, [&](const HeldLock &L) { return L.Family == Family; });
  HeldLock Like;
  Like.Family = Family;
  HeldLock &Unknown = unknownElements(State, Like);
  if (Unknown.Instances > 0)
    --Unknown.Instances;
  E.WasHeld = true;
  E.ReleasedId = Unknown.AcquireId;
  return true;
}

// The loops that take or release elements of an array with an index that
// changes from turn to turn (`for (i = 0; i < n; i++) lock(&m[i]);`).
void Walker::findLoopFamilies() {
  for (const CallExpr *Call : ElementLockCalls) {
    std::optional<LockOperation> Op = classifyLockCall(Call, Ctx, B);
    if (!Op || Op->Kind == LockKind::FileLock)
      continue;
    unsigned At = offsetOf(Call->getBeginLoc());
    for (const LockName &N : Op->Locks) {
      HeldLock Like = lockNamed(N.Key, N.Display, Op->Kind);
      Like.Family = lockFamily(N.Key);
      Like.Shared = Op->Shared;
      Like.Site = here(Call->getBeginLoc());
      Like.AcquireId = acquireIdAt(Call->getBeginLoc());
      if (Like.Family.empty())
        continue;
      for (OffsetRange Loop : Loops)
        if (Loop.contains(At) && variesIn(N.Object, Loop))
          LoopFamilies[Loop.Begin].push_back(
              {Like, Op->Action != LockAction::Release});
    }
  }
}

// An element released in a loop whose turns change its index.
bool Walker::releasedInTurns(const HeldLock &Lock, unsigned Offset) {
  if (ElementLockCalls.empty() || Lock.Key.find('[') == std::string::npos)
    return false;
  return std::any_of(Loops.begin(), Loops.end(), [&](OffsetRange Loop) {
    return Loop.contains(Offset) && variesIn(Lock.Object, Loop);
  });
}

static bool isLoop(const Stmt *S) {
  return isa_and_nonnull<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

void Walker::enterLoop(const CFGBlock *Block, PathState &State) {
  const Stmt *Loop = Block->getTerminatorStmt();
  TestBeforeAnyTurn = false;
  if (ElementLockCalls.empty() || !isLoop(Loop))
    return;
  // A turn that left fewer elements held than the turn before releases
  // more than it takes: how many remain depends on how often the loop
  // runs, which the walk does not follow (`for (i = 0; i < 2; i++)
  // unlock(&m[i]);` also leaves it after one turn).
  unsigned Now = elementsHeld(State);
  auto Before = std::find_if(State.HeldAtTest.begin(), State.HeldAtTest.end(),
                             [&](const auto &T) { return T.first == Loop; });
  if (Before == State.HeldAtTest.end()) {
    State.HeldAtTest.push_back({Loop, Now});
    TestBeforeAnyTurn = true;
    return;
  }
  if (Now < Before->second)
    for (HeldLock &L : State.Held)
      if (L.Inexact)
        L.Instances = 0;
  Before->second = elementsHeld(State);
}

// Whether a loop ran, and how often, the walk does not follow: after a loop
// that takes elements of an array with a changing index, the path may
// hold any number of them; after one that releases them and may not have
// run (when `for (i = 0; i < n; i++) unlock(&m[i]);` runs no turn, neither
// did the loop that locked them), how many remain is unknown.
void Walker::leaveLoop(const CFGBlock *Block, std::vector<PathState> &Succ) {
  const Stmt *Loop = Block->getTerminatorStmt();
  if (ElementLockCalls.empty() || Succ.size() != 2 || !isLoop(Loop))
    return;
  PathState &Exit = Succ[1];
  Exit.HeldAtTest.erase(
      std::remove_if(Exit.HeldAtTest.begin(), Exit.HeldAtTest.end(),
                     [&](const auto &T) { return T.first == Loop; }),
      Exit.HeldAtTest.end());
  auto It = LoopFamilies.find(offsetOf(Loop->getBeginLoc()));
  if (It == LoopFamilies.end())
    return;
  for (const LoopElements &Elements : It->second) {
    if (Elements.Takes) {
      unknownElements(Exit, Elements.Like);
    } else if (TestBeforeAnyTurn) {
      forgetHowMany(Exit, Elements.Like);
    }
  }
}

void Walker::release(const HeldLock &Lock, SourceLocation Site,
                     PathState &State, bool ViaCall, FullSourceLoc CalleeSite) {
  Event E = makeEvent(EventKind::Release, Site, State);
  E.Object = Lock.Key;
  E.Display = Lock.Display;
  E.Lock = Lock.Kind;
  E.ViaCall = ViaCall;
  E.CalleeSite = CalleeSite;
  E.LockExpr = Lock.Object;
  E.ManyElements = !ViaCall && releasedInTurns(Lock, E.Offset);
  auto It = std::find_if(State.Held.rbegin(), State.Held.rend(),
                         [&](const HeldLock &L) { return L.Key == Lock.Key; });
  noteIndexVariables(Lock.Key, Lock.Object);
  if (It != State.Held.rend()) {
    E.WasHeld = true;
    E.ReleasedId = It->AcquireId;
    State.Held.erase(std::next(It).base());
  } else if (!releaseUnknownElement(Lock, E, State)) {
    E.ReleasedTwice =
        std::find(State.ReleasedHere.begin(), State.ReleasedHere.end(),
                  Lock.Key) != State.ReleasedHere.end();
    if (!E.ReleasedTwice)
      addUnique(State.ReleasedFromEntry, Lock.Key);
  }
  addUnique(State.ReleasedHere, Lock.Key);
  Out.Events.push_back(E);
}

void Walker::releaseGuard(const VarDecl *Guard, SourceLocation Site,
                          PathState &State) {
  auto Owner =
      std::find(State.OwningGuards.begin(), State.OwningGuards.end(), Guard);
  if (Owner == State.OwningGuards.end())
    return;
  State.OwningGuards.erase(Owner);
  const GuardConstruction &G = Guards[Guard];
  for (const LockName &N : G.Locks)
    release(lockNamed(N.Key, N.Display, G.LockKindOfMutex), Site, State);
}

// Only element locks with a computed index can depend on which instance of
// a thread runs; the parent map is built for those alone.
void Walker::recordConditions(const Expr *Lock, SourceLocation Site) {
  const auto *A = dyn_cast_or_null<ArraySubscriptExpr>(stripToObject(Lock));
  if (!A || A->getIdx()->isValueDependent() ||
      A->getIdx()->isIntegerConstantExpr(Ctx))
    return;
  Summaries::BranchConditions Around;
  const ParentMap &Parents = parents();
  const Stmt *Child = Lock;
  for (const Stmt *P = Parents.getParent(Lock); P;
       Child = P, P = Parents.getParent(P))
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child == If->getThen())
        Around.push_back({If->getCond(), true});
      else if (Child == If->getElse())
        Around.push_back({If->getCond(), false});
    }
  if (!Around.empty())
    S.setConditionsAround(Lock, std::move(Around));
}

const Stmt *Walker::innermostLoopStmt(const Stmt *St) {
  const ParentMap &Parents = parents();
  for (const Stmt *P = Parents.getParent(St); P; P = Parents.getParent(P))
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P))
      return P;
  return nullptr;
}

OffsetRange Walker::innermostLoop(const Stmt *St) {
  if (const Stmt *P = innermostLoopStmt(St))
    return {offsetOf(P->getBeginLoc()), offsetOf(P->getEndLoc())};
  return {};
}

// Whether the value of `Arg` changes from one iteration of `Loop` to the
// next: it reads a local declared or written inside the loop (`i`,
// `&ids[i]`, a fresh `malloc` per iteration), not just its address.
bool Walker::variesIn(const Expr *Arg, OffsetRange Loop) {
  if (!Arg || Loop.End == 0)
    return false;
  Arg = Arg->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Arg);
      U && U->getOpcode() == UO_AddrOf &&
      isa<DeclRefExpr>(U->getSubExpr()->IgnoreParens()))
    return false;
  if (const auto *D = dyn_cast<DeclRefExpr>(Arg)) {
    const auto *V = dyn_cast<VarDecl>(D->getDecl());
    if (!V || V->hasGlobalStorage())
      return false;
    if (Loop.contains(offsetOf(V->getLocation())))
      return true;
    auto It = WrittenAt.find(V);
    return It != WrittenAt.end() &&
           std::any_of(It->second.begin(), It->second.end(),
                       [&](unsigned At) { return Loop.contains(At); });
  }
  for (const Stmt *Child : Arg->children())
    if (variesIn(dyn_cast_or_null<Expr>(Child), Loop))
      return true;
  return false;
}

std::string Walker::argumentKey(const Expr *Arg, OffsetRange Loop) {
  if (!Arg)
    return "";
  const Expr *Bare = Arg->IgnoreParenCasts();
  Expr::EvalResult R;
  if (!Bare->isValueDependent() && Bare->EvaluateAsInt(R, Ctx))
    return std::to_string(R.Val.getInt().getExtValue());
  if (Bare->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return "0";
  if (variesIn(Arg, Loop))
    return "*";
  CharSourceRange Range = CharSourceRange::getTokenRange(Arg->getSourceRange());
  return Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str();
}

// The loop variable of `for (i = C0; i < C1; ...)` and its values.
static const VarDecl *countedLoop(const Stmt *Loop, const ASTContext &Ctx,
                                  std::vector<int64_t> &Values) {
  const auto *For = dyn_cast_or_null<ForStmt>(Loop);
  if (!For || !For->getCond())
    return nullptr;
  const auto *Cond =
      dyn_cast<BinaryOperator>(For->getCond()->IgnoreParenImpCasts());
  if (!Cond || (Cond->getOpcode() != BO_LT && Cond->getOpcode() != BO_LE &&
                Cond->getOpcode() != BO_NE))
    return nullptr;
  const auto *Var =
      dyn_cast<DeclRefExpr>(Cond->getLHS()->IgnoreParenImpCasts());
  const VarDecl *V = Var ? dyn_cast<VarDecl>(Var->getDecl()) : nullptr;
  if (!V)
    return nullptr;
  const Expr *Start = nullptr;
  if (const auto *D = dyn_cast_or_null<DeclStmt>(For->getInit());
      D && D->isSingleDecl() && D->getSingleDecl() == V)
    Start = V->getInit();
  else if (const auto *A = dyn_cast_or_null<BinaryOperator>(For->getInit());
           A && A->getOpcode() == BO_Assign)
    Start = A->getRHS();
  Expr::EvalResult From, To;
  if (!Start || !Start->EvaluateAsInt(From, Ctx) ||
      !Cond->getRHS()->EvaluateAsInt(To, Ctx))
    return nullptr;
  int64_t First = From.Val.getInt().getExtValue();
  int64_t End =
      To.Val.getInt().getExtValue() + (Cond->getOpcode() == BO_LE ? 1 : 0);
  // A bounded number of instances keeps the lock-order graph small.
  if (End - First < 1 || End - First > 64)
    return nullptr;
  for (int64_t I = First; I < End; ++I)
    Values.push_back(I);
  return V;
}

static bool mentions(const Stmt *S, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *D = dyn_cast<DeclRefExpr>(S))
    return D->getDecl() == V;
  for (const Stmt *Child : S->children())
    if (mentions(Child, V))
      return true;
  return false;
}

void Walker::describeSpawnArguments(const SpawnOperation &Sp, const Stmt *At,
                                    Event &E) {
  const Stmt *LoopStmt = E.Loop.End ? innermostLoopStmt(At) : nullptr;
  std::vector<int64_t> Values;
  const VarDecl *Counter = countedLoop(LoopStmt, Ctx, Values);
  bool FollowsCounter = false;
  E.SpawnArgs = Sp.Args;
  for (const Expr *Arg : Sp.Args) {
    E.ArgKeys.push_back(argumentKey(Arg, E.Loop));
    FollowsCounter |= E.ArgKeys.back() == "*" && mentions(Arg, Counter);
  }
  if (Sp.Lambda) {
    E.ArgKeys.resize(CapturedBit + 1);
    for (const Expr *Init : Sp.Lambda->capture_inits())
      if (Init && !Init->isLValue() && variesIn(Init, E.Loop)) {
        E.ArgKeys[CapturedBit] = "*";
        FollowsCounter |= mentions(Init, Counter);
      }
  }
  if (FollowsCounter)
    E.Instances = std::move(Values);
}

// The variable an assigned lvalue is rooted in (`g`, `g[i]`, `g.x`), if it
// is written rather than read through (a pointer loaded from `g` is read).
static const DeclRefExpr *writtenRoot(const Expr *E) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      if (Cast->getCastKind() == CK_LValueToRValue)
        return nullptr;
      E = Cast->getSubExpr();
    } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      E = A->getBase();
    } else if (const auto *M = dyn_cast<MemberExpr>(E)) {
      E = M->getBase();
    } else {
      return dyn_cast<DeclRefExpr>(E);
    }
  }
}

// `for (i = C0; i OP C1; ...)`, `for (int i = C0; ...)`: whether the first
// test passes; nothing for other loops.
static std::optional<bool> firstTestPasses(const ForStmt *For,
                                           const ASTContext &Ctx) {
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(
      For->getCond() ? For->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || !Cond->isComparisonOp() || !For->getInit())
    return std::nullopt;
  const VarDecl *V = varOf(Cond->getLHS()->IgnoreParenImpCasts());
  const Expr *Start = nullptr;
  if (const auto *D = dyn_cast<DeclStmt>(For->getInit());
      D && D->isSingleDecl() && D->getSingleDecl() == V)
    Start = V->getInit();
  else if (const auto *A = dyn_cast<BinaryOperator>(For->getInit());
           A && A->getOpcode() == BO_Assign &&
           varOf(A->getLHS()->IgnoreParenImpCasts()) == V)
    Start = A->getRHS();
  Expr::EvalResult From, To;
  if (!V || !Start || Start->isValueDependent() ||
      Cond->getRHS()->isValueDependent() || !Start->EvaluateAsInt(From, Ctx) ||
      !Cond->getRHS()->EvaluateAsInt(To, Ctx))
    return std::nullopt;
  const llvm::APSInt &L = From.Val.getInt(), &R = To.Val.getInt();
  int64_t A = L.getExtValue(), B = R.getExtValue();
  switch (Cond->getOpcode()) {
  case BO_LT:
    return A < B;
  case BO_LE:
    return A <= B;
  case BO_GT:
    return A > B;
  case BO_GE:
    return A >= B;
  case BO_EQ:
    return A == B;
  case BO_NE:
    return A != B;
  default:
    return std::nullopt;
  }
}

// One walk that marks how each variable reference is used, so the common
// case needs no parent map.
void Walker::markRoles(const Stmt *St, bool InCondition, bool InLoop,
                       const Stmt *Parent) {
  if (!St)
    return;
  const FunctionDecl *Callee = nullptr;
  if (const auto *C = dyn_cast<CallExpr>(St)) {
    Callee = C->getDirectCallee();
    if (!CallsLocks && Callee && Callee->getIdentifier()) {
      llvm::StringRef Name = Callee->getName();
      CallsLocks = Name.contains_insensitive("lock") || Name.startswith("sem_");
    }
    if (lockedElementWithComputedIndex(C, Ctx))
      ElementLockCalls.push_back(C);
  }
  if (InCondition) {
    if (isa<AtomicExpr>(St) ||
        (Callee && (isa<CXXMethodDecl>(Callee) ||
                    (Callee->getIdentifier() &&
                     Callee->getName().startswith("__sync")))) ||
        (isa<DeclRefExpr>(St) &&
         cast<DeclRefExpr>(St)->getType()->isAtomicType()))
      Tested.insert(St);
  }
  const Stmt *Cond = nullptr;
  if (!isa<IfStmt, WhileStmt, DoStmt, ForStmt, ConditionalOperator,
           CXXForRangeStmt>(St))
    ;
  else if (const auto *I = dyn_cast<IfStmt>(St))
    Cond = I->getCond();
  else if (const auto *W = dyn_cast<WhileStmt>(St))
    Cond = W->getCond();
  else if (const auto *D = dyn_cast<DoStmt>(St))
    Cond = D->getCond();
  else if (const auto *For = dyn_cast<ForStmt>(St))
    Cond = For->getCond();
  else if (const auto *C = dyn_cast<ConditionalOperator>(St))
    Cond = C->getCond();
  if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(St))
    Loops.push_back({offsetOf(St->getBeginLoc()), offsetOf(St->getEndLoc())});
  if (const auto *For = dyn_cast<ForStmt>(St))
    if (std::optional<bool> Passes = firstTestPasses(For, Ctx))
      CountedStarts[For->getInit()] = {For, *Passes};
  auto Written = [&](const DeclRefExpr *R) {
    Roles[R] = RefRole::Written;
    if (const auto *V = dyn_cast<VarDecl>(R->getDecl()))
      if (!V->hasGlobalStorage()) {
        WrittenAt[V].push_back(offsetOf(R->getLocation()));
        if (isa_and_nonnull<Expr>(Parent) || !Parent)
          WrittenInExpression.insert(V);
      }
  };
  if (isa<LambdaExpr, BlockExpr>(St))
    HasClosures = true;
  if (const auto *Op = dyn_cast<BinaryOperator>(St)) {
    if (Op->isAssignmentOp())
      if (const DeclRefExpr *R = writtenRoot(Op->getLHS()))
        Written(R);
  } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(St)) {
    if (const DeclRefExpr *R = writtenRoot(A))
      Subscripts[R].push_back(A->getIdx());
  } else if (const auto *U = dyn_cast<UnaryOperator>(St)) {
    if (U->isIncrementDecrementOp()) {
      if (const DeclRefExpr *R = writtenRoot(U->getSubExpr()))
        Written(R);
    } else if (U->getOpcode() == UO_AddrOf) {
      // `&g`, and `&g.lock`, `&g.slots[i]`: handing over a part of a global
      // (to a lock or semaphore call) does not read the rest of it.
      if (const DeclRefExpr *R = writtenRoot(U->getSubExpr())) {
        Roles[R] = RefRole::AddressTaken;
        if (const auto *V = dyn_cast<VarDecl>(R->getDecl()))
          AddressTaken.insert(V);
      }
    }
  }
  for (const Stmt *Child : St->children())
    markRoles(Child, InCondition || (Child && Child == Cond), false, St);
}

void Walker::visitGlobalRef(const DeclRefExpr *Ref, PathState &State) {
  const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
  if (!V || !V->hasGlobalStorage() || !S.isSharedData(V))
    return;
  // Taking the address hands the object to someone else (a lock call, a
  // thread argument): that is not an access here.
  auto Role = Roles.find(Ref);
  if (Role != Roles.end() && Role->second == RefRole::AddressTaken)
    return;
  bool Write = Role != Roles.end() && Role->second == RefRole::Written;
  Event E = makeEvent(Write ? EventKind::GlobalWrite : EventKind::GlobalRead,
                      Ref->getLocation(), State);
  // A static is its unit's own: the same name in another unit of the run
  // is another variable.
  E.Object = V->isExternallyVisible()
                 ? V->getQualifiedNameAsString()
                 : std::to_string(Unit) + ":" + V->getQualifiedNameAsString();
  E.Display = V->getNameAsString();
  E.Repeats = std::any_of(Loops.begin(), Loops.end(),
                          [&](OffsetRange L) { return L.contains(E.Offset); });
  E.SignalSafe =
      V->getType().isVolatileQualified() &&
      V->getType().getUnqualifiedType().getAsString() == "sig_atomic_t";
  auto Indices = Subscripts.find(Ref);
  if (Indices != Subscripts.end()) {
    E.Indexed = true;
    for (const Expr *Index : Indices->second)
      E.IndexParams |= flow().of(Index);
  }
  Out.Events.push_back(E);
}

void Walker::applyCallee(const CallExpr *Call, const FunctionDecl *Callee,
                         PathState &State) {
  Event E = makeEvent(EventKind::Call, Call->getBeginLoc(), State);
  E.Callee = Callee;
  E.CallSite = Call;
  Out.Events.push_back(E);
  const FunctionSummary &Sum = S.get(Callee);
  for (const Event &R : Sum.ReleasesFromCaller) {
    LockName N = atCall(Call, R.Object, R.Display, R.LockExpr);
    HeldLock L = lockNamed(N.Key, N.Display, R.Lock);
    L.Object = N.Object;
    release(L, Call->getBeginLoc(), State, true,
            R.ViaCall ? R.CalleeSite : R.Site);
    if (R.ManyElements) {
      Out.Events.back().ManyElements = true;
      forgetHowMany(State, L);
    }
  }
  for (const HeldLock &L : Sum.AcquiredOnEveryExit) {
    if (L.Inexact) {
      unknownElements(State, L).Instances += L.Instances;
      continue;
    }
    LockOperation Op{LockAction::Acquire,
                     L.Kind,
                     L.Shared,
                     {atCall(Call, L.Key, L.Display, L.Object)}};
    acquire(Op, Call->getBeginLoc(), State, true, L.Site, L.AcquireId);
  }
  // Locks the callee returns holding only with some results: held at the
  // call, given up on the branch whose test rules them out. A caller that
  // does not test the result is left with what every exit holds.
  if ((Sum.AcquiredWhenZero.empty() && Sum.AcquiredWhenNonZero.empty()) ||
      !isTested(Call))
    return;
  Outcome O;
  O.Call = Call;
  for (bool Zero : {true, false})
    for (const HeldLock &L :
         Zero ? Sum.AcquiredWhenZero : Sum.AcquiredWhenNonZero) {
      LockName N = atCall(Call, L.Key, L.Display, L.Object);
      acquire({LockAction::Acquire, L.Kind, L.Shared, {N}}, Call->getBeginLoc(),
              State, true, L.Site, L.AcquireId);
      (Zero ? O.NotHeldIfNonZero : O.NotHeldIfZero)
          .Locks.push_back({N.Key, L.AcquireId});
    }
  expectOutcome(Call, std::move(O), State);
}

// The condition the block branches on: for `a && b`, the block of `b`
// tests `b`.
static const Expr *conditionOf(const CFGBlock *Block) {
  if (!Block || Block->succ_size() != 2)
    return nullptr;
  if (const Expr *Last = Block->getLastCondition())
    return Last;
  return dyn_cast_or_null<Expr>(Block->getTerminatorCondition());
}

// The local variable a call's result is stored in: `int r = f();`,
// `r = f();`.
const VarDecl *Walker::resultVariable(const CallExpr *Call) {
  const ParentMap &Parents = parents();
  const Stmt *Child = Call;
  const Stmt *P = Parents.getParent(Call);
  while (P && isa<ParenExpr, ImplicitCastExpr, ExprWithCleanups>(P)) {
    Child = P;
    P = Parents.getParent(P);
  }
  if (const auto *D = dyn_cast_or_null<DeclStmt>(P)) {
    for (const Decl *Dc : D->decls())
      if (const auto *V = dyn_cast<VarDecl>(Dc);
          V && V->getInit() == Child && V->isLocalVarDecl())
        return V;
  } else if (const auto *A = dyn_cast_or_null<BinaryOperator>(P);
             A && A->getOpcode() == BO_Assign && A->getRHS() == Child) {
    const VarDecl *V = varOf(A->getLHS()->IgnoreParens());
    if (V && V->isLocalVarDecl())
      return V;
  }
  return nullptr;
}

bool Walker::isTested(const CallExpr *Call) {
  return testedValue(conditionOf(Current), Ctx).Value == Call ||
         resultVariable(Call);
}

void Walker::expectOutcome(const CallExpr *Call, Outcome O, PathState &State) {
  O.Call = Call;
  O.Var = resultVariable(Call);
  State.Pending.erase(std::remove_if(State.Pending.begin(), State.Pending.end(),
                                     [&](const Outcome &P) {
                                       return P.Call == Call ||
                                              (O.Var && P.Var == O.Var);
                                     }),
                      State.Pending.end());
  State.Pending.push_back(std::move(O));
}

// A lock the callee names through one of its parameters (`first`,
// `first->m`) is, at the call, the lock the argument names: a helper that
// returns holding `*first` leaves `a` held in `take_both(&a, &b)`, and one
// that releases `*second` releases the caller's `b`.
LockName Walker::atCall(const CallExpr *Call, const std::string &Key,
                        const std::string &Display, const Expr *Object) const {
  LockName Same{Key, Display, Object};
  const Expr *Root = stripToObject(Object);
  while (Root && !isa<DeclRefExpr>(Root)) {
    if (const auto *M = dyn_cast<MemberExpr>(Root))
      Root = stripToObject(M->getBase());
    else if (const auto *A = dyn_cast<ArraySubscriptExpr>(Root))
      Root = stripToObject(A->getBase());
    else
      return Same;
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Root);
  const auto *P = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!P || isa<CXXOperatorCallExpr>(Call) ||
      P->getFunctionScopeIndex() >= Call->getNumArgs())
    return Same;
  const Expr *Arg = Call->getArg(P->getFunctionScopeIndex());
  std::string ArgKey = objectKey(Arg, Ctx);
  std::string ParamKey = objectKey(Ref, P->getASTContext());
  size_t At = Key.find(ParamKey);
  if (ArgKey.empty() || ParamKey.empty() || At == std::string::npos)
    return Same;
  LockName N;
  N.Key = Key.substr(0, At) + ArgKey + Key.substr(At + ParamKey.size());
  std::string ArgName = ArgKey;
  if (size_t Colon = ArgName.rfind("::");
      Colon != std::string::npos && ArgName.find('[') == std::string::npos)
    ArgName = ArgName.substr(Colon + 2);
  std::string ParamName = P->getNameAsString();
  N.Display = Display;
  if (size_t D = N.Display.find(ParamName); D != std::string::npos)
    N.Display.replace(D, ParamName.size(), ArgName);
  // Named per context through the caller's frame: the argument itself when
  // the lock is the parameter, else the callee's expression (named by key).
  N.Object = Root == stripToObject(Object) ? Arg : Object;
  return N;
}

void Walker::visitCall(const CallExpr *Call, PathState &State) {
  SourceLocation Site = Call->getBeginLoc();
  if (std::optional<LockOperation> Op = classifyLockCall(Call, Ctx, B)) {
    // A semaphore also hands data over: what the poster wrote before
    // sem_post, the waiter sees after sem_wait (a counting semaphore's
    // slots in a producer/consumer ring).
    if (Op->Kind == LockKind::Semaphore && Op->Action != LockAction::TryAcquire)
      for (const LockName &N : Op->Locks)
        if (!N.Key.empty()) {
          bool Post = Op->Action == LockAction::Release;
          Event E = makeEvent(Post ? EventKind::Publish : EventKind::Observe,
                              Site, State);
          E.Object = N.Key;
          E.Exchange = !Post;
          Out.Events.push_back(E);
        }
    if (Op->Action == LockAction::Release) {
      for (const LockName &N : Op->Locks) {
        HeldLock L = lockNamed(N.Key, N.Display, Op->Kind);
        L.Object = N.Object;
        release(L, Site, State);
      }
    } else {
      acquire(*Op, Site, State);
      if (Op->Action == LockAction::TryAcquire) {
        // pthread/sem/flock calls return 0 on success; try_lock, true.
        Outcome O;
        Outcome::Side &Failed =
            isa<CXXMemberCallExpr>(Call) ? O.NotHeldIfZero : O.NotHeldIfNonZero;
        for (const LockName &N : Op->Locks)
          if (!N.Key.empty())
            Failed.Locks.push_back({N.Key, acquireIdAt(Site)});
        expectOutcome(Call, std::move(O), State);
      } else if (!isa<CXXMemberCallExpr>(Call) &&
                 Call->getCallReturnType(Ctx)->isIntegerType()) {
        // `if (pthread_mutex_lock(&m) != 0) return -1;`: a lock call that
        // reports failure (an error number, or -1 from sem_wait) holds
        // nothing on the branch that tests the failure. Untested, its
        // result is dropped with the block and the lock stays held.
        Outcome O;
        O.Failure = true;
        for (const LockName &N : Op->Locks)
          if (!N.Key.empty())
            O.NotHeldIfNonZero.Locks.push_back({N.Key, acquireIdAt(Site)});
        expectOutcome(Call, std::move(O), State);
      }
    }
    return;
  }
  if (std::optional<GuardCall> G = classifyGuardCall(Call)) {
    auto It = Guards.find(G->Guard);
    if (It == Guards.end())
      return;
    if (G->Action == LockAction::Release) {
      releaseGuard(G->Guard, Site, State);
    } else {
      LockOperation Op{G->Action, It->second.LockKindOfMutex, false,
                       It->second.Locks};
      acquire(Op, Site, State);
      State.OwningGuards.push_back(G->Guard);
      if (G->Action == LockAction::TryAcquire) {
        Outcome O;
        for (const LockName &N : Op.Locks)
          if (!N.Key.empty())
            O.NotHeldIfZero.Locks.push_back({N.Key, acquireIdAt(Site)});
        O.NotHeldIfZero.Guard = G->Guard;
        expectOutcome(Call, std::move(O), State);
      }
    }
    return;
  }
  if (std::optional<SpawnOperation> Sp = classifySpawn(
          Call, [&]() -> const ParentMap & { return parents(); }, B)) {
    addSpawn(*Sp, Call, Site, State);
    return;
  }
  if (std::optional<JoinOperation> J = classifyJoin(Call, B)) {
    addJoin(*J, Call, Site, State);
    return;
  }
  if (std::optional<FileAccess> A = classifyFileCall(Call, Ctx, B)) {
    Event E = makeEvent(A->Write ? EventKind::FileWrite : EventKind::FileRead,
                        Site, State);
    E.Object = A->File.Key;
    E.Display = A->File.Display;
    Out.Events.push_back(E);
    return;
  }
  if (const Expr *Closed = closedHandle(Call)) {
    // Closing a descriptor drops the flock/lockf taken through it.
    FileName File = B.fileOfHandle(Closed);
    std::string Key = "filelock:" + File.Key;
    if (!File.empty() && holds(State.Held, Key))
      release(
          lockNamed(Key, "file lock on " + File.Display, LockKind::FileLock),
          Site, State);
    return;
  }
  if (visitAtomicCall(Call, State))
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (Callee) {
    // A body here, or in another translation unit of the run.
    const FunctionDecl *Def = S.units().definitionOf(Callee);
    if (!Def || Def == F)
      return;
    // A wrapper's spawn names its thread only with the caller's arguments.
    if (std::optional<SpawnOperation> Sp = classifyWrappedSpawn(Call, Def, B)) {
      addSpawn(*Sp, Call, Site, State);
      return;
    }
    if (std::optional<JoinOperation> J = classifyWrappedJoin(Call, Def, B)) {
      addJoin(*J, Call, Site, State);
      return;
    }
    if (isAnalysable(Def))
      applyCallee(Call, Def, State);
  }
}

void Walker::addSpawn(const SpawnOperation &Sp, const CallExpr *Call,
                      SourceLocation Site, PathState &State) {
  Event E = makeEvent(EventKind::Spawn, Site, State);
  E.Spawned = Sp.Kind;
  E.Entry = entryDefinition(Sp.Entry);
  E.Handle = Sp.Handle;
  E.Loop = innermostLoop(Call);
  describeSpawnArguments(Sp, Call, E);
  if (Sp.Kind == SpawnKind::Fork) {
    SourceRange Child = childBranchOfFork(Call, F->getBody(), parents(), SM);
    if (Child.isValid())
      E.ChildRegion = {offsetOf(Child.getBegin()), offsetOf(Child.getEnd())};
  }
  Out.Events.push_back(E);
}

void Walker::addJoin(const JoinOperation &J, const CallExpr *Call,
                     SourceLocation Site, PathState &State) {
  Event E = makeEvent(EventKind::Join, Site, State);
  E.Spawned = J.Kind;
  E.Handle = J.Handle;
  E.Loop = innermostLoop(Call);
  Out.Events.push_back(E);
}

void Walker::visitStmt(const Stmt *St, PathState &State) {
  if (!CountedStarts.empty())
    if (auto Start = CountedStarts.find(St); Start != CountedStarts.end()) {
      State.FirstTestOf = Start->second.first;
      State.FirstTestPasses = Start->second.second;
    }
  if (const auto *Ret = dyn_cast<ReturnStmt>(St)) {
    noteReturn(Ret, State);
    return;
  }
  if (const auto *A = dyn_cast<BinaryOperator>(St); A && A->isAssignmentOp()) {
    // A variable given another value no longer tells what a call returned.
    const VarDecl *V = varOf(A->getLHS()->IgnoreParens());
    const Expr *From = A->getRHS()->IgnoreParenImpCasts();
    if (V && Tracked.count(V))
      noteValue(V, A->getOpcode() == BO_Assign ? From : nullptr, State);
    if (V)
      State.Pending.erase(std::remove_if(State.Pending.begin(),
                                         State.Pending.end(),
                                         [&](const Outcome &O) {
                                           return O.Var == V && O.Call != From;
                                         }),
                          State.Pending.end());
    return;
  }
  if (const auto *D = dyn_cast<DeclStmt>(St)) {
    for (const Decl *Dc : D->decls()) {
      const auto *V = dyn_cast<VarDecl>(Dc);
      if (V && Tracked.count(V))
        noteValue(V, V->getInit(), State);
      if (V && !IndexVars.empty())
        indexVariableWritten(V, State);
      if (!V || !V->getInit())
        continue;
      const auto *C =
          dyn_cast_or_null<CXXConstructExpr>(stripToObject(V->getInit()));
      if (!C)
        continue;
      std::optional<GuardConstruction> G = classifyGuard(C, Ctx);
      if (!G)
        continue;
      Guards[V] = *G;
      if (!G->Deferred) {
        if (!G->Adopted) {
          LockOperation Op{LockAction::Acquire, G->LockKindOfMutex,
                           G->Kind == GuardKind::SharedLock, G->Locks};
          acquire(Op, C->getBeginLoc(), State);
        }
        State.OwningGuards.push_back(V);
      }
    }
    return;
  }
  if (const auto *C = dyn_cast<CXXConstructExpr>(St)) {
    if (std::optional<SpawnOperation> Sp = classifySpawn(
            C, [&]() -> const ParentMap & { return parents(); }, B)) {
      Event E = makeEvent(EventKind::Spawn, C->getBeginLoc(), State);
      E.Spawned = Sp->Kind;
      E.Entry = entryDefinition(Sp->Entry);
      E.Handle = Sp->Handle;
      E.Loop = innermostLoop(C);
      describeSpawnArguments(*Sp, C, E);
      Out.Events.push_back(E);
    } else if (std::optional<FileAccess> A = classifyFileStream(C, B)) {
      Event E = makeEvent(A->Write ? EventKind::FileWrite : EventKind::FileRead,
                          C->getBeginLoc(), State);
      E.Object = A->File.Key;
      E.Display = A->File.Display;
      Out.Events.push_back(E);
    }
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(St)) {
    visitCall(Call, State);
    return;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(St);
      U && U->isIncrementDecrementOp())
    if (const VarDecl *V = varOf(U->getSubExpr()->IgnoreParens());
        V && Tracked.count(V))
      noteValue(V, nullptr, State);
  if (const auto *A = dyn_cast<AtomicExpr>(St)) {
    Expr::EvalResult Order;
    if (!A->getOrder()->isValueDependent() &&
        A->getOrder()->EvaluateAsInt(Order, Ctx) &&
        Order.Val.getInt() == 0) // relaxed: orders nothing else
      return;
    AtomicExpr::AtomicOp Op = A->getOp();
    bool Load = Op == AtomicExpr::AO__c11_atomic_load ||
                Op == AtomicExpr::AO__atomic_load ||
                Op == AtomicExpr::AO__atomic_load_n;
    bool Store = Op == AtomicExpr::AO__c11_atomic_store ||
                 Op == AtomicExpr::AO__atomic_store ||
                 Op == AtomicExpr::AO__atomic_store_n;
    atomicAccess(A->getPtr(), !Load, !Store, A, A->getBeginLoc(), State);
    return;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(St)) {
    if (!IndexVars.empty())
      if (auto Role = Roles.find(Ref);
          Role != Roles.end() && Role->second == RefRole::Written)
        if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
          indexVariableWritten(V, State);
    // `ready = 1;`, `while (!ready)` on an _Atomic: sequentially consistent.
    if (Ref->getType()->isAtomicType()) {
      auto Role = Roles.find(Ref);
      if (Role == Roles.end() || Role->second != RefRole::AddressTaken)
        atomicAccess(Ref,
                     Role != Roles.end() && Role->second == RefRole::Written,
                     true, Ref, Ref->getLocation(), State);
      return;
    }
    visitGlobalRef(Ref, State);
  }
}

// The flag an atomic access publishes or observes through. An element
// picked by a computed index is the whole array's: in Peterson's lock a
// thread stores `want[me]` and spins on `want[other]`, the element its
// peer stores, and the values are not followed here. A constant index
// (`want[0]`) stays its own flag.
static std::string flagKey(const Expr *Object, const ASTContext &Ctx) {
  if (const auto *A =
          dyn_cast_or_null<ArraySubscriptExpr>(stripToObject(Object)))
    if (!A->getIdx()->isValueDependent() &&
        !A->getIdx()->isIntegerConstantExpr(Ctx)) {
      std::string Base = objectKey(A->getBase(), Ctx);
      return Base.empty() ? "" : Base + "[]";
    }
  return objectKey(Object, Ctx);
}

// A write publishes; a read orders only where a branch tests it (the spin
// `while (!atomic_load(&ready))`, `if (atomic_exchange(&busy, 1))`): a
// value read and not looked at tells the reader nothing.
void Walker::atomicAccess(const Expr *Object, bool Writes, bool Reads,
                          const Stmt *Op, SourceLocation Site,
                          PathState &State) {
  std::string Key = flagKey(Object, Ctx);
  if (Key.empty())
    return;
  for (bool Release : {true, false}) {
    if (Release ? !Writes : !(Reads && Tested.count(Op)))
      continue;
    Event E = makeEvent(Release ? EventKind::Publish : EventKind::Observe, Site,
                        State);
    E.Object = Key;
    E.Exchange = !Release && Writes;
    Out.Events.push_back(E);
  }
}

// `__sync_*` builtins (full barriers) and the members of std::atomic and
// std::atomic_flag.
bool Walker::visitAtomicCall(const CallExpr *Call, PathState &State) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier()) {
    if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
        M && M->getParent()->getName().contains("atomic") &&
        isa<CXXOperatorCallExpr, CXXMemberCallExpr>(Call)) {
      // `ready = true`, `++count`, and the conversion `while (!ready)`.
      bool Read = isa<CXXConversionDecl>(M);
      bool Assign = M->getOverloadedOperator() == OO_Equal;
      const Expr *Object =
          isa<CXXMemberCallExpr>(Call)
              ? cast<CXXMemberCallExpr>(Call)->getImplicitObjectArgument()
              : Call->getArg(0);
      atomicAccess(Object, !Read, !Assign, Call, Call->getBeginLoc(), State);
      return true;
    }
    return false;
  }
  llvm::StringRef Name = Callee->getName();
  if (Name.startswith("__sync_")) {
    if (Call->getNumArgs() == 0)
      return true; // __sync_synchronize: a fence with no object
    bool Release = Name.startswith("__sync_lock_release");
    atomicAccess(Call->getArg(0), true, !Release, Call, Call->getBeginLoc(),
                 State);
    return true;
  }
  const auto *M = dyn_cast<CXXMethodDecl>(Callee);
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  if (!M || !Member || !M->getParent()->getName().contains("atomic"))
    return false;
  // A relaxed operation orders nothing but itself.
  if (Call->getNumArgs() > 0) {
    const Expr *Last = Call->getArg(Call->getNumArgs() - 1);
    Expr::EvalResult Order;
    if (Last->getType().getAsString().find("memory_order") !=
            std::string::npos &&
        !Last->isValueDependent() && Last->EvaluateAsInt(Order, Ctx) &&
        Order.Val.getInt() == 0)
      return true;
  }
  bool Load = Name == "load" || Name == "test";
  bool Store = Name == "store" || Name == "clear";
  atomicAccess(Member->getImplicitObjectArgument(), !Load, !Store, Call,
               Call->getBeginLoc(), State);
  return true;
}

// A local worth knowing: tested by a branch, scalar, its address never
// taken (nothing writes it behind the walk's back), no closure that could
// write it, and every write a statement of its own, which the CFG always
// lists (a write nested in a larger expression may not be).
void Walker::findTrackedLocals(const CFG &Graph) {
  if (HasClosures || !CallsLocks)
    return;
  for (const CFGBlock *Block : Graph) {
    TestedValue T = testedValue(conditionOf(Block), Ctx);
    const VarDecl *V = varOf(T.Value);
    if (!V || Tracked.count(V) || AddressTaken.count(V) ||
        V->hasGlobalStorage() || !V->getType()->isScalarType() ||
        V->getType().isVolatileQualified())
      continue;
    if (!WrittenInExpression.count(V))
      Tracked.insert(V);
  }
}

// `V = Value;` (Value null: some other write): what the path knows of V.
void Walker::noteValue(const VarDecl *V, const Expr *Value, PathState &State) {
  State.Known.erase(std::remove_if(State.Known.begin(), State.Known.end(),
                                   [&](const auto &K) { return K.first == V; }),
                    State.Known.end());
  if (!Value || Value->isValueDependent())
    return;
  Expr::EvalResult R;
  if (isZero(Value, Ctx))
    State.Known.push_back({V, false});
  else if (Value->EvaluateAsInt(R, Ctx))
    State.Known.push_back({V, true});
}

// The branch a test of a local with a known value takes: true for the
// first successor, false for the second.
std::optional<bool> Walker::knownCondition(const CFGBlock *Block,
                                           const PathState &State) {
  if (State.Known.empty())
    return std::nullopt;
  TestedValue T = testedValue(conditionOf(Block), Ctx);
  const VarDecl *V = varOf(T.Value);
  for (const auto &[Var, NonZero] : State.Known)
    if (V && Var == V)
      return NonZero != T.TrueIfZero;
  return std::nullopt;
}

// `if (pthread_mutex_trylock(&m) == 0)`, `while (!take_both(a, b))`,
// `if (busy)`: the locks the tested value decides are held only on the
// branch where it says so.
void Walker::refineOutcome(const CFGBlock *Block,
                           std::vector<PathState> &Succ) {
  TestedValue T = testedValue(conditionOf(Block), Ctx);
  if (T.Value && Succ.size() == 2)
    if (const Outcome *O = Succ[0].pending(T.Value)) {
      Outcome Tested = *O;
      Succ[0].decide(Tested, T.TrueIfZero);
      Succ[1].decide(Tested, !T.TrueIfZero);
    }
  // A call's result is tested, if at all, by the block that computes it;
  // only a variable carries it further, or a return to the exit.
  for (PathState &Next : Succ)
    Next.Pending.erase(
        std::remove_if(Next.Pending.begin(), Next.Pending.end(),
                       [&](const Outcome &O) {
                         return !O.Var && O.Call != Next.ReturnedTest.Value;
                       }),
        Next.Pending.end());
}

// `return 0;`, `return 1;`, `return busy == 0;`: what a caller's test of
// the result will see on this path.
void Walker::noteReturn(const ReturnStmt *Ret, PathState &State) {
  State.LastReturn = Ret->getBeginLoc();
  const Expr *Value = Ret->getRetValue();
  if (!Value || Value->isValueDependent())
    return;
  Expr::EvalResult R;
  if (isZero(Value, Ctx))
    State.Returned = ReturnValue::Zero;
  else if (Value->EvaluateAsInt(R, Ctx))
    State.Returned = ReturnValue::NonZero;
  else if (TestedValue T = testedValue(Value, Ctx);
           T.Value && State.pending(T.Value))
    State.ReturnedTest = T;
}

void Walker::exitWith(const PathState &State, SourceLocation Site) {
  const Outcome *O = State.ReturnedTest.Value
                         ? State.pending(State.ReturnedTest.Value)
                         : nullptr;
  if (!O) {
    Out.Exits.push_back(
        {State.Held, here(Site), false, State.Returned, State.LockFailed});
    return;
  }
  // `return busy == 0;`: one exit per result, each with the locks that
  // result leaves held. The returned value is zero where the test is false.
  for (bool TestTrue : {true, false}) {
    PathState Split = State;
    Split.decide(*O, TestTrue == State.ReturnedTest.TrueIfZero);
    Out.Exits.push_back({Split.Held, here(Site), false,
                         TestTrue ? ReturnValue::NonZero : ReturnValue::Zero,
                         State.LockFailed});
  }
}

void Walker::visitBlock(const CFGBlock *Block, PathState State) {
  Current = Block;
  // The start of a counted loop is the last thing before its first test.
  const ForStmt *FirstTestOf = std::exchange(State.FirstTestOf, nullptr);
  bool FirstTestPasses = State.FirstTestPasses;
  State.FirstTestPasses = false;
  for (const CFGElement &El : *Block) {
    if (State.Deadlocked)
      return;
    if (auto St = El.getAs<CFGStmt>())
      visitStmt(St->getStmt(), State);
    else if (auto D = El.getAs<CFGAutomaticObjDtor>())
      releaseGuard(D->getVarDecl(), D->getTriggerStmt()->getEndLoc(), State);
  }
  if (State.Deadlocked)
    return;
  if (Block->hasNoReturnElement()) {
    // exit() ends the process and with it every lock; pthread_exit ends
    // only the thread, which must not leave a lock held.
    for (auto It = Block->rbegin(); It != Block->rend(); ++It)
      if (auto St = It->getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(St->getStmt())) {
          if (endsThread(Call))
            Out.Exits.push_back({State.Held, here(Call->getBeginLoc()), true});
          return;
        }
    return;
  }
  if (Block == &Block->getParent()->getExit()) {
    SourceLocation Site = State.LastReturn.isValid()
                              ? State.LastReturn
                              : F->getBody()->getEndLoc();
    exitWith(State, Site);
    for (const std::string &K : State.ReleasedFromEntry)
      for (const Event &E : Out.Events)
        if (E.Kind == EventKind::Release && !E.WasHeld && !E.ReleasedTwice &&
            E.Object == K &&
            std::none_of(Out.ReleasesFromCaller.begin(),
                         Out.ReleasesFromCaller.end(),
                         [&](const Event &R) { return R.Object == K; })) {
          Out.ReleasesFromCaller.push_back(E);
          break;
        }
    return;
  }
  std::optional<bool> Taken = knownCondition(Block, State);
  if (FirstTestOf && Block->getTerminatorStmt() == FirstTestOf)
    Taken = FirstTestPasses;
  std::vector<PathState> Succ(Block->succ_size(), State);
  refineOutcome(Block, Succ);
  leaveLoop(Block, Succ);
  unsigned I = 0;
  for (const CFGBlock::AdjacentBlock &Next : Block->succs()) {
    bool Feasible = !Taken || Succ.size() != 2 || (I == 0) == *Taken;
    if (const CFGBlock *N = Next.getReachableBlock(); N && Feasible)
      Work.push_back({N, Succ[I]});
    ++I;
  }
}

// A lock held on every exit; for unknown elements of an array, as many as
// every exit holds.
HeldLock fewestOnAnyExit(HeldLock L, const std::vector<ExitState> &Exits) {
  if (L.Inexact)
    for (const ExitState &X : Exits)
      for (const HeldLock &M : X.Held)
        if (M.Key == L.Key)
          L.Instances = std::min(L.Instances, M.Instances);
  return L;
}

// A state at a block that already had one differing only in how many
// unknown elements of an array it holds: the fewer of the two stands for
// both (a loop that takes one more element each turn reaches a fixed
// point). Nothing: no such state. False: nothing new to walk.
std::optional<bool> widenCounts(std::vector<PathState> &Before,
                                PathState &State) {
  if (!hasUnknownElements(State))
    return std::nullopt;
  for (PathState &Old : Before) {
    if (!sameButCounts(Old, State))
      continue;
    bool Lowered = false;
    for (size_t I = 0; I < Old.Held.size(); ++I)
      if (Old.Held[I].Inexact &&
          State.Held[I].Instances < Old.Held[I].Instances) {
        Old.Held[I].Instances = State.Held[I].Instances;
        Lowered = true;
      }
    if (!Lowered)
      return false;
    State = Old;
    return true;
  }
  return std::nullopt;
}

// The locks held on every exit that can return zero (or non-zero) but not
// on every exit: what a caller's test of the result decides. Only when both
// results occur; an exit whose result is unknown counts on both sides.
void correlateWithResult(const std::vector<ExitState> &Returns,
                         FunctionSummary &Out) {
  auto Occurs = [&](ReturnValue R) {
    return std::any_of(Returns.begin(), Returns.end(),
                       [&](const ExitState &X) { return X.Returned == R; });
  };
  if (!Occurs(ReturnValue::Zero) || !Occurs(ReturnValue::NonZero))
    return;
  for (ReturnValue Side : {ReturnValue::Zero, ReturnValue::NonZero}) {
    ReturnValue Other =
        Side == ReturnValue::Zero ? ReturnValue::NonZero : ReturnValue::Zero;
    LockSet &Into = Side == ReturnValue::Zero ? Out.AcquiredWhenZero
                                              : Out.AcquiredWhenNonZero;
    for (const ExitState &X : Returns) {
      if (X.Returned != Side)
        continue;
      for (const HeldLock &L : X.Held)
        if (!L.Inexact && !holds(Out.AcquiredOnEveryExit, L.Key) &&
            !holds(Into, L.Key) &&
            std::all_of(Returns.begin(), Returns.end(),
                        [&](const ExitState &Y) {
                          return Y.Returned == Other || holds(Y.Held, L.Key);
                        }))
          Into.push_back(L);
      break; // a lock held on every such exit is held on the first
    }
  }
}

void Walker::run() {
  CFG::BuildOptions Opts;
  Opts.AddImplicitDtors = true;
  Opts.AddTemporaryDtors = false;
  // Calls, constructions, declarations and returns are always elements;
  // of the sub-expressions only variable references are wanted (globals),
  // which keeps the casts, literals and operators out of the graph.
  Opts.setAlwaysAdd(Stmt::DeclRefExprClass);
  Opts.setAlwaysAdd(Stmt::AtomicExprClass);
  std::unique_ptr<CFG> Graph = CFG::buildCFG(F, F->getBody(), &Ctx, Opts);
  if (!Graph)
    return;
  // A few distinct lock states per block are enough for the patterns we
  // check; the cap bounds the walk on loops that keep taking locks.
  const size_t MaxStatesPerBlock = 8;
  findTrackedLocals(*Graph);
  if (!ElementLockCalls.empty())
    findLoopFamilies();
  Work.push_back({&Graph->getEntry(), PathState()});
  while (!Work.empty()) {
    auto [Block, State] = std::move(Work.front());
    Work.pop_front();
    enterLoop(Block, State);
    std::vector<PathState> &Before = Seen[Block];
    if (std::optional<bool> New = widenCounts(Before, State)) {
      if (*New)
        visitBlock(Block, std::move(State));
      continue;
    }
    if (std::find(Before.begin(), Before.end(), State) != Before.end() ||
        Before.size() >= MaxStatesPerBlock)
      continue;
    Before.push_back(State);
    visitBlock(Block, std::move(State));
  }
  // The lock effect on callers: what every exit leaves held.
  std::vector<ExitState> Returns;
  for (const ExitState &X : Out.Exits)
    if (!X.EndsThread)
      Returns.push_back(X);
  if (!Returns.empty())
    for (const HeldLock &L : Returns.front().Held)
      if (std::all_of(Returns.begin(), Returns.end(),
                      [&](const ExitState &X) { return holds(X.Held, L.Key); }))
        Out.AcquiredOnEveryExit.push_back(fewestOnAnyExit(L, Returns));
  correlateWithResult(Returns, Out);
  // `if (pthread_mutex_lock(&m)) fail(...);` with a fail() that exits but
  // is not declared noreturn: a lock held on every exit where the locking
  // worked, and not told apart by the result, is the caller's.
  std::vector<const ExitState *> Worked;
  for (const ExitState &X : Returns)
    if (!X.AfterFailedLock)
      Worked.push_back(&X);
  if (Worked.size() == Returns.size() || Worked.empty())
    return;
  for (const HeldLock &L : Worked.front()->Held)
    if (!L.Inexact && !holds(Out.AcquiredOnEveryExit, L.Key) &&
        !holds(Out.AcquiredWhenZero, L.Key) &&
        !holds(Out.AcquiredWhenNonZero, L.Key) &&
        std::all_of(Worked.begin(), Worked.end(),
                    [&](const ExitState *X) { return holds(X->Held, L.Key); }))
      Out.AcquiredOnEveryExit.push_back(L);
}

// Whether the body can contain any event at all: a call, a construction or
// a global. Pure computations (most of a large file) skip the CFG entirely.
bool mayHaveEvents(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CallExpr, CXXConstructExpr, AtomicExpr>(S))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
      if (V->hasGlobalStorage())
        return true;
  for (const Stmt *Child : S->children())
    if (mayHaveEvents(Child))
      return true;
  return false;
}

} // namespace

const ParameterFlow &Summaries::flowOf(const FunctionDecl *F) {
  std::unique_ptr<ParameterFlow> &Flow = Flows[F];
  if (!Flow)
    Flow = std::make_unique<ParameterFlow>(F);
  return *Flow;
}

const FunctionSummary &Summaries::get(const FunctionDecl *F) {
  static const FunctionSummary Empty;
  auto It = Done.find(F);
  if (It != Done.end())
    return It->second ? *It->second : Empty;
  // Most of a large file is pure computation: no summary of its own. The
  // bindings' walk has usually found out already.
  std::optional<bool> Known = Units.unitOf(F).B.mayHaveEvents(F);
  if (!(Known ? *Known : mayHaveEvents(F->getBody()))) {
    Done[F] = nullptr;
    return Empty;
  }
  if (InProgress.lookup(F))
    return Empty;
  InProgress[F] = true;
  auto Sum = std::make_unique<FunctionSummary>();
  Sum->Function = F;
  Walker(*this, Units.unitOf(F).B, F, *Sum).run();
  InProgress.erase(F);
  return *(Done[F] = std::move(Sum));
}

} // namespace tangle::analyzer
