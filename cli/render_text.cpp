// The text report: compiler-style diagnostics with notes, a lockdep-like
// scenario, the numbered interleaving, a fix hint and the replay command;
// then the static checks' warnings, each marked "(static)".
#include "cli/render.h"

#include "cli/messages.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Unicode.h"

#include <algorithm>
#include <cmath>

namespace tangle {
namespace {

/// "1 step", "2 steps": `one` or `many`, translated, with n filled in.
std::string plural(uint64_t n, const char *one, const char *many) {
  return tr(n == 1 ? one : many, n);
}

/// The columns `text` takes on a terminal (a Chinese character takes two).
size_t columnsOf(llvm::StringRef text) {
  int width = llvm::sys::unicode::columnWidthUTF8(text);
  return width < 0 ? text.size() : size_t(width);
}

/// `text` padded with spaces to `width` columns.
std::string padded(llvm::StringRef text, size_t width) {
  size_t columns = columnsOf(text);
  return text.str() + std::string(columns < width ? width - columns : 0, ' ');
}

void diagnostic(llvm::raw_ostream &out, const SourceLocation &at,
                const char *severity, const std::string &message) {
  if (at.known())
    out << at.str(/*withColumn=*/true) << ": ";
  out << tr(severity) << ": " << message << "\n";
}

void renderThreadNotes(llvm::raw_ostream &out, const InvolvedThread &t) {
  std::string name = t.thread.name;
  // (tangle attach sees neither where a thread was created nor where a
  // lock was taken: step 0)
  if (t.thread.id != 0 && t.thread.createdAt.known())
    diagnostic(out, t.thread.createdAt, msg("note"),
               tr("{0} is created here", name));
  for (const HeldLockView &held : t.holds)
    diagnostic(out, held.lockedAt, msg("note"),
               held.step ? tr("{0} holds {1}, locked here (step {2})", name,
                              held.object.display(), held.step)
               : held.lockedAt.known()
                   ? tr("{0} holds {1}, locked here", name,
                        held.object.display())
                   : tr("{0} holds {1}", name, held.object.display()));
  if (t.waits) {
    std::string text = t.waits->op == "spin on"
                           ? tr("{0} spins here on {1}", name, t.waits->object)
                       : t.waits->op == "poll"
                           ? tr("{0} polls here, sleeping between looks", name)
                       // An atomic that is no spin: a detached thread cut
                       // off before it (explain.cpp, describeWait).
                       : t.waits->op.rfind("atomic ", 0) == 0
                           ? tr("{0} stops here, before its {1} {2}", name,
                                tr(t.waits->op), t.waits->object)
                           : tr("{0} waits here to {1} {2}", name,
                                tr(t.waits->op), t.waits->object);
    if (t.waits->waitsOn)
      text += t.waits->waitsOn->id == t.thread.id
                  ? std::string(tr(", which it holds itself"))
                  : tr(", held by {0}", t.waits->waitsOn->name);
    diagnostic(out, t.waits->at, msg("note"), text);
  }
}

/// Whether a thread's note (renderThreadNotes) names this place already: a
/// stall's waiter is also among its locations, and "also involved here" on
/// the line of "waits here" says nothing more.
bool inThreadNotes(const Explanation &e, const SourceLocation &at) {
  auto same = [&](const SourceLocation &other) {
    return other.known() && other.file == at.file && other.line == at.line &&
           other.column == at.column;
  };
  for (const InvolvedThread &t : e.threads) {
    if (t.thread.id != 0 && same(t.thread.createdAt))
      return true;
    for (const HeldLockView &held : t.holds)
      if (same(held.lockedAt))
        return true;
    if (t.waits && same(t.waits->at))
      return true;
  }
  return false;
}

/// Each side of a race where it happens, with the callers below it.
void renderAccessNotes(llvm::raw_ostream &out, const Explanation &e) {
  for (const AccessView &a : e.accesses) {
    std::string what = e.object.empty() ? tr("it") : e.object;
    diagnostic(out, a.at, msg("note"),
               tr("{0} {1} {2} here", a.thread.name, tr(a.verb), what));
    for (size_t i = 1; i < a.stack.size(); ++i)
      diagnostic(out, a.stack[i], msg("note"), tr("called from here"));
  }
}

void renderScenario(llvm::raw_ostream &out, const Scenario &scenario,
                    const std::string &condition) {
  const unsigned indent = 8;
  size_t width = 4;
  for (const std::string &column : scenario.columns)
    width = std::max(width, column.size());
  for (const Scenario::Row &row : scenario.rows)
    width = std::max(width, row.text.size());
  width += 6;
  auto line = [&](size_t column, const std::string &text) {
    out.indent(indent + column * width) << text << "\n";
  };
  out << tr("note") << ": "
      << tr("possible unsafe locking scenario{0}:", condition) << "\n\n";
  out.indent(indent);
  for (const std::string &column : scenario.columns)
    out << padded(column, width);
  out << "\n";
  out.indent(indent);
  for (size_t i = 0; i < scenario.columns.size(); ++i)
    out << llvm::left_justify("----", width);
  out << "\n";
  for (const Scenario::Row &row : scenario.rows)
    line(row.column, row.text);
  out << "\n";
  out.indent(indent) << tr("*** DEADLOCK ***") << "\n\n";
}

void renderSteps(llvm::raw_ostream &out, const Explanation &e) {
  if (e.steps.empty() && e.blocked.empty())
    return;
  // A recorded run (no replay command) has no schedule, so no preemptions.
  out << tr("note") << ": ";
  if (e.replayCommand.empty())
    out << tr("the last recorded steps of the threads involved, {0} (in the "
              "order of their timestamps",
              plural(e.totalSteps, msg("{0} step"), msg("{0} steps")));
  else
    out << tr(
        "the interleaving, {0} ({1}",
        plural(e.totalSteps, msg("{0} step"), msg("{0} steps")),
        plural(e.preemptions, msg("{0} preemption"), msg("{0} preemptions")));
  if (e.foundBy == "pct" || e.foundBy == "pos")
    out << tr(", found by a random {0} schedule",
              e.foundBy == "pct" ? "PCT" : "POS");
  if (e.foundBy == "sym")
    out << tr(", found by the symmetric preemption search");
  if (e.shrunkFrom && !e.replayCommand.empty())
    out << tr(
        ", shortened from {0}",
        plural(e.shrunkFrom, msg("{0} preemption"), msg("{0} preemptions")));
  if (e.foundBy == "prediction" && !e.replayCommand.empty())
    out << tr(", predicted from a recorded run and confirmed by this replay");
  if (e.omittedSteps)
    out << tr("; {0} steps of other threads and objects left out",
              e.omittedSteps);
  out << tr("):") << "\n";
  size_t threadWidth = 6, opWidth = 4, objectWidth = 6;
  const bool cutOff = e.kind == FindingKind::LifecycleDetachedCutOff;
  auto measure = [&](const StepView &step, bool blocked) {
    threadWidth = std::max(threadWidth, columnsOf(step.thread.name));
    opWidth =
        std::max(opWidth, columnsOf(stepOperation(step, blocked, cutOff)));
    objectWidth = std::max(objectWidth, columnsOf(step.object));
  };
  for (const StepView &step : e.steps)
    measure(step, false);
  for (const StepView &step : e.blocked)
    measure(step, true);
  auto row = [&](const StepView &step, bool blocked) {
    if (step.number)
      out << llvm::format("%6u  ", step.number);
    else
      out.indent(8);
    out << padded(step.thread.name, threadWidth + 2)
        << padded(stepOperation(step, blocked, cutOff), opWidth + 2)
        << padded(step.object, objectWidth + 2)
        << (step.at.known() ? step.at.str() : "") << "\n";
  };
  for (const StepView &step : e.steps) {
    if (step.omittedBefore)
      out.indent(8) << "... "
                    << plural(step.omittedBefore, msg("{0} step left out"),
                              msg("{0} steps left out"))
                    << "\n";
    row(step, false);
    if (step.repeats == 2)
      out.indent(8) << "... "
                    << tr("the same step once more (step {0})", step.number + 1)
                    << "\n";
    else if (step.repeats > 2)
      out.indent(8) << "... "
                    << tr("the same step {0} more times (steps {1}-{2})",
                          step.repeats - 1, step.number + 1,
                          step.number + step.repeats - 1)
                    << "\n";
    if (step.groupRepeats)
      out.indent(8) << "... " << roundText(step) << "\n";
  }
  for (const StepView &step : e.blocked)
    row(step, true);
  if (e.lostUpdateOrder.empty())
    return;
  // File operations are not scheduling points: the run above may do each
  // side's read and write together, so the losing order is shown apart.
  out << tr("note") << ": "
      << tr("how one update is lost: nothing orders these operations, so "
            "they can also run in this order, and the second write "
            "overwrites the first:")
      << "\n";
  for (const StepView &step : e.lostUpdateOrder)
    row(step, false);
}

/// A stack's callers, below the line that names its innermost frame.
void renderCallers(llvm::raw_ostream &out,
                   const std::vector<SourceLocation> &stack) {
  for (size_t i = 1; i < stack.size(); ++i)
    diagnostic(out, stack[i], msg("note"), tr("called from here"));
}

std::string stepText(uint32_t step) {
  return step ? tr(" (step {0})", step) : "";
}

/// Each edge of a lock-order cycle: where the second lock was taken and
/// where the first, both with their callers.
void renderLockEdges(llvm::raw_ostream &out, const Explanation &e) {
  for (const LockEdgeView &edge : e.lockEdges) {
    SourceLocation at =
        edge.acquiredStack.empty() ? SourceLocation() : edge.acquiredStack[0];
    std::string held = edge.held;
    if (!edge.gates.empty()) {
      held += tr(" and ");
      for (size_t i = 0; i < edge.gates.size(); ++i)
        held += (i ? ", " : "") + edge.gates[i];
    }
    diagnostic(out, at, msg("note"),
               tr("{0} locks {1} here{2} while holding {3}", edge.thread.name,
                  edge.acquired, stepText(edge.acquiredStep), held));
    renderCallers(out, edge.acquiredStack);
    SourceLocation heldAt =
        edge.heldStack.empty() ? SourceLocation() : edge.heldStack[0];
    diagnostic(out, heldAt, msg("note"),
               tr("{0} locked {1} here{2}", edge.thread.name, edge.held,
                  stepText(edge.heldStep)));
    renderCallers(out, edge.heldStack);
  }
}

/// The static warnings a dynamic finding confirms, as notes under it: one
/// story per problem.
void renderFoldedStatic(llvm::raw_ostream &out,
                        const std::vector<const StaticFinding *> &folded) {
  for (const StaticFinding *f : folded) {
    const analyzer::SourcePosition &at = f->finding.Where;
    if (!at.File.empty()) {
      out << at.File << ":" << at.Line << ":";
      if (at.Column)
        out << at.Column << ":";
      out << " ";
    }
    out << tr("note") << ": "
        << tr("the static checks warn of this too: {0} [{1}]",
              reportLanguage(f->finding.Text), f->finding.CheckId)
        << "\n";
  }
}

void renderFinding(llvm::raw_ostream &out, const Explanation &e,
                   const std::vector<const StaticFinding *> &folded = {}) {
  diagnostic(out, e.location, e.counted ? msg("error") : msg("warning"),
             e.summary + " [" + e.id + "] " +
                 (e.counted ? tr("(dynamic)") : tr("(dynamic, not counted)")));
  for (const InvolvedThread &thread : e.threads)
    if (e.lockEdges.empty())
      renderThreadNotes(out, thread);
  if (!e.lockEdges.empty())
    renderLockEdges(out, e);
  else if (e.kind == FindingKind::RaceFile)
    renderAccessNotes(out, e);
  else
    for (size_t i = 1; i < e.locations.size(); ++i) {
      const SourceLocation &at = e.locations[i];
      if (!at.known() || inThreadNotes(e, at))
        continue;
      // The other fields a free raced with (the accesses past the two
      // sides) say what was touched there.
      auto access = std::find_if(
          e.accesses.begin() + std::min<size_t>(2, e.accesses.size()),
          e.accesses.end(), [&](const AccessView &a) {
            return !a.object.empty() && a.at.file == at.file &&
                   a.at.line == at.line;
          });
      diagnostic(out, at, msg("note"),
                 access == e.accesses.end()
                     ? std::string(tr("also involved here"))
                     : tr("{0} also {1} {2} here", access->thread.name,
                          tr(access->verb.c_str()), access->object));
    }
  if (e.scenario)
    renderScenario(
        out, *e.scenario,
        e.lockEdges.empty()
            ? ""
            : tr(" if these ran in {0} threads at once", e.lockEdges.size()));
  if (!e.lockEdges.empty())
    out << tr("note") << ": "
        << tr("the execution that showed these locks taken:") << "\n";
  renderSteps(out, e);
  renderFoldedStatic(out, folded);
  if (!e.notConfirmed.empty())
    out << tr("note") << ": "
        << tr("predicted from a recorded run, not confirmed: {0}",
              e.notConfirmed)
        << "\n";
  out << tr("note") << ": " << tr("fix: {0}", e.hint) << "\n";
  if (e.foundBy == "attach")
    out << tr("note") << ": "
        << tr("attached to a process tangle did not start: there is no "
              "schedule to replay; tangle run reproduces a real hang and "
              "tangle check explores every interleaving")
        << "\n\n";
  else if (e.replayCommand.empty())
    out << tr("note") << ": "
        << tr("recorded run: the program ran freely, so there is no "
              "schedule to replay; tangle check explores its interleavings")
        << "\n\n";
  else
    out << tr("note") << ": "
        << tr("replay this interleaving: {0}", e.replayCommand) << "\n\n";
}

void position(llvm::raw_ostream &out, const analyzer::SourcePosition &at) {
  if (at.File.empty())
    return;
  out << at.File << ":" << at.Line << ":";
  if (at.Column)
    out << at.Column << ":";
  out << " ";
}

void renderStaticFinding(llvm::raw_ostream &out, const StaticFinding &f) {
  position(out, f.finding.Where);
  out << tr("warning") << ": " << reportLanguage(f.finding.Text) << " ["
      << f.finding.CheckId << "] " << tr("(static)") << "\n";
  for (const analyzer::FindingNote &note : f.finding.Notes) {
    position(out, note.Where);
    out << tr("note") << ": " << reportLanguage(note.Text) << "\n";
  }
  out << tr("note") << ": " << confirmationNote(f) << "\n\n";
}

/// "; static checks: 2 findings, 1 not counted; 8 static warnings refuted
/// by the exploration", or "" without any. The refuted ones are not shown
/// in the text (the JSON keeps them).
std::string staticSummary(const StaticPass &pass) {
  size_t refuted = llvm::count_if(pass.findings, [](const StaticFinding &f) {
    return f.confirmation == Confirmation::NotConfirmed;
  });
  size_t shown = pass.findings.size() - refuted;
  std::string text;
  if (shown) {
    text = tr("; static checks: {0}",
              plural(shown, msg("{0} finding"), msg("{0} findings")));
    size_t notCounted = shown - pass.counted();
    if (notCounted)
      text += tr(", {0} not counted", notCounted);
  }
  if (refuted)
    text += tr("; {0} refuted by the exploration",
               plural(refuted, msg("{0} static warning"),
                      msg("{0} static warnings")));
  return text;
}

} // namespace

std::string stepOperation(const StepView &step, bool blocked, bool cutOff) {
  if (!blocked)
    return tr(step.op);
  const char *state = cutOff                             ? msg("cut off: {0}")
                      : step.op.rfind("atomic ", 0) == 0 ? msg("spins: {0}")
                      : step.op.rfind("yield", 0) == 0   ? msg("polls: {0}")
                                                         : msg("blocked: {0}");
  return tr(state, tr(step.op));
}

/// What the exploration says about a static finding, as its last note.
std::string confirmationNote(const StaticFinding &f) {
  switch (f.confirmation) {
  case Confirmation::Confirmed:
    return tr("confirmed by the exploration: see [{0}] above", f.confirmedBy);
  case Confirmation::NotConfirmed:
    return tr("not confirmed by the exploration: every interleaving was "
              "explored and none shows it; not counted in the verdict");
  case Confirmation::Unexplored:
    return tr("not confirmed yet: the exploration stopped before every "
              "interleaving was explored");
  case Confirmation::RacesPartial:
    return tr("not confirmed: data races were checked in part (an execution "
              "made more memory accesses than the access log holds), so the "
              "exploration neither shows it nor rules it out; not counted in "
              "the verdict");
  case Confirmation::StaticOnly:
    return f.counted ? tr("found by the static checks only: the exploration "
                          "does not check this")
                     : tr("found by the static checks only; not counted in "
                          "the verdict (the exploration does not check memory "
                          "accesses yet, and this check can flag race-free "
                          "code)");
  }
  return "";
}

/// "; plus 1,234 random schedules (PCT depth <= 3: ...)" -- what the random
/// schedules of an incomplete exploration add, with PCT's guarantee.
static std::string randomCoverage(const ExploreStats &stats) {
  std::string text;
  if (stats.symmetricSchedules)
    text += tr("; plus {0} of the symmetric preemption search (at most 2 "
               "preemptions each)",
               plural(stats.symmetricSchedules, msg("{0} schedule"),
                      msg("{0} schedules")));
  if (!stats.randomSchedules)
    return text;
  text +=
      tr("; plus {0}", plural(stats.randomSchedules, msg("{0} random schedule"),
                              msg("{0} random schedules")));
  if (stats.pctDepth)
    text += tr(" (PCT depth <= {0}: each finds a bug of depth d <= {0} with "
               "probability >= 1/(n*k^(d-1)), n = {1} threads, k = {2} steps)",
               stats.pctDepth, stats.pctThreads, stats.pctSteps);
  return text;
}

/// "every search branch with at most 2 preemptions explored (...), of about
/// 10^14 in all" -- what an incomplete exploration covered.
std::string coverage(const ExploreStats &stats) {
  // DPOR runs one interleaving per class of equivalent ones, and the one it
  // runs may have more preemptions than others of its class: the bound is
  // of the search's branches, not of every interleaving (docs/exploration.md).
  std::string text =
      stats.preemptionsComplete < 0
          ? std::string(tr("not even every search branch without preemptions "
                           "explored"))
      : stats.preemptionsComplete == 0
          ? std::string(tr("every search branch without preemptions explored"))
          : tr("every search branch with at most {0} explored",
               plural(uint64_t(stats.preemptionsComplete),
                      msg("{0} preemption"), msg("{0} preemptions")));
  if (stats.preemptionsComplete >= 0)
    text += tr(" (an interleaving with as few can still wait behind a costlier "
               "branch)");
  double e = stats.estimatedLog10;
  uint64_t run = stats.executions + stats.sleepBlocked + stats.retryBounded;
  if (std::pow(10.0, e) < double(run) + 1) // nothing known beyond them
    return text + randomCoverage(stats);
  if (e < 6)
    text += tr(", of about {0} in all",
               std::to_string(uint64_t(std::pow(10.0, e) + 0.5)));
  else
    text += tr(", of about {0} in all", "10^" + std::to_string(int(e + 0.5)));
  return text + randomCoverage(stats);
}

/// "3 threads", or "1001 threads in 1001 processes" when the program
/// forked: a child's thread is a thread, in a process of its own.
std::string threadsAndProcesses(const RecordedSummary &r) {
  std::string threads =
      plural(r.threads, msg("{0} thread"), msg("{0} threads"));
  if (r.processes <= 1)
    return threads;
  return tr("{0} in {1}", threads,
            plural(r.processes, msg("{0} process"), msg("{0} processes")));
}

/// The closing line of `tangle run`. The verdict word after "tangle:" is
/// never translated: scripts look for it.
std::string recordedSummaryLine(const RunSummary &run, size_t findings) {
  std::string seconds = llvm::formatv("{0:f2} s", run.stats.seconds).str();
  const RecordedSummary &r = run.recorded;
  std::string what =
      tr("{0} of {1} recorded",
         plural(r.events, msg("{0} event"), msg("{0} events")),
         threadsAndProcesses(r)) +
      (r.dropped ? tr(" ({0} dropped: the record region was full)",
                      plural(r.dropped, msg("{0} event"), msg("{0} events")))
                 : std::string());
  switch (run.verdict) {
  case Verdict::Bugs:
    return "tangle: bugs: " +
           tr("{0} in one recorded run ({1}, {2})",
              plural(findings, msg("{0} finding"), msg("{0} findings")), what,
              seconds);
  case Verdict::Incomplete:
    return "tangle: incomplete: " +
           tr("the run was {0} before it ended ({1}, {2})",
              run.stats.stoppedBy.empty() ? std::string(tr("stopped"))
                                          : run.stats.stoppedBy,
              what, seconds);
  default:
    if (run.suppressed) // it was stopped for a finding the user accepts
      return "tangle: " + tr("no finding in this run but {0} ({1}, {2})",
                             plural(run.suppressed, msg("{0} suppressed one"),
                                    msg("{0} suppressed ones")),
                             what, seconds);
    if (!r.unwatched.empty()) // a hang there would not have been seen
      return "tangle: " +
             tr("no hang in what this run recorded: the program exited with "
                "status {0} ({1}, {2}), but it used {3} of call that record "
                "mode does not watch (see the note above)",
                r.exitStatus, what, seconds,
                plural(r.unwatched.size(), msg("{0} kind"), msg("{0} kinds")));
    return "tangle: " +
           tr("no hang in this run: the program exited with status {0} ({1}, "
              "{2}); one run proves nothing about other interleavings (tangle "
              "check explores them)",
              r.exitStatus, what, seconds);
  }
}

std::string summaryLine(const RunSummary &run, size_t findings,
                        size_t warnings) {
  if (run.command == "predict") {
    std::string what =
        tr("{0} of {1} recorded, {2}",
           plural(run.recorded.events, msg("{0} event"), msg("{0} events")),
           threadsAndProcesses(run.recorded),
           llvm::formatv("{0:f2} s", run.stats.seconds).str());
    if (run.verdict == Verdict::Bugs)
      return "tangle: bugs: " +
             tr("{0} confirmed by replay ({1})",
                plural(findings, msg("{0} predicted deadlock"),
                       msg("{0} predicted deadlocks")),
                what);
    return std::string("tangle: ") +
           tr("no deadlock predicted and confirmed in this trace") +
           (warnings ? tr(" ({0} not confirmed, not counted)",
                          plural(warnings, msg("{0} prediction"),
                                 msg("{0} predictions")))
                     : std::string()) +
           tr(" ({0}); prediction covers the reorderings of this one run",
              what);
  }
  if (run.command == "run")
    return recordedSummaryLine(run, findings);
  if (run.command == "attach")
    return "tangle: " +
           (findings ? "bugs: " + plural(findings, msg("{0} finding"),
                                         msg("{0} findings"))
                     : tr("no finding but {0}",
                          plural(run.suppressed, msg("{0} suppressed one"),
                                 msg("{0} suppressed ones")))) +
           tr(" in {0} ({1}, {2})", run.program,
              plural(run.recorded.threads, msg("{0} thread"),
                     msg("{0} threads")),
              llvm::formatv("{0:f2} s", run.stats.seconds).str());
  const ExploreStats &stats = run.stats;
  std::string seconds = llvm::formatv("{0:f2} s", stats.seconds).str();
  std::string executions =
      plural(stats.executions, msg("{0} execution"), msg("{0} executions"));
  std::string retries = plural(run.retryBound, msg("{0} failed attempt"),
                               msg("{0} failed attempts"));
  std::string extent =
      !stats.complete
          ? tr("stopped by {0}", stats.stoppedBy.empty()
                                     ? std::string(tr("a limit"))
                                     : stats.stoppedBy)
      // A shard explored its part (tangle merge says more).
      : run.shardCount
          ? (stats.retryBounded
                 ? tr("every interleaving of shard {0}/{1} explored, retry "
                      "loops cut after {2}",
                      run.shardIndex, run.shardCount, retries)
                 : tr("every interleaving of shard {0}/{1} explored",
                      run.shardIndex, run.shardCount))
      : stats.retryBounded
          ? tr("every interleaving explored, retry loops cut after {0}",
               retries)
          : std::string(tr("every interleaving explored"));
  std::string statics = staticSummary(run.staticChecks);
  if (warnings)
    statics =
        tr("; {0}, not counted", plural(warnings, msg("{0} lock-order warning"),
                                        msg("{0} lock-order warnings"))) +
        statics;
  switch (run.verdict) {
  case Verdict::Bugs:
    // With no dynamic finding, the static ones made the verdict.
    return "tangle: bugs: " +
           tr("{0} in {1} ({2}, {3})",
              findings
                  ? plural(findings, msg("{0} finding"), msg("{0} findings"))
                  : std::string(tr("no deadlock or lock misuse")),
              executions, extent, seconds) +
           statics;
  case Verdict::Clean:
    return "tangle: clean: " +
           tr("no deadlock or lock misuse in {0} ({1}, {2})", executions,
              extent, seconds) +
           statics;
  case Verdict::Incomplete:
    return "tangle: incomplete: " +
           tr("no findings in {0}, {1} before every interleaving was "
              "explored; {2} ({3})",
              executions, extent, coverage(stats), seconds) +
           statics;
  case Verdict::NoHang:
    break; // tangle run only
  }
  return "";
}

size_t confirmingFinding(const StaticFinding &f,
                         const std::vector<Explanation> &findings) {
  size_t first = findings.size();
  llvm::StringRef file = llvm::sys::path::filename(f.finding.Where.File);
  for (size_t i = 0; i < findings.size(); ++i) {
    if (findings[i].id != f.confirmedBy)
      continue;
    if (first == findings.size())
      first = i;
    for (const SourceLocation &at : findings[i].locations)
      if (at.line == f.finding.Where.Line &&
          llvm::sys::path::filename(at.file) == file)
        return i;
  }
  return first;
}

FoldedStatic foldStatic(const RunSummary &run,
                        const std::vector<Explanation> &findings) {
  FoldedStatic folded;
  folded.under.resize(findings.size());
  for (const StaticFinding &f : run.staticChecks.findings) {
    if (f.confirmation == Confirmation::NotConfirmed)
      continue;
    size_t under = f.confirmation == Confirmation::Confirmed
                       ? confirmingFinding(f, findings)
                       : findings.size();
    if (under < findings.size())
      folded.under[under].push_back(&f);
    else
      folded.alone.push_back(&f);
  }
  return folded;
}

void renderText(llvm::raw_ostream &out, const RunSummary &run,
                const std::vector<Explanation> &findings) {
  FoldedStatic folded = foldStatic(run, findings);
  for (size_t i = 0; i < findings.size(); ++i)
    renderFinding(out, findings[i], folded.under[i]);
  for (const StaticFinding *f : folded.alone)
    renderStaticFinding(out, *f);
  for (const std::string &note : run.notes)
    out << "note: " << note << "\n";
  if (run.command == "attach" || run.command == "predict")
    ; // not a run of the program here: nothing to check races in
  else if (run.command == "run") {
    // A recorded run checks no races; it names what it did not watch.
    if (!run.recorded.unwatched.empty()) {
      out << "note: this run did not watch";
      for (size_t i = 0; i < run.recorded.unwatched.size(); ++i)
        out << (i ? "; " : " ") << run.recorded.unwatched[i];
      out << ": record mode does not record them, so a hang, a lock order "
             "or a race through them was not seen (tangle check explores "
             "them)\n";
    }
    if (run.recorded.racesUnchecked)
      out << "note: data races were not checked: record mode does not "
             "check memory accesses yet (tangle check FILE.c does)\n";
  }
  else if (!run.stats.racesChecked)
    out << tr("note") << ": "
        << tr("data races were not checked: the program was not compiled "
              "with tangle's memory instrumentation (tangle check FILE.c does "
              "it)")
        << "\n";
  else if (run.stats.racesPartial)
    out << tr("note") << ": "
        << tr("data races were checked in part: an execution made more "
              "memory accesses than the access log holds")
        << "\n";
  if (run.suppressed)
    out << tr("note") << ": "
        << plural(run.suppressed,
                  msg("{0} finding suppressed (--suppressions)"),
                  msg("{0} findings suppressed (--suppressions)"))
        << "\n";
  // An unmodelled call names its line, like a finding's.
  if (!run.stats.limitNote.empty())
    out << (run.stoppedAt.known() ? run.stoppedAt.str(true) + ": " : "")
        << tr("note") << ": "
        << tr("{0}; that is a limit of the exploration, not a finding",
              run.stats.limitNote)
        << "\n";
  // Findings made before an execution failed still stand; the failure
  // ends the search, and says so.
  if (!run.stats.error.empty())
    out << tr("note") << ": "
        << tr("the exploration stopped on an error: {0}; the interleavings "
              "not run yet were not explored (the findings above stand)",
              run.stats.error)
        << "\n";
  if (run.stats.stoppedBy == "atomic-limit")
    out << tr("note") << ": "
        << tr("atomics were explored in part: an execution made more atomic "
              "operations than it may schedule (half of --max-steps); the rest "
              "ran unscheduled, their interleavings unexplored")
        << "\n";
  size_t counted = size_t(
      llvm::count_if(findings, [](const Explanation &e) { return e.counted; }));
  out << summaryLine(run, counted, findings.size() - counted) << "\n";
}

} // namespace tangle
