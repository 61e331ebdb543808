// Prediction from a recorded run, confirmed on the real program: see
// predict_command.h and docs/prediction.md.
#include "cli/predict_command.h"

#include "cli/check_command.h"
#include "cli/interrupt.h"
#include "cli/messages.h"
#include "cli/render.h"
#include "cli/run_command.h"
#include "cli/scratch_directory.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>
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

/// Where a part of the cycle requests its next lock: the source line, else
/// the function (optimised code often has no line for a call's return
/// address), else the module and offset.
std::string requestSite(const RecordedRun &run, const CyclePart &part,
                        Symbolizer &symbolizer, int64_t shift) {
  Stack at;
  at.frames[0] = run.threads[part.thread].events[part.request].pc + shift;
  if (std::optional<Frame> frame = symbolizer.userFrame(at))
    return frame->location.str();
  std::vector<Frame> frames = symbolizer.frames(at);
  if (!frames.empty() && !frames[0].location.function.empty())
    return frames[0].location.function + " (" +
           (frames[0].location.file.empty() ? std::string("?")
                                            : frames[0].location.file) +
           ", no line)";
  if (!frames.empty() && frames[0].module)
    return llvm::formatv(
               "{0}+{1:x}", llvm::sys::path::filename(frames[0].module->path),
               Symbolizer::fileAddress(*frames[0].module, at.frames[0]))
        .str();
  return "?";
}

CandidateDetail describe(const RecordedRun &run, const Prediction &p,
                         Symbolizer &symbolizer, int64_t shift) {
  CandidateDetail d;
  for (const CyclePart &part : p.candidate.parts)
    d.sites.push_back({part.thread, requestSite(run, part, symbolizer, shift)});
  d.status = predictionStatusName(p.status);
  d.seconds = p.solverSeconds;
  d.events = p.windowEvents;
  d.method = p.method;
  d.reason = p.reason;
  return d;
}

/// The catalog key of a tier's name (model/predict/predict.h).
const char *methodKey(const std::string &method) {
  for (const char *key :
       {msg("sync-preserving closure"), msg("closure, held sections last"),
        msg("solver, sections in recorded order"),
        msg("solver, sections reordered")})
    if (method == key)
      return key;
  return "";
}

const char *statusKey(const std::string &status) {
  for (const char *key : {msg("feasible"), msg("infeasible"), msg("unknown")})
    if (status == key)
      return key;
  return "";
}

/// One candidate as a line: English for JSON, translated for notes.
std::string detailLine(const CandidateDetail &d, bool translate) {
  auto t = [&](const char *text) {
    return translate ? std::string(tr(text)) : std::string(text);
  };
  std::string text;
  for (const auto &[thread, site] : d.sites)
    text +=
        (text.empty() ? "" : ", ") +
        llvm::formatv(t(msg("thread {0} at {1}")).c_str(), thread, site).str();
  std::string seconds = llvm::formatv("{0:f3}", d.seconds).str();
  text += llvm::formatv(t(msg(": {0} in {1} s ({2} events, {3})")).c_str(),
                        t(statusKey(d.status)), seconds, d.events,
                        t(methodKey(d.method)))
              .str();
  if (!d.reason.empty())
    text += ": " + d.reason;
  if (d.confirmed)
    text += t(msg("; confirmed by replay"));
  else if (!d.notConfirmed.empty())
    text +=
        llvm::formatv(t(msg("; not confirmed: {0}")).c_str(), d.notConfirmed)
            .str();
  return text;
}

} // namespace

