// Prediction from a recorded run, confirmed on the real program: see
// predict_command.h and docs/prediction.md.
#include "cli/predict_command.h"

#include "cli/check_command.h"
#include "cli/interrupt.h"
#include "cli/render.h"
#include "cli/run_command.h"
#include "cli/scratch_directory.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <chrono>
#include <tuple>

namespace tangle {

namespace {

constexpr int ExitUsage = 2;

/// A feasible prediction the replay did not confirm: a finding that does
/// not count, with the recorded acquisitions and requests as its story.
Explanation notConfirmed(const RecordedRun &run, const Prediction &p,
                         const std::string &reason, Symbolizer &symbolizer,
                         ObjectNamer &namer) {
  auto execution = std::make_shared<Execution>();
  execution->end = EndReason::Deadlock;
  Finding f;
  f.kind = FindingKind::DeadlockCycle;
  const auto &parts = p.candidate.parts;
  for (size_t i = 0; i < parts.size(); ++i) {
    const CyclePart &part = parts[i];
    const auto &events = run.threads[part.thread].events;
    Involvement involvement;
    involvement.thread = part.thread;
    involvement.holds.push_back(
        {part.held, uint32_t(execution->events.size())});
    execution->events.push_back(toEvent(events[part.acquire]));
    PendingOp pending;
    pending.thread = part.thread;
    pending.op = events[part.request].op;
    pending.stack.frames[0] = events[part.request].pc;
    execution->pending.push_back(pending);
    involvement.waitsFor = pending;
    involvement.waitsOn = parts[(i + 1) % parts.size()].thread;
    f.locations.push_back(pending.stack);
    f.threads.push_back(std::move(involvement));
  }
  f.object = parts.empty() ? 0 : parts[0].wanted;
  f.step = uint32_t(execution->events.size());
  f.execution = execution;
  f.counted = false;
  f.foundBy = "prediction";
  Explanation e = explain(f, symbolizer, namer, "");
  e.schedule.clear();
  e.replayCommand.clear();
  e.counted = false;
  e.foundBy = "prediction";
  e.notConfirmed = reason;
  return e;
}

std::string describe(const RecordedRun &run, const Prediction &p,
                     Symbolizer &symbolizer, int64_t shift) {
  std::string text;
  for (const CyclePart &part : p.candidate.parts) {
    Stack at;
    at.frames[0] = run.threads[part.thread].events[part.request].pc + shift;
    std::optional<Frame> frame = symbolizer.userFrame(at);
    text += (text.empty() ? "" : ", ") + std::string("thread ") +
            std::to_string(part.thread) + " at " +
            (frame && frame->location.known() ? frame->location.str()
                                              : std::string("?"));
  }
  text += llvm::formatv(": {0} in {1:f3} s ({2} events in the window{3})",
                        predictionStatusName(p.status), p.solverSeconds,
                        p.windowEvents,
                        p.preservedSections ? ", sections in recorded order"
                                            : ", sections reordered")
              .str();
  if (!p.reason.empty())
    text += ": " + p.reason;
  return text;
}

} // namespace

PredictionOutcome predictAndConfirm(const RecordedRun &run,
                                    const LaunchOptions *launch,
                                    const ExploreOptions &explore,
                                    const std::string &replayTarget,
                                    const PredictOptions &options,
                                    LiveProgram *running) {
  PredictionOutcome outcome;
  PredictResult result = predictDeadlocks(run, options);
  outcome.stats = result.stats;
  Symbolizer recorded(modulesOf(run));
  ObjectNamer recordedNamer(recorded);
  std::unique_ptr<LiveProgram> program;
  std::unique_ptr<Symbolizer> live;
  std::unique_ptr<ObjectNamer> liveNamer;
  std::string launchError;
  bool anyFeasible = false;
  for (const Prediction &p : result.predictions)
    anyFeasible |= p.status == PredictionStatus::Feasible;
  LiveProgram *target = running;
  if (running && anyFeasible) {
    live = std::make_unique<Symbolizer>(running->modules());
    liveNamer = std::make_unique<ObjectNamer>(*live);
  } else if (launch && anyFeasible) {
    program = LiveProgram::launch(*launch, launchError);
    target = program.get();
    if (program) {
      live = std::make_unique<Symbolizer>(program->modules());
      liveNamer = std::make_unique<ObjectNamer>(*live);
    } else {
      outcome.error = launchError;
    }
  }
  for (const Prediction &p : result.predictions) {
    // (The recorded run's binary may be gone: name lines from the live one.)
    // (the program's own module moved: shift its addresses).
    int64_t shift = 0;
    if (live && !run.modules.empty() && !target->modules().empty())
      shift = int64_t(target->modules()[0].loadBias) -
              int64_t(run.modules[0].loadBias);
    outcome.details.push_back(
        describe(run, p, live ? *live : recorded, shift));
    if (p.status != PredictionStatus::Feasible)
      continue;
    ++outcome.feasible;
    std::string reason;
    if (!launch && !running) {
      reason = "no program to replay it on";
    } else {
      if (!target) {
        reason = "cannot run the program: " + launchError;
      } else {
        std::vector<ThreadId> schedule = scheduleOf(run, p.witness);
        ExploreOptions replayOptions = explore;
        replayOptions.lockOrder = false;
        Report report = replay(*target, schedule, replayOptions);
        const Finding *found = nullptr;
        for (const Finding &f : report.findings)
          if (f.kind == FindingKind::DeadlockCycle && !found)
            found = &f;
        if (found) {
          Explanation e = explain(*found, *live, *liveNamer, replayTarget);
          e.foundBy = "prediction";
          outcome.findings.push_back(std::move(e));
          outcome.confirmedFindings.push_back(*found);
          outcome.confirmedFindings.back().foundBy = "prediction";
          ++outcome.confirmed;
          outcome.details.back() += "; confirmed by replay";
          continue;
        }
        reason = !report.stats.error.empty()
                     ? "the program did not follow the predicted schedule (" +
                           report.stats.error + ")"
                     : "the replay along the predicted schedule did not "
                       "deadlock";
      }
    }
    outcome.details.back() += "; not confirmed: " + reason;
    outcome.findings.push_back(
        notConfirmed(run, p, reason, recorded, recordedNamer));
  }
  // Races: the recorded run has no memory accesses, so tangle replays the
  // run's own order (its events by timestamp) under control, where the
  // instrumented program's accesses are logged, and keeps the races the
  // happens-before check of that one execution finds (docs/prediction.md).
  // (A replay costs tens of microseconds a step: not for runs of more than
  // 200,000 events, nor past --max-steps.)
  uint64_t events = result.stats.events;
  outcome.racesTooLong =
      events > std::min<uint64_t>(200000, explore.maxSteps);
  if (options.races && (running || launch) && !outcome.racesTooLong) {
    if (!target && launchError.empty()) {
      program = LiveProgram::launch(*launch, launchError);
      target = program.get();
      if (program) {
        live = std::make_unique<Symbolizer>(program->modules());
        liveNamer = std::make_unique<ObjectNamer>(*live);
      }
    }
    if (target) {
      std::vector<std::tuple<uint64_t, ThreadId, uint32_t>> order;
      for (const RecordedThread &t : run.threads)
        for (uint32_t i = 0; i < t.events.size(); ++i)
          order.push_back({t.events[i].time, t.id, i});
      std::sort(order.begin(), order.end());
      std::vector<EventRef> all;
      all.reserve(order.size());
      for (auto [time, t, i] : order)
        all.push_back({t, i});
      ExploreOptions replayOptions = explore;
      replayOptions.lockOrder = false;
      Report report = replay(*target, scheduleOf(run, all), replayOptions);
      outcome.racesChecked = report.stats.racesChecked;
      for (const Finding &f : report.findings)
        if (f.kind == FindingKind::RaceData || f.kind == FindingKind::RaceFile) {
          Explanation e = explain(f, *live, *liveNamer, replayTarget);
          e.foundBy = "prediction";
          outcome.findings.push_back(std::move(e));
          outcome.confirmedFindings.push_back(f);
          outcome.confirmedFindings.back().foundBy = "prediction";
          ++outcome.races;
        }
    }
  }
  return outcome;
}

Report exploreWithPrediction(LiveProgram &program, const LaunchOptions &launch,
                             const CommandLine &commandLine,
                             const ProgressFn &progress,
                             const ProgramFactory &copies) {
  ExploreOptions options = commandLine.explore;
  double budget = options.timeoutSeconds;
  // Below 10 s of budget a probe, a recorded run and a confirmation would
  // eat the budget itself: plain exploration.
  if (!commandLine.predict || budget < 10)
    return explore(program, options, progress, copies);
  auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         started)
        .count();
  };
  ExploreOptions probe = options;
  probe.timeoutSeconds = std::max(1.0, budget / 10);
  Report first = explore(program, probe, progress, copies);
  if (first.stats.complete || first.stats.stoppedBy != "timeout" ||
      interruptSignal().load())
    return first;
  RecordedRun run;
  std::string error =
      recordFreeRun(launch, commandLine.target.displayName(),
                    std::min(options.executionTimeout, budget / 4), run);
  PredictionOutcome outcome;
  if (error.empty())
    outcome = predictAndConfirm(run, nullptr, options, "", {}, &program);
  ExploreOptions rest = options;
  rest.timeoutSeconds = std::max(1.0, budget - elapsed());
  Report report = explore(program, rest, progress, copies);
  for (Finding &f : outcome.confirmedFindings) {
    bool seen = false;
    for (const Finding &g : report.findings)
      seen |= g.kind == f.kind && !g.locations.empty() &&
              !f.locations.empty() &&
              g.locations[0].frames[0] == f.locations[0].frames[0];
    if (!seen && report.findings.size() < options.maxFindings)
      report.findings.push_back(std::move(f));
  }
  report.stats.findings = uint32_t(report.findings.size());
  report.stats.seconds = elapsed();
  return report;
}

