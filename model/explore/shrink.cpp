// See shrink.h.
#include "model/explore/shrink.h"

#include "model/detect/detectors.h"
#include "model/detect/races.h"
#include "model/explore/replay.h"
#include "model/explore/scheduler.h"
#include "model/machine.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>

namespace tangle {

std::vector<ThreadId> withoutPreemptions(const std::vector<ThreadId> &steps,
                                         std::vector<uint32_t> remove) {
  std::vector<ThreadId> result = steps;
  // From the last preemption back: moving steps up at step i changes only
  // the steps from i on, so the earlier indexes still mean what they did.
  std::sort(remove.begin(), remove.end(), std::greater<uint32_t>());
  remove.erase(std::unique(remove.begin(), remove.end()), remove.end());
  for (uint32_t i : remove) {
    if (i == 0 || i >= result.size())
      continue;
    const ThreadId p = result[i - 1];
    if (result[i] == p)
      continue;
    auto next = std::find(result.begin() + i, result.end(), p);
    if (next == result.end())
      continue; // p made no step after it: nothing to go on with
    auto end =
        std::find_if(next, result.end(), [p](ThreadId t) { return t != p; });
    std::rotate(result.begin() + i, next, end);
  }
  return result;
}

namespace {

/// The steps where an execution preempts a thread (shrink.h).
std::vector<uint32_t> preemptionPoints(const ExecutionAnalysis &analysis) {
  std::vector<uint32_t> points;
  for (size_t i = 0; i + 1 < analysis.preemptions.size(); ++i)
    if (analysis.preemptions[i + 1] > analysis.preemptions[i])
      points.push_back(uint32_t(i));
  return points;
}

std::vector<ThreadId> threadsOf(const Execution &execution) {
  std::vector<ThreadId> steps;
  steps.reserve(execution.events.size());
  for (const Event &event : execution.events)
    steps.push_back(event.thread);
  return steps;
}

/// A candidate order made feasible in the model: the steps it takes and
/// the preemptions it makes.
struct Plan {
  std::vector<ThreadId> steps;
  uint32_t preemptions = 0;
};

/// Steps the witness's operations through the Machine in `candidate`'s
/// order, as far as each applies: at each step the first thread in what is
/// left of `candidate` that can take its next step there takes it (each
/// thread's steps keep their order), so that a thread that would block
/// where its steps were moved waits for what it waits for, as Tinertia
/// follows the rest of a schedule per thread. When no thread of it can
/// go, the plan ends (the default scheduler, which makes no preemption,
/// would run the rest). The program may still go another way: a plan is a
/// prediction, which the execution run from it checks.
Plan plan(const Execution &witness, const std::vector<ThreadId> &candidate,
          uint32_t retryBound, bool spuriousWakeups) {
  Plan result;
  const std::vector<Event> &events = witness.events;
  // Per thread number: its events in order, and the next one.
  std::vector<std::vector<uint32_t>> queue;
  for (uint32_t i = 0; i < events.size(); ++i) {
    if (events[i].thread >= queue.size())
      queue.resize(events[i].thread + 1);
    queue[events[i].thread].push_back(i);
  }
  std::vector<size_t> next(queue.size(), 0);
  std::vector<const PendingOp *> last(queue.size(), nullptr);
  for (const PendingOp &p : witness.pending)
    if (p.thread < last.size())
      last[p.thread] = &p;
  Machine m;
  m.reserveThreads(queue.size());
  m.setSpuriousWakeups(spuriousWakeups);
  auto postNext = [&](ThreadId t) {
    if (t >= m.threadCount() || t >= queue.size() || !m.live(t) ||
        m.processEnded())
      return;
    if (next[t] < queue[t].size())
      m.post(t, events[queue[t][next[t]]].op);
    else if (last[t])
      m.post(t, last[t]->op);
  };
  postNext(m.mainThread());
  // What is left of `candidate`: a list linked through `after` (the next
  // entry not taken yet; `end` past the last), so that taking an entry
  // costs nothing however long the witness (erasing it from a vector made
  // a plan of 700,000 steps run for minutes).
  const size_t end = candidate.size();
  std::vector<size_t> after(end);
  for (size_t i = 0; i < end; ++i)
    after[i] = i + 1;
  size_t first = 0;
  std::vector<char> stuck(queue.size() + 1, 0);
  ThreadId previous = NoThread;
  // A bound on the scans, for a witness of very many steps.
  uint64_t work = uint64_t(end) * 64;
  while (first != end && !m.processEnded()) {
    std::fill(stuck.begin(), stuck.end(), 0);
    size_t k = first, before = end;
    for (; k != end && work; before = k, k = after[k], --work) {
      const ThreadId t = candidate[k];
      if (t >= queue.size() || stuck[t])
        continue;
      if (t < m.threadCount() && m.live(t) && m.hasPending(t) &&
          next[t] < queue[t].size() && m.enabled(t) &&
          m.pending(t).kind == events[queue[t][next[t]]].op.kind)
        break;
      stuck[t] = 1;
    }
    if (k == end || !work)
      break;
    const ThreadId t = candidate[k];
    if (previous != NoThread && previous != t && previous < m.threadCount() &&
        schedulable(m, previous, retryBound))
      ++result.preemptions;
    const Event &event = events[queue[t][next[t]]];
    Outcome outcome = m.step(t);
    if (isAtomicOp(event.op.kind))
      m.completeAtomic(t, event.op, event.op.flags & AtomicChanged);
    ++next[t];
    postNext(t);
    if (event.op.kind == OpKind::ThreadCreate)
      postNext(static_cast<ThreadId>(outcome.result));
    result.steps.push_back(t);
    (before == end ? first : after[before]) = after[k];
    previous = t;
  }
  return result;
}

/// An execution run to shrink a witness, with what it showed: a witness
/// for any finding of the run, not only the one it was run for (the
/// findings of one random execution often share its witness).
struct Tried {
  std::shared_ptr<const Execution> execution;
  std::vector<ThreadId> schedule; // trimmed, for `tangle replay`
  std::vector<uint32_t> points;   // its preemptions (step indexes)
  uint32_t preemptions = 0;
  std::vector<Finding> found;
};

/// The candidates run (as planned), each with its entry in the Tried, or
/// NotShown when its execution showed no finding or was cut short.
using Ran = std::map<std::vector<ThreadId>, size_t>;
constexpr size_t NotShown = SIZE_MAX;

/// Shrinks one finding's witness within `budget` executions.
class Shrinker {
public:
  Shrinker(Program &program, const ExploreOptions &options, Finding &finding,
           uint64_t budget, uint64_t stepBudget, std::vector<Tried> &tried,
           Ran &ran)
      : program_(program), options_(options), best_(finding), budget_(budget),
        stepBudget_(stepBudget), tried_(tried), ran_(ran) {}