PredictionOutcome predictAndConfirm(const RecordedRun &run,
                                    const LaunchOptions *launch,
                                    const ExploreOptions &explore,
                                    const std::string &replayTarget,
                                    const PredictOptions &options,
                                    LiveProgram *running,
                                    const std::function<void()> &beforeLaunch) {
  PredictionOutcome outcome;
  PredictResult result = predictDeadlocks(run, options);
  outcome.stats = result.stats;
  Symbolizer recorded(modulesOf(run));
  if (launch)
    useForwarders(recorded, *launch);
  ObjectNamer recordedNamer(recorded);
  std::unique_ptr<LiveProgram> program;
  std::unique_ptr<Symbolizer> live;
  std::unique_ptr<ObjectNamer> liveNamer;
  auto symbolizeLive = [&](const std::vector<LoadedModule> &modules) {
    live = std::make_unique<Symbolizer>(modules);
    if (launch)
      useForwarders(*live, *launch);
    liveNamer = std::make_unique<ObjectNamer>(*live);
  };
  std::string launchError;
  bool anyFeasible = false;
  for (const Prediction &p : result.predictions)
    anyFeasible |= p.status == PredictionStatus::Feasible;
  LiveProgram *target = running;
  if (running && anyFeasible) {
    symbolizeLive(running->modules());
  } else if (launch && anyFeasible) {
    if (beforeLaunch)
      beforeLaunch();
    program = LiveProgram::launch(*launch, launchError);
    target = program.get();
    if (program) {
      symbolizeLive(program->modules());
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
    outcome.details.push_back(describe(run, p, live ? *live : recorded, shift));
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
        std::vector<OpKind> kinds;
        std::vector<ThreadId> schedule = scheduleOf(run, p.witness, &kinds);
        ExploreOptions replayOptions = explore;
        replayOptions.lockOrder = false;
        // A witness of 10^6 steps takes longer than --execution-timeout
        // allows one execution: give it 30 us a step (docs/prediction.md).
        replayOptions.executionTimeout =
            std::max(explore.executionTimeout, 30e-6 * double(schedule.size()));
        ++outcome.replays;
        Report report = replay(*target, schedule, replayOptions, kinds);
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
          outcome.details.back().confirmed = true;
          continue;
        }
        reason = !report.stats.error.empty()
                     ? "the program did not follow the predicted schedule (" +
                           report.stats.error + ")"
                     : "the replay along the predicted schedule did not "
                       "deadlock";
      }
    }
    outcome.details.back().notConfirmed = reason;
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
  outcome.racesTooLong = events > std::min<uint64_t>(200000, explore.maxSteps);
  // A program without tangle's memory hooks (a built one: the run notes
  // no memory accesses) logs none in a replay either: replaying it would
  // only run it again, with whatever it writes (pigz -f's output, left
  // empty by a replay stopped at a step that did not fit).
  bool instrumented = std::any_of(run.unwatched.begin(), run.unwatched.end(),
                                  [](const UnwatchedUse &u) {
                                    return u.what == Unwatched::MemoryAccesses;
                                  });
  if (options.races && instrumented && (running || launch) &&
      !outcome.racesTooLong) {
    if (!target && launchError.empty()) {
      if (beforeLaunch)
        beforeLaunch();
      program = LiveProgram::launch(*launch, launchError);
      target = program.get();
      if (program) {
        symbolizeLive(program->modules());
      }
    }
    // The running program with no feasible deadlock: no symbolizer yet.
    if (target && !live) {
      symbolizeLive(target->modules());
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
      ++outcome.replays;
      std::vector<OpKind> kinds;
      std::vector<ThreadId> schedule = scheduleOf(run, all, &kinds);
      Report report = replay(*target, schedule, replayOptions, kinds);
      outcome.racesChecked = report.stats.racesChecked;
      if (!outcome.racesChecked)
        outcome.racesError = report.stats.error;
      for (const Finding &f : report.findings)
        if (f.kind == FindingKind::RaceData ||
            f.kind == FindingKind::RaceFile) {
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

namespace {

/// The locks of a deadlock.cycle (those its threads wait for) or of a
/// lock.order-inversion (those its edges hold), sorted.
std::vector<ObjectAddr> cycleLocks(const Finding &f) {
  std::vector<ObjectAddr> locks;
  for (const Involvement &inv : f.threads) {
    if (f.kind == FindingKind::DeadlockCycle && inv.waitsFor)
      locks.push_back(inv.waitsFor->op.object);
    if (f.kind == FindingKind::LockOrderInversion)
      for (const HeldLock &held : inv.holds)
        locks.push_back(held.mutex);
  }
  std::sort(locks.begin(), locks.end());
  locks.erase(std::unique(locks.begin(), locks.end()), locks.end());
  return locks;
}

/// The exploration warned of a lock-order inversion it stopped before
/// showing; a confirmed prediction of the same cycle stands for it (as a
/// deadlock the exploration shows itself does, model/detect/lock_order.cpp).
void dropInversionsOf(const std::vector<Finding> &confirmed,
                      std::vector<Finding> &findings) {
  std::set<std::vector<ObjectAddr>> shown;
  for (const Finding &f : confirmed)
    if (f.kind == FindingKind::DeadlockCycle)
      shown.insert(cycleLocks(f));
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const Finding &f) {
                                  return f.kind ==
                                             FindingKind::LockOrderInversion &&
                                         shown.count(cycleLocks(f));
                                }),
                 findings.end());
}

} // namespace

Report exploreWithPrediction(LiveProgram &program, const LaunchOptions &launch,
                             const CommandLine &commandLine,
                             const ProgressFn &progress,
                             std::optional<PredictionOutcome> &predicted,
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
  // One exploration for the whole budget. Once a tenth of it is spent
  // without the exploration finishing, between two executions: record a
  // free run, predict, confirm. A confirmed deadlock ends the exploration
  // there (its executions count in the coverage); else it goes on, the
  // time prediction took spent from its budget.
  bool confirmed = false;
  // With --jobs the callback runs in whichever worker is about to run an
  // execution; only this thread's (worker 0's) program is then idle, and
  // the confirmation replays on it.
  const std::thread::id owner = std::this_thread::get_id();
  ProgressFn step = [&](const ExploreStats &stats) {
    if (!predicted && elapsed() >= budget / 10 && !interruptSignal().load() &&
        std::this_thread::get_id() == owner) {
      RecordedRun run;
      std::string error =
          recordFreeRun(launch, commandLine.target.displayName(),
                        std::min(options.executionTimeout, budget / 4), run);
      predicted.emplace();
      if (error.empty())
        *predicted = predictAndConfirm(run, nullptr, options, "", {}, &program);
      else
        predicted->recordError = error;
      if (predicted->confirmed) {
        confirmed = true;
        return false;
      }
    }
    return !progress || progress(stats);
  };
  Report report = explore(program, options, step, copies);
  if (confirmed) {
    report.stats.stoppedBy = "prediction";
    report.stats.complete = false;
  }
  if (predicted && confirmed)
    dropInversionsOf(predicted->confirmedFindings, report.findings);
  if (predicted)
    for (Finding &f : predicted->confirmedFindings) {
      bool seen = false;
      // The same race may come with its two sites the other way round:
      // its key sorts them.
      for (const Finding &g : report.findings)
        seen |=
            (!f.key.empty() && g.key == f.key) ||
            (g.kind == f.kind && !g.locations.empty() && !f.locations.empty() &&
             g.locations[0].frames[0] == f.locations[0].frames[0]);
      if (!seen && report.findings.size() < options.maxFindings)
        report.findings.push_back(std::move(f));
    }
  report.stats.findings = uint32_t(report.findings.size());
  return report;
}

