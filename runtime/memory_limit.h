// The per-execution memory limit (RLIMIT_AS). It limits what the program
// maps, not what the runtime reserved before the execution (the model's
// arena, alternate signal stacks, the shared region) nor the stacks of the
// program's threads, which are address space reserved, not memory used
// (1,000 threads of 8 MiB stacks reserve 8 GiB): each thread's stack is
// added to the limit as it is created.
#pragma once

#include <cstddef>
#include <cstdint>
#include <pthread.h>

namespace tangle::rt {

/// In the fork server, once, after its last mapping: each execution (a
/// fork, which inherits the limit and the address space it is measured
/// from) may map `bytes` more than the fork server had mapped (0: no
/// limit). The fork server's own limit is the same: it maps nothing more.
void limitMemory(uint64_t bytes);

/// Before the real pthread_create: adds the new thread's stack (as `attr`
/// asks, or the default) to the limit. Returns the bytes to take off again
/// with releaseThreadStack.
size_t reserveThreadStack(const pthread_attr_t *attr);

/// The thread whose stack reserveThreadStack counted has ended for real
/// (joined, or a detached thread that exited): its stack is unmapped, or
/// kept in glibc's cache of stacks (a slack covers that).
void releaseThreadStack(size_t bytes);

/// An allocation of `bytes` by the program failed (malloc, new, mmap): the
/// execution ends as the memory limit's, not the program's (what the
/// program does with the failure is not its behaviour; noteLimit). A size
/// no address space holds fails anyway and is left to the program.
void noteOutOfMemory(size_t bytes);

} // namespace tangle::rt
