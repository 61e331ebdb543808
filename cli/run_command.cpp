// `tangle run` and `tangle trace-dump`: one run of the program at full
// speed with the runtime in record mode (runtime/record.h), a hang watchdog
// that reads the live wait-for state from the record region, the report of
// a real deadlock, stall, hang or crash, and the trace of the run.
#include "cli/run_command.h"

#include "cli/check_command.h"
#include "cli/explain.h"
#include "cli/interrupt.h"
#include "cli/live_program.h"
#include "cli/predict_command.h"
#include "cli/record_watch.h"
#include "cli/program_input.h"
#include "cli/render.h"
#include "cli/render_html.h"
#include "cli/sandbox.h"
#include "cli/scratch_directory.h"
#include "cli/suppressions.h"
#include "runtime/record_protocol.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <optional>
#include <set>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tangle {

Event toEvent(const RecordedEvent &e) {
  Event event;
  event.thread = e.thread;
  event.result = e.result;
  event.op = e.op;
  event.stack.frames[0] = e.pc;
  return event;
}

std::vector<LoadedModule> modulesOf(const RecordedRun &run) {
  std::vector<LoadedModule> modules;
  for (const RecordedModule &m : run.modules) {
    LoadedModule module;
    module.path = m.path;
    module.loadBias = m.loadBias;
    module.begin = m.begin;
    module.end = m.end;
    modules.push_back(module);
  }
  return modules;
}

