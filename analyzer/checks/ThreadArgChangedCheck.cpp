// tangle-thread-arg-changed: a thread is given the address of a variable
// (`pthread_create(&t, NULL, worker, &i)`) that its creator changes before
// joining it, while the thread reads it through its parameter. The classic
// `for (i = 0; i < N; i++) pthread_create(..., &i)`: the next iteration's
// i++ races with the thread's `*(int *)arg`.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include "analyzer/LockOperations.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include <algorithm>
#include <deque>
#include <optional>
#include <set>

using namespace clang;

namespace tangle::analyzer {
namespace {

// The variable `&V` takes the address of: the whole variable, not an
// element (`&ids[i]`, a slot per thread) or a member.
const VarDecl *addressedVariable(const Expr *Arg) {
  const auto *U = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
  if (!U || U->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *D = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens());
  const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  if (!V || V->getType().isConstQualified() || V->getType()->isAtomicType() ||
      V->getTLSKind() != VarDecl::TLS_None)
    return nullptr;
  return V;
}

// Where an assigned lvalue is stored: in `V` itself or its members and
// elements (`V`, `V.x`, `V.a[2]`), not through a pointer V holds. Also the
// member of V it is in (`x` for `V.x.y`), null for the whole of V.
struct Store {
  const VarDecl *Var = nullptr;
  const FieldDecl *Member = nullptr;
};
Store storedIn(const Expr *E) {
  Store S;
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      if (Cast->getCastKind() == CK_LValueToRValue)
        return {};
      E = Cast->getSubExpr();
    } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      E = A->getBase();
    } else if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (M->isArrow())
        return {};
      S.Member = dyn_cast<FieldDecl>(M->getMemberDecl());
      E = M->getBase();
    } else {
      const auto *D = dyn_cast<DeclRefExpr>(E);
      S.Var = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
      return S;
    }
  }
}

// What a CFG element stores into, if it changes a variable: an assignment,
// an increment or decrement (also C++ operators), or a declaration with an
// initialiser, met again when a loop re-enters its scope.
std::optional<Store> storeOf(const Stmt *S) {
  if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isAssignmentOp())
    return B->getLHS()->getType()->isAtomicType()
               ? std::nullopt // an _Atomic member: shared on purpose
               : std::optional<Store>(storedIn(B->getLHS()));
  if (const auto *U = dyn_cast<UnaryOperator>(S);
      U && U->isIncrementDecrementOp())
    return storedIn(U->getSubExpr());
  if (const auto *O = dyn_cast<CXXOperatorCallExpr>(S);
      O && O->getNumArgs() > 0 &&
      (O->isAssignmentOp() || O->getOperator() == OO_PlusPlus ||
       O->getOperator() == OO_MinusMinus))
    return storedIn(O->getArg(0));
  if (const auto *D = dyn_cast<DeclStmt>(S))
    for (const Decl *Dc : D->decls())
      if (const auto *V = dyn_cast<VarDecl>(Dc); V && V->hasInit())
        return Store{V, nullptr};
  return std::nullopt;
}

bool isWaitName(StringRef Name) {
  return Name == "pthread_join" || Name == "thrd_join" ||
         Name == "pthread_timedjoin_np" || Name == "sem_wait" ||
         Name == "sem_timedwait" || Name == "sem_clockwait" ||
         Name == "pthread_barrier_wait" || Name == "pthread_cond_wait" ||
         Name == "pthread_cond_timedwait" || Name == "cnd_wait" ||
         Name == "cnd_timedwait" || Name == "wait" || Name == "waitpid";
}

// pthread_mutex_lock, pthread_rwlock_wrlock, pthread_spin_lock, mtx_lock,
// their try and timed forms, a mutex's lock() and lock_shared().
bool isLockName(StringRef Name) {
  return !Name.contains("unlock") &&
         (Name == "lock" || Name.endswith("_lock") ||
          Name.endswith("trylock") || Name.endswith("timedlock") ||
          Name.endswith("rdlock") || Name.endswith("wrlock") ||
          Name.endswith("lock_shared"));
}

