// `tangle grade DIR|FILE...`: every submission checked by its own `tangle
// check --format json` child, under the per-run limits, and one row each in
// a table (Markdown, CSV, JSON or an HTML page); docs/cli.md, "grade".
#pragma once

#include "cli/tangle.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace tangle {

enum class GradeFormat { Markdown, Csv, Json, Html };

struct GradeOptions {
  std::vector<std::string> inputs; // folders and source files
  GradeFormat format = GradeFormat::Markdown;
  unsigned jobs = 1;
  double timeoutSeconds = 60; // each check's --timeout
  std::string reportsDir;     // --reports: each row's JSON report goes here
  std::vector<std::string> checkArgs; // after `--`: given to each check
};

/// Parses the words after `grade`; false with a one-line `error`.
bool parseGradeOptions(llvm::ArrayRef<std::string> words, GradeOptions &options,
                       std::string &error);

/// What one submission's check said.
struct GradeFinding {
  std::string id;
  std::string file;
  unsigned line = 0;
  bool counted = true;
  bool isStatic = false;
};

struct GradeRow {
  std::string submission; // as given or found in a folder
  std::string verdict;    // clean, bugs, incomplete, error, timeout, crashed
  std::vector<GradeFinding> findings;
  bool complete = false;
  int preemptionsComplete = -1;
  uint64_t executions = 0;
  double seconds = 0;     // wall clock of the whole check
  std::string error;      // why there is no report (a compile error...)
  std::string reportJson; // the check's JSON report, as printed
  std::string reportFile; // where it was written (--reports)
  std::string htmlFile;   // its HTML page (--reports), written by the check
};

/// The submissions named by `inputs`: each source file; in a folder, each
/// source file in it and each subfolder's one source file. Sorted; false
/// with `error` for a path that is neither.
bool findSubmissions(const std::vector<std::string> &inputs,
                     std::vector<std::string> &submissions, std::string &error);

/// Fills `row` from what the check child printed and how it ended.
void readCheckResult(GradeRow &row, int exitCode, const std::string &stdoutText,
                     const std::string &stderrText);

void renderGrade(llvm::raw_ostream &out, GradeFormat format,
                 const std::vector<GradeRow> &rows);

/// "3 submissions: 1 clean, 2 bugs"
std::string gradeSummary(const std::vector<GradeRow> &rows);

int runGrade(llvm::ArrayRef<std::string> words, Console &console,
             const std::string &argv0);

} // namespace tangle
