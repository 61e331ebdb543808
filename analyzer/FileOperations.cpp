// Which calls read or write a file, and which file.
#include "analyzer/FileOperations.h"

#include "analyzer/ObjectNames.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace tangle::analyzer {

namespace {
struct HandleUse {
  int Arg; // which argument is the FILE* or descriptor, -1: none
  bool Write;
};
} // namespace

static HandleUse handleUse(StringRef Name) {
  return llvm::StringSwitch<HandleUse>(Name)
      .Cases("fscanf", "fgetc", "getc", "read", "pread", "vfscanf", {0, false})
      .Cases("fgets", "getline", "getdelim", {2, false})
      .Case("fread", {3, false})
      .Cases("fprintf", "vfprintf", "dprintf", "vdprintf", "write", "pwrite",
             "ftruncate", {0, true})
      .Cases("fputs", "fputc", "putc", {1, true})
      .Case("fwrite", {3, true})
      .Default({-1, false});
}

static bool opensForWriting(const CallExpr *Call, StringRef Name,
                            const ASTContext &Ctx) {
  if ((Name == "fopen" || Name == "fopen64") && Call->getNumArgs() > 1) {
    const auto *Mode =
        dyn_cast<StringLiteral>(Call->getArg(1)->IgnoreParenCasts());
    return Mode && (Mode->getString().startswith("w") ||
                    Mode->getString().startswith("a"));
  }
  if (Name == "creat")
    return true;
  if ((Name == "open" || Name == "open64") && Call->getNumArgs() > 1) {
    Expr::EvalResult R;
    const int OTrunc = 01000, OAppend = 02000;
    if (Call->getArg(1)->EvaluateAsInt(R, Ctx))
      return R.Val.getInt().getExtValue() & (OTrunc | OAppend);
  }
  return false;
}

std::optional<FileAccess> classifyFileCall(const CallExpr *Call,
                                           const ASTContext &Ctx,
                                           const Bindings &B) {
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F || !F->getIdentifier() ||
      !F->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return std::nullopt;
  StringRef Name = F->getName();
  HandleUse Use = handleUse(Name);
  if (Use.Arg >= 0 && static_cast<unsigned>(Use.Arg) < Call->getNumArgs()) {
    FileName File = B.fileOfHandle(Call->getArg(Use.Arg));
    if (File.empty())
      return std::nullopt;
    return FileAccess{Use.Write, File};
  }
  if (opensForWriting(Call, Name, Ctx)) {
    FileName File = B.fileOpenedBy(Call);
    if (!File.empty())
      return FileAccess{true, File};
  }
  return std::nullopt;
}

std::optional<FileAccess> classifyFileStream(const CXXConstructExpr *C,
                                             const Bindings &B) {
  std::string R = recordName(C->getType());
  bool Read = R == "std::basic_ifstream";
  bool Write = R == "std::basic_ofstream" || R == "std::basic_fstream";
  if ((!Read && !Write) || C->getNumArgs() == 0)
    return std::nullopt;
  FileName File = Bindings::fileOfPath(C->getArg(0));
  if (File.empty())
    return std::nullopt;
  return FileAccess{Write, File};
}

const Expr *closedHandle(const CallExpr *Call) {
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F || !F->getIdentifier() || Call->getNumArgs() != 1)
    return nullptr;
  if (F->getName() == "close" || F->getName() == "fclose")
    return Call->getArg(0);
  return nullptr;
}

} // namespace tangle::analyzer
