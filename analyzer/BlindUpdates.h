// The compile-time half of the blind-update reduction (model/objects/atomic.h):
// which atomic updates (fetch_add, fetch_or, `c++` on an atomic...) discard
// their result, found in the AST of the program tangle compiles. It is not
// a lint: `tangle check` runs it in the compile itself (the tangle_blind
// plugin, analyzer/plugin/TangleBlindPlugin.cpp), and cli/blind_updates.cpp
// places the sites in the binary through its debug info. The same pass lists
// the program's forwarders (BlindUpdates::Forwarders), for the reports, and
// its output carries the spin loops the plugin finds (SpinLoops.h).
#pragma once

#include "analyzer/SpinLoops.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace tangle::analyzer {

/// A place in the source as the debug info names it: the expansion
/// location of the expression's own location (Expr::getExprLoc, which is
/// what clang's code generation gives the instructions it emits for it).
struct UpdateSite {
  std::string File; // absolute
  unsigned Line = 0;
  unsigned Column = 0;
  bool operator<(const UpdateSite &O) const {
    if (File != O.File)
      return File < O.File;
    if (Line != O.Line)
      return Line < O.Line;
    return Column < O.Column;
  }
  bool operator==(const UpdateSite &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
};

struct BlindUpdates {
  /// Atomic updates whose result is discarded, at places where no update
  /// whose result is used (or that the pass does not understand) is.
  std::vector<UpdateSite> Sites;
  /// Mangled names of the library functions between a blind call site and
  /// the update it makes (std::atomic<int>::operator++(int) calls
  /// fetch_add), each checked to return the update's result and do
  /// nothing else.
  std::vector<std::string> Wrappers;
  /// Mangled names of the program's own functions that only forward their
  /// parameters to one thread, process or synchronisation call and at most
  /// report its failure (CS:APP's P, V and Pthread_create): a report names
  /// the line that called one, not the line inside it (cli/symbolizer.h).
  std::vector<std::string> Forwarders;
  /// The loops whose turns only load and compare (findSpinLoops), listed
  /// by the plugin in the same file.
  SpinLoops Spins;
};

/// Every blind update of the translation unit, template instantiations
/// included.
BlindUpdates findBlindUpdates(clang::ASTContext &Ctx);

/// The plugin's output file, read back by tangle. The compile of several
/// files appends one such text per file; the parser reads them as one.
std::string formatBlindUpdates(const BlindUpdates &Updates);
/// False, with `Error`, for text that is not formatBlindUpdates output.
bool parseBlindUpdates(llvm::StringRef Text, BlindUpdates &Updates,
                       std::string &Error);

} // namespace tangle::analyzer
