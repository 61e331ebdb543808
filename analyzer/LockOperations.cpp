// Which calls take and release locks.
#include "analyzer/LockOperations.h"

#include "analyzer/ObjectNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace tangle::analyzer {

static LockName nameOf(const Expr *E, const ASTContext &Ctx,
                       const char *Prefix = "") {
  std::string Key = objectKey(E, Ctx);
  if (Key.empty())
    return {};
  std::string Display = Key;
  size_t Colon = Display.rfind("::");
  if (Colon != std::string::npos && Display.find('[') == std::string::npos)
    Display = Display.substr(Colon + 2);
  return {Prefix + Key, Display, E};
}

static std::optional<int64_t> intValue(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  if (E && !E->isValueDependent() && E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().getExtValue();
  return std::nullopt;
}

static LockName fileLockName(const Expr *Fd, const ASTContext &Ctx,
                             const Bindings &B) {
  // A file lock belongs to the file, not to the descriptor: two processes
  // that open the same path and flock it exclude each other.
  FileName F = B.fileOfHandle(Fd);
  if (!F.empty())
    return {"filelock:" + F.Key, "file lock on " + F.Display};
  LockName N = nameOf(Fd, Ctx, "filelock:");
  N.Display = "file lock on '" + N.Display + "'";
  return N;
}

static std::optional<LockOperation> single(LockAction A, LockKind K, LockName N,
                                           bool Shared = false) {
  if (N.Key.empty())
    return std::nullopt;
  LockOperation Op{A, K, Shared, {std::move(N)}};
  return Op;
}

static LockKind kindOfMutexType(const std::string &Record) {
  if (Record == "std::recursive_mutex" ||
      Record == "std::recursive_timed_mutex")
    return LockKind::RecursiveMutex;
  if (Record == "std::shared_mutex" || Record == "std::shared_timed_mutex")
    return LockKind::RWLock;
  return LockKind::Mutex;
}

static bool isMutexType(const std::string &Record) {
  return Record == "std::mutex" || Record == "std::timed_mutex" ||
         Record == "std::recursive_mutex" ||
         Record == "std::recursive_timed_mutex" ||
         Record == "std::shared_mutex" || Record == "std::shared_timed_mutex";
}

static std::optional<LockOperation>
classifyMemberCall(const CXXMemberCallExpr *Call, const ASTContext &Ctx) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  if (!M || !M->getIdentifier())
    return std::nullopt;
  std::string Record = recordName(Call->getImplicitObjectArgument()->getType());
  if (!isMutexType(Record))
    return std::nullopt;
  LockKind K = kindOfMutexType(Record);
  LockName N = nameOf(Call->getImplicitObjectArgument(), Ctx);
  StringRef Name = M->getName();
  if (Name == "lock")
    return single(LockAction::Acquire, K, N);
  if (Name == "lock_shared")
    return single(LockAction::Acquire, K, N, true);
  if (Name == "try_lock" || Name == "try_lock_for" || Name == "try_lock_until")
    return single(LockAction::TryAcquire, K, N);
  if (Name == "try_lock_shared")
    return single(LockAction::TryAcquire, K, N, true);
  if (Name == "unlock" || Name == "unlock_shared")
    return single(LockAction::Release, K, N);
  return std::nullopt;
}

