// The worker reads from a socket that nobody writes to: it sleeps in the
// kernel, in a call tangle does not model, and nothing tangle schedules
// can wake it. tangle notices the thread asleep outside any visible
// operation and says "incomplete", naming the call and its line, instead of
// waiting out the execution timeout and calling it a hang.
// socket_written.c writes the byte first.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"unmodelled-call"
// CHECK-DAG: "limit":{{ ?}}"thread 1 is blocked in the system call read, which tangle does not model
// CHECK-DAG: "limit_at":
// CHECK-NOT: "program.hang"
// TEXT-NOT: program.hang
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

int fds[2];

void *worker(void *arg) {
  char c;
  // TEXT: socket_read.c:[[@LINE+1]]:{{[0-9]+}}: note: thread 1 is blocked in the system call read
  read(fds[0], &c, 1);
  return NULL;
}

int main(void) {
  socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
// TEXT: tangle: incomplete: no findings in 1 execution, stopped by unmodelled-call
