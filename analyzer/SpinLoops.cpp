// Finds the loops whose turns only load atomics, compare and branch (see
// SpinLoops.h). Why each restriction: the explorer answers a race of a
// repeated turn at the first turn of the repetition, which is sound when a
// turn changes nothing (no store, no counter, no call with effects) and its
// outcome -- go round again or leave -- is a function of the values its
// atomic loads read, which the events hold (a plain read's value, a local
// that an outer loop changes between two entries of this one, are not in
// the events: such a loop is left out).
#include "analyzer/SpinLoops.h"
#include "analyzer/PluginPasses.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <set>
#include <tuple>

using namespace clang;

namespace tangle::analyzer {

bool SpinLoop::operator<(const SpinLoop &O) const {
  return std::tie(File, Line, Column, EndLine, EndColumn) <
         std::tie(O.File, O.Line, O.Column, O.EndLine, O.EndColumn);
}

bool SpinLoop::operator==(const SpinLoop &O) const {
  return !(*this < O) && !(O < *this);
}

namespace {

/// A function of the C++ library that only loads an atomic: std::atomic's
/// (and its bases') load(), conversion to the value, atomic_flag::test(),
/// and std::atomic_load(_explicit), std::atomic_flag_test(_explicit).
bool isLibraryLoad(const FunctionDecl *F) {
  if (!F || !inStd(F))
    return false;
  if (const auto *M = dyn_cast<CXXMethodDecl>(F)) {
    if (!M->getParent()->getName().contains("atomic"))
      return false;
    if (isa<CXXConversionDecl>(M))
      return true;
    return M->getDeclName().isIdentifier() &&
           (M->getName() == "load" || M->getName() == "test");
  }
  if (!F->getDeclName().isIdentifier())
    return false;
  llvm::StringRef Name = F->getName();
  Name.consume_back("_explicit");
  return Name == "atomic_load" || Name == "atomic_flag_test";
}

/// A call that gives the CPU away and changes nothing tangle models:
/// sched_yield and thrd_yield (a Yield step between two turns, which the
/// explorer's rule skips), the CPU's pause.
bool isYield(const FunctionDecl *F, const SourceManager &SM) {
  if (!F->getDeclName().isIdentifier())
    return false;
  llvm::StringRef Name = F->getName();
  if (Name == "__builtin_ia32_pause")
    return true;
  if (!SM.isInSystemHeader(F->getLocation()))
    return false;      // the program's own function of that name
  if (Name == "yield") // std::this_thread::yield
    return inStd(F);
  return Name == "sched_yield" || Name == "thrd_yield" ||
         Name == "pthread_yield" || Name == "_mm_pause";
}

/// Whether the statements of one loop's turn only load, compare and
/// branch. Loads: atomic builtins that load, std::atomic's load functions,
/// reads of an _Atomic lvalue. Plain memory may be read only to compute
/// the address an atomic load reads (`&flags[i]`, whose place the event
/// names); anything else read must be a constant.
class TurnCheck {
public:
  TurnCheck(ASTContext &Ctx, llvm::StringSet<> &Wrappers,
            std::unique_ptr<MangleContext> &Mangler)
      : Ctx(Ctx), Wrappers(Wrappers), Mangler(Mangler) {}

  /// Whether the turn made of `Parts` only loads, compares and branches,
  /// and loads at least once.
  bool onlyLoads(std::initializer_list<const Stmt *> Parts) {
    Loads = 0;
    Budget = 256;
    for (const Stmt *S : Parts)
      if (!allowed(S, /*Address=*/false))
        return false;
    return Loads > 0;
  }

private:
  bool children(const Stmt *S, bool Address) {
    for (const Stmt *Child : S->children())
      if (!allowed(Child, Address))
        return false;
    return true;
  }

