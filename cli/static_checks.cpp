// The static pass of `tangle check FILE.c` and the rule that decides which
// static findings count in the verdict.
#include "cli/static_checks.h"

#include "cli/compile.h"
#include "cli/messages.h"

#include "analyzer/Lint.h"
#include "analyzer/Output.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

namespace tangle {
namespace {

/// The dynamic findings that show what a static check warns about.
/// A check not listed is one the exploration does not do.
std::vector<FindingKind> dynamicCounterparts(const analyzer::Finding &f) {
  const std::string &checkId = f.CheckId;
  // File races are checked by the exploration between threads and between
  // forked processes alike (each child runs under the same scheduler).
  if (checkId == "tangle-shared-file-unlocked")
    return {FindingKind::RaceFile};
  if (checkId == "tangle-lock-order-inversion")
    return {FindingKind::DeadlockCycle};
  if (checkId == "tangle-double-lock")
    return {FindingKind::LockSelfDeadlock};
  if (checkId == "tangle-unlock-not-held")
    return {FindingKind::LockUnlockUnlocked, FindingKind::LockUnlockNotOwner,
            FindingKind::LockRecursiveUnbalanced};
  if (checkId == "tangle-missing-unlock")
    return {FindingKind::LockHeldAtExit, FindingKind::LockRecursiveUnbalanced,
            FindingKind::LockDestroyLocked};
  if (checkId == "tangle-shared-global-unlocked" ||
      checkId == "tangle-thread-arg-changed")
    return {FindingKind::RaceData};
  return {};
}

/// Whether the counterpart is the race detector's: it confirms or refutes
/// only when the exploration logged memory accesses.
bool needsRaceDetector(const std::vector<FindingKind> &kinds) {
  return llvm::is_contained(kinds, FindingKind::RaceData);
}

/// The flags tangle compiles the source with, for the analyzer: the compile
/// command without the compiler, the output and the source.
std::vector<std::string> analyzerFlags(const ProgramTarget &target) {
  std::vector<std::string> argv =
      compileCommand(target.sourceFile, target.compilerFlags, "-");
  std::vector<std::string> sources = target.sources();
  std::vector<std::string> flags;
  // The standard compileCommand defaults to is left to runLint, which
  // parses C++ that is not C++17 again as C++20 as compileSource does.
  const std::string defaulted = "-std=" + std::string(DefaultCxxStandard);
  bool userStandard = llvm::is_contained(target.compilerFlags, defaulted);
  for (size_t i = 1; i < argv.size(); ++i) {
    if (argv[i] == "-o")
      ++i;
    else if (!llvm::is_contained(sources, argv[i]) &&
             (argv[i] != defaulted || userStandard))
      flags.push_back(argv[i]);
  }
  return flags;
}

void relativize(analyzer::SourcePosition &where, const std::string &cwd) {
  where.File = analyzer::relativeToRoot(where.File, cwd);
}

} // namespace

size_t StaticPass::counted() const {
  return llvm::count_if(findings,
                        [](const StaticFinding &f) { return f.counted; });
}

const char *confirmationName(Confirmation confirmation) {
  switch (confirmation) {
  case Confirmation::Confirmed:
    return "confirmed";
  case Confirmation::NotConfirmed:
    return "not-confirmed";
  case Confirmation::Unexplored:
    return "unexplored";
  case Confirmation::StaticOnly:
    return "static-only";
  case Confirmation::RacesPartial:
    return "races-partial";
  }
  return "?";
}

std::string reportLanguage(const analyzer::Sentence &text) {
  return text.str(static_cast<const char *(*)(const char *)>(&tr));
}

StaticPass runStaticChecks(const ProgramTarget &target) {
  analyzer::LintOptions options;
  options.Sources = target.sources();
  options.ExtraArgs = analyzerFlags(target);
  analyzer::LintResult result = analyzer::runLint(options);
  StaticPass pass;
  if (!result.Errors.empty()) {
    pass.error = result.Errors.front();
    return pass;
  }
  pass.ran = true;
  llvm::SmallString<256> cwd;
  llvm::sys::fs::current_path(cwd);
  for (analyzer::Finding &finding : result.Findings) {
    relativize(finding.Where, std::string(cwd));
    for (analyzer::FindingNote &note : finding.Notes)
      relativize(note.Where, std::string(cwd));
    pass.findings.push_back({std::move(finding)});
  }
  return pass;
}

void confirmStaticFindings(StaticPass &pass, const Report &report) {
  for (StaticFinding &f : pass.findings) {
    std::vector<FindingKind> kinds = dynamicCounterparts(f.finding);
    if (kinds.empty()) {
      f.confirmation = Confirmation::StaticOnly;
      f.counted = true;
      continue;
    }
    if (needsRaceDetector(kinds) && !report.stats.racesChecked) {
      // Without the race detector nothing refutes the approximation (locks
      // reached through pointers it cannot name): shown, not counted.
      f.confirmation = Confirmation::StaticOnly;
      f.counted = false;
      continue;
    }
    auto shown = llvm::find_if(report.findings, [&](const Finding &d) {
      return llvm::is_contained(kinds, d.kind);
    });
    if (shown != report.findings.end()) {
      f.confirmation = Confirmation::Confirmed;
      f.confirmedBy = findingId(shown->kind);
      f.counted = true;
    } else if (needsRaceDetector(kinds) && report.stats.racesPartial) {
      // An execution's access log filled: the accesses after that were not
      // checked, and the race warned of may be among them. Neither shown nor
      // ruled out, however complete the exploration.
      f.confirmation = Confirmation::RacesPartial;
      f.counted = false;
    } else if (report.stats.complete) {
      // Exploration is exact for the interleavings of this input: a lock
      // bug it never reaches is a false positive of the approximation.
      f.confirmation = Confirmation::NotConfirmed;
      f.counted = false;
    } else {
      f.confirmation = Confirmation::Unexplored;
      // A data-race warning still has false alarms of its own (conditions,
      // locks behind pointers): counted only once the detector agrees.
      f.counted = !needsRaceDetector(kinds);
    }
  }
}

} // namespace tangle
