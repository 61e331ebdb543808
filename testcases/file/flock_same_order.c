// Clean twin of flock_ab_ba.c: both threads flock a.txt before b.txt.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
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
  lock_both("a.txt", "b.txt");
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
