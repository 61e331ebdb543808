// A stall whose report's last steps name a thread whose creation they do
// not hold: main starts four workers, joins the first three (they return
// at once) and then the fourth, which waits on a semaphore nobody posts.
// The report shows main's last six steps and the creation of the workers
// involved (thread 4), not of thread 1, whom main joined. Before, a thread
// without a creation among the steps was called "main thread" ("join main
// thread"; found on moodycamel::BlockingConcurrentQueue, docs/bench.md
// "Record mode on real programs"); now only thread 0 is.
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict --hang-after 0.5 -- %t.bin > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: joined_before.c:37:5: error: deadlock: every live thread is blocked: main thread waits to join thread 4 (stuck) and thread 4 waits on semaphore nobody_posts
// CHECK: main thread join thread 1 {{.*}}joined_before.c:37
// CHECK-NOT: join main thread
// CHECK: tangle: bugs: 1 finding
#include <pthread.h>
#include <semaphore.h>

sem_t nobody_posts;

void *quick(void *arg) { return arg; }

void *stuck(void *arg) {
  sem_wait(&nobody_posts);
  return arg;
}

int main(void) {
  pthread_t t[4];
  sem_init(&nobody_posts, 0, 0);
  for (int i = 0; i < 3; ++i)
    pthread_create(&t[i], 0, quick, 0);
  pthread_create(&t[3], 0, stuck, 0);
  for (int i = 0; i < 4; ++i)
    pthread_join(t[i], 0);
  return 0;
}
