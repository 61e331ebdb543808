// Prediction from a recorded run, confirmed on the real program
// (docs/prediction.md): `tangle predict TRACE`, and the step `tangle run`
// and `tangle check` take after a recorded run.
#pragma once

#include "cli/explain.h"
#include "cli/live_program.h"
#include "cli/options.h"
#include "cli/tangle.h"
#include "model/predict/predict.h"

#include <string>
#include <vector>

namespace tangle {

struct PredictionOutcome {
  /// Confirmed deadlocks (counted, found_by "prediction") and predictions
  /// the replay did not confirm (not counted, with the reason).
  std::vector<Explanation> findings;
  PredictStats stats;
  size_t feasible = 0, confirmed = 0;
  /// Races the replay of the recorded order found, and whether it could
  /// look (an instrumented program).
  size_t races = 0;
  bool racesChecked = false;
  bool racesTooLong = false; // not replayed: more than 200,000 events
  /// One line per candidate solved (--verbose): its threads, the solver's
  /// answer and time.
  std::vector<std::string> details;
  std::string error; // the program could not be launched for confirmation
  /// The confirmed findings as the replay reported them.
  std::vector<Finding> confirmedFindings;
};

/// Predicts deadlocks in `run` and confirms each feasible one by replaying
/// the program `launch` describes along its witness (no confirmation when
/// `launch` is null: every prediction is then "not confirmed").
/// `replayTarget` is what follows the options of a replay command line.
PredictionOutcome predictAndConfirm(const RecordedRun &run,
                                    const LaunchOptions *launch,
                                    const ExploreOptions &explore,
                                    const std::string &replayTarget,
                                    const PredictOptions &options = {},
                                    LiveProgram *running = nullptr);

/// `tangle check`'s exploration: when it does not finish within a tenth of
/// the budget, record one free run, predict, confirm, then explore for the
/// rest of the budget; confirmed predictions join the findings
/// (found_by "prediction"). Without a budget, with one under 10 s, or with
/// --no-predict, plain exploration. `copies` gives the workers of --jobs
/// their programs (explorer.h).
Report exploreWithPrediction(LiveProgram &program, const LaunchOptions &launch,
                             const CommandLine &commandLine,
                             const ProgressFn &progress,
                             const ProgramFactory &copies = nullptr);

/// `tangle predict TRACE [--format json] [--verbose] [-- ./program args]`.
int runPredict(const CommandLine &commandLine, Console &console,
               const std::string &argv0);

/// Lines for a text report: the prediction's counts (and the details with
/// --verbose).
void renderPredictionNotes(llvm::raw_ostream &out,
                           const PredictionOutcome &outcome, bool verbose);
/// The same as a JSON object ("prediction" in the report).
std::string predictionJson(const PredictionOutcome &outcome);

} // namespace tangle
