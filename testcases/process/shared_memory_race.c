// Parent and child both add to a counter in a MAP_SHARED mapping, with no
// lock: the two read-modify-writes race, and one increment can be lost.
// Their private variable `local` is copied by fork and does not race.
// Fix: shared_memory_locked.c (a process-shared semaphore as the lock).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json race.data > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// REPLAY: "id":{{ ?}}"race.data"
// TEXT: error: data race on memory at {{.*}}: process 1 (forked by main thread) writes it at {{.*}}shared_memory_race.c:[[@LINE+22]]{{.*}} while main thread writes it at {{.*}}shared_memory_race.c:[[@LINE+32]] {{.*}}[race.data]
// TEXT-NOT: local
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct shared {
  sem_t lock;
  int counter;
};

int main(void) {
  struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE,
                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  sem_init(&s->lock, 1, 1);
  int local = 0;
  pid_t pid = fork();
  if (pid == 0) {
#ifdef LOCKED
    sem_wait(&s->lock);
#endif
    s->counter += 1;
#ifdef LOCKED
    sem_post(&s->lock);
#endif
    local += 1;
    return 0;
  }
#ifdef LOCKED
  sem_wait(&s->lock);
#endif
  s->counter += 1;
#ifdef LOCKED
  sem_post(&s->lock);
#endif
  local += 1;
  waitpid(pid, NULL, 0);
  return s->counter == 2 ? 0 : 1;
}
