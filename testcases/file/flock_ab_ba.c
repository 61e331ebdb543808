// AB/BA with file locks: thread 1 flocks a.txt then b.txt, thread 2 b.txt
// then a.txt, each on descriptors it opened itself. If each gets its first
// lock before the other's second, both wait forever. Fix:
// flock_same_order.c.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// REPLAY-DAG: "id":{{ ?}}"deadlock.cycle"
// TEXT-DAG: error: deadlock: thread {{[12]}} waits for flock on {{[ab]}}.txt held by thread {{[12]}}, which waits for flock on {{[ab]}}.txt held by thread {{[12]}} [deadlock.cycle]
// TEXT-DAG: note: thread {{[12]}} (t{{[12]}}) waits here to lock flock on {{[ab]}}.txt, held by thread {{[12]}}
// TEXT-DAG: {{[0-9]+}}  thread {{[12]}} (t{{[12]}})  flock(LOCK_EX) flock on {{[ab]}}.txt
// TEXT-DAG: note: fix: Make every thread take these file locks in one global order (for example always lock flock on a.txt before flock on b.txt)
#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <unistd.h>

static void lock_both(const char *first, const char *second) {
  int a = open(first, O_RDWR);
  int b = open(second, O_RDWR);
  flock(a, LOCK_EX);
  flock(b, LOCK_EX);
  flock(b, LOCK_UN);
  flock(a, LOCK_UN);
  close(b);
  close(a);
}

static void *t1(void *arg) {
  lock_both("a.txt", "b.txt");
  return NULL;
}

static void *t2(void *arg) {
  lock_both("b.txt", "a.txt");
  return NULL;
}

int main(void) {
  close(open("a.txt", O_CREAT | O_WRONLY, 0644));
  close(open("b.txt", O_CREAT | O_WRONLY, 0644));
  pthread_t x, y;
  pthread_create(&x, NULL, t1, NULL);
  pthread_create(&y, NULL, t2, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