  uint64_t executions() const { return executions_; }
  uint64_t steps() const { return stepsRun_; }

  /// False when the witness cannot be read (its analysis fails).
  bool start() {
    ExecutionAnalysis analysis = analyzeExecution(
        *best_.execution, options_.retryBound, options_.spuriousWakeups);
    if (!analysis.error.empty())
      return false;
    steps_ = threadsOf(*best_.execution);
    points_ = preemptionPoints(analysis);
    // What an earlier finding's shrinking ran may show this one already,
    // for no execution; the one with the fewest preemptions.
    const Tried *fewest = nullptr;
    for (const Tried &t : tried_)
      if (t.preemptions < best_.preemptions &&
          (!fewest || t.preemptions < fewest->preemptions) && shows(t))
        fewest = &t;
    if (fewest)
      adopt(*fewest);
    return true;
  }

  void run() {
    // The preemptions after the finding's step cannot be what shows it
    // (but for what its thread does before its next step): the default
    // scheduler, which makes none, runs the execution on from there.
    const size_t cut = size_t(best_.step) + 1;
    if (cut < steps_.size() && !points_.empty() && points_.back() >= cut)
      attempt(std::vector<ThreadId>(steps_.begin(), steps_.begin() + cut));
    // What shows a bug is most often the last few switches before it: keep
    // the last one, two, four, ... preemptions alone.
    for (size_t keep = 1;
         keep < points_.size() && best_.preemptions > 1 && left(); keep *= 2) {
      std::vector<uint32_t> earlier(points_.begin(), points_.end() - keep);
      if (attempt(withoutPreemptions(steps_, earlier)))
        break;
    }
    // Then the fewest preemptions that still show it, as delta debugging
    // finds the smallest failing input (Zeller and Hildebrandt, TSE 2002):
    // keep one of g groups of the preemptions, or all but one group, from
    // two groups up to one preemption each.
    size_t groups = 2;
    while (best_.preemptions > 1 && points_.size() >= 2 && left()) {
      size_t n = points_.size();
      groups = std::min(groups, n);
      std::vector<std::vector<uint32_t>> chunks(groups);
      for (size_t i = 0; i < n; ++i)
        chunks[i * groups / n].push_back(points_[i]);
      bool progress = false;
      for (size_t c = 0; c < groups && !progress && left(); ++c) {
        std::vector<uint32_t> others;
        for (size_t d = 0; d < groups; ++d)
          if (d != c)
            others.insert(others.end(), chunks[d].begin(), chunks[d].end());
        if (attempt(withoutPreemptions(steps_, others))) {
          progress = true;
          groups = 2;
        }
      }
      // With two groups, all but one is the other one: tried above.
      for (size_t c = 0; groups > 2 && c < groups && !progress && left(); ++c)
        if (attempt(withoutPreemptions(steps_, chunks[c]))) {
          progress = true;
          groups = std::max<size_t>(groups - 1, 2);
        }
      if (progress)
        continue;
      if (groups >= n)
        break; // no single preemption can go
      groups = std::min(groups * 2, n);
    }
  }

private:
  bool left() const {
    // An execution of the candidate takes about as many steps as the
    // witness: one that would pass the step budget is not run.
    return executions_ < budget_ && stepsRun_ + steps_.size() <= stepBudget_ &&
           !(options_.interrupt && options_.interrupt->load());
  }

