// SARIF 2.1.0: one run for the whole invocation, the rules table from the
// registry, paths relative to the source root, stable fingerprints.
#include "analyzer/CheckRegistry.h"
#include "analyzer/Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MD5.h"

namespace tangle::analyzer {

static llvm::json::Object physicalLocation(const SourcePosition &P,
                                           const RunInfo &Run) {
  return llvm::json::Object{
      {"artifactLocation",
       llvm::json::Object{{"uri", relativeToRoot(P.File, Run.SourceRoot)},
                          {"uriBaseId", "SRCROOT"}}},
      {"region",
       llvm::json::Object{{"startLine", P.Line}, {"startColumn", P.Column}}}};
}

// Independent of line numbers, so a finding keeps its identity when code
// above it moves.
static std::string fingerprint(const Finding &F, const RunInfo &Run) {
  llvm::MD5 Hash;
  Hash.update(F.CheckId);
  Hash.update(relativeToRoot(F.Where.File, Run.SourceRoot));
  Hash.update(F.Message);
  llvm::MD5::MD5Result Result;
  Hash.final(Result);
  return Result.digest().str().str();
}

void renderSarif(const std::vector<Finding> &Findings, const RunInfo &Run,
                 llvm::raw_ostream &OS) {
  llvm::json::Array Rules;
  std::vector<std::string> RuleIds;
  for (const std::unique_ptr<Check> &C : allChecks()) {
    RuleIds.push_back(C->id());
    Rules.push_back(llvm::json::Object{
        {"id", C->id()},
        {"shortDescription", llvm::json::Object{{"text", C->summary()}}},
        {"helpUri", std::string("docs/checks/") + C->id() + ".md"},
        {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}}});
  }
  llvm::json::Array Results;
  for (const Finding &F : Findings) {
    llvm::json::Array Related;
    int NoteId = 0;
    for (const FindingNote &N : F.Notes)
      Related.push_back(llvm::json::Object{
          {"id", NoteId++},
          {"physicalLocation", physicalLocation(N.Where, Run)},
          {"message", llvm::json::Object{{"text", N.Message}}}});
    auto Index = std::find(RuleIds.begin(), RuleIds.end(), F.CheckId);
    Results.push_back(llvm::json::Object{
        {"ruleId", F.CheckId},
        {"ruleIndex", static_cast<int64_t>(Index - RuleIds.begin())},
        {"level", "warning"},
        {"message", llvm::json::Object{{"text", F.Message}}},
        {"locations",
         llvm::json::Array{llvm::json::Object{
             {"physicalLocation", physicalLocation(F.Where, Run)}}}},
        {"relatedLocations", std::move(Related)},
        {"partialFingerprints",
         llvm::json::Object{{"tangleFindingHash/v1", fingerprint(F, Run)}}}});
  }
  llvm::SmallString<256> Root(Run.SourceRoot);
  llvm::sys::fs::make_absolute(Root);
  std::string RootUri = "file://" + Root.str().str();
  if (!llvm::StringRef(RootUri).endswith("/"))
    RootUri += "/";
  llvm::json::Object Run0{
      {"tool",
       llvm::json::Object{
           {"driver", llvm::json::Object{{"name", "tangle"},
                                         {"version", TANGLE_VERSION},
                                         {"rules", std::move(Rules)}}}}},
      {"originalUriBaseIds",
       llvm::json::Object{{"SRCROOT", llvm::json::Object{{"uri", RootUri}}}}},
      {"results", std::move(Results)}};
  // The property bag: SARIF has no field for warnings a baseline held back.
  if (!Run.Baseline.empty())
    Run0["properties"] = llvm::json::Object{
        {"tangleBaseline",
         llvm::json::Object{{"file", Run.Baseline},
                            {"suppressed", Run.BaselineSuppressed}}}};
  llvm::json::Object Doc{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", llvm::json::Array{std::move(Run0)}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Doc))) << "\n";
}

} // namespace tangle::analyzer
