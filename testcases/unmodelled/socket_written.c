// The twin of socket_read.c: main writes the byte before it starts the
// worker, so the worker's read returns at once under every schedule and
// no thread ever sleeps outside a visible operation. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

int fds[2];

void *worker(void *arg) {
  char c;
  read(fds[0], &c, 1);
  return NULL;
}

int main(void) {
  socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
  write(fds[1], "x", 1);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