namespace {

constexpr int ExitUsage = 2;
constexpr int ExitInternal = 4;
/// Steps of each involved thread a report shows.
constexpr size_t LastSteps = 6;

/// Where a call record mode does not watch was first made, when that is
/// not a line of the program: a library without debug info (libevent's
/// pipe, for memcached) is named, so that the note tells the user where to
/// look.
std::string firstInLibrary(Symbolizer &symbolizer, uint64_t pc) {
  const LoadedModule *module = pc ? symbolizer.moduleAt(pc) : nullptr;
  if (!module)
    return "";
  return " (first in " + llvm::sys::path::filename(module->path).str() + ")";
}

/// Thread t's live record (what it holds, what it waits for), or an empty
/// one when its slot went to another thread: it ended holding nothing.
const rec::ThreadRecord &liveRecordOf(const Region &region, ThreadId t) {
  static const rec::ThreadRecord none{};
  const rec::ThreadRecord *owned = region.slotOf(t);
  return owned ? *owned : none;
}

int fail(Console &console, int code, const std::string &message) {
  console.err << "tangle: error: " << message << "\n";
  return code;
}

/// Where each thread's held locks were taken: heldAt[t][i] is the index in
/// thread t's collected events of the acquisition of its held record i,
/// NoIndex when a ring of chunks left it out (rec::Header::keepChunks).
constexpr uint64_t NoIndex = UINT64_MAX;
using HeldAt = std::vector<std::vector<uint64_t>>;

/// Every thread's events, from the chunks in the order each thread took
/// them (a thread's chunks are numbered by `sequence`), a mutex's pair
/// split into its acquisition and release, the acquisitions still pending
/// in the held records added, in stamp order (a pair is written at the
/// release, after what happened inside it). Without `events`, everything
/// but the events (nothing needs them when there is no trace to write and
/// no finding to explain: copying them out is most of the cost of a run's
/// end).
RecordedRun collect(const Region &region, const std::string &program,
                    bool events, HeldAt &heldAt) {
  RecordedRun run;
  run.program = program;
  const rec::Header &h = *region.header;
  for (uint32_t i = 0; i < h.moduleCount && i < shm::MaxModules; ++i)
    run.modules.push_back(
        {std::string(h.modules[i].path,
                     strnlen(h.modules[i].path, sizeof(h.modules[i].path))),
         h.modules[i].loadBias, h.modules[i].begin, h.modules[i].end});
  run.dropped = h.dropped.load();
  uint32_t unwatched = h.unwatched.load();
  for (uint32_t i = 0; i < uint32_t(Unwatched::Count_); ++i)
    if (unwatched & (1u << i))
      run.unwatched.push_back({Unwatched(i), h.unwatchedPc[i].load()});
  uint32_t count = region.threadCount();
  run.threads.resize(count);
  heldAt.assign(count, {});
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> chunksOf(count);
  uint32_t chunks =
      events ? std::min(h.chunksUsed.load(), h.chunkCapacity) : 0;
  for (uint32_t c = 0; c < chunks; ++c) {
    const rec::Chunk &chunk = region.chunks()[c];
    if (chunk.thread < count)
      chunksOf[chunk.thread].push_back({chunk.sequence, c});
  }
  uint32_t fill = std::min(h.chunkFill, rec::ChunkEvents);
  for (uint32_t t = 0; t < count; ++t) {
    // What a thread's slot had is kept by number (rec::ThreadInfo); its
    // live state only while the slot is still its own (a thread whose
    // slot went to another held nothing when it ended).
    const rec::ThreadInfo &info = region.infos()[t];
    const rec::ThreadRecord *slot = region.slotOf(t);
    RecordedThread &thread = run.threads[t];
    thread.id = t;
    thread.parent = info.parent;
    thread.osPid = info.osPid;
    thread.osTid = info.osTid;
    thread.startRoutine = info.startRoutine;
    std::sort(chunksOf[t].begin(), chunksOf[t].end());
    std::vector<RecordedEvent> &out = thread.events;
    // A pair is two events: the thread's count of operations (a pair two),
    // or twice what its chunks hold when a ring left some out, so that the
    // vector is not moved and copied while it grows (10^7 events: a second).
    uint32_t held = slot ? std::min(slot->heldCount, rec::MaxHeld) : 0;
    uint64_t bound = 2 * uint64_t(chunksOf[t].size()) * fill;
    if (slot)
      bound = std::min(bound, slot->events.load() - slot->eventsBase);
    out.reserve(bound + held);
    bool ordered = true;
    auto add = [&](const RecordedEvent &e) {
      ordered &= out.empty() || out.back().time < e.time;
      out.push_back(e);
    };
    for (const auto &taken : chunksOf[t]) {
      const rec::Chunk &chunk = region.chunks()[taken.second];
      uint32_t n = std::min(chunk.count.load(), fill);
      for (uint32_t i = 0; i < n; ++i) {
        if (!rec::isPair(chunk.events[i])) {
          add(chunk.events[i]);
          continue;
        }
        RecordedEvent acquire, release;
        rec::unpackPair(chunk.events[i], t, acquire, release);
        add(acquire);
        add(release);
      }
    }
    if (events)
      for (uint32_t i = 0; i < held; ++i)
        if (slot->held[i].pending)
          add(rec::heldAcquisition(slot->held[i], t));
    if (!ordered)
      std::stable_sort(out.begin(), out.end(),
                       [](auto &a, auto &b) { return a.time < b.time; });
    // Before makeStampsUnique moves the stamps: a thread's stay unique.
    for (uint32_t i = 0; i < held; ++i) {
      auto at = std::lower_bound(
          out.begin(), out.end(), slot->held[i].time,
          [](const RecordedEvent &e, uint64_t time) { return e.time < time; });
      heldAt[t].push_back(at != out.end() && at->time == slot->held[i].time
                              ? uint64_t(at - out.begin())
                              : NoIndex);
    }
    thread.ended = !out.empty() && out.back().op.kind == OpKind::ThreadExit;
  }
  makeStampsUnique(run); // the runtime's stamps are unique per thread only
  return run;
}

/// Asks thread t where it is (the runtime's handler walks its stack), a
/// few times. A sample can land in a library the loop calls (the
/// memory-access hooks of a program tangle compiled), whose frame may not be
/// set up yet, or in the program's PLT stub on the way there, which has no
/// line: it keeps the samples whose pc or caller is in the executable, up
/// to three, and the report takes the first that names a line of it
/// (pickSample).
std::vector<Stack> sampleThread(const Region &region, ThreadId t) {
  rec::ThreadRecord *owned = region.slotOf(t);
  if (!owned)
    return {};
  rec::ThreadRecord &slot = *owned;
  const rec::Header &h = *region.header;
  auto inProgram = [&](uint64_t pc) {
    return h.moduleCount > 0 && pc > h.modules[0].begin &&
           pc <= h.modules[0].end;
  };
  std::vector<Stack> samples;
  size_t inside = 0;
  for (int attempt = 0; attempt < 20 && inside < 3; ++attempt) {
    slot.sampled.store(0);
    if (syscall(SYS_tgkill, slot.osPid, slot.osTid,
                SIGRTMIN + shm::HangSignalOffset) != 0)
      break;
    // A loaded machine may not run the thread for a while: up to 1 s.
    for (int i = 0; i < 1000 && !slot.sampled.load(); ++i)
      usleep(1000);
    if (!slot.sampled.load())
      continue;
    Stack sample = slot.sample;
    if (inProgram(sample.frames[0]) || inProgram(sample.frames[1])) {
      samples.insert(samples.begin() + inside, sample);
      ++inside;
    } else if (samples.size() == inside) {
      samples.push_back(sample); // one outside, if nothing better comes
    }
  }
  return samples;
}

/// The first sample that names a line of the program, else the first.
Stack pickSample(const std::vector<Stack> &samples, Symbolizer &symbolizer) {
  for (const Stack &sample : samples) {
    std::optional<Frame> at = symbolizer.userFrame(sample);
    if (at && at->user)
      return sample;
  }
  return samples.empty() ? Stack() : samples.front();
}

// ---- the report ---------------------------------------------------------

/// The execution a report explains: the creation and the last steps of
/// each involved thread, and the acquisitions of the locks they hold, in
/// the order of their timestamps; the live state as pending operations.
struct Story {
  std::shared_ptr<Execution> execution = std::make_shared<Execution>();
  std::map<std::pair<ThreadId, uint64_t>, uint32_t> indexOf;
};

/// The story's key of the acquisition of held lock `i` of thread `t`: its
/// collected event, or, when the ring left it out, a key past every event
/// (tell puts the acquisition back from the held record).
std::pair<ThreadId, uint64_t> heldKey(const HeldAt &heldAt, ThreadId t,
                                      uint32_t i) {
  uint64_t at = i < heldAt[t].size() ? heldAt[t][i] : NoIndex;
  return {t, at != NoIndex ? at : NoIndex - 1 - i};
}

Story tell(const RecordedRun &run, const HeldAt &heldAt, const Region &region,
           const std::vector<ThreadId> &threads) {
  std::set<std::pair<ThreadId, uint64_t>> chosen; // (thread, event number)
  auto choose = [&](ThreadId t, uint64_t i) {
    if (t < run.threads.size() && i < run.threads[t].events.size())
      chosen.insert({t, i});
  };
  // Acquisitions the ring left out, rebuilt from the held records (they
  // keep the object, the kind, the call site and the stamp).
  std::map<std::pair<ThreadId, uint64_t>, RecordedEvent> rebuilt;
  auto eventAt = [&](std::pair<ThreadId, uint64_t> key) -> const RecordedEvent & {
    auto r = rebuilt.find(key);
    return r != rebuilt.end() ? r->second
                              : run.threads[key.first].events[key.second];
  };
  std::set<ThreadId> named(threads.begin(), threads.end());
  for (ThreadId t : threads) {
    const RecordedThread &thread = run.threads[t];
    size_t n = thread.events.size();
    for (size_t i = n > LastSteps ? n - LastSteps : 0; i < n; ++i)
      choose(t, i);
    const rec::ThreadRecord &slot = liveRecordOf(region, t);
    for (uint32_t i = 0; i < std::min(slot.heldCount, rec::MaxHeld); ++i) {
      auto key = heldKey(heldAt, t, i);
      if (key.second < n) {
        choose(t, key.second);
        continue;
      }
      rebuilt[key] = rec::heldAcquisition(slot.held[i], t);
      chosen.insert(key);
    }
  }
  // Each thread's creation, and its creator's, so names read as in check.
  std::set<ThreadId> creators = named;
  for (ThreadId t : named)
    for (ThreadId u = t; u < run.threads.size() && u != 0;
         u = run.threads[u].parent)
      creators.insert(run.threads[u].parent);
  for (ThreadId c : creators) {
    if (c >= run.threads.size())
      continue;
    const auto &events = run.threads[c].events;
    for (size_t i = 0; i < events.size(); ++i)
      if ((events[i].op.kind == OpKind::ThreadCreate ||
           events[i].op.kind == OpKind::ProcessFork) &&
          events[i].result >= 0 &&
          creators.count(ThreadId(events[i].result)))
        choose(c, i);
  }
  std::vector<std::pair<ThreadId, uint64_t>> order(chosen.begin(),
                                                   chosen.end());
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return eventAt(a).time < eventAt(b).time;
  });
  Story story;
  for (auto key : order) {
    story.indexOf[key] =
        static_cast<uint32_t>(story.execution->events.size());
    story.execution->events.push_back(toEvent(eventAt(key)));
  }
  return story;
}

