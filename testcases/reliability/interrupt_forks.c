// Six processes take turns on a semaphore in shared memory: far too many
// interleavings to explore them all in a test. Interrupting tangle must give
// the partial report (verdict incomplete, stopped by "interrupted", in the
// chosen format) with exit 128 + the signal, and leave no process of the
// program and no temporary folder behind, even after SIGKILL. With two
// processes (the twin) the exploration ends on its own, clean.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: %python %S/../Inputs/interrupt.py --signal INT --when exploring --mark %t.int --tmpdir %t.tmp --out %t.int.json -- %tangle check %s --no-lint --format json; test $? -eq 130
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.int.json
// RUN: %python %S/../Inputs/leftovers.py %t.int %t.tmp
// RUN: %python %S/../Inputs/interrupt.py --signal TERM --when exploring --mark %t.term --tmpdir %t.tmp --out %t.term.txt -- %tangle check %s --no-lint; test $? -eq 143
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.term.txt
// RUN: %python %S/../Inputs/leftovers.py %t.term %t.tmp
// RUN: %python %S/../Inputs/interrupt.py --signal KILL --when exploring --mark %t.kill --tmpdir %t.tmp --out %t.kill.txt -- %tangle check %s --no-lint; test $? -eq 137
// RUN: %python %S/../Inputs/leftovers.py %t.kill %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.two %tangle check %s --no-lint --format json -- -DPROCESSES=2 > %t.two.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TWO --input-file %t.two.json
// RUN: %python %S/../Inputs/leftovers.py %t.two %t.tmp
//
// JSON-DAG: "verdict":{{ ?}}"incomplete"
// JSON-DAG: "stopped_by":{{ ?}}"interrupted"
// JSON-DAG: "complete":{{ ?}}false
// TEXT: tangle: incomplete: no findings in {{[0-9]+}} execution{{s?}}, stopped by interrupted
// TWO-DAG: "verdict":{{ ?}}"clean"
// TWO-DAG: "complete":{{ ?}}true
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PROCESSES
#define PROCESSES 6
#endif

struct shared {
  sem_t lock;
  int count;
};

int main(void) {
  struct shared *s = mmap(0, sizeof *s, PROT_READ | PROT_WRITE,
                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  sem_init(&s->lock, 1, 1);
  for (int i = 0; i < PROCESSES; i++) {
    if (fork() == 0) {
      for (int j = 0; j < 3; j++) {
        sem_wait(&s->lock);
        s->count++;
        sem_post(&s->lock);
      }
      _exit(0);
    }
  }
  for (int i = 0; i < PROCESSES; i++)
    wait(0);
  return 0;
}
