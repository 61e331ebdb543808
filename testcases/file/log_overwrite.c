// Twin of append_log.c without O_APPEND: each thread seeks to the end it
// saw and writes there, so both can write at the same offset and one line is
// lost. Unordered writes without O_APPEND are race.file.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json race.file > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.file"
// CHECK-DAG: "object":{{ ?}}"events.log"
// CHECK-DAG: "op":{{ ?}}"writes"
// REPLAY-DAG: "id":{{ ?}}"race.file"
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#define LOG "events.log"

static void *worker(void *arg) {
  const char *line = arg;
  int fd = open(LOG, O_WRONLY);
  lseek(fd, 0, SEEK_END);
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