/// The threads that ended holding a lock a thread of a stall waits for:
/// their slots are kept for this (runtime/record.cpp, recordThreadEnd),
/// however many threads came and went since.
std::vector<ThreadId> endedHolders(const WatchVerdict &verdict,
                                   const Region &region) {
  std::vector<ThreadId> holders;
  if (verdict.kind != FindingKind::DeadlockStall)
    return holders;
  for (ThreadId t : verdict.threads) {
    const rec::ThreadRecord *waiter = region.slotOf(t);
    if (!waiter || !waiter->wait.waiting.load())
      continue;
    const Operation &op = waiter->wait.op;
    if (!lockKind(op.kind))
      continue;
    for (uint32_t s = 0; s < region.slotCount(); ++s) {
      const rec::ThreadRecord &slot = region.threads()[s];
      ThreadId number = slot.number.load();
      if (slot.state.load() != uint32_t(rec::ThreadState::Ended) ||
          number == NoThread ||
          std::count(verdict.threads.begin(), verdict.threads.end(), number) ||
          std::count(holders.begin(), holders.end(), number))
        continue;
      for (uint32_t i = 0; i < std::min(slot.heldCount, rec::MaxHeld); ++i)
        if (slot.held[i].object == op.object) {
          holders.push_back(number);
          break;
        }
    }
  }
  return holders;
}

