// Clang-style text: `file:line:col: warning: message [id]` and notes below.
#include "analyzer/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace tangle::analyzer {

static void position(const SourcePosition &P, llvm::raw_ostream &OS) {
  OS << P.File << ':' << P.Line << ':' << P.Column << ": ";
}

void renderText(const std::vector<Finding> &Findings, llvm::raw_ostream &OS,
                Sentence::Lookup Translate, const RunInfo *Run) {
  auto Say = [&](const Sentence &S) { return S.str(Translate); };
  for (const Finding &F : Findings) {
    position(F.Where, OS);
    OS << Say(msg("warning")) << ": " << Say(F.Text) << " [" << F.CheckId
       << "]\n";
    for (const FindingNote &N : F.Notes) {
      position(N.Where, OS);
      OS << Say(msg("note")) << ": " << Say(N.Text) << "\n";
    }
  }
  if (!Findings.empty())
    OS << Say(Findings.size() == 1
                  ? msg("{0} finding by tangle-lint.", Findings.size())
                  : msg("{0} findings by tangle-lint.", Findings.size()))
       << "\n";
  if (Run && !Run->Baseline.empty() && Run->BaselineSuppressed > 0)
    OS << Say(Run->BaselineSuppressed == 1
                  ? msg("{0} known finding in baseline '{1}' not shown.",
                        Run->BaselineSuppressed, Run->Baseline)
                  : msg("{0} known findings in baseline '{1}' not shown.",
                        Run->BaselineSuppressed, Run->Baseline))
       << "\n";
}

std::string relativeToRoot(const std::string &Path, const std::string &Root) {
  llvm::SmallString<256> Abs(Path), Base(Root);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::fs::make_absolute(Base);
  llvm::sys::path::remove_dots(Abs, true);
  llvm::sys::path::remove_dots(Base, true);
  llvm::StringRef A = Abs, B = Base;
  if (A.consume_front(B) && (A.empty() || A.startswith("/")))
    return A.ltrim('/').str();
  return Abs.str().str();
}

} // namespace tangle::analyzer
