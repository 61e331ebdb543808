// The Clang plugin: `clang -fplugin=libTangleLint.so` runs the static checks
// while compiling and reports through clang's own diagnostics (so -Werror,
// -Wno-error and the usual output apply).
#include "analyzer/Analysis.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

using namespace clang;

namespace tangle::analyzer {
namespace {

class PluginConsumer : public ASTConsumer {
public:
  explicit PluginConsumer(AnalysisOptions Options)
      : Options(std::move(Options)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    DiagnosticsEngine &Diags = Ctx.getDiagnostics();
    if (Diags.hasErrorOccurred())
      return;
    // Custom diagnostic ids do not follow -Werror by themselves.
    DiagnosticsEngine::Level Level = Diags.getWarningsAsErrors()
                                         ? DiagnosticsEngine::Error
                                         : DiagnosticsEngine::Warning;
    unsigned Main = Diags.getCustomDiagID(Level, "%0 [%1]");
    unsigned Note = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    for (const Finding &F : analyzeTranslationUnit(Ctx, Options)) {
      Diags.Report(locate(Ctx, F.Where), Main) << F.Message << F.CheckId;
      for (const FindingNote &N : F.Notes)
        Diags.Report(locate(Ctx, N.Where), Note) << N.Message;
    }
  }

private:
  static SourceLocation locate(ASTContext &Ctx, const SourcePosition &P) {
    SourceManager &SM = Ctx.getSourceManager();
    auto File = SM.getFileManager().getFile(P.File);
    if (!File)
      return {};
    return SM.translateFileLineCol(*File, P.Line, P.Column);
  }
  AnalysisOptions Options;
};

class TangleLintAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<PluginConsumer>(Options);
  }
  // -fplugin-arg-tangle-checks=<globs>, -fplugin-arg-tangle-header-filter=<re>
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    for (const std::string &A : Args) {
      StringRef Arg = A;
      if (Arg.consume_front("checks="))
        Options.Checks = Arg.str();
      else if (Arg.consume_front("header-filter="))
        Options.HeaderFilter = Arg.str();
      else {
        DiagnosticsEngine &D = CI.getDiagnostics();
        D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                   "tangle-lint plugin: unknown argument '%0' "
                                   "(checks=<globs>, header-filter=<regex>)"))
            << A;
        return false;
      }
    }
    return true;
  }
  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  AnalysisOptions Options;
};

} // namespace
} // namespace tangle::analyzer

static clang::FrontendPluginRegistry::Add<tangle::analyzer::TangleLintAction>
    Registration("tangle", "tangle's static concurrency checks");