Finding findingOf(const WatchVerdict &verdict, const RecordedRun &run,
                  const HeldAt &heldAt, const Region &region,
                  const Stack &sample) {
  std::vector<ThreadId> involved = verdict.threads;
  for (ThreadId t : endedHolders(verdict, region))
    involved.push_back(t);
  Story story = tell(run, heldAt, region, involved);
  Execution &ex = *story.execution;
  Finding f;
  f.kind = verdict.kind;
  ex.end = verdict.kind == FindingKind::ProgramHang ? EndReason::Timeout
                                                    : EndReason::Deadlock;
  for (ThreadId t : involved) {
    // (The watchdog named threads alive in their slots, and the program
    // was stopped since.)
    const rec::ThreadRecord &slot = liveRecordOf(region, t);
    Involvement involvement;
    involvement.thread = t;
    involvement.process = 0;
    for (uint32_t i = 0; i < std::min(slot.heldCount, rec::MaxHeld); ++i) {
      auto at = story.indexOf.find(heldKey(heldAt, t, i));
      involvement.holds.push_back(
          {slot.held[i].object,
           at == story.indexOf.end() ? NoEvent : at->second});
    }
    if (verdict.kind != FindingKind::ProgramHang && slot.wait.waiting.load()) {
      PendingOp pending;
      pending.thread = t;
      pending.op = slot.wait.op;
      pending.stack = slot.wait.stack;
      ex.pending.push_back(pending);
      involvement.waitsFor = pending;
      f.locations.push_back(pending.stack);
      if (!f.object && hasObjectAddress(pending.op.kind))
        f.object = pending.op.object;
    }
    auto on = verdict.waitsOn.find(t);
    if (on != verdict.waitsOn.end())
      involvement.waitsOn = on->second;
    f.threads.push_back(std::move(involvement));
  }
  if (verdict.kind == FindingKind::ProgramHang) {
    const Stack &where = sample;
    ex.stuck = Execution::Stuck::Looping;
    ex.crash.thread = verdict.threads.front();
    ex.crash.stack = where;
    f.locations.push_back(where);
  }
  f.step = static_cast<uint32_t>(ex.events.size());
  f.execution = story.execution;
  return f;
}

/// A stall with a thread in a timed wait: one that waited again after each
/// timeout while nothing else moved for LivelockFactor x --hang-after (the
/// watchdog counts it blocked then, docs/cli.md "run"). Its wait alone
/// would read as one that never ends by itself.
void sayRetries(Explanation &e, const Region &region, double hangAfter) {
  for (const InvolvedThread &involved : e.threads) {
    const rec::ThreadRecord *slot = region.slotOf(involved.thread.id);
    if (!slot || !slot->wait.waiting.load() || !timedWait(slot->wait.op))
      continue;
    e.summary += tr("; {0} waits with a timeout, times out and waits again: "
                    "nothing but its timeouts moved for {1} s",
                    involved.thread.name,
                    llvm::formatv("{0:f2}", LivelockFactor * hangAfter).str());
  }
}

