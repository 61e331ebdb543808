// kill_self_handler_locks.c with the signal sent after main's unlock: the
// handler runs in main (no other thread can take the signal) and takes the
// free lock. A worker that ran before and was joined does not matter.
// Clean, every interleaving explored (--no-lint: the static check warns,
// rightly, that a handler locking m is fragile; the exploration is tested).
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s --no-lint > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int handled;

static void onUsr1(int sig) {
  (void)sig;
  pthread_mutex_lock(&m);
  handled++;
  pthread_mutex_unlock(&m);
}

static void *worker(void *arg) {
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  signal(SIGUSR1, onUsr1);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  kill(getpid(), SIGUSR1);
  return handled == 1 ? 0 : 1;
}
