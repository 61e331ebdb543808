// See interrupt.h.
#include "cli/interrupt.h"

#include <csignal>
#include <initializer_list>

namespace tangle {

namespace {

std::atomic<int> g_interrupt{0};

void onInterrupt(int signal) {
  int expected = 0;
  if (!g_interrupt.compare_exchange_strong(expected, signal)) {
    // The second one: the user wants out now.
    ::signal(signal, SIG_DFL);
    raise(signal);
  }
}

void onBrokenPipe(int) {} // the write reports EPIPE instead of killing us

} // namespace

void installInterruptHandlers() {
  static bool installed = false;
  if (installed)
    return;
  installed = true;
  struct sigaction sa = {};
  sa.sa_handler = onInterrupt;
  sigemptyset(&sa.sa_mask);
  // No SA_RESTART: a blocking read or wait returns EINTR and looks at the
  // flag. Handled (not ignored) signals are reset by exec, so programs
  // started by tangle get the default actions.
  for (int signal : {SIGINT, SIGTERM, SIGHUP})
    sigaction(signal, &sa, nullptr);
  sa.sa_handler = onBrokenPipe;
  sigaction(SIGPIPE, &sa, nullptr);
}

const std::atomic<int> &interruptSignal() { return g_interrupt; }

int interruptExitCode() { return 128 + g_interrupt.load(); }

void adoptInterrupt(int signal) { g_interrupt.store(signal); }

void setInterruptForTesting(int signal) { g_interrupt.store(signal); }

} // namespace tangle
