// A thread's life: created, started, running, blocked on its pending
// operation, exited; joined or detached.
#pragma once

#include "model/event.h"

namespace tangle {

enum class ThreadStatus : uint8_t { Created, Running, Exited };

struct ThreadState {
  ThreadStatus status = ThreadStatus::Created;
  bool hasPending = false;
  bool joined = false;
  bool detached = false;
  ThreadId parent = NoThread;
  Operation pending;

  bool live() const { return status != ThreadStatus::Exited; }
};

} // namespace tangle
