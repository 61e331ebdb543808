// --shard I/N and tangle merge: two shards explore disjoint parts of the
// interleavings of four philosophers who each take the left fork first. The
// deadlock (all four hold their left fork) is one interleaving, so it lies
// in one shard's part: that shard finds it, the other proves its own part
// clean. tangle merge reports the deadlock with the verdict and exit code of
// one unsharded run, in as many executions. The clean twin:
// philosophers_ordered.c.
//
// RUN: %tangle check %s --no-lint --strategy dpor --format json > %t.all.json; test $? -eq 1
// RUN: %tangle check %s --no-lint --strategy dpor --shard 1/2 --format json > %t.1.json; echo $? > %t.1.rc
// RUN: %tangle check %s --no-lint --strategy dpor --shard 2/2 --format json > %t.2.json; echo $? > %t.2.rc
// One shard found the deadlock (exit 1), the other not (exit 0: its part is
// clean):
// RUN: cat %t.1.rc %t.2.rc | sort | tr '\n' ' ' > %t.rcs
// RUN: FileCheck %s --check-prefix=RCS --input-file %t.rcs
// RUN: %tangle merge --format json %t.1.json %t.2.json > %t.merged.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=MERGED --input-file %t.merged.json
// The merged report has the unsharded run's findings and executions:
// RUN: %python -c "import json,sys; a,m=(json.load(open(p)) for p in sys.argv[1:]); f=lambda r: sorted(x['id'] for x in r['findings']); sys.exit(not (f(a)==f(m)==['deadlock.cycle'] and a['explored']['executions']==m['explored']['executions'] and m['explored']['complete']))" %t.all.json %t.merged.json
// The order of the reports does not matter; text names the shard:
// RUN: %tangle merge %t.2.json %t.1.json > %t.merged.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.merged.txt
// Without shard 2 the deadlock still counts, but not every interleaving was
// explored (the exit code is 1 for the finding either way):
// RUN: %tangle merge --format json %t.1.json > %t.half.json; echo $? > %t.half.rc
// RUN: FileCheck %s --check-prefix=HALF --input-file %t.half.json
//
// RCS: 0 1
// MERGED-DAG: "command": "merge"
// MERGED-DAG: "verdict": "bugs"
// MERGED-DAG: "complete": true
// MERGED-DAG: "id": "deadlock.cycle"
// MERGED-DAG: "missing": []
// TEXT: philosophers.c:[[@LINE+15]]:{{[0-9]+}}: error: {{.*}}[deadlock.cycle] (shard {{[12]}}/2)
// TEXT: tangle: bugs: 1 finding in 2 of 2 shards ({{[0-9]+}} executions in all, each shard also ran {{[0-9]+}} to split the tree): every interleaving explored
// HALF-DAG: "complete": false
// HALF-DAG: "stopped_by": "missing-shards"
// HALF-DAG: "limit": "shard 2/2 is missing: its part of the interleavings was not explored"
#include <pthread.h>
#include <stdint.h>

#define N 4

static pthread_mutex_t fork_[N];

static void *philosopher(void *arg) {
  int i = (int)(intptr_t)arg;
  pthread_mutex_lock(&fork_[i]);
  pthread_mutex_lock(&fork_[(i + 1) % N]);
  pthread_mutex_unlock(&fork_[(i + 1) % N]);
  pthread_mutex_unlock(&fork_[i]);
  return 0;
}

int main(void) {
  pthread_t t[N];
  for (int i = 0; i < N; ++i)
    pthread_mutex_init(&fork_[i], 0);
  for (intptr_t i = 0; i < N; ++i)
    pthread_create(&t[i], 0, philosopher, (void *)i);
  for (int i = 0; i < N; ++i)
    pthread_join(t[i], 0);
  return 0;
}
