// Renderers of a report: one per output format, each building from the same
// explanations; and the verdict and exit code every subcommand shares.
#pragma once

#include "cli/explain.h"
#include "cli/options.h"
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

/// docs/architecture.md: 0 clean, 1 findings, 3 incomplete without findings.
int exitCodeOf(Verdict verdict);

/// What `tangle run` recorded (docs/cli.md, "run").
struct RecordedSummary {
  int exitStatus = 0;
  uint64_t events = 0;
  size_t threads = 0;
  size_t processes = 1; // a forked child's thread is a thread of its own
  uint64_t dropped = 0; // events the record region had no room for
  double hangAfter = 3;
  /// What the program used that the run did not record, each with its
  /// first call site if known: "pipes (first at prog.c:12)".
  std::vector<std::string> unwatched;
  /// The program has the memory-access hooks, which record mode ignores.
  bool racesUnchecked = false;
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
  /// Prediction from a recorded run (docs/prediction.md): its summary as a
  /// JSON object ("prediction"), and lines shown as notes in text.
  std::string prediction;
  std::vector<std::string> notes;
  /// --shard I/N: which part of how many, and what every shard of the run
  /// shares (tangle merge checks it).
  uint32_t shardIndex = 0, shardCount = 0;
  std::string fingerprint;
};

/// What the exploration says about a static finding ("confirmed by the
/// exploration: see [deadlock.cycle] above"), in the current language.
std::string confirmationNote(const StaticFinding &finding);

/// What a row of the interleaving says the thread does; for a thread
/// blocked at the end, that it is blocked (or spins at an atomic, which
/// never blocks, or polls); for a detached thread the process's end cut
/// off (`cutOff`), only that.
std::string stepOperation(const StepView &step, bool blocked, bool cutOff);

void renderText(llvm::raw_ostream &out, const RunSummary &run,
                const std::vector<Explanation> &findings);
void renderJson(llvm::raw_ostream &out, const RunSummary &run,
                const std::vector<Explanation> &findings);
/// SARIF 2.1.0, one run: dynamic findings with their witness as code flows,
/// and the static ones (docs/report-format.md).
void renderSarif(llvm::raw_ostream &out, const RunSummary &run,
                 const std::vector<Explanation> &findings);
/// GitHub Actions workflow commands: one annotation per finding.
void renderGithub(llvm::raw_ostream &out, const RunSummary &run,
                  const std::vector<Explanation> &findings);
/// The report in `format`.
void renderReport(llvm::raw_ostream &out, OutputFormat format,
                  const RunSummary &run,
                  const std::vector<Explanation> &findings);

/// Workflow-command escaping: of a message (%, CR, LF), and of a property
/// value (also ':' and ',').
std::string escapeWorkflowData(llvm::StringRef text);
std::string escapeWorkflowProperty(llvm::StringRef text);

/// The dynamic finding that confirms static finding `f` (its id is
/// f.confirmedBy; one at the same line first), or findings.size().
size_t confirmingFinding(const StaticFinding &f,
                         const std::vector<Explanation> &findings);

/// One story per problem: the static warnings of `run` that a dynamic
/// finding confirms, under that finding (`under[i]` for findings[i]), and
/// those that stand alone; the ones a complete exploration refuted are in
/// neither (the JSON keeps them).
struct FoldedStatic {
  std::vector<std::vector<const StaticFinding *>> under;
  std::vector<const StaticFinding *> alone;
};
FoldedStatic foldStatic(const RunSummary &run,
                        const std::vector<Explanation> &findings);

/// The closing line of the text report, e.g. "tangle: clean: no deadlock
/// or lock misuse in 6 executions (every interleaving explored, 0.02 s)";
/// `findings` counts the dynamic ones that count, `warnings` those that do
/// not (lock.order-inversion); static ones are in `run`.
std::string summaryLine(const RunSummary &run, size_t findings,
                        size_t warnings = 0);

} // namespace tangle
