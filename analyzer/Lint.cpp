// The libTooling front end.
#include "analyzer/Lint.h"

#include "analyzer/Analysis.h"
#include "analyzer/Baseline.h"
#include "analyzer/CheckRegistry.h"
#include "analyzer/Output.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include <set>

using namespace clang;
using namespace clang::tooling;

namespace tangle::analyzer {

namespace {

// Swallows clang's own warnings (they are the compiler's business) and keeps
// the first error of each file as the one line the user sees.
class ErrorCollector : public DiagnosticConsumer {
public:
  std::vector<std::string> Errors;
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    // Not counted: clang's "N warnings generated" line stays silent.
    if (Level < DiagnosticsEngine::Error || Reported)
      return;
    Reported = true;
    llvm::SmallString<128> Text;
    Info.FormatDiagnostic(Text);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      PresumedLoc P = Info.getSourceManager().getPresumedLoc(
          Info.getSourceManager().getExpansionLoc(Info.getLocation()));
      if (P.isValid())
        Where = std::string(P.getFilename()) + ":" +
                std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": ";
    }
    Errors.push_back("does not compile: " + Where + Text.str().str());
  }
  void BeginSourceFile(const LangOptions &, const Preprocessor *) override {
    Reported = false;
  }

private:
  bool Reported = false;
};

class LintConsumer : public ASTConsumer {
public:
  LintConsumer(const AnalysisOptions &Options, std::vector<Finding> &Out)
      : Options(Options), Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    for (Finding &F : analyzeTranslationUnit(Ctx, Options))
      Out.push_back(std::move(F));
  }

private:
  const AnalysisOptions &Options;
  std::vector<Finding> &Out;
};

class LintAction : public ASTFrontendAction {
public:
  LintAction(const AnalysisOptions &Options, std::vector<Finding> &Out)
      : Options(Options), Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<LintConsumer>(Options, Out);
  }

private:
  const AnalysisOptions &Options;
  std::vector<Finding> &Out;
};

class LintActionFactory : public FrontendActionFactory {
public:
  LintActionFactory(const AnalysisOptions &Options, std::vector<Finding> &Out)
      : Options(Options), Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<LintAction>(Options, Out);
  }

private:
  const AnalysisOptions &Options;
  std::vector<Finding> &Out;
};

std::string findingKey(const Finding &F) {
  return F.CheckId + "|" + F.Where.File + ":" + std::to_string(F.Where.Line) +
         ":" + std::to_string(F.Where.Column) + "|" + F.Message;
}

// One pass of the tool over Sources. C++ files whose flags name no
// standard get `DefaultStd`; `Defaulted` says whether any did.
std::vector<Finding> lintOnce(const LintOptions &Options,
                              const CompilationDatabase &Database,
                              const std::vector<std::string> &Sources,
                              const char *DefaultStd, bool &Defaulted,
                              std::vector<std::string> &Errors) {
  ClangTool Tool(Database, Sources);
  // A libTooling tool derives the builtin headers' location from its own
  // path; the one clang reports at configure time is the one that works.
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster({"-resource-dir=" TANGLE_CLANG_RESOURCE_DIR},
                                ArgumentInsertPosition::BEGIN));
  Tool.appendArgumentsAdjuster(getClangSyntaxOnlyAdjuster());
  // C++ is C++17 unless the flags say otherwise, as for `tangle check`:
  // clang-14's default (C++14) cannot parse std::scoped_lock (runLint tries
  // C++20 next).
  Tool.appendArgumentsAdjuster(
      [&Options, DefaultStd, &Defaulted](const CommandLineArguments &Args,
                                         StringRef File) {
        bool Cxx = llvm::StringSwitch<bool>(llvm::sys::path::extension(File))
                       .Cases(".cpp", ".cc", ".cxx", ".C", ".c++", true)
                       .Cases(".hpp", ".hh", ".hxx", true)
                       .Default(false);
        auto IsStd = [](const std::string &A) {
          return StringRef(A).startswith("-std=") ||
                 StringRef(A).startswith("--std");
        };
        bool HasStd =
            llvm::any_of(Args, IsStd) || llvm::any_of(Options.ExtraArgs, IsStd);
        if (!Cxx || HasStd || Args.empty())
          return Args;
        CommandLineArguments Out = Args;
        Out.insert(Out.begin() + 1, std::string("-std=") + DefaultStd);
        Defaulted = true;
        return Out;
      });
  Tool.appendArgumentsAdjuster(getClangStripOutputAdjuster());
  if (!Options.ExtraArgs.empty())
    Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
        Options.ExtraArgs, ArgumentInsertPosition::END));
  // Clang's own warnings are dropped (ErrorCollector): -w spares computing
  // them, above all the CFG of every function that Sema builds for
  // -Wreturn-type, -Wuninitialized and the like. Errors still stop a file.
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster("-w", ArgumentInsertPosition::END));
  ErrorCollector Collector;
  Tool.setDiagnosticConsumer(&Collector);
  Tool.setPrintErrorMessage(false);
  AnalysisOptions Analysis{Options.Checks, Options.HeaderFilter};
  std::vector<Finding> All;
  if (Sources.size() == 1) {
    // One unit links to nothing: analyse it as it is parsed and free it.
    LintActionFactory Factory(Analysis, All);
    Tool.run(&Factory);
  } else {
    // Several units are linked: each is parsed once and kept until the
    // programs they form have been checked.
    std::vector<std::unique_ptr<ASTUnit>> ASTs;
    Tool.buildASTs(ASTs);
    std::vector<ASTContext *> Units;
    for (const std::unique_ptr<ASTUnit> &AST : ASTs)
      if (!AST->getDiagnostics().hasErrorOccurred())
        Units.push_back(&AST->getASTContext());
    All = analyzeTranslationUnits(Units, Analysis);
  }
  Errors = std::move(Collector.Errors);
  return All;
}

} // namespace

