// Finds the atomic updates whose result the program discards (see
// BlindUpdates.h). Anything the pass does not understand counts as used: a
// missed blind update costs executions, a wrong one would cost soundness.
#include "analyzer/BlindUpdates.h"
#include "analyzer/PluginPasses.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace clang;

namespace tangle::analyzer {

namespace {

constexpr llvm::StringLiteral Header = "# tangle blind updates 1";

/// Whether an atomic builtin is an update that commutes with itself:
/// add/sub, and, or, xor, in their fetch-then-op and op-then-fetch forms.
bool isUpdate(AtomicExpr::AtomicOp Op) {
  switch (Op) {
  case AtomicExpr::AO__c11_atomic_fetch_add:
  case AtomicExpr::AO__c11_atomic_fetch_sub:
  case AtomicExpr::AO__c11_atomic_fetch_and:
  case AtomicExpr::AO__c11_atomic_fetch_or:
  case AtomicExpr::AO__c11_atomic_fetch_xor:
  case AtomicExpr::AO__atomic_fetch_add:
  case AtomicExpr::AO__atomic_fetch_sub:
  case AtomicExpr::AO__atomic_fetch_and:
  case AtomicExpr::AO__atomic_fetch_or:
  case AtomicExpr::AO__atomic_fetch_xor:
  case AtomicExpr::AO__atomic_add_fetch:
  case AtomicExpr::AO__atomic_sub_fetch:
  case AtomicExpr::AO__atomic_and_fetch:
  case AtomicExpr::AO__atomic_or_fetch:
  case AtomicExpr::AO__atomic_xor_fetch:
    return true;
  default:
    return false;
  }
}

/// __sync_fetch_and_add, __sync_add_and_fetch_4 and the like (not nand).
bool isSyncUpdate(llvm::StringRef Name) {
  if (!Name.consume_front("__sync_"))
    return false;
  for (llvm::StringRef Op : {"add", "sub", "and", "or", "xor"})
    if (Name.startswith(("fetch_and_" + Op).str()) ||
        Name.startswith((Op + "_and_fetch").str()))
      return true;
  return false;
}

/// A function of the C++ library's atomics that may make an update:
/// std::atomic<T>'s (and std::atomic_ref's, and their bases')
/// fetch_add/sub/and/or/xor, ++, --, +=, -=, &=, |=, ^=, and
/// std::atomic_fetch_add and the like. Whether it is a plain wrapper of one
/// update is checked from its body (wrapperChain).
bool isLibraryUpdate(const FunctionDecl *F) {
  if (!F)
    return false;
  // Members of classes in std, and namespaces in std (__atomic_impl).
  if (!inStd(F))
    return false;
  if (const auto *M = dyn_cast<CXXMethodDecl>(F)) {
    if (!M->getParent()->getName().contains("atomic"))
      return false;
    switch (M->getOverloadedOperator()) {
    case OO_PlusPlus:
    case OO_MinusMinus:
    case OO_PlusEqual:
    case OO_MinusEqual:
    case OO_AmpEqual:
    case OO_PipeEqual:
    case OO_CaretEqual:
      return true;
    case OO_None:
      break;
    default:
      return false;
    }
  }
  if (!F->getDeclName().isIdentifier())
    return false;
  llvm::StringRef Name = F->getName();
  Name.consume_front("atomic_");
  Name.consume_back("_explicit");
  return Name == "fetch_add" || Name == "fetch_sub" || Name == "fetch_and" ||
         Name == "fetch_or" || Name == "fetch_xor";
}

/// The program's functions that only forward their parameters to one
/// library call (BlindUpdates::Forwarders). Conservative: a function that
/// reads or writes anything but its parameters and locals, loops, or makes
/// a second call outside its error branches is not one, so a frame of
/// anything the student wrote that could itself be the finding stays in the
/// report.
class ForwarderCheck {
public:
  explicit ForwarderCheck(ASTContext &Ctx) : Ctx(Ctx) {}

