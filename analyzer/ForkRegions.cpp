// Where the child process runs after fork().
#include "analyzer/ForkRegions.h"

#include "analyzer/ObjectNames.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtVisitor.h"

using namespace clang;

namespace tangle::analyzer {

namespace {

// Whether `E` is fork's result: the call itself, `pid = fork()`, or `pid`.
struct ForkResult {
  const CallExpr *Fork;
  const VarDecl *Pid;
  bool matches(const Expr *E) const {
    E = E->IgnoreParenCasts();
    if (E == Fork)
      return true;
    if (const auto *Op = dyn_cast<BinaryOperator>(E))
      if (Op->getOpcode() == BO_Assign)
        return matches(Op->getRHS());
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      return Pid && D->getDecl() == Pid;
    return false;
  }
};

enum class Branch { None, Then, Else };

Branch childBranch(const Expr *Cond, const ForkResult &R) {
  Cond = Cond->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Cond))
    if (U->getOpcode() == UO_LNot && R.matches(U->getSubExpr()))
      return Branch::Then;
  if (R.matches(Cond))
    return Branch::Else;
  const auto *Op = dyn_cast<BinaryOperator>(Cond);
  if (!Op)
    return Branch::None;
  const Expr *L = Op->getLHS(), *Rhs = Op->getRHS();
  auto isZero = [](const Expr *E) {
    const auto *I = dyn_cast<IntegerLiteral>(E->IgnoreParenCasts());
    return I && I->getValue() == 0;
  };
  bool PidLeft = R.matches(L) && isZero(Rhs);
  bool PidRight = R.matches(Rhs) && isZero(L);
  if (!PidLeft && !PidRight)
    return Branch::None;
  switch (Op->getOpcode()) {
  case BO_EQ:
    return Branch::Then;
  case BO_NE:
    return Branch::Else;
  case BO_GT:
    return PidLeft ? Branch::Else : Branch::None;
  case BO_LT:
    return PidRight ? Branch::Else : Branch::None;
  default:
    return Branch::None;
  }
}

class Finder : public ConstStmtVisitor<Finder> {
public:
  Finder(const ForkResult &R, SourceLocation After, const SourceManager &SM)
      : R(R), After(After), SM(SM) {}
  SourceRange Found;

  void VisitStmt(const Stmt *S) {
    for (const Stmt *Child : S->children())
      if (Child && Found.isInvalid())
        Visit(Child);
  }
  void VisitIfStmt(const IfStmt *S) {
    if (!SM.isBeforeInTranslationUnit(S->getBeginLoc(), After) ||
        S->getCond()->getSourceRange().fullyContains(
            R.Fork->getSourceRange())) {
      Branch B = childBranch(S->getCond(), R);
      if (B == Branch::Then)
        Found = S->getThen()->getSourceRange();
      else if (B == Branch::Else && S->getElse())
        Found = S->getElse()->getSourceRange();
    }
    VisitStmt(S);
  }
  void VisitSwitchStmt(const SwitchStmt *S) {
    if (R.matches(S->getCond()))
      for (const SwitchCase *C = S->getSwitchCaseList(); C;
           C = C->getNextSwitchCase())
        if (const auto *Case = dyn_cast<CaseStmt>(C))
          if (const auto *I =
                  dyn_cast<IntegerLiteral>(Case->getLHS()->IgnoreParenCasts()))
            if (I->getValue() == 0)
              Found = caseExtent(Case, S);
    VisitStmt(S);
  }

private:
  // A case runs from its label to the next label (fallthrough aside).
  SourceRange caseExtent(const CaseStmt *Case, const SwitchStmt *S) {
    SourceLocation End = S->getBody()->getEndLoc();
    for (const SwitchCase *C = S->getSwitchCaseList(); C;
         C = C->getNextSwitchCase())
      if (SM.isBeforeInTranslationUnit(Case->getBeginLoc(), C->getBeginLoc()) &&
          SM.isBeforeInTranslationUnit(C->getBeginLoc(), End))
        End = C->getBeginLoc();
    return SourceRange(Case->getBeginLoc(), End);
  }
  const ForkResult &R;
  SourceLocation After;
  const SourceManager &SM;
};

} // namespace

SourceRange childBranchOfFork(const CallExpr *Fork, const Stmt *Body,
                              const ParentMap &Parents,
                              const SourceManager &SM) {
  const VarDecl *Pid = nullptr;
  for (const Stmt *P = Parents.getParent(Fork); P; P = Parents.getParent(P)) {
    if (const auto *D = dyn_cast<DeclStmt>(P)) {
      if (D->isSingleDecl())
        Pid = dyn_cast<VarDecl>(D->getSingleDecl());
      break;
    }
    if (const auto *Op = dyn_cast<BinaryOperator>(P)) {
      if (Op->getOpcode() == BO_Assign)
        Pid = rootVariable(Op->getLHS());
      break;
    }
    if (!isa<Expr>(P))
      break;
  }
  ForkResult R{Fork, Pid};
  // Tests of the result come after the fork, or contain it.
  Finder F(R, Fork->getBeginLoc(), SM);
  F.Visit(Body);
  return F.Found;
}

} // namespace tangle::analyzer
