// Baseline files: read, match, write.
#include "analyzer/Baseline.h"

#include "analyzer/Output.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cctype>

namespace tangle::analyzer {

const char *const BaselineHeader = "# tangle-lint baseline v1";

namespace {

// Whitespace runs (tabs included) become one space; ends trimmed.
std::string normalised(llvm::StringRef Text) {
  std::string Out;
  bool Space = false;
  for (char C : Text) {
    if (std::isspace(static_cast<unsigned char>(C))) {
      Space = true;
      continue;
    }
    if (Space && !Out.empty())
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

// A message names a lambda's thread by the line it starts on; that number
// moves with the code above it.
std::string withoutLineNumbers(llvm::StringRef Message) {
  std::string Out;
  while (!Message.empty()) {
    size_t At = Message.find("line ");
    if (At == llvm::StringRef::npos) {
      Out += Message.str();
      break;
    }
    Out += Message.substr(0, At + 5).str();
    Message = Message.drop_front(At + 5);
    size_t Digits = 0;
    while (Digits < Message.size() && llvm::isDigit(Message[Digits]))
      ++Digits;
    if (Digits)
      Out += '#';
    Message = Message.drop_front(Digits);
  }
  return normalised(Out);
}

std::string lineOf(const SourcePosition &P) {
  auto Buffer = llvm::MemoryBuffer::getFile(P.File, /*IsText=*/true);
  if (!Buffer || P.Line == 0)
    return "";
  llvm::StringRef Text = (*Buffer)->getBuffer();
  for (unsigned L = 1; L < P.Line && !Text.empty(); ++L)
    Text = Text.split('\n').second;
  return normalised(Text.split('\n').first);
}

} // namespace

std::string baselineKey(const Finding &F, const std::string &SourceRoot) {
  return F.CheckId + "\t" + relativeToRoot(F.Where.File, SourceRoot) + "\t" +
         lineOf(F.Where) + "\t" + withoutLineNumbers(F.Message);
}

bool Baseline::read(const std::string &Path, std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error = "cannot read baseline '" + Path +
            "': " + Buffer.getError().message();
    return false;
  }
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  if (Lines.empty() || Lines.front().rtrim("\r") != BaselineHeader) {
    Error = "'" + Path + "' is not a tangle-lint baseline (its first line is not '" +
            BaselineHeader + "')";
    return false;
  }
  for (size_t I = 1; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I].rtrim("\r");
    if (Line.empty())
      continue;
    llvm::SmallVector<llvm::StringRef, 4> Fields;
    Line.split(Fields, '\t');
    if (Fields.size() != 4 || !Fields[0].startswith("tangle-") ||
        Fields[1].empty()) {
      Error = "corrupt baseline '" + Path + "': line " + std::to_string(I + 1) +
              " is not 'check<TAB>file<TAB>code<TAB>message'";
      return false;
    }
    ++Known[Line.str()];
  }
  return true;
}

std::vector<Finding> Baseline::newFindings(std::vector<Finding> Findings,
                                           const std::string &SourceRoot) const {
  std::map<std::string, unsigned> Left = Known;
  std::vector<Finding> New;
  for (Finding &F : Findings) {
    auto It = Left.find(baselineKey(F, SourceRoot));
    if (It != Left.end() && It->second > 0) {
      --It->second;
      continue;
    }
    New.push_back(std::move(F));
  }
  return New;
}

void writeBaseline(const std::vector<Finding> &Findings,
                   const std::string &SourceRoot, llvm::raw_ostream &OS) {
  OS << BaselineHeader << "\n";
  for (const Finding &F : Findings)
    OS << baselineKey(F, SourceRoot) << "\n";
}

} // namespace tangle::analyzer
