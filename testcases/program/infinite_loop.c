// A thread that spins forever under every schedule. tangle must not hang:
// the per-execution limit (--execution-timeout) stops the execution and
// reports a program.hang; that execution's continuation is unexplored, so
// exploration is not complete. Twin: spin_bounded.c.
// (`timeout 120` only turns a hang of tangle into a clear failure.)
//
// RUN: timeout 120 %tangle check %s --format json --execution-timeout 1 > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.hang"
// CHECK-DAG: "complete":{{ ?}}false
// RUN: timeout 120 %tangle check %s --execution-timeout 1 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
#include <pthread.h>

volatile int spinning = 1;

void *spin(void *arg) {
  // The report points here: where the thread was when time ran out.
  // TEXT: infinite_loop.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[program.hang]
  while (spinning) {
    // nobody ever clears the flag
  }
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, spin, NULL);
  pthread_join(t, NULL);
  return 0;
}
