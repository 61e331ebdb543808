// --sandbox: the program runs in fresh user, mount, network and IPC
// namespaces. Everything it sees is read-only except its working directory
// and /tmp, which become overlays whose writes land in tangle's scratch
// folder, and a /dev/shm of its own; its network is a loopback of its own.
// Nothing it writes reaches the user's files, and it reaches no other host.
#pragma once

#include <cstdint>
#include <string>

namespace tangle {

/// What the forked child needs, prepared before the fork: the child only
/// makes system calls.
struct SandboxPlan {
  std::string scratch;    // the run's scratch folder (the writable layers)
  std::string cwd;        // overlaid unless it is "/" or under /tmp
  std::string cwdEscaped; // cwd as an overlay option value
  std::string uidMap, gidMap;
  uint64_t shmBytes = 256ull << 20; // size of the private /dev/shm
};

/// Creates the layers' folders in `scratch`; false with `error` when it
/// cannot.
bool prepareSandbox(const std::string &scratch, SandboxPlan &plan,
                    std::string &error);

/// Why the sandbox cannot be used on this machine (one line, with what to
/// do), or "" when it can: a short-lived child enters it as planned.
std::string sandboxUnavailable(const SandboxPlan &plan);

/// In the forked child, before exec: enters the sandbox. Returns 0, or the
/// errno of the step that failed, naming it in `*step`.
int enterSandbox(const SandboxPlan &plan, const char **step);

/// The one-line explanation of a failed step.
std::string describeSandboxFailure(const char *step, int error);

} // namespace tangle
