// Where the child process runs after fork(): the branch of the `if` or the
// `case 0:` of the `switch` that tests fork's result for zero.
#ifndef TANGLE_ANALYZER_FORKREGIONS_H
#define TANGLE_ANALYZER_FORKREGIONS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"

namespace tangle::analyzer {

// The source range of the child's code, or an invalid range when the result
// of fork is not tested in a way we recognise.
clang::SourceRange childBranchOfFork(const clang::CallExpr *Fork,
                                     const clang::Stmt *Body,
                                     const clang::ParentMap &Parents,
                                     const clang::SourceManager &SM);

} // namespace tangle::analyzer

#endif
