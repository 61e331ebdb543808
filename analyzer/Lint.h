// The libTooling front end: `tangle-lint` and `tangle lint` both call
// lintMain; `tangle check FILE.c` calls runLint and merges the findings
// with the dynamic ones.
#ifndef TANGLE_ANALYZER_LINT_H
#define TANGLE_ANALYZER_LINT_H

#include "analyzer/Finding.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace tangle::analyzer {

struct LintOptions {
  std::vector<std::string> Sources; // empty with BuildPath: the whole database
  std::string BuildPath;            // holds compile_commands.json
  std::vector<std::string> ExtraArgs; // appended to every compile command
  std::string Checks = "tangle-*";
  std::string HeaderFilter;
};

struct LintResult {
  std::vector<Finding> Findings;
  // Inputs that are missing or do not compile, one line each; when not
  // empty the findings are incomplete.
  std::vector<std::string> Errors;
  // 0 clean, 1 findings, 2 usage or input error (docs/report-format.md).
  int exitCode() const {
    return !Errors.empty() ? 2 : Findings.empty() ? 0 : 1;
  }
};

LintResult runLint(const LintOptions &Options);

// The language of the text output, lent by the tangle command's message
// catalog (cli/messages.h); without it, text is English and --lang an
// unknown option. JSON and SARIF are English either way.
struct Wording {
  // Sets the language for a --lang value; false if it names none.
  bool (*ChooseLanguage)(const std::string &Value) = nullptr;
  // The current language's words for an English format.
  Sentence::Lookup Translate = nullptr;
};

// The whole command line tool: parses `Args` (without the program name),
// runs, renders to Out, reports errors to Err, returns the exit code.
int lintMain(const std::vector<std::string> &Args, llvm::raw_ostream &Out,
             llvm::raw_ostream &Err, const Wording &Words = {});

} // namespace tangle::analyzer

#endif
