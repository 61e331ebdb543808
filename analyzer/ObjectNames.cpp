// Names for the objects an expression denotes.
#include "analyzer/ObjectNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace tangle::analyzer {

const Expr *stripToObject(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref) {
        E = U->getSubExpr();
        continue;
      }
    }
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
      continue;
    }
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
      continue;
    }
    if (const auto *C = dyn_cast<ExprWithCleanups>(E)) {
      E = C->getSubExpr();
      continue;
    }
    return E;
  }
  return nullptr;
}

const VarDecl *rootVariable(const Expr *E) {
  E = stripToObject(E);
  while (E) {
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(D->getDecl());
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      E = stripToObject(A->getBase());
    else if (const auto *M = dyn_cast<MemberExpr>(E))
      E = stripToObject(M->getBase());
    else
      return nullptr;
  }
  return nullptr;
}

std::string compactSpelling(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  std::string Text = Lexer::getSourceText(R, SM, Ctx.getLangOpts()).str();
  std::string Compact;
  for (char C : Text)
    if (!isspace(static_cast<unsigned char>(C)))
      Compact += C;
  return Compact;
}

std::string objectKey(const Expr *E, const ASTContext &Ctx) {
  E = stripToObject(E);
  if (!E)
    return "";
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return D->getDecl()->getQualifiedNameAsString();
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *Member = M->getMemberDecl();
    // `from.m` and `to.m` are different locks; `this->m` is named by its
    // class so that the methods of one object agree.
    std::string Base = objectKey(M->getBase(), Ctx);
    if (!Base.empty())
      return Base + "." + Member->getNameAsString();
    if (const auto *Parent = dyn_cast<RecordDecl>(Member->getDeclContext()))
      if (!Parent->getName().empty())
        return Parent->getQualifiedNameAsString() +
               "::" + Member->getNameAsString();
    return Member->getNameAsString();
  }

  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
    std::string Base = objectKey(A->getBase(), Ctx);
    if (Base.empty())
      return "";
    return Base + "[" + compactSpelling(A->getIdx(), Ctx) + "]";
  }
  return "";
}

std::string recordName(QualType T) {
  T = T.getNonReferenceType();
  if (const auto *P = T->getAs<PointerType>())
    T = P->getPointeeType();
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  if (!R)
    return "";
  std::string Name = R->getQualifiedNameAsString();
  for (const char *Inline : {"__cxx11::", "__1::"}) {
    size_t At = Name.find(Inline);
    if (At != std::string::npos)
      Name.erase(At, strlen(Inline));
  }
  return Name;
}

} // namespace tangle::analyzer
