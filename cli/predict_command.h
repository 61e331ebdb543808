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
  /// One line per candidate solved (--verbose): its threads, the solver's
  /// answer and time.
  std::vector<std::string> details;
  std::string error; // the program could not be launched for confirmation
};

/// Predicts deadlocks in `run` and confirms each feasible one by replaying
/// the program `launch` describes along its witness (no confirmation when
/// `launch` is null: every prediction is then "not confirmed").
/// `replayTarget` is what follows the options of a replay command line.
PredictionOutcome predictAndConfirm(const RecordedRun &run,
                                    const LaunchOptions *launch,
                                    const ExploreOptions &explore,
                                    const std::string &replayTarget,
                                    const PredictOptions &options = {});

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
