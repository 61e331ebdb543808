// tangle-cond-wait-no-loop: a condition wait that is not re-checked in a
// loop; spurious wake-ups and stolen signals let the thread through with the
// condition false.
#include "analyzer/Check.h"
#include "analyzer/CheckIds.h"
#include "analyzer/ObjectNames.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace tangle::analyzer {
namespace {

// pthread_cond_wait/timedwait, C11 cnd_wait/timedwait, or
// condition_variable::wait without the predicate overload (which loops by
// itself).
bool isBareConditionWait(const CallExpr *Call) {
  if (const auto *M = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = M->getMethodDecl();
    std::string R = recordName(M->getImplicitObjectArgument()->getType());
    if (!Method || !Method->getIdentifier() ||
        (R != "std::condition_variable" && R != "std::condition_variable_any"))
      return false;
    StringRef Name = Method->getName();
    return (Name == "wait" && Call->getNumArgs() == 1) ||
           ((Name == "wait_for" || Name == "wait_until") &&
            Call->getNumArgs() == 2);
  }
  const FunctionDecl *F = Call->getDirectCallee();
  return F && F->getIdentifier() &&
         (F->getName() == "pthread_cond_wait" ||
          F->getName() == "pthread_cond_timedwait" ||
          F->getName() == "cnd_wait" || F->getName() == "cnd_timedwait");
}

// Whether the unit can hold a condition wait at all: C code that never
// refers to pthread_cond_wait/timedwait has none to look for, and then the
// bodies need no walk.
bool mayWait(const ASTContext &Ctx) {
  if (Ctx.getLangOpts().CPlusPlus)
    return true;
  for (const char *Name : {"pthread_cond_wait", "pthread_cond_timedwait",
                           "cnd_wait", "cnd_timedwait"}) {
    auto Id = Ctx.Idents.find(Name);
    if (Id == Ctx.Idents.end())
      continue;
    for (const NamedDecl *D :
         Ctx.getTranslationUnitDecl()->lookup(Id->getValue()))
      if (D->isReferenced())
        return true;
  }
  return false;
}

class CondWaitNoLoopCheck : public Check {
public:
  const char *id() const override { return ids::CondWaitNoLoop; }
  const char *summary() const override {
    return "A condition wait is not inside a loop that re-checks its "
           "predicate.";
  }

  void run(const Program &P, Reporter &R) override {
    llvm::DenseMap<const ASTContext *, bool> Waits;
    for (const FunctionDecl *F : P.functions()) {
      const ASTContext &Ctx = F->getASTContext();
      auto [It, New] = Waits.try_emplace(&Ctx, false);
      if (New)
        It->second = mayWait(Ctx);
      if (!It->second)
        continue;
      SM = &Ctx.getSourceManager();
      visit(F->getBody(), 0, R);
    }
  }

private:
  const SourceManager *SM = nullptr;
  void visit(const Stmt *S, unsigned Loops, Reporter &R) {
    if (!S || isa<LambdaExpr>(S)) // a lambda body is its own function
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (Loops == 0 && isBareConditionWait(Call))
        R.report(ids::CondWaitNoLoop, FullSourceLoc(Call->getBeginLoc(), *SM),
                 msg("condition wait outside a loop: a spurious or stolen "
                     "wake-up returns with the condition still false; wait "
                     "in 'while (!condition)'"));
    bool Loop = isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(S);
    for (const Stmt *Child : S->children())
      visit(Child, Loops + (Loop ? 1 : 0), R);
  }
};

} // namespace

std::unique_ptr<Check> makeCondWaitNoLoopCheck() {
  return std::make_unique<CondWaitNoLoopCheck>();
}

} // namespace tangle::analyzer
