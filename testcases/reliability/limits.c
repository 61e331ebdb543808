// Per-run limits for untrusted programs. A program that runs into one is
// stopped there and the run is incomplete, naming the limit (exit 3): a
// limit is never a finding, although what the program does next (a null
// pointer from malloc, a failed assertion) would look like one. Each twin
// stays under its limit: clean.
//
// RUN: rm -rf %t.tmp %t.dir && mkdir -p %t.tmp %t.dir && cd %t.dir
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --limit-file-size 1M -- -DFILE_MB=4 > %t.fsize.json; test $? -eq 3
// RUN: FileCheck %s --check-prefixes=LIMIT,FSIZE --input-file %t.fsize.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --limit-file-size 8M -- -DFILE_MB=4 > %t.fsize-ok.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=CLEAN --input-file %t.fsize-ok.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --limit-memory 300M -- -DMEMORY_MB=600 > %t.mem.json; test $? -eq 3
// RUN: FileCheck %s --check-prefixes=LIMIT,MEM --input-file %t.mem.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --limit-memory 300M -- -DMEMORY_MB=16 > %t.mem-ok.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=CLEAN --input-file %t.mem-ok.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --limit-open-files 20 -- -DFILES=40 > %t.files.json; test $? -eq 3
// RUN: FileCheck %s --check-prefixes=LIMIT,FILES --input-file %t.files.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --limit-open-files 64 -- -DFILES=40 > %t.files-ok.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=CLEAN --input-file %t.files-ok.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --limit-cpu 1 --execution-timeout 600 -- -DSPIN=1000000000000ULL > %t.cpu.json; test $? -eq 3
// RUN: FileCheck %s --check-prefixes=LIMIT,CPU --input-file %t.cpu.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --limit-cpu 60 -- -DSPIN=1000 > %t.cpu-ok.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=CLEAN --input-file %t.cpu-ok.json
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
// RUN: test ! -e %t.dir/big.out && test -z "$(ls %t.dir)"
//
// LIMIT-DAG: "verdict":{{ ?}}"incomplete"
// LIMIT-DAG: "findings":{{ ?}}[]
// FSIZE-DAG: "stopped_by":{{ ?}}"file-size-limit"
// MEM-DAG: "stopped_by":{{ ?}}"memory-limit"
// FILES-DAG: "stopped_by":{{ ?}}"open-files-limit"
// CPU-DAG: "stopped_by":{{ ?}}"cpu-limit"
// CLEAN-DAG: "verdict":{{ ?}}"clean"
// CLEAN-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *work(void *arg) {
#ifdef FILE_MB
  // Writes FILE_MB MiB (the limit makes the kernel send SIGXFSZ).
  FILE *f = fopen("big.out", "w");
  assert(f);
  static char block[1 << 20];
  memset(block, 'x', sizeof block);
  for (int i = 0; i < FILE_MB; i++)
    fwrite(block, 1, sizeof block, f);
  fclose(f);
  remove("big.out");
#endif
#ifdef MEMORY_MB
  char *p = malloc((size_t)MEMORY_MB << 20);
  assert(p); // fails under the limit: the limit's doing, not a finding
  memset(p, 1, (size_t)MEMORY_MB << 20);
  free(p);
#endif
#ifdef FILES
  FILE *open[FILES];
  for (int i = 0; i < FILES; i++) {
    open[i] = fopen("/dev/null", "r");
    assert(open[i]);
  }
  for (int i = 0; i < FILES; i++)
    fclose(open[i]);
#endif
#ifdef SPIN
  // CPU time (SIGXCPU at the limit).
  volatile unsigned long long n = 0;
  while (n < (unsigned long long)SPIN)
    n++;
#endif
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, work, 0);
  pthread_join(t, 0);
  return 0;
}
