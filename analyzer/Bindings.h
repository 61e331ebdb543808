// What handle variables refer to across the translation unit: which file a
// FILE*/descriptor variable was opened on, and which container a range-for
// variable walks (so `for (auto &t : pool) t.join()` joins `pool`).
// Flow-insensitive on purpose: student code opens a file once per variable.
// The same walk over every body also notes which functions can have any
// event at all, so that the summaries need no walk of their own for that.
#ifndef TANGLE_ANALYZER_BINDINGS_H
#define TANGLE_ANALYZER_BINDINGS_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <set>
#include <string>
#include <vector>

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

  // The handler stored in the struct sigaction `Action` points to
  // (`sa.sa_handler = h`, `sa.sa_sigaction = h`, or an initialiser).
  const clang::FunctionDecl *signalHandlerOf(const clang::Expr *Action) const;

  // Whether F's body holds a call, a construction or a reference to a
  // global (what any event needs); none when the walk did not cover F
  // (template instantiations, implicit code, system headers).
  std::optional<bool> mayHaveEvents(const clang::FunctionDecl *F) const {
    auto It = Scanned.find(F);
    if (It == Scanned.end())
      return std::nullopt;
    return It->second;
  }

  // The l_type (F_RDLCK, F_WRLCK, F_UNLCK) last stored, above `At`, into
  // the struct flock that `Flock` points to: what fcntl(fd, F_SETLK, &fl)
  // does. Source order stands for flow: set, fcntl, set, fcntl.
  std::optional<int64_t> lockTypeBefore(const clang::Expr *Flock,
                                        clang::SourceLocation At) const;

private:
  llvm::DenseMap<const clang::VarDecl *, FileName> Files;
  llvm::DenseMap<const clang::VarDecl *, const clang::VarDecl *> RangeOf;
  llvm::DenseSet<const clang::VarDecl *> RecursiveAttributes;
  std::set<std::string> RecursiveMutexes;
  llvm::DenseMap<const clang::VarDecl *,
                 std::vector<std::pair<clang::SourceLocation, int64_t>>>
      LockTypes;
  llvm::DenseMap<const clang::VarDecl *, const clang::FunctionDecl *>
      SignalHandlers;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Scanned;
  const clang::SourceManager *SM = nullptr;
  friend class BindingCollector;
};

} // namespace tangle::analyzer

#endif
