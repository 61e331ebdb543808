// The concurrency contexts of a translation unit — the main thread, each
// thread entry, each forked child — with their events flattened through the
// calls they make, and the rule that says which two may run concurrently.
#ifndef TANGLE_ANALYZER_CONTEXTS_H
#define TANGLE_ANALYZER_CONTEXTS_H

#include "analyzer/FunctionSummary.h"
#include <string>
#include <vector>

namespace tangle::analyzer {

enum class ContextKind { Spawner, Thread, ChildProcess };

struct Context {
  unsigned Id = 0;
  ContextKind Kind = ContextKind::Spawner;
  const clang::FunctionDecl *Root = nullptr; // whose body it runs
  const clang::FunctionDecl *Spawner = nullptr;
  clang::SourceLocation SpawnSite;
  unsigned SpawnOffset = 0;
  unsigned JoinOffset = ~0u; // first join after the spawn; ~0u: never
  bool MultipleInstances = false;
  OffsetRange Region; // ChildProcess: the child's branch in Root
  std::string Name;   // "thread 'worker'", "child process", "main thread"
};

// An event as seen from a context: `Offset` is the place in the context's
// root function (the call site for events inside callees) and `Chain` the
// call sites that lead from the root to it.
struct ContextEvent {
  const Event *E;
  LockSet Held;
  unsigned Offset;
  std::vector<clang::SourceLocation> Chain;
  unsigned Context;
};

class Program {
public:
  Program(Summaries &S, std::vector<const clang::FunctionDecl *> Functions);

  const std::vector<Context> &contexts() const { return Contexts; }
  const std::vector<ContextEvent> &events(unsigned Context) const {
    return Events[Context];
  }
  const std::vector<const clang::FunctionDecl *> &functions() const {
    return Functions;
  }
  Summaries &summaries() const { return S; }
  // Functions that start a context: their lock state at entry is empty.
  bool isContextRoot(const clang::FunctionDecl *F) const;

  // Whether the two events may run at the same time.
  bool mayRunConcurrently(const ContextEvent &A, const ContextEvent &B) const;
  // Whether the two contexts share memory (threads of one process).
  bool shareMemory(unsigned A, unsigned B) const;

private:
  void findContexts();
  void flatten(const clang::FunctionDecl *F, const LockSet &Outer,
               const std::vector<std::string> &Released, unsigned Offset,
               std::vector<clang::SourceLocation> &Chain,
               std::vector<const clang::FunctionDecl *> &Stack,
               std::vector<ContextEvent> &Out, unsigned Context, bool IsRoot);

  Summaries &S;
  std::vector<const clang::FunctionDecl *> Functions;
  std::vector<Context> Contexts;
  std::vector<std::vector<ContextEvent>> Events;
};

} // namespace tangle::analyzer

#endif
