// Which calls read or write a file, and which file: the facts behind
// tangle-shared-file-unlocked.
#ifndef TANGLE_ANALYZER_FILEOPERATIONS_H
#define TANGLE_ANALYZER_FILEOPERATIONS_H

#include "analyzer/Bindings.h"
#include "clang/AST/ExprCXX.h"
#include <optional>

namespace tangle::analyzer {

struct FileAccess {
  bool Write;
  FileName File;
};

// fread/fgets/fscanf/read... (read), fwrite/fprintf/fputs/write/ftruncate...
// (write), and opening for writing ("w", "a", O_TRUNC) which truncates or
// appends.
std::optional<FileAccess> classifyFileCall(const clang::CallExpr *Call,
                                           const clang::ASTContext &Ctx,
                                           const Bindings &B);

// std::ifstream/std::ofstream constructed on a path.
std::optional<FileAccess>
classifyFileStream(const clang::CXXConstructExpr *Construct, const Bindings &B);

// close/fclose: a file lock taken through this descriptor ends here.
const clang::Expr *closedHandle(const clang::CallExpr *Call);

} // namespace tangle::analyzer

#endif
