// Renderers of a report: one per output format, each building from the same
// explanations; and the verdict and exit code every subcommand shares.
#pragma once

#include "cli/explain.h"
#include "cli/static_checks.h"
#include "model/explore/explorer.h"

#include "llvm/Support/raw_ostream.h"

namespace tangle {

/// NoHang: `tangle run` saw the program end (one run proves nothing about
/// other interleavings, so it is not "clean").
enum class Verdict { Bugs, Clean, Incomplete, NoHang };

/// bugs if there are findings (dynamic, or static ones that count: see
/// confirmStaticFindings); else clean when exploration was complete; else
/// incomplete.
Verdict verdictOf(const Report &report, const StaticPass &staticChecks = {});
const char *verdictName(Verdict verdict);

/// DESIGN.md §4: 0 clean, 1 findings, 3 incomplete without findings.
int exitCodeOf(Verdict verdict);

/// What `tangle run` recorded (docs/cli.md, "run").
struct RecordedSummary {
  int exitStatus = 0;
  uint64_t events = 0;
  size_t threads = 0;
  uint64_t dropped = 0; // events the record region had no room for
  double hangAfter = 3;
};

/// What the renderers say about the run as a whole.
struct RunSummary {
  std::string program;
  std::string command = "check"; // or "replay", "run"
  RecordedSummary recorded;       // run only
  ExploreStats stats;
  uint32_t retryBound = 2; // the bound exploration ran with
  Verdict verdict = Verdict::Clean;
  StaticPass staticChecks; // check FILE.c: the analyzer's findings
  size_t suppressed = 0;   // findings left out by --suppressions
  /// Where the thread was when an execution stopped at a limit or an
  /// unmodelled call (stats.limitNote says what happened), if known.
  SourceLocation stoppedAt;
};

/// What the exploration says about a static finding ("confirmed by the
/// exploration: see [deadlock.cycle] above"), in the current language.
std::string confirmationNote(const StaticFinding &finding);

void renderText(llvm::raw_ostream &out, const RunSummary &run,
                const std::vector<Explanation> &findings);
void renderJson(llvm::raw_ostream &out, const RunSummary &run,
                const std::vector<Explanation> &findings);

/// The closing line of the text report, e.g. "tangle: clean: no deadlock
/// or lock misuse in 6 executions (every interleaving explored, 0.02 s)";
/// `findings` counts the dynamic ones that count, `warnings` those that do
/// not (lock.order-inversion); static ones are in `run`.
std::string summaryLine(const RunSummary &run, size_t findings,
                        size_t warnings = 0);

} // namespace tangle
