// --shard I/N and tangle merge, the clean twin of philosophers.c: each
// philosopher takes the lower-numbered fork first. Three shards each prove
// their part clean; merged, the report is clean and complete in exactly the
// unsharded run's executions (every interleaving once, in one shard). Each
// shard also ran the same few executions to split the tree, reported apart
// (prefix_executions).
//
// RUN: %tangle check %s --no-lint --strategy dpor --format json > %t.all.json
// RUN: %tangle check %s --no-lint --strategy dpor --shard 1/3 --format json > %t.1.json
// RUN: %tangle check %s --no-lint --strategy dpor --shard 2/3 --format json > %t.2.json
// RUN: %tangle check %s --no-lint --strategy dpor --shard 3/3 --format json > %t.3.json
// RUN: FileCheck %s --check-prefix=SHARD --input-file %t.2.json
// RUN: %tangle merge --format json %t.3.json %t.1.json %t.2.json > %t.merged.json
// RUN: FileCheck %s --check-prefix=MERGED --input-file %t.merged.json
// RUN: %python -c "import json,sys; a,m=(json.load(open(p)) for p in sys.argv[1:]); e=lambda r: r['explored']['executions']; p=m['shards']['parts']; sys.exit(not (e(a)==e(m)==sum(x['executions'] for x in p) and all(x['executions']>0 for x in p) and m['explored']['complete'] and m['findings']==[]))" %t.all.json %t.merged.json
// A text report too:
// RUN: %tangle merge %t.1.json %t.2.json %t.3.json > %t.merged.txt
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.merged.txt
//
// A missing shard: the merge is incomplete (exit 3) and says which part
// is missing.
// RUN: %tangle merge --format json %t.1.json %t.3.json > %t.missing.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.missing.json
// RUN: %tangle merge %t.1.json %t.3.json > %t.missing.txt; test $? -eq 3
// RUN: FileCheck %s --check-prefix=MISSING-TEXT --input-file %t.missing.txt
//
// Reports that do not belong together are one line and exit 2: a shard
// given twice, a shard of another run (other options), a corrupt file, a
// report that is not a shard's; --shard with --preemption-bound.
// RUN: %tangle merge %t.1.json %t.2.json %t.1.json > %t.twice.txt 2>&1; test $? -eq 2
// RUN: %tangle check %s --no-lint --strategy dpor --retry-bound 3 --shard 3/3 --format json > %t.other.json
// RUN: %tangle merge %t.1.json %t.2.json %t.other.json > %t.other.txt 2>&1; test $? -eq 2
// RUN: head -c 100 %t.2.json > %t.corrupt.json
// RUN: %tangle merge %t.1.json %t.corrupt.json %t.3.json > %t.corrupt.txt 2>&1; test $? -eq 2
// RUN: %tangle merge %t.all.json > %t.unsharded.txt 2>&1; test $? -eq 2
// RUN: %tangle merge > %t.none.txt 2>&1; test $? -eq 2
// RUN: %tangle check %s --no-lint --shard 3/2 > %t.bad.txt 2>&1; test $? -eq 2
// RUN: %tangle check %s --no-lint --shard 1/2 --preemption-bound 1 > %t.bound.txt 2>&1; test $? -eq 2
// RUN: cat %t.twice.txt %t.other.txt %t.corrupt.txt %t.unsharded.txt %t.none.txt %t.bad.txt %t.bound.txt > %t.errors.txt
// RUN: FileCheck %s --check-prefix=ERRORS --input-file %t.errors.txt
//
// SHARD-DAG: "verdict": "clean"
// SHARD-DAG: "index": 2
// SHARD-DAG: "count": 3
// SHARD-DAG: "fingerprint": "{{[0-9a-f]+}}"
// SHARD-DAG: "prefix_executions": {{[1-9][0-9]*}}
// MERGED-DAG: "verdict": "clean"
// MERGED-DAG: "complete": true
// MERGED-DAG: "findings": []
// MERGED-DAG: "missing": []
// TEXT: tangle: clean: 0 findings in 3 of 3 shards ({{[0-9]+}} executions in all, each shard also ran {{[0-9]+}} to split the tree): every interleaving explored
// MISSING-DAG: "verdict": "incomplete"
// MISSING-DAG: "stopped_by": "missing-shards"
// MISSING-DAG: "limit": "shard 2/3 is missing: its part of the interleavings was not explored"
// MISSING-TEXT: note: shards missing: 2/3; their parts of the interleavings were not explored
// MISSING-TEXT: tangle: incomplete: 0 findings in 2 of 3 shards
// ERRORS: tangle: error: {{.*}}.1.json and {{.*}}.1.json are both shard 1/3
// ERRORS-NEXT: tangle: error: {{.*}}.other.json is a shard of another run than {{.*}}.1.json: another program, input or options, or another number of shards (fingerprint {{[0-9a-f]+}} of 3 shards, not {{[0-9a-f]+}} of 3)
// ERRORS-NEXT: tangle: error: {{.*}}.corrupt.json is not JSON ({{.*}})
// ERRORS-NEXT: tangle: error: {{.*}}.all.json is not the report of a shard (tangle check --shard I/N --format json)
// ERRORS-NEXT: tangle: error: expected 'tangle merge REPORT.json...', the JSON reports of tangle check --shard I/N --format json
// ERRORS-NEXT: tangle: error: --shard expects I/N, a part I from 1 to N of N parts (at most 10000), got '3/2'
// ERRORS-NEXT: tangle: error: --shard and --preemption-bound do not go together yet: the parts of a sharded run start at any number of preemptions
#include <pthread.h>
#include <stdint.h>

#define N 4

static pthread_mutex_t fork_[N];

static void *philosopher(void *arg) {
  int i = (int)(intptr_t)arg;
  int first = i < (i + 1) % N ? i : (i + 1) % N;
  int second = i < (i + 1) % N ? (i + 1) % N : i;
  pthread_mutex_lock(&fork_[first]);
  pthread_mutex_lock(&fork_[second]);
  pthread_mutex_unlock(&fork_[second]);
  pthread_mutex_unlock(&fork_[first]);
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
