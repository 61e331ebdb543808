// main holds m and signals its own process; its SIGUSR1 handler locks m too.
// No other thread can take the signal, so it is delivered to main before
// kill returns, as raise's would be: the handler runs in main, as a context
// of the thread it interrupts, and waits for the lock main holds.
// Twin: kill_self_handler.c (the signal is sent after the unlock).
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.self-deadlock"
// CHECK-DAG: "complete":{{ ?}}true
// TEXT: kill_self_handler_locks.c:[[@LINE+9]]:3: error: main thread locks m, which it already holds{{.*}}[lock.self-deadlock]
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void onUsr1(int sig) {
  (void)sig;
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
}

int main(void) {
  signal(SIGUSR1, onUsr1);
  pthread_mutex_lock(&m);
  kill(getpid(), SIGUSR1);
  pthread_mutex_unlock(&m);
  return 0;
}