void renderPredictionNotes(llvm::raw_ostream &out,
                           const PredictionOutcome &outcome, bool verbose) {
  const PredictStats &s = outcome.stats;
  out << llvm::formatv(
      "note: prediction: {0} lock-order cycles in {1} events, found in "
      "{10:f2} s ({2} one "
      "thread only, {3} guarded by a gate lock, {4} ordered by create/join); "
      "{5} candidates solved in {6:f2} s, {7} feasible, {8} confirmed by "
      "replay; {9}\n",
      s.cycles, s.events, s.sameThread, s.gated, s.orderedByJoin, s.solved,
      s.solverSeconds, outcome.feasible, outcome.confirmed,
      outcome.racesChecked
          ? std::to_string(outcome.races) +
                " races in the replay of the recorded order"
      : outcome.racesTooLong
          ? std::string("races not checked (the run is too long to replay)")
          : std::string("races not checked (the program has no memory "
                        "instrumentation)"),
      s.candidateSeconds);
  if (verbose)
    for (const std::string &line : outcome.details)
      out << "note: prediction: " << line << "\n";
}

std::string predictionJson(const PredictionOutcome &outcome) {
  const PredictStats &s = outcome.stats;
  llvm::json::Array details;
  for (const std::string &line : outcome.details)
    details.push_back(line);
  llvm::json::Object object{
      {"events", int64_t(s.events)},
      {"lock_pairs", int64_t(s.lockPairs)},
      {"cycles", int64_t(s.cycles)},
      {"same_thread", int64_t(s.sameThread)},
      {"gated", int64_t(s.gated)},
      {"ordered_by_join", int64_t(s.orderedByJoin)},
      {"solved", int64_t(s.solved)},
      {"feasible", int64_t(outcome.feasible)},
      {"confirmed", int64_t(outcome.confirmed)},
      {"races", int64_t(outcome.races)},
      {"races_checked", outcome.racesChecked},
      {"candidate_seconds", s.candidateSeconds},
      {"solver_seconds", s.solverSeconds},
      {"candidates", std::move(details)}};
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(std::move(object));
  return os.str();
}

