// The compile-time half of the spin-loop rule (docs/exploration.md, "The
// program's spin loops"): which loops of the program only load atomics,
// compare what they read with constants and branch -- `while
// (!atomic_load(&go));`, `while (!ready.load()) {}`, `for (;;) { if
// (atomic_load(&f)) break; sched_yield(); }` -- so that a turn leaves
// nothing behind but whether the loop ended. Found in the AST by the
// tangle_blind plugin (with the blind updates, BlindUpdates.h); tangle
// places each loop in the binary through its debug info
// (cli/blind_updates.cpp) and marks the atomic loads made there
// AtomicSpinTurn (model/event.h). A loop the pass does not understand, or
// that stores, counts, calls anything else or reads plain memory, is not
// listed: a missed loop costs executions, a wrong one soundness.
#pragma once

#include <string>
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace tangle::analyzer {

/// A loop's extent in the source: from its keyword to its last character,
/// the positions the debug info gives the instructions of its turns.
struct SpinLoop {
  std::string File; // absolute
  unsigned Line = 0, Column = 0, EndLine = 0, EndColumn = 0;
  bool operator<(const SpinLoop &O) const;
  bool operator==(const SpinLoop &O) const;
};

struct SpinLoops {
  std::vector<SpinLoop> Loops;
  /// Mangled names of the library functions a loop calls to load
  /// (std::atomic<bool>::operator bool, std::atomic_load): the frames
  /// allowed between a marked load and its loop when not inlined.
  std::vector<std::string> Wrappers;
};

/// Every loop of the translation unit whose turns only load, compare and
/// branch, outside system headers and macros; a place where some template
/// instance's loop does more is left out.
SpinLoops findSpinLoops(clang::ASTContext &Ctx);

} // namespace tangle::analyzer
