// Which calls start and end concurrency contexts.
#include "analyzer/ThreadOperations.h"

#include "analyzer/ObjectNames.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace tangle::analyzer {

// The function a thread starts in: a function (pointer), a lambda's call
// operator, or a member function named as `&C::f`.
static const FunctionDecl *entryFunction(const Expr *E) {
  E = stripToObject(E);
  while (const auto *C = dyn_cast_or_null<CXXConstructExpr>(E)) {
    if (C->getNumArgs() != 1)
      break;
    E = stripToObject(C->getArg(0));
  }
  if (const auto *L = dyn_cast_or_null<LambdaExpr>(E))
    return L->getCallOperator();
  if (const auto *D = dyn_cast_or_null<DeclRefExpr>(E)) {
    if (const auto *F = dyn_cast<FunctionDecl>(D->getDecl()))
      return F;
    // A lambda stored in a variable first: `auto f = [] {...}; thread t(f);`
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
      if (V->getInit())
        if (const auto *L =
                dyn_cast_or_null<LambdaExpr>(stripToObject(V->getInit())))
          return L->getCallOperator();
  }
  return nullptr;
}

static const FunctionDecl *withBody(const FunctionDecl *F) {
  if (!F)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  return F->hasBody(Def) ? Def : F;
}

static const LambdaExpr *entryLambda(const Expr *E) {
  E = stripToObject(E);
  while (const auto *C = dyn_cast_or_null<CXXConstructExpr>(E)) {
    if (C->getNumArgs() != 1)
      break;
    E = stripToObject(C->getArg(0));
  }
  if (const auto *D = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
      if (V->getInit())
        E = stripToObject(V->getInit());
  return dyn_cast_or_null<LambdaExpr>(E);
}

// A spawn whose callable is argument `Callee` of `Args`: the rest go to the
// entry's parameters.
template <typename Range>
static SpawnOperation spawnOf(SpawnKind Kind, const Range &Args,
                              unsigned Callee, std::string Handle) {
  SpawnOperation Op{Kind, withBody(entryFunction(Args[Callee])),
                    std::move(Handle)};
  Op.Lambda = entryLambda(Args[Callee]);
  for (unsigned I = Callee + 1; I < Args.size(); ++I)
    Op.Args.push_back(Args[I]);
  return Op;
}

// The variable (or container) that receives a new thread or future.
static std::string receivingHandle(const Stmt *S, const ParentMap &Parents,
                                   const Bindings &B) {
  for (const Stmt *P = Parents.getParent(S); P; P = Parents.getParent(P)) {
    if (const auto *D = dyn_cast<DeclStmt>(P))
      if (D->isSingleDecl())
        return B.handleName(dyn_cast<VarDecl>(D->getSingleDecl()));
    if (const auto *Op = dyn_cast<BinaryOperator>(P))
      return Op->isAssignmentOp() ? B.handleName(Op->getLHS()) : "";
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P))
      return Op->getOperator() == OO_Equal ? B.handleName(Op->getArg(0)) : "";
    if (const auto *M = dyn_cast<CXXMemberCallExpr>(P))
      return B.handleName(M->getImplicitObjectArgument());
    if (!isa<Expr>(P))
      return "";
  }
  return "";
}

static bool isThreadType(QualType T) {
  std::string R = recordName(T);
  return R == "std::thread" || R == "std::jthread";
}