LintResult runLint(const LintOptions &Options) {
  LintResult Result;
  std::unique_ptr<CompilationDatabase> Database;
  if (!Options.BuildPath.empty()) {
    std::string Error;
    Database =
        CompilationDatabase::autoDetectFromDirectory(Options.BuildPath, Error);
    if (!Database) {
      Result.Errors.push_back("cannot load compile_commands.json from '" +
                              Options.BuildPath + "': " + Error);
      return Result;
    }
  } else {
    Database = std::make_unique<FixedCompilationDatabase>(
        ".", std::vector<std::string>());
  }
  std::vector<std::string> Sources = Options.Sources;
  if (Sources.empty())
    Sources = Database->getAllFiles();
  if (Sources.empty()) {
    Result.Errors.push_back("no input files");
    return Result;
  }
  for (const std::string &S : Sources)
    if (!llvm::sys::fs::exists(S))
      Result.Errors.push_back("no such file: " + S);
  if (!Result.Errors.empty())
    return Result;

  bool Defaulted = false;
  std::vector<Finding> All =
      lintOnce(Options, *Database, Sources, "c++17", Defaulted, Result.Errors);
  // As `tangle check` compiles it (cli/compile.cpp): C++ that does not
  // parse as C++17 is parsed again as C++20 (std::latch, std::jthread...).
  if (!Result.Errors.empty() && Defaulted) {
    std::vector<std::string> Errors;
    std::vector<Finding> Again =
        lintOnce(Options, *Database, Sources, "c++20", Defaulted, Errors);
    if (Errors.size() < Result.Errors.size()) {
      All = std::move(Again);
      Result.Errors = std::move(Errors);
    }
  }
  // A header shared by several files yields its findings once.
  std::set<std::string> Seen;
  for (Finding &F : All)
    if (Seen.insert(findingKey(F)).second)
      Result.Findings.push_back(std::move(F));
  return Result;
}

static const char *Usage =
    "usage: tangle-lint [options] <file>... [-- <compiler flags>]\n"
    "       tangle-lint -p <build-dir> [options] [<file>...]\n"
    "options:\n"
    "  -p <dir>               read compile_commands.json from <dir>\n"
    "  --checks=<globs>       e.g. 'tangle-*,-tangle-cond-wait-no-loop'\n"
    "  --format=text|json|sarif\n"
    "  --lang=en|zh           language of the text output (default: from\n"
    "                         LC_ALL, LC_MESSAGES or LANG)\n"
    "  --source-root=<dir>    JSON/SARIF paths are relative to it (default .)\n"
    "  --header-filter=<re>   also analyse functions in matching headers\n"
    "  --baseline=<file>      report only warnings not in this baseline\n"
    "  --write-baseline=<file> write the warnings found as a baseline\n"
    "  --list-checks          print the check ids and exit\n";

