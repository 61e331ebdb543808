// The text report: compiler-style diagnostics with notes, a lockdep-like
// scenario, the numbered interleaving, a fix hint and the replay command;
// then the static checks' warnings, each marked "(static)".
#include "cli/render.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>

namespace tangle {
namespace {

void diagnostic(llvm::raw_ostream &out, const SourceLocation &at,
                const char *severity, const std::string &message) {
  if (at.known())
    out << at.str(/*withColumn=*/true) << ": ";
  out << severity << ": " << message << "\n";
}

void renderThreadNotes(llvm::raw_ostream &out, const InvolvedThread &t) {
  std::string name = t.thread.name;
  // (tangle attach sees neither where a thread was created nor where a
  // lock was taken: step 0)
  if (t.thread.id != 0 && t.thread.createdAt.known())
    diagnostic(out, t.thread.createdAt, "note", name + " is created here");
  for (const HeldLockView &held : t.holds)
    diagnostic(out, held.lockedAt, "note",
               name + " holds " + held.object.display() +
                   (held.step || held.lockedAt.known() ? ", locked here"
                                                       : "") +
                   (held.step ? " (step " + std::to_string(held.step) + ")"
                              : std::string()));
  if (t.waits) {
    std::string text =
        t.waits->op == "spin on" ? name + " spins here on " + t.waits->object
        : t.waits->op == "poll"
            ? name + " polls here, sleeping between looks"
            : name + " waits here to " + t.waits->op + " " + t.waits->object;
    if (t.waits->waitsOn)
      text += t.waits->waitsOn->id == t.thread.id
                  ? ", which it holds itself"
                  : ", held by " + t.waits->waitsOn->name;
    diagnostic(out, t.waits->at, "note", text);
  }
}

/// Each side of a race where it happens, with the callers below it.
void renderAccessNotes(llvm::raw_ostream &out, const Explanation &e) {
  for (const AccessView &a : e.accesses) {
    std::string what = e.object.empty() ? "it" : e.object;
    diagnostic(out, a.at, "note",
               a.thread.name + " " + a.verb + " " + what + " here");
    for (size_t i = 1; i < a.stack.size(); ++i)
      diagnostic(out, a.stack[i], "note", "called from here");
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
  out << "note: possible unsafe locking scenario" << condition << ":\n\n";
  out.indent(indent);
  for (const std::string &column : scenario.columns)
    out << llvm::left_justify(column, width);
  out << "\n";
  out.indent(indent);
  for (size_t i = 0; i < scenario.columns.size(); ++i)
    out << llvm::left_justify("----", width);
  out << "\n";
  for (const Scenario::Row &row : scenario.rows)
    line(row.column, row.text);
  out << "\n";
  out.indent(indent) << "*** DEADLOCK ***\n\n";
}

void renderSteps(llvm::raw_ostream &out, const Explanation &e) {
  if (e.steps.empty() && e.blocked.empty())
    return;
  // A recorded run (no replay command) has no schedule, so no preemptions.
  if (e.replayCommand.empty())
    out << "note: the last recorded steps of the threads involved, "
        << e.totalSteps << (e.totalSteps == 1 ? " step" : " steps")
        << " (in the order of their timestamps";
  else
    out << "note: the interleaving, " << e.totalSteps
        << (e.totalSteps == 1 ? " step" : " steps") << " (" << e.preemptions
        << (e.preemptions == 1 ? " preemption" : " preemptions");
  if (e.foundBy == "pct" || e.foundBy == "pos")
    out << ", found by a random " << (e.foundBy == "pct" ? "PCT" : "POS")
        << " schedule";
  if (e.foundBy == "prediction" && !e.replayCommand.empty())
    out << ", predicted from a recorded run and confirmed by this replay";
  if (e.omittedSteps)
    out << "; " << e.omittedSteps
        << " steps of other threads and objects left out";
  out << "):\n";
  size_t threadWidth = 6, opWidth = 4, objectWidth = 6;
  auto measure = [&](const StepView &step) {
    threadWidth = std::max(threadWidth, step.thread.name.size());
    opWidth = std::max(opWidth, step.op.size() + (step.number ? 0 : 8));
    objectWidth = std::max(objectWidth, step.object.size());
  };
  llvm::for_each(e.steps, measure);
  llvm::for_each(e.blocked, measure);
  auto row = [&](const StepView &step, const std::string &op) {
    if (step.number)
      out << llvm::format("%6u  ", step.number);
    else
      out.indent(8);
    out << llvm::left_justify(step.thread.name, threadWidth + 2)
        << llvm::left_justify(op, opWidth + 2)
        << llvm::left_justify(step.object, objectWidth + 2)
        << (step.at.known() ? step.at.str() : "") << "\n";
  };
  for (const StepView &step : e.steps) {
    if (step.omittedBefore)
      out.indent(8) << "... " << step.omittedBefore
                    << (step.omittedBefore == 1 ? " step" : " steps")
                    << " left out\n";
    row(step, step.op);
    if (step.repeats > 1)
      out.indent(8) << "... the same step " << (step.repeats - 1)
                    << " more times (steps " << step.number + 1 << "-"
                    << step.number + step.repeats - 1 << ")\n";
  }
  // A thread at an atomic never blocks: it is stuck spinning.
  for (const StepView &step : e.blocked)
    row(step, (step.op.rfind("atomic ", 0) == 0 ? "spins: "
               : step.op.rfind("yield", 0) == 0  ? "polls: "
                                                 : "blocked: ") +
                  step.op);
  if (e.lostUpdateOrder.empty())
    return;
  // File operations are not scheduling points: the run above may do each
  // side's read and write together, so the losing order is shown apart.
  out << "note: how one update is lost: nothing orders these operations, so "
         "they can also run in this order, and the second write overwrites "
         "the first:\n";
  for (const StepView &step : e.lostUpdateOrder)
    row(step, step.op);
}

/// A stack's callers, below the line that names its innermost frame.
void renderCallers(llvm::raw_ostream &out,
                   const std::vector<SourceLocation> &stack) {
  for (size_t i = 1; i < stack.size(); ++i)
    diagnostic(out, stack[i], "note", "called from here");
}

std::string stepText(uint32_t step) {
  return step ? " (step " + std::to_string(step) + ")" : "";
}

/// Each edge of a lock-order cycle: where the second lock was taken and
/// where the first, both with their callers.
void renderLockEdges(llvm::raw_ostream &out, const Explanation &e) {
  for (const LockEdgeView &edge : e.lockEdges) {
    SourceLocation at =
        edge.acquiredStack.empty() ? SourceLocation() : edge.acquiredStack[0];
    std::string text = edge.thread.name + " locks " + edge.acquired +
                       " here" + stepText(edge.acquiredStep) +
                       " while holding " + edge.held;
    if (!edge.gates.empty()) {
      text += " and ";
      for (size_t i = 0; i < edge.gates.size(); ++i)
        text += (i ? ", " : "") + edge.gates[i];
    }
    diagnostic(out, at, "note", text);
    renderCallers(out, edge.acquiredStack);
    SourceLocation heldAt =
        edge.heldStack.empty() ? SourceLocation() : edge.heldStack[0];
    diagnostic(out, heldAt, "note",
               edge.thread.name + " locked " + edge.held + " here" +
                   stepText(edge.heldStep));
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
    out << "note: the static checks warn of this too: " << f->finding.Message
        << " [" << f->finding.CheckId << "]\n";
  }
}

void renderFinding(llvm::raw_ostream &out, const Explanation &e,
                   const std::vector<const StaticFinding *> &folded = {}) {
  diagnostic(out, e.location, e.counted ? "error" : "warning",
             e.summary + " [" + e.id + "] (dynamic" +
                 (e.counted ? "" : ", not counted") + ")");
  for (const InvolvedThread &thread : e.threads)
    if (e.lockEdges.empty())
      renderThreadNotes(out, thread);
  if (!e.lockEdges.empty())
    renderLockEdges(out, e);
  else if (e.kind == FindingKind::RaceFile)
    renderAccessNotes(out, e);
  else
    for (size_t i = 1; i < e.locations.size(); ++i)
      if (e.locations[i].known())
        diagnostic(out, e.locations[i], "note", "also involved here");
  if (e.scenario)
    renderScenario(out, *e.scenario,
                   e.lockEdges.empty()
                       ? ""
                       : " if these ran in " +
                             std::to_string(e.lockEdges.size()) +
                             " threads at once");
  if (!e.lockEdges.empty())
    out << "note: the execution that showed these locks taken:\n";
  renderSteps(out, e);
  renderFoldedStatic(out, folded);
  if (!e.notConfirmed.empty())
    out << "note: predicted from a recorded run, not confirmed: "
        << e.notConfirmed << "\n";
  out << "note: fix: " << e.hint << "\n";
  if (e.foundBy == "attach")
    out << "note: attached to a process tangle did not start: there is no "
           "schedule to replay; tangle run reproduces a real hang and tangle "
           "check explores every interleaving\n\n";
  else if (e.replayCommand.empty())
    out << "note: recorded run: the program ran freely, so there is no "
           "schedule to replay; tangle check explores its interleavings\n\n";
  else
    out << "note: replay this interleaving: " << e.replayCommand << "\n\n";
}

std::string plural(uint64_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void position(llvm::raw_ostream &out, const analyzer::SourcePosition &at) {
  if (at.File.empty())
    return;
  out << at.File << ":" << at.Line << ":";
  if (at.Column)
    out << at.Column << ":";
  out << " ";
}

/// What the exploration says about a static finding, as its last note.
std::string confirmationNote(const StaticFinding &f) {
  switch (f.confirmation) {
  case Confirmation::Confirmed:
    return "confirmed by the exploration: see [" + f.confirmedBy + "] above";
  case Confirmation::NotConfirmed:
    return "not confirmed by the exploration: every interleaving was "
           "explored and none shows it; not counted in the verdict";
  case Confirmation::Unexplored:
    return "not confirmed yet: the exploration stopped before every "
           "interleaving was explored";
  case Confirmation::StaticOnly:
    return f.counted ? "found by the static checks only: the exploration "
                       "does not check this"
                     : "found by the static checks only; not counted in the "
                       "verdict (the exploration does not check memory "
                       "accesses yet, and this check can flag race-free code)";
  }
  return "";
}

void renderStaticFinding(llvm::raw_ostream &out, const StaticFinding &f) {
  position(out, f.finding.Where);
  out << "warning: " << f.finding.Message << " [" << f.finding.CheckId
      << "] (static)\n";
  for (const analyzer::FindingNote &note : f.finding.Notes) {
    position(out, note.Where);
    out << "note: " << note.Message << "\n";
  }
  out << "note: " << confirmationNote(f) << "\n\n";
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
    text = "; static checks: " + plural(shown, "finding");
    size_t notCounted = shown - pass.counted();
    if (notCounted)
      text += ", " + std::to_string(notCounted) + " not counted";
  }
  if (refuted)
    text += "; " + plural(refuted, "static warning") +
            " refuted by the exploration";
  return text;
}

} // namespace

/// "; plus 1,234 random schedules (PCT depth <= 3: ...)" -- what the random
/// schedules of an incomplete exploration add, with PCT's guarantee.
static std::string randomCoverage(const ExploreStats &stats) {
  if (!stats.randomSchedules)
    return "";
  std::string text =
      "; plus " + plural(stats.randomSchedules, "random schedule");
  if (stats.pctDepth)
    text +=
        " (PCT depth <= " + std::to_string(stats.pctDepth) +
        ": each finds a bug of depth d <= " + std::to_string(stats.pctDepth) +
        " with probability >= 1/(n*k^(d-1)), n = " +
        std::to_string(stats.pctThreads) +
        " threads, k = " + std::to_string(stats.pctSteps) + " steps)";
  return text;
}

/// "every search branch with at most 2 preemptions explored (...), of about 10^14
/// in all" -- what an incomplete exploration covered.
std::string coverage(const ExploreStats &stats) {
  // DPOR runs one interleaving per class of equivalent ones, and the one it
  // runs may have more preemptions than others of its class: the bound is
  // of the search's branches, not of every interleaving (docs/exploration.md).
  std::string text =
      stats.preemptionsComplete < 0
          ? std::string("not even every search branch without preemptions "
                        "explored")
      : stats.preemptionsComplete == 0
          ? std::string("every search branch without preemptions explored")
          : "every search branch with at most " +
                plural(uint64_t(stats.preemptionsComplete), "preemption") +
                " explored";
  if (stats.preemptionsComplete >= 0)
    text += " (an interleaving with as few can still wait behind a costlier "
            "branch)";
  double e = stats.estimatedLog10;
  uint64_t run = stats.executions + stats.sleepBlocked + stats.retryBounded;
  if (std::pow(10.0, e) < double(run) + 1) // nothing known beyond them
    return text + randomCoverage(stats);
  if (e < 6)
    text += ", of about " + std::to_string(uint64_t(std::pow(10.0, e) + 0.5)) +
            " in all";
  else
    text += ", of about 10^" + std::to_string(int(e + 0.5)) + " in all";
  return text + randomCoverage(stats);
}

/// The closing line of `tangle run`.
std::string recordedSummaryLine(const RunSummary &run, size_t findings) {
  std::string seconds = llvm::formatv("{0:f2} s", run.stats.seconds).str();
  const RecordedSummary &r = run.recorded;
  std::string what = plural(r.events, "event") + " of " +
                     plural(r.threads, "thread") + " recorded" +
                     (r.dropped ? " (" + plural(r.dropped, "event") +
                                      " dropped: the record region was full)"
                                : std::string());
  switch (run.verdict) {
  case Verdict::Bugs:
    return "tangle: bugs: " + plural(findings, "finding") +
           " in one recorded run (" + what + ", " + seconds + ")";
  case Verdict::Incomplete:
    return "tangle: incomplete: the run was " +
           (run.stats.stoppedBy.empty() ? std::string("stopped")
                                        : run.stats.stoppedBy) +
           " before it ended (" + what + ", " + seconds + ")";
  default:
    if (run.suppressed) // it was stopped for a finding the user accepts
      return "tangle: no finding in this run but " +
             plural(run.suppressed, "suppressed one") + " (" + what + ", " +
             seconds + ")";
    if (!r.unwatched.empty()) // a hang there would not have been seen
      return "tangle: no hang in what this run recorded: the program exited "
             "with status " +
             std::to_string(r.exitStatus) + " (" + what + ", " + seconds +
             "), but it used " + plural(r.unwatched.size(), "kind") +
             " of call that record mode does not watch (see the note above)";
    return "tangle: no hang in this run: the program exited with status " +
           std::to_string(r.exitStatus) + " (" + what + ", " + seconds +
           "); one run proves nothing about other interleavings (tangle "
           "check explores them)";
  }
}

std::string summaryLine(const RunSummary &run, size_t findings,
                        size_t warnings) {
  if (run.command == "predict") {
    std::string what = llvm::formatv("{0} of {1} recorded, {2:f2} s",
                                     plural(run.recorded.events, "event"),
                                     plural(run.recorded.threads, "thread"),
                                     run.stats.seconds)
                           .str();
    if (run.verdict == Verdict::Bugs)
      return "tangle: bugs: " + plural(findings, "predicted deadlock") +
             " confirmed by replay (" + what + ")";
    return "tangle: no deadlock predicted and confirmed in this trace" +
           (warnings ? " (" + plural(warnings, "prediction") +
                           " not confirmed, not counted)"
                     : std::string()) +
           " (" + what + "); prediction covers the reorderings of this one run";
  }
  if (run.command == "run")
    return recordedSummaryLine(run, findings);
  if (run.command == "attach")
    return "tangle: " +
           (findings ? "bugs: " + plural(findings, "finding")
                     : std::string("no finding but ") +
                           plural(run.suppressed, "suppressed one")) +
           " in " + run.program + " (" +
           plural(run.recorded.threads, "thread") + ", " +
           llvm::formatv("{0:f2} s", run.stats.seconds).str() + ")";
  const ExploreStats &stats = run.stats;
  std::string seconds = llvm::formatv("{0:f2} s", stats.seconds).str();
  std::string executions = plural(stats.executions, "execution");
  std::string extent =
      stats.complete
          ? (stats.retryBounded
                 ? "every interleaving explored, retry loops cut after " +
                       plural(run.retryBound, "failed attempt")
                 : std::string("every interleaving explored"))
          : "stopped by " + (stats.stoppedBy.empty() ? std::string("a limit")
                                                     : stats.stoppedBy);
  std::string statics = staticSummary(run.staticChecks);
  if (warnings)
    statics = "; " + plural(warnings, "lock-order warning") + ", not counted" +
              statics;
  switch (run.verdict) {
  case Verdict::Bugs:
    // With no dynamic finding, the static ones made the verdict.
    return "tangle: bugs: " +
           (findings ? plural(findings, "finding")
                     : std::string("no deadlock or lock misuse")) +
           " in " + executions + " (" + extent + ", " + seconds + ")" +
           statics;
  case Verdict::Clean:
    return "tangle: clean: no deadlock or lock misuse in " + executions + " (" +
           extent + ", " + seconds + ")" + statics;
  case Verdict::Incomplete:
    return "tangle: incomplete: no findings in " + executions + ", " + extent +
           " before every interleaving was explored; " + coverage(stats) +
           " (" + seconds + ")" + statics;
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

void renderText(llvm::raw_ostream &out, const RunSummary &run,
                const std::vector<Explanation> &findings) {
  // One story per problem: a static warning a dynamic finding confirms is a
  // note under it; one the complete exploration refutes is not shown.
  std::vector<std::vector<const StaticFinding *>> folded(findings.size());
  std::vector<const StaticFinding *> alone;
  for (const StaticFinding &f : run.staticChecks.findings) {
    if (f.confirmation == Confirmation::NotConfirmed)
      continue;
    size_t under = f.confirmation == Confirmation::Confirmed
                       ? confirmingFinding(f, findings)
                       : findings.size();
    if (under < findings.size())
      folded[under].push_back(&f);
    else
      alone.push_back(&f);
  }
  for (size_t i = 0; i < findings.size(); ++i)
    renderFinding(out, findings[i], folded[i]);
  for (const StaticFinding *f : alone)
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
    out << "note: data races were not checked: the program was not compiled "
           "with tangle's memory instrumentation (tangle check FILE.c does "
           "it)\n";
  else if (run.stats.racesPartial)
    out << "note: data races were checked in part: an execution made more "
           "memory accesses than the access log holds\n";
  if (run.suppressed)
    out << "note: " << run.suppressed
        << (run.suppressed == 1 ? " finding" : " findings")
        << " suppressed (--suppressions)\n";
  // An unmodelled call names its line, like a finding's.
  if (!run.stats.limitNote.empty())
    out << (run.stoppedAt.known() ? run.stoppedAt.str(true) + ": " : "")
        << "note: " << run.stats.limitNote
        << "; that is a limit of the exploration, not a finding\n";
  if (run.stats.stoppedBy == "atomic-limit")
    out << "note: atomics were explored in part: an execution made more atomic "
           "operations than it may schedule (half of --max-steps); the rest "
           "ran unscheduled, their interleavings unexplored\n";
  size_t counted = size_t(llvm::count_if(
      findings, [](const Explanation &e) { return e.counted; }));
  out << summaryLine(run, counted, findings.size() - counted) << "\n";
}

} // namespace tangle