std::optional<SpawnOperation>
classifySpawn(const Stmt *S, llvm::function_ref<const ParentMap &()> Parents,
              const Bindings &B) {
  if (const auto *C = dyn_cast<CXXConstructExpr>(S)) {
    if (!isThreadType(C->getType()) || C->getNumArgs() == 0 ||
        isThreadType(C->getArg(0)->getType()))
      return std::nullopt;
    std::vector<const Expr *> Args(C->arg_begin(), C->arg_end());
    return spawnOf(SpawnKind::Thread, Args, 0,
                   receivingHandle(S, Parents(), B));
  }
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return std::nullopt;
  // vector<std::thread>::emplace_back(f, ...) builds the thread inside the
  // library, where the construction is not visible.
  if (const auto *M = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = M->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        Method->getName() != "emplace_back" || Call->getNumArgs() == 0)
      return std::nullopt;
    QualType Container = M->getImplicitObjectArgument()->getType();
    const auto *CTS = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Container->getAsCXXRecordDecl());
    if (!CTS || CTS->getTemplateArgs().size() == 0 ||
        CTS->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
        !isThreadType(CTS->getTemplateArgs()[0].getAsType()))
      return std::nullopt;
    std::vector<const Expr *> Args(Call->arg_begin(), Call->arg_end());
    return spawnOf(SpawnKind::Thread, Args, 0,
                   B.handleName(M->getImplicitObjectArgument()));
  }
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F || !F->getIdentifier())
    return std::nullopt;
  StringRef Name = F->getName();
  if (Name == "pthread_create" && Call->getNumArgs() == 4) {
    std::vector<const Expr *> Args(Call->arg_begin(), Call->arg_end());
    return spawnOf(SpawnKind::Thread, Args, 2, B.handleName(Call->getArg(0)));
  }
  // C11 <threads.h>: thrd_create(&thread, start, arg).
  if (Name == "thrd_create" && Call->getNumArgs() == 3) {
    std::vector<const Expr *> Args(Call->arg_begin(), Call->arg_end());
    return spawnOf(SpawnKind::Thread, Args, 1, B.handleName(Call->getArg(0)));
  }
  // A handler runs on top of whichever thread the signal interrupts.
  if ((Name == "signal" || Name == "sigset") && Call->getNumArgs() == 2) {
    const FunctionDecl *Handler = withBody(entryFunction(Call->getArg(1)));
    if (!Handler)
      return std::nullopt; // SIG_IGN, SIG_DFL
    return SpawnOperation{SpawnKind::Signal, Handler, ""};
  }
  if (Name == "sigaction" && Call->getNumArgs() == 3) {
    const FunctionDecl *Handler = withBody(B.signalHandlerOf(Call->getArg(1)));
    if (!Handler)
      return std::nullopt;
    return SpawnOperation{SpawnKind::Signal, Handler, ""};
  }
  if ((Name == "fork" || Name == "vfork") && Call->getNumArgs() == 0)
    return SpawnOperation{SpawnKind::Fork, nullptr,
                          receivingHandle(S, Parents(), B)};
  if (Name == "async" && F->isInStdNamespace() && Call->getNumArgs() > 0) {
    unsigned Arg = recordName(Call->getArg(0)->getType()).empty() &&
                           Call->getArg(0)->getType()->isEnumeralType()
                       ? 1
                       : 0;
    if (Arg >= Call->getNumArgs())
      return std::nullopt;
    std::vector<const Expr *> Args(Call->arg_begin(), Call->arg_end());
    return spawnOf(SpawnKind::Async, Args, Arg,
                   receivingHandle(S, Parents(), B));
  }
  return std::nullopt;
}

std::optional<JoinOperation> classifyJoin(const CallExpr *Call,
                                          const Bindings &B) {
  if (const auto *M = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = M->getMethodDecl();
    if (!Method || !Method->getIdentifier())
      return std::nullopt;
    StringRef Name = Method->getName();
    const Expr *Obj = M->getImplicitObjectArgument();
    std::string R = recordName(Obj->getType());
    if (isThreadType(Obj->getType()) && Name == "join")
      return JoinOperation{SpawnKind::Thread, B.handleName(Obj)};
    if ((R == "std::future" || R == "std::shared_future") &&
        (Name == "get" || Name == "wait"))
      return JoinOperation{SpawnKind::Async, B.handleName(Obj)};
    return std::nullopt;
  }
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F || !F->getIdentifier())
    return std::nullopt;
  StringRef Name = F->getName();
  if ((Name == "pthread_join" || Name == "thrd_join") &&
      Call->getNumArgs() == 2)
    return JoinOperation{SpawnKind::Thread, B.handleName(Call->getArg(0))};
  if (Name == "wait" || Name == "wait3")
    return JoinOperation{SpawnKind::Fork, ""};
  if ((Name == "waitpid" || Name == "wait4") && Call->getNumArgs() > 0)
    return JoinOperation{SpawnKind::Fork, B.handleName(Call->getArg(0))};
  return std::nullopt;
}

