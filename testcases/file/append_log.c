// Two threads append lines to one log file opened with O_APPEND. Each
// write(2) with O_APPEND moves to the end and writes in one step, so the
// lines may come in either order but none overwrites another: tangle does
// not report appends against appends (docs/races.md). Compare
// log_overwrite.c, which writes at an offset and loses a line.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#define LOG "events.log"

static void *worker(void *arg) {
  const char *line = arg;
  int fd = open(LOG, O_WRONLY | O_APPEND);
  write(fd, line, strlen(line));
  close(fd);
  return NULL;
}

int main(void) {
  close(open(LOG, O_CREAT | O_TRUNC | O_WRONLY, 0644));
  pthread_t t1, t2;
  pthread_create(&t1, NULL, worker, "one\n");
  pthread_create(&t2, NULL, worker, "two\n");
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