// An element at which the creator waits for its threads: a join, a
// semaphore, barrier or condition wait, an atomic or volatile read (a spin
// on a flag), or a call of a function of the run that makes one of those (CS:APP's
// `P` and `Pthread_join`, a course's `wait_for_workers()`), or of one whose
// body is not in the run; or takes a
// lock, which the thread may take around its read (a struct shared on
// purpose, with its mutex inside). Which object it waits on or locks is not
// matched against what the thread posts or holds: such a call after the
// create is taken as the order, so one that does not order the two hides
// a finding rather than making one. Without `Locks`, locks do not count:
// what the thread waits for before its read.
class Waits {
public:
  Waits(const LinkedUnits &Units, bool Locks) : Units(Units), Locks(Locks) {}

  bool at(const Stmt *S, unsigned Depth = 0) {
    if (const auto *A = dyn_cast<AtomicExpr>(S))
      return A->getOp() != AtomicExpr::AO__c11_atomic_store &&
             A->getOp() != AtomicExpr::AO__atomic_store &&
             A->getOp() != AtomicExpr::AO__atomic_store_n &&
             A->getOp() != AtomicExpr::AO__c11_atomic_init;
    // A read of an atomic, or of a volatile flag (`while (!started);`: a
    // race of its own, but one that orders in practice).
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S))
      return Cast->getCastKind() == CK_LValueToRValue &&
             (Cast->getSubExpr()->getType()->isAtomicType() ||
              Cast->getSubExpr()->getType().isVolatileQualified());
    if (const auto *M = dyn_cast<CXXMemberCallExpr>(S)) {
      // join(), future::get/wait, condition_variable::wait*, barrier and
      // latch waits, semaphore acquire, std::atomic's load.
      const CXXMethodDecl *Method = M->getMethodDecl();
      if (Method && Method->getIdentifier()) {
        StringRef Name = Method->getName();
        if (Name == "join" || Name == "get" || Name.startswith("wait") ||
            Name == "arrive_and_wait" || Name == "acquire" || Name == "load" ||
            (Locks && isLockName(Name)))
          return true;
      }
      if (isa_and_nonnull<CXXConversionDecl>(Method))
        return true; // std::atomic<T> read as a T
    }
    if (const auto *Make = dyn_cast<CXXConstructExpr>(S))
      return Locks && classifyGuard(Make, Make->getConstructor()->getASTContext())
          .has_value(); // lock_guard, unique_lock, scoped_lock
    const auto *Call = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee)
      return false;
    if (Callee->getIdentifier() &&
        (isWaitName(Callee->getName()) ||
         (Locks && isLockName(Callee->getName()))))
      return true;
    const FunctionDecl *Def = Units.definitionOf(Callee);
    // A function of the program whose body is not in the run (another
    // library, a file not given) may wait: an unread call is no proof
    // that nothing orders the two. The C library's do not, but those above.
    if (!Def)
      return !Callee->getASTContext().getSourceManager().isInSystemHeader(
          Callee->getLocation());
    if (Depth >= 2 || !isAnalysable(Def))
      return false;
    // Per depth: a function seen at the last depth has its calls unread.
    auto [It, New] = Known.try_emplace({Def, Depth}, false);
    if (New)
      It->second = bodyWaits(Def->getBody(), Depth + 1);
    return It->second;
  }

private:
  bool bodyWaits(const Stmt *S, unsigned Depth) {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (at(S, Depth))
      return true;
    for (const Stmt *Child : S->children())
      if (bodyWaits(Child, Depth))
        return true;
    return false;
  }
  const LinkedUnits &Units;
  bool Locks;
  std::map<std::pair<const FunctionDecl *, unsigned>, bool> Known;
};

