// An approximate statistics counter that two threads bump without a lock,
// on purpose: a data race the program accepts. Three ways to say so, each
// leaving every other finding alone:
// - tangle_ignore_begin()/tangle_ignore_end() from tangle/sync.h around the
//   accepted accesses (here, without -DNO_ANNOTATION): clean;
// - --suppressions FILE with `race.data:bump_stats` (a function glob) or
//   `race.*:ignore_annotations.c` (a file): clean, "1 finding suppressed";
// - a suppression for another id or another function leaves the race.
// A missing or malformed suppressions file is a one-line usage error.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --check-prefix=CLEAN --input-file %t.json
// CLEAN-DAG: "verdict":{{ ?}}"clean"
// CLEAN-DAG: "complete":{{ ?}}true
// CLEAN-DAG: "races_checked":{{ ?}}true
//
// RUN: %tangle check %s --no-lint --format json -- -DNO_ANNOTATION > %t.race.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=RACE --input-file %t.race.json
// RACE: "id":{{ ?}}"race.data"
//
// RUN: echo '# accepted: approximate statistics' > %t.by-function
// RUN: echo 'race.data:bump_*' >> %t.by-function
// RUN: %tangle check %s --no-lint --suppressions %t.by-function -- -DNO_ANNOTATION > %t.fn.txt 2>&1
// RUN: FileCheck %s --check-prefix=SUPPRESSED --input-file %t.fn.txt
// SUPPRESSED: note: 1 finding suppressed (--suppressions)
// SUPPRESSED: tangle: clean:
//
// RUN: echo 'race.*:ignore_annotations.c' > %t.by-file
// RUN: %tangle check %s --no-lint --format json --suppressions %t.by-file -- -DNO_ANNOTATION > %t.file.json
// RUN: FileCheck %s --check-prefix=BYFILE --input-file %t.file.json
// BYFILE-DAG: "verdict":{{ ?}}"clean"
// BYFILE-DAG: "suppressed":{{ ?}}1
//
// RUN: echo 'deadlock.*:bump_stats' > %t.other
// RUN: echo 'race.data:main' >> %t.other
// RUN: %tangle check %s --no-lint --format json --suppressions %t.other -- -DNO_ANNOTATION > %t.other.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=RACE --input-file %t.other.json
//
// RUN: %tangle check %s --suppressions %t.missing > %t.err1 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.err1
// MISSING: tangle: error: cannot read the suppressions file {{.*}}missing
// RUN: echo 'race.data' > %t.bad
// RUN: %tangle check %s --suppressions %t.bad > %t.err2 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=BAD --input-file %t.err2
// BAD: tangle: error: {{.*}}.bad:1: expected 'id:function-or-file'
#include <tangle/sync.h>

#include <pthread.h>

long stats_hits; // approximate on purpose

void bump_stats(void) {
#ifndef NO_ANNOTATION
  tangle_ignore_begin();
#endif
  stats_hits++;
#ifndef NO_ANNOTATION
  tangle_ignore_end();
#endif
}

void *worker(void *arg) {
  bump_stats();
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