  bool isForwarder(const FunctionDecl *F) {
    if (!F->doesThisDeclarationHaveABody() || F->isMain() ||
        isa<CXXMethodDecl>(F) || F->isDependentContext() ||
        Ctx.getSourceManager().isInSystemHeader(F->getLocation()))
      return false;
    Def = F;
    Primary = nullptr;
    Budget = 64;
    return allowed(F->getBody(), /*Branch=*/false) && Primary &&
           forwardsParameters(Primary);
  }

private:
  /// Whether S and what is below it may be in a forwarder; notes the one
  /// library call made outside an error branch (an if's branches, a
  /// conditional's arms: `assert` and CS:APP's unix_error).
  bool allowed(const Stmt *S, bool Branch) {
    if (!S)
      return true;
    if (Budget-- == 0)
      return false;
    if (const auto *If = dyn_cast<IfStmt>(S))
      return !If->getInit() && !If->getConditionVariable() &&
             allowed(If->getCond(), Branch) && allowed(If->getThen(), true) &&
             allowed(If->getElse(), true);
    if (const auto *C = dyn_cast<ConditionalOperator>(S))
      return allowed(C->getCond(), Branch) && allowed(C->getTrueExpr(), true) &&
             allowed(C->getFalseExpr(), true);
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee || isa<CXXMemberCallExpr>(Call))
        return false;
      if (!Branch) {
        if (Primary)
          return false;
        Primary = Call;
      }
    } else if (const auto *D = dyn_cast<DeclRefExpr>(S)) {
      const ValueDecl *V = D->getDecl();
      const auto *Var = dyn_cast<VarDecl>(V);
      if (!(Var ? Var->isLocalVarDeclOrParm() && Var->getDeclContext() == Def
                : isa<FunctionDecl, EnumConstantDecl>(V)))
        return false;
    } else if (const auto *B = dyn_cast<BinaryOperator>(S)) {
      if (B->isAssignmentOp() && !isLocal(B->getLHS()))
        return false;
    } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      if (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf ||
          (U->isIncrementDecrementOp() && !isLocal(U->getSubExpr())))
        return false;
    } else if (const auto *Declaration = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Declaration->decls()) {
        const auto *Var = dyn_cast<VarDecl>(D);
        if (!Var || !Var->hasLocalStorage())
          return false;
      }
    } else if (!isa<CompoundStmt, ReturnStmt, NullStmt, ParenExpr, CastExpr,
                    IntegerLiteral, CharacterLiteral, StringLiteral,
                    CXXNullPtrLiteralExpr, GNUNullExpr, CXXBoolLiteralExpr,
                    PredefinedExpr, UnaryExprOrTypeTraitExpr, StmtExpr>(S)) {
      return false;
    }
    for (const Stmt *Child : S->children())
      if (!allowed(Child, Branch))
        return false;
    return true;
  }

  bool isLocal(const Expr *E) const {
    const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
    const auto *Var = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    return Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var);
  }

  /// Whether the call is to the system's library with nothing of the
  /// function's own: each argument a parameter, as it came, or a constant.
  bool forwardsParameters(const CallExpr *Call) const {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
      return false;
    return llvm::all_of(Call->arguments(), [&](const Expr *Arg) {
      const Expr *E = Arg->IgnoreParenCasts();
      if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
        const auto *P = dyn_cast<ParmVarDecl>(D->getDecl());
        return P && P->getDeclContext() == Def;
      }
      return isa<IntegerLiteral, CharacterLiteral, StringLiteral,
                 CXXNullPtrLiteralExpr, GNUNullExpr>(E);
    });
  }

  ASTContext &Ctx;
  const FunctionDecl *Def = nullptr;
  const CallExpr *Primary = nullptr;
  unsigned Budget = 0;
};

class Finder : public RecursiveASTVisitor<Finder> {
public:
  explicit Finder(ASTContext &Ctx)
      : Ctx(Ctx), Mangler(Ctx.createMangleContext()), Forwarders(Ctx) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitFunctionDecl(FunctionDecl *F) {
    if (Forwarders.isForwarder(F))
      ForwarderNames.push_back(mangledName(F));
    return true;
  }

