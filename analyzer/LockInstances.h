// Locks as one thread sees them: a parameter stands for the argument its
// caller passed (`transfer(&a, &b)` locks `a.m` and `b.m`), and an index that
// follows the thread's argument takes that thread's value (`fork[i]` and
// `fork[(i+1)%N]` of philosopher 4 are `fork[4]` and `fork[0]`).
#ifndef TANGLE_ANALYZER_LOCKINSTANCES_H
#define TANGLE_ANALYZER_LOCKINSTANCES_H

#include "analyzer/Contexts.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace tangle::analyzer {

class LockNamer {
public:
  // The lock `Lock` taken in `Frame` of context `C`, in the instance whose
  // loop value is `Instance` (none: any instance). Empty Key when the
  // expression names no object.
  LockName name(const clang::Expr *Lock, const CallFrame *Frame,
                const Context &C, std::optional<int64_t> Instance);

  // Whether `Cond` can be true in that instance (unknown: yes).
  bool mayHold(const clang::Expr *Cond, bool Branch, const CallFrame *Frame,
               const Context &C, std::optional<int64_t> Instance);

private:
  struct Scope {
    const CallFrame *Frame; // null: the spawner's, where nothing is a param
    const Context &C;
    std::optional<int64_t> Instance;
    // The unit the scope's expressions belong to.
    const clang::ASTContext &context() const;
  };
  std::string key(const clang::Expr *E, const Scope &S, int Depth);
  std::optional<int64_t> value(const clang::Expr *E, const Scope &S, int Depth);
  // The argument parameter `P` of the frame's function received, and the
  // scope it is read in.
  const clang::Expr *argumentOf(const clang::ParmVarDecl *P, const Scope &S,
                                std::optional<Scope> &Caller);
  bool reassigned(const clang::VarDecl *V, const clang::FunctionDecl *F);

  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::DenseSet<const clang::VarDecl *>>
      Reassigned;
};

} // namespace tangle::analyzer

#endif
