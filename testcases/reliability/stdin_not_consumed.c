// tangle reads its own standard input only when told (--stdin -): the
// program gets an empty input otherwise, so a loop that feeds file names to
// tangle on its standard input checks every one of them, and a standard
// input that never closes does not hold tangle up. The program fails its
// assertion when its input says "boom"; with --stdin FILE or --stdin - every
// execution reads the same bytes.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: echo boom > %t.boom
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.pipe %tangle check %s --no-lint --format json < %t.boom > %t.pipe.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=EMPTY --input-file %t.pipe.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.pipe %tangle check %s --no-lint --format json --stdin - < %t.boom > %t.dash.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=BOOM --input-file %t.dash.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.pipe %tangle check %s --no-lint --format json --stdin %t.boom > %t.file.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=BOOM --input-file %t.file.json
// RUN: %python %S/../Inputs/leftovers.py %t.pipe %t.tmp
//
// Two file names on standard input, both checked:
// RUN: rm -f %t.loop.json %t.loop.codes
// RUN: (echo %s; echo %S/closed_streams.c) > %t.list
// RUN: while read f; do env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.loop %tangle check "$f" --no-lint --format json >> %t.loop.json; echo "exit $?" >> %t.loop.codes; done < %t.list
// RUN: FileCheck %s --check-prefix=LOOP --input-file %t.loop.codes
// RUN: FileCheck %s --check-prefix=LOOPJSON --input-file %t.loop.json
// RUN: %python %S/../Inputs/leftovers.py %t.loop %t.tmp
//
// A standard input that never closes:
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.open %python %S/../Inputs/open_stdin.py -- %tangle check %s --no-lint > %t.open.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=OPEN --input-file %t.open.txt
// RUN: %python %S/../Inputs/leftovers.py %t.open %t.tmp
// ... and interrupting tangle while it reads one for --stdin -:
// RUN: %python %S/../Inputs/interrupt.py --signal INT --when reading-stdin --mark %t.wait --tmpdir %t.tmp --out %t.wait.json -- %tangle check %s --no-lint --stdin - --format json; test $? -eq 130
// RUN: FileCheck %s --check-prefix=WAIT --input-file %t.wait.json
// RUN: %python %S/../Inputs/leftovers.py %t.wait %t.tmp
//
// EMPTY-DAG: "verdict":{{ ?}}"clean"
// EMPTY-DAG: "complete":{{ ?}}true
// BOOM-DAG: "verdict":{{ ?}}"bugs"
// BOOM-DAG: "id":{{ ?}}"program.assert"
// LOOP: exit 0
// LOOP-NEXT: exit 1
// LOOPJSON: "program": "{{.*}}stdin_not_consumed.c"
// LOOPJSON: "program": "{{.*}}closed_streams.c"
// OPEN: tangle: clean:
// WAIT-DAG: "verdict":{{ ?}}"incomplete"
// WAIT-DAG: "stopped_by":{{ ?}}"interrupted"
// WAIT-DAG: "executions":{{ ?}}0
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

char line[64];

void *reader(void *arg) {
  if (!fgets(line, sizeof line, stdin))
    line[0] = 0;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, reader, 0);
  pthread_join(t, 0);
  assert(strcmp(line, "boom\n") != 0);
  return 0;
}