  bool VisitAtomicExpr(AtomicExpr *E) {
    if (isUpdate(E->getOp()))
      note(E, /*Understood=*/true);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *E) {
    if (E->isIncrementDecrementOp() &&
        E->getSubExpr()->getType()->isAtomicType())
      note(E, true);
    return true;
  }

  bool VisitCompoundAssignOperator(CompoundAssignOperator *E) {
    switch (E->getOpcode()) {
    case BO_AddAssign:
    case BO_SubAssign:
    case BO_AndAssign:
    case BO_OrAssign:
    case BO_XorAssign:
      if (E->getLHS()->getType()->isAtomicType())
        note(E, true);
      break;
    default:
      break;
    }
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *F = E->getDirectCallee();
    if (!F)
      return true;
    if (unsigned Builtin = F->getBuiltinID()) {
      if (isSyncUpdate(Ctx.BuiltinInfo.getName(Builtin)))
        note(E, true);
      return true;
    }
    if (!isLibraryUpdate(F))
      return true;
    std::vector<std::string> Chain;
    bool Understood = wrapperChain(F, Chain, 0) && !containsUpdate(E);
    if (note(E, Understood))
      for (std::string &Name : Chain)
        Wrappers.insert(std::move(Name));
    return true;
  }

  BlindUpdates result() const {
    BlindUpdates R;
    R.Sites = placesOnlyIn(Blind, Used);
    R.Wrappers = sortedNames(Wrappers, !R.Sites.empty());
    R.Forwarders = ForwarderNames;
    llvm::sort(R.Forwarders);
    return R;
  }

private:
  /// Records update E; returns whether it is blind.
  bool note(const Expr *E, bool Understood) {
    UpdateSite Site;
    if (!siteOf(E, Site))
      return false;
    bool Blind = Understood && valueDiscarded(E);
    (Blind ? this->Blind : Used).insert(Site);
    return Blind;
  }

  bool siteOf(const Expr *E, UpdateSite &Site) const {
    return presumedPlace(Ctx.getSourceManager(), E->getExprLoc(), Site.File,
                         Site.Line, Site.Column);
  }

  /// Whether E's value goes nowhere: E is a statement of its own, the
  /// left of a comma, cast to void, a for loop's increment.
  bool valueDiscarded(const Expr *E) {
    const Stmt *Child = E;
    for (int Depth = 0; Depth < 16; ++Depth) {
      DynTypedNodeList Parents = Ctx.getParents(*Child);
      if (Parents.size() != 1)
        return false;
      const Stmt *P = Parents[0].get<Stmt>();
      if (!P)
        return false;
      if (isa<ParenExpr>(P) || isa<FullExpr>(P)) {
        Child = P;
        continue;
      }
      if (const auto *Cast = dyn_cast<CastExpr>(P))
        return Cast->getCastKind() == CK_ToVoid;
      if (const auto *Comma = dyn_cast<BinaryOperator>(P)) {
        if (Comma->getOpcode() != BO_Comma)
          return false;
        if (Comma->getLHS() == Child)
          return true;
        Child = P; // the comma's value is the right side's
        continue;
      }
      if (const auto *Block = dyn_cast<CompoundStmt>(P)) {
        // The last statement of a GNU statement expression is its value.
        DynTypedNodeList Outer = Ctx.getParents(*Block);
        return !(Block->body_back() == Child &&
                 (Outer.size() != 1 || Outer[0].get<StmtExpr>()));
      }
      if (const auto *If = dyn_cast<IfStmt>(P))
        return If->getThen() == Child || If->getElse() == Child;
      if (const auto *For = dyn_cast<ForStmt>(P))
        return For->getInc() == Child || For->getBody() == Child ||
               For->getInit() == Child;
      if (const auto *While = dyn_cast<WhileStmt>(P))
        return While->getBody() == Child;
      if (const auto *Do = dyn_cast<DoStmt>(P))
        return Do->getBody() == Child;
      if (const auto *Range = dyn_cast<CXXForRangeStmt>(P))
        return Range->getBody() == Child;
      if (const auto *Case = dyn_cast<SwitchCase>(P))
        return Case->getSubStmt() == Child;
      if (const auto *Label = dyn_cast<LabelStmt>(P))
        return Label->getSubStmt() == Child;
      if (const auto *Attributed = dyn_cast<AttributedStmt>(P))
        return Attributed->getSubStmt() == Child;
      return false;
    }
    return false;
  }

