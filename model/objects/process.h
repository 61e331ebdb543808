// Processes: fork makes a child process with one thread; exit ends every
// thread of the process and leaves it a zombie until its parent waits for
// it. Threads of all processes are scheduled together, one at a time.
#pragma once

#include "model/event.h"

#include <memory_resource>
#include <string>
#include <vector>

namespace tangle {

struct Outcome;

enum class ProcessStatus : uint8_t {
  Running,
  Exited, // a zombie: exited, not yet waited for
  Reaped, // waited for by its parent (or by init, once the parent ended)
};

struct ProcessState {
  ProcessId parent = NoProcess;
  ThreadId creator = NoThread; // the thread that forked it
  ThreadId firstThread = 0;
  ProcessStatus status = ProcessStatus::Running;
  int32_t exitStatus = 0;
  bool waited = false;   // reaped by its parent's wait
  /// It called exec: it runs another program, unscheduled, and may end at
  /// any time (a wait for it is enabled; the runtime waits for real).
  bool execed = false;
  bool orphaned = false; // its parent exited while it still ran
  /// It exited, and its parent went on running without waiting for it
  /// until the parent itself ended (a zombie all that time).
  bool zombieAtParentExit = false;
  /// The signal that killed it (kill by its parent), or 0.
  int32_t killedBy = 0;
};

using ProcessTable = std::pmr::vector<ProcessState>;

/// waitpid's answers besides a reaped child.
constexpr int32_t WaitNoChild = -1;    // ECHILD: nothing to wait for
constexpr int32_t WaitNothingYet = -2; // WNOHANG and no child has exited

bool isProcessOp(OpKind kind);

/// Whether a wait by a thread of process `self` can return now: a matching
/// child has exited, none can ever match, or it does not hang.
bool processWaitEnabled(const ProcessTable &processes, ProcessId self,
                        const Operation &op);

/// What that wait returns now (the lowest-numbered exited child, or one of
/// the Wait* answers), and marks the child reaped.
int32_t processWaitStep(ProcessTable &processes, ProcessId self,
                        const Operation &op);

/// The children of `self` that a wait for `target` matches and that are not
/// reaped yet.
bool hasUnreapedChild(const ProcessTable &processes, ProcessId self,
                      uint64_t target);

std::string processCanonical(const ProcessTable &processes, ProcessId p);

} // namespace tangle
