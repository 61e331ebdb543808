// What one function does to locks, files, globals and contexts, computed
// once on Clang's CFG: every event with the locks held just before it, the
// lock states at each exit, and the effect a call has on its caller (locks
// it leaves held, locks it releases that the caller took).
#ifndef TANGLE_ANALYZER_FUNCTIONSUMMARY_H
#define TANGLE_ANALYZER_FUNCTIONSUMMARY_H

#include "analyzer/Bindings.h"
#include "analyzer/LinkedUnits.h"
#include "analyzer/LockOperations.h"
#include "analyzer/ParameterFlow.h"
#include "analyzer/ThreadOperations.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace tangle::analyzer {

struct CallFrame; // Contexts.h

struct HeldLock {
  std::string Key;
  std::string Display;
  LockKind Kind = LockKind::Mutex;
  bool Shared = false;
  bool Try = false;
  clang::FullSourceLoc Site;
  // Equal for locks taken by the same acquisition (one site, or one
  // std::lock/scoped_lock call): "held across" means the same AcquireId.
  // Unique across the translation units of a run.
  uint64_t AcquireId = 0;
  // The lock expression, and (seen from a context) the call it was taken
  // in: a parameter lock is named by the caller's argument there.
  const clang::Expr *Object = nullptr;
  const CallFrame *Frame = nullptr;
  // An element of a lock array (`ring[i]`, `ctx[i].m`): the array with
  // every index written `?` ("ring[?]"); empty for other locks.
  std::string Family;
  // Elements of Family whose index variables changed since they were
  // taken (`i = next`, a new turn of the loop that declares `next`): the
  // path no longer knows which elements they are, only that at least
  // Instances of them are held, perhaps more. Key and Display are the
  // Family; Object is null.
  bool Inexact = false;
  unsigned Instances = 0;
};
using LockSet = std::vector<HeldLock>;

// "ring[?]" for "ring[next]", "ctx[?].m" for "ctx[i].m"; empty for a key
// with no index.
std::string lockFamily(const std::string &Key);
// Whether two held locks may be one lock: the same key, or an element of
// an array and some unknown elements of it.
bool mayBeSameLock(const HeldLock &A, const HeldLock &B);

inline HeldLock lockNamed(std::string Key, std::string Display, LockKind Kind) {
  HeldLock L;
  L.Key = std::move(Key);
  L.Display = std::move(Display);
  L.Kind = Kind;
  return L;
}

bool holds(const LockSet &Held, const std::string &Key);

enum class EventKind {
  Acquire,
  Release,
  FileRead,
  FileWrite,
  GlobalRead,
  GlobalWrite,
  Call,
  Spawn,
  Join,
  // An operation that orders the plain accesses around it: an atomic write
  // (store, read-modify-write) or a sem_post publishes what came before
  // it; an atomic read that a branch tests (a spin, an `if`) or a sem_wait
  // observes what was published.
  Publish,
  Observe
};

// Offsets in the main file of the function's source: an event's place in the
// function, used to order it against spawns and joins.
struct OffsetRange {
  unsigned Begin = 0, End = 0;
  bool contains(unsigned Offset) const {
    return Begin <= Offset && Offset <= End && End != 0;
  }
};

struct Event {
  EventKind Kind;
  std::string Object; // lock key, file key, global name
  std::string Display;
  // Sites carry their unit's source manager: a callee's site may be in
  // another translation unit than its caller's.
  clang::FullSourceLoc Site;
  unsigned Offset = 0;
  LockSet Held; // just before the event
  std::vector<std::string> ReleasedFromEntry;
  // Acquire / Release
  LockKind Lock = LockKind::Mutex;
  bool Try = false;
  bool ViaCall = false;       // the effect of a callee, applied at the call
  bool WasHeld = false;       // Release: the lock was held here
  bool ReleasedTwice = false; // Release: already released on this path
  // Release of an array element in a loop whose turns change its index:
  // it may release any number of elements (`unlock_all()`).
  bool ManyElements = false;
  uint64_t ReleasedId = 0;    // Release of a held lock: its AcquireId
  uint64_t AcquireId = 0;
  clang::FullSourceLoc CalleeSite; // ViaCall: where the callee does it
  const clang::Expr *LockExpr = nullptr;
  // GlobalRead / GlobalWrite of an array element: the parameters its index
  // derives from (`slot[id]` with `id` from the thread's argument).
  bool Indexed = false;
  ParamMask IndexParams = 0;
  // A volatile sig_atomic_t: what a signal handler may share.
  bool SignalSafe = false;
  // GlobalRead / GlobalWrite inside a loop of its function: it happens
  // again after what follows it.
  bool Repeats = false;
  // Observe: a read-modify-write (exchange, compare-exchange,
  // test-and-set) or a sem_wait, not a plain load.
  bool Exchange = false;
  // Call
  const clang::FunctionDecl *Callee = nullptr;
  const clang::CallExpr *CallSite = nullptr;
  // Spawn / Join
  SpawnKind Spawned = SpawnKind::Thread;
  const clang::FunctionDecl *Entry = nullptr;
  std::string Handle;
  OffsetRange ChildRegion; // fork: the child's branch
  OffsetRange Loop;        // the innermost loop around a spawn or join
  // Spawn: per entry parameter (CapturedBit: a lambda's copies) how its
  // value differs between the threads: "*" changes with each iteration of
  // the loop around the spawn, a constant's value, or the spelling of a
  // value every instance shares. Instances: the values of the loop
  // variable the arguments follow, when the loop counts between constants.
  std::vector<std::string> ArgKeys;
  std::vector<int64_t> Instances;
  std::vector<const clang::Expr *> SpawnArgs;
};