  /// Whether anything below S (arguments of a call, operands of a builtin)
  /// makes an update of its own, which a frame in a wrapper could be
  /// confused with.
  bool containsUpdate(const Stmt *S) const {
    return anyBelow(S, [](const Stmt *Child) {
      if (const auto *A = dyn_cast<AtomicExpr>(Child))
        return isUpdate(A->getOp());
      const auto *C = dyn_cast<CallExpr>(Child);
      return C && isLibraryUpdate(C->getDirectCallee());
    });
  }

  /// Whether F's body is `return <update>;`, the update an atomic builtin
  /// or a call to another such function, and nothing else makes an update
  /// in it. Chain gets the mangled name of F and of each function it calls
  /// on the way.
  bool wrapperChain(const FunctionDecl *F, std::vector<std::string> &Chain,
                    int Depth) {
    const FunctionDecl *Definition = nullptr;
    if (Depth > 4 || !F->hasBody(Definition) || !Definition)
      return false;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
    if (!Body || Body->body_empty())
      return false;
    // Nothing before the return but static_asserts (std::atomic<T*> checks
    // that T is an object type).
    for (const Stmt *S : Body->body())
      if (S != Body->body_back() && !isStaticAssert(S))
        return false;
    const auto *Return = dyn_cast<ReturnStmt>(Body->body_back());
    if (!Return || !Return->getRetValue())
      return false;
    const Expr *Value = Return->getRetValue()->IgnoreParenImpCasts();
    if (const auto *Full = dyn_cast<FullExpr>(Value))
      Value = Full->getSubExpr()->IgnoreParenImpCasts();
    Chain.push_back(mangledName(Definition));
    if (const auto *Builtin = dyn_cast<AtomicExpr>(Value))
      return isUpdate(Builtin->getOp()) && !containsUpdate(Builtin);
    const auto *Call = dyn_cast<CallExpr>(Value);
    if (!Call || !isLibraryUpdate(Call->getDirectCallee()) ||
        containsUpdate(Call))
      return false;
    return wrapperChain(Call->getDirectCallee(), Chain, Depth + 1);
  }

  static bool isStaticAssert(const Stmt *S) {
    const auto *Declaration = dyn_cast<DeclStmt>(S);
    return Declaration && llvm::all_of(Declaration->decls(), [](const Decl *D) {
             return isa<StaticAssertDecl>(D);
           });
  }

  std::string mangledName(const FunctionDecl *F) const {
    return analyzer::mangledName(*Mangler, F);
  }

  ASTContext &Ctx;
  std::unique_ptr<MangleContext> Mangler;
  std::set<UpdateSite> Blind, Used;
  llvm::StringSet<> Wrappers;
  ForwarderCheck Forwarders;
  std::vector<std::string> ForwarderNames;
};

} // namespace

bool presumedPlace(const SourceManager &SM, SourceLocation Loc,
                   std::string &File, unsigned &Line, unsigned &Column) {
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isInvalid())
    return false;
  llvm::SmallString<256> Path(P.getFilename());
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  File = std::string(Path);
  Line = P.getLine();
  Column = P.getColumn();
  return true;
}

std::string mangledName(MangleContext &Mangler, const FunctionDecl *F) {
  if (!Mangler.shouldMangleDeclName(F))
    return F->getName().str();
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  Mangler.mangleName(GlobalDecl(F), OS);
  return OS.str();
}

