// A counter in memory from mmap, which has no name to give: one thread
// bumps it atomically, main reads it plainly. The report calls it "memory
// at 0x..." — an atomic operation on the word does not make it some other
// kind of object, and the sentence keeps its noun.
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// CHECK: error: data race on memory at 0x{{[0-9a-f]+}}: thread 1 (bump) atomically writes it {{.*}}[race.data]
// CHECK: note: fix: {{.*}}every access to memory at 0x
#include <pthread.h>
#include <sys/mman.h>

static void *bump(void *arg) {
  __atomic_fetch_add((long *)arg, 1, __ATOMIC_SEQ_CST);
  return NULL;
}

int main(void) {
  long *counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (counter == MAP_FAILED)
    return 1;
  pthread_t t;
  pthread_create(&t, NULL, bump, counter);
  long seen = *counter;
  pthread_join(t, NULL);
  return seen > 1;
}