int lintMain(const std::vector<std::string> &Args, llvm::raw_ostream &Out,
             llvm::raw_ostream &Err, const Wording &Words) {
  LintOptions Options;
  std::string Format = "text", SourceRoot = ".", Language;
  bool LanguageGiven = false;
  std::string BaselinePath, WriteBaselinePath;
  bool ListChecks = false;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    auto Value = [&](llvm::StringRef Flag, std::string &Into) {
      if (A == Flag && I + 1 < Args.size()) {
        Into = Args[++I];
        return true;
      }
      if (A.startswith(Flag.str() + "=")) {
        Into = A.substr(Flag.size() + 1).str();
        return true;
      }
      return false;
    };
    if (A == "--") {
      Options.ExtraArgs.assign(Args.begin() + I + 1, Args.end());
      break;
    }
    if (Value("-p", Options.BuildPath) || Value("--checks", Options.Checks) ||
        Value("-checks", Options.Checks) || Value("--format", Format) ||
        Value("--source-root", SourceRoot) ||
        Value("--header-filter", Options.HeaderFilter) ||
        Value("--baseline", BaselinePath) ||
        Value("--write-baseline", WriteBaselinePath))
      continue;
    if (Words.ChooseLanguage && Value("--lang", Language)) {
      LanguageGiven = true;
      continue;
    }
    if (A == "--list-checks") {
      ListChecks = true;
      continue;
    }
    if (A == "--help" || A == "-h") {
      Out << Usage;
      return 0;
    }
    if (A.startswith("-")) {
      Err << "tangle-lint: error: unknown option '" << A << "'\n" << Usage;
      return 2;
    }
    Options.Sources.push_back(A.str());
  }
  if (Format != "text" && Format != "json" && Format != "sarif") {
    Err << "tangle-lint: error: unknown format '" << Format
        << "' (text, json, sarif)\n";
    return 2;
  }
  if (LanguageGiven && !Words.ChooseLanguage(Language)) {
    Err << "tangle-lint: error: --lang expects en or zh, got '" << Language
        << "'\n";
    return 2;
  }
  if (ListChecks) {
    for (const std::unique_ptr<Check> &C : enabledChecks(Options.Checks))
      Out << C->id() << "\n";
    return 0;
  }
  if (Options.Sources.empty() && Options.BuildPath.empty()) {
    Err << "tangle-lint: error: no input files\n" << Usage;
    return 2;
  }
  // A bad baseline is a usage error found before the (long) analysis.
  Baseline Known;
  std::string BaselineError;
  if (!BaselinePath.empty() && !Known.read(BaselinePath, BaselineError)) {
    Err << "tangle-lint: error: " << BaselineError << "\n";
    return 2;
  }
  LintResult Result = runLint(Options);
  for (const std::string &E : Result.Errors)
    Err << "tangle-lint: error: " << E << "\n";
  if (!Result.Errors.empty())
    return 2;
  if (!WriteBaselinePath.empty()) {
    // Every warning found, so that the file can also refresh a baseline.
    std::error_code EC;
    llvm::raw_fd_ostream File(WriteBaselinePath, EC, llvm::sys::fs::OF_Text);
    if (!EC) {
      writeBaseline(Result.Findings, SourceRoot, File);
      File.close();
      EC = File.error();
    }
    if (EC) {
      Err << "tangle-lint: error: cannot write baseline '" << WriteBaselinePath
          << "': " << EC.message() << "\n";
      return 2;
    }
    Err << "tangle-lint: wrote " << Result.Findings.size()
        << (Result.Findings.size() == 1 ? " warning" : " warnings") << " to "
        << WriteBaselinePath << "\n";
    return 0;
  }
  RunInfo Run;
  Run.Inputs = Options.Sources;
  Run.SourceRoot = SourceRoot;
  if (!BaselinePath.empty()) {
    size_t All = Result.Findings.size();
    Result.Findings = Known.newFindings(std::move(Result.Findings), SourceRoot);
    Run.Baseline = BaselinePath;
    Run.BaselineSuppressed = All - Result.Findings.size();
  }
  if (Format == "json")
    renderJson(Result.Findings, Run, Out);
  else if (Format == "sarif")
    renderSarif(Result.Findings, Run, Out);
  else
    renderText(Result.Findings, Out, Words.Translate, &Run);
  return Result.exitCode();
}

} // namespace tangle::analyzer