std::optional<LockOperation> classifyLockCall(const CallExpr *Call,
                                              const ASTContext &Ctx,
                                              const Bindings &B) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return classifyMemberCall(Member, Ctx);
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F || !F->getIdentifier() || Call->getNumArgs() == 0)
    return std::nullopt;
  StringRef Name = F->getName();
  const Expr *Arg0 = Call->getArg(0);
  using A = LockAction;
  using K = LockKind;
  if (Name.startswith("pthread_mutex_")) {
    LockName N = nameOf(Arg0, Ctx);
    LockKind Kind = B.isRecursiveMutex(N.Key) ? K::RecursiveMutex : K::Mutex;
    if (Name == "pthread_mutex_lock" || Name == "pthread_mutex_timedlock")
      return single(A::Acquire, Kind, N);
    if (Name == "pthread_mutex_trylock")
      return single(A::TryAcquire, Kind, N);
    if (Name == "pthread_mutex_unlock")
      return single(A::Release, Kind, N);
    return std::nullopt;
  }
  // C11 <threads.h>: mtx_trylock returns thrd_success (0) when it got the
  // lock, as pthread_mutex_trylock does, and a failed mtx_lock a non-zero
  // thrd_error.
  if (Name.startswith("mtx_")) {
    LockName N = nameOf(Arg0, Ctx);
    LockKind Kind = B.isRecursiveMutex(N.Key) ? K::RecursiveMutex : K::Mutex;
    if (Name == "mtx_lock" || Name == "mtx_timedlock")
      return single(A::Acquire, Kind, N);
    if (Name == "mtx_trylock")
      return single(A::TryAcquire, Kind, N);
    if (Name == "mtx_unlock")
      return single(A::Release, Kind, N);
    return std::nullopt;
  }
  if (Name.startswith("pthread_rwlock_")) {
    LockName N = nameOf(Arg0, Ctx);
    if (Name == "pthread_rwlock_rdlock" || Name == "pthread_rwlock_timedrdlock")
      return single(A::Acquire, K::RWLock, N, true);
    if (Name == "pthread_rwlock_wrlock" || Name == "pthread_rwlock_timedwrlock")
      return single(A::Acquire, K::RWLock, N);
    if (Name == "pthread_rwlock_tryrdlock")
      return single(A::TryAcquire, K::RWLock, N, true);
    if (Name == "pthread_rwlock_trywrlock")
      return single(A::TryAcquire, K::RWLock, N);
    if (Name == "pthread_rwlock_unlock")
      return single(A::Release, K::RWLock, N);
    return std::nullopt;
  }
  if (Name.startswith("pthread_spin_")) {
    LockName N = nameOf(Arg0, Ctx);
    if (Name == "pthread_spin_lock")
      return single(A::Acquire, K::SpinLock, N);
    if (Name == "pthread_spin_trylock")
      return single(A::TryAcquire, K::SpinLock, N);
    if (Name == "pthread_spin_unlock")
      return single(A::Release, K::SpinLock, N);
    return std::nullopt;
  }
  if (Name == "sem_wait" || Name == "sem_timedwait" || Name == "sem_trywait" ||
      Name == "sem_post") {
    LockName N = nameOf(Arg0, Ctx, "sem:");
    N.Display = "semaphore '" + N.Display + "'";
    A Action = Name == "sem_post"      ? A::Release
               : Name == "sem_trywait" ? A::TryAcquire
                                       : A::Acquire;
    return single(Action, K::Semaphore, N);
  }
  if (Name == "flock" && Call->getNumArgs() == 2) {
    std::optional<int64_t> Op = intValue(Call->getArg(1), Ctx);
    if (!Op)
      return std::nullopt;
    LockName N = fileLockName(Arg0, Ctx, B);
    const int64_t LockSh = 1, LockEx = 2, LockNb = 4, LockUn = 8;
    if (*Op & LockUn)
      return single(A::Release, K::FileLock, N);
    bool Try = *Op & LockNb;
    return single(Try ? A::TryAcquire : A::Acquire, K::FileLock, N,
                  (*Op & LockSh) && !(*Op & LockEx));
  }
  if (Name == "lockf" && Call->getNumArgs() == 3) {
    std::optional<int64_t> Cmd = intValue(Call->getArg(1), Ctx);
    if (!Cmd)
      return std::nullopt;
    LockName N = fileLockName(Arg0, Ctx, B);
    const int64_t FUlock = 0, FLock = 1, FTlock = 2;
    if (*Cmd == FUlock)
      return single(A::Release, K::FileLock, N);
    if (*Cmd == FLock)
      return single(A::Acquire, K::FileLock, N);
    if (*Cmd == FTlock)
      return single(A::TryAcquire, K::FileLock, N);
    return std::nullopt;
  }
  if (Name == "fcntl" && Call->getNumArgs() == 3) {
    std::optional<int64_t> Cmd = intValue(Call->getArg(1), Ctx);
    // glibc's F_SETLK, F_SETLKW and the open-file-description F_OFD_SETLK(W).
    const int64_t SetLk = 6, SetLkW = 7, OfdSetLk = 37, OfdSetLkW = 38;
    if (!Cmd || (*Cmd != SetLk && *Cmd != SetLkW && *Cmd != OfdSetLk &&
                 *Cmd != OfdSetLkW))
      return std::nullopt;
    std::optional<int64_t> Type =
        B.lockTypeBefore(Call->getArg(2), Call->getBeginLoc());
    if (!Type)
      return std::nullopt;
    LockName N = fileLockName(Arg0, Ctx, B);
    const int64_t ReadLock = 0, WriteLock = 1, Unlock = 2;
    if (*Type == Unlock)
      return single(A::Release, K::FileLock, N);
    if (*Type != ReadLock && *Type != WriteLock)
      return std::nullopt;
    bool Wait = *Cmd == SetLkW || *Cmd == OfdSetLkW;
    return single(Wait ? A::Acquire : A::TryAcquire, K::FileLock, N,
                  *Type == ReadLock);
  }
  if (Name == "std::lock" || (Name == "lock" && F->isInStdNamespace())) {
    LockOperation Op{A::Acquire, K::Mutex, false, {}};
    for (const Expr *Arg : Call->arguments())
      Op.Locks.push_back(nameOf(Arg, Ctx));
    return Op;
  }
  return std::nullopt;
}