void notePrediction(RunSummary &summary, const PredictionOutcome &outcome,
                    bool verbose) {
  const PredictStats &s = outcome.stats;
  if (!outcome.recordError.empty()) {
    // (No trace, nothing to count: no "prediction" object either.)
    summary.notes.push_back(
        tr("prediction: the free run to predict from could not be recorded: "
           "{0}",
           outcome.recordError));
    return;
  }
  summary.prediction = predictionJson(outcome);
  std::string races =
      outcome.racesChecked
          ? (outcome.races == 1
                 ? tr("{0} race in the replay of the recorded order", 1)
                 : tr("{0} races in the replay of the recorded order",
                      outcome.races))
      : outcome.racesTooLong
          ? std::string(tr("races not checked (the run is too long to replay)"))
      : !outcome.racesError.empty()
          ? std::string(tr("races not checked (the replay of the recorded "
                           "order stopped: {0})",
                           outcome.racesError))
          : std::string(tr("races not checked (the program has no memory "
                           "instrumentation)"));
  summary.notes.push_back(
      tr("prediction: {0} lock-order cycles in {1} events, found in {2} s "
         "({3} one thread only, {4} guarded by a gate lock, {5} ordered by "
         "create/join); {6} candidates decided in {7} s ({8} by the solver), "
         "{9} feasible, {10} confirmed by replay; {11}",
         s.cycles, s.events, llvm::formatv("{0:f2}", s.candidateSeconds).str(),
         s.sameThread, s.gated, s.orderedByJoin, s.solved,
         llvm::formatv("{0:f2}", s.solverSeconds).str(), s.bySolver,
         outcome.feasible, outcome.confirmed, races));
  if (verbose)
    for (const CandidateDetail &d : outcome.details)
      summary.notes.push_back(tr("prediction: {0}", detailLine(d, true)));
}

std::string predictionJson(const PredictionOutcome &outcome) {
  const PredictStats &s = outcome.stats;
  llvm::json::Array details;
  for (const CandidateDetail &d : outcome.details)
    details.push_back(detailLine(d, false));
  llvm::json::Object object{{"events", int64_t(s.events)},
                            {"lock_pairs", int64_t(s.lockPairs)},
                            {"cycles", int64_t(s.cycles)},
                            {"same_thread", int64_t(s.sameThread)},
                            {"gated", int64_t(s.gated)},
                            {"ordered_by_join", int64_t(s.orderedByJoin)},
                            {"solved", int64_t(s.solved)},
                            {"by_solver", int64_t(s.bySolver)},
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
      if (int code =
              compileWithForwarders(target, argv0, scratch, console, binary,
                                    interrupted, launch.forwarders))
        return code;
      launch.argv = {binary};
      canLaunch = true;
      replayTail = shellQuote(run.program);
    }
  }
  launch.runtimeLibrary = runtimeLibraryPath(argv0);
  launch.maxSteps = commandLine.explore.maxSteps;
  launch.interrupt = &interruptSignal();
  PredictionOutcome outcome = predictAndConfirm(
      run, canLaunch ? &launch : nullptr, commandLine.explore, replayTail);

  RunSummary summary;
  summary.program = run.program;
  summary.command = "predict";
  summary.stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  summary.stats.executions = outcome.feasible;
  summary.recorded.events = outcome.stats.events;
  summary.recorded.threads = run.threads.size();
  summary.recorded.processes = countProcesses(run);
  summary.recorded.dropped = run.dropped;
  summary.verdict = outcome.confirmed ? Verdict::Bugs : Verdict::NoHang;
  if (!canLaunch)
    summary.notes.push_back(
        tr("prediction: nothing could be confirmed: the trace names no source "
           "file that exists; give the program after -- to replay on it"));
  notePrediction(summary, outcome, commandLine.verbose);
  if (commandLine.format == OutputFormat::Json)
    renderJson(console.out, summary, outcome.findings);
  else
    renderText(console.out, summary, outcome.findings);
  console.out.flush();
  return exitCodeOf(summary.verdict);
}

} // namespace tangle