bool inStd(const FunctionDecl *F) {
  const DeclContext *DC = F->getDeclContext();
  while (DC && !DC->isStdNamespace())
    DC = DC->getParent();
  return DC != nullptr;
}

bool anyBelow(const Stmt *S, llvm::function_ref<bool(const Stmt *)> Pred) {
  for (const Stmt *Child : S->children())
    if (Child && (Pred(Child) || anyBelow(Child, Pred)))
      return true;
  return false;
}

std::vector<std::string> sortedNames(const llvm::StringSet<> &Names,
                                     bool Needed) {
  std::vector<std::string> Out;
  if (Needed)
    for (const auto &N : Names)
      Out.push_back(N.getKey().str());
  llvm::sort(Out);
  return Out;
}

BlindUpdates findBlindUpdates(ASTContext &Ctx) {
  Finder F(Ctx);
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  return F.result();
}

std::string formatBlindUpdates(const BlindUpdates &Updates) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << Header << "\n";
  for (const UpdateSite &S : Updates.Sites)
    OS << "site " << S.Line << " " << S.Column << " " << S.File << "\n";
  for (const std::string &W : Updates.Wrappers)
    OS << "wrapper " << W << "\n";
  for (const std::string &F : Updates.Forwarders)
    OS << "forwarder " << F << "\n";
  for (const SpinLoop &L : Updates.Spins.Loops)
    OS << "spin " << L.Line << " " << L.Column << " " << L.EndLine << " "
       << L.EndColumn << " " << L.File << "\n";
  for (const std::string &W : Updates.Spins.Wrappers)
    OS << "spin-wrapper " << W << "\n";
  return OS.str();
}

/// "LINE COLUMN END-LINE END-COLUMN FILE", the rest of a "spin" line.
static bool parseSpinLoop(llvm::StringRef Line, SpinLoops &Spins) {
  SpinLoop L;
  for (unsigned *Number : {&L.Line, &L.Column, &L.EndLine, &L.EndColumn}) {
    llvm::StringRef Field;
    std::tie(Field, Line) = Line.split(' ');
    if (Field.getAsInteger(10, *Number))
      return false;
  }
  if (Line.empty())
    return false;
  L.File = Line.str();
  Spins.Loops.push_back(std::move(L));
  return true;
}

bool parseBlindUpdates(llvm::StringRef Text, BlindUpdates &Updates,
                       std::string &Error) {
  Updates = BlindUpdates();
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  if (Lines.empty() || Lines.front() != Header) {
    Error = "not a list of blind updates";
    return false;
  }
  for (llvm::StringRef Line : llvm::drop_begin(Lines)) {
    if (Line == Header) // the next file's
      continue;
    if (Line.consume_front("wrapper ")) {
      Updates.Wrappers.push_back(Line.str());
      continue;
    }
    if (Line.consume_front("forwarder ")) {
      Updates.Forwarders.push_back(Line.str());
      continue;
    }
    if (Line.consume_front("spin-wrapper ")) {
      Updates.Spins.Wrappers.push_back(Line.str());
      continue;
    }
    if (Line.consume_front("spin ")) {
      if (!parseSpinLoop(Line, Updates.Spins)) {
        Error = "malformed spin loop";
        return false;
      }
      continue;
    }
    UpdateSite S;
    llvm::StringRef LineNumber, Column;
    if (!Line.consume_front("site ")) {
      Error = "unexpected line '" + Line.str() + "'";
      return false;
    }
    std::tie(LineNumber, Line) = Line.split(' ');
    std::tie(Column, Line) = Line.split(' ');
    if (LineNumber.getAsInteger(10, S.Line) ||
        Column.getAsInteger(10, S.Column) || Line.empty()) {
      Error = "malformed site";
      return false;
    }
    S.File = Line.str();
    Updates.Sites.push_back(std::move(S));
  }
  return true;
}

} // namespace tangle::analyzer