// What a path returns, as far as a caller's `if (f())` can tell: the
// constant it returns, or the tested result of a trylock on that path.
enum class ReturnValue { Unknown, Zero, NonZero };

struct ExitState {
  LockSet Held;
  clang::FullSourceLoc Site;
  bool EndsThread = false; // pthread_exit rather than return
  ReturnValue Returned = ReturnValue::Unknown;
  // On this path a checked lock call failed (an error path).
  bool AfterFailedLock = false;
};

struct FunctionSummary {
  const clang::FunctionDecl *Function = nullptr;
  // A deque: contexts point into it, and it grows without copying events.
  std::deque<Event> Events;
  std::vector<ExitState> Exits;
  // The effect on a caller.
  LockSet AcquiredOnEveryExit;
  // Held on every exit that returns zero (non-zero), and not on every exit:
  // `if (!take_both(a, b))` leaves them held on the branch its test says.
  LockSet AcquiredWhenZero, AcquiredWhenNonZero;
  std::vector<Event> ReleasesFromCaller; // Release events with !WasHeld

  // Whether the caller holds L after a return that gave R.
  bool leavesHeld(const std::string &Key, ReturnValue R) const {
    return holds(AcquiredOnEveryExit, Key) ||
           (R == ReturnValue::Zero && holds(AcquiredWhenZero, Key)) ||
           (R == ReturnValue::NonZero && holds(AcquiredWhenNonZero, Key));
  }
};

// Summarises functions on demand, each once, in the translation unit that
// defines it; recursion is cut by treating a function still being
// summarised as having no effect.
class Summaries {
public:
  explicit Summaries(const LinkedUnits &Units) : Units(Units) {}
  const FunctionSummary &get(const clang::FunctionDecl *F);
  bool isSummarised(const clang::FunctionDecl *F) const {
    return Done.count(F);
  }
  const LinkedUnits &units() const { return Units; }
  // Which parameters of F each value derives from: asked for only along
  // the calls a context makes, so most functions never need it.
  const ParameterFlow &flowOf(const clang::FunctionDecl *F);
  // Plain data shared between threads: not a lock, atomic, const or TLS.
  bool isSharedData(const clang::VarDecl *V);
  // The `if` conditions around the acquisition of an array element lock
  // (`fork[i]`), each with the branch it is taken on: a thread instance for
  // which one is false does not take it there.
  using BranchConditions = std::vector<std::pair<const clang::Expr *, bool>>;
  const BranchConditions &conditionsAround(const clang::Expr *Lock) const {
    static const BranchConditions None;
    auto It = Conditions.find(Lock);
    return It == Conditions.end() ? None : It->second;
  }
  void setConditionsAround(const clang::Expr *Lock, BranchConditions C) {
    Conditions[Lock] = std::move(C);
  }

private:
  const LinkedUnits &Units;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionSummary>>
      Done;
  llvm::DenseMap<const clang::FunctionDecl *, bool> InProgress;
  llvm::DenseMap<const clang::VarDecl *, bool> SharedData;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<ParameterFlow>>
      Flows;
  llvm::DenseMap<const clang::Expr *, BranchConditions> Conditions;
};

// Whether a call to F is followed into its body (a definition in user code).
bool isAnalysable(const clang::FunctionDecl *F);

} // namespace tangle::analyzer

#endif
