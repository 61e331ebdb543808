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

// The text of the line holding byte `Offset`, and the line before it:
// found by scanning back from the offset, so a report costs the length of
// two lines, not of the file.
std::pair<llvm::StringRef, llvm::StringRef>
lineAndPrevious(llvm::StringRef Buffer, unsigned Offset) {
  size_t Begin = Buffer.rfind('\n', Offset == 0 ? 0 : Offset - 1);
  Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
  llvm::StringRef Line = Buffer.substr(Begin).split('\n').first;
  if (Begin == 0)
    return {Line, ""};
  size_t PrevBegin =
      Begin >= 2 ? Buffer.rfind('\n', Begin - 2) : llvm::StringRef::npos;
  PrevBegin = PrevBegin == llvm::StringRef::npos ? 0 : PrevBegin + 1;
  return {Line, Buffer.slice(PrevBegin, Begin - 1)};
}
} // namespace

const std::vector<Suppressions::Region> &Suppressions::regionsOf(FileID File) {
  auto It = Regions.find(File);
  if (It != Regions.end())
    return It->second;
  std::vector<Region> &Out = Regions[File];
  llvm::StringRef Buffer = SM.getBufferData(File);
  // One search of the whole file instead of two per line when, as in most
  // files, there is no region at all.
  if (!Buffer.contains("NOLINTBEGIN"))
    return Out;
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
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  unsigned Line = SM.getExpansionLineNumber(Loc);
  auto [Text, Previous] = lineAndPrevious(SM.getBufferData(File), Offset);
  Marker Same = findMarker(Text, "NOLINT");
  if (Same.Found && covers(Same.Checks, CheckId))
    return true;
  Marker Next = findMarker(Previous, "NOLINTNEXTLINE");
  if (Next.Found && covers(Next.Checks, CheckId))
    return true;
  for (const Region &R : regionsOf(File))
    if (R.FirstLine <= Line && Line <= R.LastLine && covers(R.Checks, CheckId))
      return true;
  return false;
}

} // namespace tangle::analyzer
