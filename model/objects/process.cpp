// What waits do: a wait returns a child that has exited (a zombie), and
// blocks while the children it may return all still run.
#include "model/objects/process.h"

namespace tangle {

namespace {
// An orphan is nobody's child any more (its parent's number may have gone
// to another process since).
bool matches(const ProcessState &child, ProcessId id, ProcessId self,
             uint64_t target) {
  return child.parent == self && !child.orphaned &&
         child.status != ProcessStatus::Reaped &&
         (target == AnyProcess || target == id);
}
} // namespace

bool isProcessOp(OpKind kind) {
  return kind == OpKind::ProcessFork || kind == OpKind::ProcessWait ||
         kind == OpKind::ProcessExec || kind == OpKind::ProcessKill ||
         kind == OpKind::ProcessSpawn;
}

bool hasUnreapedChild(const ProcessTable &processes, ProcessId self,
                      uint64_t target) {
  for (ProcessId p = 0; p < processes.size(); ++p)
    if (matches(processes[p], p, self, target))
      return true;
  return false;
}

bool processWaitEnabled(const ProcessTable &processes, ProcessId self,
                        const Operation &op) {
  if (op.flags & WaitNoHang)
    return true;
  bool any = false;
  for (ProcessId p = 0; p < processes.size(); ++p) {
    if (!matches(processes[p], p, self, op.object))
      continue;
    if (processes[p].status == ProcessStatus::Exited || processes[p].execed)
      return true;
    any = true;
  }
  return !any; // nothing left to wait for: ECHILD at once
}

int32_t processWaitStep(ProcessTable &processes, ProcessId self,
                        const Operation &op) {
  bool any = false;
  for (ProcessId p = 0; p < processes.size(); ++p) {
    ProcessState &child = processes[p];
    if (!matches(child, p, self, op.object))
      continue;
    if (child.status == ProcessStatus::Exited || child.execed) {
      if (!(op.flags & WaitKeep)) { // WNOWAIT leaves it to a later wait
        child.status = ProcessStatus::Reaped;
        child.waited = true;
      }
      return static_cast<int32_t>(p);
    }
    any = true;
  }
  return any ? WaitNothingYet : WaitNoChild;
}

std::string processCanonical(const ProcessTable &processes, ProcessId p) {
  const ProcessState &s = processes[p];
  std::string text = "process " + std::to_string(p) + ": parent " +
                     std::to_string(int64_t(int32_t(s.parent)));
  switch (s.status) {
  case ProcessStatus::Running:
    text += " running";
    break;
  case ProcessStatus::Exited:
    text += " exited " + std::to_string(s.exitStatus);
    if (s.killedBy)
      text += " killed " + std::to_string(s.killedBy);
    break;
  case ProcessStatus::Reaped:
    text += " reaped";
    break;
  }
  if (s.orphaned)
    text += " orphaned";
  return text;
}

} // namespace tangle
