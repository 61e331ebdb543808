// Prediction from a recorded run, confirmed on the real program
// (docs/prediction.md): `tangle predict TRACE`, and the step `tangle run`
// and `tangle check` take after a recorded run.
#pragma once

#include <functional>

#include "cli/explain.h"
#include "cli/live_program.h"
#include "cli/options.h"
#include "cli/render.h"
#include "cli/tangle.h"
#include "model/predict/predict.h"

#include <optional>
#include <string>
#include <vector>

namespace tangle {

/// One candidate decided (--verbose, and "candidates" in JSON).
struct CandidateDetail {
  std::vector<std::pair<ThreadId, std::string>> sites; // each request's site
  std::string status, method, reason;
  double seconds = 0; // deciding it (closures and solver)
  size_t events = 0;  // the closure's or the solver window's events
  bool confirmed = false;
  std::string notConfirmed; // why a feasible one was not confirmed
};

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
  /// The replay of the recorded order ran but did not follow it (the
  /// schedule did not fit the program): races not checked, and why.
  std::string racesError;
  /// Replays of the program made (confirmations and the races' replay).
  size_t replays = 0;
  /// One per candidate decided (--verbose): its threads, the answer, the
  /// time it took and which tier gave it.
  std::vector<CandidateDetail> details;
  std::string error; // the program could not be launched for confirmation
  /// check: the free run to predict from could not be recorded.
  std::string recordError;
  /// The confirmed findings as the replay reported them.
  std::vector<Finding> confirmedFindings;
};

/// Predicts deadlocks in `run` and confirms each feasible one by replaying
/// the program `launch` describes along its witness (no confirmation when
/// `launch` is null: every prediction is then "not confirmed").
/// `replayTarget` is what follows the options of a replay command line.
/// `beforeLaunch` runs once, just before the program is first launched
/// (`tangle run` puts the replays in the sandbox there: only a run that
/// replays pays for the sandbox's probe).
PredictionOutcome predictAndConfirm(
    const RecordedRun &run, const LaunchOptions *launch,
    const ExploreOptions &explore, const std::string &replayTarget,
    const PredictOptions &options = {}, LiveProgram *running = nullptr,
    const std::function<void()> &beforeLaunch = {});

/// `tangle check`'s exploration: when it has not finished after a tenth of
/// the budget, record one free run, predict and confirm between two of its
/// executions; a confirmed deadlock ends the exploration (stopped by
/// "prediction"), else it goes on for the rest of the budget. Confirmed
/// predictions join the findings (found_by "prediction"); `predicted` is
/// set when prediction ran. `copies` gives the workers of --jobs their
/// programs (explorer.h). Without a budget, with one under 10 s, or with
/// --no-predict, plain exploration.
Report exploreWithPrediction(LiveProgram &program, const LaunchOptions &launch,
                             const CommandLine &commandLine,
                             const ProgressFn &progress,
                             std::optional<PredictionOutcome> &predicted,
                             const ProgramFactory &copies = nullptr);

/// `tangle predict TRACE [--format json] [--verbose] [-- ./program args]`.
int runPredict(const CommandLine &commandLine, Console &console,
               const std::string &argv0);

/// What a report says of a prediction: its JSON object ("prediction"),
/// and notes with its counts (and one line per candidate with --verbose).
void notePrediction(RunSummary &summary, const PredictionOutcome &outcome,
                    bool verbose);
/// The same as a JSON object ("prediction" in the report).
std::string predictionJson(const PredictionOutcome &outcome);

} // namespace tangle
