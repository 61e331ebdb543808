// What the tangle_blind plugin's passes share (BlindUpdates.cpp,
// SpinLoops.cpp): places in the source as the debug info names them,
// mangled names, the standard library's functions, and the result lists.
#pragma once

#include "clang/AST/Mangle.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringSet.h"

#include <set>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
class SourceManager;
class Stmt;
} // namespace clang

namespace tangle::analyzer {

/// The absolute file, line and column of `Loc`'s expansion (what the debug
/// info gives the instructions emitted for it); false if it has none.
bool presumedPlace(const clang::SourceManager &SM, clang::SourceLocation Loc,
                   std::string &File, unsigned &Line, unsigned &Column);

/// The name of F's symbol.
std::string mangledName(clang::MangleContext &Mangler,
                        const clang::FunctionDecl *F);

/// Whether F is declared in namespace std (or one nested in it).
bool inStd(const clang::FunctionDecl *F);

/// The places of `Yes` that are not in `No` (a place where one template
/// instance qualifies and another does not does not).
template <typename Place>
std::vector<Place> placesOnlyIn(const std::set<Place> &Yes,
                                const std::set<Place> &No) {
  std::vector<Place> Out;
  for (const Place &P : Yes)
    if (!No.count(P))
      Out.push_back(P);
  return Out;
}

/// Whether some statement below S (not S itself) satisfies Pred.
bool anyBelow(const clang::Stmt *S,
              llvm::function_ref<bool(const clang::Stmt *)> Pred);

/// The names, sorted; none when `Needed` is false.
std::vector<std::string> sortedNames(const llvm::StringSet<> &Names,
                                     bool Needed);

} // namespace tangle::analyzer