bool isGuardType(QualType T) {
  std::string R = recordName(T);
  return R == "std::lock_guard" || R == "std::unique_lock" ||
         R == "std::scoped_lock" || R == "std::shared_lock";
}

std::optional<GuardConstruction> classifyGuard(const CXXConstructExpr *C,
                                               const ASTContext &Ctx) {
  std::string R = recordName(C->getType());
  GuardConstruction G;
  if (R == "std::lock_guard")
    G.Kind = GuardKind::LockGuard;
  else if (R == "std::unique_lock")
    G.Kind = GuardKind::UniqueLock;
  else if (R == "std::scoped_lock")
    G.Kind = GuardKind::ScopedLock;
  else if (R == "std::shared_lock")
    G.Kind = GuardKind::SharedLock;
  else
    return std::nullopt;
  for (const Expr *Arg : C->arguments()) {
    std::string ArgType = recordName(Arg->getType());
    if (ArgType == "std::defer_lock_t" || ArgType == "std::try_to_lock_t") {
      G.Deferred = true;
      continue;
    }
    if (ArgType == "std::adopt_lock_t") {
      G.Adopted = true;
      continue;
    }
    if (isMutexType(ArgType)) {
      G.LockKindOfMutex = kindOfMutexType(ArgType);
      G.Locks.push_back(nameOf(Arg, Ctx));
    }
  }
  if (G.Locks.empty())
    return std::nullopt; // a default-constructed or moved guard owns nothing
  return G;
}

std::optional<GuardCall> classifyGuardCall(const CallExpr *Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  if (!Member || !Member->getMethodDecl() ||
      !Member->getMethodDecl()->getIdentifier())
    return std::nullopt;
  const Expr *Obj = Member->getImplicitObjectArgument();
  if (!isGuardType(Obj->getType()))
    return std::nullopt;
  const VarDecl *Guard = rootVariable(Obj);
  if (!Guard)
    return std::nullopt;
  StringRef Name = Member->getMethodDecl()->getName();
  if (Name == "lock")
    return GuardCall{Guard, LockAction::Acquire};
  if (Name == "try_lock")
    return GuardCall{Guard, LockAction::TryAcquire};
  if (Name == "unlock")
    return GuardCall{Guard, LockAction::Release};
  return std::nullopt;
}

} // namespace tangle::analyzer
