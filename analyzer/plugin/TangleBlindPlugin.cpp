// The Clang plugin `tangle_blind`: while `tangle check` compiles a program,
// writes the atomic updates whose result it discards (BlindUpdates.h) to the
// file named by -fplugin-arg-tangle_blind-out=<path>, and the functions that
// only forward their parameters to a library call, and the loops whose
// turns only load and compare (SpinLoops.h). Running in the compile
// costs no second parse of the source. It never changes what is compiled,
// and on any error it writes nothing (no reduction). A compile of several
// files appends each file's text.
#include "analyzer/BlindUpdates.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace tangle::analyzer {
namespace {

class BlindUpdatesConsumer : public ASTConsumer {
public:
  explicit BlindUpdatesConsumer(std::string Output)
      : Output(std::move(Output)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Output.empty() || Ctx.getDiagnostics().hasErrorOccurred())
      return;
    BlindUpdates Updates = findBlindUpdates(Ctx);
    Updates.Spins = findSpinLoops(Ctx);
    std::string Text = formatBlindUpdates(Updates);
    std::error_code EC;
    llvm::raw_fd_ostream OS(Output, EC, llvm::sys::fs::OF_Append);
    if (!EC)
      OS << Text;
  }

private:
  std::string Output;
};

class BlindUpdatesAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<BlindUpdatesConsumer>(Output);
  }
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    for (const std::string &A : Args) {
      StringRef Arg = A;
      if (Arg.consume_front("out=")) {
        Output = Arg.str();
        continue;
      }
      DiagnosticsEngine &D = CI.getDiagnostics();
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                 "tangle_blind plugin: unknown argument '%0' "
                                 "(out=<file>)"))
          << A;
      return false;
    }
    return true;
  }
  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  std::string Output;
};

} // namespace
} // namespace tangle::analyzer

static clang::FrontendPluginRegistry::Add<tangle::analyzer::BlindUpdatesAction>
    Registration("tangle_blind",
                 "tangle: atomic updates whose result is discarded");
