// Pipe ends under control (pipes.cpp). The descriptor interceptors
// (intercept_file.cpp) call these for every descriptor of a controlled
// thread; they act on pipe ends only.
#pragma once

#include "model/event.h"

#include <cstddef>

namespace tangle::rt {

/// Before a read of `fd`: a pipe's read end waits for the Machine.
void pipeBeforeRead(int fd, size_t count, const Stack &stack);
/// Before a write to `fd`: a pipe's write end waits for the Machine.
void pipeBeforeWrite(int fd, size_t count, const Stack &stack);
/// Before `fd` is closed (close, or dup2/dup3 over it).
void pipeClosing(int fd, const Stack &stack);
/// After `to` became a copy of `from` (dup, dup2, dup3).
void pipeDuplicated(int from, int to, const Stack &stack);
/// Whether a program started now (posix_spawn, popen) would inherit an end
/// of a pipe under control: one of this process's ends without FD_CLOEXEC.
bool pipeEndsInherited();
/// `fd` was closed or reused outside control: forget it.
void pipeForget(int fd);

} // namespace tangle::rt