// A read through the thread's parameter: `*(int *)arg`, `args->x`,
// `((int *)arg)[0]`, in the entry or a function it passes the pointer to.
struct Read {
  FullSourceLoc At;
  const FieldDecl *Member = nullptr; // null: the whole pointee
  bool Polled = false;               // inside a loop
  bool AfterWait = false;
};

// A read after the thread has waited for something (`sem_wait(&go);
// use(args->x)`) is left out: the creator may change the value before it
// posts, and the wait orders the two.
class ParameterReads {
public:
  explicit ParameterReads(Summaries &S) : S(S), Wait(S.units(), false) {}

  // Every read through parameter `Param` of `F` before a wait, in source
  // order.
  std::vector<Read> of(const FunctionDecl *F, unsigned Param,
                       unsigned Depth = 0, bool Polled = false) {
    std::vector<Read> Out;
    if (Depth > 3 || !isAnalysable(F) || Param >= F->getNumParams() ||
        !Visiting.insert({F, Param}).second)
      return Out;
    Walk W{*this, S.flowOf(F), ParamMask(1) << Param, Depth,
           F->getASTContext().getSourceManager(), Out};
    W.visit(F->getBody(), false, Polled);
    Out.erase(std::remove_if(Out.begin(), Out.end(),
                             [](const Read &R) { return R.AfterWait; }),
              Out.end());
    Visiting.erase({F, Param});
    return Out;
  }

private:
  struct Walk {
    ParameterReads &Self;
    const ParameterFlow &Flow;
    ParamMask Bit;
    unsigned Depth;
    const SourceManager &SM;
    std::vector<Read> &Out;
    bool Waited = false; // a wait came before, in source order

    void found(const Expr *E, const FieldDecl *Member, bool Polled) {
      Out.push_back(
          {FullSourceLoc(E->getBeginLoc(), SM), Member, Polled, Waited});
    }

    bool fromParam(const Expr *Pointer) const {
      return Pointer->getType()->isPointerType() && (Flow.of(Pointer) & Bit);
    }
    // `Stored`: the expression is the target of a plain assignment, a
    // write through the pointer rather than a read.
    void visit(const Stmt *St, bool Stored, bool Polled) {
      if (!St || isa<LambdaExpr>(St))
        return;
      Polled |= isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(St);
      if (const auto *U = dyn_cast<UnaryOperator>(St);
          U && U->getOpcode() == UO_Deref && !Stored &&
          fromParam(U->getSubExpr()))
        found(U, nullptr, Polled);
      if (const auto *M = dyn_cast<MemberExpr>(St);
          M && M->isArrow() && !Stored && fromParam(M->getBase()))
        found(M, dyn_cast<FieldDecl>(M->getMemberDecl()), Polled);
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(St);
          A && !Stored && fromParam(A->getBase()))
        found(A, nullptr, Polled);
      if (const auto *B = dyn_cast<BinaryOperator>(St);
          B && B->getOpcode() == BO_Assign) {
        visit(B->getLHS(), true, Polled);
        visit(B->getRHS(), false, Polled);
        return;
      }
      if (const auto *Call = dyn_cast<CallExpr>(St))
        if (const FunctionDecl *Callee = Call->getDirectCallee()) {
          const FunctionDecl *Def = Self.S.units().definitionOf(Callee);
          for (unsigned I = 0; Def && I < Call->getNumArgs(); ++I)
            if (fromParam(Call->getArg(I)))
              for (Read R : Self.of(Def, I, Depth + 1, Polled)) {
                R.AfterWait = Waited;
                Out.push_back(R);
              }
        }
      // A member's base or an element's array is not stored into whole.
      bool Inner = Stored && isa<MemberExpr, ArraySubscriptExpr>(St);
      for (const Stmt *Child : St->children())
        visit(Child, Inner || (Stored && isa<ParenExpr, ImplicitCastExpr>(St)),
              Polled);
      Waited |= Self.Wait.at(St);
    }
  };
  Summaries &S;
  Waits Wait;
  std::set<std::pair<const FunctionDecl *, unsigned>> Visiting;
};