Finding crashFinding(const RecordedRun &run, const HeldAt &heldAt,
                     const Region &region, int signal) {
  const rec::CrashRecord &crash = region.header->crash;
  ThreadId t = crash.recorded.load() ? crash.thread : 0;
  std::vector<ThreadId> threads;
  if (t < run.threads.size())
    threads.push_back(t);
  Story story = tell(run, heldAt, region, threads);
  Execution &ex = *story.execution;
  ex.end = EndReason::Crashed;
  ex.crash.signal = signal;
  ex.crash.thread = t;
  ex.crash.assertion = crash.assertion != 0;
  ex.crash.message.assign(crash.message,
                          strnlen(crash.message, sizeof(crash.message)));
  ex.crash.stack = crash.stack;
  Finding f;
  f.kind = crash.assertion ? FindingKind::ProgramAssert
                           : FindingKind::ProgramCrash;
  f.locations.push_back(crash.stack);
  Involvement involvement;
  involvement.thread = t;
  f.threads.push_back(involvement);
  f.step = static_cast<uint32_t>(ex.events.size());
  f.execution = story.execution;
  return f;
}

} // namespace

int runRecorded(const CommandLine &commandLine, Console &console,
                const std::string &argv0) {
  const ProgramTarget &target = commandLine.target;
  // Handed over by the launcher: the program ran, this tangle reports.
  std::optional<RunHandoff> handoff;
  if (const char *value = getenv(RunHandoffEnv)) {
    handoff.emplace();
    bool valid = decodeHandoff(value, *handoff);
    unsetenv(RunHandoffEnv); // not for the programs tangle starts
    if (!valid)
      return fail(console, ExitInternal,
                  std::string("malformed ") + RunHandoffEnv +
                      " (set only by tangle's launcher)");
    if (handoff->outcome.interruptSignal)
      adoptInterrupt(handoff->outcome.interruptSignal);
  }
  const std::atomic<int> &interrupt = interruptSignal();
  ScratchDirectory scratch;
  LaunchOptions launch;
  std::string error;
  std::vector<Suppression> suppressions;
  if (!commandLine.suppressionsFile.empty() &&
      !readSuppressions(commandLine.suppressionsFile, suppressions, error))
    return fail(console, ExitUsage, error);
  if (!target.sourceFile.empty()) {
    std::string binary;
    bool interrupted = false;
    if (int code =
            compileWithForwarders(target, argv0, scratch, console, binary,
                                  interrupted, launch.forwarders))
      return code;
    launch.argv = {binary};
    launch.argv.insert(launch.argv.end(), target.programArgs.begin(),
                       target.programArgs.end());
  } else {
    launch.argv = target.argv;
    if (int code = resolveBuiltProgram(launch.argv, console))
      return code;
  }
  launch.runtimeLibrary = runtimeLibraryPath(argv0);
  if (!llvm::sys::fs::exists(launch.runtimeLibrary))
    return fail(console, ExitInternal,
                "the tangle runtime " + launch.runtimeLibrary +
                    " is missing; rebuild or reinstall tangle");
  launch.showOutput = commandLine.showOutput;
  launch.memoryLimitBytes = commandLine.limits.memoryBytes;
  launch.processLimit = commandLine.limits.processes;
  launch.fileSizeLimitBytes = commandLine.limits.fileSizeBytes;
  launch.openFilesLimit = commandLine.limits.openFiles;
  if (!readProgramInput(commandLine.stdinFile, launch.stdinData, error,
                        interrupt))
    return interrupt.load() ? interruptExitCode()
                            : fail(console, ExitUsage, error);
  SandboxPlan sandbox;
  if (commandLine.sandbox) {
    if (!scratch.created() && !scratch.create(error))
      return fail(console, ExitInternal, error);
    if (!prepareSandbox(scratch.path(), sandbox, error))
      return fail(console, ExitInternal, error);
    error = sandboxUnavailable(sandbox);
    if (!error.empty())
      return fail(console, ExitUsage, error);
    launch.sandbox = &sandbox;
  }

  // Without a trace to write or a prediction to make (both read every
  // event), each thread keeps its first chunk and its last two, of
  // rec::RingChunkEvents each (rec::Header::keepChunks): all a report
  // shows. (The launcher hands
  // over only runs without either.)
  bool everyEvent = !commandLine.traceFile.empty() || commandLine.predict;
  Region region;
  // The program's orphans come back to tangle, which ends them.
  OrphanSweep sweep(scratch.guardPid());
  std::string program;
  uint64_t started = 0;
  WatchOutcome watched;
  if (handoff) {
    // The launcher ran and watched the program (cli/launcher.cpp); the
    // report is this tangle's.
    if (!adoptRegion(region, handoff->regionFd, error))
      return fail(console, ExitInternal, error);
    program = resolveProgram(launch.argv[0], error);
    if (program.empty())
      return fail(console, ExitUsage, error);
    started = handoff->startedNs;
    watched = handoff->outcome;
  } else {
    if (!createRegion(region, everyEvent ? 0 : 2, error))
      return fail(console, ExitInternal, error);
    int stdinFd = createMemfd("tangle-stdin", 0, error);
    if (stdinFd < 0)
      return fail(console, ExitInternal, error);
    if (write(stdinFd, launch.stdinData.data(), launch.stdinData.size()) !=
        ssize_t(launch.stdinData.size()))
      return fail(console, ExitInternal, "cannot store the program's input");
    program = resolveProgram(launch.argv[0], error);
    if (program.empty())
      return fail(console, ExitUsage, error);
    started = monotonicNs();
    pid_t pid = startProgram(launch, program, rec::RecordFdEnv, region.fd,
                             stdinFd, error, [&] { return interrupt.load(); });
    close(stdinFd);
    if (pid < 0)
      return fail(console, ExitInternal,
                  "cannot run " + program + ": " + error);
    if (!error.empty()) {
      bool reaped = false;
      int status = 0;
      endProgram(pid, reaped, status);
      return fail(console, ExitInternal,
                  "cannot run " + program + ": " + error);
    }
    watched = watchProgram(region, pid, commandLine.hangAfterSeconds,
                           interrupt);
  }
  pid_t pid = watched.pid;
  bool reaped = watched.reaped;
  int status = watched.status;
  const WatchVerdict &decided = watched.decided;
  bool interrupted = watched.interruptSignal != 0;
  // Where the looping thread is, before it dies with the rest.
  std::vector<Stack> samples;
  if (decided.found && decided.kind == FindingKind::ProgramHang)
    samples = sampleThread(region, decided.threads.front());
  endProgram(pid, reaped, status);
  double seconds = double(monotonicNs() - started) / 1e9;
  if (region.header->runtimeMismatch.load())
    return fail(console, ExitInternal,
                "the runtime library does not match this tangle (rebuild "
                "both)");
  if (!region.header->mainReached.load())
    return fail(console, ExitInternal,
                program + " did not start under tangle's runtime (is it "
                          "statically linked, or not a C/C++ program?)");

  bool crashed = !decided.found && !interrupted && WIFSIGNALED(status);
  HeldAt heldAt;
  RecordedRun run = collect(region, target.displayName(),
                            decided.found || crashed || everyEvent, heldAt);
  // Debug info is read only when there is something to name.
  std::optional<Symbolizer> symbolizer;
  std::optional<ObjectNamer> namer;
  if (decided.found || crashed || !run.unwatched.empty()) {
    symbolizer.emplace(modulesOf(run));
    useForwarders(*symbolizer, launch);
    namer.emplace(*symbolizer);
  }
  std::vector<Finding> findings;
  if (decided.found) {
    run.end = RecordedEnd::Stopped;
    findings.push_back(findingOf(decided, run, heldAt, region,
                                 pickSample(samples, *symbolizer)));
  } else if (interrupted) {
    run.end = RecordedEnd::Interrupted;
  } else if (WIFSIGNALED(status)) {
    run.end = RecordedEnd::Crashed;
    run.status = WTERMSIG(status);
    findings.push_back(crashFinding(run, heldAt, region, WTERMSIG(status)));
  } else {
    run.status = WEXITSTATUS(status);
  }
  if (!commandLine.traceFile.empty()) {
    error = writeRecordedRun(commandLine.traceFile, run);
    if (!error.empty())
      return fail(console, ExitUsage, error);
  }

  std::vector<Explanation> explanations;
  size_t suppressed = 0;
  for (const Finding &finding : findings) {
    Explanation e = explain(finding, *symbolizer, *namer, "");
    e.schedule.clear();
    e.replayCommand.clear(); // a free run has no schedule to replay
    if (finding.kind == FindingKind::ProgramHang) {
      // Not check's step or time limit: the watchdog saw no recorded
      // operation for --hang-after seconds while this thread ran.
      e.summary =
          decided.loops > 1
              ? llvm::formatv("{0} threads ran for {1} s without any "
                              "recorded operation and nothing else made "
                              "progress: they may loop forever (spinning on "
                              "each other's flags, a livelock), or be "
                              "lock-free code that runs that long",
                              decided.loops,
                              LivelockFactor * commandLine.hangAfterSeconds)
                    .str()
              : "a thread ran for " +
                    llvm::formatv("{0}", commandLine.hangAfterSeconds).str() +
                    " s without any recorded operation while no other "
                    "thread made progress: it may loop forever";
      e.hint = "A thread that never stops, typically a loop that spins on "
               "a flag another thread never sets. Wait on a condition "
               "variable or semaphore instead of spinning, and make sure "
               "every loop terminates; raise --hang-after if the program "
               "just computes for that long without locking.";
    }
    if (finding.kind == FindingKind::DeadlockStall)
      sayRetries(e, region, commandLine.hangAfterSeconds);
    if (!suppressions.empty() && suppressing(suppressions, e)) {
      ++suppressed;
      continue;
    }
    explanations.push_back(std::move(e));
  }
  // A run that ended by itself: predict what other orders of its events
  // would do, and confirm each prediction by a controlled replay
  // (docs/prediction.md).
  std::optional<PredictionOutcome> predicted;
  bool replaysUnconfined = false;
  if (commandLine.predict && findings.empty() && !interrupted &&
      run.end == RecordedEnd::Exited) {
    LaunchOptions replayLaunch = launch;
    replayLaunch.maxSteps = commandLine.explore.maxSteps;
    replayLaunch.cpuLimitSeconds = commandLine.limits.cpuSeconds;
    replayLaunch.interrupt = &interrupt;
    replayLaunch.showOutput = false; // the run's output showed, not theirs
    // The replays run the program again, after the run the user asked
    // for: in the sandbox, so that what it writes lands in the scratch
    // folder, not on the files the run just wrote (pigz -f replayed and
    // abandoned at a step that did not fit left its output empty). Where
    // the kernel has no sandbox to give, they run as before, and a note
    // says the program ran again. Only a run that replays probes for it.
    auto sandboxReplays = [&] {
      if (replayLaunch.sandbox)
        return;
      std::string why;
      if ((scratch.created() || scratch.create(why)) &&
          prepareSandbox(scratch.path(), sandbox, why) &&
          (why = sandboxUnavailable(sandbox)).empty())
        replayLaunch.sandbox = &sandbox;
      else
        replaysUnconfined = true;
    };
    predicted =
        predictAndConfirm(run, &replayLaunch, commandLine.explore,
                          replayProgram(target), {}, nullptr, sandboxReplays);
    for (Explanation &e : predicted->findings) {
      if (!suppressions.empty() && suppressing(suppressions, e)) {
        ++suppressed;
        continue;
      }
      explanations.push_back(std::move(e));
    }
  }
  RunSummary summary;
  if (predicted)
    notePrediction(summary, *predicted, commandLine.verbose);
  if (predicted && replaysUnconfined && predicted->replays)
    summary.notes.push_back(
        tr("prediction: its replays ran the program again, outside a sandbox "
           "(the kernel gives tangle none here): what the program writes was "
           "written again; --no-predict runs it once"));
  summary.suppressed = suppressed;
  summary.program = target.displayName();
  summary.command = "run";
  summary.stats.seconds = seconds;
  summary.stats.executions = 1;
  summary.stats.complete = !interrupted;
  summary.recorded.exitStatus = run.status;
  summary.recorded.events = region.recordedOperations();
  for (const UnwatchedUse &u : run.unwatched) {
    // Memory accesses hide no hang: they are a note of their own.
    // The prediction's replay of the recorded order checks them, when it
    // ran: its note counts the races found there.
    if (u.what == Unwatched::MemoryAccesses) {
      summary.recorded.racesUnchecked = !(predicted && predicted->racesChecked);
      continue;
    }
    std::string text = unwatchedName(u.what);
    Stack site;
    site.frames[0] = u.pc;
    std::optional<Frame> at =
        u.pc ? symbolizer->userFrame(site) : std::optional<Frame>();
    if (at && at->location.known())
      text += " (first at " + at->location.str() + ")";
    else
      text += firstInLibrary(*symbolizer, u.pc);
    summary.recorded.unwatched.push_back(text);
  }
  summary.recorded.threads = run.threads.size();
  summary.recorded.processes = countProcesses(run);
  summary.recorded.dropped = run.dropped;
  summary.recorded.hangAfter = commandLine.hangAfterSeconds;
  if (interrupted)
    summary.stats.stoppedBy = "interrupted";
  bool counted = std::any_of(explanations.begin(), explanations.end(),
                             [](const Explanation &e) { return e.counted; });
  summary.verdict = counted ? Verdict::Bugs
                    : interrupted     ? Verdict::Incomplete
                                      : Verdict::NoHang;
  renderReport(console.out, commandLine.format, summary, explanations);
  console.out.flush();
  if (!commandLine.htmlFile.empty()) {
    std::string htmlError =
        writeHtmlReport(commandLine.htmlFile, summary, explanations);
    if (!htmlError.empty())
      return fail(console, ExitUsage, htmlError);
  }
  return interrupted ? interruptExitCode() : exitCodeOf(summary.verdict);
}

