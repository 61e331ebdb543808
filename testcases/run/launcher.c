// bin/tangle is a launcher that links no LLVM, clang or Z3 (docs/runtime.md,
// "The launcher"): `tangle run --no-predict -- ./program` runs and watches
// the program without loading them, and reports a clean end itself; a run
// with something to explain is handed over to libexec/tangle-full.
//
// The launcher links none of those libraries (it is linked statically: no
// dynamic section; a dynamic one would name them in NEEDED entries):
// RUN: readelf -d %tangle > %t.ldd 2>&1
// RUN: FileCheck %s --check-prefix=LDD --input-file %t.ldd --implicit-check-not=libLLVM --implicit-check-not=libclang --implicit-check-not=libz3
//
// A clean run ends with the exit status of the program, in the same words
// as the full tangle's (--format text is not for the launcher: the same run
// goes to tangle-full); only the seconds differ:
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.clean
// RUN: %tangle run --no-predict -- %t.clean 7 > %t.fast.txt 2>&1; test $? -eq 0
// RUN: %tangle run --no-predict --format text -- %t.clean 7 > %t.full.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --check-prefix=CLEAN --input-file %t.fast.txt
// RUN: sed 's/, [0-9.]* s)/, S)/' %t.fast.txt > %t.fast.norm
// RUN: sed 's/, [0-9.]* s)/, S)/' %t.full.txt > %t.full.norm
// RUN: diff %t.fast.norm %t.full.norm
//
// The same with the ThreadSanitizer hooks of tangle's runtime (the note
// that record mode does not check memory accesses):
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -fsanitize=thread -fno-sanitize-link-runtime %s %rtlib -Wl,-rpath,$(dirname %rtlib) -o %t.hooks
// RUN: %tangle run --no-predict -- %t.hooks > %t.hooks.txt 2>&1
// RUN: %tangle run --no-predict --format text -- %t.hooks > %t.hooks-full.txt 2>&1
// RUN: FileCheck %s --check-prefix=HOOKS --input-file %t.hooks.txt
// RUN: sed 's/, [0-9.]* s)/, S)/' %t.hooks.txt > %t.hooks.norm
// RUN: sed 's/, [0-9.]* s)/, S)/' %t.hooks-full.txt > %t.hooks-full.norm
// RUN: diff %t.hooks.norm %t.hooks-full.norm
//
// The launcher alone, with the runtime but without tangle-full beside it:
// a clean run needs nothing more; a real deadlock needs tangle-full to be
// explained, so it says it is missing (exit 4).
// RUN: rm -rf %t.alone && mkdir -p %t.alone/bin %t.alone/lib
// RUN: cp %tangle %t.alone/bin/tangle && ln -s %rtlib %t.alone/lib/libtangle_rt.so
// RUN: %t.alone/bin/tangle run --no-predict --hang-after 1 -- %t.clean 7 > %t.alone.txt 2>&1
// RUN: FileCheck %s --check-prefix=CLEAN --input-file %t.alone.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DABBA %s -o %t.abba
// RUN: %t.alone/bin/tangle run --no-predict --hang-after 1 -- %t.abba > %t.alone-abba.txt 2>&1; test $? -eq 4
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.alone-abba.txt
//
// With tangle-full, the launcher hands the deadlocked run over: the report
// is the full one, both mutexes and threads named, and no process is left.
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.abba-mark %tangle run --no-predict --hang-after 1 -- %t.abba > %t.abba.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=ABBA --input-file %t.abba.txt
// RUN: %python %S/../Inputs/leftovers.py %t.abba-mark %t.tmp
//
// A crash is handed over too (the full tangle names the line):
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DCRASH %s -o %t.crash
// RUN: %tangle run --no-predict -- %t.crash > %t.crash.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=CRASH --input-file %t.crash.txt
//
// The launcher ignores a hand-over value it did not set itself, and the
// full tangle refuses a malformed one in one line (exit 4):
// RUN: env TANGLE_RUN_HANDOFF=garbage %t.alone/bin/tangle run --no-predict -- %t.clean 7 > %t.env.txt 2>&1
// RUN: FileCheck %s --check-prefix=CLEAN --input-file %t.env.txt
// RUN: env TANGLE_RUN_HANDOFF=garbage $(dirname %tangle)/../libexec/tangle-full run --no-predict -- %t.clean > %t.bad.txt 2>&1; test $? -eq 4
// RUN: FileCheck %s --check-prefix=BAD --input-file %t.bad.txt
//
// LDD: {{There is no dynamic section in this file|Shared library: \[libc.so}}
//
// CLEAN-NOT: error
// CLEAN: tangle: no hang in this run: the program exited with status 7 ({{[0-9]+}} events of 3 threads recorded, {{[0-9.]+}} s); one run proves nothing about other interleavings (tangle check explores them)
//
// HOOKS: note: data races were not checked: record mode does not check memory accesses yet (tangle check FILE.c does)
// HOOKS-NEXT: tangle: no hang in this run: the program exited with status 0
//
// BAD: tangle: error: malformed TANGLE_RUN_HANDOFF (set only by tangle's launcher)
//
// MISSING: tangle: error: cannot run {{.*}}/libexec/tangle-full: No such file or directory; rebuild or reinstall tangle
//
// ABBA: launcher.c:[[#]]:{{[0-9]+}}: error: deadlock: thread {{[12]}} waits for {{accounts|audit}} held by thread {{[12]}}, which waits for {{accounts|audit}} held by thread {{[12]}} [deadlock.cycle]
// ABBA-DAG: note: thread {{[12]}} (worker) holds accounts, locked here
// ABBA-DAG: note: thread {{[12]}} (worker) holds audit, locked here
// ABBA: tangle: bugs: 1 finding in one recorded run
//
// CRASH: launcher.c:[[#]]:{{[0-9]+}}: error: {{.*}}[program.crash]
// CRASH: tangle: bugs: 1 finding in one recorded run
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t audit = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t both_locked;
int total;

void *worker(void *arg) {
#ifdef ABBA
  int second = arg != 0;
  pthread_mutex_lock(second ? &audit : &accounts);
  pthread_barrier_wait(&both_locked);
  pthread_mutex_lock(second ? &accounts : &audit);
  pthread_mutex_unlock(second ? &accounts : &audit);
  pthread_mutex_unlock(second ? &audit : &accounts);
#else
  for (int i = 0; i < 1000; ++i) {
    pthread_mutex_lock(&accounts);
    ++total;
    pthread_mutex_unlock(&accounts);
  }
#endif
  return 0;
}

int main(int argc, char **argv) {
  pthread_t t1, t2;
  pthread_barrier_init(&both_locked, 0, 2);
  pthread_create(&t1, 0, worker, 0);
  pthread_create(&t2, 0, worker, (void *)1);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
#ifdef CRASH
  *(volatile int *)0 = total;
#endif
  return argc > 1 ? atoi(argv[1]) : 0;
}
