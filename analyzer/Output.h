// Rendering findings: clang-style text, tangle's JSON, and SARIF 2.1.0 with
// one run for the whole invocation (what code scanning wants).
#ifndef TANGLE_ANALYZER_OUTPUT_H
#define TANGLE_ANALYZER_OUTPUT_H

#include "analyzer/Finding.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace tangle::analyzer {

struct RunInfo {
  std::vector<std::string> Inputs;
  std::string SourceRoot; // paths in JSON and SARIF are relative to it
  // With --baseline: its path, and how many warnings it held back (every
  // output says so, so a CI log shows the known ones are still there).
  std::string Baseline;
  unsigned BaselineSuppressed = 0;
};

// In English, or worded through `Translate` (a message catalog's lookup);
// JSON and SARIF are always English.
void renderText(const std::vector<Finding> &Findings, llvm::raw_ostream &OS,
                Sentence::Lookup Translate = nullptr,
                const RunInfo *Run = nullptr);
void renderJson(const std::vector<Finding> &Findings, const RunInfo &Run,
                llvm::raw_ostream &OS);
void renderSarif(const std::vector<Finding> &Findings, const RunInfo &Run,
                 llvm::raw_ostream &OS);

// `Path` relative to `Root` when it lies below it, with '/' separators.
std::string relativeToRoot(const std::string &Path, const std::string &Root);

} // namespace tangle::analyzer

#endif
