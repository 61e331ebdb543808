// Which calls take and release locks: pthread mutex/rwlock/spin, std::mutex
// and its guards, flock/lockf/fcntl, semaphores used as locks. The walker
// (FunctionSummary.cpp) decides what the held set becomes; this file only
// recognises the operations.
#ifndef TANGLE_ANALYZER_LOCKOPERATIONS_H
#define TANGLE_ANALYZER_LOCKOPERATIONS_H

#include "analyzer/Bindings.h"
#include "clang/AST/ExprCXX.h"
#include <optional>
#include <string>
#include <vector>

namespace tangle::analyzer {

enum class LockKind {
  Mutex,
  RecursiveMutex,
  RWLock,
  SpinLock,
  Semaphore,
  FileLock
};
enum class LockAction { Acquire, TryAcquire, Release };

struct LockName {
  std::string Key;
  std::string Display;
  const clang::Expr *Object = nullptr; // the expression naming the lock
};

struct LockOperation {
  LockAction Action;
  LockKind Kind;
  bool Shared = false;
  // std::lock and std::scoped_lock take several locks at once, deadlock-free.
  std::vector<LockName> Locks;
};

// Free functions (pthread_*, sem_*, flock, lockf, fcntl, std::lock) and
// member calls on std::mutex and friends. Guard objects are separate below.
std::optional<LockOperation> classifyLockCall(const clang::CallExpr *Call,
                                              const clang::ASTContext &Ctx,
                                              const Bindings &B);

enum class GuardKind { LockGuard, UniqueLock, ScopedLock, SharedLock };

struct GuardConstruction {
  GuardKind Kind;
  bool Deferred = false; // defer_lock / try_to_lock: nothing taken yet
  bool Adopted = false;  // adopt_lock: already held by the caller
  std::vector<LockName> Locks;
  LockKind LockKindOfMutex = LockKind::Mutex;
};

std::optional<GuardConstruction>
classifyGuard(const clang::CXXConstructExpr *Construct,
              const clang::ASTContext &Ctx);

// `lk.lock()` / `lk.unlock()` on a unique_lock or shared_lock variable.
struct GuardCall {
  const clang::VarDecl *Guard;
  LockAction Action;
};
std::optional<GuardCall> classifyGuardCall(const clang::CallExpr *Call);

bool isGuardType(clang::QualType T);

} // namespace tangle::analyzer

#endif