  /// `Address`: S computes the address an atomic load reads.
  bool allowed(const Stmt *S, bool Address) {
    if (!S)
      return true;
    if (Budget-- == 0)
      return false;
    if (const auto *If = dyn_cast<IfStmt>(S))
      return !If->getInit() && !If->getConditionVariable() &&
             children(S, Address);
    if (isa<CompoundStmt, NullStmt, BreakStmt, ContinueStmt, ParenExpr,
            ConditionalOperator, BinaryConditionalOperator, OpaqueValueExpr,
            ConstantExpr, MemberExpr, ArraySubscriptExpr>(S))
      return children(S, Address);
    if (isa<IntegerLiteral, CharacterLiteral, FloatingLiteral,
            CXXBoolLiteralExpr, CXXNullPtrLiteralExpr, GNUNullExpr,
            UnaryExprOrTypeTraitExpr, CXXDefaultArgExpr>(S))
      return true;
    if (const auto *D = dyn_cast<DeclRefExpr>(S))
      return isa<VarDecl, EnumConstantDecl, FunctionDecl>(D->getDecl());
    if (const auto *Cast = dyn_cast<CastExpr>(S))
      return castAllowed(Cast, Address);
    if (const auto *U = dyn_cast<UnaryOperator>(S))
      return !U->isIncrementDecrementOp() &&
             children(S, Address || U->getOpcode() == UO_AddrOf);
    if (const auto *B = dyn_cast<BinaryOperator>(S))
      return !B->isAssignmentOp() && children(S, Address);
    if (const auto *A = dyn_cast<AtomicExpr>(S))
      return atomicLoad(A);
    if (const auto *Call = dyn_cast<CallExpr>(S))
      return callAllowed(Call);
    return false;
  }

  bool castAllowed(const CastExpr *Cast, bool Address) {
    const Expr *Sub = Cast->getSubExpr();
    if (Cast->getCastKind() != CK_LValueToRValue)
      return allowed(Sub, Address);
    if (Sub->getType()->isAtomicType()) { // `while (!ready)`, an atomic read
      ++Loads;
      return allowed(Sub, /*Address=*/true);
    }
    return (Address || isConstant(Sub)) && allowed(Sub, Address);
  }

  /// A read of a variable that holds one value for good.
  bool isConstant(const Expr *E) const {
    const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParens());
    const auto *Var = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    if (!Var)
      return false;
    QualType T = Var->getType();
    const Expr *Init = Var->getAnyInitializer();
    return T.isConstQualified() && !T.isVolatileQualified() && Init &&
           Init->isEvaluatable(Ctx);
  }

  bool atomicLoad(const AtomicExpr *A) {
    if (A->getOp() != AtomicExpr::AO__c11_atomic_load &&
        A->getOp() != AtomicExpr::AO__atomic_load_n)
      return false; // __atomic_load(p, &out, ...) stores into out
    ++Loads;
    return allowed(A->getPtr(), /*Address=*/true) &&
           allowed(A->getOrder(), false);
  }

  bool callAllowed(const CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (!F)
      return false;
    if (isYield(F, Ctx.getSourceManager()))
      return Call->getNumArgs() == 0;
    if (!isLibraryLoad(F) || !noteWrappers(F, 0))
      return false;
    ++Loads;
    // The object a member loads from, or a free function's first argument,
    // is the load's address; the rest are memory orders.
    bool First = true;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      if (!allowed(Member->getImplicitObjectArgument(), /*Address=*/true))
        return false;
      First = false;
    }
    for (const Expr *Arg : Call->arguments()) {
      if (!allowed(Arg, First))
        return false;
      First = false;
    }
    return true;
  }

