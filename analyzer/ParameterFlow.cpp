// Which values of a function derive from its parameters.
#include "analyzer/ParameterFlow.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include <vector>

using namespace clang;

namespace tangle::analyzer {

namespace {
// Every `local = value` (declarations, assignments, compound assignments).
class Assignments : public RecursiveASTVisitor<Assignments> {
public:
  std::vector<std::pair<const ValueDecl *, const Expr *>> Found;
  bool VisitVarDecl(VarDecl *V) {
    if (V->getInit() && V->isLocalVarDecl())
      Found.push_back({V, V->getInit()});
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      if (const auto *D = dyn_cast<DeclRefExpr>(Op->getLHS()->IgnoreParens()))
        if (const auto *V = dyn_cast<VarDecl>(D->getDecl());
            V && V->isLocalVarDecl())
          Found.push_back({V, Op->getRHS()});
    return true;
  }
  bool shouldVisitLambdaBody() const { return false; }
};
} // namespace

ParameterFlow::ParameterFlow(const FunctionDecl *F) : F(F) {
  if (const auto *M = dyn_cast<CXXMethodDecl>(F);
      M && M->getParent()->isLambda()) {
    llvm::DenseMap<const VarDecl *, FieldDecl *> Fields;
    FieldDecl *This = nullptr;
    M->getParent()->getCaptureFields(Fields, This);
    for (auto &[Var, Field] : Fields)
      CapturedByCopy[Var] = !Field->getType()->isReferenceType();
  }
  Assignments A;
  A.TraverseStmt(F->getBody());
  // Chains of locals are short in practice; each round extends them by one.
  for (int Round = 0; Round < 4; ++Round) {
    bool Changed = false;
    for (auto [Var, Value] : A.Found) {
      ParamMask M = of(Value);
      ParamMask &Old = Locals[Var];
      if ((Old | M) != Old) {
        Old |= M;
        Changed = true;
      }
    }
    if (!Changed)
      break;
  }
}

ParamMask ParameterFlow::ofDecl(const ValueDecl *D) const {
  if (const auto *P = dyn_cast<ParmVarDecl>(D)) {
    if (P->getDeclContext() == F) {
      unsigned I = P->getFunctionScopeIndex();
      return I < CapturedBit ? ParamMask(1) << I : 0;
    }
    return 0;
  }
  auto Copy = CapturedByCopy.find(D);
  if (Copy != CapturedByCopy.end())
    return Copy->second ? ParamMask(1) << CapturedBit : 0;
  return Locals.lookup(D);
}

ParamMask ParameterFlow::of(const Expr *E) const {
  if (!E)
    return 0;
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return ofDecl(D->getDecl());
  ParamMask M = 0;
  for (const Stmt *Child : E->children())
    if (const auto *C = dyn_cast_or_null<Expr>(Child))
      M |= of(C);
  return M;
}

} // namespace tangle::analyzer