// Whether the thread's read sees a store to `Member` of the variable (null:
// the whole of it). A member the thread never reads is not its argument's
// value; a member it polls in a loop (`while (!args->stop)`) is a flag the
// two share on purpose, whose fix is an atomic, not a copy: this check
// leaves it alone.
bool readsStore(const Read &R, const FieldDecl *Member) {
  if (!Member)
    return true;
  return (!R.Member || R.Member == Member) && !R.Polled;
}

// The first statement after the spawn that changes V, on a path on which
// the creator does not wait for its threads first; loops are followed
// around, so a loop's increment is the next iteration's write.
const Stmt *changedAfter(const CFG &G, const Stmt *Spawn, const VarDecl *V,
                         const std::vector<Read> &Reads, Waits &Wait) {
  auto Changes = [&](const Stmt *S) {
    std::optional<Store> St = storeOf(S);
    return St && St->Var == V &&
           std::any_of(Reads.begin(), Reads.end(), [&](const Read &R) {
             return readsStore(R, St->Member);
           });
  };
  // Scans a block from element `From`; true when the path goes on.
  const Stmt *Found = nullptr;
  auto Scan = [&](const CFGBlock &B, size_t From) {
    for (size_t I = From; I < B.size(); ++I) {
      auto E = B[I].getAs<CFGStmt>();
      if (!E)
        continue;
      if (Changes(E->getStmt())) {
        Found = E->getStmt();
        return false;
      }
      if (Wait.at(E->getStmt()))
        return false;
    }
    return true;
  };
  std::deque<const CFGBlock *> Work;
  std::set<const CFGBlock *> Seen;
  auto Next = [&](const CFGBlock &B) {
    for (const CFGBlock::AdjacentBlock &Succ : B.succs())
      if (Succ && Seen.insert(Succ).second)
        Work.push_back(Succ);
  };
  for (const CFGBlock *B : G)
    for (size_t I = 0; I < B->size(); ++I)
      if (auto E = (*B)[I].getAs<CFGStmt>();
          E && E->getStmt() == Spawn) {
        if (Scan(*B, I + 1))
          Next(*B);
        while (!Work.empty() && !Found) {
          const CFGBlock *W = Work.front();
          Work.pop_front();
          if (Scan(*W, 0))
            Next(*W);
        }
        return Found;
      }
  return nullptr;
}

// The element that makes the spawn: the call or construction one of whose
// arguments is `Arg`.
const Stmt *spawnStatement(const CFG &G, const Expr *Arg) {
  for (const CFGBlock *B : G)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>()) {
        auto Has = [&](auto Args) {
          return std::any_of(Args.begin(), Args.end(),
                             [&](const Expr *A) { return A == Arg; });
        };
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt());
            Call && Has(Call->arguments()))
          return Call;
        if (const auto *Make = dyn_cast<CXXConstructExpr>(S->getStmt());
            Make && Has(Make->arguments()))
          return Make;
      }
  return nullptr;
}

class ThreadArgChangedCheck : public Check {
public:
  const char *id() const override { return ids::ThreadArgChanged; }
  const char *summary() const override {
    return "A thread is given the address of a variable its creator changes "
           "before joining it, while the thread reads it.";
  }

