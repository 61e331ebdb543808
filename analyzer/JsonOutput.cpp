// tangle's JSON (the shape of docs/report-format.md), each finding marked static.
#include "analyzer/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace tangle::analyzer {

static llvm::json::Object location(const SourcePosition &P,
                                   const RunInfo &Run) {
  return llvm::json::Object{{"file", relativeToRoot(P.File, Run.SourceRoot)},
                            {"line", P.Line},
                            {"column", P.Column}};
}

void renderJson(const std::vector<Finding> &Findings, const RunInfo &Run,
                llvm::raw_ostream &OS) {
  llvm::json::Array List;
  for (const Finding &F : Findings) {
    llvm::json::Array Notes;
    for (const FindingNote &N : F.Notes) {
      llvm::json::Object O = location(N.Where, Run);
      O["message"] = N.Message;
      Notes.push_back(std::move(O));
    }
    List.push_back(llvm::json::Object{
        {"id", F.CheckId},
        {"kind", "static"},
        {"summary", F.Message},
        {"locations", llvm::json::Array{location(F.Where, Run)}},
        {"notes", std::move(Notes)}});
  }
  llvm::json::Array Inputs;
  for (const std::string &I : Run.Inputs)
    Inputs.push_back(relativeToRoot(I, Run.SourceRoot));
  llvm::json::Object Doc{
      {"tool", "tangle"},
      {"version", TANGLE_VERSION},
      {"program",
       Run.Inputs.size() == 1
           ? llvm::json::Value(relativeToRoot(Run.Inputs[0], Run.SourceRoot))
           : llvm::json::Value(std::move(Inputs))},
      {"verdict", Findings.empty() ? "clean" : "bugs"},
      {"findings", std::move(List)}};
  if (!Run.Baseline.empty())
    Doc["baseline"] = llvm::json::Object{
        {"file", Run.Baseline}, {"suppressed", Run.BaselineSuppressed}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Doc))) << "\n";
}

} // namespace tangle::analyzer
