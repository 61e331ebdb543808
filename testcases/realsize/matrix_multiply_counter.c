// The parallel matrix multiply of a course's homework: 4 threads each take
// every 4th row of C = A x B (200 x 200 doubles), and each counts itself
// done in a shared global without a lock. The inner loop walks a column of
// B, 1,600 bytes a step: 8 million accesses in all, which filled the access
// log (1 Mi entries) before the first thread was done, so the unlocked
// `done++` was never checked: "clean", with a note that races were checked
// in part. Now each walk down a column is one strided run in the log, each
// walk along a row of A one run (runtime/tsan_interface.cpp, extendedRun):
// about 10,000 entries a thread, nothing left unchecked, and the race on
// `done` is found. The twin counts under a mutex: clean, with no partial
// note either. (Its 24 executions of 8 million accesses take ~10 s here;
// beside two builds and a test run they took more than the default 60 s
// budget and ended incomplete, so both runs get 300.)
//
// RUN: %tangle check %s --no-lint --timeout 300 > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not="checked in part"
// RUN: %tangle check %s --no-lint --timeout 300 -- -DLOCKED > %t.locked.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=LOCKED --input-file %t.locked.txt --implicit-check-not="checked in part"
//
// CHECK: matrix_multiply_counter.c:[[#@LINE+27]]:{{[0-9]+}}: error: data race on done: {{.*}}[race.data]
// CHECK-NOT: error:
// CHECK: tangle: bugs: 1 finding
//
// LOCKED: tangle: clean
#include <pthread.h>
#include <stdio.h>

#define N 200
#define T 4

double A[N][N], B[N][N], C[N][N];
int done;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *multiply(void *arg) {
  long id = (long)arg;
  for (int i = id; i < N; i += T)
    for (int j = 0; j < N; j++) {
      double sum = 0;
      for (int k = 0; k < N; k++)
        sum += A[i][k] * B[k][j];
      C[i][j] = sum;
    }
#ifdef LOCKED
  pthread_mutex_lock(&lock);
#endif
  done++;
#ifdef LOCKED
  pthread_mutex_unlock(&lock);
#endif
  return 0;
}

int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = i + j;
      B[i][j] = i - j;
    }
  pthread_t t[T];
  for (long i = 0; i < T; i++)
    pthread_create(&t[i], 0, multiply, (void *)i);
  for (int i = 0; i < T; i++)
    pthread_join(t[i], 0);
  printf("%f %d\n", C[N - 1][N - 1], done);
  return 0;
}