  void run(const Program &P, Reporter &R) override {
    Waits Wait(P.summaries().units(), true);
    ParameterReads Reads(P.summaries());
    std::map<const FunctionDecl *, std::unique_ptr<CFG>> Graphs;
    std::set<const Expr *> Done;
    for (const Context &C : P.contexts()) {
      if (C.Kind != ContextKind::Thread || !C.Spawner || !C.Root)
        continue;
      // std::thread(&Worker::run, &w, &i): the first argument is the
      // object, the parameters take the rest.
      const auto *Method = dyn_cast<CXXMethodDecl>(C.Root);
      unsigned Object = Method && Method->isInstance() &&
                                !Method->getParent()->isLambda()
                            ? 1
                            : 0;
      for (unsigned I = Object; I < C.SpawnArgs.size(); ++I) {
        const Expr *Arg = C.SpawnArgs[I];
        const VarDecl *V = Arg ? addressedVariable(Arg) : nullptr;
        if (!V || !Done.insert(Arg).second)
          continue;
        std::vector<Read> Through = Reads.of(C.Root, I - Object);
        if (Through.empty())
          continue;
        std::unique_ptr<CFG> &G = Graphs[C.Spawner];
        if (!G) {
          CFG::BuildOptions Opts;
          Opts.setAllAlwaysAdd();
          G = CFG::buildCFG(C.Spawner, C.Spawner->getBody(),
                            &C.Spawner->getASTContext(), Opts);
          if (!G)
            continue;
        }
        const Stmt *Spawn = spawnStatement(*G, Arg);
        const Stmt *Change =
            Spawn ? changedAfter(*G, Spawn, V, Through, Wait) : nullptr;
        if (!Change)
          continue;
        const FieldDecl *Member = storeOf(Change)->Member;
        report(R, P, C, I, I - Object, V, Change,
               *std::find_if(Through.begin(), Through.end(),
                             [&](const Read &Rd) {
                               return readsStore(Rd, Member);
                             }));
      }
    }
  }

private:
  static Sentence creatorName(const Program &P, const Context &Thread) {
    for (const Context &O : P.contexts())
      if (O.Root == Thread.Spawner && O.Kind != ContextKind::ChildProcess)
        return O.Name;
    return msg("function '{0}'", Thread.Spawner->getNameAsString());
  }

  void report(Reporter &R, const Program &P, const Context &C, unsigned I,
              unsigned Param, const VarDecl *V, const Stmt *Change,
              const Read &First) {
    const SourceManager &SM = C.Spawner->getASTContext().getSourceManager();
    std::string Name = V->getNameAsString();
    Sentence Creator = creatorName(P, C);
    // A `void *` parameter (pthread_create) carries an integer cast to a
    // pointer; std::thread's entry can take the value as it is.
    bool VoidPointer =
        Param < C.Root->getNumParams() &&
        C.Root->getParamDecl(Param)->getType()->isVoidPointerType();
    Sentence Fix =
        !V->getType()->isIntegerType()
            ? msg("give each thread its own copy (an element of an array "
                  "with one per thread, or a malloc'd copy the thread frees)")
        : VoidPointer
            ? msg("pass the value instead, '(void *)(intptr_t){0}', or give "
                  "each thread its own copy (an element of an array with one "
                  "per thread, or a malloc'd copy the thread frees)",
                  Name)
            : msg("pass the value instead, '{0}' rather than '&{0}', with a "
                  "parameter that takes it by value",
                  Name);
    const Expr *AddressOf = C.SpawnArgs[I]->IgnoreParenCasts();
    Finding *F = R.report(
        ids::ThreadArgChanged, FullSourceLoc(AddressOf->getBeginLoc(), SM),
        msg("{0} is given the address of '{1}', which {2} changes before "
            "joining it while the thread reads it through its parameter: a "
            "data race, and the thread can see the changed value; {3}",
            C.Name, Name, Creator, Fix));
    // A change before the create in the source is reached around a loop:
    // the next iteration's.
    FullSourceLoc ChangeLoc(Change->getBeginLoc(), SM);
    R.note(F, ChangeLoc,
           SM.isBeforeInTranslationUnit(Change->getBeginLoc(),
                                        AddressOf->getBeginLoc())
               ? msg("'{0}' is changed here in {1} by the next iteration of "
                     "the loop",
                     Name, Creator)
               : msg("'{0}' is changed here in {1}", Name, Creator));
    R.note(F, First.At,
           msg("read here in {0}, through the pointer it was given", C.Name));
  }
};

} // namespace

std::unique_ptr<Check> makeThreadArgChangedCheck() {
  return std::make_unique<ThreadArgChangedCheck>();
}

} // namespace tangle::analyzer
