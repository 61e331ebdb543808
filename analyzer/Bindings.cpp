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
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitVarDecl(VarDecl *V) {
    if (const Expr *Init = V->getInit())
      B.bindHandle(V, Init);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() == BO_Assign)
      if (const auto *D = dyn_cast<DeclRefExpr>(Op->getLHS()->IgnoreParens()))
        if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
          B.bindHandle(V, Op->getRHS());
    return true;
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    if (const VarDecl *Range = rootVariable(S->getRangeInit()))
      B.RangeOf[S->getLoopVariable()] = Range;
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
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
    return true;
  }

private:
  Bindings &B;
  ASTContext &Ctx;
  SourceManager &SM;
};

void Bindings::collect(ASTContext &Ctx) {
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
  // A global stream shared by the threads is one file even when we cannot
  // see where it was opened.
  if (V->hasGlobalStorage())
    return {"handle:" + V->getQualifiedNameAsString(),
            "'" + V->getNameAsString() + "'"};
  return {};
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
