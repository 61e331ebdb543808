// The summary of a run counts threads and processes apart: main starts one
// thread and forks 20 children (one thread each), so 22 threads in 21
// processes, where it used to say "of 22 threads" as if the children were
// threads of one process (1,000 children: "of 1001 threads"). The launcher
// (--no-predict), the full tangle (--format text) and prediction's summary
// say it in the same words; JSON adds "processes" beside "threads". A
// program that does not fork keeps "of 2 threads recorded" (-DNOFORK).
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict -- %t.bin > %t.fast.txt 2>&1
// RUN: FileCheck %s --input-file %t.fast.txt
// RUN: %tangle run --no-predict --format text --trace %t.trace -- %t.bin > %t.full.txt 2>&1
// RUN: FileCheck %s --input-file %t.full.txt
// RUN: %tangle run --no-predict --format json -- %t.bin > %t.json
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle predict %t.trace > %t.predict.txt 2>&1
// RUN: FileCheck %s --check-prefix=PREDICT --input-file %t.predict.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DNOFORK %s -o %t.nofork
// RUN: %tangle run --no-predict -- %t.nofork > %t.nofork.txt 2>&1
// RUN: FileCheck %s --check-prefix=NOFORK --input-file %t.nofork.txt
//
// CHECK: tangle: no hang in this run: the program exited with status 0 ({{[0-9]+}} events of 22 threads in 21 processes recorded,
// JSON: "processes": 21,
// JSON: "threads": 22
// PREDICT: ({{[0-9]+}} events of 22 threads in 21 processes recorded,
// NOFORK: ({{[0-9]+}} events of 2 threads recorded,
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef NOFORK
enum { Children = 0 };
#else
enum { Children = 20 };
#endif

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int counter;

void *work(void *arg) {
  pthread_mutex_lock(&m);
  ++counter;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t helper;
  pthread_create(&helper, 0, work, 0);
  pthread_join(helper, 0);
  for (int i = 0; i < Children; ++i) {
    pid_t child = fork();
    if (child == 0) {
      work(0);
      _exit(0);
    }
    waitpid(child, 0, 0);
  }
  return 0;
}