int runPredict(const CommandLine &commandLine, Console &console,
               const std::string &argv0) {
  auto started = std::chrono::steady_clock::now();
  RecordedRun run;
  std::string error = readRecordedRun(commandLine.traceFile, run);
  if (!error.empty()) {
    console.err << "tangle: error: " << error << "\n";
    return ExitUsage;
  }
  // The program to confirm on: the one after --, else the source file the
  // trace names (compiled again), else none.
  ScratchDirectory scratch;
  LaunchOptions launch;
  bool canLaunch = false;
  std::string replayTail;
  if (!commandLine.target.argv.empty()) {
    launch.argv = commandLine.target.argv;
    if (int code = resolveBuiltProgram(launch.argv, console))
      return code;
    canLaunch = true;
    replayTail = "--";
    for (const std::string &word : commandLine.target.argv)
      replayTail += " " + shellQuote(word);
  } else {
    llvm::StringRef name = run.program;
    bool source = name.endswith(".c") || name.endswith(".cpp") ||
                  name.endswith(".cc") || name.endswith(".cxx");
    if (source && llvm::sys::fs::exists(run.program)) {
      ProgramTarget target;
      target.sourceFile = run.program;
      std::string binary;
      bool interrupted = false;
      if (int code = compileTarget(target, argv0, {}, scratch, console, binary,
                                   interrupted))
        return code;
      launch.argv = {binary};
      canLaunch = true;
      replayTail = shellQuote(run.program);
    }
  }
  launch.runtimeLibrary = runtimeLibraryPath(argv0);
  launch.maxSteps = commandLine.explore.maxSteps;
  launch.interrupt = &interruptSignal();
  PredictionOutcome outcome =
      predictAndConfirm(run, canLaunch ? &launch : nullptr,
                        commandLine.explore, replayTail);

  RunSummary summary;
  summary.program = run.program;
  summary.command = "predict";
  summary.stats.seconds = std::chrono::duration<double>(
                              std::chrono::steady_clock::now() - started)
                              .count();
  summary.stats.executions = outcome.feasible;
  summary.recorded.events = outcome.stats.events;
  summary.recorded.threads = run.threads.size();
  summary.recorded.dropped = run.dropped;
  summary.verdict = outcome.confirmed ? Verdict::Bugs : Verdict::NoHang;
  summary.prediction = predictionJson(outcome);
  if (!canLaunch)
    summary.notes.push_back(
        "prediction: nothing could be confirmed: the trace names no source "
        "file that exists; give the program after -- to replay on it");
  std::string notes;
  llvm::raw_string_ostream os(notes);
  renderPredictionNotes(os, outcome, commandLine.verbose);
  os.flush();
  for (llvm::StringRef rest = notes; !rest.empty();) {
    auto [line, tail] = rest.split('\n');
    if (line.startswith("note: "))
      summary.notes.push_back(line.drop_front(6).str());
    rest = tail;
  }
  if (commandLine.format == OutputFormat::Json)
    renderJson(console.out, summary, outcome.findings);
  else
    renderText(console.out, summary, outcome.findings);
  console.out.flush();
  return exitCodeOf(summary.verdict);
}

} // namespace tangle
