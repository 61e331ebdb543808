// The modules (executable and shared libraries) loaded in this process.
#pragma once

#include "runtime/shm_protocol.h"

namespace tangle::rt {

/// Writes path, load bias and mapped range of each loaded module (the
/// executable first, named by /proc/self/exe), at most shm::MaxModules.
void listModules(shm::ModuleRecord *modules, uint32_t &count);

} // namespace tangle::rt
