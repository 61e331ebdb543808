// Calls tangle does not model (runtime/intercept_unmodelled.cpp): each ends a
// controlled execution as "unmodelled-call" rather than let a proof be false.
#pragma once

#include "model/event.h"

namespace tangle::rt {

/// The calling thread created a thread or process the scheduler cannot see
/// (`call`: "clone", "syscall(SYS_clone3)"). Does not return.
[[noreturn]] void unmodelledClone(const char *call, const Stack &stack);

} // namespace tangle::rt
