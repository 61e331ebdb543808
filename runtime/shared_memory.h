// Which memory the processes of an execution share, and the object keys
// that follow from it (see model/event.h): an address in a process's
// private memory names a different object in each process, an address in a
// MAP_SHARED mapping the same object in all.
#pragma once

#include "model/event.h"

#include <cstddef>
#include <cstdint>

namespace tangle::rt {

/// Records [addr, addr + length) as mapped MAP_SHARED (inherited by forks).
void noteSharedMapping(const void *addr, size_t length);
/// Records a MAP_SHARED mapping of bytes [offset, offset + length) of the
/// file (device, inode): keyed by where the execution first mapped them.
void noteFileMapping(const void *addr, size_t length, uint64_t device,
                     uint64_t inode, uint64_t offset);
/// Forgets mappings that [addr, addr + length) unmaps.
void forgetMapping(const void *addr, size_t length);

/// The key of the object at `addr` as the calling process sees it.
ObjectAddr objectKey(uint64_t addr);

/// `op` with its object addresses turned into keys (see objectKey).
Operation keyedOperation(const Operation &op);

} // namespace tangle::rt
