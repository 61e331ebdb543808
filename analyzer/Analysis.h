// The analysis of one translation unit, shared by both front ends (the
// libTooling tool and the Clang plugin): summaries, contexts, checks.
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

std::vector<Finding> analyzeTranslationUnit(clang::ASTContext &Ctx,
                                            const AnalysisOptions &Options);

} // namespace tangle::analyzer

#endif
