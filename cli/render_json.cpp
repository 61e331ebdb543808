// The JSON report (docs/report-format.md), with llvm::json: the dynamic findings,
// then the static ones, each with its "source".
#include "cli/render.h"

#include "llvm/Support/JSON.h"

#include <cmath>

namespace tangle {
namespace json = llvm::json;

namespace {

json::Value threadJson(const ThreadView &thread) {
  json::Object object{{"thread", static_cast<int64_t>(thread.id)},
                      {"name", thread.name}};
  if (!thread.startRoutine.empty())
    object["start_routine"] = thread.startRoutine;
  if (thread.createdAt.known())
    object["created_at"] =
        json::Object{{"file", thread.createdAt.file},
                     {"line", static_cast<int64_t>(thread.createdAt.line)}};
  return object;
}

json::Value involvedJson(const InvolvedThread &involved) {
  json::Value value = threadJson(involved.thread);
  json::Object &object = *value.getAsObject();
  json::Array holds;
  for (const HeldLockView &held : involved.holds)
    holds.push_back(
        json::Object{{"object", held.object.name},
                     {"declared", held.object.where},
                     {"step", static_cast<int64_t>(held.step)},
                     {"file", held.lockedAt.file},
                     {"line", static_cast<int64_t>(held.lockedAt.line)}});
  object["holds"] = std::move(holds);
  if (involved.waits) {
    json::Object waits{{"op", involved.waits->op},
                       {"object", involved.waits->object},
                       {"file", involved.waits->at.file},
                       {"line", static_cast<int64_t>(involved.waits->at.line)}};
    if (involved.waits->waitsOn)
      waits["waits_on"] = static_cast<int64_t>(involved.waits->waitsOn->id);
    object["waits_for"] = std::move(waits);
  }
  return value;
}

json::Value stepJson(const StepView &step) {
  json::Object object{{"thread", static_cast<int64_t>(step.thread.id)},
                      {"process", static_cast<int64_t>(step.process)},
                      {"op", step.op},
                      {"object", step.object},
                      {"file", step.at.file},
                      {"line", static_cast<int64_t>(step.at.line)}};
  if (step.number)
    object["step"] = static_cast<int64_t>(step.number);
  if (step.omittedBefore)
    object["omitted_before"] = static_cast<int64_t>(step.omittedBefore);
  if (step.repeats > 1)
    object["repeats"] = static_cast<int64_t>(step.repeats);
  if (step.groupRepeats) {
    object["group_repeats"] = static_cast<int64_t>(step.groupRepeats);
    object["group_length"] = static_cast<int64_t>(step.groupLength);
    object["group_last"] = static_cast<int64_t>(step.groupLast);
  }
  return object;
}

json::Value findingJson(const Explanation &e) {
  json::Array locations;
  for (const SourceLocation &location : e.locations)
    locations.push_back(
        json::Object{{"file", location.file},
                     {"line", static_cast<int64_t>(location.line)},
                     {"column", static_cast<int64_t>(location.column)}});
  json::Array steps, blocked, threads;
  for (const StepView &step : e.steps)
    steps.push_back(stepJson(step));
  for (const StepView &step : e.blocked)
    blocked.push_back(stepJson(step));
  for (const InvolvedThread &thread : e.threads)
    threads.push_back(involvedJson(thread));
  json::Object object{{"id", e.id},
                      {"source", "dynamic"},
                      {"summary", e.summary},
                      {"hint", e.hint},
                      {"schedule", e.schedule},
                      {"locations", std::move(locations)},
                      {"steps", std::move(steps)},
                      {"blocked", std::move(blocked)},
                      {"threads", std::move(threads)},
                      {"total_steps", static_cast<int64_t>(e.totalSteps)},
                      {"omitted_steps", static_cast<int64_t>(e.omittedSteps)},
                      {"preemptions", static_cast<int64_t>(e.preemptions)},
                      {"replay", e.replayCommand}};
  if (e.shrunkFrom)
    object["preemptions_shortened_from"] = static_cast<int64_t>(e.shrunkFrom);
  if (!e.foundBy.empty())
    object["found_by"] = e.foundBy;
  if (e.foundBy == "attach") // instead of a schedule
    object["no_schedule"] = "attached to a process tangle did not start: "
                            "tangle run reproduces a real hang, tangle check "
                            "explores every interleaving";
  if (!e.object.empty())
    object["object"] = e.object;
  if (!e.accesses.empty()) {
    json::Array accesses;
    for (const AccessView &a : e.accesses) {
      json::Array stack;
      for (const SourceLocation &at : a.stack)
        stack.push_back(json::Object{{"file", at.file},
                                     {"line", static_cast<int64_t>(at.line)},
                                     {"function", at.function}});
      json::Object access{{"thread", static_cast<int64_t>(a.thread.id)},
                          {"op", a.verb},
                          {"file", a.at.file},
                          {"line", static_cast<int64_t>(a.at.line)},
                          {"stack", std::move(stack)}};
      if (!a.object.empty())
        access["object"] = a.object;
      accesses.push_back(std::move(access));
    }
    object["accesses"] = std::move(accesses);
  }
  if (e.kind == FindingKind::RaceFile || e.kind == FindingKind::RaceData)
    object["lost_update"] = e.lostUpdate;
  if (!e.lostUpdateOrder.empty()) {
    json::Array order;
    for (const StepView &step : e.lostUpdateOrder)
      order.push_back(stepJson(step));
    object["lost_update_order"] = std::move(order);
  }
  if (!e.notConfirmed.empty()) {
    object["predicted"] = true;
    object["reason"] = e.notConfirmed;
  }
  if (!e.counted) {
    object["counted"] = false;
    object["severity"] = "warning";
  }
  if (!e.lockEdges.empty()) {
    auto stackJson = [](const std::vector<SourceLocation> &stack) {
      json::Array frames;
      for (const SourceLocation &at : stack)
        frames.push_back(json::Object{{"file", at.file},
                                      {"line", static_cast<int64_t>(at.line)},
                                      {"function", at.function}});
      return frames;
    };
    json::Array edges, cycle;
    for (const LockEdgeView &edge : e.lockEdges) {
      cycle.push_back(edge.held);
      json::Array gates;
      for (const std::string &gate : edge.gates)
        gates.push_back(gate);
      json::Object object{
          {"thread", static_cast<int64_t>(edge.thread.id)},
          {"thread_name", edge.thread.name},
          {"held", edge.held},
          {"acquired", edge.acquired},
          {"held_stack", stackJson(edge.heldStack)},
          {"acquired_stack", stackJson(edge.acquiredStack)},
          {"gates", std::move(gates)}};
      if (edge.heldStep)
        object["held_step"] = static_cast<int64_t>(edge.heldStep);
      if (edge.acquiredStep)
        object["acquired_step"] = static_cast<int64_t>(edge.acquiredStep);
      edges.push_back(std::move(object));
    }
    object["lock_order"] = json::Object{{"reason", e.inversionReason},
                                        {"cycle", std::move(cycle)},
                                        {"edges", std::move(edges)}};
  }
  return object;
}

json::Object positionJson(const analyzer::SourcePosition &at) {
  return json::Object{{"file", at.File},
                      {"line", static_cast<int64_t>(at.Line)},
                      {"column", static_cast<int64_t>(at.Column)}};
}

json::Value staticFindingJson(const StaticFinding &f) {
  json::Array locations{positionJson(f.finding.Where)};
  json::Array notes;
  for (const analyzer::FindingNote &note : f.finding.Notes) {
    locations.push_back(positionJson(note.Where));
    json::Object object = positionJson(note.Where);
    object["message"] = note.Message;
    notes.push_back(std::move(object));
  }
  json::Object object{{"id", f.finding.CheckId},
                      {"source", "static"},
                      {"summary", f.finding.Message},
                      {"locations", std::move(locations)},
                      {"notes", std::move(notes)},
                      {"confirmation", confirmationName(f.confirmation)},
                      {"counted", f.counted}};
  if (!f.confirmedBy.empty())
    object["confirmed_by"] = f.confirmedBy;
  return json::Value(std::move(object));
}

json::Value staticChecksJson(const StaticPass &pass) {
  json::Object object{{"ran", pass.ran},
                      {"findings", static_cast<int64_t>(pass.findings.size())},
                      {"counted", static_cast<int64_t>(pass.counted())}};
  if (!pass.error.empty())
    object["error"] = pass.error;
  return json::Value(std::move(object));
}

} // namespace

void renderJson(llvm::raw_ostream &out, const RunSummary &run,
                const std::vector<Explanation> &findings) {
  json::Array findingArray;
  for (const Explanation &e : findings)
    findingArray.push_back(findingJson(e));
  for (const StaticFinding &f : run.staticChecks.findings)
    findingArray.push_back(staticFindingJson(f));
  json::Object explored{
      {"executions", static_cast<int64_t>(run.stats.executions)},
      {"complete", run.stats.complete},
      {"seconds", run.stats.seconds},
      {"sleep_blocked", static_cast<int64_t>(run.stats.sleepBlocked)},
      {"retry_bounded", static_cast<int64_t>(run.stats.retryBounded)},
      {"steps", static_cast<int64_t>(run.stats.steps)},
      {"races_checked", run.stats.racesChecked},
      {"races_partial", run.stats.racesPartial}};
  if (!run.stats.stoppedBy.empty())
    explored["stopped_by"] = run.stats.stoppedBy;
  if (run.stats.reuseAsked) {
    json::Object reuse{
        {"workers", static_cast<int64_t>(run.stats.reuseWorkers)},
        {"executions", static_cast<int64_t>(run.stats.reusedExecutions)}};
    if (!run.stats.reuseDeclined.empty())
      reuse["declined"] = run.stats.reuseDeclined;
    else if (!run.stats.reuseRefusal.empty())
      reuse["refused"] = run.stats.reuseRefusal;
    if (run.stats.fiberExecutions)
      reuse["fibers"] = static_cast<int64_t>(run.stats.fiberExecutions);
    if (!run.stats.fibersDeclined.empty())
      reuse["fibers_declined"] = run.stats.fibersDeclined;
    if (run.stats.reuseTainted) {
      reuse["single_use"] = static_cast<int64_t>(run.stats.reuseTainted);
      reuse["single_use_by"] = run.stats.reuseTaint;
    }
    explored["reuse"] = std::move(reuse);
  }
  if (!run.stats.limitNote.empty())
    explored["limit"] = run.stats.limitNote;
  if (!run.stats.error.empty())
    explored["error"] = run.stats.error;
  if (run.stats.failedExitStatus)
    explored["exit_status"] = static_cast<int64_t>(run.stats.failedExitStatus);
  explored["coverage"] = json::Object{
      {"strategy", run.stats.strategy},
      {"preemptions_complete", run.stats.preemptionsComplete},
      {"estimated_executions",
       std::pow(10.0, std::min(run.stats.estimatedLog10, 300.0))},
      {"dpor_executions",
       static_cast<int64_t>(run.stats.executions - run.stats.randomSchedules -
                            run.stats.symmetricSchedules)},
      {"symmetric_schedules",
       static_cast<int64_t>(run.stats.symmetricSchedules)},
      {"random_schedules", static_cast<int64_t>(run.stats.randomSchedules)},
      {"pct_schedules", static_cast<int64_t>(run.stats.pctSchedules)},
      {"pos_schedules", static_cast<int64_t>(run.stats.posSchedules)},
      {"pct_depth", static_cast<int64_t>(run.stats.pctDepth)},
      {"pct_threads", static_cast<int64_t>(run.stats.pctThreads)},
      {"pct_steps", static_cast<int64_t>(run.stats.pctSteps)},
      {"seed", static_cast<int64_t>(run.stats.seed)},
      {"jobs", static_cast<int64_t>(run.stats.jobs)}};
  if (run.stats.shrinkExecutions)
    explored["coverage"].getAsObject()->try_emplace(
        "shrink_executions", static_cast<int64_t>(run.stats.shrinkExecutions));
  // An unmodelled call: the line the thread was at.
  if (!run.stats.limitNote.empty() && run.stoppedAt.known())
    explored["limit_at"] = json::Object{
        {"file", run.stoppedAt.file},
        {"line", static_cast<int64_t>(run.stoppedAt.line)}};
  json::Object report{{"tool", "tangle"},
                      {"version", TANGLE_VERSION},
                      {"command", run.command},
                      {"program", run.program},
                      {"verdict", verdictName(run.verdict)},
                      {"explored", std::move(explored)},
                      {"findings", std::move(findingArray)},
                      {"suppressed", static_cast<int64_t>(run.suppressed)},
                      {"static_checks", staticChecksJson(run.staticChecks)}};
  if (run.shardCount)
    report["shard"] = json::Object{
        {"index", static_cast<int64_t>(run.shardIndex)},
        {"count", static_cast<int64_t>(run.shardCount)},
        {"fingerprint", run.fingerprint},
        {"roots", static_cast<int64_t>(run.stats.shardRoots)},
        {"frontier", static_cast<int64_t>(run.stats.shardFrontier)},
        {"prefix_executions",
         static_cast<int64_t>(run.stats.shardPrefixExecutions)}};
  if (!run.prediction.empty()) {
    if (llvm::Expected<json::Value> p = json::parse(run.prediction))
      report["prediction"] = std::move(*p);
    else
      llvm::consumeError(p.takeError());
  }
  if (run.command == "predict") {
    report.erase("explored");
    report.erase("static_checks");
  }
  if (run.command == "run") { // one recorded run, nothing explored
    const RecordedSummary &r = run.recorded;
    report.erase("explored");
    report.erase("static_checks");
    report["recorded"] = json::Object{
        {"seconds", run.stats.seconds},
        {"exit_status", static_cast<int64_t>(r.exitStatus)},
        {"threads", static_cast<int64_t>(r.threads)},
        {"processes", static_cast<int64_t>(r.processes)},
        {"events", static_cast<int64_t>(r.events)},
        {"dropped", static_cast<int64_t>(r.dropped)},
        {"hang_after", r.hangAfter},
        {"unwatched", json::Array(std::vector<json::Value>(r.unwatched.begin(),
                                                           r.unwatched.end()))},
        {"races_checked", false}};
  }
  if (run.command == "attach") { // one look at a stopped process
    report.erase("explored");
    report.erase("static_checks");
    report["attached"] = json::Object{
        {"seconds", run.stats.seconds},
        {"threads", static_cast<int64_t>(run.recorded.threads)}};
  }
  out << llvm::formatv("{0:2}", json::Value(std::move(report))) << "\n";
}

} // namespace tangle
