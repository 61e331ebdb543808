// The analysis of one run's translation units.
#include "analyzer/Analysis.h"

#include "analyzer/CheckRegistry.h"
#include "analyzer/Contexts.h"
#include "analyzer/LinkedUnits.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/Support/Regex.h"
#include <algorithm>
#include <tuple>

using namespace clang;

namespace tangle::analyzer {

namespace {
class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  FunctionCollector(const ASTContext &Ctx, const std::string &HeaderFilter)
      : SM(Ctx.getSourceManager()), Filter(HeaderFilter),
        HasLambdas(Ctx.getLangOpts().CPlusPlus) {}
  std::vector<const FunctionDecl *> Found;

  // Function bodies hold functions only as lambdas: C needs no walk of
  // them, which is most of a large C file.
  bool TraverseStmt(Stmt *S, DataRecursionQueue *Queue = nullptr) {
    return !HasLambdas || RecursiveASTVisitor::TraverseStmt(S, Queue);
  }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && !wanted(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFunctionDecl(FunctionDecl *F) {
    if (F->doesThisDeclarationHaveABody() && !F->isDependentContext())
      Found.push_back(F);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    if (!L->getCallOperator()->isDependentContext() &&
        std::find(Found.begin(), Found.end(), L->getCallOperator()) ==
            Found.end())
      Found.push_back(L->getCallOperator());
    return true;
  }

private:
  bool wanted(SourceLocation Loc) {
    if (Loc.isInvalid())
      return true;
    Loc = SM.getExpansionLoc(Loc);
    if (SM.isInMainFile(Loc))
      return true;
    if (SM.isInSystemHeader(Loc) || Filter.empty())
      return false;
    return llvm::Regex(Filter).match(SM.getFilename(Loc));
  }
  const SourceManager &SM;
  std::string Filter;
  bool HasLambdas;
};
} // namespace

std::vector<Finding>
analyzeTranslationUnits(const std::vector<ASTContext *> &Contexts,
                        const AnalysisOptions &Options) {
  if (enabledChecks(Options.Checks).empty())
    return {};
  LinkedUnits Units;
  for (ASTContext *Ctx : Contexts) {
    FunctionCollector Collector(*Ctx, Options.HeaderFilter);
    Collector.TraverseDecl(Ctx->getTranslationUnitDecl());
    Units.add(*Ctx, std::move(Collector.Found));
  }
  Units.link();
  Summaries S(Units);
  // One reporter for the run: a unit in two programs reports once.
  Reporter R;
  for (const std::vector<unsigned> &Members : Units.programs()) {
    std::vector<const FunctionDecl *> Functions;
    for (unsigned I : Members) {
      const auto &Own = Units.units()[I]->Functions;
      Functions.insert(Functions.end(), Own.begin(), Own.end());
    }
    Program P(S, std::move(Functions));
    // Checks keep state while they run: fresh ones for each program.
    for (std::unique_ptr<Check> &C : enabledChecks(Options.Checks))
      C->run(P, R);
  }
  std::vector<Finding> Findings = R.take();
  // Source order, as a compiler reports.
  std::stable_sort(
      Findings.begin(), Findings.end(), [](const Finding &A, const Finding &B) {
        return std::tie(A.Where.File, A.Where.Line, A.Where.Column) <
               std::tie(B.Where.File, B.Where.Line, B.Where.Column);
      });
  return Findings;
}

} // namespace tangle::analyzer
