// A program that creates a pid file with O_EXCL and never removes it: the
// first execution creates it and starts a helper thread, every later one
// finds it and does not. Replaying a schedule then departs from what the
// first run did: program.nondeterministic at the first call that differs
// (the lock instead of the create), the verdict incomplete (stopped by
// "nondeterministic"), not an exploration error (exit 4) or a crash.
// Twin: pid_file_removed.c.
//
// RUN: rm -f %t.pid; %clang -g -O0 -pthread -DPID_FILE='"%t.pid"' %s -o %t.bin
// RUN: %tangle check --format json -- %t.bin > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: rm -f %t.pid; %tangle check -- %t.bin > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "id":{{ ?}}"program.nondeterministic"
// CHECK-DAG: "complete":{{ ?}}false
// CHECK-DAG: "stopped_by":{{ ?}}"nondeterministic"
// TEXT: error: the program does not repeat its behaviour: under the same schedule, at step {{[0-9]+}} it did lock, where the earlier execution did create [program.nondeterministic]
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  int fd = open(PID_FILE, O_CREAT | O_EXCL | O_WRONLY, 0644);
  if (fd >= 0) {
    pthread_t u;
    pthread_create(&u, NULL, worker, NULL);
    pthread_join(u, NULL);
    close(fd);
#ifdef REMOVE
    unlink(PID_FILE);
#endif
  }
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_join(t, NULL);
  return 0;
}
