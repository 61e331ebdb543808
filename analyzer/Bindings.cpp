// What handle variables refer to across the translation unit.
#include "analyzer/Bindings.h"

#include "analyzer/ObjectNames.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace tangle::analyzer {

static StringRef calleeName(const CallExpr *Call) {
  if (const FunctionDecl *F = Call->getDirectCallee())
    if (F->getIdentifier())
      return F->getName();
  return "";
}

class BindingCollector : public RecursiveASTVisitor<BindingCollector> {
public:
  BindingCollector(Bindings &B, ASTContext &Ctx)
      : B(B), Ctx(Ctx), SM(Ctx.getSourceManager()) {}

  bool TraverseDecl(Decl *D) {
    // System headers hold no student handles; skipping them keeps the pass
    // proportional to the user's code.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    const auto *F = dyn_cast_or_null<FunctionDecl>(D);
    if (!F || !F->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    return inFunction(F, [&] { return RecursiveASTVisitor::TraverseDecl(D); });
  }
  // Without a queue: the body is walked now, while the lambda encloses it,
  // not queued for after.
  bool TraverseLambdaExpr(LambdaExpr *L, DataRecursionQueue * = nullptr) {
    return inFunction(L->getCallOperator(), [&] {
      return RecursiveASTVisitor::TraverseLambdaExpr(L, nullptr);
    });
  }
  template <typename Traverse>
  bool inFunction(const FunctionDecl *F, Traverse T) {
    B.Scanned.try_emplace(F, false);
    Enclosing.push_back(F);
    bool Result = T();
    Enclosing.pop_back();
    return Result;
  }
  // Something in the body of every enclosing function can be an event (a
  // lambda's body is also its enclosing function's).
  void mayBeEvent() {
    for (const FunctionDecl *F : Enclosing)
      B.Scanned[F] = true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *) {
    mayBeEvent();
    return true;
  }
  bool VisitAtomicExpr(AtomicExpr *) {
    mayBeEvent();
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
        V && V->hasGlobalStorage())
      mayBeEvent();
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (const Expr *Init = V->getInit()) {
      B.bindHandle(V, Init);
      // struct flock fl = {F_WRLCK, ...}: l_type is the first member.
      const auto *List = dyn_cast<InitListExpr>(Init->IgnoreImplicit());
      const RecordDecl *R = V->getType()->getAsRecordDecl();
      if (List && R && R->getName() == "flock" && List->getNumInits() > 0)
        lockType(V, List->getInit(0), V->getLocation());
      if (List && R && R->getName() == "sigaction")
        if (const FunctionDecl *H = functionIn(List))
          B.SignalHandlers[V] = H;
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() != BO_Assign)
      return true;
    const Expr *LHS = Op->getLHS()->IgnoreParens();
    if (const auto *D = dyn_cast<DeclRefExpr>(LHS))
      if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
        B.bindHandle(V, Op->getRHS());
    if (const auto *M = dyn_cast<MemberExpr>(LHS);
        M && M->getMemberDecl()->getName() == "l_type")
      if (const VarDecl *V = rootVariable(M))
        lockType(V, Op->getRHS(), Op->getBeginLoc());
    if (const auto *M = dyn_cast<MemberExpr>(LHS);
        M && M->getMemberDecl()->getIdentifier() &&
        (M->getMemberDecl()->getName() == "sa_handler" ||
         M->getMemberDecl()->getName() == "sa_sigaction"))
      if (const VarDecl *V = rootVariable(M))
        if (const FunctionDecl *H = functionIn(Op->getRHS()))
          B.SignalHandlers[V] = H;
    return true;
  }
  static const FunctionDecl *functionIn(const Stmt *S) {
    if (!S)
      return nullptr;
    if (const auto *D = dyn_cast<DeclRefExpr>(S))
      return dyn_cast<FunctionDecl>(D->getDecl());
    for (const Stmt *Child : S->children())
      if (const FunctionDecl *F = functionIn(Child))
        return F;
    return nullptr;
  }
  void lockType(const VarDecl *V, const Expr *Value, SourceLocation At) {
    Expr::EvalResult R;
    if (Value && !Value->isValueDependent() && Value->EvaluateAsInt(R, Ctx))
      B.LockTypes[V].push_back({At, R.Val.getInt().getExtValue()});
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    if (const VarDecl *Range = rootVariable(S->getRangeInit()))
      B.RangeOf[S->getLoopVariable()] = Range;
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    mayBeEvent();
    StringRef Name = calleeName(Call);
    if (Name == "pthread_mutexattr_settype" && Call->getNumArgs() == 2) {
      Expr::EvalResult Type;
      const int PthreadMutexRecursive = 1; // glibc's value
      if (Call->getArg(1)->EvaluateAsInt(Type, Ctx) &&
          Type.Val.getInt() == PthreadMutexRecursive)
        if (const VarDecl *Attr = rootVariable(Call->getArg(0)))
          B.RecursiveAttributes.insert(Attr);
    }
    if (Name == "pthread_mutex_init" && Call->getNumArgs() == 2)
      if (const VarDecl *Attr = rootVariable(Call->getArg(1)))
        if (B.RecursiveAttributes.count(Attr))
          B.RecursiveMutexes.insert(objectKey(Call->getArg(0), Ctx));
    // C11: mtx_init(&m, mtx_recursive) or mtx_timed | mtx_recursive.
    if (Name == "mtx_init" && Call->getNumArgs() == 2) {
      Expr::EvalResult Type;
      const int MtxRecursive = 1; // glibc's value
      if (Call->getArg(1)->EvaluateAsInt(Type, Ctx) &&
          (Type.Val.getInt().getExtValue() & MtxRecursive))
        B.RecursiveMutexes.insert(objectKey(Call->getArg(0), Ctx));
    }
    return true;
  }

private:
  Bindings &B;
  ASTContext &Ctx;
  SourceManager &SM;
  std::vector<const FunctionDecl *> Enclosing;
};

