// Locks as one thread sees them.
#include "analyzer/LockInstances.h"

#include "analyzer/ObjectNames.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace tangle::analyzer {

namespace {
constexpr int MaxDepth = 12;

// Locals written after their initialisation: their initialiser does not
// tell their value.
class Writes : public RecursiveASTVisitor<Writes> {
public:
  llvm::DenseSet<const VarDecl *> &Out;
  explicit Writes(llvm::DenseSet<const VarDecl *> &Out) : Out(Out) {}
  void add(const Expr *E) {
    if (const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParens()))
      if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
        Out.insert(V);
  }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      add(Op->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      add(U->getSubExpr());
    return true;
  }
};

// `std::ref(m)` passes `m`.
const Expr *unwrapReference(const Expr *E) {
  E = stripToObject(E);
  while (const auto *Call = dyn_cast_or_null<CallExpr>(E)) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (!F || !F->getIdentifier() || !F->isInStdNamespace() ||
        (F->getName() != "ref" && F->getName() != "cref") ||
        Call->getNumArgs() != 1)
      break;
    E = stripToObject(Call->getArg(0));
  }
  return E;
}
} // namespace

const ASTContext &LockNamer::Scope::context() const {
  const FunctionDecl *F = Frame       ? Frame->Function
                          : C.Spawner ? C.Spawner
                                      : C.Root;
  return F->getASTContext();
}

bool LockNamer::reassigned(const VarDecl *V, const FunctionDecl *F) {
  auto [It, New] = Reassigned.try_emplace(F);
  if (New)
    Writes(It->second).TraverseStmt(F->getBody());
  return It->second.count(V);
}

const Expr *LockNamer::argumentOf(const ParmVarDecl *P, const Scope &S,
                                  std::optional<Scope> &Caller) {
  unsigned I = P->getFunctionScopeIndex();
  if (S.Frame->Call) {
    const CallExpr *Call = S.Frame->Call->CallSite;
    if (!Call || isa<CXXOperatorCallExpr>(Call) || I >= Call->getNumArgs())
      return nullptr;
    Caller.emplace(Scope{S.Frame->Parent, S.C, S.Instance});
    return Call->getArg(I);
  }
  if (I >= S.C.SpawnArgs.size())
    return nullptr;
  Caller.emplace(Scope{nullptr, S.C, S.Instance});
  return S.C.SpawnArgs[I];
}

std::string LockNamer::key(const Expr *E, const Scope &S, int Depth) {
  E = unwrapReference(E);
  if (!E || Depth > MaxDepth)
    return "";
  if (!S.Frame)
    return objectKey(E, S.context());
  const FunctionDecl *F = S.Frame->Function;
  if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *P = dyn_cast<ParmVarDecl>(D->getDecl());
        P && P->getDeclContext() == F) {
      std::optional<Scope> Caller;
      if (const Expr *Arg = argumentOf(P, S, Caller)) {
        std::string K = key(Arg, *Caller, Depth + 1);
        if (!K.empty())
          return K;
      }
    } else if (const auto *V = dyn_cast<VarDecl>(D->getDecl());
               V && V->isLocalVarDecl() && V->getInit() &&
               (V->getType()->isPointerType() ||
                V->getType()->isReferenceType()) &&
               !reassigned(V, F)) {
      std::string K = key(V->getInit(), S, Depth + 1);
      if (!K.empty())
        return K;
    }
    return objectKey(E, S.context());
  }
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    std::string Base = key(M->getBase(), S, Depth + 1);
    if (!Base.empty())
      return Base + "." + M->getMemberDecl()->getNameAsString();
    return objectKey(E, S.context());
  }
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
    std::string Base = key(A->getBase(), S, Depth + 1);
    if (Base.empty())
      return "";
    std::optional<int64_t> Index = value(A->getIdx(), S, Depth + 1);
    return Base + "[" +
           (Index ? std::to_string(*Index)
                  : compactSpelling(A->getIdx(), S.context())) +
           "]";
  }
  return objectKey(E, S.context());
}

