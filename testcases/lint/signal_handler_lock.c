// A SIGINT handler that logs under the same mutex the main loop takes: if
// the signal arrives while main holds log_lock, the handler waits for a
// lock its own thread cannot release. It also counts signals in a plain
// int that main reads. Clean twin: signal_handler_flag.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int interrupts;

static void on_sigint(int sig) {
  // CHECK: :[[@LINE+3]]:3: warning: signal handler 'on_sigint' locks 'log_lock', which main thread also locks; if the signal arrives while main thread holds it, the handler waits forever for its own thread [tangle-signal-handler-lock]
  // CHECK-NEXT: :[[@LINE+17]]:3: note: signal handler 'on_sigint' is installed here
  // CHECK-NEXT: :[[@LINE+18]]:5: note: 'log_lock' is locked here in main thread
  pthread_mutex_lock(&log_lock);
  fputs("interrupted\n", stderr);
  pthread_mutex_unlock(&log_lock);
  // CHECK: :[[@LINE+1]]:3: warning: 'interrupts' is written in signal handler 'on_sigint' and read in main thread; a signal handler interrupts at any point, so it must be volatile sig_atomic_t or a lock-free atomic [tangle-shared-global-unlocked]
  interrupts++;
}

static void report(const char *what) {
  pthread_mutex_lock(&log_lock);
  fputs(what, stderr);
  pthread_mutex_unlock(&log_lock);
}

int main(void) {
  report("before\n"); // before the handler is installed: not interrupted
  signal(SIGINT, on_sigint);
  for (int i = 0; i < 1000 && interrupts == 0; i++) {
    pthread_mutex_lock(&log_lock);
    fputs("working\n", stderr);
    pthread_mutex_unlock(&log_lock);
  }
  return 0;
}
