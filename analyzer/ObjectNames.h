// Names for the objects an expression denotes (a mutex, a thread handle, a
// file): the key two sites must share to be "the same object".
#ifndef TANGLE_ANALYZER_OBJECTNAMES_H
#define TANGLE_ANALYZER_OBJECTNAMES_H

#include "clang/AST/Expr.h"
#include <string>

namespace tangle::analyzer {

// Strips parentheses, casts, temporaries, `&` and `*`: what is left is the
// object itself (`&m` and `m` name the same mutex).
const clang::Expr *stripToObject(const clang::Expr *E);

// The variable an lvalue is rooted in (`t` for `t`, `t[i]`, `t.x`), if any.
const clang::VarDecl *rootVariable(const clang::Expr *E);

// A stable key for the object: qualified variable names, `Class::member` for
// fields (objects of one class are merged, which errs towards reporting),
// and the index spelled out for array elements (`fork[i]` differs from
// `fork[(i+1)%N]`). Empty when the expression names no object.
std::string objectKey(const clang::Expr *E, const clang::ASTContext &Ctx);

// The source text of `E` without whitespace (`(i+1)%N`).
std::string compactSpelling(const clang::Expr *E, const clang::ASTContext &Ctx);

// The qualified name of a record type with inline namespaces dropped
// (`std::__cxx11::x` → `std::x`), empty for other types.
std::string recordName(clang::QualType T);

} // namespace tangle::analyzer

#endif
