// The analysis shared by both front ends (the libTooling tool and the Clang
// plugin): summaries, contexts, checks — of one translation unit, or of
// several linked into programs.
#ifndef TANGLE_ANALYZER_ANALYSIS_H
#define TANGLE_ANALYZER_ANALYSIS_H

#include "analyzer/Finding.h"
#include "clang/AST/ASTContext.h"
#include <string>
#include <vector>

namespace tangle::analyzer {

struct AnalysisOptions {
  std::string Checks = "tangle-*";
  // Functions in headers matching this regex are analysed too; the main
  // file always is.
  std::string HeaderFilter;
};

// Each function is summarised once, in the unit that defines it; the units
// of one program (LinkedUnits::programs) are checked together, so a thread
// started in one file runs the body another file defines.
std::vector<Finding>
analyzeTranslationUnits(const std::vector<clang::ASTContext *> &Units,
                        const AnalysisOptions &Options);

inline std::vector<Finding>
analyzeTranslationUnit(clang::ASTContext &Ctx, const AnalysisOptions &Options) {
  return analyzeTranslationUnits({&Ctx}, Options);
}

} // namespace tangle::analyzer

#endif