void Bindings::collect(ASTContext &Ctx) {
  SM = &Ctx.getSourceManager();
  BindingCollector C(*this, Ctx);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
}

FileName Bindings::fileOfPath(const Expr *Path) {
  if (!Path)
    return {};
  Path = Path->IgnoreParenCasts();
  if (const auto *S = dyn_cast<StringLiteral>(Path)) {
    std::string Text = S->getString().str();
    return {"path:" + Text, "'" + Text + "'"};
  }
  if (const auto *D = dyn_cast<DeclRefExpr>(Path)) {
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl())) {
      if (const Expr *Init = V->getInit())
        if (const auto *S = dyn_cast<StringLiteral>(Init->IgnoreParenCasts()))
          if (V->hasGlobalStorage() || V->getType().isConstQualified()) {
            std::string Text = S->getString().str();
            return {"path:" + Text, "'" + Text + "'"};
          }
      if (V->hasGlobalStorage())
        return {"pathvar:" + V->getQualifiedNameAsString(),
                "'" + V->getNameAsString() + "'"};
    }
  }
  return {};
}

FileName Bindings::fileOpenedBy(const Expr *E) const {
  const Expr *Stripped = stripToObject(E);
  const auto *Call = dyn_cast_or_null<CallExpr>(Stripped);
  if (!Call || Call->getNumArgs() == 0)
    return {};
  StringRef Name = calleeName(Call);
  if (Name == "fopen" || Name == "open" || Name == "creat" ||
      Name == "fopen64" || Name == "open64")
    return fileOfPath(Call->getArg(0));
  if (Name == "openat" && Call->getNumArgs() > 1)
    return fileOfPath(Call->getArg(1));
  if (Name == "fdopen" || Name == "fileno" || Name == "dup")
    return fileOfHandle(Call->getArg(0));
  return {};
}

void Bindings::bindHandle(const VarDecl *Var, const Expr *Value) {
  FileName F = fileOpenedBy(Value);
  if (!F.empty())
    Files[Var] = F;
}

FileName Bindings::fileOfHandle(const Expr *Handle) const {
  if (!Handle)
    return {};
  FileName Opened = fileOpenedBy(Handle);
  if (!Opened.empty())
    return Opened;
  const Expr *E = stripToObject(Handle);
  const auto *D = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  if (!V)
    return {};
  auto It = Files.find(V);
  if (It != Files.end())
    return It->second;
  // The standard streams lock themselves and are written, not read back:
  // diagnostics on stderr are not a shared file.
  if (V->hasGlobalStorage() && V->getDeclContext()->isTranslationUnit() &&
      (V->getName() == "stdin" || V->getName() == "stdout" ||
       V->getName() == "stderr"))
    return {};
  // A global stream shared by the threads is one file even when we cannot
  // see where it was opened.
  if (V->hasGlobalStorage())
    return {"handle:" + V->getQualifiedNameAsString(),
            "'" + V->getNameAsString() + "'"};
  return {};
}

const FunctionDecl *Bindings::signalHandlerOf(const Expr *Action) const {
  const VarDecl *V = rootVariable(Action);
  return V ? SignalHandlers.lookup(V) : nullptr;
}

std::optional<int64_t> Bindings::lockTypeBefore(const Expr *Flock,
                                                SourceLocation At) const {
  const VarDecl *V = rootVariable(Flock);
  auto It = V ? LockTypes.find(V) : LockTypes.end();
  if (It == LockTypes.end() || !SM)
    return std::nullopt;
  std::optional<std::pair<SourceLocation, int64_t>> Last;
  for (const auto &Store : It->second)
    if (SM->isBeforeInTranslationUnit(Store.first, At) &&
        (!Last || SM->isBeforeInTranslationUnit(Last->first, Store.first)))
      Last = Store;
  if (!Last)
    return std::nullopt;
  return Last->second;
}

std::string Bindings::handleName(const VarDecl *Var) const {
  if (!Var)
    return "";
  auto It = RangeOf.find(Var);
  if (It != RangeOf.end())
    Var = It->second;
  return Var->getQualifiedNameAsString();
}

std::string Bindings::handleName(const Expr *Handle) const {
  return handleName(rootVariable(Handle));
}

} // namespace tangle::analyzer