  /// Lists F and the library loads it calls (std::atomic<bool>::operator
  /// bool calls load()) as wrappers; false if F's body does anything but
  /// return a load (then the loop is not listed).
  bool noteWrappers(const FunctionDecl *F, int Depth) {
    const FunctionDecl *Definition = nullptr;
    if (Depth > 2 || !F->hasBody(Definition))
      return false;
    const auto *Body = dyn_cast<CompoundStmt>(Definition->getBody());
    if (!Body)
      return false;
    for (const Stmt *S : Body->body()) {
      const auto *Return = dyn_cast<ReturnStmt>(S);
      const Expr *Value = Return ? Return->getRetValue() : nullptr;
      if (!Value)
        continue; // a builtin load into a buffer is what generic T does:
                  // checked below as any statement
      const auto *Call =
          dyn_cast<CallExpr>(Value->IgnoreImplicit()->IgnoreParens());
      if (Call && isLibraryLoad(Call->getDirectCallee()) &&
          !noteWrappers(Call->getDirectCallee(), Depth + 1))
        return false;
    }
    if (!onlyLibraryLoads(Body))
      return false;
    Wrappers.insert(mangledName(*Mangler, Definition));
    return true;
  }

  /// Whether a library load's body stores nothing the program keeps: no
  /// atomic builtin but loads, no call but other library loads and the
  /// library's memory-order checks.
  bool onlyLibraryLoads(const Stmt *S) const {
    return !anyBelow(S, [](const Stmt *Child) {
      if (const auto *A = dyn_cast<AtomicExpr>(Child))
        return A->getOp() != AtomicExpr::AO__c11_atomic_load &&
               A->getOp() != AtomicExpr::AO__atomic_load_n &&
               A->getOp() != AtomicExpr::AO__atomic_load;
      const auto *Call = dyn_cast<CallExpr>(Child);
      const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
      return Call && !(F && (inStd(F) || F->getBuiltinID()));
    });
  }

  ASTContext &Ctx;
  llvm::StringSet<> &Wrappers;
  std::unique_ptr<MangleContext> &Mangler;
  unsigned Loads = 0;
  unsigned Budget = 0;
};

class Finder : public RecursiveASTVisitor<Finder> {
public:
  explicit Finder(ASTContext &Ctx)
      : Ctx(Ctx), Mangler(Ctx.createMangleContext()),
        Turns(Ctx, Wrappers, Mangler) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitWhileStmt(WhileStmt *S) {
    note(S, !S->getConditionVariable() &&
                Turns.onlyLoads({S->getCond(), S->getBody()}));
    return true;
  }

  bool VisitDoStmt(DoStmt *S) {
    note(S, Turns.onlyLoads({S->getBody(), S->getCond()}));
    return true;
  }

  bool VisitForStmt(ForStmt *S) {
    note(S, !S->getInit() && !S->getInc() && !S->getConditionVariable() &&
                Turns.onlyLoads({S->getCond(), S->getBody()}));
    return true;
  }

  SpinLoops result() const {
    SpinLoops R;
    R.Loops = placesOnlyIn(Pure, Impure);
    R.Wrappers = sortedNames(Wrappers, !R.Loops.empty());
    return R;
  }

private:
  /// Records loop S as pure or not (a template's instances share its
  /// place: one that is not makes the place not pure).
  void note(const Stmt *S, bool IsPure) {
    SpinLoop L;
    if (extentOf(S, L))
      (IsPure ? Pure : Impure).insert(L);
  }

  /// False for a loop in a system header or written by a macro, whose
  /// extent might hold other code.
  bool extentOf(const Stmt *S, SpinLoop &L) const {
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation Begin = S->getBeginLoc(), End = S->getEndLoc();
    if (Begin.isInvalid() || End.isInvalid() || Begin.isMacroID() ||
        End.isMacroID() || SM.isInSystemHeader(Begin) ||
        SM.getFileID(Begin) != SM.getFileID(End))
      return false;
    std::string EndFile;
    return presumedPlace(SM, Begin, L.File, L.Line, L.Column) &&
           presumedPlace(SM, End, EndFile, L.EndLine, L.EndColumn);
  }

  ASTContext &Ctx;
  std::unique_ptr<MangleContext> Mangler;
  llvm::StringSet<> Wrappers;
  TurnCheck Turns;
  std::set<SpinLoop> Pure, Impure;
};

} // namespace

SpinLoops findSpinLoops(ASTContext &Ctx) {
  Finder F(Ctx);
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  return F.result();
}

} // namespace tangle::analyzer
