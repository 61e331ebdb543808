// Which values of a function derive from its parameters (and, in a lambda,
// from the variables it captured by copy): the facts that tell one thread's
// `slot[id]` from another's, and a parameter lock from the caller's argument.
#ifndef TANGLE_ANALYZER_PARAMETERFLOW_H
#define TANGLE_ANALYZER_PARAMETERFLOW_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include <cstdint>

namespace tangle::analyzer {

// Bit i: the i-th parameter; CapturedBit: a variable a lambda captured by
// copy. Parameters past the 63rd are not tracked.
using ParamMask = uint64_t;
inline constexpr unsigned CapturedBit = 63;

class ParameterFlow {
public:
  // One walk over the body collects initialisations and assignments of
  // locals; a few rounds close them over each other.
  explicit ParameterFlow(const clang::FunctionDecl *F);
  // The parameters the value of `E` may derive from.
  ParamMask of(const clang::Expr *E) const;

private:
  ParamMask ofDecl(const clang::ValueDecl *D) const;
  const clang::FunctionDecl *F;
  llvm::DenseMap<const clang::ValueDecl *, ParamMask> Locals;
  llvm::DenseMap<const clang::ValueDecl *, bool> CapturedByCopy;
};

} // namespace tangle::analyzer

#endif