  /// Whether `t` shows this finding as well as the witness does: the same
  /// key, and a lost update if the witness showed one.
  const Finding *shows(const Tried &t) const {
    for (const Finding &f : t.found)
      if (f.key == best_.key && (!best_.lostUpdate || f.lostUpdate))
        return &f;
    return nullptr;
  }

  void adopt(const Tried &t) {
    Finding f = *shows(t);
    f.execution = t.execution;
    f.schedule = t.schedule;
    f.preemptions = t.preemptions;
    f.foundBy = best_.foundBy;
    f.shrunkFrom = best_.shrunkFrom ? best_.shrunkFrom : best_.preemptions;
    best_ = std::move(f);
    steps_ = threadsOf(*t.execution);
    points_ = t.points;
  }

  /// Runs `candidate` (the current witness's steps where they agree, then
  /// the rest as a hint: where a step cannot be taken the default
  /// scheduler takes over, so no candidate diverges) and keeps it when it
  /// shows the finding with fewer preemptions.
  bool attempt(const std::vector<ThreadId> &asked) {
    if (!left())
      return false;
    // Made feasible in the model first: a candidate that still has as
    // many preemptions there, or that ran already, costs no execution.
    Plan planned = plan(*best_.execution, asked, options_.retryBound,
                        options_.spuriousWakeups);
    if (planned.preemptions >= best_.preemptions)
      return false;
    // Run for an earlier finding (the findings of one witness shrink
    // through the same candidates): what it showed, for no execution.
    auto known = ran_.find(planned.steps);
    if (known != ran_.end()) {
      if (known->second == NotShown ||
          tried_[known->second].preemptions >= best_.preemptions ||
          !shows(tried_[known->second]))
        return false;
      adopt(tried_[known->second]);
      return true;
    }
    auto &outcome = ran_[planned.steps];
    outcome = NotShown;
    const std::vector<ThreadId> &candidate = planned.steps;
    size_t same = std::mismatch(candidate.begin(), candidate.end(),
                                steps_.begin(), steps_.end())
                      .first -
                  candidate.begin();
    if (same == candidate.size() && same == steps_.size())
      return false; // the witness itself
    ExecutionRequest request;
    request.prefix.assign(candidate.begin(), candidate.begin() + same);
    request.hint.assign(candidate.begin() + same, candidate.end());
    request.maxSteps = options_.maxSteps;
    request.timeoutSeconds = options_.executionTimeout;
    request.retryBound = options_.retryBound;
    request.spuriousWakeups = options_.spuriousWakeups;
    ++executions_;
    auto execution = std::make_shared<Execution>(program_.run(request));
    stepsRun_ += execution->events.size();
    // Only an execution that ran to its end as the program's own says the
    // same as the witness (not one cut at a limit or by the time).
    if (execution->end == EndReason::Error ||
        execution->end == EndReason::Diverged ||
        execution->end == EndReason::LimitReached ||
        execution->end == EndReason::Timeout || execution->truncated ||
        execution->budgetEnded || execution->atomicsUnscheduled)
      return false;
    ExecutionAnalysis analysis = analyzeExecution(
        *execution, options_.retryBound, options_.spuriousWakeups);
    if (!analysis.error.empty())
      return false;
    Tried t;
    t.preemptions = analysis.preemptions.back();
    t.found = detectFindings(*execution, analysis);
    for (Finding &race : detectRaces(*execution, analysis))
      t.found.push_back(std::move(race));
    if (t.found.empty())
      return false;
    t.execution = execution;
    t.schedule = trimmedSchedule(*execution, analysis);
    t.points = preemptionPoints(analysis);
    outcome = tried_.size();
    tried_.push_back(std::move(t));
    const Tried &kept = tried_.back();
    if (kept.preemptions >= best_.preemptions || !shows(kept))
      return false;
    adopt(kept);
    return true;
  }

