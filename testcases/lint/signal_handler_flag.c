// Clean twin of signal_handler_lock.c: the handler, installed with
// sigaction, only sets a volatile sig_atomic_t flag; main does the locked
// logging when it sees the flag.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig) { interrupted = 1; }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  for (int i = 0; i < 1000 && !interrupted; i++) {
    pthread_mutex_lock(&log_lock);
    fputs("working\n", stderr);
    pthread_mutex_unlock(&log_lock);
  }
  if (interrupted) {
    pthread_mutex_lock(&log_lock);
    fputs("interrupted\n", stderr);
    pthread_mutex_unlock(&log_lock);
  }
  return 0;
}
