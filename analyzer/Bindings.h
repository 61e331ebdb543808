// What handle variables refer to across the translation unit: which file a
// FILE*/descriptor variable was opened on, and which container a range-for
// variable walks (so `for (auto &t : pool) t.join()` joins `pool`).
// Flow-insensitive on purpose: student code opens a file once per variable.
#ifndef TANGLE_ANALYZER_BINDINGS_H
#define TANGLE_ANALYZER_BINDINGS_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <set>
#include <string>

namespace tangle::analyzer {

// A file as the checks compare it: `Key` is equal for the same path literal,
// path variable or macro; `Display` is what messages show.
struct FileName {
  std::string Key;
  std::string Display;
  bool empty() const { return Key.empty(); }
};

class Bindings {
public:
  // Scans every function body outside system headers.
  void collect(clang::ASTContext &Ctx);

  // The file a path argument names (literal, macro, const or global path).
  static FileName fileOfPath(const clang::Expr *Path);
  // The file behind a FILE* or descriptor expression (`f`, `fileno(f)`).
  FileName fileOfHandle(const clang::Expr *Handle) const;
  // The name a thread/future/pid handle is matched by between spawn and join.
  std::string handleName(const clang::Expr *Handle) const;
  std::string handleName(const clang::VarDecl *Var) const;

  // The file opened by an fopen/open/creat/fdopen call, or empty.
  FileName fileOpenedBy(const clang::Expr *E) const;

  void bindHandle(const clang::VarDecl *Var, const clang::Expr *Value);

  // A pthread mutex initialised with an attribute set to
  // PTHREAD_MUTEX_RECURSIVE: it may be locked again by its holder.
  bool isRecursiveMutex(const std::string &Key) const {
    return RecursiveMutexes.count(Key);
  }

private:
  llvm::DenseMap<const clang::VarDecl *, FileName> Files;
  llvm::DenseMap<const clang::VarDecl *, const clang::VarDecl *> RangeOf;
  llvm::DenseSet<const clang::VarDecl *> RecursiveAttributes;
  std::set<std::string> RecursiveMutexes;
  friend class BindingCollector;
};

} // namespace tangle::analyzer

#endif
