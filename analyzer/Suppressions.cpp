// NOLINT comments.
#include "analyzer/Suppressions.h"

#include "analyzer/CheckGlobs.h"

using namespace clang;

namespace tangle::analyzer {

namespace {
struct Marker {
  bool Found = false;
  std::string Checks; // empty: all
};

// Finds `Word` not followed by a longer NOLINT word, with its check list.
Marker findMarker(llvm::StringRef Line, llvm::StringRef Word) {
  size_t At = 0;
  while ((At = Line.find(Word, At)) != llvm::StringRef::npos) {
    llvm::StringRef Rest = Line.substr(At + Word.size());
    At += Word.size();
    if (!Rest.empty() && (isalpha(static_cast<unsigned char>(Rest[0]))))
      continue; // NOLINT is a prefix of NOLINTNEXTLINE
    Marker M{true, ""};
    if (Rest.consume_front("(")) {
      size_t Close = Rest.find(')');
      M.Checks = Rest.substr(0, Close).str();
      if (M.Checks.empty())
        M.Checks = "*";
    }
    return M;
  }
  return {};
}

bool covers(const std::string &Checks, llvm::StringRef CheckId) {
  return Checks.empty() || CheckGlobs(Checks).matches(CheckId);
}

llvm::StringRef lineText(llvm::StringRef Buffer, unsigned Line) {
  unsigned Current = 1;
  size_t Begin = 0;
  while (Current < Line) {
    size_t NL = Buffer.find('\n', Begin);
    if (NL == llvm::StringRef::npos)
      return "";
    Begin = NL + 1;
    ++Current;
  }
  return Buffer.substr(Begin).split('\n').first;
}
} // namespace

const std::vector<Suppressions::Region> &
Suppressions::regionsOf(FileID File) {
  auto It = Regions.find(File);
  if (It != Regions.end())
    return It->second;
  std::vector<Region> &Out = Regions[File];
  llvm::StringRef Buffer = SM.getBufferData(File);
  std::vector<std::pair<unsigned, std::string>> Open;
  unsigned LineNo = 0;
  for (llvm::StringRef Rest = Buffer; !Rest.empty();) {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    ++LineNo;
    if (Marker B = findMarker(Line, "NOLINTBEGIN"); B.Found)
      Open.push_back({LineNo, B.Checks});
    if (Marker E = findMarker(Line, "NOLINTEND"); E.Found && !Open.empty()) {
      Out.push_back({Open.back().first, LineNo, Open.back().second});
      Open.pop_back();
    }
  }
  return Out;
}

bool Suppressions::isSuppressed(llvm::StringRef CheckId, SourceLocation Loc) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  FileID File = SM.getFileID(Loc);
  unsigned Line = SM.getExpansionLineNumber(Loc);
  llvm::StringRef Buffer = SM.getBufferData(File);
  Marker Same = findMarker(lineText(Buffer, Line), "NOLINT");
  if (Same.Found && covers(Same.Checks, CheckId))
    return true;
  if (Line > 1) {
    Marker Next = findMarker(lineText(Buffer, Line - 1), "NOLINTNEXTLINE");
    if (Next.Found && covers(Next.Checks, CheckId))
      return true;
  }
  for (const Region &R : regionsOf(File))
    if (R.FirstLine <= Line && Line <= R.LastLine && covers(R.Checks, CheckId))
      return true;
  return false;
}

} // namespace tangle::analyzer
