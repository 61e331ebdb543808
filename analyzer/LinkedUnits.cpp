// The translation units of one run, linked by USR.
#include "analyzer/LinkedUnits.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

using namespace clang;

namespace tangle::analyzer {

static std::string usrOf(const FunctionDecl *F) {
  llvm::SmallString<128> Buffer;
  if (index::generateUSRForDecl(F, Buffer))
    return "";
  return Buffer.str().str();
}

// Functions declared in user code, used here and defined in no body of this
// unit: what the unit needs from others. Only declaration contexts are
// walked (namespaces, classes, extern "C"), never function bodies.
static void collectExternal(const DeclContext *DC, const SourceManager &SM,
                            std::set<const FunctionDecl *> &Out) {
  for (const Decl *D : DC->decls()) {
    if (D->getLocation().isValid() && SM.isInSystemHeader(D->getLocation()))
      continue;
    if (const auto *F = dyn_cast<FunctionDecl>(D)) {
      const FunctionDecl *Def = nullptr;
      if (!F->hasBody(Def) && F->isExternallyVisible() &&
          (F->isUsed() || F->isReferenced()))
        Out.insert(F->getCanonicalDecl());
    } else if (const auto *Inner = dyn_cast<DeclContext>(D)) {
      if (isa<NamespaceDecl, LinkageSpecDecl, CXXRecordDecl>(D))
        collectExternal(Inner, SM, Out);
    }
  }
}

void LinkedUnits::add(ASTContext &Ctx,
                      std::vector<const FunctionDecl *> Functions) {
  auto U = std::make_unique<TranslationUnit>();
  U->Index = Units.size();
  U->Ctx = &Ctx;
  U->B.collect(Ctx);
  U->Functions = std::move(Functions);
  for (const FunctionDecl *F : U->Functions)
    U->DefinesMain |= F->isMain();
  ByContext[&Ctx] = U->Index;
  Units.push_back(std::move(U));
}

void LinkedUnits::link() {
  // One unit links to nothing: no USRs to compute.
  if (Units.size() < 2)
    return;
  for (const std::unique_ptr<TranslationUnit> &U : Units) {
    for (const FunctionDecl *F : U->Functions)
      if (F->isExternallyVisible() && !F->isMain())
        Definitions.try_emplace(usrOf(F), F);
    std::set<const FunctionDecl *> Used;
    collectExternal(U->Ctx->getTranslationUnitDecl(),
                    U->Ctx->getSourceManager(), Used);
    for (const FunctionDecl *F : Used)
      U->External.push_back(usrOf(F));
  }
  Definitions.erase("");
}

const TranslationUnit &LinkedUnits::unitOf(const Decl *D) const {
  auto It = ByContext.find(&D->getASTContext());
  assert(It != ByContext.end() && "a declaration of a unit not in the run");
  return *Units[It->second];
}

const FunctionDecl *LinkedUnits::definitionOf(const FunctionDecl *F) const {
  if (!F)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (F->hasBody(Def))
    return Def;
  if (Definitions.empty() || !F->isExternallyVisible())
    return nullptr;
  auto It = Definitions.find(usrOf(F));
  return It == Definitions.end() ? nullptr : It->second;
}

std::vector<std::vector<unsigned>> LinkedUnits::programs() const {
  size_t N = Units.size();
  // Unit I uses a definition of unit J.
  std::vector<std::set<unsigned>> Uses(N);
  for (const std::unique_ptr<TranslationUnit> &U : Units)
    for (const std::string &Usr : U->External) {
      auto It = Definitions.find(Usr);
      if (It != Definitions.end())
        Uses[U->Index].insert(unitOf(It->second).Index);
    }
  std::vector<std::vector<unsigned>> Programs;
  std::vector<bool> Reached(N, false);
  for (const std::unique_ptr<TranslationUnit> &U : Units) {
    if (!U->DefinesMain)
      continue;
    std::vector<bool> In(N, false);
    std::vector<unsigned> Work{U->Index}, Program;
    In[U->Index] = true;
    while (!Work.empty()) {
      unsigned I = Work.back();
      Work.pop_back();
      Program.push_back(I);
      Reached[I] = true;
      for (unsigned J : Uses[I])
        if (!In[J] && !Units[J]->DefinesMain) {
          In[J] = true;
          Work.push_back(J);
        }
    }
    std::sort(Program.begin(), Program.end());
    Programs.push_back(std::move(Program));
  }
  // The rest: a library's units, grouped by what they use of each other.
  std::vector<unsigned> Group(N);
  std::iota(Group.begin(), Group.end(), 0);
  auto Find = [&](unsigned I) {
    while (Group[I] != I)
      I = Group[I] = Group[Group[I]];
    return I;
  };
  for (unsigned I = 0; I < N; ++I)
    for (unsigned J : Uses[I])
      if (!Reached[I] && !Reached[J])
        Group[Find(I)] = Find(J);
  std::map<unsigned, std::vector<unsigned>> Rest;
  for (unsigned I = 0; I < N; ++I)
    if (!Reached[I])
      Rest[Find(I)].push_back(I);
  for (auto &[Root, Members] : Rest)
    Programs.push_back(std::move(Members));
  return Programs;
}

} // namespace tangle::analyzer