std::optional<int64_t> LockNamer::value(const Expr *E, const Scope &S,
                                        int Depth) {
  if (!E || Depth > MaxDepth || E->isValueDependent())
    return std::nullopt;
  E = E->IgnoreParenCasts();
  Expr::EvalResult R;
  if (E->EvaluateAsInt(R, S.context()))
    return R.Val.getInt().getExtValue();
  if (!S.Frame)
    return std::nullopt;
  const FunctionDecl *F = S.Frame->Function;
  if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *P = dyn_cast<ParmVarDecl>(D->getDecl())) {
      if (P->getDeclContext() != F)
        return std::nullopt;
      if (!S.Frame->Call) {
        // The thread's own argument: `(void *)i`, `&ids[i]` with ids[i] == i.
        const std::string &Key = S.C.argKey(P->getFunctionScopeIndex());
        if (Key == "*")
          return S.Instance;
      }
      std::optional<Scope> Caller;
      if (const Expr *Arg = argumentOf(P, S, Caller))
        return value(Arg, *Caller, Depth + 1);
      return std::nullopt;
    }
    const auto *V = dyn_cast<VarDecl>(D->getDecl());
    if (!V)
      return std::nullopt;
    if (D->refersToEnclosingVariableOrCapture())
      return !S.Frame->Call && S.C.argKey(CapturedBit) == "*" ? S.Instance
                                                              : std::nullopt;
    if (V->isLocalVarDecl() && V->getInit() && !reassigned(V, F))
      return value(V->getInit(), S, Depth + 1);
    return std::nullopt;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    std::optional<int64_t> X = value(U->getSubExpr(), S, Depth + 1);
    if (!X)
      return std::nullopt;
    switch (U->getOpcode()) {
    case UO_Deref: // the value the thread's argument points to
    case UO_Plus:
      return X;
    case UO_Minus:
      return -*X;
    case UO_LNot:
      return !*X;
    default:
      return std::nullopt;
    }
  }
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->isArrow() ? value(M->getBase(), S, Depth + 1) : std::nullopt;
  if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
    std::optional<int64_t> Cond = value(C->getCond(), S, Depth + 1);
    if (!Cond)
      return std::nullopt;
    return value(*Cond ? C->getTrueExpr() : C->getFalseExpr(), S, Depth + 1);
  }
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B)
    return std::nullopt;
  std::optional<int64_t> L = value(B->getLHS(), S, Depth + 1);
  std::optional<int64_t> Rt = value(B->getRHS(), S, Depth + 1);
  if (!L || !Rt)
    return std::nullopt;
  switch (B->getOpcode()) {
  case BO_Add:
    return *L + *Rt;
  case BO_Sub:
    return *L - *Rt;
  case BO_Mul:
    return *L * *Rt;
  case BO_Div:
    return *Rt ? std::optional<int64_t>(*L / *Rt) : std::nullopt;
  case BO_Rem:
    return *Rt ? std::optional<int64_t>(*L % *Rt) : std::nullopt;
  case BO_LT:
    return *L < *Rt;
  case BO_GT:
    return *L > *Rt;
  case BO_LE:
    return *L <= *Rt;
  case BO_GE:
    return *L >= *Rt;
  case BO_EQ:
    return *L == *Rt;
  case BO_NE:
    return *L != *Rt;
  default:
    return std::nullopt;
  }
}

bool LockNamer::mayHold(const Expr *Cond, bool Branch, const CallFrame *Frame,
                        const Context &C, std::optional<int64_t> Instance) {
  if (!Frame)
    return true;
  std::optional<int64_t> V = value(Cond, Scope{Frame, C, Instance}, 0);
  return !V || (*V != 0) == Branch;
}

LockName LockNamer::name(const Expr *Lock, const CallFrame *Frame,
                         const Context &C, std::optional<int64_t> Instance) {
  if (!Lock || !Frame)
    return {};
  std::string Key = key(Lock, Scope{Frame, C, Instance}, 0);
  if (Key.empty())
    return {};
  std::string Display = Key;
  size_t Colon = Display.rfind("::");
  if (Colon != std::string::npos && Display.find('[') == std::string::npos)
    Display = Display.substr(Colon + 2);
  return {Key, Display, Lock};
}

} // namespace tangle::analyzer
