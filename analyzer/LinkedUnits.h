// The translation units of one run, linked: each unit's functions and
// bindings, where each function with external linkage is defined (by USR),
// and which units form one program (a `main` and the units it reaches
// through calls and thread entries). The ASTs stay alive until the checks
// have run; each function is summarised once, in the unit that defines it.
#ifndef TANGLE_ANALYZER_LINKEDUNITS_H
#define TANGLE_ANALYZER_LINKEDUNITS_H

#include "analyzer/Bindings.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <string>
#include <vector>

namespace tangle::analyzer {

struct TranslationUnit {
  unsigned Index = 0;
  clang::ASTContext *Ctx = nullptr;
  Bindings B;
  // The functions analysed (main file, and headers the filter admits).
  std::vector<const clang::FunctionDecl *> Functions;
  bool DefinesMain = false;
  // USRs of functions used here but defined elsewhere.
  std::vector<std::string> External;
};

class LinkedUnits {
public:
  // `Functions`: what the unit analyses, as the header filter chose.
  void add(clang::ASTContext &Ctx,
           std::vector<const clang::FunctionDecl *> Functions);
  // Once every unit is added: index the definitions and what each unit
  // uses of the others (nothing to do for a single unit).
  void link();

  const TranslationUnit &unitOf(const clang::Decl *D) const;
  const std::vector<std::unique_ptr<TranslationUnit>> &units() const {
    return Units;
  }

  // The definition a call or thread entry runs: the body in the same unit,
  // else the one another unit of the run gives the same USR; null when no
  // unit defines it.
  const clang::FunctionDecl *definitionOf(const clang::FunctionDecl *F) const;

  // Units that form one program each, as unit indices. A unit reached from
  // two mains belongs to both programs; units no main reaches are grouped
  // by the references between them.
  std::vector<std::vector<unsigned>> programs() const;

private:
  std::vector<std::unique_ptr<TranslationUnit>> Units;
  llvm::DenseMap<const clang::ASTContext *, unsigned> ByContext;
  llvm::StringMap<const clang::FunctionDecl *> Definitions;
};

} // namespace tangle::analyzer

#endif