  Program &program_;
  const ExploreOptions &options_;
  Finding &best_;
  uint64_t budget_;
  uint64_t stepBudget_;
  std::vector<Tried> &tried_;
  Ran &ran_;
  uint64_t executions_ = 0;
  uint64_t stepsRun_ = 0;
  std::vector<ThreadId> steps_;  // the witness's threads, step by step
  std::vector<uint32_t> points_; // its preemptions (step indexes)
};

/// Whether a finding's witness is one execution that a run of its schedule
/// shows again: not a lock-order warning (judged over many executions),
/// nor a nondeterminism (two executions compared), nor a prediction or
/// a witness cut short.
bool shrinkable(const Finding &f) {
  if (f.preemptions <= 1 || !f.execution || f.execution->truncated)
    return false;
  if (f.kind == FindingKind::LockOrderInversion ||
      f.kind == FindingKind::ProgramNondeterministic)
    return false;
  return f.foundBy == "dpor" || f.foundBy == "pct" || f.foundBy == "pos" ||
         f.foundBy == "sym";
}

} // namespace

ShrinkStats shrinkWitnesses(Program &program, std::vector<Finding> &findings,
                            const ExploreOptions &options, uint64_t budget,
                            uint64_t stepBudget) {
  ShrinkStats stats;
  std::vector<Tried> tried;
  Ran ran;
  size_t waiting = std::count_if(findings.begin(), findings.end(), shrinkable);
  uint64_t steps = 0;
  for (Finding &finding : findings) {
    if (!shrinkable(finding))
      continue;
    if (options.interrupt && options.interrupt->load())
      break;
    // An equal share of what is left: what one finding does not use goes
    // to the next.
    uint64_t share = (budget - stats.executions + waiting - 1) / waiting;
    uint64_t stepShare =
        stepBudget == NoStepBudget
            ? NoStepBudget
            : (stepBudget - std::min(steps, stepBudget)) / waiting;
    --waiting;
    const uint32_t before = finding.preemptions;
    Shrinker shrinker(program, options, finding, share, stepShare, tried, ran);
    if (shrinker.start())
      shrinker.run();
    stats.executions += shrinker.executions();
    steps += shrinker.steps();
    if (finding.preemptions < before)
      ++stats.shrunk;
  }
  return stats;
}

} // namespace tangle