std::string recordFreeRun(const LaunchOptions &launch, const std::string &name,
                          double timeoutSeconds, RecordedRun &run) {
  std::string error;
  Region region;
  if (!createRegion(region, 0, error))
    return error;
  int stdinFd = createMemfd("tangle-stdin", 0, error);
  if (stdinFd < 0)
    return error;
  if (write(stdinFd, launch.stdinData.data(), launch.stdinData.size()) !=
      ssize_t(launch.stdinData.size())) {
    close(stdinFd);
    return "cannot store the program's input";
  }
  std::string program = resolveProgram(launch.argv[0], error);
  if (program.empty()) {
    close(stdinFd);
    return error;
  }
  const std::atomic<int> *interrupt = launch.interrupt;
  pid_t pid = startProgram(launch, program, rec::RecordFdEnv, region.fd,
                           stdinFd, error, [&] {
                             return interrupt && interrupt->load();
                           });
  close(stdinFd);
  if (pid < 0)
    return "cannot run " + program + ": " + error;
  bool reaped = false;
  int status = 0;
  uint64_t deadline = monotonicNs() + uint64_t(timeoutSeconds * 1e9);
  while (error.empty()) {
    pid_t got = waitpid(pid, &status, WNOHANG);
    if (got == pid) {
      reaped = true;
      break;
    }
    if ((interrupt && interrupt->load()) || monotonicNs() > deadline)
      break;
    tellCoarseTime(region);
    usleep(10 * 1000);
  }
  bool ended = reaped;
  endProgram(pid, reaped, status);
  if (!error.empty())
    return "cannot run " + program + ": " + error;
  if (!region.header->mainReached.load())
    return program + " did not start under tangle's runtime";
  HeldAt heldAt;
  run = collect(region, name, true, heldAt);
  run.end = !ended                 ? RecordedEnd::Stopped
            : WIFSIGNALED(status) ? RecordedEnd::Crashed
                                  : RecordedEnd::Exited;
  run.status = WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
  return "";
}

