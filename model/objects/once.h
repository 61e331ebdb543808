// pthread_once: the first caller runs the routine; the others wait for it.
#pragma once

#include "model/event.h"

#include <string>

namespace tangle {

struct Outcome;

struct OnceState {
  ObjectAddr addr = 0;
  ThreadId runner = NoThread; // running the routine now
  bool done = false;
};

bool isOnceOp(OpKind kind);
bool onceEnabled(const OnceState &o, const Operation &op);
Outcome onceStep(OnceState &o, ThreadId t, const Operation &op);
std::string onceCanonical(const OnceState &o);

} // namespace tangle
