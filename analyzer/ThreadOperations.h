// Which calls start and end concurrency contexts: pthread_create, C11's
// thrd_create, std::thread and std::jthread (function pointers, lambdas,
// member functions), std::async, fork, signal handlers installed with
// signal() or sigaction(); and which join or wait for them.
#ifndef TANGLE_ANALYZER_THREADOPERATIONS_H
#define TANGLE_ANALYZER_THREADOPERATIONS_H

#include "analyzer/Bindings.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>
#include <vector>

namespace tangle::analyzer {

enum class SpawnKind { Thread, Async, Fork, Signal };

struct SpawnOperation {
  SpawnKind Kind;
  const clang::FunctionDecl *Entry = nullptr; // null for fork
  std::string Handle; // matched against joins; empty when unknown
  // The values the entry's parameters receive, in order (the `arg` of
  // pthread_create, the arguments after the callable of std::thread).
  std::vector<const clang::Expr *> Args;
  const clang::LambdaExpr *Lambda = nullptr; // the entry, when a lambda
};

// `S` is a CFG element: a call or a construction of std::thread/jthread.
// The parent map is asked for only when `S` does start a context.
std::optional<SpawnOperation>
classifySpawn(const clang::Stmt *S,
              llvm::function_ref<const clang::ParentMap &()> Parents,
              const Bindings &B);

struct JoinOperation {
  SpawnKind Kind;
  std::string Handle; // empty: joins whichever context of this kind
};

std::optional<JoinOperation> classifyJoin(const clang::CallExpr *Call,
                                          const Bindings &B);

// A call of a function that only forwards its parameters to pthread_create
// or pthread_join: CS:APP's `Pthread_create` and `Pthread_join` (csapp.c,
// often in another file of the run), a course's own error-checking wrapper.
// `Def` is the callee's definition; the spawn or join is the one the wrapper
// makes, with the call's arguments in place of its parameters.
std::optional<SpawnOperation>
classifyWrappedSpawn(const clang::CallExpr *Call,
                     const clang::FunctionDecl *Def, const Bindings &B);
std::optional<JoinOperation> classifyWrappedJoin(const clang::CallExpr *Call,
                                                 const clang::FunctionDecl *Def,
                                                 const Bindings &B);

// Calls that end the thread (pthread_exit, thrd_exit) versus the whole
// process.
bool endsThread(const clang::CallExpr *Call);

} // namespace tangle::analyzer

#endif
