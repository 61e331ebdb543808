// A forked copy of the program moves to a session of its own and waits on a
// semaphore nobody posts, while main waits for a second one: every thread is
// blocked (deadlock.stall). The execution ends there, and the copy, outside
// the execution's process group, must end with it rather than stay parked in
// tangle's runtime forever. The twin posts both: clean.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.stall %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/leftovers.py %t.stall %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.posted %tangle check %s --no-lint --format json -- -DPOSTED > %t.posted.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=POSTED --input-file %t.posted.json
// RUN: %python %S/../Inputs/leftovers.py %t.posted %t.tmp
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// POSTED-DAG: "verdict":{{ ?}}"clean"
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  sem_t *s = mmap(0, 2 * sizeof(sem_t), PROT_READ | PROT_WRITE,
                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  sem_init(&s[0], 1, 0);
  sem_init(&s[1], 1, 0);
  pid_t copy = fork();
  if (copy == 0) {
    setsid();
#ifdef POSTED
    sem_post(&s[1]);
#endif
    sem_wait(&s[0]);
    _exit(0);
  }
#ifdef POSTED
  sem_post(&s[0]);
#endif
  sem_wait(&s[1]);
  waitpid(copy, 0, 0);
  return 0;
}