int dumpTrace(const CommandLine &commandLine, Console &console) {
  RecordedRun run;
  std::string error = readRecordedRun(commandLine.traceFile, run);
  if (!error.empty())
    return fail(console, ExitUsage, error);
  Symbolizer symbolizer(modulesOf(run));
  static const char *ends[] = {"exited", "crashed", "stopped by tangle",
                               "interrupted"};
  console.out << "recorded run of " << run.program << ": "
              << ends[unsigned(run.end)] << " (status " << run.status << "), "
              << run.threads.size() << " threads, " << run.dropped
              << " events dropped\n";
  for (const UnwatchedUse &u : run.unwatched) {
    console.out << "not watched: " << unwatchedName(u.what);
    Stack site;
    site.frames[0] = u.pc;
    std::optional<Frame> at = symbolizer.userFrame(site);
    if (u.pc && at && at->location.known())
      console.out << " (first at " << at->location.str() << ")";
    else
      console.out << firstInLibrary(symbolizer, u.pc);
    console.out << "\n";
  }
  uint64_t start = UINT64_MAX;
  for (const RecordedThread &t : run.threads)
    if (!t.events.empty())
      start = std::min(start, t.events.front().time);
  for (const RecordedThread &t : run.threads) {
    console.out << "thread " << t.id;
    if (t.parent != NoThread)
      console.out << " (parent " << t.parent << ")";
    SourceLocation routine = symbolizer.codeAt(t.startRoutine);
    if (t.startRoutine && routine.known())
      console.out << " runs " << routine.function;
    console.out << ": " << t.events.size() << " events\n";
    for (const RecordedEvent &e : t.events) {
      console.out << llvm::format("  %12.6f  ", double(e.time - start) / 1e9)
                  << opKindName(e.op.kind);
      if (e.op.object)
        console.out << llvm::format(" 0x%llx", (unsigned long long)e.op.object);
      console.out << " -> " << e.result;
      Stack site;
      site.frames[0] = e.pc;
      std::optional<Frame> at = symbolizer.userFrame(site);
      if (e.pc && at && at->location.known())
        console.out << "  " << at->location.str();
      console.out << "\n";
    }
  }
  return 0;
}

} // namespace tangle