namespace {

// The index of the parameter of `Def` that `E` names, if it names one.
std::optional<unsigned> parameterIndex(const FunctionDecl *Def,
                                       const Expr *E) {
  const auto *D = dyn_cast_or_null<DeclRefExpr>(stripToObject(E));
  const auto *P = D ? dyn_cast<ParmVarDecl>(D->getDecl()) : nullptr;
  if (!P || P->getDeclContext() != Def)
    return std::nullopt;
  return P->getFunctionScopeIndex();
}

// The one call of `Name` with `Args` arguments in a wrapper's body. A
// wrapper makes that call once and at most reports its failure: a body of
// more than a few dozen statements, with a loop, or with more calls than an
// error report makes (a pool's start that also locks, or starts a thread
// per worker) is summarised as itself instead.
const CallExpr *wrappedCall(const FunctionDecl *Def, StringRef Name,
                            unsigned Args) {
  if (!Def || !Def->hasBody())
    return nullptr;
  const CallExpr *Found = nullptr;
  unsigned Budget = 64, Matches = 0, Calls = 0;
  llvm::SmallVector<const Stmt *, 16> Work{Def->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (Budget-- == 0 || isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
      return nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (++Calls > 4)
        return nullptr;
      if (const FunctionDecl *F = Call->getDirectCallee())
        if (F->getIdentifier() && F->getName() == Name &&
            Call->getNumArgs() == Args) {
          Found = Call;
          ++Matches;
        }
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return Matches == 1 ? Found : nullptr;
}

} // namespace

std::optional<SpawnOperation> classifyWrappedSpawn(const CallExpr *Call,
                                                   const FunctionDecl *Def,
                                                   const Bindings &B) {
  if (Def->getNumParams() < 2 || Call->getNumArgs() != Def->getNumParams())
    return std::nullopt;
  const CallExpr *Inner = wrappedCall(Def, "pthread_create", 4);
  if (!Inner)
    return std::nullopt;
  std::optional<unsigned> Routine = parameterIndex(Def, Inner->getArg(2));
  if (!Routine)
    return std::nullopt;
  const FunctionDecl *Entry = withBody(entryFunction(Call->getArg(*Routine)));
  if (!Entry)
    return std::nullopt;
  std::optional<unsigned> Handle = parameterIndex(Def, Inner->getArg(0));
  SpawnOperation Op{SpawnKind::Thread, Entry,
                    Handle ? B.handleName(Call->getArg(*Handle)) : ""};
  // The argument the thread receives: the call's, when the wrapper passes
  // a parameter on; else the wrapper's own expression, which names nothing
  // of the caller's and is left out.
  if (std::optional<unsigned> Arg = parameterIndex(Def, Inner->getArg(3)))
    Op.Args.push_back(Call->getArg(*Arg));
  return Op;
}

std::optional<JoinOperation> classifyWrappedJoin(const CallExpr *Call,
                                                 const FunctionDecl *Def,
                                                 const Bindings &B) {
  if (Def->getNumParams() < 1 || Call->getNumArgs() != Def->getNumParams())
    return std::nullopt;
  const CallExpr *Inner = wrappedCall(Def, "pthread_join", 2);
  if (!Inner)
    return std::nullopt;
  std::optional<unsigned> Handle = parameterIndex(Def, Inner->getArg(0));
  if (!Handle)
    return std::nullopt;
  return JoinOperation{SpawnKind::Thread,
                       B.handleName(Call->getArg(*Handle))};
}

bool endsThread(const CallExpr *Call) {
  const FunctionDecl *F = Call->getDirectCallee();
  return F && F->getIdentifier() &&
         (F->getName() == "pthread_exit" || F->getName() == "thrd_exit");
}

} // namespace tangle::analyzer
